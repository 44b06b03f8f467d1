"""Charts as inline SVG and shaded tables, made at build time: no script, no other host.

Every chart is a ``<figure>`` holding the SVG (``role="img"`` with a title and description)
and its caption, followed by its text alternative: the same numbers in a table inside
``<details>`` (next to the figure, not in it: HTML allows only a caption beside a figure's
content). Labels pass through ``html_text`` (article-derived names can hold anything). The
HTML is written without blank lines so that Python-Markdown keeps it as one raw block.

No colour is written here: the SVG carries classes and ``digest.css`` paints them with CSS
variables, so charts follow the light and dark palettes; text uses ``currentColor``.
The axis labels sit inside the drawing (the top value above its grid line, at the left edge)
so that no label is cut off at any size, and ``digest.css`` enlarges them on phones, where
the drawing is scaled down; labels marked ``tick--minor`` are dropped there to make room.
"""

from __future__ import annotations

import datetime as dt

from generator.render.escape import html_text

WIDTH, HEIGHT, PAD_TOP, PAD_BOTTOM, PAD_SIDE = 640, 180, 26, 28, 8
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LABEL_GAP = 96  # the least distance between two axis labels, in drawing units (phone size)
BAR_MAX = 40  # the widest bar, in drawing units


def bar_chart(points: list[tuple[str, float]], title: str, description: str, value_label: str) -> str:
    """Vertical bars, one per label (weeks), with sparse axis labels and a data table."""
    if not points or not any(v for _, v in points):
        return ""
    peak = max(v for _, v in points) or 1
    inner_w = WIDTH - 2 * PAD_SIDE
    inner_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    step = inner_w / len(points)
    bar = min(max(step * 0.8, 1.0), BAR_MAX)  # a subject of a few weeks: narrow bars, not a wall
    every = max(1, round(len(points) / 8))
    parts = _open_svg(title, description, f"{_num(peak)} {value_label}", inner_h)
    for i, (label, value) in enumerate(points):
        h = inner_h * (value / peak)
        x = PAD_SIDE + i * step + (step - bar) / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{PAD_TOP + inner_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}">'
            f"<title>{html_text(label)}: {_num(value)} {html_text(value_label)}</title></rect>"
        )
        if i % every == 0:  # the first with its year: each chart spans its own subject's weeks
            parts.append(_tick(x + bar / 2, label if i == 0 else _short(label),
                               minor=(i // every) % 2 == 1 and step * every < LABEL_GAP))
    parts.append("</svg>")
    table = _table(["Week", value_label.capitalize()], [[label, _num(v)] for label, v in points])
    return _figure("".join(parts), title, table)


def line_chart(points: list[tuple[str, float, str]], title: str, description: str, unit: str) -> str:
    """Values over time (a figure tracker), on a time axis: one dot per day (the highest value
    stated that day; its tooltip lists every statement), joined by a line, labelled by date.

    ``points`` are (ISO date, value, who said it), oldest first; the data table lists them all.
    """
    days: dict[str, list[tuple[float, str]]] = {}
    for label, value, who in points:
        days.setdefault(label, []).append((value, who))
    if len(days) < 2:
        return ""
    ordinals = {label: _ordinal(label, i) for i, label in enumerate(days)}
    first, last = min(ordinals.values()), max(ordinals.values())
    span = (last - first) or 1
    peak = max(v for _, v, _ in points) or 1
    inner_w = WIDTH - 2 * PAD_SIDE - 16
    inner_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    parts = _open_svg(title, description, f"{_compact(peak)} {unit}", inner_h)
    coords = []
    for label, said in days.items():
        x = PAD_SIDE + 8 + inner_w * (ordinals[label] - first) / span
        y = PAD_TOP + inner_h - inner_h * (max(v for v, _ in said) / peak)
        coords.append((label, said, x, y))
    parts.append('<polyline class="line" points="' + " ".join(f"{x:.1f},{y:.1f}" for _, _, x, y in coords) + '"/>')
    shown = -LABEL_GAP
    for label, said, x, y in coords:
        statements = "; ".join(f"{_num(v)} {unit} ({who})" for v, who in said)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5"><title>{html_text(label)}: {html_text(statements)}</title></circle>')
        if x - shown >= LABEL_GAP:
            parts.append(_tick(x, _day(label)))
            shown = x
    parts.append("</svg>")
    table = _table(["Date", unit.capitalize(), "Said by"], [[d, _num(v), w] for d, v, w in points])
    return _figure("".join(parts), title, table)


HEAT_LEVELS = 5


def heat_table(rows: list[tuple[str, str]], cols: list[tuple[str, str]], values: dict[tuple[int, int], int], caption: str) -> str:
    """A matrix as an HTML table, cells shaded by value; row and column heads are links.

    ``rows`` and ``cols`` are (label, href) pairs, hrefs to built pages (``.html``: MkDocs does
    not rewrite links in raw HTML); the number in each cell is the data itself, so the table is
    its own text alternative. The shade is one of ``HEAT_LEVELS`` classes (``digest-heat-1`` ..
    ``-5``), coloured by ``digest.css`` for each palette. Column heads are set upright in the
    stylesheet, so that a column is as narrow as its numbers.
    """
    if not rows or not cols:
        return ""
    peak = max(values.values(), default=0) or 1
    out = [f'<div class="digest-matrix"><table><caption>{html_text(caption)}</caption><thead><tr><td></td>']
    out += [f'<th scope="col"><a href="{html_text(href)}">{html_text(label)}</a></th>' for label, href in cols]
    out.append("</tr></thead><tbody>")
    for r, (label, href) in enumerate(rows):
        out.append(f'<tr><th scope="row"><a href="{html_text(href)}">{html_text(label)}</a></th>')
        for c in range(len(cols)):
            v = values.get((r, c), 0)
            level = max(1, -(-v * HEAT_LEVELS // peak)) if v else 0
            out.append(f'<td class="digest-heat-{level}">{v}</td>' if v else "<td></td>")
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out) + "\n"


def _open_svg(title: str, description: str, top_label: str, inner_h: float) -> list[str]:
    """The opening of a chart: the svg element with its title and description, the x axis,
    and the top value as a labelled grid line."""
    return [
        (
            f'<svg class="digest-chart__svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-label="{html_text(title)}" preserveAspectRatio="xMinYMin meet">'
        ),
        f"<title>{html_text(title)}</title><desc>{html_text(description)}</desc>",
        f'<line class="grid" x1="0" y1="{PAD_TOP}" x2="{WIDTH}" y2="{PAD_TOP}"/>',
        f'<text class="tick" x="0" y="{PAD_TOP - 8}">{html_text(top_label)}</text>',
        f'<line class="axis" x1="0" y1="{PAD_TOP + inner_h}" x2="{WIDTH}" y2="{PAD_TOP + inner_h}"/>',
    ]


def _tick(x: float, label: str, minor: bool = False) -> str:
    """An x-axis label centred under ``x``, or aligned to the edge it would run over."""
    anchor = "start" if x < LABEL_GAP / 2 else "end" if x > WIDTH - LABEL_GAP / 2 else "middle"
    cls = "tick tick--minor" if minor else "tick"
    return f'<text class="{cls}" x="{x:.1f}" y="{HEIGHT - 6}" text-anchor="{anchor}">{html_text(label)}</text>'


def _figure(svg: str, title: str, table: str) -> str:
    return (
        f'<div class="digest-chart"><figure>{svg}<figcaption>{html_text(title)}</figcaption></figure>'
        f"<details><summary>Data of this chart</summary>{table}</details></div>\n"
    )


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{html_text(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _num(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def _compact(v: float) -> str:
    """An axis label that fits: 60000000000 -> "60 billion", 1500000 -> "1.5 million"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(v) >= size:
            return f"{v / size:,.1f}".removesuffix(".0") + f" {word}"
    return _num(v)


def _short(week: str) -> str:
    """"2024-W43" -> "W43"."""
    return week[5:] if len(week) == 8 and week[4:6] == "-W" else week


def _ordinal(label: str, index: int) -> int:
    """The day number of an ISO date, for the time axis (``index`` when it is not a date)."""
    try:
        return dt.date.fromisoformat(label).toordinal()
    except ValueError:
        return index


def _day(label: str) -> str:
    """"2024-10-18" -> "18 Oct" (other labels unchanged)."""
    try:
        d = dt.date.fromisoformat(label)
    except ValueError:
        return label
    return f"{d.day} {MONTHS[d.month - 1]}"
