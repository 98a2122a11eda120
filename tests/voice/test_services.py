import pytest

from kahui.core.errors import KahuiError, NotAllowed
from kahui.core.models import ActivityEntry
from kahui.voice import selectors, services
from kahui.voice.models import QuestionKind, SurveyResponse
from tests.voice.conftest import make_survey, plans

pytestmark = pytest.mark.django_db


def test_a_survey_keeps_the_groups_round_and_stage_and_is_logged(world):
    world.group.cycle, world.group.stage = 2, "gather"
    world.group.save()
    survey = make_survey(world)
    assert (survey.cycle, survey.stage) == (2, "gather")
    assert survey.is_open
    assert len(survey.token) >= 32
    assert [q.kind for q in survey.questions.all()] == ["scale", "choice", "text"]
    entry = ActivityEntry.objects.get(action="voice.survey_created")
    assert (entry.actor, entry.group, entry.target) == (world.member, world.group, "Reading")


def test_only_the_texts_of_the_chosen_languages_are_kept(world):
    survey = make_survey(world, languages=["mi"], title={"en": "Reading", "mi": "Te pānui"})
    assert survey.title == {"mi": "Te pānui"}
    assert survey.questions.first().text == {"mi": "He pai ki ahau te pānui."}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"languages": []}, "at least one language"),
        ({"languages": ["en", "fr"]}, "from the list"),
        ({"title": {"en": "Reading"}}, "title in each"),
        ({"questions": []}, "at least one question"),
    ],
)
def test_a_survey_missing_something_is_refused(world, change, message):
    with pytest.raises(KahuiError, match=message):
        make_survey(world, **change)


def test_a_question_must_be_written_in_every_language(world):
    questions = plans()
    questions[0] = services.QuestionPlan(kind=QuestionKind.SCALE, text={"en": "Only English"})
    with pytest.raises(KahuiError, match="each of the survey's languages"):
        make_survey(world, questions=questions)


def test_choices_must_match_across_languages(world):
    questions = plans()
    questions[1] = services.QuestionPlan(
        kind=QuestionKind.CHOICE,
        text={"en": "Where?", "mi": "Ki hea?"},
        choices={"en": ["A", "B", "C"], "mi": ["A", "B"]},
    )
    with pytest.raises(KahuiError, match="same number of choices"):
        make_survey(world, questions=questions)


def test_only_members_make_or_close_surveys(world, survey):
    for person in (world.coordinator, world.outsider, world.colleague):
        with pytest.raises(NotAllowed):
            make_survey(world, by=person)
        with pytest.raises(NotAllowed):
            services.survey_close(survey=survey, by=person)


def test_closing_and_reopening_are_logged_once_each(world, survey):
    services.survey_close(survey=survey, by=world.facilitator)
    services.survey_close(survey=survey, by=world.facilitator)
    services.survey_reopen(survey=survey, by=world.member)
    actions = list(
        ActivityEntry.objects.filter(action__startswith="voice.").values_list("action", flat=True)
    )
    assert sorted(actions) == [
        "voice.survey_closed",
        "voice.survey_created",
        "voice.survey_reopened",
    ]


def test_an_answer_is_kept_without_anything_about_who_sent_it(survey):
    scale, choice, text = survey.questions.all()
    response = services.response_submit(
        survey=survey, language="mi", answers={scale.pk: 4, choice.pk: 1, text.pk: " Books "}
    )
    assert response.answers == {str(scale.pk): 4, str(choice.pk): 1, str(text.pk): "Books"}
    assert response.language == "mi"
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert fields == {"id", "survey", "language", "answers"}


@pytest.mark.parametrize("bad", [0, 6, "x"])
def test_an_answer_off_the_scale_is_refused(survey, bad):
    scale = survey.questions.get(kind="scale")
    with pytest.raises(KahuiError, match="answers offered"):
        services.response_submit(survey=survey, language="en", answers={scale.pk: bad})


def test_a_choice_that_does_not_exist_is_refused(survey):
    choice = survey.questions.get(kind="choice")
    with pytest.raises(KahuiError, match="answers offered"):
        services.response_submit(survey=survey, language="en", answers={choice.pk: 2})


def test_an_empty_set_of_answers_is_refused(survey):
    text = survey.questions.get(kind="text")
    with pytest.raises(KahuiError, match="at least one"):
        services.response_submit(survey=survey, language="en", answers={text.pk: "  "})


def test_a_closed_survey_takes_no_answers(world, survey):
    scale = survey.questions.get(kind="scale")
    services.survey_close(survey=survey, by=world.member)
    with pytest.raises(services.SurveyNotOpen):
        services.response_submit(survey=survey, language="en", answers={scale.pk: 3})


def test_results_count_each_answer_and_show_the_written_ones(survey):
    scale, choice, text = survey.questions.all()
    for level, where, words in [(5, 0, "More books"), (5, 1, ""), (2, 1, "Quiet time")]:
        services.response_submit(
            survey=survey,
            language="en",
            answers={scale.pk: level, choice.pk: where, text.pk: words},
        )
    total, results = selectors.survey_results(survey, "mi")
    assert total == 3
    assert results[0].text == "He pai ki ahau te pānui."
    assert results[0].counts == [("1", 0), ("2", 1), ("3", 0), ("4", 0), ("5", 2)]
    assert results[0].mean == 4
    assert results[1].counts == [("Ki te kura", 1), ("Ki te kāinga", 2)]
    assert results[2].texts == ["More books", "Quiet time"]


def test_surveys_for_cycle_reads_one_round_with_its_answer_counts(world, survey):
    services.response_submit(survey=survey, language="en", answers={survey.questions.first().pk: 3})
    world.group.cycle = 2
    world.group.save()
    later = make_survey(world)
    assert list(selectors.surveys_for_cycle(world.group, 1)) == [survey]
    assert selectors.surveys_for_cycle(world.group, 1)[0].response_count == 1
    assert list(selectors.surveys_for_cycle(world.group, 2)) == [later]
