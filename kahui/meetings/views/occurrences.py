"""One meeting: its page (agreements, agenda with the shared timer, review of actions,
minutes, decisions, actions, duties, attendance, guests), each card's own context for
the fragments htmx swaps in, and what facilitators change: moving, cancelling or
restoring it, its agenda and its duties."""

from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.meetings import selectors, services
from kahui.meetings.access import can_record_attendance, can_run_clock
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
)
from kahui.meetings.models import ActionItem, Meeting, MeetingClock
from kahui.meetings.views.protocols import step_edits, step_rows


def meeting_in(group: LearningGroup, meeting_id: UUID) -> Meeting:
    """The group's meeting with this public id, with who is on duty; a 404 otherwise."""
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


def back_to(group, meeting, anchor: str = "") -> HttpResponse:
    """Back to the meeting's page, at ``anchor`` (the card that changed)."""
    response = redirect("meetings:detail", group.public_id, meeting.public_id)
    response["Location"] += anchor
    return response


def minutes_context(group: LearningGroup, meeting: Meeting, viewer=None, **extra) -> dict:
    """What the minutes card draws (``detail.html#minutes``): its own context, so the
    fragment htmx swaps in after a save costs no more than the card. With a ``viewer``,
    who else is editing the minutes now."""
    return {
        "group": group,
        "meeting": meeting,
        "minutes_form": MinutesForm(
            initial={"text": meeting.minutes, "version": meeting.minutes_version}
        ),
        "editors": selectors.minutes_editors(meeting, viewer=viewer) if viewer else [],
        **extra,
    }


def clock_context(request, group: LearningGroup, access: GroupAccess, meeting: Meeting, **extra):
    """What the shared timer's panel draws (``detail.html#clock``), from its own
    queries; ``agenda``, when the page has it already."""
    agenda = extra.pop("agenda", None)
    if agenda is None:
        agenda = list(meeting.agenda.all())
    clock = MeetingClock.objects.filter(meeting=meeting).first()
    return {
        "group": group,
        "meeting": meeting,
        "clock": selectors.clock_state(meeting, agenda, clock, timezone.now()),
        "can_run_clock": can_run_clock(request.user, meeting, access),
        **extra,
    }


def action_context(group: LearningGroup, action: ActionItem, next_page: str = "") -> dict:
    """What one action's row draws (``_action.html``), as htmx swaps it in."""
    return {"group": group, "action": action, "next": next_page}


def detail_page(request, group, access, meeting, **forms) -> HttpResponse:
    """The meeting's page drawn again with a refused form (``forms``: by its name on
    the page), which holds what was typed and says what is wrong."""
    context = detail_context(request, group, access, meeting, **forms)
    return render(request, "meetings/detail.html", context, status=400)


def detail_context(request, group, access, meeting, **forms) -> dict:
    members = [
        m.user
        for m in group.memberships.select_related("user__profile").order_by(
            "user__profile__display_name"
        )
    ]
    expected = selectors.attendance_people(meeting)
    existing = {mark.user_id: mark for mark in meeting.attendance.all()}
    attendance_closed = services.attendance_closed_reason(meeting)
    can_mark = not attendance_closed and can_record_attendance(request.user, meeting, access)
    agenda = list(meeting.agenda.all())
    context = {
        **minutes_context(group, meeting, viewer=request.user),
        **clock_context(request, group, access, meeting, agenda=agenda),
        "access": access,
        "agenda": agenda,
        "norms": list(group.norms.all()),
        "norms_review_due": selectors.norms_review_due(group),
        "decisions": list(meeting.decisions.select_related("recorded_by__profile")),
        "new_actions": list(meeting.actions.select_related("owner__profile")),
        "review_actions": list(selectors.actions_to_review(meeting)),
        "attendance": [(user, existing.get(user.pk)) for user in expected],
        "can_mark_attendance": can_mark,
        "attendance_closed": attendance_closed,
        "guests": list(meeting.guests.filter(revoked_at__isnull=True)),
        "decision_form": DecisionForm(),
        "action_form": ActionForm(group=group, members=members),
        "norm_review_form": NormReviewForm(),
        "now": timezone.now(),
        # A supporter reads the meeting; members write its minutes, decisions and actions.
        "read_only": not access.is_member,
    }
    if access.is_supporter:
        context["my_guest_place"] = services.supporter_guest(meeting, request.user)
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


@group_view(Need.SUPPORT)
@require_GET
def detail(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    meeting = meeting_in(group, meeting_id)
    return render(request, "meetings/detail.html", detail_context(request, group, access, meeting))


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def edit(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    """Move, change, cancel or restore one meeting."""
    meeting = meeting_in(group, meeting_id)
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


def agenda_rows_moved(data: QueryDict, prefix: str, move: str):
    """The agenda form's ``data`` with one of its saved items moved a place (``move``:
    "<row>:up" or "<row>:down"), each row's fields carried along with it and every
    order number set to its row's new place, so the page shows the new order as it
    is; with the row's new index and the direction. None when ``move`` makes no sense."""
    index_text, _sep, direction = move.partition(":")
    try:
        rows = int(data.get(f"{prefix}-INITIAL_FORMS", ""))
        index = int(index_text)
    except ValueError:
        return None
    rows = min(rows, AgendaFormSet.max_num)
    if direction not in ("up", "down") or not 0 <= index < rows:
        return None

    def typed_order(row: int) -> tuple[int, int]:
        value = data.get(f"{prefix}-{row}-ORDER", "")
        return (int(value) if value.isdigit() else 10_000, row)

    # The order the person sees is the one their order numbers give.
    order = sorted(range(rows), key=typed_order)
    place = order.index(index)
    other = place - 1 if direction == "up" else place + 1
    if 0 <= other < rows:
        order[place], order[other] = order[other], order[place]
        place = other
    fields: dict[int, dict[str, list[str]]] = {row: {} for row in range(rows)}
    for key in data:
        for row in range(rows):
            head = f"{prefix}-{row}-"
            if key.startswith(head):
                fields[row][key.removeprefix(head)] = data.getlist(key)
    moved = data.copy()
    for row in range(rows):
        for name in fields[row]:
            del moved[f"{prefix}-{row}-{name}"]
    for new_row, old_row in enumerate(order):
        for name, values in fields[old_row].items():
            moved.setlist(f"{prefix}-{new_row}-{name}", values)
        moved[f"{prefix}-{new_row}-ORDER"] = str(new_row + 1)
    return moved, place, direction


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
def agenda_edit(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    """One meeting's own agenda: change, reorder, add or remove its items."""
    meeting = meeting_in(group, meeting_id)
    if request.method == "POST" and "move" in request.POST:
        # A Move up / Move down button (without JavaScript): the page again, with that
        # item a place further and the focus on the same button; nothing is saved yet.
        rows = agenda_rows_moved(request.POST, "items", request.POST["move"])
        if rows is not None:
            data, row, direction = rows
            formset = AgendaFormSet(data, prefix="items")
            last = formset.initial_form_count() - 1
            if (direction == "up" and row == 0) or (direction == "down" and row == last):
                direction = "down" if direction == "up" else "up"
            return render(
                request,
                "meetings/agenda_edit.html",
                {
                    "group": group,
                    "meeting": meeting,
                    "formset": formset,
                    "moved_to": row + 1,
                    "focus_row": row,
                    "focus_dir": direction,
                },
            )
    if request.method == "POST":
        formset = AgendaFormSet(request.POST, prefix="items")
        if formset.is_valid():
            items = step_edits(formset.ordered_forms)
            services.agenda_save(meeting=meeting, by=request.user, items=items)
            messages.success(request, _("Agenda saved."))
            return back_to(group, meeting, "#agenda")
    else:
        formset = AgendaFormSet(
            prefix="items",
            initial=step_rows(meeting.agenda.all()),
        )
    return render(
        request,
        "meetings/agenda_edit.html",
        {"group": group, "meeting": meeting, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


@group_view(Need.FACILITATE)
@require_POST
def duties(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, meeting_id: UUID
) -> HttpResponse:
    meeting = meeting_in(group, meeting_id)
    form = DutiesForm(request.POST, group=group)
    if not form_saved(
        request,
        form,
        lambda: services.duties_assign(meeting=meeting, by=request.user, **form.cleaned_data),
        _("Duties saved."),
    ):
        messages.error(request, _("Choose members of the group for the duties."))
    return back_to(group, meeting, "#duties")
