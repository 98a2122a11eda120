"""Reading a group's surveys and what was answered."""

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.db.models import Count, QuerySet

from kahui.groups.models import LearningGroup
from kahui.voice.models import SCALE, Question, QuestionKind, Survey


def surveys_for_cycle(group: LearningGroup, cycle: int) -> QuerySet[Survey]:
    """The group's surveys of inquiry round ``cycle``, newest first, each with
    ``response_count``: what learners and whānau said, as evidence for that round
    (the inquiry reads this; each survey keeps its ``stage`` too)."""
    return group.surveys.filter(cycle=cycle).annotate(response_count=Count("responses"))


def surveys_by_cycle(group: LearningGroup) -> list[tuple[int | None, list[Survey]]]:
    """Every survey of the group, grouped by inquiry round, the latest round first."""
    surveys = sorted(
        group.surveys.annotate(response_count=Count("responses")).select_related(
            "created_by__profile"
        ),
        key=lambda survey: (-(survey.cycle or 0), -survey.created_at.timestamp(), -survey.pk),
    )
    return [(cycle, list(items)) for cycle, items in groupby(surveys, key=lambda s: s.cycle)]


def survey_in(group: LearningGroup, survey_id) -> Survey | None:
    return group.surveys.filter(public_id=survey_id).first()


@dataclass
class QuestionResult:
    question: Question
    text: str
    kind: str
    # (the answer as shown, how many chose it) for a scale or a choice
    counts: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    answered: int = 0
    mean: float | None = None


def survey_results(survey: Survey, language: str) -> tuple[int, list[QuestionResult]]:
    """How many answered, and each question's counts (or written answers), with texts
    in ``language`` where the survey has it."""
    questions = list(survey.questions.all())
    responses = list(survey.responses.values_list("answers", flat=True))
    results = []
    for question in questions:
        key = str(question.pk)
        given = [answers[key] for answers in responses if key in answers]
        result = QuestionResult(
            question=question,
            text=question.text_in(language),
            kind=question.kind,
            answered=len(given),
        )
        if question.kind == QuestionKind.SCALE:
            result.counts = [(str(level), given.count(level)) for level in SCALE]
            if given:
                result.mean = sum(given) / len(given)
        elif question.kind == QuestionKind.CHOICE:
            result.counts = [
                (label, given.count(index))
                for index, label in enumerate(question.choices_in(language))
            ]
        else:
            result.texts = [str(text) for text in given]
        results.append(result)
    return len(responses), results


def open_surveys_card(group: LearningGroup, access) -> dict[str, Any] | None:
    """The context of the card on the group home while surveys are open, for members.
    The home is a cached fragment that changes with the group's activity log, which
    records a survey made, closed or reopened but never an answer: so the card names
    the open surveys and leaves their answer counts to the survey's own page."""
    if not access.is_member:
        return None
    surveys = list(group.surveys.open()[:3])
    if not surveys:
        return None
    return {"open_surveys": surveys}
