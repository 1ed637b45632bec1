"""The shell's menu item for meetings (the label lives in this app's catalogue)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from schakel.domain.actor import Actor
from schakel.domain.meetings_policy import may_open_meetings, may_plan_meetings


def meetings_navigation(actor: Actor) -> list[dict[str, Any]]:
    if may_plan_meetings(actor):
        return [{"label": _("Case conferences"), "url": reverse("meetings:board")}]
    if may_open_meetings(actor):
        return [{"label": _("My meetings"), "url": reverse("meetings:mine")}]
    return []
