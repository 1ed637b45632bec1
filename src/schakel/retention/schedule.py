"""The schedule in force: the defaults of DOMAIN.md, then settings, then the house's screen.

Privacy protocol art. 11 makes retention the house's own policy, so a house may change a rule's
period, reference and wording. The trigger and effect of each data class are fixed by the
domain (`CLASS_TRIGGER`, `CLASS_EFFECT`), and `validate_schedule` refuses a schedule that would,
say, delete the identity before the content.

Settings take the form::

    SCHAKEL_RETENTION_SCHEDULE = {
        "closed_content": {"months": 12, "legal_reference": "Privacyprotocol art. 11 lid 2"},
    }
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from schakel.domain.retention import DEFAULT_SCHEDULE, Period, RetentionRule, validate_schedule
from schakel.retention.models import RetentionRuleSetting

RULE_CODES: tuple[str, ...] = tuple(rule.code for rule in DEFAULT_SCHEDULE)


@dataclass(frozen=True)
class RuleInForce:
    rule: RetentionRule
    source: str  # "default", "settings" or "house"


def _override(rule: RetentionRule, values: Mapping[str, Any]) -> RetentionRule:
    months = int(values.get("months", rule.period.months)) + 12 * int(values.get("years", 0))
    return dataclasses.replace(
        rule,
        period=Period(months, int(values.get("days", rule.period.days))),
        legal_reference=str(values.get("legal_reference", rule.legal_reference)),
        description_nl=str(values.get("description_nl", rule.description_nl)),
    )


def _from_settings() -> dict[str, RuleInForce]:
    rules = {rule.code: RuleInForce(rule, "default") for rule in DEFAULT_SCHEDULE}
    configured: Mapping[str, Mapping[str, Any]] = getattr(
        settings, "SCHAKEL_RETENTION_SCHEDULE", {}
    )
    for code, values in configured.items():
        if code not in rules:
            raise ImproperlyConfigured(f"SCHAKEL_RETENTION_SCHEDULE: unknown rule {code!r}")
        rules[code] = RuleInForce(_override(rules[code].rule, values), "settings")
    return rules


def rules_in_force() -> list[RuleInForce]:
    """Every rule with where its values come from; the house's screen wins over settings."""
    rules = _from_settings()
    for row in RetentionRuleSetting.objects.filter(code__in=RULE_CODES):
        values = {
            "months": row.months,
            "days": row.days,
            "legal_reference": row.legal_reference,
            "description_nl": row.description_nl,
        }
        rules[row.code] = RuleInForce(_override(rules[row.code].rule, values), "house")
    return [rules[code] for code in RULE_CODES]


def current_schedule() -> tuple[RetentionRule, ...]:
    """The schedule the sweep applies. Raises ValueError when it is invalid: an invalid
    schedule never drives a deletion (deleting means gone)."""
    schedule = tuple(entry.rule for entry in rules_in_force())
    problems = validate_schedule(schedule)
    if problems:
        raise ValueError("Ongeldig bewaarschema: " + " ".join(problems))
    return schedule


def rule_by_code(schedule: tuple[RetentionRule, ...], code: str) -> RetentionRule:
    return next(rule for rule in schedule if rule.code == code)
