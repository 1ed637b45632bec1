"""The complex-case criteria of Bijlage 2 and the rule that combines them.

Bijlage 2 reads (bullets abridged):

    Een casus voldoet aan de notie 'complexe casuistiek' wanneer deze aan de volgende criteria
    voldoet:
    * [1] ernstige lokale of gebiedsgebonden veiligheidsproblematiek ..., of;
    * [2] de problematiek wordt beinvloed door en heeft impact op het (gezins-)systeem en/of
      de directe sociale leefomgeving ...:
    * [3] samenwerking tussen meerdere ketens (minimaal dwang en drang) is nodig ...; en:
    * [4] meerdere problemen (multiproblem) op meer dan een leefgebied ...

We read this as ``(1 OR 2) AND 3 AND 4``:

* "aan de volgende criteria voldoet" asks for the criteria as a whole; the explicit "of" after
  bullet 1 is the only disjunction and binds bullet 1 to its neighbour, bullet 2 (the colon
  after bullet 2 is read as the list separator the other bullets use);
* "en:" before the last bullet is the ordinary Dutch list conjunction: 3 and 4 are both needed;
* the preamble makes the connection between the care chain, the criminal-justice chain and
  the municipality "voorwaarde" for the house's involvement, which is exactly criterion 3, and
  it speaks of "complexe, meervoudige problematiek", which is criterion 4. Neither can be
  optional, so the alternative reading ``1 OR (2 AND 3 AND 4)`` (a safety problem alone would
  suffice) contradicts the preamble.

Each criterion is recorded with a motivation (DOMAIN.md): an assessment without one is refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class CriterionCode(StrEnum):
    safety_problem = "safety_problem"  # 1
    social_system = "social_system"  # 2
    cross_chain = "cross_chain"  # 3
    multi_problem = "multi_problem"  # 4


@dataclass(frozen=True)
class Criterion:
    code: CriterionCode
    number: int
    short_nl: str
    text_nl: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        CriterionCode.safety_problem,
        1,
        "ernstige veiligheidsproblematiek",
        "Er is sprake van ernstige lokale of gebiedsgebonden veiligheidsproblematiek, die vraagt "
        "om een ketenoverstijgende aanpak.",
    ),
    Criterion(
        CriterionCode.social_system,
        2,
        "impact op systeem of leefomgeving",
        "De problematiek wordt beïnvloed door en heeft impact op het (gezins-)systeem en/of de "
        "directe sociale leefomgeving (of wordt verwacht dat te gaan hebben).",
    ),
    Criterion(
        CriterionCode.cross_chain,
        3,
        "samenwerking tussen meerdere ketens nodig",
        "Samenwerking tussen meerdere ketens (minimaal dwang en drang) is nodig om tot een "
        "effectieve aanpak te komen; het is in de reguliere samenwerking tussen partners binnen "
        "één keten niet mogelijk om deze problematiek effectief aan te pakken.",
    ),
    Criterion(
        CriterionCode.multi_problem,
        4,
        "meervoudige problematiek",
        "Er is sprake van meerdere problemen (multiproblem) die op meer dan één leefgebied spelen "
        "en (naar verwachting) leiden tot crimineel en/of overlastgevend gedrag of verder "
        "afglijden.",
    ),
)

CRITERIA_BY_CODE: Mapping[CriterionCode, Criterion] = MappingProxyType(
    {criterion.code: criterion for criterion in CRITERIA}
)

RULE_NL = "(criterium 1 of criterium 2) en criterium 3 en criterium 4"
COVENANT_REF = "Bijlage 2; Art. 1.4"


class InvalidAssessment(ValueError):
    """An assessment that cannot be recorded; `code` is stable, `reason_nl` is for the user."""

    def __init__(self, reason_nl: str, code: str) -> None:
        super().__init__(f"{code}: {reason_nl}")
        self.reason_nl = reason_nl
        self.code = code


@dataclass(frozen=True)
class CriterionAssessment:
    """One criterion judged by the process director, with the motivation (required)."""

    criterion: CriterionCode
    holds: bool
    motivation: str

    def __post_init__(self) -> None:
        code = CriterionCode(self.criterion)  # ValueError on an unknown code
        if not isinstance(self.holds, bool):
            raise InvalidAssessment(
                f"Geef bij criterium {CRITERIA_BY_CODE[code].number} aan of het van toepassing "
                "is (ja of nee).",
                f"holds_required:{code}",
            )
        if not isinstance(self.motivation, str) or not self.motivation.strip():
            raise InvalidAssessment(
                f"Motiveer criterium {CRITERIA_BY_CODE[code].number} "
                f"({CRITERIA_BY_CODE[code].short_nl}).",
                f"motivation_required:{code}",
            )


@dataclass(frozen=True)
class CriteriaResult:
    met: bool
    explanation_nl: str
    assessments: tuple[CriterionAssessment, ...]  # one per criterion, in covenant order
    failed: tuple[CriterionCode, ...]  # criteria (or, for 1/2, both) that block the result


def combine(c1: bool, c2: bool, c3: bool, c4: bool) -> bool:
    """The combination rule of Bijlage 2: (1 or 2) and 3 and 4. See the module docstring."""
    return (c1 or c2) and c3 and c4


def _name(code: CriterionCode) -> str:
    criterion = CRITERIA_BY_CODE[code]
    return f"criterium {criterion.number} ({criterion.short_nl})"


def _explain(holds: Mapping[CriterionCode, bool]) -> tuple[str, tuple[CriterionCode, ...]]:
    c1 = holds[CriterionCode.safety_problem]
    c2 = holds[CriterionCode.social_system]
    failed: list[CriterionCode] = []
    parts: list[str] = []
    if c1 and c2:
        parts.append(
            f"{_name(CriterionCode.safety_problem)} en "
            f"{_name(CriterionCode.social_system)} zijn vervuld"
        )
    elif c1 or c2:
        code = CriterionCode.safety_problem if c1 else CriterionCode.social_system
        parts.append(f"{_name(code)} is vervuld")
    else:
        failed += [CriterionCode.safety_problem, CriterionCode.social_system]
        parts.append(
            f"{_name(CriterionCode.safety_problem)} noch "
            f"{_name(CriterionCode.social_system)} is vervuld"
        )
    for code in (CriterionCode.cross_chain, CriterionCode.multi_problem):
        if holds[code]:
            parts.append(f"{_name(code)} is vervuld")
        else:
            failed.append(code)
            parts.append(f"{_name(code)} is niet vervuld")
    summary = "; ".join(parts)
    if not failed:
        text = f"De casus voldoet aan de criteria voor complexe casuïstiek (Bijlage 2): {summary}."
    else:
        text = (
            f"De casus voldoet niet aan de criteria voor complexe casuïstiek (Bijlage 2): "
            f"{summary}. Vereist is: {RULE_NL}."
        )
    return text, tuple(failed)


def assess(assessments: Iterable[CriterionAssessment]) -> CriteriaResult:
    """Combine one assessment per criterion into the result; all four are required, once each."""
    by_code: dict[CriterionCode, CriterionAssessment] = {}
    for item in assessments:
        if item.criterion in by_code:
            raise InvalidAssessment(
                f"Criterium {CRITERIA_BY_CODE[item.criterion].number} is meer dan eens beoordeeld.",
                f"criterion_duplicate:{item.criterion}",
            )
        by_code[item.criterion] = item
    for criterion in CRITERIA:
        if criterion.code not in by_code:
            raise InvalidAssessment(
                f"Beoordeel ook criterium {criterion.number} ({criterion.short_nl}).",
                f"criterion_missing:{criterion.code}",
            )
    ordered = tuple(by_code[criterion.code] for criterion in CRITERIA)
    holds = {item.criterion: item.holds for item in ordered}
    met = combine(*(holds[criterion.code] for criterion in CRITERIA))
    explanation, failed = _explain(holds)
    return CriteriaResult(met=met, explanation_nl=explanation, assessments=ordered, failed=failed)
