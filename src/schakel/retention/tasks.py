"""The retention sweep as a task in the database queue (issue #5 part 2; STACK.md).

cron or a systemd timer enqueues it daily (`manage.py retention_sweep --enqueue`), a
`manage.py db_worker` process runs it. The task is bounded in time: what is left when time
runs out is still due tomorrow and the next run goes on (the sweep is idempotent).
"""

from __future__ import annotations

from django_tasks import task

from schakel.retention.sweep import run_sweep

DEFAULT_MAX_SECONDS = 30 * 60


@task()
def retention_sweep_task(max_seconds: int = DEFAULT_MAX_SECONDS) -> dict[str, object]:
    """Run the sweep; the result holds counts only, never personal data."""
    report = run_sweep(max_seconds=max_seconds)
    return {
        "run_id": report.run_id,
        "cases": sum(report.deleted.values()),
        "rows": report.rows,
        "files": report.files,
        "batches": report.batches,
        "held": len(report.held),
        "stopped_early": report.stopped_early,
    }
