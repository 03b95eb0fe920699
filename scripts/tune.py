#!/usr/bin/env python3
"""Tunes the engine's Config numbers on NewsMTSC by coordinate descent.

Each step runs `slant eval SPLIT.jsonl --set name=value ...` (the same engine
path the app uses) and keeps the value with the best macro F1. With
`--objective train` only the train split drives the choice and dev-rw and
dev-mt are a check; with `--objective all` (the default) the mean over train,
dev-rw and dev-mt does, so the dev figures it prints are fitted, not held out.
The NewsMTSC test splits are never read.

    python3 scripts/tune.py [--slant target/native/slant] [--passes 3] [--objective all|train]

Copy the printed values into `Config::default()` (crates/slant-core/src/config.rs).
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "newsmtsc"

# Candidate values per setting; the first pass starts from Config::default().
GRID = {
    "label_threshold": [0.05, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3],
    "smoothing": [0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0],
    "other_clause": [0.0, 0.1, 0.25, 0.4, 0.6, 0.8, 1.0],
    "inherited_subject": [0.3, 0.5, 0.8, 1.0],
    "oblique": [0.3, 0.5, 0.7, 0.85, 1.0],
    "decay_tokens": [2.0, 4.0, 6.0, 10.0, 20.0, 1000.0],
    "agent_weight": [0.5, 0.75, 1.0, 1.5, 2.0],
    "target_weight": [0.5, 0.75, 1.0, 1.5, 2.0],
    "object_window": [4, 6, 8, 12],
    "quote_to_speaker": [0.0, 0.25, 0.5],
    "rival": [0.5, 0.75, 1.0],
    "comparison": [0.0, 0.5, 1.0],
    "shift": [True, False],
}


def evaluate(slant: str, split: str, settings: dict) -> float:
    args = [slant, "eval", str(DATA / f"{split}.jsonl")]
    for name, value in settings.items():
        args += ["--set", f"{name}={json.dumps(value)}"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])["macro_f1"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slant", default=str(ROOT / "target" / "native" / "slant"))
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--objective", choices=["all", "train"], default="all")
    args = parser.parse_args()
    splits = ["train"] if args.objective == "train" else ["train", "dev-rw", "dev-mt"]

    def objective(settings: dict) -> float:
        return sum(evaluate(args.slant, split, settings) for split in splits) / len(splits)

    settings: dict = {}
    best = objective(settings)
    print(f"start: {args.objective} macro F1 {best:.4f}")
    for p in range(args.passes):
        changed = False
        for name, values in GRID.items():
            for value in values:
                trial = dict(settings, **{name: value})
                score = objective(trial)
                if score > best + 1e-4:
                    best, settings, changed = score, trial, True
                    print(f"pass {p + 1}: {name} = {value} -> {args.objective} {score:.4f}")
        if not changed:
            break
    print("settings:", json.dumps(settings, sort_keys=True))
    for split in ("train", "dev-rw", "dev-mt"):
        print(f"{split}: macro F1 {evaluate(args.slant, split, settings):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
