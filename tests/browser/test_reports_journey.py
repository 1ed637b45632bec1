"""Management information in the browser (Art. 11.3e, 19.2): the manager opens the dashboard,
picks a quarter, reads the report, downloads it as PDF and enters a budget line; a process
director sees the dashboard only. axe-core checks every page on the way."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.reports.conftest import fixed_stats, mirjam  # noqa: F401 -- fixtures

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_manager_opens_the_dashboard_and_downloads_the_report(
    visit,
    house,
    mirjam,  # noqa: F811
    anouk,
    fixed_stats,  # noqa: F811
    no_2fa,
) -> None:
    manager = visit()
    manager.login("mirjam")
    page = manager.page
    page.get_by_role("link", name="Rapportage", exact=True).click()
    manager.check()
    page.get_by_label("Periode", exact=True).select_option(label="Q1 2026")
    page.get_by_role("button", name="Tonen").click()
    page.wait_for_load_state("load")
    manager.check()
    main = page.inner_text("main")
    assert "Dashboard: Q1 2026" in main and "<5" in main
    assert page.locator("svg.schakel-chart").count() >= 3
    manager.screenshot("reports-dashboard")

    page.get_by_role("link", name="De rapportage aan de stuurgroep").click()
    page.wait_for_load_state("load")
    manager.check()
    assert "Rapportage aan de stuurgroep: Q1 2026" in page.inner_text("main")
    manager.screenshot("reports-report")
    page.get_by_label("Tekst voor de stuurgroep").fill("Wachttijd GGZ loopt op.")
    page.get_by_role("button", name="Tekst opslaan").click()
    page.wait_for_load_state("load")
    manager.check()

    with page.expect_download() as info:
        page.get_by_role("link", name="Rapportage downloaden (PDF)").click()
    download = info.value
    assert download.suggested_filename == "schakel-rapportage-2026-Q1.pdf"
    pdf = PdfReader(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Q1 2026" in text and "Mirjam de Vries" in text and "Wachttijd GGZ" in text

    # Finances: a budget year and a line; a wrong amount is refused next to the field.
    manager.goto("/rapportage/financien/?jaar=2026")
    page.get_by_label("Jaar", exact=True).last.fill("2026")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    manager.check()
    page.get_by_label("Categorie").fill("Personeel")
    page.get_by_label("Begroot bedrag").fill("-10")
    page.get_by_role("button", name="Voeg toe").first.click()
    page.wait_for_load_state("load")
    manager.check()
    assert "groter dan nul" in page.inner_text("main")
    page.get_by_label("Begroot bedrag").fill("620000")
    page.get_by_role("button", name="Voeg toe").first.click()
    page.wait_for_load_state("load")
    manager.check()
    assert "€ 620.000,00" in page.inner_text("main")

    director = visit()
    director.login("anouk")
    director.page.get_by_role("link", name="Rapportage", exact=True).click()
    director.check()
    assert director.page.get_by_role("link", name="De rapportage aan de stuurgroep").count() == 0
    response = director.page.goto(director.base_url + "/rapportage/verslag/")
    assert response is not None and response.status == 404
