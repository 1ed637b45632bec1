"""Logging that never carries secrets (passwords, tokens, TOTP codes, session ids)."""

from __future__ import annotations

import logging
import re

_SECRET_PATTERNS = [
    re.compile(
        r"(?i)(password|passwd|token|secret|otp|code|sessionid|csrftoken|authorization)"
        r"(['\"]?\s*[:=]\s*['\"]?)([^'\"\s&,}]+)"
    ),
    re.compile(r"(?i)(Token|Bearer)\s+[A-Za-z0-9._~+/=-]+"),
]


def redact(text: str) -> str:
    text = _SECRET_PATTERNS[0].sub(lambda m: f"{m.group(1)}{m.group(2)}[verwijderd]", text)
    return _SECRET_PATTERNS[1].sub(lambda m: f"{m.group(1)} [verwijderd]", text)


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
