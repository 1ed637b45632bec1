"""Which tables hold data of a case: every model that hangs off `Case` through foreign keys.

Found from the model registry rather than listed by hand, so a new app's case data (minutes of a
meeting, attachments of an item) is deleted by the sweep without touching this app (issue #5:
"it deletes from every table, every attachment file"). The order is leaves first, so each
delete is one set-based statement that no foreign key refuses.

A foreign key with SET_NULL marks a row that belongs to something else (a register, a
meeting): the sweep clears the pointer instead of deleting the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from graphlib import TopologicalSorter

from django.apps import apps
from django.db import models

from schakel.cases.models import Case, Subject

# Kept when only the content goes (the case "shell": number, phase, dates, parties, history,
# hold); their free text is blanked instead. Everything else that hangs off a case is content.
SHELL_LABELS = frozenset(
    {
        "cases.Case",
        "cases.CaseParty",
        "cases.CaseSubject",
        "cases.SearchKey",  # the subjects' names, searchable while the subjects are kept
        "cases.PhaseTransition",
        "cases.CaseEvent",
        "cases.Case_already_involved",
        "retention.LegalHold",
    }
)
# Free text of the shell that outlives the content stage only while a hold needs it.
KEEP_TEXT = frozenset({"retention.LegalHold.reason", "retention.LegalHold.lift_reason"})


@dataclass(frozen=True)
class CaseBound:
    model: type[models.Model]
    path: str  # lookup from this model to the case, e.g. "item__case"
    file_fields: tuple[str, ...]
    detach: tuple[tuple[type[models.Model], str], ...]  # (model, SET_NULL field) pointing here

    @property
    def label(self) -> str:
        return self.model._meta.label

    @property
    def is_shell(self) -> bool:
        return self.label in SHELL_LABELS

    def text_fields(self) -> list[str]:
        """Free text to blank when the content goes and the row stays (the shell)."""
        return [
            field.name
            for field in self.model._meta.concrete_fields
            if isinstance(field, models.TextField)
            and f"{self.label}.{field.name}" not in KEEP_TEXT
            and not field.null
        ]


def _foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[models.Model, models.Model]]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.remote_field.model is not model
    ]


@dataclass(frozen=True)
class Graph:
    bound: tuple[CaseBound, ...]  # leaves first, the root last
    # (model, field) whose PROTECT on a bound model keeps that row alive (e.g. another case's
    # link to a person): the sweep leaves such rows alone instead of failing the batch.
    keepers: tuple[tuple[type[models.Model], str], ...]


def _protects(field: models.ForeignKey[models.Model, models.Model]) -> bool:
    return field.remote_field.on_delete in (models.PROTECT, models.RESTRICT)


@lru_cache(maxsize=4)
def bound_models(root: type[models.Model], *, follow_protect: bool) -> Graph:
    """Every model hanging off `root` through foreign keys, leaves first, `root` last.

    With `follow_protect` a PROTECT edge is followed like CASCADE (a case's own rows); without,
    it marks a keeper (a person still linked to another case stays).
    """
    paths: dict[type[models.Model], str] = {root: ""}
    every = apps.get_models(include_auto_created=True)
    keepers: list[tuple[type[models.Model], str]] = []
    grew = True
    while grew:  # breadth first: the shortest path wins
        grew = False
        for model in every:
            if model in paths:
                continue
            for field in _foreign_keys(model):
                parent = field.remote_field.model
                if parent not in paths or field.remote_field.on_delete is models.SET_NULL:
                    continue
                if _protects(field) and not follow_protect:
                    continue
                paths[model] = field.name + ("__" + paths[parent] if paths[parent] else "")
                grew = True
                break
    detach: dict[type[models.Model], list[tuple[type[models.Model], str]]] = {m: [] for m in paths}
    for model in every:
        for field in _foreign_keys(model):
            parent = field.remote_field.model
            if parent not in paths:
                continue
            if field.remote_field.on_delete is models.SET_NULL:
                detach[parent].append((model, field.name))
            elif model not in paths and _protects(field) and parent is root:
                keepers.append((model, field.name))
    graph: dict[type[models.Model], set[type[models.Model]]] = {m: set() for m in paths}
    for model in paths:
        for field in _foreign_keys(model):
            parent = field.remote_field.model
            if parent in paths and field.remote_field.on_delete is not models.SET_NULL:
                graph[parent].add(model)  # the referrer goes before what it points at
    order = list(TopologicalSorter(graph).static_order())
    bound = tuple(
        CaseBound(
            model=model,
            path=paths[model] or "pk",
            file_fields=tuple(
                f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)
            ),
            detach=tuple(detach[model]),
        )
        for model in order
    )
    return Graph(bound=bound, keepers=tuple(keepers))


def case_bound_models() -> tuple[CaseBound, ...]:
    """Every model holding case data, leaves first, Case itself last."""
    return bound_models(Case, follow_protect=True).bound


def subject_graph() -> Graph:
    """What hangs off a person (e.g. their requests); the links of other cases keep them."""
    return bound_models(Subject, follow_protect=False)
