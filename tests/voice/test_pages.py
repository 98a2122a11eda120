import csv
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kahui.core.models import ActivityEntry
from kahui.voice import limits, services
from kahui.voice.models import Survey, SurveyResponse
from tests.voice.conftest import make_survey

pytestmark = pytest.mark.django_db


def survey_url(survey, **query):
    url = reverse("voice:answer", args=[survey.token])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def answer(client, survey, language="en", **fields):
    scale, choice, text = survey.questions.all()
    data = {"lang": language}
    names = {"scale": f"q{scale.pk}", "choice": f"q{choice.pk}", "text": f"q{text.pk}"}
    data.update({names[key]: value for key, value in fields.items() if key in names})
    if "send_anyway" in fields:
        data["send_anyway"] = "1"
    return client.post(survey_url(survey, lang=language), data)


def test_a_member_makes_a_survey_from_the_form(client, world):
    client.force_login(world.member)
    data = {
        "audience": "whanau",
        "languages": ["en", "nl"],
        "title_en": "Our family",
        "title_nl": "Ons gezin",
        "rows": "3",
        "q0_kind": "scale",
        "q0_text_en": "We feel welcome.",
        "q0_text_nl": "We voelen ons welkom.",
        "q1_kind": "choice",
        "q1_text_en": "How?",
        "q1_text_nl": "Hoe?",
        "q1_choices_en": "Call\nEmail\n",
        "q1_choices_nl": "Bellen\nE-mail",
        # the third row left blank is skipped
    }
    response = client.post(reverse("voice:new", args=[world.group.public_id]), data)
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "voice:detail", args=[world.group.public_id, survey.public_id]
    )
    assert survey.languages == ["en", "nl"]
    assert survey.questions.count() == 2
    assert survey.questions.get(kind="choice").choices == {
        "en": ["Call", "Email"],
        "nl": ["Bellen", "E-mail"],
    }


def test_a_question_missing_a_language_is_shown_with_what_was_typed(client, world):
    client.force_login(world.member)
    data = {
        "audience": "learners",
        "languages": ["en", "mi"],
        "title_en": "Reading",
        "title_mi": "Te pānui",
        "rows": "2",
        "q0_kind": "scale",
        "q0_text_en": "I enjoy reading.",
    }
    response = client.post(reverse("voice:new", args=[world.group.public_id]), data)
    assert response.status_code == 400
    assert "Write the question in this language." in response.text
    assert 'value="I enjoy reading."' in response.text
    assert not Survey.objects.exists()


def test_a_ready_made_set_fills_the_form(client, world):
    client.force_login(world.member)
    url = reverse("voice:new", args=[world.group.public_id]) + "?set=reading"
    response = client.get(url)
    assert response.status_code == 200
    assert "Where do you like to read most?" in response.text
    assert "Waar lees je het liefst?" in response.text
    assert "te reo Māori" in response.text


def test_the_list_groups_surveys_by_round_in_few_queries(
    client, world, django_assert_max_num_queries
):
    for _ in range(3):
        make_survey(world)
    world.group.cycle = 2
    world.group.save()
    for _ in range(3):
        make_survey(world)
    client.force_login(world.member)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("voice:list", args=[world.group.public_id]))
    assert response.status_code == 200
    assert response.text.index("Inquiry round 2") < response.text.index("Inquiry round 1")
    assert response.text.count("0 answers") == 6


def test_the_survey_page_shows_only_the_survey(client, world, survey):
    response = Client().get(survey_url(survey))
    assert response.status_code == 200
    assert "I enjoy reading." in response.text
    for secret in (world.group.name, world.member.display_name, world.facilitator.display_name):
        assert secret not in response.text
    assert str(world.group.public_id) not in response.text
    assert response["Cache-Control"] == "no-store"


def test_the_group_may_choose_to_show_its_name(client, world):
    survey = make_survey(world, show_group_name=True)
    response = Client().get(survey_url(survey))
    assert world.group.name in response.text
    assert world.member.display_name not in response.text


def test_the_language_switch_shows_the_questions_in_te_reo_maori(client, survey):
    response = Client().get(survey_url(survey, lang="mi"))
    assert 'lang="mi"' in response.text
    assert "He pai ki ahau te pānui." in response.text
    assert "Ki te kāinga" in response.text
    assert "I enjoy reading." not in response.text
    # a language the survey is not offered in falls back to its first one
    response = Client().get(survey_url(survey, lang="nl"))
    assert "I enjoy reading." in response.text


def test_the_page_opens_in_the_browsers_language_when_the_survey_has_it(survey):
    response = Client(HTTP_ACCEPT_LANGUAGE="mi-NZ,mi;q=0.9,en;q=0.5").get(survey_url(survey))
    assert "He pai ki ahau te pānui." in response.text
    response = Client(HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9").get(survey_url(survey))
    assert "I enjoy reading." in response.text  # not offered in Dutch: its first language


def test_a_survey_in_one_language_has_no_language_switch(world):
    survey = make_survey(world, languages=["en"])
    response = Client().get(survey_url(survey))
    assert 'aria-label="Language"' not in response.text
    response = Client().get(survey_url(make_survey(world)))
    assert 'aria-label="Language"' in response.text


def test_an_anonymous_visitor_answers_and_is_thanked(world, survey):
    visitor = Client()
    response = answer(visitor, survey, "mi", scale="4", choice="1", text="Ētahi pukapuka")
    assert response.status_code == 302
    assert response["Location"] == survey_url(survey, lang="mi", sent=1)
    assert "Thank you" in visitor.get(response["Location"]).text
    saved = SurveyResponse.objects.get()
    assert saved.language == "mi"
    assert list(saved.answers.values()) == [4, 1, "Ētahi pukapuka"]
    # no log entry says when someone answered
    assert list(
        ActivityEntry.objects.filter(action__startswith="voice.").values_list("action", flat=True)
    ) == ["voice.survey_created"]


def test_an_answer_that_looks_like_a_name_gets_a_warning_first(survey):
    visitor = Client()
    response = answer(visitor, survey, text="Mrs Smith reads with me")
    assert response.status_code == 200
    assert 'data-testid="personal-warning"' in response.text
    assert "Mrs Smith reads with me" in response.text  # nothing typed is lost
    assert not SurveyResponse.objects.exists()
    response = answer(visitor, survey, text="Mrs Smith reads with me", send_anyway=True)
    assert response.status_code == 302
    assert SurveyResponse.objects.count() == 1


def test_a_closed_or_unknown_link_opens_nothing(world, survey):
    services.survey_close(survey=survey, by=world.member)
    for url in (survey_url(survey), reverse("voice:answer", args=["not-a-real-token"])):
        response = Client().get(url)
        assert response.status_code == 404
        assert "This survey is not open" in response.text
        assert "I enjoy reading." not in response.text
    assert answer(Client(), survey, scale="3").status_code == 404
    assert not SurveyResponse.objects.exists()


def test_the_link_is_rate_limited_per_address(survey, monkeypatch):
    monkeypatch.setattr(
        limits, "SEND_LIMITS", (limits.Limit("link", 100, 60), limits.Limit("address", 2, 60))
    )
    visitor = Client()
    assert answer(visitor, survey, scale="3").status_code == 302
    assert answer(visitor, survey, scale="3").status_code == 302
    response = answer(visitor, survey, scale="3")
    assert response.status_code == 429
    assert "Please wait a little" in response.text
    assert SurveyResponse.objects.count() == 2
    # another address may still answer
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert answer(other, survey, scale="3").status_code == 302


def test_the_link_is_rate_limited_per_link(survey, monkeypatch):
    monkeypatch.setattr(
        limits, "SEND_LIMITS", (limits.Limit("link", 2, 60), limits.Limit("address", 100, 60))
    )
    assert answer(Client(REMOTE_ADDR="192.0.2.1"), survey, scale="3").status_code == 302
    assert answer(Client(REMOTE_ADDR="192.0.2.2"), survey, scale="3").status_code == 302
    assert answer(Client(REMOTE_ADDR="192.0.2.3"), survey, scale="3").status_code == 429
    cache.clear()  # the window ends
    assert answer(Client(REMOTE_ADDR="192.0.2.3"), survey, scale="3").status_code == 302


def test_the_limited_page_says_so_in_the_surveys_language_and_keeps_the_answers(
    survey, monkeypatch
):
    monkeypatch.setattr(limits, "SEND_LIMITS", (limits.Limit("address", 0, 60),))
    response = answer(Client(), survey, "mi", scale="3", text="He pukapuka hou")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert 'data-testid="limited"' in response.text
    assert "Please wait a little" in response.text
    assert "He pai ki ahau te pānui." in response.text  # the survey, in te reo Māori
    assert "He pukapuka hou" in response.text  # nothing typed is lost
    assert not SurveyResponse.objects.exists()
    # reading the page is never limited: a GET writes nothing
    assert Client().get(survey_url(survey)).status_code == 200


def test_members_see_counts_a_chart_with_its_table_and_the_written_answers(client, world, survey):
    for level, text in [(5, "More books"), (4, ""), (5, "Quiet time")]:
        answer(Client(), survey, scale=str(level), choice="0", text=text)
    client.force_login(world.member)
    response = client.get(reverse("voice:detail", args=[world.group.public_id, survey.public_id]))
    assert response.status_code == 200
    body = response.text
    assert "3 answers so far" in body
    assert 'role="img"' in body
    assert "Bar chart of 3 answers on a scale from 1 to 5" in body
    assert "<table" in body
    assert "More books" in body
    assert "Quiet time" in body
    assert survey.token in body  # the link to share
    # the chart's style element carries this response's nonce, and no inline style
    nonce = response.wsgi_request._csp_nonce
    assert f'nonce="{nonce}"' in body
    assert "'nonce-" in response["Content-Security-Policy"].split("style-src")[1].split(";")[0]


def test_results_export_as_csv(client, world, survey):
    answer(Client(), survey, "mi", scale="2", choice="1", text="=HYPERLINK(1)")
    client.force_login(world.member)
    response = client.get(reverse("voice:csv", args=[world.group.public_id, survey.public_id]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Answer",
        "Language",
        "I enjoy reading.",
        "Where do you read?",
        "What would help?",
    ]
    assert rows[1] == ["1", "Te reo Māori", "2", "At home", "'=HYPERLINK(1)"]


def test_closing_stops_the_link_and_reopening_starts_it(client, world, survey):
    client.force_login(world.member)
    url = reverse("voice:close", args=[world.group.public_id, survey.public_id])
    assert client.post(url).status_code == 302
    assert Client().get(survey_url(survey)).status_code == 404
    url = reverse("voice:reopen", args=[world.group.public_id, survey.public_id])
    assert client.post(url).status_code == 302
    assert Client().get(survey_url(survey)).status_code == 200


@pytest.mark.parametrize("persona", ["coordinator", "admin", "colleague", "outsider"])
def test_nobody_but_members_sees_results(client, world, survey, persona):
    answer(Client(), survey, scale="5", text="Secret words")
    client.force_login(getattr(world, persona))
    for name in ("voice:detail", "voice:csv"):
        response = client.get(reverse(name, args=[world.group.public_id, survey.public_id]))
        assert response.status_code in (403, 404)
        assert "Secret words" not in response.text


def test_a_survey_of_another_group_is_not_found(client, world, survey):
    from tests.conftest import make_group

    other = make_group(world.member, name="Other")
    client.force_login(world.member)
    response = client.get(reverse("voice:detail", args=[other.public_id, survey.public_id]))
    assert response.status_code == 404


def test_the_group_home_names_open_surveys_to_members_only(client, world, survey):
    home = reverse("groups:home", args=[world.group.public_id])
    client.force_login(world.member)
    assert "Learner and whānau voice" in client.get(home).text
    client.force_login(world.coordinator)
    assert "Learner and whānau voice" not in client.get(home).text
    services.survey_close(survey=survey, by=world.member)
    client.force_login(world.member)
    assert "Learner and whānau voice" not in client.get(home).text


def test_choices_must_be_given_alike_in_each_language(client, world):
    client.force_login(world.member)
    data = {
        "audience": "learners",
        "languages": ["en", "nl"],
        "title_en": "Reading",
        "title_nl": "Lezen",
        "rows": "1",
        "q0_kind": "choice",
        "q0_text_en": "Where?",
        "q0_text_nl": "Waar?",
        "q0_choices_en": "Home\nSchool\nLibrary",
        "q0_choices_nl": "Thuis",
    }
    response = client.post(reverse("voice:new", args=[world.group.public_id]), data)
    assert response.status_code == 400
    assert "Give between 2 and 6 choices, one a line." in response.text
    data["q0_choices_nl"] = "Thuis\nSchool"
    response = client.post(reverse("voice:new", args=[world.group.public_id]), data)
    assert response.status_code == 400
    assert "Give the same choices, in the same order, in each language." in response.text
    assert not Survey.objects.exists()


def test_a_form_without_questions_or_languages_says_what_is_missing(client, world):
    client.force_login(world.member)
    url = reverse("voice:new", args=[world.group.public_id])
    response = client.post(url, {"audience": "learners", "languages": ["en"], "title_en": "T"})
    assert response.status_code == 400
    assert "Add at least one question." in response.text
    response = client.post(url, {"audience": "learners", "rows": "1", "q0_kind": "text"})
    assert response.status_code == 400
    assert "This field is required." in response.text


def test_a_survey_without_answers_shows_no_chart(client, world, survey):
    client.force_login(world.member)
    response = client.get(reverse("voice:detail", args=[world.group.public_id, survey.public_id]))
    assert "0 answers so far" in response.text
    assert 'role="img"' not in response.text
    assert "No written answers yet." in response.text
