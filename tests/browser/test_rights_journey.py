"""Rights of the subject in Chromium (issue #5), with axe on every page.

The information coordinator finds the person by BSN, records an access request, sees it in
the register with its deadline, and downloads the access export as PDF and JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.rights.conftest import JEROEN_BSN, MILA_BSN, family, ilse

__all__ = ["family", "ilse"]
pytestmark = pytest.mark.django_db(transaction=True)


def _submit(page: Page, form_id: str, button: str) -> None:
    page.locator(f"#{form_id}").get_by_role("button", name=button).click()
    page.wait_for_load_state("load")


def test_coordinator_records_an_access_request_and_downloads_the_export(
    visit, family, ilse, no_2fa, tmp_path: Path
) -> None:
    v = visit()
    v.login("ilse")
    page = v.page
    page.get_by_role("link", name="Verzoeken betrokkenen").click()
    v.check()
    page.get_by_role("link", name="Verzoek vastleggen").click()
    v.check()
    page.get_by_label("BSN").fill(JEROEN_BSN)
    _submit(page, "find", "Zoek de persoon")
    v.check()
    page.get_by_test_id("persons").get_by_role("link").first.click()
    v.check()

    # A request without its description: the error stands next to the field.
    page.get_by_label("Soort verzoek").select_option(label="Inzage")
    _submit(page, "request", "Verzoek vastleggen")
    # The form comes back with status 400 on purpose; Chromium logs that as a console error.
    v.console_errors[:] = [e for e in v.console_errors if "status of 400" not in e]
    v.check()
    assert page.locator("#request .utrecht-form-field--invalid").count() >= 1
    page.get_by_label("Wat de persoon vraagt").fill("Wil weten wat over hem is vastgelegd.")
    _submit(page, "request", "Verzoek vastleggen")
    v.check()
    assert "Ontvangen" in page.get_by_test_id("status").inner_text()
    assert page.get_by_test_id("deadline").inner_text().strip()

    page.get_by_role("link", name="Verzoeken betrokkenen").first.click()
    v.check()
    assert "Jeroen de Vries" in page.get_by_test_id("register").inner_text()

    v.goto(f"/verzoeken/persoon/{family.jeroen.pk}/")
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Downloaden als PDF").click()
    pdf_path = tmp_path / "inzage.pdf"
    pdf_download.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    with page.expect_download() as json_download:
        page.get_by_role("link", name="Downloaden als JSON").click()
    json_path = tmp_path / "inzage.json"
    json_download.value.save_as(json_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["subject"]["bsn"] == JEROEN_BSN
    assert MILA_BSN not in json_path.read_text(encoding="utf-8")
    assert data["requests"][0]["kind"] == "Inzage"
