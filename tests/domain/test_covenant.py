"""Tests for the covenant rules (Art. 4-7, 21-23, Bijlage 1 and 4)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schakel.domain.covenant import (
    Amendment,
    AmendmentStatus,
    Body,
    Consent,
    CoreGroupMember,
    CoreRole,
    JoinRequest,
    JoinStage,
    JoinState,
    Motion,
    Outcome,
    Result,
    Vote,
    amendment_requires_resigning,
    amendment_status,
    cessation_effective_date,
    check_core_group_composition,
    check_exclusion,
    current_term_end,
    decide,
    initial_term_end,
    join_decision_allowed,
    join_status,
    meeting_frequency_problems,
    next_renewal_date,
    notice_effective_date,
    withdrawal_after_amendment_date,
)

MUNICIPALITIES = [
    "Dalfsen", "Deventer", "Hardenberg", "Kampen", "Olst-Wijhe", "Ommen", "Raalte",
    "Staphorst", "Steenwijkerland", "Zwartewaterland", "Zwolle",
]  # fmt: skip
ORGANISATIONS = [
    "Politie", "Openbaar Ministerie", "DJI", "GGD IJsselland", "Veilig Thuis", "HALT",
    "Iriszorg", "Trajectum", "Dimence", "Transfore", "Leger des Heils", "Reclassering",
    "Tactus", "Humanitas", "MEE IJsselland", "Raad voor de Kinderbescherming", "RIBW",
    "Jeugdbescherming Overijssel", "Slachtofferhulp", "Pactum", "Raster", "Limor", "Trias",
    "Vitree", "WSG", "Creating Balance", "De Kern",
]  # fmt: skip
PARTIES = MUNICIPALITIES + ORGANISATIONS
SIGNED = date(2020, 1, 1)

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2200, 12, 31))


def _plus_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError


def members(*names: str) -> dict[str, frozenset[str]]:
    """Each member represents the party of the same name."""
    return {n: frozenset({n}) for n in names}


def motion(body: Body = Body.STEERING_GROUP, /, **votes: Vote) -> Motion:
    return Motion(body=body, subject="Jaarplan", members=members(*votes), votes=votes)


def steering_adopted() -> Outcome:
    return decide(motion(a=Vote.FOR, b=Vote.FOR, c=Vote.AGAINST))


# --- Term (Art. 23.1a) ---------------------------------------------------------------------


def test_initial_term_is_five_years() -> None:
    assert initial_term_end(date(2024, 3, 15)) == date(2029, 3, 14)
    assert initial_term_end(SIGNED) == date(2024, 12, 31)


def test_renewal_by_one_year() -> None:
    signed = date(2020, 3, 15)
    assert current_term_end(signed, date(2020, 3, 15)) == date(2025, 3, 14)
    assert current_term_end(signed, date(2025, 3, 14)) == date(2025, 3, 14)
    assert current_term_end(signed, date(2025, 3, 15)) == date(2026, 3, 14)
    assert next_renewal_date(signed, date(2022, 1, 1)) == date(2025, 3, 15)
    assert next_renewal_date(signed, date(2031, 12, 31)) == date(2032, 3, 15)


def test_signed_on_29_february_anniversary_is_1_march() -> None:
    signed = date(2024, 2, 29)
    assert initial_term_end(signed) == date(2029, 2, 28)
    assert next_renewal_date(signed, date(2025, 1, 1)) == date(2029, 3, 1)
    assert current_term_end(signed, date(2031, 6, 1)) == date(2032, 2, 28)
    assert next_renewal_date(signed, date(2032, 2, 29)) == date(2033, 3, 1)


def test_term_before_signing_is_an_error() -> None:
    with pytest.raises(ValueError, match="nog niet in werking"):
        current_term_end(SIGNED, date(2019, 12, 31))


@given(signed=dates, offset=st.integers(min_value=0, max_value=40 * 366))
def test_term_properties(signed: date, offset: int) -> None:
    today = signed + timedelta(days=offset)
    end = current_term_end(signed, today)
    assert end >= today
    assert end >= initial_term_end(signed)
    assert next_renewal_date(signed, today) == end + timedelta(days=1)
    assert initial_term_end(signed) + timedelta(days=1) >= _plus_months(signed, 60)
    if end > initial_term_end(signed):  # a renewal term lasts one year
        start = current_term_end(signed, end - timedelta(days=366)) + timedelta(days=1)
        assert 365 <= (end - start).days + 1 <= 366


# --- Notice (Art. 23.1b, 23.1a) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_on", "leaves_on"),
    [
        (date(2031, 1, 1), date(2032, 1, 1)),
        (date(2031, 6, 30), date(2032, 1, 1)),
        (date(2031, 7, 1), date(2033, 1, 1)),
        (date(2031, 12, 31), date(2033, 1, 1)),
        (date(2028, 2, 29), date(2029, 1, 1)),
        (date(2032, 6, 30), date(2033, 1, 1)),
        (date(2032, 7, 1), date(2034, 1, 1)),
    ],
)
def test_notice_half_a_year_before_new_year(given_on: date, leaves_on: date) -> None:
    assert notice_effective_date(given_on, SIGNED) == leaves_on


@pytest.mark.parametrize(
    ("signed", "given_on", "leaves_on"),
    [
        (date(2024, 3, 15), date(2024, 4, 1), date(2030, 1, 1)),  # anniversary 15-3-2029
        (date(2024, 1, 1), date(2025, 1, 2), date(2029, 1, 1)),  # exactly five years
        (date(2024, 1, 1), date(2028, 6, 30), date(2029, 1, 1)),
        (date(2024, 1, 1), date(2028, 7, 1), date(2030, 1, 1)),  # 23.1b is later
        (date(2024, 2, 29), date(2024, 3, 1), date(2030, 1, 1)),  # anniversary 1-3-2029
        (date(2024, 12, 31), date(2024, 12, 31), date(2030, 1, 1)),
    ],
)
def test_notice_in_first_five_years(signed: date, given_on: date, leaves_on: date) -> None:
    assert notice_effective_date(given_on, signed) == leaves_on


def test_notice_before_signing_is_an_error() -> None:
    with pytest.raises(ValueError, match="vóór ondertekening"):
        notice_effective_date(date(2019, 6, 1), SIGNED)


@given(signed=dates, offset=st.integers(min_value=0, max_value=30 * 366), later=st.integers(0, 800))
def test_notice_properties(signed: date, offset: int, later: int) -> None:
    given_on = signed + timedelta(days=offset)
    leaves = notice_effective_date(given_on, signed)
    assert (leaves.month, leaves.day) == (1, 1)
    assert leaves > given_on
    assert leaves >= _plus_months(given_on, 6)
    assert leaves >= _plus_months(signed, 60)
    assert notice_effective_date(given_on + timedelta(days=later), signed) >= leaves


def test_cessation_leaves_on_the_day() -> None:
    assert cessation_effective_date(date(2026, 5, 17)) == date(2026, 5, 17)


def test_withdrawal_after_unacceptable_amendment() -> None:
    # Art. 22.3 applies in the first five years too.
    amended, early = date(2026, 9, 1), date(2024, 1, 1)
    assert withdrawal_after_amendment_date(amended, date(2026, 8, 1), early) == amended
    assert withdrawal_after_amendment_date(date(2031, 9, 1), date(2031, 9, 1), SIGNED) == (
        date(2031, 9, 1)
    )
    # Too late: falls back to ordinary notice (23.1b).
    assert withdrawal_after_amendment_date(date(2031, 3, 1), date(2031, 3, 2), SIGNED) == (
        date(2032, 1, 1)
    )


# --- Exclusion (Art. 23.2) -----------------------------------------------------------------


def exclude(**kw: object) -> tuple[bool, tuple[str, ...], date | None]:
    args: dict[str, object] = {
        "party": "Raster",
        "decision": steering_adopted(),
        "breach": "Levert geen partnerbijdrage aan casustafels (art. 19.1).",
        "notice_of_default_on": date(2026, 1, 10),
        "heard_on": date(2026, 2, 1),
        "decided_on": date(2026, 2, 1),
    }
    args.update(kw)
    check = check_exclusion(**args)  # type: ignore[arg-type]
    return check.allowed, check.reasons, check.effective_on


def test_exclusion_allowed_with_immediate_effect() -> None:
    assert exclude() == (True, (), date(2026, 2, 1))


def test_exclusion_without_notice_of_default_is_refused() -> None:
    allowed, reasons, effective = exclude(notice_of_default_on=None)
    assert not allowed
    assert effective is None
    assert any("ingebrekestelling" in r and "Raster" in r for r in reasons)


def test_exclusion_without_hearing_is_refused() -> None:
    allowed, reasons, _ = exclude(heard_on=None)
    assert not allowed
    assert any("niet gehoord" in r for r in reasons)
    allowed, reasons, _ = exclude(heard_on=date(2026, 2, 2))
    assert not allowed
    assert "na het besluit" in reasons[0]


def test_exclusion_needs_both_and_order() -> None:
    assert len(exclude(notice_of_default_on=None, heard_on=None)[1]) == 2
    allowed, reasons, _ = exclude(notice_of_default_on=date(2026, 3, 1))
    assert not allowed
    assert "moet voorafgaan" in reasons[0]


def test_exclusion_needs_steering_group_majority_and_a_breach() -> None:
    core = decide(motion(Body.CORE_GROUP, a=Vote.FOR))
    assert "Alleen de Stuurgroep" in exclude(decision=core)[1][0]
    tie = decide(motion(a=Vote.FOR, b=Vote.AGAINST))
    assert "geen meerderheid" in exclude(decision=tie)[1][0]
    assert not exclude(breach="  ")[0]


# --- Votes and decisions (Art. 5.4-5.7, 7.1-7.4) -------------------------------------------


def test_majority_adopts_and_consensus_is_recorded() -> None:
    out = decide(motion(a=Vote.FOR, b=Vote.FOR, c=Vote.AGAINST))
    assert (out.result, out.consensus, out.final) == (Result.ADOPTED, False, True)
    out = decide(motion(a=Vote.FOR, b=Vote.FOR))
    assert out.consensus
    assert "consensus" in out.reasons[-1]


def test_rejected() -> None:
    out = decide(motion(a=Vote.FOR, b=Vote.AGAINST, c=Vote.AGAINST))
    assert out.result is Result.REJECTED
    assert out.escalate_to is None


def test_abstentions_do_not_count() -> None:
    out = decide(motion(a=Vote.FOR, b=Vote.FOR, c=Vote.AGAINST, d=Vote.ABSTAIN, e=Vote.ABSTAIN))
    assert (out.result, out.abstentions, out.consensus) == (Result.ADOPTED, 2, False)
    out = decide(motion(a=Vote.FOR, b=Vote.ABSTAIN, c=Vote.ABSTAIN, d=Vote.ABSTAIN))
    assert out.result is Result.ADOPTED  # no quorum in the covenant
    out = decide(motion(a=Vote.ABSTAIN, b=Vote.ABSTAIN))
    assert out.result is Result.NO_DECISION


def test_present_member_without_vote_abstains() -> None:
    m = Motion(Body.STEERING_GROUP, "x", members("a", "b", "c"), votes={"a": Vote.FOR})
    out = decide(m)
    assert (out.result, out.abstentions, out.consensus) == (Result.ADOPTED, 2, False)


def test_tie_escalates_core_to_steering_to_dvo() -> None:
    core = decide(motion(Body.CORE_GROUP, a=Vote.FOR, b=Vote.AGAINST))
    assert core.result is Result.NO_DECISION
    assert core.escalate_to is Body.STEERING_GROUP
    assert not core.discuss_in_rciv
    assert "de Stuurgroep (art. 7.3)" in core.reasons[0]
    steering = decide(motion(core.escalate_to, a=Vote.FOR, b=Vote.AGAINST))
    assert steering.escalate_to is Body.DISTRICT_SAFETY_COUNCIL
    assert "het Districtelijk Veiligheidsoverleg (art. 5.6)" in steering.reasons[0]
    assert steering.discuss_in_rciv  # 7.4: every referral to the DVO is prepared in the RCIV
    with pytest.raises(ValueError, match="DVO"):
        decide(motion(Body.DISTRICT_SAFETY_COUNCIL, a=Vote.FOR))


def test_contribution_raise_goes_to_dvo() -> None:
    m = Motion(
        Body.STEERING_GROUP, "Bijdrage", members("a", "b"),
        votes={"a": Vote.FOR, "b": Vote.FOR}, raises_contribution=True,
    )  # fmt: skip
    out = decide(m)
    assert out.result is Result.ADOPTED
    assert out.refer_to_dvo
    assert not out.final
    assert any("Districtelijk Veiligheidsoverleg (art. 5.7)" in r for r in out.reasons)


def test_core_group_service_change_goes_to_dvo_via_rciv() -> None:
    m = Motion(
        Body.CORE_GROUP, "Dienstverlening", members("a"), votes={"a": Vote.FOR},
        changes_services=True,
    )  # fmt: skip
    out = decide(m)
    assert out.refer_to_dvo
    assert out.discuss_in_rciv
    assert any("RCIV (art. 7.4)" in r for r in out.reasons)
    plain = decide(motion(Body.CORE_GROUP, a=Vote.FOR))
    assert not plain.refer_to_dvo
    assert not plain.discuss_in_rciv


def blocked_motion(body: Body, **kw: object) -> Motion:
    args: dict[str, object] = {
        "body": body,
        "subject": "Verhuizing",
        "members": {**members("a", "b"), "wethouder": frozenset({"Deventer"})},
        "votes": {"a": Vote.FOR, "b": Vote.FOR},
        "absent": frozenset({"wethouder"}),
        "affects": frozenset({"Deventer"}),
    }
    args.update(kw)
    return Motion(**args)  # type: ignore[arg-type]


def test_absent_affected_party_without_written_input_blocks() -> None:
    out = decide(blocked_motion(Body.STEERING_GROUP))
    assert out.result is Result.BLOCKED
    assert out.blocking_parties == ("Deventer",)
    assert "Deventer" in out.reasons[0]
    assert "schriftelijke inbreng" in out.reasons[0]
    assert "art. 5.5" in out.reasons[0]
    assert "art. 7.2" in decide(blocked_motion(Body.CORE_GROUP)).reasons[0]


def test_written_input_or_hearing_unblocks() -> None:
    out = decide(blocked_motion(Body.STEERING_GROUP, written_input=frozenset({"wethouder"})))
    assert out.result is Result.ADOPTED
    assert out.consensus
    out = decide(blocked_motion(Body.STEERING_GROUP, heard=frozenset({"Deventer"})))
    assert out.result is Result.ADOPTED


def test_absence_blocks_only_for_affected_unrepresented_party() -> None:
    assert decide(blocked_motion(Body.CORE_GROUP, affects=frozenset({"a"}))).result is (
        Result.ADOPTED
    )
    # Another member for Deventer is present: the party is at the table.
    present = {**members("a"), "burgemeester": frozenset({"Deventer"})}
    m = blocked_motion(
        Body.STEERING_GROUP,
        members={**present, "wethouder": frozenset({"Deventer"})},
        votes={"a": Vote.FOR, "burgemeester": Vote.FOR},
    )
    assert decide(m).result is Result.ADOPTED


def test_motion_validation() -> None:
    with pytest.raises(ValueError, match="Onbekende leden"):
        Motion(Body.STEERING_GROUP, "x", members("a"), votes={"z": Vote.FOR})
    with pytest.raises(ValueError, match="Afwezige"):
        Motion(Body.STEERING_GROUP, "x", members("a"), {"a": Vote.FOR}, frozenset({"a"}))
    with pytest.raises(ValueError, match="afwezigen"):
        Motion(Body.STEERING_GROUP, "x", members("a"), written_input=frozenset({"a"}))


@given(st.lists(st.sampled_from(list(Vote)), min_size=1, max_size=25))
def test_decision_follows_votes_cast(votes: list[Vote]) -> None:
    out = decide(motion(**{f"m{i}": v for i, v in enumerate(votes)}))
    n_for, n_against = votes.count(Vote.FOR), votes.count(Vote.AGAINST)
    assert out.votes_for + out.votes_against + out.abstentions == len(votes)
    expected = (
        Result.ADOPTED if n_for > n_against else Result.REJECTED if n_against > n_for
        else Result.NO_DECISION
    )  # fmt: skip
    assert out.result is expected
    assert out.consensus == (n_for == len(votes))
    assert (out.escalate_to is not None) == (expected is Result.NO_DECISION)


# --- Joining (Art. 21, Bijlage 1) ----------------------------------------------------------


def test_joining_needs_every_party() -> None:
    assert len(PARTIES) == 38
    consents = {p: Consent.AGREED for p in PARTIES if p != "Tactus"}
    allowed, reasons = join_decision_allowed(PARTIES, consents)
    assert not allowed
    assert reasons == ("Nog geen akkoord ontvangen van 1 van 38 Partijen: Tactus (art. 21.4).",)
    allowed, reasons = join_decision_allowed(PARTIES, {**consents, "Tactus": Consent.AGREED})
    assert allowed
    assert reasons == ()


def test_joining_refused_by_one_party() -> None:
    consents = dict.fromkeys(PARTIES, Consent.AGREED) | {"Ommen": Consent.REFUSED}
    allowed, reasons = join_decision_allowed(PARTIES, consents)
    assert not allowed
    assert "Ommen" in reasons[0]
    with pytest.raises(ValueError, match="Geen Partij"):
        join_decision_allowed(PARTIES, {"Onbekend": Consent.AGREED})


def test_join_request_stages() -> None:
    all_agreed = dict.fromkeys(PARTIES, Consent.AGREED)
    req = JoinRequest("Stichting Nieuw", "Schuldhulp", "Manager", Body.CORE_GROUP)
    assert join_status(req, PARTIES).stage is JoinStage.REQUESTED
    req = JoinRequest("Stichting Nieuw", "Schuldhulp", "Manager", Body.CORE_GROUP, date(2026, 1, 5))
    assert join_status(req, PARTIES).stage is JoinStage.PARTIES_INFORMED
    req = JoinRequest(
        "Stichting Nieuw", "Schuldhulp", "Manager", Body.CORE_GROUP, date(2026, 1, 5),
        {**all_agreed, "Kampen": Consent.REFUSED},
    )  # fmt: skip
    assert join_status(req, PARTIES).stage is JoinStage.REFUSED
    ready = JoinRequest(
        "Stichting Nieuw", "Schuldhulp", "Manager", Body.CORE_GROUP, date(2026, 1, 5), all_agreed
    )
    assert join_status(ready, PARTIES) == JoinState(JoinStage.READY_FOR_DECISION, (), None)
    approved = JoinRequest(
        "Stichting Nieuw", "Schuldhulp", "Manager", Body.CORE_GROUP, date(2026, 1, 5),
        all_agreed, steering_adopted(), date(2026, 3, 1),
    )  # fmt: skip
    assert join_status(approved, PARTIES).stage is JoinStage.APPROVED
    joined = JoinRequest(
        "Stichting Nieuw", "Schuldhulp", "Manager", Body.CORE_GROUP, date(2026, 1, 5),
        all_agreed, steering_adopted(), date(2026, 3, 1), date(2026, 3, 10), date(2026, 3, 12),
    )  # fmt: skip
    assert join_status(joined, PARTIES) == JoinState(JoinStage.JOINED, (), date(2026, 3, 12))


def test_join_request_problems() -> None:
    consents = dict.fromkeys(PARTIES[1:], Consent.AGREED)
    req = JoinRequest(
        "Stichting Nieuw", "", "voorzitter", Body.DISTRICT_SAFETY_COUNCIL, None, consents,
        steering_adopted(), date(2026, 3, 1),
    )  # fmt: skip
    state = join_status(req, PARTIES)
    text = " ".join(state.problems)
    for art in ("21.1", "21.2", "21.3", "21.4", "Dalfsen"):
        assert art in text
    early = JoinRequest(
        "X", "y", "z", Body.STEERING_GROUP, date(2026, 1, 5), annex1_signed_by_chair_on=date.today()
    )
    assert "Bijlage 1" in join_status(early, PARTIES).problems[0]


# --- Composition and meetings (Art. 4.2, 6.2, 6.3, 6.5, Bijlage 4) ------------------------


def core_group(
    drop: tuple[str, ...] = (), extra: tuple[CoreGroupMember, ...] = ()
) -> list[CoreGroupMember]:
    base = [
        CoreGroupMember("P. Agent", CoreRole.PARTNER_DELEGATE, "Politie"),
        CoreGroupMember("O. Officier", CoreRole.PARTNER_DELEGATE, "Openbaar Ministerie"),
        CoreGroupMember("G. Noord", CoreRole.MUNICIPAL_DELEGATE, None,
                        frozenset({"Zwolle", "Kampen"}), True),
        CoreGroupMember("G. Zuid", CoreRole.MUNICIPAL_DELEGATE, None,
                        frozenset({"Deventer"}), True),
        CoreGroupMember("R. Regisseur", CoreRole.PROCESS_DIRECTOR),
        CoreGroupMember("M. Manager", CoreRole.MANAGER),
    ]  # fmt: skip
    return [m for m in base if m.name not in drop] + list(extra)


def check(group: list[CoreGroupMember]) -> tuple[str, ...]:
    return check_core_group_composition(
        group,
        core_partners=["Politie", "Openbaar Ministerie", "Zwolle"],
        municipalities=["Zwolle", "Kampen", "Deventer"],
        process_directors=["R. Regisseur"],
    )


def test_core_group_in_order() -> None:
    assert check(core_group()) == ()


def test_core_group_problems() -> None:
    assert "Politie heeft geen afgevaardigde" in check(core_group(drop=("P. Agent",)))[0]
    two = CoreGroupMember("P. Tweede", CoreRole.PARTNER_DELEGATE, "Politie")
    assert "2 afgevaardigden" in check(core_group(extra=(two,)))[0]
    extra = [
        CoreGroupMember(f"G{i}", CoreRole.MUNICIPAL_DELEGATE, None, frozenset({"Zwolle"}), True)
        for i in range(2)
    ]
    assert "ten hoogste 3" in check(core_group(extra=tuple(extra)))[0]
    assert "Gemeente Kampen heeft geen" in " ".join(check(core_group(drop=("G. Noord",))))
    unconfirmed = CoreGroupMember(
        "G. Oost", CoreRole.MUNICIPAL_DELEGATE, None, frozenset({"Kampen"})
    )
    assert "Bijlage 4" in check(core_group(extra=(unconfirmed,)))[0]
    assert "Procesregisseur R. Regisseur ontbreekt" in check(core_group(drop=("R. Regisseur",)))[0]
    assert "0 managers" in check(core_group(drop=("M. Manager",)))[0]
    municipal_as_partner = CoreGroupMember("B", CoreRole.PARTNER_DELEGATE, "Zwolle")
    assert "art. 6.5" in check(core_group(extra=(municipal_as_partner,)))[0]


def test_meeting_frequency() -> None:
    one = [date(2025, 3, 1), date(2024, 11, 1)]
    problems = meeting_frequency_problems(Body.STEERING_GROUP, one, 2025)
    assert problems == (
        "De Stuurgroep kwam in 2025 1 keer bijeen; het convenant vraagt ten minste 2 keer per "
        "jaar (art. 4.2).",
    )
    assert meeting_frequency_problems(Body.STEERING_GROUP, [*one, date(2025, 9, 1)], 2025) == ()
    core = [date(2025, m, 1) for m in (1, 4, 7)]
    assert "art. 6.2" in meeting_frequency_problems(Body.CORE_GROUP, [*core, core[0]], 2025)[0]
    assert meeting_frequency_problems(Body.CORE_GROUP, [*core, date(2025, 10, 1)], 2025) == ()
    assert meeting_frequency_problems(Body.DISTRICT_SAFETY_COUNCIL, [], 2025) == ()


# --- Amendments (Art. 22) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changed", "core"),
    [
        ([2], True),
        (["2.3"], True),
        (["Art. 16"], True),
        (["artikel 23.1b"], True),
        (["Bijlage 2"], True),
        ([8, "11.3e"], False),
        (["Artikel 20", "Bijlage 1"], False),
        ([], False),
    ],
)
def test_amendment_requires_resigning(changed: list[str | int], core: bool) -> None:
    assert amendment_requires_resigning(changed) is core


def test_amendment_reference_must_parse() -> None:
    with pytest.raises(ValueError, match="Onbekende verwijzing"):
        amendment_requires_resigning([12, "preambule"])


def test_amendment_tracking() -> None:
    parties = ["A", "B", "C"]
    plain = Amendment((12,), steering_adopted(), date(2026, 5, 1))
    expected = AmendmentStatus(True, False, (), date(2026, 5, 1), ())
    assert amendment_status(plain, parties) == expected
    core = Amendment(("2.1",), steering_adopted(), date(2026, 5, 1), {"A": date(2026, 4, 1)})
    status = amendment_status(core, parties)
    assert status.still_to_sign == ("B", "C")
    assert status.in_force_on is None
    assert "B, C" in status.reasons[0]
    assert "22.2" in status.reasons[0]
    done = Amendment(
        ("2.1",), steering_adopted(), date(2026, 5, 1),
        {"A": date(2026, 4, 1), "B": date(2026, 6, 3)}, frozenset({"C"}),
    )  # fmt: skip
    status = amendment_status(done, parties)
    assert (status.still_to_sign, status.in_force_on) == ((), date(2026, 6, 3))
    assert status.in_force_on is not None
    assert withdrawal_after_amendment_date(status.in_force_on, date(2026, 5, 20), SIGNED) == (
        date(2026, 6, 3)
    )
    rejected = Amendment((12,), decide(motion(a=Vote.AGAINST)), date(2026, 5, 1))
    status = amendment_status(rejected, parties)
    assert not status.adopted
    assert status.in_force_on is None
    assert "22.1" in status.reasons[0]
