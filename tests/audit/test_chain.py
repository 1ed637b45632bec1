"""The audit chain detects an edited, a deleted and a swapped row; PostgreSQL refuses changes."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from schakel.audit import record
from schakel.audit.models import AuditEvent
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.audit.selectors import audit_chain_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(anouk) -> list[AuditEvent]:
    from schakel.accounts.selectors import actor_for

    actor = actor_for(anouk)
    ctx = AuditContext(request_id="req-0001-test", client_address="127.0.0.1")
    return [
        record.record_read(
            ctx,
            actor=actor,
            object_type="case",
            object_id=n,
            purpose="Art. 12.2a triage",
            subject_pseudonym=subject_pseudonym(n),
        )
        for n in range(1, 6)
    ]


def _tamper(sql: str, params: list[object]) -> None:
    """Change rows behind the application's back, as an attacker with database access would."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Only a superuser can do this; the trigger otherwise refuses (see the test below).
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def test_intact_chain_verifies(chain) -> None:
    checked, broken = audit_chain_verify(batch_size=2)
    assert (checked, broken) == (5, None)
    call_command("audit_verify")


def test_every_row_has_all_fields(chain) -> None:
    event = chain[0]
    event.refresh_from_db()
    assert event.user_id and event.party_id and event.role == "process_director"
    assert event.action == "read" and event.outcome == "allowed"
    assert event.request_id == "req-0001-test" and event.client_address == "127.0.0.1"
    assert len(event.subject_pseudonym) == 32 and event.subject_pseudonym != "1"
    assert event.occurred_at.utcoffset().total_seconds() == 0


def test_edited_row_is_found(chain) -> None:
    _tamper("UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["99", chain[2].id])
    checked, broken = audit_chain_verify()
    assert checked == 2
    assert broken is not None and broken.row_id == chain[2].id
    assert "edited" in broken.reason
    with pytest.raises(CommandError, match=f"#{chain[2].id}"):
        call_command("audit_verify")


def test_deleted_row_is_found(chain) -> None:
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [chain[1].id])
    _, broken = audit_chain_verify()
    assert broken is not None and broken.row_id == chain[2].id
    assert "deleted" in broken.reason


def test_swapped_rows_are_found(chain) -> None:
    a, b = chain[1], chain[3]
    columns = ["object_id", "subject_pseudonym", "prev_hash", "row_hash", "occurred_at"]
    rows = {e.id: AuditEvent.objects.filter(id=e.id).values_list(*columns).get() for e in (a, b)}
    sets = ", ".join(f"{c} = %s" for c in columns)
    _tamper(f"UPDATE audit_auditevent SET {sets} WHERE id = %s", [*rows[b.id], a.id])
    _tamper(f"UPDATE audit_auditevent SET {sets} WHERE id = %s", [*rows[a.id], b.id])
    _, broken = audit_chain_verify()
    assert broken is not None and broken.row_id == a.id


@pytest.mark.postgres_only
def test_postgres_refuses_update_and_delete(chain) -> None:
    for sql in (
        "UPDATE audit_auditevent SET purpose = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [chain[0].id])
    assert audit_chain_verify()[1] is None


def test_no_secrets_or_usernames_in_failed_login_events(client, kees) -> None:
    client.post("/accounts/login/", {"login": "kees", "password": "mijn-geheime-poging"})
    values = " ".join(str(v) for v in AuditEvent.objects.values_list().get())
    assert "mijn-geheime-poging" not in values
    assert "kees" not in values


def test_reads_of_one_record_are_chained_together_in_order(chain, anouk) -> None:
    """`record_reads` appends one event per subject under one lock: consecutive ids, each
    row chained to the one before, and the chain still verifies (also when it is empty)."""
    from schakel.accounts.selectors import actor_for

    ctx = AuditContext(request_id="req-0002-test", client_address=None)
    pseudonyms = [subject_pseudonym(n) for n in (11, 12, 13)]
    events = record.record_reads(
        ctx,
        actor=actor_for(anouk),
        object_type="case",
        object_id=42,
        purpose="Art. 13 uitvoering plan van aanpak",
        subject_pseudonyms=pseudonyms,
    )
    assert record.record_reads(
        ctx, actor=actor_for(anouk), object_type="case", object_id=42, purpose="x",
        subject_pseudonyms=[],
    ) == []  # fmt: skip
    stored = list(AuditEvent.objects.filter(request_id="req-0002-test").order_by("id"))
    assert [e.subject_pseudonym for e in stored] == pseudonyms
    assert [e.pk for e in stored] == [e.pk for e in events]
    assert [e.pk for e in stored] == list(range(stored[0].pk, stored[0].pk + 3))
    assert stored[0].prev_hash == chain[-1].row_hash
    assert [e.prev_hash for e in stored[1:]] == [e.row_hash for e in stored[:-1]]
    assert audit_chain_verify(batch_size=2) == (8, None)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_unbroken_chain(anouk) -> None:
    """Requests append at the same time, on their own connections, some inside a change's
    transaction: the lock in the one-statement append (issue #9) keeps every row chained to
    the true row before it, so the chain verifies and nothing is lost."""
    import threading

    from django.db import connections

    from schakel.accounts.selectors import actor_for

    actor = actor_for(anouk)
    errors: list[BaseException] = []

    def append_many(worker: int) -> None:
        try:
            ctx = AuditContext(request_id=f"req-thread-{worker}", client_address="10.0.0.1")
            for n in range(20):
                pseudonyms = [subject_pseudonym(worker * 100 + n), subject_pseudonym(n)]
                if n % 2:
                    with transaction.atomic():
                        record.record_reads(
                            ctx, actor=actor, object_type="case", object_id=n,
                            purpose="concurrent", subject_pseudonyms=pseudonyms,
                        )  # fmt: skip
                else:
                    record.record_reads(
                        ctx, actor=actor, object_type="case", object_id=n,
                        purpose="concurrent", subject_pseudonyms=pseudonyms,
                    )  # fmt: skip
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append_many, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.filter(purpose="concurrent").count() == 4 * 20 * 2
    assert audit_chain_verify() == (AuditEvent.objects.count(), None)
