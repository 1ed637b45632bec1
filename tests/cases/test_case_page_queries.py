"""The case page reads a bounded number of queries, whatever the case holds (issue 9: the case
page within a small factor of its bare SQL), and derives its workflow facts from what it
loaded instead of reading them again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.cases import selectors, services
from schakel.cases.facts import case_facts, case_facts_from_view
from schakel.cases.models import Case
from tests.cases.conftest import CTX, fresh, refer

pytestmark = pytest.mark.django_db

# 22 on SQLite, 19 on PostgreSQL since issue #9 (the audit append in one round trip, the actor
# read with the user, the case's people in one query with the rest; the case's subjects on
# their own and its references by id rather than joined: core.sql); 1 to spare.
CASE_PAGE_QUERIES = 23


def _facts_agree(case: Case) -> None:
    view = selectors.case_view(case=fresh(case))
    assert case_facts_from_view(view) == case_facts(fresh(case))


def test_facts_from_the_page_equal_the_stored_facts(walker, kees, rik, house) -> None:
    case = refer(kees, house)
    _facts_agree(case)
    case = walker.to_triage(case)
    _facts_agree(case)
    case = walker.triage_done(case)
    _facts_agree(case)
    case = walker.to_conference(refer(kees, house))
    _facts_agree(case)
    case = walker.to_execution(refer(kees, house), rik)
    _facts_agree(case)
    case = walker.to_closed(refer(kees, house), rik)
    _facts_agree(case)


def _add_actions(case: Case, house, anouk, n: int) -> None:
    for i in range(n):
        services.plan_save(
            actor=actor_for(anouk),
            ctx=CTX,
            case_id=case.pk,
            expected_version=fresh(case).version,
            goals=[services.GoalInput("housing", "Een vaste woonplek.")],
            closure_criteria="Vaste woonplek.",
            reason="Bijgesteld in het overleg.",
            new_actions=[
                services.ActionInput(
                    "housing",
                    f"Actie {i}",
                    house["zwolle"].pk,
                    timezone.localdate() + timedelta(days=10 + i),
                )
            ],
        )


def test_case_page_queries_are_bounded(
    walker, kees, rik, anouk, house, login_client, django_assert_max_num_queries
) -> None:
    case = walker.to_execution(refer(kees, house), rik)
    client = login_client(anouk)
    client.get("/")  # the session and the actor are warm, as on every later page
    with django_assert_max_num_queries(CASE_PAGE_QUERIES):
        page = client.get(f"/casussen/{case.pk}/")
    assert page.status_code == 200
    with CaptureQueriesContext(connection) as few:
        client.get(f"/casussen/{case.pk}/")
    _add_actions(case, house, anouk, 5)
    with CaptureQueriesContext(connection) as many:
        body = client.get(f"/casussen/{case.pk}/").content.decode()
    assert "Actie 4" in body
    # More actions, plans, events and notes: not one query more.
    assert len(many) == len(few)
    # The people the page names (the referrer's delegate, the case director, the plan's and
    # the history's authors) come in one query, apart from the request's own user.
    named = [q["sql"] for q in many if 'FROM "accounts_user"' in q["sql"]]
    assert len([sql for sql in named if "accounts_roleassignment" not in sql]) == 1


def test_case_page_reads_each_choice_list_once(
    walker, kees, rik, anouk, house, login_client
) -> None:
    case = walker.to_execution(refer(kees, house), rik)
    client = login_client(anouk)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        body = client.get(f"/casussen/{case.pk}/").content.decode()
    party_lists = [q["sql"] for q in queries if q["sql"].startswith('SELECT "parties_party"."id"')]
    assert len(party_lists) == len(set(party_lists))
    assert house["zwolle"].name in body


def test_case_page_reads_the_parties_it_names_in_one_query(
    walker, kees, rik, anouk, house, login_client
) -> None:
    """A closed case names the most parties: the informing party, the hand-over party, the
    party owning each action and the party of each step's actor. One query reads them all
    (issue 9: two prefetches and three joins did it before)."""
    case = walker.to_closed(refer(kees, house), rik)
    assert case.informer_party_id and case.handover_party_id
    assert case.informer_party_id != case.handover_party_id
    client = login_client(anouk)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        body = client.get(f"/casussen/{case.pk}/").content.decode()
    by_id = [q["sql"] for q in queries if 'FROM "parties_party" WHERE' in q["sql"]]
    assert len(by_id) == 1
    view = selectors.case_view(case=fresh(case))
    assert view.case.informer_party.name in body
    assert view.case.handover_party.name in body
    assert {a.owning_party.name for a in view.actions} == {house["zwolle"].name}


# The editing forms on their own page: who gets which (the case in execution) -- URL x role.
FORM_PAGE = [
    ("anouk", "pd", 200),
    ("anouk", "conf", 200),
    ("anouk", "cd", 200),
    ("anouk", "inform", 200),
    ("anouk", "plan", 200),
    ("anouk", "criteria", 404),  # not in this phase
    ("anouk", "nonsense", 404),
    ("sanne", "conf", 200),
    ("sanne", "pd", 404),
    ("rik", "plan", 200),
    ("rik", "pd", 404),
    ("kees", "plan", 404),
    ("kees", "pd", 404),
    ("pieter", "pd", 404),
    ("pieter", "plan", 404),
]


@pytest.mark.parametrize(("person", "key", "status"), FORM_PAGE)
def test_form_page_matrix(
    request, walker, kees, rik, house, login_client, person, key, status
) -> None:
    case = walker.to_execution(refer(kees, house), rik)
    client = login_client(request.getfixturevalue(person))
    page = client.get(f"/casussen/{case.pk}/formulier/{key}/")
    assert page.status_code == status
    if status == 200:
        body = page.content.decode()
        assert f'id="{key}"' in body and 'method="post"' in body


def test_the_case_page_links_to_the_long_forms_and_shows_them_after_an_error(
    walker, kees, rik, anouk, house, login_client
) -> None:
    case = walker.to_execution(refer(kees, house), rik)
    client = login_client(anouk)
    body = client.get(f"/casussen/{case.pk}/").content.decode()
    assert f'href="/casussen/{case.pk}/formulier/cd/"' in body
    assert 'name="cd-case_director"' not in body
    assert 'name="note-text"' in body  # the short forms stay on the page
    form_page = client.get(f"/casussen/{case.pk}/formulier/cd/").content.decode()
    assert f'action="/casussen/{case.pk}/casusregisseur/"' in form_page
    # A bad post comes back on the case page with the form itself and its error.
    back = client.post(f"/casussen/{case.pk}/casusregisseur/", {"cd-expected_version": "x"})
    assert back.status_code == 400
    assert 'name="cd-case_director"' in back.content.decode()


@pytest.mark.parametrize("stage", ["triage", "execution"])
def test_the_case_page_builds_only_the_forms_it_renders(
    walker, kees, rik, anouk, house, login_client, monkeypatch, stage
) -> None:
    """The editing forms that open on their own page are offered (a link) but not built: a
    form deep-copies its fields and reads its choices (issue 9). Built on their own page."""
    from schakel.cases import forms as case_forms

    built: list[str] = []
    for name in (
        "CriteriaForm", "ConsultationRequestForm", "ProcessDirectorForm", "ConferenceForm",
        "CaseDirectorForm", "InformingForm", "PlanForm", "NoteForm",
    ):  # fmt: skip
        form_class = getattr(case_forms, name)
        original = form_class.__init__

        def counted(self, *args, _name=name, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            built.append(_name)
            _original(self, *args, **kwargs)

        monkeypatch.setattr(form_class, "__init__", counted)
    case = refer(kees, house)
    case = walker.to_triage(case) if stage == "triage" else walker.to_execution(case, rik)
    client = login_client(anouk)
    body = client.get(f"/casussen/{case.pk}/").content.decode()
    lazy = ["criteria", "consult"] if stage == "triage" else ["pd", "conf", "cd", "inform", "plan"]
    for key in lazy:
        assert f'href="/casussen/{case.pk}/formulier/{key}/"' in body
    expected_on_page = [] if stage == "triage" else ["NoteForm"]
    assert built == expected_on_page
    built.clear()
    assert client.get(f"/casussen/{case.pk}/formulier/{lazy[0]}/").status_code == 200
    assert built == [{"criteria": "CriteriaForm", "pd": "ProcessDirectorForm"}[lazy[0]]]


def test_only_the_hand_over_step_reads_the_parties(
    walker, kees, rik, anouk, house, login_client
) -> None:
    """Each step's form on the case page carries only its own fields: in execution (steps
    without a hand-over) the page reads no list of parties for a select it would not show;
    in closure the hand-over step still offers every party (issue 9)."""
    client = login_client(anouk)
    execution = walker.to_execution(refer(kees, house), rik)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        body = client.get(f"/casussen/{execution.pk}/").content.decode()
    assert 'id="t-' in body  # the page does offer steps
    party_lists = [q for q in queries if 'FROM "parties_party" ORDER BY' in q["sql"]]
    assert party_lists == []
    closure = walker.to_closure(refer(kees, house), rik)
    body = client.get(f"/casussen/{closure.pk}/").content.decode()
    assert 'name="t-complete_closure-handover_party"' in body
    assert f">{house['zwolle'].name}</option>" in body
