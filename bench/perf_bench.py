"""Item read, the per-subject access log and the five-year report (issue 9 with issue 8's
target): Schakel's own request next to the bare SQL that returns the same rows.

The report's bare SQL is the very statements `reports.aggregates` sends (captured once and
replayed), so the ratio is what Python, suppression and the template add to them.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from bench.cases_bench import Statement, _bare, _client, _get, _measure
from schakel.accounts.models import RoleAssignment, User
from schakel.audit.models import AuditEvent
from schakel.domain.indicators import Dimension
from schakel.domain.periods import Period, PeriodKind
from schakel.domain.roles import Role
from schakel.reports.aggregates import sql_report
from schakel.reports.cache import CACHE_ALIAS
from schakel.sharing.models import InformationItem, Release


def _user_with(role: Role) -> User:
    found = RoleAssignment.objects.filter(role=role).order_by("user_id").first()
    assert found is not None, f"no {role} in the generated house"
    return found.user


def run(*, samples: int, report_samples: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    _item_read(results, samples)
    _access_log(results, samples)
    _report(results, report_samples)
    return results


def _item_read(results: dict[str, dict[str, Any]], samples: int) -> None:
    """A delegate opens an item of their own party: the read is audited (one append)."""
    busiest = (
        InformationItem.objects.values("providing_party")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    if busiest is None:
        return
    items = list(
        InformationItem.objects.filter(providing_party=busiest["providing_party"])
        .order_by("-id")
        .values_list("id", "author_id")[:500]
    )
    author = items[0][1]
    ids = [pk for pk, who in items if who == author] or [items[0][0]]
    client = _client(User.objects.get(pk=author))
    rng = random.Random(9)
    current = {"id": ids[0]}

    def url() -> str:
        current["id"] = rng.choice(ids)
        return f"/informatie/{current['id']}/"

    items_table = InformationItem._meta.db_table
    releases = Release._meta.db_table

    def sql() -> list[Statement]:
        return [
            (f"SELECT * FROM {items_table} WHERE id = %s", [current["id"]]),
            (f"SELECT * FROM {releases} WHERE item_id = %s ORDER BY id", [current["id"]]),
        ]

    _measure("item read with its audit write", results, _get(client, url), _bare(sql), samples)


def _access_log(results: dict[str, dict[str, Any]], samples: int) -> None:
    """The privacy officer's log of one person: every event about them, newest first."""
    pseudonyms = list(
        AuditEvent.objects.exclude(subject_pseudonym="")
        .order_by("-id")
        .values_list("subject_pseudonym", flat=True)[:2000]
    )
    if not pseudonyms:
        return
    client = _client(_user_with(Role.privacy_officer))
    rng = random.Random(9)
    current = {"p": pseudonyms[0]}

    def url() -> str:
        current["p"] = rng.choice(pseudonyms)
        return f"/informatie/toegangslog/persoon/{current['p']}/"

    table = AuditEvent._meta.db_table

    def sql() -> list[Statement]:
        return [
            (
                f"SELECT * FROM {table} WHERE subject_pseudonym = %s ORDER BY id DESC LIMIT 51",
                [current["p"]],
            )
        ]

    _measure("access log of one person", results, _get(client, url), _bare(sql), samples)


def _report(results: dict[str, dict[str, Any]], samples: int) -> None:
    """The report for the current year over all years of statistics, by municipality."""
    year = timezone.localdate().year
    period = Period(PeriodKind.year, date(year, 1, 1))
    statements: list[Statement] = []

    def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        sql_report(period, Dimension.municipality)

    def replay() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                if cursor.description is not None:  # not the SET LOCAL
                    cursor.fetchall()

    page = _get(_client(_user_with(Role.manager)), lambda: f"/rapportage/verslag/?periode={year}")

    def counted_afresh() -> None:
        caches[CACHE_ALIAS].clear()  # as after every change to the statistics
        page()

    _measure(f"report {year}, five years of statistics", results, counted_afresh, replay, samples)
    # Between two changes to the statistics the figures come from the cache (reports/cache.py).
    _measure(f"report {year}, figures from the cache", results, page, None, samples)
