"""Type stubs for the native half of ``slant`` (Rust, PyO3)."""

from typing import Any, Dict, List, Optional, Tuple

def provenance() -> str: ...
def version() -> str: ...
def columns() -> List[Tuple[str, List[str]]]: ...
def precise_columns() -> List[str]: ...
def find_model(candidates: List[str]) -> str: ...
def analyze_json(
    text: str,
    actors_toml: Optional[str] = None,
    actors_json: Optional[str] = None,
    model_path: Optional[str] = None,
) -> str: ...
def analyze_lines(
    lines: List[str],
    numbers: List[int],
    threads: Optional[int] = None,
    actors_toml: Optional[str] = None,
    actors_json: Optional[str] = None,
    max_bytes: Optional[int] = None,
    model_path: Optional[str] = None,
) -> Dict[str, List[Dict[str, Any]]]: ...
