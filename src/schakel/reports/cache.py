"""The report kept per figures version, so the manager's dashboard is counted once per change.

Why: at 1,000,000 cases ranking the lead times takes ~1 s of database time per report
(docs/performance.md), and in the load test the dashboard and report of 2 % of the people
took half of the database's work. The figures only change when a statistic does, and every
writer replaces the `FiguresVersion` token in the same transaction (`counts.figures_changed`).
The token is read before counting, so a report is stored under a token no newer than its data:
a change committed meanwhile stores fresher figures under the old token, never older ones under
the new; and a rolled-back change's token is never seen again.

Kept in the process's own cache (Django's local-memory cache): nothing leaves the process, and
the figures are anonymous counts (no case, no person), so there is nothing to audit or delete.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from django.core.cache import caches

from schakel.reports.models import FiguresVersion

CACHE_ALIAS = "default"
T = TypeVar("T")


def figures_version() -> str:
    """The figures' current version ("" before the first statistic)."""
    return FiguresVersion.objects.filter(pk=1).values_list("token", flat=True).first() or ""


def figures_cached(key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()`` for ``key`` at the figures' current version, from the cache when counted
    before. `key` names everything besides the statistics the result depends on."""
    cache = caches[CACHE_ALIAS]
    name = "schakel:figures:" + ":".join(map(str, (figures_version(), *key)))
    # The stubs allow None (a stored default); `compute` never gives it.
    return cast(T, cache.get_or_set(name, compute, timeout=None))
