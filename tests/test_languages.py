"""Language choice: the switcher on every page, an organisation's default language for
new members, a group's language for its protocols and starter texts, and the note on
pages in a language that is only partly translated."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kahui.accounts.services import profile_update
from kahui.core.languages import offered_languages, partial_languages, translated_share
from kahui.core.models import ActivityEntry
from kahui.groups import services as group_services
from kahui.meetings import services as meeting_services
from kahui.meetings.models import AgendaTemplate
from kahui.meetings.protocols import PROTOCOLS
from kahui.orgs import services as org_services
from kahui.programmes.kickoff import kit_for
from tests.conftest import PASSWORD, make_org, make_user

pytestmark = pytest.mark.django_db

SWITCH = reverse("accounts:language")


def test_the_switcher_is_on_every_page_with_each_language_named_in_itself(client, world):
    client.force_login(world.member)
    for url in (reverse("dashboard:home"), reverse("groups:home", args=[world.group.public_id])):
        page = client.get(url).content.decode()
        assert f'action="{SWITCH}"' in page
        assert '<option value="nl" lang="nl">Nederlands</option>' in page
        assert '<option value="mi" lang="mi">Te reo Māori</option>' in page
        assert '<option value="en" lang="en" selected>English</option>' in page
    client.logout()
    assert f'action="{SWITCH}"' in client.get(reverse("account_login")).content.decode()


def test_signed_in_the_choice_is_saved_on_the_profile_and_used_on_every_device(
    client, world, django_user_model
):
    client.force_login(world.member)
    back = reverse("groups:home", args=[world.group.public_id])
    response = client.post(SWITCH, {"language": "nl", "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    world.member.profile.refresh_from_db()
    assert (world.member.profile.language, world.member.profile.language_chosen) == ("nl", True)

    another_device = client.__class__()
    another_device.force_login(world.member)
    page = another_device.get(back).content.decode()
    assert '<html lang="nl">' in page
    assert "Overzicht" in page  # the group's "Overview" tab
    assert "Bijeenkomsten" in page  # its "Meetings" tab


def test_signed_out_the_choice_goes_in_the_language_cookie(client, db):
    response = client.post(SWITCH, {"language": "nl", "next": reverse("account_login")})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"
    page = client.get(reverse("account_login")).content.decode()
    assert '<html lang="nl">' in page
    assert "Taal wijzigen" in page  # the switcher's own button


def test_a_language_kahui_does_not_offer_is_refused_with_a_clear_message(client, world):
    client.force_login(world.member)
    for wanted in ("de", "xx", ""):
        response = client.post(SWITCH, {"language": wanted, "next": reverse("dashboard:home")})
        assert response.status_code == 302
        assert response["Location"] == reverse("dashboard:home")
        page = client.get(response["Location"]).content.decode()
        assert "Kāhui is not available in that language. Choose one of the languages" in page
    world.member.profile.refresh_from_db()
    assert (world.member.profile.language, world.member.profile.language_chosen) == ("en", False)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/path", "javascript:alert(1)", ""]
)
def test_a_next_address_off_this_site_is_ignored(client, world, unsafe):
    client.force_login(world.member)
    response = client.post(SWITCH, {"language": "nl", "next": unsafe})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_the_switcher_only_posts(client, world):
    client.force_login(world.member)
    assert client.get(SWITCH).status_code == 405


def test_changing_the_language_on_the_profile_counts_as_choosing_it(world):
    profile = world.member.profile
    profile_update(profile=profile, display_name="Mere")
    assert not profile.language_chosen
    profile_update(profile=profile, language="nl")
    assert profile.language_chosen


def test_the_offered_languages_keep_a_saved_one_without_a_catalogue(settings):
    settings.LANGUAGES = [("en", "English"), ("nl", "Dutch")]
    assert offered_languages() == [("en", "English"), ("nl", "Nederlands")]
    assert offered_languages("mi") == [
        ("en", "English"),
        ("nl", "Nederlands"),
        ("mi", "Te reo Māori"),
    ]
    assert offered_languages("xx") == [("en", "English"), ("nl", "Nederlands")]


# An organisation's default language


def test_a_new_member_who_has_not_chosen_takes_the_organisations_language(world):
    school = make_org("De Rivier")
    school.default_language = "nl"
    school.save()
    newcomer = make_user("nieuw@rivier.example")
    org_services.org_join_by_code(user=newcomer, code=school.invite_code)
    newcomer.profile.refresh_from_db()
    assert newcomer.profile.language == "nl"
    assert not newcomer.profile.language_chosen


def test_a_member_who_chose_a_language_keeps_it(world):
    school = make_org("De Rivier")
    school.default_language = "nl"
    school.save()
    chooser = make_user("kiezer@rivier.example")
    chooser.profile.language, chooser.profile.language_chosen = "en", True
    chooser.profile.save()
    org_services.org_join_by_code(user=chooser, code=school.invite_code)
    chooser.profile.refresh_from_db()
    assert chooser.profile.language == "en"


def test_an_invited_member_takes_the_organisations_language(
    world, django_capture_on_commit_callbacks
):
    world.school.default_language = "nl"
    world.school.save()
    invitee = make_user("uitgenodigd@kowhai.example")
    with django_capture_on_commit_callbacks(execute=True):
        [invite] = org_services.org_invite(org=world.school, by=world.admin, emails=[invitee.email])
    org_services.org_invite_accept(invite=invite, user=invitee)
    invitee.profile.refresh_from_db()
    assert invitee.profile.language == "nl"


def test_signing_up_after_using_the_switcher_counts_as_choosing(client, db):
    client.post(SWITCH, {"language": "nl", "next": "/"})
    client.post(
        reverse("account_signup"),
        {
            "display_name": "Sanne de Boer",
            "email": "sanne@rivier.example",
            "role": "teacher",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    from kahui.accounts.models import Profile

    profile = Profile.objects.get(user__email="sanne@rivier.example")
    assert (profile.language, profile.language_chosen) == ("nl", True)


def test_signing_up_without_the_switcher_is_no_choice(client, db):
    client.post(
        reverse("account_signup"),
        {
            "display_name": "Sam",
            "email": "sam@rivier.example",
            "role": "teacher",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    from kahui.accounts.models import Profile

    profile = Profile.objects.get(user__email="sam@rivier.example")
    assert not profile.language_chosen


def test_organisation_admins_set_the_default_language_on_its_settings_page(client, world):
    client.force_login(world.admin)
    url = reverse("orgs:edit", args=[world.school.slug])
    form = client.get(url).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"default_language": "nl", "parent": world.cluster.pk, "kind": world.school.kind})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    world.school.refresh_from_db()
    assert world.school.default_language == "nl"


# A group's language


def test_a_new_group_takes_its_organisations_language(world):
    world.school.default_language = "nl"
    world.school.save()
    group = group_services.group_create(
        by=world.facilitator, name="Lezen", purpose="Beter lezen.", organisation=world.school
    )
    assert group.language == "nl"
    loose = group_services.group_create(by=world.facilitator, name="Loose", purpose="Anything.")
    assert loose.language == settings.LANGUAGE_CODE


def test_a_group_placed_in_an_organisation_after_it_starts_takes_its_language(world):
    world.school.default_language = "nl"
    world.school.save()
    # The set-up wizard makes the group first and chooses its organisation after.
    group = group_services.group_create(by=world.facilitator, name="Lezen", purpose="Lezen.")
    group = group_services.group_update(
        group=group, by=world.facilitator, version=None, organisation=world.school, language="en"
    )
    assert group.language == "nl"
    # A language chosen for the group stays when it moves.
    group = group_services.group_update(
        group=group, by=world.facilitator, version=None, language="mi"
    )
    group = group_services.group_update(
        group=group, by=world.facilitator, version=None, organisation=world.other_school
    )
    assert group.language == "mi"


def test_facilitators_change_the_groups_language_with_its_structure(client, world):
    client.force_login(world.facilitator)
    url = reverse("groups:edit", args=[world.group.public_id, "structure"])
    form = client.get(url).context["form"]
    assert [code for code, _name in form.fields["language"].choices] == ["en", "mi", "nl"]
    world.group.refresh_from_db()
    group_services.group_update(
        group=world.group, by=world.facilitator, version=world.group.version, language="nl"
    )
    world.group.refresh_from_db()
    assert world.group.language == "nl"
    entry = ActivityEntry.objects.filter(group=world.group).latest("pk")
    assert entry.changes["language"]["to"] == "Dutch"


def _schedule(group, by, key):
    (meeting,) = meeting_services.meetings_schedule(
        group=group,
        by=by,
        plan=meeting_services.MeetingPlan(
            title="Bijeenkomst",
            start_date=datetime.now(ZoneInfo("Europe/Amsterdam")).date() + timedelta(days=7),
            start_time=time(15, 30),
            time_zone="Europe/Amsterdam",
            duration_minutes=60,
            format="in_person",
            location="Bibliotheek",
            template=AgendaTemplate.objects.get(key=key, group=None),
        ),
    )
    return [(item.title, item.guidance) for item in meeting.agenda.order_by("position")]


@pytest.mark.parametrize("spec", PROTOCOLS, ids=lambda spec: spec["key"])
def test_every_built_in_protocol_becomes_an_agenda_in_the_groups_language(world, spec):
    world.group.language = "nl"
    world.group.save()
    agenda = _schedule(world.group, world.facilitator, spec["key"])
    with translation.override("nl"):
        dutch = [
            (translation.gettext(title), translation.gettext(guide))
            for _k, title, _m, guide in spec["steps"]
        ]
    assert agenda == dutch
    english = [(title, guidance) for _kind, title, _minutes, guidance in spec["steps"]]
    assert all(pair not in english for pair in agenda), "every step is in Dutch"


def test_a_regular_meeting_in_dutch_reads_as_dutch(world):
    world.group.language = "nl"
    world.group.save()
    agenda = _schedule(world.group, world.facilitator, "regular")
    assert agenda[1] == (
        "Onze groepsafspraken",
        "Lees de groepsafspraken hardop voor; iedereen mag vragen er een opnieuw te bespreken.",
    )


def test_an_english_group_keeps_the_protocols_in_english_whoever_schedules(world):
    world.facilitator.profile.language = "nl"
    world.facilitator.profile.save()
    with translation.override("nl"):  # the facilitator's pages are in Dutch
        agenda = _schedule(world.group, world.facilitator, "regular")
    assert agenda[0] == (
        "Check-in",
        "Each person shares one thing from their week in a sentence or two.",
    )


def test_a_copied_built_in_protocol_is_in_the_groups_language(world):
    world.group.language = "nl"
    world.group.save()
    builtin = AgendaTemplate.objects.get(key="consultancy", group=None)
    copy = meeting_services.template_copy(template=builtin, group=world.group, by=world.facilitator)
    assert copy.name == "Consultatie bij een praktijkvraagstuk (onze versie)"
    assert copy.steps.first().title == "Check-in"
    assert copy.steps.all()[1].title == "Het dilemma"
    # The built-in one is stored in English and shown in the reader's language.
    assert builtin.name == "Consultancy for a problem of practice"
    with translation.override("nl"):
        assert str(builtin) == "Consultatie bij een praktijkvraagstuk"


def test_a_groups_starter_agreements_come_in_its_language(client, world):
    group = group_services.group_create(by=world.facilitator, name="Lezen", purpose="Lezen.")
    group.language = "nl"
    group.save()
    client.force_login(world.facilitator)  # reads the pages in English
    response = client.get(reverse("groups:edit", args=[group.public_id, "norms"]))
    assert "We beginnen en eindigen op tijd" in response.content.decode()


def test_the_kick_off_kit_comes_in_the_organisations_language(world):
    world.school.default_language = "nl"
    tasks, agenda = kit_for(world.school)
    assert tasks[0] == "Wat zorgt ervoor dat samen leren met collega's voor jou werkt?"
    assert agenda.startswith("Welkom en kennismaking (10 min): ")


# Partly translated languages


def test_a_partly_translated_language_says_so_in_itself_and_in_english(client, world, settings):
    settings.PARTIAL_LANGUAGES = ["mi", "nl"]
    client.force_login(world.member)
    world.member.profile.language = "nl"
    world.member.profile.save()
    page = client.get(reverse("dashboard:home")).content.decode()
    assert (
        '<span lang="nl">Een deel van Kāhui is nog niet in deze taal vertaald en staat in het '
        "Engels.</span>"
    ) in page
    assert (
        '<span lang="en">Some of Kāhui is not translated into this language yet and shows in '
        "English.</span>"
    ) in page


def test_a_fully_translated_language_has_no_note(client, world, settings):
    settings.PARTIAL_LANGUAGES = ["mi"]
    client.force_login(world.member)
    for language in ("en", "nl"):
        world.member.profile.language = language
        world.member.profile.save()
        assert 'class="language-note"' not in client.get(reverse("dashboard:home")).content.decode()
    world.member.profile.language = "mi"
    world.member.profile.save()
    page = client.get(reverse("dashboard:home")).content.decode()
    # Until the note itself is translated it shows once, in English.
    assert page.count("Some of Kāhui is not translated into this language yet") == 1


PO = """# header
msgid ""
msgstr ""
"Language: xx\\n"

#: a.py
msgid "One"
msgstr "Een"

#: a.py
#, fuzzy
msgid "Two"
msgstr "Twee?"

#: a.py
msgid ""
"A long message "
"on two lines"
msgstr ""
"Een lang bericht "
"op twee regels"

#: a.py
msgid "Four"
msgstr ""

#~ msgid "Gone"
#~ msgstr "Weg"
"""


def test_the_translated_share_counts_translated_messages_only():
    assert translated_share(PO) == 2 / 4


def test_partial_languages_are_read_from_the_catalogues(tmp_path):
    for code, text in (
        ("xx", PO),
        ("yy", PO.replace('msgstr ""\n\n#~', 'msgstr "Vier"\n\n#~').replace("#, fuzzy\n", "")),
    ):
        (tmp_path / code / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / code / "LC_MESSAGES" / "django.po").write_text(text, "utf-8")
    languages = [("en", "English"), ("xx", "X"), ("yy", "Y"), ("zz", "no catalogue")]
    assert partial_languages(languages, locale_paths=[tmp_path], default="en") == ["xx", "zz"]


def test_te_reo_maori_is_marked_partial_by_the_shipped_catalogues():
    assert "mi" in settings.PARTIAL_LANGUAGES
    assert settings.LANGUAGE_CODE not in settings.PARTIAL_LANGUAGES


def test_the_signed_in_message_speaks_the_account_s_language(client, world):
    world.member.profile.language = "nl"
    world.member.profile.save()
    # The sign-in form was shown in English (no cookie, an English browser).
    response = client.post(
        reverse("account_login"),
        {"login": world.member.email, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any(text.startswith("Je bent nu ingelogd als") for text in shown), shown
