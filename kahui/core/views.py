from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET, require_POST

from kahui.core import pdf
from kahui.core.markdown import render_markdown
from kahui.core.models import PdfExport, PdfExportStatus


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The front door: what Kāhui is, or straight to the dashboard when signed in."""
    if request.user.is_authenticated:
        return redirect("dashboard:home")
    return render(request, "core/home.html")


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app is up and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("img/kahui.svg"))


def _own_export(request: HttpRequest, export_id: UUID) -> PdfExport:
    """The requester's own export; anyone else's does not exist for them."""
    return get_object_or_404(PdfExport, public_id=export_id, owner=request.user)


@login_required
@require_GET
def pdf_export(request: HttpRequest, export_id: UUID) -> HttpResponse:
    """A PDF being made by the worker: how far it is, then its download. htmx polls
    the ``progress`` fragment until it is finished; without JavaScript a link checks
    again."""
    export = _own_export(request, export_id)
    context = {
        "export": export,
        "percent": pdf.PROGRESS[PdfExportStatus(export.status)],
        "ahead": pdf.queue_position(export),
    }
    if request.htmx:
        return render(request, "core/pdf_export.html#progress", context)
    return render(request, "core/pdf_export.html", context)


@login_required
@require_GET
def pdf_download(request: HttpRequest, export_id: UUID) -> HttpResponse:
    """The finished file, to its owner only, always as a download."""
    export = _own_export(request, export_id)
    if export.status != PdfExportStatus.READY or not export.file:
        raise Http404("Not ready")
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.filename,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# The longest text any Markdown field takes (a discussion post, the minutes).
PREVIEW_LIMIT = 50_000


@login_required
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """A Markdown field's text as it will read once saved (the ``MarkdownTextarea``
    widget's “Preview”), sanitised as every saved text is."""
    text = request.POST.get("text", "")[:PREVIEW_LIMIT]
    return render(request, "core/_markdown_preview.html", {"html": render_markdown(text)})
