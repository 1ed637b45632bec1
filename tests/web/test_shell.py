"""The Dutch web shell, its headers, the health endpoint and the error pages."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_home_requires_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_home_shows_who_i_am(login_client, anouk) -> None:
    body = login_client(anouk).get("/").content.decode()
    assert "Mijn werk" in body and "Anouk Jansen" in body
    assert "Zorg- en Veiligheidshuis IJsselland" in body
    assert "Procesregisseur" in body


def test_party_list_and_page(login_client, kees) -> None:
    client = login_client(kees)
    body = client.get("/partijen/").content.decode()
    assert "Stichting Dimence" in body and "Gemeente Zwolle" in body
    only = client.get("/partijen/?soort=municipality").content.decode()
    assert "Gemeente Zwolle" in only and "Stichting Dimence" not in only
    page = client.get("/partijen/dimence/")
    assert page.status_code == 200 and "Zorgdomein" in page.content.decode()
    assert client.get("/partijen/bestaat-niet/").status_code == 404


def test_strict_security_headers(login_client, kees) -> None:
    response = login_client(kees).get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"
    assert "camera=()" in response["Permissions-Policy"]
    assert len(response["X-Request-ID"]) >= 8


def test_health_reveals_nothing(client: Client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_not_found_page_is_dutch(login_client, kees) -> None:
    response = login_client(kees).get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_demo_banner_only_in_demo(login_client, kees, settings) -> None:
    client = login_client(kees)
    assert "schakel-demo-banner" not in client.get("/").content.decode()
    settings.SCHAKEL_DEMO_BANNER = True
    assert "Tweestapsverificatie staat uit" in client.get("/").content.decode()


def test_english_is_available(login_client, kees) -> None:
    client = login_client(kees)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "My work" in client.get("/").content.decode()


def test_csrf_failure_is_dutch_and_saves_nothing(kees, no_2fa) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "kees", "password": "x"})
    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()


def test_server_error_page_needs_no_database(rf) -> None:
    from schakel.web.views.errors import server_error

    request = rf.get("/iets/")
    response = server_error(request)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    api = server_error(rf.get("/api/v1/iets"))
    assert api["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("path", "data", "content_type"),
    [
        ("/accounts/login/", {"login": "kees\x00", "password": "x"}, None),
        ("/api/v1/parties", '{"naam": "a\\u0000b"}', "application/json"),
    ],
)
def test_nul_characters_are_refused_clearly(client: Client, path, data, content_type) -> None:
    kwargs = {"content_type": content_type} if content_type else {}
    response = client.post(path, data, **kwargs)
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.json()["type"].endswith("/invalid-characters")
    else:
        assert "Ongeldige invoer" in response.content.decode()


def test_uploads_are_not_buffered_by_the_nul_check(rf, settings) -> None:
    """A large upload passes the NUL check (it streams, it is not read into memory), while
    a NUL in a multipart text field is still refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.http import HttpResponse

    from schakel.core.middleware import RejectNulCharactersMiddleware

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    middleware = RejectNulCharactersMiddleware(lambda request: HttpResponse("door"))
    big = SimpleUploadedFile("getekend.pdf", b"%PDF-1.7 " + b"x" * 4096)
    ok = middleware(rf.post("/bestuur/", {"note": "gewoon", "file": big}))
    assert ok.status_code == 200 and ok.content == b"door"
    refused = middleware(rf.post("/bestuur/", {"note": "nul\x00teken"}))
    assert refused.status_code == 400
