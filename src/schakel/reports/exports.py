"""CSV and XLSX of the report's tables. Every cell goes through `domain.safe_export`: text that a
spreadsheet could take for a formula is escaped, numbers stay numbers. Only suppressed tables
come here. Each file says who made it and when (SCREENS.md: exports say who made them)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal

import xlsxwriter

from schakel.domain.indicators import DIMENSION_LABELS_NL, SuppressedTable
from schakel.domain.lead_times import LeadTimes
from schakel.domain.safe_export import ExportCell, escape_cell, row_label, rows_for_export
from schakel.domain.workflow import PHASE_LABELS_NL
from schakel.reports.selectors import BudgetRow

Rows = list[list[ExportCell]]


def table_rows(table: SuppressedTable, names: Mapping[int, str]) -> Rows:
    return rows_for_export(table, names)


def lead_time_rows(lead: LeadTimes, names: Mapping[int, str]) -> Rows:
    title = f"{PHASE_LABELS_NL[lead.source]} → {PHASE_LABELS_NL[lead.target]}"
    header = [DIMENSION_LABELS_NL[lead.dimension], "Casussen", "Mediaan (dagen)", "P90 (dagen)"]
    rows: Rows = [[escape_cell(title)], [escape_cell(cell) for cell in header]]
    for line in (*lead.rows, lead.total):
        label = "Totaal" if line is lead.total else row_label(line.row, names)
        rows.append([escape_cell(v) for v in (label, line.cases, line.median_days, line.p90_days)])
    return rows


def budget_rows(lines: Sequence[BudgetRow]) -> Rows:
    header = ["Categorie", "Omschrijving", "Begroot (EUR)", "Besteed (EUR)", "Resterend (EUR)"]
    rows: Rows = [[escape_cell(cell) for cell in header]]
    for line in lines:
        rows.append(
            [
                escape_cell(line.category),
                escape_cell(line.description),
                Decimal(line.budget_cents) / 100,
                Decimal(line.actual_cents) / 100,
                Decimal(line.remaining_cents) / 100,
            ]
        )
    return rows


def made_by_line(made_by: str, made_at: str) -> list[ExportCell]:
    return [escape_cell(f"Gemaakt door {made_by} op {made_at}")]


def csv_bytes(title: str, rows: Rows, *, made_by: str, made_at: str) -> bytes:
    """Semicolon-separated (Dutch Excel), UTF-8 with a byte-order mark so Excel reads it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([escape_cell(title)])
    writer.writerow(made_by_line(made_by, made_at))
    writer.writerow([])
    # Escaped again here (idempotent): no caller can hand the writer an unescaped cell.
    writer.writerows([escape_cell(cell) for cell in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_name(name: str, used: set[str]) -> str:
    clean = "".join(c for c in name if c not in "[]:*?/\\")[:28] or "Tabel"
    candidate, n = clean, 2
    while candidate.lower() in used:
        candidate, n = f"{clean[:26]} {n}", n + 1
    used.add(candidate.lower())
    return candidate


def xlsx_bytes(
    sheets: Sequence[tuple[str, Rows]], *, title: str, made_by: str, made_at: str
) -> bytes:
    """One sheet per table. Strings are written as strings (never `write()`, which would turn a
    leading ``=`` into a formula), numbers as numbers."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = book.add_format({"bold": True})
    used: set[str] = set()
    for name, rows in sheets:
        sheet = book.add_worksheet(_sheet_name(name, used))
        sheet.write_string(0, 0, str(escape_cell(f"{title} — {name}")), bold)
        sheet.write_string(1, 0, str(made_by_line(made_by, made_at)[0]))
        for r, row in enumerate(rows, start=3):
            for c, raw in enumerate(row):
                cell = escape_cell(raw)
                if isinstance(cell, (int, float, Decimal)):
                    sheet.write_number(r, c, float(cell))
                else:
                    sheet.write_string(r, c, cell, bold if r == 3 else None)
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, 8, 16)
    book.close()
    return out.getvalue()
