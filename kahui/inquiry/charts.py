"""Charts of an inquiry's data as accessible SVG, each with the table of its numbers.
No Django: analysis results in, SVG text and table rows out.

The charts are drawn by pygal (pure Python, no system libraries) and then made fit for
a page with a strict Content-Security-Policy and for people who do not see them:

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
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pygal
from pygal.style import Style

from kahui.inquiry.analysis import Bin, Comparison, Distribution, Summary, Trend
from kahui.inquiry.texts import Message, Param, Translate, gettext_noop, untranslated

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

WIDTH, HEIGHT = 560, 320
TEXT = "#1a1a1a"
# Dark enough against white for graphical objects (WCAG 1.4.11: 3:1), and never the
# only difference between series: each series has its own pattern too.
COLOURS = ("#1f4e79", "#8a3b12", "#2e6b30", "#5b3a84")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"

FormatNumber = Callable[[float], str]
FormatDate = Callable[[date], str]


def plain_number(value: float) -> str:
    """A number with at most two decimals and no trailing zeros: 3.5, 12, -0.25."""
    if not math.isfinite(value):
        return str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


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


def _plotted(values: Sequence[float]) -> list[float]:
    """Values as drawn: to six decimals, below which pygal's axis arithmetic breaks down
    (the table beside the chart has the numbers as they are)."""
    return [round(value, 6) + 0.0 for value in values]


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


def _config(format_number: Callable[[float], str], **options: object) -> dict[str, object]:
    style = Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground=TEXT,
        foreground_strong=TEXT,
        foreground_subtle="#595959",
        guide_stroke_color="#d9d9d9",  # guide lines: quiet, behind the data
        major_guide_stroke_color="#bfbfbf",
        guide_stroke_dasharray="none",
        major_guide_stroke_dasharray="none",
        colors=COLOURS,
        value_colors=(TEXT,) * len(COLOURS),
        opacity="1",
        opacity_hover="1",
        transition="0ms",
        font_family=FONT,
        label_font_size=14,
        major_label_font_size=14,
        value_font_size=14,
        legend_font_size=14,
        title_font_size=16,
        tooltip_font_size=14,
    )
    return {
        "style": style,
        "width": WIDTH,
        "height": HEIGHT,
        "js": [],  # no scripts: they would break the page's CSP and need a network
        "disable_xml_declaration": True,
        "print_values": True,
        "print_values_position": "top",
        "formatter": format_number,
        "value_formatter": format_number,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,
        "truncate_label": -1,
        "include_x_axis": True,
        "classes": ["kahui-chart"],
        **options,
    }


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
    chart.uuid = chart_id  # pygal names the root "chart-<uuid>" and scopes its CSS to it
    root = ET.fromstring(chart.render(is_unicode=True))  # the parser drops comments
    root_id = root.get("id", "")
    _strip_interactive(root)
    title_element = ET.Element(f"{{{SVG_NS}}}title", id=f"{root_id}-title")
    title_element.text = title_text
    desc_element = ET.Element(f"{{{SVG_NS}}}desc", id=f"{root_id}-desc")
    desc_element.text = description_text
    root.insert(0, title_element)
    root.insert(1, desc_element)
    root.set("role", "img")
    root.set("aria-labelledby", f"{root_id}-title {root_id}-desc")
    _add_patterns(root, root_id, series, nonce)
    return Chart(
        svg=ET.tostring(root, encoding="unicode"),
        title=title_text,
        description=description_text,
        table=table,
        chart_id=root_id,
    )


def _strip_interactive(root: ET.Element) -> None:
    """Leave out scripts, tooltips and pygal's own titles and descriptions (hover texts
    for its script): without JavaScript they only add noise."""
    drop = {f"{{{SVG_NS}}}{tag}" for tag in ("script", "title", "desc")}
    for parent in list(root.iter()):
        for child in list(parent):
            classes = child.get("class", "").split()
            if child.tag in drop or "tooltip-overlay" in classes:
                parent.remove(child)
            elif "reactive" in classes:
                child.set("class", " ".join(c for c in classes if c not in _HOVER_CLASSES))


_HOVER_CLASSES = {"reactive", "tooltip-trigger", "activate-serie"}


def _add_patterns(root: ET.Element, root_id: str, series: int, nonce: str | None) -> None:
    """Give series after the first a pattern of their own, in the bars and the legend."""
    defs = root.find(f"{{{SVG_NS}}}defs")
    style = defs.find(f"{{{SVG_NS}}}style") if defs is not None else None
    if defs is None or style is None:
        raise ValueError("pygal's SVG has no <defs><style>")
    # Printed values keep a white halo, so a guide line never runs through them.
    rules = [
        f"#{root_id} .text-overlay text.value"
        "{paint-order:stroke;stroke:#ffffff;stroke-width:4px;stroke-linejoin:round}"
    ]
    for index in range(1, series):
        colour = COLOURS[index % len(COLOURS)]
        pattern_id = f"{root_id}-pattern-{index}"
        defs.append(_pattern(pattern_id, colour, index))
        scope = f"#{root_id}"
        rules.append(
            f"{scope} .series.serie-{index} rect, {scope} .legend rect.color-{index}"
            f"{{fill:url(#{pattern_id});stroke:{colour};stroke-width:2}}"
        )
    style.text = (style.text or "") + "\n".join(rules)
    if nonce:
        style.set("nonce", nonce)


def _pattern(pattern_id: str, colour: str, index: int) -> ET.Element:
    """Hatching for the second series, dots for the third, cross-hatching after that."""
    pattern = ET.Element(
        f"{{{SVG_NS}}}pattern",
        id=pattern_id,
        width="8",
        height="8",
        patternUnits="userSpaceOnUse",
    )
    ET.SubElement(pattern, f"{{{SVG_NS}}}rect", width="8", height="8", fill="#ffffff")
    if index == 2:
        ET.SubElement(pattern, f"{{{SVG_NS}}}circle", cx="4", cy="4", r="2", fill=colour)
        return pattern
    ET.SubElement(
        pattern, f"{{{SVG_NS}}}path", _stroke("M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4", colour)
    )
    if index >= 3:
        ET.SubElement(
            pattern, f"{{{SVG_NS}}}path", _stroke("M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4", colour)
        )
    return pattern


def _stroke(path: str, colour: str) -> dict[str, str]:
    return {"d": path, "stroke": colour, "stroke-width": "2"}
