"""Session lifetime and the two-factor requirement, enforced on every request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from schakel.api.problems import problem_response

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
            and not is_mfa_enabled(request.user, [Authenticator.Type.TOTP])
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
