"""Bijlage 2: the four criteria, the motivation requirement and the combination rule."""

from __future__ import annotations

import itertools

import pytest

from schakel.domain.criteria import (
    CRITERIA,
    CRITERIA_BY_CODE,
    RULE_NL,
    CriterionAssessment,
    CriterionCode,
    InvalidAssessment,
    assess,
    combine,
)

ALL_16 = list(itertools.product([False, True], repeat=4))


def _assessments(flags: tuple[bool, ...]) -> list[CriterionAssessment]:
    return [
        CriterionAssessment(criterion.code, holds, f"Motivering bij criterium {criterion.number}.")
        for criterion, holds in zip(CRITERIA, flags, strict=True)
    ]


def test_the_four_criteria_in_covenant_order() -> None:
    assert [c.number for c in CRITERIA] == [1, 2, 3, 4]
    assert [c.code for c in CRITERIA] == list(CriterionCode)
    assert set(CRITERIA_BY_CODE) == set(CriterionCode)
    assert "veiligheidsproblematiek" in CRITERIA[0].text_nl
    assert "(gezins-)systeem" in CRITERIA[1].text_nl
    assert "dwang en drang" in CRITERIA[2].text_nl
    assert "multiproblem" in CRITERIA[3].text_nl


@pytest.mark.parametrize(("c1", "c2", "c3", "c4"), ALL_16)
def test_combination_rule_all_16(c1: bool, c2: bool, c3: bool, c4: bool) -> None:
    expected = (c1 or c2) and c3 and c4
    assert combine(c1, c2, c3, c4) is expected
    result = assess(_assessments((c1, c2, c3, c4)))
    assert result.met is expected
    assert bool(result.failed) is (not expected)
    if expected:
        assert result.explanation_nl.startswith("De casus voldoet aan de criteria")
    else:
        assert result.explanation_nl.startswith("De casus voldoet niet aan de criteria")
        assert RULE_NL in result.explanation_nl
    if not c3:
        assert CriterionCode.cross_chain in result.failed
        assert "criterium 3 (samenwerking tussen meerdere ketens nodig) is niet vervuld" in (
            result.explanation_nl
        )
    if not c4:
        assert CriterionCode.multi_problem in result.failed
    if not (c1 or c2):
        assert {CriterionCode.safety_problem, CriterionCode.social_system} <= set(result.failed)
        assert " noch " in result.explanation_nl
    else:
        assert CriterionCode.safety_problem not in result.failed
        assert CriterionCode.social_system not in result.failed


def test_exactly_three_combinations_qualify() -> None:
    # 3 and 4 must hold; of 1 and 2 at least one: 3 of the 4 combinations of 1 and 2.
    assert {flags for flags in ALL_16 if combine(*flags)} == {
        (True, False, True, True),
        (False, True, True, True),
        (True, True, True, True),
    }


def test_one_criterion_alone_never_suffices() -> None:
    for i in range(4):
        flags = tuple(j == i for j in range(4))
        assert not combine(*flags)


@pytest.mark.parametrize("motivation", ["", "   ", "\n\t"])
def test_motivation_is_required(motivation: str) -> None:
    with pytest.raises(InvalidAssessment) as err:
        CriterionAssessment(CriterionCode.cross_chain, True, motivation)
    assert err.value.code == "motivation_required:cross_chain"
    assert "criterium 3" in err.value.reason_nl


def test_holds_must_be_a_bool() -> None:
    with pytest.raises(InvalidAssessment) as err:
        CriterionAssessment(CriterionCode.cross_chain, "ja", "Motivering")  # type: ignore[arg-type]
    assert err.value.code == "holds_required:cross_chain"


def test_unknown_criterion_is_refused() -> None:
    with pytest.raises(ValueError, match="criterium_5"):
        CriterionAssessment("criterium_5", True, "Motivering")  # type: ignore[arg-type]


def test_missing_and_duplicate_criteria_are_refused() -> None:
    items = _assessments((True, True, True, True))
    with pytest.raises(InvalidAssessment) as err:
        assess(items[:3])
    assert err.value.code == "criterion_missing:multi_problem"
    with pytest.raises(InvalidAssessment) as err:
        assess([*items, items[0]])
    assert err.value.code == "criterion_duplicate:safety_problem"


def test_result_is_in_covenant_order_whatever_the_input_order() -> None:
    items = _assessments((True, False, True, True))
    result = assess(reversed(items))
    assert [a.criterion for a in result.assessments] == list(CriterionCode)
    assert result.met
