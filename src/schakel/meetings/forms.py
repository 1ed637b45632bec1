"""The meeting forms: they check form (types, required); the services check meaning."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schakel.cases.models import Case
from schakel.domain.roles import Role
from schakel.domain.workflow import DECISION_LABELS_NL, Decision
from schakel.meetings.models import Attendance, Invitation, MeetingKind
from schakel.meetings.selectors import invitable_parties, people_with_role

TEXT = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class NamedChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "name", None) or obj.get_full_name() or obj)


class CaseChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number} ({obj.get_phase_display()})"


def aware(day: date | None, moment: time | None) -> datetime | None:
    if day is None or moment is None:
        return None
    return timezone.make_aware(datetime.combine(day, moment))


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("A plain title without personal data: it goes into e-mail and calendars."),
    )
    day = forms.DateField(label=_("Date"), widget=DATE)
    start_time = forms.TimeField(label=_("Start time"), widget=TIME)
    end_time = forms.TimeField(label=_("End time"), widget=TIME)
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_url = forms.URLField(
        label=_("Video link"), max_length=300, required=False, assume_scheme="https"
    )
    chair = NamedChoice(label=_("Chair (process director)"), queryset=None)
    secretary = NamedChoice(label=_("Secretary"), queryset=None)
    repeat_weeks = forms.IntegerField(
        label=_("Repeat weekly for this many more weeks"),
        min_value=0,
        max_value=12,
        required=False,
        help_text=_("For a regional table that meets every week; each sitting has its own agenda."),
    )
    SERVICE_FIELDS = {"starts_at": "start_time", "ends_at": "end_time"}

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people_with_role(Role.process_director)  # type: ignore[attr-defined]
        self.fields["secretary"].queryset = people_with_role(Role.conference_secretary)  # type: ignore[attr-defined]
        if editing:
            del self.fields["repeat_weeks"]
            self.fields["kind"].disabled = True

    def service_field(self, name: str) -> str | None:
        name = self.SERVICE_FIELDS.get(name, name)
        return name if name in self.fields else None


class ItemForm(forms.Form):
    case = CaseChoice(label=_("Case"), queryset=Case.objects.none())
    goal = forms.CharField(label=_("Goal of discussing this case"), widget=TEXT, max_length=2000)
    decisions_needed = forms.CharField(label=_("Decisions needed"), widget=TEXT, max_length=2000)
    themes = forms.CharField(
        label=_("Themes (Art. 12.2c)"), widget=forms.TextInput, max_length=2000
    )

    def __init__(self, *args: Any, cases: QuerySet[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]


class InviteForm(forms.Form):
    party = NamedChoice(label=_("Party"), queryset=None)
    justification = forms.CharField(
        label=_("Why this party is lawfully and directly involved (Art. 12.2e)"),
        widget=TEXT,
        error_messages={
            "required": _("Record why this party may lawfully and directly take part (Art. 12.2e).")
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = invitable_parties()  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    def __init__(self, *args: Any, invitations: list[Invitation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        for inv in invitations:
            self.fields[f"attendance_{inv.pk}"] = forms.ChoiceField(
                label=str(inv.party.name), choices=Attendance.choices, initial=inv.attendance
            )
            self.fields[f"attendee_{inv.pk}"] = forms.CharField(
                label=_("Attended for %(party)s") % {"party": inv.party.name},
                max_length=200,
                required=False,
                initial=inv.attendee,
            )

    def rows(self) -> list[tuple[int, str, str]]:
        d = self.cleaned_data
        return [(i.pk, d[f"attendance_{i.pk}"], d[f"attendee_{i.pk}"]) for i in self.invitations]


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes of this item"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the minutes.")},
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision of the case conference"),
        choices=[(d.value, DECISION_LABELS_NL[d]) for d in Decision],
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        widget=TEXT,
        error_messages={"required": _("Record the motivation of the decision.")},
    )
