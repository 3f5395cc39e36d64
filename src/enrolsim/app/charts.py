"""The classroom app's line charts, written as inline SVG on the server.

Why not Altair: rebuilding three Vega-Lite specifications a month, validating them and letting
the browser re-embed them took most of a step (about 100 ms each, with vega's own debounce). A
chart here is one short string (a few kB at 60 months): a path per series, the axes, a hover band
per month whose ``<title>`` lists that month's values, an HTML legend and the captions. The
browser swaps it in with ``innerHTML``; nothing is fetched, nothing is compiled.

The functions know nothing of the model or of languages: the app passes the labels in.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 480, 200  # the SVG's own units; the browser scales it to the grid cell's width
LEFT, RIGHT, TOP, BOTTOM = 66, 24, 8, 34  # room for the axes' labels (half a month label on the right)
#: the axes' text in the SVG's units: at 10 a 400-px cell (two columns at 1280x720, a projector's size) drew it 8 px high
FONT_SIZE = 12
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240)  # month-axis tick spacings, in months


@dataclass(frozen=True)
class Series:
    """One line: its legend name, its colour and one value a month (NaN leaves a gap)."""

    name: str
    colour: str
    values: Sequence[float]


def nice_ticks(top: float, most: int = 5) -> list[float]:
    """Ticks 0, s, 2s, ... up to at least ``top``, s being 1, 2 or 5 times a power of ten."""
    if not math.isfinite(top) or top <= 0:
        return [0.0, 1.0]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    count = math.ceil(top / step - 1e-9)
    return [i * step for i in range(count + 1)]


def month_ticks(n: int, most: int = 6) -> list[int]:
    """Which of ``n`` months get a label: every 1, 2, 3, 6, 12... months, at most ``most`` labels."""
    if n <= 0:
        return []
    step = next((s for s in MONTH_STEPS if math.ceil(n / s) <= most), MONTH_STEPS[-1])
    return list(range(0, n, step))


def format_number(value: float) -> str:
    """``1,234`` for an axis or a tooltip; ``2.5`` below 10 (ratios, small counts)."""
    if not math.isfinite(value):
        return "–"
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:.1f}"


def _path(xs: Sequence[float], ys: Sequence[float | None]) -> str:
    """SVG path data through the points, broken where a value is missing."""
    parts, pen_down = [], False
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{x:.1f} {y:.1f}")
        pen_down = True
    return "".join(parts)


def top_of(series: Sequence[Series]) -> float:
    """The largest value of ``series`` (0 if none): charts side by side share the larger top."""
    return max((v for s in series for v in s.values if math.isfinite(v)), default=0.0)


def line_chart_svg(months: Sequence[str], series: Sequence[Series], *, x_label: str, y_label: str, top: float = 0.0) -> str:
    """The plot itself: axes with ticks up to the series' largest value (or ``top``), one line per series, a hover band per month."""
    n = len(months)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    ticks = nice_ticks(max(top_of(series), top))

    def x(i: float) -> float:
        return LEFT + plot_w * (i / (n - 1) if n > 1 else 0.5)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / ticks[-1])

    style = f"max-height:{HEIGHT + 20}px;font:{FONT_SIZE}px sans-serif"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" style="{style}">']
    for t in ticks:  # horizontal grid lines and the value axis
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#e4e4e4"/>')
        out.append(f'<text x="{LEFT - 4}" y="{y(t) + 3:.1f}" text-anchor="end" fill="#555">{format_number(t)}</text>')
    out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#888"/>')
    for i in month_ticks(n):
        out.append(f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{TOP + plot_h}" y2="{TOP + plot_h + 4}" stroke="#888"/>')
        out.append(f'<text class="enrolsim-tick" x="{x(i):.1f}" y="{TOP + plot_h + 14}" text-anchor="middle" fill="#555">{escape(months[i])}</text>')
    out.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 3}" text-anchor="middle" fill="#333">{escape(x_label)}</text>')
    out.append(f'<text transform="rotate(-90)" x="{-(TOP + plot_h / 2):.1f}" y="11" text-anchor="middle" fill="#333">{escape(y_label)}</text>')
    xs = [x(i) for i in range(n)]
    for s in series:
        ys = [y(v) if math.isfinite(v) else None for v in s.values]
        out.append(f'<path class="enrolsim-line" d="{_path(xs, ys)}" fill="none" stroke="{s.colour}" stroke-width="1.8"/>')
        if n <= 40:  # dots while a month is still wide enough to see one
            out.extend(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2" fill="{s.colour}"/>' for px, py in zip(xs, ys, strict=True) if py is not None)
    band = plot_w / max(n - 1, 1)
    out.append('<g fill="transparent">')  # invisible bands over the lines: hovering a month shows its values
    for i in range(n):
        tip = "\n".join([months[i], *(f"{s.name}: {format_number(s.values[i])}" for s in series)])
        out.append(f'<rect x="{x(i) - band / 2:.1f}" y="{TOP}" width="{band:.1f}" height="{plot_h}"><title>{escape(tip)}</title></rect>')
    out.append("</g></svg>")
    return "".join(out)


def legend_html(series: Sequence[Series]) -> str:
    """Colour swatches and names; HTML, so that long names wrap in a narrow cell."""
    items = "".join(
        f'<span class="enrolsim-legend-item" style="margin-right:12px;white-space:nowrap">'
        f'<span style="display:inline-block;width:16px;height:3px;background:{s.colour};vertical-align:middle;margin-right:4px"></span>'
        f"{escape(s.name)}</span>"
        for s in series
    )
    return f'<div class="enrolsim-legend" style="font-size:0.75em;line-height:1.5">{items}</div>'


def chart_html(
    title: str, months: Sequence[str], series: Sequence[Series], *, x_label: str, y_label: str, notes: Sequence[tuple[str, str]], top: float = 0.0
) -> str:
    """A whole chart: title, plot, legend, then ``notes`` as (CSS class, text) lines.

    The notes (the "Months shown" caption among them) are in the same string as the plot, so the
    page never shows a caption ahead of its chart.
    """
    lines = "".join(f'<div class="{escape(cls)}" style="font-size:0.8em">{escape(line)}</div>' for cls, line in notes)
    return (
        f'<div style="font-weight:600;font-size:0.9em">{escape(title)}</div>'
        + line_chart_svg(months, series, x_label=x_label, y_label=y_label, top=top)
        + legend_html(series)
        + lines
    )
