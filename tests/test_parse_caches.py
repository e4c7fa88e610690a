"""The parse caches (repeated texts, number templates) give exactly what the full path gives,
and every parse returns a schedule of its own."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lrspec
from lrspec import LrspecError
from lrspec.schedule import parsing

from schedule_strategies import BIND, specs

NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d+(?:\.\d*)?(?:e-?\d+)?)(%|ep)?(?![\w.])")


def _full(text):
    """The full path: Lark and the evaluator, no cache, no template."""
    return lrspec.Schedule.from_text(text, lrspec.Binding(**BIND))


def _outcome(make, text, steps=(0, 1, 5, 50, 99, 100, 101, 999, 5000)):
    try:
        s = make(text)
        return str(s), [s(t) for t in steps], s.length
    except LrspecError as error:
        return type(error).__name__, error.message, error.column


def _renumber(text: str, seed: int) -> str:
    """The same text with other numbers in it (same units), some of them invalid."""
    rng = random.Random(seed)

    def swap(match):
        unit = match.group(2) or ""
        choice = rng.choice(["0", "1", "2", "7", "0.5", "30", "250", "1e-3", "0.001", "12.75"])
        return choice + unit

    return NUMBER.sub(swap, text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs, st.integers(0, 10**6))
def test_a_text_with_new_numbers_parses_as_the_full_path_parses_it(text, seed):
    lrspec.parse(text, **BIND)  # the full path, which leaves a template behind
    other = _renumber(text, seed)
    assert _outcome(lambda t: lrspec.parse(t, **BIND), other) == _outcome(_full, other)


def test_the_template_path_is_taken(monkeypatch):
    parsing.forget()  # what earlier tests left in the caches plays no part
    lrspec.parse("Warmup(500) >> Cosine(0.1, 0.0, 10000)")
    key, numbers = parsing._cut("Warmup(501) >> Cosine(0.2, 0.0, 9000)")
    assert numbers == ["501", "0.2", "0.0", "9000"]
    assert key == (("Warmup(", ") >> Cosine(", ", ", ", ", ")"), ("", "", "", ""))
    assert parsing._templates[key] is not None

    def no_lark(text, **options):
        raise AssertionError("Lark was asked to read a text a template covers")

    monkeypatch.setattr(parsing, "parse_tree", no_lark)
    s = lrspec.parse("Warmup(501) >> Cosine(0.2, 0.0, 9000)")
    monkeypatch.undo()
    full = _full("Warmup(501) >> Cosine(0.2, 0.0, 9000)")
    assert s == full and s(600) == full(600) and str(s) == str(full)
    # The subtree whose numbers did not change is the template's own, meaning included.
    template = parsing._templates[key]
    again = lrspec.parse("Warmup(502) >> Cosine(0.1, 0.0, 10000)")
    assert again.expr.parts[1] is template.meanings[id(template.order[-1].parts[1])]


def test_texts_that_get_no_template():
    text = "Cosine(0.1, 0.0, 100)  # 100 steps"  # a number in a comment is not a leaf
    lrspec.parse(text)
    key, _ = parsing._cut(text)
    assert key in parsing._templates and parsing._templates[key] is None


def test_a_digit_in_a_string_is_not_a_number():
    for text in ('Cyclic(0.1, 1, 10, mode="x 2")', 'Cyclic(0.2, 1, 10, mode="x 2")'):
        with pytest.raises(lrspec.UnknownNameError) as caught:
            lrspec.parse(text)
        assert caught.value.column == 24 and caught.value.text == text


def test_a_template_runs_the_evaluator_and_its_checks():
    lrspec.parse("Cosine(0.1, -0.0, 100) - 0.01")  # a sign is a node of its own
    with pytest.raises(lrspec.ArgumentError, match="'steps' must be > 0, got 0"):
        lrspec.parse("Cosine(0.1, -0.0, 0) - 0.01")
    with pytest.raises(lrspec.LrspecSyntaxError, match="too large for a float"):
        lrspec.parse("Cosine(0.1, -0.0, 1e999) - 0.01")
    lrspec.parse("Warmup(10) >> Cosine(0.1, 0, 100)[10:50]")
    with pytest.raises(lrspec.CompositionError, match=r"the slice \[60:40\] is empty") as caught:
        lrspec.parse("Warmup(10) >> Cosine(0.1, 0, 100)[60:40]")
    assert caught.value.column == 14


def test_errors_from_a_template_point_at_the_new_text():
    lrspec.parse("Warmup(500) >> Cosine(0.1, 0.0, 10000)")
    with pytest.raises(lrspec.ArgumentError) as caught:
        lrspec.parse("Warmup(500) >> Cosine(0.1, 0.0, 0)")
    assert (caught.value.message, caught.value.column) == ("Cosine: 'steps' must be > 0, got 0", 32)
    spec = "Warmup(10) >> Linear(1, 0, 100%)[{}:{}]"
    lrspec.parse(spec.format("10%", "50%"), total_steps=100)
    with pytest.raises(lrspec.CompositionError) as caught:  # found when the units resolve
        lrspec.parse(spec.format("60%", "40%"), total_steps=100)
    assert caught.value.column == 14
    assert str(caught.value).splitlines()[1] == "  " + spec.format("60%", "40%")


def test_keys_cannot_collide_with_the_text():
    # Found by the atheris harness: a NUL in the text once looked like a number's marker.
    lrspec.parse("0")
    with pytest.raises(lrspec.LrspecSyntaxError, match="unexpected character"):
        lrspec.parse("\x00")


def test_repeated_texts_give_the_same_pure_schedule_and_a_fresh_stateful_one():
    first = lrspec.parse("Cosine(0.1, 0.0, 12345)")
    assert lrspec.parse("Cosine(0.1, 0.0, 12345)") is first  # pure schedules never change
    assert lrspec.parse("Cosine(0.1, 0.0, 12345)", total_steps=10) is not first
    first.load_state_dict({"spec": str(first), "count": 7, "state": None})
    assert first.state_dict()["count"] == 0  # a pure schedule holds no state to load
    stateful = lrspec.parse("Plateau(0.1, patience=0)")
    stateful.step(1.0)
    stateful.step(1.0)
    fresh = lrspec.parse("Plateau(0.1, patience=0)")
    assert fresh is not stateful and fresh.state_dict()["count"] == 0  # a fresh state
    assert fresh(0) == 0.1 and stateful(0) == 0.010000000000000002
    fresh.load_state_dict(stateful.state_dict())
    assert lrspec.parse("Plateau(0.1, patience=0)")(0) == 0.1  # loading changed no other


def test_a_boolean_size_is_not_the_cached_int():
    lrspec.parse("Cosine(0.1, 0, 10%)", total_steps=1)
    with pytest.raises(lrspec.UnitError, match="total_steps must be a positive integer, got True"):
        lrspec.parse("Cosine(0.1, 0, 10%)", total_steps=True)


def test_changing_the_default_limits_forgets_what_was_parsed():
    lrspec.parse("Cosine(0.1, 0.0, 100)")
    try:
        lrspec.set_default_limits(lrspec.Limits(max_length=10))
        with pytest.raises(lrspec.LimitError):
            lrspec.parse("Cosine(0.1, 0.0, 100)")
        with pytest.raises(lrspec.LimitError):
            lrspec.parse("Cosine(0.2, 0.0, 100)")
    finally:
        lrspec.set_default_limits(lrspec.Limits())
