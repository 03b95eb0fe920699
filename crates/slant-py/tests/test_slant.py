"""The Python package against the `slant` command on the same input."""

from __future__ import annotations

import json
import subprocess
import threading

import pytest

import slant
from conftest import corpus_records


def test_version_and_provenance_match_the_cli(batch_tables):
    assert slant.provenance == f"slant {slant.__version__}+data.{slant.provenance.rsplit('.', 1)[1]}"
    assert len(slant.provenance.rsplit(".", 1)[1]) == 12
    assert f"({slant.provenance})" in batch_tables["_stderr"]
    assert all(row["slant_version"] == slant.provenance for row in batch_tables["cells"])


def test_analyze_equals_cli_analyze(slant_bin, tmp_path):
    for record in corpus_records():
        if "text" not in record:
            continue
        path = tmp_path / "article.txt"
        path.write_text(record["text"], encoding="utf-8")
        cli = json.loads(subprocess.run(
            [str(slant_bin), "analyze", str(path), "--format", "json"], capture_output=True, check=True
        ).stdout)
        assert slant.analyze(record["text"]) == cli, record["id"]


def test_actors_apply_as_in_the_cli(slant_bin, tmp_path):
    toml = '[[actor]]\nname = "Zoë Müller"\nkind = "person"\naliases = ["Müller"]\n'
    (tmp_path / "actors.toml").write_text(toml, encoding="utf-8")
    text = "Zoë Müller praised Ukraine. Later Müller attacked Russia."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    cli = json.loads(subprocess.run(
        [str(slant_bin), "analyze", str(tmp_path / "a.txt"), "--format", "json", "--actors", str(tmp_path / "actors.toml")],
        capture_output=True, check=True,
    ).stdout)
    as_dict = {"actor": [{"name": "Zoë Müller", "kind": "person", "aliases": ["Müller"]}]}
    for actors in (str(tmp_path / "actors.toml"), tmp_path / "actors.toml", toml, as_dict):
        assert slant.analyze(text, actors=actors) == cli
    assert any(a["name"] == "Zoë Müller" and a["origin"] == "user" for a in cli["actors"])
    many = slant.analyze_many([text], actors=as_dict)
    assert [(r["actor"], r["origin"]) for r in many["actors"]] == [(a["id"], a["origin"]) for a in cli["actors"]]
    with pytest.raises(ValueError, match="unknown kind `planet`"):
        slant.analyze(text, actors={"actor": [{"name": "X", "kind": "planet"}]})


@pytest.mark.parametrize("threads", [1, 3])
def test_analyze_many_equals_slant_batch(batch_tables, threads):
    tables = slant.analyze_many(corpus_records(), threads=threads)
    for name in slant.TABLES:
        assert tables[name] == batch_tables[name], name
        for row in tables[name]:
            assert list(row) == slant.COLUMNS[name]
    assert len(tables["relations"]) > 0
    assert tables["skipped"] == [{"article": 5, "id": "no-text", "reason": "the record has no `text`"}]


def test_analyze_jsonl_reads_lines_as_slant_batch(batch_tables, corpus):
    lines = corpus.read_text(encoding="utf-8").splitlines()
    tables = slant.analyze_jsonl(lines + ["{not json"], threads=2)
    for name in slant.TABLES:
        assert tables[name] == batch_tables[name], name
    assert [s["article"] for s in tables["skipped"]] == [5, 7]
    assert tables["skipped"][1]["reason"].startswith("the line is not valid JSON")


def test_texts_numbers_and_caps():
    tables = slant.analyze_many(
        ["Russia attacked Ukraine.", "France praised Ukraine. " * 10], numbers=[10, 20], max_bytes=100
    )
    assert {row["article"] for row in tables["actors"]} == {10}
    assert tables["skipped"][0]["article"] == 20
    assert "over the size cap of 100" in tables["skipped"][0]["reason"]
    assert tables["actors"][0]["id"] is None


def test_pandas_rows_with_missing_values():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([
        {"id": "a", "text": "Russia attacked Ukraine.", "outlet": None},
        {"id": "b", "text": float("nan"), "outlet": "X"},
    ])
    tables = slant.analyze_many(frame.to_dict("records"))
    assert {row["id"] for row in tables["actors"]} == {"a"}
    assert tables["skipped"] == [{"article": 2, "id": "b", "reason": "the record has no `text`"}]
    frames = slant.to_frames(tables)
    assert list(frames["cells"].columns) == slant.COLUMNS["cells"]
    assert len(frames["actors"]) == len(tables["actors"])
    assert frames["relations"].empty and list(frames["relations"].columns) == slant.COLUMNS["relations"]


def test_numpy_and_date_values_are_carried_as_json_would():
    np = pytest.importorskip("numpy")
    import datetime

    tables = slant.analyze_many([
        {"id": np.int64(5), "text": "Russia attacked Ukraine.", "date": datetime.date(2025, 2, 24), "n": np.float64(0.5)},
    ])
    row = tables["actors"][0]
    assert row["id"] == 5 and row["date"] == "2025-02-24"
    assert json.loads(row["extra"]) == {"n": 0.5}


PRECISE_TEXT = "Zoë Müller praised “brave” Ukraine.\n\nRussia attacked Kyiv, said Zoë Müller."


def test_precise_equals_cli_analyze_and_batch(slant_bin, tmp_path):
    (tmp_path / "a.txt").write_text(PRECISE_TEXT, encoding="utf-8")
    cli = json.loads(subprocess.run(
        [str(slant_bin), "analyze", str(tmp_path / "a.txt"), "--precise", "--format", "json"],
        capture_output=True, check=True,
    ).stdout)
    report = slant.analyze(PRECISE_TEXT, precise=True)
    assert report == cli
    assert report["precise"]["complete"] and len(report["precise"]["cells"]) == len(report["cells"])
    assert any(c["score"] is not None for c in report["precise"]["cells"])

    tables = slant.analyze_many([PRECISE_TEXT], precise=True, threads=2)
    assert len(tables["cells"]) == len(cli["precise"]["cells"])
    for row, cell in zip(tables["cells"], cli["precise"]["cells"]):
        assert list(row) == slant.COLUMNS["cells"] + slant.PRECISE_COLUMNS
        assert (row["model_score"], row["model_label"], row["disagree"]) == (cell["score"], cell["label"], cell["disagree"])
    # Without precise mode, no model columns and no `precise` field.
    assert "precise" not in slant.analyze(PRECISE_TEXT)
    assert list(slant.analyze_many([PRECISE_TEXT])["cells"][0]) == slant.COLUMNS["cells"]


def test_precise_model_path_errors_are_clear(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="model= is for precise mode"):
        slant.analyze("x", model="m.bin")
    with pytest.raises(ValueError, match="cannot read the model /nonexistent/m.bin"):
        slant.analyze("x", precise=True, model="/nonexistent/m.bin")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"not a model")
    monkeypatch.setenv("SLANT_MODEL", str(bad))
    with pytest.raises(ValueError, match="not a Slant model file"):
        slant.analyze_many(["x"], precise=True)


def test_bad_arguments_are_clear():
    with pytest.raises(TypeError, match="must be a str or a dict"):
        slant.analyze_many([3])
    with pytest.raises(ValueError, match="threads must be at least 1"):
        slant.analyze_many(["x"], threads=0)
    with pytest.raises(ValueError, match="one number per record"):
        slant.analyze_many(["x"], numbers=[1, 2])


def test_other_python_threads_run_while_the_engine_works():
    # The engine releases the interpreter: a Python thread keeps counting meanwhile.
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)

    t = threading.Thread(target=tick)
    t.start()
    try:
        slant.analyze_many(["Russia attacked Ukraine. Britain praised France.\n" * 400] * 8, threads=1)
    finally:
        stop.set()
        t.join()
    assert len(ticks) > 100
