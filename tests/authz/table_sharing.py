"""Rows for information sharing (web /informatie/, API /api/v1/information, issue #4).

Variants for items (relation to the police, party of ``delegate``): own, released,
not_released, not_involved, closed; for the case-level URLs the case variants.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from schakel.cases.models import Case
from tests.authz.engine import Row
from tests.authz.world import ITEM_VARIANTS, PDF, World

TAIL = "away away login"  # left the covenant, never joined, anonymous
ITEM_GET405 = dict.fromkeys(ITEM_VARIANTS, f"405 405 405 405 405 | 405 405 405 405 405 | {TAIL}")

# Adding an item: whoever may act on the case (Art. 12.2f, 17.1); never on a closed case,
# which the add page refuses like a missing one (web) or as a refused write (API 403).
ADD_WEB = {
    "own": f"ok 404 ok ok ok | 404 404 404 404 404 | {TAIL}",
    "involved": f"ok 404 ok ok ok | 404 404 404 404 404 | {TAIL}",
    "not_involved": f"ok ok ok ok 404 | 404 404 404 404 404 | {TAIL}",
    "closed": f"404 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
}
ADD_API_READ = {
    "own": f"ok 404 ok ok ok | 404 404 404 404 404 | {TAIL}",
    "involved": f"ok 404 ok ok ok | 404 404 404 404 404 | {TAIL}",
    "not_involved": f"ok ok ok ok 404 | 404 404 404 404 404 | {TAIL}",
    "closed": f"ok 404 ok ok ok | 404 404 404 404 404 | {TAIL}",
}
ADD_API = {
    "own": f"ok 404 ok ok ok | 404 404 404 404 404 | {TAIL}",
    "involved": f"ok 404 ok ok ok | 404 404 404 404 404 | {TAIL}",
    "not_involved": f"ok ok ok ok 404 | 404 404 404 404 404 | {TAIL}",
    "closed": f"403 404 403 403 403 | 404 404 404 404 404 | {TAIL}",
}
# Reading an item (Art. 12.2f, 17.2): the provider and the case's process director; another
# party only after release, and not once the case is closed (narrowed). The house-wide
# secretary and coordinator see the case, not its items; nor does a process director who sees
# a case only in the intake queue (it has no process director yet, so no one reads its items
# but their provider).
ITEM_READ = {
    "own": f"ok 404 404 404 ok | 404 404 404 404 404 | {TAIL}",
    "released": f"ok 404 404 404 ok | 404 404 404 404 404 | {TAIL}",
    "not_released": f"ok 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
    "not_involved": f"404 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
    "closed": f"ok 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
}
# Proposing a release: the process director only (Art. 12.2f); the web form of a delegate
# who sees the item has no parties to choose (400, nothing saved), the API says 403.
PROPOSE_WEB = {
    "own": f"ok 404 404 404 400 | 404 404 404 404 404 | {TAIL}",
    "released": f"ok 404 404 404 400 | 404 404 404 404 404 | {TAIL}",
    "not_released": f"ok 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
    "not_involved": f"404 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
    "closed": f"400 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
}
PROPOSE_API = {v: s.replace("400", "403") for v, s in PROPOSE_WEB.items()}
# Deciding, withdrawing and consent are the providing party's (Art. 9.2, 12.2f, 17.2). The
# "own" item's release is a proposal to GGZ, so the police decide it; "released" is GGZ's.
# The not_involved variant points at a release of another item: 404 for everyone.
PROVIDER_WEB = {
    "own": f"back 404 404 404 ok | 404 404 404 404 404 | {TAIL}",
    "released": f"back 404 404 404 back | 404 404 404 404 404 | {TAIL}",
    "not_released": f"back 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
    "not_involved": f"404 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
    "closed": f"back 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
}
WITHDRAW_WEB = {**PROVIDER_WEB, "own": f"back 404 404 404 back | 404 404 404 404 404 | {TAIL}"}
CONSENT_WEB = PROVIDER_WEB
PROVIDER_API = {v: s.replace("back", "403") for v, s in PROVIDER_WEB.items()}
WITHDRAW_API = {v: s.replace("back", "403") for v, s in WITHDRAW_WEB.items()}

GET405 = f"405 405 405 405 405 | 405 405 405 405 405 | {TAIL}"
PDS = f"ok ok 404 404 404 | 404 404 404 404 404 | {TAIL}"
FG = f"404 404 404 404 404 | 404 404 404 404 ok | {TAIL}"
PANEL = {
    "own": f"ok 404 ok 404 404 | 404 404 404 404 404 | {TAIL}",
    "involved": f"ok 404 ok 404 404 | 404 404 404 404 404 | {TAIL}",
    "not_involved": f"ok ok ok 404 404 | 404 404 404 404 404 | {TAIL}",
    "closed": f"404 404 404 404 404 | 404 404 404 404 404 | {TAIL}",
}
INVITE = {**PANEL, "not_involved": f"403 403 403 404 404 | 404 404 404 404 404 | {TAIL}"}
# Ending GGZ's involvement as the referrer of the intake case is refused on its content (400).
REMOVE = {**PANEL, "not_involved": f"400 400 400 404 404 | 404 404 404 404 404 | {TAIL}"}


def add_form(world: World, variant: str) -> dict[str, Any]:
    return {
        "title": "Risico",
        "kind": "risk",
        "content": "Dreigt met geweld.",
        "regime": "avg",
        "conditions_of_use": "Niet verder verstrekken.",
    }


def add_json(world: World, variant: str) -> dict[str, Any]:
    return {**add_form(world, variant), "special_category": False}


def propose_form(world: World, variant: str) -> dict[str, Any]:
    return {"propose-recipient_party": world.parties["zwolle"].pk, "propose-purpose": "conference"}


def propose_json(world: World, variant: str) -> dict[str, Any]:
    return {"recipient_party": world.parties["zwolle"].slug, "purpose": "conference"}


def decide_form(world: World, variant: str) -> dict[str, Any]:
    key = f"d{world.release[variant]}"
    return {f"{key}-decision": "approve", f"{key}-reason": "Nodig voor de casustafel."}


def decide_json(world: World, variant: str) -> dict[str, Any]:
    return {"approve": True, "reason": "Nodig voor de casustafel."}


def withdraw_form(world: World, variant: str) -> dict[str, Any]:
    return {f"w{world.release[variant]}-reason": "Niet langer nodig."}


def withdraw_json(world: World, variant: str) -> dict[str, Any]:
    return {"reason": "Niet langer nodig."}


def consent_form(world: World, variant: str) -> dict[str, Any]:
    return {
        "consent-recipient": "Huisarts J. de Wit",
        "consent-document_reference": "Brief 2026-11-01",
        "consent-consent_given_on": "2026-11-01",
    }


def _version(world: World, variant: str) -> int:
    return Case.objects.only("version").get(pk=world.case[variant]).version


def attach_form(world: World, variant: str) -> dict[str, Any]:
    upload = SimpleUploadedFile("brief.pdf", PDF, content_type="application/pdf")
    return {"attach-file": upload}


def attach_api(world: World, variant: str) -> dict[str, Any]:
    return {"file": SimpleUploadedFile("brief.pdf", PDF, content_type="application/pdf")}


def withdraw_item_form(world: World, variant: str) -> dict[str, Any]:
    return {"withdraw_item-reason": "Onjuist vastgelegd."}


def withdraw_item_json(world: World, variant: str) -> dict[str, Any]:
    return {"reason": "Onjuist vastgelegd."}


def emergency_form(world: World, variant: str) -> dict[str, Any]:
    number = Case.objects.values_list("number", flat=True).get(pk=world.case["involved"])
    return {"case_number": number, "reason": "Acute dreiging; de procesregisseur is afwezig."}


def review_form(world: World, variant: str) -> dict[str, Any]:
    return {f"r{world.fixed['grant']}-remark": "Terecht gebruikt."}


def invite_form(world: World, variant: str) -> dict[str, Any]:
    return {
        "invite-party": world.parties["zwolle"].pk,
        "invite-justification": "De gemeente is rechtstreeks betrokken (Art. 12.2e).",
    }


def remove_form(world: World, variant: str) -> dict[str, Any]:
    return {"expected_version": _version(world, variant), "confirm": "on"}


ROWS = [
    Row("sharing:add", args=("case",), get=ADD_WEB, post=ADD_WEB, body=add_form),
    Row("sharing:item", args=("item",), get=ITEM_READ),
    Row(
        "sharing:propose",
        args=("item",),
        get=ITEM_GET405,
        post=PROPOSE_WEB,
        body=propose_form,
    ),
    Row(
        "sharing:decide",
        args=("item", "release"),
        get=ITEM_GET405,
        post=PROVIDER_WEB,
        body=decide_form,
    ),
    Row(
        "sharing:withdraw",
        args=("item", "release"),
        get=ITEM_GET405,
        post=WITHDRAW_WEB,
        body=withdraw_form,
    ),
    Row(
        "sharing:consent",
        args=("item",),
        get=ITEM_GET405,
        post=CONSENT_WEB,
        body=consent_form,
    ),
    # Only the privacy officer reads the access log (AVG Art. 38-39); the per-user page first
    # redirects to itself with the filter filled in.
    Row("sharing:log", get=f"404 404 404 404 404 | 404 404 404 404 ok | {TAIL}"),
    Row(
        "sharing:log_subject",
        args=("pseudonym",),
        get=f"404 404 404 404 404 | 404 404 404 404 ok | {TAIL}",
    ),
    Row("sharing:log_user", get=f"404 404 404 404 404 | 404 404 404 404 302 | {TAIL}"),
    Row(
        "api:case_items",
        args=("case",),
        get=ADD_API_READ,
        post=ADD_API,
        body=add_json,
        post_ok=201,
    ),
    Row("api:item", args=("item",), get=ITEM_READ),
    Row(
        "api:item_release_propose",
        args=("item",),
        get=ITEM_GET405,
        post=PROPOSE_API,
        body=propose_json,
        post_ok=201,
    ),
    Row(
        "api:item_release_decide",
        args=("item", "release"),
        get=ITEM_GET405,
        post=PROVIDER_API,
        body=decide_json,
        post_ok=201,
    ),
    Row(
        "api:item_release_withdraw",
        args=("item", "release"),
        get=ITEM_GET405,
        post=WITHDRAW_API,
        body=withdraw_json,
        post_ok=200,
    ),
    # Attachments are part of the item: read like it, added only by the providing party.
    Row("sharing:attach", args=("item",), get=ITEM_GET405, post=PROVIDER_WEB, body=attach_form),
    Row("sharing:attachment", args=("item", "attachment"), get=ITEM_READ),
    Row(
        "api:item_attachment_add",
        args=("item",),
        get=ITEM_GET405,
        post=PROVIDER_API,
        body=attach_api,
        post_ok=201,
        multipart=True,
    ),
    Row("api:item_attachment", args=("item", "attachment"), get=ITEM_READ),
    # Withdrawing the whole item: the providing party (Art. 17.2), at once for everyone.
    Row(
        "sharing:withdraw_item",
        args=("item",),
        get=ITEM_GET405,
        post=PROVIDER_WEB,
        body=withdraw_item_form,
    ),
    Row(
        "api:item_withdraw",
        args=("item",),
        get=ITEM_GET405,
        post=PROVIDER_API,
        body=withdraw_item_json,
        post_ok=201,
    ),
    # Break-the-glass (issue #4 item 5): asked by process directors only; the privacy officer
    # reviews the grants. The form opens the case (a redirect to it).
    Row("sharing:emergency", get=PDS, post=PDS, body=emergency_form),
    Row("sharing:emergency_overview", get=FG),
    Row("sharing:emergency_review", args=("grant",), get=GET405, post=FG, body=review_form),
    # The invitations panel (Art. 12.2e, 15.2): the case's process director and the secretary;
    # not on a closed case; inviting in the referral phase is refused (403 on the form).
    Row("sharing:party_invite", args=("case",), get=PANEL, post=INVITE, body=invite_form),
    Row(
        "sharing:party_remove",
        args=("case", "case_party"),
        get=PANEL,
        post=REMOVE,
        body=remove_form,
    ),
]
