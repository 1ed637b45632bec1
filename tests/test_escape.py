"""`core.escape.esc` escapes as Django's `conditional_escape`, and the HTML built with it (the
filters' options, the case list's rows) is what `format_html` built before (issue #9)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from schakel.cases.list_selectors import CaseSummary, PartyRef, PersonRef, SubjectName
from schakel.cases.presentation import case_list_rows
from schakel.core.escape import esc
from schakel.core.templatetags.options import options
from schakel.domain.target_groups import TARGET_GROUP_LABELS_NL, TargetGroup
from schakel.domain.workflow import PHASE_LABELS_NL, Phase

TRICKY = [
    'Jan <b>"de" & Vries',
    "O'Brien",
    "&amp; al ge-escaped?",
    mark_safe("<i>veilig</i>"),
    gettext_lazy("Cases"),
    42,
    None,
    "",
    "é ü — ‘’",
]


def test_esc_is_conditional_escape() -> None:
    with override("nl"):
        for value in TRICKY:
            assert esc(value) == str(conditional_escape(value)), value


def test_options_as_format_html_join_wrote_them() -> None:
    choices = [(str(v), str(v) if v is not None else "—", i == 2) for i, v in enumerate(TRICKY)]
    before = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if selected else "", label) for value, label, selected in choices),
    )
    assert options(choices) == before and " selected>" in options(choices)


def _before(case: CaseSummary) -> str:
    """The rows as `format_html` wrote them until issue #9's second pass."""
    cell = '<td class="utrecht-table__cell">{}</td>'
    row = (
        '<tr class="utrecht-table__row">'
        + cell.format('<a class="utrecht-link utrecht-link--html-a" href="{}">{}</a>')
        + cell * 7
        + "</tr>"
    )
    return format_html(
        row,
        reverse("cases:detail", args=[case.id]),
        case.number,
        format_html_join(
            mark_safe("<br>"),
            "{} {} ({})",
            ((s.first_name, s.last_name, f"{s.date_of_birth:%d-%m-%Y}") for s in case.subjects),
        ),
        PHASE_LABELS_NL[Phase(case.phase)],
        TARGET_GROUP_LABELS_NL[TargetGroup(case.target_group)],
        case.municipality.name,
        case.referring_party.name,
        case.process_director.full_name if case.process_director else "—",
        f"{timezone.localtime(case.updated_at):%d-%m-%Y %H:%M}",
    )


def test_case_list_rows_as_format_html_wrote_them() -> None:
    def summary(pk: int, director: PersonRef | None, subjects: list[SubjectName]) -> CaseSummary:
        return CaseSummary(
            id=pk,
            number=f"ZVH-2026-{pk:04d}",
            phase=Phase.triage.value,
            target_group=next(iter(TargetGroup)).value,
            updated_at=datetime(2026, 12, 7, 3, 4, tzinfo=UTC),
            version=1,
            municipality=PartyRef("zwolle", "Gemeente <Zwolle> & co"),
            referring_party=PartyRef("politie", 'Politie "Oost"'),
            process_director=director,
            subjects=subjects,
        )

    people = [
        SubjectName('Jan <b>"de"', "Vries & Zn", date(2001, 4, 12)),
        SubjectName("Anna", "O'Brien", date(1999, 1, 2)),
    ]
    cases = [
        summary(7, PersonRef("pd", "Piet <Regie>"), people),
        summary(8, None, []),
        summary(9, PersonRef("x", "Els"), people[:1]),
    ]
    assert [str(r) for r in case_list_rows(cases)] == [str(_before(c)) for c in cases]
