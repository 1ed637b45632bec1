"""Rights of the subject (betrokkene): request kinds, deadlines and who may handle them.

AVG Art. 12.3: the controller answers a request of the data subject "without undue delay and
in any event within one month of receipt"; that period "may be extended by two further months
where necessary", and the person is told of the extension, with the reasons, within the first
month. The house handles the requests through its information coordinator (Art. 14 of the
covenant) and its privacy officer (AVG Art. 38.4: data subjects may contact the DPO).

Readings chosen where the texts are silent:

* A month runs from the day of receipt to the same day number in the next month, clamped to
  the last day of that month (31 January -> 28/29 February), as EU Regulation 1182/71 Art. 3.2c
  counts periods in months. When that day falls on a Saturday or Sunday the deadline is the
  next Monday (Reg. 1182/71 Art. 3.4). Public holidays are not known here, so they are not
  skipped: the deadline is then one working day early, never late.
* The extension adds up to two further months to the *original* one-month period, counted
  from the day of receipt (received + 3 months at most), once, and only before the original
  deadline has passed: Art. 12.3 requires telling the person within the first month.
* A refusal (wholly or in part) always carries its grounds (Art. 12.4: the person is told the
  reasons and the right to complain to the Autoriteit Persoonsgegevens). An erasure request
  records its grounds whatever the decision (Art. 17.1 and 17.3 name the grounds).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from schakel.domain.actor import Actor
from schakel.domain.policy import CASE_ROLES
from schakel.domain.retention import add_months
from schakel.domain.roles import Role


class RequestKind(StrEnum):
    access = "access"  # inzage, AVG Art. 15
    rectification = "rectification"  # rectificatie, Art. 16
    erasure = "erasure"  # verwijdering, Art. 17
    objection = "objection"  # bezwaar, Art. 21


class RequestStatus(StrEnum):
    received = "received"
    in_progress = "in_progress"
    completed = "completed"


class Outcome(StrEnum):
    granted = "granted"
    partially_granted = "partially_granted"
    refused = "refused"


class InformingState(StrEnum):
    """Whether the subject has been told that the house processes their data (Art. 13-14)."""

    not_yet = "not_yet"
    informed = "informed"
    postponed = "postponed"  # e.g. a running criminal investigation (AVG Art. 23, UAVG 41)


REQUEST_KIND_ARTICLES: Mapping[RequestKind, str] = MappingProxyType(
    {
        RequestKind.access: "AVG Art. 15",
        RequestKind.rectification: "AVG Art. 16",
        RequestKind.erasure: "AVG Art. 17",
        RequestKind.objection: "AVG Art. 21",
    }
)

MAX_EXTENSION_MONTHS = 2
DUE_SOON_DAYS = 7

# --------------------------------------------------------------------------- deadlines


def _next_working_day(day: date) -> date:
    while day.weekday() >= 5:  # Saturday 5, Sunday 6 (Reg. 1182/71 Art. 3.4)
        day += timedelta(days=1)
    return day


def deadline_after(received_on: date, months: int) -> date:
    """The last day to answer a request received on `received_on`, `months` months later."""
    if months < 1:
        raise ValueError("a period of at least one month")
    return _next_working_day(add_months(received_on, months))


def first_deadline(received_on: date) -> date:
    """AVG Art. 12.3: one month from receipt."""
    return deadline_after(received_on, 1)


@dataclass(frozen=True)
class ExtensionCheck:
    allowed: bool
    reason: str  # a code; the app shows the Dutch sentence
    new_deadline: date | None = None


def check_extension(
    *,
    received_on: date,
    today: date,
    already_extended: bool,
    completed: bool,
    months: int,
    reason: str,
) -> ExtensionCheck:
    """May the deadline be extended by `months` today? Art. 12.3: once, by at most two further
    months, with reasons, told to the person within the first month."""
    if completed:
        return ExtensionCheck(False, "completed")
    if already_extended:
        return ExtensionCheck(False, "already_extended")
    if not 1 <= months <= MAX_EXTENSION_MONTHS:
        return ExtensionCheck(False, "months_out_of_range")
    if not reason.strip():
        return ExtensionCheck(False, "reason_required")
    if today > first_deadline(received_on):
        return ExtensionCheck(False, "first_month_passed")
    return ExtensionCheck(True, "ok", deadline_after(received_on, 1 + months))


def is_overdue(*, deadline: date, today: date, completed: bool) -> bool:
    """Past its deadline and not answered; the deadline day itself is still in time."""
    return not completed and today > deadline


def is_due_soon(*, deadline: date, today: date, completed: bool) -> bool:
    """Not overdue yet, but due within `DUE_SOON_DAYS` days (the register highlights it)."""
    return not completed and today <= deadline <= today + timedelta(days=DUE_SOON_DAYS)


# --------------------------------------------------------------------------- decisions


def decision_errors(*, kind: RequestKind, outcome: Outcome, grounds: str) -> list[str]:
    """Codes of what is missing for a decision (empty when it may be recorded)."""
    errors = []
    if outcome != Outcome.granted and not grounds.strip():
        errors.append("grounds_required_for_refusal")  # Art. 12.4
    elif kind == RequestKind.erasure and not grounds.strip():
        errors.append("grounds_required_for_erasure")  # Art. 17.1 / 17.3
    return errors


def informing_errors(
    *,
    state: InformingState,
    informed_on: date | None,
    postponed_reason: str,
    review_on: date | None,
    today: date,
) -> dict[str, str]:
    """Field -> code of what is wrong with an informing record (empty when valid)."""
    errors: dict[str, str] = {}
    if state == InformingState.informed:
        if informed_on is None:
            errors["informed_on"] = "required"
        elif informed_on > today:
            errors["informed_on"] = "in_future"
    if state == InformingState.postponed:
        if not postponed_reason.strip():
            errors["postponed_reason"] = "required"
        if review_on is None:
            errors["review_on"] = "required"
        elif review_on <= today:
            errors["review_on"] = "not_in_future"
    return errors


# --------------------------------------------------------------------------- who


RIGHTS_ROLES: frozenset[Role] = frozenset({Role.information_coordinator, Role.privacy_officer})


def may_handle_subject_requests(actor: Actor) -> bool:
    """The information coordinator (Art. 14) and the privacy officer (AVG Art. 38.4) keep the
    register of requests and make the access export; nobody else sees it."""
    return actor.party_active and actor.has(*RIGHTS_ROLES)


def may_answer_rectification(actor: Actor, *, providing_party_id: int) -> bool:
    """A rectification of an item is decided by the party that provided it (the controller for
    that item, Art. 12.2f); anyone of that party who works on cases answers (for an item the
    house itself provided, its own case staff)."""
    return actor.party_active and actor.has(*CASE_ROLES) and actor.party_id == providing_party_id
