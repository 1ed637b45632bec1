"""`core.choices`: every Schakel model's `get_<field>_display` gives what Django's gives, for
every choice, in Dutch and in English, and for a value that is not a choice (issue #9)."""

from __future__ import annotations

from functools import partialmethod

from django.apps import apps
from django.db import models
from django.utils.translation import override

from schakel.cases.models import CaseParty, CaseRelationKind
from schakel.core.choices import fast_choice_labels


def _fields_with_choices() -> list[tuple[type[models.Model], models.Field]]:  # type: ignore[type-arg]
    return [
        (model, field)
        for model in apps.get_models()
        if model.__module__.startswith("schakel.")
        for field in model._meta.get_fields()
        if getattr(field, "choices", None) and hasattr(field, "attname")
    ]


def test_every_choice_field_is_swapped_and_labels_as_django_does() -> None:
    fields = _fields_with_choices()
    assert len(fields) > 20  # the house's phases, relations, regimes, roles, states, ...
    for model, field in fields:
        method = model.__dict__[f"get_{field.name}_display"]
        assert isinstance(method, partialmethod)
        assert method.func is not models.Model._get_FIELD_display  # type: ignore[attr-defined]
        instance = model()
        for value in [value for value, _ in field.flatchoices] + ["not-a-choice", None]:
            setattr(instance, field.attname, value)
            for language in ("nl", "en"):
                with override(language):
                    ours = getattr(instance, f"get_{field.name}_display")()
                    djangos = models.Model._get_FIELD_display(instance, field)  # type: ignore[attr-defined]
                    assert ours == djangos, (model.__name__, field.name, value, language)
                    assert type(ours) is type(djangos)


def test_the_label_follows_the_active_language() -> None:
    row = CaseParty(relation=CaseRelationKind.municipality)
    with override("nl"):
        assert row.get_relation_display() == "Gemeente"
    with override("en"):
        assert row.get_relation_display() == "Municipality"


def test_a_model_with_its_own_display_keeps_it_and_a_second_call_swaps_nothing() -> None:
    assert fast_choice_labels() == 0  # ready() swapped them all already; the rest are their own
