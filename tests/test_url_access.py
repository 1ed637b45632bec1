"""Every URL is closed to anonymous visitors unless it is listed here as public, on purpose.

The URL configuration is enumerated, so a new view without a login requirement fails this
test (deny unless allowed). It is the first row of the authorisation matrix: anonymous.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Reachable without signing in, and why.
PUBLIC = {
    "health": "load balancers; says only ok/unavailable",
    "api/v1/openapi.json": "the API's description; no data",
    "api/v1/docs": "readable API documentation; no data",
    "i18n/setlang/": "choosing the language on the login page",
}
# allauth's own pages: the login itself, password reset, the 2FA step; allauth guards them.
PUBLIC_PREFIXES = ("accounts/",)


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        else:
            yield route


def _sample(route: str) -> str:
    """A concrete path for a route: every converter gets a value that resolves."""
    path = re.sub(r"<(?:int:)?\w+>", "1", route.replace("<slug:", "<"))
    path = re.sub(r"<(?:str|path|uuid):\w+>", "x", path)
    path = re.sub(r"<\w+>", "1", path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\Z", "")


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))


def test_the_walk_finds_the_app() -> None:
    assert "" in ROUTES and "partijen/" in ROUTES and "api/v1/me" in ROUTES


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [r for r in ROUTES if not r.startswith(PUBLIC_PREFIXES) and r not in PUBLIC]
)
def test_anonymous_is_refused(route: str) -> None:
    path = _sample(route)
    client = Client()
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        if path.startswith("/api/"):
            assert response.status_code in (401, 404, 405), (method, path, response.status_code)
        else:
            assert response.status_code in (302, 404, 405), (method, path, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/login/"), (method, path)
        assert response.status_code != 200, (method, path)


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(PUBLIC))
def test_public_routes_exist_and_answer(route: str) -> None:
    assert route in ROUTES
    response = Client().get("/" + route)
    assert response.status_code in (200, 302, 405)
