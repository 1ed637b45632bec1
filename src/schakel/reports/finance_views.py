"""The finance screen of the manager (Art. 19.2): the budget year, its lines, the parties'
contributions (Art. 19.1) and the expenditure. One page per year, four small forms; a form with
an error is shown again with the Dutch message next to the field, and nothing is saved."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.domain.reports_policy import ReportAction
from schakel.parties.selectors import party_list
from schakel.reports import selectors, services
from schakel.reports.forms import BudgetLineForm, BudgetYearForm, ContributionForm, ExpenditureForm
from schakel.reports.presentation import budget_view, euro
from schakel.reports.views import reports_view


def _year(request: HttpRequest) -> int:
    text = request.GET.get("jaar", "")
    if text.isdecimal() and 2000 <= int(text) <= 2100:
        return int(text)
    return timezone.localdate().year


def _forms(year: int, data: Any = None, which: str = "") -> dict[str, forms.Form]:
    lines = selectors.budget_line_choices(year=year)

    def bound(name: str) -> Any:
        return data if which == name else None

    budget = selectors.budget_year_get(year=year)
    initial: dict[str, Any] = {"year": year}
    if budget is not None:
        initial.update(
            adopted_on=budget.adopted_on,
            note=budget.note,
            priorities=budget.priorities,
            target_referrals=budget.target_referrals,
            target_closed_successfully=budget.target_closed_successfully,
        )
    return {
        "year": BudgetYearForm(bound("year"), initial=initial, prefix="year"),
        "line": BudgetLineForm(bound("line"), prefix="line"),
        "contribution": ContributionForm(
            bound("contribution"), parties=party_list(), prefix="contribution"
        ),
        "expenditure": ExpenditureForm(bound("expenditure"), lines=lines, prefix="expenditure"),
    }


def _save(request: HttpRequest, year: int, which: str, form: forms.Form) -> bool:
    actor = actor_for(request.user)  # type: ignore[arg-type]
    ctx = AuditContext.from_request(request)
    data = form.cleaned_data
    try:
        if which == "year":
            services.budget_year_save(actor=actor, ctx=ctx, **data)
        elif which == "line":
            services.budget_line_add(actor=actor, ctx=ctx, year=year, **data)
        elif which == "contribution":
            services.contribution_add(actor=actor, ctx=ctx, year=year, **data)
        else:
            services.expenditure_add(actor=actor, ctx=ctx, **data)
    except services.InvalidInput as exc:
        for field, message in exc.errors.items():
            form.add_error(field if field in form.fields else None, message)
        return False
    except PermissionDenied as exc:
        raise Http404 from exc
    return True


@reports_view(ReportAction.view_finances)
def finances(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    which = request.POST.get("form", "") if request.method == "POST" else ""
    if request.method == "POST" and which not in ("year", "line", "contribution", "expenditure"):
        return redirect(f"{request.path}?jaar={year}")
    all_forms = _forms(year, request.POST or None, which)
    if which:
        form = all_forms[which]
        if form.is_valid() and _save(request, year, which, form):
            messages.success(request, _("Saved."))
            saved_year = form.cleaned_data.get("year", year) if which == "year" else year
            return redirect(f"{request.path}?jaar={saved_year}")
    budget = selectors.budget_year_get(year=year)
    contributions = selectors.contributions(year=year)
    return render(
        request,
        "reports/finances.html",
        {
            "year": year,
            "budget_year": budget,
            "forms": all_forms,
            "budget": budget_view(selectors.budget_vs_actual(year=year)),
            "contributions": [{"row": c, "money": euro(c.money_cents)} for c in contributions],
            "contribution_total": euro(sum(c.money_cents for c in contributions)),
            "expenditures": [
                {"row": e, "amount": euro(e.amount_cents)}
                for e in selectors.expenditures(year=year)
            ],
            "years": [b.year for b in selectors.budget_years()],
        },
    )
