"""An inquiry round in brief, for the school's leaders: its question, its goals with
their progress and a chart each, what the group found, planned, tried and learned.
The page and its PDF read the same :class:`Summary`."""

from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext

from kahui.inquiry import analysis, charts
from kahui.inquiry.models import InquiryCycle
from kahui.inquiry.selectors import CyclePage, GoalCard, StagePart, cycle_page
from kahui.inquiry.workflow import model_name


def format_number(value: float) -> str:
    """A number as the reader's language writes it, without trailing zeros."""
    text = formats.number_format(round(value, 2), decimal_pos=2, use_l10n=True)
    separator = formats.get_format("DECIMAL_SEPARATOR")
    return text.rstrip("0").rstrip(separator) if separator in text else text


def format_date(day: date) -> str:
    return formats.date_format(day, "j M Y")


@dataclass
class GoalSummary:
    card: GoalCard
    chart: charts.Chart | None  # the baseline and the readings over time, when dated


@dataclass
class Summary:
    cycle: InquiryCycle
    page: CyclePage
    model_name: str
    goals: list[GoalSummary]
    # The stages with something written, in order: (the stage's part, its texts).
    findings: list[StagePart]
    leaders: list[tuple[str, str]]  # (stage name, who led it)

    @property
    def plan_actions(self) -> int:
        return sum(len(actions) for _level, _label, actions in self.page.plan)

    @property
    def meetings(self) -> int:
        return sum(len(part.meetings) for part in self.page.parts)


def _goal_chart(card: GoalCard, nonce: str | None) -> charts.Chart | None:
    """The goal's measure from its baseline through its readings, when it has any."""
    measure = card.measure
    if not measure.pk or not card.readings:
        return None
    name = measure.name or card.goal.text
    data_sets = []
    if measure.baseline is not None and measure.starts_on is not None:
        data_sets.append(
            analysis.DataSet.of(
                name, [measure.baseline], label=gettext("Baseline"), taken_on=measure.starts_on
            )
        )
    for reading in card.readings:
        data_sets.append(
            analysis.DataSet.of(
                name, [reading.value], label=gettext("Reading"), taken_on=reading.taken_on
            )
        )
    try:
        trend = analysis.trend(data_sets)
    except analysis.AnalysisError:
        return None
    label = f"{name} ({measure.unit})" if measure.unit else name
    return charts.trend_chart(
        trend,
        measure_label=label,
        translate=gettext,
        format_number=format_number,
        format_date=format_date,
        chart_id=f"goal-{card.goal.pk}",
        nonce=nonce,
    )


def cycle_summary(cycle: InquiryCycle, *, nonce: str | None = None) -> Summary:
    """The summary of ``cycle``; ``nonce`` is the page's CSP nonce for the charts' style
    (None in a PDF)."""
    page = cycle_page(cycle)
    goals = [GoalSummary(card=card, chart=_goal_chart(card, nonce)) for card in page.goals]
    findings = [part for part in page.parts if part.written]
    leaders = [(part.stage.name, part.led_by.display_name) for part in page.parts if part.led_by]
    return Summary(
        cycle=cycle,
        page=page,
        model_name=model_name(cycle.inquiry_model),
        goals=goals,
        findings=findings,
        leaders=leaders,
    )
