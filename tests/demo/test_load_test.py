"""`./dev load`: the locust scenario is well-formed (checked in a subprocess, as locust patches
the standard library on import), and the load-test login mode exists only with its flag and
never in production."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client

from schakel.demo.management.commands.load_test_sessions import MIX

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import io
import json
from http.cookiejar import CookieJar
from urllib.request import Request
from locust import FastHttpUser
import bench.load.locustfile as f
# The minted session reaches the server: the jar sends it to 127.0.0.1 (an IP, no domain).
jar = CookieJar()
jar.set_cookie(f.session_cookie("http://127.0.0.1:8123", "minted"))
request = Request("http://127.0.0.1:8123/casussen/")
jar.add_cookie_header(request)
assert request.get_header("Cookie") == f"{f.SESSION_COOKIE}=minted", request.get_header("Cookie")
people = []
for cls in f.PEOPLE:
    assert issubclass(cls, FastHttpUser) and not cls.abstract
    people.append({"role": cls.role, "weight": cls.weight, "tasks": len(cls.tasks)})
# The statistics restart a warm-up after the last person started, not at once and not never.
import os
import gevent
from locust.env import Environment
counted = {}
for warm_up in ("0", "0.05"):
    os.environ["SCHAKEL_LOAD_WARM_UP"] = warm_up
    env = Environment(user_classes=list(f.PEOPLE))
    f.reset_after_warm_up(env)
    env.stats.log_request("GET", "/casussen/", 12, 100)
    env.events.spawning_complete.fire(user_count=500)
    at_start = env.stats.total.num_requests
    gevent.sleep(0.3)  # timers fire in order of expiry: the 0.05 s reset runs before this returns
    counted[warm_up] = [at_start, env.stats.total.num_requests]
print(json.dumps({"people": people, "per_person": f.PER_PERSON, "counted": counted}))
"""


def test_the_locustfile_imports_and_its_mix_is_well_formed() -> None:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    people = found["people"]
    assert {p["role"] for p in people} == {role.value for role, _ in MIX}
    assert all(p["tasks"] >= 2 and p["weight"] > 0 for p in people)
    assert sum(p["weight"] for p in people) == 100  # weights read as percentages of people
    # 500 people at this pace make the 120 requests per second.
    assert round(500 * found["per_person"]) == 120
    # Without a warm-up everything counts; with one, what came before it is dropped.
    assert found["counted"] == {"0": [1, 1], "0.05": [1, 0]}


def test_the_run_lasts_the_start_the_warm_up_and_the_time_measured() -> None:
    from bench.load.__main__ import run_time

    assert run_time(500, 50, 30, 60) == 10 + 30 + 60
    assert run_time(20, 50, 0, 10) == 1 + 0 + 10  # a started second counts whole
    assert run_time(5, 0, 0, 10) == 5 + 10  # a spawn rate of 0 is read as 1 a second


def test_a_request_made_only_during_the_warm_up_has_no_percentiles(tmp_path: Path) -> None:
    import argparse

    from bench.load.__main__ import _summary

    head = "Type,Name,Request Count,Failure Count,Requests/s,50%,95%,99%"
    stats = tmp_path / "load_stats.csv"
    stats.write_text(
        f"{head}\nGET,/rapportage/,0,0,0.0,N/A,N/A,N/A\n"
        f"GET,/casussen/,30,0,3.0,120,210,230\n,Aggregated,30,0,3.0,120,210,230\n"
    )
    args = argparse.Namespace(users=20, workers=3, threads=2, database="bench_perf")
    found = _summary(stats, 10, 5, args, 0.5, 0.7)
    assert found["per_request"]["GET /rapportage/"]["p95_ms"] is None
    assert found["per_request"]["GET /casussen/"]["p95_ms"] == 210.0
    assert found["total"]["requests"] == 30
    assert (found["seconds"], found["warm_up_seconds"]) == (10, 5)


def test_load_test_mode_is_refused_in_production() -> None:
    env = {
        **os.environ,
        "SCHAKEL_MODE": "production",
        "SCHAKEL_LOAD_TEST": "true",
        "SECRET_KEY": "x" * 60,
        "SCHAKEL_PSEUDONYM_KEY": "y" * 60,
        "SCHAKEL_FIELD_KEYS": "ZGVtby1hbmQtdGVzdC1vbmx5LWZpZWxkLWtleS0wMDA=",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "ALLOWED_HOSTS": "example.org",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "SCHAKEL_LOAD_TEST is never allowed in production" in done.stderr


@pytest.mark.django_db
def test_sessions_need_the_flag(tmp_path: Path) -> None:
    assert not settings.SCHAKEL_LOAD_TEST
    with pytest.raises(CommandError):
        call_command("load_test_sessions", users=2, out=str(tmp_path / "s.json"))
    assert not (tmp_path / "s.json").exists()


@pytest.mark.django_db
def test_minted_sessions_sign_in_without_a_second_factor(
    settings, tmp_path: Path, kees, anouk
) -> None:
    settings.SCHAKEL_LOAD_TEST = True
    settings.SCHAKEL_REQUIRE_2FA = False
    out = tmp_path / "s.json"
    call_command("load_test_sessions", users=20, out=str(out), stdout=io.StringIO())
    found = json.loads(out.read_text())
    roles = {row["role"] for row in found}
    assert {"partner_delegate", "process_director"} <= roles
    for row in found[:3] + found[-3:]:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = row["session"]
        page = client.get("/casussen/")
        assert page.status_code == 200, row
        assert page.wsgi_request.user.username == row["user"]
