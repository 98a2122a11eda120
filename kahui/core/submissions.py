"""Forms that create something take effect once, however often they arrive.

A double click, a second Enter or a browser retrying sends the same form twice, and
without a guard that makes two identical decisions, threads or replies. Such a form
carries a one-time key (``{% submission_key %}`` beside ``{% csrf_token %}``, a new
one each time the form is drawn) and its view is wrapped in :func:`submitted_once`:

- The key is claimed in the same transaction as the view's writes, under a unique
  constraint. Of two racing requests the second waits for the first (on the unique
  index in PostgreSQL, for the write lock in SQLite) and then finds the key taken.
- The second is answered as the first was, with a redirect to the same result, and
  makes nothing.
- A form drawn again with its errors (any answer but a redirect) gives its key back,
  so the corrected form can be sent.

The key is paired with a digest of what the form held: the same page sent again with
other content (back to the page, then a new reply) is a new submission, not a repeat.
Keys live in the database, so this holds across any number of app servers; the
scheduler forgets them after :data:`KEEP`. A form without a key (a page drawn before
keys existed) is carried out as it always was.

Never put a key in a cached fragment: everyone shown the copy would share it."""

import hashlib
import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseRedirectBase

from kahui.core.models import SubmissionKey

FIELD = "submission_key"
KEEP = timedelta(days=7)
# What differs between two sendings of one form without being part of its content.
IGNORED = {FIELD, "csrfmiddlewaretoken"}


def new_key() -> str:
    return str(uuid.uuid4())


def _key(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def _digest(request: HttpRequest) -> str:
    """What the form held: every field as sent, and each file's name and size."""
    fields = sorted((name, request.POST.getlist(name)) for name in request.POST)
    files = sorted(
        (name, [(f.name, f.size) for f in request.FILES.getlist(name)]) for name in request.FILES
    )
    content = [[(name, values) for name, values in fields if name not in IGNORED], files]
    return hashlib.sha256(json.dumps(content).encode()).hexdigest()


def submitted_once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Carry out a POST that bears a submission key once: a repeat of it (same person,
    key and content) is sent where the first one went. Put it under ``login_required``."""

    @wraps(view)
    def once(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = _key(request) if request.method == "POST" else None
        if key is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        submission = {"user": request.user, "key": key, "digest": _digest(request)}
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = SubmissionKey.objects.create(**submission)
            except IntegrityError:
                return HttpResponseRedirect(SubmissionKey.objects.get(**submission).url)
            response = view(request, *args, **kwargs)
            if isinstance(response, HttpResponseRedirectBase):
                claim.url = response["Location"]
                claim.save(update_fields=["url"])
            else:
                claim.delete()
        return response

    return once


def submission_keys_prune(*, now: datetime) -> int:
    """Forget keys older than :data:`KEEP`; returns how many."""
    deleted, _by_model = SubmissionKey.objects.filter(created_at__lt=now - KEEP).delete()
    return deleted
