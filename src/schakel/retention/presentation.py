"""The shell's menu item for retention (the label lives in this app's catalogue)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from schakel.core.links import page_path
from schakel.domain.actor import Actor
from schakel.domain.retention_policy import RetentionAction, retention_allows


def retention_navigation(actor: Actor) -> list[dict[str, Any]]:
    if retention_allows(actor, RetentionAction.view_overview):
        return [{"label": _("Retention"), "url": page_path("retention:overview")}]
    if retention_allows(actor, RetentionAction.view_schedule):
        return [{"label": _("Retention"), "url": page_path("retention:schedule")}]
    return []
