"""The desugarings of LANGUAGE.md section 3 and the ``lr_schedule`` table of section 4
(acceptance point 3): each library's schedule equals its lrspec spelling, rtol 1e-12.

The reference formulas (Hugging Face, optax, lr_schedule) are written out below from
the libraries' sources, in float64 and in the libraries' own order of operations, so the comparison is
with the libraries' arithmetic, not with lrspec's.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import lrspec

RTOL = 1e-12
# An absolute tolerance of 1e-15 times the schedule's largest rate, for the last steps of a
# cosine that ends at 0: there the rate is peak * (1 + cos(x)) / 2 with cos(x) close to -1,
# where one ulp of cos (1.1e-16) is a large relative difference, and lrspec may take NumPy's
# SIMD cos where the references use math.cos (lrspec.compute.math_namespaces). On the machine these tests were
# written on every comparison also passes with atol 0.
ATOL = 1e-15


def _assert_close(got, expected, steps, context, atol=0.0):
    got = np.asarray(got, dtype=float)
    expected = np.asarray(expected, dtype=float)
    ok = np.abs(got - expected) <= atol + RTOL * np.maximum(np.abs(got), np.abs(expected))
    if not ok.all():
        bad = [
            (int(t), float(g), float(e)) for t, g, e, k in zip(steps, got, expected, ok) if not k
        ][:5]
        pytest.fail(
            f"{context}: {int((~ok).sum())} steps differ, first (step, got, expected): {bad}"
        )


def _values(schedule, steps):
    """The per-step path and the array path must both be right; check both."""
    return [schedule(t) for t in steps], schedule(np.array(steps))


# ---------------------------------------------------------------------------------------------
# numpy-ml's NoamScheduler == Warmup(w) >> InverseSqrt(p, w) for t >= 1,
# p = s * d**-0.5 * w**-0.5 computed in Python.

NOAM = [
    pytest.param(512, 1, 4000, id="defaults"),
    pytest.param(256, 2.0, 100, id="d256-s2-w100"),
    pytest.param(1024, 0.5, 1, id="warmup-1"),
    pytest.param(64, 1.0, 7, id="d64-w7"),
    pytest.param(4096, 3.7, 12345, id="d4096-w12345"),
    pytest.param(1, 0.001, 2, id="d1-tiny-scale"),
]


@pytest.mark.parametrize("d, s, w", NOAM)
def test_noam_is_warmup_then_inverse_sqrt(d, s, w):
    noam = lrspec.parse(f"NoamScheduler(model_dim={d}, scale_factor={s}, warmup_steps={w})")
    p = s * d**-0.5 * w**-0.5
    sugar = lrspec.parse(f"Warmup({w}) >> InverseSqrt({p!r}, {w})")
    steps = list(range(1, 3 * w + 50)) + [10**5, 10**6, 10**7, 10**9, 10**12]
    for noam_values, sugar_values in zip(_values(noam, steps), _values(sugar, steps)):
        _assert_close(noam_values, sugar_values, steps, f"Noam({d}, {s}, {w})")
    # The peak is at w, on both sides of the desugaring.
    assert _close_scalar(noam(w), p)
    # Noam is 0 at t = 0 (LANGUAGE.md 4), and so is the warmup.
    assert noam(0) == 0.0 == sugar(0)


def _close_scalar(a, b):
    return abs(a - b) <= RTOL * max(abs(a), abs(b))


# ---------------------------------------------------------------------------------------------
# Hugging Face: lr * lambda(step), with the lambdas of transformers/optimization.py.


def _hf_cosine_lambda(s, W, N, num_cycles=0.5, min_lr_rate=0.0):
    """``_get_cosine_schedule_with_warmup_lr_lambda`` (the second definition, which the
    module resolves to; transformers/optimization.py)."""
    if s < W:
        return float(s) / float(max(1, W))
    progress = float(s - W) / float(max(1, N - W))
    factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
    factor = factor * (1 - min_lr_rate) + min_lr_rate
    return max(0, factor)


def _hf_linear_lambda(s, W, N):
    """``_get_linear_schedule_with_warmup_lr_lambda``."""
    if s < W:
        return float(s) / float(max(1, W))
    return max(0.0, float(N - s) / float(max(1, N - W)))


HF = [
    pytest.param(5e-5, 500, 2500, id="lr5e-5-W500-N2500"),
    pytest.param(0.1, 10, 100, id="lr0.1-W10-N100"),
    pytest.param(3e-4, 1, 50, id="warmup-1"),
    pytest.param(1.0, 100, 1000, id="lr1-W100-N1000"),
    pytest.param(2e-5, 999, 1000, id="one-decay-step"),
]


@pytest.mark.parametrize("lr, W, N", HF)
def test_hf_cosine_with_warmup(lr, W, N):
    schedule = lrspec.parse(f"Warmup({W}) >> Cosine({lr!r}, 0, {N - W})")
    steps = list(range(0, N + 1))
    expected = [lr * _hf_cosine_lambda(s, W, N) for s in steps]
    for values in _values(schedule, steps):
        _assert_close(values, expected, steps, f"HF cosine lr={lr} W={W} N={N}", atol=ATOL * lr)
    assert schedule(N) == 0.0
    # Past num_training_steps the two part ways, on purpose: HF's lambda is cos(pi * p) with
    # p > 1, unclamped, so it climbs back up from N + 1 on (the Trainer never gets there; with
    # N - W = 1 it even returns to the full rate at N + 1); a finite lrspec
    # schedule holds its final value (LANGUAGE.md 1).
    after = list(range(N + 1, N + 51))
    for values in _values(schedule, after):
        assert list(values) == [0.0] * len(after)
    assert lr * _hf_cosine_lambda(N + 1, W, N) > 0.0


@pytest.mark.parametrize("lr, W, N", HF)
def test_hf_linear_with_warmup(lr, W, N):
    schedule = lrspec.parse(f"Warmup({W}) >> Linear({lr!r}, 0.0, {N - W})")
    steps = list(range(0, N + 51))  # HF's max(0.0, ...) holds 0 after N, as lrspec does
    expected = [lr * _hf_linear_lambda(s, W, N) for s in steps]
    for values in _values(schedule, steps):
        _assert_close(values, expected, steps, f"HF linear lr={lr} W={W} N={N}")


# ---------------------------------------------------------------------------------------------
# optax.warmup_cosine_decay_schedule(init, peak, warmup_steps, decay_steps, end_value), in
# float64: join_schedules([linear_schedule(init, peak, w), cosine_decay_schedule(peak,
# decay_steps - w, alpha=end/peak)], [w]).


def _optax_warmup_cosine_decay(init, peak, warmup_steps, decay_steps, end_value=0.0, exponent=1.0):
    alpha = 0.0 if peak == 0 else end_value / peak
    cosine_steps = decay_steps - warmup_steps

    def linear(count):  # polynomial_schedule(init, peak, power=1, transition_steps=w)
        count = min(max(count - 0, 0), warmup_steps)
        frac = 1 - count / warmup_steps
        return (init - peak) * (frac**1) + peak

    def cosine(count):  # cosine_decay_schedule(peak, cosine_steps, alpha, exponent)
        count = min(count, cosine_steps)
        cosine_decay = 0.5 * (1 + math.cos(math.pi * count / cosine_steps))
        decayed = (1 - alpha) * cosine_decay**exponent + alpha
        return peak * decayed

    def schedule(step):  # join_schedules: at step == boundary the next one starts, at 0
        return linear(step) if step < warmup_steps else cosine(step - warmup_steps)

    return schedule


OPTAX = [
    pytest.param(0.0, 1e-3, 100, 1000, 0.0, id="from-0-to-0"),
    pytest.param(1e-5, 3e-4, 50, 500, 1e-6, id="init-and-end"),
    pytest.param(0.01, 0.1, 10, 110, 0.001, id="short"),
    pytest.param(0.0, 1.0, 1, 20, 0.0, id="warmup-1"),
    pytest.param(0.2, 0.1, 30, 300, 0.05, id="warmup-goes-down"),
]


@pytest.mark.parametrize("init, peak, w, decay_steps, end", OPTAX)
def test_optax_warmup_cosine_decay(init, peak, w, decay_steps, end):
    reference = _optax_warmup_cosine_decay(init, peak, w, decay_steps, end)
    schedule = lrspec.parse(
        f"Warmup({w}, {init!r}) >> Cosine({peak!r}, {end!r}, {decay_steps - w})"
    )
    steps = list(range(0, decay_steps + 51))  # optax clamps past decay_steps too
    expected = [reference(s) for s in steps]
    for values in _values(schedule, steps):
        _assert_close(
            values,
            expected,
            steps,
            f"optax warmup_cosine_decay({init}, {peak}, {w}, {decay_steps}, {end})",
            atol=ATOL * max(init, peak),
        )


# ---------------------------------------------------------------------------------------------
# The lr_schedule module (trading/src/alg/agents/lr_schedule.py): each family equals its 100% canonical form
# when both are bound to the same total_steps, and equals the module's own function of
# progress_remaining = 1 - t / T over the run.


def _module_func(kind, i, f, extra):
    """``BaseLRSchedule.create({...}).func`` as the module writes it (pr -> lr)."""
    if kind == "constant":
        return lambda pr: i
    if kind == "linear":
        return lambda pr: pr * i + (1.0 - pr) * f
    if kind == "cosine":

        def cosine(pr):
            p = 1.0 - pr
            return f + 0.5 * (i - f) * (1.0 + math.cos(math.pi * p))

        return cosine
    if kind == "exponential":

        def exponential(pr):
            p = 1.0 - pr
            return i * extra**p

        return exponential
    if kind == "cosine_warmup":
        wf = extra

        def cosine_warmup(pr):
            p = 1.0 - pr
            if p < wf:
                return i * (p / wf)
            c = (p - wf) / (1.0 - wf)
            return f + 0.5 * (i - f) * (1.0 + math.cos(math.pi * c))

        return cosine_warmup
    if kind == "polynomial":
        return lambda pr: (i - f) * (pr**extra) + f
    raise AssertionError(kind)


# (id, module type, family text, canonical text, T, initial, final, extra)
LR_SCHEDULE = [
    (
        "constant",
        "constant",
        "BaseLRSchedule(initial_value=0.0003)",
        "Constant(0.0003)",
        1000,
        3e-4,
        None,
        None,
    ),
    (
        "linear",
        "linear",
        "LinearLRSchedule(initial_value=0.001, final_value=1e-05)",
        "Linear(0.001, 1e-05, 100%)",
        1000,
        1e-3,
        1e-5,
        None,
    ),
    (
        "linear-to-0",
        "linear",
        "LinearLRSchedule(initial_value=0.1, final_value=0.0)",
        "Linear(0.1, 0.0, 100%)",
        777,
        0.1,
        0.0,
        None,
    ),
    (
        "cosine",
        "cosine",
        "CosineAnnealingLRSchedule(initial_value=0.001, final_value=1e-05)",
        "Cosine(0.001, 1e-05, 100%)",
        1000,
        1e-3,
        1e-5,
        None,
    ),
    (
        "cosine-to-0",
        "cosine",
        "CosineAnnealingLRSchedule(initial_value=0.5, final_value=0.0)",
        "Cosine(0.5, 0.0, 100%)",
        2000,
        0.5,
        0.0,
        None,
    ),
    (
        "exponential",
        "exponential",
        "ExponentialLRSchedule(initial_value=0.001, decay_rate=0.1)",
        "ExponentialDecay(0.001, 0.1, 100%)",
        1000,
        1e-3,
        None,
        0.1,
    ),
    (
        "exponential-half",
        "exponential",
        "ExponentialLRSchedule(initial_value=0.1, decay_rate=0.5)",
        "ExponentialDecay(0.1, 0.5, 100%)",
        300,
        0.1,
        None,
        0.5,
    ),
    (
        "cosine-warmup-10",
        "cosine_warmup",
        "CosineWarmupLRSchedule(initial_value=0.001, final_value=0.0, warmup_fraction=0.1)",
        "Warmup(10%) >> Cosine(0.001, 0.0, 90%)",
        1000,
        1e-3,
        0.0,
        0.1,
    ),
    (
        "cosine-warmup-25",
        "cosine_warmup",
        "CosineWarmupLRSchedule(initial_value=0.1, final_value=0.001, warmup_fraction=0.25)",
        "Warmup(25%) >> Cosine(0.1, 0.001, 75%)",
        400,
        0.1,
        1e-3,
        0.25,
    ),
    (
        "cosine-warmup-5",
        "cosine_warmup",
        "CosineWarmupLRSchedule(initial_value=0.0003, final_value=3e-05, warmup_fraction=0.05)",
        "Warmup(5%) >> Cosine(0.0003, 3e-05, 95%)",
        2000,
        3e-4,
        3e-5,
        0.05,
    ),
    (
        "cosine-warmup-50",
        "cosine_warmup",
        "CosineWarmupLRSchedule(initial_value=1.0, final_value=0.0, warmup_fraction=0.5)",
        "Warmup(50%) >> Cosine(1.0, 0.0, 50%)",
        100,
        1.0,
        0.0,
        0.5,
    ),
    (
        "polynomial",
        "polynomial",
        "PolynomialLRSchedule(initial_value=0.001, final_value=1e-05, power=2.0)",
        "Polynomial(0.001, 1e-05, 100%, power=2.0)",
        1000,
        1e-3,
        1e-5,
        2.0,
    ),
    (
        "polynomial-sqrt",
        "polynomial",
        "PolynomialLRSchedule(initial_value=0.1, final_value=0.0, power=0.5)",
        "Polynomial(0.1, 0.0, 100%, power=0.5)",
        500,
        0.1,
        0.0,
        0.5,
    ),
    (
        "polynomial-0",
        "polynomial",
        "PolynomialLRSchedule(initial_value=0.1, final_value=0.01, power=0)",
        "Polynomial(0.1, 0.01, 100%, power=0)",
        50,
        0.1,
        0.01,
        0.0,
    ),
]


@pytest.mark.parametrize(
    "kind, family, canonical, T, i, f, extra",
    [pytest.param(*row[1:], id=row[0]) for row in LR_SCHEDULE],
)
def test_lr_schedule_family_equals_its_canonical_form(kind, family, canonical, T, i, f, extra):
    by_family = lrspec.parse(family, total_steps=T)
    by_canonical = lrspec.parse(canonical, total_steps=T)
    steps = list(range(0, T + 11))
    atol = ATOL * max(i, f or 0.0)
    for got, expected in zip(_values(by_family, steps), _values(by_canonical, steps)):
        _assert_close(got, expected, steps, f"{family} vs {canonical}, T={T}", atol=atol)

    # Over the run, both are the module's own function of progress_remaining (SB3's
    # pr = 1.0 - float(num_timesteps) / float(total_timesteps)).
    func = _module_func(kind, i, f, extra)
    run = list(range(0, T + 1))
    module = [func(1.0 - float(t) / float(T)) for t in run]
    for values in _values(by_family, run) + _values(by_canonical, run):
        _assert_close(values, module, run, f"{family} vs the module, T={T}", atol=atol)


def test_cosine_warmup_boundary_fuzz_is_the_modules_own():
    # lr_schedule.py's CosineWarmupLRSchedule: with wf = 0.1 and T = 1000, step 100 gives pr = 0.9 and
    # p = 1 - 0.9 = 0.09999999999999998 < 0.1, so the module is still in its warmup branch
    # there and returns initial * 0.9999999999999998. The lrspec family reproduces that bit for
    # bit; the canonical form has finished its 100-step Warmup and starts the Cosine at exactly
    # `initial`. They differ by one rounding, far inside rtol 1e-12, and this is the only step
    # of the run where the branch choice differs.
    T, i = 1000, 0.1
    family = lrspec.parse(
        "CosineWarmupLRSchedule(initial_value=0.1, final_value=0.0, warmup_fraction=0.1)",
        total_steps=T,
    )
    canonical = lrspec.parse("Warmup(10%) >> Cosine(0.1, 0.0, 90%)", total_steps=T)
    module = _module_func("cosine_warmup", i, 0.0, 0.1)
    assert 1.0 - (1.0 - 100 / 1000) == 0.09999999999999998
    assert module(0.9) == i * 0.9999999999999998 == family(100)
    assert family(np.array([100])).tolist() == [family(100)]
    assert canonical(100) == i
    assert abs(family(100) - canonical(100)) <= RTOL * i
    # Every other step of the run takes the same branch on both sides: warmup before the
    # boundary, cosine after it.
    in_warmup = [t for t in range(T + 1) if 1.0 - (1.0 - float(t) / float(T)) < 0.1]
    assert in_warmup == list(range(0, 101))
