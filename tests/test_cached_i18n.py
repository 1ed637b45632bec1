"""`{% translate %}` of a literal, looked up once per language (core/templatetags/cached_i18n.py,
issue #9), renders exactly what Django's own tag renders: in Dutch and English, as a value and
with `as name`, switching language on the same compiled template, and after the translation
settings change. Tags it does not take (a variable, `noop`, a context) stay Django's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from django.conf import settings
from django.template import Context, Engine, engines
from django.templatetags.i18n import TranslateNode
from django.test import override_settings
from django.utils.translation import override

from schakel.core.templatetags.cached_i18n import FixedTranslateNode

DJANGOS = Engine(libraries={"i18n": "django.templatetags.i18n"})  # Django's own tag


def _ours() -> Engine:
    return engines["django"].engine  # type: ignore[attr-defined,no-any-return]


def _both(source: str, values: dict[str, Any] | None = None) -> tuple[str, str]:
    ours = _ours().from_string("{% load cached_i18n %}" + source).render(Context(values or {}))
    djangos = DJANGOS.from_string("{% load i18n %}" + source).render(Context(values or {}))
    return ours, djangos


SOURCES = [
    '{% translate "Cases" %}',
    '{% trans "Cases" %}',
    "{% translate 'Save' as label %}[{{ label }}]",
    '{% translate "a & <b>" %}',  # a literal is safe text: not escaped, by Django either
    '{% translate "a & <b>" as t %}{{ t }}',
    '{% translate "50% done" %}',
    '{% translate "Cases" context "menu" %}',
    '{% translate "Cases" noop %}',
    '{% translate "Cases"|upper %}',
    "{% translate word %}",
    "{% autoescape off %}{% translate 'a & b' %}{% endautoescape %}",
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("source", SOURCES)
def test_the_same_text_as_djangos_tag(source: str, language: str) -> None:
    with override(language):
        ours, djangos = _both(source, {"word": "Cases"})
    assert ours == djangos


def test_dutch_for_a_dutch_reader() -> None:
    with override("nl"):
        assert _both('{% translate "Cases" %}') == ("Casussen", "Casussen")


def test_only_a_bare_literal_is_looked_up_once() -> None:
    def node(source: str) -> Any:
        return _ours().from_string("{% load cached_i18n %}" + source).nodelist[-1]

    assert type(node('{% translate "Cases" %}')) is FixedTranslateNode
    assert type(node('{% translate "Cases" as x %}')) is FixedTranslateNode
    for other in (
        "{% translate word %}",
        '{% translate "Cases" noop %}',
        '{% translate "Cases" context "menu" %}',
        '{% translate "Cases"|upper %}',
    ):
        assert type(node(other)) is TranslateNode, other  # fmt: skip


def test_one_compiled_template_follows_the_active_language() -> None:
    template = _ours().from_string('{% load cached_i18n %}{% translate "Cases" %}')
    seen = []
    for language in ("nl", "en", "nl", "en"):
        with override(language):
            seen.append(template.render(Context()))
    assert seen == ["Casussen", "Cases", "Casussen", "Cases"]


def test_a_variable_is_translated_on_every_render() -> None:
    template = _ours().from_string("{% load cached_i18n %}{% translate word %}")
    with override("nl"):
        assert template.render(Context({"word": "Cases"})) == "Casussen"
        assert template.render(Context({"word": "Save"})) != "Casussen"


def test_changed_translation_settings_are_followed(tmp_path: Path) -> None:
    """A catalogue put first on LOCALE_PATHS (which the tests' settings changes reload) gives
    "Cases" another Dutch text: the compiled template follows, and returns after."""
    catalog = Catalog(locale="nl")
    catalog.add("Cases", "Dossiers")
    mo = tmp_path / "nl" / "LC_MESSAGES" / "django.mo"
    mo.parent.mkdir(parents=True)
    with mo.open("wb") as file:
        write_mo(file, catalog)
    template = _ours().from_string('{% load cached_i18n %}{% translate "Cases" %}')
    with override("nl"):
        assert template.render(Context()) == "Casussen"
    with override_settings(LOCALE_PATHS=[tmp_path, *settings.LOCALE_PATHS]), override("nl"):
        assert template.render(Context()) == "Dossiers"
    with override("nl"):
        assert template.render(Context()) == "Casussen"


@pytest.mark.parametrize("library", ["i18n", "static"])
def test_no_template_of_schakel_loads_djangos_library_directly(library: str) -> None:
    """Else its fixed texts would be translated on every render again, and its static files'
    addresses looked up again (`core/templatetags/paths.py`), unnoticed."""
    source = Path(__file__).resolve().parents[1] / "src" / "schakel"
    loads = re.compile(r"{%\s*load\s+([^%]*)%}")
    direct = [
        str(path.relative_to(source))
        for path in source.rglob("*.html")
        for libraries in loads.findall(path.read_text(encoding="utf-8"))
        if library in libraries.split()
    ]
    assert direct == []
