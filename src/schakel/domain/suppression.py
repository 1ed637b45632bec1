"""Small-cell suppression: every count table goes through `suppress` before anyone sees it.

Suppression rule (`suppress`), applied to the cells *and* to the row, column and grand totals:

1. Primary: a count of 1 up to ``threshold - 1`` (default 1-4) is shown as ``"<5"``. Zero is shown.
2. Complementary: a table is a set of lines (each row with its row total, each column with its
   column total, the totals row and the totals column with the grand total); in each line the
   total equals the sum of the cells. If a hidden entry can be derived exactly from its line --
   in particular when exactly one cell of a line with a visible total is hidden -- the next
   smallest visible non-zero cell of that line is hidden as well (the line's total when no such
   cell is left), shown as ``"x"`` (CBS: "geheim"; not ``"<5"``, as it is 5 or more), and the
   check is repeated until no line gives a hidden entry away. "Derived" assumes a reader who
   knows the rule: a ``"<5"`` entry lies in 1..4, an ``"x"`` entry is at least 5 (it would be
   ``"<5"`` or ``0`` otherwise). The threshold is at least 3 (``"<2"`` would say 1).

Known limits: the check is per line (no linear programming across lines), and a line whose
non-zero entries are all hidden can still pin them (four ``"<5"`` cells under a ``"<5"`` total are
all 1); use coarser periods or dimensions when that matters.
"""

from __future__ import annotations

import math
from typing import TypeAlias

from schakel.domain.indicators import CountTable, SuppressedTable, Table

COMPLEMENTARY = "x"
_Pos: TypeAlias = tuple[int, int]


def _lines(rows: int, columns: int) -> list[tuple[list[_Pos], _Pos]]:
    """(cells, total) of every row and column, the totals row and column included."""
    found = [([(r, c) for c in range(columns)], (r, columns)) for r in range(rows + 1)]
    found += [([(r, c) for r in range(rows)], (rows, c)) for c in range(columns + 1)]
    return found


def _pinned(
    cells: list[_Pos], total: _Pos, value: list[list[int]], bounds: dict[_Pos, tuple[float, float]]
) -> bool:
    """Whether ``total = sum(cells)`` with the visible entries fixes a hidden entry exactly."""
    signed = [(total, 1)] + [(cell, -1) for cell in cells]
    known = sum(sign * value[r][c] for (r, c), sign in signed if (r, c) not in bounds)
    hidden = [(pos, sign) for pos, sign in signed if pos in bounds]
    for pos, sign in hidden:
        low = high = float(known)
        for other, other_sign in hidden:
            if other != pos:
                other_low, other_high = bounds[other]
                low += other_low if other_sign > 0 else -other_high
                high += other_high if other_sign > 0 else -other_low
        # sign * x + (rest in [low, high]) = 0
        low_x, high_x = (-high, -low) if sign > 0 else (low, high)
        low_x, high_x = max(low_x, bounds[pos][0]), min(high_x, bounds[pos][1])
        if low_x == high_x:
            return True
    return False


def suppress(table: CountTable, threshold: int = 5) -> SuppressedTable:
    """Hide small numbers and whatever would give them away; see the module docstring."""
    if threshold < 3:
        raise ValueError("threshold must be at least 3 (a marker '<2' would say 1)")
    rows, columns = len(table.rows), len(table.columns)
    value = [list(line) for line in table.grid]
    bounds: dict[_Pos, tuple[float, float]] = {
        (r, c): (1, threshold - 1)
        for r in range(rows + 1)
        for c in range(columns + 1)
        if 0 < value[r][c] < threshold
    }
    primary = set(bounds)
    lines = _lines(rows, columns)
    changed = True
    while changed:
        changed = False
        for cells, total in lines:
            if not _pinned(cells, total, value, bounds):
                continue
            visible = [(value[r][c], (r, c)) for r, c in cells if (r, c) not in bounds]
            candidates = sorted((v, pos) for v, pos in visible if v > 0)
            if candidates:
                bounds[candidates[0][1]] = (threshold, math.inf)
            elif total not in bounds and value[total[0]][total[1]] > 0:
                bounds[total] = (threshold, math.inf)
            else:
                continue  # every non-zero entry is hidden already (a known limit)
            changed = True
    marker = f"<{threshold}"
    grid = tuple(
        tuple(
            (marker if (r, c) in primary else COMPLEMENTARY) if (r, c) in bounds else v
            for c, v in enumerate(line)
        )
        for r, line in enumerate(value)
    )
    return Table(table.dimension, table.columns, table.column_labels, table.rows, grid)
