from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import DateInput, MarkdownTextarea, SearchableSelect, UniqueIds
from kahui.groups.models import LearningGroup
from kahui.reflection import selectors
from kahui.reflection.models import (
    PROMPT_HINTS,
    FeedbackAbout,
    NoteKind,
    PersonalGoal,
    Prompt,
    Sharing,
)


def _day(moment) -> str:
    """The day of ``moment`` in the viewer's time zone and language."""
    return formats.date_format(timezone.localtime(moment), "j M Y")


class PersonalGoalForm(UniqueIds, forms.Form):
    id_prefix = "goal"

    text = forms.CharField(
        label=_("My goal"),
        max_length=300,
        help_text=_("Within the group's focus, in your own words: what you want to get better at."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    group_goal = forms.ChoiceField(label=_("The group goal it serves"), required=False)
    objective = forms.ChoiceField(label=_("The organisation objective it serves"), required=False)
    reached_on = forms.DateField(label=_("Reached on"), required=False, widget=DateInput)

    def __init__(self, *args, group: LearningGroup, with_reached: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = {str(goal.pk): goal for goal in group.goals.all()}
        self.fields["group_goal"].choices = [("", _("None in particular"))] + [
            (key, goal.text) for key, goal in self.goals.items()
        ]
        self.objectives = {
            str(objective.pk): objective for objective in selectors.objectives_for(group)
        }
        if self.objectives:
            self.fields["objective"].choices = [("", _("None in particular"))] + [
                (key, objective.title) for key, objective in self.objectives.items()
            ]
        else:
            del self.fields["objective"]
        if not with_reached:
            del self.fields["reached_on"]

    def clean(self):
        data = super().clean()
        data["group_goal_obj"] = self.goals.get(data.get("group_goal") or "")
        data["objective_obj"] = self.objectives.get(data.get("objective") or "")
        return data


class GoalNoteForm(UniqueIds, forms.Form):
    id_prefix = "note"

    kind = forms.ChoiceField(
        label=_("Kind"), choices=NoteKind.choices, widget=forms.RadioSelect, initial="progress"
    )
    noted_on = forms.DateField(label=_("Date"), widget=DateInput)
    text = forms.CharField(
        label=_("What happened"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    link = forms.URLField(
        label=_("Link"),
        max_length=1000,
        required=False,
        help_text=_("Optional: a photo, a document or a video of the evidence."),
    )


class EntryForm(UniqueIds, forms.Form):
    """A journal entry: a prompt, what the member writes, and optionally what it is
    about (a meeting, an inquiry stage or one of their goals) in one of their groups."""

    id_prefix = "entry"

    group = forms.ChoiceField(label=_("Group"))
    prompt = forms.ChoiceField(label=_("Reflecting on"), choices=Prompt.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Your reflection"),
        max_length=20000,
        help_text=_("Private: only you can read it unless you choose to share it."),
        widget=MarkdownTextarea(attrs={"rows": 10}),
    )
    meeting = forms.ChoiceField(label=_("About a meeting"), required=False, widget=SearchableSelect)
    stage = forms.ChoiceField(label=_("About an inquiry stage"), required=False)
    goal = forms.ChoiceField(label=_("About one of my goals"), required=False)

    def __init__(self, *args, user, extra_meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = selectors.groups_of(user)
        self.groups = {str(group.public_id): group for group in groups}
        self.fields["group"].choices = [(key, g.name) for key, g in self.groups.items()]
        meetings = selectors.meetings_to_reflect_on(groups)
        if extra_meeting is not None and extra_meeting not in meetings:
            meetings.insert(0, extra_meeting)
        self.meetings = {str(m.public_id): m for m in meetings}
        self.fields["meeting"].choices = [("", "—")] + [
            (key, f"{m.title} ({_day(m.starts_at)}) · {m.group.name}")
            for key, m in self.meetings.items()
        ]
        self.stages = {}
        for cycle in selectors.cycles_of(groups):
            for stage in cycle.inquiry_model.stages:
                self.stages[f"{cycle.public_id}:{stage.key}"] = (cycle, stage.key)
        self.fields["stage"].choices = [("", "—")] + [
            (
                key,
                _("%(group)s · round %(number)s · %(stage)s")
                % {
                    "group": cycle.group.name,
                    "number": cycle.number,
                    "stage": selectors.stage_name(cycle, stage),
                },
            )
            for key, (cycle, stage) in self.stages.items()
        ]
        goals = PersonalGoal.objects.filter(user=user).select_related("group")
        self.goals = {str(goal.public_id): goal for goal in goals}
        self.fields["goal"].choices = [("", "—")] + [
            (key, f"{goal.text} · {goal.group.name}") for key, goal in self.goals.items()
        ]
        self.prompt_hints = [(Prompt(key).label, hint) for key, hint in PROMPT_HINTS.items()]

    def clean(self):
        data = super().clean()
        data["group_obj"] = self.groups.get(data.get("group") or "")
        data["meeting_obj"] = self.meetings.get(data.get("meeting") or "")
        data["cycle_obj"], data["stage_key"] = self.stages.get(data.get("stage") or "", (None, ""))
        data["goal_obj"] = self.goals.get(data.get("goal") or "")
        return data


class ShareForm(forms.Form):
    sharing = forms.ChoiceField(
        label=_("Who may read it"), choices=Sharing.choices, widget=forms.RadioSelect
    )


class FeedbackRequestForm(UniqueIds, forms.Form):
    id_prefix = "feedback"

    colleagues = forms.MultipleChoiceField(
        label=_("Whom to ask"), widget=forms.CheckboxSelectMultiple
    )
    about = forms.ChoiceField(label=_("Feedback on"), choices=FeedbackAbout.choices)
    title = forms.CharField(
        label=_("What it is"),
        max_length=200,
        help_text=_("“My Year 4 fractions lesson plan”, “A video of my reading conference”."),
    )
    text = forms.CharField(
        label=_("What you would like feedback on"),
        max_length=5000,
        help_text=_("Something specific helps your colleagues to help you."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    link = forms.URLField(label=_("Link"), max_length=1000, required=False)

    def __init__(self, *args, group: LearningGroup, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.public_id): p for p in selectors.colleagues_in(group, user)}
        self.fields["colleagues"].choices = [
            (key, person.display_name) for key, person in self.people.items()
        ]

    def clean(self):
        data = super().clean()
        data["colleague_objs"] = [self.people[key] for key in data.get("colleagues", [])]
        return data


class AnswerForm(UniqueIds, forms.Form):
    id_prefix = "answer"

    worked = forms.CharField(
        label=_("What worked"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    question = forms.CharField(
        label=_("A question I have"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    suggestion = forms.CharField(
        label=_("A suggestion"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in ("worked", "question", "suggestion")):
            raise forms.ValidationError(_("Write at least one part of your feedback."))
        return data


class PortfolioExportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Hours for the year"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
