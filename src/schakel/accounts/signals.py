"""Logins, failed logins and logouts go to the audit spine from day one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from schakel.accounts.middleware import start_session_clock
from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.audit import record
from schakel.audit.record import AuditContext


@receiver(user_logged_in, dispatch_uid="schakel_login")
def _on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        start_session_clock(request)
    record.login_succeeded(AuditContext.from_request(request), actor=actor_for(user))


@receiver(user_logged_out, dispatch_uid="schakel_logout")
def _on_logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        record.logged_out(AuditContext.from_request(request), actor=actor_for(user))


@receiver(user_login_failed, dispatch_uid="schakel_login_failed")
def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = credentials.get("username") or credentials.get("login") or ""
    known = User.objects.filter(username=username).values_list("pk", "party_id").first()
    record.login_failed(
        AuditContext.from_request(request),
        user_id=known[0] if known else None,
        party_id=known[1] if known else None,
    )
