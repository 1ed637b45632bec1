"""The signatories of the covenant, the covenant's versions, and who is a member when."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.domain.parties import PartyDomain, PartyKind


class Party(models.Model):
    """A signatory organisation (a municipality or a partner), or the house itself."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=[(k.value, k.value) for k in PartyKind]
    )
    domain = models.CharField(
        _("domain"), max_length=20, choices=[(d.value, d.value) for d in PartyDomain]
    )
    # Art. 6.3a: the core group has one delegate per core partner.
    is_core_partner = models.BooleanField(_("core partner"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return self.name


class Covenant(models.Model):
    """A version of the covenant (Art. 22: amendments create a new version)."""

    title = models.CharField(_("title"), max_length=300)
    version = models.CharField(_("version"), max_length=40)
    signed_on = models.DateField(_("date signed"))

    class Meta:
        ordering = ["-signed_on"]
        constraints = [
            models.UniqueConstraint(fields=["title", "version"], name="covenant_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Membership(models.Model):
    """A party's participation in a covenant: from joining (or signing) until leaving."""

    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="memberships")
    covenant = models.ForeignKey(Covenant, on_delete=models.PROTECT, related_name="memberships")
    joined_on = models.DateField(_("joined"))
    # Art. 23: from this day the party and its users have no access to cases.
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["party__name"]
        constraints = [
            models.UniqueConstraint(fields=["party", "covenant"], name="membership_once"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} / {self.covenant}"
