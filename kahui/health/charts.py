"""A condition's trend as a small accessible SVG line chart, drawn by pygal and
finished by :mod:`kahui.core.charts`. Plain data in, SVG text out: no Django.

For people who do not see the chart: ``role="img"`` with ``aria-labelledby`` naming a
``<title>`` and a ``<desc>`` (a sentence with the numbers), every value printed beside
its point, nothing carried by colour alone, and the table of the same numbers beside
it on the page. The chart's CSS is one ``<style>`` element: pass the page's CSP nonce
as ``nonce``. pygal takes about 13 ms a chart and the overview shows six, so the page
keeps what this draws until the next check closes (``health/views/findings.py``)."""

from collections.abc import Sequence
from dataclasses import dataclass

import pygal

from kahui.core.charts import COLOURS, config, finish, plotted

WIDTH, HEIGHT = 300, 190
LINE, HIGHLIGHT = COLOURS[0], "#b3541e"  # the site's blue, and its accent (kōkōwai)
MOST_LABELS = 6  # with more points, only the first and last are named on the axis


@dataclass(frozen=True)
class Point:
    label: str  # on the axis, e.g. the date the check closed
    value: float
    text: str  # the value as printed, e.g. "3.4"


def trend_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[Point],
    low: int = 1,
    high: int = 5,
    highlight: bool = False,
    nonce: str | None = None,
) -> str:
    """A line through ``points`` on a scale from ``low`` to ``high``, each point with
    its value printed beside it; in the accent colour when ``highlight`` (the page says
    in words why). ``chart_id`` must be unique on the page."""
    if not points:
        raise ValueError("a trend needs at least one point")
    labels = [point.label for point in points]
    chart = pygal.Line(
        **config(
            colours=(HIGHLIGHT if highlight else LINE,),
            width=WIDTH,
            height=HEIGHT,
            show_legend=False,
            range=(low - 0.5, high + 0.5),  # room for the values printed by the points
            y_labels=list(range(low, high + 1)),
            dots_size=5,
            margin=8,
            margin_right=40,
            include_x_axis=False,
            classes=["trend-chart"],
        )
    )
    chart.x_labels = labels
    if len(points) > MOST_LABELS:
        chart.x_labels_major = [labels[0], labels[-1]]
        chart.show_minor_x_labels = False
    chart.add(
        "",
        [
            {"value": value, "formatter": lambda _value, text=point.text: text}
            for point, value in zip(points, plotted([p.value for p in points]), strict=True)
        ],
        stroke_style={"width": 3},
    )
    return finish(chart, chart_id=chart_id, title=title, description=description, nonce=nonce)
