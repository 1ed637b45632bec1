"""A delegate's search by last name goes through the search keys (issue #9). The keys follow
every change of who is involved, and a wrong key never shows what the policy refuses."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.cases import services
from schakel.cases.list_selectors import CaseFilters, case_list_for
from schakel.cases.models import Case, CaseParty, SearchKey
from schakel.cases.services.search_keys import refresh_search_keys, search_keys_drift
from schakel.parties.models import Party
from tests.cases.conftest import CTX, Walker, fresh, refer

pytestmark = pytest.mark.django_db


def found(user: User, last_name: str, born: date | None = None) -> set[str]:
    filters = CaseFilters(last_name=last_name, date_of_birth=born)
    page = case_list_for(actor=actor_for(user), ctx=CTX, filters=filters)
    return {case.number for case in page.items}


def family(house: dict[str, Party], kees: User) -> Case:
    """A mother and son who share a last name, and a father who does not."""
    people = [
        ("Jeroen", "de Vries", "subject"),
        ("Ria", "de Vries", "family_member"),
        ("Henk", "Bakker", "family_member"),
    ]
    return refer(
        kees,
        house,
        subjects=[
            services.SubjectInput(first, last, date(1980 + i, 1, 1), relation=relation)
            for i, (first, last, relation) in enumerate(people)
        ],
    )


def test_a_referral_keys_its_names_for_the_referrer_and_the_municipality(
    house: dict[str, Party], kees: User, wim: User, daan: User
) -> None:
    case = family(house, kees)
    police, zwolle = house["police"].pk, house["zwolle"].pk
    assert set(SearchKey.objects.filter(case=case).values_list("party_id", "name")) == {
        (police, "DE VRIES"),
        (police, "BAKKER"),
        (zwolle, "DE VRIES"),
        (zwolle, "BAKKER"),
    }
    assert found(kees, "  de vries ") == found(wim, "BAKKER") == {case.number}
    assert found(kees, "de vrie") == found(kees, "vries") == set()  # the whole name, as before
    assert found(daan, "de Vries") == set()  # GGZ is not involved
    # With a date of birth, one subject must have both: Ria de Vries (1981), not Henk Bakker.
    assert found(kees, "de vries", date(1981, 1, 1)) == {case.number}
    assert found(kees, "de vries", date(1982, 1, 1)) == set()
    assert search_keys_drift() == (0, 0)


def test_consulting_a_party_and_ending_it_moves_its_keys(
    house: dict[str, Party], kees: User, daan: User, anouk: User, walker: Walker
) -> None:
    case = walker.to_triage(family(house, kees))
    services.consultation_request(
        actor=actor_for(anouk),
        ctx=CTX,
        case_id=case.pk,
        expected_version=fresh(case).version,
        party_ids=[house["ggz"].pk],
    )
    assert found(daan, "bakker") == {case.number}
    row = CaseParty.objects.get(case=case, party=house["ggz"], removed_at__isnull=True)
    services.case_party_remove(
        actor=actor_for(anouk),
        ctx=CTX,
        case_id=case.pk,
        expected_version=fresh(case).version,
        case_party_id=row.pk,
    )
    assert found(daan, "bakker") == set()
    assert not SearchKey.objects.filter(case=case, party=house["ggz"]).exists()
    assert search_keys_drift() == (0, 0)


def test_a_new_case_director_takes_over_the_keys_of_the_last_ones_party(
    house: dict[str, Party], kees: User, rik: User, daan: User, anouk: User, walker: Walker
) -> None:
    case = walker.to_execution(family(house, kees), rik)
    assert found(rik, "de vries") == {case.number}
    services.case_director_assign(
        actor=actor_for(anouk),
        ctx=CTX,
        case_id=case.pk,
        expected_version=fresh(case).version,
        user_id=daan.pk,
    )
    assert found(rik, "de vries") == set()
    assert found(daan, "de vries") == {case.number}
    assert search_keys_drift() == (0, 0)


def test_a_wrong_key_never_shows_a_case_and_a_missing_one_hides_it_until_refreshed(
    house: dict[str, Party], kees: User, olaf: User, anouk: User
) -> None:
    case = family(house, kees)
    SearchKey.objects.create(case=case, party=house["outsider"], name="DE VRIES")
    assert found(olaf, "de vries") == set()  # the policy still decides
    # The keys answer for the name: a wrong one finds a case the delegate sees anyway.
    SearchKey.objects.create(case=case, party=house["police"], name="PIETERSEN")
    assert found(kees, "pietersen") == {case.number}
    assert search_keys_drift() == (0, 2)
    SearchKey.objects.filter(name="PIETERSEN").delete()
    SearchKey.objects.filter(case=case).delete()
    # The delegate's search uses the keys; the process director's view is not the party's.
    assert found(kees, "de vries") == set()
    assert found(anouk, "de vries") == {case.number}
    assert search_keys_drift() == (4, 0)  # (the outsider's key went with the others)
    refresh_search_keys(case.pk)
    assert found(kees, "de vries") == {case.number}
    assert search_keys_drift() == (0, 0)


def test_the_command_reports_drift_and_rebuilds(house: dict[str, Party], kees: User) -> None:
    cases = [family(house, kees) for _ in range(3)]
    call_command("search_keys", stdout=StringIO())
    SearchKey.objects.filter(case=cases[0]).delete()
    SearchKey.objects.create(case=cases[1], party=house["outsider"], name="DE VRIES")
    with pytest.raises(CommandError, match="4 missing, 1 no longer right"):
        call_command("search_keys", stdout=StringIO())
    out = StringIO()
    call_command("search_keys", "--rebuild", "--batch-size", "2", stdout=out)
    assert "Search keys rebuilt: 12." in out.getvalue() and "up to case" in out.getvalue()
    assert search_keys_drift() == (0, 0)
    with pytest.raises(CommandError, match="at least 1"):
        call_command("search_keys", "--batch-size", "0")
