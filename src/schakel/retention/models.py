"""Retention: the house's schedule overrides, legal holds and deletion receipts (issue #5).

The schedule itself is data in `schakel.domain.retention`; a house changes a rule's period or
reference in settings (`SCHAKEL_RETENTION_SCHEDULE`) or on the screen (`RetentionRuleSetting`).
Receipts prove a deletion without keeping what was deleted: case number, rule, counts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from schakel.cases.models import Case


class RetentionRuleSetting(models.Model):
    """The house's own period and reference for one rule of the default schedule (art. 11)."""

    code = models.CharField(max_length=40, unique=True)
    months = models.PositiveIntegerField(default=0)
    days = models.PositiveIntegerField(default=0)
    legal_reference = models.CharField(max_length=300)
    description_nl = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"RetentionRuleSetting {self.code}"


class LegalHold(models.Model):
    """A pause on deleting one case (e.g. a pending access request or complaint).

    Goes with the case when its identity is finally deleted (CASCADE): the reason may name the
    request, so it must not outlive the case.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField()
    until = models.DateField()  # the last day of the hold
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["until", "id"]
        indexes = [models.Index(fields=["case", "lifted_at", "until"], name="hold_case_active")]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(lifted_at__isnull=True), name="hold_one_active"
            )
        ]

    def __str__(self) -> str:
        return f"LegalHold {self.pk}"


class DeletionReceipt(models.Model):
    """Proof that a rule was carried out for a case; holds no personal data (Art. 1.12)."""

    case_number = models.CharField(max_length=20)
    rule_code = models.CharField(max_length=40)
    effect = models.CharField(max_length=20)
    legal_reference = models.CharField(max_length=300)
    classes = models.JSONField(default=dict)  # {"sharing.InformationItem": 3, ...}
    row_count = models.PositiveIntegerField(default=0)
    file_count = models.PositiveIntegerField(default=0)
    deleted_at = models.DateTimeField()
    run_id = models.CharField(max_length=40)

    class Meta:
        ordering = ["-deleted_at", "-id"]
        indexes = [models.Index(fields=["-deleted_at", "-id"], name="receipt_keyset")]
        constraints = [
            models.UniqueConstraint(fields=["case_number", "rule_code"], name="receipt_once")
        ]

    def __str__(self) -> str:
        return f"DeletionReceipt {self.case_number} {self.rule_code}"
