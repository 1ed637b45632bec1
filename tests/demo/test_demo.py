"""The demo house holds every signatory of the seed covenant, and loads idempotently."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from schakel.accounts.models import User
from schakel.domain.roles import Role
from schakel.parties.models import Membership, Party

pytestmark = pytest.mark.django_db
COVENANT = Path(__file__).resolve().parents[2] / "docs" / "convenant-ijsselland.txt"


def seed_signatories() -> tuple[list[str], list[str]]:
    text = COVENANT.read_text(encoding="utf-8")
    head = text[text.index("De ondergetekenden") : text.index("hierna afzonderlijk te noemen")]
    municipalities = re.findall(r"^- (.+?), te dezen vertegenwoordigd", head, re.M)
    partners_block = head[head.index("bevoegde vertegenwoordigers van:") :]
    partners = [p.strip() for p in re.findall(r"^- (.+)$", partners_block, re.M)]
    return municipalities, partners


def test_every_seed_party_is_in_the_demo() -> None:
    call_command("load_demo", verbosity=0)
    municipalities, partners = seed_signatories()
    assert len(municipalities) == 11 and len(partners) == 27
    names = set(Party.objects.values_list("name", flat=True))
    for municipality in municipalities:
        assert f"Gemeente {municipality}" in names
    lowered = {n.lower() for n in names}
    for partner in partners:
        assert partner.lower() in lowered, partner
    assert Membership.objects.count() == 38


def test_loading_twice_creates_nothing_twice() -> None:
    call_command("load_demo", verbosity=0)
    counts = (Party.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("load_demo", verbosity=0)
    assert counts == (Party.objects.count(), User.objects.count(), Membership.objects.count())


def test_every_role_has_a_demo_person() -> None:
    call_command("load_demo", verbosity=0)
    held = set(User.objects.values_list("role_assignments__role", flat=True))
    assert {r.value for r in Role} <= held
