"""Retention in the browser (issue #5): the privacy officer opens the overview, places a legal
hold (a wrong date is refused next to the field), sees it on the case page's data, lifts it,
reads the schedule and the receipts. axe-core checks every page on the way."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from schakel.accounts.models import User
from schakel.parties.models import Party
from schakel.retention.models import DeletionReceipt, LegalHold
from tests.browser.conftest import Visit
from tests.cases.conftest import refer

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_privacy_officer_places_and_lifts_a_hold(
    visit: Callable[[], Visit],
    house: dict[str, Party],
    pieter: User,
    kees: User,
    no_2fa: None,
) -> None:
    case = refer(kees, house)
    DeletionReceipt.objects.create(
        case_number="ZVH-2020-0001",
        rule_code="closed_identity",
        effect="delete_identity",
        legal_reference="Privacyprotocol art. 11",
        classes={"cases.Case": 1},
        row_count=1,
        deleted_at=timezone.now(),
        run_id="sweep-demo",
    )
    officer = visit()
    officer.login("pieter")
    page = officer.page
    page.get_by_role("link", name="Bewaartermijnen", exact=True).click()
    officer.check()
    assert "ZVH-2020-0001" in page.inner_text("main")
    page.get_by_role("link", name="Bewaarblokkade plaatsen").click()
    officer.check()
    page.get_by_label("Casusnummer").fill(case.number)
    page.get_by_label("Reden").fill("Er loopt een klacht.")
    page.get_by_label("Blokkade tot en met").fill("2000-01-01")
    page.get_by_role("button", name="Blokkade plaatsen").click()
    page.wait_for_load_state("load")
    # The form comes back with status 400 on purpose; Chromium logs that as a console error.
    officer.console_errors[:] = [e for e in officer.console_errors if "status of 400" not in e]
    officer.check()
    assert "De blokkade moet vandaag of later eindigen." in page.inner_text("main")
    until = timezone.localdate() + timedelta(days=30)
    page.get_by_label("Blokkade tot en met").fill(until.isoformat())
    page.get_by_role("button", name="Blokkade plaatsen").click()
    page.wait_for_load_state("load")
    officer.check()
    assert "Er loopt een klacht." in page.inner_text("main")
    assert LegalHold.objects.filter(case=case, lifted_at=None).exists()
    officer.screenshot("retention-overview")

    page.get_by_role("link", name=f"Blokkade op {case.number} opheffen").click()
    officer.check()
    page.get_by_label("Waarom de blokkade wordt opgeheven").fill("Klacht afgehandeld.")
    page.get_by_role("button", name="Blokkade opheffen").click()
    page.wait_for_load_state("load")
    officer.check()
    assert "Er is geen casus geblokkeerd." in page.inner_text("main")

    officer.goto("/privacy/bewaartermijnen/schema/")
    assert "Privacyprotocol art. 11" in page.inner_text("main")
    officer.goto("/privacy/bewaartermijnen/verwijderd/")
    assert "ZVH-2020-0001" in page.inner_text("main")
