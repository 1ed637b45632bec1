"""Writes of the governance app: authorise -> validate -> change -> audit, in one transaction."""

from schakel.governance.services._common import GovernanceRefused
from schakel.governance.services.bodies import body_member_add, body_member_end
from schakel.governance.services.counting import motion_preview
from schakel.governance.services.escalations import escalation_outcome_record
from schakel.governance.services.exclusions import exclusion_propose, exclusion_step_record
from schakel.governance.services.joining import (
    join_consent_record,
    join_request_create,
    join_request_inform_parties,
    join_request_sign_annex1,
)
from schakel.governance.services.leaving import departure_record, exclusion_open
from schakel.governance.services.meetings import (
    agenda_item_add,
    attendance_set,
    meeting_create,
    meeting_document_add,
    minutes_distribute,
    minutes_save,
)
from schakel.governance.services.motions import (
    motion_create,
    motion_decide,
    motion_heard,
    motion_schedule,
    vote_cast,
    written_input_record,
)
from schakel.governance.services.plans import (
    amendment_create,
    annual_plan_save,
    annual_plan_send,
)
from schakel.governance.services.register import covenant_document_add, signature_record

__all__ = [
    "GovernanceRefused",
    "agenda_item_add",
    "amendment_create",
    "annual_plan_save",
    "annual_plan_send",
    "attendance_set",
    "body_member_add",
    "body_member_end",
    "covenant_document_add",
    "departure_record",
    "escalation_outcome_record",
    "exclusion_open",
    "exclusion_propose",
    "exclusion_step_record",
    "join_consent_record",
    "join_request_create",
    "join_request_inform_parties",
    "join_request_sign_annex1",
    "meeting_create",
    "meeting_document_add",
    "minutes_distribute",
    "minutes_save",
    "motion_create",
    "motion_decide",
    "motion_heard",
    "motion_preview",
    "motion_schedule",
    "signature_record",
    "vote_cast",
    "written_input_record",
]
