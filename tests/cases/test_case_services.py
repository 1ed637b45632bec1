"""The case services: referral, triage, the one transition service, plan, closure, locking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from schakel.accounts.selectors import actor_for
from schakel.audit.models import AuditEvent
from schakel.cases import services
from schakel.cases.errors import CaseChanged, CaseForbidden, CaseNotFound, InvalidInput
from schakel.cases.models import Case, CaseParty, PhaseTransition, Subject
from schakel.domain.target_groups import POLARISATION_REFUSAL_NL
from schakel.domain.transitions import IllegalTransition
from schakel.domain.workflow import Action, Decision, Phase
from tests.cases.conftest import CTX, criteria, fresh, refer

pytestmark = pytest.mark.django_db


def test_referral_creates_case_subjects_parties_and_audit(kees, house) -> None:
    case = refer(
        kees,
        house,
        subjects=[
            services.SubjectInput("Lisa", "Bakker", date(2009, 1, 2), "999990020", ""),
            services.SubjectInput("Tim", "Bakker", date(2012, 5, 6), "", "", "family_member"),
        ],
        involved_party_ids=[house["ggz"].pk],
    )
    assert case.number == f"ZVH-{timezone.localdate().year}-0001"
    assert case.phase == Phase.referral
    relations = set(CaseParty.objects.filter(case=case).values_list("party__slug", "relation"))
    assert relations == {("politie", "referrer"), ("gemeente-zwolle", "municipality")}
    # Mentioned as involved is a hint for triage, not access.
    assert list(case.already_involved.values_list("slug", flat=True)) == ["dimence"]
    assert Subject.objects.count() == 2
    events = AuditEvent.objects.filter(object_type="case", action="create")
    assert events.count() == 2 and all(e.subject_pseudonym for e in events)
    assert refer(kees, house).number.endswith("-0002")


@pytest.mark.parametrize(
    "bsn", ["123456789", "12345678", "abcdefghi", "000000000", "9999000１9", "99999001"]
)
def test_bsn_must_pass_the_eleven_test(kees, house, bsn) -> None:
    with pytest.raises(InvalidInput) as exc:
        refer(kees, house, subjects=[services.SubjectInput("A", "B", date(2000, 1, 1), bsn)])
    assert "subjects[0].bsn" in exc.value.errors
    assert Case.objects.count() == 0 and Subject.objects.count() == 0


def test_bsn_is_normalised(kees, house) -> None:
    case = refer(
        kees, house, subjects=[services.SubjectInput("A", "B", date(2000, 1, 1), "9999.9001.9")]
    )
    assert case.case_subjects.get().subject.bsn == "999990019"


def test_polarisation_referral_is_refused(kees, house) -> None:
    with pytest.raises(InvalidInput) as exc:
        refer(kees, house, target_group="polarisation")
    assert exc.value.errors["target_group"] == [POLARISATION_REFUSAL_NL]
    assert Case.objects.count() == 0


def test_bad_referral_lists_every_problem_and_saves_nothing(kees, house) -> None:
    with pytest.raises(InvalidInput) as exc:
        refer(
            kees,
            house,
            subjects=[services.SubjectInput(" ", "", None, "", "", "baas")],
            municipality_id=house["police"].pk,
            target_group="planeet",
            inflow="",
            reason=" ",
            goal="",
        )
    assert set(exc.value.errors) >= {
        "subjects[0].first_name",
        "subjects[0].last_name",
        "subjects[0].date_of_birth",
        "subjects[0].relation",
        "municipality",
        "target_group",
        "inflow",
        "reason",
        "goal",
    }
    assert Case.objects.count() == 0
    with pytest.raises(InvalidInput):
        refer(kees, house, subjects=[])
    future = timezone.localdate() + timedelta(days=1)
    with pytest.raises(InvalidInput):
        refer(kees, house, subjects=[services.SubjectInput("A", "B", future)])


def test_manager_and_outsider_party_cannot_refer(marloes, olaf, house) -> None:
    with pytest.raises(CaseForbidden):
        refer(marloes, house)
    with pytest.raises(CaseForbidden):  # olaf's party is no member: Art. 23
        refer(olaf, house)


def test_full_journey_with_services(walker, kees, rik, house) -> None:
    case = refer(kees, house)
    case = walker.to_closed(case, rik)
    assert case.phase == Phase.closed and case.closed_at is not None
    steps = list(PhaseTransition.objects.filter(case=case).values_list("from_phase", "to_phase"))
    assert steps == [
        ("referral", "triage"),
        ("triage", "preparation"),
        ("preparation", "case_conference"),
        ("case_conference", "mdo"),
        ("mdo", "execution"),
        ("execution", "closure"),
        ("closure", "closed"),
    ]
    assert case.process_director.username == "anouk"
    assert case.case_director == rik
    # read-only afterwards, for everyone
    with pytest.raises(CaseForbidden):
        services.progress_note_add(actor=actor_for(walker.pd), ctx=CTX, case_id=case.pk, text="x")


def test_triage_not_admitted_marks_for_deletion(walker, kees, house) -> None:
    case = walker.to_triage(refer(kees, house))
    case = walker.triage_done(case, holding=(1, 4))
    assert case.criteria_met is False
    with pytest.raises(IllegalTransition) as exc:
        walker.step(case, Action.admit, admission_table="regional")
    assert exc.value.code == "missing_fact:criteria_met"
    with pytest.raises(IllegalTransition) as exc:
        walker.step(case, Action.refuse_admission, motivation=" ")
    assert exc.value.code == "missing_fact:refusal_reason_set"
    case = walker.step(case, Action.refuse_admission, motivation="Eén keten volstaat.")
    assert case.phase == Phase.not_admitted and case.marked_for_deletion_at is not None
    assert case.refusal_reason == "Eén keten volstaat."


def test_refused_transition_changes_nothing(walker, kees, house) -> None:
    case = walker.to_triage(refer(kees, house))
    before = (case.version, case.phase, case.admission_table)
    with pytest.raises(IllegalTransition):
        walker.step(case, Action.admit, admission_table="regional")
    case = fresh(case)
    assert (case.version, case.phase, case.admission_table) == before
    assert PhaseTransition.objects.filter(case=case).count() == 1


def test_wrong_phase_and_wrong_role(walker, kees, sanne, house) -> None:
    case = refer(kees, house)
    with pytest.raises(IllegalTransition) as exc:
        walker.step(case, Action.adopt_plan)
    assert exc.value.code == "phase_not_allowed"
    with pytest.raises(IllegalTransition) as exc:
        walker.step(case, Action.start_triage, sanne)
    assert exc.value.code == "role_not_allowed"
    with pytest.raises(IllegalTransition) as exc:
        walker.step(case, Action.start_triage, kees)
    assert exc.value.code == "role_not_allowed"


def test_conference_decisions_lead_where_the_table_says(walker, kees, house) -> None:
    targets = {
        Decision.scale_down: Phase.closure,
        Decision.process_direction_elsewhere: Phase.closure,
        Decision.process_direction_house: Phase.mdo,
        Decision.isd: Phase.execution,
        Decision.zsm_advice: Phase.execution,
    }
    for decision, target in targets.items():
        case = walker.to_conference(refer(kees, house))
        with pytest.raises(IllegalTransition) as exc:
            walker.step(case, Action.record_conference_decision, decision=decision)
        assert exc.value.code == "missing_fact:decision_motivation_set"
        with pytest.raises(IllegalTransition) as exc:
            walker.step(case, Action.record_conference_decision, motivation="m")
        assert exc.value.code == "decision_required"
        case = walker.step(
            case, Action.record_conference_decision, decision=decision, motivation="Besloten."
        )
        assert case.phase == target and case.decision == decision


def test_execution_back_to_conference_and_mdo(walker, kees, rik, house) -> None:
    case = walker.to_execution(refer(kees, house), rik)
    with pytest.raises(IllegalTransition) as exc:
        walker.step(case, Action.return_to_conference)
    assert exc.value.code == "missing_fact:on_agenda"  # discussed: off the agenda
    case = walker.prepare(case)
    case = walker.step(case, Action.return_to_conference, rik)  # the case director may
    assert case.phase == Phase.case_conference and case.decision == ""
    case = walker.step(
        case, Action.record_conference_decision, decision=Decision.isd, motivation="ISD."
    )
    with pytest.raises(IllegalTransition) as exc:
        walker.step(case, Action.return_to_mdo, rik)
    assert exc.value.code == "missing_fact:adjustment_reason_set"
    case = walker.step(case, Action.return_to_mdo, rik, motivation="Twee acties te laat.")
    assert case.phase == Phase.mdo


def test_closure_needs_reason_and_handover(walker, kees, rik, house) -> None:
    case = walker.to_execution(refer(kees, house), rik)
    with pytest.raises(IllegalTransition) as exc:
        walker.step(case, Action.decide_closure)
    assert exc.value.code == "missing_fact:closure_reason_set"
    case = walker.step(case, Action.decide_closure, motivation="Doelen gehaald.")
    with pytest.raises(IllegalTransition) as exc:
        walker.step(case, Action.complete_closure)
    assert exc.value.code == "missing_fact:handover_set"
    case = walker.step(
        case,
        Action.complete_closure,
        handover_party_id=house["zwolle"].pk,
        handover_note="Sociaal team.",
    )
    assert case.phase == Phase.closed
    with pytest.raises(CaseForbidden):
        walker.step(case, Action.start_triage)


def test_optimistic_version_check(walker, kees, house, anouk) -> None:
    case = walker.to_triage(refer(kees, house))
    stale = case.version
    walker.triage_done(case)
    with pytest.raises(CaseChanged):
        services.triage_record_criteria(
            actor=actor_for(anouk),
            ctx=CTX,
            case_id=case.pk,
            expected_version=stale,
            assessments=criteria(2, 3, 4),
            referrer_consulted=False,
        )
    assert fresh(case).referrer_consulted is True  # nothing overwritten


def test_invisible_case_is_not_found_for_services(walker, kees, daan, olaf, house) -> None:
    case = refer(kees, house)
    for user in (daan, olaf):
        with pytest.raises(CaseNotFound):
            services.progress_note_add(actor=actor_for(user), ctx=CTX, case_id=case.pk, text="x")
    with pytest.raises(CaseNotFound):
        services.progress_note_add(actor=actor_for(kees), ctx=CTX, case_id=999_999, text="x")
    assert AuditEvent.objects.filter(action="denied", object_type="case").count() == 3


def test_consultation_gives_access_and_answers_are_short(walker, kees, daan, house) -> None:
    case = walker.to_triage(refer(kees, house))
    services.consultation_request(
        actor=actor_for(walker.pd),
        ctx=CTX,
        case_id=case.pk,
        expected_version=case.version,
        party_ids=[house["ggz"].pk],
    )
    with pytest.raises(InvalidInput) as exc:
        services.consultation_answer(
            actor=actor_for(daan), ctx=CTX, case_id=case.pk, answer="misschien", contact_person=""
        )
    assert "answer" in exc.value.errors
    with pytest.raises(InvalidInput) as exc:
        services.consultation_answer(
            actor=actor_for(daan), ctx=CTX, case_id=case.pk, answer="known", contact_person=""
        )
    assert "contact_person" in exc.value.errors
    answer = services.consultation_answer(
        actor=actor_for(daan),
        ctx=CTX,
        case_id=case.pk,
        answer="known",
        contact_person="J. de Groot, 038-1234567",
        note="Eerdere behandeling afgebroken.",
    )
    assert answer.answered_by.username == "daan"
    with pytest.raises(CaseForbidden):  # the police were not asked
        services.consultation_answer(
            actor=actor_for(kees), ctx=CTX, case_id=case.pk, answer="known", contact_person="x"
        )


def test_removing_a_party_ends_access_at_once(walker, kees, daan, house) -> None:
    from schakel.cases.selectors import case_get_for

    case = walker.to_triage(refer(kees, house))
    services.consultation_request(
        actor=actor_for(walker.pd),
        ctx=CTX,
        case_id=case.pk,
        expected_version=case.version,
        party_ids=[house["ggz"].pk],
    )
    assert case_get_for(actor=actor_for(daan), case_id=case.pk, ctx=CTX) is not None
    row = CaseParty.objects.get(case=case, party=house["ggz"])
    services.case_party_remove(
        actor=actor_for(walker.pd),
        ctx=CTX,
        case_id=case.pk,
        expected_version=fresh(case).version,
        case_party_id=row.pk,
    )
    assert case_get_for(actor=actor_for(daan), case_id=case.pk, ctx=CTX) is None


def test_plan_versions_keep_who_and_why(walker, kees, rik, house) -> None:
    case = walker.to_execution(refer(kees, house), rik)
    with pytest.raises(InvalidInput) as exc:
        services.plan_save(
            actor=actor_for(rik),
            ctx=CTX,
            case_id=case.pk,
            expected_version=case.version,
            goals=[services.GoalInput("housing", "Wonen")],
            closure_criteria="x",
            new_actions=[
                services.ActionInput("nergens", "", None, date(2000, 1, 1)),
            ],
        )
    assert {"reason", "actions[0].life_domain", "actions[0].description"} <= set(exc.value.errors)
    plan = services.plan_save(
        actor=actor_for(rik),
        ctx=CTX,
        case_id=case.pk,
        expected_version=case.version,
        goals=[services.GoalInput("housing", "Wonen"), services.GoalInput("health", "Zorg")],
        closure_criteria="Behandeling loopt.",
        new_actions=[
            services.ActionInput(
                "health", "Intake Tactus", house["ggz"].pk, timezone.localdate() + timedelta(14)
            )
        ],
        reason="Zorg toegevoegd na de casustafel.",
    )
    assert plan.number == 2 and plan.changed_by == rik
    assert case.plans.count() == 2 and case.actions.count() == 2


def test_action_update_by_owning_party_and_overdue(walker, kees, rik, daan, house) -> None:
    from schakel.cases.home_selectors import overdue_actions_for

    case = walker.to_execution(refer(kees, house), rik)
    action = case.actions.get()
    type(action).objects.filter(pk=action.pk).update(due_on=timezone.localdate() - timedelta(1))
    assert [a.pk for a in overdue_actions_for(actor=actor_for(rik))] == [action.pk]
    assert [a.pk for a in overdue_actions_for(actor=actor_for(walker.pd))] == [action.pk]
    with pytest.raises(CaseNotFound):  # GGZ is not involved
        services.plan_action_update(
            actor=actor_for(daan),
            ctx=CTX,
            case_id=case.pk,
            expected_version=case.version,
            action_id=action.pk,
            status="done",
        )
    with pytest.raises(InvalidInput):
        services.plan_action_update(
            actor=actor_for(rik),
            ctx=CTX,
            case_id=case.pk,
            expected_version=case.version,
            action_id=action.pk,
            status="klaar",
        )
    services.plan_action_update(
        actor=actor_for(rik),
        ctx=CTX,
        case_id=case.pk,
        expected_version=case.version,
        action_id=action.pk,
        status="done",
    )
    assert overdue_actions_for(actor=actor_for(rik)) == []


def test_my_work_looks_for_overdue_actions_only_in_open_cases_i_direct(
    walker, kees, rik, house
) -> None:
    """ "Mijn werk" shows the overdue action to its directors, and for someone who directs no
    open case it does not ask (the counts of those cases already say there is nothing)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from schakel.cases.presentation import case_home

    case = walker.to_execution(refer(kees, house), rik)
    action = case.actions.get()
    type(action).objects.filter(pk=action.pk).update(due_on=timezone.localdate() - timedelta(1))
    for director in (rik, walker.pd):
        home = case_home(actor=actor_for(director))
        assert home is not None and [a.pk for a in home["overdue"]] == [action.pk]
    with CaptureQueriesContext(connection) as queries:
        home = case_home(actor=actor_for(kees))  # referred it, directs nothing
    assert home is not None and home["overdue"] == [] and home["by_phase"] == []
    assert not [q for q in queries.captured_queries if "cases_planaction" in q["sql"]]


def test_scale_down_at_the_table_can_be_completed(walker, kees, house) -> None:
    case = walker.to_conference(refer(kees, house))
    case = walker.step(
        case,
        Action.record_conference_decision,
        decision=Decision.scale_down,
        motivation="Het huis is niet meer nodig.",
    )
    assert case.phase == Phase.closure and case.closure_reason == "Het huis is niet meer nodig."
    case = walker.step(
        case, Action.complete_closure, handover_party_id=house["zwolle"].pk, handover_note="Wijk."
    )
    assert case.phase == Phase.closed


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_people_at_once_one_wins(walker, kees, anouk, house) -> None:
    """Two threads start triage on the same version at once: the row lock serialises them,
    one wins, the other is told the case changed; one PhaseTransition row."""
    import threading

    from django.db import connection

    case = refer(kees, house)
    results: list[str] = []
    barrier = threading.Barrier(2)

    def attempt() -> None:
        try:
            barrier.wait()
            services.case_transition(
                actor=actor_for(anouk),
                ctx=CTX,
                case_id=case.pk,
                expected_version=case.version,
                action=Action.start_triage,
            )
            results.append("ok")
        except CaseChanged:
            results.append("changed")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["changed", "ok"]
    assert PhaseTransition.objects.filter(case=case).count() == 1


def test_role_refusal_on_a_visible_case_is_logged(walker, kees, sanne, house) -> None:
    case = walker.to_triage(refer(kees, house))
    with pytest.raises(CaseForbidden):
        services.triage_record_criteria(
            actor=actor_for(sanne),
            ctx=CTX,
            case_id=case.pk,
            expected_version=case.version,
            assessments=criteria(1, 3, 4),
            referrer_consulted=True,
        )
    denied = AuditEvent.objects.filter(action="denied", object_id=str(case.pk))
    assert denied.count() == 1 and denied.get().purpose == "role_not_allowed"
    assert fresh(case).version == case.version


def test_a_step_on_an_undirected_case_makes_the_actor_its_director(walker, kees, house) -> None:
    # A case can reach triage without a process director (imported, or its director left the
    # house). Process directors read only the cases they direct, so whoever takes the next step
    # directs it; otherwise admission would leave the case with no one who may carry it.
    case = walker.to_triage(refer(kees, house))
    Case.objects.filter(pk=case.pk).update(process_director=None)
    case = walker.triage_done(fresh(case), holding=(1, 2, 3, 4))
    case = walker.step(case, Action.admit, admission_table="regional")
    assert case.phase == Phase.preparation
    assert case.process_director == walker.pd
