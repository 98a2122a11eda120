from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kahui.core.models import PublicId, TimeStamped
from kahui.proposals import outcome as counting


class Kind(models.TextChoices):
    DECISION = "decision", _("Decision")
    VISION = "vision", _("Shared vision")
    GOAL = "goal", _("Goal")
    AGREEMENTS = "agreements", _("Agreements")


class WhoProposes(models.TextChoices):
    MEMBERS = "members", _("Every member")
    FACILITATORS = "facilitators", _("Facilitators only")


class Rule(models.TextChoices):
    CONSENT = (
        counting.Rule.CONSENT.value,
        _("Consent: agreed when nobody blocks and someone agrees"),
    )
    MAJORITY = (
        counting.Rule.MAJORITY.value,
        _("Majority: agreed when more agree than disagree (a block counts as disagreeing)"),
    )


class Position(models.TextChoices):
    AGREE = counting.Position.AGREE.value, _("Agree")
    ABSTAIN = counting.Position.ABSTAIN.value, _("Abstain")
    DISAGREE = counting.Position.DISAGREE.value, _("Disagree")
    BLOCK = counting.Position.BLOCK.value, _("Block")


class Reason(models.TextChoices):
    AGREED = counting.Reason.AGREED.value, _("Agreed")
    NO_RESPONSES = counting.Reason.NO_RESPONSES.value, _("Nobody responded")
    BLOCKED = counting.Reason.BLOCKED.value, _("Blocked")
    NOBODY_AGREED = counting.Reason.NOBODY_AGREED.value, _("Nobody agreed")
    TOO_FEW = counting.Reason.TOO_FEW.value, _("Too few responded")
    TIE = counting.Reason.TIE.value, _("As many against as for")
    MORE_AGAINST = counting.Reason.MORE_AGAINST.value, _("More against than for")


class Application(models.TextChoices):
    """What became of an agreed change (blank: nothing to apply)."""

    APPLIED = "applied", _("Applied")
    STALE = "stale", _("Not applied: the text changed after the proposal opened")


class DecisionRules(TimeStamped):
    """How a group decides: who may propose and what counts as agreed. A group without
    a row follows the defaults (every member proposes; consent)."""

    group = models.OneToOneField(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="decision_rules"
    )
    who_proposes = models.CharField(
        _("who may propose"),
        max_length=20,
        choices=WhoProposes.choices,
        default=WhoProposes.MEMBERS,
    )
    rule = models.CharField(
        _("what counts as agreed"), max_length=20, choices=Rule.choices, default=Rule.CONSENT
    )
    min_share = models.PositiveSmallIntegerField(
        _("minimum share of members responding (per cent)"),
        default=0,
        validators=[MaxValueValidator(100)],
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(min_share__lte=100), name="min_share_is_a_percentage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.who_proposes}, {self.rule}"


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def unclosed(self) -> "ProposalQuerySet":
        """Not closed yet (an open one, or one past its deadline that the scheduler
        closes within a minute)."""
        return self.filter(closed_at__isnull=True)

    def closed(self) -> "ProposalQuerySet":
        return self.filter(closed_at__isnull=False)


class Proposal(PublicId, TimeStamped):
    """A decision to take, or a new wording of the group's vision, a goal or its
    agreements, open for responses until its deadline.

    ``base_text`` (and ``base_evidence`` for a goal) is the wording when it opened:
    the change is shown against it, and applied only if the wording is still the same
    when the group agrees. The rule and minimum share are the group's when it opened,
    so nobody's response is judged by a rule changed afterwards."""

    group = models.ForeignKey(
        "groups.LearningGroup", on_delete=models.CASCADE, related_name="proposals"
    )
    kind = models.CharField(_("what it proposes"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=160)
    reason = models.TextField(_("why"), max_length=2000)
    text = models.TextField(_("proposed text"), max_length=3000)
    evidence = models.CharField(_("how we will see progress"), max_length=500, blank=True)
    # The goal it changes; None for a decision, the vision, the agreements or a new goal
    # (and when the goal was removed after the proposal opened: base_text tells).
    goal = models.ForeignKey(
        "groups.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    base_text = models.TextField(blank=True)
    base_evidence = models.CharField(max_length=500, blank=True)
    rule = models.CharField(max_length=20, choices=Rule.choices)
    min_share = models.PositiveSmallIntegerField(default=0)
    deadline = models.DateTimeField(_("respond by"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The outcome, once closed.
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(  # a facilitator who closed it early; None: the deadline
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    close_note = models.CharField(_("note"), max_length=500, blank=True)
    agreed = models.BooleanField(null=True)
    outcome = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    tally = models.JSONField(default=dict, blank=True)
    applied = models.CharField(max_length=10, choices=Application.choices, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["group", "closed_at"]),
            models.Index(fields=["closed_at", "deadline"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(agreed__isnull=False),
                name="closed_proposal_has_an_outcome",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        """Open for responses: not closed and its deadline not yet reached."""
        return self.closed_at is None and self.deadline > timezone.now()

    @property
    def changes_text(self) -> bool:
        """Whether it proposes new wording for the vision, a goal or the agreements."""
        return self.kind != Kind.DECISION

    @property
    def is_new_goal(self) -> bool:
        return self.kind == Kind.GOAL and not self.base_text

    @property
    def final_tally(self) -> counting.Tally | None:
        return counting.Tally(**self.tally) if self.tally else None


class Response(TimeStamped):
    """A member's response to a proposal; they may change it while it is open (every
    change is in the group's history)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_responses"
    )
    position = models.CharField(_("your response"), max_length=10, choices=Position.choices)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_response_per_member"),
            models.CheckConstraint(
                condition=~Q(position="block") | ~Q(reason=""), name="a_block_has_a_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.position}"


def rule_summary(rule: str, min_share: int = 0) -> str:
    """What counts as agreed, in a sentence."""
    if rule == Rule.MAJORITY:
        if min_share:
            return gettext(
                "Agreed when more members agree than disagree (a block counts as disagreeing), "
                "and at least %(share)d%% of the members respond."
            ) % {"share": min_share}
        return gettext(
            "Agreed when more members agree than disagree (a block counts as disagreeing)."
        )
    return gettext("Agreed when nobody blocks and at least one member agrees.")


def outcome_sentence(reason: str, min_share: int = 0) -> str:
    """Why a proposal ended (or would end) as it did, in a sentence."""
    match reason:
        case Reason.AGREED:
            return gettext("Agreed.")
        case Reason.NO_RESPONSES:
            return gettext("Not agreed: nobody responded.")
        case Reason.BLOCKED:
            return gettext("Not agreed: a member blocked it.")
        case Reason.NOBODY_AGREED:
            return gettext("Not agreed: nobody blocked it, but nobody agreed either.")
        case Reason.TOO_FEW:
            return gettext("Not agreed: fewer than %(share)d%% of the members responded.") % {
                "share": min_share
            }
        case Reason.TIE:
            return gettext("Not agreed: as many were against it as for it.")
    return gettext("Not agreed: more were against it than for it.")
