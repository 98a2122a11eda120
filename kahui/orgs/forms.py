from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import DateInput
from kahui.groups.forms import EmailListField
from kahui.orgs.models import Organisation, OrgKind, OrgRole, SchoolPeriod


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "parent", "city", "country", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        clusters = Organisation.objects.filter(kind=OrgKind.CLUSTER)
        if user is not None:
            clusters = clusters.filter(memberships__user=user)
        if self.instance.pk:
            clusters = clusters.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = clusters
        self.fields["parent"].empty_label = _("— not part of a cluster —")
        self.fields["parent"].help_text = _("Clusters you belong to are listed here.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == OrgKind.CLUSTER and cleaned.get("parent"):
            self.add_error("parent", _("A cluster cannot be part of another cluster."))
        return cleaned


class JoinByCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invite code"),
        max_length=12,
        min_length=4,
        help_text=_("Eight letters and numbers from your school's administrator."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class OrgInviteForm(forms.Form):
    emails = EmailListField(
        label=_("Email addresses"), help_text=_("One per line, or separated by commas.")
    )
    role = forms.ChoiceField(label=_("Role"), choices=OrgRole.choices, initial=OrgRole.MEMBER)


class OrgRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=OrgRole.choices)


class PeriodForm(forms.ModelForm):
    class Meta:
        model = SchoolPeriod
        fields = ["kind", "name", "first_day", "last_day"]
        widgets = {"first_day": DateInput, "last_day": DateInput}

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("The last day must be on or after the first day."))
        return cleaned
