"""Compile locale/*/LC_MESSAGES/django.po and each app's <app>/locale/ to .mo with Babel
(no GNU gettext needed). An app may keep its own catalogue; Django reads installed apps'
locale/ directories after LOCALE_PATHS.

Run by the dev runner and the Docker build: `python -m kuty.i18n_build`.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def _catalogues(locale_dir: Path) -> list[Path]:
    found = sorted(locale_dir.glob("*/LC_MESSAGES/django.po"))
    # JavaScript strings Django's own catalogues leave untranslated (the admin's chooser)
    found += sorted(locale_dir.glob("*/LC_MESSAGES/djangojs.po"))
    if locale_dir == LOCALE_DIR:
        found += sorted(locale_dir.parent.glob("*/locale/*/LC_MESSAGES/django.po"))
    return found


def compile_messages(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    written = []
    for po_path in _catalogues(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_messages():
        print(f"compiled {path}")
