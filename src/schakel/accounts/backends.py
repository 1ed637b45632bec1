"""The authentication backend: allauth's, loading each request's user with its actor."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend

from schakel.accounts.selectors import signed_in_user


class SignedInUserBackend(AuthenticationBackend):  # type: ignore[misc]
    """Signs in as allauth does; `get_user` (every request with a session) reads the user,
    its roles, its party's membership and its second factor in one query (issue #9)."""

    def get_user(self, user_id: Any) -> Any:
        user = signed_in_user(user_id=int(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None


# Its dotted path, as settings.AUTHENTICATION_BACKENDS and a session name it.
SIGNED_IN_USER_BACKEND = f"{__name__}.{SignedInUserBackend.__name__}"
