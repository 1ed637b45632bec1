"""The case API under /api/v1/cases: one APIView per operation, each calling one service or
selector. Errors are problem+json; an invisible case is the same 404 as a missing one; an
illegal step is 409 with the Dutch reason from the workflow table."""

from schakel.cases.api.views._base import ERRORS, CaseAPIView, run
from schakel.cases.api.views.plan import (
    CaseActionUpdateView,
    CaseInformingView,
    CaseNoteView,
    CasePlanView,
)
from schakel.cases.api.views.read import CaseDetailView, CaseListView, CaseReferView
from schakel.cases.api.views.workflow import (
    CaseConferenceView,
    CaseConsultationAnswerView,
    CaseConsultationRequestView,
    CaseCriteriaView,
    CaseDirectorView,
    CaseProcessDirectorView,
    CaseTransitionView,
)

__all__ = [
    "ERRORS",
    "CaseAPIView",
    "CaseActionUpdateView",
    "CaseConferenceView",
    "CaseConsultationAnswerView",
    "CaseConsultationRequestView",
    "CaseCriteriaView",
    "CaseDetailView",
    "CaseDirectorView",
    "CaseInformingView",
    "CaseListView",
    "CaseNoteView",
    "CasePlanView",
    "CaseProcessDirectorView",
    "CaseReferView",
    "CaseTransitionView",
    "run",
]
