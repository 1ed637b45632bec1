"""Governance of the house: the covenant register, joining and leaving, the two bodies, their
meetings, motions and votes, the annual plan and amendments (Art. 4-7, 19-23, Bijlage 1).

The rules live in `schakel.domain.covenant` / `covenant_votes`; these tables only keep what
happened. No personal data of subjects is kept here: members are users of the house.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.domain.covenant_votes import Body, CoreRole, Result, Vote
from schakel.domain.parties import PartyDomain, PartyKind

BODY_CHOICES = [(Body.STEERING_GROUP.value, "Stuurgroep"), (Body.CORE_GROUP.value, "Kerngroep")]
ALL_BODY_CHOICES = [(b.value, b.label) for b in Body]


def _user_fk(related: str, *, null: bool = False) -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name=related,
        null=null,
        blank=null,
    )


class GovModel(models.Model):
    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"


# --- Covenant register (Art. 22, 23.1a) ---------------------------------------------------------


class CovenantDocument(GovModel):
    """The text of a covenant version or one of its annexes, as a file."""

    covenant = models.ForeignKey(
        "parties.Covenant", on_delete=models.PROTECT, related_name="documents"
    )
    annex = models.PositiveSmallIntegerField(_("annex"), null=True, blank=True)  # None: main text
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="governance/covenant/")
    uploaded_by = _user_fk("+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["covenant_id", "annex", "id"]


class Signature(GovModel):
    """A party's signature under a covenant version (or, with `amendment`, its re-signing 22.2)."""

    covenant = models.ForeignKey(
        "parties.Covenant", on_delete=models.PROTECT, related_name="signatures"
    )
    amendment = models.ForeignKey(
        "Amendment", on_delete=models.PROTECT, related_name="signatures", null=True, blank=True
    )
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("date signed"))
    signed_by = models.CharField(_("signed by (name and function)"), max_length=200)
    signed_copy = models.FileField(_("signed copy"), upload_to="governance/signed/", blank=True)
    recorded_by = _user_fk("+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["party__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "party"],
                condition=models.Q(amendment__isnull=True),
                name="signature_once",
            ),
            models.UniqueConstraint(
                fields=["amendment", "party"],
                condition=models.Q(amendment__isnull=False),
                name="resignature_once",
            ),
        ]


# --- Bodies and meetings (Art. 4, 6) ------------------------------------------------------------


class BodyMember(models.Model):
    """A seat in the Stuurgroep or the Kerngroepoverleg (Art. 4.3, 6.3, 6.5)."""

    body = models.CharField(_("body"), max_length=30, choices=BODY_CHOICES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="body_seats"
    )
    # The party this member speaks for (None for the manager and process directors).
    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    seat = models.CharField(_("seat"), max_length=200, blank=True)  # "voorzitter", "GGZ", ...
    core_role = models.CharField(
        _("role in the core group"),
        max_length=30,
        choices=[(r.value, r.value) for r in CoreRole],
        blank=True,
    )
    # Art. 6.5, Bijlage 4: municipalities that mandated this delegate, accepted in writing.
    mandated_by = models.ManyToManyField("parties.Party", related_name="+", blank=True)
    mandate_accepted_in_writing = models.BooleanField(default=False)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["body", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "user"],
                condition=models.Q(until__isnull=True),
                name="bodymember_once",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)


class Meeting(GovModel):
    class Status(models.TextChoices):
        PLANNED = "planned"
        HELD = "held"

    body = models.CharField(_("body"), max_length=30, choices=BODY_CHOICES)
    held_on = models.DateField(_("date"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    # Art. 6.2: the Kerngroepoverleg also meets on a party's request.
    requested_by = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    created_by = _user_fk("+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["body", "held_on"], name="meeting_body_date_idx")]

    def __str__(self) -> str:
        return f"{Body(self.body).label} {self.held_on:%d-%m-%Y}"


class Attendance(GovModel):
    """Who was present (Art. 5.5, 7.2: the absent are asked for written input)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(BodyMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once")
        ]


class AgendaItem(GovModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["position", "id"]


class MeetingDocument(GovModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="governance/meetings/")
    uploaded_by = _user_fk("+")
    uploaded_at = models.DateTimeField(auto_now_add=True)


class Minutes(GovModel):
    """The report of a meeting (Art. 4.7, 6.7), distributed to the members."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"))
    written_by = _user_fk("+")
    distributed_at = models.DateTimeField(null=True, blank=True)


# --- Joining (Art. 21, Bijlage 1) ---------------------------------------------------------------


class JoinRequest(GovModel):
    covenant = models.ForeignKey("parties.Covenant", on_delete=models.PROTECT, related_name="+")
    organisation = models.CharField(_("organisation"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80)
    kind = models.CharField(max_length=20, choices=[(k.value, k.value) for k in PartyKind])
    domain = models.CharField(max_length=20, choices=[(d.value, d.value) for d in PartyDomain])
    seat = models.CharField(_("registered seat"), max_length=200)  # statutair gevestigd te
    address = models.CharField(_("office address"), max_length=300)  # kantoorhoudend aan
    representative = models.CharField(_("authorised representative"), max_length=200)
    representative_function = models.CharField(_("function"), max_length=200)
    contribution = models.TextField(_("contribution to the aims of Art. 2"))  # Art. 21.1
    received_by = _user_fk("+")  # Art. 21.2: a member of the Stuurgroep or Kerngroepoverleg
    received_via = models.CharField(max_length=30, choices=BODY_CHOICES)
    requested_on = models.DateField(_("requested on"))
    parties_informed_on = models.DateField(null=True, blank=True)  # Art. 21.3
    decision = models.ForeignKey(
        "Motion", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_on = models.DateField(null=True, blank=True)
    annex1_signed_by_organisation_on = models.DateField(null=True, blank=True)
    annex1_signed_by_chair_on = models.DateField(null=True, blank=True)
    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_on", "-id"]


class JoinConsent(GovModel):
    class Answer(models.TextChoices):
        AGREED = "agreed"
        REFUSED = "refused"

    join_request = models.ForeignKey(JoinRequest, on_delete=models.CASCADE, related_name="consents")
    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=10, choices=Answer.choices)
    answered_on = models.DateField()
    recorded_by = _user_fk("+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["join_request", "party"], name="consent_once")
        ]


# --- Leaving (Art. 22.3, 23) --------------------------------------------------------------------


class Departure(GovModel):
    """A party leaving: notice, ceasing to exist, withdrawal over an amendment, or exclusion."""

    class Kind(models.TextChoices):
        NOTICE = "notice"  # Art. 23.1b
        CEASED = "ceased"  # Art. 23.1c
        WITHDRAWAL = "withdrawal"  # Art. 22.3
        EXCLUSION = "exclusion"  # Art. 23.2

    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    covenant = models.ForeignKey("parties.Covenant", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    given_on = models.DateField(_("date"))  # the letter, the day it ceased, the decision
    effective_on = models.DateField()
    amendment = models.ForeignKey(
        "Amendment", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    exclusion = models.ForeignKey(
        "Exclusion", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = _user_fk("+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [models.UniqueConstraint(fields=["party", "covenant"], name="departure_once")]


class Exclusion(GovModel):
    """Art. 23.2: exclusion by the Stuurgroep, after a notice of default and a hearing."""

    party = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+")
    covenant = models.ForeignKey("parties.Covenant", on_delete=models.PROTECT, related_name="+")
    breach = models.TextField(_("what the party does not comply with"))
    notice_of_default_on = models.DateField(null=True, blank=True)
    heard_on = models.DateField(null=True, blank=True)
    recorded_by = _user_fk("+")


# --- Motions, votes, written input, escalation (Art. 5, 7) --------------------------------------


class Motion(GovModel):
    class Kind(models.TextChoices):
        GENERAL = "general"
        JOIN = "join"  # Art. 4.5c, 21.4
        EXCLUSION = "exclusion"  # Art. 23.2
        AMENDMENT = "amendment"  # Art. 22.1
        ANNUAL_PLAN = "annual_plan"  # Art. 4.4

    class Status(models.TextChoices):
        OPEN = "open"
        DECIDED = "decided"

    body = models.CharField(_("body"), max_length=30, choices=BODY_CHOICES)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="motions", null=True, blank=True
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("proposal"), blank=True)
    affects = models.ManyToManyField("parties.Party", related_name="+", blank=True)
    heard = models.ManyToManyField("parties.Party", related_name="+", blank=True)
    raises_contribution = models.BooleanField(default=False)  # Art. 5.7, 7.4
    changes_services = models.BooleanField(default=False)  # Art. 5.7, 7.4
    join_request = models.ForeignKey(
        JoinRequest, on_delete=models.PROTECT, related_name="motions", null=True, blank=True
    )
    exclusion = models.ForeignKey(
        Exclusion, on_delete=models.PROTECT, related_name="motions", null=True, blank=True
    )
    amendment = models.ForeignKey(
        "Amendment", on_delete=models.PROTECT, related_name="motions", null=True, blank=True
    )
    annual_plan = models.ForeignKey(
        "AnnualPlan", on_delete=models.PROTECT, related_name="motions", null=True, blank=True
    )
    escalated_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    result = models.CharField(
        max_length=20, choices=[(r.value, r.value) for r in Result], blank=True
    )
    votes_for = models.PositiveSmallIntegerField(default=0)
    votes_against = models.PositiveSmallIntegerField(default=0)
    abstentions = models.PositiveSmallIntegerField(default=0)
    consensus = models.BooleanField(default=False)
    refer_to_dvo = models.BooleanField(default=False)
    discuss_in_rciv = models.BooleanField(default=False)
    reasons = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = _user_fk("+", null=True)
    # Art. 5.8: the members of the Kerngroepoverleg were informed in writing of the decision.
    core_group_informed_at = models.DateTimeField(null=True, blank=True)
    core_group_informed_count = models.PositiveSmallIntegerField(default=0)
    created_by = _user_fk("+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "decided_on"], name="motion_register_idx")]


class MotionVote(GovModel):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(BodyMember, on_delete=models.PROTECT, related_name="+")
    vote = models.CharField(max_length=10, choices=[(v.value, v.value) for v in Vote])
    cast_at = models.DateTimeField(auto_now=True)
    recorded_by = _user_fk("+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["motion", "member"], name="vote_once")]


class WrittenInput(GovModel):
    """Art. 5.5, 7.2: written input asked of an absent member, and when it arrived."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="written_input")
    member = models.ForeignKey(BodyMember, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    received_on = models.DateField(null=True, blank=True)
    text = models.TextField(_("written input"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["motion", "member"], name="written_input_once")
        ]


class Escalation(GovModel):
    """Art. 7.3, 5.6 (no decision) and 5.7 (contribution or services): a matter goes up."""

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="escalations")
    from_body = models.CharField(max_length=30, choices=ALL_BODY_CHOICES)
    to_body = models.CharField(max_length=30, choices=ALL_BODY_CHOICES)
    reason = models.TextField()
    follow_up = models.ForeignKey(
        Motion, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    escalated_on = models.DateField()
    # Art. 5.6, 5.7: what the Districtelijk Veiligheidsoverleg decided (the end of the chain).
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome_recorded_by = _user_fk("+", null=True)


# --- Annual plan (Art. 4.4, 4.6) ----------------------------------------------------------------


class AnnualPlan(GovModel):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    vision = models.TextField(_("long-term vision"), blank=True)  # 4.4a
    priorities = models.TextField(_("priorities"), blank=True)  # 4.4b
    budget = models.TextField(_("budget"), blank=True)  # 4.4c
    accounts = models.TextField(_("accounts and annual report"), blank=True)  # 4.4c
    quality = models.TextField(_("quality and information security"), blank=True)  # 4.4d
    target_groups = models.TextField(_("target groups"), blank=True)  # 4.4e
    adopted_on = models.DateField(null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)  # 4.6
    updated_by = _user_fk("+")

    class Meta:
        ordering = ["-year"]


# --- Amendments (Art. 22) -----------------------------------------------------------------------


class Amendment(GovModel):
    covenant = models.ForeignKey("parties.Covenant", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    articles_changed = models.CharField(_("articles changed"), max_length=200)  # "2.3, 16"
    effective_on = models.DateField(_("takes effect on"))
    adopted_on = models.DateField(null=True, blank=True)
    created_by = _user_fk("+")

    class Meta:
        ordering = ["-id"]

    def article_refs(self) -> list[str]:
        return [a.strip() for a in self.articles_changed.split(",") if a.strip()]
