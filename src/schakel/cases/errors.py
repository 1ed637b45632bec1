"""What the case services raise; views and the API turn each into a Dutch answer."""

from __future__ import annotations

from django.utils.translation import gettext as _

from schakel.domain.transitions import IllegalTransition

__all__ = ["CaseChanged", "CaseForbidden", "CaseNotFound", "IllegalTransition", "InvalidInput"]


class CaseNotFound(Exception):
    """No such case, or one the actor may not see: both answer 404 (existence is sensitive)."""


class CaseChanged(Exception):
    """The edit was based on an older version of the case (optimistic locking)."""

    def __init__(self, current_version: int) -> None:
        super().__init__("case changed")
        self.current_version = current_version
        self.reason_nl = _(
            "The case has been changed by someone else in the meantime. Your changes were not "
            "saved; reload the case and try again."
        )


class CaseForbidden(Exception):
    """The actor sees the case but may not do this (e.g. it is closed, or not their role)."""

    def __init__(self, reason_nl: str, code: str) -> None:
        super().__init__(f"{code}: {reason_nl}")
        self.reason_nl = reason_nl
        self.code = code


class InvalidInput(Exception):
    """Bad input: ``errors`` maps a field name to Dutch messages. Nothing was saved."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(repr(errors))
        self.errors = errors
