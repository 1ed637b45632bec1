"""Rows for the case workflow (web /casussen/ and API /api/v1/cases).

Variants (the case's relation to the police, party of ``delegate``): own, involved,
not_involved (in referral, no process director yet), closed. See tests/authz/world.py.
"""

from __future__ import annotations

from typing import Any

from schakel.cases.models import Case
from tests.authz.engine import Lit, Row
from tests.authz.world import World

# Reads: the case's process director, the house-wide secretary and coordinator (Art. 14, 15)
# and the involved police (Art. 1.7, 12.2e). Another process director only on the intake queue
# (no process director yet, referral or triage; Art. 12.2a-b), otherwise break-the-glass.
# Manager, steering and core group, functional administrator and privacy officer see no case
# content (Art. 11.3e); left and outsider parties nothing at all (Art. 23).
READ = {
    "own": "ok 404 ok ok ok | 404 404 404 404 404 | away away login",
    "involved": "ok 404 ok ok ok | 404 404 404 404 404 | away away login",
    "not_involved": "ok ok ok ok 404 | 404 404 404 404 404 | away away login",
    "closed": "ok 404 ok ok ok | 404 404 404 404 404 | away away login",
}
POST_ONLY = dict.fromkeys(READ, "405 405 405 405 405 | 405 405 405 405 405 | away away login")
API_POST_ONLY = POST_ONLY
# A web write with an empty form: whoever may see the case gets the form back with errors
# (400, nothing saved); whoever may not gets 404, exactly like a missing case.
EMPTY_FORM = {v: s.replace("ok", "400") for v, s in READ.items()}
# The API validates the body before it looks the case up: 400 for every signed-in member,
# the same answer as for a missing case (so no existence oracle either).
EMPTY_JSON = dict.fromkeys(READ, "400 400 400 400 400 | 400 400 400 400 400 | away away login")
PD_FORM = {
    "own": "ok 404 404 404 404 | 404 404 404 404 404 | away away login",
    "involved": "ok 404 404 404 404 | 404 404 404 404 404 | away away login",
    "not_involved": "ok ok 404 404 404 | 404 404 404 404 404 | away away login",
    "closed": "404 404 404 404 404 | 404 404 404 404 404 | away away login",
}
# Closed and not yet admitted cases are read-only (Art. 1.12): the web app sends the user
# back to the case with the reason, the API answers 409.
NOTE = {
    "own": "ok 404 ok ok ok | 404 404 404 404 404 | away away login",
    "involved": "ok 404 ok ok ok | 404 404 404 404 404 | away away login",
    "not_involved": "back back back back 404 | 404 404 404 404 404 | away away login",
    "closed": "back 404 back back back | 404 404 404 404 404 | away away login",
}
NOTE_API = {v: s.replace("back", "409") for v, s in NOTE.items()}
# Art. 8.4d, 13: only the process director (or the case director) updates the plan's actions
# and decides on closure.
PD_ONLY = {
    "own": "ok 404 back back back | 404 404 404 404 404 | away away login",
    "involved": "ok 404 back back back | 404 404 404 404 404 | away away login",
    "not_involved": "back back back back 404 | 404 404 404 404 404 | away away login",
    "closed": "back 404 back back back | 404 404 404 404 404 | away away login",
}
# The workflow table names who may take a step (Bijlage 3): a refused step on an open case is
# an illegal transition (409, the page with the reason); a closed case is read-only.
STEP = {
    "own": "ok 404 409 409 409 | 404 404 404 404 404 | away away login",
    "involved": "ok 404 409 409 409 | 404 404 404 404 404 | away away login",
    "not_involved": "409 409 409 409 404 | 404 404 404 404 404 | away away login",
    "closed": "back 404 back back back | 404 404 404 404 404 | away away login",
}
# Art. 12.1-12.2: assigning the process director and the case director, and recording who
# informs the subject, are the process director's; the intake queue is every process
# director's. Art. 15.2: the secretary also puts a running case back on the agenda.
ASSIGN_PD = {
    "own": "ok 404 back back back | 404 404 404 404 404 | away away login",
    "involved": "ok 404 back back back | 404 404 404 404 404 | away away login",
    "not_involved": "ok ok back back 404 | 404 404 404 404 404 | away away login",
    "closed": "back 404 back back back | 404 404 404 404 404 | away away login",
}
INFORMING = ASSIGN_PD
CASE_DIRECTOR = PD_ONLY
CONFERENCE = {
    "own": "ok 404 ok back back | 404 404 404 404 404 | away away login",
    "involved": "ok 404 ok back back | 404 404 404 404 404 | away away login",
    "not_involved": "back back back back 404 | 404 404 404 404 404 | away away login",
    "closed": "back 404 back back back | 404 404 404 404 404 | away away login",
}
# The API: a role refusal on a visible case is 403, a step the phase does not allow 409.
CONFERENCE_API = {
    "own": "ok 404 ok 403 403 | 404 404 404 404 404 | away away login",
    "involved": "ok 404 ok 403 403 | 404 404 404 404 404 | away away login",
    "not_involved": "409 409 409 403 404 | 404 404 404 404 404 | away away login",
    "closed": "409 404 409 409 409 | 404 404 404 404 404 | away away login",
}
CASE_DIRECTOR_API = {
    "own": "ok 404 403 403 403 | 404 404 404 404 404 | away away login",
    "involved": "ok 404 403 403 403 | 404 404 404 404 404 | away away login",
    "not_involved": "409 409 403 403 404 | 404 404 404 404 404 | away away login",
    "closed": "409 404 409 409 409 | 404 404 404 404 404 | away away login",
}
INFORMING_API = {
    "own": "ok 404 403 403 403 | 404 404 404 404 404 | away away login",
    "involved": "ok 404 403 403 403 | 404 404 404 404 404 | away away login",
    "not_involved": "ok ok 403 403 404 | 404 404 404 404 404 | away away login",
    "closed": "409 404 409 409 409 | 404 404 404 404 404 | away away login",
}


def _version(world: World, variant: str) -> int:
    return Case.objects.only("version").get(pk=world.case[variant]).version


def note_form(world: World, variant: str) -> dict[str, Any]:
    return {"note-text": "Voortgang besproken met de casusregisseur."}


def note_json(world: World, variant: str) -> dict[str, Any]:
    return {"text": "Voortgang besproken met de casusregisseur."}


def closure_form(world: World, variant: str) -> dict[str, Any]:
    key = "t-decide_closure"
    return {
        f"{key}-action": "decide_closure",
        f"{key}-expected_version": _version(world, variant),
        f"{key}-motivation": "De doelen van het plan zijn gehaald.",
        f"{key}-closure_criteria_met": "yes",
    }


def closure_json(world: World, variant: str) -> dict[str, Any]:
    return {
        "action": "decide_closure",
        "expected_version": _version(world, variant),
        "motivation": "De doelen van het plan zijn gehaald.",
        "closure_criteria_met": True,
    }


def action_form(world: World, variant: str) -> dict[str, Any]:
    key = f"a{world.action[variant]}"
    return {f"{key}-expected_version": _version(world, variant), f"{key}-status": "done"}


def action_json(world: World, variant: str) -> dict[str, Any]:
    return {"expected_version": _version(world, variant), "status": "done"}


def pd_json(world: World, variant: str) -> dict[str, Any]:
    return {"expected_version": _version(world, variant), "username": "anouk"}


def pd_form(world: World, variant: str) -> dict[str, Any]:
    return {
        "pd-expected_version": _version(world, variant),
        "pd-process_director": world.users["anouk"].pk,
    }


def conference_form(world: World, variant: str) -> dict[str, Any]:
    return {
        "conf-expected_version": _version(world, variant),
        "conf-conference_goal": "Voortgang en bijsturing van het plan.",
        "conf-conference_date": "2027-01-11",
    }


def conference_json(world: World, variant: str) -> dict[str, Any]:
    return {
        "expected_version": _version(world, variant),
        "conference_goal": "Voortgang en bijsturing van het plan.",
        "conference_date": "2027-01-11",
        "invitations": [],
    }


def director_form(world: World, variant: str) -> dict[str, Any]:
    return {
        "cd-expected_version": _version(world, variant),
        "cd-case_director": world.users["daan"].pk,
    }


def director_json(world: World, variant: str) -> dict[str, Any]:
    return {"expected_version": _version(world, variant), "username": "daan"}


def informing_form(world: World, variant: str) -> dict[str, Any]:
    return {
        "inform-expected_version": _version(world, variant),
        "inform-informer_party": world.parties["ggz"].pk,
        "inform-inform_on": "2027-01-04",
    }


def informing_json(world: World, variant: str) -> dict[str, Any]:
    return {
        "expected_version": _version(world, variant),
        "informer_party": world.parties["ggz"].slug,
        "inform_on": "2027-01-04",
    }


def empty(world: World, variant: str) -> dict[str, Any]:
    """No valid post is small enough here: the empty one shows who gets past the gate (400)."""
    return {}


ROWS = [
    Row("cases:list", get="ok ok ok ok ok | 404 404 404 404 404 | away away login"),
    Row("cases:mine", get="ok ok ok ok ok | 404 404 404 404 404 | away away login"),
    # Art. 1.7: partner delegates refer; the house's process directors may register one too.
    Row("cases:refer", get="ok ok 404 404 ok | 404 404 404 404 404 | away away login"),
    Row("cases:detail", args=("case",), get=READ),
    # One lazy form of the case page on its own page; a form not offered to the actor in this
    # phase answers 404, as if it did not exist. Checked with the process director's form.
    Row("cases:form", args=("case", Lit("pd")), get=PD_FORM),
    Row(
        "cases:step",
        args=("case", Lit("decide_closure")),
        get=POST_ONLY,
        post=STEP,
        body=closure_form,
    ),
    Row("cases:criteria", args=("case",), get=POST_ONLY, post=EMPTY_FORM, body=empty),
    Row("cases:consult", args=("case",), get=POST_ONLY, post=EMPTY_FORM, body=empty),
    Row("cases:answer", args=("case",), get=POST_ONLY, post=EMPTY_FORM, body=empty),
    Row("cases:process_director", args=("case",), get=POST_ONLY, post=ASSIGN_PD, body=pd_form),
    Row("cases:conference", args=("case",), get=POST_ONLY, post=CONFERENCE, body=conference_form),
    Row(
        "cases:case_director", args=("case",), get=POST_ONLY, post=CASE_DIRECTOR, body=director_form
    ),
    Row("cases:informing", args=("case",), get=POST_ONLY, post=INFORMING, body=informing_form),
    Row("cases:plan", args=("case",), get=POST_ONLY, post=EMPTY_FORM, body=empty),
    Row("cases:action", args=("case", "action"), get=POST_ONLY, post=PD_ONLY, body=action_form),
    Row("cases:note", args=("case",), get=POST_ONLY, post=NOTE, body=note_form),
    # The API list is filtered by the same rule; roles without cases get an empty list.
    Row("api:cases", get="ok ok ok ok ok | ok ok ok ok ok | away away login"),
    Row(
        "api:case_refer",
        get="405 405 405 405 405 | 405 405 405 405 405 | away away login",
        post="400 400 400 400 400 | 400 400 400 400 400 | away away login",
        body=empty,
        post_ok=201,
    ),
    Row("api:case", args=("case",), get=READ),
    Row(
        "api:case_transition",
        args=("case",),
        get=API_POST_ONLY,
        post={v: s.replace("back", "409") for v, s in PD_ONLY.items()},
        body=closure_json,
        post_ok=200,
    ),
    Row(
        "api:case_criteria",
        args=("case",),
        get=API_POST_ONLY,
        post=EMPTY_JSON,
        body=empty,
        method="put",
        post_ok=200,
    ),
    Row(
        "api:case_consultations",
        args=("case",),
        get=API_POST_ONLY,
        post=EMPTY_JSON,
        body=empty,
        post_ok=201,
    ),
    Row(
        "api:case_consultation_answer",
        args=("case",),
        get=API_POST_ONLY,
        post=EMPTY_JSON,
        body=empty,
        post_ok=200,
    ),
    # Art. 12.1: a process director assigns the process director; on the intake queue any
    # process director may (the unassigned case is theirs to pick up).
    Row(
        "api:case_process_director",
        args=("case",),
        get=API_POST_ONLY,
        post={
            "own": "ok 404 403 403 403 | 404 404 404 404 404 | away away login",
            "involved": "ok 404 403 403 403 | 404 404 404 404 404 | away away login",
            # Another process director hands the intake case to anouk: done (204), and the
            # case is no longer theirs to read, so no case comes back.
            "not_involved": "ok 204 403 403 404 | 404 404 404 404 404 | away away login",
            "closed": "409 404 409 409 409 | 404 404 404 404 404 | away away login",
        },
        body=pd_json,
        method="put",
        post_ok=200,
    ),
    Row(
        "api:case_conference",
        args=("case",),
        get=API_POST_ONLY,
        post=CONFERENCE_API,
        body=conference_json,
        method="put",
        post_ok=200,
    ),
    Row(
        "api:case_director",
        args=("case",),
        get=API_POST_ONLY,
        post=CASE_DIRECTOR_API,
        body=director_json,
        method="put",
        post_ok=200,
    ),
    Row(
        "api:case_informing",
        args=("case",),
        get=API_POST_ONLY,
        post=INFORMING_API,
        body=informing_json,
        method="put",
        post_ok=200,
    ),
    Row(
        "api:case_plans",
        args=("case",),
        get=API_POST_ONLY,
        post=EMPTY_JSON,
        body=empty,
        post_ok=201,
    ),
    Row(
        "api:case_action",
        args=("case", "action"),
        get=API_POST_ONLY,
        post={
            "own": "ok 404 403 403 403 | 404 404 404 404 404 | away away login",
            "involved": "ok 404 403 403 403 | 404 404 404 404 404 | away away login",
            "not_involved": "409 409 409 409 404 | 404 404 404 404 404 | away away login",
            "closed": "409 404 409 409 409 | 404 404 404 404 404 | away away login",
        },
        body=action_json,
        method="patch",
        post_ok=200,
    ),
    Row(
        "api:case_notes",
        args=("case",),
        get=API_POST_ONLY,
        post=NOTE_API,
        body=note_json,
        post_ok=201,
    ),
]
