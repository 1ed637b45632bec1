"""The Dutch catalogue, kept with Babel so no GNU gettext tools are needed on the machine.

``extract_catalog`` finds every translatable string in our Python code and templates (the
templates through Django's own ``templatize``, exactly as ``makemessages`` does), so the test
suite can fail on a string without a Dutch translation.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.utils.translation.template import templatize

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = PACKAGE_DIR / "locale"
TARGET_LANGUAGES = ("nl",)

KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def _sources() -> Iterator[tuple[Path, str]]:
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if "migrations" in path.parts or "static" in path.parts:
            continue
        yield path, "python"
    for path in sorted((PACKAGE_DIR / "templates").rglob("*.html")):
        yield path, "template"
    for path in sorted(PACKAGE_DIR.glob("*/templates/**/*.html")):
        yield path, "template"


def extract_catalog() -> Catalog:
    catalog = Catalog(project="schakel", fuzzy=False)
    for path, kind in _sources():
        text = path.read_text(encoding="utf-8")
        if kind == "template":
            text = templatize(text, origin=str(path))
        for lineno, message, comments, context in extract(
            "python", io.BytesIO(text.encode()), keywords=KEYWORDS, comment_tags=("Translators:",)
        ):
            if not message or (isinstance(message, tuple) and not message[0]):
                continue
            catalog.add(
                message,
                locations=[(str(path.relative_to(PACKAGE_DIR)), lineno)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def read_catalog(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return Catalog(locale=language, project="schakel")
    with path.open("rb") as fh:
        return read_po(fh, locale=language)


def update_catalogs() -> dict[str, int]:
    """Merge newly found strings into each .po; returns the number untranslated per language."""
    template = extract_catalog()
    missing = {}
    for language in TARGET_LANGUAGES:
        catalog = read_catalog(language)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path = po_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
        missing[language] = len([m for m in catalog if m.id and not _translated(m.string)])
    return missing


def compile_catalogs() -> list[Path]:
    written = []
    for language in TARGET_LANGUAGES:
        catalog = read_catalog(language)
        target = po_path(language).with_suffix(".mo")
        with target.open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(target)
    return written


def _translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


def untranslated(language: str) -> list[str]:
    """Strings in the code without a (non-fuzzy) translation in ``language``."""
    catalog = read_catalog(language)
    problems = []
    for message in extract_catalog():
        if not message.id:
            continue
        found = catalog.get(message.id, context=message.context)
        if found is None or found.fuzzy or not _translated(found.string):
            key = message.id if isinstance(message.id, str) else message.id[0]
            problems.append(key)
    return problems
