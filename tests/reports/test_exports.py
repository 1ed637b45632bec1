"""Exports: CSV and XLSX per table and of the whole report, the PDF (rendered to a PNG), audit."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pypdfium2
import pytest

from schakel.audit.models import AuditEvent
from schakel.reports.exports import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def _sheet_rows(content: bytes, index: int = 0) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[index]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_of_one_table_holds_the_right_numbers(mirjam, login_client, fixed_stats) -> None:
    response = login_client(mirjam).get("/rapportage/verslag/tabel/referrals.xlsx?periode=2026-Q1")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('schakel-referrals-2026-Q1.xlsx"')
    rows = _sheet_rows(response.content)
    assert rows[1][0].startswith("Gemaakt door Mirjam de Vries op ")
    header = rows[3]
    assert header[:4] == ["Gemeente", "Q4 2025", "Q1 2026", "Totaal"]
    body = {row[0]: row[1:4] for row in rows[4:]}
    # Zwolle: 0 and 12; "elsewhere": 3 in Q4 ("<5"). The totals row would give the 3 away
    # (15 - 12), so the 12s are hidden as well ("x"); the grand total 15 stays.
    assert body["Gemeente Zwolle"][0] == 0
    assert body["#900001"] == ["<5", 0, "<5"]
    assert body["Totaal"][2] == 15
    assert all(not (isinstance(v, (int, float)) and 0 < v < 5) for r in rows[4:] for v in r[1:])
    event = AuditEvent.objects.get(action="export")
    assert event.object_id == "referrals.xlsx:quarter:2026-01-01" and event.user_id == mirjam.pk


def test_csv_of_one_table(stefan, login_client, fixed_stats) -> None:
    response = login_client(stefan).get(
        "/rapportage/verslag/tabel/closures.csv?periode=2026-Q1&indeling=target_group"
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][0].startswith("Gemaakt door Stefan Bos op ")
    assert rows[3][0] == "Doelgroep"
    assert rows[-1][0] == "Totaal" and rows[-1][-1] == "<5"  # four closures in Q1
    assert AuditEvent.objects.filter(action="export", user_id=stefan.pk).count() == 1


def test_unknown_table_or_format_is_not_found(mirjam, login_client, fixed_stats) -> None:
    client = login_client(mirjam)
    assert client.get("/rapportage/verslag/tabel/subjects.csv").status_code == 404
    assert client.get("/rapportage/verslag/tabel/triage.exe").status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_formula_injection_is_escaped_in_csv_and_xlsx() -> None:
    rows = [["Gemeente", "Totaal"], ['=HYPERLINK("http://x")', 7], ["+1", -3], ["@SUM(A1)", 0]]
    text = csv_bytes("=kop", rows, made_by="=Eve", made_at="-1").decode("utf-8-sig")
    for line in text.splitlines():
        assert not line.startswith(("=", "+", "-", "@"))
    content = xlsx_bytes([("=blad", rows)], title="=titel", made_by="@Eve", made_at="nu")
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(not (isinstance(v, str) and v.startswith(("=", "+", "-", "@"))) for v in values)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert -3 in values and 7 in values  # numbers stay numbers


def test_whole_report_xlsx_has_every_table(mirjam, login_client, fixed_stats) -> None:
    response = login_client(mirjam).get("/rapportage/verslag/rapportage.xlsx?periode=2026-Q1")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 8  # six tables, lead times, budget
    triage = _sheet_rows(response.content, 1)
    body = {row[0]: row[1:4] for row in triage[4:]}
    assert body["Totaal"][2] == 10  # ten triage decisions in Q1


def test_report_pdf_renders(mirjam, login_client, fixed_stats, tmp_path) -> None:
    response = login_client(mirjam).get("/rapportage/verslag/rapportage.pdf?periode=2026-Q1")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf = pypdfium2.PdfDocument(response.content)
    assert len(pdf) >= 2
    page = pdf[0]
    text = page.get_textpage().get_text_range()
    assert "Q1 2026" in text and "Mirjam de Vries" in text
    image = page.render(scale=1).to_pil()
    image.save(tmp_path / "page1.png")
    image.save("/tmp/reports-page1.png")
    width, height = image.size
    assert width > 500 and height > 700
    # Not a blank page: the charts and text put dark pixels on it.
    dark = sum(image.convert("L").histogram()[:128])
    assert dark > 1000
    assert AuditEvent.objects.filter(action="export", object_id__startswith="report.pdf").exists()


def test_pdf_of_an_empty_period_renders(mirjam, login_client, db) -> None:
    response = login_client(mirjam).get(
        f"/rapportage/verslag/rapportage.pdf?periode={date.today().year + 5}"
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
