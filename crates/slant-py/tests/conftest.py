"""Shared fixtures: the `slant` binary and a small corpus to compare against."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _binary() -> Path:
    given = os.environ.get("SLANT_BIN")
    candidates = [Path(given)] if given else [ROOT / "target/native/slant", ROOT / "target/debug/slant"]
    for path in candidates:
        if path.is_file():
            return path
    raise RuntimeError(
        "the slant binary is missing: run `cargo build --profile native -p slant-cli` or set SLANT_BIN"
    )


@pytest.fixture(scope="session")
def slant_bin() -> Path:
    return _binary()


def corpus_records() -> list:
    seed = (ROOT / "seeds/macron-starmer-white-house.txt").read_text(encoding="utf-8")
    return [
        {"id": "seed", "outlet": "Seed", "label": "centre", "date": "2025-02-24", "text": seed},
        {"id": 2, "text": "Zoë Müller praised “brave” Ukraine.\n\nRussia attacked Kyiv, said Zoë Müller.", "topic": ["war"]},
        {"id": "quote", "text": "“We will never surrender to Russia,” Zelensky said, praising Britain's generous help."},
        {"id": "empty", "text": ""},
        {"id": "no-text", "title": "a record without text"},
        {"id": "short", "text": "Russia attacked Ukraine."},
    ]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for record in corpus_records():
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: Path) -> list:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def batch_tables(slant_bin, corpus, tmp_path_factory) -> dict:
    """`slant batch` on the corpus: every table's rows, as JSON objects."""
    out = tmp_path_factory.mktemp("batch")
    run = subprocess.run(
        [str(slant_bin), "batch", str(corpus), "--out", str(out), "--threads", "2"],
        capture_output=True,
        text=True,
        check=True,
    )
    tables = {name: read_jsonl(out / f"{name}.jsonl") for name in ("cells", "actors", "evidence", "relations")}
    tables["_stderr"] = run.stderr
    return tables
