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
TARGET_LANGUAGES = ("nl",)

KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def catalog_roots() -> list[Path]:
    """The folders that keep their own catalogue: the package itself, and every app with a
    ``locale/`` folder of its own (so parallel work on two apps never edits one .po file)."""
    apps = sorted(p.parent for p in PACKAGE_DIR.glob("*/locale") if p.is_dir())
    return [*apps, PACKAGE_DIR]


def _root_of(path: Path, roots: list[Path]) -> Path:
    return next(root for root in roots if root in path.parents)


def _sources(root: Path) -> Iterator[tuple[Path, str]]:
    roots = catalog_roots()
    for path in sorted(root.rglob("*")):
        if _root_of(path, roots) != root or "migrations" in path.parts or "static" in path.parts:
            continue
        if path.suffix == ".py":
            yield path, "python"
        elif path.suffix == ".html" and "templates" in path.parts:
            yield path, "template"


def extract_catalog(root: Path = PACKAGE_DIR, *, everything: bool = False) -> Catalog:
    """The strings of one catalogue root, or of the whole package with ``everything``."""
    catalog = Catalog(project="schakel", fuzzy=False)
    roots = catalog_roots() if everything else [root]
    for each in roots:
        for path, kind in _sources(each):
            text = path.read_text(encoding="utf-8")
            if kind == "template":
                text = templatize(text, origin=str(path))
            for lineno, message, comments, context in extract(
                "python",
                io.BytesIO(text.encode()),
                keywords=KEYWORDS,
                comment_tags=("Translators:",),
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


def po_path(language: str, root: Path = PACKAGE_DIR) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def read_catalog(language: str, root: Path = PACKAGE_DIR) -> Catalog:
    path = po_path(language, root)
    if not path.exists():
        return Catalog(locale=language, project="schakel")
    with path.open("rb") as fh:
        return read_po(fh, locale=language)


def update_catalogs(app: str | None = None) -> dict[str, int]:
    """Merge newly found strings into each .po (or only ``app``'s); returns the number of
    strings still without a translation per language."""
    missing: dict[str, int] = {}
    roots = catalog_roots()
    if app:
        roots = [root for root in roots if root.name == app]
        if not roots:
            raise ValueError(f"no catalogue for app {app!r} (create {app}/locale/nl/LC_MESSAGES)")
    for root in roots:
        template = extract_catalog(root)
        for language in TARGET_LANGUAGES:
            catalog = read_catalog(language, root)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
            path = po_path(language, root)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as fh:
                write_po(fh, catalog, width=100, omit_header=False, sort_output=True)
            untranslated_here = [m for m in catalog if m.id and not _translated(m.string)]
            missing[language] = missing.get(language, 0) + len(untranslated_here)
    return missing


def compile_catalogs() -> list[Path]:
    written = []
    for root in catalog_roots():
        for language in TARGET_LANGUAGES:
            if not po_path(language, root).exists():
                continue
            catalog = read_catalog(language, root)
            target = po_path(language, root).with_suffix(".mo")
            with target.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            written.append(target)
    return written


def _translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


def untranslated(language: str) -> list[str]:
    """Strings in the code without a (non-fuzzy) translation in ``language``.

    At run time Django merges all catalogues, so a string is translated when any has it.
    """
    catalogs = [read_catalog(language, root) for root in catalog_roots()]
    problems = []
    for message in extract_catalog(everything=True):
        if not message.id:
            continue
        found = [
            m
            for m in (c.get(message.id, context=message.context) for c in catalogs)
            if m is not None and not m.fuzzy and _translated(m.string)
        ]
        if not found:
            key = message.id if isinstance(message.id, str) else message.id[0]
            problems.append(key)
    return problems
