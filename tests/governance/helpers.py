"""Helpers for the governance tests."""

from __future__ import annotations

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.domain.actor import Actor


def act(user: User) -> Actor:
    """A fresh actor (actor_for caches on the user object)."""
    if hasattr(user, "_schakel_actor"):
        del user._schakel_actor
    return actor_for(user)
