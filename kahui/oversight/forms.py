from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.groups.models import Format
from kahui.groups.stages import Stage
from kahui.orgs.models import LearningObjective


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = LearningObjective
        fields = ["title", "description", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class NewObjectiveForm(forms.ModelForm):
    class Meta:
        model = LearningObjective
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


SORT_CHOICES = [
    ("name", _("Name")),
    ("stage", _("Stage")),
    ("members", _("Members")),
    ("last", _("Last meeting")),
    ("attendance", _("Attendance")),
    ("overdue", _("Overdue actions")),
    ("health", _("Health")),
    ("flags", _("Flags")),
]


class DashboardFilterForm(forms.Form):
    """The dashboard's filters and sort, from the query string; bad values are ignored."""

    stage = forms.ChoiceField(label=_("Stage"), required=False)
    format = forms.ChoiceField(label=_("How they meet"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    flagged = forms.BooleanField(label=_("Flagged only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    descending = forms.BooleanField(label=_("Largest first"), required=False)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["stage"].choices = everything + list(Stage.choices)
        self.fields["format"].choices = everything + list(Format.choices)
        self.fields["organisation"].choices = everything + [
            (org.slug, org.name) for org in organisations
        ]


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Term or year"))

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.key, p.name) for p in periods]
