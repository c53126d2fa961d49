"""`qa check TRANSCRIPT.json`: the findings and score as JSON; bad input refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main

LABELLED = Path(__file__).parents[1] / "domain" / "data" / "quality" / "labelled.json"


def test_qa_check_prints_findings_and_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(LABELLED.read_text(encoding="utf-8"))
    threat = next(d for d in data if d["language"] == "en" and d["expect"] == ["banned_phrase"])
    file = tmp_path / "t.json"
    file.write_text(json.dumps(threat), encoding="utf-8")
    assert main(["qa", "check", str(file)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in out["findings"]] == ["banned_phrase"]
    (finding,) = out["findings"]
    assert set(finding) >= {"code", "severity", "at", "quote"}
    assert out["score"] == 100 - finding["points"]


def test_qa_check_refuses_a_bad_transcript(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "t.json"
    file.write_text(json.dumps({"call_ref": "x", "language": "fr", "segments": []}), "utf-8")
    assert main(["qa", "check", str(file)]) == 2
    assert "language: expected one of zh, en" in capsys.readouterr().err
    file.write_text("{not json", encoding="utf-8")
    assert main(["qa", "check", str(file)]) == 2
    assert "is not UTF-8 JSON" in capsys.readouterr().err
