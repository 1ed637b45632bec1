"""Case lists, case page, search and the report: Schakel's own request (Django's test Client,
the whole middleware stack) next to the bare SQL that returns the same rows.

The bare SQL is written by hand as a developer would, on the same indexes; the ratio says what
Schakel adds (the ORM, the policy, the audit write, the template, the middleware).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any
from urllib.parse import quote

from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import Upper
from django.test import Client
from django.utils import timezone

from bench.measure import compare, timed
from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases.list_selectors import case_list_for, encode_cursor
from schakel.cases.models import (
    ActionPlan,
    Case,
    CaseEvent,
    CaseParty,
    CaseSubject,
    PhaseTransition,
    PlanAction,
    SearchKey,
    Subject,
)
from schakel.cases.selectors import case_visibility_q
from schakel.domain.actor import Actor
from schakel.domain.roles import Role
from schakel.parties.models import Party
from schakel.reports.models import CaseStatistic
from schakel.sharing.models import EmergencyAccess

T = {
    m.__name__: m._meta.db_table
    for m in (
        Case,
        CaseParty,
        CaseSubject,
        Subject,
        PhaseTransition,
        ActionPlan,
        PlanAction,
        CaseEvent,
        SearchKey,
        Party,
        CaseStatistic,
        EmergencyAccess,
    )
}
PAGE = 26  # the selector asks for one row more than the page of 25
DEEP_PAGES = 20

Statement = tuple[str, Sequence[Any]]


def _bare(statements: Callable[[], list[Statement]]) -> Callable[[], None]:
    def run() -> None:
        with connection.cursor() as cursor:
            for sql, params in statements():
                cursor.execute(sql, params)
                cursor.fetchall()

    return run


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get(client: Client, url: Callable[[], str]) -> Callable[[], None]:
    def run() -> None:
        response = client.get(url())
        assert response.status_code == 200, (url(), response.status_code)

    return run


def _measure(
    name: str,
    results: dict[str, dict[str, Any]],
    request: Callable[[], None],
    bare: Callable[[], None] | None,
    samples: int,
    rewritten: Callable[[], None] | None = None,
) -> None:
    request()  # warm: the first request compiles templates and fills caches
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        request()
    if bare:
        bare()
    row = compare(
        timed(request, samples), timed(bare, samples) if bare else None, queries=len(queries)
    )
    if rewritten:  # the same rows, phrased so the planner can use a semi-join
        rewritten()
        row["bare_sql_rewritten_median_ms"] = statistics.median(timed(rewritten, samples)) * 1000
    results[name] = row
    print(
        f"  {name:<44} {row['median_ms']:>8.1f} ms  p95 {row['p95_ms']:>8.1f} ms  "
        f"bare {row.get('bare_sql_median_ms') or 0:>7.2f} ms  x{row.get('ratio') or 0:.1f}  "
        f"{row['queries']} queries",
        flush=True,
    )


def _stamp(moment: datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(moment)


def _delegate_list_sql(party_id: int, after: tuple[datetime, int] | None) -> str:
    """As `case_visibility_q` phrases it: one EXISTS on the party's active involvement (the
    case director's party always holds one, so no OR on case_director_id, issue #9)."""
    keyset = "AND (c.updated_at, c.id) < (%s, %s)" if after else ""
    involved = (
        f"SELECT 1 FROM {T['CaseParty']} cp WHERE cp.case_id = c.id AND cp.party_id = {party_id} "
        "AND cp.removed_at IS NULL"
    )
    return (
        f"SELECT c.* FROM {T['Case']} c WHERE EXISTS ({involved}) {keyset} "
        f"ORDER BY c.updated_at DESC, c.id DESC LIMIT {PAGE}"
    )


def _director_list_sql(user_id: int) -> str:
    """A process director's list: the cases they direct, the unassigned intake queue and
    their running break-the-glass grants (issue #4 item 5)."""
    return (
        f"SELECT c.* FROM {T['Case']} c WHERE (c.process_director_id = {user_id} "
        "OR (c.process_director_id IS NULL AND c.phase IN ('referral', 'triage')) "
        f"OR c.id IN (SELECT g.case_id FROM {T['EmergencyAccess']} g WHERE g.user_id = {user_id} "
        "AND g.expires_at > %s AND g.ended_at IS NULL)) "
        f"ORDER BY c.updated_at DESC, c.id DESC LIMIT {PAGE}"
    )


def benched_director() -> User:
    """The generated process director with the most cases in execution, so the case page has
    cases to open however the draw fell: with a few hundred cases and eight directors, one
    director can be left without a case in execution (the CI run of 2026-12-05)."""
    busiest = (
        Case.objects.filter(phase="execution", process_director__username__startswith="gen-pr-")
        .values("process_director")
        .annotate(cases=Count("id"))
        .order_by("-cases", "process_director")
        .first()
    )
    assert busiest is not None, "the generated house has no case in execution"
    return User.objects.get(pk=busiest["process_director"])


def run(*, samples: int, report_samples: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    delegate = User.objects.get(username="gen-politie-oost-nederland-0")
    director = benched_director()
    as_delegate, as_director = _client(delegate), _client(director)

    # Case list for a delegate: the policy filter (EXISTS on the party's active involvement).
    party = delegate.party_id
    _measure(
        "case list, delegate, first page",
        results,
        _get(as_delegate, lambda: "/casussen/"),
        _bare(lambda: [(_delegate_list_sql(party, None), [])]),
        samples,
    )
    visible = (
        Case.objects.filter(case_visibility_q(actor_for(delegate)))
        .order_by("-updated_at", "-id")
        .values_list("updated_at", "id")
    )
    deep = visible[DEEP_PAGES * 25 - 1 : DEEP_PAGES * 25]
    if deep:
        moment, pk = deep[0]
        cursor = encode_cursor(moment, pk)
        _measure(
            f"case list, delegate, page {DEEP_PAGES + 1} (keyset)",
            results,
            _get(as_delegate, lambda: f"/casussen/?na={cursor}"),
            _bare(lambda: [(_delegate_list_sql(party, (moment, pk)), [_stamp(moment), pk])]),
            samples,
        )

    # Issue #4: what the policy filter costs. The same first page of the same query, once with
    # the delegate's visibility filter and once without any (the "bare" column here is the
    # unfiltered ORM query, so the ratio is the policy's price; target at most 1.5x).
    delegate_actor = actor_for(delegate)

    def page(q: Any) -> Callable[[], None]:
        def run_page() -> None:
            list(
                Case.objects.filter(q)
                .select_related("municipality", "referring_party", "process_director")
                .order_by("-updated_at", "-id")[:PAGE]
            )

        return run_page

    _measure(
        "policy filter, the query alone (ORM, model instances)",
        results,
        page(case_visibility_q(delegate_actor)),
        page(Q()),
        samples,
    )
    # The list as its selector serves it (values, subjects, the list's audit event), once for
    # the delegate and once for the same person as a house-wide role, whose filter is empty:
    # the ratio is what the policy adds to the case list (issue #4).
    unfiltered_actor = replace(delegate_actor, roles=frozenset({Role.conference_secretary}))
    assert case_visibility_q(unfiltered_actor) == Q()
    ctx = AuditContext.system()

    def listed(actor: Actor) -> Callable[[], None]:
        def run_list() -> None:
            case_list_for(actor=actor, ctx=ctx)

        return run_list

    _measure(
        "policy filter: delegate list vs the same list unfiltered",
        results,
        listed(delegate_actor),
        listed(unfiltered_actor),
        samples,
    )

    # Case list for a process director: the cases they direct, the intake queue, grants.
    _measure(
        "case list, process director, first page",
        results,
        _get(as_director, lambda: "/casussen/"),
        _bare(lambda: [(_director_list_sql(director.pk), [_stamp(timezone.now())])]),
        samples,
    )

    # "Mijn werk", the home page: the case sections (my cases by phase, overdue actions,
    # referrals to triage, questions to my party) and the shell. No bare SQL: four small
    # queries whose SQL is the ORM's (core.statements), not one statement to compare with.
    for who, client in (("delegate", as_delegate), ("process director", as_director)):
        _measure(f"Mijn werk, {who}", results, _get(client, lambda: "/"), None, samples)

    # Search by name (and by name and date of birth: one person).
    person = Subject.objects.filter(case_links__isnull=False).order_by("-id").first()
    assert person is not None
    name, born = person.last_name, person.date_of_birth
    search = (
        f"SELECT c.* FROM {T['Case']} c WHERE EXISTS (SELECT 1 FROM {T['CaseSubject']} cs "
        f"JOIN {T['Subject']} s ON s.id = cs.subject_id WHERE cs.case_id = c.id "
        "AND UPPER(s.last_name) = UPPER(%s) {dob}) "
        f"ORDER BY c.id DESC LIMIT {PAGE}"  # a name search: newest case first
    )

    def search_by(label: str, last_name: str) -> None:
        _measure(
            label,
            results,
            _get(as_director, lambda: f"/casussen/?achternaam={quote(last_name)}"),
            _bare(lambda: [(search.format(dob=""), [last_name])]),
            samples,
        )

    search_by("search by last name, process director", name)
    # A common name: the hard case for a limited view (issue #9: a process director's search
    # for one walked the whole keyset index at 1,000,000 cases). The load test searches these.
    common = (
        Subject.objects.values(key=Upper("last_name"))
        .annotate(n=Count("id"))
        .order_by("-n", "key")
        .values_list("key", flat=True)
        .first()
    )
    if common:
        search_by("search by a common last name, process director", common)
        # The load test's search: a delegate's, through the search keys (cases.SearchKey).
        keyed = (
            f"SELECT c.* FROM {T['Case']} c WHERE c.id IN (SELECT k.case_id FROM "
            f"{T['SearchKey']} k WHERE k.party_id = {party} AND k.name = UPPER(%s)) "
            f"AND EXISTS (SELECT 1 FROM {T['CaseParty']} cp WHERE cp.case_id = c.id "
            f"AND cp.party_id = {party} AND cp.removed_at IS NULL) "
            f"ORDER BY c.id DESC LIMIT {PAGE}"
        )
        _measure(
            "search by a common last name, delegate",
            results,
            _get(as_delegate, lambda: f"/casussen/?achternaam={quote(common)}"),
            _bare(lambda: [(keyed, [common])]),
            samples,
        )
    _measure(
        "search by last name + date of birth",
        results,
        _get(as_director, lambda: f"/casussen/?achternaam={name}&geboortedatum={born}"),
        _bare(lambda: [(search.format(dob="AND s.date_of_birth = %s"), [name, born])]),
        samples,
    )

    # The case page of a case in execution (plan, actions, history), a different case each time.
    ids = list(
        Case.objects.filter(phase="execution", process_director=director)
        .order_by("-id")
        .values_list("id", flat=True)[:500]
    )
    rng = random.Random(9)
    current = {"id": ids[0]}

    def next_case() -> str:
        current["id"] = rng.choice(ids)
        return f"/casussen/{current['id']}/"

    def page_sql() -> list[Statement]:
        c = current["id"]
        return [
            (f"SELECT c.*, m.name, r.name FROM {T['Case']} c JOIN {T['Party']} m ON "
             f"m.id = c.municipality_id JOIN {T['Party']} r ON r.id = c.referring_party_id "
             "WHERE c.id = %s", [c]),
            (f"SELECT cp.*, p.name FROM {T['CaseParty']} cp JOIN {T['Party']} p ON "
             "p.id = cp.party_id WHERE cp.case_id = %s", [c]),
            (f"SELECT cs.*, s.* FROM {T['CaseSubject']} cs JOIN {T['Subject']} s ON "
             "s.id = cs.subject_id WHERE cs.case_id = %s", [c]),
            (f"SELECT * FROM {T['PhaseTransition']} WHERE case_id = %s "
             "ORDER BY occurred_at, id", [c]),
            (f"SELECT * FROM {T['ActionPlan']} WHERE case_id = %s", [c]),
            (f"SELECT * FROM {T['PlanAction']} WHERE case_id = %s", [c]),
            (f"SELECT * FROM {T['CaseEvent']} WHERE case_id = %s "
             "ORDER BY occurred_at DESC, id DESC LIMIT 200", [c]),
        ]  # fmt: skip

    _measure(
        "case page (execution phase), process director",
        results,
        _get(as_director, next_case),
        _bare(page_sql),
        samples,
    )

    # The report is measured in perf_bench (with the statements it sends as its bare SQL).
    return results


def audit_read_rate(batch_size: int = 20_000) -> float:
    """The bare read of the whole chain in keyset pages: what verification cannot beat."""
    columns = (
        "id, prev_hash, row_hash, occurred_at, user_id, party_id, role, action, object_type, "
        "object_id, subject_pseudonym, purpose, outcome, request_id, client_address"
    )
    started = time.perf_counter()
    last, total = 0, 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                f"SELECT {columns} FROM audit_auditevent WHERE id > %s ORDER BY id LIMIT %s",
                [last, batch_size],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            total += len(rows)
            last = rows[-1][0]
    return total / (time.perf_counter() - started)
