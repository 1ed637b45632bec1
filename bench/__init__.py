"""Schakel's benchmarks: ``./dev bench`` (see docs/performance.md)."""
