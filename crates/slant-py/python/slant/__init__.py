"""Slant's engine for Python: the stance of news articles toward the people,
countries and organisations in them, every score explained.

The same Rust engine as the ``slant`` command, so results equal the CLI's:

- ``analyze(text)``: one article's report, as ``slant analyze --format json``;
- ``analyze_many(texts_or_records)``: a corpus as tidy tables (cells, actors,
  evidence, relations), the rows of ``slant batch``, analysed on every core
  with the interpreter released;
- ``analyze_jsonl(lines)``: the same from raw JSON lines, parsed exactly as
  ``slant batch`` parses its input;
- ``to_frames(tables)``: those tables as pandas DataFrames.

``precise=True`` adds precise mode, as ``slant analyze --precise`` and
``slant batch --precise``: a fine-tuned transformer scores every actor
mention (about 60 ms per sentence and mention on one core, so hundreds of
times slower than the lexicon). The model file is ``model=``, else the
``SLANT_MODEL`` environment variable, else ``static/model/slant-minilm-newsmtsc.bin``
in the source tree the package was built from.

Every row names the engine that made it (``slant_version``, the same as
``slant.provenance``), so a figure can be traced to its engine and data.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from . import _native

__all__ = [
    "COLUMNS",
    "MODEL_PATH",
    "PRECISE_COLUMNS",
    "TABLES",
    "__version__",
    "analyze",
    "analyze_jsonl",
    "analyze_many",
    "provenance",
    "to_frames",
]

__version__: str = _native.version()
"""The engine's version, as ``0.1.0``."""

provenance: str = _native.provenance()
"""The engine's version and a hash of its bundled data, as ``slant 0.1.0+data.0123456789ab``."""

TABLES = ("cells", "actors", "evidence", "relations")
"""The tidy tables, in the order ``analyze_many`` returns them (then ``skipped``)."""

COLUMNS: Dict[str, List[str]] = {name: list(cols) for name, cols in _native.columns()}
COLUMNS["skipped"] = ["article", "id", "reason"]
"""Each table's columns, in order."""

PRECISE_COLUMNS: List[str] = list(_native.precise_columns())
"""The columns the cells table gains with ``precise=True``, after its own:
``model_score`` (``p_pos - p_neg``), ``model_label`` (both None when the
model scored no mention of the cell) and ``disagree`` (the model's label
differs from the lexicon's)."""

MODEL_PATH = "static/model/slant-minilm-newsmtsc.bin"
"""Where precise mode's model file lives in Slant's source tree."""

Actors = Union[None, str, "os.PathLike[str]", Mapping[str, Any]]
Model = Union[None, str, "os.PathLike[str]"]
Record = Union[str, Mapping[str, Any]]


def _actors(actors: Actors) -> "tuple[Optional[str], Optional[str]]":
    """The actors argument as (TOML text, JSON text) for the native side."""
    if actors is None:
        return None, None
    if isinstance(actors, Mapping):
        return None, json.dumps(dict(actors))
    if isinstance(actors, os.PathLike) or (isinstance(actors, str) and os.path.isfile(actors)):
        with open(actors, encoding="utf-8") as f:
            return f.read(), None
    if isinstance(actors, str):
        return actors, None
    raise TypeError(f"actors must be a path, TOML text or a dict, not {type(actors).__name__}")


def _model_path(precise: bool, model: Model) -> Optional[str]:
    """The model file for precise mode (None when it is off): ``model``, else
    ``SLANT_MODEL``, else the source tree's; FileNotFoundError when none is there."""
    if not precise:
        if model is not None:
            raise ValueError("model= is for precise mode: add precise=True")
        return None
    if model is not None:
        return os.fspath(model)
    given = os.environ.get("SLANT_MODEL")
    if given:
        return given
    # python/slant/__init__.py in crates/slant-py of the source tree, when installed from it (maturin develop).
    here = Path(__file__).resolve().parents
    candidates = [str(here[4] / MODEL_PATH)] if len(here) > 4 else []
    return _native.find_model(candidates)


def analyze(text: str, actors: Actors = None, precise: bool = False, model: Model = None) -> Dict[str, Any]:
    """Analyses one article: the JSON report of ``slant analyze --format json``.

    ``actors`` is the actors file of ``slant analyze --actors``: a path to it,
    its TOML text, or the same fields as a dict (``{"actor": [{"name": ...,
    "kind": "person", "aliases": [...]}], "merge": [[from, into]], "rename":
    [[id, name]], "remove": [id]}``).

    ``precise=True`` adds the ``precise`` field of ``slant analyze --precise
    --format json``: the model's verdict on every cell (``cells``, in the
    order of the report's cells), sentence and mention, and the cells where
    it disagrees with the lexicon. ``model`` is the model file (default: the
    ``SLANT_MODEL`` environment variable, else the source tree's
    ``MODEL_PATH``); it is read once and kept. FileNotFoundError when no
    model is given and none is found; ValueError when the file cannot be
    read or is not a Slant model. The interpreter is released while the
    engine runs.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    model_path = _model_path(precise, model)
    return json.loads(_native.analyze_json(text, *_actors(actors), model_path))


def _clean(record: Mapping[str, Any]) -> Dict[str, Any]:
    """A record without missing values (None, NaN), as pandas rows have them."""
    return {
        str(k): v
        for k, v in record.items()
        if v is not None and not (isinstance(v, float) and math.isnan(v))
    }


def _json_default(value: Any) -> Any:
    """Record values that json cannot write: numpy scalars as numbers, dates as ISO text, the rest as text."""
    item = getattr(value, "item", None)
    if callable(item):
        try:
            plain = item()
        except (TypeError, ValueError):
            plain = None
        if isinstance(plain, (bool, int, float, str)):
            return plain
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return isoformat()
    return str(value)


def analyze_many(
    texts_or_records: Iterable[Record],
    threads: Optional[int] = None,
    precise: bool = False,
    actors: Actors = None,
    numbers: Optional[Sequence[int]] = None,
    max_bytes: Optional[int] = None,
    model: Model = None,
) -> Dict[str, List[Dict[str, Any]]]:
    """Analyses a corpus into tidy tables: the rows of ``slant batch``.

    Each item is a text, or a record (a dict, e.g. a pandas row) with a
    ``text`` and any other fields: ``id``, ``outlet``, ``label`` (written
    ``article_label``), ``date`` and ``url`` get columns of their own, the
    rest go into ``extra`` as JSON; missing values (None, NaN) are left out.

    Returns ``{"cells": [...], "actors": [...], "evidence": [...],
    "relations": [...], "skipped": [...]}``, each a list of row dicts with
    the columns of ``COLUMNS``. ``article`` numbers the items from 1 in
    order, or takes ``numbers``. Records without a text, or with a text over
    ``max_bytes`` (default 2 MiB), are left out and listed in ``skipped``
    with the reason.

    ``threads`` defaults to every core; the interpreter is released while
    the engine runs. ``actors`` is as in ``analyze``. ``precise=True``
    (with ``model`` as in ``analyze``) gives every cells row the model
    columns ``PRECISE_COLUMNS``, as ``slant batch --precise``; the model is
    read once and shared by the threads.
    """
    model_path = _model_path(precise, model)
    lines = []
    for item in texts_or_records:
        if isinstance(item, str):
            lines.append(json.dumps({"text": item}))
        elif isinstance(item, Mapping):
            lines.append(json.dumps(_clean(item), default=_json_default))
        else:
            raise TypeError(f"each item must be a str or a dict with a 'text', not {type(item).__name__}")
    return analyze_jsonl(
        lines, threads=threads, precise=precise, actors=actors, numbers=numbers, max_bytes=max_bytes, model=model_path
    )


def analyze_jsonl(
    lines: Iterable[str],
    threads: Optional[int] = None,
    precise: bool = False,
    actors: Actors = None,
    numbers: Optional[Sequence[int]] = None,
    max_bytes: Optional[int] = None,
    model: Model = None,
) -> Dict[str, List[Dict[str, Any]]]:
    """Analyses JSON lines (one object with a ``text`` each) into tidy tables.

    The lines are read exactly as ``slant batch`` reads its input, so the
    rows equal its rows; a line that is not a JSON object, has no text or
    has a text over ``max_bytes`` is listed in ``skipped``. ``numbers`` are
    the articles' numbers (``slant batch`` uses line numbers); by default
    1, 2, 3... Other arguments are as in ``analyze_many``.
    """
    model_path = _model_path(precise, model)
    lines = [str(line) for line in lines]
    if numbers is None:
        numbers = range(1, len(lines) + 1)
    numbers = [int(n) for n in numbers]
    return _native.analyze_lines(lines, numbers, threads, *_actors(actors), max_bytes, model_path)


def to_frames(tables: Mapping[str, List[Dict[str, Any]]]) -> Dict[str, Any]:
    """The tables of ``analyze_many`` as pandas DataFrames, one per table,
    with the columns of ``COLUMNS`` even when a table is empty (and the
    model columns of a precise run's cells).

    Needs pandas (``pip install pandas``).
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("slant.to_frames needs pandas: pip install pandas") from e
    return {
        name: pd.DataFrame.from_records(rows, columns=list(rows[0]) if rows else COLUMNS.get(name))
        for name, rows in tables.items()
    }
