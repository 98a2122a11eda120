from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kahui.accounts.choices import time_zone_choices
from kahui.core.forms import BlankRowsSkipped, DateInput, SearchableSelect, TimeInput
from kahui.groups.models import Format
from kahui.meetings import services as meeting_services
from kahui.meetings.forms import REPEAT_CHOICES
from kahui.scheduling.models import Answer


class PollForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("Note to members"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone of the times below"),
        choices=time_zone_choices,
        widget=SearchableSelect,
    )
    deadline = forms.DateField(
        label=_("Answer by"),
        required=False,
        widget=DateInput,
        help_text=_("The poll closes at the end of this day."),
    )

    def clean_deadline(self):
        day = self.cleaned_data["deadline"]
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return day


class OptionForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput)
    start = forms.TimeField(label=_("Start"), widget=TimeInput)
    end = forms.TimeField(label=_("End"), widget=TimeInput)
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)

    def clean(self):
        cleaned = super().clean()
        start, end, day = cleaned.get("start"), cleaned.get("end"), cleaned.get("day")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        if day and day < timezone.localdate():
            self.add_error("day", _("This date is in the past."))
        return cleaned

    def has_changed(self) -> bool:
        # The format comes filled in; a row counts once a date or time is typed.
        return any(self[name].data for name in ("day", "start", "end"))

    @property
    def duration_minutes(self) -> int:
        start, end = self.cleaned_data["start"], self.cleaned_data["end"]
        return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


class OptionFormSetBase(BlankRowsSkipped):
    def clean(self):
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]
        if not kept:
            raise forms.ValidationError(_("Add at least one candidate time."))


OptionFormSet = forms.formset_factory(
    OptionForm, formset=OptionFormSetBase, extra=0, can_delete=True, max_num=30, validate_max=True
)


class AnswerForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)

    def __init__(self, *args, options, initial_answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options
        for option in options:
            # Nothing is chosen until the person answers: a ready-made “no” would be
            # saved as their answer when they send the form untouched.
            self.fields[f"option_{option.public_id}"] = forms.ChoiceField(
                label=option.label,
                choices=Answer.choices,
                initial=initial_answers.get(option.pk),
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer yes, if need be or no for this time.")},
            )

    def clean(self):
        cleaned = super().clean()
        if any(f"option_{o.public_id}" in self.errors for o in self.options):
            raise forms.ValidationError(
                _("Answer every time below; nothing was saved yet."), code="unanswered"
            )
        return cleaned

    def answers(self) -> dict[int, str]:
        return {o.pk: self.cleaned_data[f"option_{o.public_id}"] for o in self.options}


class ChooseForm(forms.Form):
    title = forms.CharField(
        label=_("Meeting title"),
        max_length=120,
        required=False,
        help_text=_("Leave empty to use the poll's title, or the group's name."),
    )
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        choices=REPEAT_CHOICES[:-1],
        required=False,
        help_text=_(
            "A series ends with the term of this meeting, in term time only, or after "
            "ten weeks where the school has no term dates."
        ),
    )
    location = forms.CharField(label=_("Room or place"), max_length=200, required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )

    def __init__(self, *args, option, **kwargs):
        # One form per candidate time on the page, each with its own ids.
        kwargs.setdefault("auto_id", f"id_choose_{option.public_id}_%s")
        super().__init__(*args, **kwargs)
        self.option = option
        # Ask for the room and the link this time's format needs, as scheduling does,
        # and only for them: an online time has no room, an in-person one no link.
        needs = meeting_services.place_needs(option.format)
        for name in ("location", "online_url"):
            if name in needs:
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = needs[name]
            else:
                self.fields[name].widget = forms.HiddenInput()


class AvailabilityForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=_("Your time zone"), choices=time_zone_choices, widget=SearchableSelect
    )
    cell_minutes = forms.TypedChoiceField(
        label=_("Cell size"), coerce=int, choices=[(30, _("30 minutes")), (15, _("15 minutes"))]
    )
    yes = forms.CharField(widget=forms.HiddenInput, required=False)
    if_need_be = forms.CharField(widget=forms.HiddenInput, required=False)

    def _mask(self, name: str) -> int:
        raw = (self.cleaned_data.get(name) or "").strip() or "0"
        try:
            return int(raw, 16)
        except ValueError:
            raise forms.ValidationError(
                _("The painted week could not be read; try again.")
            ) from None

    def clean(self):
        cleaned = super().clean()
        cleaned["yes_mask"] = self._mask("yes")
        cleaned["if_need_be_mask"] = self._mask("if_need_be")
        return cleaned


class FinderForm(forms.Form):
    """The best-time finder's query string: how long the meeting would be."""

    minutes = forms.IntegerField(
        label=_("Length (minutes)"),
        required=False,
        min_value=30,
        max_value=240,
        error_messages={
            "invalid": _("Give the length as a number of minutes, from 30 to 240."),
            "min_value": _("Give the length as a number of minutes, from 30 to 240."),
            "max_value": _("Give the length as a number of minutes, from 30 to 240."),
        },
    )


def default_deadline():
    return timezone.localdate() + timedelta(days=7)
