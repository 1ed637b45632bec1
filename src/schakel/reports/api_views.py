"""GET /api/v1/indicators: the management indicators of one period, broken down, suppressed.

Anonymous aggregates only, the same numbers as the dashboard; small numbers are ``"<5"`` and a
number that would give one away is ``"x"``. A role without access gets 404, as for a resource
that does not exist; a bad parameter 400 problem+json naming the parameter.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schakel.accounts.selectors import actor_for
from schakel.api.serializers import ProblemSerializer
from schakel.domain.indicators import Dimension
from schakel.domain.periods import Period, PeriodKind
from schakel.domain.reports_policy import ReportAction, reports_allow, sees_staff_names
from schakel.domain.safe_export import row_label
from schakel.reports import selectors
from schakel.reports.aggregates import sql_report
from schakel.reports.figures import TABLE_TITLES, THRESHOLD
from schakel.reports.periods import default_period, parse_period, period_code

PROBLEM = OpenApiResponse(ProblemSerializer, description="problem+json")
# Python 3.11: `text in SomeEnum` raises TypeError, so compare with the values.
_BY_VALUES = frozenset(d.value for d in Dimension)


class PeriodSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    first_day = serializers.DateField()
    last_day = serializers.DateField()


class RowSerializer(serializers.Serializer[Any]):
    key = serializers.JSONField(
        help_text="Target group code, organisation or staff key; null: unknown."
    )
    label = serializers.CharField()  # type: ignore[assignment]
    cells = serializers.ListField(child=serializers.JSONField(), help_text="A count, '<5' or 'x'.")
    total = serializers.JSONField()


class ColumnSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class TableSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    title = serializers.CharField()
    columns = ColumnSerializer(many=True)
    rows = RowSerializer(many=True)
    totals = RowSerializer()


class LeadRowSerializer(serializers.Serializer[Any]):
    key = serializers.JSONField()
    label = serializers.CharField()  # type: ignore[assignment]
    cases = serializers.JSONField()
    median_days = serializers.IntegerField(allow_null=True)
    p90_days = serializers.IntegerField(allow_null=True)


class LeadSerializer(serializers.Serializer[Any]):
    source = serializers.CharField()  # type: ignore[assignment]
    target = serializers.CharField()
    rows = LeadRowSerializer(many=True)
    total = LeadRowSerializer()


class HeadlineSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.JSONField()
    previous = serializers.JSONField()


class IndicatorsSerializer(serializers.Serializer[Any]):
    period = PeriodSerializer()
    previous_period = PeriodSerializer()
    by = serializers.CharField()
    threshold = serializers.IntegerField()
    headlines = HeadlineSerializer(many=True)
    tables = TableSerializer(many=True)
    lead_times = LeadSerializer(many=True)


def _period(period: Period) -> dict[str, Any]:
    return {
        "code": period_code(period),
        "label": period.label_nl,
        "first_day": period.start,
        "last_day": period.last_day,
    }


class IndicatorsView(APIView):
    @extend_schema(
        operation_id="indicators_get",
        summary="Management indicators of one period (Art. 11.3e, 2.2c)",
        parameters=[
            OpenApiParameter(
                "period",
                OpenApiTypes.STR,
                description=(
                    "2026 (year), 2026-Q1 (quarter) or 2026-03 (month); default: the last "
                    "complete quarter."
                ),
            ),
            OpenApiParameter(
                "by",
                OpenApiTypes.STR,
                enum=[d.value for d in Dimension],
                description="Breakdown; default: municipality.",
            ),
        ],
        responses={200: IndicatorsSerializer, 400: PROBLEM, 401: PROBLEM, 404: PROBLEM},
    )
    def get(self, request: Request) -> Response:
        actor = actor_for(request.user)  # type: ignore[arg-type]
        if not reports_allow(actor, ReportAction.view_dashboard):
            raise exceptions.NotFound
        errors: dict[str, list[str]] = {}
        text = request.query_params.get("period")
        period = parse_period(text) if text is not None else None
        if text is not None and period is None:
            errors["period"] = [_("Enter a period as 2026, 2026-Q1 or 2026-03.")]
        by_text = request.query_params.get("by", Dimension.municipality.value)
        if by_text not in _BY_VALUES:
            errors["by"] = [_("Choose a breakdown from the list.")]
        if errors:
            raise exceptions.ValidationError(errors)
        period = period or default_period(PeriodKind.quarter, timezone.localdate())
        by = Dimension(by_text)
        report = sql_report(period, by)
        names = selectors.row_names(by, staff_names=sees_staff_names(actor))

        def row(key: Any, line: Any) -> dict[str, Any]:
            return {
                "key": key,
                "label": row_label(key, names),
                "cells": list(line[:-1]),
                "total": line[-1],
            }

        def lead_row(line: Any) -> dict[str, Any]:
            return {
                "key": line.row,
                "label": row_label(line.row, names),
                "cases": line.cases,
                "median_days": line.median_days,
                "p90_days": line.p90_days,
            }

        body = {
            "period": _period(period),
            "previous_period": _period(period.previous()),
            "by": by.value,
            "threshold": THRESHOLD,
            "headlines": [
                {"code": h.code, "label": h.label, "value": h.current, "previous": h.previous}
                for h in report.headlines
            ],
            "tables": [
                {
                    "code": code,
                    "title": str(TABLE_TITLES[code]),
                    "columns": [
                        {"code": c, "label": label}
                        for c, label in zip(table.columns, table.column_labels, strict=True)
                    ],
                    "rows": [row(k, line) for k, line in zip(table.rows, table.grid, strict=False)],
                    "totals": row(None, table.grid[-1]) | {"label": "Totaal"},
                }
                for code, table in report.tables.items()
            ],
            "lead_times": [
                {
                    "source": lead.source.value,
                    "target": lead.target.value,
                    "rows": [lead_row(line) for line in lead.rows],
                    "total": {**lead_row(lead.total), "label": "Totaal"},
                }
                for lead in report.lead_times
            ],
        }
        return Response(IndicatorsSerializer(body).data)
