"""Target groups (doelgroepen, Art. 2.3, Bijlage 3) and inflow routes.

Art. 2.3 lists five areas, but adds: "Voor het onderwerp Polarisatie en Extremisme wordt een
apart samenwerkingsconvenant en privacyprotocol opgesteld." Bijlage 3 accordingly applies the
workflow to the first four only. A polarisation case therefore has no legal basis in *this*
covenant and may not be handled in Schakel's workflow.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class TargetGroup(StrEnum):
    prolific_offenders = "prolific_offenders"
    top_x = "top_x"
    youth_at_risk = "youth_at_risk"
    complex_mental_health = "complex_mental_health"
    polarisation = "polarisation"


TARGET_GROUP_LABELS_NL: Mapping[TargetGroup, str] = MappingProxyType(
    {
        TargetGroup.prolific_offenders: "Veelplegers",
        TargetGroup.top_x: "Top X",
        TargetGroup.youth_at_risk: "Risicojongeren",
        TargetGroup.complex_mental_health: "Complexe GGZ met veiligheidsrisico",
        TargetGroup.polarisation: "Polarisatie en extremisme",
    }
)

POLARISATION_REFUSAL_NL = (
    "Casussen op het gebied van polarisatie en extremisme vallen niet onder dit convenant: "
    "daarvoor gelden een apart samenwerkingsconvenant en privacyprotocol (Art. 2.3). "
    "Deze casus kan daarom niet in dit werkproces worden aangemeld of behandeld."
)

_REFUSALS: Mapping[TargetGroup, str] = MappingProxyType(
    {TargetGroup.polarisation: POLARISATION_REFUSAL_NL}
)

ADMISSIBLE_TARGET_GROUPS: frozenset[TargetGroup] = frozenset(
    group for group in TargetGroup if group not in _REFUSALS
)
"""The groups the workflow of Bijlage 3 applies to."""


def referral_refusal_reason(group: TargetGroup) -> str | None:
    """Dutch reason why a referral for this target group is refused, or None if admissible."""
    return _REFUSALS.get(group)


class Inflow(StrEnum):
    """How a case reaches the house (management information, not a workflow rule)."""

    zsm = "zsm"  # via the ZSM table (criminal-justice fast track)
    upscaling = "upscaling"  # escalated from a local (municipal) team
    prevention = "prevention"  # preventive, before offending or escalation


INFLOW_LABELS_NL: Mapping[Inflow, str] = MappingProxyType(
    {
        Inflow.zsm: "ZSM",
        Inflow.upscaling: "Opschaling",
        Inflow.prevention: "Preventie",
    }
)
