"""A data set typed into a grid, or changed there: a learner code or group, a year
level and a value a row, up to the grid's limit; "Add rows" keeps what was typed."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kahui.core.errors import KahuiError
from kahui.core.forms import typed_rows
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import services
from kahui.inquiry.forms import GRID_FIELDS, GRID_MAX_ROWS, DataSetForm, GridFormSet
from kahui.inquiry.importing import parse_number
from kahui.inquiry.models import AssessmentDataSet
from kahui.inquiry.views.data_sets import (
    data_set_in,
    data_set_initial,
    data_set_spec,
    measure_names,
)
from kahui.inquiry.views.lookup import check_may_write, cycle_goals, cycle_in, reached_stages

GRID_PREFIX = "rows"


def _grid_rows(data_set: AssessmentDataSet | None) -> list[dict]:
    if data_set is None:
        return [{} for _ in range(5)]
    return [
        {
            "code": row.code,
            "label": row.label,
            "year_level": row.year_level,
            "value": data_set.level_name(row.value) or f"{row.value:g}",
        }
        for row in data_set.rows.all()
    ]


def _grid_value(text: str, levels: tuple[str, ...]) -> float | None:
    text = text.strip()
    folded = [level.casefold() for level in levels]
    if levels and text.casefold() in folded:
        return float(folded.index(text.casefold()) + 1)
    return parse_number(text, "," if "," in text and "." not in text else ".")


def _grid_rows_in(formset, levels) -> tuple[list[services.RowIn], list[str]]:
    rows, problems = [], []
    line = 0
    for form in formset.forms:
        if not form.has_changed():
            continue
        line += 1
        if not form.is_valid():
            continue  # its own errors are shown beside it
        data = form.cleaned_data
        value = _grid_value(data.get("value") or "", levels)
        if value is None:
            problems.append(
                _("Row %(row)s: “%(value)s” is not a number%(levels)s.")
                % {
                    "row": line,
                    "value": data.get("value"),
                    "levels": _(" or one of the levels") if levels else "",
                }
            )
            continue
        rows.append(
            services.RowIn(
                value=value,
                code=data.get("code") or "",
                label=data.get("label") or "",
                year_level=data.get("year_level"),
                row=line,
            )
        )
    return rows, problems


def _grid_page(request, group, access, cycle, data_set=None) -> HttpResponse:
    """Type a data set's rows into a grid: a learner code or group, a year level and a
    value a row. "Add rows" draws the grid again with five more, keeping what was typed.
    A data set too large for a grid is changed by importing its file again."""
    check_may_write(access, cycle)
    if data_set is not None and data_set.row_count > GRID_MAX_ROWS:
        return render(
            request,
            "inquiry/data_too_big.html",
            {"group": group, "cycle": cycle, "data_set": data_set, "limit": GRID_MAX_ROWS},
        )
    form = DataSetForm(
        request.POST or None,
        stages=reached_stages(cycle),
        goals=cycle_goals(cycle),
        initial=data_set_initial(cycle, data_set),
    )
    status = 200
    problems: list[str] = []
    confirm_names = False
    if request.method == "POST":
        formset = GridFormSet(request.POST, prefix=GRID_PREFIX)
        if "add" in request.POST:
            # More rows, keeping what was typed, without saving or complaining yet.
            formset = _grid_with_more(request.POST)
            form = DataSetForm(
                stages=reached_stages(cycle), goals=cycle_goals(cycle), initial=request.POST.dict()
            )
        elif form.is_valid():
            levels = form.cleaned_data["levels"] if form.cleaned_data["scale"] == "levels" else ()
            rows, problems = _grid_rows_in(formset, levels)
            if formset.is_valid() and not problems:
                try:
                    saved = services.data_set_save(
                        cycle=cycle,
                        by=request.user,
                        spec=data_set_spec(form.cleaned_data),
                        rows=rows,
                        data_set=data_set,
                        codes_confirmed=request.POST.get("codes_confirmed") == "on",
                    )
                except services.BadRows as error:
                    problems = error.problems
                    form.add_error(None, error.message)
                except services.LooksLikeNames as error:
                    confirm_names = True
                    form.add_error(None, error.message)
                except KahuiError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _("Data set saved."))
                    return redirect(
                        "inquiry:data_set", group.public_id, cycle.public_id, saved.public_id
                    )
            else:
                form.add_error(None, _("Nothing was saved: fix these rows and try again."))
            status = 400
        else:
            formset.is_valid()
            status = 400
    else:
        formset = GridFormSet(initial=_grid_rows(data_set), prefix=GRID_PREFIX)
    return render(
        request,
        "inquiry/data_grid.html",
        {
            "group": group,
            "cycle": cycle,
            "data_set": data_set,
            "form": form,
            "formset": formset,
            "problems": problems,
            "confirm_names": confirm_names,
            "measures": measure_names(cycle),
        },
        status=status,
    )


def _grid_with_more(data):
    typed = typed_rows(data, prefix=GRID_PREFIX, fields=GRID_FIELDS, limit=GRID_MAX_ROWS)
    rows = typed.rows + [{} for _ in range(5)]
    return GridFormSet(initial=rows[:GRID_MAX_ROWS], prefix=GRID_PREFIX)


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def data_new(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    return _grid_page(request, group, access, cycle_in(group, cycle_id))


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def data_edit(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    data_set_id: UUID,
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    return _grid_page(request, group, access, cycle, data_set_in(cycle, data_set_id))
