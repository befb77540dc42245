"""The extractor's output fingerprint: it is stable, and it names every text a change moves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import extract_fingerprint
from tracker.extract import extractor
from tracker.extract.model.logistic import Model

LIMIT = ["--limit", "4"]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = extract_fingerprint.main([*LIMIT, *args])
    return code, capsys.readouterr().out


def test_the_same_code_gives_the_same_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "before.json"
    code, first = _run(capsys, "--save", str(saved))
    assert code == 0
    texts = json.loads(saved.read_text("utf-8"))
    # four articles and four pattern sentences, each with four texts derived from it
    assert len(texts) == 8 * 5
    assert sum(map(len, texts.values())) > 0  # the articles announce something
    code, again = _run(capsys, "--compare", str(saved))
    assert code == 0
    assert again.splitlines()[0] == first.splitlines()[0]
    assert "0 of 40 texts read differently" in again


def test_a_change_of_output_is_named_text_by_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "before.json"
    _, before = _run(capsys, "--save", str(saved))
    announcing = [name for name, found in json.loads(saved.read_text("utf-8")).items() if found]
    assert announcing
    doubting = Model({"bias": -50.0}, 0.5, {})  # weights that believe nothing
    monkeypatch.setattr(extractor, "shipped", lambda: doubting)
    code, after = _run(capsys, "--compare", str(saved))
    assert code == 1
    assert after.splitlines()[0] != before.splitlines()[0]
    changed = [line.removeprefix("changed: ") for line in after.splitlines() if "changed:" in line]
    assert sorted(changed) == sorted(announcing)
    assert f"{len(announcing)} of 40 texts read differently" in after


def test_an_unreadable_comparison_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", "utf-8")
    code = extract_fingerprint.main([*LIMIT, "--compare", str(broken)])
    assert code == 2
    assert "cannot read" in capsys.readouterr().err
