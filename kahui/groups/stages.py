"""The He Pikorua practice sequence a running group moves through, and round again."""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    CONNECT = "connect", _("Whakawhanaungatanga — build connections")
    GATHER = "gather", _("Kohikohi — gather information")
    SENSE = "sense", _("Āta Whakaaro — make sense")
    PLAN = "plan", _("Tātai — plan together")
    ACT = "act", _("Whakamahi — act with integrity")
    REFLECT = "reflect", _("Whai Whakaaro — reflect together")


@dataclass(frozen=True)
class StageInfo:
    stage: Stage
    maori: str
    english: Promise
    focus: Promise


STAGES: list[StageInfo] = [
    StageInfo(
        Stage.CONNECT,
        "Whakawhanaungatanga",
        _("Build connections"),
        _("Get to know each other, the learners you serve and what each member brings."),
    ),
    StageInfo(
        Stage.GATHER,
        "Kohikohi",
        _("Gather information"),
        _("Collect evidence, data and resources about the focus before deciding anything."),
    ),
    StageInfo(
        Stage.SENSE,
        "Āta Whakaaro",
        _("Make sense"),
        _("Look at the evidence together: what patterns, strengths and needs stand out?"),
    ),
    StageInfo(
        Stage.PLAN,
        "Tātai",
        _("Plan together"),
        _("Agree on actions for the whole group, for some learners and for individuals."),
    ),
    StageInfo(
        Stage.ACT,
        "Whakamahi",
        _("Act with integrity"),
        _("Try the agreed changes in practice and share what happens as you go."),
    ),
    StageInfo(
        Stage.REFLECT,
        "Whai Whakaaro",
        _("Reflect together"),
        _("Review what changed for learners and for you, then decide where to go next."),
    ),
]
STAGE_INFO = {info.stage: info for info in STAGES}
STAGE_ORDER = [info.stage for info in STAGES]


def next_stage(stage: str) -> Stage:
    """The stage after ``stage``; after reflecting, the cycle starts again."""
    index = STAGE_ORDER.index(Stage(stage))
    return STAGE_ORDER[(index + 1) % len(STAGE_ORDER)]
