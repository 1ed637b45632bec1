"""Turn a `Report` into what templates show: labelled rows, Dutch numbers, charts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from schakel.domain.indicators import DIMENSION_LABELS_NL, Change, Dimension
from schakel.domain.lead_times import LeadTimes
from schakel.domain.safe_export import TOTAL_NL, row_label
from schakel.domain.workflow import PHASE_LABELS_NL
from schakel.reports import charts
from schakel.reports.figures import TABLE_TITLES, Report
from schakel.reports.selectors import BudgetRow


def euro(cents: int) -> str:
    """Dutch notation: € 1.234,56."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}€ {whole:,}".replace(",", ".") + f",{rest:02d}"


def share(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def change_text(change: Change | None) -> str:
    if change is None:
        return _("not shown (small numbers)")
    text = f"{change.absolute:+d}"
    if change.relative is not None:
        text += f" ({round(change.relative * 100):+d}%)"
    return text


def table_view(code: str, table: Any, names: Mapping[int, str]) -> dict[str, Any]:
    labels = [row_label(key, names) for key in table.rows] + [TOTAL_NL]
    return {
        "code": code,
        "title": str(TABLE_TITLES[code]),
        "header": [DIMENSION_LABELS_NL[table.dimension], *table.column_labels, TOTAL_NL],
        "rows": [
            {"label": label, "cells": list(line), "total": label == TOTAL_NL}
            for label, line in zip(labels, table.grid, strict=True)
        ],
    }


def lead_view(lead: LeadTimes, names: Mapping[int, str]) -> dict[str, Any]:
    rows = [
        {"label": row_label(line.row, names), "line": line, "total": False} for line in lead.rows
    ]
    rows.append({"label": TOTAL_NL, "line": lead.total, "total": True})
    return {
        "title": f"{PHASE_LABELS_NL[lead.source]} → {PHASE_LABELS_NL[lead.target]}",
        "rows": rows,
    }


def report_view(
    report: Report, names: Mapping[int, str], municipalities: Mapping[int, str]
) -> dict[str, Any]:
    decisions = report.tables["decisions"]
    phases = report.tables["phases"]
    trend = report.trend
    trend_items = [
        (p.label_nl, trend.column_total(p.start.isoformat())) for p in report.trend_periods
    ]
    multiples = [
        {
            "label": row_label(key, municipalities),
            "chart": charts.column_chart(
                [(p.label_nl, line[i]) for i, p in enumerate(report.trend_periods)],
                _("Referrals per period, %(name)s") % {"name": row_label(key, municipalities)},
                width=200,
                height=60,
                small=True,
            ),
            "cells": list(line[:-1]),
        }
        for key, line in zip(trend.rows, trend.grid, strict=False)
    ]
    label = {"period": report.period.label_nl}
    decision_label = _("Decisions of the case conference in %(period)s") % label
    phase_label = _("Cases per phase at the end of %(period)s") % label
    return {
        "period": report.period,
        "previous": report.previous,
        "by_label": DIMENSION_LABELS_NL[report.by],
        "headlines": [{"h": h, "change": change_text(h.change)} for h in report.headlines],
        "success_share": share(report.success_share),
        "previous_success_share": share(report.previous_success_share),
        "tables": [table_view(code, table, names) for code, table in report.tables.items()],
        "leads": [lead_view(lead, names) for lead in report.lead_times],
        "targets": report.targets,
        "trend_chart": charts.column_chart(trend_items, _("Referrals per period")),
        "trend_labels": [p.label_nl for p in report.trend_periods],
        "multiples": multiples,
        "decision_label": decision_label,
        "decision_chart": charts.bar_chart(
            list(zip(decisions.column_labels, decisions.grid[-1][:-1], strict=False)),
            decision_label,
        ),
        "phase_label": phase_label,
        "phase_chart": charts.bar_chart(
            list(zip(phases.column_labels, phases.grid[-1][:-1], strict=False)), phase_label
        ),
    }


def budget_view(lines: list[BudgetRow]) -> dict[str, Any]:
    total_budget = sum(line.budget_cents for line in lines)
    total_actual = sum(line.actual_cents for line in lines)
    return {
        "lines": [
            {
                "category": line.category,
                "description": line.description,
                "budget": euro(line.budget_cents),
                "actual": euro(line.actual_cents),
                "remaining": euro(line.remaining_cents),
                "over": line.remaining_cents < 0,
            }
            for line in lines
        ],
        "total_budget": euro(total_budget),
        "total_actual": euro(total_actual),
        "total_remaining": euro(total_budget - total_actual),
        "chart": charts.bar_chart(
            [(f"{line.category}", round(line.actual_cents / 100)) for line in lines],
            _("Spent per budget line, in euro"),
        )
        if lines
        else None,
    }


DIMENSION_CHOICES = [(d.value, DIMENSION_LABELS_NL[d]) for d in Dimension]
