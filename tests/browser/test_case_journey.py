"""One case from referral to closure in Chromium, as the real roles, with axe on every page.

The police delegate refers; the process director triages and admits; the secretary prepares
and schedules the conference and records its decision; the process director writes the plan in
the MDO; the case director (Reclassering) updates an action; the process director closes.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page

from schakel.cases.models import Case
from schakel.domain.parties import PartyDomain, PartyKind
from schakel.domain.roles import Role
from schakel.parties.services import covenant_ensure, membership_ensure, party_ensure
from tests.conftest import _person

pytestmark = pytest.mark.django_db(transaction=True)


def _open(page: Page, key: str) -> None:
    """The editing forms with long lists open on their own page (issue 9: the case page)."""
    page.locator(f"#{key} a").click()
    page.wait_for_load_state("load")


def _submit(page: Page, form_id: str, button: str) -> None:
    page.locator(f"#{form_id}").get_by_role("button", name=button).click()
    page.wait_for_load_state("load")


def _phase(page: Page) -> str:
    return page.get_by_test_id("phase").inner_text()


def test_a_case_from_referral_to_closure(visit, house, anouk, kees, no_2fa) -> None:
    reclassering = party_ensure(
        name="Reclassering Nederland",
        slug="reclassering",
        kind=PartyKind.partner,
        domain=PartyDomain.criminal_justice,
        is_core_partner=True,
    )
    covenant = covenant_ensure(
        title="Convenant IJsselland", version="1.0", signed_on=date(2022, 3, 1)
    )
    membership_ensure(party=reclassering, covenant=covenant, joined_on=date(2022, 3, 1))
    house["reclassering"] = reclassering
    _person(house, "sanne", "house", Role.conference_secretary, "Sanne", "de Boer")
    _person(house, "rik", "reclassering", Role.partner_delegate, "Rik", "Visser")
    soon = (date.today() + timedelta(days=7)).isoformat()
    later = (date.today() + timedelta(days=30)).isoformat()

    # 1. The police delegate refers.
    police = visit()
    police.login("kees")
    page = police.page
    page.get_by_role("link", name="Nieuwe aanmelding").click()
    police.check()
    page.locator("#id_s0_first_name").fill("Jeroen")
    page.locator("#id_s0_last_name").fill("de Vries")
    page.locator("#id_s0_date_of_birth").fill("2001-04-12")
    page.locator("#id_s0_bsn").fill("123456789")
    page.get_by_label("Doelgroep").select_option(label="Veelplegers")
    page.get_by_label("Betrokken gemeente").select_option(label="Gemeente Zwolle")
    page.get_by_label("Hoe kwam de casus binnen").select_option(label="ZSM")
    page.get_by_label("Reden van aanmelding").fill("Derde aanhouding in een maand.")
    page.get_by_label("Doel van de aanmelding").fill("Samenhangende aanpak.")
    page.get_by_role("button", name="Casus aanmelden").click()
    page.wait_for_load_state("load")
    # The form comes back with status 400 on purpose; Chromium logs that as a console error.
    police.console_errors[:] = [e for e in police.console_errors if "status of 400" not in e]
    police.check()
    assert "elfproef" in page.inner_text("main")  # a wrong BSN: shown, nothing saved
    page.locator("#id_s0_bsn").fill("999990019")
    page.get_by_role("button", name="Casus aanmelden").click()
    page.wait_for_load_state("load")
    police.check()
    assert "Vertrouwelijk" in page.inner_text("main")
    assert _phase(page) == "Aanmelding"
    case_url = page.url.removeprefix(police.base_url)
    # The case's process director is the acting user: a process director acts only on the
    # cases they direct (and the intake queue, which the case leaves at admission).
    Case.objects.filter(pk=int(case_url.strip("/").split("/")[-1])).update(process_director=anouk)

    # 2. The process director triages and admits.
    pd = visit()
    pd.login("anouk")
    page = pd.page
    page.get_by_role("link", name="Casussen").click()
    pd.check()
    page.get_by_role("link", name="ZVH-").first.click()
    pd.check()
    _submit(page, "t-start_triage", "Triage starten")
    pd.check()
    assert _phase(page) == "Triage"
    _open(page, "consult")
    form = page.locator("#consult")
    form.get_by_label("Te bevragen partijen").select_option(label="Stichting Dimence")
    _submit(page, "consult", "Deze partijen bevragen")
    pd.check()
    _open(page, "criteria")
    form = page.locator("#criteria")
    for number, holds in ((1, "yes"), (2, "no"), (3, "yes"), (4, "yes")):
        form.get_by_label(f"Criterium {number}:").select_option(holds)
        form.get_by_label(f"Motivering bij criterium {number}").fill(f"Motivering {number}.")
    form.get_by_label("Beoordeeld in overleg met de aanmeldende partij").check()
    _submit(page, "criteria", "Criteria opslaan")
    pd.check()
    assert "voldoet aan de criteria" in page.inner_text("main")
    page.locator("#t-admit").get_by_label("Casustafel").select_option(label="Regionale Casustafel")
    _submit(page, "t-admit", "Toelaten")
    pd.check()
    assert _phase(page) == "Voorbereiding casustafel"

    # 3. The secretary prepares and schedules; the conference decides.
    secretary = visit()
    secretary.login("sanne")
    page = secretary.page
    secretary.goto(case_url)
    _open(page, "conf")
    form = page.locator("#conf")
    form.get_by_label("Doel van de casustafel").fill("Richting bepalen en regie beleggen.")
    form.get_by_label("Datum van de casustafel").fill(soon)
    form.get_by_label("Partij uitnodigen").select_option(label="Reclassering Nederland")
    form.get_by_label("Waarom deze partij").fill("Toezicht loopt.")
    _submit(page, "conf", "Voorbereiding opslaan")
    secretary.check()
    _submit(page, "t-schedule_conference", "Agenderen voor casustafel")
    secretary.check()
    assert _phase(page) == "Regionale Casustafel"
    form = page.locator("#t-record_conference_decision")
    form.get_by_label("Besluit van de casustafel").select_option(label="Procesregie VHH")
    form.get_by_label("Motivering").fill("Meerdere ketens nodig; het VHH voert regie.")
    _submit(page, "t-record_conference_decision", "Besluit casustafel vastleggen")
    secretary.check()
    assert _phase(page) == "MDO"

    # 4. The MDO: case director, informing, the plan; adopted.
    page = pd.page
    pd.goto(case_url)
    _open(page, "cd")
    page.locator("#cd").get_by_label("Casusregisseur").select_option(
        label="Rik Visser (Reclassering Nederland)"
    )
    _submit(page, "cd", "Casusregisseur aanwijzen")
    pd.check()
    _open(page, "inform")
    form = page.locator("#inform")
    form.get_by_label("Wie informeert de betrokkene").select_option(label="Reclassering Nederland")
    form.get_by_label("Wanneer").fill(soon)
    _submit(page, "inform", "Informeren opslaan")
    pd.check()
    _open(page, "plan")
    form = page.locator("#plan")
    form.get_by_label("Leefgebied van doel 1").select_option(label="Wonen")
    page.locator("#id_plan-goal0_goal").fill("Een vaste woonplek.")
    form.get_by_label("Leefgebied van actie 1").select_option(label="Wonen")
    page.locator("#id_plan-action0_description").fill("Woonplek via de gemeente")
    form.get_by_label("Verantwoordelijke partij voor actie 1").select_option(
        label="Gemeente Zwolle"
    )
    form.get_by_label("Termijn van actie 1").fill(later)
    form.get_by_label("Criteria voor afschaling").fill("Vaste woonplek; behandeling loopt.")
    _submit(page, "plan", "Plan van aanpak opslaan")
    pd.check()
    _submit(page, "t-adopt_plan", "Plan van aanpak vaststellen")
    pd.check()
    assert _phase(page) == "Uitvoering plan van aanpak"

    # 5. The case director updates the action and writes a note.
    director = visit()
    director.login("rik")
    page = director.page
    director.goto(case_url)
    page.get_by_label("Status van “Woonplek via de gemeente”").select_option(label="Afgerond")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state("load")
    director.check()
    page.locator("#note").get_by_label("Voortgangsnotitie").fill("Woonplek gevonden.")
    _submit(page, "note", "Notitie toevoegen")
    director.check()
    assert "Woonplek gevonden." in page.inner_text("main")

    # 6. The process director closes.
    page = pd.page
    pd.goto(case_url)
    page.locator("#t-decide_closure").get_by_label("Motivering").fill("Criteria gehaald.")
    page.locator("#t-decide_closure").get_by_label(
        "Zijn de afschalingscriteria behaald?"
    ).select_option(label="Ja")
    _submit(page, "t-decide_closure", "Besluiten tot afschaling")
    pd.check()
    form = page.locator("#t-complete_closure")
    form.get_by_label("Overgedragen aan").select_option(label="Gemeente Zwolle")
    form.get_by_label("Overdracht").fill("Overdracht aan het sociaal team.")
    _submit(page, "t-complete_closure", "Afschaling afronden")
    pd.check()
    assert _phase(page) == "Afgesloten"
    assert "alleen-lezen" in page.inner_text("main")
    assert page.locator("form#note").count() == 0
    pd.screenshot("case-closed")

    # A delegate of a party that is not involved gets the plain 404 page.
    tactus = party_ensure(
        name="Tactus Verslavingszorg",
        slug="tactus",
        kind=PartyKind.partner,
        domain=PartyDomain.care,
        is_core_partner=True,
    )
    membership_ensure(party=tactus, covenant=covenant, joined_on=date(2022, 3, 1))
    house["tactus"] = tactus
    _person(house, "ole", "tactus", Role.partner_delegate, "Ole", "Buiten")
    outsider = visit()
    outsider.login("ole")
    response = outsider.page.goto(outsider.base_url + case_url)
    assert response is not None and response.status == 404
    assert "Jeroen" not in outsider.page.inner_text("body")
