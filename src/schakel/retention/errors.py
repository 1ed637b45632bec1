"""What the retention services raise; views turn each into a Dutch answer next to the field."""

from __future__ import annotations


class RetentionForbidden(Exception):
    """The actor may not do this; views answer 404, as for a missing page (deny unless allowed)."""


class InvalidInput(Exception):
    """Bad input: ``errors`` maps a field name to Dutch messages. Nothing was saved."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(repr(errors))
        self.errors = errors
