from typing import Any

import pytest
from django.template import Context, Engine, engines
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.urls.converters import IntConverter

from schakel.core.links import absolute_reverse, absolute_url, id_path


@override_settings(SCHAKEL_BASE_URL="https://schakel.example.nl")
def test_links_in_mail_are_absolute() -> None:
    assert absolute_url("/bestuur/") == "https://schakel.example.nl/bestuur/"
    assert (
        absolute_reverse("governance:decisions") == "https://schakel.example.nl/bestuur/besluiten/"
    )


def test_a_relative_path_is_refused() -> None:
    with pytest.raises(ValueError, match="path"):
        absolute_url("bestuur/")


def _one_id_pages() -> list[str]:
    """Every page of the URL map that takes exactly one `<int:...>` and nothing else."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: list[str] = []

    def walk(patterns: list[Any], namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, inner)
            elif isinstance(p, URLPattern) and p.name:
                converters = getattr(p.pattern, "converters", {})
                if len(converters) == 1 and type(next(iter(converters.values()))) is IntConverter:
                    found.append(namespace + p.name)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def test_id_path_is_djangos_reverse_for_every_page_with_one_id() -> None:
    pages = _one_id_pages()
    assert "cases:detail" in pages and len(pages) > 20
    for name in pages:
        for pk in (0, 7, 123_456_789_012):
            assert id_path(name, pk) == reverse(name, args=[pk]), name


def test_id_path_leaves_anything_but_an_id_to_django() -> None:
    assert id_path("cases:detail", "42") == reverse("cases:detail", args=["42"])  # type: ignore[arg-type]
    for not_an_id in (-1, True):
        with pytest.raises(NoReverseMatch):
            id_path("cases:detail", not_an_id)
    with pytest.raises(NoReverseMatch):
        id_path("cases:detail", None)  # type: ignore[arg-type]
    with pytest.raises(NoReverseMatch):
        id_path("cases:list", 1)  # a page without an id


DJANGOS = Engine()  # Django's own `{% url %}`


@pytest.mark.parametrize(
    "source",
    [
        "{% url 'cases:list' %}",
        "{% url 'cases:detail' 42 %}",
        "{% url 'cases:detail' case.pk %}",
        "{% url 'cases:detail' text %}",  # a string: Django's tag
        "{% url 'cases:note' case.pk as u %}[{{ u }}]",
        "{% url 'cases:list' as u %}[{{ u }}]",
        "{% url 'no:such' as u %}[{{ u }}]",
        "{% url 'cases:action' case.pk 3 %}",
        "{% url name %}",
    ],
)
def test_the_url_tag_gives_djangos_path(source: str) -> None:
    values = {"case": {"pk": 42}, "text": "42", "name": "cases:list"}
    ours = engines["django"].from_string(source).render(values)
    assert ours == DJANGOS.from_string(source).render(Context(values))
    assert "/" in ours or ours == "[]"


@pytest.mark.parametrize("source", ["{% url 'no:such' %}", "{% url 'cases:detail' none %}"])
def test_a_page_that_does_not_exist_is_an_error_as_in_django(source: str) -> None:
    for render in (
        lambda: engines["django"].from_string(source).render({"none": None}),
        lambda: DJANGOS.from_string(source).render(Context({"none": None})),
    ):
        with pytest.raises(NoReverseMatch):
            render()


@pytest.mark.parametrize(
    "source",
    [
        "{% static 'css/schakel.css' %}",
        "{% static 'vendor/htmx.org/htmx.min.js' %}",
        "{% static 'a b&c.css' %}",  # quoted and escaped as Django does
        "{% static 'css/schakel.css' as u %}[{{ u }}]",
        "{% static name %}",  # a variable: Django's tag
    ],
)
def test_the_static_tag_gives_djangos_address(source: str) -> None:
    djangos = Engine(libraries={"static": "django.templatetags.static"})
    values = {"name": "css/theme.css"}
    ours = engines["django"].from_string(source).render(values)
    assert ours == djangos.from_string("{% load static %}" + source).render(Context(values))
    assert ours.startswith(("/static/", "[/static/"))


def test_the_static_tag_follows_the_settings() -> None:
    """The kept address is dropped when the static settings change, as Django's storage is."""
    template = engines["django"].from_string("{% static 'css/schakel.css' %}")
    assert template.render({}) == "/static/css/schakel.css"
    with override_settings(STATIC_URL="/assets/"):
        assert template.render({}) == "/assets/css/schakel.css"
    assert template.render({}) == "/static/css/schakel.css"
