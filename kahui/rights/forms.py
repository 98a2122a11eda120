from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.rights.deleting import CONFIRM_PHRASE
from kahui.rights.models import RetentionPolicy


class DeleteAccountForm(forms.Form):
    KEEP = "keep"
    REMOVE = "remove"

    shared = forms.ChoiceField(
        label=_("What you shared with your groups"),
        choices=[
            (KEEP, _("Keep it, shown as by “Former member”")),
            (REMOVE, _("Remove it: my posts, resources, evidence and kick-off answers")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Meeting minutes are the group's record and always stay."),
    )
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput, strip=False, required=False
    )
    phrase = forms.CharField(label=_("Type the words shown above"), max_length=60)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password", "")
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password

    def clean_phrase(self) -> str:
        phrase = self.cleaned_data["phrase"].strip().lower()
        if phrase != str(CONFIRM_PHRASE).lower():
            raise forms.ValidationError(
                _("Type “%(phrase)s” to confirm.") % {"phrase": CONFIRM_PHRASE}
            )
        return phrase


class RetentionForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["months"]
        widgets = {"months": forms.NumberInput(attrs={"min": 1, "max": 240})}

    def clean_months(self) -> int | None:
        months = self.cleaned_data["months"]
        if months is not None and not 1 <= months <= 240:
            raise forms.ValidationError(_("Choose between 1 and 240 months, or leave it empty."))
        return months


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Everything")),
            ("exports", _("Data exports")),
            ("deletions", _("Account deletions")),
            ("retention", _("Retention")),
            ("roles", _("Role changes")),
            ("other", _("Sign-in domains and roster imports")),
        ],
    )
