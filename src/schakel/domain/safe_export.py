"""Cells for CSV and XLSX exports that a spreadsheet cannot run as a formula (CSV injection).

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return may be taken for a
formula by Excel or LibreOffice (OWASP "CSV Injection"); such a cell gets a leading apostrophe,
which the spreadsheet shows as text. Numbers stay numbers (a negative count is not a formula), so
sums still work. Every text cell goes through `escape_cell`, labels included: a party or
municipality name is typed in by users.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TypeAlias

from schakel.domain.indicators import DIMENSION_LABELS_NL, RowKey, SuppressedTable
from schakel.domain.target_groups import TARGET_GROUP_LABELS_NL

ExportCell: TypeAlias = str | int | float | Decimal

DANGEROUS_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
UNKNOWN_NL = "Onbekend"
TOTAL_NL = "Totaal"
_GROUP_LABELS = {group.value: label for group, label in TARGET_GROUP_LABELS_NL.items()}


def escape_cell(value: object) -> ExportCell:
    """A safe cell: numbers unchanged, None empty, anything else text (with an apostrophe in
    front when it starts with one of `DANGEROUS_PREFIXES`). Booleans and non-finite floats
    become text: they are no counts."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if text.startswith(DANGEROUS_PREFIXES) else text


def row_label(key: RowKey, names: Mapping[int, str] | None = None) -> str:
    """The Dutch label of a row: a target group's name, a looked-up name for a key, or ``#key``."""
    if key is None:
        return UNKNOWN_NL
    if isinstance(key, int):
        return (names or {}).get(key, f"#{key}")
    return _GROUP_LABELS.get(key, key)


def rows_for_export(
    table: SuppressedTable, names: Mapping[int, str] | None = None
) -> list[list[ExportCell]]:
    """A header row, one row per key and a totals row, every cell escaped. Only a suppressed
    table can be exported: raw counts never leave the domain."""
    header = [DIMENSION_LABELS_NL[table.dimension], *table.column_labels, TOTAL_NL]
    labels = [row_label(key, names) for key in table.rows] + [TOTAL_NL]
    found = [[escape_cell(cell) for cell in header]]
    found += [
        [escape_cell(label), *(escape_cell(cell) for cell in line)]
        for label, line in zip(labels, table.grid, strict=True)
    ]
    return found
