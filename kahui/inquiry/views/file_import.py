"""A data set imported from a CSV file or workbook: read and previewed first (the rows
wait in the cache, for the same person and cycle, for an hour), then saved all at once
when the teacher confirms, and says that codes which look like names are codes."""

import secrets
from uuid import UUID

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kahui.core.errors import KahuiError
from kahui.groups.access import GroupAccess, Need, group_view
from kahui.groups.models import LearningGroup
from kahui.inquiry import services
from kahui.inquiry.forms import ImportForm
from kahui.inquiry.importing import MAX_BYTES, read_assessment_file
from kahui.inquiry.models import InquiryCycle, Scale
from kahui.inquiry.views.data_sets import data_set_initial, data_set_spec, measure_names
from kahui.inquiry.views.lookup import check_may_write, cycle_goals, cycle_in, reached_stages

PREVIEW_ROWS = 20
PREVIEW_SECONDS = 3600


def _preview_key(request, cycle: InquiryCycle, token: str) -> str:
    return f"inquiry-import:{request.user.pk}:{cycle.pk}:{token}"


@group_view(Need.MEMBER)
@require_http_methods(["GET", "POST"])
def data_import(
    request: HttpRequest, group: LearningGroup, access: GroupAccess, cycle_id: UUID
) -> HttpResponse:
    """Import a data set from a CSV file or workbook: read and preview it, then save
    it all in one go once the teacher confirms (and says name-like codes are codes)."""
    cycle = cycle_in(group, cycle_id)
    check_may_write(access, cycle)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        stages=reached_stages(cycle),
        goals=cycle_goals(cycle),
        initial=data_set_initial(cycle),
    )
    context = {
        "group": group,
        "cycle": cycle,
        "form": form,
        "measures": measure_names(cycle),
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
            spec=data_set_spec(data),
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
