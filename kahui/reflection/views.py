"""Reflection pages: a member's reflection home, their goals in a group beside the
group's, the journal and its sharing, peer feedback, and the portfolio with its PDF.
Access is checked at the door (``@group_view`` and :mod:`kahui.reflection.access`)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.pdf import pdf_response
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings.models import Meeting
from kahui.recognition.selectors import record_years, this_year
from kahui.reflection import access as rules
from kahui.reflection import selectors, services
from kahui.reflection.forms import (
    AnswerForm,
    EntryForm,
    FeedbackRequestForm,
    GoalNoteForm,
    PersonalGoalForm,
    PortfolioExportForm,
    ShareForm,
)
from kahui.reflection.models import AnswerStatus, Sharing, Standard

ENTRIES_PER_PAGE = 20

# ---------------------------------------------------------------------------
# Home and a group's reflection page
# ---------------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The member's reflection: their groups, newest entries, feedback to give."""
    user = request.user
    return render(
        request,
        "reflection/home.html",
        {
            "groups": selectors.groups_of(user),
            "entries": list(selectors.entries_of(user)[:5]),
            "to_answer": list(selectors.asked_of(user).filter(status=AnswerStatus.WAITING)[:10]),
            "requests": list(selectors.requests_made(user)[:10]),
        },
    )


def _group_page(request, group, access, *, goal_form=None, status=200) -> HttpResponse:
    user = request.user
    return render(
        request,
        "reflection/group.html",
        {
            "group": group,
            "access": access,
            "goals": selectors.goals_of(user, group),
            "group_goals": selectors.group_goals(group),
            "shared": list(selectors.shared_in(group, access)[:30]),
            "requests": list(selectors.requests_made(user, group=group)[:10]),
            "to_ask_about": (
                selectors.meetings_to_ask_about(group) if rules.can_ask_reflection(access) else []
            ),
            "goal_form": goal_form or PersonalGoalForm(group=group),
        },
        status=status,
    )


@group_view(Need.MEMBER)
@require_GET
def group(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """My goals beside the group's, what members shared, my requests for feedback."""
    return _group_page(request, group, access)


# ---------------------------------------------------------------------------
# Personal goals
# ---------------------------------------------------------------------------


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def goal_add(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    form = PersonalGoalForm(request.POST, group=group)
    if form_saved(
        request,
        form,
        lambda: services.personal_goal_add(
            user=request.user,
            group=group,
            text=form.cleaned_data["text"],
            group_goal=form.cleaned_data["group_goal_obj"],
        ),
        _("Your goal is saved. Only you can see it."),
    ):
        return redirect("reflection:group", group.public_id)
    return _group_page(request, group, access, goal_form=form, status=400)


def _goal_page(request, group, access, goal, *, form=None, note_form=None, status=200):
    return render(
        request,
        "reflection/goal.html",
        {
            "group": group,
            "access": access,
            "goal": goal,
            "notes": list(goal.notes.all()),
            "entries": list(goal.entries.select_related("group")[:20]),
            "form": form
            or PersonalGoalForm(
                group=group,
                with_reached=True,
                initial={
                    "text": goal.text,
                    "group_goal": str(goal.group_goal_id or ""),
                    "reached_on": goal.reached_on,
                },
            ),
            "note_form": note_form
            or GoalNoteForm(initial={"noted_on": timezone.localdate(), "kind": "progress"}),
        },
        status=status,
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def goal(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, goal_id: UUID
) -> HttpResponse:
    """One of my goals with its notes and evidence; POST changes the goal."""
    found = rules.own_goal(request.user, group, goal_id)
    if request.method == "GET":
        return _goal_page(request, group, access, found)
    form = PersonalGoalForm(request.POST, group=group, with_reached=True)
    if form_saved(
        request,
        form,
        lambda: services.personal_goal_update(
            goal=found,
            by=request.user,
            text=form.cleaned_data["text"],
            group_goal=form.cleaned_data["group_goal_obj"],
            reached_on=form.cleaned_data["reached_on"],
        ),
        _("Saved."),
    ):
        return redirect("reflection:goal", group.public_id, found.public_id)
    return _goal_page(request, group, access, found, form=form, status=400)


@group_view(Need.MEMBER)
@require_POST
@submitted_once
def goal_note_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, goal_id: UUID
) -> HttpResponse:
    found = rules.own_goal(request.user, group, goal_id)
    form = GoalNoteForm(request.POST)
    if form_saved(
        request,
        form,
        lambda: services.goal_note_add(goal=found, by=request.user, **form.cleaned_data),
        _("Noted."),
    ):
        return redirect(reverse("reflection:goal", args=[group.public_id, found.public_id]))
    return _goal_page(request, group, access, found, note_form=form, status=400)


# ---------------------------------------------------------------------------
# The journal
# ---------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------
# Peer feedback
# ---------------------------------------------------------------------------


@login_required
@require_GET
def feedback(request: HttpRequest) -> HttpResponse:
    """Requests I made, and those I was asked to answer."""
    return render(
        request,
        "reflection/feedback.html",
        {
            "requests": list(selectors.requests_made(request.user)[:50]),
            "asked": list(selectors.asked_of(request.user)[:50]),
        },
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def feedback_ask(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """Ask named colleagues of the group for feedback on something specific."""
    form = FeedbackRequestForm(request.POST or None, group=group, user=request.user)
    saved = {}
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: saved.setdefault(
            "request",
            services.feedback_ask(
                asker=request.user,
                group=group,
                about=form.cleaned_data["about"],
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                link=form.cleaned_data["link"],
                colleagues=form.cleaned_data["colleague_objs"],
            ),
        ),
        _("Asked. Only you will read the answers."),
    ):
        return redirect("reflection:feedback_request", saved["request"].public_id)
    return render(
        request,
        "reflection/feedback_ask.html",
        {"group": group, "access": access, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _request_page(request, found, answer, *, form=None, status=200) -> HttpResponse:
    return render(
        request,
        "reflection/feedback_request.html",
        {
            "found": found,
            "answer": answer,
            "answers": selectors.answers_to(found) if answer is None else [],
            "form": form or (AnswerForm() if answer and answer.status == "waiting" else None),
        },
        status=status,
    )


@login_required
@require_GET
def feedback_request(request: HttpRequest, request_id: UUID) -> HttpResponse:
    """A request: its asker reads the answers; a colleague asked answers or declines."""
    found, answer = rules.feedback_for(request.user, request_id)
    return _request_page(request, found, answer)


@login_required
@require_POST
def feedback_answer(request: HttpRequest, request_id: UUID) -> HttpResponse:
    found, answer = rules.feedback_for(request.user, request_id)
    form = AnswerForm(request.POST)
    if answer is None:
        form.add_error(None, _("Only the colleagues asked give feedback."))
        return _request_page(request, found, answer, form=form, status=403)
    if form_saved(
        request,
        form,
        lambda: services.feedback_answer(answer=answer, by=request.user, **form.cleaned_data),
        _("Thank you: your feedback is with %(name)s.") % {"name": found.asker.display_name},
    ):
        return redirect("reflection:feedback_request", found.public_id)
    return _request_page(request, found, answer, form=form, status=400)


@login_required
@require_POST
def feedback_decline(request: HttpRequest, request_id: UUID) -> HttpResponse:
    found, answer = rules.feedback_for(request.user, request_id)
    if answer is None:
        messages.error(request, _("Only the colleagues asked can decline."))
        return redirect("reflection:feedback_request", found.public_id)
    try:
        services.feedback_decline(answer=answer, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Declined. %(name)s is told, without a reason.") % {"name": found.asker.display_name},
        )
    return redirect("reflection:feedback")


# ---------------------------------------------------------------------------
# The portfolio
# ---------------------------------------------------------------------------


def _years(user) -> list[int]:
    return record_years(user)


@login_required
@require_http_methods(["GET", "POST"])
def portfolio(request: HttpRequest) -> HttpResponse:
    """What the member gathers as evidence of growth: choose items and the standard
    each shows (POST saves the choice), then export it as a PDF."""
    user = request.user
    found = selectors.portfolio_of(user)
    if request.method == "POST":
        chosen = {}
        for key in request.POST.getlist("include"):
            item = found.find(key)
            if item is None:
                continue
            standard = request.POST.get(f"standard-{key}", "")
            chosen[(item.kind, item.object_id)] = standard if standard in Standard.values else ""
        services.portfolio_choose(user=user, chosen=chosen)
        messages.success(request, _("Your portfolio is saved."))
        return redirect("reflection:portfolio")
    year = this_year(user)
    return render(
        request,
        "reflection/portfolio.html",
        {
            "portfolio": found,
            "standards": Standard.choices,
            "year": year,
            "hours": selectors.portfolio_hours(user, year=year),
            "export_form": PortfolioExportForm(years=_years(user), initial={"year": year}),
        },
    )


@login_required
@require_POST
def portfolio_pdf(request: HttpRequest) -> HttpResponse:
    """The chosen items, the year's hours and the kudos chosen, as a PDF for an
    appraisal or a renewal of registration (a long one is made in the background)."""
    user = request.user
    form = PortfolioExportForm(request.POST, years=_years(user))
    year = form.cleaned_data["year"] if form.is_valid() else this_year(user)
    return pdf_response(
        request,
        template="reflection/portfolio_pdf.html",
        context={
            "person": user,
            "year": year,
            "hours": selectors.portfolio_hours(user, year=year),
            "portfolio": selectors.portfolio_of(user, with_text=True),
            "made_on": timezone.localdate(),
        },
        filename=f"kahui-portfolio-{year}.pdf",
        title=_("Portfolio %(year)s") % {"year": year},
        back_url=reverse("reflection:portfolio"),
    )
