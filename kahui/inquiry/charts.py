"""Charts of an inquiry's data as accessible SVG, each with the table of its numbers.
No Django: analysis results in, SVG text and table rows out.

The charts are drawn by pygal (pure Python, no system libraries) and then made fit for
a page with a strict Content-Security-Policy and for people who do not see them by
:mod:`kahui.core.charts`, which every app's charts share:

- the SVG has ``role="img"``, a ``<title>`` and a ``<desc>`` (a sentence that says
  what the chart shows, with its main numbers) named by ``aria-labelledby``;
- no information is carried by colour alone: a chart of one series says what each bar
  or point is on its axis and prints its value beside it; with several series, each
  has its own fill pattern (solid, hatched, dotted) in the bars and in the legend;
- pygal's scripts and tooltips (which need JavaScript) are left out, and so is every
  inline ``style`` attribute. The chart's CSS is one ``<style>`` element; pass the
  page's CSP nonce as ``nonce`` when the SVG goes inline into HTML (with the nonce
  allowed in ``style-src``), or serve the SVG as a file of its own;
- a ``Table`` of the same numbers always comes with it, for the page to show beside the
  chart (and for the CSV export to mirror).

Texts are marked with ``gettext_noop`` and translated with ``translate`` (pass
``gettext``); numbers and dates are formatted with ``format_number`` and
``format_date`` (pass the page's locale-aware formatters). Ids are derived from the
chart's content unless ``chart_id`` is given, so the same chart renders the same bytes.
"""

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pygal

from kahui.core.charts import (
    COLOURS,
    FONT,
    HEIGHT,
    SVG_NS,
    TEXT,
    WIDTH,
    XLINK_NS,
    finish,
    plain_number,
)
from kahui.core.charts import config as _config
from kahui.core.charts import plotted as _plotted
from kahui.inquiry.analysis import Bin, Comparison, Distribution, Summary, Trend
from kahui.inquiry.texts import Message, Param, Translate, gettext_noop, untranslated

__all__ = [
    "COLOURS",
    "FONT",
    "HEIGHT",
    "SVG_NS",
    "TEXT",
    "WIDTH",
    "XLINK_NS",
    "Chart",
    "Table",
    "before_after_chart",
    "distribution_chart",
    "iso_date",
    "plain_number",
    "trend_chart",
]

FormatNumber = Callable[[float], str]
FormatDate = Callable[[date], str]


def iso_date(day: date) -> str:
    return day.isoformat()


@dataclass(frozen=True)
class Table:
    """The numbers of a chart, as text, for a ``<table>`` beside it."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    svg: str
    title: str
    description: str
    table: Table
    chart_id: str


# -- Before and after ----------------------------------------------------------------------


def before_after_chart(
    comparison: Comparison,
    *,
    before_label: str,
    after_label: str,
    measure_label: str | None = None,
    translate: Translate = untranslated,
    format_number: FormatNumber = plain_number,
    chart_id: str | None = None,
    nonce: str | None = None,
) -> Chart:
    """Two bars, the mean before and after, each labelled and with its value printed."""
    measure = measure_label or comparison.measure
    title = Message(gettext_noop("%(measure)s: before and after"), {"measure": measure})
    description = Message(
        gettext_noop(
            "Bar chart of the mean %(measure)s: %(before)s in %(before_label)s "
            "(%(before_count)s values) and %(after)s in %(after_label)s (%(after_count)s "
            "values), a change of %(change)s."
        ),
        {
            "measure": measure,
            "before": format_number(comparison.before.mean),
            "before_label": before_label,
            "before_count": comparison.before.count,
            "after": format_number(comparison.after.mean),
            "after_label": after_label,
            "after_count": comparison.after.count,
            "change": _signed(comparison.mean_change, format_number(comparison.mean_change)),
        },
    )
    table = Table(
        caption=title.render(translate),
        headers=_summary_headers(translate, first=gettext_noop("Data set")),
        rows=(
            (before_label, *_summary_cells(comparison.before, format_number)),
            (after_label, *_summary_cells(comparison.after, format_number)),
            (
                translate(gettext_noop("Change")),
                _signed(comparison.count_change, str(comparison.count_change)),
                _signed(comparison.mean_change, format_number(comparison.mean_change)),
                _signed(comparison.median_change, format_number(comparison.median_change)),
                "",
                "",
            ),
        ),
    )
    chart = pygal.Bar(**_config(format_number, show_legend=False))
    chart.x_labels = [before_label, after_label]
    chart.y_title = translate(gettext_noop("Mean"))
    chart.add(chart.y_title, _plotted([comparison.before.mean, comparison.after.mean]))
    return _finish(chart, title, description, table, translate, chart_id, nonce, series=1)


# -- Trends --------------------------------------------------------------------------------


def trend_chart(
    trend: Trend,
    *,
    measure_label: str | None = None,
    translate: Translate = untranslated,
    format_number: FormatNumber = plain_number,
    format_date: FormatDate = iso_date,
    chart_id: str | None = None,
    nonce: str | None = None,
) -> Chart:
    """A line through the mean of each dated data set, each point labelled by its date."""
    measure = measure_label or trend.measure
    first, last = trend.points[0], trend.points[-1]
    title = Message(gettext_noop("%(measure)s over time"), {"measure": measure})
    if len(trend.points) == 1:
        description = Message(
            gettext_noop(
                "Line chart of the mean %(measure)s with one data set so far: %(mean)s on %(date)s."
            ),
            {
                "measure": measure,
                "mean": format_number(first.summary.mean),
                "date": format_date(first.taken_on),
            },
        )
    else:
        description = Message(
            gettext_noop(
                "Line chart of the mean %(measure)s in %(count)s data sets, from %(start)s "
                "on %(first)s to %(end)s on %(last)s."
            ),
            {
                "measure": measure,
                "count": len(trend.points),
                "start": format_number(first.summary.mean),
                "first": format_date(first.taken_on),
                "end": format_number(last.summary.mean),
                "last": format_date(last.taken_on),
            },
        )
    table = Table(
        caption=title.render(translate),
        headers=(
            translate(gettext_noop("Date")),
            *_summary_headers(translate, first=gettext_noop("Data set")),
        ),
        rows=tuple(
            (
                format_date(point.taken_on),
                point.label,
                *_summary_cells(point.summary, format_number),
            )
            for point in trend.points
        ),
    )
    chart = pygal.Line(
        **_config(format_number, show_legend=False, dots_size=5, margin_left=24, margin_right=48)
    )
    chart.x_labels = [format_date(point.taken_on) for point in trend.points]
    chart.y_title = translate(gettext_noop("Mean"))
    chart.add(
        chart.y_title,
        _plotted([point.summary.mean for point in trend.points]),
        stroke_style={"width": 3},
    )
    return _finish(chart, title, description, table, translate, chart_id, nonce, series=1)


# -- Distributions -------------------------------------------------------------------------


def distribution_chart(
    series: Sequence[tuple[str, Distribution]],
    *,
    measure_label: str,
    translate: Translate = untranslated,
    format_number: FormatNumber = plain_number,
    chart_id: str | None = None,
    nonce: str | None = None,
) -> Chart:
    """Bars of how many values fall on each level or in each range, for one data set or
    several side by side (each in its own pattern, named in the legend)."""
    if not series:
        raise ValueError("a distribution chart needs at least one data set")
    bins = series[0][1].bins
    if any(_bin_keys(d.bins) != _bin_keys(bins) for _, d in series[1:]):
        raise ValueError("data sets side by side must share their levels or ranges")
    labels = [_bin_label(b, format_number) for b in bins]
    title = Message(gettext_noop("How %(measure)s is spread"), {"measure": measure_label})
    names = [name for name, _ in series]
    if len(series) == 1:
        distribution = series[0][1]
        top = max(range(len(bins)), key=lambda i: bins[i].count) if bins else None
        params: dict[str, Param] = {
            "measure": measure_label,
            "total": distribution.total,
            "top": labels[top] if top is not None else "",
            "top_count": bins[top].count if top is not None else 0,
        }
        description = Message(
            gettext_noop(
                "Bar chart of how many of %(total)s values of %(measure)s fall on each level "
                "or in each range; the most, %(top_count)s, are at %(top)s."
            ),
            params,
        )
    else:
        description = Message(
            gettext_noop(
                "Bar chart of how many values of %(measure)s fall on each level or in each "
                "range, side by side for %(data_sets)s."
            ),
            {"measure": measure_label, "data_sets": ", ".join(names)},
        )
    rows = [(label, *(str(d.bins[i].count) for _, d in series)) for i, label in enumerate(labels)]
    if any(d.outside for _, d in series):
        rows.append(
            (translate(gettext_noop("Off the scale")), *(str(d.outside) for _, d in series))
        )
    rows.append((translate(gettext_noop("Total")), *(str(d.total) for _, d in series)))
    first_header = (
        gettext_noop("Level") if all(b.level is not None for b in bins) else gettext_noop("Range")
    )
    table = Table(
        caption=title.render(translate),
        headers=(translate(first_header), *names),
        rows=tuple(rows),
    )
    several = len(series) > 1
    highest = max((b.count for _, d in series for b in d.bins), default=0)
    chart = pygal.Bar(
        **_config(
            plain_number,
            show_legend=several,
            legend_at_bottom_columns=min(len(series), 3),
            y_labels=_count_ticks(highest),
        )
    )
    chart.x_labels = labels
    chart.y_title = translate(gettext_noop("Number of values"))
    for name, distribution in series:
        chart.add(name, [b.count for b in distribution.bins])
    return _finish(chart, title, description, table, translate, chart_id, nonce, len(series))


def _count_ticks(highest: int) -> list[int]:
    """Whole numbers for an axis of counts, about five of them."""
    step = max(1, math.ceil(highest / 5))
    return list(range(0, max(highest, 1) + step, step))


def _bin_keys(bins: Sequence[Bin]) -> list[tuple[float, float, str | None]]:
    return [(b.lower, b.upper, b.level) for b in bins]


def _bin_label(b: Bin, format_number: FormatNumber) -> str:
    if b.level is not None:
        return b.level
    return f"{format_number(b.lower)}–{format_number(b.upper)}"


# -- Shared --------------------------------------------------------------------------------


def _summary_headers(translate: Translate, *, first: str) -> tuple[str, ...]:
    return tuple(
        translate(text)
        for text in (
            first,
            gettext_noop("Values"),
            gettext_noop("Mean"),
            gettext_noop("Median"),
            gettext_noop("Lowest"),
            gettext_noop("Highest"),
        )
    )


def _summary_cells(summary: Summary, format_number: FormatNumber) -> tuple[str, ...]:
    return (
        str(summary.count),
        format_number(summary.mean),
        format_number(summary.median),
        format_number(summary.minimum),
        format_number(summary.maximum),
    )


def _signed(value: float, text: str) -> str:
    """``text`` (``value`` formatted) with a plus sign when the value went up."""
    return ("+" if value > 0 else "") + text


def _finish(
    chart: pygal.graph.graph.Graph,
    title: Message,
    description: Message,
    table: Table,
    translate: Translate,
    chart_id: str | None,
    nonce: str | None,
    series: int,
) -> Chart:
    title_text = title.render(translate)
    description_text = description.render(translate)
    if chart_id is None:
        content = repr((title_text, description_text, table))
        chart_id = "c" + hashlib.sha256(content.encode()).hexdigest()[:12]
    root_id = f"chart-{chart_id}"
    svg = finish(
        chart,
        chart_id=root_id,
        title=title_text,
        description=description_text,
        series=series,
        nonce=nonce,
    )
    return Chart(
        svg=svg, title=title_text, description=description_text, table=table, chart_id=root_id
    )
