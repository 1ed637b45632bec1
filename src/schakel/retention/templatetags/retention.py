"""`{% active_legal_hold case as hold %}` for the case page (issue #5: the hold is visible on
the case). The case page itself is authorised and audited by the cases app."""

from __future__ import annotations

from django import template

from schakel.cases.models import Case
from schakel.retention.models import LegalHold
from schakel.retention.selectors import active_hold_for_case

register = template.Library()


@register.simple_tag
def active_legal_hold(case: Case) -> LegalHold | None:
    return active_hold_for_case(case)
