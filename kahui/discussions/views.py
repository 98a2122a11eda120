"""Discussion pages: the group's threads, one thread with its replies, editing with
history, reactions, accepted answers and moderation."""

from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.markdown import render_markdown
from kahui.core.submissions import submitted_once
from kahui.discussions import mentions, selectors, services
from kahui.discussions.access import can_choose_answer, can_edit_post, post_readable
from kahui.discussions.forms import EditForm, ModerateForm, ReplyForm, ThreadForm
from kahui.discussions.models import Post, ReactionKind, Thread, ThreadKind
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup


@group_view(Need.MEMBER)
@require_GET
def thread_list(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in ThreadKind.values else ""
    threads = selectors.threads_of(
        group, request.user, kind=kind, with_hidden=access.is_facilitator
    )
    page = Paginator(threads, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "discussions/list.html",
        {
            "group": group,
            "access": access,
            "page": page,
            "kind": kind,
            "kinds": ThreadKind.choices,
            "query": f"kind={kind}" if kind else "",
        },
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def thread_new(request: HttpRequest, group: LearningGroup, _access: GroupAccess) -> HttpResponse:
    form = ThreadForm(request.POST or None, initial={"kind": request.GET.get("kind", "idea")})
    if request.method == "POST" and form.is_valid():
        thread = services.thread_start(group=group, by=request.user, **form.cleaned_data)
        return redirect("discussions:thread", group.public_id, thread.public_id)
    return render(request, "discussions/new.html", {"group": group, "form": form})


def _thread(group, thread_id: UUID, access) -> Thread:
    thread = get_object_or_404(
        Thread.objects.select_related("started_by__profile", "accepted"),
        group=group,
        public_id=thread_id,
    )
    return thread


def _thread_context(request, group, access, thread, *, page_number=None, **extra) -> dict:
    # In a hidden thread someone who is not a facilitator reads only their own posts.
    everyone = post_readable(access, user=request.user, thread=thread, author_id=None)
    page = selectors.post_page(
        thread,
        request.user,
        only_by=None if everyone else request.user,
        number=page_number or request.GET.get("page"),
    )
    # What is new since the reader's last visit, read before this visit marks it read.
    last_visit = selectors.last_read(thread, request.user)
    services.mark_read(thread=thread, user=request.user)
    mentionable = mentions.Mentionable.of(mentions.group_people(group))
    for post in page.object_list:
        post.html = mentions.highlight(render_markdown(post.body), mentionable)
    new_posts = selectors.new_since(page.object_list, last_visit, request.user)
    return {
        "group": group,
        "access": access,
        "thread": thread,
        "page": page,
        "posts": page.object_list,
        "first_post_id": thread.posts.order_by("created_at", "id")
        .values_list("pk", flat=True)
        .first(),
        "reply_form": ReplyForm(),
        "moderate_form": ModerateForm(),
        "reaction_kinds": ReactionKind.choices,
        "first_new_id": new_posts[0].pk if new_posts else None,
        "new_count": len(new_posts),
        "new_ids": {p.pk for p in new_posts},
        "can_accept": thread.takes_an_answer and can_choose_answer(request.user, thread, access),
        **extra,
    }


@group_view(Need.MEMBER)
@require_GET
def thread_detail(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, thread_id: UUID
) -> HttpResponse:
    thread = _thread(group, thread_id, access)
    return render(
        request, "discussions/thread.html", _thread_context(request, group, access, thread)
    )


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def thread_reply(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, thread_id: UUID
) -> HttpResponse:
    thread = _thread(group, thread_id, access)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            post = services.reply(thread=thread, by=request.user, body=form.cleaned_data["body"])
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            response = redirect("discussions:thread", group.public_id, thread.public_id)
            last = -(-thread.posts.count() // selectors.POSTS_PER_PAGE)  # the last page
            response["Location"] += f"{f'?page={last}' if last > 1 else ''}#p{post.public_id}"
            return response
    context = _thread_context(request, group, access, thread, page_number="last", reply_form=form)
    return render(request, "discussions/thread.html", context, status=400)


def _post(group, post_id: UUID) -> Post:
    return get_object_or_404(
        Post.objects.select_related("thread__group", "author__profile"),
        thread__group=group,
        public_id=post_id,
    )


def _hidden_from(request, access, post: Post) -> HttpResponse | None:
    """Send a member who may not read ``post`` (its thread is hidden) back to the
    thread, where the facilitator's reason is shown."""
    if post_readable(access, user=request.user, thread=post.thread, author_id=post.author_id):
        return None
    messages.error(request, _("A facilitator hid this thread; its messages are not shown."))
    return redirect("discussions:thread", post.thread.group.public_id, post.thread.public_id)


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def post_edit(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, post_id: UUID
) -> HttpResponse:
    post = _post(group, post_id)
    if refused := _hidden_from(request, access, post):
        return refused
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.post_edit(post=post, by=request.user, body=form.cleaned_data["body"]),
        _("Saved. The earlier text is kept in the history."),
    ):
        response = redirect("discussions:thread", group.public_id, post.thread.public_id)
        response["Location"] += f"#p{post.public_id}"
        return response
    elif request.method == "GET" and not can_edit_post(request.user, post):
        messages.error(request, _("Only the author can edit a message."))
        return redirect("discussions:thread", group.public_id, post.thread.public_id)
    return render(request, "discussions/edit.html", {"group": group, "post": post, "form": form})


@group_view(Need.MEMBER)
@require_GET
def post_history(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, post_id: UUID
) -> HttpResponse:
    post = _post(group, post_id)
    if refused := _hidden_from(request, access, post):
        return refused
    revisions = post.revisions.select_related("edited_by__profile")
    return render(
        request, "discussions/history.html", {"group": group, "post": post, "revisions": revisions}
    )


def _reactions_context(request: HttpRequest, post: Post) -> dict:
    """What one post's reaction buttons draw (``_reactions.html``), as htmx swaps them in."""
    return {
        "group": post.thread.group,
        "post": selectors.post_with_reactions(post, request.user),
        "reaction_kinds": ReactionKind.choices,
    }


@group_view(Need.MEMBER)
@require_POST
def post_react(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, post_id: UUID
) -> HttpResponse:
    post = _post(group, post_id)
    try:
        services.react(post=post, by=request.user, kind=request.POST.get("kind", ""))
    except KahuiError as error:
        messages.error(request, error.message)
    if request.htmx:
        return render(request, "discussions/_reactions.html", _reactions_context(request, post))
    response = redirect("discussions:thread", group.public_id, post.thread.public_id)
    response["Location"] += f"#p{post.public_id}"
    return response


@group_view(Need.MEMBER)
@require_POST
def thread_accept(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, thread_id: UUID
) -> HttpResponse:
    thread = _thread(group, thread_id, access)
    raw = request.POST.get("post", "")
    try:
        post = _post(group, UUID(raw)) if raw else None
    except ValueError:
        messages.error(request, _("That message is not in this thread."))
        return redirect("discussions:thread", group.public_id, thread.public_id)
    try:
        services.answer_accept(thread=thread, by=request.user, post=post)
        messages.success(request, _("Answer marked.") if post else _("Answer cleared."))
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("discussions:thread", group.public_id, thread.public_id)


@group_view(Need.FACILITATE)
@require_POST
def thread_moderate(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, thread_id: UUID
) -> HttpResponse:
    thread = _thread(group, thread_id, access)
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the thread."))
        return redirect("discussions:thread", group.public_id, thread.public_id)
    action = form.cleaned_data["action"]
    changes = {
        "pin": {"pinned": True},
        "unpin": {"pinned": False},
        "lock": {"locked": True},
        "unlock": {"locked": False},
        "hide": {"hidden": True},
        "show": {"hidden": False},
    }[action]
    try:
        services.moderate(
            thread=thread, by=request.user, reason=form.cleaned_data["reason"], **changes
        )
        messages.success(request, _("Done."))
    except KahuiError as error:
        messages.error(request, error.message)
    return redirect("discussions:thread", group.public_id, thread.public_id)


@group_view(Need.MEMBER)
@require_GET
def mention_suggestions(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess
) -> HttpResponse:
    """The group's members whose name starts with what was typed after “@”, for the
    autocomplete of the message boxes (``js/mentions.js``)."""
    people = mentions.suggestions(
        mentions.group_people(group), request.GET.get("q", "")[:80], leave_out=request.user
    )
    return JsonResponse(
        {"members": [{"name": u.display_name, "mention": mentions.mention_for(u)} for u in people]}
    )
