"""A data set: its page (summary, spread and rows), removing it, its rows as CSV, and
the expected levels a benchmark is held against. Also what the two ways of entering a
data set share (a file, ``file_import``; a grid, ``data_grid``): the form's starting
values, what it says the data set is, and the measures the group has used."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kahui.core.confirm import ask_to_confirm, is_confirmed
from kahui.core.csv_export import SafeWriter
from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import findings, services
from kahui.inquiry.access import READ, may_write
from kahui.inquiry.analysis import summarise
from kahui.inquiry.forms import ExpectedLevelsForm
from kahui.inquiry.models import AssessmentDataSet, InquiryCycle, Scale
from kahui.inquiry.views.lookup import check_may_write, cycle_in, evidence_url


def data_set_in(cycle: InquiryCycle, data_set_id: UUID) -> AssessmentDataSet:
    return get_object_or_404(
        AssessmentDataSet.objects.select_related("goal", "added_by__profile"),
        cycle=cycle,
        public_id=data_set_id,
    )


def data_set_spec(data) -> services.DataSetSpec:
    return services.DataSetSpec(
        title=data["title"],
        kind=data["kind"],
        measure=data["measure"],
        taken_on=data["taken_on"],
        stage=data["stage"],
        scale=data["scale"],
        minimum=data.get("minimum"),
        maximum=data.get("maximum"),
        levels=tuple(data.get("levels") or ()),
        goal=data.get("goal"),
    )


def data_set_initial(cycle: InquiryCycle, data_set: AssessmentDataSet | None = None) -> dict:
    if data_set is None:
        return {"stage": cycle.stage_key, "kind": "formative", "scale": Scale.NUMBERS}
    return {
        "title": data_set.title,
        "kind": data_set.kind,
        "measure": data_set.measure,
        "taken_on": data_set.taken_on,
        "stage": data_set.stage,
        "goal": data_set.goal,
        "scale": data_set.scale,
        "minimum": data_set.minimum,
        "maximum": data_set.maximum,
        "levels": "\n".join(data_set.levels),
    }


def measure_names(cycle: InquiryCycle) -> list[str]:
    return sorted(
        set(
            AssessmentDataSet.objects.filter(cycle__group=cycle.group).values_list(
                "measure", flat=True
            )
        )
    )


def csv_download(filename: str) -> tuple[HttpResponse, SafeWriter]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # so Excel reads UTF-8 (macrons) as UTF-8
    return response, SafeWriter(response)


@group_view(READ)
@require_GET
def data_set(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    data_set_id: UUID,
) -> HttpResponse:
    """One data set: what it is, its summary and spread, and its rows."""
    cycle = cycle_in(group, cycle_id)
    shown = data_set_in(cycle, data_set_id)
    rows = list(shown.rows.all())
    for row in rows:
        row.level = shown.level_name(row.value)
    values = [row.value for row in rows]
    return render(
        request,
        "inquiry/data_set.html",
        {
            "group": group,
            "cycle": cycle,
            "data_set": shown,
            "summary": summarise(values) if values else None,
            "rows": rows,
            "chart": findings.spread_of(shown, values, nonce=str(get_nonce(request))),
            "can_write": may_write(access, cycle),
        },
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def data_delete(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    data_set_id: UUID,
) -> HttpResponse:
    cycle = cycle_in(group, cycle_id)
    check_may_write(access, cycle)
    data_set = data_set_in(cycle, data_set_id)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            title=_("Remove the data set “%(title)s”?") % {"title": data_set.title},
            question=_(
                "Its values leave the inquiry's analysis for everyone in the group. This "
                "cannot be undone."
            ),
            confirm_label=_("Remove the data set"),
            cancel_url=evidence_url(cycle, "#data"),
            place=group.name,
        )
    try:
        services.data_set_remove(data_set=data_set, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Data set removed."))
    return redirect(evidence_url(cycle, "#data"))


@group_view(READ)
@require_GET
def data_csv(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    data_set_id: UUID,
) -> HttpResponse:
    """The data set's rows as CSV, in the columns the import reads back."""
    cycle = cycle_in(group, cycle_id)
    shown = data_set_in(cycle, data_set_id)
    response, writer = csv_download(f"{slugify(shown.title) or 'data-set'}.csv")
    writer.writerow([_("Learner code"), _("Group"), _("Year level"), _("Value")])
    for code, label, year, value in shown.rows.values_list("code", "label", "year_level", "value"):
        writer.writerow(
            [code, label, "" if year is None else year, shown.level_name(value) or f"{value:g}"]
        )
    return response


@group_view(READ)
@require_http_methods(["GET", "POST"])
def expected_levels(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """The level the group expects at each year level, per measure: what a benchmark
    data set is held against."""
    cycle = cycle_in(group, cycle_id)
    measure = request.GET.get("measure", "") or request.POST.get("measure", "")
    initial: dict = {"measure": measure}
    if measure:
        standard = services.standard_of(group, measure)
        initial.update({f"year_{year}": value for year, value in standard.items()})
    form = ExpectedLevelsForm(request.POST or None, initial=initial)
    if request.method == "POST":
        check_may_write(access, cycle)
        if form_saved(
            request,
            form,
            lambda: services.expected_levels_save(
                cycle=cycle,
                by=request.user,
                measure=form.cleaned_data["measure"],
                levels=form.levels(),
            ),
            _("Expected levels saved."),
        ):
            return redirect(reverse("inquiry:analysis", args=[group.public_id, cycle.public_id]))
    return render(
        request,
        "inquiry/expected_levels.html",
        {
            "group": group,
            "cycle": cycle,
            "form": form,
            "measures": measure_names(cycle),
            "can_write": may_write(access, cycle),
        },
        status=400 if form.errors else 200,
    )
