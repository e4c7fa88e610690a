"""The laws of LANGUAGE.md section 5, for schedules generated from the registry.

- ``parse(str(s)) == s``, with the same hash, the same canonical text and the same values
  bit for bit; printing is a fixed point;
- ``from_dict(to_dict(s)) == s`` through ``json.dumps``/``json.loads``;
- ``s(array)`` equals the scalar path bit for bit;
- ``repr(s)`` rebuilds ``s``; pickle and deepcopy round-trip.
"""

from __future__ import annotations

import copy
import json
import pickle
import struct

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lrspec
from lrspec import LrspecError

from schedule_strategies import BIND, specs, steps

LAWS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _parse(text: str) -> lrspec.Schedule:
    return lrspec.parse(text, **BIND)


def _bits(value: float) -> bytes:
    return struct.pack("<d", value)


def _outcome(s: lrspec.Schedule, t):
    """The value at ``t`` as bits, or the error it raises."""
    try:
        return _bits(s(t))
    except LrspecError as error:
        return ("error", type(error).__name__, error.message)


def _same_values(a: lrspec.Schedule, b: lrspec.Schedule, ts) -> None:
    for t in ts:
        assert _outcome(a, t) == _outcome(b, t), t


@LAWS
@given(specs, st.lists(steps, min_size=1, max_size=12))
def test_parse_of_str_is_the_schedule(text, ts):
    s = _parse(text)
    again = _parse(str(s))
    assert again == s and hash(again) == hash(s)
    assert str(again) == str(s)  # the canonical form is a fixed point
    _same_values(s, again, ts)
    # The length is part of the meaning too.
    assert again.length == s.length


@LAWS
@given(specs, st.lists(steps, min_size=1, max_size=12))
def test_dict_form_round_trips_through_json(text, ts):
    s = _parse(text)
    data = json.loads(json.dumps(s.to_dict(), allow_nan=False))
    assert data["lrspec"] == 1
    back = lrspec.from_dict(data)
    assert back == s
    _same_values(s, back, ts)


@LAWS
@given(specs, st.lists(steps, min_size=1, max_size=40))
def test_array_path_equals_scalar_path_bit_for_bit(text, ts):
    s = _parse(text)
    scalar = [_outcome(s, t) for t in ts]
    if any(isinstance(o, tuple) for o in scalar):
        # A schedule that cannot give a value at some step fails as a whole array too.
        try:
            s(np.array(ts, dtype=float))
        except LrspecError:
            return
        raise AssertionError("the array path gave values where the scalar path failed")
    for order in (np.array(ts, dtype=float), np.sort(np.array(ts, dtype=float))):
        values = s(order)
        assert [_bits(v) for v in values.tolist()] == [_outcome(s, float(t)) for t in order]
    # Integer steps, as np.arange gives them, and a 2-D shape.
    ints = np.array([int(t) for t in ts if t < 2**62], dtype=np.int64)
    assert [_bits(v) for v in s(ints).tolist()] == [_outcome(s, int(t)) for t in ints]
    grid = np.array(ts[: len(ts) // 2 * 2], dtype=float).reshape(-1, 2)
    assert s(grid).shape == grid.shape


@LAWS
@given(specs)
def test_repr_pickle_and_deepcopy_rebuild(text):
    s = _parse(text)
    assert eval(repr(s), {"lrspec": lrspec}) == s  # repr is a Python expression
    assert pickle.loads(pickle.dumps(s)) == s
    assert copy.deepcopy(s) == s


@LAWS
@given(specs, specs)
def test_equality_is_canonical_text_and_binding(a, b):
    sa, sb = _parse(a), _parse(b)
    assert (sa == sb) == (str(sa) == str(sb))
    if sa == sb:
        assert hash(sa) == hash(sb)


def test_structural_equality_examples():
    assert lrspec.parse("Cosine(0.1, 0.0, 10000)") == lrspec.parse(
        "Cosine(initial=0.1, final=0, steps=10000)"
    )
    assert lrspec.parse("MultiStepLR(0.1;1,3,5;0.1)") == lrspec.parse(
        "MultiStepLR(0.1, [1, 3, 5], 0.1)"
    )
    assert lrspec.parse("StepLR(0.1, 30, 0.1)") == lrspec.parse("StepLR(0.1, 30)")
    assert str(lrspec.parse("StepLR(0.1, 30, 0.1)")) == "StepLR(0.1, 30)"  # defaults left out
    assert str(lrspec.parse("Polynomial(0.1, 0, 50, power=2)")) == (
        "Polynomial(0.1, 0.0, 50, power=2.0)"
    )  # a float parameter holds a float
    assert str(lrspec.parse("Cosine(0.1, 0, 1e4)")) == "Cosine(0.1, 0.0, 10000)"  # steps: int
    assert str(lrspec.parse("Warmup(5%) >> Cosine(3e-4, 3e-5, 95%)")) == (
        "Warmup(5%) >> Cosine(0.0003, 3e-05, 95%)"
    )  # units print as written
    assert lrspec.parse("(Warmup(5) >> Constant(1)[:5]) >> Constant(2)") == lrspec.parse(
        "Warmup(5) >> (Constant(1)[:5] >> Constant(2))"
    )  # >> is associative
    assert lrspec.parse("Cosine(0.1, 0, 10)") != lrspec.parse("Cosine(0.1, 0, 11)")


def test_binding_takes_part_in_equality_only_where_units_are_used():
    plain = lrspec.parse("Cosine(0.1, 0, 100)")
    assert plain == lrspec.parse("Cosine(0.1, 0, 100)", total_steps=5)
    units = lrspec.parse("Cosine(0.1, 0, 50%)")
    assert units != units.bind(total_steps=200)
    assert units.bind(total_steps=200) == lrspec.parse("Cosine(0.1, 0, 50%)", total_steps=200)
    assert units.bind(total_steps=200) != units.bind(total_steps=400)
    assert units.bind(total_steps=200)(50) == lrspec.parse("Cosine(0.1, 0, 100)")(50)


@LAWS
@given(specs, st.lists(steps, min_size=1, max_size=20))
def test_traced_form_agrees_with_the_scalar_path(text, ts):
    # The branch-free form that jax.jit and Keras trace, run here with NumPy itself.
    from lrspec.compute.math_namespaces import traced_namespace

    s = _parse(text)
    scalar = [_outcome(s, t) for t in ts]
    if s.stateful or any(isinstance(o, tuple) for o in scalar):
        return  # stateful schedules are not traced; failing arithmetic gives inf/nan there
    with np.errstate(all="ignore"):  # unpicked pieces may overflow; where() discards them
        traced = s.traced(traced_namespace(np))(np.array(ts, dtype=float))
    want = np.array([struct.unpack("<d", o)[0] for o in scalar])
    assert np.allclose(traced, want, rtol=1e-12, atol=0), (traced, want)
