"""Nothing but LrspecError ever escapes the parser (nor the evaluator): arbitrary text and
mutated valid specs."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lrspec
from lrspec import LrspecError, parse_tree, unparse
from lrspec.schedule import parsing

from conftest import conformance_traces, data_lines


@pytest.fixture(autouse=True, scope="module")
def _forget_what_was_parsed():
    """Leave the parse caches as empty as this module found them: the many texts parsed here
    would otherwise decide which template a later test's text is made from."""
    yield
    parsing.forget()


VALID = sorted({*data_lines("language_examples.txt"), *(t["spec"] for t in conformance_traces())})

# Characters that matter to the grammar, so that mutations hit interesting states often.
GRAMMAR_CHARS = "()[],;=.:%+-*/>#'\"\\ \n\t0123456789eE_abcinfptruTF"


def _parse_or_lrspec_error(text: str) -> None:
    try:
        tree = parse_tree(text)
    except LrspecError as error:
        _check_error(error, text)
        return
    # Whatever parses prints back to text that parses to the same tree.
    assert parse_tree(unparse(tree)) == tree
    # And evaluating it (binding sizes for any units) fails only with an LrspecError.
    try:
        schedule = lrspec.parse(text, total_steps=1000, steps_per_epoch=10)
    except LrspecError as error:
        _check_error(error, text)
        return
    _check_schedule(schedule)


STEPS = (0, 1, 10.5, 999, 10**6, 2**53)


def _check_schedule(schedule: lrspec.Schedule) -> None:
    """A schedule that parsed: its canonical text and its dict form read back to it, and the
    per-step and array paths agree (on a value, or on the error)."""
    sizes = {"total_steps": 1000, "steps_per_epoch": 10}
    assert lrspec.parse(str(schedule), **sizes) == schedule
    assert lrspec.from_dict(schedule.to_dict(), **sizes) == schedule
    scalars = []
    for t in STEPS:
        try:
            scalars.append(schedule(t))
        except LrspecError as error:
            _check_error(error, str(schedule))
            scalars.append(type(error))
    try:
        array = schedule(np.array(STEPS, dtype=float)).tolist()
    except LrspecError as error:
        assert type(error) in scalars or error.detail("needs_step") is None
        return
    assert array == scalars
    assert all(math.isfinite(v) for v in array)


def _check_error(error: LrspecError, text: str) -> None:
    # The error renders, and its position lies within (or just past) the text.
    assert str(error).startswith("lrspec: ")
    if error.span is not None and error.text is not None:
        assert 0 <= error.span[0] <= len(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_text(text):
    _parse_or_lrspec_error(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=GRAMMAR_CHARS, max_size=120))
def test_text_made_of_grammar_characters(text):
    _parse_or_lrspec_error(text)


@st.composite
def mutated_specs(draw):
    text = draw(st.sampled_from(VALID))
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "swap"]))
        if kind == "delete":
            end = draw(st.integers(pos, min(len(text), pos + 5)))
            text = text[:pos] + text[end:]
        elif kind == "insert":
            text = (
                text[:pos]
                + draw(st.text(alphabet=GRAMMAR_CHARS, min_size=1, max_size=3))
                + text[pos:]
            )
        elif kind == "replace" and pos < len(text):
            text = text[:pos] + draw(st.sampled_from(GRAMMAR_CHARS)) + text[pos + 1 :]
        elif kind == "duplicate":
            end = draw(st.integers(pos, min(len(text), pos + 10)))
            text = text[:end] + text[pos:end] + text[end:]
        elif kind == "swap" and pos + 1 < len(text):
            text = text[:pos] + text[pos + 1] + text[pos] + text[pos + 2 :]
    return text


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_specs())
def test_mutated_valid_specs(text):
    _parse_or_lrspec_error(text)


# Digits of other scripts, and numbers grown far past the floats, in valid specs.
_ODD_NUMBERS = st.sampled_from(
    ["１", "٣", "۵", "७", "0" * 400, "9" * 60, "e999", "_", ".", "e-999"]
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(VALID), st.data())
def test_specs_with_odd_numbers(text, data):
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if not digits:
        return
    pos = data.draw(st.sampled_from(digits))
    text = text[: pos + 1] + data.draw(_ODD_NUMBERS) + text[pos + 1 :]
    _parse_or_lrspec_error(data.draw(st.sampled_from(VALID)))  # a template of this shape?
    _parse_or_lrspec_error(text)


# -- the dict form -----------------------------------------------------------------------------

_KEYS = st.sampled_from(
    [
        "family",
        "args",
        "sequence",
        "op",
        "left",
        "right",
        "operand",
        "slice",
        "start",
        "stop",
        "constant",
        "lrspec",
        "bind",
        "total_steps",
        "initial",
        "final",
        "steps",
        "schedule",
        "times",
        "lr",
        "milestones",
        "gamma",
        "mode",
        "start",
        "x",
    ]
)
_NAMES = st.sampled_from(
    [
        "Cosine",
        "Linear",
        "Warmup",
        "Repeat",
        "min",
        "max",
        "Constant",
        "MultiStepLR",
        "Plateau",
        "StepLR",
        "Cyclic",
        "+",
        "-",
        "*",
        "/",
        "neg",
        "Cosin",
    ]
)
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**60), 2**60),
    st.sampled_from([0, 1, 100, 2**53, 2**53 + 1, 10**400, 0.5, 1e-7, 1e300]),
    st.floats(),
    _NAMES,
    st.sampled_from(["5%", "10ep", "inf", "-inf", "１００", "Cosine(0.1, 0, 10)", "(", "1e999"]),
    st.text(max_size=8),
)
_JSON = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(_KEYS, inner, max_size=4),
        st.builds(
            lambda name, args: {"family": name, "args": args},
            _NAMES,
            st.dictionaries(_KEYS, inner, max_size=3) | st.lists(inner, max_size=3),
        ),
    ),
    max_leaves=25,
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JSON)
def test_arbitrary_dict_forms(data):
    """Nothing but an LrspecError escapes reading a dict form; what reads is a schedule whose
    canonical text and dict form read back."""
    try:
        schedule = lrspec.from_dict(data, total_steps=1000, steps_per_epoch=10)
    except LrspecError as error:
        assert str(error).startswith("lrspec: ")
        return
    _check_schedule(schedule)


def _dict_forms() -> list[dict]:
    forms = []
    for text in VALID:
        try:
            forms.append(lrspec.parse(text).to_dict())
        except LrspecError:
            pass
    return forms


DICT_FORMS = _dict_forms()


def _places(value, path=(), seen=None):
    """Every place inside a JSON value, as a path of keys and indexes (each container once:
    a mutation may have made it hold itself)."""
    seen = set() if seen is None else seen
    yield path
    if isinstance(value, (dict, list)) and id(value) not in seen:
        seen.add(id(value))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            yield from _places(item, (*path, key), seen)


@st.composite
def mutated_dict_forms(draw):
    data = copy.deepcopy(draw(st.sampled_from(DICT_FORMS)))
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        places = [p for p in _places(data) if p]
        if not places:
            break
        path = draw(st.sampled_from(places))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        kind = draw(st.sampled_from(["leaf", "subtree", "subtree", "share", "delete", "wrap"]))
        if kind == "leaf":
            parent[path[-1]] = draw(_LEAVES)
        elif kind == "subtree":
            other = draw(st.sampled_from(DICT_FORMS))
            parent[path[-1]] = copy.deepcopy({k: v for k, v in other.items() if k != "lrspec"})
        elif kind == "share":  # the same object twice: counted as what it expands to
            parent[path[-1]] = data if draw(st.booleans()) else parent
        elif kind == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = {"op": "neg", "operand": parent[path[-1]]}
    return data


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_dict_forms())
def test_mutated_dict_forms(data):
    try:
        schedule = lrspec.from_dict(data, total_steps=1000, steps_per_epoch=10)
    except LrspecError as error:
        assert str(error).startswith("lrspec: ")
        return
    _check_schedule(schedule)
