"""Lawful sharing in Chromium (issue #4), with axe on every page.

The GGZ delegate adds information; the process director proposes sharing it with the police;
the police delegate cannot see it; the GGZ delegate releases it; now the police delegate sees
it; the privacy officer finds the person and sees both reads in the access log.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases import services
from schakel.cases.models import CaseParty
from schakel.domain.roles import Role
from tests.conftest import _person

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(page: Page, form_id: str, button: str) -> None:
    page.locator(f"#{form_id}").get_by_role("button", name=button).click()
    page.wait_for_load_state("load")


def test_information_is_seen_only_after_release(
    visit, house, anouk, kees, daan, pieter, no_2fa
) -> None:
    from datetime import date

    case = services.case_refer(
        actor=actor_for(kees),
        ctx=AuditContext.system(),
        subjects=[
            services.SubjectInput(
                first_name="Jeroen",
                last_name="de Vries",
                date_of_birth=date(2001, 4, 12),
                bsn="999990019",
                address="Voorbeeldstraat 1, Zwolle",
            )
        ],
        municipality_id=house["zwolle"].pk,
        target_group="prolific_offenders",
        inflow="zsm",
        reason="Derde aanhouding in een maand.",
        goal="Samenhangende aanpak.",
    )
    CaseParty.objects.create(
        case=case,
        party=house["ggz"],
        relation="invited",
        justification="In behandeling bij Dimence (Art. 12.2e).",
        added_by=anouk,
        added_at=timezone.now(),
    )
    # Anouk directs this case: only the case's own process director proposes releases.
    case.process_director = anouk
    case.save()
    case_url = f"/casussen/{case.pk}/"

    # 1. The GGZ delegate adds information.
    ggz = visit()
    ggz.login("daan")
    page = ggz.goto(case_url)
    page.get_by_role("link", name="Informatie toevoegen").click()
    ggz.check()
    page.get_by_label("Titel").fill("Behandelcontext")
    page.get_by_label("Soort informatie").select_option(label="Feit")
    page.get_by_label("Informatie", exact=True).fill("In behandeling sinds 2024.")
    page.get_by_label("Wettelijk regime").select_option(label="Medisch beroepsgeheim")
    page.get_by_label("Bijzondere persoonsgegevens (gezondheid, strafrechtelijk)").check()
    page.get_by_label("Gebruiksvoorwaarden").fill("Alleen voor de casustafel.")
    _submit(page, "item", "Informatie toevoegen")
    ggz.check()
    assert "In behandeling sinds 2024." in page.get_by_test_id("content").inner_text()
    item_url = page.url.removeprefix(ggz.base_url)

    # 2. The process director proposes sharing it with the police.
    pd = visit()
    pd.login("anouk")
    page = pd.goto(item_url)
    form = page.locator("#propose")
    form.get_by_label("Delen met").select_option(label="Politie Regionale Eenheid Oost-Nederland")
    form.get_by_label("Doel", exact=True).select_option(label="Lezen voor de casustafel")
    _submit(page, "propose", "Voorstel versturen")
    pd.check()
    assert "Voorgesteld" in page.inner_text("main")

    # 3. The police delegate cannot see it: not on the case page, 404 on the item page.
    police = visit()
    police.login("kees")
    page = police.goto(case_url)
    assert "Behandelcontext" not in page.inner_text("main")
    response = page.goto(police.base_url + item_url)
    assert response is not None and response.status == 404
    police.console_errors[:] = [e for e in police.console_errors if "status of 404" not in e]
    police.check()

    # 4. The GGZ delegate releases it, with a reason.
    page = ggz.goto(item_url)
    form = page.locator("form", has_text="Besluit over delen met")
    form.get_by_label("Besluit").select_option(label="Vrijgeven")
    form.get_by_label("Reden").fill("Nodig om de casustafel voor te bereiden.")
    form.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_load_state("load")
    ggz.check()
    assert "Vrijgegeven" in page.inner_text("main")

    # 5. Now the police delegate sees it.
    page = police.goto(case_url)
    page.get_by_role("link", name="Behandelcontext").click()
    police.check()
    assert "In behandeling sinds 2024." in page.get_by_test_id("content").inner_text()

    # 6. The privacy officer finds the person and sees both reads.
    officer = visit()
    officer.login("pieter")
    page = officer.goto("/")
    page.get_by_role("link", name="Toegangslog").click()
    officer.check()
    page.get_by_label("Casusnummer").fill(case.number)
    page.get_by_role("button", name="Personen zoeken").click()
    page.wait_for_load_state("load")
    officer.check()
    page.get_by_role("link", name="Jeroen de Vries").click()
    officer.check()
    rows = page.get_by_test_id("log").locator("tbody tr")
    item_reads = [
        text for text in rows.all_inner_texts() if "information_item" in text and "Ingezien" in text
    ]
    assert any("Kees Hendriks" in t and "Politie" in t for t in item_reads), item_reads
    assert any("Daan Meijer" in t and "Dimence" in t for t in item_reads), item_reads
    officer.screenshot("sharing-access-log")

    # 7. Break-the-glass: another process director does not see the case; with a written
    #    reason she may open it for a few hours, and the privacy officer sees that at once.
    _person(house, "bram", "house", Role.process_director, "Bram", "Kok")
    other = visit()
    other.login("bram")
    page = other.goto("/casussen/")
    assert case.number not in page.inner_text("main")
    page.get_by_role("link", name="Noodtoegang aanvragen (break-the-glass)").click()
    other.check()
    page.get_by_label("Casusnummer").fill(case.number)
    page.get_by_label("Reden").fill("Even kijken.")
    _submit(page, "emergency", "Casus openen")
    # A refused form answers 400 (nothing saved); the browser logs that status, nothing else.
    other.console_errors[:] = [e for e in other.console_errors if "status of 400" not in e]
    other.check()
    assert "minstens 30 tekens" in page.inner_text("main")
    page.get_by_label("Reden").fill(
        "Politie meldt acute dreiging; Anouk is vandaag niet bereikbaar."
    )
    _submit(page, "emergency", "Casus openen")
    other.check()
    assert page.url.endswith(case_url)
    assert "noodtoegang" in page.get_by_test_id("emergency-grant").inner_text()
    assert "Jeroen" in page.inner_text("main")

    page = officer.goto("/")
    page.get_by_role("link", name="Noodtoegang").click()
    officer.check()
    grants = page.get_by_test_id("grants").inner_text()
    assert case.number in grants and "Bram Kok" in grants and "acute dreiging" in grants
    form = page.locator("form", has_text="Bevinding")
    form.get_by_label("Bevinding").fill("Terecht gebruikt; besproken met Anouk.")
    form.get_by_role("button", name="Markeren als beoordeeld").click()
    page.wait_for_load_state("load")
    officer.check()
    assert "Niets te beoordelen." in page.inner_text("main")
