"""Row selectors: a case's own rows, each read compiled once (`core.sql.compiled_once`, issue #9).

Part of the cases selectors (the only read path): not authorised here. `selectors._case_read`
decides on the case `case_with_links` returns; the case page's lists come through
`selectors.case_view`, and the item read takes its case here too (`sharing.item_rows`).
Named as the app's other selector modules (`list_selectors`, `home_selectors`).
tests/cases/test_compiled_once.py holds every one equal to the ORM's on both databases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db.models import Model, QuerySet

from schakel.cases.models import (
    ActionPlan,
    Case,
    CaseEvent,
    CaseParty,
    CaseSubject,
    Consultation,
    PhaseTransition,
    PlanAction,
    ProgressNote,
    Subject,
    TriageAssessment,
)
from schakel.core.sql import compiled_once, keep_prefetched

M = TypeVar("M", bound=Model)


# The case and its involvements and subjects, each compiled once (`core.sql.compiled_once`):
# joined and prefetched they spent ~3 ms compiling on every case page and case read, for
# well under a millisecond of running (issue #9). The case's parties and people by id come
# with the page's other names (`_attach_users`, `_attach_parties`), so nothing is joined.
@compiled_once
def _case_by_id(case_id: int) -> QuerySet[Case]:
    return Case.objects.filter(pk=case_id)


def _of_case(
    model: type[M], *, order_by: tuple[str, ...] = (), limit: int | None = None
) -> Callable[[int], list[M]]:
    """`model`'s rows of one case, in the model's own order unless `order_by`, compiled once."""

    def build(case_id: int) -> QuerySet[M]:
        rows = model._default_manager.filter(case_id=case_id)
        if order_by:
            rows = rows.order_by(*order_by)
        return rows[:limit] if limit else rows

    build.__qualname__ = f"{model.__name__} rows of a case"
    return compiled_once(build)


_involvements_of = _of_case(CaseParty)
_subject_links_of = _of_case(CaseSubject)


@compiled_once
def _subjects_of(case_id: int) -> QuerySet[Subject]:
    return Subject.objects.filter(case_links__case_id=case_id)


def case_with_links(case_id: int, *, people: bool = True) -> Case | None:
    """The case, its `parties` and `case_subjects` kept as `prefetch_related` keeps them; with
    `people`, each link's subject too. Not authorised: for the selectors that decide next."""
    found = _case_by_id(case_id)
    if not found:
        return None
    case = found[0]
    links = _subject_links_of(case_id)
    if people:
        subjects = {subject.pk: subject for subject in _subjects_of(case_id)}
        for link in links:
            CaseSubject.subject.field.set_cached_value(link, subjects[link.subject_id])
    keep_prefetched(case, "parties", _involvements_of(case_id))
    keep_prefetched(case, "case_subjects", links)
    return case


# A case's own lists, in their models' order, each compiled once (`core.sql.compiled_once`:
# seven small reads on every case page spent ~0.4 ms compiling each for ~0.1 ms of running).
plans_of = _of_case(ActionPlan)
consultations_of = _of_case(Consultation)
actions_of = _of_case(PlanAction)
notes_of = _of_case(ProgressNote)
transitions_of = _of_case(PhaseTransition)
events_of = _of_case(CaseEvent, limit=200)  # the timeline: the newest 200
assessments_of = _of_case(TriageAssessment, order_by=("id",))  # the model has no order
