"""A labelled batch of "real" articles made from the written corpus, for the training tools."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"


def written_as_real(folder: Path, names: list[str], batch: str = "b90") -> tuple[Path, Path]:
    """Write ``batch``'s label file and its text cache under ``folder``; return both paths."""
    texts = folder / "texts"
    texts.mkdir(exist_ok=True)
    records = []
    for k, name in enumerate(names, 1):
        ident = f"{batch}-{k:03d}"
        text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
        expected = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
        (texts / f"{ident}.txt").write_text(text, encoding="utf-8", newline="")
        records.append(
            {
                "id": ident,
                "published": expected.get("published"),
                "negative": not expected.get("announcements"),
                "announcements": expected.get("announcements", []),
                "optional": [],
                "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            }
        )
    labels = folder / f"{batch}.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return labels, texts
