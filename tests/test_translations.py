"""Every UI string has a Dutch translation (ARCHITECTURE rule 8)."""

from schakel.core.translations import extract_catalog, untranslated


def test_catalogue_finds_our_strings() -> None:
    ids = {m.id for m in extract_catalog(everything=True) if m.id}
    assert "My work" in ids and "Log in" in ids


def test_every_string_has_a_dutch_translation() -> None:
    missing = untranslated("nl")
    assert missing == [], (
        "Strings without a Dutch translation; run `./dev manage translations --extract` and "
        f"fill in src/schakel/locale/nl/LC_MESSAGES/django.po: {missing}"
    )
