"""The audit spine: append-only, hash-chained evidence of who did what, for whom, on which ground.

Rows hold pointers (ids) and pseudonyms, never case content or secrets (ARCHITECTURE rule 5),
so that retention can delete content while the log survives.
"""

from __future__ import annotations

from django.db import models


class AuditAction(models.TextChoices):
    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    DENIED = "denied"


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed"
    DENIED = "denied"


class AuditEvent(models.Model):
    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField()  # always UTC (USE_TZ)
    user_id = models.BigIntegerField(null=True)
    party_id = models.BigIntegerField(null=True)
    role = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    subject_pseudonym = models.CharField(max_length=64, blank=True)
    purpose = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=10, choices=AuditOutcome.choices)
    request_id = models.CharField(max_length=64, blank=True)
    client_address = models.GenericIPAddressField(null=True)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]
        indexes = [
            # The privacy officer's two questions: who saw this person, what did this user open.
            models.Index(fields=["subject_pseudonym", "id"], name="audit_subject_idx"),
            models.Index(fields=["user_id", "id"], name="audit_user_idx"),
            models.Index(fields=["occurred_at"], name="audit_time_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.id} {self.action} {self.object_type}:{self.object_id}"
