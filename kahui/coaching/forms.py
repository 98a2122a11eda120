from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.coaching.models import Observation
from kahui.coaching.services import Notes, ObservationEdit
from kahui.core.forms import SearchableSelect, UniqueIds

NOTE_PARTS = (
    ("went_well", _("What went well")),
    ("question", _("A question")),
    ("suggestion", _("A suggestion")),
)


class NoteForm(UniqueIds, forms.Form):
    id_prefix = "note"
    text = forms.CharField(
        label=_("Your note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the two of you read it."),
    )


class AdviceForm(UniqueIds, forms.Form):
    id_prefix = "advice"
    question = forms.CharField(
        label=_("Your question"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    about = forms.ChoiceField(label=_("About"), required=False, widget=SearchableSelect)

    def __init__(self, *args, groups=(), meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._groups = {f"g{group.public_id}": group for group in groups}
        self._meetings = {f"m{meeting.public_id}": meeting for meeting in meetings}
        choices = [("", _("Nothing in particular"))]
        if self._groups:
            choices.append(
                (_("A group"), [(key, group.name) for key, group in self._groups.items()])
            )
        if self._meetings:
            choices.append(
                (
                    _("A meeting"),
                    [
                        (key, f"{meeting.title} · {meeting.group.name}")
                        for key, meeting in self._meetings.items()
                    ],
                )
            )
        self.fields["about"].choices = choices

    def subject(self):
        """(group, meeting) chosen, either may be None."""
        key = self.cleaned_data.get("about") or ""
        return self._groups.get(key), self._meetings.get(key)


class AnswerForm(UniqueIds, forms.Form):
    id_prefix = "answer"
    answer = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ObservationStartForm(forms.Form):
    meeting = forms.ChoiceField(label=_("Which meeting did you observe?"), widget=SearchableSelect)

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._meetings = {str(meeting.public_id): meeting for meeting in meetings}
        self.fields["meeting"].choices = [("", _("Choose a meeting"))] + [
            (key, f"{meeting.title} · {meeting.group.name}")
            for key, meeting in self._meetings.items()
        ]

    def chosen(self):
        return self._meetings[self.cleaned_data["meeting"]]


def _notes_fields(form, prefix: str, label_suffix: str) -> None:
    for name, label in NOTE_PARTS:
        form.fields[f"{prefix}{name}"] = forms.CharField(
            label=f"{label}{label_suffix}",
            required=False,
            max_length=2000 if prefix else 4000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )


class ObservationForm(forms.Form):
    """The whole observation on one form: three notes for each agenda step (fields
    ``step<id>-<part>``), then three for the meeting overall."""

    def __init__(self, *args, observation: Observation, steps, **kwargs):
        initial = {}
        for step in steps:
            for name, _label in NOTE_PARTS:
                initial[f"step{step.pk}-{name}"] = getattr(step, name)
        for name, _label in NOTE_PARTS:
            initial[name] = getattr(observation, name)
        super().__init__(*args, initial=initial, **kwargs)
        self.steps = list(steps)
        for step in self.steps:
            _notes_fields(self, f"step{step.pk}-", "")
        _notes_fields(self, "", "")

    def step_rows(self):
        return [
            (step, [self[f"step{step.pk}-{name}"] for name, _label in NOTE_PARTS])
            for step in self.steps
        ]

    def overall(self):
        return [self[name] for name, _label in NOTE_PARTS]

    def edit(self) -> ObservationEdit:
        data = self.cleaned_data
        return ObservationEdit(
            overall=Notes(**{name: data[name] for name, _label in NOTE_PARTS}),
            steps={
                step.pk: Notes(
                    **{name: data[f"step{step.pk}-{name}"] for name, _label in NOTE_PARTS}
                )
                for step in self.steps
            },
        )


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label=_("Our reflection"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("You both write here. If the other saves first, you see both texts."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
