"""The search keys of cases (`SearchKey`), worked out from the involvements and the subjects.

Every service that adds or ends an involvement (`CaseParty`) or links a subject calls
`refresh_search_keys` for its case, inside its own transaction; the data generator builds them
for a range of cases at once. One statement derives them, so the two cannot drift apart, and
`search_keys_drift` (the tests, `manage.py search_keys`) says whether the table still matches
what that statement derives; `rebuild_search_keys` (`manage.py search_keys --rebuild`) makes it
so again, e.g. after a partial restore.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Max, Min

from schakel.cases.models import Case, CaseParty, CaseSubject, SearchKey, Subject

# DISTINCT: a party may be involved twice (referrer and consulted), and family members often
# share a last name. UPPER in the database on both sides, as the search compares (SQLite's UPPER
# only folds ASCII, on both sides alike).
_DERIVED = f"""
    SELECT DISTINCT p.case_id, p.party_id, UPPER(s.last_name)
      FROM {CaseParty._meta.db_table} p
      JOIN {CaseSubject._meta.db_table} l ON l.case_id = p.case_id
      JOIN {Subject._meta.db_table} s ON s.id = l.subject_id
     WHERE p.removed_at IS NULL AND p.case_id BETWEEN %s AND %s
"""  # noqa: S608  (table names from the models, values as parameters)
_TABLE = SearchKey._meta.db_table
_INSERT = f"INSERT INTO {_TABLE} (case_id, party_id, name) {_DERIVED}"


def refresh_search_keys(case_id: int) -> None:
    """Rebuild one case's keys from its involvements and subjects as they are now."""
    SearchKey.objects.filter(case_id=case_id).delete()
    build_search_keys(case_id, case_id)


def build_search_keys(first_case_id: int, last_case_id: int) -> int:
    """Add the keys of the cases in an id range that has none yet (the generator's batches);
    returns how many."""
    with connection.cursor() as cursor:
        cursor.execute(_INSERT, [first_case_id, last_case_id])
        return int(cursor.rowcount)


_STORED = f"SELECT case_id, party_id, name FROM {_TABLE} WHERE case_id BETWEEN %s AND %s"  # noqa: S608
# Both counts in one statement, so they see one snapshot of a house that keeps working.
_DRIFT = f"""SELECT (SELECT COUNT(*) FROM ({_DERIVED} EXCEPT {_STORED}) AS missing),
                   (SELECT COUNT(*) FROM ({_STORED} EXCEPT {_DERIVED}) AS extra)"""  # noqa: S608


def search_keys_drift(first_case_id: int = 0, last_case_id: int = 2**62) -> tuple[int, int]:
    """(missing, extra): keys the involvements and subjects imply that the table lacks, and
    rows of the table they no longer imply. (0, 0) when the table is right."""
    with connection.cursor() as cursor:
        cursor.execute(_DRIFT, [first_case_id, last_case_id] * 4)
        missing, extra = cursor.fetchone()
    return int(missing), int(extra)


def rebuild_search_keys(
    batch_size: int = 10_000, say: Callable[[int, int], None] | None = None
) -> int:
    """Rebuild every case's keys, one transaction per `batch_size` case ids (the services keep
    working in between); returns how many keys there are. `say(done, last_id)` after each."""
    bounds = Case.objects.aggregate(first=Min("id"), last=Max("id"))
    if bounds["first"] is None:
        SearchKey.objects.all().delete()
        return 0
    total = 0
    for start in range(bounds["first"], bounds["last"] + 1, batch_size):
        end = start + batch_size - 1
        with transaction.atomic():
            # The services lock a case before they change it: so do we, for the batch.
            locked = Case.objects.filter(id__range=(start, end)).order_by("id")
            list(locked.select_for_update().values_list("id"))
            SearchKey.objects.filter(case_id__gte=start, case_id__lte=end).delete()
            total += build_search_keys(start, end)
        if say:
            say(total, end)
    return total
