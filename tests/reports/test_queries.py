"""The dashboard and the report read a bounded number of queries, whatever the number of cases
(issue 9): their counts come from the monthly pre-aggregates, never row by row."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from schakel.domain.workflow import Phase
from schakel.reports.services import case_statistic_record

pytestmark = pytest.mark.django_db

# Counted afresh (SQLite / PostgreSQL since issue #9's fewer round trips per request): the
# dashboard 13 / 12, the report 16 / 15, of which one is the figures' version, read before
# counting so that the next request can take the figures from the cache (reports/cache.py);
# from the cache the dashboard reads 7 and the report 10. One to spare each.
DASHBOARD_QUERIES = 14
REPORT_QUERIES = 17
CACHED_QUERIES = 11


def _more_cases(n: int, house) -> None:
    start = date(2026, 1, 5)
    for i in range(n):
        day = start + timedelta(days=i % 60)
        case_statistic_record(
            case_ref=10_000 + i,
            referred_on=day,
            municipality_id=house["zwolle"].pk,
            process_director_id=None,
            phase_history=[(Phase.triage, day + timedelta(days=1))],
        )


@pytest.mark.parametrize(
    ("url", "bound"),
    [("/rapportage/", DASHBOARD_QUERIES), ("/rapportage/verslag/?periode=2026-Q1", REPORT_QUERIES)],
)
def test_figures_pages_are_bounded(
    url, bound, mirjam, house, login_client, fixed_stats, django_assert_max_num_queries
) -> None:
    client = login_client(mirjam)
    client.get("/")  # the session and the actor are warm
    with django_assert_max_num_queries(bound):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    cache.clear()  # counted afresh, with few cases and with many
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _more_cases(40, house)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    assert len(cached) <= CACHED_QUERIES, len(cached)
    assert len(cached) < len(few), (len(cached), len(few))  # the figures came from the cache


def test_home_page_is_bounded(anouk, login_client, django_assert_max_num_queries) -> None:
    client = login_client(anouk)
    client.get("/")
    with django_assert_max_num_queries(20):
        assert client.get("/").status_code == 200
