"""How the demo's groups are going, as their health checks tell it: for each group,
where each condition stood at its first check and at its latest (the answers drift
from one to the other, with a little disagreement between members), the threshold it
chose, and what members wrote (English for New Zealand groups, Dutch for the Dutch
one). Conditions: time_access, trust, shared_vision, structure, safety, depth.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class HealthStory:
    first: dict[str, float]  # each condition's mean at the group's first check
    latest: dict[str, float]  # and at its latest
    comments: tuple[str, ...]  # taken in turn, one or two a check
    threshold: int = 4


HEALTH: dict[str, HealthStory] = {
    # Cross-sector and new: trust and a shared picture grow; getting everyone to the
    # same room every three weeks stays hard.
    "From early learning to school": HealthStory(
        first={
            "time_access": 2.6,
            "trust": 2.6,
            "shared_vision": 3.0,
            "structure": 3.4,
            "safety": 3.0,
            "depth": 2.4,
        },
        latest={
            "time_access": 2.7,
            "trust": 4.0,
            "shared_vision": 3.9,
            "structure": 3.6,
            "safety": 3.8,
            "depth": 3.1,
        },
        comments=(
            "Getting from the centre to school by 3.45 is a scramble for two of us.",
            "I understand the early-learning side much better than I did.",
            "Could we meet online once a term to save the drive?",
            "The “all about me” profile already feels like ours.",
            "Hearing the whānau voices made it real.",
        ),
    ),
    # One school's junior team: a clear plan, and the depth still to come.
    "Structured literacy in the junior school": HealthStory(
        first={
            "time_access": 3.8,
            "trust": 3.4,
            "shared_vision": 4.0,
            "structure": 3.0,
            "safety": 3.2,
            "depth": 2.6,
        },
        latest={
            "time_access": 3.9,
            "trust": 4.2,
            "shared_vision": 4.3,
            "structure": 4.0,
            "safety": 3.7,
            "depth": 3.1,
        },
        comments=(
            "The running-record moderation was the most useful hour this term.",
            "We could look at more of the children's writing, not just talk about it.",
            "Having the agenda the day before helps me come ready.",
            "I'd like us to bring one struggling reader each time.",
        ),
    ),
    # Across the cluster: good talk, but people from five schools struggle to get there.
    "Universal Design for Learning across the cluster": HealthStory(
        first={
            "time_access": 2.8,
            "trust": 3.2,
            "shared_vision": 3.4,
            "structure": 3.6,
            "safety": 3.4,
            "depth": 3.0,
        },
        latest={
            "time_access": 2.7,
            "trust": 3.9,
            "shared_vision": 3.9,
            "structure": 3.9,
            "safety": 3.9,
            "depth": 3.6,
        },
        comments=(
            "Releasing staff for a whole afternoon is hard for the smaller schools.",
            "The co-planning session was worth the travel.",
            "Could the RTLBs share the planning template before we meet?",
            "I'd come more often if we alternated venues.",
        ),
    ),
    # The principal is in the group: people hold back, though less than at first.
    "Restorative practice at Kererū Ridge": HealthStory(
        first={
            "time_access": 3.6,
            "trust": 3.0,
            "shared_vision": 3.8,
            "structure": 3.5,
            "safety": 2.3,
            "depth": 2.9,
        },
        latest={
            "time_access": 3.8,
            "trust": 3.7,
            "shared_vision": 4.1,
            "structure": 3.9,
            "safety": 3.0,
            "depth": 3.5,
        },
        comments=(
            "Role-playing the restorative chat felt awkward at first, then useful.",
            "I'm not sure I'd bring a conversation that went badly.",
            "The case discussions are getting more honest.",
            "More time for practice, less for updates, please.",
        ),
    ),
    # The oldest group, in its second round: strong, but its routines are slipping.
    "Te reo and tikanga in every classroom": HealthStory(
        first={
            "time_access": 3.6,
            "trust": 3.8,
            "shared_vision": 4.0,
            "structure": 4.2,
            "safety": 3.7,
            "depth": 3.2,
        },
        latest={
            "time_access": 3.9,
            "trust": 4.5,
            "shared_vision": 4.5,
            "structure": 3.2,
            "safety": 4.4,
            "depth": 4.0,
        },
        comments=(
            "Our karakia and waiata to open each hui set the tone.",
            "We have stopped following up actions since the note-taker stopped rotating.",
            "The kupu of the week is now in every classroom I visit.",
            "Could we get back to a timekeeper? We keep running over.",
            "Ka nui te mihi to our kaiārahi.",
        ),
    ),
    # Primary and secondary teachers, still finding a shared picture of good maths talk.
    "PLG Rekentaal: van groep 8 naar de brugklas": HealthStory(
        first={
            "time_access": 3.2,
            "trust": 3.0,
            "shared_vision": 2.6,
            "structure": 3.6,
            "safety": 3.2,
            "depth": 2.8,
        },
        latest={
            "time_access": 3.5,
            "trust": 3.9,
            "shared_vision": 3.2,
            "structure": 3.9,
            "safety": 3.8,
            "depth": 3.9,
        },
        comments=(
            "Het verschil tussen basisschool en brugklas is groter dan ik dacht.",
            "De lesbezoeken over en weer waren het waardevolst.",
            "We zijn het nog niet eens over wat ‘redeneren’ in groep 8 betekent.",
            "Graag vaker online, dan scheelt het reistijd.",
        ),
    ),
}
