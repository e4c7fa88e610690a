"""One formula, two evaluations: the math namespaces that family formulas are written against.

A family writes its formula once, as a closure over ``m`` (one of :data:`SCALAR` or
:data:`ARRAY`) using only ``+ - * /`` and the functions below. With ``SCALAR`` it runs on
Python floats (the per-step path); with ``ARRAY`` on NumPy float64 arrays (whole curves).
IEEE arithmetic gives the same bits either way, and every other function comes from one
implementation used by both namespaces, so the two paths agree bit for bit.

NumPy's ufuncs may use their own SIMD code (exp, log, power and tanh do on AVX-512 machines),
which differs from the C library's ``math`` in the last bit; and NumPy picks the SIMD or the C
library loop by the shape of the operands (``np.power`` on two scalars takes the C library's
pow, on arrays the SIMD one). So each function is used in the same form by both paths:

- ``sqrt``, ``floor`` and ``fmod`` are exact in IEEE arithmetic, so ``math`` serves scalars;
- ``cos`` comes from ``math`` where a probe at import finds it identical to NumPy's
  (NumPy's float64 cos is the C library's), else from NumPy like the others;
- the other unary functions call the NumPy ufunc on the scalar (the same loop arrays use);
- ``pow`` calls ``np.power`` on one-element arrays, and the array path gives it full
  contiguous arrays, so both take the same loop.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np


def _pick_cos() -> Callable[[float], float]:
    # SIMD versions of cos differ from the C library on a good fraction of inputs, so a
    # thousand spread-out probes tell them apart.
    probe = np.concatenate([np.linspace(0.0, 4 * math.pi, 700), np.geomspace(1e-8, 1e6, 300)])
    expected = np.cos(probe).tolist()
    if all(math.cos(x) == e for x, e in zip(probe.tolist(), expected)):
        return math.cos
    return _on_scalar(np.cos)


def _on_scalar(ufunc: np.ufunc) -> Callable[[float], float]:
    """A unary NumPy ufunc applied to a Python float, returning a Python float."""
    return lambda x: float(ufunc(x))


def _scalar_power(base: float, exponent: float) -> float:
    return float(np.power(np.array([base], dtype=float), np.array([exponent], dtype=float))[0])


def _array_power(base: Any, exponent: Any) -> np.ndarray:
    bases, exponents = np.broadcast_arrays(
        np.atleast_1d(np.asarray(base, dtype=float)),
        np.atleast_1d(np.asarray(exponent, dtype=float)),
    )
    powers: np.ndarray = np.power(np.ascontiguousarray(bases), np.ascontiguousarray(exponents))
    return powers


def _scalar_where(condition: Any, if_true: Any, if_false: Any) -> Any:
    return if_true if condition else if_false


def _scalar_minimum(a: float, b: float) -> float:
    return a if a < b else b


def _scalar_maximum(a: float, b: float) -> float:
    return a if a > b else b


def _scalar_floor(x: float) -> float:
    # Floor division by 1.0 is floor() as a float, exactly like np.floor (and faster), for
    # every float below 2**52; from there on every float is whole (inf // 1.0 would be nan).
    return x // 1.0 if -4503599627370496.0 < x < 4503599627370496.0 else x


#: Functions for the per-step path (Python floats in, Python floats out).
SCALAR = SimpleNamespace(
    cos=_pick_cos(),
    exp=_on_scalar(np.exp),
    log=_on_scalar(np.log),
    log1p=_on_scalar(np.log1p),
    tanh=_on_scalar(np.tanh),
    sqrt=math.sqrt,  # correctly rounded everywhere, exactly like np.sqrt
    pow=_scalar_power,
    floor=_scalar_floor,
    fmod=math.fmod,  # exact in IEEE arithmetic, exactly like np.fmod
    minimum=_scalar_minimum,
    maximum=_scalar_maximum,
    where=_scalar_where,
    pi=math.pi,
)

#: The same functions for NumPy float64 arrays.
ARRAY = SimpleNamespace(
    cos=np.cos,
    exp=np.exp,
    log=np.log,
    log1p=np.log1p,
    tanh=np.tanh,
    sqrt=np.sqrt,
    pow=_array_power,
    floor=np.floor,
    fmod=np.fmod,
    minimum=np.minimum,
    maximum=np.maximum,
    where=np.where,
    pi=math.pi,
)


def traced_namespace(xp: Any, **overrides: Any) -> SimpleNamespace:
    """The math namespace for a traced evaluation with a NumPy-like array module ``xp``
    (``numpy``, ``jax.numpy``): the functions formulas use, plus what tables need
    (``full_like``, ``asarray``, ``take``, ``searchsorted``, ``to_index``)."""
    names = dict(
        cos="cos",
        exp="exp",
        log="log",
        log1p="log1p",
        tanh="tanh",
        sqrt="sqrt",
        pow="power",
        floor="floor",
        fmod="fmod",
        minimum="minimum",
        maximum="maximum",
        where="where",
        full_like="full_like",
        asarray="asarray",
        take="take",
        searchsorted="searchsorted",
    )
    functions = {
        name: getattr(xp, attribute) for name, attribute in names.items() if name not in overrides
    }
    functions.update(pi=math.pi, to_index=lambda x: x.astype(int))
    functions.update(overrides)
    return SimpleNamespace(**functions)


# -- the C library's functions, where a library computes with them ---------------------------
#
# NumPy's vectorized loops differ from the C library in the last bit on some arguments, while
# Python's ``float ** float``, ``math.tanh`` and ``math.log`` (what timm, Keras's float64
# formula, Hugging Face and XLA's pow compute with) are the C library's. Families that must give
# a library's values bit for bit use these instead of ``m.pow``, ``m.tanh`` and ``m.log``; the
# scalar and array paths both call the C library, so they agree with each other too.


def _c_pow(base: float, exponent: float) -> float:
    try:
        return math.pow(base, exponent)
    except OverflowError:
        return math.inf
    except (ValueError, ZeroDivisionError):
        return math.nan


_C_SCALAR: dict[str, Callable[..., float]] = {"pow": _c_pow, "tanh": math.tanh}
_C_ARRAY = {name: np.frompyfunc(f, 2 if name == "pow" else 1, 1) for name, f in _C_SCALAR.items()}


def libm(m: Any, name: str) -> Callable[..., Any]:
    """``pow`` or ``tanh`` as the C library computes them (Python's ``float ** float``,
    ``math.tanh``: what timm and Keras's float64 formula use), for the math namespace ``m``.

    NumPy's vectorized loops differ from the C library in the last bit on some arguments; the
    scalar and array paths both call the C library here, so they agree with each other and
    with the library bit for bit. A traced namespace uses its own function."""
    if m is SCALAR:
        return _C_SCALAR[name]
    if m is ARRAY:
        vector = _C_ARRAY[name]
        return lambda *args: np.asarray(vector(*args), dtype=float)
    own: Callable[..., Any] = getattr(m, name)
    return own


def floor_log(m: Any, base: float) -> Callable[[Any], Any]:
    """``x -> floor(log(x) / log(base))`` with CPython's ``math.log`` (the C library's log),
    as Keras's float64 formula and timm's ``math.floor(math.log(x, base))`` compute it.

    Where ``log(x) / log(base)`` is (nearly) a whole number, a last-bit difference between
    two implementations of ``log`` moves the floor by one; NumPy's vectorized ``log`` differs
    from the C library's in the last bit on some inputs. So the scalar path uses ``math.log``,
    and the array path recomputes with ``math.log`` every element whose ratio lies within
    1e-9 (relative) of a whole number: both paths then give the library's cycle index, bit
    for bit. A traced namespace computes with its own ``log``.
    """
    log_base = math.log(base)
    log, floor = math.log, math.floor
    if m is SCALAR:

        def scalar(x: float) -> float:
            return float(floor(log(x) / log_base))

        return scalar
    if m is ARRAY:

        def array(x: Any) -> np.ndarray:
            values = np.asarray(x, dtype=float)
            ratio = np.log(values) / log_base
            index: np.ndarray = np.floor(ratio)
            near = np.abs(ratio - np.rint(ratio)) <= 1e-9 * np.maximum(np.abs(ratio), 1.0)
            if near.any():
                where = np.flatnonzero(near)
                index[where] = [floor(log(v) / log_base) for v in values[where].tolist()]
            return index

        return array
    m_floor, m_log = m.floor, m.log

    def traced(x: Any) -> Any:
        return m_floor(m_log(x) / log_base)

    return traced


def floor_divide(m: Any, divisor: float) -> Callable[[Any], Any]:
    """``t -> t // divisor`` as Python computes it for floats t >= 0, divisor > 0: the
    quotient of ``t - fmod(t, divisor)``, floored, and rounded up when more than half a unit
    below (``1 // 0.1`` is 9.0, not floor(1 / 0.1) = 10.0)."""
    fmod, floor, where = m.fmod, m.floor, m.where

    def divide(t: Any) -> Any:
        quotient = (t - fmod(t, divisor)) / divisor
        whole = floor(quotient)
        return where(quotient - whole > 0.5, whole + 1.0, whole)

    return divide
