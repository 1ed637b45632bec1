"""Rows for the rights of the person (web /verzoeken/, API /api/v1/subject-requests, AVG
Art. 15-21): the register is the information coordinator's (Art. 14.2) and the privacy
officer's; a correction request is seen only by the party that provided the information
(Art. 12.2f), here the police.
"""

from __future__ import annotations

from typing import Any

from tests.authz.engine import Row
from tests.authz.world import World

TAIL = "away away login"  # left the covenant, never joined, anonymous
GET405 = f"405 405 405 405 405 | 405 405 405 405 405 | {TAIL}"
REGISTER = f"404 404 404 ok 404 | 404 404 404 404 ok | {TAIL}"
# Writes with an empty form: the coordinator and the officer get it back (400), others 404.
EMPTY = f"404 404 404 400 404 | 404 404 404 404 400 | {TAIL}"


def empty(world: World, variant: str) -> dict[str, Any]:
    return {}


def _write(name: str, arg: str) -> Row:
    return Row(f"rights:{name}", args=(arg,), get=GET405, post=EMPTY, body=empty)


ROWS = [
    Row("rights:list", get=REGISTER),
    Row("rights:find", get=REGISTER),
    # Everyone of a party that works on cases has a (possibly empty) list of correction tasks.
    Row("rights:tasks", get=f"ok ok ok ok ok | 404 404 404 404 404 | {TAIL}"),
    Row("rights:person", args=("subject",), get=REGISTER),
    Row("rights:export_json", args=("subject",), get=REGISTER),
    Row("rights:export_pdf", args=("subject",), get=REGISTER),
    _write("request_add", "subject"),
    _write("informing", "subject"),
    Row("rights:request", args=("subject_request",), get=REGISTER),
    _write("note", "subject_request"),
    _write("extend", "subject_request"),
    _write("decide", "subject_request"),
    _write("route", "subject_request"),
    # Only the privacy officer places a legal hold (retention); the coordinator is refused (409).
    Row(
        "rights:hold",
        args=("subject_request",),
        get=GET405,
        post=f"404 404 404 409 404 | 404 404 404 404 ok | {TAIL}",
        body=empty,
    ),
    Row(
        "rights:task",
        args=("rectification",),
        get=f"404 404 404 404 ok | 404 404 404 404 404 | {TAIL}",
        post=f"404 404 404 404 400 | 404 404 404 404 404 | {TAIL}",
        body=empty,
    ),
    Row("api:rights_requests", get=REGISTER, post=EMPTY, body=empty, post_ok=201),
    Row("api:rights_request", args=("subject_request",), get=REGISTER),
    Row("api:rights_export", args=("subject",), get=REGISTER),
]
