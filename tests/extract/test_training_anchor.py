"""Learning new batches on top of earlier weights (``fit_anchored``, ``train --anchor``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("sklearn", reason="training needs the train extra: pip install '.[train]'")

from tests.extract.written_batch import CORPUS, written_as_real
from tracker.extract.model.logistic import WEIGHTS_FILE
from tracker.extract.training import train
from tracker.extract.training.fitting import fit, fit_anchored

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "tracker" / "extract" / "model" / WEIGHTS_FILE


def _examples(rows: list[tuple[list[str], int]]) -> list[Any]:
    """Stand-ins for training examples: fitting reads only their features and teachings."""
    return [SimpleNamespace(names=[names for names, _ in rows], right=[r for _, r in rows])]


#: "quoted" says right three times in four; "caps" says wrong every time.
ROWS = [
    (["bias", "quoted"], 1),
    (["bias", "quoted"], 1),
    (["bias", "quoted"], 1),
    (["bias", "quoted"], 0),
    (["bias", "caps"], 0),
    (["bias", "caps"], 0),
    (["bias", "caps"], 0),
]


def test_without_anything_to_learn_the_anchor_comes_back_unchanged() -> None:
    anchor = {"bias": -1.0, "quoted": 2.0, "rare": 0.5}

    assert fit_anchored([], anchor, 0.3).weights == anchor
    only_judgment_calls = _examples([(["bias", "quoted"], -1), (["bias", "quoted"], -1)])
    assert fit_anchored(only_judgment_calls, anchor, 0.3).weights == anchor


def test_a_weight_the_new_articles_never_see_keeps_its_anchor_value() -> None:
    anchor = {"bias": -1.0, "quoted": 2.0, "b1=premiere": 0.75}

    weights = fit_anchored(_examples(ROWS), anchor, 0.3).weights

    assert weights["b1=premiere"] == 0.75
    assert weights["quoted"] != 2.0  # the new articles do speak of this one


def test_the_anchor_draws_a_weight_back_from_where_the_new_articles_alone_would_put_it() -> None:
    # The anchor believed "caps" strongly; the new articles say it is always wrong.
    anchor = {"bias": 0.0, "quoted": 0.0, "caps": 3.0}
    alone = fit(_examples(ROWS), 0.3, seed=0).weights["caps"]

    loose = fit_anchored(_examples(ROWS), anchor, 3.0).weights["caps"]
    tight = fit_anchored(_examples(ROWS), anchor, 0.03).weights["caps"]

    assert alone < 0 < loose < 3.0  # learning moved it down, the anchor kept it up
    assert loose < tight < 3.0  # a tighter anchor (smaller C) moves it less
    assert 3.0 - tight < 0.5


def test_a_new_feature_enters_once_two_candidates_have_it() -> None:
    anchor = {"bias": 0.0}
    rows = [*ROWS, (["bias", "once"], 0), (["bias", "twice"], 0), (["bias", "twice"], 0)]

    weights = fit_anchored(_examples(rows), anchor, 0.3).weights

    assert "once" not in weights
    assert weights["twice"] < 0


def test_the_same_inputs_give_the_same_weights() -> None:
    anchor = {"bias": -0.5, "quoted": 1.0, "caps": 1.0}

    first = fit_anchored(_examples(ROWS), anchor, 0.3).weights
    second = fit_anchored(_examples(ROWS), anchor, 0.3).weights

    assert first == second


def test_the_command_learns_a_batch_on_top_of_the_shipped_weights_and_says_what_they_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = sorted(p.stem for p in CORPUS.glob("*.txt"))[:8]
    labels, texts = written_as_real(tmp_path, names)
    out = tmp_path / "weights.json"
    args = [
        "--anchor", str(SHIPPED), "--learn", str(labels), "--texts", str(texts),
        "--no-corpus", "--folds", "2", "--out", str(out),
    ]  # fmt: skip

    assert train.main(args) == 0
    printed = capsys.readouterr().out
    assert "the anchor alone" in printed
    assert "2-fold cross-validation" in printed
    written = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert written["meta"]["anchor"]["sha256"] == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    assert written["meta"]["learned"] == ["b90"]
    assert written["meta"]["anchor"]["real_articles"] == shipped["meta"]["real_articles"]
    assert written["meta"]["real_articles"] == len(names)
    # the weights moved where the batch had something to say, and nowhere else
    moved = {k for k, v in written["weights"].items() if shipped["weights"].get(k) != v}
    assert moved
    assert len(moved) < len(shipped["weights"]) // 10
    # and the same command writes the same bytes again
    again = tmp_path / "again.json"
    assert train.main([*args[:-1], str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_learning_a_batch_the_anchor_already_learned_is_warned_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels, texts = written_as_real(tmp_path, ["album_announcement", "year_precision"])
    learned = tmp_path / "labels"  # by the repository's rule, what the anchor learned
    learned.mkdir()
    (learned / labels.name).write_text(labels.read_text(encoding="utf-8"), encoding="utf-8")
    args = [
        "--anchor", str(SHIPPED), "--learn", str(labels), "--texts", str(texts),
        "--no-corpus", "--folds", "2", "--no-write",
    ]  # fmt: skip

    assert train.main([*args, "--labels", str(tmp_path / "none")]) == 0
    assert "already learned" not in capsys.readouterr().err
    assert train.main([*args, "--labels", str(learned)]) == 0
    assert "the anchor has already learned b90" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--learn", "LABELS"], "--anchor WEIGHTS and --learn FILE... go together"),
        (["--anchor", "BAD", "--learn", "LABELS"], "is not a weights file"),
        (["--anchor", "MISSING", "--learn", "LABELS"], "cannot read the anchor"),
        (["--anchor", "SHIPPED", "--learn", "LABELS", "--trees", "5"], "--trees cannot"),
    ],
)
def test_the_anchored_options_refuse_what_they_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], says: str
) -> None:
    labels, texts = written_as_real(tmp_path, ["album_announcement"])
    bad = tmp_path / "bad.json"
    bad.write_text('{"weights": "none"}', encoding="utf-8")
    where = {
        "LABELS": str(labels),
        "BAD": str(bad),
        "MISSING": str(tmp_path / "nowhere.json"),
        "SHIPPED": str(SHIPPED),
    }
    out = tmp_path / "weights.json"
    args = [where.get(a, a) for a in extra] + ["--texts", str(texts), "--out", str(out)]

    assert train.main(args) == 2
    assert says in capsys.readouterr().err
    assert not out.exists()


def test_drawn_towards_zero_it_is_the_plain_regression() -> None:
    rows = [
        *ROWS,
        (["bias", "quoted", "caps"], 1),
        (["bias", "quoted", "caps"], 0),
        (["bias", "season"], 1),
        (["bias", "season"], 1),
    ]
    plain = fit(_examples(rows), 0.3, seed=0).weights

    anchored = fit_anchored(_examples(rows), {}, 0.3).weights

    for name in ("quoted", "caps", "season"):
        assert anchored[name] == pytest.approx(plain[name], abs=1e-3)
    # the plain fit splits its free intercept from a drawn "bias" feature; only the sum counts
    assert anchored["bias"] == pytest.approx(plain["bias"], abs=1e-3)
