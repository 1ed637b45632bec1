"""Target groups (Art. 2.3): polarisation is refused; the other four are admissible."""

from __future__ import annotations

import pytest

from schakel.domain.target_groups import (
    ADMISSIBLE_TARGET_GROUPS,
    INFLOW_LABELS_NL,
    POLARISATION_REFUSAL_NL,
    TARGET_GROUP_LABELS_NL,
    Inflow,
    TargetGroup,
    referral_refusal_reason,
)


def test_labels() -> None:
    assert set(TARGET_GROUP_LABELS_NL) == set(TargetGroup)
    assert TARGET_GROUP_LABELS_NL[TargetGroup.prolific_offenders] == "Veelplegers"
    assert TARGET_GROUP_LABELS_NL[TargetGroup.polarisation] == "Polarisatie en extremisme"
    assert set(INFLOW_LABELS_NL) == set(Inflow)


def test_polarisation_is_refused_with_a_reason() -> None:
    reason = referral_refusal_reason(TargetGroup.polarisation)
    assert reason == POLARISATION_REFUSAL_NL
    assert "Art. 2.3" in reason
    assert "apart samenwerkingsconvenant en privacyprotocol" in reason


@pytest.mark.parametrize(
    "group", [g for g in TargetGroup if g != TargetGroup.polarisation], ids=str
)
def test_other_groups_are_admissible(group: TargetGroup) -> None:
    assert referral_refusal_reason(group) is None
    assert group in ADMISSIBLE_TARGET_GROUPS


def test_admissible_groups_are_the_four_of_bijlage_3() -> None:
    assert set(TargetGroup) - {TargetGroup.polarisation} == ADMISSIBLE_TARGET_GROUPS
