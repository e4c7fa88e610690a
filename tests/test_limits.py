"""Each resource limit (lrspec.Limits) holds at the limit and refuses one past it, with its
own clear message. (Text length and nesting depth: tests/test_syntax_errors.py.)"""

from __future__ import annotations

import numpy as np
import pytest

import lrspec
from lrspec import LimitError, Limits


def _items(n: int) -> str:
    return ", ".join(str(k) for k in range(n))


def test_list_length():
    limits = Limits(max_list_length=5)
    lrspec.parse(f"MultiStepLR(0.1, [{_items(5)}], 0.5)", limits=limits)
    with pytest.raises(LimitError) as caught:
        lrspec.parse(f"MultiStepLR(0.1, [{_items(6)}], 0.5)", limits=limits)
    assert caught.value.message == "MultiStepLR: 'milestones' has 6 items; the limit is 5"
    assert caught.value.column == 17
    assert caught.value.hint == "raise Limits.max_list_length if this is really meant"


def test_list_length_default():
    limit = Limits().max_list_length
    assert limit == 10_000
    roomy = Limits(max_length=1_000_000)  # such long lists need more than 100,000 characters
    lrspec.parse(f"PiecewiseConstant([{_items(limit - 1)}], [{_items(limit)}])", limits=roomy)
    with pytest.raises(LimitError, match="'values' has 10001 items; the limit is 10000"):
        lrspec.parse(f"PiecewiseConstant([{_items(limit)}], [{_items(limit + 1)}])", limits=roomy)


@pytest.mark.parametrize(
    ("limits", "at", "past"),
    [
        (Limits(), 1_000_000, 1_000_001),
        (Limits(max_repeat=3), 3, 4),
    ],
)
def test_repeat_count(limits, at, past):
    assert lrspec.parse(f"Repeat(Cosine(0.1, 0, 10), {at})", limits=limits).length == 10 * at
    with pytest.raises(LimitError) as caught:
        lrspec.parse(f"Repeat(Cosine(0.1, 0, 10), {past})", limits=limits)
    assert caught.value.message == (f"Repeat: 'times' must be at most {at} (or inf), got {past}")
    assert lrspec.parse("Repeat(Cosine(0.1, 0, 10), inf)", limits=limits).length == float("inf")


@pytest.mark.parametrize(
    ("unit", "field", "default", "steps"),
    [
        ("%", "max_percent", 10_000.0, 50),
        ("ep", "max_epochs", 1_000_000.0, 500),
        ("sp", "max_samples", 1e15, 25),
        ("tok", "max_tokens", 1e18, 12.5),
    ],
)
def test_unit_values(unit, field, default, steps):
    assert getattr(Limits(), field) == default
    limits = Limits(**{field: 50.0})
    bind = {"total_steps": 100, "steps_per_epoch": 10, "samples_per_step": 2, "tokens_per_step": 4}
    assert lrspec.parse(f"Linear(1, 0, 50{unit})", limits=limits, **bind).length == steps
    with pytest.raises(LimitError) as caught:
        lrspec.parse(f"Linear(1, 0, 51{unit})", limits=limits, **bind)
    assert caught.value.message == f"Linear: 'steps' must be at most 50{unit}, got 51{unit}"
    assert caught.value.hint is None or "Limits" in caught.value.hint


def test_steps_are_bounded_by_exact_floats():
    assert lrspec.parse(f"Linear(1, 0, {2**53})").length == 2**53
    with pytest.raises(LimitError, match=r"'steps' must be at most 2\*\*53 steps"):
        lrspec.parse(f"Linear(1, 0, {2**53 + 1})")
    with pytest.raises(LimitError) as caught:
        lrspec.parse(f"Linear(1, 0, {2**53}) >> Linear(1, 0, 1)").length
    assert caught.value.message == (
        f"'Linear(1.0, 0.0, {2**53}) >> Linear(1.0, 0.0, 1)' is {2**53 + 1} steps long; "
        "the limit is 2**53"
    )


# One step domain, 2**53 (every integer up to it is exact in a float), wherever a step count
# is computed: each at the domain's edge, and one past it.
@pytest.mark.parametrize(
    ("at", "past", "message"),
    [
        # sums of the parts of a sequence (here the start of its endless last part)
        (
            f"Linear(1, 0, {2**52}) >> Linear(1, 0, {2**52}) >> Constant(0.5)",
            f"Linear(1, 0, {2**52}) >> Linear(1, 0, {2**52 + 1}) >> Constant(0.5)",
            f"'Linear(1.0, 0.0, {2**52}) >> Linear(1.0, 0.0, {2**52 + 1})' is {2**53 + 1} steps "
            "long; the limit is 2**53",
        ),
        # the products of Repeat, with equal cycles and with growing ones
        (
            f"Repeat(Linear(1, 0, {2**43}), 1024)",
            f"Repeat(Linear(1, 0, {2**43 + 1}), 1024)",
            f"'Repeat(Linear(1.0, 0.0, {2**43 + 1}), times=1024)' is {2**53 + 1024} steps long; "
            "the limit is 2**53",
        ),
        (
            f"Repeat(Linear(1, 0, {2**52}), 1, mult=2)",
            f"Repeat(Linear(1, 0, {2**52}), 2, mult=2)",
            f"'Repeat(Linear(1.0, 0.0, {2**52}), times=2, mult=2.0)' is {3 * 2**52} steps long; "
            "the limit is 2**53",
        ),
        # nested Repeats multiply: found before any product leaves the floats
        (
            "Repeat(Repeat(Linear(1, 0, 9007), 1000000), 1000000)",
            "Repeat(Repeat(Repeat(Linear(1, 0, 9008), 1000000), 1000000), 1000000)",
            "'Repeat(Repeat(Linear(1.0, 0.0, 9008), times=1000000), times=1000000)' is "
            "9008000000000000 steps long; the limit is 2**53",
        ),
        # a family's own transitions (found when parsing)
        (
            f"polynomial_decay(2.0, transition_steps=1, transition_begin={2**53 - 1})",
            f"polynomial_decay(2.0, transition_steps=1, transition_begin={2**53})",
            "polynomial_decay: 'transition_begin' plus 'transition_steps' makes "
            f"{2**53 + 1} steps; the limit is 2**53",
        ),
        # a slice's bounds
        (
            f"Constant(0.1)[{2**53 - 1}:{2**53}]",
            f"Constant(0.1)[:{2**53 + 1}]",
            f"slice: 'bound' must be at most 2**53 steps, got {2**53 + 1}",
        ),
        # units resolved against the sizes
        ("Linear(1, 0, 100%)", "Linear(1, 0, 101%)", None),
    ],
)
def test_the_step_domain(at, past, message):
    sizes = {"total_steps": 2**53}
    fits = lrspec.parse(at, **sizes)
    assert fits(2**53) == fits(np.array([2**53]))[0]
    with pytest.raises(LimitError) as caught:
        schedule = lrspec.parse(past, **sizes)
        schedule(0)  # parsing compiles nothing: the first use does
    if message is not None:
        assert caught.value.message == message
        assert caught.value.hint in (
            None,
            "steps and lengths are at most 2**53 (every integer up to it is exact in a float)",
        )
    else:
        assert caught.value.message.startswith("Linear: 'steps' must be at most 2**53 steps")


@pytest.mark.parametrize("size", ["total_steps", "steps_per_epoch"])
def test_the_sizes_of_a_run_are_in_the_step_domain(size):
    spec = "Linear(1, 0, 1%) + Linear(1, 0, 1ep)"
    other = "steps_per_epoch" if size == "total_steps" else "total_steps"
    assert lrspec.parse(spec, **{size: 2**53, other: 100}).sizes[size] == 2**53
    for value in (2**53 + 1, 10**400, 1e300):
        with pytest.raises(LimitError) as caught:
            lrspec.parse(spec, **{size: value, other: 100})
        assert caught.value.message.startswith(f"{size} must be at most 2**53, got ")
    # Found by an adversarial review: an OverflowError once came out of 10**400 total steps.
    with pytest.raises(LimitError) as caught:
        lrspec.parse(spec, **{size: 10**400, other: 100})
    assert caught.value.message == f"{size} must be at most 2**53, got 100000...0000 (401 digits)"


def test_command_line_evaluation_size(capsys):
    from lrspec.cli import main

    try:
        lrspec.set_default_limits(Limits(max_eval_steps=100))
        assert main(["eval", "Cosine(0.1, 0, 100)", "--steps", "0:100", "--format", "csv"]) == 0
        assert len(capsys.readouterr().out.splitlines()) == 101  # a header and 100 rows
        assert main(["eval", "Cosine(0.1, 0, 100)", "--steps", "0:101"]) == 2
        assert capsys.readouterr().err.endswith(
            "lrspec eval: error: --steps 0:101 asks for 101 steps; at most 100 are evaluated "
            "at once (take a larger STEP, e.g. --steps 0:101:2)\n"
        )
    finally:
        lrspec.set_default_limits(Limits())


@pytest.mark.parametrize(
    "text",
    [
        "min(" * 2000 + "Cosine(0.1, 0, 10)" + ", 0.5)" * 2000,
        "(" * 2000 + "Cosine(0.1, 0, 10)" + ")[:5]" * 2000,
        "-(" * 2000 + "Cosine(0.1, 0, 10)" + ")" * 2000,
    ],
)
def test_limits_raised_past_what_python_can_walk(text):
    # The default depth (100) stays far from Python's recursion limit; raised limits may not.
    roomy = Limits(max_depth=10**6, max_length=10**7)
    with pytest.raises(LimitError) as caught:
        lrspec.parse(text, limits=roomy)
    assert caught.value.message == "the spec nests too deeply for Python's recursion limit"
    assert caught.value.hint == "lower Limits.max_depth, or raise sys.setrecursionlimit()"
