"""Cases: the subjects, the parties involved, triage, the plan of action and the history.

Reads go through `selectors.py`, writes through `services/` (ARCHITECTURE rules 2 and 3).
Nothing here decides anything: no logic in save(), no signals.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from schakel.domain.criteria import CRITERIA, CriterionCode
from schakel.domain.target_groups import (
    INFLOW_LABELS_NL,
    TARGET_GROUP_LABELS_NL,
    Inflow,
    TargetGroup,
)
from schakel.domain.workflow import (
    ACTION_LABELS_NL,
    DECISION_LABELS_NL,
    FINAL_PHASES,
    PHASE_LABELS_NL,
    Action,
    Decision,
    Phase,
)
from schakel.parties.models import Party


def _choices(enum: type[StrEnum], labels: Mapping[Any, str] | None = None) -> list[tuple[str, str]]:
    return [(member.value, (labels or {}).get(member, member.value)) for member in enum]


class ConferenceTable(models.TextChoices):
    """The tables a case can be admitted to (Bijlage 3, Fase 1: "op welke casustafel")."""

    regional = "regional", _("Regional case conference")
    youth = "youth", _("Youth case conference")
    mental_health = "mental_health", _("Mental health and safety case conference")


# In a fixed order: the partial indexes below and the queries they serve must say the same.
FINAL_PHASE_VALUES = sorted(p.value for p in FINAL_PHASES)


class Case(models.Model):
    number = models.CharField(max_length=20, unique=True)  # ZVH-2026-0001
    phase = models.CharField(
        max_length=20, choices=_choices(Phase, PHASE_LABELS_NL), default=Phase.referral.value
    )
    target_group = models.CharField(
        max_length=30, choices=_choices(TargetGroup, TARGET_GROUP_LABELS_NL)
    )
    inflow = models.CharField(max_length=20, choices=_choices(Inflow, INFLOW_LABELS_NL))
    municipality = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    referring_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    goal = models.TextField()
    # Parties the referrer says are already involved: a hint for triage, NOT access. They see
    # the case only once the process director consults them (Art. 1.8).
    already_involved = models.ManyToManyField(Party, related_name="+", blank=True)
    # Fase 1: triage
    referrer_consulted = models.BooleanField(default=False)  # Art. 12.2a
    criteria_met = models.BooleanField(null=True)
    criteria_explanation = models.TextField(blank=True)
    admission_table = models.CharField(max_length=20, blank=True, choices=ConferenceTable.choices)
    refusal_reason = models.TextField(blank=True)
    # Fase 2 and 3
    conference_goal = models.TextField(blank=True)  # Art. 12.2c
    conference_date = models.DateField(null=True, blank=True)  # on an agenda (Art. 12.2d)
    decision = models.CharField(
        max_length=40, blank=True, choices=_choices(Decision, DECISION_LABELS_NL)
    )
    decision_motivation = models.TextField(blank=True)
    # Fase 4: directors and informing the subject
    process_director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    case_director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    informer_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    inform_on = models.DateField(null=True, blank=True)
    inform_postponed_reason = models.TextField(blank=True)
    # Fase 5: closure
    closure_reason = models.TextField(blank=True)
    # Art. 8.4d / 11.3e: were the closure criteria met? Feeds "cases successfully completed".
    closure_criteria_met = models.BooleanField(null=True, blank=True)
    handover_party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    handover_note = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)  # starts the retention clock
    marked_for_deletion_at = models.DateTimeField(null=True, blank=True)
    # Optimistic locking: every change bumps it; an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["-updated_at", "-id"], name="case_keyset"),
            models.Index(fields=["phase", "-updated_at", "-id"], name="case_phase"),
            models.Index(fields=["municipality", "-updated_at"], name="case_municipality"),
            models.Index(fields=["referring_party", "-updated_at"], name="case_referrer"),
            models.Index(fields=["process_director", "-updated_at"], name="case_pd"),
            models.Index(fields=["case_director", "-updated_at"], name="case_cd"),
            models.Index(fields=["target_group", "-updated_at"], name="case_target_group"),
            # "Mijn werk": the open cases of one director (home_selectors._my_open_cases).
            models.Index(
                fields=["process_director", "phase"],
                condition=~models.Q(phase__in=FINAL_PHASE_VALUES),
                name="case_pd_open",
            ),
            models.Index(
                fields=["case_director", "phase"],
                condition=~models.Q(phase__in=FINAL_PHASE_VALUES),
                name="case_cd_open",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class CaseRelationKind(models.TextChoices):
    referrer = "referrer", _("Referring party")
    municipality = "municipality", _("Municipality")
    consulted = "consulted", _("Consulted party")
    invited = "invited", _("Invited party")
    case_director = "case_director", _("Party of the case director")


class CaseParty(models.Model):
    """A party's involvement in a case; ending it (removed_at) ends the party's access at once."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    relation = models.CharField(max_length=20, choices=CaseRelationKind.choices)
    justification = models.TextField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["party", "case"], name="caseparty_party_case"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "party", "relation"],
                condition=models.Q(removed_at__isnull=True),
                name="caseparty_active_once",
            )
        ]

    def __str__(self) -> str:
        return f"CaseParty {self.pk}"


class Subject(models.Model):
    """A Betrokkene: the natural person a case is about."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=150)
    date_of_birth = models.DateField()
    bsn = models.CharField(max_length=9, blank=True)  # eleven-test checked; '' when unknown
    address = models.CharField(max_length=300, blank=True)

    class Meta:
        # Search is case-insensitive (last_name__iexact -> UPPER(last_name)): index that
        # expression, or PostgreSQL scans every subject (measured: 5.7 ms -> 0.22 ms at 60k).
        indexes = [models.Index(Upper("last_name"), "date_of_birth", name="subject_upper_name_dob")]

    def __str__(self) -> str:
        return f"Subject {self.pk}"


class SubjectRelation(models.TextChoices):
    subject = "subject", _("Subject")
    family_member = "family_member", _("Family member")


class CaseSubject(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_subjects")
    # Indexed below with the case: a search by name goes subject -> link -> case.
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="case_links", db_index=False
    )
    relation = models.CharField(max_length=20, choices=SubjectRelation.choices)

    class Meta:
        ordering = ["id"]
        indexes = [
            # Covers the subject -> case step of a search by name: a common last name finds
            # ~7,000 subjects at 1,000,000 cases, each looked up here; with the case id in the
            # index the step reads no table rows (issue #9).
            models.Index(fields=["subject", "case"], name="casesubject_subject_case"),
        ]

    def __str__(self) -> str:
        return f"CaseSubject {self.pk}"


class SearchKey(models.Model):
    """A delegate's search by last name, worked out ahead: one row per party involved in a case
    now and upper-cased last name of one of the case's subjects (issue #9: a common name finds
    ~7,000 cases at 1,000,000, each checked for the party's involvement; this is one index range).
    Rebuilt per case by the services that change involvements or subjects
    (`services.search_keys`). It answers a delegate's search, it never grants: the list still
    applies the policy. A copy of a name, so it goes with the subjects (retention's shell, then
    identity)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+", db_index=False)
    name = models.CharField(max_length=150)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["party", "name", "case"], name="searchkey_once")
        ]

    def __str__(self) -> str:
        return f"SearchKey {self.pk}"


class TriageAssessment(models.Model):
    """One complex-case criterion of Bijlage 2, judged with a motivation."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.CharField(
        max_length=30,
        choices=_choices(CriterionCode, {c.code: f"{c.number}. {c.short_nl}" for c in CRITERIA}),
    )
    holds = models.BooleanField()
    motivation = models.TextField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "criterion"], name="assessment_once")
        ]

    def __str__(self) -> str:
        return f"TriageAssessment {self.pk}"


class ConsultationAnswer(models.TextChoices):
    unanswered = "unanswered", _("Not answered yet")
    known = "known", _("Known")
    not_known = "not_known", _("Not known")


class Consultation(models.Model):
    """Triage: a party asked whether it knows the subject (Art. 1.8). Nothing more at this stage."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consultations")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(
        max_length=20, choices=ConsultationAnswer.choices, default=ConsultationAnswer.unanswered
    )
    contact_person = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=500, blank=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField()
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    answered_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="consultation_once")]

    def __str__(self) -> str:
        return f"Consultation {self.pk}"


class ActionPlan(models.Model):
    """One version of the plan of action (Art. 8.4); a revision adds a version, never edits one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    number = models.PositiveIntegerField()
    goals = models.JSONField(default=list)  # [{"life_domain": ..., "goal": ...}]
    closure_criteria = models.TextField()  # Art. 8.4d
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="plan_version")]

    def __str__(self) -> str:
        return f"ActionPlan {self.pk}"


class LifeDomain(models.TextChoices):
    housing = "housing", _("Housing")
    finances = "finances", _("Finances")
    health = "health", _("Health and addiction")
    justice = "justice", _("Justice")
    family = "family", _("Family and social network")
    daytime = "daytime", _("Work, school and daytime activities")
    safety = "safety", _("Safety")


class ActionStatus(models.TextChoices):
    open = "open", _("Open")
    in_progress = "in_progress", _("In progress")
    done = "done", _("Done")
    cancelled = "cancelled", _("Cancelled")


class PlanAction(models.Model):
    """An action of the plan; kept across versions (the plan version it was added in)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    added_in = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="added")
    life_domain = models.CharField(max_length=20, choices=LifeDomain.choices)
    description = models.CharField(max_length=500)
    owning_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default="open")
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="action_due")]

    def __str__(self) -> str:
        return f"PlanAction {self.pk}"


class ProgressNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["-written_at", "-id"]

    def __str__(self) -> str:
        return f"ProgressNote {self.pk}"


class PhaseTransition(models.Model):
    """Every phase change: who, when, from, to, the decision and the motivation (rule 3)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=40, choices=_choices(Action, ACTION_LABELS_NL))
    from_phase = models.CharField(max_length=20, choices=_choices(Phase, PHASE_LABELS_NL))
    to_phase = models.CharField(max_length=20, choices=_choices(Phase, PHASE_LABELS_NL))
    decision = models.CharField(
        max_length=40, blank=True, choices=_choices(Decision, DECISION_LABELS_NL)
    )
    motivation = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"PhaseTransition {self.pk}"


class CaseEvent(models.Model):
    """The timeline of a case: one row per thing that happened (a phase change too)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    detail = models.CharField(max_length=300, blank=True)  # e.g. the phase or the party
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"CaseEvent {self.pk}"


class CaseNumberCounter(models.Model):
    """Per-year counter for case numbers; the row is locked when a number is handed out."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"CaseNumberCounter {self.pk}"
