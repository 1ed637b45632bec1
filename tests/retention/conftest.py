"""Retention fixtures: a closed case whose every text holds a unique marker (the canary).

- ``pieter`` (shared): the privacy officer, who sees the retention screens
- ``femke``: functional administrator (reads and sets the schedule only)
- ``anouk``, ``sanne``, ``rik``, ``kees`` (case tests): walk a case to closure
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

from schakel.accounts.models import User
from schakel.cases import services
from schakel.cases.models import Case, CaseSubject, Consultation, ProgressNote, Subject
from schakel.domain.roles import Role
from schakel.domain.workflow import Action
from schakel.parties.models import Party
from schakel.retention.graph import case_bound_models
from schakel.retention.models import LegalHold
from schakel.sharing.models import InformationItem, Release, ThirdPartyConsent
from tests.cases import conftest as case_fixtures
from tests.cases.conftest import Walker, refer
from tests.conftest import _person

# The case tests' people and walker, shared here (pytest finds fixtures by module attribute).
marloes = case_fixtures.marloes
reclassering = case_fixtures.reclassering
rik = case_fixtures.rik
sanne = case_fixtures.sanne
walker = case_fixtures.walker

_counter = itertools.count(1)
MARK = "CANARY"


@pytest.fixture
def femke(house: dict[str, Party]) -> User:
    return _person(house, "femke", "house", Role.functional_administrator, "Femke", "Mol")


def valid_bsn(prefix: int) -> str:
    """A BSN passing the eleven-test, unique per prefix (the marker of a subject's BSN)."""
    for last in range(10):
        digits = [int(c) for c in f"{prefix:08d}"] + [last]
        total = sum(d * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True))
        if total % 11 == 0:
            return "".join(map(str, digits))
    return valid_bsn(prefix + 1)


def _marker(label: str) -> str:
    return f"{MARK}-{label}-{next(_counter):04d}-X"


def fill_markers(case: Case, markers: list[str]) -> None:
    """Give every free-text field of every row of the case a unique marker (the canary)."""
    for bound in case_bound_models():
        rows = bound.model._default_manager.filter(**{f"{bound.path}__in": [case.pk]})
        for pk in rows.values_list("pk", flat=True):
            changes: dict[str, object] = {}
            for field in bound.model._meta.concrete_fields:
                if field.name == "number" or getattr(field, "choices", None):
                    continue
                if isinstance(field, models.TextField | models.CharField) and not isinstance(
                    field, models.FileField
                ):
                    value = _marker(f"{bound.model.__name__}.{field.name}")
                    changes[field.name] = value[: field.max_length or 200]
                    markers.append(changes[field.name])  # type: ignore[arg-type]
                elif isinstance(field, models.JSONField):
                    value = _marker(f"{bound.model.__name__}.{field.name}")
                    changes[field.name] = [{"life_domain": "housing", "goal": value}]
                    markers.append(value)
            if changes:
                # save() so encrypted fields are encrypted as they would be in real life.
                obj = bound.model._default_manager.get(pk=pk)
                for name, new in changes.items():
                    setattr(obj, name, new)
                obj.save()


def canary_case(
    walker: Walker, director: User, kees: User, house: dict[str, Party], markers: list[str]
) -> Case:
    """A closed case with items, releases, consents, notes, a consultation, plan and a lifted
    hold; then every text in it is replaced by a unique marker."""
    n = next(_counter)
    subject = services.SubjectInput(
        first_name="Voornaam",
        last_name="Achternaam",
        date_of_birth=timezone.localdate() - timedelta(days=9000 + n),
        bsn=valid_bsn(12_340_000 + n * 10),
        address="Adres 1",
    )
    case = refer(kees, house, subjects=[subject])
    case = walker.to_closure(case, director)
    item = InformationItem.objects.create(
        case=case,
        providing_party=house["police"],
        author=kees,
        created_at=timezone.now(),
        phase=case.phase,
        kind="fact",
        regime="wpg",
        title="titel",
        content="inhoud",
    )
    Release.objects.create(
        item=item,
        recipient_party=house["ggz"],
        purpose="conference",
        state="approved",
        proposed_by=walker.pd,
        proposed_at=timezone.now(),
    )
    ThirdPartyConsent.objects.create(
        item=item,
        recipient="ontvanger",
        document_reference="ref",
        consent_given_on=timezone.localdate(),
        recorded_by=kees,
        recorded_at=timezone.now(),
    )
    ProgressNote.objects.create(
        case=case, text="notitie", written_by=director, written_at=timezone.now()
    )
    Consultation.objects.create(
        case=case, party=house["ggz"], asked_by=walker.pd, asked_at=timezone.now()
    )
    LegalHold.objects.create(
        case=case,
        reason="reden",
        until=timezone.localdate(),
        placed_by=walker.pd,
        placed_at=timezone.now(),
        lifted_by=walker.pd,
        lifted_at=timezone.now(),
        lift_reason="opgeheven",
    )
    _other_apps(case, item, walker.pd, house, markers)
    case = walker.step(
        case,
        Action.complete_closure,
        handover_party_id=house["zwolle"].pk,
        handover_note="Overdracht.",
    )
    fill_markers(case, markers)
    for link in CaseSubject.objects.filter(case=case):
        sub = Subject.objects.get(pk=link.subject_id)
        sub.first_name, sub.last_name, sub.address = (
            _marker("first"),
            _marker("last"),
            _marker("addr"),
        )
        sub.save()
        markers += [sub.first_name, sub.last_name, sub.address, sub.bsn]
    return Case.objects.get(pk=case.pk)


def _other_apps(
    case: Case, item: InformationItem, pd: User, house: dict[str, Party], markers: list[str]
) -> None:
    """Case data of the other apps: an attachment with its file, a meeting's agenda item with
    an invitation and minutes, a break-the-glass grant. Found by the sweep through the graph."""
    now = timezone.now()
    if apps.is_installed("schakel.sharing") and _has_model("sharing", "Attachment"):
        marker = _marker("file")
        markers.append(marker)
        stored = default_storage.save("attachments/canary.bin", ContentFile(marker.encode()))
        apps.get_model("sharing", "Attachment").objects.create(
            item=item,
            file=stored,
            name="naam.pdf",
            content_type="application/pdf",
            size=len(marker),
            uploaded_by=pd,
            uploaded_at=now,
        )
    if _has_model("sharing", "EmergencyAccess"):
        apps.get_model("sharing", "EmergencyAccess").objects.create(
            case=case, user=pd, reason="reden", granted_at=now, expires_at=now
        )
    if _has_model("meetings", "AgendaItem"):
        meeting = apps.get_model("meetings", "Meeting").objects.create(
            kind="conference",
            title="Casustafel",
            starts_at=now,
            ends_at=now,
            chair=pd,
            secretary=pd,
            created_by=pd,
            created_at=now,
            updated_at=now,
        )
        agenda_item = apps.get_model("meetings", "AgendaItem").objects.create(
            meeting=meeting,
            case=case,
            position=1,
            goal="doel",
            decisions_needed="besluiten",
            themes="thema",
            added_by=pd,
            added_at=now,
        )
        apps.get_model("meetings", "Invitation").objects.create(
            item=agenda_item,
            party=house["ggz"],
            justification="rechtvaardiging",
            invited_by=pd,
            invited_at=now,
        )
        apps.get_model("meetings", "Minutes").objects.create(
            item=agenda_item, text="verslag", written_by=pd, updated_at=now
        )


def _has_model(app_label: str, name: str) -> bool:
    try:
        apps.get_model(app_label, name)
    except LookupError:
        return False
    return True


@pytest.fixture
def make_canary(
    walker: Walker, rik: User, kees: User, house: dict[str, Party]
) -> Callable[[list[str]], Case]:
    def make(markers: list[str]) -> Case:
        return canary_case(walker, rik, kees, house, markers)

    return make
