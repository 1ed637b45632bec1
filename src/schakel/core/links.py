"""Absolute links for messages that leave Schakel (e-mail, calendar invitations).

A link in an e-mail carries no personal data, only a path into Schakel, where the policy
decides what the reader may see (Art. 5.9, 7.6, 12.2f).
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """`path` (starting with "/") prefixed with the configured SCHAKEL_BASE_URL."""
    if not path.startswith("/"):
        raise ValueError("absolute_url expects a path that starts with '/'")
    return f"{settings.SCHAKEL_BASE_URL}{path}"


def absolute_reverse(viewname: str, *args: object) -> str:
    """`reverse(viewname, args)` as an absolute URL."""
    return absolute_url(reverse(viewname, args=args))


@functools.cache
def page_path(viewname: str) -> str:
    """The path of a page that takes no arguments, reversed once per process: the menu
    names up to a dozen on every page, at 20-70 µs each (issue #9). The URL map does not
    change while the process runs."""
    return reverse(viewname)
