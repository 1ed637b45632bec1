"""`{% field_row %}` (core/templatetags/fields.py) writes what `includes/field.html` writes, for
fields of every kind, valid and invalid, in Dutch and English (issue #9)."""

from __future__ import annotations

from django import forms
from django.template import Context, Template
from django.utils.translation import gettext_lazy, override

from schakel.core.templatetags.fields import field_row

REFERENCE = Template('{% include "includes/field.html" %}')


class Everything(forms.Form):
    name = forms.CharField(label='Naam <b>"&"</b>', help_text="Zoals in de <BRP>.")
    nickname = forms.CharField(required=False, label=gettext_lazy("Name"))
    agrees = forms.BooleanField(required=False, label="Akkoord")
    must_agree = forms.BooleanField(label="Verplicht akkoord")
    kind = forms.ChoiceField(choices=[("a", "A & a"), ("b", "<b>")], label="Soort")
    story = forms.CharField(widget=forms.Textarea, required=False, label="Verhaal")
    born = forms.DateField(label="Geboren", help_text=gettext_lazy("optional"))
    count = forms.IntegerField(min_value=1, label="Aantal")
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    many = forms.MultipleChoiceField(
        choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple, required=False
    )

    def clean(self) -> dict[str, object]:
        raise forms.ValidationError("Het geheel klopt niet.")


def _forms() -> list[forms.Form]:
    return [
        Everything(),
        Everything(initial={"name": "Jan <de> Vries", "kind": "b", "agrees": True}),
        Everything(data={"name": "", "born": "12-04-2001x", "count": "0", "kind": "z"}),
        Everything(data={"name": "x'y", "must_agree": "on", "born": "2001-04-12", "count": "3",
                         "kind": "a", "many": ["x"]}),
        Everything(auto_id=False),
        Everything(prefix="p1", auto_id="veld_%s"),
    ]  # fmt: skip


def test_same_markup_as_the_reference_template() -> None:
    checked = 0
    for language in ("nl", "en"):
        with override(language):
            for form in _forms():
                for field in form:
                    expected = REFERENCE.render(Context({"field": field}))
                    assert str(field_row(field)) == expected, (language, field.name)
                    checked += 1
    assert checked == 2 * 6 * 10


def test_an_invalid_field_says_why_next_to_it() -> None:
    with override("nl"):
        form = Everything(data={"name": ""})
        html = str(field_row(form["name"]))
    assert "utrecht-form-field--invalid" in html
    assert 'id="id_name_error"' in html
    assert "Dit veld is vereist." in html
    assert "Naam &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;" in html


def test_templates_use_the_builtin() -> None:
    form = Everything()
    html = Template("{% field_row form.nickname %}").render(Context({"form": form}))
    with override("nl"):
        assert "(optioneel)" in Template("{% field_row f %}").render(Context({"f": form["story"]}))
    assert html == str(field_row(form["nickname"]))
