"""The authorisation matrix (issue #4 item 7): every URL x every role x every relation.

The expected outcomes live in ``tests/authz/table_*.py`` (one module per app); this module
enumerates the URL configuration, so a URL without a row fails, and runs every row: each GET
as every persona on every variant, and each write with a minimal valid body inside a rolled
back savepoint. All mismatches are reported at once; an allow where a denial was expected is
marked UNEXPECTED ALLOW (the property that must hold: zero unexpected allow).

Drafting rows for a new URL: ``AUTHZ_DRAFT=<url name>`` prints what the code answers today,
as a row to review (never paste it unread: it encodes bugs as readily as rules).
"""

from __future__ import annotations

import os
import warnings

import pytest
from django.test import Client
from django.urls import reverse

from schakel.cases.models import Case
from tests.authz.engine import (
    Checker,
    Row,
    load_rows,
    observed_token,
    resolve_args,
    tokens,
    url_routes,
)
from tests.authz.world import CASE_VARIANTS, ITEM_VARIANTS, PERSONAS, World

pytestmark = pytest.mark.django_db

TABLES = load_rows()


def test_every_url_has_exactly_one_row() -> None:
    routes = url_routes()
    names = [row.name for rows in TABLES.values() for row in rows]
    missing = sorted(set(routes) - set(names))
    stale = sorted(set(names) - set(routes))
    twice = sorted({n for n in names if names.count(n) > 1})
    problems = [
        f"no row for URL {n!r} (/{routes[n]}): add one to tests/authz/table_<app>.py"
        for n in missing
    ]
    problems += [f"row for {n!r}, which is not a URL (any more)" for n in stale]
    problems += [f"more than one row for {n!r}" for n in twice]
    assert not problems, "\n".join(problems)


def test_rows_are_well_formed() -> None:
    for rows in TABLES.values():
        for row in rows:
            for spec in (row.get, row.post):
                if isinstance(spec, dict):
                    assert set(spec) <= set(CASE_VARIANTS) | set(ITEM_VARIANTS), row.name
            assert (row.post is None) == (row.body is None), f"{row.name}: post needs a body"


def _report(checker: Checker) -> None:
    if checker.waiting:
        warnings.warn(
            f"{len(checker.waiting)} cells wait for a rule in flight:\n"
            + "\n".join(checker.waiting),
            stacklevel=2,
        )
    allows = [w for w in checker.wrong if "UNEXPECTED ALLOW" in w]
    assert not checker.wrong, (
        f"{len(checker.wrong)} mismatches, {len(allows)} unexpected allow:\n"
        + "\n".join(checker.wrong)
    )


@pytest.mark.parametrize("table", sorted(TABLES))
def test_reads(table: str, world_and_clients: tuple[World, dict[str, Client]]) -> None:
    checker = Checker(*world_and_clients)
    for row in TABLES[table]:
        checker.check(row, "get")
    _report(checker)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_writes(table: str, world_and_clients: tuple[World, dict[str, Client]]) -> None:
    checker = Checker(*world_and_clients)
    for row in TABLES[table]:
        if row.post is not None:
            checker.check(row, row.method)
    _report(checker)


def _draft(world_and_clients: tuple[World, dict[str, Client]]) -> None:
    """Print today's answers for the named tables or URL names (comma separated)."""
    world, clients = world_and_clients
    checker = Checker(world, clients)
    wanted = os.environ["AUTHZ_DRAFT"].split(",")
    rows = [r for t, rs in TABLES.items() for r in rs if t in wanted or r.name in wanted]
    rows += [
        Row(name=n, get="") for n in wanted if n in url_routes() and n not in {r.name for r in rows}
    ]
    for row in rows:
        vs = list(row.get) if isinstance(row.get, dict) else ["-"]
        for method in ("get", row.method if row.body else ""):
            if not method:
                continue
            print(f"    {row.name} {method}:")
            for variant in vs:
                url = reverse(row.name, args=resolve_args(row, world, variant))
                got = []
                for p in PERSONAS:
                    body = row.body(world, variant) if row.body and method != "get" else None
                    call = checker.call if method == "get" else checker.write
                    got.append(
                        observed_token(call(p, method, url, row, body), url, method, row.post_ok)
                    )
                print(f'        "{variant}": "{" ".join(got)}",')


# Pages that list cases: a case the persona may not read must not appear in them either.
LISTS = ("web:home", "cases:list", "cases:mine", "api:cases")


def test_lists_show_no_case_the_persona_may_not_read(
    world_and_clients: tuple[World, dict[str, Client]],
) -> None:
    world, clients = world_and_clients
    read = {r.name: r for r in TABLES["table_cases"]}["cases:detail"].get
    assert isinstance(read, dict)
    numbers = dict(Case.objects.filter(pk__in=world.case.values()).values_list("pk", "number"))
    leaks = []
    for name in LISTS:
        url = reverse(name)
        for persona, client in clients.items():
            body = client.get(url).content.decode()
            for variant, spec in read.items():
                token = tokens(spec)[PERSONAS.index(persona)]
                number = numbers[world.case[variant]]
                if token != "ok" and number in body:
                    leaks.append(f"{name} as {persona} shows case {number} [{variant}]")
                # The check can fail: the API list does show every case its reader may read.
                if name == "api:cases" and token == "ok" and number not in body:
                    leaks.append(f"{name} as {persona} lacks case {number} [{variant}]")
    assert not leaks, "\n".join(leaks)


def test_the_checker_names_an_unexpected_allow(
    world_and_clients: tuple[World, dict[str, Client]],
) -> None:
    """The machinery itself: a row that wrongly expects a denial is reported as an allow."""
    checker = Checker(*world_and_clients)
    wrong = Row(
        "cases:detail",
        args=("case",),
        get={"own": "404 404 ok ok ok | 404 404 404 404 404 | away away 404"},
    )
    checker.check(wrong, "get")
    assert len(checker.wrong) == 2, checker.wrong
    assert "UNEXPECTED ALLOW" in checker.wrong[0] and "as pd " in checker.wrong[0]
    assert "as anonymous" in checker.wrong[1] and "UNEXPECTED" not in checker.wrong[1]


# A drafting aid, not a test: collected only when asked for, so a normal run skips nothing.
if os.environ.get("AUTHZ_DRAFT"):
    test_draft = _draft
