"""PDFs from Django templates, with WeasyPrint: a certificate, a portfolio, a report.

:func:`pdf_response` is what a view calls. It renders the template to HTML in the
request (so the PDF is in the viewer's language and time zone) and then:

- a short document (its estimated making time within ``KAHUI_PDF_INLINE_SECONDS``,
  2 s) is made at once and returned as a download;
- a longer one becomes a :class:`~kahui.core.models.PdfExport` for the task worker
  (queued with ``transaction.on_commit``), and the owner is sent to its progress page,
  which polls with htmx and offers the download when it is ready.

The estimate (:func:`estimate_seconds`) is measured, not guessed: WeasyPrint's time
grows with the HTML, fastest for running text and slowest for tables, and the rate
here is the one for tables on a 2-core machine, so a document is sent to the worker
sooner rather than later.

A finished file is stored under ``private/pdf/`` in the default storage, served only
to its owner by ``core:pdf_download``, and deleted with its row after
``KAHUI_PDF_KEEP_HOURS`` (24) by :func:`pdf_exports_prune`, which the scheduler runs.

Every PDF uses the fonts shipped in ``static/fonts/noto-sans`` (Noto Sans, SIL Open
Font License; every macron of te reo Māori), declared as the family ``Kahui Sans``, so
it looks the same on every server whatever fonts the system has. Documents fetch
nothing from the network: :class:`LocalFetcher` reads only those fonts and ``data:``
addresses. Templates extend ``pdf/base.html``."""

import logging
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from kahui.core.models import PdfExport, PdfExportStatus

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent / "static" / "fonts" / "noto-sans"
FONT_FAMILY = "Kahui Sans"
FONTS = {
    "normal": FONT_DIR / "NotoSans-Regular.ttf",
    "bold": FONT_DIR / "NotoSans-Bold.ttf",
}
FONT_FACES = "\n".join(
    f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
    f'src: url("{path.as_uri()}"); }}'
    for weight, path in FONTS.items()
)

# Measured on a 2-core machine with WeasyPrint 70: a table of 1,000 rows (99,000
# characters of HTML, 30 pages) took 9.5 s and 100 rows 0.9 s; running text goes two
# to three times faster. So about 10,000 characters a second, and a tenth of a second
# for any document at all.
CHARACTERS_PER_SECOND = 10_000
SECONDS_FOR_ANY = 0.1

# How far along a PDF is at each status, for the progress bar.
PROGRESS = {
    PdfExportStatus.QUEUED: 5,
    PdfExportStatus.RENDERING: 30,
    PdfExportStatus.WRITING: 80,
    PdfExportStatus.READY: 100,
    PdfExportStatus.FAILED: 100,
}


def _weasyprint() -> Any:
    # Imported when the first PDF is made, not when a process starts: loading
    # WeasyPrint and Pango takes about two seconds.
    import weasyprint

    return weasyprint


@cache
def _fetcher_class() -> type:
    urls = _weasyprint().urls

    class LocalFetcher(urls.URLFetcher):  # type: ignore[misc, name-defined]
        """Only the shipped fonts and ``data:`` addresses: a document never reaches
        the network or any other file, whatever a template or its text names."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path))
                if path.resolve().parent == FONT_DIR:
                    return super().fetch(url, headers)
            raise ValueError(f"A PDF fetches only its own fonts, not {url[:80]}")

    return LocalFetcher


def estimate_seconds(html: str) -> float:
    """About how long WeasyPrint takes to make a PDF of ``html`` (see
    :data:`CHARACTERS_PER_SECOND`)."""
    return SECONDS_FOR_ANY + len(html) / CHARACTERS_PER_SECOND


def html_to_pdf(html: str, *, on_laid_out: Any = None) -> bytes:
    """The PDF of ``html``, with the shipped fonts. ``on_laid_out(pages)`` is called
    between laying out the pages and writing the file."""
    weasyprint = _weasyprint()
    fonts = weasyprint.text.fonts.FontConfiguration()
    fetcher = _fetcher_class()()
    document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(
        stylesheets=[
            weasyprint.CSS(string=FONT_FACES, font_config=fonts, url_fetcher=fetcher),
        ],
        font_config=fonts,
    )
    if on_laid_out is not None:
        on_laid_out(len(document.pages))
    return bytes(document.write_pdf())


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """The PDF of a template, rendered in the active language and time zone."""
    return html_to_pdf(render_to_string(template, context))


def _attachment(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def pdf_response(
    request: HttpRequest,
    *,
    template: str,
    context: dict[str, Any],
    filename: str,
    title: str,
    back_url: str = "",
) -> HttpResponse:
    """Answer a request for a PDF: the file itself when it is quick to make, otherwise
    a background export and a redirect to its progress page.

    Call it from a POST (a background export is a write). ``filename`` is plain ASCII
    ending in ``.pdf``; ``title`` names the document on the progress page; ``back_url``
    is where that page leads back to."""
    html = render_to_string(template, context)
    if estimate_seconds(html) <= settings.KAHUI_PDF_INLINE_SECONDS:
        return _attachment(html_to_pdf(html), filename)
    export = pdf_export_queue(
        owner=request.user, html=html, title=title, filename=filename, back_url=back_url
    )
    return redirect("core:pdf_export", export.public_id)


def pdf_export_queue(
    *, owner, html: str, title: str, filename: str, back_url: str = ""
) -> PdfExport:
    """Queue the PDF of ``html`` for the task worker, for ``owner`` alone."""
    export = PdfExport.objects.create(
        owner=owner, html=html, title=title[:200], filename=filename[:200], back_url=back_url
    )
    transaction.on_commit(lambda: make_pdf_export.enqueue(export_id=export.pk))
    return export


def _set_status(export: PdfExport, status: str, **fields: Any) -> None:
    export.status = status
    for name, value in fields.items():
        setattr(export, name, value)
    export.save(update_fields=["status", *fields])


@task()
def make_pdf_export(*, export_id: int) -> None:
    """Make a queued PDF export. Safe to run twice: only a queued export is made."""
    claimed = PdfExport.objects.filter(pk=export_id, status=PdfExportStatus.QUEUED).update(
        status=PdfExportStatus.RENDERING, started_at=timezone.now()
    )
    if not claimed:
        return
    export = PdfExport.objects.get(pk=export_id)
    try:
        pdf = html_to_pdf(
            export.html,
            on_laid_out=lambda pages: _set_status(export, PdfExportStatus.WRITING, pages=pages),
        )
    except Exception:
        log.exception("PDF export %s failed", export.public_id)
        _set_status(export, PdfExportStatus.FAILED, finished_at=timezone.now())
        raise
    export.file.save(f"{export.public_id.hex}.pdf", ContentFile(pdf), save=False)
    _set_status(
        export, PdfExportStatus.READY, file=export.file, html="", finished_at=timezone.now()
    )


def queue_position(export: PdfExport) -> int:
    """How many exports are waiting ahead of this one (0 when it is being made)."""
    if export.status != PdfExportStatus.QUEUED:
        return 0
    return PdfExport.objects.filter(
        status=PdfExportStatus.QUEUED, created_at__lt=export.created_at
    ).count()


def pdf_exports_prune(*, now: datetime | None = None) -> int:
    """Forget exports made more than ``KAHUI_PDF_KEEP_HOURS`` ago, with their files;
    an export still queued or being made after that long is given up too."""
    now = now or timezone.now()
    old = PdfExport.objects.filter(
        created_at__lt=now - timedelta(hours=settings.KAHUI_PDF_KEEP_HOURS)
    )
    count = 0
    for export in old.only("pk", "file"):
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count
