"""The atheris harness of the config-file readers keeps working: a short coverage-guided run
finds nothing (``python tests/fuzz/atheris_config.py -runs=1000000`` is the long run)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_a_short_atheris_run_of_the_config_readers_finds_nothing(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "fuzz" / "atheris_config.py"),
            "-runs=3000",
            "-max_len=600",
            "-seed=1",
            "-timeout=20",
            f"-artifact_prefix={tmp_path}/",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done 3000 runs" in result.stderr
    assert not list(tmp_path.glob("crash-*")) and not list(tmp_path.glob("timeout-*"))
