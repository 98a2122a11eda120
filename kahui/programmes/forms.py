from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import (
    BlankRowsSkipped,
    DateInput,
    SearchableSelect,
    TimeInput,
    UniqueIds,
    shown_when,
)
from kahui.groups.models import Frequency
from kahui.orgs.models import Organisation
from kahui.programmes.models import Intake, Partnership, Phase

# Partners are asked for only when the programme is a partnership.
PARTNERS_SHOWN = shown_when(
    "partnership", *(value for value in Partnership.values if value != Partnership.SINGLE)
)


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.display_name} ({obj.email})"


class ProgrammeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Lead organisation"),
        queryset=Organisation.objects.none(),
        widget=SearchableSelect,
    )
    name = forms.CharField(label=_("Programme name"), max_length=150)
    partnership = forms.ChoiceField(label=_("Kind of partnership"), choices=Partnership.choices)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=PARTNERS_SHOWN),
        help_text=_("Organisations of the same cluster, or others you coordinate."),
    )

    def __init__(self, *args, organisations, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["partners"].queryset = partners


class ProgrammeEditForm(forms.Form):
    name = forms.CharField(label=_("Programme name"), max_length=150)
    partnership = forms.ChoiceField(label=_("Kind of partnership"), choices=Partnership.choices)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=PARTNERS_SHOWN),
    )
    support_ends_on = forms.DateField(
        label=_("Support hands over to the groups on"), required=False, widget=DateInput
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partners


class IntakeForm(forms.ModelForm):
    class Meta:
        model = Intake
        fields = [
            "held_on",
            "present",
            "wishes",
            "context",
            "aim",
            "hours_per_term",
            "meeting_slots",
            "resources",
        ]
        widgets = {
            "held_on": DateInput,
            "wishes": forms.Textarea(attrs={"rows": 3}),
            "context": forms.Textarea(attrs={"rows": 3}),
            "aim": forms.Textarea(attrs={"rows": 3}),
            "resources": forms.Textarea(attrs={"rows": 2}),
        }


class VersionForm(forms.Form):
    fits_with = forms.CharField(
        label=_("How it fits the school's other meetings and development plans"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    roles = forms.CharField(
        label=_("Roles"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who chairs, who keeps time, who supports the facilitators."),
    )
    note = forms.CharField(label=_("What changed in this version"), required=False, max_length=300)


class PlannedGroupForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=120)
    focus = forms.CharField(
        label=_("Focus"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.FORTNIGHTLY
    )
    meeting_minutes = forms.IntegerField(
        label=_("Meeting length (minutes)"), min_value=15, max_value=480, initial=60
    )
    facilitators = PersonChoice(label=_("Facilitators"), queryset=None)
    participants = PersonChoice(label=_("Participants"), queryset=None, required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = people
        self.fields["participants"].queryset = people


class PlannedGroupRows(BlankRowsSkipped):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not [form for form in self.forms if form.has_changed() and form.cleaned_data]:
            raise forms.ValidationError(_("Plan at least one group."))


PlannedGroupFormSet = forms.formset_factory(
    PlannedGroupForm, formset=PlannedGroupRows, extra=0, max_num=20
)


class CommentForm(UniqueIds, forms.Form):
    id_prefix = "comment"
    text = forms.CharField(
        label=_("Your comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AgreeForm(UniqueIds, forms.Form):
    id_prefix = "agree"
    organisation = forms.ModelChoiceField(
        label=_("Agree for"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PhaseForm(UniqueIds, forms.Form):
    id_prefix = "phase"
    phase = forms.ChoiceField(label=_("Move to phase"), choices=Phase.choices)


class CoachForm(UniqueIds, forms.Form):
    id_prefix = "coach"
    coach = forms.ModelChoiceField(label=_("Coach"), queryset=None, widget=SearchableSelect)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = people
        self.fields["coach"].label_from_instance = lambda u: f"{u.display_name} ({u.email})"


class KickoffForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput)
    start = forms.TimeField(label=_("Start time"), widget=TimeInput)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    link = forms.URLField(label=_("Online link"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("place") and not cleaned.get("link"):
            raise forms.ValidationError(_("Give a place or a link."))
        return cleaned


class AnswerForm(forms.Form):
    task = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    text = forms.CharField(
        label=_("Your answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class KitForm(forms.Form):
    tasks = forms.CharField(
        label=_("Kick-off tasks, one a line"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    agenda = forms.CharField(
        label=_("Agenda of the kick-off"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class CircleForm(forms.Form):
    name = forms.CharField(label=_("Name of the circle"), max_length=120)
    groups = forms.ModelMultipleChoiceField(
        label=_("Facilitators of these groups"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for the facilitators of every group."),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = groups
