"""`get_<field>_display` without re-hashing every label on every call (issue #9).

Django's `Model._get_FIELD_display` builds `dict(make_hashable(field.flatchoices))` each time
it is called, and hashing a lazily translated label translates it: a field with twelve choices
pays twelve `gettext` calls to show one label (~0.3 ms for an item's regime, ~25 µs for a
party's relation). A case page shows some thirty such labels.

`fast_choice_labels()` (called once from `CoreConfig.ready`) gives every Schakel model field
with choices a `get_<field>_display` that looks the value up in a dict built once per field and
translates only the label it returns, in the language active at that moment. The result is
the same as Django's, which `tests/test_choices.py` holds for every field, value and language.
A model that writes its own `get_<field>_display` keeps it.
"""

from __future__ import annotations

from functools import cache, partialmethod
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.encoding import force_str


@cache
def _labels_of(field: models.Field[Any, Any]) -> dict[Any, Any]:
    """value -> (lazy) label. Choices are fixed when the model class is built."""
    return dict(field.flatchoices)


def _display(instance: models.Model, field: models.Field[Any, Any]) -> Any:
    value = getattr(instance, field.attname)
    try:
        label = _labels_of(field).get(value, value)
    except TypeError:  # an unhashable value: Django's own way copes with it
        return models.Model._get_FIELD_display(instance, field)  # type: ignore[attr-defined]
    return force_str(label, strings_only=True)


def _is_djangos_default(method: object) -> bool:
    return (
        isinstance(method, partialmethod) and method.func is models.Model._get_FIELD_display  # type: ignore[attr-defined]
    )


def fast_choice_labels(package: str = "schakel.") -> int:
    """Swap Django's default `get_<field>_display` for `_display` on the package's models;
    returns how many were swapped."""
    swapped = 0
    for model in apps.get_models():
        if not model.__module__.startswith(package):
            continue
        for field in model._meta.get_fields():
            if not getattr(field, "choices", None) or not hasattr(field, "attname"):
                continue
            name = f"get_{field.name}_display"
            if _is_djangos_default(model.__dict__.get(name)):
                setattr(model, name, partialmethod(_display, field=field))
                swapped += 1
    return swapped
