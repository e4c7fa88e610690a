"""The real Keras learning-rate schedules, for tests of lrspec's ``keras.`` namespace.

Test-side only: this module does not import lrspec. A *call structure* is
``(name, kwargs)`` with ``name`` a class of ``keras.optimizers.schedules`` and ``kwargs`` its
arguments in Keras's own words, e.g.
``("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 20, "t_mul": 2.0})``.

- :func:`keras_values` (or :func:`values` on a call structure) gives, for t = 0..n, the real
  Keras value ``schedule(t)`` (float32, as Keras computes it) and a float64 transcription of
  Keras's formula, op for op (:func:`keras_formula`);
- :func:`keras_tolerance` is how far the float32 value may be from the float64 one, and
  :func:`keras_boundary` says at which steps float32 Keras is no reference at all;
- :func:`keras_text` (or :func:`text`) writes the structure as lrspec text,
  ``keras.Name(arg=value, ...)``;
- ``STRATEGIES`` maps each name to a hypothesis strategy of call structures from Keras's
  valid domain.

Value convention: value(t) = ``schedule(t)`` for an integer step t, which is what a Keras
optimizer passes (its ``iterations`` counter, 0 on the first update). Keras computes in the
dtype of ``initial_learning_rate`` (float32 for a Python float; an *int* initial rate makes
Keras compute in int32, so the strategies and :func:`keras_text` always use floats).
"""

from __future__ import annotations

import bisect
import functools
import math
import os

from hypothesis import strategies as st

REQUIRED = object()

# Positional order, names and defaults exactly as Keras 3.15.1 declares them.
SIGNATURES = {
    "ExponentialDecay": (
        ("initial_learning_rate", REQUIRED),
        ("decay_steps", REQUIRED),
        ("decay_rate", REQUIRED),
        ("staircase", False),
        ("name", "ExponentialDecay"),
    ),
    "PiecewiseConstantDecay": (
        ("boundaries", REQUIRED),
        ("values", REQUIRED),
        ("name", "PiecewiseConstant"),
    ),
    "PolynomialDecay": (
        ("initial_learning_rate", REQUIRED),
        ("decay_steps", REQUIRED),
        ("end_learning_rate", 0.0001),
        ("power", 1.0),
        ("cycle", False),
        ("name", "PolynomialDecay"),
    ),
    "InverseTimeDecay": (
        ("initial_learning_rate", REQUIRED),
        ("decay_steps", REQUIRED),
        ("decay_rate", REQUIRED),
        ("staircase", False),
        ("name", "InverseTimeDecay"),
    ),
    "CosineDecay": (
        ("initial_learning_rate", REQUIRED),
        ("decay_steps", REQUIRED),
        ("alpha", 0.0),
        ("name", "CosineDecay"),
        ("warmup_target", None),
        ("warmup_steps", 0),
    ),
    "CosineDecayRestarts": (
        ("initial_learning_rate", REQUIRED),
        ("first_decay_steps", REQUIRED),
        ("t_mul", 2.0),
        ("m_mul", 1.0),
        ("alpha", 0.0),
        ("name", "SGDRDecay"),
    ),
}
NAMES = tuple(SIGNATURES)


def _complete(name: str, kwargs: dict) -> dict:
    sig = SIGNATURES[name]
    unknown = set(kwargs) - {p for p, _ in sig}
    if unknown:
        raise TypeError(f"{name} has no parameter {sorted(unknown)}")
    out = {}
    for param, default in sig:
        if param in kwargs:
            out[param] = kwargs[param]
        elif default is REQUIRED:
            raise TypeError(f"{name} needs {param}")
        else:
            out[param] = default
    return out


# -- the float64 transcription ---------------------------------------------------------------


def keras_formula(name: str, kwargs: dict, t: float) -> float:
    """Keras's formula at step t, operation for operation as Keras writes it, in float64."""
    kw = _complete(name, kwargs)
    t = float(t)
    if name == "ExponentialDecay":
        p = t / kw["decay_steps"]
        if kw["staircase"]:
            p = math.floor(p)
        return kw["initial_learning_rate"] * kw["decay_rate"] ** p
    if name == "PiecewiseConstantDecay":
        # Keras sums masked values: v0 where t <= b0, v[i] where b[i-1] < t <= b[i], v[-1]
        # where t > b[-1]. A step AT a boundary keeps the earlier value.
        b = [float(x) for x in kw["boundaries"]]
        v = [float(x) for x in kw["values"]]
        result = 0.0
        result += float(t <= b[0]) * v[0]
        result += float(t > b[-1]) * v[-1]
        for low, high, value in zip(b[:-1], b[1:], v[1:-1]):
            result += float(low < t <= high) * value
        return result
    if name == "PolynomialDecay":
        init, end = kw["initial_learning_rate"], kw["end_learning_rate"]
        decay_steps = float(kw["decay_steps"])
        if kw["cycle"]:
            # the first multiple of decay_steps that is >= t (1 at t = 0)
            multiplier = 1.0 if t == 0 else math.ceil(t / kw["decay_steps"])
            decay_steps = decay_steps * multiplier
        else:
            t = min(t, decay_steps)
        p = t / decay_steps
        return (init - end) * (1 - p) ** kw["power"] + end
    if name == "InverseTimeDecay":
        p = t / kw["decay_steps"]
        if kw["staircase"]:
            p = math.floor(p)
        return kw["initial_learning_rate"] / (1 + kw["decay_rate"] * p)
    if name == "CosineDecay":
        init, decay_steps, alpha = (
            kw["initial_learning_rate"],
            float(kw["decay_steps"]),
            kw["alpha"],
        )

        def decay(step, decay_from):
            fraction = step / decay_steps
            cosine = 0.5 * (1.0 + math.cos(math.pi * fraction))
            return decay_from * ((1 - alpha) * cosine + alpha)

        if kw["warmup_target"] is None:
            return decay(min(t, decay_steps), init)
        target, warmup_steps = kw["warmup_target"], float(kw["warmup_steps"])
        s = min(t, decay_steps + warmup_steps)
        if s < warmup_steps:
            return (target - init) * (s / warmup_steps) + init
        # decay_steps does not include the warmup; with warmup_steps=0 the decay starts from
        # warmup_target, not from initial_learning_rate.
        return decay(s - warmup_steps, target)
    if name == "CosineDecayRestarts":
        init, first = kw["initial_learning_rate"], float(kw["first_decay_steps"])
        t_mul, m_mul, alpha = float(kw["t_mul"]), float(kw["m_mul"]), float(kw["alpha"])
        fraction = t / first
        if t_mul == 1.0:
            i = math.floor(fraction)
            fraction -= i
        else:
            # Keras finds the cycle from a logarithm: at some exact cycle starts it lands one
            # cycle early (fraction 1.0 of the previous cycle); this transcription does too.
            i = math.floor(math.log(1.0 - fraction * (1.0 - t_mul)) / math.log(t_mul))
            sum_r = (1.0 - t_mul**i) / (1.0 - t_mul)
            fraction = (fraction - sum_r) / t_mul**i
        cosine = 0.5 * m_mul**i * (1.0 + math.cos(math.pi * fraction))
        return init * ((1 - alpha) * cosine + alpha)
    raise KeyError(name)


EPS32 = 2.0**-23


def keras_tolerance(name: str, kwargs: dict, t: float) -> float:
    """The largest |Keras float32 value - keras_formula value| that float32 rounding explains.

    Keras rounds every argument and t to float32 (relative error 2**-24 each) and every
    operation again; the error this leaves is ``atol + rtol * |value|`` with EPS32 = 2**-23:

    - rtol = 16 EPS32, times (1 + p + |p log(decay_rate)|) for ExponentialDecay (a rounded
      decay_rate raised to the power p = t / decay_steps, p itself rounded) and times
      (1 + number of cycles) for CosineDecayRestarts (m_mul ** i);
    - atol = 16 EPS32 * scale, the scale being the largest rate the schedule takes, times
      (1 + sqrt(decay_steps * max(1, t / decay_steps))) for PolynomialDecay with power < 1
      ((1 - p) ** power is steep where 1 - p is small); 4 EPS32 * max|values| for
      PiecewiseConstantDecay (a value only rounded to float32).
    """
    kw = _complete(name, kwargs)
    value = abs(keras_formula(name, kw, t))
    if name == "PiecewiseConstantDecay":
        return 4 * EPS32 * max(abs(float(v)) for v in kw["values"])
    scale = abs(float(kw["initial_learning_rate"]))
    rtol = 16 * EPS32
    if name == "ExponentialDecay":
        p = t / kw["decay_steps"]
        rate = kw["decay_rate"]
        rtol *= 1 + p + (abs(p * math.log(rate)) if rate > 0 else 0.0)
        scale = max(scale, value)
    elif name == "PolynomialDecay":
        scale = max(scale, abs(kw["end_learning_rate"]))
        if kw["power"] < 1:
            scale *= 1 + math.sqrt(kw["decay_steps"] * max(1.0, t / kw["decay_steps"]))
    elif name == "CosineDecay":
        if kw["warmup_target"] is not None:
            scale = max(scale, abs(kw["warmup_target"]))
    elif name == "CosineDecayRestarts":
        t_mul = max(float(kw["t_mul"]), 1.0)
        fraction = t / kw["first_decay_steps"]
        cycles = (
            math.log(1 + fraction * (t_mul - 1)) / math.log(t_mul) if t_mul > 1 else fraction
        ) + 1
        rtol *= 1 + cycles
        scale *= max(1.0, abs(float(kw["m_mul"]))) ** cycles
    return 16 * EPS32 * scale + rtol * value


def keras_boundary(name: str, kwargs: dict, t: int) -> bool:
    """True at the steps where the real float32 Keras is not a well-defined reference: where a
    floor or ceil of the schedule has an exact integer argument, so Keras's float32 may land
    one stair or cycle off, differently in eager scalar calls and in compiled (array, jit)
    calls, which is how an optimizer runs under model.fit.

    - ExponentialDecay / InverseTimeDecay with staircase=True, PolynomialDecay with
      cycle=True, CosineDecayRestarts with t_mul=1: t > 0 an exact multiple of decay_steps /
      first_decay_steps (XLA divides by a constant as a multiplication by its rounded
      reciprocal: PolynomialDecay(1.0, 7, 0.0, cycle=True) gives 0.25 instead of 0.0 at
      t=21 when compiled, 0.0 when called eagerly on a scalar);
    - CosineDecayRestarts with t_mul != 1: t at a start of a cycle n >= 1 (within 1e-5
      steps per step: a t_mul such as 1.3 is not exact in binary, but the cycle still starts
      at a whole step to float32 precision), where the cycle index
      floor(log(1 - f (1 - t_mul)) / log(t_mul)) can land one cycle early, in float32
      (compiled: t_mul=1.9 at t=first_decay_steps) and in float64 (first_decay_steps=1,
      t_mul=3 at t=121) independently; the value is then the end of the previous cycle (about
      alpha * initial) instead of the start of the next;
    - PolynomialDecay without cycle, power < 1: t >= decay_steps, where the decay has ended
      (1 - p = 0) but compiled float32 computes p = t * (1 / decay_steps), which can leave
      1 - p = 2**-24 or so; a power below 1 magnifies it (PolynomialDecay(0.5, 123, 0.0,
      power=0.1) gives 0.095 instead of 0.0 from t = 123 on).

    The float64 formula (keras_formula) is exact there and is what lrspec follows; the float32
    comparison skips these steps.
    """
    from fractions import Fraction

    kw = _complete(name, kwargs)
    if t <= 0:
        return False
    if (
        name in ("ExponentialDecay", "InverseTimeDecay")
        and kw["staircase"]
        or name == "PolynomialDecay"
        and kw["cycle"]
    ):
        return (Fraction(t) / Fraction(kw["decay_steps"])).denominator == 1
    if name == "PolynomialDecay":
        return kw["power"] < 1 and t >= kw["decay_steps"]
    if name != "CosineDecayRestarts":
        return False
    first, t_mul = Fraction(kw["first_decay_steps"]), Fraction(float(kw["t_mul"]))
    if t_mul == 1:
        return (Fraction(t) / first).denominator == 1
    starts = _cycle_starts(float(first), float(t_mul), t)
    k, margin = bisect.bisect(starts, t), 1e-5 * t  # starts[k - 1] <= t < starts[k]
    return abs(starts[k - 1] - t) <= margin or abs(starts[k] - t) <= margin


def _cycle_starts(first: float, t_mul: float, t) -> tuple:
    """The cycle starts from 0 to past t, in float64 (a relative error of about 1e-13, far
    inside the margin), computed once for every t up to the same power of 2."""
    return _starts_upto(first, t_mul, 1 << max(int(t).bit_length(), 10))


@functools.lru_cache(maxsize=64)
def _starts_upto(first: float, t_mul: float, limit: int) -> tuple:
    starts, start, length = [], 0.0, first
    while start <= limit:
        starts.append(start)
        start, length = start + length, length * t_mul
    return (*starts, start)


# -- the real Keras --------------------------------------------------------------------------


def keras_schedule(name: str, kwargs: dict):
    """The real ``keras.optimizers.schedules.<name>(**kwargs)`` (KERAS_BACKEND defaults to
    jax when Keras is not imported yet)."""
    os.environ.setdefault("KERAS_BACKEND", "jax")
    import keras

    return getattr(keras.optimizers.schedules, name)(**kwargs)


def keras_real(name: str, kwargs: dict, n: int):
    """The real Keras values schedule(t), t = 0..n, as a float32 numpy array.

    The schedule is called once on the array of steps (each Keras op is elementwise, so this
    is schedule(t) for every t); CosineDecay with a warmup_target branches with ``ops.cond``,
    which needs a scalar, so it is mapped with ``jax.vmap`` (jax backend) or called step by
    step. Both agree with eager scalar calls to 1-2 float32 ulps, except at the steps
    :func:`keras_boundary` flags (compiled code may land one stair or cycle off there).
    """
    import numpy as np

    schedule = keras_schedule(name, kwargs)
    steps = np.arange(n + 1, dtype=np.int64)
    try:
        values = np.asarray(schedule(steps))
        if values.shape == steps.shape:
            return values
    except Exception:
        pass
    import keras

    if keras.backend.backend() == "jax":
        import jax

        return np.asarray(jax.vmap(schedule)(steps))
    return np.array([np.asarray(schedule(int(t))) for t in steps])


def keras_values(name: str, kwargs: dict, n: int):
    """``(real, formula)`` for t = 0..n: the real Keras float32 values (numpy array) and the
    float64 transcription of Keras's formula (list of floats)."""
    return keras_real(name, kwargs, n), [keras_formula(name, kwargs, t) for t in range(n + 1)]


def values(call, n: int):
    """:func:`keras_values` for a call structure ``(name, kwargs)``."""
    name, kwargs = call
    return keras_values(name, kwargs, n)


# -- lrspec text -----------------------------------------------------------------------------


def _value_text(value) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if value is None:
        return "None"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    raise TypeError(f"no lrspec text for {value!r}")


def keras_text(name: str, kwargs: dict, positional: int = 0) -> str:
    """``keras.Name(...)`` in Keras's words: the given arguments in Keras's order, the first
    ``positional`` of them (which must be Keras's leading parameters) without their names."""
    sig = [p for p, _ in SIGNATURES[name]]
    unknown = set(kwargs) - set(sig)
    if unknown:
        raise TypeError(f"{name} has no parameter {sorted(unknown)}")
    parts = []
    for index, param in enumerate(p for p in sig if p in kwargs):
        text = _value_text(kwargs[param])
        if index < positional:
            if sig[index] != param:
                raise ValueError(f"{param} is not Keras's parameter number {index}")
            parts.append(text)
        else:
            parts.append(f"{param}={text}")
    return f"keras.{name}({', '.join(parts)})"


def text(call, positional: int = 0) -> str:
    """:func:`keras_text` for a call structure ``(name, kwargs)``."""
    name, kwargs = call
    return keras_text(name, kwargs, positional)


# -- hypothesis strategies of valid call structures ------------------------------------------


def _short(lo: float, hi: float, digits: int = 3):
    """Floats in [lo, hi] with a few significant digits (readable texts, exact round trips)."""

    def tidy(x):
        x = min(max(float(f"{x:.{digits}g}"), lo), hi)
        return 0.0 if lo == 0 and x < 1e-6 else x

    return st.floats(lo, hi, allow_nan=False, allow_infinity=False).map(tidy)


_RATE = _short(1e-5, 1.0)
_STEPS = st.integers(1, 5000)


def _call(name, **parts):
    required = {k: v for k, v in parts.items() if not isinstance(v, _Optional)}
    optional = {k: v.strategy for k, v in parts.items() if isinstance(v, _Optional)}
    return st.fixed_dictionaries(required, optional=optional).map(lambda kw: (name, kw))


class _Optional:
    def __init__(self, strategy):
        self.strategy = strategy


@st.composite
def _piecewise(draw):
    boundaries = sorted(draw(st.sets(st.integers(0, 10_000), min_size=1, max_size=6)))
    values = draw(st.lists(_RATE, min_size=len(boundaries) + 1, max_size=len(boundaries) + 1))
    return "PiecewiseConstantDecay", {"boundaries": boundaries, "values": values}


@st.composite
def _cosine(draw):
    kw = {"initial_learning_rate": draw(_RATE), "decay_steps": draw(_STEPS)}
    if draw(st.booleans()):
        kw["alpha"] = draw(_short(0.0, 1.0))
    if draw(st.booleans()):
        kw["warmup_target"] = draw(_RATE)
        if draw(st.integers(0, 3)):
            kw["warmup_steps"] = draw(st.integers(0, 2000))
    return "CosineDecay", kw


@st.composite
def _polynomial(draw):
    init = draw(_RATE)
    kw = {"initial_learning_rate": init, "decay_steps": draw(_STEPS)}
    if draw(st.booleans()):
        kw["end_learning_rate"] = draw(_short(0.0, init))
    if draw(st.booleans()):
        kw["power"] = draw(st.sampled_from([0.5, 1.0, 2.0]) | _short(0.1, 3.0, 2))
    if draw(st.booleans()):
        kw["cycle"] = draw(st.booleans())
    return "PolynomialDecay", kw


STRATEGIES = {
    "ExponentialDecay": _call(
        "ExponentialDecay",
        initial_learning_rate=_RATE,
        decay_steps=_STEPS,
        decay_rate=_short(0.01, 1.0),
        staircase=_Optional(st.booleans()),
    ),
    "PiecewiseConstantDecay": _piecewise(),
    "PolynomialDecay": _polynomial(),
    "InverseTimeDecay": _call(
        "InverseTimeDecay",
        initial_learning_rate=_RATE,
        decay_steps=_STEPS,
        decay_rate=_short(0.0, 10.0),
        staircase=_Optional(st.booleans()),
    ),
    "CosineDecay": _cosine(),
    "CosineDecayRestarts": _call(
        "CosineDecayRestarts",
        initial_learning_rate=_RATE,
        first_decay_steps=st.integers(1, 2000),
        t_mul=_Optional(st.sampled_from([1.0, 2.0, 3.0]) | _short(1.0, 3.0, 2)),
        m_mul=_Optional(_short(0.1, 1.0, 2)),
        alpha=_Optional(_short(0.0, 1.0, 2)),
    ),
}


def _self_test(examples: int = 25, n: int = 3000) -> None:
    """Run every strategy: the real Keras stays within keras_tolerance of the transcription."""
    from hypothesis import HealthCheck, given, settings

    worst, flips = {}, []
    for name, strategy in STRATEGIES.items():

        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def check(call):
            cname, kwargs = call
            assert cname == name
            keras_text(cname, kwargs)
            real, formula = keras_values(cname, kwargs, n)
            for t in range(n + 1):
                err = abs(float(real[t]) - formula[t])
                if keras_boundary(cname, kwargs, t) and err > keras_tolerance(cname, kwargs, t):
                    flips.append((keras_text(cname, kwargs), t))
                    continue
                ratio = err / keras_tolerance(cname, kwargs, t)
                worst[name] = max(worst.get(name, 0.0), ratio)
                assert ratio <= 1, (keras_text(cname, kwargs), t, float(real[t]), formula[t])

        check()
    print("keras_live self-test: largest |float32 - float64| / keras_tolerance per schedule:")
    for name, ratio in worst.items():
        print(f"  {name:24s} {ratio:.3f}")
    print(
        f"  boundary steps where float32 and float64 land in different stairs or "
        f"cycles ({len(flips)}): {flips[:4]}"
    )
    print(
        keras_text(
            "CosineDecayRestarts",
            {"initial_learning_rate": 0.1, "first_decay_steps": 20, "t_mul": 2.0},
        )
    )
    print(
        keras_text(
            "PolynomialDecay",
            {"initial_learning_rate": 0.1, "decay_steps": 100, "cycle": True},
            positional=2,
        )
    )


if __name__ == "__main__":
    _self_test()
