"""Pieces for the few statements written by hand (docs/architecture.md: only where compiling
costs more than running, on every request of its kind)."""

from __future__ import annotations

from django.db.models import Model


def columns(alias: str, model: type[Model]) -> str:
    """Every column of the model's table, prefixed with the statement's alias: a hand-written
    SELECT read through `Model.objects.raw` gets a whole row, as the ORM would."""
    return ", ".join(f"{alias}.{f.column}" for f in model._meta.concrete_fields)
