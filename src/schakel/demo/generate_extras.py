"""What a generated case holds besides its workflow: information items (encrypted), the
providers' releases, progress notes, and the case conferences it was on (when the meetings
app is installed). Rows are tuples with explicit ids, written by `generate.Writer` with the
rest of the case's batch, so they are consistent with the case by construction.

Encryption: a Fernet token costs ~85 µs on the benchmark machine (2M items: ~3 minutes of
one core), so the contents come from a pool of tokens encrypted once per run with the real
field keys (`core.crypto`); every item decrypts to one of the pool's fictional texts.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.db import models

from schakel.cases.models import ProgressNote
from schakel.core.crypto import encrypt_text
from schakel.core.fields import PREFIX
from schakel.demo.generate import House
from schakel.sharing.models import InformationItem, Release

POOL_SIZE = 256
ITEM_TEXTS = (
    "Betrokkene is bekend met meerdere aanhoudingen in de afgelopen twee jaar (fictief).",
    "Er lopen schulden bij drie schuldeisers; een bewindvoerder is aangevraagd (fictief).",
    "Zorgen over middelengebruik en het stoppen met de behandeling (fictief).",
    "Huisuitzetting dreigt na herhaalde overlastmeldingen in de wijk (fictief).",
    "Het gezin heeft ondersteuning van het wijkteam, de kinderen gaan naar school (fictief).",
)
TITLES = ("Samenvatting aanhoudingen", "Risicotaxatie", "Schuldsituatie", "Woonsituatie")
NOTES = (
    "Gesprek gevoerd; afspraken over de woonplek bevestigd (fictief).",
    "Actiehouders bijgepraat, voortgang op schema (fictief).",
    "Betrokkene heeft de afspraak afgezegd; nieuwe afspraak gepland (fictief).",
)
KINDS = ("summary", "risk", "fact")
REGIMES = ("avg", "wpg", "wjsg", "medical_secrecy", "other")

ITEM_COLS = (
    "id", "case_id", "providing_party_id", "author_id", "created_at", "phase", "kind", "regime",
    "special_category", "title", "content", "conditions_of_use", "withdrawal_reason",
)  # fmt: skip
RELEASE_COLS = (
    "id", "item_id", "recipient_party_id", "purpose", "state", "proposed_by_id", "proposed_at",
    "proposal_note", "decided_by_id", "decided_at", "reason", "withdrawal_reason",
)  # fmt: skip
NOTE_COLS = ("id", "case_id", "text", "written_by_id", "written_at")
MEETING_COLS = (
    "id", "uid", "sequence", "kind", "title", "starts_at", "ends_at", "location", "video_url",
    "chair_id", "secretary_id", "status", "created_by_id", "created_at", "updated_at",
)  # fmt: skip
AGENDA_COLS = (
    "id", "meeting_id", "case_id", "position", "goal", "decisions_needed", "themes", "outcome",
    "decided_by_id", "decided_at", "added_by_id", "added_at",
)  # fmt: skip
INVITATION_COLS = (
    "id", "item_id", "party_id", "justification", "attendance", "attendee", "invited_by_id",
    "invited_at",
)  # fmt: skip


def meeting_models() -> tuple[type[models.Model], ...]:
    """Meeting, AgendaItem, Invitation when the meetings app is installed, else nothing."""
    if not apps.is_installed("schakel.meetings"):
        return ()
    get = apps.get_model
    return (get("meetings", "Meeting"), get("meetings", "AgendaItem"),
            get("meetings", "Invitation"))  # fmt: skip


def extra_tables() -> tuple[type[models.Model], ...]:
    return (InformationItem, Release, ProgressNote, *meeting_models())


def extra_columns() -> dict[type[models.Model], tuple[str, ...]]:
    found: dict[type[models.Model], tuple[str, ...]] = {
        InformationItem: ITEM_COLS, Release: RELEASE_COLS, ProgressNote: NOTE_COLS,
    }  # fmt: skip
    cols = (MEETING_COLS, AGENDA_COLS, INVITATION_COLS)
    found.update(zip(meeting_models(), cols[: len(meeting_models())], strict=True))
    return found


def token_pool(size: int = POOL_SIZE) -> list[str]:
    """Stored values of `EncryptedTextField` (prefix and Fernet token), one per text variant."""
    return [
        PREFIX + encrypt_text(f"{ITEM_TEXTS[i % len(ITEM_TEXTS)]} Variant {i}.")
        for i in range(size)
    ]


@dataclass
class Extras:
    """State across batches: the token pool and the weekly case conference per week."""

    house: House
    pool: list[str] = field(default_factory=token_pool)
    meetings: dict[Any, int] = field(default_factory=dict)  # monday -> its latest table's id
    tables: dict[Any, int] = field(default_factory=dict)  # monday -> how many tables that week
    positions: dict[int, int] = field(default_factory=dict)  # meeting id -> last position
    with_meetings: bool = field(default_factory=lambda: bool(meeting_models()))


def _monday(moment: datetime) -> datetime:
    day = moment.date() - timedelta(days=moment.weekday())
    return datetime.combine(day, time(9, 0), tzinfo=moment.tzinfo)


def build_extras(
    batch: Any,
    ids: Any,
    extras: Extras,
    *,
    case_id: int,
    path: Sequence[Any],
    moments: Sequence[datetime],
    pd: int | None,
    referrer: int,
    referred_by: int,
    consulted: Sequence[int],
    invited: Sequence[int],
    now: datetime,
) -> None:
    house = extras.house
    if len(path) < 2 or pd is None:
        return  # items come in at triage
    # Items: the referrer's account, and one per consulted party.
    items = []
    providers = [(referrer, referred_by)] + [
        (p, random.choice(house.delegates[p])) for p in consulted[:2]
    ]
    for party, author in providers:
        item_id = ids.take(InformationItem)
        at = moments[0] + timedelta(hours=random.randint(1, 48))
        batch.add(InformationItem, (
            item_id, case_id, party, author, at, "triage", random.choice(KINDS),
            random.choice(REGIMES), random.random() < 0.3, random.choice(TITLES),
            random.choice(extras.pool), "", "",
        ))  # fmt: skip
        items.append((item_id, party, author, at))
    if len(path) >= 3:  # on its way to the table: released to the invited parties
        for item_id, _party, author, at in items:
            for recipient in invited:
                batch.add(Release, (
                    ids.take(Release), item_id, recipient, "conference", "approved", pd, at,
                    "Voor de casustafel.", author, at + timedelta(days=1), "", "",
                ))  # fmt: skip
    if len(path) >= 4:  # notes after the table
        for _ in range(random.randint(0, 3)):
            at = moments[3] + timedelta(days=random.randint(1, 60))
            if at < now:
                batch.add(ProgressNote, (ids.take(ProgressNote), case_id,
                                         random.choice(NOTES), pd, at))  # fmt: skip
    if extras.with_meetings and len(path) >= 3:
        _agenda(batch, ids, extras, case_id, path, moments, pd, invited, now)


# A case conference discusses a few dozen cases at most; a busy week gets more tables. One
# table a week for the whole house put ~8,000 cases on one agenda at 1,000,000 cases (a 5 MB
# page taking ~4 s, most of the load test's CPU; issue #9).
ITEMS_PER_TABLE = 30


def _agenda(
    batch: Any,
    ids: Any,
    extras: Extras,
    case_id: int,
    path: Sequence[Any],
    moments: Sequence[datetime],
    pd: int,
    invited: Sequence[int],
    now: datetime,
) -> None:
    """The weekly case conference the case was on (Art. 12.2c), with its invitations."""
    meeting_model, agenda_model, invitation_model = meeting_models()
    when = moments[3] if len(path) >= 4 else moments[2] + timedelta(days=7)
    monday = _monday(when)
    meeting = extras.meetings.get(monday)
    if meeting is None or extras.positions[meeting] >= ITEMS_PER_TABLE:
        table = extras.tables[monday] = extras.tables.get(monday, 0) + 1
        meeting = extras.meetings[monday] = ids.take(meeting_model)
        directors = extras.house.process_directors
        chair = directors[(table - 1) % len(directors)]
        held = monday + timedelta(hours=3) < now
        title = f"Regionale Casustafel week {monday.isocalendar()[1]}"
        batch.add(meeting_model, (
            meeting, uuid.uuid4(), 0, "conference",
            f"{title}, tafel {table}" if table > 1 else title, monday,
            monday + timedelta(hours=3), "Zorg- en Veiligheidshuis, zaal 2", "", chair, chair,
            "held" if held else "planned", chair, monday - timedelta(days=14),
            monday - timedelta(days=14),
        ))  # fmt: skip
    position = extras.positions.get(meeting, 0) + 1
    extras.positions[meeting] = position
    item = ids.take(agenda_model)
    decided = len(path) >= 4
    batch.add(agenda_model, (
        item, meeting, case_id, position, "Richting bepalen en procesregie beleggen.",
        "Besluit over de procesregie.", "Wonen, schulden, veiligheid.",
        "process_direction_house" if decided else "", pd if decided else None,
        moments[3] if decided else None, pd, moments[2],
    ))  # fmt: skip
    for party in invited:
        batch.add(invitation_model, (
            ids.take(invitation_model), item, party, "Rechtstreeks betrokken (fictief).",
            "present" if decided else "unknown", "", pd, moments[2],
        ))  # fmt: skip
