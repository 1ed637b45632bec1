"""The hand-written item read (`sharing.item_rows`, issue #9) gives what the ORM gives: the
item with its decrypted content, its case with the case's parties and subjects, and the
provider's and author's names, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db.models import Model

from schakel.accounts.selectors import actor_for
from schakel.cases.models import CaseSubject, Subject
from schakel.sharing import services
from schakel.sharing.item_rows import AUTHOR_FIELDS, PROVIDER_FIELDS, item_with_case
from schakel.sharing.models import InformationItem
from tests.sharing.conftest import CTX, involve

pytestmark = pytest.mark.django_db


def _values(row: Model) -> list[object]:
    return [getattr(row, f.attname) for f in row._meta.concrete_fields]


def _orm(item_id: int) -> InformationItem:
    return InformationItem.objects.select_related("case", "providing_party", "author").get(
        pk=item_id
    )


def test_the_hand_written_item_read_agrees_with_the_orm(
    daan, kees, anouk, house, case, add_item, django_assert_num_queries
) -> None:
    involve(case, house["zwolle"], anouk)
    second = Subject.objects.create(
        first_name="Sem", last_name="de Vries", date_of_birth="2009-02-03", bsn="", address=""
    )
    CaseSubject.objects.create(case=case, subject=second, relation="family_member")
    plain = add_item(kees, special_category=False, regime="wpg", content="Eerste melding.")
    secret = add_item(daan)
    withdrawn = add_item(daan, title="Oude diagnose")
    services.item_withdraw(
        actor=actor_for(daan), ctx=CTX, item_id=withdrawn.pk, reason="Onjuist overgenomen."
    )
    for made in (plain, secret, withdrawn):
        orm = _orm(made.pk)
        orm_parties = [_values(p) for p in orm.case.parties.order_by("id")]
        orm_subjects = [_values(s) for s in orm.case.case_subjects.order_by("id")]
        assert len(orm_parties) >= 3 and len(orm_subjects) == 2
        # The item, its case and the case's two lists: four statements, nothing compiled twice.
        with django_assert_num_queries(4):
            ours = item_with_case(made.pk)
        assert ours is not None
        with django_assert_num_queries(0):
            assert _values(ours) == _values(orm)
            assert ours.content == orm.content != ""
            assert _values(ours.case) == _values(orm.case)
            assert sorted(_values(p) for p in ours.case.parties.all()) == orm_parties
            assert sorted(_values(s) for s in ours.case.case_subjects.all()) == orm_subjects
            for name in PROVIDER_FIELDS:
                assert getattr(ours.providing_party, name) == getattr(orm.providing_party, name)
            for name in AUTHOR_FIELDS:
                assert getattr(ours.author, name) == getattr(orm.author, name)
            assert ours.author.get_full_name() == orm.author.get_full_name()
        # What the statement leaves out is read when asked for, not made up.
        assert ours.providing_party.created_at == orm.providing_party.created_at
        assert ours.author.email == orm.author.email
    assert len({(i.case_id, i.providing_party_id) for i in (plain, secret)}) == 2


def test_an_unknown_item_reads_as_none(django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        assert item_with_case(987654) is None
    # An id no integer column holds is no item either (SQLite raised OverflowError: a 500
    # the API fuzz test found), on both databases, without asking.
    with django_assert_num_queries(0):
        assert item_with_case(2**64 + 7) is None
        assert item_with_case(-(2**64)) is None
