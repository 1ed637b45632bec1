"""Timing helpers: samples, median and p95, and the request-versus-bare-SQL comparison."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def p95(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * 0.95 + 0.5) - 1)]


def summarise(samples: list[float], per_sample_items: int = 1) -> dict[str, float]:
    median = statistics.median(samples)
    return {
        "median_ms": median * 1000,
        "p95_ms": p95(samples) * 1000,
        "per_second": per_sample_items / median if median else 0.0,
        "samples": len(samples),
    }


def compare(
    request: list[float], bare: list[float] | None, **extra: Any
) -> dict[str, float | int | None]:
    """Schakel's own request next to the bare SQL that returns the same rows."""
    row: dict[str, float | int | None] = dict(summarise(request))
    row.pop("per_second")
    if bare:
        bare_median = statistics.median(bare)
        row["bare_sql_median_ms"] = bare_median * 1000
        row["bare_sql_p95_ms"] = p95(bare) * 1000
        row["ratio"] = statistics.median(request) / bare_median if bare_median else None
    row.update(extra)
    return row


def table(results: dict[str, dict[str, Any]]) -> str:
    """The results as a Markdown table (also printed on the terminal)."""
    lines = [
        "| operation | median | p95 | bare SQL median | ratio | queries | rate | note |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in results.items():
        bare = row.get("bare_sql_median_ms")
        ratio = row.get("ratio")
        rate = row.get("per_second")
        unit = row.get("rate_unit")
        lines.append(
            f"| {name} | {row['median_ms']:.1f} ms | {row['p95_ms']:.1f} ms | "
            f"{f'{bare:.2f} ms' if bare is not None else '–'} | "
            f"{f'{ratio:.1f}×' if ratio else '–'} | {row.get('queries', '–')} | "
            f"{f'{rate:,.0f} {unit}/s' if rate and unit else '–'} | "
            f"{_note(row)} |"
        )
    return "\n".join(lines)


def _note(row: dict[str, Any]) -> str:
    rewritten = row.get("bare_sql_rewritten_median_ms")
    if rewritten is not None:
        return f"bare SQL as one EXISTS: {rewritten:.2f} ms"
    if "bare_sql_per_second" in row:
        return f"bare read of the chain: {row['bare_sql_per_second']:,.0f}/s"
    return ""
