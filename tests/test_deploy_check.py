"""``manage.py check --deploy`` is clean with production settings."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_check_deploy_is_clean(tmp_path: Path) -> None:
    # The browser tests' Playwright needs DJANGO_ALLOW_ASYNC_UNSAFE in this process; a
    # deployment never sets it (async.E001), so the check runs without it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "SCHAKEL_MODE": "production",
        "SECRET_KEY": "p" * 20 + "-a-long-random-production-secret-value-0123456789",
        "SCHAKEL_PSEUDONYM_KEY": "another-long-random-key-for-pseudonyms",
        "SCHAKEL_FIELD_KEYS": "ZGVtby1hbmQtdGVzdC1vbmx5LWZpZWxkLWtleS0wMDA=",
        "ALLOWED_HOSTS": "schakel.example.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secrets(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    env |= {"SCHAKEL_MODE": "production", "DATABASE_URL": f"sqlite:///{tmp_path / 'x'}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr
