"""One information item with what deciding on it needs, read in SQL written here (issue #9).

Part of the sharing selectors (the only read path): `item_get_for`, `proposable_parties` and
the attachment download load an item through `item_with_case`; the policy decides afterwards.

Every item read asks for the item, its providing party and author (for the page), its case
(the policy's relation) with the case's parties and subjects (the relation; the read events'
pseudonyms). Through the ORM the item joined to its case, party and author spent 1.0-2.6 ms
*compiling* for 0.1 ms of executing; here the item with the two names is one hand-written
statement; the case with its two lists comes from `cases.row_selectors.case_with_links`
(compiled once, the lists kept as `prefetch_related` keeps them).
tests/sharing/test_item_rows.py holds the result equal to the ORM's on both databases.
"""

from __future__ import annotations

import functools

from django.db import connection, router
from django.db.models import Model

from schakel.accounts.models import User
from schakel.cases.row_selectors import case_with_links
from schakel.core.sql import Rows, columns
from schakel.parties.models import Party
from schakel.sharing.models import InformationItem

# The provider's and the author's columns the pages and the API show; the rest of each row
# stays deferred (read on access, as `.only()` would). Text only: no converter is needed.
PROVIDER_FIELDS = ("id", "name", "slug", "kind")
AUTHOR_FIELDS = ("id", "username", "first_name", "last_name")


@functools.cache
def _item_sql() -> Rows:
    """Built once, on first use (the models' tables are read here, not at import)."""
    provider = ", ".join(f"p.{name} AS provider_{name}" for name in PROVIDER_FIELDS)
    author = ", ".join(f"u.{name} AS author_{name}" for name in AUTHOR_FIELDS)
    sql = (
        f"SELECT {columns('i', InformationItem)}, {provider}, {author} "  # noqa: S608
        f"FROM {InformationItem._meta.db_table} i "
        f"JOIN {Party._meta.db_table} p ON p.id = i.providing_party_id "
        f"JOIN {User._meta.db_table} u ON u.id = i.author_id WHERE i.id = %s"
    )
    extra = tuple(f"provider_{name}" for name in PROVIDER_FIELDS) + tuple(
        f"author_{name}" for name in AUTHOR_FIELDS
    )
    return Rows.written(InformationItem, sql, extra)


def _part(model: type[Model], row: Model, prefix: str, names: tuple[str, ...]) -> Model:
    db = router.db_for_read(model)
    return model.from_db(db, list(names), [getattr(row, f"{prefix}_{name}") for name in names])


def item_with_case(item_id: int) -> InformationItem | None:
    """The item (content decrypted by its field, as the ORM does), with `providing_party`,
    `author` and `case` set, and the case's `parties` and `case_subjects` prefetched."""
    low, high = connection.ops.integer_field_range(InformationItem._meta.pk.get_internal_type())
    if not low <= item_id <= high:  # as the ORM: no such id (SQLite would raise OverflowError)
        return None
    found = _item_sql().run([item_id])
    if not found:
        return None
    item: InformationItem = found[0]
    meta = InformationItem._meta
    meta.get_field("providing_party").set_cached_value(
        item, _part(Party, item, "provider", PROVIDER_FIELDS)
    )
    meta.get_field("author").set_cached_value(item, _part(User, item, "author", AUTHOR_FIELDS))
    case = case_with_links(item.case_id, people=False)  # the FK is never null
    meta.get_field("case").set_cached_value(item, case)
    return item
