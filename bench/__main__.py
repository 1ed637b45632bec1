"""``./dev bench``: run the benchmarks against a scratch database and print medians.

Usage: ./dev bench [--postgres [SERVER_URL]] [--audit-events N]

By default a temporary SQLite file is used. With --postgres a scratch database is created on
the server (default postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards.
Results go to bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def _setup(database_url: str) -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ["SCHAKEL_MODE"] = "test"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(prog="./dev bench")
    parser.add_argument(
        "--postgres", nargs="?", const="postgres://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--audit-events", type=int, default=20_000)
    args = parser.parse_args()
    if args.postgres:
        url = _create_scratch_postgres(args.postgres)
    else:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='schakel-bench-')}/bench.sqlite3"
    try:
        _setup(url)
        _run(url, args)
    finally:
        if args.postgres:
            _drop_scratch_postgres(args.postgres, url)


SCRATCH_DB = f"schakel_bench_{os.getpid()}"


def _admin_connect(server_url: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(server_url.replace("postgres://", "postgresql://", 1), autocommit=True)


def _create_scratch_postgres(server_url: str) -> str:
    with _admin_connect(server_url) as conn:
        conn.execute(f'CREATE DATABASE "{SCRATCH_DB}"')
    return server_url.rsplit("/", 1)[0] + "/" + SCRATCH_DB


def _drop_scratch_postgres(server_url: str, url: str) -> None:
    from django.db import connections

    connections.close_all()
    with _admin_connect(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DB}"')


def _run(url: str, args: argparse.Namespace) -> None:
    from bench import audit_bench

    results = audit_bench.run(events=args.audit_events)
    report = {
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cpu, "
        f"Python {platform.python_version()}",
        "database": url.split("@")[-1] if "@" in url else url.split(":")[0],
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2))
    print(f"{'operation':<40} {'median':>12} {'p95':>12} {'rate':>16}")
    for name, row in results.items():
        print(
            f"{name:<40} {row['median_ms']:>10.3f}ms {row['p95_ms']:>10.3f}ms "
            f"{row.get('per_second', 0):>14,.0f}/s"
        )
    print(f"results written to {RESULTS / 'latest.json'}")


def summarise(samples: list[float], per_sample_items: int = 1) -> dict[str, float]:
    ordered = sorted(samples)
    median = statistics.median(ordered)
    return {
        "median_ms": median * 1000,
        "p95_ms": ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000,
        "per_second": per_sample_items / median if median else 0.0,
        "samples": len(ordered),
    }


if __name__ == "__main__":
    main()
