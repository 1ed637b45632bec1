"""`{% field_row field %}`: one form field, NL Design System style, built in Python (issue #9).

Label, "(optional)", help text, the errors next to the field, and the widget: the markup of
`templates/includes/field.html`, which stays the reference (tests/test_field_row.py renders
fields of every kind both ways and asserts the same text). Through the template engine each
field cost an include, a context and some twenty nodes (~0.4 ms; the case page renders four
to six); here it costs the widget and a few `esc` calls. A template builtin, like `date`.
"""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from schakel.core.escape import esc

register = template.Library()


@register.simple_tag
def field_row(field: BoundField) -> SafeString:
    field_id = esc(field.auto_id)
    checkbox = getattr(field.field.widget, "input_type", None) == "checkbox"
    errors = field.errors
    kind = "checkbox" if checkbox else "text"
    invalid = " utrecht-form-field--invalid" if errors else ""
    optional = (
        f' <span class="schakel-optional">({esc(gettext("optional"))})</span>'
        if not field.field.required and not checkbox
        else ""
    )
    help_text = (
        '<div class="utrecht-form-field__description utrecht-form-field-description" '
        f'id="{field_id}_helptext">{esc(field.help_text)}</div>'
        if field.help_text
        else ""
    )
    shown_errors = (
        '<div class="utrecht-form-field__error-message utrecht-form-field-error-message" '
        f'id="{esc(str(field.auto_id) + "_error")}">'
        + "".join(f'<p class="utrecht-paragraph">{esc(error)}</p>' for error in errors)
        + "</div>"
        if errors
        else ""
    )
    return mark_safe(  # noqa: S308 (every value escaped by esc; the widget is safe HTML)
        "\n\n"
        f'<div class="utrecht-form-field utrecht-form-field--{kind}{invalid}">\n'
        '  <div class="utrecht-form-field__label">\n'
        f'    <label class="utrecht-form-label" for="{field_id}">{esc(field.label)}{optional}'
        "</label>\n"
        "  </div>\n"
        f"  {help_text}\n"
        f"  {shown_errors}\n"
        f'  <div class="utrecht-form-field__input">{field}</div>\n'
        "</div>\n\n"
    )
