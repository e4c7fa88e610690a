"""Errors of meaning (after the text parsed): names, arguments, types, steps, arithmetic."""

from __future__ import annotations

import numpy as np
import pytest

import lrspec
from lrspec import ArgumentError, CompositionError, EvaluationError, UnknownNameError

A, C, U = ArgumentError, CompositionError, UnknownNameError

# (id, text, class, column, message, hint)
CASES = [
    (
        "unknown-schedule",
        "Warmup(500) >> Cosin(0.1, 0.0, 10000)",
        U,
        15,
        "unknown schedule 'Cosin'",
        "did you mean 'Cosine'?",
    ),
    (
        "unknown-case",
        "cosine(0.1, 0, 10)",
        U,
        0,
        "unknown schedule 'cosine'",
        "did you mean 'Cosine' or 'cosine_decay'?",
    ),
    (
        "unknown-dotted",
        "torch.Cosine(0.1, 0, 10)",
        U,
        0,
        "unknown schedule 'torch.Cosine'",
        "did you mean 'Cosine'?",
    ),
    (
        "unknown-keyword",
        "Cosine(0.1, 0.0, stepz=10)",
        U,
        17,
        "Cosine has no parameter 'stepz'",
        "did you mean 'steps'?",
    ),
    (
        "unknown-keyword-no-match",
        "Cosine(0.1, 0.0, 10, xyz=1)",
        U,
        21,
        "Cosine has no parameter 'xyz'",
        "usage: Cosine(initial, final, steps)",
    ),
    (
        "too-many",
        "Cosine(0.1, 0.0, 10, 5)",
        A,
        21,
        "Cosine takes at most 3 arguments, got 4",
        "usage: Cosine(initial, final, steps)",
    ),
    (
        "missing",
        "Cosine(0.1, 0.0)",
        A,
        0,
        "Cosine is missing 'steps'",
        "usage: Cosine(initial, final, steps)",
    ),
    (
        "missing-two",
        "Cosine(final=0.0)",
        A,
        0,
        "Cosine is missing 'initial', 'steps'",
        "usage: Cosine(initial, final, steps)",
    ),
    (
        "twice",
        "Cosine(0.1, 0.0, 10, initial=0.2)",
        A,
        21,
        "Cosine got two values for 'initial'",
        "usage: Cosine(initial, final, steps)",
    ),
    (
        "word-for-number",
        "Cosine(high, 0, 10)",
        A,
        7,
        "Cosine: 'initial' must be a number, got the word 'high'",
        None,
    ),
    (
        "list-for-number",
        "Cosine([0.1], 0, 10)",
        A,
        7,
        "Cosine: 'initial' must be a number, got a list",
        None,
    ),
    (
        "schedule-for-number",
        "Cosine(Constant(0.1), 0, 10)",
        A,
        7,
        "Cosine: 'initial' must be a number, got a schedule",
        None,
    ),
    (
        "string-for-steps",
        "Cosine(0.1, 0, '10')",
        A,
        15,
        "Cosine: 'steps' must be a step count, got the string '10'",
        None,
    ),
    (
        "unit-on-rate",
        "Cosine(0.1%, 0, 10)",
        A,
        7,
        "Cosine: 'initial' takes no unit, got 0.1%",
        "units (%, ep, sp, tok) apply to step counts only",
    ),
    (
        "non-integer",
        "Plateau(0.1, patience=2.5)",
        A,
        22,
        "Plateau: 'patience' must be an integer, got 2.5",
        None,
    ),
    (
        "number-for-bool",
        "ExponentialDecay(0.1, 0.5, 10, staircase=1)",
        A,
        41,
        "ExponentialDecay: 'staircase' must be true or false, got the number 1",
        None,
    ),
    (
        "unknown-choice",
        "Cyclic(0.1, 0.2, 10, mode=triangle)",
        U,
        26,
        "Cyclic: 'mode' must be one of triangular, triangular2, exp_range, got 'triangle'",
        "did you mean 'triangular', 'triangular2'?".replace(", 'triangular2'", " or 'triangular2'"),
    ),
    ("infinite-rate", "Constant(inf)", A, 9, "Constant: 'lr' must be finite, got inf", None),
    (
        "huge-int-rate",
        "Constant(" + "9" * 400 + ")",
        A,
        9,
        # A long number shows by its ends and its length (LrspecError shortens it).
        "Constant: 'lr' is too large for a float, got 999999...9999 (400 digits)",
        None,
    ),
    (
        "schedule-expected",
        "Warmup(5) >> high",
        A,
        13,
        "expected a schedule, got the word 'high'",
        None,
    ),
    (
        "family-without-call",
        "Warmup(5) >> Cosine",
        A,
        13,
        "expected a schedule, got the word 'Cosine'",
        "call it with its arguments: Cosine(initial, final, steps)",
    ),
    (
        "number-with-unit",
        "Warmup(5) >> 5%",
        A,
        13,
        "expected a schedule, got the step count 5%",
        "units (%, ep, sp, tok) apply to step counts, not to rates",
    ),
    (
        "infinite-constant",
        "Warmup(5) >> inf",
        A,
        13,
        "a schedule's value must be finite, got inf",
        None,
    ),
    (
        "variadic-keyword",
        "min(Cosine(0.1, 0, 1), b=0.1)",
        A,
        23,
        "min takes no keyword arguments",
        None,
    ),
    (
        "variadic-one",
        "max(0.1)",
        A,
        0,
        "max needs at least two schedules, got 1",
        "usage: max(schedules...)",
    ),
    (
        "never-ends",
        "Constant(0.1) >> Cosine(0.1, 0, 10)",
        C,
        0,
        "'Constant(0.1)' never ends, so nothing can follow it with '>>'",
        "give it a length, e.g. Constant(0.1)[:1000]",
    ),
    (
        "never-ends-composite",
        "0.5 * StepLR(0.1, 10) >> Constant(0.1)",
        C,
        0,
        "'0.5 * StepLR(0.1, 10)' never ends, so nothing can follow it with '>>'",
        "give it a length, e.g. (0.5 * StepLR(0.1, 10))[:1000]",
    ),
    (
        "warmup-alone",
        "Warmup(500)",
        C,
        0,
        "Warmup(500) needs a schedule after it",
        "write Warmup(500) >> <schedule>, for example Warmup(500) >> Cosine(0.1, 0.0, 10000)",
    ),
    (
        "stateful-added",
        "Plateau(0.1) + 0.01",
        C,
        0,
        "Plateau(0.1) reads a metric, so it can only end a '>>' sequence or be scaled by a number",
        None,
    ),
    (
        "stateful-first",
        "Plateau(0.1) >> Constant(0.1)",
        C,
        0,
        "'Plateau(0.1)' never ends, so nothing can follow it with '>>'",
        "a schedule that reads a metric can only come last",
    ),
    (
        "empty-slice",
        "Cosine(0.1, 0, 100)[50:10]",
        C,
        0,
        "the slice [50:10] is empty",
        "the start must come before the stop",
    ),
]


@pytest.mark.parametrize(
    ("text", "cls", "column", "message", "hint"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_meaning_errors(text, cls, column, message, hint):
    with pytest.raises(cls) as caught:
        lrspec.parse(text)
    error = caught.value
    assert (error.message, error.column, error.hint) == (message, column, hint)
    assert error.text == text


def test_the_language_example_renders_exactly():
    with pytest.raises(UnknownNameError) as caught:
        lrspec.parse("Warmup(500) >> Cosin(0.1, 0.0, 10000)")
    assert str(caught.value) == (
        "lrspec: unknown schedule 'Cosin' at column 15\n"
        "  Warmup(500) >> Cosin(0.1, 0.0, 10000)\n"
        "                 ^^^^^\n"
        "did you mean 'Cosine'?"
    )


def test_a_range_error_renders_with_its_caret():
    with pytest.raises(ArgumentError) as caught:
        lrspec.parse("Warmup(500) >> Cosine(0.1, 0.0, steps=0)")
    assert str(caught.value) == (
        "lrspec: Cosine: 'steps' must be > 0, got 0 at column 38\n"
        "  Warmup(500) >> Cosine(0.1, 0.0, steps=0)\n"
        "                                        ^"
    )


@pytest.mark.parametrize(
    ("t", "message"),
    [
        (-1, "a step must be >= 0, got -1"),
        (-0.5, "a step must be >= 0, got -0.5"),
        (float("nan"), "a step must be a number >= 0, got nan"),
        (float("inf"), "a step must be finite, got inf"),
        (True, "a step must be a number, got True"),
        ("10", "a step must be a number or an array of numbers, got str"),
        (None, "a step must be a number or an array of numbers, got NoneType"),
        (10**400, "a step must be at most 2**53, got 100000...0000 (401 digits)"),
        (np.array([3, -2]), "a step must be >= 0, got -2 (at index 1)"),
        (np.array([0.0, np.nan]), "a step must be a number >= 0, got nan (at index 1)"),
        (np.array([np.inf]), "a step must be finite, got inf (at index 0)"),
        (np.array(["a"]), "steps must be numbers, got an array of <U1"),
        (np.array([True]), "steps must be numbers, got an array of bool"),
    ],
)
def test_bad_steps(t, message):
    with pytest.raises(EvaluationError) as caught:
        lrspec.parse("Cosine(0.1, 0, 100)")(t)
    assert caught.value.message == message


def test_non_integer_and_numpy_steps():
    s = lrspec.parse("StepLR(0.1, 10)")
    assert s(9.999) == 0.1 and s(10.0) == s(10) == s(np.int32(10)) == s(np.float32(10.0))
    assert s(np.uint8(25)) == 0.1 * 0.1**2 or s(np.uint8(25)) == pytest.approx(0.001)
    assert s([0, 10.5, 20]).tolist() == [s(0), s(10.5), s(20)]
    assert s(np.array(5)).shape == ()


def test_arithmetic_errors_name_the_expression_and_the_step():
    s = lrspec.parse("1 / Cyclic(0.0, 1.0, 5)")  # the cycle comes back to 0 at step 10
    x = 1.0 + 3 / 10 - 1  # PyTorch's CyclicLR position inside the cycle
    assert s(3) == 1.0 / (0.0 + 1.0 * (x / 0.5))
    with pytest.raises(EvaluationError) as caught:
        s(10)
    assert caught.value.message == "'1.0 / Cyclic(0.0, 1.0, 5)' divides by zero at step 10"
    with pytest.raises(EvaluationError) as caught:
        lrspec.parse("Constant(1e300) * 1e300")(3)
    assert caught.value.message == (
        "'Constant(1e+300) * 1e+300' overflows to a non-finite value at step 3"
    )
    with pytest.raises(EvaluationError) as caught:
        s(np.arange(20))
    assert caught.value.message == "'1.0 / Cyclic(0.0, 1.0, 5)' divides by zero"
    # A schedule whose final value is not defined fails at its first evaluation, whatever
    # the step (parsing compiles nothing; the first use does).
    undefined = lrspec.parse("1 / Linear(1, 0, 10)")
    for attempt in (lambda: undefined(0), lambda: undefined.length):
        with pytest.raises(EvaluationError) as caught:
            attempt()
        assert caught.value.message == "'1.0 / Linear(1.0, 0.0, 10)' divides by zero at step 10"
