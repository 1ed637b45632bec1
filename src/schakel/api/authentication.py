"""Session authentication for the browser, answering 401 (not 403) when nobody is signed in."""

from __future__ import annotations

from rest_framework import authentication
from rest_framework.request import Request


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate_header(self, request: Request) -> str:
        # Without a WWW-Authenticate header DRF turns "not authenticated" into 403; a client
        # deserves to know it must authenticate.
        return 'Session realm="schakel"'
