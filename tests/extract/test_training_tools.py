"""The tools around the labelled data: rebuilding the text cache and measuring agreement."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest

from tracker.extract.training import agreement, texts

TEXT = " date 2024-05-01\nGlass Harbor returns \u201cnext week\u201d \u2014 on May 8.\n"


def _label(ident: str, query: str, text: str | None = TEXT) -> dict[str, object]:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else None
    return {
        "id": ident,
        "url": f"https://example.test/{ident}",
        "query": query,
        "text_sha256": digest,
    }


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_saved_excerpt_keeps_every_byte_and_is_checked_against_its_label(tmp_path: Path) -> None:
    labels = tmp_path / "labels"
    labels.mkdir()
    _write(labels / "b1.jsonl", [_label("b1-001", "q")])
    literal = json.dumps(TEXT)  # what the search tool prints: escapes and all
    out = io.StringIO()

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdin", io.StringIO(literal + "\n"))
        mp.setattr("sys.stdout", out)
        code = texts.main(["--labels", str(labels), "save", "b1-001", "--texts", str(tmp_path)])

    assert code == 0
    assert "b1-001: OK" in out.getvalue()
    assert (tmp_path / "b1-001.txt").read_bytes() == TEXT.encode("utf-8")


def test_a_changed_excerpt_is_saved_but_called_a_mismatch(tmp_path: Path) -> None:
    message = texts.save(
        "b1-002", json.dumps(TEXT.replace("\u2014", "-")), tmp_path, texts.sha256(TEXT)
    )
    assert message.startswith("b1-002: MISMATCH")
    assert (tmp_path / "b1-002.txt").exists()


def test_save_refuses_what_is_not_one_json_string(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a JSON string literal"):
        texts.save("b1-003", "Glass Harbor returns", tmp_path, None)
    with pytest.raises(ValueError, match="expected a JSON string"):
        texts.save("b1-003", '["a"]', tmp_path, None)
    assert not (tmp_path / "b1-003.txt").exists()


def test_the_plan_groups_records_by_query_and_balances_the_parts() -> None:
    records = [
        texts.Record(f"b1-{k:03}", f"https://example.test/{k}", query, None)
        for k, query in enumerate(["a", "a", "a", "b", "b", "c", "d", "e"])
    ]
    parts = texts.plan(records, 3)

    queries = [q["query"] for part in parts for q in part]
    assert sorted(queries) == ["a", "b", "c", "d", "e"]  # each query searched once
    sizes = sorted(sum(len(q["records"]) for q in part) for part in parts)
    assert sizes == [2, 3, 3]
    ids = [r["id"] for part in parts for q in part for r in q["records"]]
    assert sorted(ids) == sorted(r.id for r in records)


def test_a_partial_rebuild_plans_only_the_texts_it_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels = tmp_path / "labels"
    labels.mkdir()
    _write(labels / "b1.jsonl", [_label("b1-001", "q1"), _label("b1-002", "q1")])
    _write(labels / "b2.jsonl", [_label("b2-001", "q2")])
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "b1-001.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "plan"

    code = texts.main(
        [
            "--labels",
            str(labels),
            "plan",
            "--out",
            str(out),
            "--parts",
            "2",
            "--missing-in",
            str(cache),
        ]
    )

    assert code == 0
    assert "2 records, 2 queries" in capsys.readouterr().out
    planned = [
        record["id"]
        for part in sorted(out.glob("part*.jsonl"))
        for line in part.read_text(encoding="utf-8").splitlines()
        for record in json.loads(line)["records"]
    ]
    assert sorted(planned) == ["b1-002", "b2-001"]


def test_check_names_missing_and_changed_texts(tmp_path: Path) -> None:
    records = [
        texts.Record("b1-001", "u1", "q", texts.sha256(TEXT)),
        texts.Record("b1-002", "u2", "q", texts.sha256(TEXT)),
        texts.Record("d001", "u3", "q", None),  # a development record: no hash, only presence
    ]
    (tmp_path / "b1-001.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "d001.txt").write_text("anything", encoding="utf-8")

    assert texts.check(records, tmp_path) == (["b1-002"], [])
    (tmp_path / "b1-002.txt").write_text(TEXT + " ", encoding="utf-8")
    assert texts.check(records, tmp_path) == ([], ["b1-002"])


def _announcement(title: str, date: str, season: int | None = None) -> dict[str, object]:
    precision = {10: "day", 7: "month", 4: "year"}.get(len(date), "tba")
    return {
        "title": title,
        "season": season,
        "date": date,
        "precision": precision,
        "kind": "release",
    }


def test_agreement_matches_each_label_once_and_excuses_the_other_pass_judgment_calls() -> None:
    first = [
        {
            "id": "b1-001",
            "negative": False,
            "announcements": [
                _announcement("Glass Harbor", "2024-05-08"),
                _announcement("Glass Harbor", "2024-05-08"),  # stated twice: one match only
                _announcement("Tin Lantern", "2025"),
            ],
            "optional": [],
        },
        {"id": "b1-002", "negative": True, "announcements": [], "optional": []},
    ]
    second = [
        {
            "id": "b1-001",
            "negative": False,
            "announcements": [_announcement("Glass Harbor", "2024-05-08")],
            "optional": [_announcement("Tin Lantern", "2025")],
        },
        {
            "id": "b1-002",
            "negative": False,
            "announcements": [_announcement("Marrow Lane", "2024-06", 2)],
            "optional": [],
        },
    ]

    figures, differences = agreement.compare(first, second)

    assert figures["matched"] == 1
    assert (figures["pass1"], figures["pass2"]) == (3, 2)
    # Tin Lantern is excused (the second pass held it optional): 2 * 1 / (2 + 2)
    assert figures["agreement"] == 0.5
    assert figures["agreement_no_optional_excuse"] == 0.4
    assert figures["negative_flag_agreement"] == 0.5
    assert [d.split()[0] for d in differences] == ["b1-001", "b1-002"]
    assert "Marrow Lane s=2 2024-06" in differences[1]


def test_agreement_refuses_passes_over_different_articles(tmp_path: Path) -> None:
    one = _write(tmp_path / "one.jsonl", [{"id": "b1-001", "announcements": []}])
    two = _write(tmp_path / "two.jsonl", [{"id": "b1-002", "announcements": []}])
    with pytest.raises(ValueError, match="same articles"):
        agreement.compare([{"id": "b1-001"}], [{"id": "b1-002"}])
    assert agreement.main([str(one), str(two)]) == 2


def test_coverage_counts_the_labels_some_candidate_states_exactly() -> None:
    from tracker.extract.training.examples import _example, covered

    record = {
        "published": "2027-01-10",
        "announcements": [
            _announcement("Glass Harbor", "2027-03-04"),
            _announcement("Tin Lantern", "2027-05"),  # the text never names it
        ],
    }
    example = _example("t-1", "Glass Harbor will premiere on March 4 on Hulu.", record, real=True)

    assert covered([example]) == (1, 2)


def test_training_refuses_to_write_weights_when_labelled_texts_are_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker.extract.training import train

    labels = tmp_path / "labels"
    labels.mkdir()
    cache = tmp_path / "texts"
    cache.mkdir()
    _write(labels / "b1.jsonl", [_label("b1-001", "q"), _label("b1-002", "q")])
    (cache / "b1-001.txt").write_text(TEXT, encoding="utf-8")  # b1-002 was never rebuilt
    weights = tmp_path / "weights.json"
    args = ["--labels", str(labels), "--texts", str(cache), "--out", str(weights)]
    assert train.main(args) == 2
    assert not weights.exists()
    err = capsys.readouterr().err
    assert "1 labelled articles have no text" in err
    assert "(first: b1-002)" in err
