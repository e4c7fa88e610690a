"""The benchmark keeps working: a quick run prints every row (no test asserts a time)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

ROWS = [
    "cold parse of a new text (numbers differ)",
    "repeated parse of the same text",
    "parse of a text of a new shape (full path)",
    "| scalar s(t) | ",
    "hand-written Python function",
    "torch SequentialLR.step()",
    "np.where formula",
    "optax jit (float32)",
    "optax eager (float32)",
    "peak memory of s(np.arange(",
    "python -c \"import lrspec; lrspec.parse('Constant(0.1)')\"",
]


def test_quick_benchmark_prints_every_row():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "bench.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("lrspec benchmark (quick): ")
    assert lines[1] == "| what | lrspec | peer | peer time | ratio | target | met |"
    body = "\n".join(lines[3:])
    for row in ROWS:
        assert row in body, row
    assert "skipped" not in body  # every peer is installed in CI
    # Every row with a target has a ratio and a verdict.
    for line in lines[3:-1]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert len(cells) == 7, line
        if cells[5] != "(no target)":
            float(cells[4])
            assert cells[6] in ("yes", "**no**"), line
