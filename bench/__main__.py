"""``./dev bench``: generate a fictional house into a scratch database, then measure.

Usage: ./dev bench [--postgres [SERVER_URL]] [--cases N] [--audit-events M] [--samples S]
                   [--retention-cases R] [--database NAME] [--only cases,audit,...]

By default a temporary SQLite file is used. With --postgres a scratch database is created on
the server (default postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards.
Per operation it prints the median and p95 of Schakel's own request next to the median of the
bare SQL that returns the same rows, and their ratio. Results go to bench/results/latest.json.
Benchmarks are never tests: nothing here fails on a slow number.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SCRATCH_DB = f"schakel_bench_{os.getpid()}"
# Cases and the report, the audit chain, the conference agenda, item read / access log /
# report (perf), the retention sweep: each can be measured on its own with --only.
GROUPS = ("cases", "audit", "meetings", "perf", "retention")


def _setup(database_url: str) -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ["SCHAKEL_MODE"] = "test"
    os.environ["DATABASE_URL"] = database_url
    os.environ["SCHAKEL_REQUIRE_2FA"] = "false"  # the benchmark logs in with force_login
    os.environ["SCHAKEL_VERIFY_STATEMENTS"] = "false"  # the tests' check, not the product
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import warnings

    import django
    from django.core.management import call_command

    warnings.filterwarnings("ignore", message="No directory at")  # static files: not measured

    django.setup()
    call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(prog="./dev bench")
    parser.add_argument(
        "--postgres", nargs="?", const="postgres://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--audit-events", type=int, default=200_000)
    parser.add_argument("--samples", type=int, default=50, help="requests per operation")
    parser.add_argument("--appends", type=int, default=500, help="audit appends to time")
    parser.add_argument(
        "--database",
        help="measure an existing database (a URL, or a name on the --postgres server) that "
        "generate_data filled; it is kept, and only filled up to --cases when it has fewer",
    )
    parser.add_argument(
        "--retention-cases",
        type=int,
        default=100_000,
        help="due cases for the retention sweep, measured last (0 skips it)",
    )
    parser.add_argument(
        "--output", type=Path, default=RESULTS / "latest.json", help="where the JSON goes"
    )
    parser.add_argument(
        "--only",
        help=f"comma-separated groups to measure (default all): {','.join(GROUPS)}",
    )
    args = parser.parse_args()
    if args.only and not set(args.only.split(",")) <= set(GROUPS):
        parser.error(f"--only takes {','.join(GROUPS)}")
    if args.database:
        server = args.postgres or "postgres://postgres@127.0.0.1:5432/postgres"
        url = args.database if "://" in args.database else _named(server, args.database)
    elif args.postgres:
        url = _create_scratch_postgres(args.postgres)
    else:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='schakel-bench-')}/bench.sqlite3"
    try:
        _setup(url)
        _run(url, args)
    finally:
        if args.postgres and not args.database:
            _drop_scratch_postgres(args.postgres)


def _admin_connect(server_url: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(server_url.replace("postgres://", "postgresql://", 1), autocommit=True)


def _named(server_url: str, name: str) -> str:
    return server_url.rsplit("/", 1)[0] + "/" + name


def _create_scratch_postgres(server_url: str) -> str:
    with _admin_connect(server_url) as conn:
        conn.execute(f'CREATE DATABASE "{SCRATCH_DB}"')
    return server_url.rsplit("/", 1)[0] + "/" + SCRATCH_DB


def _drop_scratch_postgres(server_url: str) -> None:
    from django.db import connections

    connections.close_all()
    with _admin_connect(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}"')


def _generate(cases: int, events: int) -> dict[str, Any]:
    import contextlib
    import io

    from django.core.management import call_command

    from schakel.cases.models import Case
    from schakel.demo.generate import Progress, analyse, ensure_users, generate_audit, next_id
    from schakel.demo.generate_cases import generate_cases

    print(f"Generating {cases:,} cases and {events:,} audit events ...", flush=True)
    progress = Progress(out=sys.stderr)
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    house = ensure_users(house_cases=Case.objects.count() + cases)
    first = next_id(Case)
    case_started = time.perf_counter()
    subjects = generate_cases(cases, house, progress)
    case_seconds = time.perf_counter() - case_started
    audit_started = time.perf_counter()
    generate_audit(events, house, progress, subjects=subjects, case_ids=(first, next_id(Case)))
    audit_seconds = time.perf_counter() - audit_started
    analyse_seconds = analyse()
    return {
        "cases": cases,
        "audit_events": events,
        "seconds": time.perf_counter() - started,
        "cases_per_s": cases / case_seconds if case_seconds else 0,
        "audit_events_per_s": events / audit_seconds if audit_seconds else 0,
        "analyse_seconds": analyse_seconds,
        "tables": progress.summary(),
    }


def _machine() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
        else:
            cursor.execute("SELECT 'SQLite ' || sqlite_version()")
        version = cursor.fetchone()[0]
    return {
        "host": platform.node(),
        "cpu": f"{platform.machine()}, {os.cpu_count()} cpu",
        "cpu_model": _cpu_model(),
        "python": platform.python_version(),
        "database": version,
        "load_average_1m": os.getloadavg()[0],
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _run(url: str, args: argparse.Namespace) -> None:
    from bench import audit_bench, cases_bench
    from bench.measure import table
    from schakel.cases.models import Case

    have = Case.objects.count() if args.database else 0
    if have >= args.cases:
        generated: dict[str, Any] = {"cases": have, "reused": True}
    else:
        generated = _generate(args.cases - have, args.audit_events)
        print(
            f"Generated in {generated['seconds']:,.0f} s: {generated['cases_per_s']:,.0f} "
            f"cases/s, {generated['audit_events_per_s']:,.0f} audit events/s",
            flush=True,
        )
    print("Measuring ...", flush=True)
    machine = _machine()  # the load average before measuring: other work on the machine skews
    from bench import meetings_bench, perf_bench

    groups = set(args.only.split(",")) if args.only else set(GROUPS)
    results: dict[str, dict[str, Any]] = {}
    reports = max(3, args.samples // 10)
    if "cases" in groups:
        results.update(cases_bench.run(samples=args.samples, report_samples=reports))
    if "audit" in groups:
        results.update(audit_bench.run(appends=args.appends))
    if "meetings" in groups:
        results.update(meetings_bench.run(samples=args.samples))
    if "perf" in groups:
        results.update(perf_bench.run(samples=args.samples, report_samples=reports))
    if args.retention_cases and "retention" in groups:  # last: the sweep deletes the house
        from bench import retention_bench

        results.update(retention_bench.run(due_cases=args.retention_cases))
    machine["load_average_1m_after"] = os.getloadavg()[0]
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "database": url.split("@")[-1] if "@" in url else url.split(":")[0],
        "generated": generated,
        "samples": args.samples,
        "results": results,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, default=str))
    print()
    print(table(results))
    print(f"\nresults written to {args.output}")


if __name__ == "__main__":
    main()
