"""The inquiry's evidence and assessment data pages: evidence items by stage, data sets
imported from a file (preview, then confirm) or typed into a grid, the expected levels
a benchmark is held against, and the analysis of a cycle's data with its charts.
Members only, like every inquiry page: the group is checked at the door, writing to an
ended cycle is refused, and files and exports are served to members alone."""

import hashlib
import secrets
from uuid import UUID

from django.contrib import messages
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.csv_export import SafeWriter
from kahui.core.errors import KahuiError
from kahui.core.forms import typed_rows
from kahui.core.fragments import cached_fragment, group_stamp
from kahui.core.submissions import submitted_once
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import findings, selectors, services
from kahui.inquiry.access import may_write
from kahui.inquiry.analysis import summarise
from kahui.inquiry.forms import (
    GRID_FIELDS,
    GRID_MAX_ROWS,
    DataSetForm,
    EvidenceForm,
    ExpectedLevelsForm,
    GridFormSet,
    ImportForm,
)
from kahui.inquiry.importing import MAX_BYTES, parse_number, read_assessment_file
from kahui.inquiry.models import (
    AssessmentDataSet,
    EvidenceItem,
    InquiryCycle,
    Scale,
)
from kahui.inquiry.views import _cycle, _writing
from kahui.inquiry.workflow import stage_views

PREVIEW_ROWS = 20
PREVIEW_SECONDS = 3600
GRID_PREFIX = "rows"


def _reached(cycle: InquiryCycle):
    return [s for s in stage_views(cycle.inquiry_model, cycle.stage_key) if s.state != "todo"]


def _goals(cycle: InquiryCycle):
    return cycle.goals.order_by("position", "id")


def _evidence_url(cycle: InquiryCycle, anchor: str = "") -> str:
    return reverse("inquiry:evidence", args=[cycle.group.public_id, cycle.public_id]) + anchor


def _item(cycle: InquiryCycle, item_id: UUID) -> EvidenceItem:
    return get_object_or_404(
        EvidenceItem.objects.select_related("goal"), cycle=cycle, public_id=item_id
    )


def _data_set(cycle: InquiryCycle, data_set_id: UUID) -> AssessmentDataSet:
    return get_object_or_404(
        AssessmentDataSet.objects.select_related("goal", "added_by__profile"),
        cycle=cycle,
        public_id=data_set_id,
    )


# -- Evidence ------------------------------------------------------------------------------


@group_view(Need.MEMBER)
@require_GET
def evidence(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """The cycle's evidence and data sets, stage by stage."""
    cycle = _cycle(group, cycle_id)
    items = list(selectors.evidence_of(cycle))
    data_sets = list(selectors.data_sets_of(cycle))
    stages = []
    for stage in _reached(cycle):
        stages.append(
            (
                stage,
                [item for item in items if item.stage == stage.key],
                [d for d in data_sets if d.stage == stage.key],
            )
        )
    return render(
        request,
        "inquiry/evidence.html",
        {
            "group": group,
            "cycle": cycle,
            "stages": stages,
            "count": len(items) + len(data_sets),
            "can_write": may_write(access, cycle),
        },
    )


def _evidence_form(request, cycle, item=None) -> EvidenceForm:
    initial = {"stage": cycle.stage_key, "kind": "observation"}
    if item is not None:
        initial = {
            "kind": item.kind,
            "title": item.title,
            "body": item.body,
            "url": item.url,
            "gathered_on": item.gathered_on,
            "stage": item.stage,
            "goal": item.goal,
        }
    elif request.GET.get("goal"):
        goal = _goals(cycle).filter(measure__public_id=_uuid(request.GET["goal"])).first()
        initial["goal"] = goal
    return EvidenceForm(
        request.POST or None,
        request.FILES or None,
        stages=_reached(cycle),
        goals=_goals(cycle),
        initial=initial,
    )


def _uuid(text: str) -> UUID | None:
    try:
        return UUID(text)
    except ValueError:
        return None


def _evidence_page(request, group, access, cycle, item=None) -> HttpResponse:
    _writing(access, cycle)
    form = _evidence_form(request, cycle, item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        edit = services.EvidenceEdit(
            kind=data["kind"],
            title=data["title"],
            stage=data["stage"],
            body=data["body"],
            url=data["url"],
            goal=data["goal"],
            gathered_on=data["gathered_on"],
            upload=data["upload"],
        )
        try:
            if item is None:
                saved = services.evidence_add(cycle=cycle, by=request.user, edit=edit)
            else:
                saved = services.evidence_update(item=item, by=request.user, edit=edit)
        except KahuiError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Evidence saved."))
            return redirect(_evidence_url(cycle, f"#evidence-{saved.public_id}"))
    return render(
        request,
        "inquiry/evidence_form.html",
        {"group": group, "cycle": cycle, "item": item, "form": form},
        status=400 if form.errors else 200,
    )


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
@submitted_once
def evidence_add(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    return _evidence_page(request, group, access, _cycle(group, cycle_id))


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def evidence_edit(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, item_id: UUID
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
    return _evidence_page(request, group, access, cycle, _item(cycle, item_id))


@group_view(Need.MEMBER)
@require_POST
def evidence_delete(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, item_id: UUID
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
    _writing(access, cycle)
    item = _item(cycle, item_id)
    try:
        services.evidence_remove(item=item, by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Evidence removed."))
    return redirect(_evidence_url(cycle))


@group_view(Need.MEMBER)
@require_GET
def evidence_file(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID, item_id: UUID
) -> HttpResponse:
    """A sample's file, always as a download: never shown on Kāhui's own origin."""
    item = _item(_cycle(group, cycle_id), item_id)
    if not item.file:
        raise Http404("No file")
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.file_name or "download",
        content_type=item.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# -- Data sets -----------------------------------------------------------------------------


def _spec(data) -> services.DataSetSpec:
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


def _data_initial(cycle: InquiryCycle, data_set: AssessmentDataSet | None = None) -> dict:
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


def _measure_names(cycle: InquiryCycle) -> list[str]:
    return sorted(
        set(
            AssessmentDataSet.objects.filter(cycle__group=cycle.group).values_list(
                "measure", flat=True
            )
        )
    )


def _preview_key(request, cycle: InquiryCycle, token: str) -> str:
    return f"inquiry-import:{request.user.pk}:{cycle.pk}:{token}"


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def data_import(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """Import a data set from a CSV file or workbook: read and preview it, then save
    it all in one go once the teacher confirms (and says name-like codes are codes)."""
    cycle = _cycle(group, cycle_id)
    _writing(access, cycle)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        stages=_reached(cycle),
        goals=_goals(cycle),
        initial=_data_initial(cycle),
    )
    context = {
        "group": group,
        "cycle": cycle,
        "form": form,
        "measures": _measure_names(cycle),
        "problems": [],
    }
    if request.method == "GET":
        return render(request, "inquiry/data_import.html", context)
    token = request.POST.get("token", "")
    pending = cache.get(_preview_key(request, cycle, token)) if token else None
    if not form.is_valid():
        context.update(_preview_context(pending, token))
        return render(request, "inquiry/data_import.html", context, status=400)
    data = form.cleaned_data
    upload = data.get("upload")
    if upload is not None:
        pending, problems = _read(upload, data)
        if problems:
            context["problems"] = problems
            return render(request, "inquiry/data_import.html", context, status=400)
        token = secrets.token_urlsafe(16)
        cache.set(_preview_key(request, cycle, token), pending, PREVIEW_SECONDS)
        context.update(_preview_context(pending, token))
        return render(request, "inquiry/data_import.html", context)
    if pending is None:
        form.add_error("upload", _("Choose the file to import."))
        return render(request, "inquiry/data_import.html", context, status=400)
    context.update(_preview_context(pending, token))
    try:
        data_set = services.data_set_save(
            cycle=cycle,
            by=request.user,
            spec=_spec(data),
            rows=[services.RowIn(*row) for row in pending["rows"]],
            codes_confirmed=data["codes_confirmed"],
            source=pending["source"],
        )
    except services.BadRows as error:
        context["problems"] = error.problems
        form.add_error(None, error.message)
    except KahuiError as error:
        form.add_error(None, error.message)
    else:
        cache.delete(_preview_key(request, cycle, token))
        messages.success(
            request,
            _("Imported %(n)s rows into “%(title)s”.")
            % {"n": data_set.row_count, "title": data_set.title},
        )
        return redirect("inquiry:data_set", group.public_id, cycle.public_id, data_set.public_id)
    return render(request, "inquiry/data_import.html", context, status=400)


def _read(upload, data) -> tuple[dict, list[str]]:
    if upload.size > MAX_BYTES:
        return {}, [_("The file is larger than 10 MB: split it, or leave out other columns.")]
    levels = data["levels"] if data["scale"] == Scale.LEVELS else None
    result = read_assessment_file(
        upload.read(),
        filename=upload.name,
        levels=levels,
        measure=data["measure"],
        minimum=data.get("minimum"),
        maximum=data.get("maximum"),
    )
    if not result.ok:
        return {}, [error.render(_) for error in result.errors]
    rows = [
        (row.value, row.code or "", row.group or "", row.year_level, row.row) for row in result.rows
    ]
    return {
        "rows": rows,
        "source": upload.name,
        "warnings": [warning.render(_) for warning in result.warnings],
        "names": result.looks_like_names,
        "columns": {str(k): v for k, v in result.columns.items()},
    }, []


def _preview_context(pending: dict | None, token: str) -> dict:
    if not pending:
        return {}
    return {
        "token": token,
        "preview": pending["rows"][:PREVIEW_ROWS],
        "row_count": len(pending["rows"]),
        "warnings": pending["warnings"],
        "looks_like_names": pending["names"],
        "source": pending["source"],
    }


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
    _writing(access, cycle)
    if data_set is not None and data_set.row_count > GRID_MAX_ROWS:
        return render(
            request,
            "inquiry/data_too_big.html",
            {"group": group, "cycle": cycle, "data_set": data_set, "limit": GRID_MAX_ROWS},
        )
    form = DataSetForm(
        request.POST or None,
        stages=_reached(cycle),
        goals=_goals(cycle),
        initial=_data_initial(cycle, data_set),
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
                stages=_reached(cycle), goals=_goals(cycle), initial=request.POST.dict()
            )
        elif form.is_valid():
            levels = form.cleaned_data["levels"] if form.cleaned_data["scale"] == "levels" else ()
            rows, problems = _grid_rows_in(formset, levels)
            if formset.is_valid() and not problems:
                try:
                    saved = services.data_set_save(
                        cycle=cycle,
                        by=request.user,
                        spec=_spec(form.cleaned_data),
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
            "measures": _measure_names(cycle),
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
    return _grid_page(request, group, access, _cycle(group, cycle_id))


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def data_edit(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    data_set_id: UUID,
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
    return _grid_page(request, group, access, cycle, _data_set(cycle, data_set_id))


@group_view(Need.MEMBER)
@require_GET
def data_set(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    data_set_id: UUID,
) -> HttpResponse:
    """One data set: what it is, its summary and spread, and its rows."""
    cycle = _cycle(group, cycle_id)
    shown = _data_set(cycle, data_set_id)
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
@require_POST
def data_delete(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    data_set_id: UUID,
) -> HttpResponse:
    cycle = _cycle(group, cycle_id)
    _writing(access, cycle)
    try:
        services.data_set_remove(data_set=_data_set(cycle, data_set_id), by=request.user)
    except KahuiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Data set removed."))
    return redirect(_evidence_url(cycle, "#data"))


def _csv_response(filename: str) -> tuple[HttpResponse, SafeWriter]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # so Excel reads UTF-8 (macrons) as UTF-8
    return response, SafeWriter(response)


@group_view(Need.MEMBER)
@require_GET
def data_csv(
    request: HttpRequest,
    group: LearningGroup,
    access: GroupAccess,
    cycle_id: UUID,
    data_set_id: UUID,
) -> HttpResponse:
    """The data set's rows as CSV, in the columns the import reads back."""
    cycle = _cycle(group, cycle_id)
    shown = _data_set(cycle, data_set_id)
    response, writer = _csv_response(f"{slugify(shown.title) or 'data-set'}.csv")
    writer.writerow([_("Learner code"), _("Group"), _("Year level"), _("Value")])
    for code, label, year, value in shown.rows.values_list("code", "label", "year_level", "value"):
        writer.writerow(
            [code, label, "" if year is None else year, shown.level_name(value) or f"{value:g}"]
        )
    return response


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def expected_levels(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """The level the group expects at each year level, per measure: what a benchmark
    data set is held against."""
    cycle = _cycle(group, cycle_id)
    measure = request.GET.get("measure", "") or request.POST.get("measure", "")
    initial: dict = {"measure": measure}
    if measure:
        standard = services.standard_of(group, measure)
        initial.update({f"year_{year}": value for year, value in standard.items()})
    form = ExpectedLevelsForm(request.POST or None, initial=initial)
    if request.method == "POST":
        _writing(access, cycle)
        if form.is_valid():
            try:
                services.expected_levels_save(
                    cycle=cycle,
                    by=request.user,
                    measure=form.cleaned_data["measure"],
                    levels=form.levels(),
                )
            except KahuiError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Expected levels saved."))
                return redirect(
                    reverse("inquiry:analysis", args=[group.public_id, cycle.public_id])
                )
    return render(
        request,
        "inquiry/expected_levels.html",
        {
            "group": group,
            "cycle": cycle,
            "form": form,
            "measures": _measure_names(cycle),
            "can_write": may_write(access, cycle),
        },
        status=400 if form.errors else 200,
    )


# -- Analysis ------------------------------------------------------------------------------


@group_view(Need.MEMBER)
@require_GET
def analysis(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """What the cycle's data show, per measure (``?measure=`` for one): before and
    after, the trend, the spread, benchmarks, the goals' progress, the effect size.

    The charts take pygal a few milliseconds each, so the part below the header is
    cached until the group's next change (every change writes the activity log)."""
    cycle = _cycle(group, cycle_id)
    measure = request.GET.get("measure") or None

    def context() -> dict:
        found = findings.measure_findings(cycle, measure=measure)
        headers, rows = findings.analysis_table(found)
        return {
            "group": group,
            "cycle": cycle,
            "findings": found,
            "measure": measure,
            "goals": selectors.goal_cards(cycle),
            "table_headers": headers,
            "table_rows": rows,
        }

    body = cached_fragment(
        request,
        template="inquiry/_analysis.html",
        key=[cycle.pk, group_stamp(group.pk), hashlib.sha256((measure or "").encode()).hexdigest()],
        context=context,
    )
    body = mark_safe(body.replace(findings.NONCE_PLACEHOLDER, str(get_nonce(request))))
    return render(
        request,
        "inquiry/analysis.html",
        {"group": group, "cycle": cycle, "body": body, "measure": measure},
    )


@group_view(Need.MEMBER)
@require_GET
def analysis_csv(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """The analysis table as CSV."""
    cycle = _cycle(group, cycle_id)
    found = findings.measure_findings(cycle, measure=request.GET.get("measure") or None)
    headers, rows = findings.analysis_table(found)
    response, writer = _csv_response(f"inquiry-round-{cycle.number}-analysis.csv")
    writer.writerow(headers)
    writer.writerows(rows)
    return response
