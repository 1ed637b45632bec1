"""The machinery of the authorisation matrix: rows, outcomes, the URL walk and the checks.

A table module (``tests/authz/table_<app>.py``) holds ``ROWS: list[Row]``. A row names one URL
(by its name, e.g. ``"cases:detail"``), says where its arguments come from, and gives the
expected outcome per variant (the object's relation to the acting party) and per persona (the
columns, ``world.PERSONAS``), as one string of 13 tokens. See docs/authorisation.md.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz.world import PERSONAS, World

# Outcome tokens (a number is that status code):
#   ok      GET: 200; POST: the row's post_ok (the success status of a valid minimal post)
#   any     allowed, but the minimal post may be refused on its content: not 403/404, below 500
#   login   anonymous: the web app redirects to /accounts/login/, the API answers 401
#   away    the party is not a member (left, or never joined): the web app redirects to
#           /accounts/geen-deelname/, the API answers 403 problem "party-not-member" (Art. 23)
#   back    the web app sends the user back with an error message: a rule refused the
#           write, nothing was saved (the object is visible to them, so not 404)
DENIALS = {"403", "404", "405", "login", "away"}
LOGIN = "/accounts/login/"
NOT_MEMBER = "/accounts/geen-deelname/"
MISSING_ID = 987654321
MISSING_STR = "bestaat-niet"


class Lit(str):
    """A literal URL argument (e.g. a workflow action's name), not an object to look up."""


Body = Callable[[World, str], dict[str, Any]]
Answer = Any  # the test client's response (an HttpResponse with .wsgi_request and .json())


@dataclass(frozen=True)
class Row:
    """Expected outcomes for one URL.

    ``args``: where the URL's arguments come from, in order: a kind in ``world.objects``
    (``"case"``, ``"item"``, ``"release"``, ...) takes the object of the variant being checked;
    any other string is a key of ``world.fixed``; ``Lit("x")`` and non-strings are literal.
    ``get`` / ``post``: ``{variant: "13 tokens"}``, or one string for a URL without an object
    (variant ``"-"``). ``body`` builds the minimal valid post; ``json`` sends it as JSON.
    """

    name: str
    get: dict[str, str] | str
    args: tuple[object, ...] = ()
    post: dict[str, str] | str | None = None
    body: Body | None = None
    post_ok: int = 302
    json: bool = False
    multipart: bool = False  # an upload: sent as a form even to the API
    method: str = "post"  # the write method of the URL (post, put, patch)
    # Cells whose expected value is a rule that has not landed yet: (method, variant, persona)
    # -> why. A mismatch there is reported as a warning; a match fails, so the mark goes.
    pending: dict[tuple[str, str, str], str] = field(default_factory=dict)

    @property
    def has_object(self) -> bool:
        return any(isinstance(a, str) and not isinstance(a, Lit) for a in self.args)


def pending(why: str, *cells: tuple[str, str, str]) -> dict[tuple[str, str, str], str]:
    """Mark cells (method, variant, persona) as waiting for a rule that is in flight."""
    return dict.fromkeys(cells, why)


def tokens(spec: str) -> tuple[str, ...]:
    """A row string: 13 tokens, ``|`` may group them for the eye."""
    out = tuple(t for t in spec.replace("|", " ").split())
    assert len(out) == len(PERSONAS), f"{len(out)} tokens, want {len(PERSONAS)}: {spec!r}"
    return out


def variants(spec: dict[str, str] | str) -> dict[str, tuple[str, ...]]:
    if isinstance(spec, str):
        return {"-": tokens(spec)}
    return {v: tokens(s) for v, s in spec.items()}


# --------------------------------------------------------------------------- the URL walk


def _walk(
    patterns: list[URLPattern | URLResolver], prefix: str = "", ns: str = ""
) -> Iterator[tuple[str, str, str]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (
                f"{ns}:{pattern.namespace}"
                if ns and pattern.namespace
                else (pattern.namespace or ns)
            )
            yield from _walk(pattern.url_patterns, route, inner)
        else:
            callback = getattr(pattern.callback, "view_class", pattern.callback)
            name = f"{ns}:{pattern.name}" if ns else (pattern.name or "")
            yield route, name, f"{callback.__module__}.{callback.__qualname__}"


def url_routes() -> dict[str, str]:
    """Every URL of the project as {name: route}; allauth's own pages are left out (allauth
    guards them; tests/test_url_access.py keeps them public on purpose)."""
    routes: dict[str, str] = {}
    for route, name, view in _walk(get_resolver().url_patterns):
        if view.startswith("allauth."):
            continue
        assert name, f"URL {route!r} ({view}) has no name, so the matrix cannot give it a row"
        routes[name] = route
    return routes


def load_rows() -> dict[str, list[Row]]:
    """Every ``tests/authz/table_*.py`` and its ROWS, by module name."""
    here = Path(__file__).parent
    tables: dict[str, list[Row]] = {}
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda i: i.name):
        if info.name.startswith("table_"):
            module = importlib.import_module(f"tests.authz.{info.name}")
            tables[info.name] = list(module.ROWS)
    return tables


# --------------------------------------------------------------------------- the checks


def resolve_args(row: Row, world: World, variant: str, missing: bool = False) -> list[object]:
    out: list[object] = []
    for arg in row.args:
        if isinstance(arg, Lit):
            out.append(str(arg))
            continue
        if isinstance(arg, str) and arg in world.objects:
            value: object = world.objects[arg][variant]
        elif isinstance(arg, str):
            value = world.fixed[arg]
        else:
            value = arg
        if missing and isinstance(arg, str):
            value = MISSING_STR if isinstance(value, str) else MISSING_ID
        out.append(value)
    return out


_NOISE = re.compile(rb'(nonce="[^"]*"|csrfmiddlewaretoken" value="[^"]*"|data-request-id="[^"]*")')


def _normalised(response: Answer) -> bytes:
    """The body without what differs per request: nonces, tokens, the path itself."""
    path = response.wsgi_request.path.encode()
    return _NOISE.sub(b"", response.content).replace(path, b"PATH")


@dataclass
class Checker:
    world: World
    clients: dict[str, Client]
    wrong: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    _missing: dict[tuple[str, str, str], Answer] = field(default_factory=dict)

    def call(
        self, who: str, method: str, url: str, row: Row, body: dict[str, Any] | None
    ) -> Answer:
        client = self.clients[who]
        # A refused write leaves its flash message for the next page; the next check must not
        # see it (it would differ from the 404 of a missing object for the wrong reason).
        client.cookies.pop("messages", None)
        if method == "get":
            return client.get(url)
        if row.json or (url.startswith("/api/") and not row.multipart):
            return getattr(client, method)(url, data=body or {}, content_type="application/json")
        return getattr(client, method)(url, body or {})

    def write(
        self, who: str, method: str, url: str, row: Row, body: dict[str, Any] | None
    ) -> Answer:
        """A write inside a savepoint that is rolled back: every persona meets the same world."""
        with transaction.atomic():
            response = self.call(who, method, url, row, body)
            transaction.set_rollback(True)
        return response

    def check(self, row: Row, method: str) -> None:
        spec = row.get if method == "get" else row.post
        assert spec is not None
        for variant, expected in variants(spec).items():
            url = reverse(row.name, args=resolve_args(row, self.world, variant))
            for who, token in zip(PERSONAS, expected, strict=True):
                # A fresh body per call: an upload is read once.
                body = row.body(self.world, variant) if row.body and method != "get" else None
                if method == "get":
                    response = self.call(who, "get", url, row, None)
                else:
                    response = self.write(who, method, url, row, body)
                problem = self.verdict(response, token, url, row, method)
                if problem is None and token == "404" and row.has_object:
                    problem = self.unlike_missing(who, method, row, variant, response, body)
                where = f"{method.upper()} {row.name} [{variant}] as {who} ({url})"
                why = row.pending.get((method, variant, who))
                if why is not None and problem:
                    self.waiting.append(f"{where}: {problem} (pending: {why})")
                elif why is not None:
                    self.wrong.append(f"{where}: matches now; remove the pending mark ({why})")
                elif problem:
                    self.wrong.append(f"{where}: {problem}")

    def verdict(self, response: Answer, token: str, url: str, row: Row, method: str) -> str | None:
        seen = observed(response, url)
        got = f"got {seen}"
        if response.status_code in (301, 302):
            got += f" -> {response['Location']}"
        if response.status_code >= 500:
            return f"SERVER ERROR {got}, expected {token}"
        want = token
        if token == "ok":
            want = "200" if method == "get" else str(row.post_ok)
        if token == "any":
            refused = seen in DENIALS or seen in ("back", "401")
            return None if not refused else f"{got}, expected allowed (not a refusal)"
        if seen == want:
            return None
        allowed = seen not in DENIALS and seen not in ("back", "400", "401", "409")
        prefix = "UNEXPECTED ALLOW " if (want in DENIALS or want == "back") and allowed else ""
        return f"{prefix}{got}, expected {want}"

    def unlike_missing(
        self,
        who: str,
        method: str,
        row: Row,
        variant: str,
        response: Answer,
        body: dict[str, Any] | None,
    ) -> str | None:
        """A record the actor may not see answers exactly like a missing one (no oracle)."""
        key = (who, method, row.name)
        if key not in self._missing:
            url = reverse(row.name, args=resolve_args(row, self.world, variant, missing=True))
            if method == "get":
                self._missing[key] = self.call(who, "get", url, row, None)
            else:
                fresh = row.body(self.world, variant) if row.body else body
                self._missing[key] = self.write(who, method, url, row, fresh)
        missing = self._missing[key]
        a, b = _normalised(missing), _normalised(response)
        if missing.status_code != 404 or a != b:
            at = next(
                (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)),
            )
            near = f"{a[at - 40 : at + 80]!r} != {b[at - 40 : at + 80]!r}"
            return f"404 differs from the 404 of a missing object: {near}"
        return None


def observed(response: Answer, url: str) -> str:
    """The token that describes a response: a status code, or login / away / back."""
    status = response.status_code
    if url.startswith("/api/"):
        if status == 401:
            return "login"
        if status == 403 and b"party-not-member" in response.content:
            return "away"
    elif status == 302:
        if response["Location"].startswith(LOGIN):
            return "login"
        if response["Location"] == NOT_MEMBER:
            return "away"
        # Refused with a message on the page it came from (a rule refused it, nothing saved).
        queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
        if any(m.level == messages.ERROR for m in queued):
            return "back"
    return str(status)


def observed_token(response: Answer, url: str, method: str, post_ok: int = 302) -> str:
    """As ``observed``, with "ok" for success (used to draft rows, never to decide a test)."""
    seen = observed(response, url)
    if seen == ("200" if method == "get" else str(post_ok)):
        return "ok"
    return seen
