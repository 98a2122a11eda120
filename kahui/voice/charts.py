"""How a survey's answers on a scale are spread, as an accessible SVG bar chart.
Plain data in, SVG text out: no Django. Drawn by pygal and finished by the charts
wrapper in core (``kahui/core/charts.py``): ``role="img"`` named by a ``<title>`` and
a ``<desc>`` with the numbers, every count printed on its bar, no scripts, and the CSS
in one ``<style>`` element that carries the page's CSP nonce. The page shows a table
of the same numbers beside the chart."""

from collections.abc import Sequence

import pygal

from kahui.core.charts import config, finish

WIDTH, HEIGHT = 480, 260


def _ticks(highest: int) -> list[int]:
    step = max(1, -(-highest // 5))
    return list(range(0, max(highest, 1) + step, step))


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    counts: Sequence[int],
    y_title: str,
    nonce: str | None = None,
) -> str:
    """Bars of how many answers fall on each of ``labels``. ``chart_id`` must be unique
    on the page; ``nonce`` is the page's CSP nonce for the chart's ``<style>``."""
    if len(labels) != len(counts):
        raise ValueError("one count for each label")
    chart = pygal.Bar(
        **config(
            str,
            width=WIDTH,
            height=HEIGHT,
            show_legend=False,
            y_labels=_ticks(max(counts, default=0)),
        )
    )
    chart.x_labels = list(labels)
    chart.y_title = y_title
    chart.add(y_title, list(counts))
    return finish(chart, chart_id=chart_id, title=title, description=description, nonce=nonce)
