"""Form helpers shared by the apps' views."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms


def apply_service_errors(form: forms.Form, errors: dict[str, list[str]]) -> None:
    """Put a service's validation errors next to the fields they concern.

    A form may translate a service's field name into its own with ``service_field(name)``
    (the referral form's numbered subject rows do); errors for unknown fields go on top.
    """
    mapper = getattr(form, "service_field", lambda name: name if name in form.fields else None)
    for name, texts in errors.items():
        field = mapper(name)
        for text in texts:
            if field in form.fields and field not in form.errors:
                form.add_error(field, text)
            elif field in form.fields:
                form.errors[field].append(text)
            else:
                form.add_error(None, text)


def share_choices(forms_on_page: Iterable[forms.Form]) -> None:
    """Read each distinct list of parties or people once per page: the case page's forms hold
    about ten model choice fields over two or three lists, and each would otherwise run its
    own query when it renders. Worth it for a single form too: a select reads its first choice
    for the `required` attribute and then all of them, two queries where one will do. Only the
    rendered choices are shared; validation of a posted form still goes through the field's
    own queryset."""
    found: dict[tuple[type, str, object], list[Any]] = {}
    for form in forms_on_page:
        for field in form.fields.values():
            if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
                continue
            key = (type(field), str(field.queryset.query), field.empty_label)
            if key not in found:
                # One plain query: the field's own iterator would open a server-side cursor
                # (DECLARE, FETCH, CLOSE: three round trips) and count first when asked len().
                choice = field.iterator(field).choice
                empty = [] if field.empty_label is None else [("", field.empty_label)]
                found[key] = empty + [choice(obj) for obj in field.queryset]
            field.choices = found[key]
