"""The administrators' roster pages: upload and export, an import's preview, its
progress while the job runs, and its result."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kahui.core.errors import KahuiError
from kahui.core.tabular import XLSX_CONTENT_TYPE
from kahui.roster import reading, selectors, services
from kahui.roster.access import import_for, roster_org_for
from kahui.roster.forms import RosterUploadForm
from kahui.roster.models import CREATE, UNCHANGED, UPDATE, RosterImport

# How many lines of each kind the preview lists; the counts cover them all.
SHOWN = 100


@login_required
@require_http_methods(["GET", "POST"])
def home(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = roster_org_for(request, slug)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > reading.MAX_BYTES:
            form.add_error(
                "file",
                _("The file is larger than %(mb)s MB. Split it and upload the parts one by one.")
                % {"mb": reading.MAX_BYTES // 1_000_000},
            )
        else:
            try:
                roster_import = services.roster_preview(
                    org=organisation, by=request.user, data=upload.read(), file_name=upload.name
                )
            except KahuiError as error:
                form.add_error("file", str(error))
            else:
                return redirect(
                    "roster:import", slug=organisation.slug, import_id=roster_import.public_id
                )
    return render(
        request,
        "roster/home.html",
        {
            "organisation": organisation,
            "form": form,
            "columns": reading.COLUMNS,
            "max_mb": reading.MAX_BYTES // 1_000_000,
            "max_rows": reading.MAX_ROWS,
            "imports": selectors.imports_of(organisation),
        },
        status=400 if form.errors else 200,
    )


def _download(content: str | bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def template(request: HttpRequest, slug: str) -> HttpResponse:
    roster_org_for(request, slug)
    return _download(
        services.template_csv(),
        content_type="text/csv; charset=utf-8",
        filename="roster-template.csv",
    )


@login_required
@require_POST
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = roster_org_for(request, slug)
    services.roster_exported(org=organisation, by=request.user, file_format="csv")
    return _download(
        services.roster_csv(organisation),
        content_type="text/csv; charset=utf-8",
        filename=f"{slugify(organisation.slug)}-roster.csv",
    )


@login_required
@require_POST
def export_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = roster_org_for(request, slug)
    services.roster_exported(org=organisation, by=request.user, file_format="xlsx")
    return _download(
        services.roster_xlsx(organisation),
        content_type=XLSX_CONTENT_TYPE,
        filename=f"{slugify(organisation.slug)}-roster.xlsx",
    )


def _context(roster_import: RosterImport) -> dict:
    lines = roster_import.lines
    schools = selectors.schools_of(roster_import.organisation)
    shown = {CREATE: [], UPDATE: [], UNCHANGED: []}
    for line in lines:
        kept = shown[line["action"]]
        if len(kept) < SHOWN:
            kept.append(line | {"school_name": schools.get(line["school"] or 0, "")})
    return {
        "organisation": roster_import.organisation,
        "roster_import": roster_import,
        "planned": roster_import.planned,
        "result": roster_import.result,
        "created": shown[CREATE],
        "updated": shown[UPDATE],
        "unchanged": shown[UNCHANGED],
        "shown": SHOWN,
        "bad_rows": roster_import.bad_rows,
    }


@login_required
@require_GET
def import_view(request: HttpRequest, slug: str, import_id: UUID) -> HttpResponse:
    roster_import = import_for(request, slug, import_id)
    if request.htmx and not roster_import.finished:
        return render(
            request,
            "roster/import.html#progress",
            {"organisation": roster_import.organisation, "roster_import": roster_import},
        )
    if request.htmx:
        # Finished while polled: the whole page shows the result.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "roster/import.html", _context(roster_import))


@login_required
@require_POST
def confirm(request: HttpRequest, slug: str, import_id: UUID) -> HttpResponse:
    roster_import = import_for(request, slug, import_id)
    try:
        services.roster_import_confirm(roster_import=roster_import, by=request.user)
    except KahuiError as error:
        messages.error(request, str(error))
    return redirect("roster:import", slug=slug, import_id=roster_import.public_id)
