"""Making, closing and answering a group's learner and whānau surveys."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kahui.core import activity
from kahui.core.errors import KahuiError, NotAllowed
from kahui.groups.access import is_member
from kahui.groups.models import LearningGroup
from kahui.voice.activity import VoiceActivity
from kahui.voice.models import (
    MAX_CHOICES,
    MAX_QUESTIONS,
    SCALE,
    SURVEY_LANGUAGES,
    Audience,
    Question,
    QuestionKind,
    Survey,
    SurveyResponse,
)

MAX_TEXT_ANSWER = 500


@dataclass(frozen=True)
class QuestionPlan:
    """A question as the form hands it over: its kind, its text per language and, for
    a choice, its choices per language (in the same order in each)."""

    kind: str
    text: Mapping[str, str]
    choices: Mapping[str, Sequence[str]] = field(default_factory=dict)


class SurveyNotOpen(KahuiError):
    """The survey was closed (or withdrawn) before the answers arrived."""


def _check_member(group: LearningGroup, by) -> None:
    if not is_member(by, group):
        raise NotAllowed(_("Only the group's members run its surveys."))


def _check_plan(languages: Sequence[str], title: Mapping[str, str], questions) -> None:
    if not languages:
        raise KahuiError(_("Choose at least one language."))
    if any(code not in SURVEY_LANGUAGES for code in languages) or len(set(languages)) != len(
        languages
    ):
        raise KahuiError(_("Choose languages from the list."))
    if any(not title.get(code, "").strip() for code in languages):
        raise KahuiError(_("Give the survey a title in each of its languages."))
    if not questions:
        raise KahuiError(_("Add at least one question."))
    if len(questions) > MAX_QUESTIONS:
        raise KahuiError(
            _("A survey has at most %(n)s questions: keep it short.") % {"n": MAX_QUESTIONS}
        )
    for number, question in enumerate(questions, start=1):
        if question.kind not in QuestionKind.values:
            raise KahuiError(
                _("Question %(n)s: choose what kind of answer it asks.") % {"n": number}
            )
        if any(not question.text.get(code, "").strip() for code in languages):
            raise KahuiError(
                _("Question %(n)s: write it in each of the survey's languages.") % {"n": number}
            )
        if question.kind == QuestionKind.CHOICE:
            counts = {len(question.choices.get(code, [])) for code in languages}
            if len(counts) != 1:
                raise KahuiError(
                    _("Question %(n)s: give the same number of choices in each language.")
                    % {"n": number}
                )
            count = counts.pop()
            if not 2 <= count <= MAX_CHOICES:
                raise KahuiError(
                    _("Question %(n)s: give between 2 and %(most)s choices.")
                    % {"n": number, "most": MAX_CHOICES}
                )


@transaction.atomic
def survey_create(
    *,
    group: LearningGroup,
    by,
    audience: str,
    title: Mapping[str, str],
    languages: Sequence[str],
    questions: Sequence[QuestionPlan],
    show_group_name: bool = False,
    question_set: str = "",
) -> Survey:
    """Make an open survey with its own unguessable link, tied to the group's current
    inquiry round and stage. Only the texts of the chosen languages are kept."""
    _check_member(group, by)
    if audience not in Audience.values:
        raise KahuiError(_("Choose who answers the survey."))
    languages = list(languages)
    _check_plan(languages, title, questions)
    survey = Survey.objects.create(
        group=group,
        audience=audience,
        title={code: title[code].strip() for code in languages},
        languages=languages,
        show_group_name=show_group_name,
        question_set=question_set,
        cycle=group.cycle,
        stage=group.stage,
        created_by=by,
    )
    Question.objects.bulk_create(
        Question(
            survey=survey,
            position=position,
            kind=question.kind,
            text={code: question.text[code].strip() for code in languages},
            choices={
                code: [choice.strip() for choice in question.choices[code]] for code in languages
            }
            if question.kind == QuestionKind.CHOICE
            else {},
        )
        for position, question in enumerate(questions, start=1)
    )
    activity.record(actor=by, action=VoiceActivity.SURVEY_CREATED, group=group, target=str(survey))
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by) -> Survey:
    """Close the survey: its link stops working at once. Closing a closed one changes
    nothing."""
    _check_member(survey.group, by)
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if locked.closed_at is None:
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
        activity.record(
            actor=by, action=VoiceActivity.SURVEY_CLOSED, group=locked.group, target=str(locked)
        )
    return locked


@transaction.atomic
def survey_reopen(*, survey: Survey, by) -> Survey:
    """Open a closed survey again, on the same link."""
    _check_member(survey.group, by)
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if locked.closed_at is not None:
        locked.closed_at = None
        locked.save(update_fields=["closed_at"])
        activity.record(
            actor=by, action=VoiceActivity.SURVEY_REOPENED, group=locked.group, target=str(locked)
        )
    return locked


def _checked_answer(question: Question, value) -> int | str | None:
    if value in (None, ""):
        return None
    if question.kind == QuestionKind.TEXT:
        text = str(value).strip()
        if len(text) > MAX_TEXT_ANSWER:
            raise KahuiError(
                _("Keep each written answer under %(n)s characters.") % {"n": MAX_TEXT_ANSWER}
            )
        return text or None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise KahuiError(_("Choose one of the answers offered.")) from None
    allowed = (
        SCALE
        if question.kind == QuestionKind.SCALE
        else range(len(next(iter(question.choices.values()), [])))
    )
    if number not in allowed:
        raise KahuiError(_("Choose one of the answers offered."))
    return number


@transaction.atomic
def response_submit(
    *, survey: Survey, language: str, answers: Mapping[int, int | str | None]
) -> SurveyResponse:
    """Keep one anonymous set of answers (question id → answer). Questions left out are
    unanswered; at least one must be answered. Nothing about who sent it is kept."""
    locked = Survey.objects.select_for_update().get(pk=survey.pk)
    if locked.closed_at is not None:
        raise SurveyNotOpen(_("This survey has closed. Thank you for wanting to answer."))
    questions = {question.pk: question for question in locked.questions.all()}
    kept: dict[str, int | str] = {}
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise KahuiError(_("Choose one of the answers offered."))
        answer = _checked_answer(question, value)
        if answer is not None:
            kept[str(question_id)] = answer
    if not kept:
        raise KahuiError(_("Answer at least one question before sending."))
    return SurveyResponse.objects.create(
        survey=locked, language=locked.language_for(language), answers=kept
    )
