"""What every page of the shell needs: the house's name, the demo flag, the navigation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from schakel.accounts.selectors import actor_for
from schakel.cases.presentation import case_navigation
from schakel.core.links import page_path
from schakel.domain.governance_policy import GovAction, governance_allows
from schakel.domain.reports_policy import ReportAction, reports_allow
from schakel.domain.roles import Role
from schakel.meetings.presentation import meetings_navigation
from schakel.retention.presentation import retention_navigation
from schakel.rights.presentation import rights_navigation
from schakel.sharing.presentation import sharing_navigation


def _navigation(request: HttpRequest) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)  # DRF sets None for anonymous API requests
    if user is None or not user.is_authenticated:
        return []
    actor = actor_for(request.user)  # type: ignore[arg-type]
    if not actor.party_active:  # Art. 23: a party that left sees nothing (accounts middleware)
        return []
    items: list[dict[str, Any]] = [{"label": _("My work"), "url": page_path("web:home")}]
    items += case_navigation(actor)
    items += meetings_navigation(actor)
    # Parties are public within the house: every role sees who takes part in the covenant.
    items.append({"label": _("Parties"), "url": page_path("web:party_list")})
    if governance_allows(actor, GovAction.open_governance):
        items.append({"label": _("Governance"), "url": page_path("governance:index")})
    if reports_allow(actor, ReportAction.view_dashboard):
        items.append({"label": _("Reports"), "url": page_path("reports:dashboard")})
    items += sharing_navigation(actor)
    items += retention_navigation(actor)
    items += rights_navigation(actor)
    if actor.has(Role.functional_administrator, Role.privacy_officer):
        items.append({"label": _("API"), "url": page_path("api:docs")})
    for item in items:
        item["current"] = request.path == item["url"] or (
            item["url"] != "/" and request.path.startswith(item["url"])
        )
    return items


def shell(request: HttpRequest) -> dict[str, Any]:
    return {
        "house_name": settings.SCHAKEL_HOUSE_NAME,
        "demo_mode": settings.SCHAKEL_DEMO_BANNER,
        "two_factor_off": not settings.SCHAKEL_REQUIRE_2FA,
        "navigation": _navigation(request),
    }
