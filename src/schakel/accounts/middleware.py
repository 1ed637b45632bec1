"""Session lifetime and the two-factor requirement, enforced on every request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from schakel.accounts.selectors import actor_for, two_factor_enabled
from schakel.api.problems import problem_response
from schakel.parties.selectors import party_left_on

AUTH_AT = "schakel_auth_at"
LAST_SEEN = "schakel_last_seen"
# Writing the session on every request would cost a database write per page; a minute's
# precision is plenty for a 15-minute idle limit.
_TOUCH_EVERY_SECONDS = 60


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def start_session_clock(request: HttpRequest) -> None:
    now = timezone.now().timestamp()
    request.session[AUTH_AT] = now
    request.session[LAST_SEEN] = now


class SessionLifetimeMiddleware:
    """Idle timeout (15 minutes) and absolute timeout (8 hours) for browser sessions."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now().timestamp()
            auth_at = request.session.get(AUTH_AT)
            last_seen = request.session.get(LAST_SEEN)
            if auth_at is None or last_seen is None:
                start_session_clock(request)
            elif (
                now - last_seen > settings.SCHAKEL_SESSION_IDLE.total_seconds()
                or now - auth_at > settings.SCHAKEL_SESSION_ABSOLUTE.total_seconds()
            ):
                logout(request)
                if _is_api(request):
                    return problem_response(
                        status=401,
                        kind="session-expired",
                        title=_("Session expired"),
                        detail=_("Your session has expired. Please log in again."),
                    )
                messages.info(request, _("Your session has expired. Please log in again."))
                return HttpResponseRedirect(
                    f"{reverse('account_login')}?next={request.get_full_path()}"
                )
            elif now - last_seen > _TOUCH_EVERY_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


# Paths a signed-in user without a second factor may still use: to set one up, or to leave.
_TWO_FACTOR_SETUP_PREFIXES = ("/accounts/", "/static/", "/health", "/i18n/")


class RequireTwoFactorMiddleware:
    """Art. 18.3: every user signs in with a second factor when SCHAKEL_REQUIRE_2FA is on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.SCHAKEL_REQUIRE_2FA
            and request.user.is_authenticated
            and not request.path.startswith(_TWO_FACTOR_SETUP_PREFIXES)
            and not two_factor_enabled(request.user)
        ):
            if _is_api(request):
                return problem_response(
                    status=403,
                    kind="two-factor-required",
                    title=_("Two-factor authentication required"),
                    detail=_("Set up two-factor authentication in the web application first."),
                )
            messages.warning(request, _("Set up two-factor authentication before you continue."))
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def seconds_since(stamp: float) -> float:
    return timezone.now().timestamp() - stamp


def as_datetime(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, tz=timezone.get_current_timezone())


# Paths a user whose party left the covenant may still use: to leave, the page that explains it,
# and the assets of that page.
NOT_MEMBER_PATH = "/accounts/geen-deelname/"
_INACTIVE_PARTY_PREFIXES = (NOT_MEMBER_PATH, "/accounts/logout/", "/static/", "/health", "/i18n/")


def not_member_detail(party_id: int) -> str:
    """The Dutch sentence that tells a user of a party that left why they have no access."""
    left_on = party_left_on(party_id=party_id)
    if left_on is not None:
        return _(
            "Your organisation has not taken part in the covenant since %(date)s (Art. 23)."
        ) % {"date": date_format(left_on, "j F Y")}
    return _("Your organisation does not take part in the covenant (Art. 23).")


class ActivePartyMiddleware:
    """Art. 23: from the day a party's membership ends, its users have no access at all.

    The one place that enforces it: every page sends the user to a Dutch explanation (the page
    itself and logging out are all that is left), the API answers 403 problem+json
    ``party-not-member``. House staff are always active (see ``actor_for``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or request.path.startswith(_INACTIVE_PARTY_PREFIXES):
            return self.get_response(request)
        actor = actor_for(user)
        if actor.party_active:
            return self.get_response(request)
        if _is_api(request):
            return problem_response(
                status=403,
                kind="party-not-member",
                title=_("Your organisation is not a member"),
                detail=not_member_detail(actor.party_id),
            )
        return HttpResponseRedirect(NOT_MEMBER_PATH)
