"""The manager's screens: dashboard, the report to the steering group and its exports.

Thin: parse the period and the breakdown, build the report from the anonymous facts, render.
Anyone not allowed gets "not found" (deny unless allowed). Bad parameters show a Dutch message
and the default period, never an error page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.domain.actor import Actor
from schakel.domain.indicators import Dimension
from schakel.domain.periods import Period, PeriodKind
from schakel.domain.reports_policy import ReportAction, reports_allow, sees_staff_names
from schakel.reports import exports, pdf, selectors, services
from schakel.reports.aggregates import sql_report
from schakel.reports.figures import TABLE_CODES, TABLE_TITLES, Report
from schakel.reports.periods import default_period, parse_period, period_code
from schakel.reports.presentation import DIMENSION_CHOICES, budget_view, report_view

# Python 3.11: `text in SomeEnum` raises TypeError, so compare with the values.
_KIND_VALUES = frozenset(k.value for k in PeriodKind)
_BY_VALUES = frozenset(d.value for d in Dimension)

V = TypeVar("V", bound=Callable[..., HttpResponseBase])

KIND_CHOICES = [
    (PeriodKind.month.value, "Maand"),
    (PeriodKind.quarter.value, "Kwartaal"),
    (PeriodKind.year.value, "Jaar"),
]


def reports_view(action: ReportAction) -> Callable[[V], V]:
    """Signed in and allowed ``action``; otherwise "not found", as for a missing page."""

    def decorate(view: V) -> V:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not reports_allow(actor_for(request.user), action):  # type: ignore[arg-type]
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def _actor(request: HttpRequest) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def parse_params(request: HttpRequest) -> tuple[Period, Dimension, dict[str, str]]:
    """Period (``periode``, optionally re-cut by ``soort``) and breakdown (``indeling``)."""
    errors: dict[str, str] = {}
    kind_text = request.GET.get("soort", "")
    kind = PeriodKind(kind_text) if kind_text in _KIND_VALUES else None
    if kind_text and kind is None:
        errors["soort"] = _("Choose month, quarter or year.")
    text = request.GET.get("periode", "")
    period = parse_period(text) if text else None
    if text and period is None:
        errors["periode"] = _("Enter a period as 2026, 2026-Q1 or 2026-03.")
    if period is None:
        period = default_period(kind or PeriodKind.quarter, timezone.localdate())
    elif kind is not None and kind is not period.kind:
        period = Period.from_date(kind, period.start)
    by_text = request.GET.get("indeling", Dimension.municipality.value)
    if by_text in _BY_VALUES:
        by = Dimension(by_text)
    else:
        errors["indeling"] = _("Choose a breakdown from the list.")
        by = Dimension.municipality
    return period, by, errors


def _report(period: Period, by: Dimension) -> Report:
    budget = selectors.budget_year_get(year=period.start.year)
    targets: dict[str, int] = {}
    if budget is not None and budget.target_referrals is not None:
        targets["referrals"] = budget.target_referrals
    if budget is not None and budget.target_closed_successfully is not None:
        targets["closed_successfully"] = budget.target_closed_successfully
    return sql_report(period, by, targets=targets)


def _context(
    request: HttpRequest, period: Period, by: Dimension, errors: dict[str, str]
) -> dict[str, Any]:
    actor = _actor(request)
    report = _report(period, by)
    names = selectors.row_names(by, staff_names=sees_staff_names(actor))
    municipalities = (
        names
        if by is Dimension.municipality
        else selectors.row_names(Dimension.municipality, staff_names=False)
    )
    return {
        "r": report_view(report, names, municipalities),
        "report": report,
        "code": period_code(period),
        "kind": period.kind.value,
        "by": by.value,
        "kinds": KIND_CHOICES,
        "dimensions": DIMENSION_CHOICES,
        "period_options": _period_options(period),
        "errors": errors,
        "may_report": reports_allow(actor, ReportAction.view_report),
        "may_export": reports_allow(actor, ReportAction.export_report),
        "may_edit": reports_allow(actor, ReportAction.edit_report),
        "may_finances": reports_allow(actor, ReportAction.view_finances),
        "table_codes": TABLE_CODES,
    }


def _period_options(current: Period) -> list[tuple[str, str]]:
    """The periods of the current kind from the first referral until now, newest first."""
    today = timezone.localdate()
    found = selectors.data_range()
    first = min(found[0] if found else today, current.start)
    period = Period.from_date(current.kind, max(today, current.start))
    options: list[tuple[str, str]] = []
    while period.end > first and len(options) < 240:
        options.append((period_code(period), period.label_nl))
        period = period.previous()
    return options


@reports_view(ReportAction.view_dashboard)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    period, by, errors = parse_params(request)
    return render(request, "reports/dashboard.html", _context(request, period, by, errors))


@reports_view(ReportAction.view_report)
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    period, by, errors = parse_params(request)
    context = _context(request, period, by, errors)
    context["note"] = selectors.report_note(period=period)
    # Art. 11.3e, 19.2: the report holds the expenditure against the budget.
    context["budget"] = budget_view(
        selectors.budget_vs_actual(year=period.start.year, until=period.end)
    )
    return render(request, "reports/report.html", context)


@reports_view(ReportAction.edit_report)
@require_POST
def report_note(request: HttpRequest) -> HttpResponse:
    period, by, errors = parse_params(request)
    url = f"{request.path.rsplit('notitie/', 1)[0]}?periode={period_code(period)}&indeling={by}"
    if errors:
        return redirect(url)
    try:
        services.report_note_save(
            actor=_actor(request),
            ctx=AuditContext.from_request(request),
            period=period,
            text=request.POST.get("text", ""),
        )
    except services.InvalidInput as exc:
        context = _context(request, period, by, {})
        context["note_error"] = exc.errors.get("text", "")
        context["note_text"] = request.POST.get("text", "")
        context["note"] = selectors.report_note(period=period)
        return render(request, "reports/report.html", context)
    return redirect(url + "#aandachtspunten")


# --------------------------------------------------------------------------- exports


def _made(request: HttpRequest) -> tuple[str, str]:
    user = request.user
    name = user.get_full_name() or user.get_username()  # type: ignore[union-attr]
    return name, timezone.localtime().strftime("%d-%m-%Y %H:%M")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@reports_view(ReportAction.export_report)
@require_GET
def table_export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in TABLE_CODES or fmt not in ("csv", "xlsx"):
        raise Http404
    period, by, _errors = parse_params(request)
    actor = _actor(request)
    report = _report(period, by)
    names = selectors.row_names(by, staff_names=sees_staff_names(actor))
    rows = exports.table_rows(report.tables[table], names)
    title = f"{TABLE_TITLES[table]} — {period.label_nl}"
    made_by, made_at = _made(request)
    services.export_recorded(
        actor=actor, ctx=AuditContext.from_request(request), what=f"{table}.{fmt}", period=period
    )
    filename = f"schakel-{table}-{period_code(period)}.{fmt}"
    if fmt == "csv":
        body = exports.csv_bytes(title, rows, made_by=made_by, made_at=made_at)
        return _download(body, "text/csv; charset=utf-8", filename)
    body = exports.xlsx_bytes(
        [(str(TABLE_TITLES[table]), rows)], title=title, made_by=made_by, made_at=made_at
    )
    return _download(body, XLSX, filename)


@reports_view(ReportAction.export_report)
@require_GET
def report_xlsx(request: HttpRequest) -> HttpResponse:
    """Every table of the report, one sheet each, lead times and budget included."""
    period, by, _errors = parse_params(request)
    actor = _actor(request)
    report = _report(period, by)
    names = selectors.row_names(by, staff_names=sees_staff_names(actor))
    sheets = [
        (str(TABLE_TITLES[c]), exports.table_rows(t, names)) for c, t in report.tables.items()
    ]
    lead_rows: exports.Rows = []
    for lead in report.lead_times:
        lead_rows += [*exports.lead_time_rows(lead, names), []]
    sheets.append((_("Lead times"), lead_rows))
    lines = selectors.budget_vs_actual(year=period.start.year, until=period.end)
    sheets.append((_("Budget and actual"), exports.budget_rows(lines)))
    made_by, made_at = _made(request)
    services.export_recorded(
        actor=actor, ctx=AuditContext.from_request(request), what="report.xlsx", period=period
    )
    body = exports.xlsx_bytes(
        sheets, title=f"Rapportage {period.label_nl}", made_by=made_by, made_at=made_at
    )
    return _download(body, XLSX, f"schakel-rapportage-{period_code(period)}.xlsx")


@reports_view(ReportAction.export_report)
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    period, by, _errors = parse_params(request)
    actor = _actor(request)
    context = _context(request, period, by, {})
    context["note"] = selectors.report_note(period=period)
    context["budget"] = budget_view(
        selectors.budget_vs_actual(year=period.start.year, until=period.end)
    )
    context["made_by"], context["made_at"] = _made(request)
    services.export_recorded(
        actor=actor, ctx=AuditContext.from_request(request), what="report.pdf", period=period
    )
    return _download(
        pdf.report_pdf(context), "application/pdf", f"schakel-rapportage-{period_code(period)}.pdf"
    )
