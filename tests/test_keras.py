"""lrspec.keras: values, a compiled training loop, and serialization through keras.saving."""

from __future__ import annotations

import json
import os
import subprocess
import sys

os.environ["KERAS_BACKEND"] = "jax"  # before Keras is first imported

import keras
import numpy as np
import pytest

import lrspec
import lrspec.keras

from conftest import ROOT, conformance_traces

PURE = [t for t in conformance_traces() if "losses" not in t]
F32 = np.finfo(np.float32).eps


def _close32(got, want) -> bool:
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    return bool(np.max(np.abs(got - want)) <= 16 * F32 * np.max(np.abs(want)))


def test_importing_lrspec_loads_no_framework():
    code = (
        "import sys, lrspec, lrspec.keras, lrspec.sb3\n"
        "print(sorted(m for m in ('torch', 'jax', 'keras', 'optax', 'stable_baselines3')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.stdout.strip() == "[]"


def test_backend_is_the_one_the_tests_chose():
    assert keras.backend.backend() == "jax" and keras.config.floatx() == "float32"


@pytest.mark.parametrize("trace", PURE, ids=lambda t: t["id"])
def test_trace_in_float32(trace):
    bind = trace.get("bind", {})
    schedule = lrspec.keras.LrspecSchedule(trace["spec"], **bind)
    got = keras.ops.convert_to_numpy(schedule(np.array(trace["steps"])))
    assert got.dtype == np.float32
    assert _close32(got, lrspec.parse(trace["spec"], **bind)(np.array(trace["steps"])))


def test_a_compiled_train_step_applies_the_schedule():
    # loss = w and w reset to 0 before each step, so each SGD step leaves w = -rate(step).
    spec = "Warmup(5) >> Cosine(0.1, 0.01, 15)"
    dense = keras.layers.Dense(1, use_bias=False, kernel_initializer="zeros")
    model = keras.Sequential([keras.Input((1,)), dense])
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=lrspec.keras.schedule(spec)),
        loss=lambda y_true, y_pred: keras.ops.mean(y_pred),
    )
    applied = []
    for _ in range(25):
        dense.kernel.assign(np.zeros((1, 1)))
        model.train_on_batch(np.ones((1, 1)), np.zeros((1, 1)))
        applied.append(-float(keras.ops.convert_to_numpy(dense.kernel)[0, 0]))
    assert int(model.optimizer.iterations) == 25
    assert _close32(applied, lrspec.parse(spec)(np.arange(25)))
    assert _close32([float(model.optimizer.learning_rate)], [lrspec.parse(spec)(25)])


def test_config_holds_the_text_and_round_trips():
    schedule = lrspec.keras.schedule("Warmup(5%) >> Cosine(3e-4,0,95%)", total_steps=1000)
    assert schedule.get_config() == {
        "spec": "Warmup(5%) >> Cosine(0.0003, 0.0, 95%)",
        "total_steps": 1000,
        "steps_per_epoch": None,
        "samples_per_step": None,
        "tokens_per_step": None,
    }
    serialized = json.loads(json.dumps(keras.optimizers.schedules.serialize(schedule)))
    assert serialized["registered_name"] == "lrspec>LrspecSchedule"
    again = keras.optimizers.schedules.deserialize(serialized)
    assert isinstance(again, lrspec.keras.LrspecSchedule)
    assert again.schedule == schedule.schedule and float(again(500)) == float(schedule(500))
    generic = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(schedule))
    assert generic.get_config() == schedule.get_config()
    optimizer = keras.optimizers.AdamW(learning_rate=schedule)
    rebuilt = keras.optimizers.AdamW.from_config(optimizer.get_config())
    assert rebuilt.learning_rate is not None
    assert rebuilt._learning_rate.get_config() == schedule.get_config()


def test_a_saved_model_loads_its_schedule_in_a_new_process(tmp_path):
    spec = "Warmup(10) >> Cosine(0.05, 0.0, 90)"
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=lrspec.keras.schedule(spec)), loss="mse"
    )
    model.fit(np.ones((8, 2)), np.zeros((8, 1)), batch_size=2, epochs=1, verbose=0)
    path = str(tmp_path / "model.keras")
    model.save(path)
    code = (
        "import os, sys, json; os.environ['KERAS_BACKEND'] = 'jax'\n"
        "import keras, lrspec.keras\n"
        "model = keras.saving.load_model(sys.argv[1])\n"
        "opt = model.optimizer\n"
        "print(json.dumps([opt._learning_rate.get_config(), int(opt.iterations),"
        " float(opt.learning_rate)]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, path],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        cwd=ROOT,
    )
    config, iterations, rate = json.loads(result.stdout.splitlines()[-1])
    assert config == {
        "spec": spec,
        "total_steps": None,
        "steps_per_epoch": None,
        "samples_per_step": None,
        "tokens_per_step": None,
    }
    assert iterations == 4 and _close32([rate], [lrspec.parse(spec)(4)])


def test_stateful_and_unbound_specs_are_clear_errors():
    with pytest.raises(lrspec.StateError, match="reads a metric"):
        lrspec.keras.schedule("Plateau(0.1)")
    with pytest.raises(lrspec.UnitError, match="needs total_steps") as error:
        lrspec.keras.schedule("Linear(0.1, 0.0, 100%)")
    assert error.value.hint == "pass total_steps=... to lrspec.keras.schedule()"
    assert repr(lrspec.keras.schedule("Cosine(0.1, 0.0, 10)")) == (
        "lrspec.keras.LrspecSchedule(lrspec.parse('Cosine(0.1, 0.0, 10)'))"
    )


def test_tokens_per_step_resolve_token_units_and_round_trip():
    schedule = lrspec.keras.schedule("Warmup(2048000tok) >> Constant(1e-3)", tokens_per_step=4096)
    assert schedule.get_config()["tokens_per_step"] == 4096
    assert _close32([schedule(250)], [0.0005])
    again = keras.optimizers.schedules.deserialize(keras.optimizers.schedules.serialize(schedule))
    assert again.schedule == schedule.schedule
    # A config saved before the last two sizes existed still loads.
    old = lrspec.keras.LrspecSchedule.from_config(
        {"spec": "Cosine(0.1, 0.0, 10)", "total_steps": None, "steps_per_epoch": None}
    )
    assert _close32([old(5)], [0.05])
