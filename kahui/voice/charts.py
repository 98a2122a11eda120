"""How a survey's answers on a scale are spread, as an accessible SVG bar chart.
Plain data in, SVG text out: no Django, nothing of Kāhui.

Drawn by pygal and made fit for the page as the inquiry's charts are
(``kahui/inquiry/charts.py``): ``role="img"`` with ``aria-labelledby`` naming a
``<title>`` and a ``<desc>`` (a sentence with the numbers), every count printed on its
bar, pygal's scripts, tooltips and hover classes left out, and its CSS kept in the one
``<style>`` element, which carries the page's CSP nonce (``style-src`` allows it). The
page shows a table of the same numbers beside the chart."""

import xml.etree.ElementTree as ET
from collections.abc import Sequence

import pygal
from pygal.style import Style

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

WIDTH, HEIGHT = 480, 260
TEXT = "#1a1a1a"
BAR = "#1f4e79"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"
_HOVER_CLASSES = {"reactive", "tooltip-trigger", "activate-serie"}


def _style() -> Style:
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground=TEXT,
        foreground_strong=TEXT,
        foreground_subtle="#595959",
        guide_stroke_color="#d9d9d9",
        major_guide_stroke_color="#bfbfbf",
        guide_stroke_dasharray="none",
        major_guide_stroke_dasharray="none",
        colors=(BAR,),
        value_colors=(TEXT,),
        opacity="1",
        opacity_hover="1",
        transition="0ms",
        font_family=FONT,
        label_font_size=14,
        major_label_font_size=14,
        value_font_size=14,
        title_font_size=16,
    )


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
        style=_style(),
        width=WIDTH,
        height=HEIGHT,
        js=[],  # no scripts: they would break the page's CSP and need a network
        disable_xml_declaration=True,
        print_values=True,
        print_values_position="top",
        show_legend=False,
        include_x_axis=True,
        truncate_label=-1,
        y_labels=_ticks(max(counts, default=0)),
        classes=["kahui-chart"],
    )
    chart.uuid = chart_id  # pygal names the root "chart-<uuid>" and scopes its CSS to it
    chart.x_labels = list(labels)
    chart.y_title = y_title
    chart.add(y_title, list(counts))
    root = ET.fromstring(chart.render(is_unicode=True))
    root_id = root.get("id", "")
    drop = {f"{{{SVG_NS}}}{tag}" for tag in ("script", "title", "desc")}
    for parent in list(root.iter()):
        for child in list(parent):
            classes = child.get("class", "").split()
            if child.tag in drop or "tooltip-overlay" in classes:
                parent.remove(child)
            elif "reactive" in classes:
                child.set("class", " ".join(c for c in classes if c not in _HOVER_CLASSES))
    for element in root.iter():
        element.attrib.pop("style", None)  # inline style attributes: refused by the CSP
    title_element = ET.Element(f"{{{SVG_NS}}}title", id=f"{root_id}-title")
    title_element.text = title
    desc_element = ET.Element(f"{{{SVG_NS}}}desc", id=f"{root_id}-desc")
    desc_element.text = description
    root.insert(0, title_element)
    root.insert(1, desc_element)
    root.set("role", "img")
    root.set("aria-labelledby", f"{root_id}-title {root_id}-desc")
    style = root.find(f"{{{SVG_NS}}}defs/{{{SVG_NS}}}style")
    if style is not None:
        # Printed counts keep a white halo, so a guide line never runs through them.
        style.text = (style.text or "") + (
            f"#{root_id} .text-overlay text.value"
            "{paint-order:stroke;stroke:#ffffff;stroke-width:4px;stroke-linejoin:round}"
        )
        if nonce:
            style.set("nonce", nonce)
    return ET.tostring(root, encoding="unicode")
