from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kahui.accounts.choices import time_zone_choices
from kahui.core.errors import KahuiError
from kahui.core.forms import DateInput, MarkdownTextarea, TimeInput, UniqueIds
from kahui.groups.models import Format
from kahui.meetings import recurrence, services
from kahui.meetings.models import ActionLevel, AgendaTemplate, AttendanceStatus, StepKind

REPEAT_CHOICES = [
    ("", _("Does not repeat")),
    ("weekly", _("Every week")),
    ("fortnightly", _("Every two weeks")),
    ("three_weekly", _("Every three weeks")),
    ("monthly_weekday", _("Monthly on the same weekday (e.g. 2nd Tuesday)")),
    ("monthly_date", _("Monthly on the same date")),
    ("custom", _("Custom rule (write it under “Advanced”)")),
]
SIMPLE_PATTERNS = " ".join(value for value, _label in REPEAT_CHOICES if value not in ("", "custom"))


def shown_when(field: str, *values: str) -> dict[str, str]:
    """Widget attributes that hide a field unless ``field`` has one of ``values``
    (static/js/show-fields.js; without JavaScript every field shows)."""
    return {"data-shown-by": field, "data-show-for": " ".join(values)}


def materials_field() -> forms.CharField:
    return forms.CharField(
        label=_("Materials"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pre-reading or links for the meeting (Markdown). Guests see these too."),
    )


class PlaceFields(forms.Form):
    """Where a meeting is: the room for meetings in person, the link for online ones,
    both for hybrid ones. Only the fields the format needs show (with JavaScript);
    a value typed in a field the format does not use is not kept."""

    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, widget=forms.RadioSelect)
    location = forms.CharField(
        label=_("Room or place"),
        max_length=200,
        required=False,
        help_text=_("For meetings in person and hybrid meetings."),
        widget=forms.TextInput(attrs=shown_when("format", Format.IN_PERSON, Format.HYBRID)),
    )
    online_url = forms.URLField(
        label=_("Online meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A Zoom, Teams or Meet link for online and hybrid meetings."),
        widget=forms.URLInput(attrs=shown_when("format", Format.ONLINE, Format.HYBRID)),
    )

    def clean(self):
        cleaned = super().clean()
        fmt = cleaned.get("format")
        ask_for_place(self, fmt)
        # A room or link the format does not use is not kept.
        if fmt == Format.ONLINE and "location" in cleaned:
            cleaned["location"] = ""
        if fmt == Format.IN_PERSON and "online_url" in cleaned:
            cleaned["online_url"] = ""
        return cleaned


def ask_for_place(form: forms.Form, format: str | None) -> None:
    """Ask for the room and the link the meeting's format needs (the services' own
    rules, so every form that schedules a meeting asks the same), unless the field
    already says what is wrong with it."""
    for name, ask in services.place_needs(format or "").items():
        if not form.cleaned_data.get(name) and name not in form.errors:
            form.add_error(name, ask)


START_TIME_HELP = _(
    "If the clocks go back that night and this time happens twice, the meeting is at the first one."
)


class ScheduleForm(PlaceFields):
    title = forms.CharField(label=_("Title"), max_length=120)
    start_date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput, help_text=START_TIME_HELP)
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=480)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)
    template = forms.ModelChoiceField(
        label=_("Protocol"),
        queryset=AgendaTemplate.objects.none(),
        required=False,
        empty_label=_("— no fixed agenda —"),
        help_text=_("The steps every meeting follows; the group's default is preselected."),
    )
    repeat = forms.ChoiceField(label=_("Repeats"), choices=REPEAT_CHOICES, required=False)
    ends = forms.ChoiceField(
        label=_("Ends"),
        required=False,
        widget=forms.RadioSelect(attrs=shown_when("repeat", *SIMPLE_PATTERNS.split())),
    )
    until = forms.DateField(
        label=_("Repeat until"),
        required=False,
        widget=DateInput(attrs=shown_when("ends", services.SeriesEnd.DATE)),
        help_text=_(
            "The last day there may be a meeting, when the series ends on a day you choose."
        ),
    )
    follow_terms = forms.BooleanField(
        label=_("Only in term time (skip school holidays)"),
        required=False,
        widget=forms.CheckboxInput(attrs=shown_when("repeat", *SIMPLE_PATTERNS.split(), "custom")),
    )
    custom_rule = forms.CharField(
        label=_("Repeat rule (RFC 5545)"),
        required=False,
        max_length=300,
        help_text=_(
            "Used when “Repeats” is “Custom rule”. For example FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH"
        ),
    )
    materials = materials_field()
    # The fields that say when the meetings are: enough to lay out their dates.
    WHEN_FIELDS = (
        "start_date",
        "start_time",
        "duration_minutes",
        "time_zone",
        "repeat",
        "ends",
        "until",
        "follow_terms",
        "custom_rule",
    )
    field_order = [
        "title",
        *WHEN_FIELDS,
        "template",
        "format",
        "location",
        "online_url",
        "materials",
    ]

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.has_terms = bool(services.school_periods(group)[0])
        ends = self.fields["ends"]
        ends.hide_optional = True
        weeks = services.DEFAULT_SERIES_WEEKS
        ends.choices = [
            *(
                [(services.SeriesEnd.TERM, _("At the end of the term of the first meeting"))]
                if self.has_terms
                else []
            ),
            (
                services.SeriesEnd.WEEKS,
                ngettext("After %(n)d week", "After %(n)d weeks", weeks) % {"n": weeks},
            ),
            (services.SeriesEnd.DATE, _("On a day you choose")),
            (services.SeriesEnd.OPEN, _("Keep going (planned a year ahead)")),
        ]
        self.default_end = services.SeriesEnd.TERM if self.has_terms else services.SeriesEnd.WEEKS
        ends.initial = self.default_end
        if not self.has_terms:
            ends.help_text = ngettext(
                "There are no term dates for this group's school, so a series stops after "
                "%(n)d week unless you choose otherwise.",
                "There are no term dates for this group's school, so a series stops after "
                "%(n)d weeks unless you choose otherwise.",
                weeks,
            ) % {"n": weeks}
        self.fields["follow_terms"].initial = self.has_terms
        self.fields["template"].queryset = AgendaTemplate.objects.for_group(group)
        if group.default_template_id is None:
            self.fields["template"].help_text = _(
                "The steps every meeting follows. Your group has no default protocol yet, so "
                "a built-in one is preselected; choose the group's default under Protocols."
            )

    def plan(self) -> services.MeetingPlan | None:
        """The plan in the form once the fields that say when are clean (None before),
        so the dates can be shown while the room or the title still need fixing."""
        data = self.cleaned_data
        if "rule" not in data or any(name in self.errors for name in self.WHEN_FIELDS):
            return None
        return services.MeetingPlan(
            title=data.get("title", ""),
            start_date=data["start_date"],
            start_time=data["start_time"],
            time_zone=data["time_zone"],
            duration_minutes=data["duration_minutes"],
            format=data.get("format", ""),
            location=data.get("location", ""),
            online_url=data.get("online_url", ""),
            template=data.get("template"),
            rule=data["rule"],
            follow_terms=data["follow_terms"],
            materials=data.get("materials", ""),
        )

    @property
    def advanced_open(self) -> bool:
        """Show the raw rule when it is in use or has an error."""
        repeat = self.data.get("repeat") if self.is_bound else self.initial.get("repeat")
        return repeat == "custom" or "custom_rule" in self.errors

    def clean(self):
        cleaned = super().clean()
        repeat = cleaned.get("repeat")
        start, until = cleaned.get("start_date"), cleaned.get("until")
        at, zone = cleaned.get("start_time"), cleaned.get("time_zone")
        if start and zone:
            try:
                services.start_date_check(start_date=start, time_zone=zone)
            except KahuiError as error:
                self.add_error("start_date", error.message)
        if repeat == "custom":
            rule = (cleaned.get("custom_rule") or "").strip().upper()
            try:
                services.repeat_rule_check(rule)
            except KahuiError as error:
                self.add_error("custom_rule", error.message)
            cleaned["rule"] = rule
        elif repeat and start:
            ends = cleaned.get("ends") or (services.SeriesEnd.DATE if until else self.default_end)
            try:
                last = services.series_until(
                    group=self.group, start_date=start, ends=ends, until=until
                )
            except KahuiError as error:
                field = "until" if ends == services.SeriesEnd.DATE else "ends"
                self.add_error(field, error.message)
            else:
                cleaned["rule"] = recurrence.build_rule(pattern=repeat, start=start, until=last)
        else:
            cleaned["rule"] = ""
            if cleaned.get("follow_terms"):
                cleaned["follow_terms"] = False
            if start and at and zone and "start_date" not in self.errors:
                try:
                    services.meeting_start(start_date=start, start_time=at, time_zone=zone)
                except KahuiError as error:
                    self.add_error("start_time", error.message)
        return cleaned


class MoveForm(PlaceFields):
    title = forms.CharField(label=_("Title"), max_length=120)
    start_date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput, help_text=START_TIME_HELP)
    duration_minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=480)
    materials = materials_field()
    field_order = [
        "title",
        "start_date",
        "start_time",
        "duration_minutes",
        "format",
        "location",
        "online_url",
        "materials",
    ]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean(self):
        cleaned = super().clean()
        day, at = cleaned.get("start_date"), cleaned.get("start_time")
        if day and at:
            try:
                services.meeting_move_check(meeting=self.meeting, start_date=day, start_time=at)
            except services.ClockSkipsTime as error:
                self.add_error("start_time", error.message)
            except KahuiError as error:
                self.add_error("start_date", error.message)
        return cleaned


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown to members)"), max_length=300, required=False)


class MinutesForm(UniqueIds, forms.Form):
    id_prefix = "minutes"

    text = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=MarkdownTextarea(attrs={"rows": 14}),
        help_text=_("Markdown: **bold**, *italic*, - lists, [links](https://…)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class DecisionForm(UniqueIds, forms.Form):
    id_prefix = "decision"

    text = forms.CharField(
        label=_("Decision"), max_length=500, error_messages={"required": _("Write the decision.")}
    )


def member_field(label, members, *, empty_label) -> forms.TypedChoiceField:
    """A choice of group members, built from a list the page already has (one query
    for all such fields on a page, not one each)."""
    by_pk = {str(user.pk): user for user in members}
    return forms.TypedChoiceField(
        label=label,
        choices=[("", empty_label), *((key, user.display_name) for key, user in by_pk.items())],
        coerce=by_pk.__getitem__,
        empty_value=None,
        required=False,
    )


def group_members(group) -> list:
    from kahui.accounts.models import User

    return list(
        User.objects.filter(group_memberships__group=group)
        .select_related("profile")
        .order_by("profile__display_name")
    )


class ActionForm(UniqueIds, forms.Form):
    id_prefix = "action"

    text = forms.CharField(label=_("Action"), max_length=500)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput)
    level = forms.ChoiceField(
        label=_("In the plan"),
        choices=[("", _("— not part of a plan —")), *ActionLevel.choices],
        required=False,
    )
    field_order = ["text", "owner", "due_on", "level"]

    def __init__(self, *args, group, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        members = group_members(group) if members is None else members
        self.fields["owner"] = member_field(_("Who"), members, empty_label=_("— nobody yet —"))
        self.order_fields(self.field_order)

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        try:
            services.due_date_check(due_on)
        except KahuiError as error:
            raise forms.ValidationError(error.message) from None
        return due_on


class DutiesForm(UniqueIds, forms.Form):
    id_prefix = "duties"

    def __init__(self, *args, group, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        members = group_members(group) if members is None else members
        for name, label in (
            ("facilitator", _("Facilitator")),
            ("note_taker", _("Note-taker")),
            ("timekeeper", _("Timekeeper")),
        ):
            self.fields[name] = member_field(label, members, empty_label=_("— nobody —"))


class AttendanceForm(forms.Form):
    """One status and minutes pair per member, named by the member's public id.

    Nobody starts as present: a row left empty records nothing, so attendance is
    only what the facilitator actually marked."""

    def __init__(self, *args, members, meeting, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for user in members:
            mark = existing.get(user.pk)
            self.fields[f"status_{user.public_id}"] = forms.ChoiceField(
                label=_("%(name)s: attendance") % {"name": user.display_name},
                choices=[("", _("— not recorded —")), *AttendanceStatus.choices],
                required=False,
                initial=mark.status if mark else "",
            )
            self.fields[f"minutes_{user.public_id}"] = forms.IntegerField(
                label=_("%(name)s: minutes attended") % {"name": user.display_name},
                min_value=0,
                max_value=1440,
                required=False,
                initial=mark.minutes_attended if mark else meeting.duration_minutes,
            )

    def clean(self):
        cleaned = super().clean()
        for user in self.members:
            status = cleaned.get(f"status_{user.public_id}")
            minutes = f"minutes_{user.public_id}"
            if status == AttendanceStatus.PRESENT and cleaned.get(minutes) is None:
                self.add_error(minutes, _("Say how many minutes they attended."))
        if not any(cleaned.get(f"status_{user.public_id}") for user in self.members):
            raise forms.ValidationError(
                _("Choose present, apologies or absent for at least one member.")
            )
        return cleaned

    def rows(self):
        from kahui.meetings.services import AttendanceRow

        return [
            AttendanceRow(
                user_id=user.pk,
                status=self.cleaned_data[f"status_{user.public_id}"],
                minutes_attended=self.cleaned_data[f"minutes_{user.public_id}"] or 0,
            )
            for user in self.members
            if self.cleaned_data[f"status_{user.public_id}"]
        ]

    def pairs(self):
        return [
            (user, self[f"status_{user.public_id}"], self[f"minutes_{user.public_id}"])
            for user in self.members
        ]


class GuestForm(UniqueIds, forms.Form):
    id_prefix = "guest"

    name = forms.CharField(label=_("Guest's name"), max_length=120)
    email = forms.EmailField(label=_("Guest's email address"))


class NormReviewForm(UniqueIds, forms.Form):
    id_prefix = "review"

    note = forms.CharField(label=_("What changed, if anything"), max_length=500, required=False)


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("When to use it"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StepForm(forms.Form):
    title = forms.CharField(label=_("Step"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=StepKind.choices, initial=StepKind.DISCUSSION)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=240)
    guidance = forms.CharField(
        label=_("Guidance"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


StepFormSet = forms.formset_factory(
    StepForm, extra=1, can_delete=True, max_num=20, validate_max=True
)


# One meeting's own agenda: the same fields as a protocol's steps, with order numbers
# so items can be moved without JavaScript.
AgendaFormSet = forms.formset_factory(
    StepForm, extra=1, can_delete=True, can_order=True, max_num=20, validate_max=True
)
