"""The forms of the requests register: they check form (types, required); the services check
meaning and put their Dutch messages next to the same fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.rights.models import InformingState, Outcome, RectificationAnswer, RequestKind
from schakel.sharing.models import InformationItem

TEXT = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FindForm(forms.Form):
    bsn = forms.CharField(label=_("BSN"), max_length=9, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        bsn = (data.get("bsn") or "").strip()
        if bsn and not (bsn.isdecimal() and len(bsn) == 9):
            self.add_error("bsn", _("A BSN has nine digits."))
        elif not bsn and not (data.get("last_name") and data.get("date_of_birth")):
            raise forms.ValidationError(
                _("Search by BSN, or by last name and date of birth together.")
            )
        return data


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of request"), choices=RequestKind.choices)
    received_on = forms.DateField(
        label=_("Received on"),
        widget=DATE,
        help_text=_("The deadline is one month after this date (AVG Art. 12.3)."),
    )
    description = forms.CharField(
        label=_("What the person asks"), widget=forms.Textarea(attrs={"rows": 4})
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Handling note"), widget=TEXT)


class ExtendForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Extend by"),
        coerce=int,
        choices=[(1, _("one month")), (2, _("two months"))],
    )
    reason = forms.CharField(
        label=_("Why the extension is necessary"),
        widget=TEXT,
        help_text=_("Tell the person within the first month, with this reason (AVG Art. 12.3)."),
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    grounds = forms.CharField(
        label=_("Grounds"),
        required=False,
        widget=TEXT,
        help_text=_("Required for a (partial) refusal and for every erasure decision."),
    )


class ItemChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        item: InformationItem = obj
        return f"{item.case.number}: {item.title} ({item.providing_party.name})"


class RouteForm(forms.Form):
    items = ItemChoice(
        label=_("Information concerned"),
        queryset=InformationItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    question = forms.CharField(
        label=_("What should be corrected"),
        widget=TEXT,
        help_text=_("The providing party sees this text and the case number, not the request."),
    )

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items  # type: ignore[attr-defined]


class InformingForm(forms.Form):
    state = forms.ChoiceField(label=_("Informed"), choices=InformingState.choices)
    informed_on = forms.DateField(label=_("Informed on"), required=False, widget=DATE)
    postponed_reason = forms.CharField(
        label=_("Why informing is postponed"),
        required=False,
        widget=TEXT,
        help_text=_("For example: a running criminal investigation (AVG Art. 23)."),
    )
    review_on = forms.DateField(label=_("Review the postponement on"), required=False, widget=DATE)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[c for c in RectificationAnswer.choices if c[0] != RectificationAnswer.pending],
    )
    note = forms.CharField(label=_("Explanation"), widget=TEXT)
