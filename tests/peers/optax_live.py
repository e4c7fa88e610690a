"""The real optax schedules in float64, for tests of lrspec's ``optax.`` namespace.

Test-side only: imports jax, optax and hypothesis, never lrspec.

A *call structure* is ``(function, kwargs)`` in optax's own words; ``join_schedules`` nests
call structures in its ``schedules`` list, ``sgdr_schedule`` takes plain dicts:

    ("join_schedules", {"schedules": [("linear_schedule", {"init_value": 0.0,
                                                           "end_value": 0.1,
                                                           "transition_steps": 100}),
                                      ("constant_schedule", {"value": 0.1})],
                        "boundaries": [100]})

- :func:`optax_values` gives ``schedule(t)`` for t = 0..n (or given steps) in float64, with
  jax's x64 mode on for the call only, vectorised over an int64 step array;
- :func:`optax_text` writes the call as lrspec text, ``optax.name(keyword=value, ...)``;
- :data:`STRATEGIES` maps every function of ``optax.schedules`` to a hypothesis strategy of
  call structures from optax's valid domain (nested ``join_schedules`` and ``sgdr_schedule``
  included); :data:`QUIRK_STRATEGIES` draws the arguments optax accepts without meaning them
  (``transition_steps <= 0``, a negative ``transition_begin``, ``decay_rate=0``, a zero peak,
  colliding onecycle boundaries, ``join_schedules`` with unsorted or surplus boundaries).

Which float64 values. ``mode="eager"`` (the default) runs ``jax.vmap(schedule)`` op by op:
every operation is rounded as written, except that XLA divides an array by a scalar as
``x * (1 / c)``. ``mode="jit"`` runs ``jax.jit(jax.vmap(schedule))``, what an optimizer does:
XLA then also folds constants across products (``pi * t / k`` becomes ``t * (pi / k)``),
rewrites constant powers and fuses multiply-adds into FMAs, which moves values near a zero by
up to a few 1e-12 relative and can leave -4.8e-18 where the formula gives 0.
Steps are int64: optax's own step counter is int32, and with it ``count / transition_steps``
is float32 even with x64 on.
"""

from __future__ import annotations

import math

import jax
import numpy as np
import optax
from hypothesis import strategies as st

#: Every schedule function of optax.schedules.
FUNCTIONS = (
    "constant_schedule",
    "linear_schedule",
    "polynomial_schedule",
    "exponential_decay",
    "cosine_decay_schedule",
    "piecewise_constant_schedule",
    "piecewise_interpolate_schedule",
    "linear_onecycle_schedule",
    "cosine_onecycle_schedule",
    "warmup_constant_schedule",
    "warmup_cosine_decay_schedule",
    "warmup_exponential_decay_schedule",
    "sgdr_schedule",
    "join_schedules",
)


def build(call):
    """The real optax schedule of a call structure."""
    function, kwargs = call
    kwargs = dict(kwargs)
    if function == "join_schedules":
        kwargs["schedules"] = [build(s) for s in kwargs["schedules"]]
    return getattr(optax.schedules, function)(**kwargs)


def optax_values(call, n=None, steps=None, mode="eager") -> list[float]:
    """optax's float64 values at t = 0..n, or at the given integer ``steps``."""
    if steps is None:
        if n is None:
            raise ValueError("give n (the last step) or steps")
        steps = np.arange(n + 1, dtype=np.int64)
    else:
        steps = np.asarray(steps, dtype=np.int64)
    with jax.enable_x64(True):
        schedule = build(call)
        f = jax.vmap(schedule)  # piecewise_interpolate takes one step at a time
        if mode == "jit":
            f = jax.jit(f)
        elif mode != "eager":
            raise ValueError(f"mode must be 'eager' or 'jit', got {mode!r}")
        out = np.asarray(f(steps), dtype=np.float64)
    return [float(v) for v in np.broadcast_to(out, steps.shape)]


# -- lrspec text --------------------------------------------------------------------------------


def fmt(value) -> str:
    """A value as lrspec text in optax's words: floats via repr, ints as ints, None,
    True/False, quoted strings, lists, mappings and nested calls."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        return optax_text(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(fmt(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{fmt(k)}: {fmt(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no lrspec text for {value!r}")


def optax_text(call) -> str:
    """``optax.function(keyword=value, ...)``, nested calls written the same way."""
    function, kwargs = call
    return f"optax.{function}(" + ", ".join(f"{k}={fmt(v)}" for k, v in kwargs.items()) + ")"


# -- strategies ---------------------------------------------------------------------------------

_NICE = [0.0, 1e-5, 3e-4, 1e-3, 0.01, 0.1, 0.5, 1.0]
#: A rate: >= 0, finite, never subnormal (XLA flushes subnormals to zero).
_RATE = st.one_of(st.sampled_from(_NICE), st.floats(1e-8, 1.0, allow_nan=False))
_POSITIVE_RATE = st.one_of(st.sampled_from(_NICE[1:]), st.floats(1e-8, 1.0, allow_nan=False))
_STEPS = st.one_of(st.sampled_from([1, 2, 10, 100, 1000]), st.integers(1, 3000))
_BEGIN = st.one_of(st.just(0), st.integers(0, 500))
_SCALE = st.one_of(
    st.sampled_from([0.0, 0.1, 0.5, 1.0, 2.0]), st.floats(1e-3, 3.0, allow_nan=False)
)


def _maybe(draw, kwargs, key, strategy):
    """Give the keyword or leave it at optax's default."""
    if draw(st.booleans()):
        kwargs[key] = draw(strategy)


@st.composite
def _constant(draw):
    return ("constant_schedule", {"value": draw(st.one_of(_RATE, st.integers(0, 10)))})


@st.composite
def _polynomial(draw):
    kwargs = {
        "init_value": draw(_RATE),
        "end_value": draw(_RATE),
        "power": draw(
            st.one_of(
                st.integers(0, 5),
                st.sampled_from([1.0, 2.0, 0.5, 3.0]),
                st.floats(0.0, 5.0, allow_nan=False, allow_subnormal=False),
            )
        ),
        "transition_steps": draw(_STEPS),
    }
    _maybe(draw, kwargs, "transition_begin", _BEGIN)
    return ("polynomial_schedule", kwargs)


@st.composite
def _linear(draw):
    kwargs = {"init_value": draw(_RATE), "end_value": draw(_RATE), "transition_steps": draw(_STEPS)}
    _maybe(draw, kwargs, "transition_begin", _BEGIN)
    return ("linear_schedule", kwargs)


def _boundaries_and_scales(draw, low=0):
    keys = draw(st.lists(st.integers(low, 3000), max_size=6, unique=True))
    return {k: draw(_SCALE) for k in keys}


@st.composite
def _piecewise_constant(draw):
    kwargs = {"init_value": draw(_RATE)}
    if draw(st.integers(0, 5)):
        kwargs["boundaries_and_scales"] = _boundaries_and_scales(draw)
    return ("piecewise_constant_schedule", kwargs)


def _exponential_kwargs(draw, init_key="init_value"):
    rate = draw(
        st.one_of(
            st.sampled_from([0.1, 0.5, 0.9, 0.99, 1.0]),
            st.floats(0.1, 1.0, allow_nan=False),
            st.floats(1.0, 1.5),
        )
    )
    kwargs = {
        init_key: draw(_POSITIVE_RATE),
        # >= 50 steps per factor keeps 0.1 ** (10_000 / 50) normal (no subnormals)
        "transition_steps": draw(st.integers(50, 3000)),
        "decay_rate": rate,
    }
    _maybe(draw, kwargs, "transition_begin", _BEGIN)
    _maybe(draw, kwargs, "staircase", st.booleans())
    if rate > 1 or draw(st.booleans()):  # growth needs its upper bound to stay finite
        kwargs["end_value"] = draw(
            _POSITIVE_RATE if rate <= 1 else st.floats(0.1, 10.0, allow_nan=False)
        )
    return kwargs


@st.composite
def _exponential(draw):
    return ("exponential_decay", _exponential_kwargs(draw))


_EXPONENT = st.one_of(
    st.sampled_from([1.0, 2.0, 0.5, 1, 2, 3]), st.floats(0.25, 4.0, allow_nan=False)
)


@st.composite
def _cosine_decay(draw):
    kwargs = {
        "init_value": draw(_RATE),
        "decay_steps": draw(st.one_of(_STEPS, st.floats(0.5, 3000.0))),
    }
    _maybe(
        draw,
        kwargs,
        "alpha",
        st.one_of(st.sampled_from([0.0, 0.01, 0.1]), st.floats(1e-6, 1.0, allow_nan=False)),
    )
    _maybe(draw, kwargs, "exponent", _EXPONENT)
    return ("cosine_decay_schedule", kwargs)


@st.composite
def _piecewise_interpolate(draw):
    kwargs = {
        "interpolate_type": draw(st.sampled_from(["linear", "cosine"])),
        "init_value": draw(_RATE),
    }
    if draw(st.integers(0, 5)):
        kwargs["boundaries_and_scales"] = _boundaries_and_scales(draw)
    return ("piecewise_interpolate_schedule", kwargs)


_DIV = st.one_of(st.sampled_from([25.0, 10.0, 1.0]), st.floats(1.0, 100.0, allow_nan=False))
_FINAL_DIV = st.one_of(st.sampled_from([1e4, 100.0, 1.0]), st.floats(1.0, 1e5, allow_nan=False))


@st.composite
def _linear_onecycle(draw):
    kwargs = {"transition_steps": draw(st.integers(1, 5000)), "peak_value": draw(_POSITIVE_RATE)}
    start = draw(st.floats(0.01, 0.98))
    if draw(st.booleans()):
        kwargs["pct_start"] = start
    else:
        start = 0.3
    if draw(st.booleans()):
        kwargs["pct_final"] = draw(st.floats(start, 1.0))
    _maybe(draw, kwargs, "div_factor", _DIV)
    _maybe(draw, kwargs, "final_div_factor", _FINAL_DIV)
    return ("linear_onecycle_schedule", kwargs)


@st.composite
def _cosine_onecycle(draw):
    kwargs = {"transition_steps": draw(st.integers(1, 5000)), "peak_value": draw(_POSITIVE_RATE)}
    _maybe(draw, kwargs, "pct_start", st.floats(0.01, 0.99))
    _maybe(draw, kwargs, "div_factor", _DIV)
    _maybe(draw, kwargs, "final_div_factor", _FINAL_DIV)
    return ("cosine_onecycle_schedule", kwargs)


@st.composite
def _warmup_constant(draw):
    return (
        "warmup_constant_schedule",
        {
            "init_value": draw(_RATE),
            "peak_value": draw(_RATE),
            "warmup_steps": draw(st.integers(1, 1000)),
        },
    )


def _warmup_cosine_kwargs(draw, warmup_low=0):
    warmup = draw(st.integers(warmup_low, 1000))
    kwargs = {
        "init_value": draw(_RATE),
        "peak_value": draw(_POSITIVE_RATE),
        "warmup_steps": warmup,
        "decay_steps": warmup + draw(st.integers(1, 5000)),
    }
    _maybe(draw, kwargs, "end_value", _RATE)
    _maybe(draw, kwargs, "exponent", _EXPONENT)
    return kwargs


@st.composite
def _warmup_cosine(draw):
    return ("warmup_cosine_decay_schedule", _warmup_cosine_kwargs(draw))


@st.composite
def _warmup_exponential(draw):
    kwargs = {
        "init_value": draw(_RATE),
        **_exponential_kwargs(draw, "peak_value"),
        "warmup_steps": draw(st.integers(0, 1000)),
    }
    order = [
        "init_value",
        "peak_value",
        "warmup_steps",
        "transition_steps",
        "decay_rate",
        "transition_begin",
        "staircase",
        "end_value",
    ]
    return ("warmup_exponential_decay_schedule", {k: kwargs[k] for k in order if k in kwargs})


@st.composite
def _sgdr(draw):
    cycles = draw(st.lists(st.builds(dict), min_size=1, max_size=4))
    return ("sgdr_schedule", {"cosine_kwargs": [_warmup_cosine_kwargs(draw) for _ in cycles]})


_LEAVES = [
    _constant(),
    _polynomial(),
    _linear(),
    _piecewise_constant(),
    _exponential(),
    _cosine_decay(),
    _piecewise_interpolate(),
    _linear_onecycle(),
    _cosine_onecycle(),
    _warmup_constant(),
    _warmup_cosine(),
    _warmup_exponential(),
    _sgdr(),
]


def _join(children):
    @st.composite
    def join(draw):
        schedules = draw(st.lists(children, min_size=1, max_size=4))
        boundaries = sorted(
            draw(
                st.lists(
                    st.integers(1, 6000),
                    min_size=len(schedules) - 1,
                    max_size=len(schedules) - 1,
                    unique=True,
                )
            )
        )
        return ("join_schedules", {"schedules": schedules, "boundaries": boundaries})

    return join()


#: join_schedules nested up to three deep, over every other function (sgdr included).
_JOIN = st.recursive(st.one_of(*_LEAVES), _join, max_leaves=8).filter(
    lambda call: call[0] == "join_schedules"
) | _join(st.one_of(*_LEAVES))

STRATEGIES = {
    "constant_schedule": _constant(),
    "linear_schedule": _linear(),
    "polynomial_schedule": _polynomial(),
    "exponential_decay": _exponential(),
    "cosine_decay_schedule": _cosine_decay(),
    "piecewise_constant_schedule": _piecewise_constant(),
    "piecewise_interpolate_schedule": _piecewise_interpolate(),
    "linear_onecycle_schedule": _linear_onecycle(),
    "cosine_onecycle_schedule": _cosine_onecycle(),
    "warmup_constant_schedule": _warmup_constant(),
    "warmup_cosine_decay_schedule": _warmup_cosine(),
    "warmup_exponential_decay_schedule": _warmup_exponential(),
    "sgdr_schedule": _sgdr(),
    "join_schedules": _JOIN,
}

#: Any call of any function.
ANY = st.one_of(*STRATEGIES.values())


# -- what optax accepts without meaning it ------------------------------------------------------


@st.composite
def _quirk_polynomial(draw):
    name = draw(st.sampled_from(["polynomial_schedule", "linear_schedule"]))
    kwargs = {"init_value": draw(_RATE), "end_value": draw(_RATE)}
    if name == "polynomial_schedule":
        kwargs["power"] = draw(st.sampled_from([1, 2.0, 0.5]))
    if draw(st.booleans()):
        kwargs["transition_steps"] = draw(st.integers(-5, 0))  # optax: constant init_value
    else:
        kwargs["transition_steps"] = draw(_STEPS)
        kwargs["transition_begin"] = draw(st.integers(-500, -1))  # optax: treated as 0
    return (name, kwargs)


@st.composite
def _quirk_exponential(draw):
    kwargs = {
        "init_value": draw(_POSITIVE_RATE),
        "transition_steps": draw(st.integers(50, 500)),
        "decay_rate": draw(st.floats(0.1, 1.0)),
    }
    which = draw(st.sampled_from(["steps", "rate", "begin", "flat"]))
    if which == "steps":
        kwargs["transition_steps"] = draw(st.integers(-5, 0))  # optax: constant init_value
    elif which == "rate":
        kwargs["decay_rate"] = 0.0  # optax: constant init_value, end_value ignored
        _maybe(draw, kwargs, "end_value", _RATE)
    elif which == "begin":
        kwargs["transition_begin"] = draw(st.integers(-500, -1))  # optax: treated as 0
    else:
        kwargs["decay_rate"] = 1.0  # clip with min: min(init_value, end_value) at every step
        kwargs["end_value"] = draw(_RATE)
    _maybe(draw, kwargs, "staircase", st.booleans())
    return ("exponential_decay", kwargs)


@st.composite
def _quirk_piecewise_constant(draw):
    return (
        "piecewise_constant_schedule",
        {
            "init_value": draw(_RATE),
            "boundaries_and_scales": _boundaries_and_scales(draw, low=-100),
        },
    )  # negative: scaled from step 0 on


@st.composite
def _quirk_onecycle(draw):
    steps = draw(st.integers(1, 2000))
    if draw(st.booleans()):  # boundaries collide: later keys of the dict literal win
        pct = draw(st.sampled_from([0.0, 0.5, 1.0]))
        return (
            "linear_onecycle_schedule",
            {
                "transition_steps": steps,
                "peak_value": draw(_POSITIVE_RATE),
                "pct_start": pct,
                "pct_final": draw(st.sampled_from([pct, 1.0])),
            },
        )
    return (
        "cosine_onecycle_schedule",
        {
            "transition_steps": steps,
            "peak_value": draw(_POSITIVE_RATE),
            "pct_start": draw(st.sampled_from([0.0, 1.0])),
        },
    )


@st.composite
def _quirk_warmups(draw):
    if draw(st.booleans()):  # warmup_steps <= 0: the linear part is constant init_value
        return (
            "warmup_constant_schedule",
            {
                "init_value": draw(_RATE),
                "peak_value": draw(_RATE),
                "warmup_steps": draw(st.integers(-5, 0)),
            },
        )
    kwargs = _warmup_cosine_kwargs(draw, warmup_low=1)
    kwargs["peak_value"] = 0.0  # optax: alpha = 0, so end_value is ignored
    kwargs["end_value"] = draw(_POSITIVE_RATE)
    return ("warmup_cosine_decay_schedule", kwargs)


@st.composite
def _quirk_join(draw):
    schedules = draw(st.lists(st.one_of(*_LEAVES), min_size=1, max_size=4))
    boundaries = draw(st.lists(st.integers(0, 3000), max_size=5))  # any order, any number
    return ("join_schedules", {"schedules": schedules, "boundaries": boundaries})


QUIRK_STRATEGIES = {
    "polynomial_schedule": _quirk_polynomial(),
    "exponential_decay": _quirk_exponential(),
    "piecewise_constant_schedule": _quirk_piecewise_constant(),
    "linear_onecycle_schedule": _quirk_onecycle(),
    "warmup_cosine_decay_schedule": _quirk_warmups(),
    "join_schedules": _quirk_join(),
}


# -- argument sets for the live comparisons and the recorded traces -----------------------------

_LINEAR_WARMUP = ("linear_schedule", {"init_value": 0.0, "end_value": 0.1, "transition_steps": 100})
_CYCLES = [
    {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 10, "decay_steps": 100},
    {
        "init_value": 0.01,
        "peak_value": 0.05,
        "warmup_steps": 0,
        "decay_steps": 777,
        "end_value": 1e-3,
        "exponent": 2.0,
    },
    {"init_value": 0.0, "peak_value": 0.02, "warmup_steps": 100, "decay_steps": 9000},
]

#: function -> argument sets (optax's words; join_schedules nests call structures).
ARGSETS = {
    "constant_schedule": [{"value": 0.1}, {"value": 10}, {"value": 0.0}, {"value": -0.5}],
    "polynomial_schedule": [
        {"init_value": 10.0, "end_value": 20.0, "power": 1, "transition_steps": 10},
        {"init_value": 25.0, "end_value": 10.0, "power": 2, "transition_steps": 10},
        {"init_value": 0.1, "end_value": 0.0, "power": 2.0, "transition_steps": 10_000},
        {"init_value": 0.1, "end_value": 1e-4, "power": 0.5, "transition_steps": 9000, "transition_begin": 1000},
        {"init_value": 0.1, "end_value": 1e-4, "power": 3.0, "transition_steps": 7777},
        {"init_value": 0.1, "end_value": 1e-4, "power": 1.7, "transition_steps": 7777, "transition_begin": 33},
        {"init_value": 0.3, "end_value": 0.0, "power": 5, "transition_steps": 1000},
        {"init_value": 0.3, "end_value": 0.0, "power": 4.0, "transition_steps": 1000},
        {"init_value": 10.0, "end_value": 20.0, "power": 1, "transition_steps": 0},
        {"init_value": 10.0, "end_value": 20.0, "power": 1, "transition_steps": 100, "transition_begin": -5},
        {"init_value": 0.1, "end_value": 0.0, "power": 0, "transition_steps": 100},
        {"init_value": 0.0, "end_value": 0.1, "power": 0.5, "transition_steps": 10_000},
    ],
    "linear_schedule": [
        {"init_value": 0.0, "end_value": 0.1, "transition_steps": 100},
        {"init_value": 0.1, "end_value": 0.0, "transition_steps": 10_000},
        {"init_value": 0.1, "end_value": 1e-5, "transition_steps": 9999, "transition_begin": 500},
        {"init_value": 1.0, "end_value": 0.5, "transition_steps": -1},
        {"init_value": 0.1, "end_value": -0.1, "transition_steps": 3000},
    ],
    "piecewise_constant_schedule": [
        {"init_value": 0.1, "boundaries_and_scales": {3: 2.0, 6: 0.5}},
        {"init_value": 0.1, "boundaries_and_scales": {30: 0.5, 60: 0.1, 9000: 0.3}},
        {"init_value": 0.1, "boundaries_and_scales": {0: 0.5, 100: 0.1}},
        {"init_value": 0.1, "boundaries_and_scales": {-10: 0.5, 100: 0.1}},
        {"init_value": 0.1, "boundaries_and_scales": {2.5: 0.3, 1000.5: 0.7}},
        {"init_value": -0.1, "boundaries_and_scales": {3000: 2.0, 6000: 0.5}},
        {"init_value": 0.1},
        {"init_value": 0.1, "boundaries_and_scales": {}},
    ],
    "exponential_decay": [
        {"init_value": 1.0, "transition_steps": 2, "decay_rate": 2.0, "transition_begin": 5, "end_value": 1e6},
        {"init_value": 0.1, "transition_steps": 1000, "decay_rate": 0.5},
        {"init_value": 0.1, "transition_steps": 1000, "decay_rate": 0.5, "staircase": True},
        {"init_value": 0.1, "transition_steps": 777, "decay_rate": 0.3, "transition_begin": 1000, "end_value": 0.003},
        {"init_value": 0.1, "transition_steps": 777, "decay_rate": 1.0003, "end_value": 0.2},
        {"init_value": 0.1, "transition_steps": 777, "decay_rate": 1.0, "end_value": 0.05},
        {"init_value": 0.1, "transition_steps": 3, "decay_rate": 0.99, "staircase": True, "end_value": 1e-4},
        {"init_value": 1.0, "transition_steps": 0, "decay_rate": 0.5},
        {"init_value": 1.0, "transition_steps": 10, "decay_rate": 0.0},
        {"init_value": 1.0, "transition_steps": 10, "decay_rate": 0.5, "transition_begin": -4},
    ],
    "cosine_decay_schedule": [
        {"init_value": 0.1, "decay_steps": 10},
        {"init_value": 0.1, "decay_steps": 5, "alpha": 0.1},
        {"init_value": 0.1, "decay_steps": 10_000},
        {"init_value": 0.1, "decay_steps": 9973, "alpha": 0.01},
        {"init_value": 0.1, "decay_steps": 100, "exponent": 2},
        {"init_value": 0.1, "decay_steps": 5000, "exponent": 2.0},
        {"init_value": 0.1, "decay_steps": 5000, "exponent": 0.5, "alpha": 0.05},
        {"init_value": 0.1, "decay_steps": 5000, "exponent": 1.5},
        {"init_value": 0.1, "decay_steps": 5000.5, "alpha": 1.5},
    ],
    "piecewise_interpolate_schedule": [
        {"interpolate_type": "linear", "init_value": 200.0, "boundaries_and_scales": {5: 1.5, 10: 0.25}},
        {"interpolate_type": "cosine", "init_value": 400.0, "boundaries_and_scales": {5: 1.2, 3: 0.6, 7: 1.0}},
        {"interpolate_type": "linear", "init_value": 13.0, "boundaries_and_scales": {0: 2.0, 5: 3.0}},
        {"interpolate_type": "cosine", "init_value": 0.1, "boundaries_and_scales": {1000: 0.1, 5000: 0.3, 9000: 0.01, 9001: 3.0}},
        {"interpolate_type": "linear", "init_value": 0.1, "boundaries_and_scales": {1000: 0.1, 5000: 0.3, 9000: 0.01, 9001: 3.0}},
        {"interpolate_type": "linear", "init_value": 0.1, "boundaries_and_scales": {-300: 2.0, 700: 0.1}},
        {"interpolate_type": "cosine", "init_value": 0.1, "boundaries_and_scales": {250.5: 0.5, 7000: 0.2}},
        {"interpolate_type": "cosine", "init_value": 17.0},
        {"interpolate_type": "linear", "init_value": 13.0, "boundaries_and_scales": {}},
    ],
    "linear_onecycle_schedule": [
        {"transition_steps": 10, "peak_value": 1000, "pct_start": 0.3, "pct_final": 0.7, "div_factor": 10.0, "final_div_factor": 100.0},
        {"transition_steps": 10_000, "peak_value": 0.1},
        {"transition_steps": 9973, "peak_value": 0.3, "pct_start": 0.25, "pct_final": 0.9},
        {"transition_steps": 100, "peak_value": 0.3, "pct_start": 0.5, "pct_final": 0.5},
        {"transition_steps": 100, "peak_value": 0.3, "pct_final": 1.0},
    ],
    "cosine_onecycle_schedule": [
        {"transition_steps": 5, "peak_value": 1000.0, "pct_start": 0.4, "div_factor": 10.0, "final_div_factor": 100.0},
        {"transition_steps": 10_000, "peak_value": 0.1},
        {"transition_steps": 9973, "peak_value": 0.3, "pct_start": 0.15},
        {"transition_steps": 100, "peak_value": 0.3, "pct_start": 1.0},
        {"transition_steps": 100, "peak_value": 0.3, "pct_start": 0.0},
    ],
    "warmup_constant_schedule": [
        {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 100},
        {"init_value": 1e-5, "peak_value": 3e-4, "warmup_steps": 9999},
        {"init_value": 1e-5, "peak_value": 3e-4, "warmup_steps": 0},
    ],
    "warmup_cosine_decay_schedule": [
        {"init_value": 10, "peak_value": 0.5, "warmup_steps": 100, "decay_steps": 1000, "end_value": 1e-4},
        {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 500, "decay_steps": 10_000},
        {"init_value": 1e-6, "peak_value": 3e-4, "warmup_steps": 1000, "decay_steps": 9000, "end_value": 3e-5, "exponent": 2.0},
        {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 0, "decay_steps": 10_000},
        {"init_value": 0.2, "peak_value": 0.0, "warmup_steps": 50, "decay_steps": 100, "end_value": 0.1},
        {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 7, "decay_steps": 7000, "exponent": 1.5, "end_value": 0.001},
        {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": -20, "decay_steps": 500},
    ],
    "warmup_exponential_decay_schedule": [
        {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 100, "transition_steps": 1000, "decay_rate": 0.5},
        {"init_value": 1e-5, "peak_value": 0.1, "warmup_steps": 500, "transition_steps": 300, "decay_rate": 0.7,
         "transition_begin": 200, "staircase": True, "end_value": 0.01},
        {"init_value": 0.0, "peak_value": 0.1, "warmup_steps": 0, "transition_steps": 1000, "decay_rate": 0.5},
    ],
    "sgdr_schedule": [
        {"cosine_kwargs": [
            {"decay_steps": d, "peak_value": p, "init_value": 0, "end_value": 0.0, "warmup_steps": 500}
            for d, p in ((2000, 1.6), (3000, 0.8), (5000, 0.4))]},
        {"cosine_kwargs": _CYCLES},
        {"cosine_kwargs": _CYCLES[1:2]},
    ],
    "join_schedules": [
        {"schedules": [("constant_schedule", {"value": 1.0}), ("constant_schedule", {"value": 2.0}),
                       ("constant_schedule", {"value": 1.0})], "boundaries": [3, 6]},
        {"schedules": [_LINEAR_WARMUP, ("cosine_decay_schedule", {"init_value": 0.1, "decay_steps": 9900}),
                       ("constant_schedule", {"value": 0.0})], "boundaries": [100, 10_000]},
        {"schedules": [("constant_schedule", {"value": 0.1}),
                       ("join_schedules", {"schedules": [
                           ("exponential_decay", {"init_value": 0.1, "transition_steps": 50, "decay_rate": 0.9}),
                           ("constant_schedule", {"value": 0.01})], "boundaries": [2000]})],
         "boundaries": [300]},
        {"schedules": [_LINEAR_WARMUP, ("sgdr_schedule", {"cosine_kwargs": _CYCLES[:2]}),
                       ("join_schedules", {"schedules": [("constant_schedule", {"value": 0.01}), _LINEAR_WARMUP],
                                           "boundaries": [500]})],
         "boundaries": [100, 977]},
        {"schedules": [("constant_schedule", {"value": 1.0}), ("constant_schedule", {"value": 2.0}),
                       ("constant_schedule", {"value": 3.0})], "boundaries": [6, 3]},
        {"schedules": [("constant_schedule", {"value": 1.0}), ("constant_schedule", {"value": 2.0}),
                       ("constant_schedule", {"value": 3.0})], "boundaries": [6]},
        {"schedules": [_LINEAR_WARMUP, ("constant_schedule", {"value": 2.0})], "boundaries": [0, 50, 70]},
    ],
}  # fmt: skip


def boundaries(call, shift: float = 0) -> list[float]:
    """The steps where a schedule changes its formula (the ends of its transitions and
    warmups, its boundaries, the boundaries of the schedules it joins), shifted by ``shift``."""
    function, kwargs = call
    out = []
    begin = max(kwargs.get("transition_begin", 0), 0)
    for key in ("transition_steps", "decay_steps", "warmup_steps"):
        if key in kwargs:
            out += [begin, begin + kwargs[key]]
    out += list(kwargs.get("boundaries_and_scales") or {})
    if function in ("linear_onecycle_schedule", "cosine_onecycle_schedule"):
        steps = kwargs["transition_steps"]
        out += [int(kwargs.get(k, d) * steps) for k, d in (("pct_start", 0.3), ("pct_final", 0.85))]
    if function == "sgdr_schedule":
        start = 0
        for cycle in kwargs["cosine_kwargs"]:
            out += [start, start + cycle["warmup_steps"], start + cycle["decay_steps"]]
            start += cycle["decay_steps"]
    if function == "join_schedules":
        bounds = [0, *kwargs["boundaries"]]
        for b, member in zip(bounds, kwargs["schedules"]):
            out += [b, *boundaries(member, b)]
    return [shift + b for b in out]


if __name__ == "__main__":  # self-test: python tests/peers/optax_live.py
    from hypothesis import HealthCheck, given, settings

    counts = {}

    def check(key, call, n=3000):
        values = optax_values(call, n)
        assert len(values) == n + 1 and all(isinstance(v, float) for v in values)
        assert all(math.isfinite(v) for v in values), (call, values)
        assert optax_values(call, steps=[0, n // 3, n]) == [values[0], values[n // 3], values[n]]
        assert optax_text(call).startswith(f"optax.{call[0]}(")
        counts[key] = counts.get(key, 0) + 1

    for group, strategies in (("", STRATEGIES), ("quirk:", QUIRK_STRATEGIES)):
        for key, strategy in strategies.items():

            @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
            @given(strategy)
            def run(call):
                check(group + key, call)

            run()
    print("self-test passed:", counts)
