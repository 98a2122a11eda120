from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import DateInput
from kahui.health.conditions import all_conditions
from kahui.health.models import MAX_THRESHOLD, Cadence, OpenFor
from kahui.health.results import LEVELS, MIN_THRESHOLD


class AnswerForm(forms.Form):
    """A level from 1 to 5 for each condition, each level described, and a comment.
    Drawn empty every time: an answer once sent is never shown again, not even to
    the person who gave it."""

    comment = forms.CharField(
        label=_("Anything you want the group to hear?"),
        help_text=_(
            "Shown to members without your name, once enough have answered. "
            "Coordinators never see comments."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for condition in all_conditions():
            self.fields[condition.key] = forms.TypedChoiceField(
                label=condition.name,
                help_text=condition.question,
                choices=[
                    (level, text) for level, text in zip(LEVELS, condition.levels, strict=True)
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose a level from 1 to 5 for “%(name)s”.")
                    % {"name": condition.name}
                },
            )
        # The comment comes after the six conditions.
        self.order_fields([c.key for c in all_conditions()] + ["comment"])

    def conditions(self):
        """Each condition's field, for the template's fieldsets."""
        return [self[condition.key] for condition in all_conditions()]

    def scores(self) -> dict[str, int]:
        return {condition.key: self.cleaned_data[condition.key] for condition in all_conditions()}


class SettingsForm(forms.Form):
    cadence_weeks = forms.TypedChoiceField(
        label=_("How often a check opens"),
        choices=Cadence.choices,
        coerce=int,
        help_text=_("Counted from when the last check opened. Every 6 weeks suits most groups."),
    )
    open_days = forms.TypedChoiceField(
        label=_("How long each check stays open"), choices=OpenFor.choices, coerce=int
    )
    threshold = forms.IntegerField(
        label=_("Answers needed before results are shown"),
        min_value=MIN_THRESHOLD,
        max_value=MAX_THRESHOLD,
        help_text=_(
            "At least %(n)s, so that no one's answer can be picked out. With fewer "
            "answers, a check shows no results at all."
        )
        % {"n": MIN_THRESHOLD},
    )


class OpenForm(forms.Form):
    closes_on = forms.DateField(
        label=_("Open until the end of"),
        widget=DateInput,
        help_text=_("Between tomorrow and four weeks from today, in your time zone."),
    )

    def clean_closes_on(self) -> date:
        day = self.cleaned_data["closes_on"]
        today = timezone.localdate()
        if day <= today:
            raise forms.ValidationError(_("Choose a day from tomorrow on."))
        if day > today + timedelta(days=27):
            raise forms.ValidationError(_("A check stays open for four weeks at most."))
        return day
