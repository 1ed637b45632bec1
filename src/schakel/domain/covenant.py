"""Rules of the covenant on term, leaving, exclusion, joining and amendments (Art. 21-23).

Votes, decisions and the composition of the bodies live in `covenant_votes` and are re-exported.
Readings of the covenant chosen here (the covenant wins over DOMAIN.md):

* Term (23.1a): in force on the day of signing; the initial term is five years, so it ends on the
  day before the fifth anniversary; every renewal runs one year, from anniversary to the day before
  the next. A covenant signed on 29 February has its anniversary on 1 March in non-leap years (not
  28 February), so no term is shorter than the "tenminste vijf jaar" / one year the covenant sets.
* Notice (23.1b, "uiterlijk een half jaar voorafgaand aan een nieuw kalenderjaar"): a party leaves
  on a 1 January. Half a year before 1 January is read as a full six calendar months (1 July to
  31 December) that must follow the day of the notice, the day of notice not counting; so notice
  given on or before 30 June leaves on 1 January of the next year, notice from 1 July leaves on
  1 January of the year after.
* Minimum term (23.1a, "tenminste aangegaan voor een periode van vijf jaar"): read as binding each
  party, so a notice never takes effect before the fifth anniversary of signing; it takes effect on
  the first 1 January on or after that anniversary if that is later than the 23.1b date. Notice
  must be in writing (23.1a, "schriftelijke opzegging"); the caller records the letter.
* Ceasing to exist (23.1c): participation lapses by law on that day.
* Withdrawal after an unacceptable amendment or joining (22.3): effective when the amended covenant
  takes effect, also within the first five years (a specific exit right). A withdrawal sent after
  that moment cannot act retroactively; it is then treated as an ordinary notice under 23.1b.
* Exclusion (23.2): only by the Stuurgroep, by majority of votes (as in 5.4), after a recorded
  notice of default and after the party was heard, both on or before the decision day; effective
  immediately. The covenant sets no term between the notice of default and the decision; none is
  invented here.
* Core of the covenant (22.2, "de kern van het convenant ..., waaronder artikel 2"): see
  CORE_ARTICLES. Articles are counted as core when a change alters what each party has individually
  committed to, so that a majority of the Stuurgroep should not be able to impose it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from schakel.domain.covenant_votes import (
    BODY_LABELS_NL,
    ESCALATION,
    MAX_MUNICIPAL_DELEGATES,
    MIN_MEETINGS_PER_YEAR,
    Body,
    CoreGroupMember,
    CoreRole,
    Motion,
    Outcome,
    Result,
    Vote,
    check_core_group_composition,
    decide,
    meeting_frequency_problems,
)

__all__ = [
    "BODY_LABELS_NL",
    "CORE_ANNEXES",
    "CORE_ARTICLES",
    "ESCALATION",
    "INITIAL_TERM_YEARS",
    "MAX_MUNICIPAL_DELEGATES",
    "MIN_MEETINGS_PER_YEAR",
    "Amendment",
    "AmendmentStatus",
    "Body",
    "Consent",
    "CoreGroupMember",
    "CoreRole",
    "ExclusionCheck",
    "JoinRequest",
    "JoinStage",
    "JoinState",
    "Motion",
    "Outcome",
    "Result",
    "Vote",
    "amendment_requires_resigning",
    "amendment_status",
    "cessation_effective_date",
    "check_core_group_composition",
    "check_exclusion",
    "current_term_end",
    "decide",
    "initial_term_end",
    "join_decision_allowed",
    "join_status",
    "meeting_frequency_problems",
    "next_renewal_date",
    "notice_effective_date",
    "withdrawal_after_amendment_date",
]

INITIAL_TERM_YEARS = 5  # Art. 23.1a

_MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def _nl(d: date) -> str:
    return f"{d.day} {_MONTHS_NL[d.month - 1]} {d.year}"


# --- Term (Art. 23.1a) --------------------------------------------------------------------------


def _anniversary(signed: date, years: int) -> date:
    """The `years`-th anniversary; 29 February falls on 1 March in non-leap years (see above)."""
    try:
        return signed.replace(year=signed.year + years)
    except ValueError:
        return date(signed.year + years, 3, 1)


def initial_term_end(signed: date) -> date:
    """Last day of the initial five-year term (Art. 23.1a)."""
    return _anniversary(signed, INITIAL_TERM_YEARS) - timedelta(days=1)


def current_term_end(signed: date, today: date) -> date:
    """Last day of the term (initial or one-year renewal) that contains `today` (Art. 23.1a)."""
    if today < signed:
        raise ValueError("Het convenant is op die datum nog niet in werking (art. 23.1a).")
    years = max(INITIAL_TERM_YEARS, today.year - signed.year - 1)
    while _anniversary(signed, years) <= today:
        years += 1
    return _anniversary(signed, years) - timedelta(days=1)


def next_renewal_date(signed: date, today: date) -> date:
    """First day of the next automatic one-year renewal (Art. 23.1a)."""
    return current_term_end(signed, today) + timedelta(days=1)


# --- Leaving (Art. 23.1b, 23.1c, 22.3) ---------------------------------------------------------


def _first_new_year_on_or_after(d: date) -> date:
    return d if (d.month, d.day) == (1, 1) else date(d.year + 1, 1, 1)


def notice_effective_date(notice_given: date, covenant_signed: date) -> date:
    """The 1 January on which a party that gave notice on `notice_given` leaves."""
    if notice_given < covenant_signed:
        raise ValueError("Opzegging vóór ondertekening van het convenant is niet mogelijk.")
    # Art. 23.1b: at the latest half a year before a new calendar year, i.e. by 30 June.
    if (notice_given.month, notice_given.day) <= (6, 30):
        by_calendar = date(notice_given.year + 1, 1, 1)
    else:
        by_calendar = date(notice_given.year + 2, 1, 1)
    # Art. 23.1a: entered into for at least five years.
    by_minimum = _first_new_year_on_or_after(_anniversary(covenant_signed, INITIAL_TERM_YEARS))
    return max(by_calendar, by_minimum)


def cessation_effective_date(ceased_on: date) -> date:
    """Art. 23.1c: a party that ceases to exist leaves by law on that day."""
    return ceased_on


def withdrawal_after_amendment_date(
    amendment_effective: date, withdrawal_given: date, covenant_signed: date
) -> date:
    """Art. 22.3: written withdrawal over an unacceptable amendment (or joining) takes effect when
    the amended covenant does; a late withdrawal falls back to ordinary notice (23.1b)."""
    if withdrawal_given <= amendment_effective:
        return amendment_effective
    return notice_effective_date(withdrawal_given, covenant_signed)


# --- Exclusion (Art. 23.2) ----------------------------------------------------------------------


@dataclass(frozen=True)
class ExclusionCheck:
    allowed: bool
    reasons: tuple[str, ...]  # Dutch; why the exclusion is blocked
    effective_on: date | None  # "met onmiddellijke ingang": the day of the decision


def check_exclusion(
    *,
    party: str,
    decision: Outcome,
    breach: str,
    notice_of_default_on: date | None,
    heard_on: date | None,
    decided_on: date,
) -> ExclusionCheck:
    """May the Stuurgroep exclude `party` with immediate effect (Art. 23.2)?"""
    reasons: list[str] = []
    if decision.body is not Body.STEERING_GROUP:
        reasons.append("Alleen de Stuurgroep kan een Partij uitsluiten (art. 23.2).")
    if decision.result is not Result.ADOPTED:
        reasons.append(
            "Het besluit tot uitsluiting heeft geen meerderheid van stemmen (art. 23.2, 5.4)."
        )
        if decision.result is Result.BLOCKED:
            reasons.extend(decision.reasons)
    if not breach.strip():
        reasons.append(
            f"Niet vastgelegd is welke afspraken uit het convenant {party} niet nakomt (art. 23.2)."
        )
    if notice_of_default_on is None:
        reasons.append(f"Er is geen ingebrekestelling van {party} vastgelegd (art. 23.2).")
    elif notice_of_default_on > decided_on:
        reasons.append(
            f"De ingebrekestelling ({_nl(notice_of_default_on)}) moet voorafgaan aan het besluit "
            f"({_nl(decided_on)}) (art. 23.2)."
        )
    if heard_on is None:
        reasons.append(
            f"{party} is niet gehoord; de Stuurgroep neemt het besluit niet voordat de Partij "
            "is gehoord (art. 23.2)."
        )
    elif heard_on > decided_on:
        reasons.append(
            f"{party} is pas op {_nl(heard_on)} gehoord, na het besluit van {_nl(decided_on)} "
            "(art. 23.2)."
        )
    allowed = not reasons
    return ExclusionCheck(allowed, tuple(reasons), decided_on if allowed else None)


# --- Joining (Art. 21, Bijlage 1) ---------------------------------------------------------------


class Consent(StrEnum):
    AGREED = "agreed"
    REFUSED = "refused"


def join_decision_allowed(
    parties: Iterable[str], consents: Mapping[str, Consent]
) -> tuple[bool, tuple[str, ...]]:
    """Art. 21.4: the Stuurgroep decides only after ALL parties agreed; a refusal blocks."""
    parties = sorted(set(parties))
    strangers = set(consents) - set(parties)
    if strangers:
        raise ValueError(f"Geen Partij bij het convenant: {', '.join(sorted(strangers))}.")
    reasons: list[str] = []
    refused = [p for p in parties if consents.get(p) is Consent.REFUSED]
    missing = [p for p in parties if p not in consents]
    if refused:
        reasons.append(
            f"Geen akkoord met de toetreding van: {', '.join(refused)}; de Stuurgroep beslist "
            "pas na akkoord van alle Partijen (art. 21.4)."
        )
    if missing:
        reasons.append(
            f"Nog geen akkoord ontvangen van {len(missing)} van {len(parties)} Partijen: "
            f"{', '.join(missing)} (art. 21.4)."
        )
    return (not reasons, tuple(reasons))


class JoinStage(StrEnum):
    REQUESTED = "requested"  # 21.2
    PARTIES_INFORMED = "parties_informed"  # 21.3
    REFUSED = "refused"  # 21.4: a party did not agree
    READY_FOR_DECISION = "ready_for_decision"  # 21.4: all parties agreed
    REJECTED = "rejected"  # the Stuurgroep decided against
    APPROVED = "approved"  # the Stuurgroep decided for; Bijlage 1 still to be signed
    JOINED = "joined"  # Bijlage 1 signed by the organisation and the chair


@dataclass(frozen=True)
class JoinRequest:
    organisation: str
    contribution: str  # 21.1: how it contributes to the aims of Art. 2 within its public task
    received_by: str  # 21.2: the member who received the request
    received_via: Body  # 21.2: Stuurgroep or Kerngroepoverleg
    parties_informed_on: date | None = None  # 21.3: by the secretary of the Stuurgroep
    consents: Mapping[str, Consent] = field(default_factory=dict)  # 21.4
    decision: Outcome | None = None  # 21.4, 4.5c: the Stuurgroep's vote
    decided_on: date | None = None
    annex1_signed_by_organisation_on: date | None = None  # 21.4, Bijlage 1
    annex1_signed_by_chair_on: date | None = None  # 21.4: chair of the Stuurgroep


@dataclass(frozen=True)
class JoinState:
    stage: JoinStage
    problems: tuple[str, ...]  # Dutch
    joined_on: date | None  # also the moment for a 22.3 withdrawal over this joining


def join_status(request: JoinRequest, parties: Iterable[str]) -> JoinState:
    """Where a join request stands, and what is out of order (Art. 21, Bijlage 1)."""
    problems: list[str] = []
    if not request.contribution.strip():
        problems.append(
            "Niet vastgelegd is hoe de organisatie bijdraagt aan de doelen van artikel 2 "
            "(art. 21.1)."
        )
    if request.received_via not in (Body.STEERING_GROUP, Body.CORE_GROUP):
        problems.append(
            "Een verzoek tot toetreding wordt gedaan bij een lid van de Stuurgroep of het "
            "Kerngroepoverleg (art. 21.2)."
        )
    allowed, consent_reasons = join_decision_allowed(parties, request.consents)
    decision = request.decision
    if decision is not None:
        if decision.body is not Body.STEERING_GROUP:
            problems.append("Over toetreding beslist de Stuurgroep (art. 4.5c, 21.4).")
        informed = request.parties_informed_on
        if informed is None or (request.decided_on is not None and informed > request.decided_on):
            problems.append("Partijen zijn niet vooraf op de hoogte gebracht (art. 21.3).")
        if not allowed:
            problems.append("Besloten vóór akkoord van alle Partijen (art. 21.4).")
            problems.extend(consent_reasons)
    approved = decision is not None and decision.result is Result.ADOPTED
    signatures = (request.annex1_signed_by_organisation_on, request.annex1_signed_by_chair_on)
    if any(signatures) and not approved:
        problems.append("Bijlage 1 is getekend zonder positief besluit van de Stuurgroep.")

    joined_on: date | None = None
    if approved and signatures[0] is not None and signatures[1] is not None:
        stage, joined_on = JoinStage.JOINED, max(signatures[0], signatures[1])
    elif approved:
        stage = JoinStage.APPROVED
    elif decision is not None and decision.result is Result.REJECTED:
        stage = JoinStage.REJECTED
    elif Consent.REFUSED in request.consents.values():
        stage = JoinStage.REFUSED
    elif allowed:
        stage = JoinStage.READY_FOR_DECISION
    elif request.parties_informed_on is not None:
        stage = JoinStage.PARTIES_INFORMED
    else:
        stage = JoinStage.REQUESTED
    return JoinState(stage, tuple(problems), joined_on)


# --- Amendments (Art. 22) -----------------------------------------------------------------------

# Art. 22.2: a change touching the core needs every party's signature again. Core, and why:
#   2       aim and functions of the house: named in 22.2 itself;
#   5, 7    majority decisions bind every party: changing that changes what binds a party unasked;
#   16-18   information exchange, use and confidentiality: the basis of each party's own processing
#           of personal data, a responsibility that cannot be mandated (6.5, Bijlage 4);
#   19      each party bears its own costs: its financial commitment;
#   22, 23  amendment, term, notice and exclusion: otherwise a majority could remove the safeguards
#           of 22.2/22.3 or lengthen a party's commitment.
# Bijlage 2 (criteria for a Casus, Art. 1.4) sets which cases the house handles, i.e. the reach of
# Art. 2. Other articles (structure, roles, communication, definitions) are organisation.
CORE_ARTICLES: frozenset[int] = frozenset({2, 5, 7, 16, 17, 18, 19, 22, 23})
CORE_ANNEXES: frozenset[int] = frozenset({2})

_ARTICLE = re.compile(r"^(?:art(?:ikel)?\.?\s*)?(\d+)(?:\.\d+)*\s*[a-z]?$", re.IGNORECASE)
_ANNEX = re.compile(r"^bijlage\s*(\d+)$", re.IGNORECASE)


def _is_core(ref: str | int) -> bool:
    text = str(ref).strip()
    if m := _ARTICLE.match(text):
        return int(m.group(1)) in CORE_ARTICLES
    if m := _ANNEX.match(text):
        return int(m.group(1)) in CORE_ANNEXES
    raise ValueError(f"Onbekende verwijzing naar het convenant: {ref!r}.")


def amendment_requires_resigning(articles_changed: Iterable[str | int]) -> bool:
    """Art. 22.2: True when any changed article ("2", "2.3", "Art. 16", 19, "Bijlage 2") is core."""
    flags = [_is_core(ref) for ref in articles_changed]  # parse all, so typos always surface
    return any(flags)


@dataclass(frozen=True)
class Amendment:
    articles_changed: tuple[str | int, ...]
    adoption: Outcome  # 22.1: majority in the Stuurgroep
    effective_on: date  # the date the Stuurgroep set
    signatures: Mapping[str, date] = field(default_factory=dict)  # 22.2: re-signed, per party
    withdrawn: frozenset[str] = frozenset()  # 22.3: parties that withdraw over this change


@dataclass(frozen=True)
class AmendmentStatus:
    adopted: bool
    requires_resigning: bool
    still_to_sign: tuple[str, ...]
    in_force_on: date | None
    reasons: tuple[str, ...]  # Dutch


def amendment_status(amendment: Amendment, parties: Iterable[str]) -> AmendmentStatus:
    """Adoption (22.1), re-signing (22.2) and the date the amended covenant takes effect.

    Parties that withdraw under 22.3 need not sign; they leave on `in_force_on`.
    """
    reasons: list[str] = []
    adoption = amendment.adoption
    adopted = adoption.body is Body.STEERING_GROUP and adoption.result is Result.ADOPTED
    if not adopted:
        reasons.append(
            "De wijziging is niet bij meerderheid door de Stuurgroep besloten (art. 22.1)."
        )
    resign = amendment_requires_resigning(amendment.articles_changed)
    still = tuple(sorted(set(parties) - set(amendment.signatures) - amendment.withdrawn))
    if resign and still:
        reasons.append(
            "De wijziging raakt de kern van het convenant en moet door alle Partijen opnieuw "
            f"worden ondertekend (art. 22.2). Nog niet getekend: {', '.join(still)}."
        )
    in_force: date | None = None
    if adopted and not (resign and still):
        in_force = amendment.effective_on
        if resign and amendment.signatures:
            in_force = max(in_force, *amendment.signatures.values())
    return AmendmentStatus(adopted, resign, still if resign else (), in_force, tuple(reasons))
