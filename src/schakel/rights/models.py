"""The register of requests by subjects (AVG Art. 15-21), their handling, the rectifications
routed to providing parties, and per person whether they were informed.

Rights are kept per person, not per case (a case often covers a family): a request and the
informing record hang on the person's *anchor* subject row (see `selectors.person_rows`).
Free text is encrypted at rest like information items: it may quote special-category data.
Reads go through `selectors.py`, writes through `services.py`; rules live in
`domain/subject_rights.py`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.cases.models import Subject
from schakel.core.fields import EncryptedTextField
from schakel.parties.models import Party
from schakel.sharing.models import InformationItem


class RequestKind(models.TextChoices):
    access = "access", _("Access")
    rectification = "rectification", _("Rectification")
    erasure = "erasure", _("Erasure")
    objection = "objection", _("Objection")


class RequestStatus(models.TextChoices):
    received = "received", _("Received")
    in_progress = "in_progress", _("Being handled")
    completed = "completed", _("Completed")


class Outcome(models.TextChoices):
    granted = "granted", _("Granted")
    partially_granted = "partially_granted", _("Partially granted")
    refused = "refused", _("Refused")


class SubjectRequest(models.Model):
    """One request by a person. Deleting the person (retention) deletes their requests too:
    a request holds personal data and is no receipt."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    received_on = models.DateField()
    deadline = models.DateField()  # AVG Art. 12.3, from domain.subject_rights
    extended_deadline = models.DateField(null=True, blank=True)
    extension_reason = EncryptedTextField(blank=True)
    description = EncryptedTextField()  # what the person asks, in their words
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.received
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    grounds = EncryptedTextField(blank=True)  # required for a refusal and for any erasure
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["status", "deadline", "id"], name="request_status_deadline"),
            models.Index(fields=["subject", "received_on"], name="request_subject"),
        ]

    def __str__(self) -> str:
        return f"SubjectRequest {self.pk}"

    @property
    def current_deadline(self) -> date:
        return self.extended_deadline or self.deadline


class RequestNote(models.Model):
    """A handling note: the timeline of one request."""

    request = models.ForeignKey(SubjectRequest, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"RequestNote {self.pk}"


class RectificationAnswer(models.TextChoices):
    pending = "pending", _("Waiting for the providing party")
    corrected = "corrected", _("Corrected")
    supplemented = "supplemented", _("Supplementary statement added")
    refused = "refused", _("Refused")


class Rectification(models.Model):
    """A rectification request routed to the party that provided one item (Art. 12.2f: that
    party is the controller for the item and decides on its correction, AVG Art. 16)."""

    request = models.ForeignKey(
        SubjectRequest, on_delete=models.CASCADE, related_name="rectifications"
    )
    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="+")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    routed_at = models.DateTimeField()
    question = EncryptedTextField()  # what the providing party is asked to correct
    answer = models.CharField(
        max_length=20, choices=RectificationAnswer.choices, default=RectificationAnswer.pending
    )
    answer_note = EncryptedTextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["routed_at", "id"]
        indexes = [models.Index(fields=["party", "answer", "id"], name="rectification_party")]
        constraints = [
            models.UniqueConstraint(fields=["request", "item"], name="rectification_once")
        ]

    def __str__(self) -> str:
        return f"Rectification {self.pk}"


class InformingState(models.TextChoices):
    not_yet = "not_yet", _("Not informed yet")
    informed = "informed", _("Informed")
    postponed = "postponed", _("Informing postponed")


class SubjectInforming(models.Model):
    """Per person: whether and when they were informed, or why informing is postponed and when
    that is reviewed (AVG Art. 13-14, 23; Bijlage 3, Fase 4 "informeren betrokkene")."""

    subject = models.OneToOneField(Subject, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        max_length=20, choices=InformingState.choices, default=InformingState.not_yet
    )
    informed_on = models.DateField(null=True, blank=True)
    postponed_reason = EncryptedTextField(blank=True)
    review_on = models.DateField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"SubjectInforming {self.pk}"
