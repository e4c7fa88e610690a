"""The ``hf.`` namespace: every schedule function of ``transformers.optimization`` in Hugging
Face's words, with transformers's values.

The value at step t is the rate the optimizer's param group holds after t calls to
``scheduler.step()``; every comparison with the real transformers (``hf_live.hf_rates``, a
one-parameter SGD stepped 12,000 times) is within 1e-12 relative at every step, and exact
where transformers gives 0. The reduce-on-plateau schedules are compared metric by metric.
"""

from __future__ import annotations

import inspect
import json
import math
import pickle
import warnings
from pathlib import Path

import namespace_checks
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peers import hf_cases, hf_live

import lrspec
from lrspec.compute.math_namespaces import traced_namespace
from lrspec.model.registry import families
from lrspec.model.types import Choice, Integer, Nullable, Real, Steps
from lrspec.syntax.errors import ArgumentError, LimitError, UnknownNameError

FAMILIES = {name: cls for name, cls in families().items() if name.startswith("hf.")}
N = 12_000
STEPS = np.arange(N + 1)
TRACES = Path(__file__).resolve().parent / "peers" / "traces" / "hf.jsonl"


def rel(got: float, want: float) -> float:
    """The relative error; a value transformers gives as exactly 0 must be exactly 0."""
    if got == want:
        return 0.0
    return math.inf if want == 0 or not math.isfinite(want) else abs(got - want) / abs(want)


def worst(got, want) -> float:
    return max(rel(g, w) for g, w in zip(got, want))


# -- the namespace is transformers's ---------------------------------------------------------


def _functions() -> dict:
    import transformers.optimization as optimization

    return {
        name: function
        for name, function in vars(optimization).items()
        if name.startswith("get_") and "schedule" in name and inspect.isfunction(function)
    }


def test_every_schedule_function_has_a_family():
    # GreedyLR (get_greedy_schedule) and Adafactor's internal step size
    # (get_adafactor_schedule) have no lrspec family; get_scheduler says so for 'greedy'.
    names = set(_functions()) - {"get_greedy_schedule", "get_adafactor_schedule"}
    assert sorted(f"hf.{name}" for name in names) == sorted(FAMILIES)
    assert len(FAMILIES) == 12


def _library_parameters(name: str) -> list[tuple[str, object]]:
    """transformers's parameters of ``name`` without the optimizer and last_epoch (for the
    reduce-on-plateau, torch's ReduceLROnPlateau, which it passes its keywords to)."""
    if name == "get_reduce_on_plateau_schedule":
        from torch.optim.lr_scheduler import ReduceLROnPlateau

        function = ReduceLROnPlateau.__init__
    else:
        function = _functions()[name]
    skipped = ("self", "optimizer", "last_epoch")
    return [
        (p.name, p.default)
        for p in inspect.signature(function).parameters.values()
        if p.name not in skipped
    ]


@pytest.mark.parametrize("name", sorted(n.removeprefix("hf.") for n in FAMILIES))
def test_names_defaults_and_order_are_transformers(name):
    ours = [
        (p.name, inspect.Parameter.empty if p.required else p.default)
        for p in FAMILIES[f"hf.{name}"].params
    ]
    assert ours[-1] == ("lr", 1.0)  # the optimizer's rate, always last
    assert ours[:-1] == _library_parameters(name)


def test_families_print_in_transformers_words():
    for cls in FAMILIES.values():
        assert cls.origin == "hf." and cls.print_keywords and cls.base_rate == "lr"
        assert str(lrspec.parse(cls.example)) == cls.example.replace("'", '"')


# -- transformers's own test cases ------------------------------------------------------------


def _ids(cases):
    return [case["origin"] for case in cases]


@pytest.mark.parametrize("case", hf_cases.CASES, ids=_ids(hf_cases.CASES))
def test_transformers_case(case):
    namespace_checks.check_case_within(case, namespace_checks.case_values(case), rel)


@pytest.mark.parametrize("case", hf_cases.ERROR_CASES, ids=_ids(hf_cases.ERROR_CASES))
def test_transformers_error_case(case):
    namespace_checks.check_evaluated_error_case(case, "hf.")


def test_the_case_tables_cover_every_function():
    named = {case["spec"].split("(")[0] for case in hf_cases.CASES}
    assert named == {
        f"hf.{n}"
        for n in (
            "get_constant_schedule",
            "get_constant_schedule_with_warmup",
            "get_linear_schedule_with_warmup",
            "get_cosine_schedule_with_warmup",
            "get_cosine_with_hard_restarts_schedule_with_warmup",
            "get_polynomial_decay_schedule_with_warmup",
            "get_inverse_sqrt_schedule",
            "get_scheduler",
        )
    }
    assert (len(hf_cases.CASES), len(hf_cases.ERROR_CASES)) == (14, 30)


def test_error_messages_say_why():
    with pytest.raises(ArgumentError) as info:
        lrspec.parse("hf.get_scheduler(name='greedy', lr=0.1)")
    assert info.value.message == (
        "hf.get_scheduler: 'name' cannot be 'greedy': transformers's GreedyLR is a "
        "metric-driven scheduler with its own state machine (it raises and lowers the rate "
        "after runs of better and worse metrics and resets it after reset_start steps at "
        "min_lr): lrspec has no family for it"
    )
    assert "reduce_lr_on_plateau" in info.value.hint
    with pytest.raises(UnknownNameError) as info:
        lrspec.parse(
            "hf.get_scheduler(name='cosine', num_warmup_steps=10, num_training_steps=100, "
            "scheduler_specific_kwargs={'num_cylces': 2})"
        )
    assert info.value.message == (
        "hf.get_scheduler: 'num_cylces' is not a parameter of hf.get_cosine_schedule_with_warmup"
    )
    assert info.value.hint == "did you mean 'num_cycles'?"
    with pytest.raises(ArgumentError) as info:
        lrspec.parse(
            "hf.get_scheduler(name='linear', num_warmup_steps=1, num_training_steps=9, "
            "scheduler_specific_kwargs={'lr': 0.5})"
        )
    assert info.value.message == (
        "hf.get_scheduler: 'lr' is given twice: get_scheduler passes the base rate itself"
    )


# -- the real transformers, over 12,000 steps and past the end ---------------------------------

LIVE = [
    (function, index, hf_live.LRS[(index + shift) % len(hf_live.LRS)])
    for function, argsets in hf_live.ARGSETS.items()
    for index in range(len(argsets))
    for shift in (0, 1)
]


def _call(function: str, index: int):
    return (function, hf_live.ARGSETS[function][index])


@pytest.mark.parametrize(
    ("function", "index", "lr"),
    LIVE,
    ids=[hf_live.hf_text(_call(f, i), lr=lr) for f, i, lr in LIVE],
)
def test_the_real_transformers(function, index, lr):
    call = _call(function, index)
    want = hf_live.hf_rates(call, N, lr=lr)
    s = lrspec.parse(hf_live.hf_text(call, lr=lr))
    got = s(STEPS).tolist()
    assert got == [s(t) for t in range(N + 1)]  # the array path is the scalar path
    assert worst(got, want) <= 1e-12
    # Far past the end, the lambda at t (LambdaLR is not chained: it is what stepping gives).
    for t in (20_000, 123_457, 10**6, 10**9):
        assert rel(s(t), hf_live.hf_rate_at(call, t, lr=lr)) <= 1e-12, t


@pytest.mark.parametrize(
    ("function", "index", "lr"),
    LIVE[::2],
    ids=[hf_live.hf_text(_call(f, i), lr=lr) for f, i, lr in LIVE[::2]],
)
def test_under_jax_jit(function, index, lr):
    import jax

    import lrspec.jax

    text = hf_live.hf_text(_call(function, index), lr=lr)
    steps = np.arange(0, N + 1)
    with jax.enable_x64(True):
        got = np.asarray(jax.jit(lrspec.jax.schedule(text))(steps))
    # XLA folds constants and fuses multiply-adds: within a few roundings of the scale, and
    # no restart of the hard-restarts cosine moves (they are steps apart from lr to 0).
    want = lrspec.parse(text)(steps)
    assert np.max(np.abs(got - want)) <= 64 * np.finfo(float).eps * np.max(np.abs(want))


@pytest.mark.parametrize(("w", "n", "cycles"), [(100, 1000, 3), (35, 986, 9), (0, 9000, 6)])
def test_hard_restarts_restart_under_jax_jit(w, n, cycles):
    import jax

    import lrspec.jax

    call = (
        "get_cosine_with_hard_restarts_schedule_with_warmup",
        {"num_warmup_steps": w, "num_training_steps": n, "num_cycles": cycles},
    )
    text = hf_live.hf_text(call, lr=0.1)
    steps = np.arange(0, n + 1)
    with jax.enable_x64(True):
        got = np.asarray(jax.jit(lrspec.jax.schedule(text))(steps))
    want = hf_live.hf_rates(call, n, lr=0.1)
    restarts = [t for t in range(w + 1, n) if want[t] == 0.1]
    assert len(restarts) >= 2  # a restart is a step at the full rate again
    assert [got[t] for t in restarts] == [0.1] * len(restarts)
    assert np.max(np.abs(got - np.asarray(want))) <= 64 * np.finfo(float).eps * 0.1


def test_live_sets_cover_every_function_and_name():
    assert {f"hf.{f}" for f, _, _ in LIVE} | {"hf.get_reduce_on_plateau_schedule"} == set(FAMILIES)
    names = {kw["name"] for kw in hf_live.ARGSETS["get_scheduler"]}
    assert names | {"reduce_lr_on_plateau", "greedy"} == set(hf_live.SCHEDULER_NAMES)
    assert len(LIVE) == 2 * sum(len(a) for a in hf_live.ARGSETS.values()) == 160


PLATEAUS = [("get_reduce_on_plateau_schedule", kw) for kw in hf_live.PLATEAU_ARGSETS] + [
    ("get_scheduler", {"name": "reduce_lr_on_plateau", "scheduler_specific_kwargs": kw})
    for kw in hf_live.PLATEAU_ARGSETS
]


@pytest.mark.parametrize("call", PLATEAUS, ids=[hf_live.hf_text(c) for c in PLATEAUS])
@pytest.mark.parametrize("lr", [None, 0.1])
def test_the_real_reduce_on_plateau(call, lr):
    metrics = hf_live.plateau_metrics(3000)
    want = hf_live.hf_rates(call, lr=lr, metrics=metrics)
    s = lrspec.parse(hf_live.hf_text(call, lr=lr))
    assert s.stateful
    got = [s(0)] + [s.step(m) for m in metrics]
    assert got == want
    assert len(set(want)) > 3  # the metrics make it reduce, again and again


def test_plateau_state_resumes_through_json():
    metrics = hf_live.plateau_metrics(600)
    text = "hf.get_reduce_on_plateau_schedule(factor=0.5, patience=3, lr=0.1)"
    whole = lrspec.parse(text)
    rates = [whole.step(m) for m in metrics]
    first = lrspec.parse(text)
    for m in metrics[:250]:
        first.step(m)
    saved = json.loads(json.dumps(first.state_dict()))
    assert saved["state"] == {
        "lr": first(0),
        "best": min(metrics[:250]),
        "num_bad_epochs": saved["state"]["num_bad_epochs"],
        "cooldown_counter": 0,
    }
    resumed = lrspec.parse(text)
    resumed.load_state_dict(saved)
    assert [resumed.step(m) for m in metrics[250:]] == rates[250:]
    assert pickle.loads(pickle.dumps(first)).step(metrics[250]) == rates[250]


@pytest.mark.parametrize("key", sorted(hf_live.STRATEGIES))
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_the_real_transformers_on_drawn_arguments(key, data):
    call = data.draw(hf_live.STRATEGIES[key])
    s = lrspec.parse(hf_live.hf_text(call))
    if hf_live.is_stateful(call):
        metrics = data.draw(hf_live.METRICS)
        assert [s(0)] + [s.step(m) for m in metrics] == hf_live.hf_rates(call, metrics=metrics)
        return
    n = 2500
    assert worst(s(np.arange(n + 1)).tolist(), hf_live.hf_rates(call, n)) <= 1e-12


# -- traces recorded from transformers ----------------------------------------------------------


def _traces() -> list[dict]:
    lines = [json.loads(line) for line in TRACES.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 30
    return lines


@pytest.mark.parametrize("trace", _traces(), ids=lambda trace: trace["id"])
def test_recorded_trace(trace):
    assert trace["source"].startswith("transformers 5.23.0")
    s = lrspec.parse(trace["spec"])
    if "metrics" in trace:
        got = [s(0)] + [s.step(m) for m in trace["metrics"]]
        assert got == trace["lr"]
        return
    assert trace["steps"][-1] == N and len(trace["steps"]) > 1900
    assert worst(s(np.asarray(trace["steps"])).tolist(), trace["lr"]) <= 1e-12


def test_traces_cover_every_function_and_name():
    specs = [trace["spec"] for trace in _traces()]
    assert {spec.split("(")[0] for spec in specs} == set(FAMILIES)
    named = {spec.split("name=")[1].split(",")[0].strip("'\"") for spec in specs if "name=" in spec}
    assert named == set(hf_live.SCHEDULER_NAMES) - {"greedy"}


# -- what transformers does that lrspec's own families do not ----------------------------------


def test_cosines_are_not_clamped_past_num_training_steps():
    s = lrspec.parse("hf.get_cosine_schedule_with_warmup(num_warmup_steps=0, num_training_steps=4)")
    assert [round(s(t), 6) for t in range(9)] == [
        1.0,
        0.853553,
        0.5,
        0.146447,
        0.0,
        0.146447,
        0.5,
        0.853553,
        1.0,
    ]
    assert s.length == math.inf
    with pytest.raises(lrspec.CompositionError):
        lrspec.parse(f"{s} >> Constant(0.1)")


def test_get_scheduler_passes_on_what_transformers_passes():
    constant = lrspec.parse(
        "hf.get_scheduler(name='constant', num_warmup_steps=10, "
        "scheduler_specific_kwargs={'anything': 1}, lr=0.1)"
    )
    assert constant(0) == constant(5) == 0.1
    warm = lrspec.parse(
        "hf.get_scheduler(name='constant_with_warmup', num_warmup_steps=10, "
        "scheduler_specific_kwargs={'anything': 1}, lr=0.1)"
    )
    assert warm(5) == 0.05 and warm(10) == 0.1
    wsd = "hf.get_scheduler(name='warmup_stable_decay', num_warmup_steps=10, {}lr=0.1)"
    with pytest.raises(ArgumentError) as info:
        lrspec.parse(wsd.format("scheduler_specific_kwargs={'num_decay_steps': 20}, "))
    assert info.value.message == (
        "hf.get_wsd_schedule: 'num_training_steps' or 'num_stable_steps' must be given"
    )
    s = lrspec.parse(
        wsd.format("scheduler_specific_kwargs={'num_decay_steps': 20, 'num_stable_steps': 5}, ")
    )
    assert s.length == 35


def test_step_counts_take_units():
    s = lrspec.parse(
        "hf.get_cosine_schedule_with_warmup(num_warmup_steps=5%, num_training_steps=100%)",
        total_steps=2000,
    )
    same = lrspec.parse(
        "hf.get_cosine_schedule_with_warmup(num_warmup_steps=100, num_training_steps=2000)"
    )
    assert s(STEPS).tolist() == same(STEPS).tolist()
    assert str(s) == (
        "hf.get_cosine_schedule_with_warmup(num_warmup_steps=5%, num_training_steps=100%)"
    )
    kwargs = lrspec.parse(
        "hf.get_scheduler(name='warmup_stable_decay', num_warmup_steps=2ep, "
        "scheduler_specific_kwargs={'num_decay_steps': 10%, 'num_stable_steps': 50%}, lr=0.1)",
        total_steps=1000,
        steps_per_epoch=25,
    )
    plain = lrspec.parse(
        "hf.get_wsd_schedule(num_warmup_steps=50, num_decay_steps=100, num_stable_steps=500, "
        "lr=0.1)"
    )
    assert kwargs(STEPS).tolist() == plain(STEPS).tolist() and kwargs.length == 650


def test_left_out_lr_is_the_multiplier_of_each_group():
    s = lrspec.parse(
        "hf.get_linear_schedule_with_warmup(num_warmup_steps=10, num_training_steps=90)"
    )
    rated = s.with_base_rate(0.3)
    assert rated == lrspec.parse(
        "hf.get_linear_schedule_with_warmup(num_warmup_steps=10, num_training_steps=90, lr=0.3)"
    )
    assert lrspec.parse(str(rated)).with_base_rate(0.5) is None  # lr given: not a multiplier
    poly = lrspec.parse(
        "hf.get_polynomial_decay_schedule_with_warmup(num_warmup_steps=0, "
        "num_training_steps=10, lr_end=0.01)"
    )
    with pytest.raises(ArgumentError) as info:
        poly.with_base_rate(0.005)  # transformers: lr_end must be below the optimizer's rate
    assert info.value.message == (
        "hf.get_polynomial_decay_schedule_with_warmup: 'lr_end' must be smaller than 'lr' "
        "(0.005), got 0.01"
    )


def test_meanings_in_core_lrspec():
    cases = {
        "hf.get_constant_schedule(lr=0.1)": "Constant(0.1)",
        "hf.get_constant_schedule_with_warmup(num_warmup_steps=10, lr=0.1)": (
            "Warmup(10) >> Constant(0.1)"
        ),
        "hf.get_inverse_sqrt_schedule(num_warmup_steps=100)": (
            "Warmup(100) >> InverseSqrt(1.0, 100)"
        ),
        "hf.get_polynomial_decay_schedule_with_warmup(num_warmup_steps=0, "
        "num_training_steps=10, power=2.0)": "Polynomial(1.0, 1e-07, 10, power=2.0)",
        "hf.get_reduce_on_plateau_schedule(factor=0.5, lr=0.1)": "Plateau(0.1, factor=0.5)",
        "hf.get_scheduler(name='constant', lr=0.5)": "hf.get_constant_schedule(lr=0.5)",
    }
    for text, core in cases.items():
        s = lrspec.parse(text)
        assert s.resolved().meaning().text() == core
        if not s.stateful:
            assert s(STEPS).tolist() == [s(t) for t in range(N + 1)]
            meant = lrspec.parse(core)(STEPS).tolist()
            assert worst(s(STEPS).tolist(), meant) == 0.0, text
    # A warmup shorter than a step divides by max(1, w) = 1: no Warmup says that.
    short = lrspec.parse("hf.get_constant_schedule_with_warmup(num_warmup_steps=0.5)")
    assert short.resolved().meaning() is None and short(0.25) == 0.25


# -- ranges -----------------------------------------------------------------------------------

A, U, L = ArgumentError, UnknownNameError, LimitError
RATE = (
    ("-0.1", A, "must be >= 0, got -0.1"),
    ("2e300", A, "must be <= 1e+300, got 2e+300"),
)
STEPS_RANGE = (
    ("-1", A, "must be >= 0, got -1"),
    ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
)
POSITIVE_STEPS = (
    ("0", A, "must be > 0, got 0"),
    ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
)
CYCLES = (
    ("-1000001", A, "must be in [-1e+06, 1e+06], got -1000001.0"),
    ("1000001", A, "must be in [-1e+06, 1e+06], got 1000001.0"),
)
RATIO = (
    ("-0.5", A, "must be >= 0, got -0.5"),
    ("2e300", A, "must be <= 1e+300, got 2e+300"),
)
COUNT = (
    ("-1", A, "must be >= 0, got -1"),
    ("2.5", A, "must be an integer, got 2.5"),
    ("9007199254740993", A, "must be <= 9007199254740992, got 9007199254740993"),
)
SHAPES = (("'exponential'", U, "must be one of linear, cosine, 1-sqrt, got 'exponential'"),)

RANGES = {
    "hf.get_constant_schedule": ({"lr": "0.1"}, {"lr": RATE}),
    "hf.get_constant_schedule_with_warmup": (
        {"num_warmup_steps": "10", "lr": "0.1"},
        {"num_warmup_steps": STEPS_RANGE, "lr": RATE},
    ),
    "hf.get_linear_schedule_with_warmup": (
        {"num_warmup_steps": "10", "num_training_steps": "100", "lr": "0.1"},
        {"num_warmup_steps": STEPS_RANGE, "num_training_steps": STEPS_RANGE, "lr": RATE},
    ),
    "hf.get_cosine_schedule_with_warmup": (
        {"num_warmup_steps": "10", "num_training_steps": "100", "num_cycles": "0.5", "lr": "0.1"},
        {
            "num_warmup_steps": STEPS_RANGE,
            "num_training_steps": STEPS_RANGE,
            "num_cycles": CYCLES,
            "lr": RATE,
        },
    ),
    "hf.get_cosine_with_hard_restarts_schedule_with_warmup": (
        {"num_warmup_steps": "10", "num_training_steps": "100", "num_cycles": "3", "lr": "0.1"},
        {
            "num_warmup_steps": STEPS_RANGE,
            "num_training_steps": STEPS_RANGE,
            "num_cycles": CYCLES,
            "lr": RATE,
        },
    ),
    "hf.get_polynomial_decay_schedule_with_warmup": (
        {
            "num_warmup_steps": "10",
            "num_training_steps": "100",
            "lr_end": "0.001",
            "power": "2.0",
            "lr": "0.1",
        },
        {
            "num_warmup_steps": STEPS_RANGE,
            "num_training_steps": STEPS_RANGE,
            "lr_end": (
                ("-0.001", A, "must be >= 0, got -0.001"),
                ("2e300", A, "must be <= 1e+300, got 2e+300"),
            ),
            "power": (
                ("-0.5", A, "must be in [0, 1e+06], got -0.5"),
                ("1000001", A, "must be in [0, 1e+06], got 1000001.0"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("2e300", A, "must be <= 1e+300, got 2e+300"),
            ),
        },
    ),
    "hf.get_inverse_sqrt_schedule": (
        {"num_warmup_steps": "10", "timescale": "50", "lr": "0.1"},
        {"num_warmup_steps": STEPS_RANGE, "timescale": POSITIVE_STEPS, "lr": RATE},
    ),
    "hf.get_cosine_with_min_lr_schedule_with_warmup": (
        {
            "num_warmup_steps": "10",
            "num_training_steps": "100",
            "num_cycles": "0.5",
            "min_lr": "0.001",
            "min_lr_rate": "0.1",
            "lr": "0.1",
        },
        {
            "num_warmup_steps": STEPS_RANGE,
            "num_training_steps": STEPS_RANGE,
            "num_cycles": CYCLES,
            "min_lr": RATE,
            "min_lr_rate": RATIO,
            "lr": RATE,
        },
    ),
    "hf.get_cosine_with_min_lr_schedule_with_warmup_lr_rate": (
        {
            "num_warmup_steps": "10",
            "num_training_steps": "100",
            "num_cycles": "0.5",
            "min_lr": "0.001",
            "min_lr_rate": "0.1",
            "warmup_lr_rate": "0.01",
            "lr": "0.1",
        },
        {
            "num_warmup_steps": STEPS_RANGE,
            "num_training_steps": STEPS_RANGE,
            "num_cycles": CYCLES,
            "min_lr": RATE,
            "min_lr_rate": RATIO,
            "warmup_lr_rate": RATIO,
            "lr": RATE,
        },
    ),
    "hf.get_wsd_schedule": (
        {
            "num_warmup_steps": "10",
            "num_decay_steps": "20",
            "num_training_steps": "100",
            "num_stable_steps": "50",
            "warmup_type": "'cosine'",
            "decay_type": "'1-sqrt'",
            "min_lr_ratio": "0.1",
            "num_cycles": "0.5",
            "lr": "0.1",
        },
        {
            "num_warmup_steps": STEPS_RANGE,
            "num_decay_steps": STEPS_RANGE,
            "num_training_steps": STEPS_RANGE,
            "num_stable_steps": STEPS_RANGE,
            "warmup_type": SHAPES,
            "decay_type": SHAPES,
            "min_lr_ratio": RATIO,
            "num_cycles": CYCLES,
            "lr": RATE,
        },
    ),
    "hf.get_reduce_on_plateau_schedule": (
        {
            "mode": "'max'",
            "factor": "0.5",
            "patience": "3",
            "threshold": "0.01",
            "threshold_mode": "'abs'",
            "cooldown": "2",
            "min_lr": "0.001",
            "eps": "1e-8",
            "lr": "0.1",
        },
        {
            "mode": (("'average'", U, "must be one of min, max, got 'average'"),),
            "factor": (
                ("-0.5", A, "must be in [0, 1), got -0.5"),
                ("1.0", A, "must be in [0, 1), got 1.0"),
            ),
            "patience": COUNT,
            "threshold": RATIO,
            "threshold_mode": (("'relative'", U, "must be one of rel, abs, got 'relative'"),),
            "cooldown": COUNT,
            "min_lr": RATE,
            "eps": RATIO,
            "lr": RATE,
        },
    ),
    "hf.get_scheduler": (
        {
            "name": "'cosine'",
            "num_warmup_steps": "10",
            "num_training_steps": "100",
            "scheduler_specific_kwargs": "{'num_cycles': 1.5}",
            "lr": "0.1",
        },
        {
            "name": (
                (
                    "'cosine_annealing'",
                    U,
                    "must be one of linear, cosine, cosine_with_restarts, polynomial, "
                    "constant, constant_with_warmup, inverse_sqrt, reduce_lr_on_plateau, "
                    "cosine_with_min_lr, cosine_warmup_with_min_lr, warmup_stable_decay, "
                    "greedy, got 'cosine_annealing'",
                ),
            ),
            "num_warmup_steps": STEPS_RANGE,
            "num_training_steps": STEPS_RANGE,
            "lr": RATE,
        },
    ),
}
# Parameters that cannot be given together: the table's call leaves the other one out.
EXCLUSIVE = {"min_lr": "min_lr_rate", "min_lr_rate": "min_lr"}


def _call_with(family: str, param: str, bad: str) -> tuple[str, int]:
    leave_out = EXCLUSIVE.get(param, "min_lr_rate")
    return namespace_checks.call_with(RANGES, family, param, bad, leave_out=leave_out)


@pytest.mark.parametrize("family", list(RANGES))
def test_valid_arguments_parse(family):
    text, _ = _call_with(family, "", "")
    namespace_checks.check_valid_call(text)


@pytest.mark.parametrize(
    ("family", "param", "bad", "error", "tail"), list(namespace_checks.range_cases(RANGES))
)
def test_out_of_range_is_rejected(family, param, bad, error, tail):
    text, offset = _call_with(family, param, bad)
    namespace_checks.check_rejected(text, offset, family, param, bad, error, tail, span=True)


def test_range_table_covers_every_ranged_parameter():
    namespace_checks.check_table_covers_every_ranged_parameter(RANGES, FAMILIES, 57)


@pytest.mark.parametrize(
    ("family", "param"),
    sorted((family, param) for family, (_, bad) in RANGES.items() for param in bad),
)
def test_range_table_reaches_every_declared_bound(family, param):
    """Each bad value sits just outside a bound the parameter really declares."""
    ptype = namespace_checks.ranged(
        next(p.type for p in FAMILIES[family].params if p.name == param)
    )
    texts = [text for text, _, _ in RANGES[family][1][param]]
    if isinstance(ptype, Choice):
        assert all(t.strip("'") not in ptype.options for t in texts)
        return
    values = [int(t) if t.lstrip("-").isdigit() else float(t) for t in texts]
    if isinstance(ptype, Steps):
        namespace_checks.check_steps_bound(ptype, values)
    elif isinstance(ptype, Integer):
        assert any(not float(v).is_integer() for v in values)
        assert any(v < ptype.lo for v in values) and any(v > ptype.hi for v in values)
    else:
        namespace_checks.check_bounds(ptype, values, lo_optional=False)


# -- round trips, paths and extremes ------------------------------------------------------------

ROUND = [hf_live.hf_text(_call(f, i), lr=lr) for f, i, lr in LIVE[::2]] + [
    hf_live.hf_text(call, lr=0.1) for call in PLATEAUS
]
ROUND += [
    "hf.get_scheduler(name='inverse_sqrt', num_warmup_steps=5%, "
    "scheduler_specific_kwargs={'timescale': None}, lr=0.1)",
    "hf.get_scheduler(name='cosine_with_min_lr', num_warmup_steps=0, num_training_steps=10ep, "
    "scheduler_specific_kwargs={'min_lr': None, 'min_lr_rate': 0.25, 'num_cycles': 2})",
    "hf.get_wsd_schedule(1ep, 10%, num_stable_steps=None, num_training_steps=100%, "
    "warmup_type=cosine, decay_type='1-sqrt', min_lr_ratio=0.01)",
    "0.5 * hf.get_linear_schedule_with_warmup(num_warmup_steps=10, num_training_steps=100) "
    ">> Constant(0.01)",
]


def _parse(text: str):
    return lrspec.parse(text, total_steps=1000, steps_per_epoch=50)


@pytest.mark.parametrize("text", ROUND)
def test_round_trips(text):
    s = _parse(text)
    steps = None if s.stateful else STEPS
    namespace_checks.check_round_trip(s, parse=_parse, steps=steps, dict_values=True, pickles=True)


def test_none_and_mappings_in_the_dict_form():
    s = lrspec.parse(ROUND[-3], total_steps=1000, steps_per_epoch=50)
    assert s.to_dict()["args"]["scheduler_specific_kwargs"] == {
        "min_lr": None,
        "min_lr_rate": 0.25,
        "num_cycles": 2,
    }
    assert s.to_dict()["args"]["num_training_steps"] == "10ep"


@pytest.mark.parametrize("text", ROUND[: len(LIVE) // 2])
def test_array_is_scalar_bit_for_bit_at_any_step(text):
    namespace_checks.check_array_is_scalar(lrspec.parse(text), seed=13)


@pytest.mark.parametrize("text", ROUND[: len(LIVE) // 2])
def test_traced_path_is_the_scalar_path(text):
    s = lrspec.parse(text)
    traced = s.traced(traced_namespace(np))(STEPS.astype(float))
    # NumPy's power (the traced form's) may differ from the C library's in the last bit.
    assert worst(traced.tolist(), [s(t) for t in range(N + 1)]) <= 1e-14


def _edges(ptype):
    if isinstance(ptype, Nullable):
        return st.one_of(st.just("None"), _edges(ptype.item))
    if isinstance(ptype, Real):
        return namespace_checks.real_edges(ptype, (0.5, 1.0, 1e-300, 1e-8))
    if isinstance(ptype, Steps):
        return namespace_checks.steps_edges(ptype)
    if isinstance(ptype, Integer):
        return st.sampled_from([ptype.lo, ptype.lo + 1, 2**53]).map(str)
    if isinstance(ptype, Choice):
        return st.sampled_from(ptype.options).map(repr)
    return st.just("{'num_cycles': 1e6}")


SWEEP = namespace_checks.SWEEP


@pytest.mark.parametrize("name", sorted(FAMILIES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_values_are_finite_at_every_step(name, data):
    text = data.draw(namespace_checks.extreme_call(FAMILIES[name], lambda p: _edges(p.type)))
    try:
        s = lrspec.parse(text)
        if s.stateful:
            values = np.array([s.step(m) for m in (1e300, -1e300, 0.0, 1.0)] + [s(1e15)])
            assert np.isfinite(values).all(), text
            return
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no NumPy warning may leak
            values = s(SWEEP)
    except (ArgumentError, UnknownNameError):
        return  # parameters that contradict each other (a check between them said so)
    except LimitError as error:  # a phase that ends past 2**53 steps
        assert "the limit is 2**53" in error.message, error.message
        return
    namespace_checks.check_sweep(text, values, lambda: [s(float(t)) for t in SWEEP])
