"""The sharing forms: they check form (types, required); the services check meaning."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from schakel.parties.models import Party
from schakel.sharing.models import ItemKind, Purpose, Regime

TEXT = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartyChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ItemForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("A plain title without personal data: other parties see it before release."),
    )
    kind = forms.ChoiceField(label=_("Kind of information"), choices=ItemKind.choices)
    content = forms.CharField(label=_("Information"), widget=forms.Textarea(attrs={"rows": 6}))
    regime = forms.ChoiceField(label=_("Legal regime"), choices=Regime.choices)
    special_category = forms.BooleanField(
        label=_("Special-category data (health, criminal record)"), required=False
    )
    conditions_of_use = forms.CharField(
        label=_("Conditions of use"),
        required=False,
        widget=TEXT,
        help_text=_("For example: for the case conference only; not to be passed on."),
    )


class ProposeForm(forms.Form):
    recipient_party = PartyChoice(label=_("Share with"), queryset=Party.objects.none())
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    note = forms.CharField(label=_("Why this party needs it"), required=False, widget=TEXT)

    def __init__(self, *args: Any, parties: QuerySet[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_party"].queryset = parties.order_by("name")  # type: ignore[attr-defined]


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Release")), ("refuse", _("Refuse"))],
    )
    reason = forms.CharField(label=_("Reason"), widget=TEXT)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the withdrawal"), widget=TEXT)


class ConsentForm(forms.Form):
    recipient = forms.CharField(label=_("Third party"), max_length=200)
    document_reference = forms.CharField(
        label=_("Reference to the written consent"), max_length=200
    )
    consent_given_on = forms.DateField(label=_("Date of the consent"), widget=DATE)


class EmergencyForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number"), max_length=20, help_text=_("For example ZVH-2026-0042.")
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why you need this case now and cannot wait for its process director. The privacy "
            "officer and the case's process director are told at once."
        ),
    )


class ReviewForm(forms.Form):
    remark = forms.CharField(label=_("Finding"), widget=TEXT)


class ItemWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing the information"),
        widget=TEXT,
        help_text=_("The information disappears at once for every other party."),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, image (PNG, JPEG) or office document; at most %(mb)d MB."),
    )

    def __init__(self, *args: Any, max_mb: int = 10, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = str(field.help_text) % {"mb": max_mb}


class InviteForm(forms.Form):
    party = PartyChoice(label=_("Party"), queryset=Party.objects.none())
    justification = forms.CharField(
        label=_("Why this party may lawfully and directly take part (Art. 12.2e)"), widget=TEXT
    )

    def __init__(self, *args: Any, parties: QuerySet[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties.order_by("name")  # type: ignore[attr-defined]


class RemovePartyForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Yes, end this party's involvement; its access ends at once")
    )
