import pytest
from django.core.cache import cache

from kahui.voice import services
from kahui.voice.models import Audience, QuestionKind


@pytest.fixture(autouse=True)
def _fresh_limits(request):
    # The rate limits count in the shared cache (a database table): each test that
    # uses the database starts with none used.
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    cache.clear()
    yield
    cache.clear()


def plans():
    return [
        services.QuestionPlan(
            kind=QuestionKind.SCALE,
            text={"en": "I enjoy reading.", "mi": "He pai ki ahau te pānui."},
        ),
        services.QuestionPlan(
            kind=QuestionKind.CHOICE,
            text={"en": "Where do you read?", "mi": "Ki hea koe pānui ai?"},
            choices={"en": ["At school", "At home"], "mi": ["Ki te kura", "Ki te kāinga"]},
        ),
        services.QuestionPlan(
            kind=QuestionKind.TEXT,
            text={"en": "What would help?", "mi": "He aha hei āwhina?"},
        ),
    ]


def make_survey(world, **kwargs):
    options = {
        "group": world.group,
        "by": world.member,
        "audience": Audience.LEARNERS,
        "title": {"en": "Reading", "mi": "Te pānui"},
        "languages": ["en", "mi"],
        "questions": plans(),
    }
    options.update(kwargs)
    return services.survey_create(**options)


@pytest.fixture
def survey(world):
    return make_survey(world)
