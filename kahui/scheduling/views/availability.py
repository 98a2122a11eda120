"""Each person's usual week, painted in their own time zone, and the group's heat-map
with the best weekly slots."""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.forms import form_saved
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.scheduling import selectors, services, slots
from kahui.scheduling.forms import AvailabilityForm, FinderForm

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


def _row(minute: int, cells: list[dict]) -> dict:
    """One line of a week's grid: when it starts, its cells, and whether on the hour."""
    return {
        "label": f"{minute // 60:02d}:{minute % 60:02d}",
        "cells": cells,
        "hour": minute % 60 == 0,
    }


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
        rows.append(_row(minute, cells))
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
        rows.append(_row(minute, cells))
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
