"""A regional case conference in Chromium (issue #6), with axe on every page.

The secretary plans a conference with three cases and invites different parties per item (the
police and GGZ for the first, GGZ for the second, Reclassering for the third). The police
delegate sees only its item and the information GGZ released to the police; the other items
are a 404. The meeting is held; minutes and decisions are recorded per item; each case moves to
its next phase; each party receives only the minutes of its own items.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases.models import Case
from schakel.domain.workflow import Phase
from schakel.meetings.models import AgendaItem, Meeting
from schakel.sharing import services as sharing
from tests.cases.conftest import Walker, marloes, reclassering, refer, rik, sanne, wim

__all__ = ["marloes", "reclassering", "rik", "sanne", "wim"]

pytestmark = pytest.mark.django_db(transaction=True)
CTX = AuditContext.system()


def _submit(page: Page, form_id: str, button: str) -> None:
    page.locator(f"#{form_id}").get_by_role("button", name=button).click()
    page.wait_for_load_state("load")


def _share_with_police(daan, anouk, case: Case, police_id: int) -> None:  # type: ignore[no-untyped-def]
    """GGZ provides information on the first case and releases it to the police for reading
    before the conference (Art. 12.2f, 17.2); a second item stays unreleased."""
    released = sharing.item_add(
        actor=actor_for(daan),
        ctx=CTX,
        case_id=case.pk,
        title="Behandelcontext",
        content="In behandeling sinds 2024.",
        kind="fact",
        regime="medical_secrecy",
    )
    sharing.item_add(
        actor=actor_for(daan),
        ctx=CTX,
        case_id=case.pk,
        title="Medicatie",
        content="Niet gedeeld.",
        kind="fact",
        regime="medical_secrecy",
    )
    release = sharing.release_propose(
        actor=actor_for(anouk),
        ctx=CTX,
        item_id=released.pk,
        recipient_party_id=police_id,
        purpose="pre_conference",
    )
    sharing.release_decide(
        actor=actor_for(daan),
        ctx=CTX,
        release_id=release.pk,
        approve=True,
        reason="Nodig voor de casustafel.",
    )


def test_a_conference_from_planning_to_minutes(
    visit, house, anouk, sanne, kees, daan, rik, wim, reclassering, no_2fa
) -> None:
    walker = Walker(anouk, sanne, house)
    cases = [walker.to_preparation(refer(wim, house)) for _ in range(3)]
    day = timezone.localdate() + timedelta(days=1)

    # 1. The secretary sees the cases waiting and plans the conference.
    secretary = visit()
    secretary.login("sanne")
    page = secretary.goto("/")
    page.get_by_role("link", name="Casustafels").click()
    secretary.check()
    waiting = page.get_by_test_id("waiting").inner_text()
    assert all(case.number in waiting for case in cases)
    page.get_by_role("link", name="Overleg plannen").click()
    secretary.check()
    page.get_by_label("Soort overleg").select_option(label="Regionale Casustafel")
    page.get_by_label("Titel").fill("Regionale Casustafel Zwolle")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_label("Eindtijd").fill("12:00")
    page.get_by_label("Plaats").fill("Zorg- en Veiligheidshuis, Zwolle")
    page.get_by_label("Voorzitter (procesregisseur)").select_option(label="Anouk Jansen")
    page.get_by_label("Secretaris").select_option(label="Sanne de Boer")
    _submit(page, "meeting", "Plannen")
    secretary.check()
    meeting = Meeting.objects.get()
    meeting_url = f"/overleggen/{meeting.pk}/"

    # 2. Three cases on the agenda, each with its goal, decisions and themes (Art. 12.2c).
    invitations = [
        [
            ("Politie Regionale Eenheid Oost-Nederland", "Aangiftes door de politie (Art. 12.2e)."),
            ("Stichting Dimence", "In behandeling bij Dimence (Art. 12.2e)."),
        ],
        [("Stichting Dimence", "Behandelrelatie met Dimence (Art. 12.2e).")],
        [("Reclassering Nederland", "Toezicht door Reclassering (Art. 12.2e).")],
    ]
    for case, parties in zip(cases, invitations, strict=True):
        page = secretary.goto(meeting_url)
        page.get_by_role("link", name="Casus agenderen").click()
        secretary.check()
        page.get_by_label("Casus", exact=True).select_option(
            label=f"{case.number} (Voorbereiding casustafel)"
        )
        page.get_by_label("Doel van de bespreking").fill("Richting en procesregie bepalen.")
        page.get_by_label("Benodigde besluiten").fill("Wie voert de procesregie?")
        page.get_by_label("Gespreksthema’s (Art. 12.2c)").fill("Wonen, verslaving.")
        _submit(page, "item", "Agenderen")
        secretary.check()
        if case == cases[0]:
            # No invitation without a justification: the Dutch reason next to the field.
            form = page.locator("#invite")
            form.get_by_label("Partij", exact=True).select_option(label=parties[0][0])
            _submit(page, "invite", "Uitnodigen")
            errors = secretary.console_errors
            errors[:] = [e for e in errors if "status of 400" not in e]  # the refusal itself
            secretary.check()
            assert "rechtmatig en direct betrokken" in page.locator("#invite").inner_text()
        for party, why in parties:
            form = page.locator("#invite")
            form.get_by_label("Partij", exact=True).select_option(label=party)
            form.get_by_label("Waarom deze partij rechtmatig en direct betrokken is").fill(why)
            _submit(page, "invite", "Uitnodigen")
            secretary.check()
    items = list(AgendaItem.objects.order_by("position"))
    assert [Case.objects.get(pk=c.pk).phase for c in cases] == [Phase.case_conference] * 3
    invited_to = {m.to[0] for m in mail.outbox if m.subject.startswith("Uitnodiging")}
    assert invited_to == {"kees@example.invalid", "daan@example.invalid", "rik@example.invalid"}

    # 3. GGZ releases information on the first case to the police (before the conference).
    _share_with_police(daan, anouk, cases[0], house["police"].pk)

    # 4. The police delegate sees only its own item and what was released to it.
    police = visit()
    police.login("kees")
    page = police.goto("/")
    page.get_by_role("link", name="Mijn overleggen").click()
    police.check()
    mine = page.inner_text("main")
    assert cases[0].number in mine and cases[1].number not in mine
    page.get_by_role("link", name=f"Agendapunt 1: {cases[0].number}").click()
    police.check()
    information = page.get_by_test_id("information").inner_text()
    assert "Behandelcontext" in information and "Medicatie" not in information
    agenda = police.goto(meeting_url).get_by_test_id("agenda").inner_text()
    assert cases[0].number in agenda and cases[2].number not in agenda
    for other in items[1:]:
        response = page.goto(f"{police.base_url}{meeting_url}punten/{other.pk}/")
        assert response is not None and response.status == 404
    police.console_errors[:] = [e for e in police.console_errors if "status of 404" not in e]
    police.check()

    # 5. The day comes; the meeting is held. Minutes and a decision per item.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now()
    )
    page = secretary.goto(meeting_url)
    page.get_by_role("button", name="Vastleggen als gehouden").click()
    page.wait_for_load_state("load")
    secretary.check()
    assert page.get_by_test_id("status").inner_text() == "Gehouden"
    mail.outbox.clear()
    decisions = ["Procesregie VHH", "Afschalen", "ZSM advies"]
    for item, decision in zip(items, decisions, strict=True):
        page = secretary.goto(f"{meeting_url}punten/{item.pk}/")
        page.locator("#minutes").get_by_label("Verslag van dit agendapunt").fill(
            f"Besproken aan tafel: {decision}."
        )
        _submit(page, "minutes", "Verslag opslaan")
        secretary.check()
        form = page.locator("#decision")
        form.get_by_label("Besluit van de casustafel").select_option(label=decision)
        form.get_by_label("Motivering").fill("Zo besloten aan tafel.")
        _submit(page, "decision", "Besluit vastleggen")
        secretary.check()
        assert page.get_by_test_id("outcome").inner_text() == decision
        _submit(page, "send-minutes", "Verslag van dit agendapunt naar de partijen sturen")
        secretary.check()

    # 6. Each case moved to its next phase; each party got only its own items' minutes.
    phases = [Case.objects.get(pk=c.pk).phase for c in cases]
    assert phases == [Phase.mdo, Phase.closure, Phase.execution]
    got: dict[str, set[str]] = {}
    for message in mail.outbox:
        assert message.subject == "Verslag: Regionale Casustafel Zwolle"
        assert all(c.number not in message.body for c in cases)
        name = message.attachments[0][0]
        got.setdefault(message.to[0], set()).add(name)
    assert got == {
        "kees@example.invalid": {"notulen-agendapunt-1.pdf"},
        "daan@example.invalid": {"notulen-agendapunt-1.pdf", "notulen-agendapunt-2.pdf"},
        "rik@example.invalid": {"notulen-agendapunt-3.pdf"},
    }
    page = police.goto(f"{meeting_url}punten/{items[0].pk}/")
    assert "Procesregie VHH" in page.get_by_test_id("minutes").inner_text()
    secretary.screenshot("meetings-item")
