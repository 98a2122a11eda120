"""Charts drawn by pygal and finished as accessible SVG that a strict
Content-Security-Policy lets into a page. No Django and nothing of Kāhui: a pygal chart
in, SVG text out, for any app that draws charts (the inquiry's, a group's health trend).

pygal (pure Python, no system libraries) draws; :func:`finish` then makes the SVG fit
for people who do not see it and for the page's CSP:

- ``role="img"`` with ``aria-labelledby`` naming a ``<title>`` and a ``<desc>`` (a
  sentence that says what the chart shows, with its numbers), under the id given;
- pygal's scripts, tooltips and hover titles (which need JavaScript) are left out, and
  no element carries a ``style`` attribute. The chart's CSS is one ``<style>`` element
  scoped to the chart's id: pass the page's CSP nonce as ``nonce`` when the SVG goes
  inline into HTML (with nonces allowed in ``style-src``), or serve the SVG as a file
  of its own;
- no information is carried by colour alone: :func:`config` prints every value, and
  series after the first get a fill pattern of their own (hatched, dotted,
  cross-hatched) in the bars and in the legend.

The page shows a table of the same numbers beside each chart."""

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

from pygal.style import Style

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
# pygal names a chart's root "chart-<uuid>"; finish() gives it the id asked for.
_DRAWN_ID = "chart-kahui-drawn"


def plain_number(value: float) -> str:
    """A number with at most two decimals and no trailing zeros: 3.5, 12, -0.25."""
    if not math.isfinite(value):
        return str(value)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def plotted(values: Sequence[float]) -> list[float]:
    """Values as drawn: to six decimals, below which pygal's axis arithmetic breaks down
    (the table beside the chart has the numbers as they are)."""
    return [round(value, 6) + 0.0 for value in values]


def config(
    format_number: Callable[[float], str] = plain_number,
    *,
    colours: Sequence[str] = COLOURS,
    **options: object,
) -> dict[str, object]:
    """The options every chart starts from (pass them to a pygal chart's constructor):
    white background, quiet guide lines, readable type, no scripts, every value printed
    with ``format_number``. ``options`` add to them or replace them."""
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
        colors=tuple(colours),
        value_colors=(TEXT,) * len(colours),
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


def finish(
    chart: Any,
    *,
    chart_id: str,
    title: str,
    description: str,
    series: int = 1,
    nonce: str | None = None,
) -> str:
    """``chart`` (a pygal chart) rendered as SVG text with the root id ``chart_id``
    (unique on the page), named by ``title`` and described by ``description``; its
    ``series`` after the first each with a pattern of their own."""
    chart.uuid = _DRAWN_ID.removeprefix("chart-")
    root = ET.fromstring(chart.render(is_unicode=True))  # the parser drops comments
    root.set("id", chart_id)
    _strip_interactive(root)
    title_element = ET.Element(f"{{{SVG_NS}}}title", id=f"{chart_id}-title")
    title_element.text = title
    desc_element = ET.Element(f"{{{SVG_NS}}}desc", id=f"{chart_id}-desc")
    desc_element.text = description
    root.insert(0, title_element)
    root.insert(1, desc_element)
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    _add_patterns(root, chart_id, series, nonce)
    # ElementTree's map of prefixes is global, and other libraries in the process
    # (WeasyPrint, making a PDF) change it: name ours again, so the elements are never
    # written as <ns0:svg>, which an HTML page does not draw.
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    return ET.tostring(root, encoding="unicode")


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
    """Scope pygal's CSS to the chart's id and give series after the first a pattern
    of their own, in the bars and the legend."""
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
    drawn = (style.text or "").replace(f"#{_DRAWN_ID}", f"#{root_id}")
    style.text = drawn + "\n".join(rules)
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
