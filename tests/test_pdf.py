"""PDFs from templates (kahui.core.pdf): the shipped font with every macron, nothing
fetched from outside, quick ones at once and long ones by the worker with a progress
page, downloads for their owner only, and old files forgotten."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kahui.core import pdf
from kahui.core.models import PdfExport, PdfExportStatus
from kahui.notifications.scheduler import tick

MACRONS = "Āta whakaaro, whānau, kōrero, Māori, tūpuna, ēnei"


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _fonts(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_a_pdf_keeps_every_macron_in_the_shipped_font():
    data = pdf.html_to_pdf(
        f"<html><body style=\"font-family: '{pdf.FONT_FAMILY}'\"><p>{MACRONS}</p>"
        f"<p><strong>Kia ora</strong></p></body></html>"
    )
    assert data.startswith(b"%PDF")
    assert MACRONS in _text(data)
    # Both weights come from the shipped files (declared as "Kahui Sans"), embedded as
    # subsets, whatever fonts the machine has.
    fonts = {name.split("+", 1)[-1] for name in _fonts(data)}
    assert fonts == {"Kahui-Sans", "Kahui-Sans-Bold"}


def test_the_font_and_its_licence_are_shipped():
    assert pdf.FONTS["normal"].is_file()
    assert pdf.FONTS["bold"].is_file()
    assert "SIL Open Font License" in (pdf.FONT_DIR / "OFL.txt").read_text()


def test_a_pdf_fetches_nothing_but_its_own_fonts(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red }")
    fetcher = pdf._fetcher_class()()
    for url in ("http://169.254.169.254/latest/", "https://example.org/x.png", secret.as_uri()):
        with pytest.raises(ValueError, match="only its own fonts"):
            fetcher.fetch(url)
    assert fetcher.fetch(pdf.FONTS["normal"].as_uri()).read(4) == b"\x00\x01\x00\x00"
    # A template naming an outside image still renders, without it.
    data = pdf.html_to_pdf('<p>Kia ora</p><img src="http://example.org/tracker.png">')
    assert "Kia ora" in _text(data)


def test_the_estimate_grows_with_the_document():
    short, long = "<p>x</p>", "<tr><td>x</td></tr>" * 5_000
    assert pdf.estimate_seconds(short) < 2 < pdf.estimate_seconds(long)


def _request(user):
    request = RequestFactory().post("/")
    request.user = user
    return request


@pytest.mark.django_db
def test_a_quick_pdf_is_returned_at_once(world):
    response = pdf.pdf_response(
        _request(world.member),
        template="pdf/base.html",
        context={},
        filename="quick.pdf",
        title="Quick",
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="quick.pdf"'
    assert response.content.startswith(b"%PDF")
    assert not PdfExport.objects.exists()


@pytest.mark.django_db
def test_a_long_pdf_is_made_by_the_worker_and_downloaded_by_its_owner(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.KAHUI_PDF_INLINE_SECONDS = 0  # every document counts as long
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = pdf.pdf_response(
            _request(world.member),
            template="pdf/base.html",
            context={},
            filename="long.pdf",
            title="A long portfolio",
            back_url="/contributions/",
        )
    export = PdfExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:pdf_export", args=[export.public_id])
    assert export.status == PdfExportStatus.QUEUED
    assert export.html

    client.force_login(world.member)
    page = client.get(response["Location"])
    assert "A long portfolio" in page.text
    assert "Waiting for its turn" in page.text
    assert 'hx-trigger="every 1s"' in page.text  # htmx follows it
    assert "Check again" in page.text  # and without JavaScript, a link does
    assert client.get(reverse("core:pdf_download", args=[export.public_id])).status_code == 404

    for callback in callbacks:  # the transaction commits: the worker makes it
        callback()
    export.refresh_from_db()
    assert export.status == PdfExportStatus.READY
    assert export.pages == 1
    assert export.html == ""  # the HTML is not kept once the PDF is made
    assert export.file.name.startswith("private/pdf/")

    fragment = client.get(response["Location"], headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert "Your PDF is ready." in fragment.text
    assert 'hx-trigger="every 1s"' not in fragment.text  # polling stops
    download = client.get(reverse("core:pdf_download", args=[export.public_id]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="long.pdf"'
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    client.force_login(world.facilitator)
    assert client.get(response["Location"]).status_code == 404
    assert client.get(reverse("core:pdf_download", args=[export.public_id])).status_code == 404


@pytest.mark.django_db
def test_a_pdf_made_twice_is_made_once(world):
    export = pdf.pdf_export_queue(owner=world.member, html="<p>x</p>", title="x", filename="x.pdf")
    pdf.make_pdf_export.call(export_id=export.pk)
    export.refresh_from_db()
    first = export.file.name
    pdf.make_pdf_export.call(export_id=export.pk)  # a retried task
    export.refresh_from_db()
    assert export.file.name == first
    assert export.status == PdfExportStatus.READY


@pytest.mark.django_db
def test_a_pdf_that_cannot_be_made_says_so(client, world, monkeypatch):
    export = pdf.pdf_export_queue(owner=world.member, html="<p>x</p>", title="x", filename="x.pdf")

    def broken(html, on_laid_out=None):
        raise RuntimeError("Pango is missing")

    monkeypatch.setattr(pdf, "html_to_pdf", broken)
    with pytest.raises(RuntimeError):
        pdf.make_pdf_export.call(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == PdfExportStatus.FAILED
    client.force_login(world.member)
    page = client.get(reverse("core:pdf_export", args=[export.public_id]))
    assert "could not be made" in page.text
    assert 'hx-trigger="every 1s"' not in page.text


@pytest.mark.django_db
def test_queued_exports_show_how_many_are_ahead(client, world):
    first = pdf.pdf_export_queue(
        owner=world.facilitator, html="<p>1</p>", title="1", filename="1.pdf"
    )
    mine = pdf.pdf_export_queue(owner=world.member, html="<p>2</p>", title="2", filename="2.pdf")
    PdfExport.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(seconds=5))
    assert pdf.queue_position(mine) == 1
    client.force_login(world.member)
    assert (
        "1 document ahead of it"
        in client.get(reverse("core:pdf_export", args=[mine.public_id])).text
    )


@pytest.mark.django_db
@pytest.mark.clock
def test_the_scheduler_forgets_old_pdfs_and_their_files(world, settings):
    old = PdfExport.objects.create(owner=world.member, title="Old", filename="old.pdf")
    old.file.save("old.pdf", ContentFile(b"%PDF-old"))
    old_path = old.file.path
    fresh = PdfExport.objects.create(owner=world.member, title="New", filename="new.pdf")
    PdfExport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(hours=settings.KAHUI_PDF_KEEP_HOURS, minutes=1)
    )
    tick()
    assert list(PdfExport.objects.all()) == [fresh]
    assert not Path(old_path).exists()
