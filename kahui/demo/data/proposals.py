"""What the demo's groups decide together: a member's proposal that sharpened a goal
(agreed by consent and applied at its deadline), and a proposal to change the
agreements still open for responses under a majority rule.

Days are school days before the demo is built. ``goal`` is the goal's place in the
group's list (None for a decision, the vision or the agreements)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ResponseSpec:
    person: str
    position: str  # agree, abstain, disagree or block
    at: tuple[int, int, int]  # school days ago, hour, minute
    reason: str = ""


@dataclass(frozen=True)
class RulesSpec:
    """How the group decides, chosen by its first facilitator ``days_ago``."""

    who_proposes: str
    rule: str
    min_share: int
    days_ago: int


@dataclass(frozen=True)
class ProposalSpec:
    group: str
    proposer: str
    kind: str
    title: str
    reason: str
    text: str
    opened_days_ago: int
    responses: tuple[ResponseSpec, ...]
    evidence: str = ""
    goal: int | None = None
    # Closed at its deadline this many school days ago; None: still open, until
    # ``open_for_days`` calendar days after the demo is built.
    closed_days_ago: int | None = None
    open_for_days: int = 4
    rules: RulesSpec | None = None


PROPOSALS: tuple[ProposalSpec, ...] = (
    ProposalSpec(
        group="Structured literacy in the junior school",
        proposer="hg.t1",
        kind="goal",
        goal=2,
        title="Act on each decoding check within a week",
        reason=(
            "At the last hui we saw that the checks themselves go well, but the small-group "
            "help after them sometimes waits three weeks. Naming the week in the goal keeps "
            "us honest about it."
        ),
        text=(
            "Check decoding every five weeks and start small-group help within a week of each check"
        ),
        evidence=(
            "Check results recorded for every Year 1–2 learner; small-group plans adjusted "
            "within a week of each check"
        ),
        opened_days_ago=12,
        closed_days_ago=7,
        responses=(
            ResponseSpec(
                "hg.junior",
                "agree",
                (11, 7, 45),
                "Yes — and we can use the planning slot on Fridays.",
            ),
            ResponseSpec("hg.teuila", "agree", (11, 19, 20)),
            ResponseSpec(
                "hg.senco", "agree", (10, 12, 35), "Learning support can take one of the groups."
            ),
            ResponseSpec(
                "hg.t3", "abstain", (9, 20, 5), "Happy either way; the checks are new to me."
            ),
            ResponseSpec("hg.t2", "agree", (8, 16, 50)),
        ),
    ),
    ProposalSpec(
        group="Universal Design for Learning across the cluster",
        proposer="kr.senco",
        kind="agreements",
        title="Open the chat, and bring a learner's voice to every hui",
        reason=(
            "Some of us join from busy staffrooms and would rather write than unmute, and "
            "our inquiry keeps coming back to what learners tell us. Two small changes to "
            "our agreements would make room for both."
        ),
        text=(
            "We look for barriers in the design, not in the child.\n"
            "We use first names or initials only when we discuss learners.\n"
            "Cameras on when we can, and the chat is open for anyone who would rather write.\n"
            "Anyone may ask “what is our evidence for that?”\n"
            "We celebrate small wins out loud.\n"
            "Agreed actions are written up on the day of the meeting.\n"
            "Each of us brings one learner's voice to every hui."
        ),
        opened_days_ago=2,
        open_for_days=4,
        rules=RulesSpec(who_proposes="members", rule="majority", min_share=50, days_ago=20),
        responses=(
            ResponseSpec("cl.rtlb2", "agree", (2, 19, 30)),
            ResponseSpec("pw.lsc", "agree", (1, 7, 50), "The chat helps me when I'm on duty."),
            ResponseSpec(
                "md.t3",
                "disagree",
                (1, 15, 55),
                "I like the learner voice, but cameras on matter to me for reading the room.",
            ),
            ResponseSpec("kw.support", "abstain", (1, 20, 40)),
        ),
    ),
)
