"""The MDO's outcome on screen: the case director, informing the subject, the closure criteria,
and several goals and agreed actions (Art. 8.4a-d, 13.1; Bijlage 3 Fase 4).

Goals and actions are rows of two formsets, so the screen works without JavaScript: a few empty
rows, and "more rows" through the GET parameter `rijen`. Empty extra rows are skipped; the
first goal and the first action are required. If any row is invalid, nothing is saved and the
Dutch error stands next to the field of that row.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schakel.cases.models import LifeDomain
from schakel.cases.services import ActionInput, GoalInput
from schakel.domain.roles import Role
from schakel.meetings.forms import DATE, TEXT, NamedChoice
from schakel.meetings.selectors import invitable_parties, people_with_role

ROWS_PARAM = "rijen"
DEFAULT_ROWS, MAX_ROWS = 3, 12
_DOMAINS = [("", "—"), *LifeDomain.choices]
_ROW_KEY = re.compile(r"^(goals|actions)\[(\d+)\]\.(\w+)$")


def rows_wanted(value: str | None) -> int:
    """The number of rows asked for in the address, within bounds (a bad value: the default)."""
    try:
        return min(max(int(value or DEFAULT_ROWS), DEFAULT_ROWS), MAX_ROWS)
    except ValueError:
        return DEFAULT_ROWS


class GoalRowForm(forms.Form):
    life_domain = forms.ChoiceField(
        label=gettext_lazy("Life domain of the goal"),
        choices=_DOMAINS,
        error_messages={"required": gettext_lazy("Choose the life domain of the goal.")},
    )
    goal = forms.CharField(
        label=gettext_lazy("Goal"),
        widget=TEXT,
        max_length=2000,
        error_messages={"required": gettext_lazy("Describe the goal.")},
    )


class ActionRowForm(forms.Form):
    life_domain = forms.ChoiceField(
        label=gettext_lazy("Life domain of the action"),
        choices=_DOMAINS,
        error_messages={"required": gettext_lazy("Choose the life domain of the action.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Agreed action"),
        max_length=500,
        error_messages={"required": gettext_lazy("Describe the agreed action.")},
    )
    owning_party = NamedChoice(
        label=gettext_lazy("Party that carries it out"),
        queryset=None,
        error_messages={"required": gettext_lazy("Choose the party that carries it out.")},
    )
    due_on = forms.DateField(
        label=gettext_lazy("Due date"),
        widget=DATE,
        error_messages={"required": gettext_lazy("Choose the due date.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owning_party"].queryset = invitable_parties()  # type: ignore[attr-defined]


def _formset(form: type[forms.Form], rows: int) -> type[forms.BaseFormSet]:  # type: ignore[type-arg]
    return forms.formset_factory(
        form, extra=rows - 1, min_num=1, validate_min=True, max_num=MAX_ROWS, validate_max=True
    )


class PlanForm(forms.Form):
    """The single fields of the plan; the goal and action rows are `self.goals` and
    `self.actions`. `is_valid` is true only when the form and every row are valid."""

    case_director = NamedChoice(label=gettext_lazy("Case director"), queryset=None)
    informer_party = NamedChoice(
        label=gettext_lazy("Party that informs the subject"), queryset=None
    )
    inform_on = forms.DateField(label=gettext_lazy("Informed on"), widget=DATE, required=False)
    inform_postponed_reason = forms.CharField(
        label=gettext_lazy("Why informing is postponed"), widget=TEXT, required=False
    )
    closure_criteria = forms.CharField(
        label=gettext_lazy("Criteria for closure (Art. 8.4d)"), widget=TEXT
    )

    def __init__(self, data: Any = None, *, prefix: str = "plan", rows: int = DEFAULT_ROWS) -> None:
        super().__init__(data, prefix=prefix)
        self.fields["case_director"].queryset = people_with_role(Role.partner_delegate)  # type: ignore[attr-defined]
        self.fields["informer_party"].queryset = invitable_parties()  # type: ignore[attr-defined]
        self.goals = _formset(GoalRowForm, rows)(data, prefix=f"{prefix}-goals")
        self.actions = _formset(ActionRowForm, rows)(data, prefix=f"{prefix}-actions")
        for label, formset in ((_("Goal %(n)s"), self.goals), (_("Action %(n)s"), self.actions)):
            for number, row in enumerate(formset.forms, start=1):
                row.legend = label % {"n": number}
                for field in row.fields.values():
                    field.label = f"{field.label} ({number})"

    def is_valid(self) -> bool:
        # Every part is validated, so all errors show at once.
        results = [super().is_valid(), self.goals.is_valid(), self.actions.is_valid()]
        return all(results)

    def plan_rows(self) -> tuple[list[GoalInput], list[ActionInput]]:
        goals = [
            GoalInput(row.cleaned_data["life_domain"], row.cleaned_data["goal"])
            for row in self.goals.forms
            if row.cleaned_data
        ]
        actions = [
            ActionInput(
                row.cleaned_data["life_domain"],
                row.cleaned_data["description"],
                row.cleaned_data["owning_party"].pk,
                row.cleaned_data["due_on"],
            )
            for row in self.actions.forms
            if row.cleaned_data
        ]
        return goals, actions

    def place_row_errors(self, errors: dict[str, list[str]]) -> dict[str, list[str]]:
        """Put the case service's row errors (`goals[1].goal`) next to that row's field;
        return the others for the form itself."""
        rest: dict[str, list[str]] = {}
        for key, texts in errors.items():
            match = _ROW_KEY.match(key)
            if key in ("goals", "actions"):
                formset = self.goals if key == "goals" else self.actions
                row, name = formset.forms[0], "goal" if key == "goals" else "description"
            elif match:
                formset = self.goals if match[1] == "goals" else self.actions
                filled = [f for f in formset.forms if f.cleaned_data]
                index = int(match[2])
                if index >= len(filled) or match[3] not in filled[index].fields:
                    rest[key] = texts
                    continue
                row, name = filled[index], match[3]
            else:
                rest[key] = texts
                continue
            for text in texts:
                row.add_error(name, text)
        return rest

    def has_row_errors(self) -> bool:
        return any(f.errors for f in [*self.goals.forms, *self.actions.forms]) or bool(
            self.goals.non_form_errors() or self.actions.non_form_errors()
        )
