"""The report's charts: this period beside the one before, as accessible SVG bars drawn
with core's pygal wrapper. Plain data in, SVG text out: no Django (the `charts`
contract)."""

from collections.abc import Sequence

import pygal

from kahui.core.charts import config, finish, plain_number, plotted


def comparison_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    now: Sequence[float],
    before: Sequence[float] | None,
    now_name: str,
    before_name: str,
    nonce: str | None = None,
) -> str:
    """Bars of ``now`` beside ``before`` (when there is a period before) for each label;
    every value printed, the second series patterned."""
    chart = pygal.Bar(**config(plain_number, height=340, legend_at_bottom_columns=2))
    chart.x_labels = list(labels)
    chart.add(now_name, plotted(now))
    series = 1
    if before is not None:
        chart.add(before_name, plotted(before))
        series = 2
    return finish(
        chart, chart_id=chart_id, title=title, description=description, series=series, nonce=nonce
    )
