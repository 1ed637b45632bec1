"""About forty fictional cases for the demo house, spread over every phase, target group and
municipality (shapes from shared/design/SCENARIOS.md).

Every case is made THROUGH the services, by the demo people in their real roles, so the
history, the timeline and the audit log are real. Names are invented; BSNs come from the 9999
test range (`domain.bsn.demo_bsn`), which is never issued to people. Idempotent: a case whose
first subject's demo BSN already exists is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from schakel.accounts.models import User
from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases import services
from schakel.cases.models import Case, Subject
from schakel.domain.actor import Actor
from schakel.domain.bsn import demo_bsn
from schakel.domain.criteria import CRITERIA
from schakel.domain.target_groups import TargetGroup
from schakel.domain.workflow import Action, Decision, Phase
from schakel.parties.models import Party

FIRST = ["Jeroen", "Sem", "Lisa", "Mohamed", "Bas", "Fleur", "Kevin", "Sanne", "Dennis", "Iris"]
FIRST += ["Tom", "Noah", "Yara", "Rik", "Esra", "Mike", "Joyce", "Stefan", "Naima", "Wouter"]
LAST = ["de Vries", "Bakker", "Mulder", "el Amrani", "Kok", "Jacobs", "Schouten", "Postma"]
LAST += ["Hendriks", "Smit", "van Dam", "Kuipers", "Yilmaz", "Bos", "Veenstra", "Gerritsen"]
MUNICIPALITIES = [
    "zwolle",
    "deventer",
    "kampen",
    "hardenberg",
    "raalte",
    "dalfsen",
    "ommen",
    "olst-wijhe",
    "staphorst",
    "steenwijkerland",
    "zwartewaterland",
]
REFERRERS = ["politie", "reclassering", "ggz", "om", "zwolle", "veiligthuis", "jbo", "tactus"]
GROUPS = [
    TargetGroup.prolific_offenders,
    TargetGroup.top_x,
    TargetGroup.youth_at_risk,
    TargetGroup.complex_mental_health,
]
REASONS = {
    TargetGroup.prolific_offenders: "Herhaaldelijk winkeldiefstal en overlast; verslaafd, geen "
    "vaste woon- of verblijfplaats.",
    TargetGroup.top_x: "Veel politiecontacten in korte tijd; ernstige overlast in de wijk; "
    "eerdere zorg geweigerd.",
    TargetGroup.youth_at_risk: "Schoolverzuim, signalen van uitbuiting door een oudere vriend; "
    "zorgen over broer of zus.",
    TargetGroup.complex_mental_health: "Verward gedrag, bedreiging van buren; zorg is afgebroken.",
}
GOALS = {
    TargetGroup.prolific_offenders: "Samenhangende aanpak van verslaving, wonen en schulden.",
    TargetGroup.top_x: "Overlast stoppen met een gezamenlijke aanpak van straf en zorg.",
    TargetGroup.youth_at_risk: "Veiligheid van de jongere en het gezin herstellen.",
    TargetGroup.complex_mental_health: "Zorg en veiligheid samen organiseren.",
}
# How far each demo case goes; 40 in total.
_PLAN: tuple[tuple[int, Phase, Decision | None], ...] = (
    (5, Phase.referral, None),
    (5, Phase.triage, None),
    (3, Phase.not_admitted, None),
    (5, Phase.preparation, None),
    (4, Phase.case_conference, None),
    (4, Phase.mdo, None),
    (5, Phase.execution, Decision.process_direction_house),
    (2, Phase.execution, Decision.isd),
    (1, Phase.execution, Decision.zsm_advice),
    (2, Phase.closure, Decision.process_direction_elsewhere),
    (1, Phase.closed, Decision.scale_down),
    (3, Phase.closed, Decision.process_direction_house),
)
TARGETS: list[tuple[Phase, Decision | None]] = [
    (phase, decision) for count, phase, decision in _PLAN for _ in range(count)
]
DIRECTORS = ["reclassering", "ggz", "jbo", "tactus"]


@dataclass
class _Cast:
    users: dict[str, User]
    parties: dict[str, Party]
    ctx: AuditContext

    def actor(self, username: str) -> Actor:
        return actor_for(self.users[username])


def _version(case: Case) -> int:
    return Case.objects.values_list("version", flat=True).get(pk=case.pk)


def _step(cast: _Cast, case: Case, who: str, action: Action, **kw: object) -> None:
    services.case_transition(
        actor=cast.actor(who),
        ctx=cast.ctx,
        case_id=case.pk,
        expected_version=_version(case),
        action=action,
        **kw,  # type: ignore[arg-type]
    )


def _build(cast: _Cast, n: int, target: Phase, decision: Decision | None) -> Case:
    group = GROUPS[n % len(GROUPS)]
    municipality = cast.parties[f"gemeente-{MUNICIPALITIES[n % len(MUNICIPALITIES)]}"]
    referrer = REFERRERS[n % len(REFERRERS)]
    pd = "procesregisseur" if n % 3 else "procesregisseur2"
    today = timezone.localdate()
    subjects = [
        services.SubjectInput(
            first_name=FIRST[n % len(FIRST)],
            last_name=LAST[(n * 7) % len(LAST)],
            date_of_birth=date(1975 + (n * 3) % 30, 1 + n % 12, 1 + (n * 5) % 28),
            bsn=demo_bsn(n * 3),
            address=f"Voorbeeldstraat {n + 1}, {municipality.name.removeprefix('Gemeente ')}",
        )
    ]
    if group == TargetGroup.youth_at_risk:
        subjects[0] = services.SubjectInput(
            subjects[0].first_name,
            subjects[0].last_name,
            date(today.year - 16, 1 + n % 12, 3),
            subjects[0].bsn,
            subjects[0].address,
        )
        subjects.append(
            services.SubjectInput(
                "Daan" if n % 2 else "Mila",
                subjects[0].last_name,
                date(today.year - 13, 5, 9),
                demo_bsn(n * 3 + 1),
                subjects[0].address,
                "family_member",
            )
        )
    case = services.case_refer(
        actor=cast.actor(referrer),
        ctx=cast.ctx,
        subjects=subjects,
        municipality_id=municipality.pk,
        target_group=group,
        inflow=["zsm", "upscaling", "prevention"][n % 3],
        reason=REASONS[group],
        goal=GOALS[group],
        involved_party_ids=[cast.parties["tactus"].pk] if n % 2 else [],
    )
    if target == Phase.referral:
        return case
    _step(cast, case, pd, Action.start_triage)
    services.consultation_request(
        actor=cast.actor(pd),
        ctx=cast.ctx,
        case_id=case.pk,
        expected_version=_version(case),
        party_ids=[cast.parties["tactus"].pk, cast.parties["dimence"].pk],
    )
    if n % 2:
        services.consultation_answer(
            actor=cast.actor("tactus"),
            ctx=cast.ctx,
            case_id=case.pk,
            answer="known",
            contact_person="E. Peters, 0570-123456",
            note="Eerdere behandeling afgebroken.",
        )
    if target == Phase.triage:
        return case
    admitted = target != Phase.not_admitted
    services.triage_record_criteria(
        actor=cast.actor(pd),
        ctx=cast.ctx,
        case_id=case.pk,
        expected_version=_version(case),
        assessments=services.criteria_input(
            [
                (
                    c.code.value,
                    admitted or c.number != 3,
                    f"Criterium {c.number}: "
                    + (
                        "beoordeeld op basis van de bevraging."
                        if admitted or c.number != 3
                        else "één keten (zorg, met de crisisroute van de gemeente) kan dit aan."
                    ),
                )
                for c in CRITERIA
            ]
        ),
        referrer_consulted=True,
    )
    if not admitted:
        _step(
            cast,
            case,
            pd,
            Action.refuse_admission,
            motivation="Niet toegelaten: criterium 3 is niet vervuld. Advies: de crisisroute "
            "van de gemeente en de GGZ.",
        )
        return case
    _step(cast, case, pd, Action.admit, admission_table="regional")
    if target == Phase.preparation:
        return case
    invited = cast.parties["reclassering-nederland"]
    services.conference_prepare(
        actor=cast.actor("secretaris"),
        ctx=cast.ctx,
        case_id=case.pk,
        expected_version=_version(case),
        conference_goal="Richting van de aanpak bepalen en de procesregie beleggen.",
        conference_date=today + timedelta(days=3 + n % 10),
        invitations=[(invited.pk, "Reclassering houdt toezicht en is direct betrokken.")],
    )
    _step(cast, case, "secretaris", Action.schedule_conference)
    if target == Phase.case_conference:
        return case
    _step(
        cast,
        case,
        "secretaris",
        Action.record_conference_decision,
        decision=decision or Decision.process_direction_house,
        motivation="Besluit van de Regionale Casustafel na bespreking.",
    )
    if decision in (Decision.isd, Decision.zsm_advice):
        return case  # the house monitors at the table (execution)
    if decision in (Decision.process_direction_elsewhere, Decision.scale_down):
        if target == Phase.closed:
            _close(cast, case, pd, municipality)
        return case
    director = DIRECTORS[n % len(DIRECTORS)]
    services.case_director_assign(
        actor=cast.actor(pd),
        ctx=cast.ctx,
        case_id=case.pk,
        expected_version=_version(case),
        user_id=cast.users[director].pk,
    )
    services.case_informing_set(
        actor=cast.actor(pd),
        ctx=cast.ctx,
        case_id=case.pk,
        expected_version=_version(case),
        informer_party_id=cast.users[director].party_id,
        inform_on=None if n % 4 == 0 else today + timedelta(days=5),
        postponed_reason="Lopend opsporingsonderzoek van de politie." if n % 4 == 0 else "",
    )
    services.plan_save(
        actor=cast.actor(pd),
        ctx=cast.ctx,
        case_id=case.pk,
        expected_version=_version(case),
        goals=[
            services.GoalInput("housing", "Een vaste woonplek."),
            services.GoalInput("health", "Behandeling gestart en volgehouden."),
        ],
        closure_criteria="Vaste woonplek, behandeling loopt drie maanden, geen nieuwe delicten.",
        new_actions=[
            services.ActionInput(
                "health", "Intake bij Tactus", cast.parties["tactus"].pk, today + timedelta(14)
            ),
            services.ActionInput(
                "housing", "Woonplek via de gemeente", municipality.pk, today + timedelta(42)
            ),
            services.ActionInput(
                "finances", "Schuldhulp herstarten", municipality.pk, today + timedelta(28)
            ),
        ],
    )
    if target == Phase.mdo:
        return case
    _step(cast, case, pd, Action.adopt_plan)
    services.progress_note_add(
        actor=cast.actor(director),
        ctx=cast.ctx,
        case_id=case.pk,
        text="Eerste gesprek gevoerd; betrokkene werkt mee aan de intake.",
    )
    if target == Phase.execution:
        return case
    _close(cast, case, pd, municipality)
    return case


def _close(cast: _Cast, case: Case, pd: str, municipality: Party) -> None:
    if Case.objects.values_list("phase", flat=True).get(pk=case.pk) == Phase.execution:
        _step(
            cast,
            case,
            pd,
            Action.decide_closure,
            motivation="De criteria voor afschaling zijn gehaald.",
        )
    _step(
        cast,
        case,
        pd,
        Action.complete_closure,
        handover_party_id=municipality.pk,
        handover_note="Overdracht aan het sociaal team van de gemeente.",
    )


def load_demo_cases(*, users: dict[str, User], parties: dict[str, Party]) -> int:
    """Create the demo cases that do not exist yet; returns how many were created."""
    cast = _Cast(users=users, parties=parties, ctx=AuditContext.system())
    created = 0
    for n, (target, decision) in enumerate(TARGETS):
        if Subject.objects.filter(bsn=demo_bsn(n * 3)).exists():
            continue
        _build(cast, n, target, decision)
        created += 1
    return created
