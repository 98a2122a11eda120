"""Ready-made question sets, in Kāhui's own words, that a group can start a survey
from. Each question is written per language: English and Dutch here. Te reo Māori
wording is left for the group to write (or to ask a fluent speaker for): Kāhui carries
no te reo Māori it has not had written and checked by fluent speakers (see
docs/TRANSLATING.md), and the form says which wording is still to come."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kahui.voice.models import Audience, QuestionKind


@dataclass(frozen=True)
class ReadyQuestion:
    kind: str
    text: dict[str, str]
    choices: dict[str, list[str]] | None = None


@dataclass(frozen=True)
class QuestionSet:
    key: str
    name: Promise
    audience: str
    title: dict[str, str]
    questions: tuple[ReadyQuestion, ...]


QUESTION_SETS: tuple[QuestionSet, ...] = (
    QuestionSet(
        key="reading",
        name=_("How I feel about reading"),
        audience=Audience.LEARNERS,
        title={"en": "How I feel about reading", "nl": "Hoe ik over lezen denk"},
        questions=(
            ReadyQuestion(QuestionKind.SCALE, {"en": "I enjoy reading.", "nl": "Ik lees graag."}),
            ReadyQuestion(
                QuestionKind.SCALE,
                {
                    "en": "I can find books I want to read.",
                    "nl": "Ik kan boeken vinden die ik wil lezen.",
                },
            ),
            ReadyQuestion(
                QuestionKind.CHOICE,
                {"en": "Where do you like to read most?", "nl": "Waar lees je het liefst?"},
                {
                    "en": ["At school", "At home", "Somewhere else", "I don't like reading yet"],
                    "nl": ["Op school", "Thuis", "Ergens anders", "Ik lees nog niet graag"],
                },
            ),
            ReadyQuestion(
                QuestionKind.TEXT,
                {
                    "en": "What would help you read more?",
                    "nl": "Wat zou je helpen om meer te lezen?",
                },
            ),
        ),
    ),
    QuestionSet(
        key="learning",
        name=_("What helps me learn"),
        audience=Audience.LEARNERS,
        title={"en": "What helps me learn", "nl": "Wat helpt mij leren"},
        questions=(
            ReadyQuestion(
                QuestionKind.SCALE,
                {
                    "en": "I know what I am learning and why.",
                    "nl": "Ik weet wat ik leer en waarom.",
                },
            ),
            ReadyQuestion(
                QuestionKind.SCALE,
                {
                    "en": "I can ask for help when I am stuck.",
                    "nl": "Ik durf om hulp te vragen als ik vastloop.",
                },
            ),
            ReadyQuestion(
                QuestionKind.CHOICE,
                {"en": "What helps you learn most?", "nl": "Wat helpt jou het meest bij leren?"},
                {
                    "en": [
                        "Working with others",
                        "Working on my own",
                        "The teacher showing me",
                        "Trying things out",
                    ],
                    "nl": [
                        "Samenwerken met anderen",
                        "Alleen werken",
                        "Als de leraar het voordoet",
                        "Dingen uitproberen",
                    ],
                },
            ),
            ReadyQuestion(
                QuestionKind.TEXT,
                {"en": "One thing that helps you learn:", "nl": "Eén ding dat jou helpt leren:"},
            ),
        ),
    ),
    QuestionSet(
        key="whanau",
        name=_("Our family and the school"),
        audience=Audience.WHANAU,
        title={"en": "Our family and the school", "nl": "Ons gezin en de school"},
        questions=(
            ReadyQuestion(
                QuestionKind.SCALE,
                {
                    "en": "We feel welcome at our child's school.",
                    "nl": "We voelen ons welkom op de school van ons kind.",
                },
            ),
            ReadyQuestion(
                QuestionKind.SCALE,
                {
                    "en": "We know how our child is getting on with their learning.",
                    "nl": "We weten hoe het ons kind gaat met leren.",
                },
            ),
            ReadyQuestion(
                QuestionKind.CHOICE,
                {
                    "en": "How would you like to hear from the school?",
                    "nl": "Hoe hoort u het liefst van de school?",
                },
                {
                    "en": ["A chat in person", "A phone call", "A message or email", "A report"],
                    "nl": [
                        "Een gesprek",
                        "Een telefoontje",
                        "Een bericht of e-mail",
                        "Een verslag",
                    ],
                },
            ),
            ReadyQuestion(
                QuestionKind.TEXT,
                {
                    "en": "What could the school do to support learning at home?",
                    "nl": "Wat kan de school doen om het leren thuis te steunen?",
                },
            ),
        ),
    ),
)

BY_KEY = {question_set.key: question_set for question_set in QUESTION_SETS}
