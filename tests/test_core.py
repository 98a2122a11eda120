"""Shared pieces: messages after htmx actions, the activity log's privacy, the layout
of user content on narrow screens, and the interface languages."""

import pytest
from django import forms
from django.contrib import messages
from django.contrib.messages.storage.session import SessionStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from kahui.core.errors import KahuiError
from kahui.core.forms import form_saved
from kahui.core.middleware import HtmxMessagesMiddleware
from kahui.groups import services as group_services
from kahui.meetings import services as meeting_services

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_htmx_action_shows_its_message_at_once_and_only_once(client, world):
    action = meeting_services.action_add(group=world.group, by=world.member, text="Read")
    client.force_login(world.member)
    response = client.post(
        reverse("meetings:action_status", args=[world.group.public_id, action.public_id]),
        {"status": "finished"},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="messages"' in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert "Unknown status." in html
    page = client.get(reverse("groups:home", args=[world.group.public_id]))
    assert "Unknown status." not in page.content.decode()


def test_a_request_shows_the_viewer_s_time_zone_and_leaves_the_thread_as_it_was(
    client, world, settings
):
    world.member.profile.time_zone = "Europe/Amsterdam"
    world.member.profile.save()
    client.force_login(world.member)
    page = client.get(reverse("groups:home", args=[world.group.public_id]))
    assert page.status_code == 200
    assert page.context["TIME_ZONE"] == "Europe/Amsterdam"
    # Code running after the response (the next test, a task run in this thread)
    # never inherits the last viewer's zone.
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_messages_wait_for_the_page_an_htmx_redirect_leads_to(client):
    def view(request):
        messages.success(request, "Saved.")
        response = HttpResponse("<p>fragment</p>")
        response["HX-Redirect"] = "/elsewhere/"
        return response

    request = RequestFactory().post("/", headers=HTMX)
    request.session = client.session
    request._messages = SessionStorage(request)
    response = HtmxMessagesMiddleware(view)(request)
    assert "Saved." not in response.content.decode()
    assert [str(m) for m in request._messages] == ["Saved."]


def test_full_pages_keep_an_empty_live_region_for_later_messages(client, world):
    client.force_login(world.member)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert html.count('id="messages"') == 1
    assert 'aria-live="polite"' in html


def _member_only_activity(world):
    from kahui.discussions import services as discussion_services
    from kahui.meetings import services as meeting_services

    from .test_notifications import schedule

    meeting = schedule(world)
    meeting_services.decision_record(
        meeting=meeting, by=world.facilitator, text="Trial decodable readers in Room 4"
    )
    meeting_services.action_add(
        group=world.group, by=world.facilitator, text="Email the whānau about Room 4"
    )
    discussion_services.thread_start(
        group=world.group,
        by=world.member,
        kind="question",
        title="Struggling with Room 4 behaviour",
        body="Any ideas?",
    )
    group_services.group_update(
        group=world.group, by=world.facilitator, version=None, vision="Readers for life"
    )


SECRETS = (
    "Trial decodable readers",
    "Email the whānau",
    "Struggling with Room 4",
)


def test_overseers_see_that_things_happened_but_not_what_members_wrote(client, world):
    _member_only_activity(world)
    urls = [
        reverse("groups:history", args=[world.group.public_id]),
        reverse("groups:home", args=[world.group.public_id]),
    ]
    client.force_login(world.coordinator)
    history = client.get(urls[0]).content.decode()
    assert "recorded a decision" in history
    assert "added an action" in history
    assert "started a thread" in history
    assert "Mere Member" in history
    assert "Readers for life" in history  # the charter is visible to overseers
    for url in urls:
        page = client.get(url).content.decode()
        for secret in SECRETS:
            assert secret not in page, (url, secret)

    client.force_login(world.member)
    history = client.get(urls[0]).content.decode()
    for secret in SECRETS:
        assert secret in history


def test_only_languages_with_a_catalogue_are_offered(tmp_path):
    from kahui.core.languages import with_catalogue

    known = [("en", "English"), ("mi", "Te reo Māori"), ("nl", "Dutch")]
    assert with_catalogue(known, locale_paths=[tmp_path], default="en") == [("en", "English")]
    (tmp_path / "nl" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "nl" / "LC_MESSAGES" / "django.po").write_text("")
    assert with_catalogue(known, locale_paths=[tmp_path], default="en") == [("en", "English")]
    (tmp_path / "nl" / "LC_MESSAGES" / "django.mo").write_bytes(b"")
    assert with_catalogue(known, locale_paths=[tmp_path], default="en") == [
        ("en", "English"),
        ("nl", "Dutch"),
    ]


def test_the_language_picker_offers_only_translated_languages(client, world, settings):
    from pathlib import Path

    catalogues = {
        code
        for code, _name in settings.KNOWN_LANGUAGES
        if (Path(settings.LOCALE_PATHS[0]) / code / "LC_MESSAGES" / "django.mo").is_file()
    }
    assert (Path(settings.LOCALE_PATHS[0]) / "django.pot").is_file()
    world.member.profile.language = "nl"
    world.member.profile.save()
    client.force_login(world.member)
    page = client.get(reverse("accounts:profile"))
    offered = {value for value, _label in page.context["form"].fields["language"].choices}
    assert offered == {"en"} | catalogues
    if "nl" not in catalogues:
        # Chose Dutch before it was translated: the pages stay in English throughout.
        assert '<html lang="en">' in page.content.decode()
    for code in {code for code, _name in settings.KNOWN_LANGUAGES} - offered:
        refused = client.post(
            reverse("accounts:profile"),
            {
                "display_name": "Mere",
                "role": "teacher",
                "time_zone": "Pacific/Auckland",
                "language": code,
            },
        )
        assert refused.status_code == 200
        assert "language" in refused.context["form"].errors


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Year 3 = reading", "Year 3 = reading"),
        ("", ""),
        (45, 45),
        (-1, -1),
    ],
)
def test_csv_cells_a_spreadsheet_would_run_are_made_plain_text(value, written):
    from kahui.core.csv_export import safe_cell

    assert safe_cell(value) == written


@pytest.mark.parametrize("padding", [0, 9000], ids=["kept", "too long to keep"])
def test_markdown_is_sanitised_whether_or_not_its_rendering_is_kept(padding):
    from kahui.core.markdown import CACHED_UP_TO, render_markdown

    text = "**Bold** <script>alert(1)</script> [x](javascript:alert(1))\n\n" + "a" * padding
    assert (len(text) > CACHED_UP_TO) == bool(padding)
    for _ in range(2):  # the second time may come from the kept renderings
        html = render_markdown(text)
        assert "<strong>Bold</strong>" in html
        assert "<script>" not in html
        assert 'href="javascript' not in html


def test_development_emails_print_as_text_with_whole_links(
    world, settings, django_capture_on_commit_callbacks
):
    import io

    from django.core import mail

    from kahui.core.console_email import EmailBackend

    settings.SITE_URL = "http://127.0.0.1:8001"
    world.group.name = "Te reo Māori i te akomanga — a long name for a long subject line"
    world.group.save()
    with django_capture_on_commit_callbacks(execute=True):
        [invite] = group_services.group_invite(
            group=world.group, by=world.facilitator, emails=["rangi@elsewhere.example"]
        )
    stream = io.StringIO()
    EmailBackend(stream=stream).send_messages(mail.outbox)
    printed = stream.getvalue()
    link = f"http://127.0.0.1:8001/invites/{invite.token}/"
    assert link in printed.splitlines()  # whole, on a line of its own
    assert f'href="{link}"' in printed
    assert "Subject: [Kāhui] " in printed
    assert "Te reo Māori i te akomanga" in printed
    assert "quoted-printable" not in printed
    assert "base64" not in printed


class NoteForm(forms.Form):
    text = forms.CharField()


def request_with_messages():
    request = RequestFactory().post("/", {})
    request.session = {}
    request._messages = SessionStorage(request)
    return request


@pytest.mark.parametrize(
    ("text", "refusal", "saved"),
    [("Kia ora", None, True), ("", None, False), ("Kia ora", "Not today.", False)],
)
def test_a_form_is_saved_through_its_service_or_drawn_again_saying_why(text, refusal, saved):
    request = request_with_messages()
    form = NoteForm({"text": text})
    calls = []

    def save():
        calls.append(form.cleaned_data["text"])
        if refusal:
            raise KahuiError(refusal)

    assert form_saved(request, form, save, "Saved.") is saved
    assert calls == ([text] if text else [])  # an empty form never reaches the service
    shown = [str(message) for message in messages.get_messages(request)]
    assert shown == (["Saved."] if saved else [])
    assert form.non_field_errors() == ([refusal] if refusal else [])


@pytest.mark.django_db
def test_postgresql_connections_do_not_compile_queries_just_in_time():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
