"""Anonymous case statistics and the house's finances (Art. 11.3e, 19).

`CaseStatistic` is the pre-aggregate the indicators are computed from: one row per case, with
dates, enums and the keys of organisations and staff -- never a name, BSN or case content. The
only link to the case is `case_ref`, which the retention sweep nulls when the case is deleted;
`key` is random, so the row survives deletion without pointing at anyone (Art. 1.12).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from schakel.domain.target_groups import TargetGroup
from schakel.domain.workflow import Decision
from schakel.parties.models import Party


def _random_key() -> int:
    # 62 bits: fits a signed 64-bit column; random, so it says nothing about the case id.
    return secrets.randbits(62)


class CaseStatistic(models.Model):
    key = models.BigIntegerField(unique=True, default=_random_key, editable=False)
    # Nulled by the retention sweep when the case itself is deleted.
    case_ref = models.BigIntegerField(null=True, blank=True, unique=True)
    referred_on = models.DateField()
    triage_decided_on = models.DateField(null=True, blank=True)
    admitted = models.BooleanField(null=True, blank=True)
    decision = models.CharField(
        max_length=40, blank=True, choices=[(d.value, d.value) for d in Decision]
    )
    decision_on = models.DateField(null=True, blank=True)
    phase_history = models.JSONField(default=list, blank=True)  # [[phase, "YYYY-MM-DD"], ...]
    closed_on = models.DateField(null=True, blank=True)
    closed_successfully = models.BooleanField(null=True, blank=True)
    target_group = models.CharField(
        max_length=40, blank=True, choices=[(g.value, g.value) for g in TargetGroup]
    )
    # Keys only (no foreign keys): the statistic must outlive any row it once pointed at.
    municipality_id = models.BigIntegerField(null=True, blank=True)
    referring_party_id = models.BigIntegerField(null=True, blank=True)
    process_director_id = models.BigIntegerField(null=True, blank=True)
    open_actions = models.PositiveIntegerField(default=0)
    overdue_actions = models.PositiveIntegerField(default=0)
    actions_counted_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["referred_on"]),
            models.Index(fields=["closed_on"]),
        ]

    def __str__(self) -> str:
        return f"statistic {self.key}"


class BudgetYear(models.Model):
    """The budget of one calendar year, as adopted with the annual plan (Art. 4.4c)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Art. 4.4b: the annual plan's priorities, as targets the report compares against.
    target_referrals = models.PositiveIntegerField(_("target: referrals"), null=True, blank=True)
    target_closed_successfully = models.PositiveIntegerField(
        _("target: cases completed successfully"), null=True, blank=True
    )
    priorities = models.TextField(_("priorities"), blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class BudgetLine(models.Model):
    budget_year = models.ForeignKey(BudgetYear, on_delete=models.PROTECT, related_name="lines")
    category = models.CharField(_("category"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount_cents = models.BigIntegerField(_("amount in cents"))

    class Meta:
        ordering = ["category", "id"]

    def __str__(self) -> str:
        return f"{self.category} {self.budget_year_id}"


class Contribution(models.Model):
    """A party's contribution for a year (Art. 19.1): money and staff in kind."""

    budget_year = models.ForeignKey(
        BudgetYear, on_delete=models.PROTECT, related_name="contributions"
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    money_cents = models.BigIntegerField(_("money in cents"), default=0)
    staff_fte = models.DecimalField(_("staff in FTE"), max_digits=6, decimal_places=2, default=0)
    staff_description = models.CharField(_("staff description"), max_length=300, blank=True)

    class Meta:
        ordering = ["party__name", "id"]

    def __str__(self) -> str:
        return f"contribution {self.pk}"


class Expenditure(models.Model):
    budget_year = models.ForeignKey(
        BudgetYear, on_delete=models.PROTECT, related_name="expenditures"
    )
    spent_on = models.DateField(_("date"))
    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="expenditures")
    description = models.CharField(_("description"), max_length=300)
    amount_cents = models.BigIntegerField(_("amount in cents"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-spent_on", "-id"]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.description}"


class ReportNote(models.Model):
    """The manager's "other points of attention" for one report period (Art. 11.3e)."""

    period_kind = models.CharField(max_length=10)
    period_start = models.DateField()
    text = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start"], name="reports_note_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"note {self.period_kind} {self.period_start}"
