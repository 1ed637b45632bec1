"""The session engine (`accounts.sessions`): Django's database sessions, read through a
statement compiled once; an expired or unknown session is not loaded (issue #9)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from schakel.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_engine_is_in_use() -> None:
    assert settings.SESSION_ENGINE == "schakel.accounts.sessions"


def test_a_session_is_saved_and_read_back_and_expires() -> None:
    store = SessionStore()
    store["who"] = "kees"
    store.save()
    key = store.session_key
    assert key and SessionStore(key).load() == {"who": "kees"}
    assert SessionStore("x" * 32).load() == {}  # unknown: empty, as Django's
    again = SessionStore("no")  # too short to be a key at all
    assert again.load() == {} and again.session_key is None
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(key)
    assert expired.load() == {} and expired.session_key is None  # as the ORM's filter did


def test_a_signed_in_request_keeps_its_session(login_client, kees) -> None:
    client = login_client(kees)
    assert client.get("/casussen/").status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert client.get("/casussen/").status_code == 302  # back to the login page


def test_clearsessions_deletes_the_expired_ones() -> None:
    from django.core.management import call_command

    kept, gone = SessionStore(), SessionStore()
    kept["a"], gone["b"] = 1, 2
    kept.save()
    gone.save()
    Session.objects.filter(session_key=gone.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    call_command("clearsessions")
    assert list(Session.objects.values_list("session_key", flat=True)) == [kept.session_key]
