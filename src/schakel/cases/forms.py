"""The case forms: they check form (types, required); the services check meaning.

`service_field` maps a service error key (``subjects[0].bsn``) to the form field it belongs
to, so every message appears next to its field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import User
from schakel.accounts.selectors import users_with_role
from schakel.cases.models import (
    ActionStatus,
    ConferenceTable,
    ConsultationAnswer,
    LifeDomain,
    SubjectRelation,
)
from schakel.domain.criteria import CRITERIA
from schakel.domain.parties import PartyKind
from schakel.domain.roles import Role
from schakel.domain.target_groups import (
    INFLOW_LABELS_NL,
    TARGET_GROUP_LABELS_NL,
)
from schakel.domain.workflow import DECISION_LABELS_NL, Action, Decision
from schakel.parties.models import Party

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _parties(*, exclude_house: bool = True) -> QuerySet[Party]:
    qs = Party.objects.order_by("name")
    return qs.exclude(kind=PartyKind.house) if exclude_house else qs


def _people(role: Role) -> QuerySet[User]:
    return users_with_role(role).select_related("party")


class PartyChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name()} ({obj.party.name})"


class CaseForm(forms.Form):
    def service_field(self, name: str) -> str | None:
        return name if name in self.fields else None


class VersionedForm(CaseForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


# --------------------------------------------------------------------------- referral

MAX_SUBJECT_ROWS = 3
SUBJECT_FIELDS = ("first_name", "last_name", "date_of_birth", "bsn", "address", "relation")


class ReferralForm(CaseForm):
    target_group = forms.ChoiceField(
        label=_("Target group"),
        choices=[("", "---------"), *TARGET_GROUP_LABELS_NL.items()],
        help_text=_("Art. 2.3. Polarisation and extremism fall under a separate covenant."),
    )
    municipality = PartyChoice(
        label=_("Municipality concerned"),
        queryset=Party.objects.filter(kind=PartyKind.municipality).order_by("name"),
        help_text=_("The municipality always plays a role (Art. 2.1)."),
    )
    inflow = forms.ChoiceField(
        label=_("How did the case come in"), choices=[("", "---------"), *INFLOW_LABELS_NL.items()]
    )
    reason = forms.CharField(label=_("Reason for the referral"), widget=TEXT, max_length=5000)
    goal = forms.CharField(label=_("Goal of the referral"), widget=TEXT, max_length=5000)
    involved_parties = forms.ModelMultipleChoiceField(
        label=_("Parties already involved"),
        queryset=_parties(),
        required=False,
        help_text=_("A hint for triage: these parties see the case only when consulted."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["involved_parties"].label_from_instance = lambda p: p.name  # type: ignore[attr-defined]
        for index in range(MAX_SUBJECT_ROWS):
            required = index == 0
            self.fields[f"s{index}_first_name"] = forms.CharField(
                label=_("First name"), max_length=100, required=required
            )
            self.fields[f"s{index}_last_name"] = forms.CharField(
                label=_("Last name"), max_length=150, required=required
            )
            self.fields[f"s{index}_date_of_birth"] = forms.DateField(
                label=_("Date of birth"), widget=DATE, required=required
            )
            self.fields[f"s{index}_bsn"] = forms.CharField(
                label=_("BSN"),
                max_length=20,
                required=False,
                help_text=_("Nine digits; checked with the eleven-test."),
            )
            self.fields[f"s{index}_address"] = forms.CharField(
                label=_("Address"), max_length=300, required=False
            )
            self.fields[f"s{index}_relation"] = forms.ChoiceField(
                label=_("Relation to the case"),
                choices=SubjectRelation.choices,
                initial=SubjectRelation.subject if index == 0 else SubjectRelation.family_member,
            )
        self.used_rows: list[int] = []

    def subject_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"s{index}_{name}"] for name in SUBJECT_FIELDS]
            for index in range(MAX_SUBJECT_ROWS)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in (
                "target_group",
                "municipality",
                "inflow",
                "reason",
                "goal",
                "involved_parties",
            )
        ]

    def subjects(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        rows = []
        self.used_rows = []
        for index in range(MAX_SUBJECT_ROWS):
            values = {name: data.get(f"s{index}_{name}") for name in SUBJECT_FIELDS}
            if index > 0 and not any(
                values[k] for k in ("first_name", "last_name", "date_of_birth", "bsn")
            ):
                continue
            self.used_rows.append(index)
            rows.append(values)
        return rows

    def service_field(self, name: str) -> str | None:
        if name.startswith("subjects[") and "]." in name:
            position, field = name[len("subjects[") :].split("].", 1)
            if position.isdecimal() and int(position) < len(self.used_rows):
                return f"s{self.used_rows[int(position)]}_{field}"
        return super().service_field(name)


# --------------------------------------------------------------------------- triage


class TransitionForm(VersionedForm):
    action = forms.CharField(widget=forms.HiddenInput)
    motivation = forms.CharField(
        label=_("Motivation"), widget=TEXT, required=False, max_length=5000
    )
    decision = forms.ChoiceField(
        label=_("Decision of the case conference"),
        choices=[("", "---------"), *((d.value, DECISION_LABELS_NL[d]) for d in Decision)],
        required=False,
    )
    admission_table = forms.ChoiceField(
        label=_("Case conference"),
        choices=[("", "---------"), *ConferenceTable.choices],
        required=False,
    )
    handover_party = PartyChoice(
        label=_("Handed over to"), queryset=_parties(exclude_house=False), required=False
    )
    handover_note = forms.CharField(
        label=_("Hand-over"), widget=TEXT, required=False, max_length=5000
    )
    closure_criteria_met = forms.TypedChoiceField(
        label=_("Were the closure criteria met? (Art. 8.4d)"),
        choices=[("", "---------"), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, step: Action | None = None, **kwargs: Any) -> None:
        """`step`: the case page's form for that one step, which shows only its own fields.
        Every step but the hand-over then goes without the parties' select, so a page with
        a few steps does not read the parties for a list it never shows (issue #9)."""
        super().__init__(*args, **kwargs)
        if step is not None and step != Action.complete_closure:
            del self.fields["handover_party"]


class CriteriaForm(VersionedForm):
    referrer_consulted = forms.BooleanField(
        label=_("Judged in consultation with the referring party (Art. 12.2a)"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[f"{criterion.code}_holds"] = forms.TypedChoiceField(
                label=_("Criterion %(number)s: %(text)s")
                % {"number": criterion.number, "text": criterion.short_nl},
                help_text=criterion.text_nl,
                choices=[("", "---------"), ("yes", _("Applies")), ("no", _("Does not apply"))],
                coerce=lambda v: v == "yes",
            )
            self.fields[f"{criterion.code}_motivation"] = forms.CharField(
                label=_("Motivation for criterion %(number)s") % {"number": criterion.number},
                widget=TEXT,
                max_length=5000,
                required=False,
            )

    def rows(self) -> list[tuple[str, bool, str]]:
        return [
            (
                c.code.value,
                self.cleaned_data[f"{c.code}_holds"],
                self.cleaned_data[f"{c.code}_motivation"],
            )
            for c in CRITERIA
        ]

    def service_field(self, name: str) -> str | None:
        if name.startswith("criteria."):
            return f"{name.split('.', 1)[1]}_motivation"
        return super().service_field(name)


class ConsultationRequestForm(VersionedForm):
    party_ids = forms.ModelMultipleChoiceField(label=_("Parties to consult"), queryset=_parties())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party_ids"].label_from_instance = lambda p: p.name  # type: ignore[attr-defined]


class ConsultationAnswerForm(CaseForm):
    answer = forms.ChoiceField(
        label=_("Is the subject known to your organisation?"),
        choices=[
            ("", "---------"),
            (ConsultationAnswer.known, _("Known")),
            (ConsultationAnswer.not_known, _("Not known")),
        ],
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Short note"),
        max_length=500,
        required=False,
        help_text=_("No case content at this stage: only what helps the triage."),
    )


class ProcessDirectorForm(VersionedForm):
    process_director = PersonChoice(
        label=_("Process director"), queryset=_people(Role.process_director)
    )


# --------------------------------------------------------------------------- conference


class ConferenceForm(VersionedForm):
    conference_goal = forms.CharField(
        label=_("Goal of the conference, decisions needed and themes"),
        widget=TEXT,
        max_length=5000,
        help_text=_("Art. 12.2c"),
    )
    conference_date = forms.DateField(label=_("Date of the conference"), widget=DATE)
    invite_party = PartyChoice(label=_("Invite party"), queryset=_parties(), required=False)
    invite_justification = forms.CharField(
        label=_("Why this party may lawfully and directly take part"),
        widget=TEXT,
        required=False,
        max_length=2000,
        help_text=_("Art. 12.2e, 15.2"),
    )

    def service_field(self, name: str) -> str | None:
        if name.startswith("invitations[0]."):
            field = name.split(".", 1)[1]
            return "invite_party" if field == "party" else "invite_justification"
        return super().service_field(name)


# --------------------------------------------------------------------------- MDO and plan


class CaseDirectorForm(VersionedForm):
    case_director = PersonChoice(
        label=_("Case director"),
        queryset=_people(Role.partner_delegate),
        help_text=_("From the party where the weight of care lies (Art. 13.1)."),
    )


class InformingForm(VersionedForm):
    informer_party = PartyChoice(label=_("Who informs the subject"), queryset=_parties())
    inform_on = forms.DateField(label=_("When"), widget=DATE, required=False)
    postponed_reason = forms.CharField(
        label=_("Or: why informing is postponed"), widget=TEXT, required=False, max_length=2000
    )

    def service_field(self, name: str) -> str | None:
        return {"informer_party": "informer_party", "inform_on": "inform_on"}.get(
            name, super().service_field(name)
        )


PLAN_ROWS = 3


class PlanForm(VersionedForm):
    closure_criteria = forms.CharField(
        label=_("Criteria for closure"),
        widget=TEXT,
        max_length=5000,
        required=False,
        help_text=_("Art. 8.4d"),
    )
    reason = forms.CharField(
        label=_("Why the plan is adjusted"),
        widget=TEXT,
        required=False,
        max_length=5000,
        help_text=_("Required for every version after the first."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        domains = [("", "---------"), *LifeDomain.choices]
        for i in range(PLAN_ROWS):
            self.fields[f"goal{i}_life_domain"] = forms.ChoiceField(
                label=_("Life domain of goal %(n)s") % {"n": i + 1}, choices=domains, required=False
            )
            self.fields[f"goal{i}_goal"] = forms.CharField(
                label=_("Goal %(n)s") % {"n": i + 1}, max_length=2000, required=False
            )
        for i in range(PLAN_ROWS):
            self.fields[f"action{i}_life_domain"] = forms.ChoiceField(
                label=_("Life domain of action %(n)s") % {"n": i + 1},
                choices=domains,
                required=False,
            )
            self.fields[f"action{i}_description"] = forms.CharField(
                label=_("Action %(n)s") % {"n": i + 1}, max_length=500, required=False
            )
            self.fields[f"action{i}_owning_party"] = PartyChoice(
                label=_("Party responsible for action %(n)s") % {"n": i + 1},
                queryset=_parties(exclude_house=False),
                required=False,
            )
            self.fields[f"action{i}_due_on"] = forms.DateField(
                label=_("Due date of action %(n)s") % {"n": i + 1}, widget=DATE, required=False
            )
        self.goal_rows: list[int] = []
        self.action_rows: list[int] = []

    def goal_fields(self) -> list[list[forms.BoundField]]:
        return [[self[f"goal{i}_life_domain"], self[f"goal{i}_goal"]] for i in range(PLAN_ROWS)]

    def action_fields(self) -> list[list[forms.BoundField]]:
        names = ("life_domain", "description", "owning_party", "due_on")
        return [[self[f"action{i}_{n}"] for n in names] for i in range(PLAN_ROWS)]

    def goals(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        self.goal_rows = [
            i for i in range(PLAN_ROWS) if data[f"goal{i}_life_domain"] or data[f"goal{i}_goal"]
        ]
        return [(data[f"goal{i}_life_domain"], data[f"goal{i}_goal"]) for i in self.goal_rows]

    def actions(self) -> list[tuple[str, str, int | None, Any]]:
        data = self.cleaned_data
        self.action_rows = [
            i
            for i in range(PLAN_ROWS)
            if data[f"action{i}_description"]
            or data[f"action{i}_owning_party"]
            or data[f"action{i}_due_on"]
        ]
        return [
            (
                data[f"action{i}_life_domain"],
                data[f"action{i}_description"],
                data[f"action{i}_owning_party"].pk if data[f"action{i}_owning_party"] else None,
                data[f"action{i}_due_on"],
            )
            for i in self.action_rows
        ]

    def service_field(self, name: str) -> str | None:
        for prefix, rows, stem in (
            ("goals[", self.goal_rows, "goal"),
            ("actions[", self.action_rows, "action"),
        ):
            if name.startswith(prefix) and "]." in name:
                position, field = name[len(prefix) :].split("].", 1)
                if position.isdecimal() and int(position) < len(rows):
                    candidate = f"{stem}{rows[int(position)]}_{field}"
                    return candidate if candidate in self.fields else None
        if name == "goals":
            return "goal0_goal"
        if name == "actions":
            return "action0_description"
        return super().service_field(name)


class ActionUpdateForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class NoteForm(CaseForm):
    text = forms.CharField(label=_("Progress note"), widget=TEXT, max_length=5000)
