"""Slant on Spark: a corpus of articles as tidy Parquet tables.

    spark-submit examples/spark_corpus.py CORPUS.jsonl OUT_DIR

reads CORPUS.jsonl (one JSON object with a "text" per line, as for
`slant batch`), analyses it with the `slant` Python package inside the
executors (`mapInPandas`), and writes OUT_DIR/cells, actors, evidence,
relations and skipped as Parquet. The rows equal `slant batch`'s on the same
file: the lines are parsed by the same code and numbered by line
(`article`). The one difference is `id`, always a string here (Parquet
needs one type per column).

Every executor needs the package: see README.md ("Corpora") for the wheel
with --py-files or a packed virtual environment.

For a DataFrame of articles that is already in Spark (columns `text` and
optionally `article`, `id`, `outlet`, `label`, `date`, `url`...), call
`tidy_tables(df)` instead of reading a file.
"""

from __future__ import annotations

import argparse
import json
from typing import Dict, Iterator

# Column types by name, the same in every table (so one union schema holds them all).
INTEGER = {"article", "paragraph", "mentions", "evidence", "rank", "start", "end", "mention_start", "mention_end"}
FLOAT = {"score", "positive", "negative", "base", "weight"}


def table_columns() -> Dict[str, list]:
    import slant

    return dict(slant.COLUMNS)


def union_schema():
    """One schema for the rows of every table, with `table` naming each row's table."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    names = ["table"]
    for cols in table_columns().values():
        names += [c for c in cols if c not in names]

    def kind(name):
        if name in INTEGER:
            return LongType()
        if name in FLOAT:
            return DoubleType()
        return StringType()

    return StructType([StructField(n, kind(n), True) for n in names])


def _analyse(batches: Iterator["pandas.DataFrame"], threads: int) -> Iterator["pandas.DataFrame"]:
    """mapInPandas: each batch of articles into rows of every table."""
    import pandas as pd

    import slant

    names = [f.name for f in union_schema().fields]
    for batch in batches:
        numbers = [int(n) for n in batch["article"]] if "article" in batch.columns else None
        if "line" in batch.columns:
            tables = slant.analyze_jsonl(list(batch["line"]), numbers=numbers, threads=threads)
        else:
            records = batch.drop(columns=["article"], errors="ignore").to_dict("records")
            tables = slant.analyze_many(records, numbers=numbers, threads=threads)
        rows = []
        for name, table in tables.items():
            for row in table:
                row = dict(row, table=name)
                if row.get("id") is not None:
                    row["id"] = row["id"] if isinstance(row["id"], str) else json.dumps(row["id"])
                rows.append(row)
        frame = pd.DataFrame.from_records(rows, columns=names)
        for name in names:
            if name in INTEGER:
                frame[name] = frame[name].astype("Int64")
            elif name in FLOAT:
                frame[name] = frame[name].astype("float64")
            else:
                frame[name] = frame[name].astype("object")
        yield frame


def tidy_tables(articles, threads: int = 1):
    """A DataFrame of articles (raw JSON `line`s, or a `text` column and
    other fields; `article` numbers them) into a dict of tidy DataFrames."""
    from pyspark.sql import functions as F

    rows = articles.mapInPandas(lambda it: _analyse(it, threads), schema=union_schema()).persist()
    return {
        name: rows.filter(F.col("table") == name).select(*cols).orderBy("article")
        for name, cols in table_columns().items()
    }


def read_jsonl(spark, path: str):
    """The lines of a JSONL file as a DataFrame (article = line number, line), blank lines left out."""
    from pyspark.sql import functions as F

    lines = spark.read.text(path).rdd.zipWithIndex().map(lambda p: (p[1] + 1, p[0].value))
    return spark.createDataFrame(lines, "article long, line string").filter(F.trim("line") != "")


def main() -> None:
    ap = argparse.ArgumentParser(description="Slant on Spark: a JSONL corpus as tidy Parquet tables.")
    ap.add_argument("corpus", help="JSONL, one object with a \"text\" per line")
    ap.add_argument("out", help="directory for the Parquet tables")
    ap.add_argument("--threads-per-task", type=int, default=1, help="engine threads in each Spark task (default 1)")
    args = ap.parse_args()

    from pyspark.sql import SparkSession

    import slant

    spark = SparkSession.builder.appName("slant-corpus").getOrCreate()
    articles = read_jsonl(spark, args.corpus)
    tables = tidy_tables(articles, threads=args.threads_per_task)
    for name, frame in tables.items():
        frame.write.mode("overwrite").parquet(f"{args.out}/{name}")
    counts = {name: spark.read.parquet(f"{args.out}/{name}").count() for name in tables}
    print(f"slant on spark: {counts} ({slant.provenance})")
    spark.stop()


if __name__ == "__main__":
    main()
