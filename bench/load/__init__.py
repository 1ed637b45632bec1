"""``./dev load``: a working day for 500 people against a local server (docs/performance.md)."""
