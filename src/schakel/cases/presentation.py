"""Dutch labels for the case screens: phases, groups, and the timeline's sentences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schakel.cases.home_selectors import (
    open_consultations_for,
    overdue_actions_for,
    phase_counts_for,
    referrals_to_triage,
)
from schakel.cases.list_selectors import CaseSummary
from schakel.cases.models import ActionStatus, Case
from schakel.cases.selectors import CaseView
from schakel.core.escape import esc
from schakel.core.links import id_path, page_path
from schakel.domain.actor import Actor
from schakel.domain.policy import may_see_cases_at_all
from schakel.domain.roles import Role
from schakel.domain.target_groups import (
    INFLOW_LABELS_NL,
    TARGET_GROUP_LABELS_NL,
    Inflow,
    TargetGroup,
)
from schakel.domain.workflow import DECISION_LABELS_NL, PHASE_LABELS_NL, Decision, Phase


def case_navigation(actor: Actor) -> list[dict[str, Any]]:
    """The shell's menu items for cases (the labels live in this app's catalogue)."""
    items: list[dict[str, Any]] = []
    if may_see_cases_at_all(actor):
        items.append({"label": _("Cases"), "url": page_path("cases:list")})
    if actor.party_active and actor.has(Role.partner_delegate):
        items.append({"label": _("New referral"), "url": page_path("cases:refer")})
    return items


def case_labels(case: Case) -> dict[str, str]:
    return {
        "phase": PHASE_LABELS_NL[Phase(case.phase)],
        "target_group": TARGET_GROUP_LABELS_NL[TargetGroup(case.target_group)],
        "inflow": INFLOW_LABELS_NL[Inflow(case.inflow)],
        "decision": DECISION_LABELS_NL[Decision(case.decision)] if case.decision else "",
    }


@dataclass(frozen=True)
class Moment:
    at: datetime
    who: str
    text: str


# What each kind of case event says, translated when shown (a page shows a few events; making
# the whole table each time cost twenty `gettext` calls per event, issue #9).
_EVENT_TEXTS = {
    "referred": gettext_lazy("Case referred."),
    "consulted": gettext_lazy("Parties consulted: %(detail)s."),
    "answered": gettext_lazy("Consultation answered by %(detail)s."),
    "process_director": gettext_lazy("Process director assigned: %(detail)s."),
    "prepared": gettext_lazy("Conference prepared for %(detail)s."),
    "party_removed": gettext_lazy("Involvement ended: %(detail)s."),
    "invited": gettext_lazy("Party invited: %(detail)s."),
    "case_director": gettext_lazy("Case director assigned: %(detail)s."),
    "informing": gettext_lazy("Informing the subject recorded (%(detail)s)."),
    "plan": gettext_lazy("Plan of action version %(detail)s saved."),
    "action": gettext_lazy("Action updated: %(detail)s."),
    "note": gettext_lazy("Progress note added."),
    "item_added": gettext_lazy("Information added by %(detail)s."),
    "release_proposed": gettext_lazy("Proposed to share information with %(detail)s."),
    "release_approved": gettext_lazy("The providing party released information to %(detail)s."),
    "release_refused": gettext_lazy(
        "The providing party refused to share information with %(detail)s."
    ),
    "release_withdrawn": gettext_lazy("The providing party withdrew information from %(detail)s."),
    "consent_recorded": gettext_lazy("Written consent recorded to pass information to %(detail)s."),
}


def _event_text(kind: str, detail: str) -> str:
    if kind == "transition" and ">" in detail:
        source, target = detail.split(">", 1)
        return _("Phase changed from %(source)s to %(target)s.") % {
            "source": PHASE_LABELS_NL.get(Phase(source), source),
            "target": PHASE_LABELS_NL.get(Phase(target), target),
        }
    if kind == "action" and "|" in detail:
        status, description = detail.split("|", 1)
        label = ActionStatus(status).label if status in ActionStatus.values else status
        return _("Action “%(action)s”: %(status)s.") % {"action": description, "status": label}
    if kind == "criteria":
        return (
            _("Criteria of Bijlage 2 assessed: met.")
            if detail == "met"
            else _("Criteria of Bijlage 2 assessed: not met.")
        )
    text = str(_EVENT_TEXTS.get(kind, kind))  # only this one label is translated
    return text % {"detail": detail} if "%(detail)s" in text else text


def timeline(view: CaseView) -> list[Moment]:
    """Everything that happened to the case, newest first."""
    return [
        Moment(e.occurred_at, e.actor.get_full_name(), _event_text(e.kind, e.detail))
        for e in view.events
    ]


def case_home(*, actor: Actor) -> dict[str, Any] | None:
    """The case sections of "Mijn werk": my cases by phase, referrals to triage, overdue
    actions, triage questions to my party. None when the actor works on no cases."""
    if not may_see_cases_at_all(actor):
        return None
    counts = phase_counts_for(actor=actor)
    return {
        "by_phase": [
            (phase.value, PHASE_LABELS_NL[phase], counts[phase.value])
            for phase in Phase
            if counts.get(phase.value)
        ],
        "to_triage": referrals_to_triage(actor=actor),
        # Overdue actions lie in the same open cases the counts count (`_my_open_cases`): with
        # none, there are none to look for. Most delegates direct no case, and PostgreSQL
        # planned that statement ~1.5 ms for 0.05 ms of work (issue #9, pg_stat_statements).
        "overdue": overdue_actions_for(actor=actor) if counts else [],
        "questions": open_consultations_for(actor=actor),
    }


def _cell(html: str) -> str:
    return f'<td class="utrecht-table__cell">{html}</td>'


def _list_row(case: CaseSummary) -> str:
    subjects = "<br>".join(
        f"{esc(s.first_name)} {esc(s.last_name)} ({s.date_of_birth:%d-%m-%Y})"
        for s in case.subjects
    )
    link = id_path("cases:detail", case.id)
    director = case.process_director.full_name if case.process_director else "—"
    return (
        '<tr class="utrecht-table__row">'
        + _cell(f'<a class="utrecht-link utrecht-link--html-a" href="{esc(link)}">'
                f"{esc(case.number)}</a>")
        + _cell(subjects)
        + _cell(esc(PHASE_LABELS_NL[Phase(case.phase)]))
        + _cell(esc(TARGET_GROUP_LABELS_NL[TargetGroup(case.target_group)]))
        + _cell(esc(case.municipality.name))
        + _cell(esc(case.referring_party.name))
        + _cell(esc(director))
        + _cell(f"{timezone.localtime(case.updated_at):%d-%m-%Y %H:%M}")
        + "</tr>"
    )  # fmt: skip


def case_list_rows(cases: Iterable[CaseSummary]) -> list[SafeString]:
    """Each line of the case list as one escaped `<tr>`: the case's number (a link), its
    subjects (one per line), phase, target group, municipality, referrer, process director
    and when it changed ("d-m-Y H:i", the house's time zone). Rendered node by node, the 25
    rows were ~450 template nodes, most of the list's template time (issue #9); `esc`
    escapes every value as the template would (`format_html` took 3 µs a value to do so)."""
    return [mark_safe(_list_row(case)) for case in cases]  # noqa: S308 (escaped by esc)


def select_options(
    pairs: Iterable[tuple[Any, str]], chosen: str | None
) -> list[tuple[str, str, bool]]:
    """(value, label, selected) for a filter's <select>, compared as the query string has it."""
    return [(str(value), str(label), str(value) == chosen) for value, label in pairs]
