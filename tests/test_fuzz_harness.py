"""The atheris harnesses keep working: a short coverage-guided run of each finds nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize(
    ("harness", "max_len"), [("atheris_lrspec.py", 200), ("atheris_dictform.py", 400)]
)
def test_a_short_atheris_run_finds_nothing(tmp_path, harness, max_len):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "fuzz" / harness),
            "-runs=3000",
            f"-max_len={max_len}",
            "-seed=1",
            f"-artifact_prefix={tmp_path}/",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done 3000 runs" in result.stderr
    assert not list(tmp_path.glob("crash-*"))
