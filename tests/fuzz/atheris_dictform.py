"""Coverage-guided fuzzing of lrspec's dict form with atheris (libFuzzer).

    python tests/fuzz/atheris_dictform.py -runs=1000000

The first byte of an input picks how the rest becomes a dict form:

- 0: JSON text (what a config file holds), read with ``json.loads``;
- 1: a structure built from the bytes out of the dict form's own words (its keys, family names,
  operators, units) and hostile values (huge and non-finite numbers, other scripts' digits,
  spec text), where a value may be an object met before: shared references and cycles;
- 2: the dict form of a spec from the test data, with one place replaced as in 1.

With no corpus directory given, it starts from the dict forms of the specs of tests/data and
the conformance traces. The invariants, checked for every input:

- nothing but an ``LrspecError`` escapes ``lrspec.from_dict`` and ``lrspec.load``, and none
  takes long or much memory (the dict form is bounded like text: ``Limits``);
- whatever reads is a schedule whose canonical text and dict form read back to it;
- evaluation at sampled steps gives, per step and through an array, the same finite values
  (or the same ``LrspecError``).
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["lrspec"]):
    import numpy as np

    import lrspec

HERE = Path(__file__).resolve().parent
STEPS = (0, 1, 2.5, 99, 100, 101, 1000, 10**6, 2**53)
BIND = {"total_steps": 1000, "steps_per_epoch": 10}

KEYS = [
    "family", "args", "sequence", "op", "left", "right", "operand", "slice", "start", "stop",
    "constant", "lrspec", "bind", "total_steps", "steps_per_epoch", "initial", "final", "steps",
    "schedule", "times", "mult", "decay", "lr", "milestones", "gamma", "mode", "patience",
    "schedules", "boundaries", "values", "x", "",
]  # fmt: skip
WORDS = [
    "Cosine", "Linear", "Warmup", "Repeat", "Staircase", "min", "max", "Constant",
    "MultiStepLR", "Plateau", "KingScheduler", "StepLR", "Cyclic", "PiecewiseConstant",
    "ExponentialDecay", "polynomial_decay", "+", "-", "*", "/", "neg", "triangular2", "min",
    "inf", "-inf", "nan", "5%", "10ep", "100sp", "1e3tok", "-5%", "1e999", "１００", "٣",
    "Cosine(0.1, 0, 100)", "Warmup(5%) >> Cosine(0.1, 0, 95%)", "(", "0x10", "1_0", " 5",
]  # fmt: skip
OPS = ["+", "-", "*", "/", "neg", "%", None, 1]
NUMBERS = [
    0, 1, -1, 2, 3, 10, 100, 2**53, 2**53 + 1, 10**400, -(10**400), 0.5, 1e-6, 5e-324, 1e300,
    -0.0, math.inf, -math.inf, math.nan,
]  # fmt: skip


def _value(fdp: atheris.FuzzedDataProvider, depth: int, seen: list) -> object:
    """A JSON-like value built from the bytes (see the module docstring, mode 1)."""
    kind = fdp.ConsumeIntInRange(0, 11) if depth < 12 else fdp.ConsumeIntInRange(0, 4)
    if kind == 0:
        return fdp.PickValueInList(NUMBERS)
    if kind == 1:
        return fdp.ConsumeIntInRange(-(2**60), 2**60)
    if kind == 2:
        return fdp.ConsumeRegularFloat()
    if kind == 3:
        return fdp.PickValueInList(WORDS)
    if kind == 4:
        return fdp.PickValueInList([None, True, False, fdp.ConsumeUnicodeNoSurrogates(6)])
    if kind == 5 and seen:
        return fdp.PickValueInList(seen)  # met before: a shared reference, or a cycle
    if kind in (5, 6, 7):
        out: dict = {}
        seen.append(out)
        for _ in range(fdp.ConsumeIntInRange(0, 4)):
            out[fdp.PickValueInList(KEYS)] = _value(fdp, depth + 1, seen)
        return out
    if kind in (8, 9):
        items: list = []
        seen.append(items)
        for _ in range(fdp.ConsumeIntInRange(0, 5)):
            items.append(_value(fdp, depth + 1, seen))
        return items
    if kind == 10:
        args = _value(fdp, depth + 1, seen)
        return {"family": fdp.PickValueInList(WORDS), "args": args}
    op = fdp.PickValueInList(OPS)
    return {"op": op, "left": 0.5, "right": _value(fdp, depth + 1, seen)}


def _places(value, path=(), seen=None):
    seen = set() if seen is None else seen
    yield path
    if isinstance(value, (dict, list)) and id(value) not in seen:
        seen.add(id(value))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            yield from _places(item, (*path, key), seen)


def _mutated(fdp: atheris.FuzzedDataProvider) -> object:
    """A seed's dict form with one place replaced (mode 2)."""
    data = json.loads(fdp.PickValueInList(SEEDS))
    places = [p for p in _places(data) if p]
    if places:
        path = fdp.PickValueInList(places)
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = _value(fdp, 1, [data, parent])
    return data


def _outcome(schedule, t):
    try:
        value = schedule(t)
    except lrspec.LrspecError as error:
        return type(error).__name__
    if not math.isfinite(value):
        raise AssertionError(f"{schedule}: non-finite value {value} at step {t}")
    return value


def _check(schedule) -> None:
    text = str(schedule)
    if lrspec.parse(text, **BIND) != schedule:
        raise AssertionError(f"{text!r} does not read back")
    if lrspec.from_dict(schedule.to_dict(), **BIND) != schedule:
        raise AssertionError(f"the dict form of {text!r} does not read back")
    scalars = [_outcome(schedule, t) for t in STEPS]
    try:
        array = schedule(np.array(STEPS, dtype=float)).tolist()
    except lrspec.LrspecError as error:
        if type(error).__name__ not in scalars:
            raise AssertionError(f"{text!r}: the array raises {error!r}, no step does") from None
        return
    if array != scalars:
        raise AssertionError(f"{text!r}: array {array} != steps {scalars}")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:
        try:
            value = json.loads(fdp.ConsumeBytes(len(data)).decode("utf-8", errors="replace"))
        except (ValueError, RecursionError):  # no JSON (or deeper than the json module reads)
            return
    elif mode == 1:
        value = _value(fdp, 0, [])
    else:
        value = _mutated(fdp)
    for read in (lambda v: lrspec.from_dict(v, **BIND), lambda v: lrspec.load(v, **BIND)):
        try:
            schedule = read(value)
        except lrspec.LrspecError:
            continue
        _check(schedule)


def _seeds() -> list[str]:
    specs = [
        line
        for line in (HERE.parent / "data" / "language_examples.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    for line in (HERE.parent / "conformance" / "reference.jsonl").read_text().splitlines():
        specs.append(json.loads(line)["spec"])
    forms = []
    for spec in specs:
        try:
            forms.append(json.dumps(lrspec.parse(spec).to_dict()))
        except lrspec.LrspecError:
            pass
    return forms


SEEDS = _seeds()


def seed_corpus() -> str:
    """A directory with one seed per file: each dict form as JSON text (mode 0), and as the
    seed it is in mode 2."""
    corpus = Path(tempfile.mkdtemp(prefix="lrspec-dictform-fuzz-"))
    for index, form in enumerate(SEEDS):
        (corpus / f"json{index:03d}").write_bytes(b"\x00" + form.encode())
        (corpus / f"seed{index:03d}").write_bytes(b"\x02" + index.to_bytes(2, "little") * 4)
    return str(corpus)


def main() -> None:
    argv = list(sys.argv)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        argv.append(seed_corpus())
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
