"""A working day of a Zorg- en Veiligheidshuis for locust (``./dev load``, 127.0.0.1 only).

Each simulated person uses a session minted by `manage.py load_test_sessions` (load-test
mode: no password hashing, no second factor) and does what their role does through a day:
delegates browse their case list, search and open cases; process directors also write
progress notes and look at the conference agenda; the secretary prepares the conference;
the manager looks at the figures. Every person makes about one request per four seconds, so
500 people give ~120 requests/s: ten times the average load of 500 users (issue 9).

The statistics start `SCHAKEL_LOAD_WARM_UP` seconds after the last person started
(`reset_after_warm_up`): a server runs for days, and what the issue's p95 asks about is that
working day, not the first minute after the processes started together with 500 people.
"""

from __future__ import annotations

import json
import os
import random
import re
from http.cookiejar import Cookie
from itertools import count
from typing import Any
from urllib.parse import urlencode, urlparse

import gevent
from locust import FastHttpUser, constant_throughput, events, task
from locust.env import Environment
from requests.cookies import create_cookie

SESSION_COOKIE = "schakel-session"  # the non-production name (config/settings.py)
CSRF_COOKIE = "schakel-csrf"
CASE_LINK = re.compile(r'href="/casussen/(\d+)/"')
MEETING_LINK = re.compile(r'href="/overleggen/(\d+)/"')
NAMES = ("Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer")
PER_PERSON = 0.24  # requests per second per person: 500 people -> 120 requests/s

_SESSIONS: list[dict[str, str]] = []
_NEXT = count()


def sessions(role: str) -> list[dict[str, str]]:
    if not _SESSIONS and os.environ.get("SCHAKEL_LOAD_SESSIONS"):
        with open(os.environ["SCHAKEL_LOAD_SESSIONS"], encoding="utf-8") as file:
            _SESSIONS.extend(json.load(file))
    return [s for s in _SESSIONS if s["role"] == role]


def reset_after_warm_up(environment: Environment, **_kwargs: Any) -> None:
    """Count from `SCHAKEL_LOAD_WARM_UP` seconds after everyone started (0: count everything).

    Measured 2026-12-08 (docs/performance.md): 400 people starting in 8 s each open their case
    list at once while the workers still prepare their statements and compile their templates;
    the queue that leaves took ~25 s to clear and, counted in, made the run's p95 seconds."""
    seconds = float(os.environ.get("SCHAKEL_LOAD_WARM_UP", "0"))
    if seconds > 0:
        environment.events.spawning_complete.add_listener(  # type: ignore[no-untyped-call]
            lambda **_: gevent.spawn_later(seconds, environment.stats.reset_all)
        )


events.init.add_listener(reset_after_warm_up)  # type: ignore[no-untyped-call]


def session_cookie(host: str, session_key: str) -> Cookie:
    """The minted session as a cookie the client sends to the server under test."""
    return create_cookie(SESSION_COOKIE, session_key, domain=urlparse(host).hostname or "")


class Person(FastHttpUser):
    """FastHttpUser (geventhttpclient), not HttpUser (python-requests): the load generator
    shares the server's two cores, and requests' client took ~13 % of a core against ~7 %."""

    abstract = True
    role = ""
    sees_cases = True
    wait_time = constant_throughput(PER_PERSON)

    def on_start(self) -> None:
        if urlparse(self.host or "").hostname != "127.0.0.1":
            raise RuntimeError("the load test runs against 127.0.0.1 only")
        mine = sessions(self.role)
        if not mine:
            raise RuntimeError(f"no load-test session for role {self.role}")
        session = mine[next(_NEXT) % len(mine)]
        self.client.cookiejar.set_cookie(session_cookie(self.host or "", session["session"]))
        self.cases: list[str] = []
        if self.sees_cases:
            self.browse()

    def browse(self) -> None:
        """The case list (first page), remembering the cases on it."""
        response = self.client.get("/casussen/", name="/casussen/")
        self.cases = CASE_LINK.findall(response.text or "") or self.cases

    def open_case(self) -> None:
        if self.cases:
            self.client.get(f"/casussen/{random.choice(self.cases)}/", name="/casussen/[id]/")

    def _csrf(self) -> str:
        return next((c.value or "" for c in self.client.cookiejar if c.name == CSRF_COOKIE), "")


class Delegate(Person):
    """A partner's delegate: their party's cases, now and then a search or the home page."""

    role = "partner_delegate"
    weight = 80

    @task(4)
    def list_cases(self) -> None:
        self.browse()

    @task(6)
    def case(self) -> None:
        self.open_case()

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="/ (mijn werk)")

    @task(1)
    def search(self) -> None:
        name = random.choice(NAMES)
        self.client.get(f"/casussen/?achternaam={name}", name="/casussen/?achternaam=")


class ProcessDirector(Person):
    """Directs cases: reads them, writes progress notes, looks at the agenda."""

    role = "process_director"
    weight = 15

    @task(3)
    def list_cases(self) -> None:
        self.browse()

    @task(6)
    def case(self) -> None:
        self.open_case()

    @task(2)
    def note(self) -> None:
        if not self.cases:
            return
        case = random.choice(self.cases)
        page = self.client.get(f"/casussen/{case}/", name="/casussen/[id]/")
        if 'name="note-text"' not in (page.text or ""):
            return  # no note in this phase: the page offers no form
        self.client.post(
            f"/casussen/{case}/notitie/",
            urlencode(
                {
                    "csrfmiddlewaretoken": self._csrf(),
                    "note-text": "Voortgang besproken (belasting).",
                }
            ),
            headers={
                "Referer": f"{self.host}/casussen/{case}/",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            name="/casussen/[id]/notitie/ (POST)",
        )

    @task(1)
    def agenda(self) -> None:
        self.client.get("/overleggen/", name="/overleggen/")


class Secretary(Person):
    """Prepares the case conference: the board of meetings and one meeting's agenda."""

    role = "conference_secretary"
    weight = 3
    sees_cases = False

    @task(2)
    def board(self) -> None:
        response = self.client.get("/overleggen/", name="/overleggen/")
        self.meetings = MEETING_LINK.findall(response.text or "")

    @task(3)
    def meeting(self) -> None:
        found: list[Any] = getattr(self, "meetings", [])
        if found:
            self.client.get(f"/overleggen/{random.choice(found)}/", name="/overleggen/[id]/")


class Manager(Person):
    """The figures: the dashboard, now and then the report."""

    role = "manager"
    weight = 2
    sees_cases = False

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/rapportage/", name="/rapportage/")

    @task(1)
    def report(self) -> None:
        self.client.get("/rapportage/verslag/", name="/rapportage/verslag/")


PEOPLE = (Delegate, ProcessDirector, Secretary, Manager)
