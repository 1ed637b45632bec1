"""Form helpers shared by the apps' views."""

from __future__ import annotations

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
