"""Paths into Schakel: absolute links for messages that leave it (e-mail, calendar
invitations), and the pages' own paths reversed once per process.

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


# An id no table reaches and whose digits no path holds otherwise: `id_path` reverses a page
# with it once, then puts each id in its place.
_PROBE_ID = 8_070_605_040


@functools.cache
def _around_id(viewname: str) -> tuple[str, str]:
    path = reverse(viewname, args=[_PROBE_ID])
    before, probe, after = path.partition(str(_PROBE_ID))
    if not probe or str(_PROBE_ID) in after:
        raise ValueError(f"{viewname} does not take one id")
    return before, after


def id_path(viewname: str, pk: int) -> str:
    """`reverse(viewname, args=[pk])` for a page that takes one id (`<int:...>`): Django's
    reverse once per process, then the id put in the probe's place. The case list links
    each of its 25 rows and a case page a dozen of its parts, at ~20 µs a reverse (issue
    #9). Anything but a non-negative int goes to Django's own reverse (and its errors)."""
    if type(pk) is not int or pk < 0:
        return reverse(viewname, args=[pk])
    before, after = _around_id(viewname)
    return f"{before}{pk}{after}"
