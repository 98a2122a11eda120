from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import TimeInput
from kahui.notifications.models import Category, Delivery


class PreferencesForm(forms.Form):
    quiet_start = forms.TimeField(label=_("Quiet from"), required=False, widget=TimeInput)
    quiet_end = forms.TimeField(label=_("Quiet until"), required=False, widget=TimeInput)

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for category in Category:
            self.fields[f"c_{category.value}"] = forms.ChoiceField(
                label=category.label, choices=Delivery.choices, initial=current[category.value]
            )
        # Invitations are sent one by one or not at all: a calendar subscription instead.
        self.fields[f"c_{Category.CALENDAR.value}"].choices = [
            (Delivery.IMMEDIATE.value, _("Yes, email me invitations my calendar can add")),
            (Delivery.OFF.value, _("No, I subscribe to my calendar address instead")),
        ]
        self.fields[f"c_{Category.CALENDAR.value}"].help_text = _(
            "Choose one or the other, so meetings do not show twice in your calendar."
        )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("quiet_start")) != bool(cleaned.get("quiet_end")):
            raise forms.ValidationError(_("Give both ends of the quiet hours, or neither."))
        return cleaned

    def choices(self) -> dict[str, str]:
        return {c.value: self.cleaned_data[f"c_{c.value}"] for c in Category}
