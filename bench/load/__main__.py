"""``./dev load [--database NAME] [--users 500] [--time 60] [--warm-up 30] [--workers 3] ...``

Starts gunicorn on 127.0.0.1 (demo settings: DEBUG off, whitenoise, no debug toolbar; plus
SCHAKEL_LOAD_TEST, which settings refuse in production) against a PostgreSQL database that
`manage.py generate_data` filled, mints one session per simulated person, runs locust
headless for a bounded time, stops the server, and prints throughput, p50/p95/p99 and
errors. Results go to bench/results/load.json. Nothing here fails on a slow number.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(sys.executable).parent
HOST = "127.0.0.1"  # never anything else: the load test must not leave the machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not start on {HOST}:{port}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="./dev load")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="bench_perf", help="a database generate_data filled")
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--spawn-rate", type=int, default=50)
    parser.add_argument(
        "--time", type=int, default=60, help="seconds measured (bounded: at most 600)"
    )
    parser.add_argument(
        "--warm-up",
        type=int,
        default=30,
        help="seconds the people work after the last one started, before the statistics start "
        "(0: count from the first request; bounded: at most 300)",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    args = parser.parse_args()
    seconds = max(5, min(args.time, 600))
    warm_up = max(0, min(args.warm_up, 300))
    url = args.server.rsplit("/", 1)[0] + "/" + args.database
    work = Path(tempfile.mkdtemp(prefix="schakel-load-"))
    env = {
        **os.environ,
        "SCHAKEL_MODE": "demo",
        "SCHAKEL_LOAD_TEST": "true",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
    }
    sessions = work / "sessions.json"
    subprocess.run(
        [sys.executable, "manage.py", "load_test_sessions", "--users", str(args.users),
         "--out", str(sessions)],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    port = _free_port()
    server = subprocess.Popen(
        [str(VENV / "gunicorn"), "config.wsgi:application", "--bind", f"{HOST}:{port}",
         "--workers", str(args.workers), "--threads", str(args.threads), "--log-level", "warning",
         "--graceful-timeout", "5", "--keep-alive", "10"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        _wait_for(port)
        load_before = os.getloadavg()[0]
        total_time = run_time(args.users, args.spawn_rate, warm_up, seconds)
        locust_env = {
            **env,
            "SCHAKEL_LOAD_SESSIONS": str(sessions),
            "SCHAKEL_LOAD_WARM_UP": str(warm_up),
        }
        subprocess.run(
            [str(VENV / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"),
             "--headless", "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
             "--run-time", f"{total_time}s", "--host", f"http://{HOST}:{port}",
             "--csv", str(work / "load"), "--only-summary", "--stop-timeout", "10"],
            cwd=ROOT, env=locust_env, check=False,
        )  # fmt: skip
        load_after = os.getloadavg()[0]
    finally:
        server.terminate()  # the server this run started, by its own process id
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    result = _summary(work / "load_stats.csv", seconds, warm_up, args, load_before, load_after)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps(result, indent=2))
    total = result["total"]
    print(
        f"\n{total['requests']:,} requests in {seconds} s after a warm-up of {warm_up} s: "
        f"{total['rps']:.1f} req/s, "
        f"p50 {total['p50_ms']} ms, p95 {total['p95_ms']} ms, p99 {total['p99_ms']} ms, "
        f"{total['failures']} errors  (results in {out / 'load.json'})"
    )


def run_time(users: int, spawn_rate: int, warm_up: int, seconds: int) -> int:
    """Locust's run time: everyone started, the warm-up, then the seconds measured."""
    return -(-users // max(1, spawn_rate)) + warm_up + seconds


def _ms(percentile: str) -> float | None:
    """A percentile from locust's CSV; "N/A" for a request made only during the warm-up (its
    row stays, emptied, when the statistics start again)."""
    return None if percentile == "N/A" else float(percentile)


def _summary(
    stats: Path,
    seconds: int,
    warm_up: int,
    args: argparse.Namespace,
    before: float,
    after: float,
) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    with stats.open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            rows[f"{row['Type']} {row['Name']}".strip()] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50_ms": _ms(row["50%"]),
                "p95_ms": _ms(row["95%"]),
                "p99_ms": _ms(row["99%"]),
            }
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "users": args.users,
        "seconds": seconds,
        "warm_up_seconds": warm_up,
        "workers": args.workers,
        "threads": args.threads,
        "database": args.database,
        "cpus": os.cpu_count(),
        "load_average_1m": [before, after],
        "total": rows.pop("Aggregated"),
        "per_request": rows,
    }


if __name__ == "__main__":
    main()
