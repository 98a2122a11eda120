"""The cohort and rules form. A bad CSV row is a form error with its row number, and
the file's text comes back in the text box, so nothing is lost."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kahui.accounts.choices import SUBJECTS, YEAR_LEVELS, EducatorRole
from kahui.core.forms import SearchableSelect
from kahui.core.tabular import TableError, decode_text
from kahui.formation.csvio import CohortFileError, read_cohort
from kahui.formation.engine import Mix, Share, parse_windows
from kahui.formation.models import CohortSource

MAX_CSV_BYTES = 2_000_000

SHARE_CHOICES = [
    (Share.NOTHING.value, _("Nothing required")),
    (Share.INTEREST.value, _("A focus area or interest")),
    (Share.YEAR_LEVEL.value, _("A year band")),
    (Share.SUBJECT.value, _("A subject or learning area")),
]
MIX_CHOICES = [(Mix.SCHOOL.value, _("Schools")), (Mix.ROLE.value, _("Roles"))]


def _pairs(text: str, label: str) -> list[list[str]]:
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.replace(";", ",").split(",") if p.strip()]
        if len(parts) != 2 or parts[0] == parts[1]:
            raise forms.ValidationError(
                _("%(label)s, line %(line)s: write two different ids separated by a comma.")
                % {"label": label, "line": number}
            )
        pairs.append(sorted(parts))
    return pairs


class FormationForm(forms.Form):
    name = forms.CharField(label=_("Name of this formation"), max_length=120)
    source = forms.ChoiceField(
        label=_("Cohort"),
        choices=CohortSource.choices,
        widget=forms.RadioSelect,
        initial=CohortSource.ORGANISATION,
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *EducatorRole.choices]
    )
    year_level = forms.ChoiceField(
        label=_("Year level"), required=False, choices=[("", _("Any year level")), *YEAR_LEVELS]
    )
    subject = forms.ChoiceField(
        label=_("Subject"), required=False, choices=[("", _("Any subject")), *SUBJECTS]
    )
    interest = forms.CharField(
        label=_("Interest or focus area contains"), required=False, max_length=80
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        required=False,
        queryset=None,
        empty_label=_("Every school"),
        widget=SearchableSelect,
    )
    default_availability = forms.CharField(
        label=_("Free times for those who have not painted their usual week"),
        required=False,
        max_length=500,
        help_text=_(
            "For example Mon 15:30-17:00;Wed 15:00-16:30. Leave it empty to count them "
            "as never free."
        ),
    )
    csv_file = forms.FileField(
        label=_("Cohort CSV file"),
        required=False,
        help_text=_(
            "Columns: id,name,school,role,year_levels,subjects,interests,availability,"
            "together_with,apart_from. Several values are separated by ;"
        ),
    )
    csv_text = forms.CharField(
        label=_("Or paste the CSV"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        required=False,
        queryset=None,
        empty_label=_("None: the groups belong to the organisation"),
    )
    min_size = forms.IntegerField(label=_("Smallest group"), min_value=2, max_value=60, initial=6)
    max_size = forms.IntegerField(label=_("Largest group"), min_value=2, max_value=60, initial=12)
    share = forms.ChoiceField(
        label=_("Every member of a group shares"), choices=SHARE_CHOICES, required=False
    )
    mix = forms.MultipleChoiceField(
        label=_("Mix in each group"),
        choices=MIX_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=[Mix.SCHOOL.value, Mix.ROLE.value],
    )
    meeting_minutes = forms.IntegerField(
        label=_("Meeting length (minutes)"),
        min_value=15,
        max_value=240,
        initial=60,
        help_text=_(
            "Every group gets a weekly window this long in which all its members are free."
        ),
    )
    together = forms.CharField(
        label=_("Must be together"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One pair of ids a line, separated by a comma."),
    )
    apart = forms.CharField(
        label=_("Must be apart"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One pair of ids a line, separated by a comma."),
    )
    spread_facilitators = forms.BooleanField(
        label=_("One facilitator in every group (when there are enough)"),
        required=False,
        initial=True,
    )
    seconds = forms.IntegerField(
        label=_("Search time (seconds)"),
        min_value=1,
        max_value=60,
        initial=5,
        help_text=_("Longer searches find groups that share more."),
    )

    def __init__(self, *args: Any, schools, programmes, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        self.fields["programme"].queryset = programmes
        self.cohort_file = None

    def clean_default_availability(self) -> str:
        text = self.cleaned_data["default_availability"]
        try:
            parse_windows(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return text

    def clean_together(self) -> list[list[str]]:
        return _pairs(self.cleaned_data["together"], _("Must be together"))

    def clean_apart(self) -> list[list[str]]:
        return _pairs(self.cleaned_data["apart"], _("Must be apart"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("min_size") and data.get("max_size") and data["min_size"] > data["max_size"]:
            self.add_error("max_size", _("The largest group cannot be smaller than the smallest."))
        if data.get("source") == CohortSource.CSV:
            self._read_csv(data)
        return data

    def _read_csv(self, data: dict[str, Any]) -> None:
        upload = data.get("csv_file")
        text = data.get("csv_text", "")
        if upload:
            if upload.size > MAX_CSV_BYTES:
                self.add_error("csv_file", _("The file is larger than 2 MB."))
                return
            raw = upload.read()
            try:
                text = decode_text(raw)
            except TableError:
                self.add_error("csv_file", _("Save the file as UTF-8 text and upload it again."))
                return
            # Shown again in the text box, so a fix needs no new upload.
            self.data = self.data.copy()
            self.data[self.add_prefix("csv_text")] = text
        if not text.strip():
            self.add_error("csv_file", _("Upload a cohort CSV file or paste one."))
            return
        try:
            self.cohort_file = read_cohort(text)
        except CohortFileError as error:
            for row_error in error.errors:
                self.add_error(
                    "csv_text",
                    _("Row %(row)s%(column)s: %(message)s")
                    % {
                        "row": row_error.row,
                        "column": f" ({row_error.column})" if row_error.column else "",
                        "message": row_error.message,
                    },
                )

    def rules(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "min_size": d["min_size"],
            "max_size": d["max_size"],
            "meeting_minutes": d["meeting_minutes"],
            "share": d["share"] or "",
            "mix": list(d["mix"]),
            "together": d["together"],
            "apart": d["apart"],
            "spread_facilitators": d["spread_facilitators"],
            "seconds": d["seconds"],
        }


class MoveForm(forms.Form):
    person = forms.ChoiceField(label=_("Person"))
    to = forms.TypedChoiceField(label=_("Move to"), coerce=int)

    def __init__(self, *args: Any, people: list[tuple[str, str]], groups: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = people
        self.fields["to"].choices = [
            (n, _("Group %(number)s") % {"number": n}) for n in range(1, groups + 1)
        ]
