"""Forms of the governance screens. Labels in English msgids; Dutch in the app's catalogue."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from schakel.accounts.models import User
from schakel.domain.covenant import Body, CoreRole, Vote
from schakel.domain.parties import PARTY_DOMAIN_LABELS_NL, PartyDomain, PartyKind
from schakel.governance.models import Amendment, Departure, Meeting
from schakel.parties.models import Party

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _limit_parties(field: forms.Field, parties: Any) -> None:
    """Offer only ``parties``; a delegate who can answer for one party gets it preselected."""
    field.queryset = parties  # type: ignore[attr-defined]
    if parties.count() == 1:
        field.empty_label = None  # type: ignore[attr-defined]


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, widget=DATE, required=required, help_text=help_text)


class JoinRequestForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name"), max_length=80, help_text=_("Lower case letters and hyphens.")
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (PartyKind.partner.value, _("Partner")),
            (PartyKind.municipality.value, _("Municipality")),
        ],
    )
    domain = forms.ChoiceField(
        label=_("Domain"), choices=[(d.value, PARTY_DOMAIN_LABELS_NL[d]) for d in PartyDomain]
    )
    seat = forms.CharField(label=_("Registered seat"), max_length=200)
    address = forms.CharField(label=_("Office address"), max_length=300)
    representative = forms.CharField(label=_("Authorised representative"), max_length=200)
    representative_function = forms.CharField(label=_("Function"), max_length=200)
    contribution = forms.CharField(
        label=_("Contribution to the aims of Art. 2"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Art. 21.1: how the organisation contributes within its public task."),
    )
    requested_on = _date(_("Requested on"))


class ConsentForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    answer = forms.ChoiceField(
        label=_("Answer"), choices=[("agreed", _("Agrees")), ("refused", _("Does not agree"))]
    )

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parties is not None:
            _limit_parties(self.fields["party"], parties)


class JoinMotionForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, meetings: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class Annex1Form(forms.Form):
    organisation_signed_on = _date(_("Signed by the organisation on"))
    chair_signed_on = _date(_("Signed by the chair of the steering group on"))
    signed_copy = forms.FileField(label=_("Signed copy of Annex 1"), required=False)


class SignatureForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    signed_on = _date(_("Date signed"))
    signed_by = forms.CharField(label=_("Signed by (name and function)"), max_length=200)
    signed_copy = forms.FileField(label=_("Signed copy"), required=False)
    amendment = forms.ModelChoiceField(
        label=_("Signing again after an amendment (Art. 22.2)"),
        queryset=Amendment.objects.filter(adopted_on__isnull=False),
        required=False,
    )

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parties is not None:
            _limit_parties(self.fields["party"], parties)


class CovenantDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    annex = forms.IntegerField(
        label=_("Annex number"),
        min_value=1,
        max_value=20,
        required=False,
        help_text=_("Empty for the text of the covenant itself."),
    )
    file = forms.FileField(label=_("File"))


class MeetingForm(forms.Form):
    body = forms.ChoiceField(
        label=_("Body"),
        choices=[("steering_group", _("Steering group")), ("core_group", _("Core group"))],
    )
    held_on = _date(_("Date"))
    location = forms.CharField(label=_("Location"), max_length=200, required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    file = forms.FileField(label=_("File"))


class AttendanceForm(forms.Form):
    absent = forms.MultipleChoiceField(
        label=_("Absent members"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["absent"].choices = [(str(m.pk), str(m)) for m in members]  # type: ignore[attr-defined]


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Proposal"), max_length=200)
    text = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    affects = forms.ModelMultipleChoiceField(
        label=_("Parties substantially affected"),
        queryset=Party.objects.none(),
        required=False,
        help_text=_(
            "Art. 5.5, 7.2: without written input of an absent member, the decision "
            "waits until that party has been heard."
        ),
    )
    raises_contribution = forms.BooleanField(
        label=_("Raises a party's financial or staff contribution (Art. 5.7, 7.4)"),
        required=False,
    )
    changes_services = forms.BooleanField(
        label=_("Changes the services of the house (Art. 5.7, 7.4)"), required=False
    )

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parties is not None:
            self.fields["affects"].queryset = parties  # type: ignore[attr-defined]


VOTE_CHOICES = [
    (Vote.FOR.value, _("For")),
    (Vote.AGAINST.value, _("Against")),
    (Vote.ABSTAIN.value, _("Abstain")),
]


class VoteForm(forms.Form):
    vote = forms.ChoiceField(label=_("Vote"), choices=VOTE_CHOICES)


class RecordVotesForm(forms.Form):
    """The secretary records the votes cast in the meeting, one field per present member."""

    def __init__(self, *args: Any, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for member in members:
            self.fields[f"m{member.pk}"] = forms.ChoiceField(
                label=str(member), choices=[("", "–"), *VOTE_CHOICES], required=False
            )


class WrittenInputForm(forms.Form):
    text = forms.CharField(label=_("Written input"), widget=forms.Textarea(attrs={"rows": 3}))


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}))


class NoticeForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (Departure.Kind.NOTICE.value, _("Notice (Art. 23.1b)")),
            (Departure.Kind.CEASED.value, _("The party ceases to exist (Art. 23.1c)")),
            (Departure.Kind.WITHDRAWAL.value, _("Withdrawal after an amendment (Art. 22.3)")),
        ],
    )
    amendment = forms.ModelChoiceField(
        label=_("Amendment found unacceptable"),
        queryset=Amendment.objects.filter(adopted_on__isnull=False),
        required=False,
        help_text=_(
            "Only for a withdrawal: the party leaves when the amended covenant takes "
            "effect (Art. 22.3)."
        ),
    )
    given_on = _date(
        _("Date of the letter"),
        help_text=_(
            "Notice given at the latest on 30 June takes effect on 1 January; later "
            "notice a year later (Art. 23.1b)."
        ),
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parties is not None:
            _limit_parties(self.fields["party"], parties)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Departure.Kind.WITHDRAWAL.value and not data.get("amendment"):
            self.add_error("amendment", _("Choose the amendment the party finds unacceptable."))
        return data


class ExclusionForm(forms.Form):
    """Art. 23.2: the steering group may exclude a party by majority, after a notice of
    default and after hearing it."""

    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    breach = forms.CharField(
        label=_("What the party does not comply with"), widget=forms.Textarea(attrs={"rows": 2})
    )
    notice_of_default_on = _date(_("Notice of default sent on"), required=False)
    heard_on = _date(_("Party heard on"), required=False)
    meeting = forms.ModelChoiceField(
        label=_("Meeting of the steering group"), queryset=Meeting.objects.none()
    )

    def __init__(
        self, *args: Any, parties: Any = None, meetings: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if parties is not None:
            _limit_parties(self.fields["party"], parties)
        if meetings is not None:
            self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class AnnualPlanForm(forms.Form):
    vision = forms.CharField(
        label=_("Long-term vision (Art. 4.4a)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    priorities = forms.CharField(
        label=_("Priorities for the year (Art. 4.4b)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    budget = forms.CharField(
        label=_("Budget (Art. 4.4c)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    accounts = forms.CharField(
        label=_("Accounts and annual report (Art. 4.4c)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    quality = forms.CharField(
        label=_("Quality and information security (Art. 4.4d)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    target_groups = forms.CharField(
        label=_("Target groups (Art. 4.4e)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class AmendmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    articles_changed = forms.CharField(
        label=_("Articles changed"), max_length=200, help_text=_("For example: 2.3, 16, Bijlage 2")
    )
    effective_on = _date(_("Takes effect on"))


CORE_ROLE_CHOICES = [
    ("", "–"),
    (CoreRole.PARTNER_DELEGATE.value, _("Delegate of a partner (Art. 6.3a)")),
    (CoreRole.MUNICIPAL_DELEGATE.value, _("Municipal delegate (Art. 6.5)")),
    (CoreRole.PROCESS_DIRECTOR.value, _("Process director (Art. 6.3b)")),
    (CoreRole.MANAGER.value, _("Manager of the house (Art. 6.3c)")),
]


class SeatForm(forms.Form):
    """A seat in the steering group or the core group (Art. 4.3, 6.3, 6.5, Annex 4)."""

    body = forms.ChoiceField(
        label=_("Body"),
        choices=[
            (Body.STEERING_GROUP.value, _("Steering group")),
            (Body.CORE_GROUP.value, _("Core group")),
        ],
    )
    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name"),
    )
    party = forms.ModelChoiceField(
        label=_("Speaks for party"), queryset=Party.objects.none(), required=False
    )
    seat = forms.CharField(
        label=_("Seat"),
        max_length=200,
        required=False,
        help_text=_("For example: chair, care, police."),
    )
    core_role = forms.ChoiceField(
        label=_("Role in the core group"), choices=CORE_ROLE_CHOICES, required=False
    )
    mandated_by = forms.ModelMultipleChoiceField(
        label=_("Mandated by the municipalities (Art. 6.5)"),
        queryset=Party.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("At most three municipal delegates sit in the core group."),
    )
    mandate_accepted_in_writing = forms.BooleanField(
        label=_("The delegate accepted the mandate in writing (Annex 4)"), required=False
    )
    since = _date(_("Since"))

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parties is not None:
            self.fields["party"].queryset = parties  # type: ignore[attr-defined]
            self.fields["mandated_by"].queryset = parties.filter(  # type: ignore[attr-defined]
                kind=PartyKind.municipality.value
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("core_role")
        if role and data.get("body") != Body.CORE_GROUP.value:
            self.add_error("core_role", _("Only a seat in the core group has a role there."))
        if role == CoreRole.MUNICIPAL_DELEGATE.value and not data.get("mandated_by"):
            self.add_error(
                "mandated_by", _("A municipal delegate is mandated by municipalities (Art. 6.5).")
            )
        if data.get("mandated_by") and role != CoreRole.MUNICIPAL_DELEGATE.value:
            self.add_error("mandated_by", _("Only a municipal delegate has a mandate."))
        return data


class SeatEndForm(forms.Form):
    until = _date(_("Ends on"), help_text=_("The first day without the seat."))


class DvoOutcomeForm(forms.Form):
    """Art. 5.6, 5.7: what the District Safety Council decided on an escalated matter."""

    escalation = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.CharField(
        label=_("Decision of the District Safety Council"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    decided_on = _date(_("Decided on"))
