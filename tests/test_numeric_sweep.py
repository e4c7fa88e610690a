"""Numerical robustness: every family, with parameters drawn from the edges of its declared
ranges, gives finite values at steps from 0 to 1e15, without a NumPy warning."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lrspec
from lrspec.model.registry import families
from lrspec.model.types import Boolean, Choice, Integer, ListOf, Real, ScheduleType, Steps

# lrspec's own families and the seed systems'; each library namespace sweeps its own families
# in its own test module.
FAMILIES = {name: cls for name, cls in families().items() if "." not in name}
# Log-spaced steps up to 1e15, plus whole steps near 0 and a few odd ones.
STEPS = np.unique(
    np.concatenate(
        [
            [0.0, 0.5, 1.0, 2.0, 3.0, 7.0, 10.0, 99.5, 1e15],
            np.logspace(-3, 15, 181),
        ]
    )
)


def _edges(lo, hi, lo_open, hi_open):
    """Values at and near the ends of a range, and some in between."""
    lo = -1e6 if lo is None else lo
    hi = 1e6 if hi is None else hi
    values = [
        lo,
        hi,
        math.nextafter(lo, math.inf),
        math.nextafter(hi, -math.inf),
        (lo + hi) / 2,
        1e-300,
        1e-8,
        0.5,
        1.0,
        1e300,
    ]
    inside = [
        v
        for v in values
        if (lo < v or (v == lo and not lo_open)) and (v < hi or (v == hi and not hi_open))
    ]
    return st.one_of(
        st.sampled_from(inside), st.floats(lo, hi, exclude_min=lo_open, exclude_max=hi_open)
    )


def _argument(ptype):
    if isinstance(ptype, Real):
        return _edges(ptype.lo, ptype.hi, ptype.lo_open, ptype.hi_open).map(repr)
    if isinstance(ptype, Steps):
        low = 1e-6 if ptype.positive else 0.0  # lrspec.model.units.MIN_LENGTH
        return st.sampled_from([low, 1, 2, 3, 0.5, 1e-9, 1e6, 2**53, 1e15]).map(
            lambda v: repr(v) if isinstance(v, float) else str(v)
        )
    if isinstance(ptype, Integer):
        lo = ptype.lo if ptype.lo is not None else 0
        hi = min(ptype.hi if ptype.hi is not None else lo + 10**6, lo + 10**6)
        return st.sampled_from([lo, lo + 1, hi]).map(str)
    if isinstance(ptype, Choice):
        return st.sampled_from(ptype.options)
    if isinstance(ptype, Boolean):
        return st.sampled_from(["true", "false"])
    if isinstance(ptype, ListOf):
        return st.lists(_argument(ptype.item), max_size=4).map(
            lambda xs: "[" + ", ".join(sorted(xs, key=float) if ptype.ascending else xs) + "]"
        )
    raise TypeError(ptype)


@st.composite
def _extreme_call(draw, cls):
    args = []
    for p in cls.params:
        if isinstance(p.type, ScheduleType):
            args.append(
                "Linear(1e-300, 1e300, 1)" if not p.variadic else "Cosine(1e300, 0, 5e-324), 1e-300"
            )
        elif p.required or draw(st.booleans()):
            args.append(f"{p.name}={draw(_argument(p.type))}")
    text = f"{cls.name}({', '.join(args)})"
    if cls.name == "Warmup":
        text += " >> Constant(1e300)"
    return text


@pytest.mark.parametrize("name", sorted(FAMILIES))
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_values_are_finite_at_every_step(name, data):
    cls = FAMILIES[name]
    text = data.draw(_extreme_call(cls))
    try:
        schedule = lrspec.parse(text, total_steps=2**53, steps_per_epoch=7)
    except lrspec.LrspecError:
        return  # parameters that contradict each other (a check between them said so)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy warning may leak
        values = schedule(STEPS)
        scalars = [schedule(float(t)) for t in STEPS]
    assert np.isfinite(values).all(), (text, STEPS[~np.isfinite(values)])
    assert values.tolist() == scalars, text


def test_the_sweep_covers_every_family():
    assert len(FAMILIES) >= 37
