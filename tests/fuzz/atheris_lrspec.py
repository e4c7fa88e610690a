"""Coverage-guided fuzzing of lrspec with atheris (libFuzzer): parse, evaluate, print back.

    python tests/fuzz/atheris_lrspec.py -runs=1000000

With no corpus directory given, it starts from the specs of tests/data and the conformance
traces. The invariants, checked for every input:

- nothing but an ``LrspecError`` escapes ``lrspec.parse`` (and ``lrspec.load``);
- whatever parses prints to text that parses back to an equal schedule, and has a dict form
  that reads back to it too;
- evaluation at sampled steps gives the same result on both (a finite float, or the same
  documented ``LrspecError``), and through an array the same as step by step.

Its twin for the dict form is ``atheris_dictform.py``.
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["lrspec", "lark"]):
    import numpy as np

    import lrspec

HERE = Path(__file__).resolve().parent
STEPS = (0, 1, 2.5, 10, 99, 100, 101, 999, 1000, 10**6, 1e15)
BIND = {"total_steps": 1000, "steps_per_epoch": 10}


def _outcome(schedule, t):
    try:
        value = schedule(t)
    except lrspec.LrspecError as error:
        return type(error).__name__, error.message
    if not math.isfinite(value):
        raise AssertionError(f"{schedule}: non-finite value {value} at step {t}")
    return value


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    try:
        schedule = lrspec.parse(text, **BIND)
    except lrspec.LrspecError:
        return
    again = lrspec.parse(str(schedule), **BIND)
    if again != schedule or str(again) != str(schedule):
        raise AssertionError(f"{text!r} prints as {str(schedule)!r}, which reads back differently")
    if lrspec.from_dict(schedule.to_dict(), **BIND) != schedule:
        raise AssertionError(f"the dict form of {text!r} reads back differently")
    outcomes = []
    for t in STEPS:
        first, second = _outcome(schedule, t), _outcome(again, t)
        if first != second:
            raise AssertionError(f"{text!r} at step {t}: {first!r} != {second!r}")
        outcomes.append(first)
    try:
        array = schedule(np.array(STEPS, dtype=float)).tolist()
    except lrspec.LrspecError as error:
        if (type(error).__name__, error.message.split(" at step ")[0]) not in [
            (o[0], o[1].split(" at step ")[0]) for o in outcomes if isinstance(o, tuple)
        ]:
            raise AssertionError(f"{text!r}: the array raises {error!r}, no step does") from None
        return
    if array != outcomes:
        raise AssertionError(f"{text!r}: array {array} != steps {outcomes}")


def seed_corpus() -> str:
    """A directory with one seed spec per file."""
    corpus = Path(tempfile.mkdtemp(prefix="lrspec-fuzz-"))
    specs = [
        line
        for line in (HERE.parent / "data" / "language_examples.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    for line in (HERE.parent / "conformance" / "reference.jsonl").read_text().splitlines():
        specs.append(json.loads(line)["spec"])
    for index, spec in enumerate(specs):
        (corpus / f"seed{index:03d}").write_text(spec)
    return str(corpus)


def main() -> None:
    argv = list(sys.argv)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        argv.append(seed_corpus())
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
