"""Charts as inline SVG and shaded tables, made at build time: no script, no other host.

Every chart is a ``<figure>`` holding the SVG (``role="img"`` with a title and description)
and, as its text alternative, the same numbers in a table inside ``<details>``. Labels pass
through ``html_text`` (article-derived names can hold anything). The HTML is written without
blank lines so that Python-Markdown keeps it as one raw block.
"""

from __future__ import annotations

from generator.render.escape import html_text

WIDTH, HEIGHT, PAD_LEFT, PAD_BOTTOM, PAD_TOP = 640, 150, 34, 22, 10


def bar_chart(points: list[tuple[str, float]], title: str, description: str, value_label: str) -> str:
    """Vertical bars, one per label (weeks), with sparse axis labels and a data table."""
    if not points or not any(v for _, v in points):
        return ""
    peak = max(v for _, v in points) or 1
    inner_w = WIDTH - PAD_LEFT - 6
    inner_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    step = inner_w / len(points)
    bar = max(step * 0.8, 1.0)
    every = max(1, round(len(points) / 8))
    parts = _open_svg(title, description, peak, inner_h)
    parts.append(f'<text class="tick" x="{PAD_LEFT - 4}" y="{PAD_TOP + inner_h}" text-anchor="end">0</text>')
    for i, (label, value) in enumerate(points):
        h = inner_h * (value / peak)
        x = PAD_LEFT + i * step + (step - bar) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{PAD_TOP + inner_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}">'
            f"<title>{html_text(label)}: {_num(value)} {html_text(value_label)}</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f'<text class="tick" x="{x + bar / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle">{html_text(_short(label))}</text>'
            )
    parts.append("</svg>")
    table = _table(["Week", value_label.capitalize()], [[label, _num(v)] for label, v in points])
    return _figure("".join(parts), title, table)


def line_chart(points: list[tuple[str, float, str]], title: str, description: str, unit: str) -> str:
    """Values over time (a figure tracker): dots joined by a line, labelled by date."""
    if len(points) < 2:
        return ""
    peak = max(v for _, v, _ in points) or 1
    inner_w = WIDTH - PAD_LEFT - 20
    inner_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    step = inner_w / (len(points) - 1)
    coords = [(PAD_LEFT + 10 + i * step, PAD_TOP + inner_h - inner_h * (v / peak)) for i, (_, v, _) in enumerate(points)]
    parts = _open_svg(title, description, peak, inner_h)
    parts.append('<polyline class="line" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
    every = max(1, round(len(points) / 6))
    for i, ((label, value, who), (x, y)) in enumerate(zip(points, coords, strict=True)):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{html_text(label)}: {_num(value)} {html_text(unit)} '
            f"({html_text(who)})</title></circle>"
        )
        if i % every == 0:
            parts.append(f'<text class="tick" x="{x:.1f}" y="{HEIGHT - 6}" text-anchor="middle">{html_text(label)}</text>')
    parts.append("</svg>")
    table = _table(["Date", unit.capitalize(), "Said by"], [[d, _num(v), w] for d, v, w in points])
    return _figure("".join(parts), title, table)


def heat_table(rows: list[tuple[str, str]], cols: list[tuple[str, str]], values: dict[tuple[int, int], int], caption: str) -> str:
    """A matrix as an HTML table, cells shaded by value; row and column heads are links.

    ``rows`` and ``cols`` are (label, href) pairs, hrefs to built pages (``.html``: MkDocs does
    not rewrite links in raw HTML); the number in each cell is the data itself, so the table is
    its own text alternative.
    """
    if not rows or not cols:
        return ""
    peak = max(values.values(), default=0) or 1
    out = [f'<div class="digest-matrix"><table><caption>{html_text(caption)}</caption><thead><tr><th scope="col"></th>']
    out += [f'<th scope="col"><a href="{html_text(href)}">{html_text(label)}</a></th>' for label, href in cols]
    out.append("</tr></thead><tbody>")
    for r, (label, href) in enumerate(rows):
        out.append(f'<tr><th scope="row"><a href="{html_text(href)}">{html_text(label)}</a></th>')
        for c in range(len(cols)):
            v = values.get((r, c), 0)
            alpha = 0.06 + 0.34 * (v / peak) if v else 0
            style = f' style="background:rgba(63,81,181,{alpha:.2f})"' if v else ""
            out.append(f"<td{style}>{v if v else ''}</td>")
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out) + "\n"


def _open_svg(title: str, description: str, peak: float, inner_h: float) -> list[str]:
    """The opening of a chart: the svg element with its title and description, the x axis,
    and the top value on the y axis."""
    return [
        (
            f'<svg class="digest-chart__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-label="{html_text(title)}" preserveAspectRatio="xMinYMin meet">'
        ),
        f"<title>{html_text(title)}</title><desc>{html_text(description)}</desc>",
        f'<line class="axis" x1="{PAD_LEFT}" y1="{PAD_TOP + inner_h}" x2="{WIDTH - 6}" y2="{PAD_TOP + inner_h}"/>',
        f'<text class="tick" x="{PAD_LEFT - 4}" y="{PAD_TOP + 8}" text-anchor="end">{_num(peak)}</text>',
    ]


def _figure(svg: str, title: str, table: str) -> str:
    return (
        f'<figure class="digest-chart">{svg}<figcaption>{html_text(title)}</figcaption>'
        f"<details><summary>Data of this chart</summary>{table}</details></figure>\n"
    )


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{html_text(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _num(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def _short(week: str) -> str:
    """"2024-W43" -> "W43"."""
    return week[5:] if len(week) == 8 and week[4:6] == "-W" else week
