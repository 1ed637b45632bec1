"""`{% url %}` with the paths of `core.links`: reversed once per process, and `{% static %}` of
a fixed file looked up once (issue #9).

Django's tag reverses on every render (~35 µs); the shell of every page names five paths
and a case page a dozen more, most of them of the case itself. A tag naming its page with a
literal and either nothing else or one id (`{% url 'cases:note' case.pk %}`) takes the path
from `page_path` or `id_path`, which give what `reverse` gives (the URL map does not change
while the process runs, and no page name is used by two instances of an app). Every other
tag, and an argument that is not an id, are Django's own. A template builtin, like `date`;
`tests/test_links.py` holds both equal to Django's tag.

`{% static 'css/schakel.css' %}` (every page's shell names six files) asks the static-files
storage for the file's address the first time and keeps it: ~17 µs a tag, the manifest
lookup, the quoting and the URL join, for an address that only changes with the settings
(they are dropped then, as Django drops its storage) or a new deployment (a new process). A
path from a variable is Django's own tag. A builtin too, so Schakel's templates do not
`{% load static %}` (a test holds that); `tests/test_links.py` holds it equal to Django's.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.signals import setting_changed
from django.template import defaulttags
from django.template.base import FilterExpression, Parser, Token
from django.templatetags.static import StaticNode
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from schakel.core.links import id_path, page_path

register = template.Library()


def _literal(expression: FilterExpression) -> bool:
    return not expression.filters and not expression.is_var  # type: ignore[attr-defined]


class PathNode(defaulttags.URLNode):
    def __init__(self, node: defaulttags.URLNode) -> None:
        super().__init__(node.view_name, node.args, node.kwargs, node.asvar)
        self.name = str(node.view_name.var)

    def render(self, context: Any) -> str:
        pk = self.args[0].resolve(context) if self.args else None
        if self.args and type(pk) is not int:  # a string, None, a model: Django's tag
            return super().render(context)
        try:
            path = page_path(self.name) if pk is None else id_path(self.name, pk)
        except NoReverseMatch:
            if self.asvar is None:
                raise
            path = ""  # as Django's tag: `as name` swallows a page that does not exist
        if self.asvar:
            context[self.asvar] = path
            return ""
        return conditional_escape(path) if context.autoescape else path


@register.tag
def url(parser: Parser, token: Token) -> template.Node:
    node = defaulttags.url(parser, token)
    if _literal(node.view_name) and not node.kwargs and len(node.args) <= 1:
        return PathNode(node)
    return node


# The settings a static file's address follows: Django resets its storage when they change.
_STATIC_SETTINGS = frozenset({"DEBUG", "INSTALLED_APPS", "STATIC_URL", "STATIC_ROOT", "STORAGES"})
_static_addresses: dict[str, str] = {}


def _static_settings_changed(*, setting: str, **_kwargs: Any) -> None:
    if setting in _STATIC_SETTINGS:
        _static_addresses.clear()


setting_changed.connect(_static_settings_changed)


class FixedStaticNode(StaticNode):
    """`{% static %}` of a literal path: the storage's address for it, kept."""

    def __init__(self, node: StaticNode) -> None:
        super().__init__(node.varname, node.path)
        self.file = str(node.path.var)

    def url(self, context: Any) -> str:
        found = _static_addresses.get(self.file)
        if found is None:
            found = _static_addresses[self.file] = str(self.handle_simple(self.file))
        return found


@register.tag
def static(parser: Parser, token: Token) -> template.Node:
    node = StaticNode.handle_token(parser, token)
    return FixedStaticNode(node) if _literal(node.path) else node
