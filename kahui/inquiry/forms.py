from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kahui.core.forms import BlankRowsSkipped, DateInput, UniqueIds, shown_when
from kahui.inquiry.models import DataSetKind, EvidenceKind, Scale
from kahui.inquiry.workflow import RecordField, model_choices
from kahui.meetings.forms import member_field
from kahui.meetings.models import ActionLevel

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, lists with - at the start of a line.")


class CycleForm(UniqueIds, forms.Form):
    """A cycle's question, the goals it serves and (when it starts) its model."""

    id_prefix = "cycle"

    question = forms.CharField(
        label=_("Our inquiry question"),
        max_length=300,
        help_text=_("What the group sets out to find out this round, about its learners."),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("The goals it serves"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    model = forms.ChoiceField(label=_("Model of inquiry"), widget=forms.RadioSelect)

    def __init__(self, *args, group, with_model: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = group.goals.all()
        if with_model:
            self.fields["model"].choices = model_choices()
        else:
            del self.fields["model"]


class MoveForm(forms.Form):
    """The stage the page showed, so that two people moving on at once move it once."""

    stage = forms.CharField(max_length=20, widget=forms.HiddenInput)


class StageRecordForm(UniqueIds, forms.Form):
    """A stage's texts, who led the stage, and the version the editor started from."""

    id_prefix = "record"

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, fields: list[RecordField], members, **kwargs):
        super().__init__(*args, **kwargs)
        for field in fields:
            if field.long:
                help_text = f"{field.help} {gettext(MARKDOWN_HELP)}".strip()
                self.fields[field.key] = forms.CharField(
                    label=field.label,
                    help_text=help_text,
                    required=False,
                    max_length=20000,
                    widget=forms.Textarea(attrs={"rows": 6}),
                )
            else:
                self.fields[field.key] = forms.CharField(
                    label=field.label, help_text=field.help, required=False, max_length=300
                )
        self.fields["led_by"] = member_field(
            _("Who led this stage"), members, empty_label=_("— nobody yet —")
        )
        self.record_keys = [field.key for field in fields]

    def values(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in self.record_keys}


class TrialForm(UniqueIds, forms.Form):
    id_prefix = "trial"

    strategy = forms.CharField(label=_("What we tried"), max_length=300)
    outcome = forms.CharField(
        label=_("What happened"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
    )
    tried_on = forms.DateField(label=_("When"), required=False, widget=DateInput)


class PlanActionForm(UniqueIds, forms.Form):
    """An action of the plan, for all learners, some or one."""

    id_prefix = "plan"

    text = forms.CharField(label=_("Action"), max_length=500)
    level = forms.ChoiceField(label=_("For whom"), widget=forms.RadioSelect)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DateInput)
    field_order = ["text", "level", "owner", "due_on"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = ActionLevel.choices
        self.fields["owner"] = member_field(_("Who"), members, empty_label=_("— nobody yet —"))
        self.order_fields(self.field_order)


class GoalForm(UniqueIds, forms.Form):
    """A goal with its measure, where it starts and where the group aims to be."""

    id_prefix = "goal"

    text = forms.CharField(label=_("Goal"), max_length=300)
    name = forms.CharField(
        label=_("What we will measure"),
        max_length=200,
        help_text=_("For example: the share of Year 2 learners reading at their level."),
    )
    unit = forms.CharField(
        label=_("Unit or scale"),
        max_length=40,
        required=False,
        help_text=_("For example: %, months of reading age, or a level on a rubric."),
    )
    baseline = forms.FloatField(label=_("Baseline: where we start"), localize=True)
    starts_on = forms.DateField(label=_("Baseline taken on"), required=False, widget=DateInput)
    target = forms.FloatField(label=_("Target: where we aim to be"), localize=True)
    due_on = forms.DateField(label=_("By when"), required=False, widget=DateInput)
    evidence = forms.CharField(
        label=_("How we will see progress"),
        max_length=500,
        required=False,
        help_text=_("In words, for the group home. Left empty, the measure is used."),
    )

    def clean(self):
        data = super().clean()
        baseline, target = data.get("baseline"), data.get("target")
        if baseline is not None and target is not None and baseline == target:
            self.add_error("target", _("The target must differ from the baseline."))
        starts_on, due_on = data.get("starts_on"), data.get("due_on")
        if starts_on and due_on and due_on <= starts_on:
            self.add_error("due_on", _("The goal must be due after its baseline was taken."))
        return data


class ReadingForm(forms.Form):
    taken_on = forms.DateField(label=_("Date"), widget=DateInput)
    value = forms.FloatField(label=_("Value"), localize=True)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, measure, **kwargs):
        kwargs.setdefault("auto_id", f"id_reading_{measure.public_id.hex[:8]}_%s")
        kwargs.setdefault("initial", {"taken_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if measure.unit:
            self.fields["value"].label = _("Value (%(unit)s)") % {"unit": measure.unit}


class RevisitForm(UniqueIds, forms.Form):
    """For each of the cycle's goals: revisit it in the next round, and why."""

    id_prefix = "revisit"

    def __init__(self, *args, goals, revisits, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                **{f"goal_{r.goal_id}": True for r in revisits},
                **{f"why_{r.goal_id}": r.why for r in revisits},
            },
        )
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.BooleanField(label=goal.text, required=False)
            self.fields[f"why_{goal.pk}"] = forms.CharField(
                label=_("Why"), max_length=300, required=False
            )

    def chosen(self) -> list[tuple[object, str]]:
        return [
            (goal, self.cleaned_data.get(f"why_{goal.pk}", ""))
            for goal in self.goals
            if self.cleaned_data.get(f"goal_{goal.pk}")
        ]

    def rows(self):
        for goal in self.goals:
            yield self[f"goal_{goal.pk}"], self[f"why_{goal.pk}"]


# -- Evidence and assessment data ----------------------------------------------------------


def _stage_field(stages) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Stage"),
        choices=[(stage.key, stage.label) for stage in stages],
        help_text=_("The stage of the inquiry it belongs to."),
    )


def _goal_field(goals) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Goal it informs"),
        queryset=goals,
        required=False,
        empty_label=_("— none —"),
    )


class EvidenceForm(UniqueIds, forms.Form):
    """An observation, a sample of learners' work, a note or a link."""

    id_prefix = "evidence"

    kind = forms.ChoiceField(label=_("Kind of evidence"), widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("What it shows"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What you saw, or what the sample shows. Use learner codes, never names. "
            "Markdown: **bold**, *italic*, lists with - at the start of a line."
        ),
    )
    url = forms.URLField(label=_("Link"), max_length=1000, required=False, assume_scheme="https")
    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A photo or scan of learners' work, or a document. Only the group sees it."),
    )
    gathered_on = forms.DateField(label=_("Gathered on"), required=False, widget=DateInput)
    field_order = ["kind", "title", "body", "url", "upload", "gathered_on", "stage", "goal"]

    def __init__(self, *args, stages, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = EvidenceKind.choices
        self.fields["stage"] = _stage_field(stages)
        self.fields["goal"] = _goal_field(goals)
        self.order_fields(self.field_order)


def parse_levels(text: str) -> tuple[str, ...]:
    """Levels typed one a line (or separated by commas), lowest first."""
    parts = text.replace(",", "\n").splitlines()
    return tuple(part.strip() for part in parts if part.strip())


class DataSetForm(UniqueIds, forms.Form):
    """What a data set is: title, kind, measure, date, scale, stage and goal."""

    id_prefix = "data"

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: Term 1 running records, Room 4."),
    )
    kind = forms.ChoiceField(label=_("Kind of assessment"), widget=forms.RadioSelect)
    measure = forms.CharField(
        label=_("Measure"),
        max_length=120,
        widget=forms.TextInput(attrs={"list": "known-measures"}),
        help_text=_(
            "What is measured. Give data sets on the same measure the same name, so they "
            "can be compared over time."
        ),
    )
    taken_on = forms.DateField(label=_("Date of the assessment"), widget=DateInput)
    scale = forms.ChoiceField(label=_("Scale"), widget=forms.RadioSelect)
    minimum = forms.FloatField(
        label=_("Lowest possible value"),
        required=False,
        localize=True,
        widget=forms.NumberInput(attrs=shown_when("scale", "numbers")),
    )
    maximum = forms.FloatField(
        label=_("Highest possible value"),
        required=False,
        localize=True,
        widget=forms.NumberInput(attrs=shown_when("scale", "numbers")),
    )
    levels = forms.CharField(
        label=_("Levels, lowest first"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, **shown_when("scale", "levels")}),
        help_text=_("For a scale of levels: one a line, for example Working towards, At, Above."),
    )
    field_order = [
        "title",
        "kind",
        "measure",
        "taken_on",
        "stage",
        "goal",
        "scale",
        "minimum",
        "maximum",
        "levels",
    ]

    def __init__(self, *args, stages, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = DataSetKind.choices
        self.fields["scale"].choices = Scale.choices
        self.fields["stage"] = _stage_field(stages)
        self.fields["goal"] = _goal_field(goals)
        self.fields["goal"].help_text = _(
            "Its mean (for a benchmark: the share at or above the expected level, in %) "
            "becomes a reading of the goal."
        )
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        data["levels"] = parse_levels(data.get("levels") or "")
        if data.get("scale") == "levels" and len(data["levels"]) < 2:
            self.add_error("levels", _("Name at least two levels, lowest first."))
        low, high = data.get("minimum"), data.get("maximum")
        if low is not None and high is not None and low >= high:
            self.add_error("maximum", _("The highest value must be above the lowest."))
        return data


class ImportForm(DataSetForm):
    """A data set's description and the file its values come from."""

    upload = forms.FileField(
        label=_("CSV file or Excel workbook (.xlsx)"),
        required=False,
        help_text=_(
            "One row per learner code or group, with a column of values (for example "
            "“Code” and “Score”); a year level column is read too. Never learners' names."
        ),
    )
    codes_confirmed = forms.BooleanField(
        label=_("These are codes, not learners' names"),
        required=False,
    )


class GridRowForm(forms.Form):
    code = forms.CharField(label=_("Learner code"), max_length=40, required=False)
    label = forms.CharField(label=_("Group"), max_length=80, required=False)
    year_level = forms.IntegerField(
        label=_("Year level"), min_value=0, max_value=13, required=False
    )
    value = forms.CharField(label=_("Value"), max_length=80, required=False)

    def clean(self):
        data = super().clean()
        if not self.has_changed():
            return data
        if not (data.get("code") or "").strip() and not (data.get("label") or "").strip():
            self.add_error("code", _("Give a learner code or a group."))
        if not (data.get("value") or "").strip():
            self.add_error("value", _("Enter the value."))
        return data


GRID_FIELDS = ("code", "label", "year_level", "value")
# Four fields a row must stay under Django's 1,000 fields a request
# (DATA_UPLOAD_MAX_NUMBER_FIELDS); a larger data set is a file to import.
GRID_MAX_ROWS = 200
GridFormSet = forms.formset_factory(
    GridRowForm,
    formset=BlankRowsSkipped,
    extra=0,
    max_num=GRID_MAX_ROWS,
    absolute_max=GRID_MAX_ROWS,
    validate_max=True,
)


class ExpectedLevelsForm(UniqueIds, forms.Form):
    """The level expected at each year level on a measure; blank: none."""

    id_prefix = "expected"

    measure = forms.CharField(label=_("Measure"), max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for year in range(14):
            self.fields[f"year_{year}"] = forms.FloatField(
                label=_("Year %(n)s") % {"n": year}, required=False, localize=True
            )

    def year_fields(self):
        return [self[f"year_{year}"] for year in range(14)]

    def levels(self) -> dict[int, float]:
        return {
            year: self.cleaned_data[f"year_{year}"]
            for year in range(14)
            if self.cleaned_data.get(f"year_{year}") is not None
        }


class StageCommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Members and supporters of the group read it beside this stage's work."),
    )
