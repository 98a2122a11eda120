"""A group's threads and posts (members, as the discussion pages); a read-and-write
token or the browser may reply through the discussions' own service."""

import json
from uuid import UUID

import pydantic
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError, ValidationError
from ninja.pagination import paginate

from kahui.api import schemas
from kahui.api.pagination import Cursor
from kahui.discussions import selectors, services
from kahui.discussions.access import can_moderate, post_readable
from kahui.discussions.models import Thread
from kahui.groups.access import Need, group_for

router = Router(tags=["discussions"])


@router.get(
    "/{group_id}/threads",
    response={200: list[schemas.Thread], **schemas.ERRORS},
    url_name="threads",
)
@paginate(Cursor)
def threads(request: HttpRequest, group_id: UUID):
    """The group's threads (hidden ones too, for its facilitators)."""
    found, access = group_for(request, group_id, Need.MEMBER)
    return selectors.threads_of(
        found, request.user, with_hidden=can_moderate(request.user, found, access)
    )


def _thread(request: HttpRequest, group_id: UUID, thread_id: UUID):
    found, access = group_for(request, group_id, Need.MEMBER)
    thread = get_object_or_404(Thread, group=found, public_id=thread_id)
    return thread, access


@router.get(
    "/{group_id}/threads/{thread_id}/posts",
    response={200: list[schemas.Post], **schemas.ERRORS},
    url_name="posts",
)
@paginate(Cursor)
def posts(request: HttpRequest, group_id: UUID, thread_id: UUID):
    """A thread's posts, oldest first. In a hidden thread, someone who is not a
    facilitator reads only their own posts."""
    thread, access = _thread(request, group_id, thread_id)
    found = thread.posts.select_related("author__profile")
    if not post_readable(access, user=request.user, thread=thread, author_id=None):
        found = found.filter(author=request.user)
    return found


def _reply_body(request: HttpRequest) -> str:
    """The reply's text, read from the JSON body once the caller is known to see the
    thread: 400 when the body is not JSON, 422 when it is not a reply."""
    try:
        data = json.loads(request.body or b"")
    except ValueError as error:
        raise HttpError(400, _('The body must be JSON, such as {"body": "…"}.')) from error
    try:
        return schemas.NewPost.model_validate(data).body
    except pydantic.ValidationError as error:
        raise ValidationError(
            [
                {**detail, "loc": ("body", "payload", *detail["loc"])}
                for detail in error.errors(include_url=False, include_context=False)
            ]
        ) from error


NEW_POST = {
    "required": True,
    "content": {"application/json": {"schema": schemas.NewPost.model_json_schema()}},
}


@router.post(
    "/{group_id}/threads/{thread_id}/posts",
    response={201: schemas.Post, 409: schemas.Error, **schemas.ERRORS},
    url_name="post_create",
    openapi_extra={"requestBody": NEW_POST},
)
def post_create(request: HttpRequest, group_id: UUID, thread_id: UUID):
    """Reply in a thread (a read-and-write token, or the browser with its CSRF token):
    ``{"body": "…"}``. Who may not see the thread is refused before the body is read,
    so a form or a broken body tells them nothing more than a good one would."""
    thread, _access = _thread(request, group_id, thread_id)
    body = _reply_body(request)
    return Status(201, services.reply(thread=thread, by=request.user, body=body))
