"""Writes about users: creating people, granting roles, disabling accounts, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from schakel.accounts.models import ApiToken, RoleAssignment, User
from schakel.domain.roles import Role
from schakel.parties.models import Party

TOKEN_PREFIX_LENGTH = 8


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def user_ensure(
    *,
    username: str,
    party: Party,
    first_name: str,
    last_name: str,
    email: str,
    roles: Iterable[Role],
    password: str | None = None,
    job_title: str = "",
) -> User:
    """Create the user or bring it in line; idempotent, so the demo loader can run twice."""
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "party": party,
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "job_title": job_title,
        },
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    role_grant(user=user, roles=roles)
    return user


@transaction.atomic
def role_grant(*, user: User, roles: Iterable[Role]) -> None:
    for role in roles:
        RoleAssignment.objects.get_or_create(user=user, role=role.value)


@transaction.atomic
def user_disable(*, user: User) -> int:
    """Disable an account and end all its sessions at once (logout everywhere).

    Django's backends already refuse an inactive user on the next request; deleting the
    sessions as well means nothing of the old session survives in the store either.
    Returns the number of sessions ended.
    """
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    return ended


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns the secret, which is never stored and never shown again."""
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:TOKEN_PREFIX_LENGTH], key_hash=hash_token(secret)
    )
    return token, secret
