"""Forms of the finance screens. Labels are English msgids; Dutch in the app's catalogue."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.parties.models import Party
from schakel.reports.models import BudgetLine

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _money(label: Any, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=13,
        decimal_places=2,
        localize=True,
        help_text=_("In euro, e.g. 12500,00."),
    )


class BudgetYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    adopted_on = forms.DateField(
        label=_("Adopted on"),
        widget=DATE,
        required=False,
        help_text=_("Art. 4.4c: by the steering group, with the annual plan."),
    )
    target_referrals = forms.IntegerField(
        label=_("Target: referrals in the year"), min_value=0, max_value=1_000_000, required=False
    )
    target_closed_successfully = forms.IntegerField(
        label=_("Target: cases completed successfully in the year"),
        min_value=0,
        max_value=1_000_000,
        required=False,
    )
    priorities = forms.CharField(
        label=_("Priorities of the annual plan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class BudgetLineForm(forms.Form):
    category = forms.CharField(label=_("Category"), max_length=100)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    amount = _money(_("Budgeted amount"))


class ContributionForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    money = _money(_("Money"), required=False)
    staff_fte = forms.DecimalField(
        label=_("Staff in kind (FTE)"),
        required=False,
        max_digits=6,
        decimal_places=2,
        localize=True,
        min_value=0,
    )
    staff_description = forms.CharField(
        label=_("Staff description"),
        max_length=300,
        required=False,
        help_text=_("Art. 19.1: e.g. a delegate for the case conference."),
    )

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties  # type: ignore[attr-defined]


class ExpenditureForm(forms.Form):
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=BudgetLine.objects.none())
    spent_on = forms.DateField(label=_("Date"), widget=DATE)
    description = forms.CharField(label=_("Description"), max_length=300)
    amount = _money(_("Amount"))

    def __init__(self, *args: Any, lines: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines  # type: ignore[attr-defined]
