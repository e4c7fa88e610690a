"""lrspec's core shapes reproduce the peers' growing cycles and staircases.

- ``Repeat(A, times, mult, decay)`` is torch's ``CosineAnnealingWarmRestarts`` with ``T_mult``
  (against the real torch), Keras's ``CosineDecayRestarts`` (against the real Keras, within
  float32 rounding, away from the steps where float32 Keras lands in another stair or
  cycle) and Ignite's ``cycle_mult`` cases (the Ignite table below);
- ``Staircase(A, k)`` is Keras's staircase ``ExponentialDecay`` and ``InverseTimeDecay`` and
  optax's staircase ``exponential_decay``;
- the Ignite table: every value-asserting case of Ignite's own scheduler tests, in core
  lrspec (pytorch-ignite itself is not needed: the cases are data).

Repeat counts its cycles exactly (the exact cycle starts decide), as torch's ``step()`` and
Ignite's counters do. Keras, timm and torch's ``step(epoch)`` find the cycle with a logarithm
that lands one cycle early at some exact starts (t_mul=3: t = 121 * first); there Repeat
gives the restart and the library the end of the previous cycle. The ``keras.``/``timm.``
families compute the library's logarithm (see tests/test_ns_keras.py, tests/test_ns_timm.py).
"""

from __future__ import annotations

import math
import os

import numpy as np
import pytest
from peers import ignite_cases, keras_live

import lrspec

os.environ.setdefault("KERAS_BACKEND", "jax")

N = 12_000
STEPS = np.arange(N + 1)


def _rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b) if b else abs(a - b)


# -- torch's CosineAnnealingWarmRestarts ------------------------------------------------------


def _torch_warm_restarts(T_0: int, T_mult: int, eta_min: float, lr: float, n: int) -> list:
    """The real torch rates for steps 0..n: the lr before each optimizer step, with
    ``scheduler.step()`` after it (torch's own counter: T_cur, T_i)."""
    import torch

    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(
        optimizer, T_0=T_0, T_mult=T_mult, eta_min=eta_min
    )
    rates = []
    for _ in range(n + 1):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return rates


TORCH = [(10, 2, 0.001), (1, 3, 0.0), (7, 3, 1e-4), (5, 4, 0.0), (1, 2, 0.0), (3, 1, 0.0)]


@pytest.mark.parametrize(("T_0", "T_mult", "eta_min"), TORCH)
def test_repeat_is_torch_cosine_annealing_warm_restarts(T_0, T_mult, eta_min):
    real = _torch_warm_restarts(T_0, T_mult, eta_min, 0.1, N)
    spec = f"Repeat(Cosine(0.1, {eta_min}, {T_0}), mult={T_mult})"
    got = lrspec.parse(spec)(STEPS).tolist()
    # Relative 1e-12, and absolute 1e-15 (1e-14 of the rate): torch takes the cosine of
    # pi * T_cur / T_i, Repeat of pi * (u / T_mult**n) / T_0, a few ulp apart; near the end
    # of a long cycle the rate is close to 0 (6e-9 of it for a cycle of 6561 steps) and those
    # ulps are a larger share of it.
    bad = [t for t, (a, b) in enumerate(zip(got, real)) if abs(a - b) > 1e-12 * abs(b) + 1e-15]
    assert bad == [], (spec, bad[:5])


def test_repeat_restarts_where_a_logarithm_lands_a_cycle_early():
    # T_0 = 1, T_mult = 3: cycle 5 starts at step 121. torch's step() counts it exactly (a
    # restart, the full rate), as Repeat does; the logarithm of torch's step(epoch) form, of
    # Keras and of timm gives cycle 4 there (its end: eta_min).
    real = _torch_warm_restarts(1, 3, 0.0, 0.1, 121)
    repeat = lrspec.parse("Repeat(Cosine(0.1, 0.0, 1), mult=3)")
    assert real[121] == repeat(121) == 0.1
    assert math.floor(math.log(121 / 1 * (3 - 1) + 1, 3)) == 4  # torch's step(epoch) index
    keras = lrspec.parse("keras.CosineDecayRestarts(0.1, 1, t_mul=3.0)")
    formula = keras_live.keras_formula(
        "CosineDecayRestarts",
        {"initial_learning_rate": 0.1, "first_decay_steps": 1, "t_mul": 3.0},
        121,
    )
    assert keras(121) == formula == 0.0


# -- Keras's CosineDecayRestarts --------------------------------------------------------------

KERAS_RESTARTS = [
    {"initial_learning_rate": 0.1, "first_decay_steps": 20},
    {"initial_learning_rate": 1.0, "first_decay_steps": 1000, "m_mul": 0.9, "alpha": 0.1},
    {"initial_learning_rate": 0.1, "first_decay_steps": 10, "t_mul": 3.0, "m_mul": 0.8,
     "alpha": 0.01},
    {"initial_learning_rate": 0.1, "first_decay_steps": 16, "t_mul": 1.5},
    {"initial_learning_rate": 0.1, "first_decay_steps": 100, "t_mul": 1.0, "m_mul": 0.5},
    {"initial_learning_rate": 0.1, "first_decay_steps": 3, "t_mul": 2.0, "alpha": 0.2},
]  # fmt: skip


def _restarts_as_repeat(kw: dict) -> str:
    """Keras's CosineDecayRestarts in core lrspec: the floor alpha * initial is not scaled
    by m_mul, the cosine above it is."""
    init, first = kw["initial_learning_rate"], kw["first_decay_steps"]
    t_mul, m_mul, alpha = kw.get("t_mul", 2.0), kw.get("m_mul", 1.0), kw.get("alpha", 0.0)
    if m_mul == 1:
        return f"Repeat(Cosine({init!r}, {alpha * init!r}, {first}), mult={t_mul!r})"
    body = f"Repeat(Cosine({(1 - alpha) * init!r}, 0.0, {first}), mult={t_mul!r}, decay={m_mul!r})"
    return f"{alpha * init!r} + {body}" if alpha else body


@pytest.mark.parametrize("kw", KERAS_RESTARTS, ids=lambda kw: keras_live.keras_text(
    "CosineDecayRestarts", kw))  # fmt: skip
def test_repeat_is_keras_cosine_decay_restarts(kw):
    spec = _restarts_as_repeat(kw)
    got = lrspec.parse(spec)(STEPS).tolist()
    real32, formula = keras_live.keras_values("CosineDecayRestarts", kw, N)
    compared = 0
    for t in range(N + 1):
        if keras_live.keras_boundary("CosineDecayRestarts", kw, t):
            continue  # float32 Keras may land in another cycle here: see the module docstring
        tolerance = keras_live.keras_tolerance("CosineDecayRestarts", kw, t)
        assert abs(got[t] - float(real32[t])) <= tolerance, (spec, t, got[t], real32[t])
        # the float64 formula: 1e-12 of the schedule's scale (near the end of a cycle the
        # rate is close to 0, and Keras finds the step in the cycle as t / first minus the
        # cycles before, which leaves an error of about 1e-16 in the cosine's argument)
        assert abs(got[t] - formula[t]) <= 1e-12 * kw["initial_learning_rate"], (spec, t)
        compared += 1
    assert compared > N * 0.99


def test_keras_restarts_flip_steps_are_where_repeat_and_keras_differ():
    kw = {"initial_learning_rate": 0.1, "first_decay_steps": 10, "t_mul": 3.0}
    repeat = lrspec.parse(_restarts_as_repeat(kw))
    formula = [keras_live.keras_formula("CosineDecayRestarts", kw, t) for t in range(N + 1)]
    differ = [t for t in range(N + 1) if abs(repeat(t) - formula[t]) > 1e-12 * 0.1]
    assert differ == [1210]  # the start of cycle 5 (10 * (3**5 - 1) / 2)
    assert repeat(1210) == 0.1 and formula[1210] == 0.0


# -- Staircase ---------------------------------------------------------------------------------

STAIRCASES = [
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.96}),
    ("ExponentialDecay", {"initial_learning_rate": 0.05, "decay_steps": 1000, "decay_rate": 0.5}),
    ("ExponentialDecay", {"initial_learning_rate": 1e-3, "decay_steps": 7, "decay_rate": 0.999}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.96}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 100, "decay_rate": 0.5}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.3, "decay_steps": 41, "decay_rate": 1.0}),
]


def _staircase(name: str, kw: dict) -> str:
    init, steps, rate = kw["initial_learning_rate"], kw["decay_steps"], kw["decay_rate"]
    inner = "ExponentialDecay" if name == "ExponentialDecay" else "InverseTime"
    return f"Staircase({inner}({init!r}, {rate!r}, {steps}), {steps})"


@pytest.mark.parametrize(("name", "kw"), STAIRCASES, ids=lambda v: str(v))
def test_staircase_is_keras_staircase(name, kw):
    kw = {**kw, "staircase": True}
    spec = _staircase(name, kw)
    got = lrspec.parse(spec)(STEPS).tolist()
    real32, formula = keras_live.keras_values(name, kw, N)
    for t in range(N + 1):
        assert _rel(got[t], formula[t]) <= 1e-12, (spec, t, got[t], formula[t])
        if not keras_live.keras_boundary(name, kw, t):
            tolerance = keras_live.keras_tolerance(name, kw, t)
            assert abs(got[t] - float(real32[t])) <= tolerance, (spec, t, got[t], real32[t])


OPTAX = [(0.1, 10, 0.5, 0), (0.05, 1000, 0.96, 0), (1e-3, 7, 0.999, 0), (0.1, 30, 0.1, 25)]


@pytest.mark.parametrize(("init", "steps", "rate", "begin"), OPTAX)
def test_staircase_is_optax_staircase_exponential_decay(init, steps, rate, begin):
    import jax
    import optax

    with jax.enable_x64(True):
        schedule = optax.exponential_decay(
            init, steps, rate, transition_begin=begin, staircase=True
        )
        real = np.asarray(schedule(np.arange(N + 1, dtype=np.int64)), dtype=np.float64).tolist()
    staircase = f"Staircase(ExponentialDecay({init!r}, {rate!r}, {steps}), {steps})"
    spec = f"Constant({init!r})[:{begin}] >> {staircase}" if begin else staircase
    got = lrspec.parse(spec)(STEPS).tolist()
    worst = max(_rel(a, b) for a, b in zip(got, real))
    assert worst <= 1e-12, (spec, worst)


# -- Ignite's cases, in core lrspec --------------------------------------------------------------


def _ids(cases):
    return [f"{k}:{case['origin'].split('::')[-1]}" for k, case in enumerate(cases)]


@pytest.mark.parametrize("case", ignite_cases.CASES, ids=_ids(ignite_cases.CASES))
def test_ignite_case(case):
    assert case["origin"].startswith("ignite ")
    s = lrspec.parse(case["spec"])
    if "metrics" in case:
        got = [s.step(metric) for metric in case["metrics"]]
    else:
        got = [s(t) for t in case["steps"]]
        assert s(np.asarray(case["steps"])).tolist() == got
    for t, value, want in zip(case["steps"], got, case["lrs"]):
        assert _rel(value, want) <= 1e-12, (case["spec"], t, value, want)


def test_ignite_table_holds_the_cycle_mult_cases():
    specs = [case["spec"] for case in ignite_cases.CASES]
    assert len(ignite_cases.CASES) == 41
    assert sum("mult=" in spec for spec in specs) == 6


@pytest.mark.parametrize("case", ignite_cases.ERROR_CASES, ids=_ids(ignite_cases.ERROR_CASES))
def test_ignite_error_case(case):
    with pytest.raises(lrspec.LrspecError) as info:
        lrspec.parse(case["spec"])
    assert type(info.value).__name__ == case["error"]
    assert f"'{case['param']}'" in info.value.message
