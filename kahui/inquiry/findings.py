"""What a cycle's assessment data show, measure by measure: the numbers (from the pure
``analysis``), the charts (from ``charts``) and the table both come from, for the
analysis page and its CSV export. Reads only.

For each measure the data sets are put in date order. Before and after: the earliest
diagnostic data set (or the earliest of any kind) against the latest summative one
after it (or the latest of any kind), learner by learner where most codes are in
both. A benchmark data set is held against the expected levels the group keeps for
its measure."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kahui.inquiry import analysis
from kahui.inquiry import charts as drawing
from kahui.inquiry.models import AssessmentDataSet, AssessmentRow, DataSetKind, InquiryCycle, Scale
from kahui.inquiry.services import standard_of

# Charts go into the page with a ``<style>`` element that needs the request's CSP
# nonce. Rendered charts are cached with this in its place (see ``views.analysis``).
NONCE_PLACEHOLDER = "kahui-csp-nonce-placeholder"


def format_number(value: float) -> str:
    return str(floatformat(value, "-2"))


def format_day(day: date) -> str:
    return date_format(day, "j M Y")


@dataclass
class MeasureFindings:
    """One measure of the cycle: its data sets, and what they show."""

    measure: str
    anchor: str
    data_sets: list[AssessmentDataSet]
    before: AssessmentDataSet | None = None
    after: AssessmentDataSet | None = None
    comparison: analysis.Comparison | None = None
    effect_summary: str = ""
    effect_notes: list[str] = field(default_factory=list)
    effect_caveats: list[str] = field(default_factory=list)
    charts: list[drawing.Chart] = field(default_factory=list)
    benchmarks: list[tuple[AssessmentDataSet, analysis.BenchmarkResult]] = field(
        default_factory=list
    )
    summaries: dict[int, analysis.Summary] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    standard: dict[int, float] = field(default_factory=dict)
    has_benchmark: bool = False


def measures_of(cycle: InquiryCycle) -> list[str]:
    """The measures the cycle's data sets are on, in order of their first data set."""
    seen: dict[str, None] = {}
    for measure in (
        AssessmentDataSet.objects.filter(cycle=cycle)
        .order_by("taken_on", "id")
        .values_list("measure", flat=True)
    ):
        seen.setdefault(measure)
    return list(seen)


def anchor_of(measure: str, index: int) -> str:
    return f"measure-{index + 1}"


def _observations(data_sets: Sequence[AssessmentDataSet]) -> dict[int, list[analysis.Observation]]:
    by_set: dict[int, list[analysis.Observation]] = defaultdict(list)
    rows = (
        AssessmentRow.objects.filter(data_set__in=[d.pk for d in data_sets])
        .order_by("data_set_id", "position")
        .values_list("data_set_id", "value", "code", "year_level")
    )
    for data_set_id, value, code, year in rows:
        by_set[data_set_id].append(analysis.Observation(value, code or None, year))
    return by_set


def _label(data_set: AssessmentDataSet) -> str:
    # Short, to fit under a bar on a phone: the tables beside the charts give the dates.
    return data_set.title


def _before_after(sets: Sequence[AssessmentDataSet]):
    if len(sets) < 2:
        return None, None
    diagnostics = [d for d in sets if d.kind == DataSetKind.DIAGNOSTIC]
    before = diagnostics[0] if diagnostics else sets[0]
    later = list(sets[sets.index(before) + 1 :])
    if not later:
        return None, None
    summatives = [d for d in later if d.kind == DataSetKind.SUMMATIVE]
    return before, (summatives[-1] if summatives else later[-1])


def _msgs(messages, translate: Callable[[str], str]) -> list[str]:
    return [message.render(translate) for message in messages]


def measure_findings(
    cycle: InquiryCycle,
    *,
    measure: str | None = None,
    translate: Callable[[str], str] = _,
    nonce: str | None = NONCE_PLACEHOLDER,
) -> list[MeasureFindings]:
    """Every measure of the cycle (or only ``measure``) with its numbers and charts."""
    data_sets = list(AssessmentDataSet.objects.filter(cycle=cycle).order_by("taken_on", "id"))
    by_measure: dict[str, list[AssessmentDataSet]] = defaultdict(list)
    for data_set in data_sets:
        by_measure[data_set.measure].append(data_set)
    observations = _observations([d for d in data_sets if measure is None or d.measure == measure])
    found = []
    for index, (name, sets) in enumerate(by_measure.items()):
        if measure is not None and name != measure:
            continue
        found.append(_one(cycle, name, index, sets, observations, translate, nonce))
    return found


def _one(cycle, name, index, sets, observations, translate, nonce) -> MeasureFindings:
    anchor = anchor_of(name, index)
    findings = MeasureFindings(measure=name, anchor=anchor, data_sets=list(sets))
    dated = {
        d.pk: analysis.DataSet(
            name, tuple(observations.get(d.pk, ())), label=_label(d), taken_on=d.taken_on
        )
        for d in sets
    }
    for d in sets:
        if dated[d.pk].observations:
            findings.summaries[d.pk] = analysis.summarise(dated[d.pk].values)
    usable = [d for d in sets if dated[d.pk].observations]
    common = {"translate": translate, "format_number": format_number, "nonce": nonce}
    before, after = _before_after(usable)
    if before is not None and after is not None:
        findings.before, findings.after = before, after
        try:
            comparison = analysis.compare(dated[before.pk], dated[after.pk])
        except analysis.AnalysisError as error:
            findings.problems.append(error.message.render(translate))
        else:
            findings.comparison = comparison
            findings.charts.append(
                drawing.before_after_chart(
                    comparison,
                    before_label=_label(before),
                    after_label=_label(after),
                    measure_label=name,
                    chart_id=f"{anchor}-before-after",
                    **common,
                )
            )
            if comparison.effect is not None:
                reading = comparison.effect.reading()
                findings.effect_summary = reading.summary.render(translate)
                findings.effect_notes = _msgs(reading.explanation, translate)
                findings.effect_caveats = _msgs(reading.caveats, translate)
    if len(usable) >= 2:
        try:
            trend = analysis.trend(dated[d.pk] for d in usable)
        except analysis.AnalysisError as error:
            findings.problems.append(error.message.render(translate))
        else:
            findings.charts.append(
                drawing.trend_chart(
                    trend,
                    measure_label=name,
                    format_date=format_day,
                    chart_id=f"{anchor}-trend",
                    **common,
                )
            )
    shown = [d for d in (before, after) if d is not None] or usable[-1:]
    if shown:
        findings.charts.append(_distribution(name, anchor, shown, dated, common))
    findings.has_benchmark = any(d.kind == DataSetKind.BENCHMARK for d in sets)
    if findings.has_benchmark:
        findings.standard = standard_of(cycle.group, name)
        for d in sets:
            if d.kind == DataSetKind.BENCHMARK and findings.standard:
                result = analysis.benchmark(dated[d.pk].observations, findings.standard)
                findings.benchmarks.append((d, result))
    return findings


def _distribution(name, anchor, shown, dated, common) -> drawing.Chart:
    levels = shown[-1].levels if shown[-1].scale == Scale.LEVELS else None
    if levels and all(d.levels == levels for d in shown):
        series = [
            (_label(d), analysis.distribution_by_level(dated[d.pk].values, levels)) for d in shown
        ]
    else:
        values = [v for d in shown for v in dated[d.pk].values]
        edges = analysis.nice_edges(values)
        series = [
            (_label(d), analysis.distribution_by_bins(dated[d.pk].values, edges=edges))
            for d in shown
        ]
    return drawing.distribution_chart(
        series, measure_label=name, chart_id=f"{anchor}-spread", **common
    )


def spread_of(
    data_set: AssessmentDataSet, values: Sequence[float], *, nonce: str | None
) -> drawing.Chart | None:
    """How one data set's values are spread, on its levels or in ranges."""
    if not values:
        return None
    if data_set.scale == Scale.LEVELS and data_set.levels:
        distribution = analysis.distribution_by_level(values, data_set.levels)
    else:
        distribution = analysis.distribution_by_bins(values)
    return drawing.distribution_chart(
        [(data_set.title, distribution)],
        measure_label=data_set.measure,
        chart_id="spread",
        translate=_,
        format_number=format_number,
        nonce=nonce,
    )


def analysis_table(findings: Sequence[MeasureFindings]) -> tuple[list[str], list[list[str]]]:
    """One row per data set (its summary and, for a benchmark, the share at or above the
    expected level), and per measure the change from before to after with its effect
    size: the numbers of the analysis page, for its table and CSV export."""
    headers = [
        _("Measure"),
        _("Data set"),
        _("Kind"),
        _("Date"),
        _("Values"),
        _("Mean"),
        _("Median"),
        _("Standard deviation"),
        _("Lowest"),
        _("Highest"),
        _("At or above expected level"),
        _("Effect size (Hedges' g)"),
    ]
    rows = []
    for found in findings:
        shares = {d.pk: r.share for d, r in found.benchmarks}
        for d in found.data_sets:
            summary = found.summaries.get(d.pk)
            share = shares.get(d.pk)
            rows.append(
                [
                    found.measure,
                    d.title,
                    str(DataSetKind(d.kind).label),
                    d.taken_on.isoformat(),
                    str(summary.count) if summary else "0",
                    format_number(summary.mean) if summary else "",
                    format_number(summary.median) if summary else "",
                    format_number(summary.sd) if summary and summary.sd is not None else "",
                    format_number(summary.minimum) if summary else "",
                    format_number(summary.maximum) if summary else "",
                    f"{format_number(100 * share)}%" if share is not None else "",
                    "",
                ]
            )
        comparison = found.comparison
        if comparison is not None and found.before and found.after:
            effect = comparison.effect
            rows.append(
                [
                    found.measure,
                    _("Change from %(before)s to %(after)s")
                    % {"before": found.before.title, "after": found.after.title},
                    _("paired, %(n)s learners") % {"n": comparison.pairs}
                    if effect and effect.paired
                    else "",
                    "",
                    str(comparison.count_change),
                    format_number(comparison.mean_change),
                    format_number(comparison.median_change),
                    "",
                    "",
                    "",
                    "",
                    format_number(effect.g) if effect else "",
                ]
            )
    return headers, rows
