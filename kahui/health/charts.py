"""A condition's trend as a small accessible SVG line chart. Plain data in, SVG text
out: no Django, nothing of Kāhui.

It follows the inquiry charts' approach (``kahui/inquiry/charts.py``) for people who
do not see the chart: ``role="img"`` with ``aria-labelledby`` naming a ``<title>``
and a ``<desc>`` (a sentence with the numbers), every value printed beside its point,
nothing carried by colour alone, and the table of the same numbers beside it on the
page. It is drawn here rather than by pygal because the page shows six of them at
once: pygal takes about 13 ms a chart, and its SVG carries a ``<style>`` element that
the site's Content-Security-Policy (``style-src 'self'``) does not let run inline.
These charts use presentation attributes and the classes of ``kahui.css`` only.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 320, 168
LEFT, RIGHT, TOP, BOTTOM = 30, 18, 24, 34
MOST_LABELS = 6  # with more points, only the first and last are named on the axis


@dataclass(frozen=True)
class Point:
    label: str  # on the axis, e.g. the date the check closed
    value: float
    text: str  # the value as printed, e.g. "3.4"


def _x(index: int, count: int) -> float:
    inner = WIDTH - LEFT - RIGHT
    if count == 1:
        return LEFT + inner / 2
    return LEFT + inner * index / (count - 1)


def _y(value: float, low: int, high: int) -> float:
    inner = HEIGHT - TOP - BOTTOM
    return TOP + inner * (high - value) / (high - low)


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def trend_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[Point],
    low: int = 1,
    high: int = 5,
) -> str:
    """A line through ``points`` on a scale from ``low`` to ``high``, each point with
    its value printed above it. ``chart_id`` must be unique on the page."""
    if not points:
        raise ValueError("a trend needs at least one point")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for level in range(low, high + 1):
        at = _n(_y(level, low, high))
        parts.append(
            f'<line class="trend-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at}" y2="{at}" '
            'stroke="#d9d9d9" stroke-width="1"/>'
        )
        parts.append(
            f'<text class="trend-axis" x="{LEFT - 8}" y="{at}" text-anchor="end" '
            f'dominant-baseline="middle" font-size="12" fill="#595959">{level}</text>'
        )
    count = len(points)
    spots = [(_x(i, count), _y(p.value, low, high)) for i, p in enumerate(points)]
    if count > 1:
        line = " ".join(f"{_n(x)},{_n(y)}" for x, y in spots)
        parts.append(
            f'<polyline class="trend-line" points="{line}" fill="none" '
            'stroke="#1f4e79" stroke-width="3" stroke-linejoin="round"/>'
        )
    for index, (point, (x, y)) in enumerate(zip(points, spots, strict=True)):
        parts.append(
            f'<circle class="trend-point" cx="{_n(x)}" cy="{_n(y)}" r="5" fill="#1f4e79" '
            'stroke="#ffffff" stroke-width="2"/>'
        )
        above = y - 10 if y - 10 > TOP - 10 else y + 18
        parts.append(
            f'<text class="trend-value" x="{_n(x)}" y="{_n(above)}" text-anchor="middle" '
            f'font-size="12" font-weight="700" fill="#1a1a1a">{escape(point.text)}</text>'
        )
        named = count <= MOST_LABELS or index in (0, count - 1)
        if named:
            anchor = "middle"
            if count > 1 and index == 0:
                anchor = "start"
            elif count > 1 and index == count - 1:
                anchor = "end"
            parts.append(
                f'<text class="trend-axis" x="{_n(x)}" y="{HEIGHT - 10}" '
                f'text-anchor="{anchor}" font-size="12" fill="#595959">'
                f"{escape(point.label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
