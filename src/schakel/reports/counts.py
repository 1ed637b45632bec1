"""Writing `MonthlyCount`: add a difference (one statistic rewritten, or a generated batch),
or rebuild it from the statistics. Increments, never overwrites, so two cases changing at the
same time both count: each cell is one `INSERT ... ON CONFLICT DO UPDATE SET n = n + new`,
a single atomic row update on PostgreSQL and SQLite alike."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from django.db import connection, transaction

from schakel.reports.derived import CountKey, contributions, row_key
from schakel.reports.models import CaseStatistic, FiguresVersion, MonthlyCount, PhaseSpan

_CHUNK = 500


def add_counts(delta: Counter[CountKey]) -> None:
    """Add ``delta`` (which may hold negative numbers) to the monthly counts. The cells are
    written in a fixed order, so two transactions never wait on each other in a cycle."""
    cells = sorted((key, n) for key, n in delta.items() if n)
    table = connection.ops.quote_name(MonthlyCount._meta.db_table)
    with connection.cursor() as cursor:
        for at in range(0, len(cells), _CHUNK):
            chunk = cells[at : at + _CHUNK]
            marks = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
            params: list[Any] = []
            for (month, dimension, key, measure), n in chunk:
                params += [month, dimension, key, measure, n]
            cursor.execute(
                # The table name comes from the model, never from input.
                f"INSERT INTO {table} (month, dimension, key, measure, n) VALUES {marks} "  # noqa: S608
                "ON CONFLICT (dimension, month, key, measure) "
                f"DO UPDATE SET n = {table}.n + excluded.n",
                params,
            )


def figures_changed() -> None:
    """Give the figures a new version, inside the caller's transaction: readers see it exactly
    when they can see the new statistics (`reports/cache.py`). Every writer of `CaseStatistic`
    calls it; one row, updated in place, like the month's count cells."""
    table = connection.ops.quote_name(FiguresVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            # The table name comes from the model, never from input.
            f"INSERT INTO {table} (id, token) VALUES (1, %s) "  # noqa: S608
            "ON CONFLICT (id) DO UPDATE SET token = excluded.token",
            [uuid.uuid4().hex],
        )


STAT_FIELDS = (
    "id",
    "referred_on",
    "target_group",
    "municipality_id",
    "referring_party_id",
    "process_director_id",
    "triage_decided_on",
    "admitted",
    "decision",
    "decision_on",
    "closed_on",
    "closed_successfully",
    "open_actions",
    "overdue_actions",
)


def statistic_contributions(row: CaseStatistic) -> Counter[CountKey]:
    """What a stored statistic (with its stored spans) contributes now."""
    spans = list(row.spans.values_list("phase", "start_on", "end_on"))
    return contributions({name: getattr(row, name) for name in STAT_FIELDS}, spans)


def rebuild_counts(*, batch: int = 5000, models: tuple[Any, Any, Any] | None = None) -> int:
    """Recompute every monthly count from the statistics and their spans (after a bulk load,
    or should the counts ever be doubted). Returns the number of statistics read. `models`:
    (statistic, span, count) classes, for a migration's historical models."""
    statistic, span, count = models or (CaseStatistic, PhaseSpan, MonthlyCount)
    total: Counter[CountKey] = Counter()
    seen = 0
    with transaction.atomic():
        count.objects.all().delete()
        spans: dict[int, list[Any]] = {}
        last = 0
        while True:
            rows = list(
                statistic.objects.filter(id__gt=last).order_by("id").values(*STAT_FIELDS)[:batch]
            )
            if not rows:
                break
            last = rows[-1]["id"]
            spans.clear()
            for sid, phase, start, end in span.objects.filter(
                statistic_id__gte=rows[0]["id"], statistic_id__lte=last
            ).values_list("statistic_id", "phase", "start_on", "end_on"):
                spans.setdefault(sid, []).append((phase, start, end))
            for row in rows:
                total.update(contributions(row, spans.get(row["id"], [])))
            seen += len(rows)
        add_counts(total)
        if models is None:  # a migration's historical models predate the version
            figures_changed()
    return seen


__all__ = [
    "add_counts",
    "figures_changed",
    "rebuild_counts",
    "row_key",
    "statistic_contributions",
]
