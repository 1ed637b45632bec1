"""Votes, decisions and composition of the covenant's bodies (Art. 4-7 and Bijlage 4).

Readings of the covenant chosen here (the covenant wins over DOMAIN.md):

* Majority (Art. 5.4, 7.1, "meerderheid van stemmen"): a motion is adopted when more votes are
  cast for than against. Abstentions are not votes cast and count neither way. A present member
  who does not vote counts as abstaining. Written input from an absent member (5.5, 7.2) is input,
  not a vote.
* Tie (including everyone abstaining): the body "kan niet tot een besluit komen" and the matter goes
  up: Kerngroepoverleg -> Stuurgroep (7.3) -> Districtelijk Veiligheidsoverleg (5.6). A rejection
  is a decision and is not escalated.
* Quorum: the covenant sets none, so none is applied; one present member voting for adopts. A house
  that wants a quorum must put it in its own rules of procedure.
* Absent members (5.5, 7.2): a decision is blocked while a party that it substantially affects is
  represented only by absent members who sent no written input and the party has not otherwise
  been heard. A party that has a present member at the table has been heard. Affected parties that
  have no member in the body at all do not block (5.2 asks for their input, but sets no sanction).
* Contribution / services (5.7, 7.4): a motion that raises a party's financial or staff contribution
  or changes the house's services is a proposal to the Districtelijk Veiligheidsoverleg, whatever
  the vote; the body's adoption is then not final. "Doorgeleiding naar het DVO wordt altijd
  voorbereid in het RCIV" (7.4, second sentence): every referral or escalation to the DVO, from
  either body, is flagged for preparation in the RCIV.
* The covenant does not regulate how the Districtelijk Veiligheidsoverleg decides, so `decide`
  refuses motions of that body.
* Binding force (5.4, 7.1) stops where a decision conflicts with a party's statutory duties; that is
  a legal judgement left to the party and not modelled here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Body(StrEnum):
    STEERING_GROUP = "steering_group"  # Stuurgroep, Art. 4-5
    CORE_GROUP = "core_group"  # Kerngroepoverleg, Art. 6-7
    DISTRICT_SAFETY_COUNCIL = "district_safety_council"  # Art. 5.6-5.8

    @property
    def label(self) -> str:
        return BODY_LABELS_NL[self]

    @property
    def named(self) -> str:
        """The label with its Dutch article: "de Stuurgroep", "het Kerngroepoverleg"."""
        return ("de " if self is Body.STEERING_GROUP else "het ") + self.label


BODY_LABELS_NL: dict[Body, str] = {
    Body.STEERING_GROUP: "Stuurgroep",
    Body.CORE_GROUP: "Kerngroepoverleg",
    Body.DISTRICT_SAFETY_COUNCIL: "Districtelijk Veiligheidsoverleg",
}

# Where a matter goes when the body cannot reach a decision: Art. 7.3 and Art. 5.6.
ESCALATION: dict[Body, Body | None] = {
    Body.CORE_GROUP: Body.STEERING_GROUP,
    Body.STEERING_GROUP: Body.DISTRICT_SAFETY_COUNCIL,
    Body.DISTRICT_SAFETY_COUNCIL: None,
}

# Article of the absent-member rule per body: Art. 5.5 (Stuurgroep), Art. 7.2 (Kerngroepoverleg).
_ABSENCE_ARTICLE: dict[Body, str] = {Body.STEERING_GROUP: "5.5", Body.CORE_GROUP: "7.2"}
_MAJORITY_ARTICLE: dict[Body, str] = {Body.STEERING_GROUP: "5.4", Body.CORE_GROUP: "7.1"}
_ESCALATION_ARTICLE: dict[Body, str] = {Body.STEERING_GROUP: "5.6", Body.CORE_GROUP: "7.3"}


class Vote(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Result(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    BLOCKED = "blocked"
    NO_DECISION = "no_decision"


@dataclass(frozen=True)
class Motion:
    """A motion before the Stuurgroep or the Kerngroepoverleg.

    `members` maps each voting member to the parties it represents (empty for the manager and
    process directors, who represent no party). `votes` holds the votes of present members,
    `absent` the absent members, `written_input` the absent members whose written input arrived,
    `heard` parties heard otherwise (e.g. in a later meeting), `affects` the parties the motion can
    "in belangrijke mate treffen" (5.5, 7.2).
    """

    body: Body
    subject: str
    members: Mapping[str, frozenset[str]]
    votes: Mapping[str, Vote] = field(default_factory=dict)
    absent: frozenset[str] = frozenset()
    written_input: frozenset[str] = frozenset()
    heard: frozenset[str] = frozenset()
    affects: frozenset[str] = frozenset()
    raises_contribution: bool = False  # Art. 5.7 / 7.4: financial or staff contribution
    changes_services: bool = False  # Art. 5.7 / 7.4: the house's services

    def __post_init__(self) -> None:
        unknown = (set(self.votes) | self.absent) - set(self.members)
        if unknown:
            raise ValueError(f"Onbekende leden: {', '.join(sorted(unknown))}.")
        both = set(self.votes) & self.absent
        if both:
            raise ValueError(f"Afwezige leden kunnen niet stemmen: {', '.join(sorted(both))}.")
        if not self.written_input <= self.absent:
            raise ValueError("Schriftelijke inbreng (art. 5.5, 7.2) wordt gevraagd van afwezigen.")

    @property
    def present(self) -> frozenset[str]:
        return frozenset(self.members) - self.absent


@dataclass(frozen=True)
class Outcome:
    body: Body
    result: Result
    votes_for: int
    votes_against: int
    abstentions: int
    consensus: bool  # Art. 5.4 / 7.1: "Er wordt gestreefd naar consensus"
    escalate_to: Body | None  # Art. 7.3 / 5.6
    blocking_parties: tuple[str, ...]  # Art. 5.5 / 7.2
    refer_to_dvo: bool  # Art. 5.7 (and 7.4)
    discuss_in_rciv: bool  # Art. 7.4
    reasons: tuple[str, ...]  # Dutch, for the minutes

    @property
    def final(self) -> bool:
        """Adopted and not merely a proposal to the Districtelijk Veiligheidsoverleg (5.7)."""
        return self.result is Result.ADOPTED and not self.refer_to_dvo


def _unheard_parties(motion: Motion) -> dict[str, list[str]]:
    """Affected parties represented only by silent absent members (Art. 5.5 / 7.2)."""
    present_parties = {p for m in motion.present for p in motion.members[m]}
    silent: dict[str, list[str]] = {}
    for member in sorted(motion.absent - motion.written_input):
        for party in motion.members[member] & motion.affects:
            spoke = any(party in motion.members[m] for m in motion.written_input)
            if party in present_parties or party in motion.heard or spoke:
                continue
            silent.setdefault(party, []).append(member)
    return silent


def decide(motion: Motion) -> Outcome:
    """Count the votes on a motion and apply Art. 5.4-5.7 or 7.1-7.4."""
    body = motion.body
    if body is Body.DISTRICT_SAFETY_COUNCIL:
        raise ValueError("Het convenant regelt de besluitvorming van het DVO niet.")
    cast = [motion.votes[m] for m in motion.present if m in motion.votes]
    n_for = cast.count(Vote.FOR)
    n_against = cast.count(Vote.AGAINST)
    n_abstain = len(motion.present) - n_for - n_against
    reasons: list[str] = []

    silent = _unheard_parties(motion)
    escalate_to: Body | None = None
    art = _MAJORITY_ARTICLE[body]
    if silent:
        result = Result.BLOCKED
        for party, members in sorted(silent.items()):
            reasons.append(
                f"Het besluit wordt niet genomen: het kan {party} in belangrijke mate treffen, "
                f"{', '.join(members)} (namens {party}) was afwezig en er is geen schriftelijke "
                f"inbreng ontvangen. Eerst moet {party} gehoord worden "
                f"(art. {_ABSENCE_ARTICLE[body]})."
            )
    elif n_for > n_against:
        result = Result.ADOPTED
        reasons.append(f"Aangenomen met {n_for} stemmen voor en {n_against} tegen (art. {art}).")
    elif n_against > n_for:
        result = Result.REJECTED
        reasons.append(f"Verworpen met {n_against} stemmen tegen en {n_for} voor (art. {art}).")
    else:
        result = Result.NO_DECISION
        escalate_to = ESCALATION[body]
        nxt = escalate_to.named if escalate_to else "een hoger orgaan"
        reasons.append(
            f"De stemmen staken ({n_for} voor, {n_against} tegen): {body.named} komt niet "
            f"tot een besluit. De aangelegenheid wordt ter beslissing voorgelegd aan {nxt} "
            f"(art. {_ESCALATION_ARTICLE[body]})."
        )

    consensus = (
        result is Result.ADOPTED and n_for == len(motion.present) and n_for > 0
    )  # Art. 5.4 / 7.1: consensus recorded when every present member voted for
    if consensus:
        reasons.append("Alle aanwezige leden stemden voor: consensus.")

    # Art. 5.7 (steering group) / 7.4 (core group): a raise of contribution or a change of
    # services is a proposal to the DVO; the body's vote does not settle it.
    refer_to_dvo = motion.raises_contribution or motion.changes_services
    if refer_to_dvo:
        art_dvo = "5.7" if body is Body.STEERING_GROUP else "7.4 en 5.7"
        reasons.append(
            "Het voorstel verhoogt de financiële of personele bijdrage van Partijen of past de "
            "dienstverlening van het zorg- en veiligheidshuis aan en moet worden voorgelegd aan "
            f"het Districtelijk Veiligheidsoverleg (art. {art_dvo})."
        )
    # Art. 7.4: such a proposal is also discussed in the RCIV, and every referral to the DVO is
    # prepared there.
    discuss_in_rciv = refer_to_dvo or escalate_to is Body.DISTRICT_SAFETY_COUNCIL
    if discuss_in_rciv:
        reasons.append("Het voorstel wordt besproken en voorbereid in het RCIV (art. 7.4).")

    return Outcome(
        body=body,
        result=result,
        votes_for=n_for,
        votes_against=n_against,
        abstentions=n_abstain,
        consensus=consensus,
        escalate_to=escalate_to,
        blocking_parties=tuple(sorted(silent)),
        refer_to_dvo=refer_to_dvo,
        discuss_in_rciv=discuss_in_rciv,
        reasons=tuple(reasons),
    )


# --- Composition of the Kerngroepoverleg (Art. 6.3, 6.5, Bijlage 4) -------------------------


class CoreRole(StrEnum):
    PARTNER_DELEGATE = "partner_delegate"  # Art. 6.3a
    MUNICIPAL_DELEGATE = "municipal_delegate"  # Art. 6.5
    PROCESS_DIRECTOR = "process_director"  # Art. 6.3b (procesregisseur)
    MANAGER = "manager"  # Art. 6.3c


@dataclass(frozen=True)
class CoreGroupMember:
    name: str
    role: CoreRole
    party: str | None = None  # the core partner a PARTNER_DELEGATE represents
    mandated_by: frozenset[str] = frozenset()  # municipalities that mandated this delegate
    mandate_accepted_in_writing: bool = False  # Bijlage 4: written acceptance of the mandate


MAX_MUNICIPAL_DELEGATES = 3  # Art. 6.5


def check_core_group_composition(
    members: Iterable[CoreGroupMember],
    *,
    core_partners: Iterable[str],
    municipalities: Iterable[str],
    process_directors: Iterable[str],
) -> tuple[str, ...]:
    """Dutch problems with the Kerngroepoverleg's composition; empty when it is in order.

    The covenant does not list the "kernpartners"; the caller passes them. Municipalities are not
    represented under 6.3a but jointly under 6.5, so they are removed from `core_partners`.
    """
    members = list(members)
    towns = set(municipalities)
    partners = set(core_partners) - towns
    problems: list[str] = []
    by_role: dict[CoreRole, list[CoreGroupMember]] = {r: [] for r in CoreRole}
    for m in members:
        by_role[m.role].append(m)

    # Art. 6.3a: one delegate per core partner.
    delegates: dict[str, list[str]] = {}
    for m in by_role[CoreRole.PARTNER_DELEGATE]:
        if m.party is None:
            problems.append(f"{m.name} vertegenwoordigt geen kernpartner (art. 6.3a).")
        elif m.party in towns:
            problems.append(
                f"{m.name} vertegenwoordigt gemeente {m.party}; gemeenten worden gezamenlijk "
                "vertegenwoordigd door gemeentelijke afgevaardigden (art. 6.5)."
            )
        elif m.party not in partners:
            problems.append(f"{m.party} ({m.name}) is geen kernpartner (art. 6.3a).")
        else:
            delegates.setdefault(m.party, []).append(m.name)
    for partner in sorted(partners):
        names = delegates.get(partner, [])
        if not names:
            problems.append(f"Kernpartner {partner} heeft geen afgevaardigde (art. 6.3a).")
        elif len(names) > 1:
            problems.append(
                f"Kernpartner {partner} heeft {len(names)} afgevaardigden ({', '.join(names)}); "
                "het convenant voorziet in één (art. 6.3a)."
            )

    # Art. 6.5: municipalities together at most three delegates, each mandated by them;
    # Bijlage 4: the mandated delegate accepts the mandate in writing.
    municipal = by_role[CoreRole.MUNICIPAL_DELEGATE]
    if len(municipal) > MAX_MUNICIPAL_DELEGATES:
        problems.append(
            f"De gemeenten hebben {len(municipal)} afgevaardigden; ten hoogste "
            f"{MAX_MUNICIPAL_DELEGATES} is toegestaan (art. 6.5)."
        )
    mandating: set[str] = set()
    for m in municipal:
        if not m.mandated_by:
            problems.append(f"{m.name} heeft geen mandaat van een gemeente (art. 6.5).")
        strangers = m.mandated_by - towns
        if strangers:
            problems.append(
                f"{m.name} is gemandateerd door {', '.join(sorted(strangers))}, dat geen "
                "deelnemende gemeente is (art. 6.5, Bijlage 4)."
            )
        if m.mandated_by and not m.mandate_accepted_in_writing:
            problems.append(f"{m.name} heeft het mandaat niet schriftelijk aanvaard (Bijlage 4).")
        mandating |= m.mandated_by & towns
    for town in sorted(towns - mandating):
        problems.append(
            f"Gemeente {town} heeft geen gemeentelijke afgevaardigde gemandateerd (art. 6.5)."
        )

    # Art. 6.3b: the process directors of the house.
    expected = set(process_directors)
    seated = {m.name for m in by_role[CoreRole.PROCESS_DIRECTOR]}
    for name in sorted(expected - seated):
        problems.append(f"Procesregisseur {name} ontbreekt in het Kerngroepoverleg (art. 6.3b).")
    for name in sorted(seated - expected):
        problems.append(f"{name} is geen procesregisseur van het huis (art. 6.3b).")

    # Art. 6.3c: the manager.
    managers = by_role[CoreRole.MANAGER]
    if len(managers) != 1:
        problems.append(
            f"Het Kerngroepoverleg heeft {len(managers)} managers; het convenant voorziet in "
            "de Manager van het zorg- en veiligheidshuis (art. 6.3c)."
        )
    return tuple(problems)


# --- Meeting frequency (Art. 4.2, 6.2) --------------------------------------------------------

# Art. 4.2: the Stuurgroep meets at least twice a year. Art. 6.2: the Kerngroepoverleg meets four
# times a year, or more often at a party's request, so four is a minimum. The covenant sets no
# frequency for the DVO.
MIN_MEETINGS_PER_YEAR: dict[Body, tuple[int, str]] = {
    Body.STEERING_GROUP: (2, "4.2"),
    Body.CORE_GROUP: (4, "6.2"),
}


def meeting_frequency_problems(
    body: Body, meeting_dates: Iterable[date], year: int
) -> tuple[str, ...]:
    """Dutch problems when `body` met too rarely in calendar `year` (distinct dates count)."""
    if body not in MIN_MEETINGS_PER_YEAR:
        return ()
    minimum, art = MIN_MEETINGS_PER_YEAR[body]
    held = len({d for d in meeting_dates if d.year == year})
    name = body.named[0].upper() + body.named[1:]
    if held >= minimum:
        return ()
    return (
        f"{name} kwam in {year} {held} keer bijeen; het convenant vraagt "
        f"ten minste {minimum} keer per jaar (art. {art}).",
    )
