from __future__ import annotations

import datetime as dt
import json
import math
import shutil
from pathlib import Path

import pytest

from tracker.extract import extract_announcements
from tracker.extract.candidates.reader import propose
from tracker.extract.decisions.decide import decide
from tracker.extract.features import describe
from tracker.extract.model.logistic import Model, shipped
from tracker.extract.training import fitting, train

ROOT = Path(__file__).resolve().parents[2]
WEIGHTS = ROOT / "tracker" / "extract" / "model" / "weights.json"
CORPUS = Path(__file__).parent / "corpus"

ARTICLE = (
    "Harbor Lights, a drama about a family of fishermen in rural Maine, will premiere on "
    "Netflix on Friday, May 8. Its creator, Dana Whitlow, said Whitlow wrote it in 2019.\n"
)


def test_the_shipped_weights_load_and_are_small() -> None:
    model = shipped()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 100
    assert WEIGHTS.stat().st_size < 3_000_000
    assert model.meta["real_articles"] >= 300
    assert model.meta["first_sight"]["articles"] >= 40


def test_probability_rises_with_a_weight_and_stays_between_zero_and_one() -> None:
    model = Model({"bias": -1.0, "quoted": 3.0}, 0.5, {})
    low, high = model.probability(["bias"]), model.probability(["bias", "quoted"])
    assert 0.0 < low < 0.5 < high < 1.0
    assert model.probability(["unknown"]) == pytest.approx(0.5)
    assert 0.0 <= Model({"bias": -1e6}, 0.5, {}).probability(["bias"]) < 1e-9


def test_confidence_follows_the_calibration_points_and_clips_outside() -> None:
    model = Model({}, 0.5, {}, ((0.4, 0.2), (0.6, 0.5), (0.9, 0.95)))
    assert model.confidence(0.1) == 0.2
    assert model.confidence(0.5) == pytest.approx(0.35)
    assert model.confidence(0.99) == 0.95
    assert Model({}, 0.5, {}).confidence(0.7) == 0.7


def test_a_model_survives_its_json() -> None:
    model = Model({"bias": 0.25, "prec=day": 1.5}, 0.45, {"seed": 0}, ((0.4, 0.3), (0.9, 0.9)))
    again = Model.from_json(json.loads(json.dumps(model.to_json())))
    assert again == model


def test_trees_add_the_leaf_of_the_path_the_features_take() -> None:
    # one tree in pre-order, absent goes to the next node:
    # quoted? (no: -1; yes: person? (no: +2, yes: -3))
    tree = (("quoted", "", "person", "", ""), (2, -1, 4, -1, -1), (0.0, -1.0, 0.0, 2.0, -3.0))
    model = Model({"bias": 0.0}, 0.5, {}, trees=(tree,))
    assert model.probability(["bias"]) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert model.probability(["quoted"]) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert model.probability(["quoted", "person"]) < 0.05
    again = Model.from_json(json.loads(json.dumps(model.to_json())))
    assert again == model


def test_trained_trees_score_as_the_library_scored_them() -> None:
    sklearn = pytest.importorskip("sklearn")
    del sklearn
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer

    rows = [{"a": 1.0, "b": float(i % 3 == 0), "c": float(i % 5 == 0)} for i in range(200)]
    y = [int((r["b"] and not r["c"]) or (i % 7 == 0)) for i, r in enumerate(rows)]
    vec = DictVectorizer()
    matrix = vec.fit_transform(rows)
    boosted = GradientBoostingClassifier(n_estimators=5, max_depth=2, random_state=0, init="zero")
    boosted.fit(matrix, y)
    names = [str(n) for n in vec.get_feature_names_out()]
    trees = tuple(
        fitting._flatten(est[0].tree_, names, float(boosted.learning_rate))
        for est in boosted.estimators_
    )
    model = Model({}, 0.5, {}, trees=trees)
    expected = boosted.predict_proba(matrix)[:, 1]
    for row, want in zip(rows, expected, strict=True):
        assert model.probability([n for n, v in row.items() if v]) == pytest.approx(want)


LISTICLE = (
    "The Films We Want to See This Summer\n\n#18: The Salt Kings (Aug. 2)\n\n"
    "A crew of divers finds a wreck.\n"
)


def test_an_appositive_does_not_hand_the_date_to_a_place() -> None:
    found = extract_announcements(ARTICLE, published=dt.date(2026, 4, 20))
    assert [(a.title, a.date) for a in found] == [("Harbor Lights", "2026-05-08")]
    assert found[0].confidence >= 0.5


def test_the_model_decides_the_pairs_the_rules_never_proposed() -> None:
    _, candidates = propose(LISTICLE, dt.date(2026, 4, 20))
    proposed = {(c.title, c.value.value) for c in candidates if c.proposed}
    assert ("The Salt Kings", "2026-08-02") in proposed
    assert not [c for c in candidates if not c.proposed]  # the rules alone find nothing
    found = extract_announcements(LISTICLE, published=dt.date(2026, 4, 20))
    assert [(a.title, a.date) for a in found] == [("The Salt Kings", "2026-08-02")]


def test_no_model_means_the_rules_alone() -> None:
    article, candidates = propose(LISTICLE, dt.date(2026, 4, 20))
    assert decide(article, candidates, None) == []
    article, candidates = propose(ARTICLE, dt.date(2026, 4, 20))
    assert [(a.title, a.date) for a in decide(article, candidates, None)] == [
        ("Harbor Lights", "2026-05-08")
    ]


def test_a_model_that_believes_nothing_announces_nothing() -> None:
    article, candidates = propose(ARTICLE, dt.date(2026, 4, 20))
    assert decide(article, candidates, Model({"bias": -20.0}, 0.5, {})) == []


def test_features_are_the_same_for_the_same_text() -> None:
    one = describe(*propose(ARTICLE, dt.date(2026, 4, 20)))
    two = describe(*propose(ARTICLE, dt.date(2026, 4, 20)))
    assert one == two
    assert all("bias" in names for names in one)


def _written_as_real(tmp_path: Path, count: int) -> tuple[Path, Path]:
    """A labels folder and a texts folder made from ``count`` written corpus articles."""
    labels, texts = tmp_path / "labels", tmp_path / "texts"
    labels.mkdir()
    texts.mkdir()
    lines = []
    for txt in sorted(CORPUS.glob("*.txt"))[:count]:
        want = json.loads(txt.with_suffix(".expected.json").read_text(encoding="utf-8"))
        shutil.copy(txt, texts / txt.name)
        record = {"id": txt.stem, "published": want.get("published")}
        lines.append(json.dumps({**record, "announcements": want["announcements"]}))
    (labels / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return labels, texts


def test_training_is_reproducible_and_prints_cross_validated_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels, texts = _written_as_real(tmp_path, 40)
    outs = []
    for run in ("a", "b"):
        out = tmp_path / f"weights-{run}.json"
        args = ["--labels", str(labels), "--texts", str(texts), "--no-corpus", "--out", str(out)]
        assert train.main(args) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    printed = capsys.readouterr().out
    assert "5-fold cross-validation by article" in printed
    assert "reliability" in printed
    model = Model.from_json(json.loads(outs[0]))
    assert model.meta["real_articles"] == 40
    assert 0.0 <= model.meta["cv_f1"] <= 1.0


def test_training_leaves_a_first_sight_batch_out_and_scores_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels, texts = _written_as_real(tmp_path, 30)
    rows = (labels / "batch.jsonl").read_text(encoding="utf-8").splitlines()
    (labels / "batch.jsonl").write_text("\n".join(rows[:20]) + "\n", encoding="utf-8")
    held = labels / "later.jsonl"
    held.write_text("\n".join(rows[20:]) + "\n", encoding="utf-8")
    args = ["--labels", str(labels), "--texts", str(texts), "--no-corpus", "--no-write"]
    assert train.main([*args, "--first-sight", str(held)]) == 0
    printed = capsys.readouterr().out
    assert "20 real articles" in printed
    assert "first sight on 10 held-out articles" in printed


def test_training_without_texts_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels, _ = _written_as_real(tmp_path, 3)
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert train.main(["--labels", str(labels), "--texts", str(empty), "--no-write"]) == 2
    assert "no labelled real article" in capsys.readouterr().err


def test_a_text_that_changed_since_labelling_is_skipped(tmp_path: Path) -> None:
    labels, texts = _written_as_real(tmp_path, 2)
    rows = [json.loads(x) for x in (labels / "batch.jsonl").read_text().splitlines()]
    rows[0]["text_sha256"] = "0" * 64
    (labels / "batch.jsonl").write_text("\n".join(map(json.dumps, rows)) + "\n")
    examples, problems = train.load_real([labels / "batch.jsonl"], texts)
    assert [e.id for e in examples] == [rows[1]["id"]]
    assert problems
    assert "hash" in problems[0]


def test_one_reading_of_a_name_is_kept_for_its_date() -> None:
    # "Kills" and "Halloween Kills" are rival readings of one name for one date
    found = extract_announcements(
        "Halloween Kills opens in theaters on October 15.", published=dt.date(2021, 9, 1)
    )
    assert [(a.title, a.date) for a in found] == [("Halloween Kills", "2021-10-15")]


def test_a_season_label_leaves_the_title() -> None:
    found = extract_announcements(
        "Wintermarch: Season 2 arrives on Netflix on Oct. 1.", published=dt.date(2025, 9, 1)
    )
    assert [(a.title, a.season, a.date) for a in found] == [("Wintermarch", 2, "2025-10-01")]


def test_the_words_between_a_date_and_the_name_after_it_leave_out_both() -> None:
    text = "On Sunday, March 4th, Copper Wives will premiere its sixth season."
    article, candidates = propose(text, dt.date(2012, 2, 20))
    whole = next(c for c in candidates if c.title == "Copper Wives" and c.variant is None)
    cut = next(c for c in candidates if c.title == "Wives")
    names, cut_names = describe(article, [whole, cut])
    assert "order=date_first" in names
    assert not [n for n in names if n.startswith("bt=")]  # not "sunday", "march" or "4th"
    assert [n for n in cut_names if n.startswith("bt=")] == ["bt=copper"]
