"""Information items on a case, the provider's releases, and consent for third parties.

An item belongs to the party that provided it (the controller for that item, Art. 12.2f); the
other parties see it only after that party released it to them (Art. 17.2). Reads go through
`selectors.py`, writes through `services.py`; the rules live in `domain.policy.decide_item`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.cases.models import Case
from schakel.core.fields import EncryptedTextField
from schakel.domain.workflow import PHASE_LABELS_NL, Phase
from schakel.parties.models import Party


class ItemKind(models.TextChoices):
    summary = "summary", _("Summary")
    risk = "risk", _("Risk")
    fact = "fact", _("Fact")


class Regime(models.TextChoices):
    """The legal regime the provider holds the information under."""

    avg = "avg", _("AVG (GDPR)")
    wpg = "wpg", _("Police Data Act (Wpg)")
    wjsg = "wjsg", _("Judicial and Criminal Records Act (Wjsg)")
    medical_secrecy = "medical_secrecy", _("Medical professional secrecy")
    other = "other", _("Other")


class Purpose(models.TextChoices):
    """What a release is for (Art. 17.2: per recipient and purpose)."""

    pre_conference = "pre_conference", _("Reading before the case conference")
    conference = "conference", _("At the case conference")
    plan = "plan", _("For the plan of action")


class ReleaseState(models.TextChoices):
    proposed = "proposed", _("Proposed")
    approved = "approved", _("Approved")
    refused = "refused", _("Refused")
    withdrawn = "withdrawn", _("Withdrawn")


class InformationItem(models.Model):
    """One contribution by one party to a case. The content is encrypted at rest."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="information_items")
    providing_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    phase = models.CharField(max_length=20, choices=[(p.value, PHASE_LABELS_NL[p]) for p in Phase])
    kind = models.CharField(max_length=20, choices=ItemKind.choices)
    regime = models.CharField(max_length=20, choices=Regime.choices)
    special_category = models.BooleanField(
        default=False,
        help_text=_("Health, criminal or other special-category data (AVG Art. 9 and 10)."),
    )
    title = models.CharField(
        max_length=120,
        help_text=_("A plain title without personal data: other parties see it before release."),
    )
    # Encrypted for every item (special-category or not): stricter than required, and one path.
    content = EncryptedTextField()
    conditions_of_use = models.TextField(blank=True)
    # Withdrawal of the whole item by its provider (Art. 17.2): it vanishes for everyone else.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"], name="item_case")]

    def __str__(self) -> str:
        return f"item {self.pk}"


class Release(models.Model):
    """The providing party's release of one item to one recipient party for one purpose."""

    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="releases")
    recipient_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    state = models.CharField(
        max_length=10, choices=ReleaseState.choices, default=ReleaseState.proposed
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField()
    proposal_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["recipient_party", "state", "item"], name="release_recipient"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "recipient_party", "purpose"],
                condition=models.Q(state__in=["proposed", "approved"]),
                name="one_open_release_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"release {self.pk}"


class ThirdPartyConsent(models.Model):
    """The provider's written consent to pass an item to a third party (Art. 9.2)."""

    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="consents")
    recipient = models.CharField(max_length=200)
    document_reference = models.CharField(max_length=200)
    consent_given_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"consent {self.pk}"


def _attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the uploader's file name may hold personal data and stays encrypted in
    # the row; the file on disk is Fernet ciphertext (see sharing.attachments).
    return f"attachments/{uuid.uuid4().hex}.bin"


class Attachment(models.Model):
    """A file attached to an information item (issue #4 item 1), encrypted at rest.

    The bytes are stored through Django's default storage (MEDIA_ROOT under SCHAKEL_VAR_DIR)
    as MultiFernet ciphertext with the field keys; reading goes only through
    `sharing.selectors.attachment_get_for` (decide_item + one audit read event). Deleting the
    row, also by cascade from its item or case, deletes the file once the transaction commits
    (`sharing.attachments`)."""

    # Files stored as Fernet ciphertext; `manage.py rotate_field_keys` re-encrypts them.
    ENCRYPTED_FILE_FIELDS = ("file",)

    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    name = EncryptedTextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"attachment {self.pk}"


class EmergencyAccess(models.Model):
    """Break-the-glass: a process director's time-boxed access to a case they do not direct.

    Granted only with a written reason (issue #4 item 5); the privacy officer and the case's
    process director are told at once, and the privacy officer reviews every grant."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The reason may describe the person: encrypted like item content.
    reason = EncryptedTextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_remark = models.TextField(blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        indexes = [
            models.Index(fields=["user", "case", "expires_at"], name="emergency_user_case"),
            models.Index(fields=["reviewed_at", "-granted_at"], name="emergency_review"),
        ]

    def __str__(self) -> str:
        return f"emergency access {self.pk}"
