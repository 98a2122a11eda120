"""Meeting pages: the group's meetings, scheduling, the meeting itself (agenda with a
timekeeper view, minutes, decisions, actions, attendance, duties, guests), protocols,
"my actions", professional-learning hours and calendar feeds."""

from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.csv_export import SafeWriter
from kahui.core.errors import KahuiError
from kahui.core.submissions import submitted_once
from kahui.groups.access import Need, group_for
from kahui.groups.models import LearningGroup
from kahui.meetings import ics, selectors, services
from kahui.meetings.forms import (
    ActionForm,
    AgendaFormSet,
    AttendanceForm,
    CancelForm,
    DecisionForm,
    DutiesForm,
    GuestForm,
    MinutesForm,
    MoveForm,
    NormReviewForm,
    ScheduleForm,
    StepFormSet,
    TemplateForm,
)
from kahui.meetings.models import (
    ActionItem,
    AgendaTemplate,
    CalendarFeed,
    Meeting,
    MeetingGuest,
)


def _meeting(group: LearningGroup, meeting_id: UUID) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related(
            "group",
            "facilitator__profile",
            "note_taker__profile",
            "timekeeper__profile",
            "template",
            "series",
        ),
        group=group,
        public_id=meeting_id,
    )


def _step_edits(forms) -> list[services.StepEdit]:
    """The cleaned rows of the step formset, as the services take them."""
    return [
        services.StepEdit(
            title=f.cleaned_data["title"],
            kind=f.cleaned_data["kind"],
            minutes=f.cleaned_data["minutes"],
            guidance=f.cleaned_data["guidance"],
        )
        for f in forms
    ]


def _step_rows(steps) -> list[dict]:
    """A protocol's steps or a meeting's agenda items as rows of the step formset."""
    return [
        {"title": s.title, "kind": s.kind, "minutes": s.minutes, "guidance": s.guidance}
        for s in steps
    ]


def _page(request: HttpRequest, items, per_page: int, *, param: str = "page") -> tuple[Page, str]:
    """The page of ``items`` that ``param`` asks for (a bad number gives the nearest
    page), and the rest of the query string for the page links to keep."""
    page = Paginator(items, per_page).get_page(request.GET.get(param))
    query = request.GET.copy()
    query.pop(param, None)
    return page, query.urlencode()


@login_required
@require_GET
def meeting_list(request: HttpRequest, group_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.MEMBER)
    meetings = selectors.meetings_of(group)
    # Two lists, each paged on its own: a page link keeps the other list's page.
    upcoming, upcoming_query = _page(request, meetings.upcoming(), 20, param="upcoming")
    past, past_query = _page(request, meetings.past(), 30, param="past")
    series_with_skips = [s for s in group.meeting_series.all() if s.skipped_days_ahead]
    return render(
        request,
        "meetings/list.html",
        {
            "group": group,
            "access": access,
            "upcoming": upcoming,
            "upcoming_query": upcoming_query,
            "past": past,
            "past_query": past_query,
            "series_with_skips": series_with_skips,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submitted_once
def schedule(request: HttpRequest, group_id: UUID) -> HttpResponse:
    """Schedule one meeting or a series. A series is saved only once the form has
    shown its dates (how many, which holidays are skipped, what the clocks change):
    shown as the form changes (htmx), or else on a first press of Schedule; the
    dates shown travel back as ``previewed``. A POST with ``preview`` only shows."""
    group, _access = group_for(request, group_id, Need.FACILITATE)
    profile = getattr(request.user, "profile", None)
    initial = {
        "title": _("%(group)s meeting") % {"group": group.name},
        "duration_minutes": group.meeting_minutes,
        "format": group.format,
        "time_zone": getattr(profile, "time_zone", None) or timezone.get_current_timezone_name(),
        "template": selectors.suggested_protocol(group),
        "repeat": {
            "weekly": "weekly",
            "fortnightly": "fortnightly",
            "three_weekly": "three_weekly",
            "monthly": "monthly_weekday",
        }.get(group.frequency, ""),
    }
    for name in ("start_date", "start_time", "repeat"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = ScheduleForm(request.POST or None, group=group, initial=initial)
    layout = preview_error = None
    previewing = "preview" in request.POST
    valid = request.method == "POST" and form.is_valid()
    plan = form.plan() if request.method == "POST" else None
    if plan is not None:
        try:
            layout = services.meetings_layout(group=group, plan=plan)
            shown = request.POST.get("previewed") == layout.fingerprint
            meetings = []
            if valid and not previewing and (shown or not layout.repeats):
                meetings = services.meetings_schedule(group=group, by=request.user, plan=plan)
        except KahuiError as error:
            layout, preview_error = None, error.message
            form.add_error(None, error.message)
        else:
            if meetings:
                if len(meetings) > 1:
                    messages.success(request, _("%(n)d meetings scheduled.") % {"n": len(meetings)})
                else:
                    messages.success(request, _("Meeting scheduled."))
                series = meetings[0].series
                if series is not None and series.skipped_dates:
                    messages.info(
                        request,
                        _("%(n)d dates in school holidays were skipped.")
                        % {"n": len(series.skipped_dates)},
                    )
                for note in layout.notes:
                    messages.info(request, note)
                return redirect("meetings:detail", group.public_id, meetings[0].public_id)
    context = {
        "group": group,
        "form": form,
        "layout": layout,
        "asked_to_check": valid and layout is not None and layout.repeats and not previewing,
    }
    if request.htmx and previewing:
        # The error shows in the fragment; a full page has it in the error summary.
        return render(
            request,
            "meetings/schedule.html#preview",
            {**context, "preview_error": preview_error},
        )
    return render(request, "meetings/schedule.html", context)


def _detail_context(request, group, access, meeting, **forms) -> dict:
    members = [
        m.user
        for m in group.memberships.select_related("user__profile").order_by(
            "user__profile__display_name"
        )
    ]
    expected = selectors.attendance_people(meeting)
    existing = {mark.user_id: mark for mark in meeting.attendance.all()}
    attendance_closed = services.attendance_closed_reason(meeting)
    can_mark = not attendance_closed and services.can_record_attendance(
        meeting, request.user, access.is_facilitator
    )
    context = {
        "group": group,
        "access": access,
        "meeting": meeting,
        "agenda": list(meeting.agenda.all()),
        "norms": list(group.norms.all()),
        "norms_review_due": selectors.norms_review_due(group),
        "decisions": list(meeting.decisions.select_related("recorded_by__profile")),
        "new_actions": list(meeting.actions.select_related("owner__profile")),
        "review_actions": list(selectors.actions_to_review(meeting)),
        "attendance": [(user, existing.get(user.pk)) for user in expected],
        "can_mark_attendance": can_mark,
        "attendance_closed": attendance_closed,
        "guests": list(meeting.guests.filter(revoked_at__isnull=True)),
        "minutes_form": MinutesForm(
            initial={"text": meeting.minutes, "version": meeting.minutes_version}
        ),
        "decision_form": DecisionForm(),
        "action_form": ActionForm(group=group, members=members),
        "norm_review_form": NormReviewForm(),
        "now": timezone.now(),
    }
    if can_mark:
        context["attendance_form"] = AttendanceForm(
            members=expected, meeting=meeting, existing=existing
        )
    if access.is_facilitator:
        context["duties_form"] = DutiesForm(
            group=group,
            members=members,
            initial={
                "facilitator": meeting.facilitator_id,
                "note_taker": meeting.note_taker_id,
                "timekeeper": meeting.timekeeper_id,
            },
        )
        context["guest_form"] = GuestForm()
    context.update(forms)
    return context


@login_required
@require_GET
def detail(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.MEMBER)
    meeting = _meeting(group, meeting_id)
    return render(request, "meetings/detail.html", _detail_context(request, group, access, meeting))


@login_required
@require_POST
def minutes(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.MEMBER)
    meeting = _meeting(group, meeting_id)
    form = MinutesForm(request.POST)
    try:
        if not form.is_valid():
            # The page's version number arrived damaged: what it was based on is unknown,
            # so treat it as a conflict with what is saved now.
            raise services.MinutesConflict(meeting.minutes, meeting.minutes_version)
        meeting = services.minutes_save(
            meeting=meeting,
            by=request.user,
            text=form.cleaned_data["text"],
            version=form.cleaned_data["version"],
        )
    except services.MinutesConflict as conflict:
        # Keep what this person typed in the box, with the saved version beside it.
        form = MinutesForm(
            initial={"text": request.POST.get("text", ""), "version": conflict.version}
        )
        context = _detail_context(
            request,
            group,
            access,
            meeting,
            minutes_form=form,
            minutes_conflict=conflict,
        )
        if request.htmx:
            # htmx swaps only 2xx answers: a 409 would leave the editor believing it saved.
            return render(request, "meetings/detail.html#minutes", context)
        return render(request, "meetings/detail.html", context, status=409)
    if request.htmx:
        return render(
            request,
            "meetings/detail.html#minutes",
            _detail_context(request, group, access, meeting, minutes_saved=True),
        )
    messages.success(request, _("Minutes saved."))
    return redirect("meetings:detail", group.public_id, meeting.public_id)


@login_required
@require_GET
def minutes_history(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.MEMBER)
    meeting = _meeting(group, meeting_id)
    revisions, query = _page(request, meeting.revisions.select_related("saved_by__profile"), 20)
    return render(
        request,
        "meetings/minutes_history.html",
        {"group": group, "meeting": meeting, "revisions": revisions, "query": query},
    )


def _back(group, meeting, anchor: str = "") -> HttpResponse:
    response = redirect("meetings:detail", group.public_id, meeting.public_id)
    response["Location"] += anchor
    return response


@login_required
@require_POST
@submitted_once
def decision_add(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.MEMBER)
    meeting = _meeting(group, meeting_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        services.decision_record(meeting=meeting, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Decision recorded."))
        return _back(group, meeting, "#decisions")
    context = _detail_context(request, group, access, meeting, decision_form=form)
    return render(request, "meetings/detail.html", context, status=400)


@login_required
@require_POST
@submitted_once
def action_add(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.MEMBER)
    meeting = _meeting(group, meeting_id)
    form = ActionForm(request.POST, group=group)
    if form.is_valid():
        services.action_add(
            group=group,
            by=request.user,
            meeting=meeting,
            text=form.cleaned_data["text"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
        )
        messages.success(request, _("Action added."))
        return _back(group, meeting, "#actions")
    context = _detail_context(request, group, access, meeting, action_form=form)
    return render(request, "meetings/detail.html", context, status=400)


@login_required
@require_POST
def action_status(request: HttpRequest, group_id: UUID, action_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.MEMBER)
    action = get_object_or_404(ActionItem, group=group, public_id=action_id)
    try:
        services.action_set_status(
            action=action, by=request.user, status=request.POST.get("status", "")
        )
    except KahuiError as error:
        messages.error(request, error.message)
    if request.htmx:
        return render(
            request,
            "meetings/_action.html",
            {"action": action, "group": group},
        )
    return _after_action_status(group, action, request.POST.get("next", ""))


def _after_action_status(group: LearningGroup, action: ActionItem, target: str) -> HttpResponse:
    """Where to go back to: "my actions", a meeting of this group named by its public
    id, else the action's own meeting, else the group's meetings. Never elsewhere."""
    if target == "mine":
        return redirect("meetings:my_actions")
    try:
        meeting_id = UUID(target)
    except ValueError:
        meeting_id = None
    meeting = group.meetings.filter(public_id=meeting_id).first() if meeting_id else None
    meeting = meeting or action.meeting
    if meeting is not None:
        return _back(group, meeting, f"#action-{action.public_id}")
    return redirect("meetings:list", group.public_id)


@login_required
@require_POST
def attendance(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.MEMBER)
    meeting = _meeting(group, meeting_id)
    if not services.can_record_attendance(meeting, request.user, access.is_facilitator):
        messages.error(request, _("Only the facilitator or the note-taker records attendance."))
        return _back(group, meeting, "#attendance")
    if reason := services.attendance_closed_reason(meeting):
        messages.error(request, reason)
        return _back(group, meeting, "#attendance")
    expected = selectors.attendance_people(meeting)
    existing = {mark.user_id: mark for mark in meeting.attendance.all()}
    form = AttendanceForm(request.POST, members=expected, meeting=meeting, existing=existing)
    if form.is_valid():
        try:
            services.attendance_record(meeting=meeting, by=request.user, rows=form.rows())
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Attendance saved; hours are on each member's record."))
            return _back(group, meeting, "#attendance")
    context = _detail_context(request, group, access, meeting, attendance_form=form)
    return render(request, "meetings/detail.html", context, status=400)


@login_required
@require_POST
def duties(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.FACILITATE)
    meeting = _meeting(group, meeting_id)
    form = DutiesForm(request.POST, group=group)
    if form.is_valid():
        services.duties_assign(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, _("Duties saved."))
    else:
        messages.error(request, _("Choose members of the group for the duties."))
    return _back(group, meeting, "#duties")


@login_required
@require_POST
@submitted_once
def norms_reviewed(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.MEMBER)
    meeting = _meeting(group, meeting_id)
    form = NormReviewForm(request.POST)
    if form.is_valid():
        services.norms_reviewed(
            group=group, by=request.user, meeting=meeting, note=form.cleaned_data["note"]
        )
        messages.success(request, _("Review of the agreements recorded."))
        return _back(group, meeting)
    context = _detail_context(request, group, access, meeting, norm_review_form=form)
    return render(request, "meetings/detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    """Move, change, cancel or restore one meeting."""
    group, _access = group_for(request, group_id, Need.FACILITATE)
    meeting = _meeting(group, meeting_id)
    local = meeting.starts_at.astimezone(ZoneInfo(meeting.time_zone))
    move_form = MoveForm(
        request.POST if request.POST.get("action") == "move" else None,
        meeting=meeting,
        initial={
            "title": meeting.title,
            "materials": meeting.materials,
            "start_date": local.date(),
            "start_time": local.time(),
            "duration_minutes": meeting.duration_minutes,
            "format": meeting.format,
            "location": meeting.location,
            "online_url": meeting.online_url,
        },
    )
    cancel_form = CancelForm(request.POST if request.POST.get("action") == "cancel" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "move" and move_form.is_valid():
                services.meeting_move(meeting=meeting, by=request.user, **move_form.cleaned_data)
                messages.success(request, _("Meeting changed."))
                return redirect("meetings:detail", group.public_id, meeting.public_id)
            if action == "cancel" and cancel_form.is_valid():
                if request.POST.get("confirmed") != "yes":
                    # Members are told at once and it cannot be taken back quietly: ask
                    # first, on a page of its own so it works without JavaScript.
                    return render(
                        request,
                        "meetings/cancel_confirm.html",
                        {"group": group, "meeting": meeting, "cancel_form": cancel_form},
                    )
                services.meeting_cancel(
                    meeting=meeting, by=request.user, reason=cancel_form.cleaned_data["reason"]
                )
                messages.info(request, _("Meeting cancelled."))
                return redirect("meetings:list", group.public_id)
            if action == "restore":
                services.meeting_restore(meeting=meeting, by=request.user)
                messages.success(request, _("Meeting restored."))
                return redirect("meetings:detail", group.public_id, meeting.public_id)
        except KahuiError as error:
            messages.error(request, error.message)
    return render(
        request,
        "meetings/edit.html",
        {"group": group, "meeting": meeting, "move_form": move_form, "cancel_form": cancel_form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_edit(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    """One meeting's own agenda: change, reorder, add or remove its items."""
    group, _access = group_for(request, group_id, Need.FACILITATE)
    meeting = _meeting(group, meeting_id)
    if request.method == "POST":
        formset = AgendaFormSet(request.POST, prefix="items")
        if formset.is_valid():
            items = _step_edits(formset.ordered_forms)
            services.agenda_save(meeting=meeting, by=request.user, items=items)
            messages.success(request, _("Agenda saved."))
            return _back(group, meeting, "#agenda")
    else:
        formset = AgendaFormSet(
            prefix="items",
            initial=_step_rows(meeting.agenda.all()),
        )
    return render(
        request,
        "meetings/agenda_edit.html",
        {"group": group, "meeting": meeting, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
@submitted_once
def guest_add(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.FACILITATE)
    meeting = _meeting(group, meeting_id)
    form = GuestForm(request.POST)
    if form.is_valid():
        services.guest_invite(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, _("Guest invited."))
        return _back(group, meeting, "#guests")
    context = _detail_context(request, group, access, meeting, guest_form=form)
    return render(request, "meetings/detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def guest_revoke(
    request: HttpRequest, group_id: UUID, meeting_id: UUID, guest_id: UUID
) -> HttpResponse:
    """Ask first, then withdraw the guest's link: the POST of the confirmation page does it."""
    group, _access = group_for(request, group_id, Need.FACILITATE)
    meeting = _meeting(group, meeting_id)
    guest = get_object_or_404(MeetingGuest, meeting=meeting, public_id=guest_id)
    if not is_confirmed(request):
        meeting_url = reverse("meetings:detail", args=[group.public_id, meeting.public_id])
        return ask_to_confirm(
            request,
            title=_("Withdraw %(name)s's invitation?") % {"name": guest.name},
            question=_(
                "The link %(name)s received will stop working at once: they will no longer "
                "see the agenda and materials of “%(meeting)s”. You can invite them again."
            )
            % {"name": guest.name, "meeting": meeting.title},
            confirm_label=_("Withdraw the invitation"),
            cancel_url=f"{meeting_url}#guests",
            breadcrumbs=[
                (group.name, reverse("groups:home", args=[group.public_id])),
                (meeting.title, meeting_url),
            ],
            place=group.name,
        )
    services.guest_revoke(guest=guest, by=request.user)
    messages.info(request, _("The guest's link no longer works."))
    return _back(group, meeting, "#guests")


@require_GET
def guest(request: HttpRequest, token: str) -> HttpResponse:
    """What an invited guest sees: this meeting's agenda and materials, nothing else."""
    invitation = get_object_or_404(
        MeetingGuest.objects.select_related("meeting__group"), token=token, revoked_at__isnull=True
    )
    meeting = invitation.meeting
    return render(
        request,
        "meetings/guest.html",
        {"guest": invitation, "meeting": meeting, "agenda": meeting.agenda.all()},
    )


@login_required
@require_GET
def meeting_ics(request: HttpRequest, group_id: UUID, meeting_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.MEMBER)
    meeting = _meeting(group, meeting_id)
    response = HttpResponse(ics.calendar_for([meeting], group.name), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="kahui-{meeting.public_id}.ics"'
    return response


# ---- protocols ------------------------------------------------------------------------


@login_required
@require_GET
def templates(request: HttpRequest, group_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.MEMBER)
    items = AgendaTemplate.objects.for_group(group).prefetch_related("steps")
    return render(
        request,
        "meetings/templates.html",
        {
            "group": group,
            "access": access,
            "templates": items,
            "default": selectors.suggested_protocol(group),
        },
    )


@login_required
@require_POST
@submitted_once
def template_copy(request: HttpRequest, group_id: UUID, template_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.FACILITATE)
    template = get_object_or_404(AgendaTemplate.objects.for_group(group), public_id=template_id)
    copy = services.template_copy(template=template, group=group, by=request.user)
    messages.success(request, _("Copied. Adapt the steps to your group."))
    return redirect("meetings:template_edit", group.public_id, copy.public_id)


@login_required
@require_POST
def template_default(request: HttpRequest, group_id: UUID, template_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.FACILITATE)
    template = get_object_or_404(AgendaTemplate.objects.for_group(group), public_id=template_id)
    services.template_make_default(template=template, group=group, by=request.user)
    messages.success(request, _("New meetings will follow “%(name)s”.") % {"name": template.name})
    return redirect("meetings:templates", group.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, group_id: UUID, template_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.FACILITATE)
    template = get_object_or_404(AgendaTemplate, group=group, public_id=template_id)
    if request.method == "POST":
        form = TemplateForm(request.POST)
        formset = StepFormSet(request.POST, prefix="steps")
        if form.is_valid() and formset.is_valid():
            steps = _step_edits(
                f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
            )
            try:
                services.template_save(
                    template=template, by=request.user, steps=steps, **form.cleaned_data
                )
            except KahuiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Protocol saved."))
                return redirect("meetings:templates", group.public_id)
    else:
        form = TemplateForm(initial={"name": template.name, "description": template.description})
        formset = StepFormSet(
            prefix="steps",
            initial=_step_rows(template.steps.all()),
        )
    return render(
        request,
        "meetings/template_edit.html",
        {"group": group, "template": template, "form": form, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


# ---- across groups ------------------------------------------------------------------------


@login_required
@require_GET
def my_actions(request: HttpRequest) -> HttpResponse:
    actions, query = _page(request, selectors.actions_of(request.user), 25)
    return render(
        request,
        "meetings/my_actions.html",
        {"actions": actions, "query": query},
    )


@login_required
@require_GET
def pd_hours(request: HttpRequest) -> HttpResponse:
    record, query = _page(request, selectors.pd_record(request.user), 50)
    return render(
        request,
        "meetings/pd_hours.html",
        {"record": record, "query": query, "summary": selectors.pd_summary(request.user)},
    )


@login_required
@require_GET
def pd_hours_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kahui-pd-hours.csv"'
    writer = SafeWriter(response)
    writer.writerow([_("Date"), _("Group"), _("Meeting"), _("Minutes"), _("Hours")])
    for mark in selectors.pd_record(request.user).iterator():
        start = timezone.localtime(mark.meeting.starts_at)
        writer.writerow(
            [
                start.date().isoformat(),
                mark.meeting.group.name,
                mark.meeting.title,
                mark.minutes_attended,
                f"{mark.minutes_attended / 60:.2f}",
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    """The person's private calendar subscription address, made when they ask for it
    (a POST with ``address``), which they can renew."""
    if request.method == "POST":
        if "address" in request.POST:
            services.feed_for(user=request.user)
            return redirect("meetings:calendar")
        return redirect("meetings:calendar_renew")  # an older page's renew button: ask first
    feed = selectors.calendar_feed(user=request.user)
    return render(request, "meetings/calendar.html", {"feed": feed})


@login_required
@require_http_methods(["GET", "POST"])
def group_calendar(request: HttpRequest, group_id: UUID) -> HttpResponse:
    group, access = group_for(request, group_id, Need.MEMBER)
    # Each member has their own address for the group, so it can stop working for
    # them alone when they leave.
    if request.method == "POST":
        if "address" in request.POST:
            services.feed_for(user=request.user, group=group)
            return redirect("meetings:group_calendar", group.public_id)
        # an older page's renew button: ask first
        return redirect("meetings:group_calendar_renew", group.public_id)
    feed = selectors.calendar_feed(user=request.user, group=group)
    return render(
        request, "meetings/calendar.html", {"feed": feed, "group": group, "access": access}
    )


def _renew_feed(request: HttpRequest, group: LearningGroup | None) -> HttpResponse:
    """Ask first, then replace the subscription address: the confirmation's POST does it."""
    if group is None:
        here, back = reverse("meetings:calendar_renew"), reverse("meetings:calendar")
    else:
        here = reverse("meetings:group_calendar_renew", args=[group.public_id])
        back = reverse("meetings:group_calendar", args=[group.public_id])
    if not is_confirmed(request):
        if request.method == "POST":
            return redirect(here)
        crumbs = [(group.name, reverse("groups:home", args=[group.public_id]))] if group else []
        return ask_to_confirm(
            request,
            title=_("Make a new calendar address?"),
            question=_(
                "The current address stops working at once: every calendar subscribed to it "
                "stops updating until you subscribe again with the new one."
            ),
            confirm_label=_("Make a new address"),
            cancel_url=back,
            breadcrumbs=[*crumbs, (_("Calendar subscription"), back)],
            place=group.name if group else "",
        )
    services.feed_reset(user=request.user, group=group)
    messages.success(request, _("A new address was made; the old one stopped working."))
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_renew(request: HttpRequest) -> HttpResponse:
    return _renew_feed(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def group_calendar_renew(request: HttpRequest, group_id: UUID) -> HttpResponse:
    group, _access = group_for(request, group_id, Need.MEMBER)
    return _renew_feed(request, group)


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A calendar subscription (webcal): the token is the only credential."""
    subscription = get_object_or_404(
        CalendarFeed.objects.select_related("user", "group"), token=token, revoked_at__isnull=True
    )
    if subscription.group is not None:
        # Checked at every fetch: the address dies with the person's membership.
        if (
            subscription.user is None
            or not subscription.group.memberships.filter(user=subscription.user).exists()
        ):
            return HttpResponse(
                _(
                    "This calendar address no longer works. Members of the group can find "
                    "their own address on the group's calendar page."
                ),
                status=410,
                content_type="text/plain; charset=utf-8",
            )
        meetings = selectors.meetings_for_feed(group=subscription.group)
        name = subscription.group.name
    else:
        meetings = selectors.meetings_for_feed(user=subscription.user)
        name = _("Kāhui meetings")
    response = HttpResponse(ics.calendar_for(meetings, name), content_type="text/calendar")
    response["Cache-Control"] = "private, max-age=900"
    return response
