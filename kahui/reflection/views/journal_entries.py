"""The journal: a member's entries, writing, changing, sharing and removing one, and a
facilitator's invitation to reflect on a meeting that took place."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings.models import Meeting
from kahui.reflection import access as rules
from kahui.reflection import selectors, services
from kahui.reflection.forms import EntryForm, ShareForm
from kahui.reflection.models import Sharing

ENTRIES_PER_PAGE = 20


@login_required
@require_GET
def journal(request: HttpRequest) -> HttpResponse:
    """The member's own journal, newest first, 20 a page."""
    page = Paginator(selectors.entries_of(request.user), ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "reflection/journal.html", {"page": page})


def _entry_fields(data) -> dict:
    return {
        "prompt": data["prompt"],
        "title": data["title"],
        "body": data["body"],
        "meeting": data["meeting_obj"],
        "cycle": data["cycle_obj"],
        "stage": data["stage_key"],
        "goal": data["goal_obj"],
    }


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def entry_new(request: HttpRequest) -> HttpResponse:
    """Write an entry. ``?group=``, ``?meeting=``, ``?goal=`` and ``?prompt=`` prefill
    the form (an invitation to reflect links to its meeting)."""
    user = request.user
    if request.method == "POST":
        form = EntryForm(request.POST, user=user)
        saved = {}
        if form_saved(
            request,
            form,
            lambda: saved.setdefault(
                "entry",
                services.entry_write(
                    author=user,
                    group=form.cleaned_data["group_obj"],
                    **_entry_fields(form.cleaned_data),
                ),
            ),
            _("Saved in your journal. Only you can read it."),
        ):
            return redirect("reflection:entry", saved["entry"].public_id)
        return render(request, "reflection/entry_form.html", {"form": form}, status=400)
    meeting = None
    meeting_id = request.GET.get("meeting", "")
    group_id = request.GET.get("group", "")
    if meeting_id:
        meeting = (
            Meeting.objects.filter(public_id__in=[meeting_id] if _is_uuid(meeting_id) else [])
            .filter(group__memberships__user=user)
            .select_related("group")
            .first()
        )
        if meeting is not None:
            group_id = str(meeting.group.public_id)
    form = EntryForm(
        user=user,
        extra_meeting=meeting,
        initial={
            "group": group_id,
            "meeting": str(meeting.public_id) if meeting else "",
            "goal": request.GET.get("goal", ""),
            "prompt": request.GET.get("prompt", "learned"),
        },
    )
    if not form.groups:
        messages.info(request, _("Join a group to start your reflection journal."))
        return redirect("reflection:home")
    return render(request, "reflection/entry_form.html", {"form": form, "meeting": meeting})


def _is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True


@login_required
@require_GET
def entry(request: HttpRequest, entry_id: UUID) -> HttpResponse:
    """An entry, to its author (with sharing) or to whom it is shared with."""
    found = rules.entry_for(request.user, entry_id)
    mine = found.author_id == request.user.pk
    return render(
        request,
        "reflection/entry.html",
        {
            "entry": found,
            "mine": mine,
            "stage_name": selectors.stage_name(found.cycle, found.stage),
            "share_form": ShareForm(initial={"sharing": found.sharing}) if mine else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, entry_id: UUID) -> HttpResponse:
    found = rules.own_entry(request.user, entry_id)
    if request.method == "POST":
        form = EntryForm(request.POST, user=request.user, extra_meeting=found.meeting)
        del form.fields["group"]
        if form_saved(
            request,
            form,
            lambda: services.entry_update(
                entry=found, by=request.user, **_entry_fields(form.cleaned_data)
            ),
            _("Saved."),
        ):
            return redirect("reflection:entry", found.public_id)
        status = 400
    else:
        form = EntryForm(
            user=request.user,
            extra_meeting=found.meeting,
            initial={
                "prompt": found.prompt,
                "title": found.title,
                "body": found.body,
                "meeting": str(found.meeting.public_id) if found.meeting else "",
                "stage": f"{found.cycle.public_id}:{found.stage}" if found.cycle else "",
                "goal": str(found.goal.public_id) if found.goal else "",
            },
        )
        del form.fields["group"]
        status = 200
    return render(
        request, "reflection/entry_form.html", {"form": form, "entry": found}, status=status
    )


@login_required
@require_POST
def entry_share(request: HttpRequest, entry_id: UUID) -> HttpResponse:
    """Share the entry with the group or its facilitators, or make it private again."""
    found = rules.own_entry(request.user, entry_id)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.entry_share(entry=found, by=request.user, sharing=form.cleaned_data["sharing"])
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            done = {
                Sharing.PRIVATE: _("Private again: only you can read it."),
                Sharing.FACILITATORS: _("Shared with the group's facilitators."),
                Sharing.GROUP: _("Shared with the group."),
            }
            messages.success(request, done[Sharing(found.sharing)])
    else:
        messages.error(request, _("Choose who may read it."))
    return redirect("reflection:entry", found.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: HttpRequest, entry_id: UUID) -> HttpResponse:
    found = rules.own_entry(request.user, entry_id)
    back = reverse("reflection:entry", args=[found.public_id])
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove this entry from your journal?"),
            question=_("“%(title)s” will be gone for good.") % {"title": found.title},
            confirm_label=_("Remove"),
            cancel_url=back,
            breadcrumbs=[(_("Journal"), reverse("reflection:journal"))],
        )
    services.entry_remove(entry=found, by=request.user)
    messages.success(request, _("Removed from your journal."))
    return redirect("reflection:journal")


@group_view(Need.FACILITATE)
@require_POST
def reflection_ask(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    """A facilitator invites the members to reflect on a meeting that took place."""
    meeting = get_object_or_404(Meeting, group=group, public_id=meeting_id)
    try:
        services.reflection_ask(meeting=meeting, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Members are invited to reflect. Nobody has to; it is an invitation.")
        )
    return redirect("reflection:group", group.public_id)
