from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import DateInput, TimeInput
from kahui.meetings.recurrence import wall_clock
from kahui.proposals.models import Kind, Position, Rule, WhoProposes

NEW_GOAL = "new"

# What one may propose, as the choice reads.
KIND_CHOICES = [
    (Kind.DECISION, _("A decision")),
    (Kind.VISION, _("A change to the shared vision")),
    (Kind.GOAL, _("A change to a goal, or a new goal")),
    (Kind.AGREEMENTS, _("A change to the agreements")),
]
# What each response means, as the choice reads.
POSITION_CHOICES = [
    (Position.AGREE, _("Agree — I support it.")),
    (Position.ABSTAIN, _("Abstain — I stand aside and leave it to the others.")),
    (Position.DISAGREE, _("Disagree — I am against it, but I do not stand in its way.")),
    (Position.BLOCK, _("Block — I cannot go along with it, and I say why.")),
]

# What the proposed text is called, by kind of proposal.
TEXT_LABELS = {
    Kind.DECISION: _("The decision"),
    Kind.VISION: _("The new shared vision"),
    Kind.GOAL: _("The goal"),
    Kind.AGREEMENTS: _("The agreements, one a line"),
}
TEXT_HELP = {
    Kind.DECISION: _("Say it as the group would record it, e.g. “We trial the tool for a term.”"),
    Kind.VISION: _("It starts as the vision reads now (shown above): change what should change."),
    Kind.GOAL: _("What the group wants to achieve together."),
    Kind.AGREEMENTS: _(
        "All of them as they would read (they read now as shown above): edit, add or remove lines."
    ),
}


class ChooseForm(forms.Form):
    """What to propose: a GET form, so the proposal form below can start from the
    current text of what it changes."""

    kind = forms.ChoiceField(
        label=_("What do you propose?"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        initial=Kind.DECISION,
    )
    goal = forms.ChoiceField(label=_("Which goal"), required=False)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        self.fields["goal"].choices = [
            *((str(n), f"{n}. {goal.text}") for n, goal in enumerate(self.goals, start=1)),
            (NEW_GOAL, _("A new goal")),
        ]
        self.fields["goal"].widget.attrs.update({"data-shown-by": "kind", "data-show-for": "goal"})

    def chosen(self):
        """The kind and goal chosen (a goal, or None for a new goal), defaults if none."""
        if not self.is_bound or not self.is_valid():
            return Kind.DECISION, None
        kind = Kind(self.cleaned_data["kind"])
        number = self.cleaned_data.get("goal") or NEW_GOAL
        goal = self.goals[int(number) - 1] if kind == Kind.GOAL and number != NEW_GOAL else None
        return kind, goal


def default_deadline_day():
    return timezone.localdate() + timedelta(days=7)


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.HiddenInput)
    goal = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The wording the proposer started from, to notice if it changes meanwhile.
    seen_text = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    seen_evidence = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("Title"),
        max_length=160,
        help_text=_("A short name for the proposal, as it will be listed."),
    )
    text = forms.CharField(label=_("The decision"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.CharField(
        label=_("How will the group see progress?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=2000,
        help_text=_("What led to it, and what it would change for learners or for the group."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    respond_by_day = forms.DateField(label=_("Respond by (date)"), widget=DateInput)
    respond_by_time = forms.TimeField(
        label=_("Respond by (time)"),
        widget=TimeInput,
        help_text=_("In your time zone. The proposal closes then, and the outcome is worked out."),
    )

    def __init__(self, *args, kind: str = Kind.DECISION, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = Kind(kind)
        self.fields["text"].label = TEXT_LABELS[self.kind]
        self.fields["text"].help_text = TEXT_HELP[self.kind]
        if self.kind in (Kind.VISION, Kind.AGREEMENTS):
            self.fields["text"].widget.attrs["rows"] = 8
        if self.kind != Kind.GOAL:
            del self.fields["evidence"]
        else:
            self.fields["evidence"].required = True

    def clean_respond_by_day(self):
        day = self.cleaned_data["respond_by_day"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The date is in the past."))
        return day

    def deadline(self) -> datetime:
        """The deadline as an instant: the time on the day in the viewer's time zone."""
        at = self.cleaned_data["respond_by_time"]
        zone = timezone.get_current_timezone_name()
        return wall_clock(self.cleaned_data["respond_by_day"], at, zone).instant


def goal_choice(goal_id: int | None, goal_ids: list[int]) -> str:
    """How :class:`ChooseForm` names a goal: its place in the group's list, or a new goal
    when it is not (or no longer) there."""
    return str(goal_ids.index(goal_id) + 1) if goal_id in goal_ids else NEW_GOAL


def proposal_initial(kind: str, goal_pk: int | None, text: str, evidence: str) -> dict:
    return {
        "kind": kind,
        "goal": goal_pk,
        "seen_text": text,
        "seen_evidence": evidence,
        "text": text,
        "evidence": evidence,
        "respond_by_day": default_deadline_day(),
        "respond_by_time": time(17, 0),
    }


class ResponseForm(forms.Form):
    position = forms.ChoiceField(
        label=_("Your response"),
        choices=POSITION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose agree, abstain, disagree or block.")},
    )
    reason = forms.CharField(
        label=_("Your reason"),
        required=False,
        max_length=1000,
        help_text=_("Needed when you block; welcome with any response."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("position") == Position.BLOCK and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason", _("Say why you block: the group needs your reason to work on it.")
            )
        return cleaned


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the group"),
        required=False,
        max_length=500,
        help_text=_("Why it closes before its deadline, e.g. “Everyone has responded.”"),
    )


class RulesForm(forms.Form):
    who_proposes = forms.ChoiceField(
        label=_("Who may propose"), choices=WhoProposes.choices, widget=forms.RadioSelect
    )
    rule = forms.ChoiceField(
        label=_("What counts as agreed"), choices=Rule.choices, widget=forms.RadioSelect
    )
    min_share = forms.IntegerField(
        label=_("Minimum share of members responding (per cent)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_(
            "With a majority, a proposal is not agreed unless at least this share of the "
            "members responded. 0 for no minimum."
        ),
        widget=forms.NumberInput(attrs={"data-shown-by": "rule", "data-show-for": "majority"}),
    )

    def clean_min_share(self):
        return self.cleaned_data.get("min_share") or 0
