"""scikit-learn (and numpy) stay out of the desk's and the API's import path: only the
`risk fit` command imports scikit-learn, and only `risk score`/`reminders` need numpy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_desk_and_api_start_without_scikit_learn_or_numpy() -> None:
    mods = _modules_after(
        "import main\nmain.build_parser()\n"
        "from app.server.app_factory import create_app\n"
        "import app.server.services.feed, app.server.services.case_detail"
    )
    assert "sklearn" not in mods and "numpy" not in mods
    assert "app.server.risk.cli" in mods  # the commands are registered ...
    assert "app.server.risk.scoring" not in mods  # ... their work is imported when run


def test_scoring_does_not_import_scikit_learn() -> None:
    mods = _modules_after(
        "import app.server.risk.scoring, app.server.risk.reminders, app.server.risk.care_calls"
    )
    assert "numpy" in mods and "sklearn" not in mods
