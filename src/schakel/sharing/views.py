"""The Dutch sharing screens: add an item, the item page with its releases, the access log.

Thin: parse the form, call one service, render. Errors appear next to the fields (status 400)
and nothing is saved. An item or case the actor may not see answers 404, like a missing one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from schakel.accounts.selectors import actor_for
from schakel.audit.record import AuditContext
from schakel.cases.errors import CaseForbidden, CaseNotFound, InvalidInput
from schakel.core.forms import apply_service_errors
from schakel.domain.actor import Actor
from schakel.domain.policy import ItemAction, may_read_access_log
from schakel.domain.roles import ROLE_LABELS_NL, Role
from schakel.sharing import attachments, selectors, services
from schakel.sharing import forms as f
from schakel.sharing.models import ReleaseState


def _actor(request: HttpRequest) -> Actor:
    return actor_for(request.user)  # type: ignore[arg-type]


def _ctx(request: HttpRequest) -> AuditContext:
    return AuditContext.from_request(request)


# --------------------------------------------------------------------------- items


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = _actor(request)
    case = selectors.case_for_item_add(actor=actor, ctx=_ctx(request), case_id=case_id)
    if case is None:
        raise Http404
    form = f.ItemForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                item = services.item_add(
                    actor=actor,
                    ctx=_ctx(request),
                    case_id=case_id,
                    title=d["title"],
                    content=d["content"],
                    kind=d["kind"],
                    regime=d["regime"],
                    special_category=d["special_category"],
                    conditions_of_use=d["conditions_of_use"],
                )
            except CaseNotFound:
                raise Http404 from None
            except CaseForbidden as exc:
                form.add_error(None, exc.reason_nl)
                status = 403
            except InvalidInput as exc:
                apply_service_errors(form, exc.errors)
            else:
                messages.success(request, _("The information has been added."))
                return redirect("sharing:item", item_id=item.pk)
    return render(request, "sharing/add.html", {"case": case, "form": form}, status=status)


def _item_page(
    request: HttpRequest,
    item_id: int,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = _actor(request)
    item = selectors.item_get_for(actor=actor, ctx=_ctx(request), item_id=item_id)
    if item is None:
        raise Http404
    bound = bound or {}
    own = item.providing_party_id == actor.party_id
    may_propose = selectors.item_may(actor, item, ItemAction.propose)
    releases = selectors.item_releases(item=item) if (own or may_propose) else []
    rows = []
    for release in releases:
        form: forms.Form | None = None
        if own and release.state == ReleaseState.proposed:
            form = bound.get(f"d{release.pk}") or f.DecideForm(prefix=f"d{release.pk}")
        elif own and release.state == ReleaseState.approved:
            form = bound.get(f"w{release.pk}") or f.WithdrawForm(prefix=f"w{release.pk}")
        rows.append((release, form))
    propose = None
    if may_propose:
        propose = bound.get("propose") or f.ProposeForm(
            prefix="propose", parties=selectors.recipient_parties(item=item)
        )
    consent = None
    if own and selectors.item_may(actor, item, ItemAction.consent):
        consent = bound.get("consent") or f.ConsentForm(prefix="consent")
    attach = withdraw_item = None
    if own and selectors.item_may(actor, item, ItemAction.attach):
        attach = bound.get("attach") or f.AttachmentForm(
            prefix="attach", max_mb=attachments.max_bytes() // (1024 * 1024)
        )
        withdraw_item = bound.get("withdraw_item") or f.ItemWithdrawForm(prefix="withdraw_item")
    return render(
        request,
        "sharing/item.html",
        {
            "item": item,
            "own": own,
            "releases": rows,
            "propose": propose,
            "consent": consent,
            "consents": selectors.item_consents(item=item) if own else [],
            "attachments": attachments.attachments_of(item_id=item.pk),
            "attach": attach,
            "withdraw_item": withdraw_item,
        },
        status=status,
    )


@login_required
@require_GET
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    return _item_page(request, item_id)


def _operation(
    request: HttpRequest,
    item_id: int,
    key: str,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except CaseNotFound:
            raise Http404 from None
        except CaseForbidden as exc:
            messages.error(request, exc.reason_nl)
            return redirect("sharing:item", item_id=item_id)
        except InvalidInput as exc:
            apply_service_errors(form, exc.errors)
        else:
            messages.success(request, done)
            return redirect(reverse("sharing:item", args=[item_id]))
    return _item_page(request, item_id, {key: form}, status=400)


@login_required
@require_POST
def release_propose(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = _actor(request)
    parties = selectors.proposable_parties(actor=actor, item_id=item_id)
    form = f.ProposeForm(request.POST, prefix="propose", parties=parties)
    return _operation(
        request,
        item_id,
        "propose",
        form,
        lambda d: services.release_propose(
            actor=actor,
            ctx=_ctx(request),
            item_id=item_id,
            recipient_party_id=d["recipient_party"].pk,
            purpose=d["purpose"],
            note=d["note"],
        ),
        _("The proposal to share has been sent to the providing party."),
    )


@login_required
@require_POST
def release_decide(request: HttpRequest, item_id: int, release_id: int) -> HttpResponse:
    form = f.DecideForm(request.POST, prefix=f"d{release_id}")
    return _operation(
        request,
        item_id,
        f"d{release_id}",
        form,
        lambda d: services.release_decide(
            actor=_actor(request),
            ctx=_ctx(request),
            release_id=release_id,
            item_id=item_id,
            approve=d["decision"] == "approve",
            reason=d["reason"],
        ),
        _("Your decision has been recorded."),
    )


@login_required
@require_POST
def release_withdraw(request: HttpRequest, item_id: int, release_id: int) -> HttpResponse:
    form = f.WithdrawForm(request.POST, prefix=f"w{release_id}")
    return _operation(
        request,
        item_id,
        f"w{release_id}",
        form,
        lambda d: services.release_withdraw(
            actor=_actor(request),
            ctx=_ctx(request),
            release_id=release_id,
            item_id=item_id,
            reason=d["reason"],
        ),
        _("The release has been withdrawn."),
    )


@login_required
@require_POST
def consent_record(request: HttpRequest, item_id: int) -> HttpResponse:
    form = f.ConsentForm(request.POST, prefix="consent")
    return _operation(
        request,
        item_id,
        "consent",
        form,
        lambda d: services.consent_record(
            actor=_actor(request),
            ctx=_ctx(request),
            item_id=item_id,
            recipient=d["recipient"],
            document_reference=d["document_reference"],
            consent_given_on=d["consent_given_on"],
        ),
        _("The written consent has been recorded."),
    )


# --------------------------------------------------------------------------- the access log


def _event_labels() -> dict[str, str]:
    return {
        "read": _("Viewed"),
        "create": _("Created"),
        "update": _("Changed"),
        "delete": _("Deleted"),
        "export": _("Exported"),
        "login": _("Signed in"),
        "login_failed": _("Sign-in failed"),
        "logout": _("Signed out"),
        "denied": _("Refused"),
        "allowed": _("Allowed"),
    }


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdecimal() and len(value) < 19 else None


def _require_officer(request: HttpRequest) -> Actor:
    actor = _actor(request)
    if not may_read_access_log(actor):
        selectors.access_log_denied(actor=actor, ctx=_ctx(request), target=request.path[:64])
        raise Http404
    return actor


@login_required
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    actor = _require_officer(request)
    number = (request.GET.get("casus") or "").strip()
    subjects = (
        selectors.access_log_subjects(actor=actor, ctx=_ctx(request), case_number=number)
        if number
        else []
    )
    return render(
        request,
        "sharing/log_home.html",
        {
            "number": number,
            "subjects": subjects,
            "searched": bool(number),
            "users": selectors.log_users(actor=actor),
        },
    )


def _log_page(request: HttpRequest, *, pseudonym: str | None, user_id: int | None) -> HttpResponse:
    actor = _require_officer(request)
    q = request.GET
    since, until = _date(q.get("van")), _date(q.get("tot"))
    page = selectors.access_log_for(
        actor=actor,
        ctx=_ctx(request),
        pseudonym=pseudonym,
        user_id=user_id,
        since=since,
        until=until,
        before=_int(q.get("voor")),
    )
    if page is None:
        raise Http404
    keep = q.copy()
    keep.pop("voor", None)
    if page.next_before:
        keep["voor"] = str(page.next_before)
    labels = _event_labels()
    rows = [
        {
            "event": e,
            "action": labels.get(e.action, e.action),
            "outcome": labels.get(e.outcome, e.outcome),
            "user": page.users.get(e.user_id) if e.user_id else None,
            "party": page.parties.get(e.party_id) if e.party_id else None,
            "role": ROLE_LABELS_NL.get(Role(e.role)) if e.role in Role.__members__ else e.role,
        }
        for e in page.events
    ]
    return render(
        request,
        "sharing/log.html",
        {
            "pseudonym": pseudonym,
            "person": page.users.get(user_id) if user_id else None,
            "user_id": user_id,
            "rows": rows,
            "since": since,
            "until": until,
            "next_query": keep.urlencode() if page.next_before else "",
        },
    )


@login_required
@require_GET
def access_log_subject(request: HttpRequest, pseudonym: str) -> HttpResponse:
    return _log_page(request, pseudonym=pseudonym[:64], user_id=None)


@login_required
@require_GET
def access_log_user(request: HttpRequest) -> HttpResponse:
    user_id = _int(request.GET.get("gebruiker"))
    if user_id is None:
        _require_officer(request)
        return redirect("sharing:log")
    return _log_page(request, pseudonym=None, user_id=user_id)


# --------------------------------------------------------------------------- withdrawal, files


@login_required
@require_POST
def item_withdraw(request: HttpRequest, item_id: int) -> HttpResponse:
    form = f.ItemWithdrawForm(request.POST, prefix="withdraw_item")
    return _operation(
        request,
        item_id,
        "withdraw_item",
        form,
        lambda d: services.item_withdraw(
            actor=_actor(request), ctx=_ctx(request), item_id=item_id, reason=d["reason"]
        ),
        _("The information has been withdrawn; other parties no longer see it."),
    )


@login_required
@require_POST
def attachment_add(request: HttpRequest, item_id: int) -> HttpResponse:
    form = f.AttachmentForm(
        request.POST,
        request.FILES,
        prefix="attach",
        max_mb=attachments.max_bytes() // (1024 * 1024),
    )
    return _operation(
        request,
        item_id,
        "attach",
        form,
        lambda d: attachments.attachment_add(
            actor=_actor(request), ctx=_ctx(request), item_id=item_id, upload=d["file"]
        ),
        _("The file has been attached."),
    )


@login_required
@require_GET
def attachment_download(request: HttpRequest, item_id: int, attachment_id: int) -> HttpResponse:
    download = attachments.attachment_get_for(
        actor=_actor(request), ctx=_ctx(request), item_id=item_id, attachment_id=attachment_id
    )
    if download is None:
        raise Http404
    return attachments.file_response(download)
