"""The case page's panels that belong to the sharing app, so the cases app's views stay
untouched: the case page includes `sharing/_case_parties.html`, which calls this tag."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.context import Context

from schakel.accounts.selectors import actor_for
from schakel.sharing import emergency, parties

register = template.Library()


@register.inclusion_tag("sharing/_case_parties_panel.html", takes_context=True)
def case_parties_panel(context: Context) -> dict[str, Any]:
    request = context["request"]
    case = context["case"]
    view = context.get("view")
    rows = list(view.parties) if view is not None else []
    actor = actor_for(request.user)
    # Inviting opens on its own page (a link here), as the case page's other forms with long
    # choice lists do: the page does not read and render every party on each visit (issue #9).
    return {
        "case": case,
        "panel": parties.party_panel(actor=actor, case=case, rows=rows),
        "csrf_token": context.get("csrf_token"),
        "request": request,
        "grant": emergency.running_grant(actor=actor, case_id=case.pk)
        if case.process_director_id != actor.user_id
        else None,
    }


@register.inclusion_tag("sharing/_emergency_link_inner.html", takes_context=True)
def emergency_link(context: Context) -> dict[str, Any]:
    """On the case list: the way to break-the-glass, for process directors only."""
    request = context["request"]
    actor = actor_for(request.user)
    return {"show": emergency.may_break_the_glass(actor)}
