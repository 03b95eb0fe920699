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

Every row names the engine that made it (``slant_version``, the same as
``slant.provenance``), so a figure can be traced to its engine and data.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from . import _native

__all__ = [
    "COLUMNS",
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

Actors = Union[None, str, "os.PathLike[str]", Mapping[str, Any]]
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


def _no_precise(precise: bool) -> None:
    if precise:
        raise NotImplementedError(
            "precise=True needs Slant's model, which this build of the package does not include yet; "
            "use precise=False (the default)"
        )


def analyze(text: str, actors: Actors = None, precise: bool = False) -> Dict[str, Any]:
    """Analyses one article: the JSON report of ``slant analyze --format json``.

    ``actors`` is the actors file of ``slant analyze --actors``: a path to it,
    its TOML text, or the same fields as a dict (``{"actor": [{"name": ...,
    "kind": "person", "aliases": [...]}], "merge": [[from, into]], "rename":
    [[id, name]], "remove": [id]}``). ``precise=True`` is not available yet
    and raises ``NotImplementedError``. The interpreter is released while the
    engine runs.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    _no_precise(precise)
    return json.loads(_native.analyze_json(text, *_actors(actors)))


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
    the engine runs. ``actors`` is as in ``analyze``. ``precise=True`` is not
    available yet and raises ``NotImplementedError``.
    """
    _no_precise(precise)
    lines = []
    for item in texts_or_records:
        if isinstance(item, str):
            lines.append(json.dumps({"text": item}))
        elif isinstance(item, Mapping):
            lines.append(json.dumps(_clean(item), default=_json_default))
        else:
            raise TypeError(f"each item must be a str or a dict with a 'text', not {type(item).__name__}")
    return analyze_jsonl(lines, threads=threads, actors=actors, numbers=numbers, max_bytes=max_bytes)


def analyze_jsonl(
    lines: Iterable[str],
    threads: Optional[int] = None,
    precise: bool = False,
    actors: Actors = None,
    numbers: Optional[Sequence[int]] = None,
    max_bytes: Optional[int] = None,
) -> Dict[str, List[Dict[str, Any]]]:
    """Analyses JSON lines (one object with a ``text`` each) into tidy tables.

    The lines are read exactly as ``slant batch`` reads its input, so the
    rows equal its rows; a line that is not a JSON object, has no text or
    has a text over ``max_bytes`` is listed in ``skipped``. ``numbers`` are
    the articles' numbers (``slant batch`` uses line numbers); by default
    1, 2, 3... Other arguments are as in ``analyze_many``.
    """
    _no_precise(precise)
    lines = [str(line) for line in lines]
    if numbers is None:
        numbers = range(1, len(lines) + 1)
    numbers = [int(n) for n in numbers]
    return _native.analyze_lines(lines, numbers, threads, *_actors(actors), max_bytes)


def to_frames(tables: Mapping[str, List[Dict[str, Any]]]) -> Dict[str, Any]:
    """The tables of ``analyze_many`` as pandas DataFrames, one per table,
    with the columns of ``COLUMNS`` even when a table is empty.

    Needs pandas (``pip install pandas``).
    """
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("slant.to_frames needs pandas: pip install pandas") from e
    return {
        name: pd.DataFrame.from_records(rows, columns=COLUMNS.get(name))
        for name, rows in tables.items()
    }
