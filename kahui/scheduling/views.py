"""Finding times: availability polls, each person's usual week, the group's heat-map
and the best-time finder."""

from datetime import UTC, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved, formset_as_typed
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.scheduling import selectors, services, slots
from kahui.scheduling.forms import (
    AnswerForm,
    AvailabilityForm,
    ChooseForm,
    FinderForm,
    OptionFormSet,
    PollForm,
    default_deadline,
)
from kahui.scheduling.models import AvailabilityPoll, PollOption

# Lazy: translated when a page is drawn, in the viewer's language.
WEEKDAY_NAMES = [
    gettext_lazy("Mon"),
    gettext_lazy("Tue"),
    gettext_lazy("Wed"),
    gettext_lazy("Thu"),
    gettext_lazy("Fri"),
    gettext_lazy("Sat"),
    gettext_lazy("Sun"),
]


def _label(option: PollOption) -> str:
    local = timezone.localtime(option.starts_at)
    # Elapsed minutes, so the end is right on the night the clocks change.
    end = timezone.localtime(
        option.starts_at.astimezone(UTC) + timedelta(minutes=option.duration_minutes)
    )
    return f"{formats.date_format(local, 'D j M')}, {local:%H:%M}–{end:%H:%M}"


@group_view(Need.MEMBER)
@require_GET
def poll_list(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    polls = Paginator(selectors.polls_of(group), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "scheduling/poll_list.html",
        {"group": group, "access": access, "polls": polls},
    )


@group_view(Need.FACILITATE)
@require_http_methods(["GET", "POST"])
@submitted_once
def poll_create(request: HttpRequest, group: LearningGroup, _access: GroupAccess) -> HttpResponse:
    profile = getattr(request.user, "profile", None)
    status = 200
    redrawn = request.method == "POST" and formset_as_typed(
        OptionFormSet,
        request.POST,
        prefix="options",
        fields=["day", "start", "end", "format", "DELETE"],
        blank=lambda rows: {"format": rows[-1]["format"] if rows else group.format},
    )
    if redrawn:
        form = PollForm(request.POST)
        formset, status = redrawn
    elif request.method == "POST":
        form = PollForm(request.POST)
        formset = OptionFormSet(request.POST, prefix="options")
        if form.is_valid() and formset.is_valid():
            options = [
                services.OptionPlan(
                    day=f.cleaned_data["day"],
                    start=f.cleaned_data["start"],
                    duration_minutes=f.duration_minutes,
                    format=f.cleaned_data["format"],
                )
                for f in formset.forms
                if f.has_changed() and not f.cleaned_data.get("DELETE")
            ]
            deadline_day = form.cleaned_data["deadline"]
            deadline = (
                # The end of that day where the poll's times are given.
                datetime.combine(
                    deadline_day, time(23, 59), tzinfo=ZoneInfo(form.cleaned_data["time_zone"])
                )
                if deadline_day
                else None
            )
            try:
                poll = services.poll_create(
                    group=group,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    time_zone=form.cleaned_data["time_zone"],
                    options=options,
                    deadline=deadline,
                )
            except KahuiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Poll sent to the group."))
                return redirect("scheduling:poll", group.public_id, poll.public_id)
    else:
        form = PollForm(
            initial={
                "title": _("When shall we meet?"),
                "time_zone": getattr(profile, "time_zone", None)
                or timezone.get_current_timezone_name(),
                "deadline": default_deadline(),
            }
        )
        formset = OptionFormSet(
            prefix="options", initial=[{"format": group.format}, {"format": group.format}]
        )
    return render(
        request,
        "scheduling/poll_form.html",
        {"group": group, "form": form, "formset": formset},
        status=status,
    )


def _poll(group, poll_id: UUID) -> AvailabilityPoll:
    return get_object_or_404(
        AvailabilityPoll.objects.select_related(
            "group", "chosen", "meeting", "created_by__profile"
        ),
        group=group,
        public_id=poll_id,
    )


def _choose_forms(poll, options, refused: ChooseForm | None) -> None:
    """Give each option its form to choose it; a refused one keeps what was typed."""
    title = services.default_meeting_title(poll)
    for option in options:
        if refused is not None and refused.option.pk == option.pk:
            option.choose_form = refused
        else:
            option.choose_form = ChooseForm(option=option, initial={"title": title})


def _poll_context(request, group, access, poll, **extra) -> dict:
    options = selectors.ranked_options(poll)
    by_time = sorted(options, key=lambda o: o.starts_at)
    for option in options:
        option.label = _label(option)
    if access.is_facilitator and not poll.meeting_id:
        _choose_forms(poll, options, extra.pop("choose_form", None))
    rows, waiting = selectors.answer_grid(poll, by_time)
    context = {
        "group": group,
        "access": access,
        "poll": poll,
        "ranked": options,
        "by_time": by_time,
        "rows": rows,
        "waiting": waiting,
        "answer_form": AnswerForm(
            options=by_time,
            initial_answers=selectors.my_answers(poll, request.user),
            initial={
                "comment": poll.responses.filter(user=request.user)
                .values_list("comment", flat=True)
                .first()
                or ""
            },
        ),
        "best": options[0] if options and (options[0].yes + options[0].maybe) else None,
    }
    context.update(extra)
    return context


@group_view(Need.MEMBER)
@require_GET
def poll_detail(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, poll_id: UUID
) -> HttpResponse:
    poll = _poll(group, poll_id)
    return render(request, "scheduling/poll.html", _poll_context(request, group, access, poll))


@group_view(Need.MEMBER)
@require_POST
def poll_answer(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, poll_id: UUID
) -> HttpResponse:
    poll = _poll(group, poll_id)
    options = sorted(poll.options.all(), key=lambda o: o.starts_at)
    for option in options:
        option.label = _label(option)
    form = AnswerForm(request.POST, options=options, initial_answers={})
    if form.is_valid():
        try:
            services.poll_answer(
                poll=poll,
                user=request.user,
                answers=form.answers(),
                comment=form.cleaned_data["comment"],
            )
        except KahuiError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you, your answers are saved."))
        return redirect("scheduling:poll", group.public_id, poll.public_id)
    context = _poll_context(request, group, access, poll, answer_form=form)
    return render(request, "scheduling/poll.html", context, status=400)


@group_view(Need.FACILITATE)
@require_POST
def poll_close(
    request: HttpRequest, group: LearningGroup, _access: GroupAccess, poll_id: UUID
) -> HttpResponse:
    poll = _poll(group, poll_id)
    services.poll_close(poll=poll, by=request.user)
    messages.info(request, _("The poll is closed."))
    return redirect("scheduling:poll", group.public_id, poll.public_id)


@group_view(Need.FACILITATE)
@require_POST
def poll_choose(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, poll_id: UUID, option_id: UUID
) -> HttpResponse:
    poll = _poll(group, poll_id)
    option = get_object_or_404(PollOption, poll=poll, public_id=option_id)
    form = ChooseForm(request.POST, option=option)
    if form.is_valid():
        try:
            meetings = services.poll_choose(
                poll=poll,
                by=request.user,
                option=option,
                title=form.cleaned_data["title"],
                repeat=form.cleaned_data["repeat"],
                location=form.cleaned_data["location"],
                online_url=form.cleaned_data["online_url"],
            )
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Meeting scheduled; everyone has been told."))
            return redirect("meetings:detail", group.public_id, meetings[0].public_id)
    # Show the poll again with what was typed and why it was refused.
    context = _poll_context(request, group, access, poll, choose_form=form)
    return render(request, "scheduling/poll.html", context, status=400)


# ---- weekly availability -------------------------------------------------------------


def _grid_rows(cell_minutes: int, yes: int, maybe: int) -> list[dict]:
    per_day = 24 * 60 // cell_minutes
    rows = []
    for slot in range(per_day):
        minute = slot * cell_minutes
        cells = []
        for day in range(7):
            index = day * per_day + slot
            state = "yes" if yes >> index & 1 else "maybe" if maybe >> index & 1 else "no"
            cells.append({"index": index, "state": state, "day": WEEKDAY_NAMES[day]})
        rows.append(
            {
                "label": f"{minute // 60:02d}:{minute % 60:02d}",
                "cells": cells,
                "hour": minute % 60 == 0,
            }
        )
    return rows


def _convert(mask: int, source: int, target: int) -> int:
    """The same week at another cell size (a 30-minute cell needs both quarters)."""
    if source == target:
        return mask
    result = 0
    if source == 30:  # 30 → 15: each half hour becomes two quarters
        for cell in range(7 * 48):
            if mask >> cell & 1:
                result |= 0b11 << (2 * cell)
        return result
    return selectors.resample(mask, source, target)


@login_required
@require_http_methods(["GET", "POST"])
def availability(request: HttpRequest) -> HttpResponse:
    """Paint the times you are usually free, in your own time zone."""
    record = services.availability_for(request.user)
    profile = getattr(request.user, "profile", None)
    initial = {
        "time_zone": record.time_zone if record else getattr(profile, "time_zone", "UTC"),
        "cell_minutes": record.cell_minutes if record else 30,
        "yes": record.yes if record else "0",
        "if_need_be": record.if_need_be if record else "0",
    }
    form = AvailabilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form_saved(
        request,
        form,
        lambda: services.availability_save(
            user=request.user,
            time_zone=form.cleaned_data["time_zone"],
            cell_minutes=form.cleaned_data["cell_minutes"],
            yes=form.cleaned_data["yes_mask"],
            if_need_be=form.cleaned_data["if_need_be_mask"],
        ),
        _("Your usual week is saved."),
    ):
        return redirect("scheduling:availability")
    cell = 15 if request.GET.get("cell") == "15" else 30 if request.GET.get("cell") else None
    cell = cell or (record.cell_minutes if record else 30)
    yes = _convert(record.yes_mask, record.cell_minutes, cell) if record else 0
    maybe = _convert(record.if_need_be_mask, record.cell_minutes, cell) if record else 0
    if request.method == "GET":
        form.initial.update(cell_minutes=cell, yes=format(yes, "x"), if_need_be=format(maybe, "x"))
    return render(
        request,
        "scheduling/availability.html",
        {
            "form": form,
            "rows": _grid_rows(cell, yes, maybe),
            "days": WEEKDAY_NAMES,
            "cell_minutes": cell,
        },
    )


@group_view(Need.MEMBER)
@require_GET
def group_times(request: HttpRequest, group: LearningGroup, access: GroupAccess) -> HttpResponse:
    """The group's heat-map in the viewer's time zone, and the best weekly slots."""
    first, busy_from, busy_to = selectors.finder_window()
    people = selectors.people_of(group, busy_from=busy_from, busy_to=busy_to)
    viewer_zone = timezone.get_current_timezone_name()
    finder_form = FinderForm(request.GET)
    duration = max(30, min(group.meeting_minutes, 240))
    if finder_form.is_valid():
        duration = finder_form.cleaned_data["minutes"] or duration
    heat = slots.heat_map(people, reference_time_zone=viewer_zone, week=first)
    best = slots.best_slots(
        people,
        reference_time_zone=viewer_zone,
        first_week=first,
        weeks=4,
        duration_minutes=duration,
        limit=8,
    )
    names = {
        m.user_id: m.user.display_name for m in group.memberships.select_related("user__profile")
    }
    ranked = [
        {
            "slot": slot,
            "day": WEEKDAY_NAMES[slot.weekday],
            "available": [names[i] for i in slot.available],
            "if_need_be": [names[i] for i in slot.if_need_be],
            "unavailable": [names[i] for i in slot.unavailable],
            "date": first - timedelta(days=first.weekday()) + timedelta(days=slot.weekday),
        }
        for slot in best
    ]
    per_day = 48
    total = max(len(people), 1)
    rows = []
    # The school day and evenings: 06:00 to 22:00 in the viewer's zone.
    for slot_index in range(12, 44):
        cells = []
        for day in range(7):
            yes, maybe = heat[day * per_day + slot_index]
            level = min(5, round(5 * (yes + maybe / 2) / total)) if people else 0
            cells.append({"yes": yes, "maybe": maybe, "level": level, "day": WEEKDAY_NAMES[day]})
        minute = slot_index * 30
        rows.append(
            {
                "label": f"{minute // 60:02d}:{minute % 60:02d}",
                "cells": cells,
                "hour": minute % 60 == 0,
            }
        )
    return render(
        request,
        "scheduling/group_times.html",
        {
            "group": group,
            "access": access,
            "rows": rows,
            "days": WEEKDAY_NAMES,
            "ranked": ranked,
            "counted": len(people),
            "missing": list(selectors.members_without_availability(group)),
            "duration": duration,
            "finder_form": finder_form,
            "viewer_zone": viewer_zone,
        },
    )
