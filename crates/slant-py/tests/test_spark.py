"""examples/spark_corpus.py in Spark's local mode equals `slant batch`."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

pytest.importorskip("pyspark", reason="pyspark is installed by scripts/bootstrap.sh")
pq = pytest.importorskip("pyarrow.parquet")


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=0, abs_tol=0)
    return a == b


@pytest.mark.skipif(shutil.which("java") is None and not os.environ.get("JAVA_HOME"), reason="Spark needs Java")
def test_spark_local_mode_equals_slant_batch(batch_tables, corpus, tmp_path):
    out = tmp_path / "parquet"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, runpy; from pyspark.sql import SparkSession;"
            "SparkSession.builder.master('local[2]').config('spark.ui.enabled','false')"
            ".config('spark.sql.shuffle.partitions','2').getOrCreate();"
            "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
            str(ROOT / "examples/spark_corpus.py"),
            str(corpus),
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "slant on spark:" in run.stdout
    for name in ("cells", "actors", "evidence", "relations"):
        got = pq.read_table(out / name).to_pylist()
        want = batch_tables[name]
        key = lambda r: tuple(str(r.get(c)) for c in ("article", "paragraph", "actor", "speaker", "target", "rank", "start"))
        got.sort(key=key)
        want = sorted(want, key=key)
        assert len(got) == len(want), name
        for g, w in zip(got, want):
            assert list(g) == list(w), name
            for column, value in w.items():
                if column == "id" and value is not None and not isinstance(value, str):
                    value = json.dumps(value)
                assert _same(g[column], value), (name, column, g[column], value)
    skipped = pq.read_table(out / "skipped").to_pylist()
    assert [(s["article"], s["id"]) for s in skipped] == [(5, "no-text")]
