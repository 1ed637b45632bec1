"""The shell's menu item for the access log (the label lives in this app's catalogue)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from schakel.core.links import page_path
from schakel.domain.actor import Actor
from schakel.domain.policy import may_read_access_log


def sharing_navigation(actor: Actor) -> list[dict[str, Any]]:
    if may_read_access_log(actor):
        return [
            {"label": _("Access log"), "url": page_path("sharing:log")},
            {"label": _("Emergency access"), "url": page_path("sharing:emergency_overview")},
        ]
    return []
