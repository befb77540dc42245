"""Scoring a labelled batch at first sight (``python -m tracker.extract.training.first_sight``)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.extract.written_batch import CORPUS, written_as_real
from tracker.extract import extract_announcements
from tracker.extract.training import first_sight
from tracker.extract.training.evaluation import Tally

NAMES = sorted(p.stem for p in CORPUS.glob("*.txt"))[:12]


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value if len(value) == 10 else value[:7] + "-01")


def _tally_of_the_extractor(labels: Path, texts: Path) -> Tally:
    """The oracle: the public extractor's own output, counted with the strict tally."""
    tally = Tally()
    for line in labels.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = (texts / f"{record['id']}.txt").read_text(encoding="utf-8")
        found = [a.to_dict() for a in extract_announcements(text, _published(record["published"]))]
        tally.add(record["id"], record["announcements"], found)
    return tally


def test_the_figure_is_the_extractor_s_own_counted_strictly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels, texts = written_as_real(tmp_path, NAMES)

    assert first_sight.main([str(labels), "--texts", str(texts)]) == 0

    out = capsys.readouterr().out
    expected = _tally_of_the_extractor(labels, texts)
    assert expected.tp > 0
    assert f"b90: {len(NAMES)} articles" in out
    assert f"pooled: {len(NAMES)} articles" in out
    assert expected.summary() in out
    sure = re.search(r"right at confidence >= 0\.8: (\d+) of (\d+)", out)
    assert sure is not None
    assert int(sure[1]) <= int(sure[2]) <= expected.tp + expected.fp


def test_batches_are_scored_one_by_one_and_pooled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, texts = written_as_real(tmp_path, NAMES[:5], batch="b91")
    second, _ = written_as_real(tmp_path, NAMES[5:], batch="b92")

    assert first_sight.main([str(first), str(second), "--texts", str(texts)]) == 0

    out = capsys.readouterr().out
    assert "b91: 5 articles" in out
    assert f"b92: {len(NAMES) - 5} articles" in out
    assert f"pooled: {len(NAMES)} articles" in out


def test_a_missing_text_is_named_and_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels, texts = written_as_real(tmp_path, NAMES[:4])
    (texts / "b90-002.txt").unlink()

    assert first_sight.main([str(labels), "--texts", str(texts)]) == 0

    captured = capsys.readouterr()
    assert "1 labelled articles have no text" in captured.err
    assert "b90-002: no text" in captured.err
    assert "b90: 3 articles" in captured.out


def test_weights_that_believe_nothing_announce_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels, texts = written_as_real(tmp_path, NAMES[:4])
    weights = tmp_path / "none.json"
    weights.write_text(json.dumps({"threshold": 0.5, "weights": {"bias": -50.0}}), "utf-8")
    details = tmp_path / "details.txt"

    args = [
        str(labels),
        "--texts",
        str(texts),
        "--weights",
        str(weights),
        "--details",
        str(details),
    ]
    assert first_sight.main(args) == 0

    out = capsys.readouterr().out
    assert "(right 0, missed" in out
    assert "false 0)" in out
    assert "right at confidence >= 0.8: 0 of 0" in out
    assert " EXTRA " not in details.read_text(encoding="utf-8")
    assert " MISS " in details.read_text(encoding="utf-8")


@pytest.mark.parametrize("problem", ["no labels", "no texts", "bad weights"])
def test_what_cannot_be_scored_is_said_with_an_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], problem: str
) -> None:
    labels, texts = written_as_real(tmp_path, NAMES[:2])
    args = [str(labels), "--texts", str(texts)]
    if problem == "no labels":
        args[0] = str(tmp_path / "nowhere.jsonl")
        says = "no such label file"
    elif problem == "no texts":
        args[2] = str(tmp_path / "empty")
        says = "no labelled article with its text"
    else:
        bad = tmp_path / "bad.json"
        bad.write_text("{not json", encoding="utf-8")
        args += ["--weights", str(bad)]
        says = "cannot read the weights"

    assert first_sight.main(args) == 2
    assert says in capsys.readouterr().err
