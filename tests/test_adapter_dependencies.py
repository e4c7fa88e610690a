"""A missing framework is an lrspec error naming the extra to install, the same way for every
adapter: ``import lrspec.torch`` (jax, keras, sb3, pydantic) in a process where the framework
cannot be imported raises ``lrspec.DependencyError``, and ``import lrspec`` still works."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

# A meta-path finder that refuses the hidden modules, as an environment without them would.
HIDE = """
import importlib.abc, json, sys
HIDDEN = set(sys.argv[1].split(","))
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Refuse())
import lrspec
assert lrspec.parse("Cosine(0.1, 0.0, 10)")(5) == 0.05
try:
    __import__(sys.argv[2])
except lrspec.LrspecError as error:
    print(json.dumps([type(error).__name__, str(error), error.hint]))
else:
    print(json.dumps(None))
"""

CASES = [
    ("lrspec.torch", "torch", "PyTorch", "torch"),
    ("lrspec.jax", "jax", "JAX", "jax"),
    ("lrspec.keras", "keras", "Keras", "keras"),
    ("lrspec.sb3", "stable_baselines3", "stable-baselines3", "sb3"),
    ("lrspec.pydantic", "pydantic", "pydantic", "pydantic"),
]


def _import_without(module: str, hidden: str):
    result = subprocess.run(
        [sys.executable, "-c", HIDE, hidden, module],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize(("module", "hidden", "name", "extra"), CASES)
def test_a_missing_framework_names_the_extra(module, hidden, name, extra):
    kind, message, hint = _import_without(module, hidden)
    assert kind == "DependencyError"
    assert hint == f"pip install 'lrspec[{extra}]'"
    assert message == (
        f"lrspec: {module} needs {name}, which is not installed\npip install 'lrspec[{extra}]'"
    )


def test_with_the_framework_the_module_imports():
    # The same harness, hiding something else: the adapters import.
    for module, *_ in CASES:
        assert _import_without(module, "no_such_framework") is None
