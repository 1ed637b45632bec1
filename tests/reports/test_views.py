"""The screens: who gets what, suppression on the page, the period form, the free text."""

from __future__ import annotations

import pytest

from schakel.audit.models import AuditEvent
from schakel.reports.models import ReportNote

pytestmark = pytest.mark.django_db
PAGES = [
    "/rapportage/",
    "/rapportage/verslag/",
    "/rapportage/financien/",
    "/rapportage/verslag/rapportage.xlsx",
    "/rapportage/verslag/tabel/triage.csv",
]
# The expected status per person and page (200 allowed, 404 as if it did not exist).
MATRIX = {
    "mirjam": [200, 200, 200, 200, 200],
    "stefan": [200, 200, 404, 200, 200],
    "anouk": [200, 404, 404, 404, 404],
    "femke": [404, 404, 404, 404, 404],
    "kees": [404, 404, 404, 404, 404],
    "pieter": [404, 404, 404, 404, 404],
}


@pytest.mark.parametrize("who", sorted(MATRIX))
def test_access_matrix(who, request, login_client, fixed_stats) -> None:
    client = login_client(request.getfixturevalue(who))
    got = [client.get(page + "?periode=2026-Q1").status_code for page in PAGES]
    assert got == MATRIX[who]
    home = client.get("/").content.decode()
    assert ('href="/rapportage/"' in home) is (MATRIX[who][0] == 200)


def test_dashboard_shows_figures_and_suppresses_small_numbers(mirjam, login_client, fixed_stats):
    page = login_client(mirjam).get("/rapportage/?periode=2026-Q1").content.decode()
    assert "Dashboard: Q1 2026" in page
    assert "&lt;5" in page  # the previous quarter's three referrals
    assert "<svg" in page and 'role="img"' in page
    assert "style=" not in page.split("<main", 1)[1]  # the CSP forbids style attributes


def test_report_page_tables_and_breakdown(stefan, login_client, fixed_stats) -> None:
    client = login_client(stefan)
    page = client.get("/rapportage/verslag/?periode=2026-Q1&indeling=target_group").content.decode()
    assert "Veelplegers" in page and "Tabellen per Doelgroep" in page
    assert "Procesregisseur" in page  # phases; the directors' names are the manager's only
    by_director = client.get("/rapportage/verslag/?periode=2026-Q1&indeling=process_director")
    assert "Anouk" not in by_director.content.decode()
    assert "Procesregisseur A" in by_director.content.decode()


def test_the_manager_sees_directors_by_name(mirjam, login_client, fixed_stats) -> None:
    page = login_client(mirjam).get(
        "/rapportage/verslag/?periode=2026-Q1&indeling=process_director"
    )
    assert "Anouk Jansen" in page.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "periode=2026-Q5",
        "periode=kwartaal",
        "soort=decade",
        "indeling=bsn",
        "periode=2026-13",
        "periode=0000",
        "periode=%00",
        "periode=9999-12",
        "periode=9999",
    ],
)
def test_bad_parameters_show_a_dutch_message(query, mirjam, login_client, fixed_stats) -> None:
    response = login_client(mirjam).get("/rapportage/verslag/?" + query)
    assert response.status_code == 200
    assert "utrecht-form-field--invalid" in response.content.decode()


def test_period_kind_recuts_the_period(mirjam, login_client, fixed_stats) -> None:
    page = login_client(mirjam).get("/rapportage/?periode=2026-Q1&soort=year").content.decode()
    assert "Dashboard: 2026" in page
    page = login_client(mirjam).get("/rapportage/?periode=2026-02&soort=month").content.decode()
    assert "Dashboard: februari 2026" in page


def test_the_manager_writes_the_points_of_attention(mirjam, stefan, login_client, fixed_stats):
    client = login_client(mirjam)
    response = client.post(
        "/rapportage/verslag/notitie/?periode=2026-Q1", {"text": "Wachtlijst GGZ"}
    )
    assert response.status_code == 302
    note = ReportNote.objects.get()
    assert note.text == "Wachtlijst GGZ" and note.period_start.isoformat() == "2026-01-01"
    assert AuditEvent.objects.filter(object_type="report_note", action="create").exists()
    page = login_client(stefan).get("/rapportage/verslag/?periode=2026-Q1").content.decode()
    assert "Wachtlijst GGZ" in page
    # Too long: a message next to the field, nothing saved.
    response = client.post("/rapportage/verslag/notitie/?periode=2026-Q1", {"text": "x" * 20_001})
    assert response.status_code == 200 and "te lang" in response.content.decode()
    assert ReportNote.objects.get().text == "Wachtlijst GGZ"
    # The steering group reads but does not write.
    assert (
        login_client(stefan)
        .post("/rapportage/verslag/notitie/?periode=2026-Q1", {"text": "x"})
        .status_code
        == 404
    )
