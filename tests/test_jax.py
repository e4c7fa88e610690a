"""lrspec.jax: every pure conformance trace under jax.jit, in float64 and in float32, and optax."""

from __future__ import annotations

import json
import subprocess
import sys

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

import lrspec
import lrspec.jax

from conftest import ROOT, conformance_traces

PURE = [t for t in conformance_traces() if "losses" not in t]


def _schedule(trace) -> lrspec.Schedule:
    return lrspec.parse(trace["spec"], **trace.get("bind", {}))


#: The README's claim, in epsilons of the dtype times the schedule's largest value: measured
#: over every step of the pure traces, at most 2.97 in float32 and 5.3 in float64.
EPSILONS = {np.float32: 4, np.float64: 8}


def _assert_rounding(got, want, dtype) -> None:
    """Equal within a few epsilons of ``dtype`` at the schedule's scale. XLA's cos, exp and
    pow differ from NumPy's in the last bits, and XLA may simplify ``1 - (1 - x)``; near a
    zero of the curve (a cosine ending at 0) the last bits of the scale are all that is left,
    so the bound is relative to the largest value, not to each value."""
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    allowed = EPSILONS[dtype] * np.finfo(dtype).eps * np.max(np.abs(want))
    assert np.max(np.abs(got - want)) <= allowed


@pytest.mark.parametrize("trace", PURE, ids=lambda t: t["id"])
def test_trace_under_jit_in_float64(trace):
    steps = np.array(trace["steps"])
    with jax.enable_x64(True):
        got = jax.jit(lrspec.jax.schedule(trace["spec"], **trace.get("bind", {})))(steps)
        assert got.dtype == jnp.float64 and got.shape == steps.shape
        got = np.asarray(got)
    want = np.array(trace["lr"])
    assert np.all(np.abs(got - want) <= trace["atol"] + trace["rtol"] * np.abs(want))
    _assert_rounding(got, _schedule(trace)(steps), np.float64)


@pytest.mark.parametrize("trace", PURE, ids=lambda t: t["id"])
def test_trace_under_jit_in_float32(trace):
    steps = np.array(trace["steps"])
    with jax.enable_x64(False):
        got = jax.jit(lrspec.jax.schedule(trace["spec"], **trace.get("bind", {})))(steps)
        assert got.dtype == jnp.float32
    _assert_rounding(got, _schedule(trace)(steps), np.float32)


def test_scalar_steps_and_int32_counts():
    lr = lrspec.jax.schedule("Warmup(100) >> Cosine(0.1, 0.0, 900)")
    with jax.enable_x64(True):
        assert float(lr(250)) == pytest.approx(lrspec.parse(str(lr.schedule))(250), rel=1e-15)
        assert float(jax.jit(lr)(jnp.int32(50))) == 0.05
        assert lr(jnp.zeros((2, 3), dtype=jnp.int32)).shape == (2, 3)


@pytest.mark.parametrize("x64", [True, False])
def test_optax_applies_the_schedule(x64):
    spec = "Warmup(10) >> Cosine(0.1, 0.0, 90)"
    s = lrspec.parse(spec)
    with jax.enable_x64(x64):
        lr = lrspec.jax.schedule(spec)
        optimizer = optax.sgd(learning_rate=lr)
        params = {"w": jnp.zeros(())}
        state = optimizer.init(params)
        update = jax.jit(optimizer.update)
        applied = []
        for _ in range(120):  # with a gradient of 1, the update is -lr(count)
            updates, state = update({"w": jnp.ones(())}, state)
            applied.append(-float(updates["w"]))
    _assert_rounding(applied, s(np.arange(120)), np.float64 if x64 else np.float32)


def test_stateful_and_unbound_specs_are_clear_errors():
    with pytest.raises(lrspec.StateError, match="reads a metric"):
        lrspec.jax.schedule("Plateau(0.1)")
    with pytest.raises(lrspec.UnitError, match="needs total_steps") as error:
        lrspec.jax.schedule("Cosine(0.1, 0.0, 100%)")
    assert error.value.hint == "pass total_steps=... to lrspec.jax.schedule()"
    bound = lrspec.jax.schedule("Cosine(0.1, 0.0, 100%)", total_steps=200)
    assert float(bound(100)) == pytest.approx(0.05, rel=1e-6)
    as_dict = lrspec.jax.schedule(
        {"family": "Cosine", "args": {"initial": 0.1, "final": 0.0, "steps": 200}}
    )
    assert str(as_dict.schedule) == "Cosine(0.1, 0.0, 200)"


def test_the_example_trains_and_prints_its_schedule():
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "jax_train.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "schedule: Warmup(40) >> Cosine(0.05, 0.001, 360)"
    final = json.loads(lines[-1])
    s = lrspec.parse("Warmup(40) >> Cosine(0.05, 0.001, 360)")
    _assert_rounding(final["rates"], s(np.arange(0, 400, 50)), np.float32)
    assert final["rates"][0] == 0.0 and final["last_loss"] < final["first_loss"] / 4


# The README's float32 claim: every value within two float32 roundings of the schedule's
# largest value, at every step of long schedules (measured: at most 1.5 of one rounding).
LONG = [
    "Warmup(500) >> Cosine(0.1, 0.0, 10000)",
    "Cosine(0.1, 0.0, 1000000)",
    "Linear(0.1, 0.0, 100000)",
    "Warmup(2000) >> Cosine(3e-4, 3e-5, 98000)",
    "OneCycle(0.1, 50000)",
    "Repeat(Cosine(0.1, 0.0, 3000), 10)",
]


@pytest.mark.parametrize("spec", LONG)
def test_float32_values_stay_within_two_roundings_of_the_scale(spec):
    s = lrspec.parse(spec)
    steps = np.arange(0, int(s.length) + 2)
    with jax.enable_x64(False):
        got = np.asarray(jax.jit(lrspec.jax.schedule(spec))(steps), dtype=np.float64)
    want = s(steps)
    assert np.max(np.abs(got - want)) <= 2 * np.finfo(np.float32).eps * np.max(want)


def test_the_float32_error_is_absolute_not_relative():
    # What the README says in its second half: near the end of a cosine to 0 the value is far
    # below the scale's rounding, and float32 keeps little of it.
    s = lrspec.parse("Cosine(0.1, 0.0, 1000000)")
    with jax.enable_x64(False):
        last = float(jax.jit(lrspec.jax.schedule(s))(999_999))
    assert s(999_999) == pytest.approx(2.4674011002723395e-13, rel=1e-12)
    assert abs(last - s(999_999)) <= 2 * np.finfo(np.float32).eps * 0.1
    assert abs(last - s(999_999)) > 0.5 * s(999_999)


def test_steps_may_be_numpy_and_torch_scalars_outside_jit():
    import torch

    lr = lrspec.jax.schedule("Warmup(100) >> Cosine(0.1, 0.0, 900)")
    with jax.enable_x64(True):
        want = float(lr(250))
        for step in (np.int64(250), np.float32(250), torch.tensor(250), jnp.int32(250)):
            assert float(lr(step)) == want


def test_any_optax_hyperparameter_under_jit():
    # inject_hyperparams evaluates each schedule at the update's count, inside jit.
    specs = {
        "learning_rate": "Warmup(10) >> Cosine(1e-2, 0.0, 90)",
        "b1": "Linear(0.85, 0.95, 50)",
        "weight_decay": "MultiStepLR(0.1, [30, 60], 0.5)",
    }
    with jax.enable_x64(True):
        hyper = lrspec.jax.hyperparameters(**specs)
        assert sorted(hyper) == sorted(specs)
        optimizer = optax.inject_hyperparams(optax.adamw)(**hyper)
        params = {"w": jnp.ones(3)}
        state = optimizer.init(params)
        update = jax.jit(optimizer.update)
        seen = {name: [] for name in specs}
        for _ in range(100):
            updates, state = update({"w": jnp.ones(3)}, state, params)
            params = optax.apply_updates(params, updates)
            for name in specs:  # the values the update just used
                seen[name].append(float(state.hyperparams[name]))
    for name, spec in specs.items():
        want = lrspec.parse(spec)(np.arange(100))
        _assert_rounding(seen[name], want, np.float64)
    assert seen["weight_decay"][29:31] == [0.1, 0.05] and seen["b1"][50] == 0.95
    with pytest.raises(lrspec.UnitError) as error:
        lrspec.jax.hyperparameters(b2="Linear(0.99, 0.999, 100%)")
    assert error.value.hint == "pass total_steps=... to lrspec.jax.hyperparameters()"
    with pytest.raises(lrspec.StateError, match="reads a metric"):
        lrspec.jax.hyperparameters(learning_rate="Plateau(0.1)")


def test_token_and_sample_units_reach_the_jax_adapter():
    # The GPT-3 schedule: 375 million tokens of warmup, a cosine over 260 billion, at
    # 524,288 tokens a step.
    spec = "Warmup(375e6tok) >> Cosine(6e-4, 6e-5, 260e9tok)"
    steps = np.array([0, 100, 715, 716, 100_000, 496_000, 497_000])
    want = lrspec.parse(spec, tokens_per_step=524_288)(steps)
    with jax.enable_x64(True):
        got = jax.jit(lrspec.jax.schedule(spec, tokens_per_step=524_288))(steps)
    _assert_rounding(got, want, np.float64)
    assert want[0] == 0.0 and want[-1] == 6e-5
    with pytest.raises(lrspec.UnitError) as error:
        lrspec.jax.schedule(spec)
    assert error.value.hint == "pass tokens_per_step=... to lrspec.jax.schedule()"
    samples = lrspec.jax.schedule("Warmup(1000sp) >> Constant(0.1)", samples_per_step=100)
    with jax.enable_x64(True):
        assert float(samples(5)) == 0.05
