"""The retention forms: they check form (types, required); the services check meaning."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

TEXT = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HoldForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number"), max_length=20, help_text=_("For example ZVH-2026-0001.")
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=TEXT,
        help_text=_("For example: an access request or a complaint is pending."),
    )
    until = forms.DateField(label=_("Hold until (last day)"), widget=DATE)


class LiftForm(forms.Form):
    reason = forms.CharField(label=_("Why the hold is lifted"), widget=TEXT)


class RuleForm(forms.Form):
    months = forms.IntegerField(label=_("Months"), min_value=0, max_value=360)
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=366)
    legal_reference = forms.CharField(
        label=_("Legal reference"),
        max_length=300,
        help_text=_("The article of the house's privacy protocol this rule implements."),
    )
    description_nl = forms.CharField(label=_("What happens"), widget=TEXT)
