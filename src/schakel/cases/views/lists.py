"""The case lists: all cases the actor may see and "my cases", filtered, keyset-paged."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from schakel.accounts.selectors import names_with_role
from schakel.cases.list_selectors import (
    CaseFilters,
    CasePage,
    by_newest_case,
    case_list_for,
    decode_cursor,
)
from schakel.cases.presentation import (
    case_list_rows,
    select_options,
)
from schakel.cases.views._common import actor_of, ctx_of
from schakel.domain.policy import may_see_cases_at_all
from schakel.domain.roles import Role
from schakel.domain.target_groups import TARGET_GROUP_LABELS_NL
from schakel.domain.workflow import PHASE_LABELS_NL, Phase
from schakel.parties.selectors import party_names


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdecimal() and len(value) < 12 else None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filter_errors(q: QueryDict, filters: CaseFilters) -> dict[str, str]:
    """What the person typed that cannot be searched for, in words next to the field. The list
    is then not read at all: leaving a criterion out would show cases that do not match it."""
    errors = {}
    if q.get("geboortedatum") and filters.date_of_birth is None:
        errors["date_of_birth"] = _("Use a date like 2001-04-12.")
    if (cursor := q.get("na")) and decode_cursor(cursor) is None:
        errors["cursor"] = _(
            "This page link is not valid (any more). Start again at the first page."
        )
    return errors


@login_required
@require_GET
def case_list(request: HttpRequest, mine: bool = False) -> HttpResponse:
    actor = actor_of(request)
    if not may_see_cases_at_all(actor):
        raise Http404
    q = request.GET
    phase = q.get("fase") or None
    group = q.get("doelgroep") or None
    filters = CaseFilters(
        phase=phase if phase in Phase.__members__ else None,
        target_group=group if group in TARGET_GROUP_LABELS_NL else None,
        municipality_id=_int(q.get("gemeente")),
        referring_party_id=_int(q.get("aanmelder")),
        process_director_id=_int(q.get("procesregisseur")),
        mine=mine,
        last_name=(q.get("achternaam") or "").strip() or None,
        date_of_birth=_date(q.get("geboortedatum")),
    )
    errors = _filter_errors(q, filters)
    page = (
        CasePage(items=[], next_cursor=None)
        if errors
        else case_list_for(
            actor=actor, ctx=ctx_of(request), filters=filters, cursor=q.get("na") or None
        )
    )
    keep = q.copy()
    keep.pop("na", None)
    first_page = keep.urlencode()
    if page.next_cursor:
        keep["na"] = page.next_cursor
    parties = party_names()
    return render(
        request,
        "cases/list.html",
        {
            "mine": mine,
            "errors": errors,
            "first_page": first_page,
            "rows": case_list_rows(page.items),
            "next_query": keep.urlencode() if page.next_cursor else "",
            "newest_case_first": by_newest_case(filters),
            "last_name": q.get("achternaam", ""),
            "date_of_birth": q.get("geboortedatum", ""),
            "phases": select_options(PHASE_LABELS_NL.items(), phase),
            "groups": select_options(TARGET_GROUP_LABELS_NL.items(), group),
            "municipalities": select_options(
                ((pk, name) for pk, name, kind in parties if kind == "municipality"),
                q.get("gemeente"),
            ),
            "parties": select_options(
                ((pk, name) for pk, name, kind in parties if kind != "house"),
                q.get("aanmelder"),
            ),
            "directors": select_options(
                names_with_role(Role.process_director), q.get("procesregisseur")
            ),
        },
    )
