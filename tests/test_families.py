"""Every family against its closed form, every declared range, and the composition rules.

1. Values: for each family, the steps ``0, n-1, n, n+1`` around every boundary (ends, milestones,
   phase ends, cycle ends, joins, slice bounds, ...) equal an independent closed form written
   here in plain ``math`` from LANGUAGE.md sections 1, 3, 4 and the libraries' sources; finite schedules
   hold their final value after their end. Plateau and KingScheduler are checked through
   ``s.step(metric)`` against PyTorch's ReduceLROnPlateau rules and numpy-ml's algorithm.
2. Ranges: every Real, Integer, Steps, Choice and Boolean parameter of every family rejects a
   value just outside its declared range with its exact message and a caret on the value.
3. Checks between parameters, each with its message.
4. Composition errors (``>>`` after an endless schedule, a lone Warmup, stateful schedules,
   unresolved units), each with its message.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

import numpy as np
import pytest

import lrspec
from lrspec import (
    ArgumentError,
    CompositionError,
    LimitError,
    UnitError,
    UnknownNameError,
)
from lrspec.model.registry import families
from lrspec.model.types import Boolean, Choice, Integer, Real, Steps

STATEFUL = ("Plateau", "KingScheduler")


def close(got: float, want: float) -> bool:
    return math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-15)


# ==========================================================================================
# Closed forms (re-derived from LANGUAGE.md and the libraries' sources; nothing here comes from lrspec)
# ==========================================================================================


def held(f, length):
    """LANGUAGE.md section 1: for t >= L a finite schedule holds f(L)."""
    return lambda t: f(min(t, length))


def constant(lr):
    return lambda t: lr


def linear(initial, final, steps):
    return held(lambda t: initial + (final - initial) * t / steps, steps)


def cosine(initial, final, steps):
    return held(
        lambda t: final + (initial - final) * (1 + math.cos(math.pi * t / steps)) / 2, steps
    )


def polynomial(initial, final, steps, power=1.0):
    return held(lambda t: (initial - final) * (1 - t / steps) ** power + final, steps)


def tanh_decay(initial, final, steps, lb=-7.0, ub=3.0):
    # timm's TanhLRScheduler within its cycle; exactly lr_min after it.
    def value(t):
        if t >= steps:
            return final
        r = t / steps
        return final + 0.5 * (initial - final) * (1 - math.tanh(lb * (1 - r) + ub * r))

    return value


def one_minus_sqrt(initial, final, steps):
    return held(lambda t: final + (initial - final) * (1 - math.sqrt(t / steps)), steps)


def step_lr(initial, step_size, gamma=0.1):
    return lambda t: initial * gamma ** math.floor(t / step_size)


def exponential_decay(initial, rate, steps, begin=0, staircase=False):
    def value(t):
        if t <= begin:  # `t <= begin` holds the initial rate
            return initial
        p = (t - begin) / steps
        if staircase:
            p = math.floor(p)
        return initial * rate**p

    return value


def inverse_sqrt(initial, timescale):
    return lambda t: initial / math.sqrt(1 + t / timescale)


def piecewise_constant(boundaries, values):
    return lambda t: values[sum(1 for b in boundaries if b <= t)]


def cosine_restarts(initial, final, period, mult=1.0, decay=1.0):
    """SGDR: cycle n lasts period * mult**n steps, a cosine from initial * decay**n to final."""

    def value(t):
        n, start, length = 0, 0.0, float(period)
        while t >= start + length:
            start, length, n = start + length, length * mult, n + 1
        peak = initial * decay**n
        return final + (peak - final) * (1 + math.cos(math.pi * (t - start) / length)) / 2

    return value


def cyclic(low, high, up, down=None, mode="triangular", gamma=1.0):
    """PyTorch CyclicLR (torch/optim/lr_scheduler.py)."""
    down = up if down is None else down
    total = float(up) + float(down)
    ratio = up / total

    def value(t):
        cycle = math.floor(1 + t / total)
        x = 1.0 + t / total - cycle
        factor = x / ratio if x <= ratio else (x - 1) / (ratio - 1)
        scale = {"triangular": 1.0, "triangular2": 1 / (2.0 ** (cycle - 1)), "exp_range": gamma**t}[
            mode
        ]
        return low + (high - low) * factor * scale

    return value


def one_cycle(peak, steps, pct_start=0.3, div=25.0, final_div=1e4, anneal="cos", three_phase=False):
    """PyTorch OneCycleLR (torch/optim/lr_scheduler.py); its value at steps - 1 is held."""
    initial = peak / div
    lowest = initial / final_div
    if three_phase:
        phases = [
            (float(pct_start * steps) - 1, initial, peak),
            (float(2 * pct_start * steps) - 2, peak, initial),
            (steps - 1, initial, lowest),
        ]
    else:
        phases = [(float(pct_start * steps) - 1, initial, peak), (steps - 1, peak, lowest)]

    def value(t):
        t = min(t, steps - 1)
        start_step = 0.0
        for k, (end_step, start, end) in enumerate(phases):
            if t <= end_step or k == len(phases) - 1:  # a phase includes its end step
                pct = (t - start_step) / (end_step - start_step)
                if anneal == "cos":
                    return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
                return (end - start) * pct + start
            start_step = end_step

    return value


# -- combinators (LANGUAGE.md section 3) ---------------------------------------------------


def sequence(*parts):
    """``A >> B >> ...`` from (value, length) pairs: part k runs on t - start_k."""

    def value(t):
        start = 0
        for f, length in parts[:-1]:
            if t < start + length:
                return f(t - start)
            start += length
        return parts[-1][0](t - start)

    return value


def warmup_into(n, start, following):
    """``Warmup(n, start) >> B``: the (value, length) pair of the warmup part."""
    return (lambda t: start + (following(0) - start) * t / n), n


def repeat(f, period, times=math.inf):
    return lambda t: f(math.fmod(t, period)) if t < times * period else f(period)


def growing_cycles(f, period, mult=1.0, decay=1.0, times=math.inf):
    """Cycle n lasts period * mult**n steps and runs f stretched by mult**n, times decay**n;
    after ``times`` cycles the last one's end holds (found by walking the cycles)."""

    def value(t):
        n, start, length = 0, 0.0, float(period)
        while t >= start + length and n + 1 < times:
            start, length, n = start + length, length * mult, n + 1
        u = min(t - start, length)
        return decay**n * f(u / mult**n)

    return value


def staircase(f, steps):
    return lambda t: f(math.floor(t / steps) * steps)


def inverse_time(initial, rate, steps):
    return lambda t: initial / (1 + rate * (t / steps))


def window(f, i, j):
    """``A[i:j]``: A(t + i) for j - i steps, then A(j)."""
    return lambda t: f(min(t, j - i) + i)


def pointwise(op, *fs):
    return lambda t: op(f(t) for f in fs)


# -- Axon (v0.4.1, linear_decay with Polaris's init_value fix) -----------------------------


def axon_cosine_decay(init_value, decay_steps=10, alpha=0.0):
    k = decay_steps
    return lambda t: (
        init_value * ((1 + math.cos(math.pi * min(t, k) / k)) / 2 * (1 - alpha) + alpha)
    )


def axon_polynomial_decay(
    init_value, end_value=1e-3, power=2, transition_steps=10, transition_begin=0
):
    k, begin = transition_steps, transition_begin
    return lambda t: (
        (1 - min(max(t - begin, 0), k) / k) ** power * (init_value - end_value) + end_value
    )


def axon_linear_decay(init_value, warmup=0, steps=1000):
    def value(t):
        t = min(t, steps)
        if t < warmup:
            return init_value * (t / max(1, warmup))
        return init_value * max(0.0, (steps - t) / max(1, steps - warmup))

    return value


# -- lr_schedule (progress_remaining pr = 1 - t / T, the module's order of operations) -----


def progress(func, total):
    return held(lambda t: func(1 - t / total), total)


def going_on(func, total):
    """Past the run pr goes negative and the formula keeps going."""
    return lambda t: func(1 - t / total)


def lr_linear(i, f):
    return lambda pr: pr * i + (1.0 - pr) * f


def lr_cosine(i, f):
    return lambda pr: f + 0.5 * (i - f) * (1.0 + math.cos(math.pi * (1.0 - pr)))


def lr_exponential(i, decay_rate):
    return lambda pr: i * decay_rate ** (1.0 - pr)


def lr_cosine_warmup(i, f, wf):
    def func(pr):
        p = 1.0 - pr
        if p < wf:
            return i * (p / wf)
        c = (p - wf) / (1.0 - wf)
        return f + 0.5 * (i - f) * (1.0 + math.cos(math.pi * c))

    return func


def lr_polynomial(i, f, power):
    return lambda pr: (i - f) * pr**power + f


# -- nerva-numpy (epoch-indexed) ------------------------------------------------------------


def time_based(lr, decay):
    """nerva's compounding TimeBasedScheduler called for epochs 0, 1, 2, ... in order."""
    values = [lr]  # epoch 0 divides by 1 + decay * 0

    def value(t):
        n = math.floor(t)
        while len(values) <= n:
            values.append(values[-1] / (1 + decay * float(len(values))))
        return values[n]

    return value


def step_based(lr, drop_rate, change_rate):
    return lambda t: lr * math.pow(drop_rate, math.floor((1.0 + t) / change_rate))


def multi_step(lr, milestones, gamma):
    return lambda t: lr * gamma ** sum(1 for m in milestones if m <= t)


def nerva_exponential(lr, change_rate):
    return lambda t: lr * math.exp(-change_rate * float(t))


# -- numpy-ml -------------------------------------------------------------------------------


def numpy_ml_exponential(initial_lr=0.01, stage_length=500, staircase=False, decay=0.1):
    def value(t):
        s = t / stage_length
        if staircase:
            s = math.floor(s)
        return initial_lr * decay**s

    return value


def noam(model_dim=512, scale_factor=1, warmup_steps=4000):
    def value(t):
        if t == 0:  # numpy-ml raises there; LANGUAGE.md says 0
            return 0.0
        return scale_factor * (model_dim**-0.5 * min(t**-0.5, t * warmup_steps**-1.5))

    return value


# ==========================================================================================
# 1. Values around every boundary
# ==========================================================================================


@dataclass
class Case:
    id: str
    spec: str
    value: object  # t -> rate, the closed form
    length: float
    #: boundary name -> step n; the test checks n - 1, n and n + 1 (only the >= 0 ones)
    boundaries: dict = field(default_factory=dict)
    total_steps: int | None = None

    def parse(self):
        return lrspec.parse(self.spec, total_steps=self.total_steps)


INF = math.inf

CORE = [
    Case("Constant", "Constant(0.1)", constant(0.1), INF, {"far": 10**9}),
    Case(
        "Linear",
        "Linear(0.3, 0.05, 1000)",
        linear(0.3, 0.05, 1000),
        1000,
        {"mid": 500, "end": 1000},
    ),
    Case("Linear-up", "Linear(0.0, 0.2, 7)", linear(0.0, 0.2, 7), 7, {"end": 7}),
    Case(
        "Cosine",
        "Cosine(0.1, 0.001, 1000)",
        cosine(0.1, 0.001, 1000),
        1000,
        {"mid": 500, "end": 1000},
    ),
    Case(
        "Polynomial",
        "Polynomial(0.1, 0.0001, 900, power=2)",
        polynomial(0.1, 0.0001, 900, 2),
        900,
        {"end": 900},
    ),
    Case(
        "Polynomial-sqrt",
        "Polynomial(0.1, 0.0, 900, power=0.5)",
        polynomial(0.1, 0.0, 900, 0.5),
        900,
        {"end": 900},
    ),
    Case(
        "Polynomial-default-power",
        "Polynomial(0.2, 0.1, 50)",
        polynomial(0.2, 0.1, 50),
        50,
        {"end": 50},
    ),
    Case(
        "StepLR",
        "StepLR(0.1, 30, gamma=0.5)",
        step_lr(0.1, 30, 0.5),
        INF,
        {"drop1": 30, "drop2": 60},
    ),
    Case("StepLR-default-gamma", "StepLR(0.1, 30)", step_lr(0.1, 30), INF, {"drop1": 30}),
    Case(
        "ExponentialDecay",
        "ExponentialDecay(0.2, 0.9, 10)",
        exponential_decay(0.2, 0.9, 10),
        INF,
        {"period1": 10, "far": 1000},
    ),
    Case(
        "ExponentialDecay-begin",
        "ExponentialDecay(0.1, 0.5, 100, begin=50)",
        exponential_decay(0.1, 0.5, 100, begin=50),
        INF,
        {"begin": 50, "period1": 150},
    ),
    Case(
        "ExponentialDecay-staircase",
        "ExponentialDecay(0.1, 0.5, 100, begin=50, staircase=true)",
        exponential_decay(0.1, 0.5, 100, begin=50, staircase=True),
        INF,
        {"begin": 50, "stair1": 150, "stair2": 250},
    ),
    Case(
        "InverseSqrt",
        "InverseSqrt(0.1, 100)",
        inverse_sqrt(0.1, 100),
        INF,
        {"timescale": 100, "halved": 300},
    ),
    Case(
        "InverseTime",
        "InverseTime(0.1, 0.5, 1000)",
        inverse_time(0.1, 0.5, 1000),
        INF,
        {"halved": 2000, "far": 10**7},
    ),
    Case(
        "PiecewiseConstant",
        "PiecewiseConstant([100, 200], [0.1, 0.01, 0.005])",
        piecewise_constant([100, 200], [0.1, 0.01, 0.005]),
        INF,
        {"b1": 100, "b2": 200},
    ),
    Case(
        "PiecewiseConstant-groups",
        "PiecewiseConstant(1,5;0.3,0.2,0.1)",
        piecewise_constant([1, 5], [0.3, 0.2, 0.1]),
        INF,
        {"b1": 1, "b2": 5},
    ),
    Case(
        "CosineRestarts",
        "CosineRestarts(0.1, 0.001, 10)",
        cosine_restarts(0.1, 0.001, 10),
        INF,
        {"restart1": 10, "restart2": 20, "restart10": 100},
    ),
    Case(
        "CosineRestarts-mult2-decay",
        "CosineRestarts(0.1, 0.001, 10, mult=2, decay=0.5)",
        cosine_restarts(0.1, 0.001, 10, 2, 0.5),
        INF,
        {"restart1": 10, "restart2": 30, "restart3": 70, "restart4": 150},
    ),
    Case(
        "CosineRestarts-mult3",
        "CosineRestarts(0.1, 0.0, 10, mult=3)",
        cosine_restarts(0.1, 0.0, 10, 3),
        INF,
        {"restart1": 10, "restart2": 40, "restart3": 130, "restart6": 3640, "restart7": 10930},
    ),
    Case(
        "CosineRestarts-mult1.5",
        "CosineRestarts(0.1, 0.01, 10, mult=1.5)",
        cosine_restarts(0.1, 0.01, 10, 1.5),
        INF,
        {"restart1": 10, "restart2": 25, "restart3": 47.5, "restart3-int": 48},
    ),
    Case(
        "Cyclic",
        "Cyclic(0.001, 0.1, 20)",
        cyclic(0.001, 0.1, 20),
        INF,
        {"peak1": 20, "cycle1": 40, "peak2": 60},
    ),
    Case(
        "Cyclic-triangular2",
        "Cyclic(0.001, 0.1, 20, mode=triangular2)",
        cyclic(0.001, 0.1, 20, mode="triangular2"),
        INF,
        {"peak1": 20, "cycle1": 40, "peak2": 60, "cycle2": 80, "peak3": 100},
    ),
    Case(
        "Cyclic-exp_range",
        "Cyclic(0.001, 0.1, 20, mode=exp_range, gamma=0.99)",
        cyclic(0.001, 0.1, 20, mode="exp_range", gamma=0.99),
        INF,
        {"peak1": 20, "cycle1": 40, "peak2": 60},
    ),
    Case(
        "Cyclic-asymmetric",
        "Cyclic(0.001, 0.1, 10, down=30)",
        cyclic(0.001, 0.1, 10, down=30),
        INF,
        {"peak1": 10, "cycle1": 40, "peak2": 50},
    ),
    Case(
        "OneCycle",
        "OneCycle(0.1, 1000)",
        one_cycle(0.1, 1000),
        1000,
        {"phase1-end": 299, "last-step": 999, "end": 1000},
    ),
    Case(
        "OneCycle-three-phase",
        "OneCycle(0.1, 1000, three_phase=true)",
        one_cycle(0.1, 1000, three_phase=True),
        1000,
        {"phase1-end": 299, "phase2-end": 598, "last-step": 999, "end": 1000},
    ),
    Case(
        "OneCycle-linear",
        "OneCycle(0.1, 1000, pct_start=0.25, div=10, final_div=100, anneal=linear)",
        one_cycle(0.1, 1000, 0.25, 10, 100, "linear"),
        1000,
        {"phase1-end": 249, "last-step": 999, "end": 1000},
    ),
    # pct_start * steps - 1 = 1.5: step 1 is in the first phase, step 2 in the second
    Case(
        "OneCycle-fractional-phase-end",
        "OneCycle(1.0, 10, pct_start=0.25)",
        one_cycle(1.0, 10, 0.25),
        10,
        {"phase1-end": 1.5, "phase1-end-int": 2, "last-step": 9, "end": 10},
    ),
]

COMBINATORS = [
    Case(
        "Warmup",
        "Warmup(500) >> Cosine(0.1, 0.0, 10000)",
        sequence(warmup_into(500, 0.0, cosine(0.1, 0.0, 10000)), (cosine(0.1, 0.0, 10000), 10000)),
        10500,
        {"warmup-end": 500, "end": 10500},
    ),
    Case(
        "Warmup-start",
        "Warmup(100, start=0.01) >> InverseSqrt(0.1, 100)",
        sequence(warmup_into(100, 0.01, inverse_sqrt(0.1, 100)), (inverse_sqrt(0.1, 100), INF)),
        INF,
        {"warmup-end": 100, "halved": 400},
    ),
    Case(
        "Warmup-percent",
        "Warmup(5%) >> Cosine(3e-4, 3e-5, 95%)",
        sequence(warmup_into(500, 0.0, cosine(3e-4, 3e-5, 9500)), (cosine(3e-4, 3e-5, 9500), 9500)),
        10000,
        {"warmup-end": 500, "end": 10000},
        total_steps=10000,
    ),
    Case(
        "Sequence",
        "Linear(0.1, 0.2, 100) >> Cosine(0.2, 0.0, 100) >> Constant(0.05)",
        sequence((linear(0.1, 0.2, 100), 100), (cosine(0.2, 0.0, 100), 100), (constant(0.05), INF)),
        INF,
        {"join1": 100, "join2": 200},
    ),
    Case(
        "Slice-then-sequence",
        "Constant(0.1)[:1000] >> Linear(0.1, 0.0, 9000)",
        sequence((constant(0.1), 1000), (linear(0.1, 0.0, 9000), 9000)),
        10000,
        {"join": 1000, "end": 10000},
    ),
    Case(
        "Slice",
        "Cosine(0.1, 0.0, 1000)[200:700]",
        window(cosine(0.1, 0.0, 1000), 200, 700),
        500,
        {"stop": 500},
    ),
    Case(
        "Slice-open",
        "Cosine(0.1, 0.0, 1000)[250:]",
        window(cosine(0.1, 0.0, 1000), 250, 1000),
        750,
        {"stop": 750},
    ),
    Case(
        "Slice-of-endless",
        "InverseSqrt(0.1, 10)[5:25]",
        window(inverse_sqrt(0.1, 10), 5, 25),
        20,
        {"stop": 20},
    ),
    Case(
        "Slice-units",
        "Cosine(0.1, 0.0, 100%)[10%:50%]",
        window(cosine(0.1, 0.0, 1000), 100, 500),
        400,
        {"stop": 400},
        total_steps=1000,
    ),
    Case(
        "Repeat",
        "Repeat(Cosine(0.1, 0.0, 300), 3)",
        repeat(cosine(0.1, 0.0, 300), 300, 3),
        900,
        {"period1": 300, "period2": 600, "end": 900},
    ),
    Case(
        "Repeat-after-warmup",
        "Warmup(100) >> Repeat(Cosine(0.1, 0.0, 300), 3)",
        sequence(
            warmup_into(100, 0.0, cosine(0.1, 0.0, 300)),
            (repeat(cosine(0.1, 0.0, 300), 300, 3), 900),
        ),
        1000,
        {"warmup-end": 100, "period1": 400, "period2": 700, "end": 1000},
    ),
    Case(
        "Repeat-forever",
        "Repeat(Linear(0.1, 0.0, 10))",
        repeat(linear(0.1, 0.0, 10), 10),
        INF,
        {"period1": 10, "period2": 20, "far": 10**6},
    ),
    Case(
        "Repeat-once",
        "Repeat(Linear(0.1, 0.0, 10), 1)",
        repeat(linear(0.1, 0.0, 10), 10, 1),
        10,
        {"end": 10},
    ),
    Case(
        "Repeat-growing",
        "Repeat(Cosine(0.1, 0.001, 10), mult=2)",
        growing_cycles(cosine(0.1, 0.001, 10), 10, mult=2),
        INF,
        {"cycle1": 10, "cycle2": 30, "cycle3": 70, "far": 10230},
    ),
    Case(
        "Repeat-growing-decaying-finite",
        "Repeat(Linear(1.0, 0.0, 10), 3, mult=2, decay=0.5)",
        growing_cycles(linear(1.0, 0.0, 10), 10, mult=2, decay=0.5, times=3),
        70,
        {"cycle1": 10, "cycle2": 30, "end": 70},
    ),
    Case(
        "Repeat-decaying",
        "Repeat(Cosine(1.0, 0.0, 20), decay=0.5)",
        growing_cycles(cosine(1.0, 0.0, 20), 20, decay=0.5),
        INF,
        {"cycle1": 20, "cycle2": 40, "far": 2000},
    ),
    Case(
        "Staircase",
        "Staircase(ExponentialDecay(0.1, 0.5, 100), 100)",
        staircase(exponential_decay(0.1, 0.5, 100), 100),
        INF,
        {"stair1": 100, "stair2": 200, "far": 10**6},
    ),
    Case(
        "Staircase-finite",
        "Staircase(Linear(1.0, 0.0, 10), 3)",
        staircase(linear(1.0, 0.0, 10), 3),
        12,
        {"stair1": 3, "stair3": 9, "end": 12},
    ),
    Case(
        "Staircase-inverse-time",
        "Staircase(InverseTime(0.1, 0.5, 1000), 1000)",
        staircase(inverse_time(0.1, 0.5, 1000), 1000),
        INF,
        {"stair1": 1000, "stair2": 2000},
    ),
    Case(
        "Repeat-fractional-mult",
        "Repeat(Linear(0.2, 0.1, 16), 5, mult=1.5)",
        growing_cycles(linear(0.2, 0.1, 16), 16, mult=1.5, times=5),
        211,
        {"cycle1": 16, "cycle2": 40, "cycle3": 76, "cycle4": 130, "end": 211},
    ),
    Case(
        "min",
        "min(Cosine(0.1, 0.0, 1000), 0.05)",
        pointwise(min, cosine(0.1, 0.0, 1000), constant(0.05)),
        1000,
        {"crossing": 500, "end": 1000},
    ),
    Case(
        "min-two-lengths",
        "min(Linear(0.1, 0.0, 100), Cosine(0.2, 0.05, 200))",
        pointwise(min, linear(0.1, 0.0, 100), cosine(0.2, 0.05, 200)),
        200,
        {"shorter-end": 100, "end": 200},
    ),
    Case(
        "max",
        "max(Cosine(0.1, 0, 5000), 0.001)",
        pointwise(max, cosine(0.1, 0.0, 5000), constant(0.001)),
        5000,
        {"end": 5000},
    ),
    Case(
        "max-three",
        "max(Linear(0.0, 0.1, 100), 0.05, Cosine(0.08, 0.0, 50))",
        pointwise(max, linear(0.0, 0.1, 100), constant(0.05), cosine(0.08, 0.0, 50)),
        100,
        {"cosine-end": 50, "end": 100},
    ),
    Case(
        "Arithmetic",
        "0.5 * Cosine(3e-4, 0, 10_000) + 1e-5",
        lambda t: 0.5 * cosine(3e-4, 0.0, 10000)(t) + 1e-5,
        10000,
        {"end": 10000},
    ),
    Case(
        "Arithmetic-two-lengths",
        "Cosine(0.1, 0, 100) + Linear(0, 0.1, 300)",
        lambda t: cosine(0.1, 0.0, 100)(t) + linear(0.0, 0.1, 300)(t),
        300,
        {"shorter-end": 100, "end": 300},
    ),
]

AXON = [
    Case("constant", "constant(0.1)", constant(0.1), INF, {"far": 10**9}),
    Case(
        "cosine_decay",
        "cosine_decay(0.1, decay_steps=1000, alpha=0.1)",
        axon_cosine_decay(0.1, 1000, 0.1),
        1000,
        {"mid": 500, "end": 1000},
    ),
    Case("cosine_decay-defaults", "cosine_decay(0.1)", axon_cosine_decay(0.1), 10, {"end": 10}),
    Case(
        "exponential_decay",
        "exponential_decay(0.1, decay_rate=0.5, transition_steps=100, transition_begin=50)",
        exponential_decay(0.1, 0.5, 100, 50),
        INF,
        {"begin": 50, "period1": 150},
    ),
    Case(
        "exponential_decay-staircase",
        "exponential_decay(0.1, decay_rate=0.5, "
        "transition_steps=100, transition_begin=50, staircase=true)",
        exponential_decay(0.1, 0.5, 100, 50, True),
        INF,
        {"begin": 50, "stair1": 150, "stair2": 250},
    ),
    Case(
        "exponential_decay-defaults",
        "exponential_decay(0.1)",
        exponential_decay(0.1, 0.95, 10),
        INF,
        {"period1": 10, "period2": 20},
    ),
    Case(
        "polynomial_decay",
        "polynomial_decay(0.1, end_value=0.001, power=2, "
        "transition_steps=500, transition_begin=100)",
        axon_polynomial_decay(0.1, 0.001, 2, 500, 100),
        600,
        {"begin": 100, "end": 600},
    ),
    Case(
        "polynomial_decay-defaults",
        "polynomial_decay(0.1)",
        axon_polynomial_decay(0.1),
        10,
        {"end": 10},
    ),
    Case(
        "linear_decay",
        "linear_decay(0.1, warmup=100, steps=1000)",
        axon_linear_decay(0.1, 100, 1000),
        1000,
        {"warmup-end": 100, "end": 1000},
    ),
    Case(
        "linear_decay-no-warmup",
        "linear_decay(0.1, steps=1000)",
        axon_linear_decay(0.1, 0, 1000),
        1000,
        {"end": 1000},
    ),
    Case("linear_decay-defaults", "linear_decay(0.2)", axon_linear_decay(0.2), 1000, {"end": 1000}),
    # warmup == steps: the warmup runs to the very end, where the value drops to 0
    Case(
        "linear_decay-all-warmup",
        "linear_decay(0.1, warmup=50, steps=50)",
        axon_linear_decay(0.1, 50, 50),
        50,
        {"end": 50},
    ),
]

LR_SCHEDULE = [
    # the constant and the exponential go on after the run, as Constant and ExponentialDecay
    # do (the module does not clip progress_remaining); the others hold their final value
    Case(
        "BaseLRSchedule",
        "BaseLRSchedule(initial_value=0.0003)",
        constant(0.0003),
        INF,
        {"end": 1000},
        total_steps=1000,
    ),
    Case(
        "LinearLRSchedule",
        "LinearLRSchedule(initial_value=0.0003, final_value=1e-05)",
        progress(lr_linear(3e-4, 1e-5), 1000),
        1000,
        {"mid": 500, "end": 1000},
        total_steps=1000,
    ),
    Case(
        "LinearLRSchedule-defaults",
        "LinearLRSchedule()",
        progress(lr_linear(0.001, 0.0), 400),
        400,
        {"end": 400},
        total_steps=400,
    ),
    Case(
        "CosineAnnealingLRSchedule",
        "CosineAnnealingLRSchedule(initial_value=0.0003, final_value=1e-05)",
        progress(lr_cosine(3e-4, 1e-5), 1000),
        1000,
        {"mid": 500, "end": 1000},
        total_steps=1000,
    ),
    Case(
        "ExponentialLRSchedule",
        "ExponentialLRSchedule(initial_value=0.0003, decay_rate=0.05)",
        going_on(lr_exponential(3e-4, 0.05), 1000),
        INF,
        {"end": 1000, "twice": 2000},
        total_steps=1000,
    ),
    Case(
        "CosineWarmupLRSchedule",
        "CosineWarmupLRSchedule(initial_value=0.0003, final_value=1e-05, warmup_fraction=0.1)",
        progress(lr_cosine_warmup(3e-4, 1e-5, 0.1), 1000),
        1000,
        {"warmup-end": 100, "end": 1000},
        total_steps=1000,
    ),
    Case(
        "CosineWarmupLRSchedule-quarter",
        "CosineWarmupLRSchedule(warmup_fraction=0.25)",
        progress(lr_cosine_warmup(0.001, 0.0, 0.25), 40),
        40,
        {"warmup-end": 10, "end": 40},
        total_steps=40,
    ),
    Case(
        "PolynomialLRSchedule",
        "PolynomialLRSchedule(initial_value=0.0003, final_value=1e-05, power=2.0)",
        progress(lr_polynomial(3e-4, 1e-5, 2.0), 1000),
        1000,
        {"end": 1000},
        total_steps=1000,
    ),
]

NERVA = [
    Case(
        "TimeBased",
        "TimeBased(0.1, 0.01)",
        time_based(0.1, 0.01),
        INF,
        {"epoch1": 1, "epoch2": 2, "epoch10": 10},
    ),
    # far past the 65536 epochs whose values a table can hold; tiny decay keeps them nonzero
    Case(
        "TimeBased-long",
        "TimeBased(0.1, 1e-9)",
        time_based(0.1, 1e-9),
        INF,
        {"epoch65536": 65536, "epoch70000": 70000},
    ),
    Case(
        "StepBased",
        "StepBased(0.1, 0.5, 10)",
        step_based(0.1, 0.5, 10),
        INF,
        {"drop1": 9, "drop2": 19},
    ),
    Case(
        "StepBased-every-epoch",
        "StepBased(0.1, 0.5, 1)",
        step_based(0.1, 0.5, 1),
        INF,
        {"epoch1": 1},
    ),
    Case(
        "MultiStepLR",
        "MultiStepLR(0.1;1,3,5;0.1)",
        multi_step(0.1, [1, 3, 5], 0.1),
        INF,
        {"m1": 1, "m3": 3, "m5": 5},
    ),
    Case(
        "MultiStepLR-repeated",
        "MultiStepLR(0.1, [10, 10, 20], 0.5)",
        multi_step(0.1, [10, 10, 20], 0.5),
        INF,
        {"m10": 10, "m20": 20},
    ),
    Case(
        "Exponential",
        "Exponential(0.1, 0.05)",
        nerva_exponential(0.1, 0.05),
        INF,
        {"epoch1": 1, "epoch100": 100},
    ),
]

NUMPY_ML = [
    Case("ConstantScheduler", "ConstantScheduler(lr=0.05)", constant(0.05), INF, {"far": 10**9}),
    Case("ConstantScheduler-default", "ConstantScheduler()", constant(0.01), INF, {"far": 10}),
    Case(
        "ExponentialScheduler",
        "ExponentialScheduler(initial_lr=0.01, stage_length=500, staircase=False, decay=0.1)",
        numpy_ml_exponential(0.01, 500, False, 0.1),
        INF,
        {"stage1": 500, "stage2": 1000},
    ),
    Case(
        "ExponentialScheduler-staircase",
        "ExponentialScheduler(initial_lr=0.02, stage_length=100, staircase=True, decay=0.5)",
        numpy_ml_exponential(0.02, 100, True, 0.5),
        INF,
        {"stage1": 100, "stage2": 200},
    ),
    Case(
        "NoamScheduler",
        "NoamScheduler(model_dim=512, scale_factor=1, warmup_steps=4000)",
        noam(512, 1, 4000),
        INF,
        {"first": 1, "peak": 4000},
    ),
    Case(
        "NoamScheduler-small",
        "NoamScheduler(model_dim=16, scale_factor=2, warmup_steps=10)",
        noam(16, 2, 10),
        INF,
        {"first": 1, "peak": 10},
    ),
]

SHAPES = [
    Case(
        "Tanh", "Tanh(0.1, 0.001, 100)", tanh_decay(0.1, 0.001, 100), 100, {"mid": 50, "end": 100}
    ),
    Case(
        "Tanh-shaped",
        "Tanh(0.1, 0.0, 40, lb=-3, ub=2)",
        tanh_decay(0.1, 0.0, 40, -3, 2),
        40,
        {"end": 40},
    ),
    Case(
        "OneMinusSqrt",
        "OneMinusSqrt(0.1, 0.001, 300)",
        one_minus_sqrt(0.1, 0.001, 300),
        300,
        {"quarter": 75, "end": 300},
    ),
    Case(
        "OneMinusSqrt-wsd",
        "Warmup(100) >> Constant(0.1)[:600] >> OneMinusSqrt(0.1, 0.001, 300)",
        sequence(
            (linear(0.0, 0.1, 100), 100),
            (constant(0.1), 600),
            (one_minus_sqrt(0.1, 0.001, 300), 300),
        ),
        1000,
        {"warmup": 100, "decay": 700, "end": 1000},
    ),
]

CASES = CORE + COMBINATORS + AXON + LR_SCHEDULE + NERVA + NUMPY_ML + SHAPES
FINITE = [c for c in CASES if math.isfinite(c.length)]


def _boundary_params():
    for case in CASES:
        yield pytest.param(case, 0, [0], id=f"{case.id}:start@0")
        for name, n in case.boundaries.items():
            steps = [t for t in (n - 1, n, n + 1) if t >= 0]
            yield pytest.param(case, n, steps, id=f"{case.id}:{name}@{n}")


def _check_values(s, case, steps):
    for t in steps:
        got, want = s(t), case.value(t)
        assert isinstance(got, float)
        assert close(got, want), f"{case.spec} at step {t}: got {got!r}, want {want!r}"
    array = s(np.array(steps, dtype=float))
    assert array.dtype == np.float64
    for t, got in zip(steps, array.tolist()):
        want = case.value(t)
        assert close(got, want), f"{case.spec} at step {t} (array): got {got!r}, want {want!r}"


@pytest.mark.parametrize(("case", "n", "steps"), list(_boundary_params()))
def test_values_around_boundary(case, n, steps):
    _check_values(case.parse(), case, steps)


@pytest.mark.parametrize("case", FINITE, ids=lambda c: c.id)
def test_finite_schedule_holds_its_final_value(case):
    s = case.parse()
    assert s.length == case.length
    final = s(case.length)
    assert close(final, case.value(case.length))
    for t in (case.length + 1, case.length + 0.5, case.length + 1000, case.length * 10 + 7):
        assert s(t) == final, f"{case.spec} at step {t}"
    assert s(np.array([case.length + 1.0, case.length + 1000.0])).tolist() == [final, final]


@pytest.mark.parametrize(
    "case", [c for c in CASES if not math.isfinite(c.length)], ids=lambda c: c.id
)
def test_endless_schedule_has_infinite_length(case):
    assert case.parse().length == math.inf


# lrspec's own families and the seed systems'; each library namespace (dotted names) has its
# own tables in its own test module.
CORE_FAMILIES = {name: cls for name, cls in families().items() if "." not in name}


def test_every_family_has_value_cases():
    missing = [
        name
        for name in CORE_FAMILIES
        if name not in STATEFUL
        and not any(re.search(rf"(?<![\w.]){re.escape(name)}\(", c.spec) for c in CASES)
    ]
    assert missing == []


# A few values pinned as numbers (so that a shared misreading of a formula would show).
PINNED = [
    ("Warmup(500) >> Cosine(0.1, 0.0, 10000)", 250, 0.05),
    ("Warmup(500) >> Cosine(0.1, 0.0, 10000)", 500, 0.1),
    ("Cosine(0.1, 0.0, 1000)", 1000, 0.0),
    ("OneCycle(0.1, 1000)", 0, 0.004),
    ("OneCycle(0.1, 1000)", 299, 0.1),
    ("OneCycle(0.1, 1000)", 999, 4e-7),
    ("OneCycle(0.1, 1000)", 5000, 4e-7),
    ("StepBased(0.1, 0.5, 10)", 8, 0.1),
    ("StepBased(0.1, 0.5, 10)", 9, 0.05),
    ("MultiStepLR(0.1;1,3,5;0.1)", 3, 0.1 * 0.1 * 0.1),
    ("NoamScheduler(model_dim=512, scale_factor=1, warmup_steps=4000)", 1, 1.746928107421711e-07),
    ("NoamScheduler(model_dim=512, scale_factor=1, warmup_steps=4000)", 0, 0.0),
    ("TimeBased(1.0, 0.5)", 3, 1.0 / 1.5 / 2.0 / 2.5),
    ("ExponentialDecay(0.1, 0.5, 100, begin=50)", 50, 0.1),
    ("ExponentialDecay(0.1, 0.5, 100, begin=50)", 150, 0.05),
    ("PiecewiseConstant([100, 200], [0.1, 0.01, 0.005])", 100, 0.01),
    ("Cyclic(0.001, 0.1, 20, mode=triangular2)", 60, 0.001 + 0.099 / 2),
    ("CosineRestarts(0.1, 0.001, 10, mult=2, decay=0.5)", 30, 0.025),
    ("linear_decay(0.1, warmup=100, steps=1000)", 50, 0.05),
    ("linear_decay(0.1, warmup=100, steps=1000)", 550, 0.05),
    ("Repeat(Cosine(0.1, 0.0, 300), 3)", 600, 0.1),
    ("Repeat(Cosine(0.1, 0.0, 300), 3)", 900, 0.0),
]


@pytest.mark.parametrize(("spec", "t", "want"), PINNED, ids=[f"{s}@{t}" for s, t, _ in PINNED])
def test_pinned_values(spec, t, want):
    assert close(lrspec.parse(spec)(t), want)


def test_percent_units_give_the_same_values_as_steps():
    with_units = lrspec.parse("Warmup(5%) >> Cosine(3e-4, 3e-5, 95%)", total_steps=10_000)
    plain = lrspec.parse("Warmup(500) >> Cosine(3e-4, 3e-5, 9500)")
    steps = [0, 1, 499, 500, 501, 5000, 9999, 10000, 10001, 20000]
    assert [with_units(t) for t in steps] == [plain(t) for t in steps]
    assert str(with_units) == "Warmup(5%) >> Cosine(0.0003, 3e-05, 95%)"  # units kept


def test_epoch_units_resolve_against_steps_per_epoch():
    s = lrspec.parse("Warmup(2ep) >> Cosine(0.1, 0, 8ep)", steps_per_epoch=50)
    case = sequence(warmup_into(100, 0.0, cosine(0.1, 0.0, 400)), (cosine(0.1, 0.0, 400), 400))
    assert s.length == 500
    for t in (0, 99, 100, 101, 499, 500, 501):
        assert close(s(t), case(t))


# -- stateful families ----------------------------------------------------------------------


class TorchPlateau:
    """PyTorch's ReduceLROnPlateau rules for one rate (torch/optim/lr_scheduler.py), by hand."""

    def __init__(
        self,
        lr,
        factor=0.1,
        patience=10,
        threshold=1e-4,
        mode="min",
        threshold_mode="rel",
        cooldown=0,
        min_lr=0.0,
        eps=1e-8,
    ):
        self.lr, self.factor, self.patience, self.threshold = lr, factor, patience, threshold
        self.mode, self.threshold_mode, self.cooldown = mode, threshold_mode, cooldown
        self.min_lr, self.eps = min_lr, eps
        self.best = math.inf if mode == "min" else -math.inf
        self.bad = 0
        self.cooldown_counter = 0

    def better(self, a):
        if self.mode == "min" and self.threshold_mode == "rel":
            return a < self.best * (1 - self.threshold)
        if self.mode == "min":
            return a < self.best - self.threshold
        if self.threshold_mode == "rel":
            return a > self.best * (self.threshold + 1)
        return a > self.best + self.threshold

    def step(self, metric):
        if self.better(metric):
            self.best, self.bad = metric, 0
        else:
            self.bad += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.bad = 0
        if self.bad > self.patience:
            new = max(self.lr * self.factor, self.min_lr)
            if self.lr - new > self.eps:
                self.lr = new
            self.cooldown_counter = self.cooldown
            self.bad = 0
        return self.lr


# (id, spec, metrics, the rates step() returns: worked out by hand with PyTorch's rules)
PLATEAU_HAND = [
    (
        "patience-boundary",
        "Plateau(1.0, factor=0.5, patience=2)",
        [1, 1, 1, 1, 1, 1, 1],
        [1, 1, 1, 0.5, 0.5, 0.5, 0.25],
    ),
    (
        "improving-resets",
        "Plateau(1.0, factor=0.5, patience=1)",
        [5, 4, 4, 3, 3, 3, 3],
        [1, 1, 1, 1, 1, 0.5, 0.5],
    ),
    (
        "cooldown",
        "Plateau(1.0, factor=0.5, patience=1, cooldown=2)",
        [1] * 8,
        [1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25],
    ),
    (
        "min_lr",
        "Plateau(1.0, factor=0.1, patience=0, min_lr=0.05)",
        [1, 1, 1, 1],
        [1, 0.1, 0.05, 0.05],
    ),
    (
        "eps-skips-tiny-reductions",
        "Plateau(1e-8, factor=0.5, patience=0)",
        [1, 1, 1],
        [1e-8, 1e-8, 1e-8],
    ),
    (
        "threshold-rel",
        "Plateau(1.0, factor=0.5, patience=0, threshold=0.1)",
        [1.0, 0.95, 0.85, 0.8],
        [1, 0.5, 0.5, 0.25],
    ),
    (
        "threshold-abs",
        "Plateau(1.0, factor=0.5, patience=0, threshold=0.1, threshold_mode=abs)",
        [1.0, 0.95, 0.89, 0.78],
        [1, 0.5, 0.5, 0.5],
    ),
    (
        "mode-max",
        "Plateau(1.0, factor=0.5, patience=1, mode=max)",
        [1, 2, 2, 2, 3],
        [1, 1, 1, 0.5, 0.5],
    ),
    ("defaults", "Plateau(0.1)", [1.0] * 12, [0.1] * 11 + [0.1 * 0.1]),
]


@pytest.mark.parametrize(
    ("spec", "metrics", "rates"), [p[1:] for p in PLATEAU_HAND], ids=[p[0] for p in PLATEAU_HAND]
)
def test_plateau_by_hand(spec, metrics, rates):
    s = lrspec.parse(spec)
    assert s.stateful and s.length == math.inf
    got = [s.step(m) for m in metrics]
    assert len(got) == len(rates)
    for k, (g, w) in enumerate(zip(got, rates)):
        assert close(g, w), f"after metric {k}: got {g!r}, want {w!r}"


PLATEAU_CONFIGS = [
    ("Plateau(0.1, factor=0.5, patience=3)", dict(factor=0.5, patience=3)),
    (
        "Plateau(0.1, factor=0.3, patience=2, cooldown=3, min_lr=0.001)",
        dict(factor=0.3, patience=2, cooldown=3, min_lr=0.001),
    ),
    (
        "Plateau(0.1, factor=0.5, patience=1, mode=max, threshold=0.05, threshold_mode=abs)",
        dict(factor=0.5, patience=1, mode="max", threshold=0.05, threshold_mode="abs"),
    ),
    (
        "Plateau(0.1, factor=0.5, patience=0, mode=max, threshold=0.01)",
        dict(factor=0.5, patience=0, mode="max", threshold=0.01),
    ),
    ("Plateau(0.1, factor=0.9, patience=0, eps=0.005)", dict(factor=0.9, patience=0, eps=0.005)),
]


@pytest.mark.parametrize(("spec", "options"), PLATEAU_CONFIGS, ids=[c[0] for c in PLATEAU_CONFIGS])
def test_plateau_against_pytorch_rules(spec, options):
    rng = random.Random(spec)
    metrics = [rng.choice([1.0, 0.9, 0.99, 1.1, 0.5]) * (1 + k % 7) for k in range(300)]
    s, reference = lrspec.parse(spec), TorchPlateau(0.1, **options)
    changed = 0
    previous = 0.1
    for k, metric in enumerate(metrics):
        got, want = s.step(metric), reference.step(metric)
        assert close(got, want), f"after metric {k}: got {got!r}, want {want!r}"
        changed += got != previous
        previous = got
    assert changed > 0  # the sequence exercises reductions


def test_plateau_after_warmup_and_scaled():
    # metrics before the Plateau starts (step 4) are not observed
    s = lrspec.parse("Warmup(4) >> Plateau(1.0, factor=0.5, patience=0) / 2")
    got = [s.step(1.0) for _ in range(7)]
    assert got == [0.125, 0.25, 0.375, 0.5, 0.5, 0.25, 0.125]
    assert s(2) == 0.25  # the warmup still ramps to the Plateau's initial rate, halved


def test_king_constant_loss():
    # patience 10: nothing before 10 losses; N - i = 10 is not > 10 at the 10th; then every
    # loss decays (a constant loss has P(slope < 0) = 0.5 < 0.51), compounding.
    s = lrspec.parse("KingScheduler(initial_lr=1.0, patience=10, decay=0.5)")
    got = [s.step(3.0) for _ in range(13)]
    assert got == [1.0] * 10 + [0.5, 0.25, 0.125]


def test_king_increasing_loss_waits_for_the_full_history():
    # patience 50: the robust test passes only once the history holds ceil(1.1 * 51) = 57
    # losses, so the first decay comes with the 57th loss (index 56), then at every loss.
    s = lrspec.parse("KingScheduler(initial_lr=1.0, patience=50, decay=0.5)")
    got = [s.step(float(k)) for k in range(60)]
    assert got == [1.0] * 56 + [0.5, 0.25, 0.125, 0.0625]


def test_king_decreasing_loss_never_decays():
    s = lrspec.parse("KingScheduler(initial_lr=0.01, patience=5, decay=0.5)")
    assert [s.step(100.0 - k) for k in range(40)] == [0.01] * 40


def test_king_patience_200_never_decays_with_distinct_losses():
    s = lrspec.parse("KingScheduler(initial_lr=0.01, patience=200, decay=0.5)")
    assert {s.step(float(k)) for k in range(300)} == {0.01}


def test_king_defaults():
    s = lrspec.parse("KingScheduler()")
    assert s(0) == 0.01
    assert {s.step(1.0) for _ in range(999)} == {0.01}  # fewer than patience=1000 losses
    assert s.step(1.0) == 0.01  # the 1000th: N - i = 1000 is not > 1000
    assert s.step(1.0) == 0.01 * 0.99


# ==========================================================================================
# 2. Every declared range is rejected with its message
# ==========================================================================================

A, L, U = ArgumentError, LimitError, UnknownNameError
BIG_STEPS = "9007199254740993"  # 2**53 + 1

RATE = (("-0.1", A, "must be >= 0, got -0.1"), ("1e301", A, "must be <= 1e+300, got 1e+301"))
NON_NEGATIVE = RATE  # Real(0, 1e300) with another label: the same messages
POSITIVE = (
    ("0", A, "must be > 0, got 0.0"),
    ("-1", A, "must be > 0, got -1.0"),
    ("1e301", A, "must be <= 1e+300, got 1e+301"),
)
UNIT_CLOSED = (("-0.5", A, "must be in [0, 1], got -0.5"), ("1.5", A, "must be in [0, 1], got 1.5"))
UNIT_LEFT_OPEN = (("0", A, "must be in (0, 1], got 0.0"), ("1.5", A, "must be in (0, 1], got 1.5"))
UNIT_RIGHT_OPEN = (
    ("-0.5", A, "must be in [0, 1), got -0.5"),
    ("1", A, "must be in [0, 1), got 1.0"),
)
UNIT_OPEN = (("0", A, "must be in (0, 1), got 0.0"), ("1", A, "must be in (0, 1), got 1.0"))
EXPONENT = (
    ("-1", A, "must be in [0, 1e+06], got -1.0"),
    ("1000001", A, "must be in [0, 1e+06], got 1000001.0"),
)
STEPS = (
    ("-1", A, "must be >= 0, got -1"),
    (BIG_STEPS, L, f"must be at most 2**53 steps, got {BIG_STEPS}"),
)
POSITIVE_STEPS = (
    ("0", A, "must be > 0, got 0"),
    ("-1", A, "must be > 0, got -1"),
    (BIG_STEPS, L, f"must be at most 2**53 steps, got {BIG_STEPS}"),
)
BOOLEAN = (("1", A, "must be true or false, got the number 1"),)
COUNT = (
    ("-1", A, "must be >= 0, got -1"),
    ("2.5", A, "must be an integer, got 2.5"),
    ("9007199254740993", A, "must be <= 9007199254740992, got 9007199254740993"),
)


def choice(options: str, bad: str):
    return ((bad, U, f"must be one of {options}, got '{bad}'"),)


# Per family: valid keyword arguments (declaration order), text around the call, and the bad
# values of each parameter with a declared range.
RANGES = {
    "Constant": ({"lr": "0.1"}, {"lr": RATE}),
    "Linear": (
        {"initial": "0.1", "final": "0.0", "steps": "1000"},
        {"initial": RATE, "final": RATE, "steps": POSITIVE_STEPS},
    ),
    "Cosine": (
        {"initial": "0.1", "final": "0.0", "steps": "1000"},
        {"initial": RATE, "final": RATE, "steps": POSITIVE_STEPS},
    ),
    "Polynomial": (
        {"initial": "0.1", "final": "0.0", "steps": "1000", "power": "2"},
        {"initial": RATE, "final": RATE, "steps": POSITIVE_STEPS, "power": EXPONENT},
    ),
    "StepLR": (
        {"initial": "0.1", "step_size": "30", "gamma": "0.1"},
        {"initial": RATE, "step_size": POSITIVE_STEPS, "gamma": UNIT_CLOSED},
    ),
    "ExponentialDecay": (
        {"initial": "0.1", "rate": "0.5", "steps": "100", "begin": "50", "staircase": "true"},
        {
            "initial": RATE,
            "rate": UNIT_LEFT_OPEN,
            "steps": POSITIVE_STEPS,
            "begin": STEPS,
            "staircase": BOOLEAN,
        },
    ),
    "InverseSqrt": (
        {"initial": "0.1", "timescale": "100"},
        {"initial": RATE, "timescale": POSITIVE_STEPS},
    ),
    "Staircase": (
        {"schedule": "Cosine(0.1, 0.0, 10)", "steps": "3"},
        {"steps": POSITIVE_STEPS},
    ),
    "InverseTime": (
        {"initial": "0.1", "rate": "0.5", "steps": "1000"},
        {
            "initial": RATE,
            "rate": (
                ("-0.5", A, "must be >= 0, got -0.5"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "steps": POSITIVE_STEPS,
        },
    ),
    "CosineRestarts": (
        {"initial": "0.1", "final": "0.001", "period": "10", "mult": "2", "decay": "0.5"},
        {
            "initial": RATE,
            "final": RATE,
            "period": POSITIVE_STEPS,
            "mult": (
                ("0.5", A, "must be in [1, 1e+06], got 0.5"),
                ("1000001", A, "must be in [1, 1e+06], got 1000001.0"),
            ),
            "decay": UNIT_LEFT_OPEN,
        },
    ),
    "Cyclic": (
        {
            "low": "0.001",
            "high": "0.1",
            "up": "20",
            "down": "10",
            "mode": "exp_range",
            "gamma": "0.99",
        },
        {
            "low": RATE,
            "high": RATE,
            "up": POSITIVE_STEPS,
            "down": POSITIVE_STEPS,
            "mode": choice("triangular, triangular2, exp_range", "tri"),
            "gamma": UNIT_LEFT_OPEN,
        },
    ),
    "OneCycle": (
        {
            "peak": "0.1",
            "steps": "1000",
            "pct_start": "0.3",
            "div": "25",
            "final_div": "1e4",
            "anneal": "linear",
            "three_phase": "false",
        },
        {
            "peak": RATE,
            "steps": POSITIVE_STEPS,
            "pct_start": UNIT_OPEN,
            "div": POSITIVE,
            "final_div": POSITIVE,
            "anneal": choice("cos, linear", "cosine"),
            "three_phase": BOOLEAN,
        },
    ),
    "constant": ({"init_value": "0.1"}, {"init_value": RATE}),
    "cosine_decay": (
        {"init_value": "0.1", "decay_steps": "1000", "alpha": "0.1"},
        {"init_value": RATE, "decay_steps": POSITIVE_STEPS, "alpha": UNIT_CLOSED},
    ),
    "exponential_decay": (
        {
            "init_value": "0.1",
            "decay_rate": "0.5",
            "transition_steps": "100",
            "transition_begin": "50",
            "staircase": "true",
        },
        {
            "init_value": RATE,
            "decay_rate": UNIT_LEFT_OPEN,
            "transition_steps": POSITIVE_STEPS,
            "transition_begin": STEPS,
            "staircase": BOOLEAN,
        },
    ),
    "polynomial_decay": (
        {
            "init_value": "0.1",
            "end_value": "0.001",
            "power": "2",
            "transition_steps": "500",
            "transition_begin": "100",
        },
        {
            "init_value": RATE,
            "end_value": RATE,
            "power": EXPONENT,
            "transition_steps": POSITIVE_STEPS,
            "transition_begin": STEPS,
        },
    ),
    "linear_decay": (
        {"init_value": "0.1", "warmup": "100", "steps": "1000"},
        {"init_value": RATE, "warmup": STEPS, "steps": POSITIVE_STEPS},
    ),
    "Warmup": ({"steps": "10", "start": "0.01"}, {"steps": POSITIVE_STEPS, "start": RATE}),
    "Repeat": (
        {"schedule": "Cosine(0.1, 0.0, 10)", "times": "3", "mult": "2", "decay": "0.5"},
        {
            "times": (
                ("0", A, "must be >= 1, got 0"),
                ("-1", A, "must be >= 1, got -1"),
                ("2.5", A, "must be an integer, got 2.5"),
                ("1000001", L, "must be at most 1000000 (or inf), got 1000001"),
            ),
            "mult": (
                ("0.5", A, "must be in [1, 1e+06], got 0.5"),
                ("1000001", A, "must be in [1, 1e+06], got 1000001.0"),
            ),
            "decay": UNIT_LEFT_OPEN,
        },
    ),
    "BaseLRSchedule": ({"initial_value": "0.0003"}, {"initial_value": RATE}),
    "LinearLRSchedule": (
        {"initial_value": "0.0003", "final_value": "1e-05"},
        {"initial_value": RATE, "final_value": RATE},
    ),
    "CosineAnnealingLRSchedule": (
        {"initial_value": "0.0003", "final_value": "1e-05"},
        {"initial_value": RATE, "final_value": RATE},
    ),
    "ExponentialLRSchedule": (
        {"initial_value": "0.0003", "decay_rate": "0.05"},
        {"initial_value": RATE, "decay_rate": UNIT_LEFT_OPEN},
    ),
    "CosineWarmupLRSchedule": (
        {"initial_value": "0.0003", "final_value": "1e-05", "warmup_fraction": "0.1"},
        {"initial_value": RATE, "final_value": RATE, "warmup_fraction": UNIT_OPEN},
    ),
    "PolynomialLRSchedule": (
        {"initial_value": "0.0003", "final_value": "1e-05", "power": "2"},
        {"initial_value": RATE, "final_value": RATE, "power": EXPONENT},
    ),
    "TimeBased": ({"lr": "0.1", "decay": "0.01"}, {"lr": RATE, "decay": NON_NEGATIVE}),
    "StepBased": (
        {"lr": "0.1", "drop_rate": "0.5", "change_rate": "10"},
        {"lr": RATE, "drop_rate": UNIT_CLOSED, "change_rate": POSITIVE},
    ),
    "MultiStepLR": (
        {"lr": "0.1", "milestones": "[1, 3, 5]", "gamma": "0.1"},
        {"lr": RATE, "gamma": NON_NEGATIVE},
    ),
    "Exponential": (
        {"lr": "0.1", "change_rate": "0.05"},
        {"lr": RATE, "change_rate": NON_NEGATIVE},
    ),
    "ConstantScheduler": ({"lr": "0.05"}, {"lr": RATE}),
    "ExponentialScheduler": (
        {"initial_lr": "0.01", "stage_length": "500", "staircase": "False", "decay": "0.1"},
        {
            "initial_lr": RATE,
            "stage_length": POSITIVE_STEPS,
            "staircase": BOOLEAN,
            "decay": UNIT_CLOSED,
        },
    ),
    "NoamScheduler": (
        {"model_dim": "512", "scale_factor": "1", "warmup_steps": "4000"},
        {
            "model_dim": (
                ("0", A, "must be in [1, 2147483648], got 0"),
                ("2.5", A, "must be an integer, got 2.5"),
                ("2147483649", A, "must be in [1, 2147483648], got 2147483649"),
            ),
            "scale_factor": POSITIVE,
            "warmup_steps": POSITIVE_STEPS,
        },
    ),
    "Plateau": (
        {
            "initial": "0.1",
            "factor": "0.5",
            "patience": "3",
            "threshold": "1e-4",
            "mode": "max",
            "threshold_mode": "abs",
            "cooldown": "2",
            "min_lr": "0.001",
            "eps": "1e-8",
        },
        {
            "initial": RATE,
            "factor": UNIT_RIGHT_OPEN,
            "patience": COUNT,
            "threshold": NON_NEGATIVE,
            "mode": choice("min, max", "average"),
            "threshold_mode": choice("rel, abs", "relative"),
            "cooldown": COUNT,
            "min_lr": RATE,
            "eps": NON_NEGATIVE,
        },
    ),
    "Tanh": (
        {"initial": "0.1", "final": "0.0", "steps": "100", "lb": "-7", "ub": "3"},
        {
            "initial": RATE,
            "final": RATE,
            "steps": POSITIVE_STEPS,
            "lb": (
                ("-1000001", A, "must be in [-1e+06, 1e+06], got -1000001.0"),
                ("1000001", A, "must be in [-1e+06, 1e+06], got 1000001.0"),
            ),
            "ub": (
                ("-1000001", A, "must be in [-1e+06, 1e+06], got -1000001.0"),
                ("1000001", A, "must be in [-1e+06, 1e+06], got 1000001.0"),
            ),
        },
    ),
    "OneMinusSqrt": (
        {"initial": "0.1", "final": "0.0", "steps": "100"},
        {"initial": RATE, "final": RATE, "steps": POSITIVE_STEPS},
    ),
    "KingScheduler": (
        {"initial_lr": "0.01", "patience": "20", "decay": "0.9"},
        {
            "initial_lr": RATE,
            "patience": (
                ("2", A, "must be in [3, 1000000], got 2"),
                ("2.5", A, "must be an integer, got 2.5"),
                ("1000001", A, "must be in [3, 1000000], got 1000001"),
            ),
            "decay": UNIT_LEFT_OPEN,
        },
    ),
}
# Text after the call, for families that cannot stand alone.
SUFFIX = {"Warmup": " >> Cosine(0.1, 0.0, 100)"}
RANGED_TYPES = (Real, Integer, Steps, Choice, Boolean)
# Every ranged parameter of every family; a new family or parameter must be added above.
N_RANGED_PARAMS = 115


def _ranged_params():
    return {
        (name, p.name): p
        for name, cls in CORE_FAMILIES.items()
        for p in cls.params
        if isinstance(p.type, RANGED_TYPES)
    }


def _range_cases():
    for family, (_, bad) in RANGES.items():
        for param, cases in bad.items():
            for text, error, tail in cases:
                yield pytest.param(family, param, text, error, tail, id=f"{family}.{param}={text}")


def _call_with(family: str, param: str, bad: str) -> tuple[str, int]:
    """The family's valid call with ``param`` set to ``bad``, and the offset of ``bad``."""
    valid, _ = RANGES[family]
    text, offset = f"{family}(", None
    for k, (name, value) in enumerate(valid.items()):
        text += ", " if k else ""
        text += f"{name}="
        if name == param:
            offset, value = len(text), bad
        text += value
    return text + ")" + SUFFIX.get(family, ""), offset


@pytest.mark.parametrize("family", list(RANGES))
def test_valid_arguments_parse(family):
    valid, _ = RANGES[family]
    text = f"{family}({', '.join(f'{k}={v}' for k, v in valid.items())}){SUFFIX.get(family, '')}"
    s = lrspec.parse(text, total_steps=1000)
    assert isinstance(s(0), float)


@pytest.mark.parametrize(("family", "param", "bad", "error", "tail"), list(_range_cases()))
def test_out_of_range_is_rejected(family, param, bad, error, tail):
    text, offset = _call_with(family, param, bad)
    with pytest.raises(lrspec.LrspecError) as info:
        lrspec.parse(text, total_steps=1000)
    assert type(info.value) is error
    assert info.value.message == f"{family}: '{param}' {tail}"
    assert (info.value.line, info.value.column) == (1, offset), text
    assert info.value.span == (offset, offset + len(bad))


def test_range_table_covers_every_ranged_parameter():
    declared = _ranged_params()
    table = {(family, param) for family, (_, bad) in RANGES.items() for param in bad}
    assert sorted(set(declared) - table) == []
    assert sorted(table - set(declared)) == []
    assert len(declared) == N_RANGED_PARAMS
    for family, (valid, _) in RANGES.items():
        assert list(valid) == [p.name for p in families()[family].params if not p.variadic]


def _number(text):
    try:
        return int(text)
    except ValueError:
        return float(text)


@pytest.mark.parametrize("key", sorted(_ranged_params()), ids=lambda k: ".".join(k))
def test_range_table_reaches_every_declared_bound(key):
    """Each bad value sits just outside a bound the parameter really declares."""
    ptype = _ranged_params()[key].type
    texts = [text for text, _, _ in RANGES[key[0]][1][key[1]]]
    if isinstance(ptype, Boolean):
        assert any(t.replace(".", "").isdigit() for t in texts)
    elif isinstance(ptype, Choice):
        assert any(t.isidentifier() and t not in ptype.options for t in texts)
    elif isinstance(ptype, Steps):
        values = [_number(t) for t in texts]
        assert any(v <= 0 if ptype.positive else v < 0 for v in values)
        assert any(v > 2**53 for v in values)
    elif isinstance(ptype, Integer):
        values = [_number(t) for t in texts]
        assert any(isinstance(v, float) and not v.is_integer() for v in values)
        assert any(v < ptype.lo for v in values)
        if ptype.hi is not None:
            assert any(v > ptype.hi for v in values)
    else:
        values = [_number(t) for t in texts]
        if ptype.lo is not None:
            assert any(v < ptype.lo or (ptype.lo_open and v == ptype.lo) for v in values)
        if ptype.hi is not None:
            assert any(v > ptype.hi or (ptype.hi_open and v == ptype.hi) for v in values)


# Positional arguments point the caret at the value just as well.
POSITIONAL = [
    ("Cosine(0.1, 0.0, 0)", A, "Cosine: 'steps' must be > 0, got 0", 17),
    ("Cosine(-0.1, 0.0, 100)", A, "Cosine: 'initial' must be >= 0, got -0.1", 7),
    (
        "Cyclic(0.1, 1, 10, 10, tri)",
        U,
        "Cyclic: 'mode' must be one of triangular, triangular2, exp_range, got 'tri'",
        23,
    ),
    (
        "Cyclic(0.1, 1, 10, mode='tri')",
        U,
        "Cyclic: 'mode' must be one of triangular, triangular2, exp_range, got 'tri'",
        24,
    ),
    ("StepBased(0.1,1.5,10)", A, "StepBased: 'drop_rate' must be in [0, 1], got 1.5", 14),
    ("MultiStepLR(0.1;1,3,5;-0.1)", A, "MultiStepLR: 'gamma' must be >= 0, got -0.1", 22),
    ("Warmup(0) >> Constant(0.1)", A, "Warmup: 'steps' must be > 0, got 0", 7),
    (
        "Warmup(10) >> Warmup(5, -1) >> Constant(0.1)",
        A,
        "Warmup: 'start' must be >= 0, got -1.0",
        24,
    ),
    ("Constant(inf)", A, "Constant: 'lr' must be finite, got inf", 9),
    ("Cosine(0.1, 0.0, inf)", A, "Cosine: 'steps' must be finite, got inf", 17),
    (
        "ExponentialDecay(0.1, 0.5, 10, 5, 1)",
        A,
        "ExponentialDecay: 'staircase' must be true or false, got the number 1",
        34,
    ),
    ("Cosine(0.1, 5%, 100)", A, "Cosine: 'final' takes no unit, got 5%", 12),
    ("Cosine(0.1, 0.0, 0%)", A, "Cosine: 'steps' must be > 0, got 0%", 17),
    ("Cosine(0.1, 0.0, -5)", A, "Cosine: 'steps' must be > 0, got -5", 17),
    ("Repeat(Cosine(0.1, 0.0, 10), 0)", A, "Repeat: 'times' must be >= 1, got 0", 29),
]


@pytest.mark.parametrize(
    ("text", "error", "message", "column"), POSITIONAL, ids=[p[0] for p in POSITIONAL]
)
def test_positional_out_of_range(text, error, message, column):
    with pytest.raises(lrspec.LrspecError) as info:
        lrspec.parse(text)
    assert type(info.value) is error
    assert info.value.message == message
    assert info.value.column == column


# ==========================================================================================
# 3. Checks between parameters
# ==========================================================================================

CROSS = [
    (
        "values-count",
        "PiecewiseConstant([100, 200], [0.1, 0.01])",
        A,
        "PiecewiseConstant: 'values' must have one more item than 'boundaries' (3), got 2",
        30,
    ),
    (
        "values-count-too-many",
        "PiecewiseConstant(100;0.1,0.01,0.001)",
        A,
        "PiecewiseConstant: 'values' must have one more item than 'boundaries' (2), got 3",
        22,
    ),
    (
        "boundaries-order",
        "PiecewiseConstant([200, 100], [0.1, 0.01, 0.005])",
        A,
        "PiecewiseConstant: 'boundaries' must be in ascending order, got [200, 100]",
        18,
    ),
    (
        "milestones-order",
        "MultiStepLR(0.1;5,3,1;0.1)",
        A,
        "MultiStepLR: 'milestones' must be in ascending order, got [5, 3, 1]",
        16,
    ),
    (
        "milestones-order-list",
        "MultiStepLR(lr=0.1, milestones=[3, 1], gamma=0.1)",
        A,
        "MultiStepLR: 'milestones' must be in ascending order, got [3, 1]",
        31,
    ),
    (
        "milestone-negative",
        "MultiStepLR(0.1;-1,3;0.1)",
        A,
        "MultiStepLR: 'milestones' must be >= 0, got -1",
        16,
    ),
    (
        "value-negative",
        "PiecewiseConstant([100, 200], [0.1, -0.01, 0.005])",
        A,
        "PiecewiseConstant: 'values' must be >= 0, got -0.01",
        36,
    ),
    (
        "warmup-over-steps",
        "linear_decay(0.1, warmup=2000, steps=1000)",
        A,
        "linear_decay: 'warmup' must not exceed 'steps' (1000), got 2000",
        25,
    ),
    (
        "warmup-over-default-steps",
        "linear_decay(0.1, warmup=1001)",
        A,
        "linear_decay: 'warmup' must not exceed 'steps' (1000), got 1001",
        25,
    ),
    (
        "onecycle-too-short",
        "OneCycle(0.1, 3)",
        A,
        "OneCycle: 'pct_start' gives a phase of no steps (0.3 of 3 steps)",
        0,
    ),
    (
        "onecycle-empty-first-phase",
        "OneCycle(0.1, 10, pct_start=0.1)",
        A,
        "OneCycle: 'pct_start' gives a phase of no steps (0.1 of 10 steps)",
        28,
    ),
    (
        "onecycle-three-phase-overlap",
        "OneCycle(0.1, 10, pct_start=0.6, three_phase=true)",
        A,
        "OneCycle: 'pct_start' gives a phase of no steps (0.6 of 10 steps)",
        28,
    ),
    (
        "repeat-endless",
        "Repeat(Constant(0.1), 3)",
        CompositionError,
        "Repeat needs a schedule that ends; 'Constant(0.1)' never ends",
        7,
    ),
    (
        "repeat-endless-sum",
        "Repeat(Cosine(0.1, 0, 10) + InverseSqrt(0.1, 5))",
        CompositionError,
        "Repeat needs a schedule that ends; 'Cosine(0.1, 0.0, 10) + InverseSqrt(0.1, 5)' never "
        "ends",
        7,
    ),
    (
        "repeat-times-0",
        "Repeat(Cosine(0.1, 0.0, 10), 0)",
        A,
        "Repeat: 'times' must be >= 1, got 0",
        29,
    ),
    (
        "repeat-times-2.5",
        "Repeat(Cosine(0.1, 0.0, 10), times=2.5)",
        A,
        "Repeat: 'times' must be an integer, got 2.5",
        35,
    ),
    (
        "repeat-times-over-limit",
        "Repeat(Cosine(0.1, 0.0, 10), 1000001)",
        L,
        "Repeat: 'times' must be at most 1000000 (or inf), got 1000001",
        29,
    ),
]


@pytest.mark.parametrize(
    ("text", "error", "message", "column"), [c[1:] for c in CROSS], ids=[c[0] for c in CROSS]
)
def test_cross_parameter_checks(text, error, message, column):
    with pytest.raises(lrspec.LrspecError) as info:
        lrspec.parse(text)
    assert type(info.value) is error
    assert info.value.message == message
    assert info.value.column == column


def test_cross_parameter_limits_are_inclusive():
    # the largest valid values next to the rejected ones above
    assert lrspec.parse("linear_decay(0.1, warmup=1000, steps=1000)").length == 1000
    assert lrspec.parse("Repeat(Cosine(0.1, 0.0, 10), 1000000)").length == 10_000_000
    assert lrspec.parse("Repeat(Cosine(0.1, 0.0, 10), inf)").length == math.inf
    assert lrspec.parse("OneCycle(0.1, 10, pct_start=0.15)").length == 10  # first phase ends at 0.5
    assert lrspec.parse("MultiStepLR(0.1;3,3;0.1)")(3) == pytest.approx(0.001, rel=1e-12)


def test_units_are_checked_once_resolved():
    s = lrspec.parse("linear_decay(0.1, warmup=60%, steps=50%)")  # cannot be checked yet
    with pytest.raises(ArgumentError) as info:
        s.bind(total_steps=1000)
    assert info.value.message == "linear_decay: 'warmup' must not exceed 'steps' (500), got 600"
    s = lrspec.parse("MultiStepLR(0.1, [50%, 100], 0.1)")
    with pytest.raises(ArgumentError) as info:
        s.bind(total_steps=1000)
    assert info.value.message == (
        "MultiStepLR: 'milestones' must be in ascending order, got [500, 100]"
    )


# ==========================================================================================
# 4. Composition errors
# ==========================================================================================

STATEFUL_MESSAGE = (
    "Plateau(0.1) reads a metric, so it can only end a '>>' sequence or be scaled by a number"
)

COMPOSITION = [
    (
        "after-endless",
        "Constant(0.1) >> Cosine(0.1, 0, 10)",
        "'Constant(0.1)' never ends, so nothing can follow it with '>>'",
        0,
    ),
    (
        "after-endless-middle",
        "Warmup(5) >> StepLR(0.1, 10) >> Cosine(0.1, 0, 10)",
        "'StepLR(0.1, 10)' never ends, so nothing can follow it with '>>'",
        13,
    ),
    (
        "after-endless-number",
        "0.1 >> Cosine(0.1, 0, 10)",
        "'0.1' never ends, so nothing can follow it with '>>'",
        0,
    ),
    (
        "after-endless-sum",
        "Cosine(0.1, 0, 10) + InverseSqrt(0.1, 5) >> Constant(0.1)",
        "'Cosine(0.1, 0.0, 10) + InverseSqrt(0.1, 5)' never ends, so nothing can follow it with "
        "'>>'",
        0,
    ),
    ("warmup-alone", "Warmup(10)", "Warmup(10) needs a schedule after it", 0),
    ("warmup-last", "Cosine(0.1,0,10) >> Warmup(5)", "Warmup(5) needs a schedule after it", 20),
    ("warmup-in-arithmetic", "Warmup(10) + 1", "Warmup(10) needs a schedule after it", 0),
    ("warmup-in-min", "min(Warmup(10), 0.1)", "Warmup(10) needs a schedule after it", 4),
    ("warmup-in-repeat", "Repeat(Warmup(10))", "Warmup(10) needs a schedule after it", 7),
    ("warmup-sliced", "Warmup(10)[:5] >> Constant(0.1)", "Warmup(10) needs a schedule after it", 0),
    ("stateful-plus", "Plateau(0.1) + 1", STATEFUL_MESSAGE, 0),
    ("stateful-minus", "Plateau(0.1) - 0.01", STATEFUL_MESSAGE, 0),
    ("stateful-negated", "-Plateau(0.1)", STATEFUL_MESSAGE, 1),
    ("stateful-divisor", "1 / Plateau(0.1)", STATEFUL_MESSAGE, 4),
    ("stateful-times-schedule", "Plateau(0.1) * Cosine(0.1, 0, 10)", STATEFUL_MESSAGE, 0),
    ("stateful-in-min", "min(Plateau(0.1), 0.1)", STATEFUL_MESSAGE, 4),
    ("stateful-in-max", "max(0.01, Plateau(0.1))", STATEFUL_MESSAGE, 10),
    ("stateful-in-repeat", "Repeat(Plateau(0.1))", STATEFUL_MESSAGE, 7),
    ("stateful-in-repeat-sliced", "Repeat(Plateau(0.1)[:10])", STATEFUL_MESSAGE, 7),
    ("stateful-sliced", "Plateau(0.1)[:10]", STATEFUL_MESSAGE, 0),
    (
        "stateful-not-last",
        "Plateau(0.1) >> Cosine(0.1, 0, 10)",
        "'Plateau(0.1)' never ends, so nothing can follow it with '>>'",
        0,
    ),
    (
        "king-in-sum",
        "Cosine(0.1, 0, 10) >> KingScheduler() + 0.1",
        "KingScheduler() reads a metric, so it can only end a '>>' sequence or be scaled by a "
        "number",
        22,
    ),
]


@pytest.mark.parametrize(
    ("text", "message", "column"), [c[1:] for c in COMPOSITION], ids=[c[0] for c in COMPOSITION]
)
def test_composition_errors(text, message, column):
    with pytest.raises(CompositionError) as info:
        lrspec.parse(text)
    assert info.value.message == message
    assert info.value.column == column


STATEFUL_OK = [
    ("0.5 * Plateau(0.1)", 0.05),
    ("Plateau(0.1) * 0.5", 0.05),
    ("Plateau(0.1) / 2", 0.05),
    ("Warmup(10) >> Plateau(0.1) / 2", 0.0),
    ("Cosine(0.1, 0, 10) >> Plateau(0.2)", 0.1),
    ("Warmup(10) >> Cosine(0.1, 0, 10) >> KingScheduler(initial_lr=0.2)", 0.0),
    ("2 * (0.5 * Plateau(0.1))", 0.1),
]


@pytest.mark.parametrize(("text", "at_zero"), STATEFUL_OK, ids=[c[0] for c in STATEFUL_OK])
def test_stateful_where_it_may_be(text, at_zero):
    s = lrspec.parse(text)
    assert s.stateful
    assert close(s(0), at_zero)


def test_unresolved_percent_parses_but_does_not_evaluate():
    s = lrspec.parse("Warmup(5%) >> Cosine(0.1, 0, 95%)")
    assert str(s) == "Warmup(5%) >> Cosine(0.1, 0.0, 95%)"
    message = (
        "'Warmup(5%) >> Cosine(0.1, 0.0, 95%)' needs total_steps to be evaluated (it uses 5%, 95%)"
    )
    for evaluate in (lambda: s(0), lambda: s(np.array([0, 1])), lambda: s.length):
        with pytest.raises(UnitError) as info:
            evaluate()
        assert info.value.message == message
        assert info.value.hint == "pass total_steps=... to lrspec.parse() or to .bind()"
    assert close(s.bind(total_steps=1000)(50), 0.1)


def test_unresolved_epochs_name_steps_per_epoch():
    s = lrspec.parse("Warmup(2ep) >> Cosine(0.1, 0, 10)")
    with pytest.raises(UnitError) as info:
        s(0)
    assert info.value.message == (
        "'Warmup(2ep) >> Cosine(0.1, 0.0, 10)' needs steps_per_epoch to be evaluated (it uses 2ep)"
    )
    assert s.bind(steps_per_epoch=5).length == 20


def test_unresolved_both_units():
    s = lrspec.parse("Warmup(2ep) >> Cosine(0.1, 0, 50%)")
    with pytest.raises(UnitError) as info:
        s(0)
    assert info.value.message == (
        "'Warmup(2ep) >> Cosine(0.1, 0.0, 50%)' needs total_steps and "
        "steps_per_epoch to be evaluated (it uses 2ep, 50%)"
    )


# The lr_schedule families and their length once bound to total_steps=100.
WHOLE_RUN = {
    "BaseLRSchedule": INF,
    "LinearLRSchedule": 100,
    "CosineAnnealingLRSchedule": 100,
    "ExponentialLRSchedule": INF,
    "CosineWarmupLRSchedule": 100,
    "PolynomialLRSchedule": 100,
}


def test_whole_run_table_lists_every_family_that_needs_total_steps():
    assert sorted(WHOLE_RUN) == sorted(n for n, c in families().items() if c.needs_total_steps)


@pytest.mark.parametrize(("name", "length"), WHOLE_RUN.items())
def test_lr_schedule_families_need_total_steps(name, length):
    s = lrspec.parse(f"{name}()")
    assert str(s) == f"{name}()"
    with pytest.raises(UnitError) as info:
        s(0)
    assert info.value.message == f"'{name}()' needs total_steps to be evaluated"
    assert info.value.hint == "pass total_steps=... to lrspec.parse() or to .bind()"
    assert s.bind(total_steps=100).length == length


def test_lr_schedule_family_inside_a_sequence_needs_total_steps():
    s = lrspec.parse("Warmup(10) >> LinearLRSchedule()")
    with pytest.raises(UnitError) as info:
        s(0)
    assert info.value.message == (
        "'Warmup(10) >> LinearLRSchedule()' needs total_steps to be evaluated"
    )
    bound = s.bind(total_steps=100)
    assert bound.length == 110
    assert close(bound(110), 0.0) and close(bound(10), 0.001) and close(bound(5), 0.0005)
