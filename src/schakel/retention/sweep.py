"""The retention sweep: carry out what the schedule says is due, in batches (issue #5, part 2).

Each batch is one transaction: the rows of up to `batch_size` cases go with set-based deletes
(`DELETE ... WHERE case_id IN (...)`, no per-row ORM work, no signals), their files first, and
the receipts and one audit row are written in the same transaction. Killed half-way, the
database holds either a whole batch or none of it, and a rerun finds what is still due. A file
deleted before its batch rolled back is gone either way (deleting means gone); its row goes on
the rerun, and deleting a missing file is a no-op.

Stages (privacy protocol art. 11; Art. 1.12; Bijlage 3 Fase 5):
* identity (closed case, or a referral that was not admitted): every row of the case goes, the
  case itself too; a subject goes when no other case links to them; the anonymous statistic
  loses its pointer to the case (`case_ref`);
* content (closed case): everything but the shell goes; the shell's free text is blanked.
Restricting access at closure is enforced at read time by the policy, not here.
"""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime

from django.db import connection, transaction
from django.db.models import Count, Model, Q, QuerySet
from django.utils import timezone

from schakel.audit.record import AuditContext, retention_batch_deleted
from schakel.cases.models import Case, CaseSubject
from schakel.domain.retention import (
    DueState,
    Effect,
    Period,
    RetentionFacts,
    RetentionRule,
    due_actions,
)
from schakel.domain.workflow import Phase
from schakel.reports.models import CaseStatistic
from schakel.retention.graph import CaseBound, case_bound_models, subject_graph
from schakel.retention.lookups import among
from schakel.retention.models import DeletionReceipt, LegalHold
from schakel.retention.schedule import current_schedule

# The phase whose clock each deleting rule follows (`CLASS_TRIGGER` in the domain).
STAGES: tuple[tuple[str, Phase], ...] = (
    ("referral_not_admitted", Phase.not_admitted),
    ("closed_identity", Phase.closed),
    ("closed_content", Phase.closed),
)


Row = tuple[int, str, str, datetime | None]  # pk, number, phase, closed_at


class SweepInterrupted(Exception):
    """Raised by a `between_batches` hook (tests inject a crash this way)."""


@dataclass
class SweepReport:
    run_id: str
    today: date
    dry_run: bool
    deleted: Counter[str] = field(default_factory=Counter)  # rule code -> cases
    rows: int = 0
    files: int = 0
    batches: int = 0
    would: list[tuple[str, str, date]] = field(default_factory=list)  # number, rule, due on
    held: list[tuple[str, str, date]] = field(default_factory=list)  # number, rule, hold until
    stopped_early: bool = False


def latest_start(period: Period, today: date) -> date:
    """The last clock start whose period has run out by `today` (months clamp, so step)."""
    guess = Period(-period.months, -period.days).after(today)
    while period.after(guess + timedelta(days=1)) <= today:
        guess += timedelta(days=1)
    while period.after(guess) > today:
        guess -= timedelta(days=1)
    return guess


def _active_holds(today: date) -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(lifted_at__isnull=True, until__gte=today)


def due_cases(rule: RetentionRule, phase: Phase, today: date) -> QuerySet[Case]:
    """Cases whose clock for `rule` has run out, holds included (uses the phase index)."""
    bound = timezone.make_aware(datetime.combine(latest_start(rule.period, today), dtime.min))
    cases = Case.objects.filter(phase=phase.value, closed_at__lt=bound + timedelta(days=1))
    if rule.effect == Effect.delete_content:
        done = DeletionReceipt.objects.filter(rule_code=rule.code).values("case_number")
        cases = cases.exclude(number__in=done)
    return cases


def _facts(row: Row, done: frozenset[str]) -> RetentionFacts:
    pk, _number, phase, closed_at = row
    assert closed_at is not None  # the query asked for closed_at < bound
    day = timezone.localdate(closed_at)
    if phase == Phase.closed:
        return RetentionFacts(str(pk), Phase.closed, closed_at=day, done=done)
    return RetentionFacts(str(pk), Phase(phase), not_admitted_at=day, done=done)


def _per_case(queryset: QuerySet, path: str) -> Counter[int]:  # type: ignore[type-arg]
    rows = queryset.order_by().values_list(path).annotate(n=Count("pk"))
    return Counter(dict(rows))


def _among(path: str, ids: list[int]) -> Q:
    return among(path, ids, connection.vendor)


def _filter(model: type[Model], path: str, ids: list[int]) -> QuerySet[Model]:
    """Rows of `model` whose `path` leads to one of `ids`, hop by hop: each statement filters
    one table on its own indexed foreign key (a join lets PostgreSQL scan the child whole)."""
    if "__" not in path:
        return model._default_manager.filter(_among(path, ids))
    first, rest = path.split("__", 1)
    parent = model._meta.get_field(first).related_model
    assert parent is not None and not isinstance(parent, str)
    parent_ids = list(_filter(parent, rest, ids).values_list("pk", flat=True))
    return model._default_manager.filter(_among(first, parent_ids))


@dataclass
class _Batch:
    ids: list[int]
    identity: bool
    classes: dict[int, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    files: Counter[int] = field(default_factory=Counter)

    def delete(self, bound: CaseBound, ids: list[int], owner: dict[int, int] | None = None) -> None:
        """Delete (or, for the shell at the content stage, blank) the rows of `bound` whose
        root id is in `ids`; counts go to the case (`owner` maps a person to their case)."""
        rows = _filter(bound.model, bound.path, ids)
        label = bound.label
        if bound.is_shell and not self.identity:
            if not (texts := bound.text_fields()):
                return
            label += ":tekst"
        else:
            for model, name in bound.detach:  # rows of something else pointing here live on
                _filter(model, f"{name}__{bound.path}", ids).update(**{name: None})
        counted = _per_case(rows, bound.path)
        for root_id, n in counted.items():
            self.classes[owner[root_id] if owner else root_id][label] += n
        if label.endswith(":tekst"):
            rows.update(**dict.fromkeys(texts, ""))
            return
        for name in bound.file_fields:
            storage = bound.model._meta.get_field(name).storage  # type: ignore[union-attr]
            for root_id, stored in rows.order_by().values_list(bound.path, name):
                if stored:
                    storage.delete(stored)  # a missing file is no error (rerun after a crash)
                    self.files[owner[root_id] if owner else root_id] += 1
        rows._raw_delete(rows.db)  # set-based, no signals; the order is leaves first

    def delete_subjects(self, ids: list[int]) -> None:
        """A person goes with their last case; someone still linked elsewhere (another case's
        CaseSubject, or any other PROTECT) keeps their record (`subject_identity_may_go`)."""
        links = list(
            CaseSubject.objects.filter(_among("case", ids)).values_list("subject_id", "case_id")
        )
        for _subject_id, case_id in links:
            self.classes[case_id]["cases.CaseSubject"] += 1
        CaseSubject.objects.filter(_among("case", ids))._raw_delete(CaseSubject.objects.db)
        owner = dict(links)
        graph = subject_graph()
        orphans = set(owner)
        for model, name in graph.keepers:
            if orphans:
                kept = model._default_manager.filter(_among(name, sorted(orphans)))
                orphans -= set(kept.values_list(name, flat=True))
        if orphans:
            for bound in graph.bound:
                self.delete(bound, sorted(orphans), owner)


def _run_batch(
    rule: RetentionRule, rows: list[Row], ctx: AuditContext, run_id: str
) -> tuple[int, int]:
    batch = _Batch(ids=[row[0] for row in rows], identity=rule.effect == Effect.delete_identity)
    ids = batch.ids
    if batch.identity:
        # The anonymous statistic stays for the reports (#8) but no longer points at the case.
        CaseStatistic.objects.filter(_among("case_ref", ids)).update(case_ref=None)
    for bound in case_bound_models():
        if bound.label == "cases.CaseSubject":
            if batch.identity:
                batch.delete_subjects(ids)
            continue
        batch.delete(bound, ids)
    now = timezone.now()
    receipts = []
    for pk, number, _phase, _closed in rows:
        classes = batch.classes[pk]
        receipts.append(
            DeletionReceipt(
                case_number=number,
                rule_code=rule.code,
                effect=rule.effect.value,
                legal_reference=rule.legal_reference[:300],
                classes=dict(sorted(classes.items())),
                row_count=sum(n for label, n in classes.items() if not label.endswith(":tekst")),
                file_count=batch.files[pk],
                deleted_at=now,
                run_id=run_id,
            )
        )
    _insert_receipts(receipts)
    retention_batch_deleted(ctx, rule_code=rule.code, run_id=run_id, case_count=len(rows))
    return sum(r.row_count for r in receipts), sum(r.file_count for r in receipts)


_RECEIPT_COLUMNS = (
    "case_number",
    "rule_code",
    "effect",
    "legal_reference",
    "classes",
    "row_count",
    "file_count",
    "deleted_at",
    "run_id",
)
_RECEIPT_TYPES = ("text", "text", "text", "text", "jsonb", "int", "int", "timestamptz", "text")


def _insert_receipts(receipts: list[DeletionReceipt]) -> None:
    """One INSERT ... SELECT FROM unnest(arrays) on PostgreSQL: nine parameters instead of
    nine per receipt (measured: the batch's largest statement otherwise)."""
    if connection.vendor != "postgresql":
        DeletionReceipt.objects.bulk_create(receipts)
        return
    columns: list[list[object]] = [
        [json.dumps(r.classes) if name == "classes" else getattr(r, name) for r in receipts]
        for name in _RECEIPT_COLUMNS
    ]
    arrays = ", ".join(f"%s::{kind}[]" for kind in _RECEIPT_TYPES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {DeletionReceipt._meta.db_table} ({', '.join(_RECEIPT_COLUMNS)}) "  # noqa: S608
            f"SELECT * FROM unnest({arrays})",
            columns,
        )


def run_sweep(
    *,
    today: date | None = None,
    batch_size: int = 500,
    dry_run: bool = False,
    max_seconds: float | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    between_batches: Callable[[SweepReport], None] | None = None,
) -> SweepReport:
    """Carry out every due deletion; returns what happened (or, dry, what would)."""
    in_force = current_schedule()
    schedule = {rule.code: rule for rule in in_force}
    today = today or timezone.localdate()
    report = SweepReport(run_id=f"sweep-{uuid.uuid4().hex[:16]}", today=today, dry_run=dry_run)
    ctx = AuditContext(request_id=report.run_id, client_address=None)
    started = time.monotonic()
    holds = _active_holds(today)
    for code, phase in STAGES:
        rule = schedule[code]
        due = due_cases(rule, phase, today)
        held = due.filter(pk__in=holds.values("case_id")).order_by("number")
        report.held += [(number, code, until) for number, until in _held_rows(held, today)]
        due = due.exclude(pk__in=holds.values("case_id"))
        if dry_run:
            for number, closed_at in due.order_by("number").values_list("number", "closed_at"):
                start = timezone.localdate(closed_at)
                report.would.append((number, code, rule.period.after(start)))
            continue
        # The due ids once (one scan); each batch then re-reads and locks its own ids with
        # the same conditions, so a hold placed meanwhile or a concurrent sweep still counts,
        # and no batch rescans the whole phase (O(batch), not O(cases), per transaction).
        candidates = list(due.order_by("pk").values_list("pk", flat=True))
        total, done = len(candidates), 0
        for offset in range(0, total, batch_size):
            if max_seconds is not None and time.monotonic() - started >= max_seconds:
                report.stopped_early = True
                return report
            with transaction.atomic():
                page = due.filter(_among("pk", candidates[offset : offset + batch_size]))
                if connection.features.has_select_for_update_skip_locked:
                    page = page.select_for_update(skip_locked=True, of=("self",))
                rows = list(page.order_by("pk").values_list("pk", "number", "phase", "closed_at"))
                receipted = _receipted([row[1] for row in rows])
                rows = [r for r in rows if _still_due(rule, in_force, r, receipted, today)]
                if rows:
                    deleted_rows, files = _run_batch(rule, rows, ctx, report.run_id)
                    report.rows += deleted_rows
                    report.files += files
                    report.deleted[code] += len(rows)
                    report.batches += 1
            done += len(rows)
            if progress is not None:
                progress(code, done, total)
            if between_batches is not None:
                between_batches(report)
    return report


def _held_rows(held: QuerySet[Case], today: date) -> list[tuple[str, date]]:
    until = dict(_active_holds(today).filter(case__in=held).values_list("case_id", "until"))
    return [(number, until[pk]) for pk, number in held.values_list("pk", "number")]


def _receipted(numbers: list[str]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for number, code in DeletionReceipt.objects.filter(case_number__in=numbers).values_list(
        "case_number", "rule_code"
    ):
        found[number].add(code)
    return {number: frozenset(codes) for number, codes in found.items()}


def _still_due(
    rule: RetentionRule,
    schedule: tuple[RetentionRule, ...],
    row: Row,
    receipted: dict[str, frozenset[str]],
    today: date,
) -> bool:
    """The domain has the last word: the SQL only narrows down (ARCHITECTURE rule 1)."""
    facts = _facts(row, receipted.get(row[1], frozenset()))
    return any(
        action.rule.code == rule.code and action.state == DueState.due
        for action in due_actions(facts, schedule, today)
    )
