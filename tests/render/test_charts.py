"""Charts as inline SVG: one point per day on a time axis, labels that fit, no colour in the
markup (the stylesheet paints them for each palette), the data table beside the figure."""

from __future__ import annotations

import re

from generator.render.charts import bar_chart, heat_table, line_chart


def circles(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([0-9.]+)" cy="([0-9.]+)"', svg)]


def test_line_chart_draws_one_point_per_day_on_a_time_axis():
    points = [
        ("2024-10-18", 1500, "NIS"),
        ("2024-10-18", 12000, "NIS"),  # the same day: one dot, the highest value
        ("2024-10-20", 3000, "Ukraine"),
        ("2024-11-19", 11000, "Zelensky"),
    ]
    html = line_chart(points, "Troops over time", "Line chart.", "troops")
    dots = circles(html)
    assert len(dots) == 3
    xs = [x for x, _ in dots]
    # 2 days then 30 days apart: the gaps follow the calendar, not the order of the points
    assert 10 < (xs[2] - xs[1]) / (xs[1] - xs[0]) < 20
    assert dots[0][1] == min(y for _, y in dots)  # 12,000 on the 18th is the top value
    assert "1,500 troops (NIS); 12,000 troops (NIS)" in html  # both statements in its tooltip
    assert html.count("<tr>") == 5  # the data table keeps every statement (and its head)
    assert ">18 Oct<" in html and ">19 Nov<" in html


def test_line_chart_needs_two_days():
    assert line_chart([("2024-11-05", 1, "a"), ("2024-11-05", 2, "b")], "t", "d", "u") == ""


def test_axis_labels_stay_inside_the_drawing():
    html = bar_chart([(f"2024-W{w}", w * 1000.0) for w in range(30, 53)], "Mentions", "Bar chart.", "mentions")
    width = int(re.search(r'viewBox="0 0 (\d+) \d+"', html).group(1))
    for x, anchor in re.findall(r'<text class="tick[^"]*" x="([0-9.]+)" y="[0-9.]+"(?: text-anchor="(\w+)")?', html):
        x = float(x)
        assert 0 <= x <= width
        if x < 40:
            assert anchor in ("", "start"), (x, anchor)
        if x > width - 40:
            assert anchor == "end", (x, anchor)
    assert ">52,000 mentions<" in html
    assert "tick--minor" in html  # dropped on phones, where the drawing is scaled down
    big = line_chart([("2024-11-07", 6e10, "a"), ("2024-11-21", 2.75e8, "b")], "Aid", "d", "USD")
    assert ">60 billion USD<" in big


def test_charts_name_no_colour_and_keep_the_data_beside_the_figure():
    html = bar_chart([("2024-W44", 2), ("2024-W45", 5)], "Articles", "Bar chart.", "articles")
    html += heat_table([("Russia", "a.html"), ("China", "b.html")], [("Sanctions", "s.html")], {(0, 0): 5, (1, 0): 1}, "Grid")
    assert not re.search(r"(fill|stroke|style)=|#[0-9a-fA-F]{3,6}\b|rgba?\(", html)
    assert re.search(r"</figure><details><summary>Data of this chart</summary><table>", html)
    assert '<td class="digest-heat-5">5</td>' in html and '<td class="digest-heat-1">1</td>' in html


def test_a_bar_chart_names_its_first_week_with_the_year_and_keeps_few_bars_narrow():
    """Each chart spans its own subject's weeks: the first label says which year it starts in;
    a subject of one or two weeks gets bars of a bar's width, not a wall."""
    html = bar_chart([("2024-W52", 3.0), ("2025-W01", 5.0)], "Mentions", "Bar chart.", "mentions")
    labels = re.findall(r'<text class="tick[^"]*"[^>]*>([^<]+)</text>', html)
    assert labels[:2] == ["5 mentions", "2024-W52"] and "W01" in labels
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([0-9.]+)"', html)]
    assert len(widths) == 2 and all(0 < w <= 40 for w in widths)
