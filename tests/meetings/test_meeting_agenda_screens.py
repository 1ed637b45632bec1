"""The screens and API operations that change a composed agenda, and the MDO screen with
several goals and agreed actions (rows without JavaScript; nothing saved when a row is wrong)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.accounts.services import api_token_create
from schakel.cases.models import Case
from schakel.domain.workflow import Phase
from schakel.meetings import services
from schakel.meetings.models import AgendaItem
from tests.cases.conftest import refer
from tests.meetings.conftest import CTX, add_item, fresh, invite, meeting_input

pytestmark = pytest.mark.django_db


def test_taking_an_item_off_asks_for_confirmation(agenda, sanne, login_client) -> None:
    meeting, items = agenda
    client = login_client(sanne)
    page = client.get(f"/overleggen/{meeting.pk}/").content.decode()
    assert "Punt 3 omhoog" in page and "Punt 1 omlaag" in page
    assert "Punt 1 omhoog" not in page and "Punt 3 omlaag" not in page
    url = f"/overleggen/{meeting.pk}/punten/{items[1].pk}/verwijderen/"
    confirm = client.get(url)
    assert confirm.status_code == 200
    text = confirm.content.decode()
    assert "Ja, van de agenda halen" in text and "Stichting Dimence" in text
    assert AgendaItem.objects.filter(pk=items[1].pk).exists()  # a GET changes nothing
    response = client.post(url)
    assert response.status_code == 302 and response.url == f"/overleggen/{meeting.pk}/"
    assert not AgendaItem.objects.filter(pk=items[1].pk).exists()
    assert client.post(url).status_code == 404  # gone


def test_a_decided_item_cannot_be_taken_off_on_the_screen(agenda, sanne, login_client) -> None:
    meeting, items = agenda
    services.item_decide(
        actor=actor_for(sanne),
        ctx=CTX,
        item_id=items[0].pk,
        decision="scale_down",
        motivation="Geen risico meer.",
    )
    client = login_client(sanne)
    url = f"/overleggen/{meeting.pk}/punten/{items[0].pk}/verwijderen/"
    assert client.get(url).status_code == 302
    refused = client.post(url)
    assert refused.status_code == 409
    assert "Het besluit over dit agendapunt is al vastgelegd." in refused.content.decode()
    assert AgendaItem.objects.filter(pk=items[0].pk).exists()


def test_moving_an_item_on_the_screen(agenda, sanne, login_client) -> None:
    meeting, items = agenda
    client = login_client(sanne)
    base = f"/overleggen/{meeting.pk}/punten/"
    response = client.post(f"{base}{items[2].pk}/verplaatsen/", {"direction": "up"})
    assert response.status_code == 302
    assert list(meeting.items.values_list("pk", flat=True)) == [
        items[0].pk,
        items[2].pk,
        items[1].pk,
    ]
    refused = client.post(f"{base}{items[0].pk}/verplaatsen/", {"direction": "up"}, follow=True)
    assert "Dit punt staat al bovenaan." in refused.content.decode()


def test_the_api_removes_and_moves_items(agenda, sanne, kees) -> None:
    meeting, items = agenda
    _, secret = api_token_create(user=sanne, name="test")
    api = Client(headers={"Authorization": f"Token {secret}"})
    base = f"/api/v1/meetings/{meeting.pk}/items"
    moved = api.post(
        f"{base}/{items[1].pk}/position", {"direction": "down"}, content_type="application/json"
    )
    assert moved.status_code == 200, moved.content
    assert [row["id"] for row in moved.json()["items"]] == [items[0].pk, items[2].pk, items[1].pk]
    at_bottom = api.post(
        f"{base}/{items[1].pk}/position", {"direction": "down"}, content_type="application/json"
    )
    assert at_bottom.status_code == 400
    assert at_bottom["Content-Type"].startswith("application/problem+json")
    removed = api.delete(f"{base}/{items[0].pk}")
    assert removed.status_code == 200
    assert [row["position"] for row in removed.json()["items"]] == [1, 2]
    assert api.delete(f"{base}/{items[0].pk}").status_code == 404
    services.item_decide(
        actor=actor_for(sanne), ctx=CTX, item_id=items[2].pk, decision="isd", motivation="Ja."
    )
    decided = api.delete(f"{base}/{items[2].pk}")
    assert decided.status_code == 409 and decided.json()["type"].endswith("meeting-state")
    _, theirs = api_token_create(user=kees, name="test")
    other = Client(headers={"Authorization": f"Token {theirs}"})
    assert other.delete(f"{base}/{items[1].pk}").status_code == 404


def _mdo(anouk, sanne, wim, house, walker):  # type: ignore[no-untyped-def]
    case = walker.to_mdo(refer(wim, house))
    mdo = services.meeting_create(
        actor=actor_for(anouk), ctx=CTX, data=meeting_input(anouk, sanne, kind="mdo", title="MDO")
    )[0]
    item = add_item(sanne, mdo, case)
    invite(sanne, item, house["reclassering"], "Reclassering houdt toezicht.")
    return case, mdo, item


def _plan_post(rik, house, goals, actions):  # type: ignore[no-untyped-def]
    data = {
        "plan-case_director": rik.pk,
        "plan-informer_party": house["reclassering"].pk,
        "plan-inform_on": (timezone.localdate() + timedelta(days=2)).isoformat(),
        "plan-inform_postponed_reason": "",
        "plan-closure_criteria": "Drie maanden stabiel wonen.",
    }
    for prefix, rows in (("plan-goals", goals), ("plan-actions", actions)):
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0})
        for index, row in enumerate(rows):
            data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def test_the_mdo_records_several_goals_and_actions(
    anouk, sanne, rik, wim, house, walker, reclassering, login_client
) -> None:
    case, mdo, item = _mdo(anouk, sanne, wim, house, walker)
    client = login_client(anouk)
    url = f"/overleggen/{mdo.pk}/punten/{item.pk}/"
    page = client.get(url).content.decode()
    assert page.count('data-testid="goal-row"') == 3 and "?rijen=5" in page
    more = client.get(url + "?rijen=5").content.decode()
    assert more.count('data-testid="action-row"') == 5
    assert client.get(url + "?rijen=abc").content.decode().count('data-testid="goal-row"') == 3
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    goals = [
        {"life_domain": "housing", "goal": "Een vaste woonplek."},
        {"life_domain": "finances", "goal": "Schulden in beeld."},
        {"life_domain": "", "goal": ""},  # an empty row is skipped
    ]
    action = {
        "life_domain": "housing",
        "description": "Woonplek zoeken",
        "owning_party": house["zwolle"].pk,
        "due_on": due,
    }
    half = {"life_domain": "finances", "description": "Budgetbeheer regelen", "due_on": due}
    refused = client.post(url + "plan/", _plan_post(rik, house, goals, [action, half]))
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Kies de partij die de actie uitvoert." in text
    assert "Er is niets opgeslagen." in text
    case = fresh(case)
    assert case.phase == Phase.mdo and not case.actions.exists() and not case.plans.exists()
    second = {**half, "owning_party": house["reclassering"].pk}
    done = client.post(url + "plan/", _plan_post(rik, house, goals, [action, second]))
    assert done.status_code == 302, done.content.decode()
    case = Case.objects.get(pk=case.pk)
    assert case.phase == Phase.execution
    assert sorted(case.actions.values_list("description", flat=True)) == [
        "Budgetbeheer regelen",
        "Woonplek zoeken",
    ]
    assert sorted(goal["goal"] for goal in case.plans.get().goals) == [
        "Een vaste woonplek.",
        "Schulden in beeld.",
    ]


def test_the_mdo_needs_a_first_goal_and_action(
    anouk, sanne, rik, wim, house, walker, reclassering, login_client
) -> None:
    case, mdo, item = _mdo(anouk, sanne, wim, house, walker)
    empty_goal = {"life_domain": "", "goal": ""}
    empty_action = {"life_domain": "", "description": "", "owning_party": "", "due_on": ""}
    response = login_client(anouk).post(
        f"/overleggen/{mdo.pk}/punten/{item.pk}/plan/",
        _plan_post(rik, house, [empty_goal], [empty_action]),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Beschrijf het doel." in text and "Beschrijf de afgesproken actie." in text
    assert fresh(case).phase == Phase.mdo


def test_the_board_counts_the_waiting_cases(waiting, sanne, login_client) -> None:
    cases = [waiting(), waiting()]
    page = login_client(sanne).get("/overleggen/").content.decode()
    assert "Casussen die wachten op een tafel (2)" in page
    assert all(case.number in page for case in cases)
