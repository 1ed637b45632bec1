"""Small server-side SVG charts: the same markup in the page and in the PDF, no JavaScript.

Presentation attributes only (``fill=``, ``font-size=``): the CSP forbids ``style=""``. A hidden
(suppressed) value draws no bar and shows its marker, so a chart never reveals more than its
table. Every chart has a name for screen readers; the table next to it holds the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from schakel.domain.indicators import Cell

ACCENT = "#00568b"
TEXT = "#001a40"
SUBTLE = "#3d5374"
GRID = "#c0c7d2"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def _svg(width: int, height: int, label: str, body: list[str]) -> SafeString:
    name = escape(label)
    return mark_safe(  # noqa: S308 -- every text in `body` is escaped where it is built
        f'<svg xmlns="http://www.w3.org/2000/svg" class="schakel-chart" role="img" '
        f'aria-label="{name}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="12" fill="{TEXT}">'
        f"<title>{name}</title>{''.join(body)}</svg>"
    )


def _scale(values: Sequence[Cell]) -> int:
    return max([v for v in values if isinstance(v, int)] + [1])


def bar_chart(items: Sequence[tuple[str, Cell]], label: str, width: int = 560) -> SafeString:
    """Horizontal bars, one per item: its label on the left, the value (or marker) after it."""
    row, label_width, value_width = 24, 200, 48
    plot = width - label_width - value_width
    top = _scale([value for _, value in items])
    body: list[str] = []
    for index, (name, value) in enumerate(items):
        y = index * row
        text = escape(name if len(name) <= 30 else name[:29] + "…")
        body.append(f'<text x="0" y="{y + 16}">{text}</text>')
        length = round(plot * value / top) if isinstance(value, int) else 0
        if length:
            body.append(
                f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="{row - 8}" '
                f'fill="{ACCENT}"/>'
            )
        body.append(
            f'<text x="{label_width + length + 6}" y="{y + 16}">{escape(str(value))}</text>'
        )
    return _svg(width, max(row * len(items), row), label, body)


def column_chart(
    items: Sequence[tuple[str, Cell]],
    label: str,
    *,
    width: int = 560,
    height: int = 180,
    small: bool = False,
) -> SafeString:
    """Vertical columns over time; ``small`` leaves out the labels (small multiples: the
    numbers are in the table under the charts)."""
    bottom = 8 if small else 36
    top_margin = 4 if small else 18
    plot = height - bottom - top_margin
    step = width / max(len(items), 1)
    top = _scale([value for _, value in items])
    body = [
        f'<line x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    ]
    for index, (name, value) in enumerate(items):
        x = round(index * step + step * 0.15)
        bar = round(step * 0.7)
        size = round(plot * value / top) if isinstance(value, int) else 0
        if size:
            body.append(
                f'<rect x="{x}" y="{height - bottom - size}" width="{bar}" height="{size}" '
                f'fill="{ACCENT}"/>'
            )
        elif isinstance(value, str):
            # A hidden value: a dotted outline, the same for "<5" and "x", reveals nothing.
            body.append(
                f'<rect x="{x}" y="{height - bottom - 6}" width="{bar}" height="6" fill="none" '
                f'stroke="{SUBTLE}" stroke-dasharray="2 2"/>'
            )
        if not small:
            centre = round(x + bar / 2)
            body.append(
                f'<text x="{centre}" y="{height - bottom - size - 4}" text-anchor="middle">'
                f"{escape(str(value))}</text>"
                f'<text x="{centre}" y="{height - bottom + 16}" text-anchor="middle" '
                f'fill="{SUBTLE}" font-size="11">{escape(name)}</text>'
            )
    return _svg(width, height, label, body)
