"""Finances (Art. 19): the budget year, lines, contributions and expenditure; budget vs actual."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from schakel.accounts.selectors import actor_for
from schakel.audit.models import AuditEvent
from schakel.audit.record import AuditContext
from schakel.reports import selectors, services
from schakel.reports.models import BudgetLine, BudgetYear, Contribution, Expenditure

pytestmark = pytest.mark.django_db
URL = "/rapportage/financien/?jaar=2026"


def _post(client, form: str, **fields: str):
    return client.post(URL, {"form": form, **{f"{form}-{k}": v for k, v in fields.items()}})


def test_the_manager_enters_the_finances(mirjam, house, login_client) -> None:
    client = login_client(mirjam)
    assert client.get(URL).status_code == 200
    assert (
        _post(
            client, "year", year="2026", adopted_on="2025-12-10", target_referrals="120"
        ).status_code
        == 302
    )
    assert (
        _post(
            client, "line", category="Personeel", description="Procesregie", amount="250000,00"
        ).status_code
        == 302
    )
    line = BudgetLine.objects.get()
    assert line.amount_cents == 25_000_000
    assert (
        _post(
            client,
            "contribution",
            party=str(house["zwolle"].pk),
            money="100000",
            staff_fte="",
            staff_description="",
        ).status_code
        == 302
    )
    assert (
        _post(
            client,
            "contribution",
            party=str(house["police"].pk),
            money="",
            staff_fte="1,5",
            staff_description="Afgevaardigde casustafel",
        ).status_code
        == 302
    )
    assert (
        _post(
            client,
            "expenditure",
            line=str(line.pk),
            spent_on="2026-02-01",
            description="Salarissen januari",
            amount="20000",
        ).status_code
        == 302
    )
    assert Contribution.objects.count() == 2 and Expenditure.objects.get().entered_by == mirjam
    assert (
        AuditEvent.objects.filter(
            object_type__in=["budget_year", "budget_line", "contribution", "expenditure"]
        ).count()
        == 5
    )
    (row,) = selectors.budget_vs_actual(year=2026)
    assert (row.budget_cents, row.actual_cents, row.remaining_cents) == (
        25_000_000,
        2_000_000,
        23_000_000,
    )
    # Only what was spent before the end of the period counts in a report about January.
    assert selectors.budget_vs_actual(year=2026, until=date(2026, 2, 1))[0].actual_cents == 0
    page = client.get(URL).content.decode()
    assert "€ 250.000,00" in page and "€ 20.000,00" in page and "Afgevaardigde casustafel" in page


@pytest.mark.parametrize(
    ("form", "fields", "message"),
    [
        ("line", {"category": "", "amount": "10"}, "Dit veld is vereist"),
        ("line", {"category": "Huur", "amount": "-5"}, "groter dan nul"),
        ("line", {"category": "Huur", "amount": "veel"}, "getal"),
        ("line", {"category": "Huur", "amount": "99999999999999"}, ""),
        ("contribution", {"party": "", "money": "10"}, "Dit veld is vereist"),
        ("contribution", {"party": "ZWOLLE", "money": "", "staff_fte": ""}, "geld, personeel"),
        ("contribution", {"party": "ZWOLLE", "money": "", "staff_fte": "2"}, "Beschrijf"),
        (
            "expenditure",
            {"line": "LINE", "spent_on": "2025-12-31", "description": "x", "amount": "5"},
            "2026",
        ),
        (
            "expenditure",
            {"line": "LINE", "spent_on": "31-31-2026", "description": "x", "amount": "5"},
            "datum",
        ),
        ("year", {"year": "1999"}, ""),
    ],
)
def test_bad_input_shows_a_message_and_saves_nothing(
    form, fields, message, mirjam, house, login_client
) -> None:
    client = login_client(mirjam)
    _post(client, "year", year="2026")
    _post(client, "line", category="Personeel", amount="1000")
    line = BudgetLine.objects.get()
    fields = {
        k: v.replace("ZWOLLE", str(house["zwolle"].pk)).replace("LINE", str(line.pk))
        for k, v in fields.items()
    }
    counts = (
        BudgetYear.objects.count(),
        BudgetLine.objects.count(),
        Contribution.objects.count(),
        Expenditure.objects.count(),
    )
    response = _post(client, form, **fields)
    assert response.status_code == 200
    page = response.content.decode()
    assert "utrecht-form-field--invalid" in page or "utrecht-alert--error" in page
    assert message in page, re.findall(r"error-message[^>]*>\s*<p[^>]*>([^<]*)", page)
    assert counts == (
        BudgetYear.objects.count(),
        BudgetLine.objects.count(),
        Contribution.objects.count(),
        Expenditure.objects.count(),
    )


def test_a_line_needs_a_budget_year(mirjam) -> None:
    with pytest.raises(services.InvalidInput) as exc:
        services.budget_line_add(
            actor=actor_for(mirjam),
            ctx=AuditContext.system(),
            year=2031,
            category="Huur",
            amount=Decimal(5),
        )
    assert "2031" in exc.value.errors[""]


@pytest.mark.parametrize("who", ["stefan", "anouk", "femke"])
def test_only_the_manager_writes(who, request) -> None:
    actor = actor_for(request.getfixturevalue(who))
    with pytest.raises(PermissionDenied):
        services.budget_year_save(actor=actor, ctx=AuditContext.system(), year=2026)
    assert not BudgetYear.objects.exists()


def test_budget_vs_actual_is_in_the_report(mirjam, stefan, login_client) -> None:
    client = login_client(mirjam)
    _post(client, "year", year="2026")
    _post(client, "line", category="Huisvesting", amount="1000")
    line = BudgetLine.objects.get()
    _post(
        client,
        "expenditure",
        line=str(line.pk),
        spent_on="2026-03-01",
        description="Huur",
        amount="1250",
    )
    page = login_client(stefan).get("/rapportage/verslag/?periode=2026-Q1").content.decode()
    assert "Huisvesting" in page and "€ 1.250,00" in page and "overschreden" in page
