"""The only write path to cases: every function is keyword-only, `actor` first, one transaction."""

from schakel.cases.services.plan import (
    ActionInput,
    GoalInput,
    case_director_assign,
    case_informing_set,
    plan_action_update,
    plan_save,
    progress_note_add,
)
from schakel.cases.services.referral import SubjectInput, case_refer
from schakel.cases.services.transition import case_transition
from schakel.cases.services.triage import (
    case_assign_process_director,
    case_party_invite,
    case_party_remove,
    conference_prepare,
    consultation_answer,
    consultation_request,
    criteria_input,
    triage_record_criteria,
)

__all__ = [
    "ActionInput",
    "GoalInput",
    "SubjectInput",
    "case_assign_process_director",
    "case_director_assign",
    "case_informing_set",
    "case_party_invite",
    "case_party_remove",
    "case_refer",
    "case_transition",
    "conference_prepare",
    "consultation_answer",
    "consultation_request",
    "criteria_input",
    "plan_action_update",
    "plan_save",
    "progress_note_add",
    "triage_record_criteria",
]
