from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kahui.core.focus_areas import clean_name
from kahui.core.forms import DateInput, EmailListField, searchable_attrs, shown_when
from kahui.core.languages import offered_languages
from kahui.orgs.models import Organisation, OrgKind, OrgRole, SchoolPeriod
from kahui.orgs.services import clusters_administered_by


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "parent", "city", "country", "description", "default_language"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_language"].choices = offered_languages(
            self.instance.default_language if self.instance.pk else None
        )
        self.fields["default_language"].required = False  # left out: kept as it is
        # Only a cluster's administrators attach organisations to it (or detach them).
        clusters = clusters_administered_by(user)
        parent = self.instance.parent if self.instance.parent_id else None
        field = self.fields["parent"]
        field.empty_label = _("— not part of a cluster —")
        field.help_text = _("Clusters you administer are listed here.")
        if parent is not None and not clusters.filter(pk=parent.pk).exists():
            # Shown, and kept as it is: the editor may not move the school out of it.
            field.queryset = Organisation.objects.filter(pk=parent.pk)
            field.disabled = True
            field.help_text = _("Only an administrator of %(cluster)s can change this.") % {
                "cluster": parent.name
            }
        else:
            if self.instance.pk:
                clusters = clusters.exclude(pk=self.instance.pk)
            field.queryset = clusters

    def clean_default_language(self) -> str:
        return self.cleaned_data["default_language"] or self.instance.default_language

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


class FocusAreaReviewForm(forms.Form):
    """One decision on a proposed focus area (see kahui.core.focus_areas)."""

    decision = forms.ChoiceField(
        choices=[
            ("accept", _("Accept it into the shared list as it is")),
            ("rename", _("Accept it with a new name")),
            ("merge", _("Merge it into a focus area of the shared list")),
            ("decline", _("Decline it: it stays only with those who use it")),
        ],
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("New name"),
        required=False,
        max_length=200,
        help_text=_("When you accept it with a new name."),
        widget=forms.TextInput(attrs=shown_when("decision", "rename")),
    )
    into = forms.ChoiceField(
        label=_("Merge into"),
        required=False,
        widget=forms.Select(attrs={**shown_when("decision", "merge"), **searchable_attrs()}),
    )

    def __init__(self, *args, area, shared: list[tuple[str, str]], **kwargs):
        # Several of these forms share the review page: ids start with the area's slug.
        kwargs.setdefault("prefix", area.slug)
        super().__init__(*args, **kwargs)
        self.area = area
        self.fields["decision"].label = _("What to do with “%(name)s”") % {"name": area.name}
        self.fields["into"].choices = [("", _("— choose one —")), *shared]
        self.fields["into"].help_text = _("When you merge it.")
        self.fields["name"].initial = area.name
        # The fields that depend on the decision name it with this form's prefix.
        decision = self.add_prefix("decision")
        self.fields["name"].widget.attrs["data-shown-by"] = decision
        self.fields["into"].widget.attrs["data-shown-by"] = decision

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == "rename" and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Type the new name."))
        elif decision == "rename":
            try:
                cleaned["name"] = clean_name(cleaned.get("name") or "")
            except ValidationError as error:
                self.add_error("name", error)
        if decision == "merge" and not cleaned.get("into"):
            self.add_error("into", _("Choose the focus area to merge it into."))
        return cleaned


class OrgDomainForm(forms.Form):
    domain = forms.CharField(
        label=_("Email domain"),
        max_length=253,
        help_text=_(
            "The part after the @ of your school's addresses, e.g. school.nz. It must be "
            "the domain of an address you have verified on your account."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_domain(self) -> str:
        domain = self.cleaned_data["domain"].strip().lower().lstrip("@").rstrip(".")
        if "." not in domain or any(c.isspace() or c in "@/:" for c in domain):
            raise ValidationError(_("Enter a domain such as school.nz."))
        return domain
