"""Charts drawn on the server as inline SVG (pure: plain data in, markup out).

Each chart is narrow (320 units wide) so that it stays legible on a 360 px phone; labels sit
above their bars. The page always puts the same figures in a table under the chart.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
BAR_ROW = 34
COLOURS = ["#1d70b8", "#00703c", "#b58840", "#d4351c"]


def _num(value) -> str:
    if isinstance(value, Decimal | float):
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{value:,}"


def bars(title: str, rows: list[tuple[str, float]], *, unit: str = "", target=None) -> SafeString:
    """Horizontal bars, one per (label, value); `target` draws a dashed reference line."""
    top = max([float(v or 0) for _, v in rows] + [float(target or 0), 1])
    height = BAR_ROW * len(rows) + 8
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(rows):
        y = i * BAR_ROW
        length = (WIDTH - 70) * float(value or 0) / top
        parts.append(f'<text x="0" y="{y + 12}" font-size="12">{escape(label)}</text>')
        parts.append(
            f'<rect x="0" y="{y + 16}" width="{length:.1f}" height="12" '
            f'fill="{COLOURS[i % len(COLOURS)]}"></rect>'
        )
        shown = "—" if value is None else _num(value) + unit
        parts.append(f'<text x="{length + 4:.1f}" y="{y + 27}" font-size="12">{shown}</text>')
    if target is not None:
        x = (WIDTH - 70) * float(target) / top
        parts.append(
            f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{height}" stroke="#0b0c0c" '
            'stroke-dasharray="4 3"></line>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every label above is escaped)


def line(title: str, labels: list[str], series: list[tuple[str, list[int]]]) -> SafeString:
    """A line chart over time (x: `labels`, one polyline per named series, with a legend)."""
    left, right, top, bottom = 28, WIDTH - 6, 22, 150
    peak = max([max(values or [0]) for _, values in series] + [1])
    step = (right - left) / max(len(labels) - 1, 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} 175" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#505a5f"></line>',
        f'<text x="0" y="{top + 4}" font-size="11">{peak}</text>',
        f'<text x="0" y="{bottom}" font-size="11">0</text>',
    ]
    for i, label in enumerate(labels):
        if i % 3 == 0 or i == len(labels) - 1:
            x = left + i * step
            parts.append(
                f'<text x="{x:.1f}" y="{bottom + 14}" font-size="10" text-anchor="middle">'
                f"{escape(label[2:])}</text>"
            )
    for k, (name, values) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        points = " ".join(
            f"{left + i * step:.1f},{bottom - (bottom - top) * v / peak:.1f}"
            for i, v in enumerate(values)
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2">'
            "</polyline>"
        )
        parts.append(
            f'<rect x="{left + k * 120}" y="2" width="10" height="10" fill="{colour}"></rect>'
            f'<text x="{left + k * 120 + 14}" y="11" font-size="11">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every label above is escaped)
