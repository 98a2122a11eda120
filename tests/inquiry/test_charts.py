import xml.etree.ElementTree as ET
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kahui.inquiry import charts
from kahui.inquiry.analysis import (
    DataSet,
    Observation,
    compare,
    distribution_by_bins,
    distribution_by_level,
    trend,
)
from kahui.inquiry.charts import (
    before_after_chart,
    distribution_chart,
    plain_number,
    trend_chart,
)
from tests.inquiry.marked import marked_texts

SVG = "{http://www.w3.org/2000/svg}"
LEVELS = ["Well below", "Below", "At", "Above"]


def reading(values, label="", taken_on=None):
    observations = tuple(Observation(v, f"A{i}") for i, v in enumerate(values))
    return DataSet("reading age", observations, label=label, taken_on=taken_on)


def comparison():
    return compare(reading([7.5, 8, 8.5, 7, 7.25, 9]), reading([8.5, 8.5, 9.5, 8, 8, 9.75]))


def parsed(chart) -> ET.Element:
    """The chart's SVG as XML, checked for what every chart must hold."""
    root = ET.fromstring(chart.svg)  # well-formed, or this raises
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == chart.title
    assert desc.text == chart.description
    assert len(root.findall(f".//{SVG}title")) == 1
    for element in root.iter():
        assert element.tag != f"{SVG}script"
        assert "style" not in element.attrib  # inline styles would break the page's CSP
        assert not any(name.startswith("on") for name in element.attrib)
        assert not any("http" in value for value in element.attrib.values())
    assert "<!--" not in chart.svg
    return root


def printed_values(root) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text") if "value" in t.get("class", "").split()]


def texts(root) -> set[str]:
    return {t.text for t in root.iter(f"{SVG}text") if t.text}


def test_before_and_after_bars_with_their_numbers_beside_them():
    chart = before_after_chart(comparison(), before_label="February", after_label="June")
    root = parsed(chart)
    assert chart.title == "reading age: before and after"
    assert chart.description == (
        "Bar chart of the mean reading age: 7.88 in February (6 values) and 8.71 in June "
        "(6 values), a change of +0.83."
    )
    # Each bar says what it is on the axis and carries its value: no colour needed.
    assert {"February", "June"} <= texts(root)
    assert printed_values(root) == ["7.88", "8.71"]
    assert chart.table.headers == ("Data set", "Values", "Mean", "Median", "Lowest", "Highest")
    assert chart.table.rows == (
        ("February", "6", "7.88", "7.75", "7", "9"),
        ("June", "6", "8.71", "8.5", "8", "9.75"),
        ("Change", "0", "+0.83", "+0.75", "", ""),
    )
    assert chart.table.caption == chart.title
    assert root.find(f".//{SVG}g[@class='legends']/{SVG}g") is None  # one series, no legend


def test_a_trend_line_with_a_point_per_data_set():
    sets = [
        reading([7, 8], "Feb", date(2027, 2, 8)),
        reading([8.5, 9.5], "Jun", date(2027, 6, 20)),
        reading([8, 8.5], "Apr", date(2027, 4, 8)),
    ]
    chart = trend_chart(trend(sets), format_date=lambda d: d.strftime("%d %b %Y"))
    root = parsed(chart)
    assert chart.description == (
        "Line chart of the mean reading age in 3 data sets, from 7.5 on 08 Feb 2027 to 9 on "
        "20 Jun 2027."
    )
    assert {"08 Feb 2027", "08 Apr 2027", "20 Jun 2027"} <= texts(root)
    assert printed_values(root) == ["7.5", "8.25", "9"]
    assert [row[:4] for row in chart.table.rows] == [
        ("08 Feb 2027", "Feb", "2", "7.5"),
        ("08 Apr 2027", "Apr", "2", "8.25"),
        ("20 Jun 2027", "Jun", "2", "9"),
    ]


def test_a_trend_of_one_data_set_says_so():
    chart = trend_chart(trend([reading([3, 4], "Feb", date(2027, 2, 8))]))
    parsed(chart)
    assert chart.description == (
        "Line chart of the mean reading age with one data set so far: 3.5 on 2027-02-08."
    )


def test_a_distribution_over_levels():
    distribution = distribution_by_level([1, 2, 2, 3, 3, 3, 4, 2, 9], LEVELS)
    chart = distribution_chart([("Term 1", distribution)], measure_label="writing")
    root = parsed(chart)
    assert chart.description == (
        "Bar chart of how many of 8 values of writing fall on each level or in each range; "
        "the most, 3, are at Below."
    )
    assert set(LEVELS) <= texts(root)
    assert printed_values(root) == ["1", "3", "3", "1"]
    assert chart.table.headers == ("Level", "Term 1")
    assert chart.table.rows == (
        ("Well below", "1"),
        ("Below", "3"),
        ("At", "3"),
        ("Above", "1"),
        ("Off the scale", "1"),
        ("Total", "8"),
    )
    # Counts are whole numbers, and so is every mark on their axis.
    axis = [t.text for t in root.findall(f".//{SVG}g[@class='axis y always_show']//{SVG}text")]
    assert axis == ["0", "1", "2", "3"]


def test_a_distribution_over_ranges():
    distribution = distribution_by_bins([1210, 1300, 1350, 1420, 1500, 1580, 1390])
    chart = distribution_chart([("Term 1", distribution)], measure_label="e-asTTle reading")
    parsed(chart)
    assert chart.table.headers == ("Range", "Term 1")
    assert chart.table.rows[0] == ("1200–1300", "1")


def test_distributions_side_by_side_differ_in_pattern_not_only_colour():
    series = [
        ("Term 1", distribution_by_level([1, 2, 2, 3], LEVELS)),
        ("Term 2", distribution_by_level([2, 3, 3, 4], LEVELS)),
        ("Term 3", distribution_by_level([3, 4, 4, 4], LEVELS)),
    ]
    chart = distribution_chart(series, measure_label="writing", nonce="n0nce")
    root = parsed(chart)
    assert chart.table.headers == ("Level", "Term 1", "Term 2", "Term 3")
    assert chart.table.rows[-1] == ("Total", "4", "4", "4")
    assert {"Term 1", "Term 2", "Term 3"} <= texts(root)  # the legend names each
    patterns = root.findall(f".//{SVG}defs/{SVG}pattern")
    assert len(patterns) == 2  # the first series is solid; the others hatched and dotted
    style = root.find(f".//{SVG}defs/{SVG}style")
    assert style.get("nonce") == "n0nce"
    for index, pattern in enumerate(patterns, start=1):
        assert f".serie-{index} rect" in style.text
        assert f"legend rect.color-{index}" in style.text
        assert f"url(#{pattern.get('id')})" in style.text
    assert {p[1].tag for p in patterns} == {f"{SVG}path", f"{SVG}circle"}


def test_distributions_side_by_side_must_share_their_levels():
    with pytest.raises(ValueError, match="share"):
        distribution_chart(
            [
                ("A", distribution_by_level([1], LEVELS)),
                ("B", distribution_by_level([1], LEVELS[:3])),
            ],
            measure_label="writing",
        )
    with pytest.raises(ValueError, match="at least one"):
        distribution_chart([], measure_label="writing")


def test_texts_are_translated_and_numbers_formatted_for_the_reader():
    asked = []
    dutch = {
        "%(measure)s: before and after": "%(measure)s: voor en na",
        "Mean": "Gemiddelde",
        "Change": "Verandering",
    }

    def translate(text):
        asked.append(text)
        return dutch.get(text, text)

    chart = before_after_chart(
        comparison(),
        before_label="februari",
        after_label="juni",
        measure_label="leesleeftijd",
        translate=translate,
        format_number=lambda value: f"{value:.1f}".replace(".", ","),
    )
    root = parsed(chart)
    assert chart.title == "leesleeftijd: voor en na"
    assert "Gemiddelde" in chart.table.headers
    assert chart.table.rows[2][:3] == ("Verandering", "0", "+0,8")
    assert printed_values(root) == ["7,9", "8,7"]
    assert "Gemiddelde" in texts(root)
    assert set(asked) <= marked_texts(charts)


def test_every_text_the_charts_show_is_marked():
    asked = []

    def translate(text):
        asked.append(text)
        return text

    before_after_chart(comparison(), before_label="a", after_label="b", translate=translate)
    trend_chart(trend([reading([3], "x", date(2027, 1, 1))]), translate=translate)
    trend_chart(
        trend([reading([3], "x", date(2027, 1, 1)), reading([4], "y", date(2027, 2, 1))]),
        translate=translate,
    )
    for series in (
        [("A", distribution_by_level([1, 7], LEVELS))],
        [("A", distribution_by_bins([1, 5])), ("B", distribution_by_bins([1, 5]))],
    ):
        distribution_chart(series, measure_label="m", translate=translate)
    assert set(asked) == marked_texts(charts)


def test_the_same_chart_renders_the_same_bytes_and_ids_can_be_chosen():
    first = before_after_chart(comparison(), before_label="Feb", after_label="Jun")
    again = before_after_chart(comparison(), before_label="Feb", after_label="Jun")
    other = before_after_chart(comparison(), before_label="Feb", after_label="Nov")
    assert first.svg == again.svg
    assert first.chart_id != other.chart_id
    chosen = before_after_chart(
        comparison(), before_label="Feb", after_label="Jun", chart_id="ba-1"
    )
    assert chosen.chart_id == "chart-ba-1"
    assert ET.fromstring(chosen.svg).get("aria-labelledby") == "chart-ba-1-title chart-ba-1-desc"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3.5, "3.5"),
        (12.0, "12"),
        (-0.25, "-0.25"),
        (2 / 3, "0.67"),
        (-0.001, "0"),
        (1e6, "1000000"),
    ],
)
def test_plain_numbers(value, text):
    assert plain_number(value) == text


# Anything an import lets through: up to a billion either way, and tiny fractions too.
imported = st.floats(min_value=-1e9, max_value=1e9) | st.floats(min_value=-1e-6, max_value=1e-6)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(imported, min_size=1, max_size=40),
    st.lists(imported, min_size=1, max_size=40),
)
def test_any_data_makes_a_well_formed_chart_with_its_numbers_in_the_table(before, after):
    result = compare(DataSet.of("m", before), DataSet.of("m", after))
    chart = before_after_chart(result, before_label="Before", after_label="After")
    parsed(chart)
    assert chart.table.rows[0][2] == plain_number(result.before.mean)
    assert chart.table.rows[1][2] == plain_number(result.after.mean)
    spread = distribution_chart([("Before", distribution_by_bins(before))], measure_label="m")
    parsed(spread)
    assert spread.table.rows[-1] == ("Total", str(len(before)))
    line = trend_chart(
        trend(
            [
                DataSet.of("m", before, label="1", taken_on=date(2027, 2, 1)),
                DataSet.of("m", after, label="2", taken_on=date(2027, 6, 1)),
            ]
        )
    )
    parsed(line)
    assert [row[3] for row in line.table.rows] == [chart.table.rows[0][2], chart.table.rows[1][2]]


def test_a_chart_drawn_after_a_pdf_is_still_plain_svg():
    # Making a PDF (WeasyPrint) changes ElementTree's global map of namespace prefixes;
    # a chart written with another prefix (<ns0:svg>) is not drawn by an HTML page.
    from kahui.core.pdf import html_to_pdf

    html_to_pdf("<p>A page</p>")
    chart = before_after_chart(
        compare(DataSet.of("Reading", [1, 2]), DataSet.of("Reading", [2, 3])),
        before_label="Term 1",
        after_label="Term 2",
    )
    assert chart.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "ns0:" not in chart.svg
