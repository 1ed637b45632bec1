"""What the case page's timeline says for each kind of case event, in Dutch (issue #9 moved the
texts to a table translated per event; this holds what they say)."""

from __future__ import annotations

from django.utils.translation import override

from schakel.cases.presentation import _EVENT_TEXTS, _event_text


def test_every_kind_says_its_dutch_text_with_its_detail() -> None:
    with override("nl"):
        for kind in _EVENT_TEXTS:
            text = _event_text(kind, "Politie Oost-Nederland")
            with override("en"):
                english = _event_text(kind, "Politie Oost-Nederland")
            assert text != english, kind  # translated
            if "%(detail)s" in str(_EVENT_TEXTS[kind]):
                assert "Politie Oost-Nederland" in text, kind
        assert _event_text("referred", "") == "Casus aangemeld."
        assert _event_text("party_removed", "GGZ") == "Betrokkenheid beëindigd: GGZ."


def test_the_kinds_with_their_own_wording() -> None:
    with override("nl"):
        assert "voldaan" in _event_text("criteria", "met")
        assert _event_text("criteria", "met") != _event_text("criteria", "not_met")
        assert "Triage" in _event_text("transition", "referral>triage") or "triage" in (
            _event_text("transition", "referral>triage").lower()
        )
        assert "“Woning zoeken”" in _event_text("action", "done|Woning zoeken")
        assert _event_text("unknown_kind", "x") == "unknown_kind"
