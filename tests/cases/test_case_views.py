"""The Dutch case screens: lists, referral form, case page, forms with errors, 404s."""

from __future__ import annotations

import pytest

from schakel.audit.models import AuditEvent
from schakel.cases.models import Case, Subject
from tests.cases.conftest import fresh, refer

pytestmark = pytest.mark.django_db

FORM = {
    "s0_first_name": "Jeroen",
    "s0_last_name": "de Vries",
    "s0_date_of_birth": "2001-04-12",
    "s0_bsn": "999990019",
    "s0_address": "Voorbeeldstraat 1",
    "s0_relation": "subject",
    "s1_relation": "family_member",
    "s2_relation": "family_member",
    "target_group": "prolific_offenders",
    "inflow": "zsm",
    "reason": "Derde aanhouding.",
    "goal": "Samenhangende aanpak.",
}


def test_delegate_refers_in_the_browser_form(login_client, kees, house) -> None:
    client = login_client(kees)
    page = client.get("/casussen/aanmelden/")
    assert page.status_code == 200 and "Nieuwe aanmelding" in page.content.decode()
    response = client.post("/casussen/aanmelden/", {**FORM, "municipality": house["zwolle"].pk})
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/casussen/{case.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Vertrouwelijk" in page and "Jeroen de Vries" in page and case.number in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"s0_bsn": "123456789"}, "elfproef"),
        ({"target_group": "polarisation"}, "apart samenwerkingsconvenant"),
        ({"s0_last_name": ""}, "Dit veld is vereist"),
        ({"s0_date_of_birth": "31-02-2001"}, "geldige datum"),
        ({"reason": " "}, "Dit veld is vereist"),
        ({"s1_first_name": "Tim"}, "achternaam"),
    ],
)
def test_bad_referral_shows_message_next_to_field_and_saves_nothing(
    login_client, kees, house, change, message
) -> None:
    client = login_client(kees)
    response = client.post(
        "/casussen/aanmelden/", {**FORM, "municipality": house["zwolle"].pk, **change}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body, body[body.find("utrecht-form-field--invalid") - 200 :][:1500]
    assert "utrecht-form-field--invalid" in body
    assert Case.objects.count() == 0 and Subject.objects.count() == 0


def test_uninvolved_delegate_gets_404_in_the_ui(login_client, kees, daan, house) -> None:
    case = refer(kees, house)
    client = login_client(daan)
    assert client.get(f"/casussen/{case.pk}/").status_code == 404
    assert client.get("/casussen/999999/").status_code == 404
    assert client.post(f"/casussen/{case.pk}/notitie/", {"note-text": "x"}).status_code == 404
    assert AuditEvent.objects.filter(action="denied").count() >= 2


def test_manager_sees_no_cases(login_client, marloes, kees, house) -> None:
    refer(kees, house)
    client = login_client(marloes)
    assert client.get("/casussen/").status_code == 404
    assert "Casussen" not in client.get("/").content.decode()


def test_process_director_sees_only_allowed_buttons(login_client, anouk, kees, house) -> None:
    case = refer(kees, house)
    page = login_client(anouk).get(f"/casussen/{case.pk}/").content.decode()
    assert "Triage starten" in page and "Toelaten" not in page
    police = login_client(kees).get(f"/casussen/{case.pk}/").content.decode()
    assert "Triage starten" not in police
    reads = AuditEvent.objects.filter(action="read", object_type="case")
    assert reads.count() == 2 and all(r.subject_pseudonym for r in reads)


def test_illegal_step_and_stale_version_in_the_ui(login_client, anouk, kees, house) -> None:
    case = refer(kees, house)
    client = login_client(anouk)
    url = f"/casussen/{case.pk}/stap/start_triage/"
    data = {
        "t-start_triage-expected_version": case.version,
        "t-start_triage-action": "start_triage",
    }
    assert client.post(url, data).status_code == 302
    stale = client.post(url, data, follow=True).content.decode()
    assert "intussen gewijzigd" in stale
    case = fresh(case)
    response = client.post(
        f"/casussen/{case.pk}/stap/admit/",
        {
            "t-admit-expected_version": case.version,
            "t-admit-action": "admit",
            "t-admit-admission_table": "regional",
        },
    )
    assert response.status_code == 409
    assert "overleg met de aanmeldende partij" in response.content.decode()
    assert fresh(case).phase == "triage"


def test_criteria_form_errors_next_to_the_field(login_client, anouk, kees, walker, house) -> None:
    case = walker.to_triage(refer(kees, house))
    data = {"criteria-expected_version": case.version, "criteria-referrer_consulted": "on"}
    for code in ("safety_problem", "social_system", "cross_chain", "multi_problem"):
        data[f"criteria-{code}_holds"] = "yes"
        data[f"criteria-{code}_motivation"] = "Motivering."
    data["criteria-cross_chain_motivation"] = ""
    response = login_client(anouk).post(f"/casussen/{case.pk}/criteria/", data)
    assert response.status_code == 400
    assert "Motiveer criterium 3" in response.content.decode()
    assert fresh(case).version == case.version


def test_list_pages_are_bounded_and_keyset(
    login_client, anouk, kees, house, django_assert_max_num_queries
) -> None:
    for _ in range(30):
        refer(kees, house)
    client = login_client(anouk)
    client.get("/")  # warm the session and the actor
    with django_assert_max_num_queries(14):  # 13 on SQLite; PostgreSQL adds the chain lock
        page = client.get("/casussen/")
    body = page.content.decode()
    assert body.count("/casussen/") >= 25 and 'rel="next"' in body
    cursor = body.split('href="?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    with django_assert_max_num_queries(14):  # 13 on SQLite; PostgreSQL adds the chain lock
        second = client.get("/casussen/?" + cursor).content.decode()
    assert 'rel="next"' not in second
    assert AuditEvent.objects.filter(object_type="case_list").count() == 2
    found = client.get("/casussen/?achternaam=de+vries&geboortedatum=2001-04-12").content.decode()
    assert "Jeroen de Vries" in found
    assert "Casussen met deze achternaam, nieuwste casus eerst" in found
    assert "Casussen, laatst gewijzigd eerst" in body
    assert "Geen casussen gevonden" in client.get("/casussen/?achternaam=niemand").content.decode()
    assert client.get("/casussen/?fase=maan&gemeente=x&na=rommel").status_code == 200


def test_home_shows_my_case_work(
    login_client, anouk, kees, walker, house, django_assert_max_num_queries
) -> None:
    refer(kees, house)
    walker.to_triage(refer(kees, house))
    client = login_client(anouk)
    client.get("/")  # warm the session and the actor
    with django_assert_max_num_queries(11):  # the shell, my phases, overdue actions, queues
        page = client.get("/").content.decode()
    assert "Mijn casussen" in page and "Nieuwe aanmeldingen voor triage" in page
    assert "Triage: 1" in page.replace("</a>", "")


def _bad_posts(walker, kees, rik, daan, house):  # type: ignore[no-untyped-def]
    """(user, url, data, phrase) per form, with the case in the phase the form belongs to."""
    from datetime import timedelta

    from django.utils import timezone

    from schakel.accounts.selectors import actor_for
    from schakel.cases import services
    from tests.cases.conftest import CTX

    triage = walker.to_triage(refer(kees, house))
    services.consultation_request(
        actor=actor_for(walker.pd),
        ctx=CTX,
        case_id=triage.pk,
        expected_version=triage.version,
        party_ids=[house["ggz"].pk],
    )
    triage = fresh(triage)
    prep = walker.to_preparation(refer(kees, house))
    mdo = walker.to_mdo(refer(kees, house))
    run = walker.to_execution(refer(kees, house), rik)
    action = run.actions.get()
    past = (timezone.localdate() - timedelta(days=2)).isoformat()
    return [
        (
            "pd",
            f"/casussen/{triage.pk}/bevragen/",
            {"consult-expected_version": triage.version},
            "vereist",
        ),
        (
            "daan",
            f"/casussen/{triage.pk}/antwoord/",
            {"answer-answer": "misschien"},
            "geldige keuze",
        ),
        ("daan", f"/casussen/{triage.pk}/antwoord/", {"answer-answer": "known"}, "contactpersoon"),
        (
            "pd",
            f"/casussen/{triage.pk}/procesregisseur/",
            {"pd-expected_version": triage.version, "pd-process_director": "999"},
            "geldige keuze",
        ),
        (
            "pd",
            f"/casussen/{triage.pk}/stap/admit/",
            {
                "t-admit-expected_version": triage.version,
                "t-admit-action": "admit",
                "t-admit-admission_table": "maan",
            },
            "geldige keuze",
        ),
        (
            "pd",
            f"/casussen/{prep.pk}/casustafel/",
            {
                "conf-expected_version": prep.version,
                "conf-conference_goal": "Doel",
                "conf-conference_date": past,
            },
            "verleden",
        ),
        (
            "pd",
            f"/casussen/{prep.pk}/casustafel/",
            {
                "conf-expected_version": prep.version,
                "conf-conference_goal": "Doel",
                "conf-conference_date": "2099-01-01",
                "conf-invite_justification": "x",
            },
            "Kies een partij",
        ),
        (
            "pd",
            f"/casussen/{mdo.pk}/casusregisseur/",
            {"cd-expected_version": mdo.version},
            "vereist",
        ),
        (
            "pd",
            f"/casussen/{mdo.pk}/informeren/",
            {"inform-expected_version": mdo.version, "inform-informer_party": house["police"].pk},
            "uitgesteld",
        ),
        (
            "pd",
            f"/casussen/{mdo.pk}/plan/",
            {"plan-expected_version": mdo.version},
            "ten minste één",
        ),
        (
            "pd",
            f"/casussen/{mdo.pk}/plan/",
            {
                "plan-expected_version": mdo.version,
                "plan-goal0_life_domain": "housing",
                "plan-goal0_goal": "Wonen",
                "plan-closure_criteria": "x",
                "plan-action0_description": "Iets",
                "plan-action0_due_on": past,
            },
            "verleden",
        ),
        (
            "pd",
            f"/casussen/{run.pk}/acties/{action.pk}/",
            {f"a{action.pk}-expected_version": run.version, f"a{action.pk}-status": "klaar"},
            "geldige keuze",
        ),
        ("pd", f"/casussen/{run.pk}/notitie/", {"note-text": " "}, "vereist"),
    ]


def test_bad_input_in_every_case_form(login_client, walker, kees, rik, daan, anouk, house) -> None:
    clients = {"pd": login_client(anouk), "daan": login_client(daan)}
    for user, url, data, phrase in _bad_posts(walker, kees, rik, daan, house):
        case_id = int(url.split("/")[2])
        before = fresh(Case.objects.get(pk=case_id))
        response = clients[user].post(url, data)
        assert response.status_code == 400, (url, response.status_code)
        assert phrase in response.content.decode(), (url, phrase)
        after = fresh(before)
        assert (after.version, after.updated_at) == (before.version, before.updated_at), url


def test_list_rows_escape_names_and_show_local_time(login_client, anouk, kees, house) -> None:
    """The list's rows are built in Python (issue #9): names stay escaped, one per line, the
    number links to the case page, and the change time is the house's local time, as the
    `date` filter gave it."""
    from datetime import date

    from django.utils import timezone

    from schakel.cases import services

    case = refer(
        kees,
        house,
        subjects=[
            services.SubjectInput(
                first_name="<b>Jan</b>", last_name="O'Neil & Zn", date_of_birth=date(1990, 1, 2),
                bsn="", address="",
            ),
            services.SubjectInput(
                first_name="Piet", last_name="Jansen", date_of_birth=date(1985, 3, 4),
                bsn="", address="",
            ),
        ],
    )  # fmt: skip
    body = login_client(anouk).get("/casussen/").content.decode()
    assert (
        "&lt;b&gt;Jan&lt;/b&gt; O&#x27;Neil &amp; Zn (02-01-1990)<br>Piet Jansen (04-03-1985)"
        in body
    )
    assert "<b>Jan</b>" not in body
    assert f'href="/casussen/{case.pk}/">{fresh(case).number}</a>' in body
    changed = timezone.localtime(fresh(case).updated_at).strftime("%d-%m-%Y %H:%M")
    assert f'<td class="utrecht-table__cell">{changed}</td>' in body


def test_a_malformed_filter_says_so_next_to_the_field_and_reads_nothing(
    login_client, kees, house
) -> None:
    refer(kees, house)
    client = login_client(kees)
    lists_read = AuditEvent.objects.filter(object_type="case_list").count()
    body = client.get("/casussen/?achternaam=de+vries&geboortedatum=12-04-2001").content.decode()
    assert "Gebruik een datum zoals 2001-04-12." in body and 'aria-invalid="true"' in body
    assert 'value="de vries"' in body and 'value="12-04-2001"' in body  # what was typed stays
    assert "Verbeter het filter om casussen te zien." in body and "Jeroen de Vries" not in body
    body = client.get("/casussen/?achternaam=de+vries&na=rommel").content.decode()
    assert "Deze paginalink klopt niet (meer)." in body and "Jeroen de Vries" not in body
    assert 'href="?achternaam=de+vries">Eerste pagina</a>' in body
    assert AuditEvent.objects.filter(object_type="case_list").count() == lists_read
    assert "Jeroen de Vries" in client.get("/casussen/?achternaam=de+vries").content.decode()
