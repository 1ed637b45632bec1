"""Django's `i18n` tag library, with `{% translate "fixed text" %}` looked up once per language.

The templates hold ~900 `{% translate %}` tags, a case page renders ~70 of them, and Django's
node spends ~14 µs on each: a lazy translation object, its evaluation through `gettext`, the
value localised and escaped, all for text that is fixed when the template is compiled (issue
#9). A tag with a literal and nothing else (no filter, `noop` or `context`; `as name` is
fine) becomes `FixedTranslateNode`, which keeps the rendered text per active language and
gives the very same string as Django's node. Every other tag, and `blocktranslate`, are
Django's own. Schakel's templates `{% load cached_i18n %}` instead of `i18n` (a test holds
that none loads Django's library directly); `tests/test_cached_i18n.py` holds the tag equal
to Django's.

The cache holds translations of the templates' own text only, never a value from a request.
It is dropped when the translation settings change (the tests), as Django's catalogues are.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.signals import setting_changed
from django.template.base import Parser, Token, Variable
from django.templatetags import i18n as djangos
from django.utils.translation import get_language

register = template.Library()
register.tags.update(djangos.register.tags)
register.filters.update(djangos.register.filters)

_TRANSLATION_SETTINGS = frozenset({"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"})
_generation = [0]  # raised when those settings change: every node then renders afresh


class FixedTranslateNode(djangos.TranslateNode):
    """A `translate` of a literal: Django's node renders it the first time in each language,
    this one returns that string after."""

    def __init__(self, node: djangos.TranslateNode) -> None:
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        self.rendered: dict[str | None, str] = {}
        self.generation = _generation[0]

    def render(self, context: Any) -> str:
        if self.generation != _generation[0]:
            self.rendered.clear()
            self.generation = _generation[0]
        language = get_language()
        value = self.rendered.get(language)
        if value is None:
            # A literal is safe text (a SafeString, kept so for `as name`), so autoescaping
            # does not change it: one value per language fits every context.
            value = self.rendered[language] = self._render_fixed(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def _render_fixed(self, context: Any) -> str:
        asvar, self.asvar = self.asvar, None
        try:
            return super().render(context)
        finally:
            self.asvar = asvar


def _is_fixed(node: djangos.TranslateNode) -> bool:
    expression = node.filter_expression
    return (
        not node.noop
        and node.message_context is None
        and not expression.filters
        and isinstance(expression.var, Variable)
        and expression.var.lookups is None  # a literal, not a variable
    )


@register.tag("translate")
@register.tag("trans")
def do_translate(parser: Parser, token: Token) -> template.Node:
    node = djangos.do_translate(parser, token)
    return FixedTranslateNode(node) if _is_fixed(node) else node


def _clear(*, setting: str, **kwargs: Any) -> None:
    if setting in _TRANSLATION_SETTINGS:
        _generation[0] += 1


setting_changed.connect(_clear)
