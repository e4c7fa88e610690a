"""The two math namespaces agree bit for bit, element by element (see lrspec/compute/math_namespaces.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lrspec.compute.math_namespaces import ARRAY, SCALAR

RNG = np.random.default_rng(20261122)
SPECIAL = [0.0, 0.5, 1.0, 2.0, 3.0, 10.0, 1e-300, 5e-324, 1e15, 2.0**52 - 0.5, 2.0**53, 1e300]
POSITIVE = np.concatenate(
    [
        RNG.uniform(0, 100, 20_000),
        RNG.lognormal(0, 20, 5_000),
        np.arange(0, 200, dtype=float),
        np.array(SPECIAL),
    ]
)
UNARY = {
    "cos": POSITIVE,
    "exp": np.concatenate([RNG.uniform(-745, 709, 20_000), -POSITIVE[POSITIVE < 700]]),
    "log": POSITIVE[POSITIVE > 0],
    "log1p": POSITIVE,
    "tanh": RNG.uniform(-20, 20, 20_000),
    "sqrt": POSITIVE,
    "floor": np.concatenate([POSITIVE, -POSITIVE, [math.inf, -math.inf]]),
}


def _bits(values) -> list[int]:
    return np.asarray(values, dtype=np.float64).view(np.int64).tolist()


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_functions(name):
    x = UNARY[name]
    scalar, array = getattr(SCALAR, name), getattr(ARRAY, name)
    assert _bits(array(x)) == _bits([scalar(v) for v in x.tolist()])


@pytest.mark.parametrize("shape", ["base-scalar", "exponent-scalar", "both-arrays"])
def test_power_whatever_the_shapes(shape):
    # np.power takes different loops for scalars and arrays; lrspec's pow must not.
    bases = np.concatenate([RNG.uniform(0, 1, 3000), [0.1, 0.5, 0.9, 0.99, 1.0, 0.0]])
    exponents = np.concatenate([np.arange(0, 60, dtype=float), RNG.uniform(0, 50, 3000)])
    if shape == "base-scalar":
        for base in (0.1, 0.5, 0.95, 0.0, 1.0):
            got = ARRAY.pow(base, exponents)
            assert _bits(got) == _bits([SCALAR.pow(base, e) for e in exponents.tolist()])
    elif shape == "exponent-scalar":
        for exponent in (0.0, 0.5, 1.0, 2.0, 3.0, 1.5, -0.5):
            got = ARRAY.pow(bases[bases > 0], exponent)
            want = [SCALAR.pow(b, exponent) for b in bases[bases > 0].tolist()]
            assert _bits(got) == _bits(want)
    else:
        e = exponents[: bases.size]
        got = ARRAY.pow(bases, e)
        assert _bits(got) == _bits([SCALAR.pow(b, x) for b, x in zip(bases.tolist(), e.tolist())])


def test_the_remaining_functions():
    a, b = RNG.uniform(0, 10, 5000), RNG.uniform(0, 10, 5000)
    for name in ("minimum", "maximum", "fmod"):
        got = getattr(ARRAY, name)(a, b)
        want = [getattr(SCALAR, name)(x, y) for x, y in zip(a.tolist(), b.tolist())]
        assert _bits(got) == _bits(want), name
    condition = a < b
    assert _bits(ARRAY.where(condition, a, b)) == _bits(
        [SCALAR.where(c, x, y) for c, x, y in zip(condition.tolist(), a.tolist(), b.tolist())]
    )
    assert SCALAR.pi == ARRAY.pi == math.pi


def test_scalar_functions_return_python_floats():
    for name in ("cos", "exp", "log", "log1p", "tanh", "sqrt", "floor"):
        assert type(getattr(SCALAR, name)(0.5)) is float, name
    assert type(SCALAR.pow(0.5, 2.0)) is float
