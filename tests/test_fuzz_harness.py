"""The atheris harness keeps working: a short coverage-guided run finds nothing."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_a_short_atheris_run_finds_nothing(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "fuzz" / "atheris_lrspec.py"),
            "-runs=3000",
            "-max_len=200",
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
