"""`{% url %}` with the paths of `core.links`: reversed once per process (issue #9).

Django's tag reverses on every render (~35 µs); the shell of every page names five paths
and a case page a dozen more, most of them of the case itself. A tag naming its page with a
literal and either nothing else or one id (`{% url 'cases:note' case.pk %}`) takes the path
from `page_path` or `id_path`, which give what `reverse` gives (the URL map does not change
while the process runs, and no page name is used by two instances of an app). Every other
tag, and an argument that is not an id, are Django's own. A template builtin, like `date`;
`tests/test_links.py` holds both equal to Django's tag.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template import defaulttags
from django.template.base import FilterExpression, Parser, Token
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
