"""The wheel carries the grammar: build it, install it in a fresh virtual environment, parse."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile

from conftest import ROOT

SCRIPT = """
import importlib.resources, pathlib, lrspec
grammar = importlib.resources.files("lrspec") / "lrspec.lark"
assert grammar.is_file(), grammar
assert "site-packages" in str(pathlib.Path(lrspec.__file__)), lrspec.__file__
print(lrspec.unparse(lrspec.parse_tree("Warmup(500)>>Cosine(0.1,0.0,10_000)")))
"""


def test_wheel_installs_and_parses(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
    )
    (wheel,) = dist.glob("lrspec-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "lrspec/lrspec.lark" in archive.namelist()
        packaged = archive.read("lrspec/lrspec.lark").decode()
    assert packaged == (ROOT / "grammar" / "lrspec.lark").read_text()

    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    # Run from an empty directory so that the source tree cannot be imported by accident.
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run(
        [python, "-c", SCRIPT], cwd=work, check=True, capture_output=True, text=True
    )
    assert result.stdout == "Warmup(500) >> Cosine(0.1, 0.0, 10000)\n"
