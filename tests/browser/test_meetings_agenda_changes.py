"""Changing an agenda and recording an MDO in Chromium, with axe on every page (issue #6).

The secretary moves an item up and takes another off after the confirmation page; the
process director records an MDO with two goals and two agreed actions, after asking for more
rows, and first sees the Dutch error next to the field of a half-filled row (nothing saved).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from schakel.accounts.selectors import actor_for
from schakel.cases.models import Case
from schakel.domain.workflow import Phase
from schakel.meetings.models import AgendaItem
from tests.cases.conftest import Walker, marloes, reclassering, refer, rik, sanne, wim
from tests.meetings.conftest import CTX, add_item, invite, meeting_input

__all__ = ["marloes", "reclassering", "rik", "sanne", "wim"]

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(page: Page, form_id: str, button: str) -> None:
    page.locator(f"#{form_id}").get_by_role("button", name=button).click()
    page.wait_for_load_state("load")


def test_the_secretary_reorders_and_trims_the_agenda(
    visit, house, anouk, sanne, wim, no_2fa
) -> None:
    from schakel.meetings import services

    walker = Walker(anouk, sanne, house)
    meeting = services.meeting_create(
        actor=actor_for(sanne), ctx=CTX, data=meeting_input(anouk, sanne)
    )[0]
    items = [add_item(sanne, meeting, walker.to_preparation(refer(wim, house))) for _ in range(3)]
    invite(sanne, items[1], house["ggz"], "In behandeling bij Dimence.")
    secretary = visit()
    secretary.login("sanne")
    page = secretary.goto(f"/overleggen/{meeting.pk}/")
    secretary.screenshot("meetings-agenda-changes")
    page.get_by_role("button", name="Punt 3 omhoog").click()
    secretary.check()
    assert "De volgorde van de agenda is gewijzigd." in page.content()
    assert list(meeting.items.values_list("pk", flat=True)) == [
        items[0].pk,
        items[2].pk,
        items[1].pk,
    ]
    page.get_by_role("link", name="Punt 3 van de agenda halen").click()
    secretary.check()
    assert "Stichting Dimence" in page.get_by_test_id("ending").inner_text()
    _submit(page, "remove", "Ja, van de agenda halen")
    secretary.check()
    assert page.get_by_test_id("item-row").count() == 2
    assert not AgendaItem.objects.filter(pk=items[1].pk).exists()
    secretary.goto("/overleggen/")
    assert "(1)" in page.get_by_role("heading", name="Casussen die wachten").inner_text()


def test_the_mdo_records_two_goals_and_two_actions(
    visit, house, anouk, sanne, rik, wim, reclassering, no_2fa
) -> None:
    from schakel.meetings import services

    case = Walker(anouk, sanne, house).to_mdo(refer(wim, house))
    mdo = services.meeting_create(
        actor=actor_for(anouk), ctx=CTX, data=meeting_input(anouk, sanne, kind="mdo", title="MDO")
    )[0]
    item = add_item(sanne, mdo, case)
    invite(sanne, item, house["reclassering"], "Reclassering houdt toezicht.")
    director = visit()
    director.login("anouk")
    page = director.goto(f"/overleggen/{mdo.pk}/punten/{item.pk}/")
    page.get_by_role("link", name="Meer rijen voor doelen en acties").click()
    director.check()
    assert page.get_by_test_id("action-row").count() == 5
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    page.get_by_label("Casusregisseur").select_option(label="Rik Visser")
    page.get_by_label("Partij die de betrokkene informeert").select_option(index=1)
    page.get_by_label("Geïnformeerd op").fill(timezone.localdate().isoformat())
    page.get_by_label("Criteria voor afschaling (Art. 8.4d)").fill("Drie maanden stabiel.")
    for n, (domain, goal) in enumerate([("housing", "Vaste woonplek."), ("finances", "Schulden.")]):
        page.locator(f"#id_plan-goals-{n}-life_domain").select_option(domain)
        page.locator(f"#id_plan-goals-{n}-goal").fill(goal)
    for n, text in enumerate(["Woonplek zoeken", "Budgetbeheer regelen"]):
        page.locator(f"#id_plan-actions-{n}-life_domain").select_option("housing")
        page.locator(f"#id_plan-actions-{n}-description").fill(text)
        page.locator(f"#id_plan-actions-{n}-due_on").fill(due)
    page.locator("#id_plan-actions-0-owning_party").select_option(index=1)
    _submit(page, "plan", "Plan van aanpak vaststellen")
    errors = director.console_errors
    errors[:] = [e for e in errors if "status of 400" not in e]  # the refusal itself
    director.check()
    director.screenshot("meetings-mdo-rows")
    error = page.locator("#id_plan-actions-1-owning_party_error").inner_text()
    assert "Kies de partij die de actie uitvoert." in error
    assert Case.objects.get(pk=case.pk).phase == Phase.mdo  # nothing saved
    page.locator("#id_plan-actions-1-owning_party").select_option(index=2)
    _submit(page, "plan", "Plan van aanpak vaststellen")
    director.check()
    case = Case.objects.get(pk=case.pk)
    assert case.phase == Phase.execution and case.actions.count() == 2
    assert len(case.plans.get().goals) == 2
