"""The access export (inzage, AVG Art. 15) for one person: everything the house holds on them
across all cases, grouped per providing party, with who accessed it and when.

What it holds, and why (docs/rights.md):

* the person's identity as recorded in each case, and per case its number, phase, the
  person's relation, the case texts, the latest plan of action, the answers of consulted
  parties, progress notes, and every information item (decrypted) grouped per providing party
  with its regime and date, withdrawn ones marked, because the house still holds them;
* each item's attachments (decrypted name, type, size, date, uploading party; in the JSON
  also the decrypted file as base64) and the minutes of every case conference or MDO agenda
  item about the person's cases (date, kind, goal, minutes text, decision), because both are
  data the house holds on the person (AVG Art. 15.3: a copy of the data);
* every access-log event carrying one of the person's pseudonyms (who, which party and role,
  what, when, on which ground), from the same audit events the privacy officer's access log
  reads (`sharing` `/informatie/toegangslog/`);
* the person's own requests and whether they were informed.

Nothing of other people (AVG Art. 15.4: the right of access must not harm others): the other
subjects of a shared case appear only as "andere betrokkene" with their relation, never with a
name, date of birth, BSN or address; and wherever free text names them (full name, first or
last name when it is not also the person's own, BSN, date of birth, address), that text is
replaced by "[andere betrokkene]". Staff names stay: who accessed the data is part of the
answer. Free text can still describe another person without naming them; the information
coordinator reads the export before sending it (the PDF says so).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.models import User
from schakel.audit import record as audit
from schakel.audit.record import AuditContext, subject_pseudonym
from schakel.audit.selectors import audit_events_for_pseudonyms
from schakel.cases.models import ActionPlan, CaseSubject, Consultation, ProgressNote, Subject
from schakel.cases.presentation import case_labels
from schakel.core.crypto import decrypt_bytes
from schakel.domain.actor import Actor
from schakel.domain.roles import ROLE_LABELS_NL, Role
from schakel.domain.subject_rights import may_handle_subject_requests
from schakel.meetings.models import AgendaItem
from schakel.meetings.presentation import outcome_label
from schakel.meetings.selectors import agenda_items_of_cases_for_export
from schakel.parties.models import Party
from schakel.rights.models import SubjectInforming, SubjectRequest
from schakel.rights.selectors import Person, _person, person_links
from schakel.sharing.models import Attachment, InformationItem
from schakel.sharing.selectors import items_of_cases_for_export

OTHER = "[andere betrokkene]"
FORMATS = ("json", "pdf")
ROLE_VALUES = frozenset(r.value for r in Role)


def _action_labels() -> dict[str, str]:
    return {
        "read": _("Viewed"),
        "create": _("Created"),
        "update": _("Changed"),
        "delete": _("Deleted"),
        "export": _("Exported"),
        "denied": _("Refused"),
    }


def redactor(person_rows: Iterable[Subject], others: Iterable[Subject]) -> Callable[[str], str]:
    """Replace what identifies another subject in free text by "[andere betrokkene]"."""
    own = list(person_rows)
    own_words = {w.lower() for s in own for w in (s.first_name, s.last_name) if w}
    terms: set[str] = set()
    for other in others:
        terms.add(f"{other.first_name} {other.last_name}")
        for word in (other.first_name, other.last_name):
            if word.lower() not in own_words:
                terms.add(word)
        terms.update(t for t in (other.bsn, other.address) if t)
        terms.add(other.date_of_birth.strftime("%d-%m-%Y"))
        terms.add(other.date_of_birth.isoformat())
    # What the person shares with another (a household address) is the person's own data too.
    own_values = {v.lower() for s in own for v in (s.address, s.bsn) if v}
    terms = {t.strip() for t in terms if len(t.strip()) >= 2 and t.lower() not in own_values}
    if not terms:
        return lambda text: text
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub(OTHER, text or "")


def _day(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _identity(subject: Subject) -> dict[str, Any]:
    return {
        "first_name": subject.first_name,
        "last_name": subject.last_name,
        "date_of_birth": subject.date_of_birth.isoformat(),
        "bsn": subject.bsn,
        "address": subject.address,
    }


def _plan(case_id: int, clean: Callable[[str], str]) -> dict[str, Any] | None:
    plan = ActionPlan.objects.filter(case_id=case_id).order_by("-number").first()
    if plan is None:
        return None
    return {
        "version": plan.number,
        "changed_at": _day(plan.changed_at),
        "goals": [
            {"life_domain": g.get("life_domain", ""), "goal": clean(str(g.get("goal", "")))}
            for g in plan.goals
        ],
        "closure_criteria": clean(plan.closure_criteria),
        "actions": [
            {
                "life_domain": a.get_life_domain_display(),
                "description": clean(a.description),
                "party": a.owning_party.name,
                "due_on": _day(a.due_on),
                "status": a.get_status_display(),
            }
            for a in plan.case.actions.select_related("owning_party").order_by("due_on", "id")
        ],
    }


def _file_content(attachment: Attachment) -> str | None:
    """The decrypted file as base64, or None when the file is gone or unreadable: the export
    still lists the attachment rather than failing (never a 500)."""
    try:
        with default_storage.open(attachment.file.name, "rb") as handle:
            content = decrypt_bytes(handle.read())
    except (OSError, InvalidToken):
        return None
    return base64.b64encode(content).decode("ascii")


def _attachments(item: InformationItem, clean: Callable[[str], str]) -> list[dict[str, Any]]:
    return [
        {
            "name": clean(a.name),
            "content_type": a.content_type,
            "size": a.size,
            "uploaded_at": _day(a.uploaded_at),
            "uploading_party": a.uploaded_by.party.name,
            "content_base64": _file_content(a),
        }
        for a in item.attachments.all()  # prefetched, in upload order
    ]


def _minutes(items: list[AgendaItem], clean: Callable[[str], str]) -> list[dict[str, Any]]:
    """Every agenda item about the case (case conference or MDO, Art. 12.2c-d) with its
    minutes, oldest meeting first."""
    rows = []
    for item in items:
        minutes = getattr(item, "minutes", None)
        rows.append(
            {
                "meeting_date": _day(item.meeting.starts_at),
                "meeting_kind": item.meeting.get_kind_display(),
                "meeting_status": item.meeting.get_status_display(),
                "goal": clean(item.goal),
                "decisions_needed": clean(item.decisions_needed),
                "themes": clean(item.themes),
                "minutes": clean(minutes.text) if minutes is not None else "",
                "decision": outcome_label(item.outcome),
                "decided_at": _day(item.decided_at),
            }
        )
    return rows


def _items(items: list[InformationItem], clean: Callable[[str], str]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(item.providing_party.name, []).append(
            {
                "title": clean(item.title),
                "kind": item.get_kind_display(),
                "regime": item.regime,
                "regime_label": item.get_regime_display(),
                "special_category": item.special_category,
                "phase": item.get_phase_display(),
                "date": _day(item.created_at),
                "content": clean(item.content),
                "conditions_of_use": clean(item.conditions_of_use),
                "withdrawn_at": _day(item.withdrawn_at),
                "attachments": _attachments(item, clean),
            }
        )
    return [{"providing_party": party, "items": rows} for party, rows in groups.items()]


@dataclass(frozen=True)
class _OtherApps:
    """What other apps hold about the person's cases, read once for the whole export."""

    items: dict[int, list[InformationItem]]
    agenda: dict[int, list[AgendaItem]]


def _case(link: CaseSubject, person: Person, held: _OtherApps) -> dict[str, Any]:
    case = link.case
    others = list(
        CaseSubject.objects.filter(case=case)
        .exclude(subject_id__in=person.subject_ids)
        .select_related("subject")
    )
    clean = redactor(person.rows, [row.subject for row in others])
    labels = case_labels(case)
    return {
        "number": case.number,
        "phase": case.phase,
        "phase_label": labels["phase"],
        "relation": link.get_relation_display(),
        "identity_in_case": _identity(link.subject),
        "other_subjects": [
            {"label": "andere betrokkene", "relation": row.get_relation_display()} for row in others
        ],
        "target_group": labels["target_group"],
        "referred_on": _day(case.created_at),
        "municipality": case.municipality.name,
        "referring_party": case.referring_party.name,
        "reason": clean(case.reason),
        "goal": clean(case.goal),
        "triage": {
            "criteria_met": case.criteria_met,
            "explanation": clean(case.criteria_explanation),
            "refusal_reason": clean(case.refusal_reason),
        },
        "conference_decision": labels["decision"],
        "decision_motivation": clean(case.decision_motivation),
        "consultations": [
            {"party": c.party.name, "answer": c.get_answer_display(), "note": clean(c.note)}
            for c in Consultation.objects.filter(case=case).select_related("party")
        ],
        "plan": _plan(case.pk, clean),
        "progress_notes": [
            {"written_at": _day(n.written_at), "text": clean(n.text)}
            for n in ProgressNote.objects.filter(case=case).order_by("written_at", "id")
        ],
        "information": _items(held.items[case.pk], clean),
        "meetings": _minutes(held.agenda[case.pk], clean),
        "closure_reason": clean(case.closure_reason),
        "closed_at": _day(case.closed_at),
    }


def _access_log(person: Person) -> list[dict[str, Any]]:
    events = audit_events_for_pseudonyms(person.pseudonyms)
    users = {u.pk: u for u in User.objects.filter(pk__in={e.user_id for e in events})}
    parties = {p.pk: p for p in Party.objects.filter(pk__in={e.party_id for e in events})}
    labels = _action_labels()
    rows = []
    for event in events:
        user = users.get(event.user_id or 0)
        party = parties.get(event.party_id or 0)
        rows.append(
            {
                "at": _day(event.occurred_at),
                "user": user.get_full_name() if user else "",
                "party": party.name if party else "",
                "role": ROLE_LABELS_NL[Role(event.role)] if event.role in ROLE_VALUES else "",
                "action": event.action,
                "action_label": labels.get(event.action, event.action),
                "object": event.object_type,
                "purpose": event.purpose,
                "outcome": event.outcome,
            }
        )
    return rows


def _requests(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "kind": r.get_kind_display(),
            "received_on": _day(r.received_on),
            "deadline": _day(r.current_deadline),
            "status": r.get_status_display(),
            "outcome": r.get_outcome_display() if r.outcome else "",
            "grounds": r.grounds,
        }
        for r in SubjectRequest.objects.filter(subject=person.anchor).order_by("received_on", "id")
    ]


def _informing(person: Person) -> dict[str, Any]:
    row = SubjectInforming.objects.filter(subject=person.anchor).first()
    if row is None:
        return {"state": "not_yet", "state_label": _("Not informed yet")}
    return {
        "state": row.state,
        "state_label": row.get_state_display(),
        "informed_on": _day(row.informed_on),
        "postponed_reason": row.postponed_reason,
        "review_on": _day(row.review_on),
    }


def build_export(person: Person, actor: Actor) -> dict[str, Any]:
    user = User.objects.filter(pk=actor.user_id).select_related("party").first()
    links = list(person_links(person))
    case_ids = [link.case_id for link in links]
    held = _OtherApps(
        items=items_of_cases_for_export(case_ids=case_ids),
        agenda=agenda_items_of_cases_for_export(case_ids=case_ids),
    )
    return {
        "format": "schakel-inzage/1",
        "legal_basis": "AVG Art. 15",
        "house": settings.SCHAKEL_HOUSE_NAME,
        "generated_at": _day(timezone.now()),
        "generated_by": {
            "name": user.get_full_name() if user else "",
            "party": user.party.name if user else "",
        },
        "subject": _identity(person.anchor),
        "cases": [_case(link, person, held) for link in links],
        "requests": _requests(person),
        "informing": _informing(person),
        "access_log": _access_log(person),
    }


def access_export_for(
    *, actor: Actor, ctx: AuditContext, subject_id: int, fmt: str
) -> tuple[Person, dict[str, Any]] | None:
    """The export, if the actor may make it. Making it is itself logged (an export event per
    person row, written before the data is gathered, so the export lists its own making)."""
    person = _person(subject_id) if may_handle_subject_requests(actor) else None
    if person is None or fmt not in FORMATS:
        audit.access_denied(
            ctx, actor=actor, object_type="subject_access_export", object_id=subject_id,
            purpose="export",
        )  # fmt: skip
        return None
    for row in person.rows:
        audit.subject_access_exported(
            ctx, actor=actor, subject_id=person.anchor.pk, fmt=fmt,
            subject_pseudonym=subject_pseudonym(row.pk),
        )  # fmt: skip
    return person, build_export(person, actor)
