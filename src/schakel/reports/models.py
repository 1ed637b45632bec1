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
    # Derived from the history when the row is written (`derived.lead_values`), one slot per
    # `figures.LEAD_PAIRS` entry: the day the target phase was reached and the days it took.
    # They let the database group and rank lead times (docs/reports.md, "Computed in SQL").
    lead_1_on = models.DateField(null=True, blank=True)
    lead_1_days = models.IntegerField(null=True, blank=True)
    lead_2_on = models.DateField(null=True, blank=True)
    lead_2_days = models.IntegerField(null=True, blank=True)
    lead_3_on = models.DateField(null=True, blank=True)
    lead_3_days = models.IntegerField(null=True, blank=True)
    lead_4_on = models.DateField(null=True, blank=True)
    lead_4_days = models.IntegerField(null=True, blank=True)
    lead_5_on = models.DateField(null=True, blank=True)
    lead_5_days = models.IntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["referred_on"]),
            models.Index(fields=["closed_on"]),
        ]

    def __str__(self) -> str:
        return f"statistic {self.key}"


class PhaseSpan(models.Model):
    """The days one case spent in one open phase (`lead_times.phase_spans`), with the keys of
    its statistic copied, so the caseload on any day is one indexed count (no history read).
    Anonymous like its statistic, and rewritten with it."""

    statistic = models.ForeignKey(CaseStatistic, on_delete=models.CASCADE, related_name="spans")
    phase = models.CharField(max_length=40)
    start_on = models.DateField()
    end_on = models.DateField(null=True, blank=True)  # exclusive; None: still in the phase
    target_group = models.CharField(max_length=40, blank=True)
    municipality_id = models.BigIntegerField(null=True, blank=True)
    referring_party_id = models.BigIntegerField(null=True, blank=True)
    process_director_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["end_on", "start_on"], name="phasespan_end_start"),
            models.Index(fields=["start_on"], name="phasespan_start"),
        ]

    def __str__(self) -> str:
        return f"span {self.phase} {self.start_on}"


class MonthlyCount(models.Model):
    """The statistics counted per calendar month, breakdown key and measure (`derived.
    contributions`): what the report sums instead of reading every statistic (issue 8: the
    five-year report over a million cases in under 2 s). Kept by `case_statistic_record` in
    the same transaction as the statistic (the difference between the old and the new row);
    `derived.rebuild_counts` recomputes it from the statistics. Anonymous: counts only."""

    month = models.DateField()  # the first day of the month
    dimension = models.CharField(max_length=20)
    key = models.CharField(max_length=40, blank=True)  # "" when not recorded
    measure = models.CharField(max_length=40)
    n = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "month", "key", "measure"], name="monthlycount_one_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.dimension} {self.key} {self.measure}: {self.n}"


class FiguresVersion(models.Model):
    """One row whose token is replaced in the same transaction as every change to the
    statistics (`counts.figures_changed`): a report kept under one token is never served after
    the figures it was counted from changed (`reports/cache.py`). A fresh random token rather
    than a counter, so that a rolled-back change can never hand its number to the next one."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"figures version {self.token}"


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
