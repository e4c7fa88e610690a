"""Hostile input, one test per reproduction of an adversarial review of lrspec's promises:
only an ``LrspecError`` escapes (each its exact class), nothing hangs or grows memory past its
bounds, array and scalar paths agree, and a resumed state is the state it claims to be.

Every test runs under a deadline and, where input could blow up, a bound on the memory it
allocates (:func:`bounded`).
"""

from __future__ import annotations

import math
import signal
import tracemalloc
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import lrspec
from lrspec import (
    ArgumentError,
    ConfigError,
    EvaluationError,
    LimitError,
    LrspecSyntaxError,
    StateError,
)
from lrspec.model.registry import families
from lrspec.schedule import parsing


@pytest.fixture(autouse=True, scope="module")
def _forget_what_was_parsed():
    """Leave the parse caches as empty as this module found them: the many texts parsed here
    would otherwise decide which template a later test's text is made from."""
    yield
    parsing.forget()


@contextmanager
def bounded(seconds: float = 5.0, megabytes: float | None = 64.0):
    """Fail if the block runs longer than ``seconds`` or allocates more than ``megabytes`` at
    its peak (traced Python allocations, NumPy's included; None: not traced, which is
    faster)."""

    def expired(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    if megabytes is not None:
        tracemalloc.start()
    peak = 0
    try:
        yield
    finally:
        if megabytes is not None:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if megabytes is not None:
        assert peak <= megabytes * 2**20, f"allocated {peak / 2**20:.1f} MB at its peak"


# -- wrong results, no error ------------------------------------------------------------------


def test_a_resumed_state_must_be_for_the_same_sizes():
    spec = "Warmup(5%) >> Plateau(0.1, factor=0.5, patience=2)"
    saved = lrspec.parse(spec, total_steps=1000)
    for loss in [5.0] * 60:
        saved.step(loss)
    other = lrspec.parse(spec, total_steps=2000)
    with bounded(), pytest.raises(StateError) as caught:
        other.load_state_dict(saved.state_dict())
    assert caught.value.message == (
        f"the saved state is for '{spec}' with total_steps=1000, but this schedule has "
        "total_steps=2000"
    )


def test_a_length_past_2_53_is_refused_instead_of_two_values():
    # It gave 2.0 at s(2**53) and 0.0 through an array: the length 2**53 + 1 is no float.
    with bounded(), pytest.raises(LimitError) as caught:
        lrspec.parse(
            "polynomial_decay(2.0, end_value=0.0, transition_steps=1, "
            "transition_begin=9007199254740992)"
        )
    assert caught.value.message == (
        "polynomial_decay: 'transition_begin' plus 'transition_steps' makes 9007199254740993 "
        "steps; the limit is 2**53"
    )
    # At the edge of the domain, both paths agree.
    s = lrspec.parse(
        "polynomial_decay(2.0, end_value=0.0, transition_steps=1, transition_begin=9007199254740991)"
    )
    steps = [2**53 - 2, 2**53 - 1, 2**53]
    assert s(np.array(steps)).tolist() == [s(t) for t in steps] == [2.0, 2.0, 0.0]
    # Steps themselves are in the domain: past it, both paths say so.
    for past in (2**53 + 2, np.array([0, 2**53 + 2])):
        with pytest.raises(
            EvaluationError, match=r"a step must be at most 2\*\*53, got 9007199254740994"
        ):
            s(past)


def test_an_error_of_a_stateful_text_from_the_cache_points_into_that_text():
    # A stateful text from the cache of repeated texts gets a new schedule around the meaning a
    # template made: an error found when compiling must still point into its own text.
    lrspec.parse("Warmup(5) >> Cosine(0.1, 0.0, 100)[10:] >> KingScheduler(initial_lr=0.01)")
    text = "Warmup(50) >> Cosine(0.1, 0.0, 100)[200:] >> KingScheduler(initial_lr=0.01)"
    for _ in range(2):  # from a template, then from the cache
        with bounded(), pytest.raises(lrspec.CompositionError) as caught:
            lrspec.parse(text)(0)
        assert (caught.value.column, str(caught.value).splitlines()[1]) == (14, "  " + text)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("lr", math.nan),
        ("lr", math.inf),
        ("lr", -1),
        ("num_bad_epochs", -5),
        ("num_bad_epochs", 1.5),
    ],
)
def test_a_tampered_plateau_state_is_refused(field, value):
    s = lrspec.parse("Plateau(0.1, patience=10)")
    saved = s.state_dict()
    saved["state"][field] = value
    with bounded(), pytest.raises(StateError) as caught:
        s.load_state_dict(saved)
    assert caught.value.message.startswith(f"saved state has a bad '{field}': ")
    assert s(0) == 0.1


@pytest.mark.parametrize(
    "text",
    [
        "Cosine(０.１, 0, １００)",  # fullwidth digits
        "Cosine(0.1, 0, ١٠٠)",  # Arabic-Indic digits
        "Cosine(0.1, 0, ۱۰۰)",  # extended Arabic-Indic digits
        "Cosine(0.1, 0, १००)",  # Devanagari digits
    ],
)
def test_number_literals_are_ascii_digits(text):
    lrspec.parse("Cosine(0.1, 0, 100)")  # a template for texts of this shape
    with bounded(), pytest.raises(LrspecSyntaxError) as caught:
        lrspec.parse(text)
    assert caught.value.message.startswith("unexpected character ")


@pytest.mark.parametrize("written", ["１００", "١٠٠", "５%", "1\u0660"])
def test_the_dict_form_reads_no_other_digits_either(written):
    # Python's int() and float() read any script's digits: the dict form must not.
    spec = {"family": "Cosine", "args": {"initial": 0.1, "final": 0, "steps": written}}
    with bounded(), pytest.raises(ArgumentError) as caught:
        lrspec.from_dict(spec)
    assert (
        caught.value.message == f"Cosine: 'steps' must be a step count, got the string {written!r}"
    )


def test_two_parses_of_a_text_share_no_state():
    pure = lrspec.parse("Cosine(0.1, 0.0, 777)")
    again = lrspec.parse("Cosine(0.1, 0.0, 777)")
    pure.load_state_dict({"spec": str(pure), "count": 9, "state": None})
    assert again.state_dict()["count"] == 0 and pure.state_dict()["count"] == 0
    first = lrspec.parse("Plateau(0.1, patience=0)")
    second = lrspec.parse("Plateau(0.1, patience=0)")
    assert first is not second
    first.step(1.0)
    first.step(1.0)
    assert (first(0), second(0)) == (0.010000000000000002, 0.1)
    second.load_state_dict(first.state_dict())
    assert lrspec.parse("Plateau(0.1, patience=0)")(0) == 0.1


def test_a_text_whose_canonical_form_is_too_long_is_refused():
    # 98,003 characters, under the limit; its canonical form (1.0 for every 1) is 245,003.
    text = "max(" + ",".join(["1"] * 49_000) + ")"
    with bounded(30, None), pytest.raises(LimitError) as caught:
        lrspec.parse(text)
    assert caught.value.message == (
        "the canonical form of this spec is 245003 characters long; the limit is 100000"
    )
    # Just within the limit, the canonical form reads back.
    fits = "max(" + ",".join(["1"] * 19_999) + ")"  # canonical: 4 + 19,999 * 5 - 2 + 1
    s = lrspec.parse(fits)
    assert len(str(s)) == 99_998 and lrspec.parse(str(s)) == s


def test_a_text_whose_canonical_form_is_too_deep_is_refused():
    limits = lrspec.Limits(max_depth=10)
    # Keywords print as keywords: Repeat(schedule=...) is a level deeper than Repeat(...)
    # would be, but the canonical form writes `schedule` by position, so it reads back.
    text = "Repeat(schedule=" * 4 + "Linear(1, 0, 10)" + ", times=2)" * 4
    s = lrspec.parse(text, limits=limits)
    assert lrspec.parse(str(s), limits=limits) == s
    # A dict form nests as its text would: -(-(...Linear(1, 0, 10))) is 2 levels deeper
    # than its minus signs. At the limit it reads; one past it, it is refused.
    deep: object = {"family": "Linear", "args": {"initial": 1, "final": 0, "steps": 10}}
    for _ in range(8):
        deep = {"op": "neg", "operand": deep}
    s = lrspec.from_dict(deep, limits=limits)
    assert s(0) == 1.0 and lrspec.parse(str(s), limits=limits) == s
    with pytest.raises(LimitError, match="nesting is deeper than 10 levels"):
        lrspec.parse("-" + str(s), limits=limits)
    with bounded(), pytest.raises(LimitError) as caught:
        lrspec.from_dict({"op": "neg", "operand": deep}, limits=limits)
    assert caught.value.message == (
        "at $" + ".operand" * 9 + ".args: schedules are nested deeper than 10 levels"
    )


# -- exceptions that were not lrspec errors ----------------------------------------------------


def test_an_open_slice_of_an_endless_schedule():
    # ValueError: math domain error, and OverflowError, at the first value.
    with bounded():
        cyclic = lrspec.parse("Repeat(Cosine(0.1, 0, 100))[100:]")
        assert cyclic.length == math.inf
        assert [cyclic(t) for t in (0, 50, 100)] == [0.1, 0.05, 0.1]
        assert cyclic(np.array([0, 50, 100])).tolist() == [0.1, 0.05, 0.1]
        whole = lrspec.parse("TimeBased(0.1, 0.01)[:]")
        base = lrspec.parse("TimeBased(0.1, 0.01)")
        assert [whole(t) for t in (0, 3, 10**6)] == [base(t) for t in (0, 3, 10**6)]


@pytest.mark.parametrize("loss", [math.inf, -math.inf, math.nan])
def test_king_scheduler_fed_a_loss_that_is_not_finite(loss):
    # numpy.linalg.LinAlgError: Singular matrix.
    s = lrspec.parse("KingScheduler(patience=3)")
    for x in [1.0, 2.0, 3.0, 4.0]:
        s.step(x)
    before = s.state_dict()
    with bounded(), pytest.raises(StateError) as caught:
        s.step(loss)
    assert caught.value.message == f"a metric must be finite, got {loss!r}"
    assert s.state_dict() == before
    assert [s.step(x) for x in [5.0, 6.0]] == [0.01 * 0.99, 0.01 * 0.99**2]


def test_huge_integers():
    with bounded():
        with pytest.raises(LimitError) as caught:
            lrspec.parse("Warmup(5%) >> Cosine(0.1, 0, 95%)", total_steps=10**400)
        assert (
            caught.value.message
            == "total_steps must be at most 2**53, got 100000...0000 (401 digits)"
        )
        with pytest.raises(StateError) as caught:
            lrspec.parse("Plateau(0.1)").step(10**400)
        assert caught.value.message == "a metric must be finite, got 100000...0000 (401 digits)"
        nested = "Repeat(" * 52 + "Cosine(0.1, 0, 100)" + ", 1000000)" * 52
        s = lrspec.parse(nested)
        with pytest.raises(LimitError) as caught:
            s(0)
        assert caught.value.message == (
            "'Repeat(Repeat(Repeat(Cosine(0.1, 0.0, 100), times=1000000), times=1000000), "
            "times=1000000)' is 100000000000000000000 steps long; the limit is 2**53"
        )


def _outcome(text):
    try:
        s = lrspec.parse(text, total_steps=1000, steps_per_epoch=10)
        s(5)
        s(np.array([0, 10**6]))
    except lrspec.LrspecError as error:
        return type(error).__name__
    return "ok"


_EXAMPLES = sorted({cls.example for cls in families().values()})


@pytest.mark.parametrize("example", _EXAMPLES)
def test_a_number_only_variant_fails_as_a_cold_parse_does(example):
    # The template path once gave an OverflowError where a cold parse gave an ArgumentError.
    pattern = parsing._number_pattern()
    numbers = list(pattern.finditer(example))
    assert numbers
    with bounded(20):
        for match in numbers:
            for grown in (match.group(1) + "0" * 400, "9" * 400 + ".5", "1e400"):
                variant = example[: match.start(1)] + grown + example[match.end(1) :]
                parsing.forget()
                cold = _outcome(variant)
                parsing.forget()
                _outcome(example)  # the template
                assert _outcome(variant) == cold, variant


def test_a_self_referencing_dict_form():
    looped: dict = {"op": "+", "left": 0.1}
    looped["right"] = looped
    listed: dict = {"sequence": []}
    listed["sequence"].extend([listed, listed])
    for data in (looped, listed):
        with bounded(), pytest.raises(LimitError) as caught:
            lrspec.from_dict(data)
        assert caught.value.message == (
            "the dict form is nested deeper than 202 levels (a spec may nest 100)"
        )


def test_a_dict_form_a_thousand_levels_deep():
    deep: object = {"family": "Cosine", "args": {"initial": 0.1, "final": 0.0, "steps": 100}}
    for _ in range(1000):
        deep = {"op": "neg", "operand": deep}
    with bounded(), pytest.raises(LimitError, match="nested deeper than 202 levels"):
        lrspec.from_dict(deep)
    nested_list: object = 0.1
    for _ in range(1000):
        nested_list = [nested_list]
    spec = {"family": "MultiStepLR", "args": {"lr": 0.1, "milestones": nested_list, "gamma": 0.1}}
    with bounded(), pytest.raises(LimitError, match="nested deeper than 202 levels"):
        lrspec.from_dict(spec)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"family": ["Cosine"]}, "at $.family: expected a name, got ['Cosine']"),
        ({"family": "Cosine", "args": {1: 0.1}}, "at $.args: argument names are strings, got 1"),
        ({"op": ["+"], "left": 1, "right": 2}, "at $.op: expected one of + - * / neg, got ['+']"),
        ({"op": "+", "left": {1, 2}, "right": 2}, "at $.left: expected a schedule, got set"),
        (
            {"slice": "Cosine(0.1, 0, 9)", "start": [1]},
            "at $.start: expected a step count, got [1]",
        ),
        ({("a",): 1}, "at $: not a schedule dict (keys [\"('a',)\"])"),
    ],
)
def test_odd_values_in_a_dict_form(data, message):
    with bounded(), pytest.raises(ConfigError) as caught:
        lrspec.from_dict(data)
    assert caught.value.message == message


@pytest.mark.parametrize(
    "steps", [[[1, 2], [3]], [1, [2]], [[1], 2.5], [np.arange(3), [1]], [{"a": 1}]]
)
def test_a_ragged_list_of_steps(steps):
    with bounded(), pytest.raises(EvaluationError) as caught:
        lrspec.parse("Cosine(0.1, 0, 100)")(steps)
    assert caught.value.message.startswith("steps must be numbers")


# -- hangs and runaway memory ------------------------------------------------------------------


def test_a_dict_form_with_shared_references_is_counted_as_what_it_expands_to():
    # Exponential time: 16 levels took about 28 s.
    shared: object = {"family": "Cosine", "args": {"initial": 0.1, "final": 0.0, "steps": 100}}
    for _ in range(16):
        shared = {"op": "+", "left": shared, "right": shared}
    with bounded(1, 16), pytest.raises(LimitError) as caught:
        lrspec.from_dict(shared)
    assert caught.value.message == (
        "the dict form is too large: its values and the characters of its strings come to "
        "more than 100000 (the limit on the characters of spec text)"
    )
    # Under the bound the same form reads, as the tree it stands for.
    small = shared
    for _ in range(13):
        small = small["left"]
    assert str(lrspec.from_dict(small)).count("Cosine") == 8


def test_a_dict_sequence_of_200000_parts():
    # About 22 s.
    parts = [{"slice": {"constant": 0.1}, "stop": 1}] * 200_000
    with bounded(1, 16), pytest.raises(LimitError, match="the dict form is too large"):
        lrspec.from_dict({"sequence": parts})
    texts = ["Constant(0.1)[:1]"] * 200_000
    with bounded(1, 16), pytest.raises(LimitError, match="the dict form is too large"):
        lrspec.from_dict({"sequence": texts})
    # What the bound allows is read in time.
    with bounded(20, 256):
        s = lrspec.from_dict({"sequence": parts[:3000]})
        assert s.length == 3000 and s(2999) == 0.1


def test_nested_min_compiles_in_linear_time(monkeypatch):
    # Compiling nested min once asked every level for its parts again: cubic in the depth.
    from lrspec.families import core

    calls = {"length": 0}
    original = core.Cosine.length

    def counted(self):
        calls["length"] += 1
        return original(self)

    monkeypatch.setattr(core.Cosine, "length", counted)
    limits = lrspec.Limits(max_depth=400)
    for depth in (50, 100, 200):
        text = "min(" * depth + "Cosine(0.1, 0, 100)" + ", Cosine(0.1, 0, 50))" * depth
        s = lrspec.parse(text, limits=limits)
        calls["length"] = 0
        with bounded(5):
            assert s(10) == lrspec.parse("Cosine(0.1, 0, 50)")(10)
        assert calls["length"] <= 2 * (depth + 1), (depth, calls)


# -- smaller -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attempt", "cls", "message"),
    [
        (
            lambda: lrspec.parse("Cosine(0.1, 0, 1" + "0" * 400 + ")"),
            LimitError,
            "Cosine: 'steps' must be at most 2**53 steps, got 100000...0000 (401 digits)",
        ),
        (
            lambda: lrspec.parse("Repeat(Cosine(0.1, 0, 100), 1" + "0" * 400 + ")"),
            LimitError,
            "Repeat: 'times' must be at most 1000000 (or inf), got 100000...0000 (401 digits)",
        ),
        (
            lambda: lrspec.parse("Cosine(0.1, 0, 100)")(-(10**400)),
            EvaluationError,
            "a step must be >= 0, got -100000...0000 (401 digits)",
        ),
    ],
)
def test_error_messages_show_a_long_number_by_its_ends(attempt, cls, message):
    with bounded(), pytest.raises(cls) as caught:
        attempt()
    assert caught.value.message == message
    assert len(str(caught.value)) < 400


@pytest.mark.parametrize("version", [True, 1.0, "1", None, 2])
def test_only_the_integer_1_is_format_version_1(version):
    with bounded(), pytest.raises(ConfigError) as caught:
        lrspec.from_dict({"lrspec": version, "constant": 0.1})
    assert caught.value.message == (
        f"unsupported lrspec dict format {version!r}; this lrspec reads format 1"
    )
    assert lrspec.from_dict({"lrspec": 1, "constant": 0.1})(0) == 0.1


class _Index:
    def __index__(self):
        return 30


class _Float:
    def __float__(self):
        return 30.0


@pytest.mark.parametrize(
    "step",
    [
        30,
        30.0,
        np.int64(30),
        np.uint8(30),
        np.float32(30),
        np.array(30),
        Fraction(60, 2),
        Decimal("30"),
        _Index(),
        _Float(),
    ],
)
def test_a_step_may_be_any_real_number(step):
    s = lrspec.parse("StepLR(0.1, 30)")
    assert float(s(step)) == s(30) == 0.1 * 0.1


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (np.complex128(30), "a step must be a real number, got np.complex128(30+0j)"),
        (30j, "a step must be a real number, got 30j"),
        (np.array(30j), "steps must be numbers, got an array of complex128"),
        (np.bool_(True), "a step must be a number, got np.True_"),
        (Decimal("NaN"), "a step must be a number >= 0, got nan"),
        pytest.param(
            10**5000, "a step must be at most 2**53, got an integer of about 5001 digits", id="5000"
        ),
    ],
)
def test_a_step_that_is_no_real_number(step, message):
    with bounded(), pytest.raises(EvaluationError) as caught:
        lrspec.parse("StepLR(0.1, 30)")(step)
    assert caught.value.message == message


@pytest.mark.parametrize(
    "attempt",
    [
        lambda: lrspec.parse("Cyclic(0.1, 0.2, 10, mode=" + "a" * 90_000 + ")"),
        lambda: lrspec.from_dict({"family": "Cosine", "args": {"k" * 50_000: 1}}),
        lambda: lrspec.from_dict({"family": "C" * 50_000, "args": {}}),
        lambda: lrspec.parse("Plateau(0.1)").load_state_dict({"spec": "x" * 10**6, "count": 0}),
    ],
)
def test_error_messages_show_a_long_name_by_its_ends(attempt):
    # A config file may hold a name of 100,000 characters; the message stays short.
    with bounded(), pytest.raises(lrspec.LrspecError) as caught:
        attempt()
    assert len(caught.value.message) < 400 and len(str(caught.value)) < 800
