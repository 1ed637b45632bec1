"""People who use Schakel: every user belongs to exactly one party and holds roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.domain.roles import Role


class User(AbstractUser):
    # The party the user acts for. PROTECT: a party with users cannot silently disappear.
    party = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="users", verbose_name=_("party")
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)

    REQUIRED_FIELDS = ["email", "party"]

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignment(models.Model):
    """A role from the covenant held by a user (Art. 3.1, 4.3, 6.3)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=40, choices=[(r.value, r.value) for r in Role])
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="role_once")]
        indexes = [models.Index(fields=["role"], name="role_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}"


class ApiToken(models.Model):
    """A token for a partner system. Only its SHA-256 is stored; the secret is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
