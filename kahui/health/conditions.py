"""The six conditions a learning group needs to work, as the health check asks about
them: each with its question, what each level from 1 to 5 means, and the next step
suggested when it is the group's weakest.

A table of translated texts (like ``groups/stages.py``), not an engine: the keys and
their order come from :mod:`kahui.health.results`."""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kahui.health.results import CONDITIONS


class StepKind(StrEnum):
    PROTOCOL = "protocol"  # a meeting protocol (a built-in one, by its key)
    AGREEMENTS = "agreements"  # review the agreements or the shared vision
    CADENCE = "cadence"  # change how often and how long the group meets


@dataclass(frozen=True)
class NextStep:
    kind: StepKind
    text: Promise
    # For a protocol: the key of a built-in protocol (kahui/meetings/protocols.py).
    # For agreements: the section of the group's charter to edit (norms, vision).
    target: str = ""


@dataclass(frozen=True)
class Condition:
    key: str
    name: Promise
    question: Promise
    levels: tuple[Promise, Promise, Promise, Promise, Promise]  # what 1 … 5 mean
    next_step: NextStep


_CONDITIONS = (
    Condition(
        key="time_access",
        name=_("Time and access"),
        question=_("We can meet regularly, and the time we have is enough and well used."),
        levels=(
            _("We rarely manage to meet, or meetings get cut short."),
            _("We meet, but irregularly and often with people missing."),
            _("We meet as planned most of the time, but time is tight."),
            _("We meet regularly and most of us can take part."),
            _("We meet on a steady rhythm, and the time is enough and well used."),
        ),
        next_step=NextStep(
            StepKind.CADENCE,
            _(
                "Look again at how often and how long you meet: a steadier rhythm, or a "
                "shorter and sharper meeting, may suit everyone better."
            ),
            "structure",
        ),
    ),
    Condition(
        key="trust",
        name=_("Trust and belonging"),
        question=_("I belong in this group, and I can rely on the others in it."),
        levels=(
            _("I hold back; I am not sure I belong here."),
            _("I trust a few people here, not the group as a whole."),
            _("I feel welcome, but some things stay unsaid."),
            _("I feel I belong, and I can count on the others."),
            _("We rely on each other, and it shows in how we work."),
        ),
        next_step=NextStep(
            StepKind.PROTOCOL,
            _(
                "Run a success analysis at your next meeting: each person brings something "
                "that worked, and the group works out together why it worked. Knowing each "
                "other's strengths builds trust."
            ),
            "success_analysis",
        ),
    ),
    Condition(
        key="shared_vision",
        name=_("Shared vision"),
        question=_("We agree on what we are working towards, and why."),
        levels=(
            _("I could not say what this group is working towards."),
            _("We each seem to want something different."),
            _("We agree in broad terms, but not on what it looks like in class."),
            _("We share a purpose and mostly agree on what success looks like."),
            _("Our purpose guides every meeting and the choices we make."),
        ),
        next_step=NextStep(
            StepKind.AGREEMENTS,
            _(
                "Reread your shared vision together at a meeting, and rewrite it until "
                "everyone would put their name to it."
            ),
            "vision",
        ),
    ),
    Condition(
        key="structure",
        name=_("Structure"),
        question=_("Our meetings have a clear shape, clear roles and follow-up."),
        levels=(
            _("Meetings drift, and nobody is sure what happens next."),
            _("There is a plan, but we seldom keep to it."),
            _("Meetings have a shape, but follow-up is patchy."),
            _("Meetings follow a clear protocol, and most actions are followed up."),
            _("Roles, protocol and follow-up work without anyone having to push."),
        ),
        next_step=NextStep(
            StepKind.PROTOCOL,
            _(
                "Follow the regular meeting protocol for a while, with a timekeeper: check "
                "in, review the actions, learn, plan and reflect, every time."
            ),
            "regular",
        ),
    ),
    Condition(
        key="safety",
        name=_("Safety"),
        question=_("I can say what I think, admit what did not work and ask for help."),
        levels=(
            _("I would not bring a problem from my own class here."),
            _("I share my successes, not my struggles."),
            _("I can raise a difficulty, choosing my words with care."),
            _("I can admit what did not work and get help, not judgement."),
            _("Disagreement and honest doubt are welcome, and lead somewhere."),
        ),
        next_step=NextStep(
            StepKind.AGREEMENTS,
            _(
                "Review your agreements together: ask what would make it easier to bring a "
                "struggle to the group, and write that down as an agreement."
            ),
            "norms",
        ),
    ),
    Condition(
        key="depth",
        name=_("Depth"),
        question=_("We look closely at practice and evidence, and it changes what we do."),
        levels=(
            _("We mostly swap news and tips."),
            _("We talk about practice, but rarely look at evidence."),
            _("We look at evidence now and then, and it changes little."),
            _("We examine practice and learners' work, and try things as a result."),
            _("Our inquiry changes our teaching, and we can show how."),
        ),
        next_step=NextStep(
            StepKind.PROTOCOL,
            _(
                "Bring a real problem of practice to the consultancy protocol: one member "
                "presents a dilemma, and the others help them think it through."
            ),
            "consultancy",
        ),
    ),
)

CONDITION_INFO: dict[str, Condition] = {condition.key: condition for condition in _CONDITIONS}

if tuple(CONDITION_INFO) != CONDITIONS:  # pragma: no cover - a mistake in this table
    raise RuntimeError("conditions.py must describe results.CONDITIONS, in that order")


def all_conditions() -> list[Condition]:
    """The conditions in the order the survey asks them."""
    return [CONDITION_INFO[key] for key in CONDITIONS]
