"""Refresh the desk's translations: lupdate over ui/ into the .ts sources, then lrelease.

    uv run python -m ui.tools.update_translations

lupdate keeps every existing translation; new strings appear as "unfinished" in
resources/translations/collection_desk_zh_CN.ts for a translator (Qt Linguist or a text
editor). English is the source language: its .ts only carries plural forms.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ui.paths import TRANSLATION_PREFIX, TRANSLATIONS

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("zh_CN", "en")


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    for lang in LANGS:
        ts = TRANSLATIONS / f"{TRANSLATION_PREFIX}{lang}.ts"
        subprocess.run(
            ["pyside6-lupdate", "-no-obsolete", "-locations", "none", *sources, "-ts", str(ts)],
            check=True,
            cwd=ROOT,
        )
        subprocess.run(
            ["pyside6-lrelease", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, cwd=ROOT
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
