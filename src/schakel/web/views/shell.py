"""The Dutch web shell: home ("Mijn werk"), the party list and the party page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from schakel.accounts.selectors import actor_for, users_of_party
from schakel.cases.presentation import case_home
from schakel.domain.parties import PARTY_DOMAIN_LABELS_NL, PARTY_KIND_LABELS_NL, PartyKind
from schakel.domain.roles import ROLE_LABELS_NL
from schakel.parties.selectors import (
    covenant_current,
    party_get,
    party_get_by_id,
    party_list,
    party_memberships,
)
from schakel.rights.presentation import rights_home


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)  # type: ignore[arg-type]
    return render(
        request,
        "web/home.html",
        {
            "party": party_get_by_id(party_id=actor.party_id),
            "role_labels": sorted(ROLE_LABELS_NL[r] for r in actor.roles),
            "case_work": case_home(actor=actor),
            "rights_work": rights_home(actor),
        },
    )


@login_required
@require_GET
def party_index(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("soort") or None
    if kind not in (None, *PartyKind):
        kind = None
    parties = list(party_list(kind=kind))
    for party in parties:
        party.kind_label = PARTY_KIND_LABELS_NL[PartyKind(party.kind)]  # type: ignore[attr-defined]
    return render(
        request,
        "web/party_list.html",
        {
            "parties": parties,
            "kind": kind,
            "kinds": list(PARTY_KIND_LABELS_NL.items()),
            "covenant": covenant_current(),
        },
    )


@login_required
@require_GET
def party_detail(request: HttpRequest, slug: str) -> HttpResponse:
    party = party_get(slug=slug)
    if party is None:
        raise Http404
    return render(
        request,
        "web/party_detail.html",
        {
            "party": party,
            "kind_label": PARTY_KIND_LABELS_NL[PartyKind(party.kind)],
            "domain_label": PARTY_DOMAIN_LABELS_NL.get(party.domain, party.domain),  # type: ignore[call-overload]
            "memberships": party_memberships(party=party),
            # Colleagues' names are staff data, visible to signed-in users of the house.
            "people": users_of_party(party_id=party.pk),
            "role_labels": ROLE_LABELS_NL,
        },
    )


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: says only whether the app and its database answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return JsonResponse({"status": "ok"})
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
