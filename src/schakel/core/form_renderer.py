"""The form renderer: the project's widget templates, with a fast path for the common widgets.

Every widget rendered through a template costs about a millisecond (a context, the include of
`attrs.html`, one include per <option>); the case page of a case in execution renders a dozen
or more of them (issue #9). For the plain input family, <select> and <textarea> this renderer
builds the same HTML in Python, with the same escaping; everything else (radio and checkbox
groups, date selects, file inputs) still goes through the templates. The templates under
`templates/django/forms/widgets/` stay the reference: tests/core/test_form_renderer.py renders
every fast widget both ways and asserts the same markup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms.renderers import TemplatesSetting

from schakel.core.escape import esc

_INPUT_CLASS = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
}
_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def _attrs(attrs: dict[str, Any], skip_class: bool) -> str:
    """` name="value"` pairs as `attrs.html` writes them: False left out, True bare."""
    out = []
    for name, value in attrs.items():
        if (skip_class and name == "class") or value is False:
            continue
        out.append(f" {esc(name)}")
        if value is not True:
            out.append(f'="{esc(str(value))}"')
    return "".join(out)


def _input(widget: dict[str, Any]) -> str:
    css = _INPUT_CLASS.get(widget["type"], _TEXTBOX)
    extra = widget["attrs"].get("class")
    if extra:
        css = f"{css} {esc(extra)}"
    value = widget["value"]
    shown = "" if value is None else f' value="{esc(str(value))}"'
    return (
        f'<input type="{esc(widget["type"])}" '
        f'name="{esc(widget["name"])}" class="{css}"{shown}'
        f"{_attrs(widget['attrs'], skip_class=True)}>\n"
    )


def _option(option: dict[str, Any]) -> str:
    return (
        f'<option value="{esc(str(option["value"]))}"'
        f"{_attrs(option['attrs'], skip_class=False)}>{esc(option['label'])}"
        "</option>\n"
    )


def _select(widget: dict[str, Any]) -> str:
    out = [
        f'<select name="{esc(widget["name"])}" '
        f'class="utrecht-select utrecht-select--html-select"'
        f"{_attrs(widget['attrs'], skip_class=True)}>"
    ]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{esc(group_name)}">')
        for option in group_choices:
            out.append("\n  " + _option(option))
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _textarea(widget: dict[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{esc(widget["name"])}" '
        f'class="utrecht-textarea utrecht-textarea--html-textarea"'
        f"{_attrs(widget['attrs'], skip_class=True)}>\n"
        f"{esc(value) if value else ''}</textarea>\n"
    )


INPUT_TYPES: tuple[str, ...] = ("text", "hidden", "number", "email", "password", "url", "tel")
INPUT_TYPES += ("search", "date", "time", "datetime", "color", "checkbox")
FAST: dict[str, Callable[[dict[str, Any]], str]] = {
    **{f"django/forms/widgets/{kind}.html": _input for kind in INPUT_TYPES},
    "django/forms/widgets/input.html": _input,
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
}


class FastWidgetRenderer(TemplatesSetting):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        fast = FAST.get(template_name)
        if fast is not None and "widget" in context:
            return fast(context["widget"])
        return super().render(template_name, context, request)
