"""Config values and files: lrspec.load, the dict form through JSON/YAML/TOML, pydantic,
argparse and click, and the config forms of the seed libraries."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import subprocess
import sys

import numpy as np
import pytest
import tomli_w
import yaml
from hypothesis import HealthCheck, given, settings

import lrspec
from lrspec import ConfigError

from conftest import ROOT, conformance_traces
from schedule_strategies import BIND, pure_specs

STEPS = [0, 1, 7.5, 99, 100, 101, 500, 999, 1000, 1001, 12345, 10**7]
TRACES = conformance_traces()


def _values(schedule):
    return [schedule(t) for t in STEPS]


# -- every form a field may hold -------------------------------------------------------------


def test_load_text_dict_number_and_schedule():
    text = "Warmup(500) >> Cosine(0.1, 0.0, 10000)"
    schedule = lrspec.parse(text)
    assert lrspec.load(text) == schedule
    assert lrspec.load(schedule.to_dict()) == schedule
    assert lrspec.load(schedule) is schedule
    assert lrspec.load(0.1) == lrspec.parse("0.1") and lrspec.load(2)(5) == 2.0
    assert lrspec.load("Cosine(0.1, 0, 50%)", total_steps=200) == lrspec.parse(
        "Cosine(0.1, 0, 50%)", total_steps=200
    )
    # A dict without the format version is read as format 1.
    assert lrspec.load(
        {"family": "Cosine", "args": {"initial": 0.1, "final": 0.0, "steps": 10000}}
    ) == lrspec.parse("Cosine(0.1, 0.0, 10000)")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([1, 2], "cannot make a schedule from list [1, 2]"),
        (None, "cannot make a schedule from NoneType None"),
        (True, "cannot make a schedule from bool True"),
        ({"learning_rate": 0.1}, "a dict with keys ['learning_rate'] is not a schedule"),
        ({"type": "triangle"}, "unknown lr_schedule type 'triangle'"),
        (
            {"hyperparameters": {"id": "WarmupScheduler"}},
            "unknown numpy-ml scheduler id 'WarmupScheduler'",
        ),
        (
            {"hyperparameters": {"lr": 0.1}},
            "numpy-ml's dict form needs 'hyperparameters' with an 'id'",
        ),
        (
            {"lrspec": 2, "family": "Constant", "args": {"lr": 0.1}},
            "unsupported lrspec dict format 2; this lrspec reads format 1",
        ),
        (
            {"family": "Constant", "args": {"lr": 0.1}, "extra": 1},
            "at $: unexpected key(s) ['extra']",
        ),
    ],
)
def test_unknown_shapes_say_what_is_accepted(value, message):
    with pytest.raises(ConfigError) as caught:
        lrspec.load(value)
    assert caught.value.message == message


def test_the_accepted_shapes_are_listed():
    with pytest.raises(ConfigError) as caught:
        lrspec.load([0.1])
    assert caught.value.hint == lrspec.formats.config.ACCEPTED
    assert "lr_schedule dict" in caught.value.hint and "numpy-ml" in caught.value.hint


# -- the lr_schedule module's create(cfg) forms -------------------------------------------


def _lr_schedule(cfg, pr):
    """The module's func(progress_remaining) for a create() dict (trading/src/alg/agents/lr_schedule.py)."""
    i, f = cfg.get("initial_value", 0.001), cfg.get("final_value", 0.0)
    p = 1.0 - pr
    kind = cfg.get("type", "constant")
    if kind == "constant":
        return i
    if kind == "linear":
        return pr * i + (1.0 - pr) * f
    if kind == "cosine":
        return f + 0.5 * (i - f) * (1.0 + math.cos(math.pi * p))
    if kind == "exponential":
        return i * cfg.get("decay_rate", 0.1) ** p
    if kind == "cosine_warmup":
        wf = cfg.get("warmup_fraction", 0.1)
        if p < wf:
            return i * (p / wf)
        c = (p - wf) / (1.0 - wf)
        return f + 0.5 * (i - f) * (1.0 + math.cos(math.pi * c))
    return (i - f) * (pr ** cfg.get("power", 2.0)) + f


LR_SCHEDULE_FORMS = [
    {"initial_value": 3e-4},
    {"type": "constant", "initial_value": 3e-4},
    {"type": "linear", "initial_value": 3e-4, "final_value": 1e-5},
    {"type": "linear"},
    {"type": "cosine", "initial_value": 3e-4, "final_value": 1e-5},
    {"type": "exponential", "initial_value": 3e-4, "decay_rate": 0.05},
    {"type": "cosine_warmup", "initial_value": 3e-4, "final_value": 1e-5, "warmup_fraction": 0.2},
    {"type": "polynomial", "initial_value": 3e-4, "final_value": 1e-5, "power": 3.0},
]


@pytest.mark.parametrize("cfg", LR_SCHEDULE_FORMS, ids=json.dumps)
def test_lr_schedule_create_forms(cfg):
    total = 1000
    schedule = lrspec.load(cfg, total_steps=total)
    want = [_lr_schedule(cfg, 1 - t / total) for t in range(total + 1)]
    got = schedule(np.arange(total + 1))
    assert np.allclose(got, want, rtol=1e-12, atol=1e-18)
    assert lrspec.load(json.loads(json.dumps(cfg)), total_steps=total) == schedule


def test_lr_schedule_float_form_is_a_constant():
    # BaseLRSchedule.create(0.1) is a constant rate: so is a bare number.
    assert lrspec.load(0.1)(1234) == 0.1


@pytest.mark.parametrize(
    ("cfg", "message"),
    [
        (
            {"type": "exponential", "decay_rate": 0.0},
            "ExponentialLRSchedule: 'decay_rate' must be in (0, 1], got 0.0",
        ),
        (
            {"type": "cosine_warmup", "warmup_fraction": 1.0},
            "CosineWarmupLRSchedule: 'warmup_fraction' must be in (0, 1), got 1.0",
        ),
        (
            {"type": "polynomial", "power": -1.0},
            "PolynomialLRSchedule: 'power' must be in [0, 1e+06], got -1.0",
        ),
    ],
)
def test_lr_schedule_validation(cfg, message):
    with pytest.raises(lrspec.LrspecError) as caught:
        lrspec.load(cfg)
    assert caught.value.message == message


# -- numpy-ml's dict form -------------------------------------------------------------------


def _numpy_ml():
    import collections
    import collections.abc

    for name in ("Hashable", "Iterable", "Mapping", "MutableMapping", "Sequence", "Callable"):
        if not hasattr(collections, name):
            setattr(collections, name, getattr(collections.abc, name))
    with __import__("warnings").catch_warnings():
        __import__("warnings").simplefilter("ignore")
        from numpy_ml.neural_nets import schedulers
    return schedulers


@pytest.mark.parametrize(
    ("cls", "kwargs"),
    [
        ("ConstantScheduler", {"lr": 0.05}),
        (
            "ExponentialScheduler",
            {"initial_lr": 0.02, "stage_length": 30, "staircase": True, "decay": 0.5},
        ),
        ("ExponentialScheduler", {}),
        ("NoamScheduler", {"model_dim": 256, "scale_factor": 2, "warmup_steps": 100}),
    ],
)
def test_numpy_ml_dict_forms(cls, kwargs):
    scheduler = getattr(_numpy_ml(), cls)(**kwargs)
    # numpy-ml's own dict form (its ExponentialScheduler calls itself "StepScheduler").
    schedule = lrspec.load({"hyperparameters": dict(scheduler.hyperparameters)})
    for step in (1, 2, 29, 30, 31, 100, 1000, 5000):
        assert math.isclose(schedule(step), scheduler(step), rel_tol=1e-12), step
    assert lrspec.load(dict(scheduler.hyperparameters)) == schedule  # without the wrapper
    assert lrspec.load(str(scheduler)) == schedule  # and its __str__ form


def test_numpy_ml_king_dict_form():
    scheduler = _numpy_ml().KingScheduler(initial_lr=0.01, patience=5, decay=0.5)
    schedule = lrspec.load({"hyperparameters": dict(scheduler.hyperparameters)})
    losses = [1.0] * 20
    assert [schedule.step(x) for x in losses] == [
        scheduler.learning_rate(step=i, cur_loss=x) for i, x in enumerate(losses)
    ]


# -- files: round trips through JSON, YAML and TOML ------------------------------------------


def _through_files(tmp_path, value, bind):
    """``value`` written into a JSON, a YAML and a TOML file, and loaded back from each."""
    document = {"training": {"optimizer": {"lr": value}}}
    (tmp_path / "c.json").write_text(json.dumps(document, allow_nan=False))
    (tmp_path / "c.yaml").write_text(yaml.safe_dump(document))
    (tmp_path / "c.toml").write_text(tomli_w.dumps(document))
    return [
        lrspec.load_file(tmp_path / name, "training.optimizer.lr", **bind)
        for name in ("c.json", "c.yaml", "c.toml")
    ]


@pytest.mark.parametrize("trace", TRACES, ids=lambda t: t["id"])
def test_every_trace_spec_round_trips_through_config_files(trace, tmp_path):
    bind = trace.get("bind", {})
    schedule = lrspec.parse(trace["spec"], **bind)
    data = schedule.to_dict()
    assert json.loads(json.dumps(data)) == data  # plain JSON types
    loaded = (
        _through_files(tmp_path, data, {})
        + _through_files(tmp_path, str(schedule), bind)
        + [lrspec.from_dict(json.loads(json.dumps(data)))]
    )
    for back in loaded:
        assert back == schedule
        if not schedule.stateful:
            assert _values(back) == _values(schedule)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(pure_specs)
def test_generated_schedules_round_trip_through_config_files(tmp_path, text):
    schedule = lrspec.parse(text, **BIND)
    for back in _through_files(tmp_path, schedule.to_dict(), {}):
        assert back == schedule
        assert _outcomes(back) == _outcomes(schedule)


def _outcomes(schedule):
    out = []
    for t in STEPS:
        try:
            out.append(schedule(t))
        except lrspec.LrspecError as error:
            out.append(error.message)
    return out


def test_file_errors_point_at_the_field(tmp_path):
    (tmp_path / "run.yaml").write_text(
        "training:\n  steps: 100\n  lr: Warmup(10) >> Cosin(0.1, 0, 90)\n"
    )
    with pytest.raises(ConfigError) as caught:
        lrspec.load_file(tmp_path / "run.yaml", "training.lr")
    error = caught.value
    assert error.message == (
        f"{tmp_path / 'run.yaml'}: training.lr (line 3): unknown schedule 'Cosin'"
    )
    assert str(error).splitlines()[1:] == [
        "  Warmup(10) >> Cosin(0.1, 0, 90)",
        "                ^^^^^",
        "did you mean 'Cosine'?",
    ]
    (tmp_path / "run.toml").write_text('[training]\nlr = {family = "Cosine", args = {}}\n')
    with pytest.raises(ConfigError) as caught:
        lrspec.load_file(tmp_path / "run.toml", "training.lr")
    assert caught.value.message == (
        f"{tmp_path / 'run.toml'}: training.lr: Cosine is missing 'initial', 'final', 'steps'"
    )
    with pytest.raises(ConfigError) as caught:
        lrspec.load_file(tmp_path / "run.toml", "training.schedule")
    assert caught.value.message == (
        f"{tmp_path / 'run.toml'}: no field 'training.schedule' "
        "(nothing called 'schedule' at training)"
    )


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "bad.json",
            "{",
            "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
        ),
        ("bad.yaml", "a: [", "not valid YAML"),
        ("bad.toml", "a = ", "not valid TOML"),
        ("bad.ini", "a = 1", "unknown config format '.ini'"),
    ],
)
def test_unreadable_files(tmp_path, name, text, message):
    (tmp_path / name).write_text(text)
    with pytest.raises(ConfigError) as caught:
        lrspec.load_file(tmp_path / name)
    assert caught.value.message.startswith(f"{tmp_path / name}: {message}")


def test_a_missing_file():
    with pytest.raises(ConfigError, match="cannot read /nonexistent/lr.yaml: No such file"):
        lrspec.load_file("/nonexistent/lr.yaml")


# -- pydantic ---------------------------------------------------------------------------------


def test_pydantic_model_round_trips():
    from pydantic import BaseModel

    from lrspec.pydantic import ScheduleField

    class Training(BaseModel):
        steps: int
        lr: ScheduleField

    model = Training(steps=1000, lr="Warmup(100)>>Cosine(0.1,0,900)")
    assert isinstance(model.lr, lrspec.Schedule)
    assert model.model_dump_json() == '{"steps":1000,"lr":"Warmup(100) >> Cosine(0.1, 0.0, 900)"}'
    assert Training.model_validate_json(model.model_dump_json()) == model
    assert Training(steps=1, lr={"family": "Constant", "args": {"lr": 0.1}}).lr == lrspec.parse(
        "Constant(0.1)"
    )
    assert Training(steps=1, lr=0.5).lr(10) == 0.5
    schema = Training.model_json_schema()["properties"]["lr"]
    assert schema["type"] == "string" and "lrspec" in schema["description"]
    assert all(lrspec.parse(example) for example in schema["examples"])


def test_pydantic_validation_error_carries_the_lrspec_message():
    from pydantic import BaseModel, ValidationError

    from lrspec.pydantic import ScheduleField

    class Training(BaseModel):
        lr: ScheduleField

    with pytest.raises(ValidationError) as caught:
        Training.model_validate_json('{"lr": "Warmup(100) >> Cosin(0.1, 0, 900)"}')
    (error,) = caught.value.errors()
    assert error["loc"] == ("lr",)
    assert error["msg"] == (
        "Value error, lrspec: unknown schedule 'Cosin' at column 15\n"
        "  Warmup(100) >> Cosin(0.1, 0, 900)\n"
        "                 ^^^^^\n"
        "did you mean 'Cosine'?"
    )


# -- argparse and click -------------------------------------------------------------------


def test_argparse_type_and_usage_error():
    parser = argparse.ArgumentParser(prog="train")
    parser.add_argument("--lr", type=lrspec.parse)
    assert parser.parse_args(["--lr", "Cosine(0.1,0,10)"]).lr == lrspec.parse("Cosine(0.1, 0, 10)")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), pytest.raises(SystemExit) as caught:
        parser.parse_args(["--lr", "Cosine(0.1,,10)"])
    assert caught.value.code == 2
    assert stderr.getvalue().splitlines()[1:] == [
        "train: error: argument --lr: lrspec: unexpected ',' at column 11",
        "  Cosine(0.1,,10)",
        "             ^",
        "expected a value",
    ]


def test_click_parameter_type():
    import click
    from click.testing import CliRunner

    import lrspec.click

    @click.command()
    @click.option("--lr", type=lrspec.click.SCHEDULE, required=True)
    def train(lr):
        click.echo(f"{lr} {lr(5)}")

    runner = CliRunner()
    ok = runner.invoke(train, ["--lr", "Cosine(0.1, 0, 10)"])
    assert (ok.exit_code, ok.output) == (0, "Cosine(0.1, 0.0, 10) 0.05\n")
    bad = runner.invoke(train, ["--lr", "Cosin(0.1, 0, 10)"])
    assert bad.exit_code == 2
    assert "Invalid value for '--lr': lrspec: unknown schedule 'Cosin' at column 0" in bad.output
    assert "did you mean 'Cosine'?" in bad.output


# -- the examples -----------------------------------------------------------------------


def _run(*args):
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)


def test_argparse_example():
    result = _run(
        "examples/argparse_train.py",
        "--steps",
        "2000",
        "--lr",
        "Warmup(5%) >> Cosine(0.1, 0.0, 95%)",
    )
    assert result.returncode == 0, result.stderr
    schedule = lrspec.parse("Warmup(100) >> Cosine(0.1, 0.0, 1900)")
    assert result.stdout.splitlines() == [
        "schedule: Warmup(5%) >> Cosine(0.1, 0.0, 95%)",
        *(f"step {t:>5}: lr {schedule(t):.6g}" for t in (0, 500, 1000, 1500, 2000)),
    ]
    bad = _run("examples/argparse_train.py", "--lr", "Warmup(5%) >>")
    assert bad.returncode == 2
    assert "error: argument --lr: lrspec: unexpected end of input at column 13" in bad.stderr


@pytest.mark.parametrize("config", ["examples/train.yaml", "examples/train.toml"])
def test_config_examples(config):
    result = _run("examples/config_train.py", config)
    assert result.returncode == 0, result.stderr
    schedule = lrspec.parse("Warmup(500) >> Cosine(3e-4, 3e-5, 9500)")
    assert result.stdout.splitlines() == [
        f"{config}: Warmup(5%) >> Cosine(0.0003, 3e-05, 95%) over 10000 steps",
        *(f"step {t:>5}: lr {schedule(t):.6g}" for t in (0, 250, 500, 5000, 10000)),
    ]


# -- values no config form holds ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"type": ["linear"]}, "unknown lr_schedule type ['linear']"),
        ({"type": {"a": 1}}, "unknown lr_schedule type {'a': 1}"),
        (
            {"hyperparameters": {"id": ["NoamScheduler"]}},
            "unknown numpy-ml scheduler id ['NoamScheduler']",
        ),
        (10**400, "a rate cannot be an integer of 401 digits: too large for a float"),
        (float("nan"), "a rate must be a number, got NaN"),
        ({10**5000: 1}, "a dict with keys ['an integer of 5001 digits'] is not a schedule"),
        ([10**5000], "cannot make a schedule from list a list"),
    ],
)
def test_config_values_of_the_wrong_shape_are_config_errors(value, message):
    with pytest.raises(lrspec.LrspecError) as caught:
        lrspec.load(value)
    assert caught.value.message == message


def test_config_example_without_a_file_is_a_usage_message(tmp_path):
    result = _run("examples/config_train.py")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "usage: config_train.py [-h] config",
        "config_train.py: error: the following arguments are required: config",
    ]
    (tmp_path / "run.yaml").write_text("training:\n  steps: 100\n")
    missing = _run("examples/config_train.py", str(tmp_path / "run.yaml"))
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[-1] == (
        f"config_train.py: error: {tmp_path / 'run.yaml'} has no training.steps and "
        "training.optimizer.lr"
    )
    (tmp_path / "bad.yaml").write_text(
        "training:\n  steps: 100\n  optimizer:\n    lr: Cosin(0.1, 0, 100)\n"
    )
    bad = _run("examples/config_train.py", str(tmp_path / "bad.yaml"))
    assert bad.returncode == 1
    assert bad.stderr.splitlines()[0] == "lrspec: unknown schedule 'Cosin' at column 0"


def test_argparse_example_with_a_short_run():
    result = _run("examples/argparse_train.py", "--steps", "2", "--lr", "Linear(0.1, 0.0, 2)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "schedule: Linear(0.1, 0.0, 2)",
        "step     0: lr 0.1",
        "step     1: lr 0.05",
        "step     2: lr 0",
    ]
    zero = _run("examples/argparse_train.py", "--steps", "0")
    assert zero.returncode == 2
    assert zero.stderr.splitlines()[-1] == (
        "argparse_train.py: error: argument --steps: expected at least 1, got 0"
    )


def test_load_binds_token_and_sample_sizes():
    text = "Warmup(1000sp) >> Cosine(0.1, 0.0, 4096000tok)"
    for value in (text, lrspec.parse(text).to_dict()):
        s = lrspec.load(value, samples_per_step=100, tokens_per_step=4096)
        assert s(5) == 0.05 and s.length == 10 + 1000
        assert s == lrspec.parse(text, samples_per_step=100, tokens_per_step=4096)
    with pytest.raises(lrspec.UnitError) as error:
        lrspec.load(text, samples_per_step=100)(20)
    assert error.value.message == (
        f"'{text}' needs tokens_per_step to be evaluated (it uses 4096000tok)"
    )
