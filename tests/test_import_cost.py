"""What keeps ``import lrspec`` and a parse cheap: namespaces load on first use, and a parse
leaves no reference cycle behind (issue 12)."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

import lrspec
from lrspec.model.registry import families
from lrspec.syntax.errors import StateError

NAMESPACES = ["hf", "keras", "optax", "timm", "torch"]


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_importing_lrspec_loads_no_namespace_nor_json_pathlib_or_threads_pool():
    out = _run(
        "import sys, lrspec; lrspec.parse('Constant(0.1)');"
        "print(sorted(m for m in sys.modules if m.endswith('_namespace') and 'families' in m"
        " or m in ('json', 'pathlib', 'concurrent.futures', 'lrspec.formats.importers')))"
    )
    assert out == "[]"


@pytest.mark.parametrize("prefix", NAMESPACES)
def test_a_namespaced_name_loads_its_namespace(prefix):
    example = next(c.example for n, c in families().items() if n.startswith(prefix + "."))
    out = _run(
        f"import sys, lrspec; s = lrspec.parse({example!r}); "
        f"print(str(s), 'lrspec.families.{prefix}_namespace' in sys.modules)"
    )
    assert out == f"{lrspec.parse(example)} True"


@pytest.mark.parametrize(
    "name", ["CosineAnnealingLR", "torch.CosineAnealingLR", "hf.get_constant_schedul"]
)
def test_an_unknown_name_suggests_the_same_in_a_fresh_process(name):
    with pytest.raises(lrspec.LrspecError) as caught:
        lrspec.parse(f"{name}(0.1, 10)")
    assert caught.value.hint is not None and "'" in caught.value.hint
    out = _run(
        f"import lrspec\ntry:\n    lrspec.parse('{name}(0.1, 10)')\n"
        "except lrspec.LrspecError as error:\n    print(error.hint)"
    )
    assert out == caught.value.hint


def test_families_lists_every_namespace_in_a_fresh_process():
    out = _run(
        "from lrspec.model.registry import families\n"
        "import lrspec\n"
        "names = list(families())\n"
        "print(sorted({n.split('.')[0] for n in names if '.' in n}), len(names))"
    )
    assert out == f"{NAMESPACES} {len(families())}"


def test_a_parse_leaves_no_reference_cycle():
    lrspec.parse("Warmup(499) >> Cosine(0.1, 0.0, 10000)")
    gc.collect()
    gc.disable()
    try:
        for i in range(50):
            lrspec.parse(f"Warmup({123_000 + i}) >> Cosine(0.1, 0.0, 10000)")
            lrspec.parse(f"Warmup({124_000 + i}) >> Cosine(0.2, 0.0, {i + 10})[:5]")
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_a_saved_int_that_no_float_holds_is_refused():
    s = lrspec.parse("Plateau(0.1, factor=0.5, patience=3)")
    state = s.state_dict()
    state["state"]["best"] = 2**53 + 1  # loaded as a float it would read 2**53
    with pytest.raises(StateError) as caught:
        s.load_state_dict(state)
    assert str(caught.value) == (
        "lrspec: saved state has a bad 'best': 9007199254740993; it must be a finite number, "
        "or None"
    )
