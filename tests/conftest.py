"""Shared test helpers: paths to the data files, and readers that refuse to be empty."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import Phase, settings

# Hypothesis's "explain" phase imports libcst, which raises a DeprecationWarning of its own on
# import; the suite runs with warnings as errors, so leave that phase out.
settings.register_profile(
    "lrspec", phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink]
)
settings.load_profile("lrspec")

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CONFORMANCE = Path(__file__).resolve().parent / "conformance" / "reference.jsonl"


def data_lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a file in tests/data (never empty)."""
    lines = [
        line.rstrip("\n")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines, f"tests/data/{name} has no cases"
    return lines


def conformance_traces() -> list[dict]:
    traces = [json.loads(line) for line in CONFORMANCE.read_text().splitlines() if line.strip()]
    assert len(traces) == 51, "reference.jsonl must hold the 51 recorded traces"
    return traces
