"""The fast widget path writes exactly what the project's widget templates write."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting

from schakel.core.form_renderer import FAST, FastWidgetRenderer


def _normal(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html).strip())


class Everything(forms.Form):
    name = forms.CharField(max_length=20, help_text="Naam")
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    version = forms.IntegerField(widget=forms.HiddenInput)
    count = forms.IntegerField(min_value=0)
    mail = forms.EmailField(required=False)
    site = forms.URLField(required=False, assume_scheme="https")
    on = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "class": "extra"}))
    agree = forms.BooleanField(required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    status = forms.ChoiceField(choices=[("open", "Open & bezig"), ("done", 'Klaar "echt"')])
    grouped = forms.ChoiceField(
        choices=[("", "—"), ("Groep <a>", [("a", "A"), ("b", "B")]), ("c", "C")],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)


BOUND = {
    "name": 'Jan <b>"de" & Vries',
    "secret": "s3cr<t",
    "version": "7",
    "count": "-1",
    "mail": "a@b.nl",
    "site": "https://x.nl/?a=1&b=2",
    "on": "2026-11-29",
    "agree": "on",
    "text": "regel 1\n<script>regel 2</script>",
    "status": "done",
    "grouped": "b",
    "many": ["x", "y"],
}


@pytest.mark.parametrize(
    "form",
    [
        Everything(),
        Everything(initial={"on": date(2026, 1, 2), "status": "open", "text": "a & b"}),
        Everything(BOUND),
        Everything({}),  # every field in error: aria-invalid on each
    ],
    ids=["empty", "initial", "bound", "errors"],
)
def test_fast_path_matches_the_templates(form: forms.Form) -> None:
    reference, fast = TemplatesSetting(), FastWidgetRenderer()
    used = set()
    for field in form:
        expected = field.as_widget(attrs=None)  # through the configured renderer
        form.renderer = reference
        by_template = field.as_widget()
        form.renderer = fast
        by_python = field.as_widget()
        used.add(field.field.widget.template_name)
        assert _normal(by_python) == _normal(by_template), field.name
        assert _normal(expected) == _normal(by_template), field.name
    assert used & set(FAST), "the fast path was exercised"


def test_the_project_uses_the_fast_renderer() -> None:
    from django.conf import settings

    assert settings.FORM_RENDERER == "schakel.core.form_renderer.FastWidgetRenderer"
