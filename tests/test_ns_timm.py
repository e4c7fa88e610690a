"""The ``timm.`` namespace: timm's schedulers in timm's words, with timm's values.

The real timm is timm's own scheduler code, loaded as ``peers/timm_live.py`` does (its
top-level package needs a torchvision that does not match the pinned torch). Values agree to
1e-12 relative; where a value is close to 0 because timm's own formula cancels (its
``1 + cos(...)`` at the end of a cycle, its ``1 - tanh(...)``), timm itself is exact only to
an ulp of the schedule's rates there, so four ulps of the largest rate are allowed besides
(:func:`_close`). PlateauLRScheduler agrees bit for bit.
"""

from __future__ import annotations

import inspect
import json
import math
import random
import warnings

import namespace_checks
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peers import timm_cases, timm_live

import lrspec
from lrspec.compute.math_namespaces import traced_namespace
from lrspec.model.registry import families
from lrspec.model.types import Boolean, Choice, Integer, ListOf, Real, Steps
from lrspec.syntax.errors import ArgumentError, LimitError, StateError, UnknownNameError

from conftest import ROOT

FAMILIES = {name: cls for name, cls in families().items() if name.startswith("timm.")}
N = 12_000
STEPS = np.arange(N + 1)
FAR = [15_000, 40_000, 123_457, 10**6, 10**9]
ULP = 2.0**-52


def _scale(kw: dict) -> float:
    """The largest rate a timm schedule takes."""
    return max(kw.get("lr", 1.0), kw.get("warmup_lr_init", 0.0), kw.get("lr_min", 0.0))


def _close(a: float, b: float, scale: float) -> bool:
    return abs(a - b) <= 1e-12 * abs(b) + 4 * ULP * scale


def _spec(name: str, kw: dict, positional: int = 0) -> str:
    return timm_live.timm_text(name, kw, positional)


# -- the namespace is timm's ----------------------------------------------------------------------


def test_every_timm_scheduler_has_a_family():
    classes = {n for n in timm_live.timm_scheduler_classes() if n != "create_scheduler_v2"}
    assert sorted(f"timm.{name}" for name in classes) == sorted(FAMILIES)
    assert len(FAMILIES) == 6


@pytest.mark.parametrize("name", timm_live.NAMES)
def test_names_defaults_and_order_are_timm(name):
    signature = inspect.signature(timm_live.timm_scheduler_classes()[name].__init__)
    theirs = [(p.name, p.default) for p in list(signature.parameters.values())[2:]]
    ours = [
        (p.name, inspect.Parameter.empty if p.required else p.default)
        for p in FAMILIES[f"timm.{name}"].params
    ]
    assert ours == [*theirs, ("lr", 1.0)]  # the optimizer's base rate comes last


def test_families_print_in_timm_words():
    for cls in FAMILIES.values():
        assert cls.origin == "timm." and cls.print_keywords and cls.base_rate == "lr"
        assert str(lrspec.parse(cls.example)) == cls.example


# -- timm's own test cases ----------------------------------------------------------------------


_ids = namespace_checks.numbered_case_ids


@pytest.mark.parametrize("case", timm_cases.CASES, ids=_ids(timm_cases.CASES))
def test_timm_case(case):
    assert case["origin"].startswith("timm huggingface/pytorch-image-models/")
    got = namespace_checks.case_values(case)
    for t, value, want in zip(case["steps"], got, case["lrs"]):
        assert abs(value - want) <= 1e-12 * abs(want), (case["spec"], t, value, want)


@pytest.mark.parametrize("case", timm_cases.ERROR_CASES, ids=_ids(timm_cases.ERROR_CASES))
def test_timm_error_case(case):
    namespace_checks.check_error_case(case)


def test_the_case_tables_cover_every_scheduler():
    named = {case["spec"].split("(")[0] for case in timm_cases.CASES}
    assert named == set(FAMILIES) - {"timm.PlateauLRScheduler"}  # timm's plateau tests: no values
    assert {case["spec"].split("(")[0] for case in timm_cases.ERROR_CASES} == set(FAMILIES)
    assert (len(timm_cases.CASES), len(timm_cases.ERROR_CASES)) == (15, 22)


def test_noise_is_an_error_that_says_why():
    with pytest.raises(ArgumentError) as info:
        lrspec.parse("timm.CosineLRScheduler(t_initial=100, noise_range_t=[10, 50], lr=0.1)")
    assert info.value.message == (
        "timm.CosineLRScheduler: 'noise_range_t' is not supported: timm draws the noise from "
        "torch's random generator, so the rate would not be a function of the step"
    )
    assert info.value.hint == "leave noise_range_t out"
    # the defaults, written out, are no noise
    plain = lrspec.parse("timm.CosineLRScheduler(t_initial=100, lr=0.1)")
    written = "noise_range_t=None, noise_pct=0.67, noise_std=1.0, noise_seed=42, initialize=True"
    assert lrspec.parse(f"timm.CosineLRScheduler(t_initial=100, {written}, lr=0.1)") == plain


# -- the real timm, over 12,000 steps and past the end ---------------------------------------------

LIVE = [
    ("CosineLRScheduler", {"t_initial": 100, "lr_min": 0.001, "lr": 0.1}),
    ("CosineLRScheduler", {"t_initial": 300, "warmup_t": 5, "warmup_lr_init": 1e-5, "lr": 0.1}),
    ("CosineLRScheduler", {"t_initial": 300, "warmup_t": 5, "warmup_lr_init": 1e-5,
                           "warmup_prefix": True, "lr": 0.1}),
    ("CosineLRScheduler", {"t_initial": 50, "lr_min": 1e-4, "cycle_limit": 3, "cycle_decay": 0.5,
                           "lr": 0.1}),
    ("CosineLRScheduler", {"t_initial": 40, "cycle_limit": 5, "cycle_mul": 2.0,
                           "cycle_decay": 0.1, "lr": 0.1}),
    ("CosineLRScheduler", {"t_initial": 10, "lr_min": 0.01, "cycle_limit": 8, "cycle_mul": 3.0,
                           "cycle_decay": 0.7, "warmup_t": 3, "warmup_prefix": True, "lr": 0.5}),
    ("CosineLRScheduler", {"t_initial": 1000, "k_decay": 2.0, "lr_min": 1e-5,
                           "t_in_epochs": False, "lr": 0.1}),
    ("CosineLRScheduler", {"t_initial": 7, "cycle_limit": 1000, "cycle_mul": 1.5, "lr": 1.0}),
    ("CosineLRScheduler", {"t_initial": 40, "warmup_t": 60, "warmup_lr_init": 1e-5, "lr": 0.1}),
    ("CosineLRScheduler", {"t_initial": 1, "cycle_limit": 6, "cycle_mul": 3.0, "lr": 0.1}),
    ("TanhLRScheduler", {"t_initial": 100, "lr": 0.1}),
    ("TanhLRScheduler", {"t_initial": 100, "lr_min": 0.001, "warmup_t": 5,
                         "warmup_lr_init": 0.001, "lr": 0.1}),
    ("TanhLRScheduler", {"t_initial": 100, "lr_min": 0.001, "warmup_t": 5, "warmup_lr_init": 0.001,
                         "warmup_prefix": True, "lb": -6.0, "ub": 4.0, "lr": 0.1}),
    ("TanhLRScheduler", {"t_initial": 60, "lr_min": 0.001, "cycle_limit": 4, "cycle_decay": 0.5,
                         "cycle_mul": 2.0, "lr": 0.1}),
    ("TanhLRScheduler", {"t_initial": 10, "cycle_mul": 1.5, "cycle_limit": 3, "warmup_t": 3,
                         "warmup_lr_init": 1e-3, "lr": 0.1}),
    ("TanhLRScheduler", {"t_initial": 1, "cycle_mul": 3.0, "cycle_limit": 5, "lr": 0.1}),
    ("TanhLRScheduler", {"t_initial": 2.5, "cycle_limit": 3, "lr": 0.1}),
    ("StepLRScheduler", {"decay_t": 10, "decay_rate": 0.5, "lr": 0.1}),
    ("StepLRScheduler", {"decay_t": 30, "decay_rate": 0.1, "warmup_t": 5, "warmup_lr_init": 1e-4,
                         "lr": 0.1}),
    ("StepLRScheduler", {"decay_t": 2.4, "decay_rate": 0.97, "warmup_t": 3,
                         "warmup_lr_init": 1e-6, "warmup_prefix": False, "lr": 0.048}),
    ("StepLRScheduler", {"decay_t": 0.1, "decay_rate": 0.999, "lr": 0.1}),
    ("MultiStepLRScheduler", {"decay_t": [10, 20, 30], "decay_rate": 0.5, "lr": 0.1}),
    ("MultiStepLRScheduler", {"decay_t": [1, 300, 600], "decay_rate": 0.1, "warmup_t": 5,
                              "warmup_lr_init": 1e-5, "lr": 0.1}),
    ("MultiStepLRScheduler", {"decay_t": [0, 5, 500], "decay_rate": 0.5, "warmup_t": 5,
                              "warmup_lr_init": 1e-5, "warmup_prefix": False, "lr": 0.1}),
    ("PolyLRScheduler", {"t_initial": 100, "lr_min": 0.001, "power": 1.0, "lr": 0.1}),
    ("PolyLRScheduler", {"t_initial": 1000, "warmup_t": 50, "warmup_lr_init": 1e-4, "lr": 0.1}),
    ("PolyLRScheduler", {"t_initial": 200, "power": 2.0, "lr_min": 1e-4, "cycle_limit": 4,
                         "cycle_mul": 2.0, "cycle_decay": 0.5, "warmup_t": 10,
                         "warmup_prefix": True, "lr": 0.1}),
    ("PolyLRScheduler", {"t_initial": 500, "k_decay": 0.5, "power": 1.0, "lr": 0.1}),
    ("PolyLRScheduler", {"t_initial": 16, "cycle_limit": 6, "cycle_mul": 1.5, "power": 0.5,
                         "lr": 0.1}),
]  # fmt: skip


def _compare(name: str, kw: dict, n: int) -> None:
    s = lrspec.parse(_spec(name, kw))
    got = s(np.arange(n + 1))
    assert got.tolist() == [s(t) for t in range(n + 1)]  # the array path is the scalar path
    real = timm_live.timm_values(name, kw, n)
    scale = _scale(kw)
    bad = [t for t in range(n + 1) if not _close(float(got[t]), real[t], scale)]
    assert bad == [], [(t, float(got[t]), real[t]) for t in bad[:3]]
    far = timm_live.timm_values_at(name, kw, FAR)
    assert all(_close(s(t), v, scale) for t, v in zip(FAR, far)), (s(FAR).tolist(), far)


@pytest.mark.parametrize(("name", "kw"), LIVE, ids=[_spec(n, kw) for n, kw in LIVE])
def test_the_real_timm(name, kw):
    _compare(name, kw, N)


def test_live_sets_cover_every_scheduler_but_the_plateau():
    assert {f"timm.{name}" for name, _ in LIVE} == set(FAMILIES) - {"timm.PlateauLRScheduler"}


@pytest.mark.parametrize("name", [n for n in timm_live.NAMES if n != "PlateauLRScheduler"])
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_the_real_timm_on_drawn_arguments(name, data):
    cname, kw = data.draw(timm_live.STRATEGIES[name])
    assert cname == name
    _compare(name, kw, 3000)


# -- PlateauLRScheduler: stateful --------------------------------------------------------------


def _metrics(count: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [1.0 / (1 + 0.01 * k) + rng.uniform(-0.02, 0.02) for k in range(count)]


PLATEAU = [
    {"lr": 0.1},
    {"patience_t": 2, "decay_rate": 0.5, "mode": "min", "lr": 0.1},
    {"patience_t": 3, "decay_rate": 0.5, "mode": "min", "warmup_t": 5, "warmup_lr_init": 1e-4,
     "cooldown_t": 2, "lr_min": 1e-3, "lr": 0.1},
    {"patience_t": 0, "decay_rate": 0.9, "mode": "max", "threshold": 0.0, "lr": 0.1},
    {"patience_t": 1, "warmup_t": 3, "lr": 0.2},
]  # fmt: skip


@pytest.mark.parametrize("kw", PLATEAU, ids=[_spec("PlateauLRScheduler", kw) for kw in PLATEAU])
def test_the_real_timm_plateau(kw):
    metrics = _metrics(2000, 5)
    s = lrspec.parse(_spec("PlateauLRScheduler", kw))
    assert s(0) == timm_live.timm_initial_value("PlateauLRScheduler", kw)
    got = [s.step(metric) for metric in metrics]
    assert got == timm_live.timm_plateau_values(kw, metrics)  # bit for bit
    assert len(set(got)) > 3  # it did reduce


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    call=timm_live.STRATEGIES["PlateauLRScheduler"],
    metrics=st.lists(st.floats(0.0, 2.0), min_size=1, max_size=200),
)
def test_the_real_timm_plateau_on_drawn_arguments(call, metrics):
    _, kw = call
    s = lrspec.parse(_spec("PlateauLRScheduler", kw))
    assert [s.step(metric) for metric in metrics] == timm_live.timm_plateau_values(kw, metrics)


def test_plateau_resumes_from_its_json_state():
    kw = PLATEAU[2]
    metrics = _metrics(400, 11)
    text = _spec("PlateauLRScheduler", kw)
    whole = lrspec.parse(text)
    rates = [whole.step(metric) for metric in metrics]
    for stop in (0, 3, 5, 6, 150):
        first = lrspec.parse(text)
        for metric in metrics[:stop]:
            first.step(metric)
        saved = json.loads(json.dumps(first.state_dict()))
        assert set(saved["state"]) == {"epoch", "plateau"} and saved["state"]["epoch"] == stop
        resumed = lrspec.parse(text)
        resumed.load_state_dict(saved)
        assert resumed(0) == first(0)
        assert [resumed.step(metric) for metric in metrics[stop:]] == rates[stop:]


def test_plateau_state_errors():
    s = lrspec.parse("timm.PlateauLRScheduler(lr=0.1)")
    good = s.state_dict()
    for state, message in [
        ({"epoch": 1}, "saved state has the wrong keys: ['epoch']"),
        ({"epoch": -1, "plateau": good["state"]["plateau"]}, "saved state has a bad 'epoch': -1"),
        ({"epoch": True, "plateau": good["state"]["plateau"]}, "saved state has a bad 'epoch'"),
    ]:
        with pytest.raises(StateError, match=message.replace("[", r"\[").replace("]", r"\]")):
            s.load_state_dict({**good, "state": state})


def test_plateau_after_a_warmup_in_a_sequence():
    # lrspec's own warmup in front: the plateau sees metrics from its start on, as a whole.
    s = lrspec.parse("Warmup(2) >> timm.PlateauLRScheduler(patience_t=0, mode=min, lr=0.1)")
    assert [s.step(loss) for loss in [5.0, 5.0, 1.0, 1.0]] == [0.05, 0.1, 0.1, 0.010000000000000002]


# -- what timm does that lrspec's own families do not ---------------------------------------------


def test_multistep_decays_one_step_early():
    s = lrspec.parse("timm.MultiStepLRScheduler(decay_t=[10, 20], decay_rate=0.5, lr=0.1)")
    assert [s(8), s(9), s(18), s(19)] == [0.1, 0.05, 0.05, 0.025]
    core = lrspec.parse("MultiStepLR(0.1, [9, 19], 0.5)")
    assert s(STEPS).tolist() == core(STEPS).tolist()


def test_step_uses_python_floor_division():
    s = lrspec.parse("timm.StepLRScheduler(decay_t=0.1, decay_rate=0.5, lr=1.0)")
    assert 1 // 0.1 == 9.0 and s(1) == 0.5**9  # floor(1 / 0.1) would be 10


def test_cycles_follow_timm_logarithm_and_end_on_lr_min():
    s = lrspec.parse("timm.TanhLRScheduler(t_initial=1, cycle_mul=3.0, cycle_limit=5, lr=0.1)")
    # the cycles end at 1 + 3 + 9 + 27 + 81 = 121, but timm's logarithm counts step 121 in the
    # last cycle (its end, a little above lr_min): the schedule lasts one step more
    assert s.length == 122
    real = timm_live.timm_values("TanhLRScheduler", {"t_initial": 1, "cycle_mul": 3.0,
                                                     "cycle_limit": 5, "lr": 0.1}, 125)  # fmt: skip
    assert s(121) == pytest.approx(real[121], rel=1e-12) and real[121] > 0.0
    assert s(122) == real[122] == 0.0
    cosine = lrspec.parse(
        "timm.CosineLRScheduler(t_initial=100, cycle_limit=3, lr_min=0.01, lr=0.1)"
    )
    assert (cosine.length, cosine(300), cosine(10**9)) == (300, 0.01, 0.01)
    endless = lrspec.parse("timm.CosineLRScheduler(t_initial=7, cycle_mul=1.5, cycle_limit=1000)")
    assert endless.length == math.inf  # its cycles would end past 2**53 steps


def test_warmup_without_prefix_jumps_onto_the_curve():
    s = lrspec.parse("timm.CosineLRScheduler(t_initial=100, warmup_t=10, lr=0.1)")
    assert s(9) == pytest.approx(0.09) and s(10) == pytest.approx(
        0.05 * (1 + math.cos(math.pi / 10))
    )
    tanh = lrspec.parse("timm.TanhLRScheduler(t_initial=100, warmup_t=10, lr=0.1)")
    assert tanh(9) < tanh(10)  # tanh ramps to the curve's value at warmup_t


def test_lr_is_the_optimizer_base_rate():
    multiplier = lrspec.parse("timm.CosineLRScheduler(t_initial=100, lr_min=0.001)")
    rated = multiplier.with_base_rate(0.1)
    assert rated == lrspec.parse("timm.CosineLRScheduler(t_initial=100, lr_min=0.001, lr=0.1)")
    assert rated(100) == 0.001  # lr_min is a rate, not a fraction of lr
    assert lrspec.parse(str(rated)).with_base_rate(0.5) is None  # lr given: kept


def test_step_counts_take_units():
    s = lrspec.parse("timm.CosineLRScheduler(t_initial=90%, warmup_t=10%, warmup_prefix=true)")
    assert (
        s.bind(total_steps=1000)(STEPS).tolist()
        == lrspec.parse("timm.CosineLRScheduler(t_initial=900, warmup_t=100, warmup_prefix=true)")(
            STEPS
        ).tolist()
    )
    with pytest.raises(lrspec.UnitError, match="total_steps"):
        s(0)


# -- argument ranges: every parameter of every family -------------------------------------------

A, L, U = ArgumentError, LimitError, UnknownNameError
BIG_STEPS = "9007199254740993"  # 2**53 + 1
NOISE = (
    "is not supported: timm draws the noise from torch's random generator, so the rate would "
    "not be a function of the step"
)
RATE = (("-0.1", A, "must be >= 0, got -0.1"), ("1e301", A, "must be <= 1e+300, got 1e+301"))
POSITIVE_STEPS = (
    ("0", A, "must be > 0, got 0"),
    ("-1", A, "must be > 0, got -1"),
    (BIG_STEPS, L, f"must be at most 2**53 steps, got {BIG_STEPS}"),
)
STEPS_ = (
    ("-1", A, "must be >= 0, got -1"),
    (BIG_STEPS, L, f"must be at most 2**53 steps, got {BIG_STEPS}"),
)
BOOLEAN = (("1", A, "must be true or false, got the number 1"),)
FACTOR = (("-0.5", A, "must be in [0, 1], got -0.5"), ("1.5", A, "must be in [0, 1], got 1.5"))
COUNT = (
    ("-1", A, "must be >= 0, got -1"),
    ("2.5", A, "must be an integer, got 2.5"),
    (BIG_STEPS, A, f"must be <= 9007199254740992, got {BIG_STEPS}"),
)
UNSUPPORTED = {
    "noise_range_t": (("[10, 50]", A, NOISE), ("5", A, NOISE)),
    "noise_type": (("uniform", A, NOISE),),
    "noise_pct": (("0.5", A, NOISE),),
    "noise_std": (("2.0", A, NOISE),),
    "noise_seed": (("7", A, NOISE),),
    "initialize": (
        (
            "false",
            A,
            "is not supported: it is about the optimizer's param groups (timm's initial_lr), "
            "not the rate",
        ),
    ),
}
WARMUP = {"warmup_t": STEPS_, "warmup_lr_init": RATE, "warmup_prefix": BOOLEAN}
CYCLES = {
    "cycle_mul": (
        ("0.5", A, "must be in [1, 1e+06], got 0.5"),
        ("1000001", A, "must be in [1, 1e+06], got 1000001.0"),
    ),
    "cycle_decay": FACTOR,
    "cycle_limit": COUNT,
}
K_DECAY = (("0", A, "must be in (0, 10], got 0.0"), ("11", A, "must be in (0, 10], got 11.0"))
SHAPE = (
    ("-1000001", A, "must be in [-1e+06, 1e+06], got -1000001.0"),
    ("1000001", A, "must be in [-1e+06, 1e+06], got 1000001.0"),
)
COMMON_VALID = {
    "warmup_t": "5",
    "warmup_lr_init": "1e-05",
    "warmup_prefix": "true",
    "t_in_epochs": "false",
    "noise_range_t": "None",
    "noise_pct": "0.67",
    "noise_std": "1.0",
    "noise_seed": "42",
}
CYCLES_VALID = {"cycle_mul": "2.0", "cycle_decay": "0.5", "cycle_limit": "3"}


def _family(valid: dict, extra_bad: dict) -> tuple[dict, dict]:
    bad = {**WARMUP, "t_in_epochs": BOOLEAN, **UNSUPPORTED, "lr": RATE, **extra_bad}
    return valid, {name: bad[name] for name in valid}


RANGES = {
    "timm.CosineLRScheduler": _family(
        {"t_initial": "100", "lr_min": "0.001", **CYCLES_VALID, **COMMON_VALID, "k_decay": "2.0",
         "initialize": "true", "lr": "0.1"},
        {"t_initial": POSITIVE_STEPS, "lr_min": RATE, **CYCLES, "k_decay": K_DECAY},
    ),
    "timm.TanhLRScheduler": _family(
        {"t_initial": "100", "lb": "-6.0", "ub": "4.0", "lr_min": "0.001", **CYCLES_VALID,
         **COMMON_VALID, "initialize": "true", "lr": "0.1"},
        {"t_initial": POSITIVE_STEPS, "lb": SHAPE, "ub": SHAPE, "lr_min": RATE, **CYCLES},
    ),
    "timm.StepLRScheduler": _family(
        {"decay_t": "30", "decay_rate": "0.1", **COMMON_VALID, "initialize": "true", "lr": "0.1"},
        {"decay_t": POSITIVE_STEPS, "decay_rate": FACTOR},
    ),
    "timm.MultiStepLRScheduler": _family(
        {"decay_t": "[30, 60]", "decay_rate": "0.1", **COMMON_VALID, "initialize": "true",
         "lr": "0.1"},
        {
            "decay_t": (
                ("[60, 30]", A, "must be in ascending order, got [60, 30]"),
                ("[-1, 30]", A, "must be >= 0, got -1"),
                (f"[1, {BIG_STEPS}]", L, f"must be at most 2**53 steps, got {BIG_STEPS}"),
            ),
            "decay_rate": FACTOR,
        },
    ),
    "timm.PolyLRScheduler": _family(
        {"t_initial": "100", "power": "2.0", "lr_min": "0.001", **CYCLES_VALID, **COMMON_VALID,
         "k_decay": "0.5", "initialize": "true", "lr": "0.1"},
        {
            "t_initial": POSITIVE_STEPS,
            "power": (
                ("-1", A, "must be in [0, 1e+06], got -1.0"),
                ("1000001", A, "must be in [0, 1e+06], got 1000001.0"),
            ),
            "lr_min": RATE,
            **CYCLES,
            "k_decay": K_DECAY,
        },
    ),
    "timm.PlateauLRScheduler": _family(
        {"decay_rate": "0.5", "patience_t": "2", "threshold": "0.001", "cooldown_t": "1",
         "warmup_t": "3", "warmup_lr_init": "1e-05", "lr_min": "1e-06", "mode": "min",
         "noise_range_t": "None", "noise_type": "normal", "noise_pct": "0.67",
         "noise_std": "1.0", "noise_seed": "None", "initialize": "true", "lr": "0.1"},
        {
            "decay_rate": (
                ("-0.5", A, "must be in [0, 1), got -0.5"),
                ("1", A, "must be in [0, 1), got 1.0"),
            ),
            "patience_t": COUNT,
            "threshold": RATE,
            "cooldown_t": COUNT,
            "warmup_t": COUNT,
            "lr_min": RATE,
            "mode": (("avg", U, "must be one of min, max, got 'avg'"),),
        },
    ),
}  # fmt: skip


def _call_with(family: str, param: str | None = None, bad: str = "") -> tuple[str, int | None]:
    return namespace_checks.call_with(RANGES, family, param, bad)


@pytest.mark.parametrize("family", list(RANGES))
def test_valid_arguments_parse(family):
    if family != "timm.PlateauLRScheduler":
        namespace_checks.check_valid_call(_call_with(family)[0], STEPS)
        return
    s = lrspec.parse(_call_with(family)[0])
    first = s(0)
    assert first == 1e-05 and s.step(1.0) > first
    assert lrspec.parse(str(s)) == s


@pytest.mark.parametrize(
    ("family", "param", "bad", "error", "tail"), list(namespace_checks.range_cases(RANGES))
)
def test_out_of_range_is_rejected(family, param, bad, error, tail):
    text, offset = _call_with(family, param, bad)
    namespace_checks.check_rejected(text, offset, family, param, bad, error, tail)


def test_range_table_covers_every_parameter():
    namespace_checks.check_table_covers_every_parameter(RANGES, FAMILIES)


@pytest.mark.parametrize(
    ("family", "param"), [(f, p.name) for f, cls in FAMILIES.items() for p in cls.params]
)
def test_range_table_reaches_every_declared_bound(family, param):
    """Each bad value sits just outside a bound the parameter really declares."""
    declared = next(p for p in FAMILIES[family].params if p.name == param)
    ptype = declared.type.item if isinstance(declared.type, ListOf) else declared.type
    texts = namespace_checks.items(text for text, _, _ in RANGES[family][1][param])
    numbers = namespace_checks.numbers(texts, exponents=False)
    if isinstance(ptype, Boolean):
        namespace_checks.check_boolean_bound(texts)
    elif isinstance(ptype, Choice):
        assert any(t.isidentifier() and t not in ptype.options for t in texts)
    elif isinstance(ptype, Steps):
        namespace_checks.check_steps_bound(ptype, numbers)
    elif isinstance(ptype, (Real, Integer)):
        numbers += [namespace_checks.number(t) for t in texts if "e" in t]
        namespace_checks.check_bounds(ptype, numbers)
        if isinstance(ptype, Integer):
            namespace_checks.check_fraction(numbers)
    else:  # not supported: any value but the default
        assert type(ptype).__name__ == "_Unsupported"
        assert all(t != repr(declared.default) for t in texts)


def test_cross_parameter_checks():
    with pytest.raises(ArgumentError) as info:
        lrspec.parse("timm.TanhLRScheduler(t_initial=100, lb=2.0, ub=1.0)")
    assert info.value.message == "timm.TanhLRScheduler: 'lb' must be below 'ub' (1.0), got 2.0"


# -- round trips, paths and extremes ------------------------------------------------------------

ALL = LIVE + [("PlateauLRScheduler", kw) for kw in PLATEAU]


@pytest.mark.parametrize(("name", "kw"), ALL, ids=[_spec(n, kw) for n, kw in ALL])
def test_round_trips(name, kw):
    s = lrspec.parse(_spec(name, kw))
    steps = None if name == "PlateauLRScheduler" else STEPS
    namespace_checks.check_round_trip(s, steps=steps)
    required = sum(1 for p in FAMILIES[f"timm.{name}"].params if p.required)
    assert lrspec.parse(_spec(name, kw, positional=required)) == s


@pytest.mark.parametrize(("name", "kw"), LIVE, ids=[_spec(n, kw) for n, kw in LIVE])
def test_array_is_scalar_bit_for_bit_at_any_step(name, kw):
    namespace_checks.check_array_is_scalar(lrspec.parse(_spec(name, kw)), seed=7)


@pytest.mark.parametrize(("name", "kw"), LIVE, ids=[_spec(n, kw) for n, kw in LIVE])
def test_traced_path_is_the_scalar_path(name, kw):
    s = lrspec.parse(_spec(name, kw))
    traced = s.traced(traced_namespace(np))(STEPS.astype(float))
    scalar = s(STEPS)
    # The traced form calls its namespace's functions on whole arrays (an ulp or two from the
    # per-step path's), and its log may count an exact cycle start in the cycle before where
    # the C library's does not: compare away from the cycle starts.
    starts = set()
    first, mul = kw.get("t_initial"), kw.get("cycle_mul", 1.0)
    if first is not None and mul != 1:
        start, length = 0.0, first
        while start <= N + 100:
            starts.update({math.floor(start + kw.get("warmup_t", 0) * kw.get("warmup_prefix", 0))})
            start, length = start + length, length * mul
    differ = [t for t in range(N + 1) if not _close(traced[t], scalar[t], _scale(kw))]
    assert set(differ) <= starts, differ[:5]


def _edges(ptype, default):
    if isinstance(ptype, Real):
        return namespace_checks.real_edges(ptype, (1e-300, 0.5, 1.0))
    if isinstance(ptype, Steps):
        return namespace_checks.steps_edges(ptype)
    if isinstance(ptype, Integer):
        return st.sampled_from([ptype.lo, ptype.lo + 1, 7, 10**6, 2**53]).map(str)
    if isinstance(ptype, Boolean):
        return st.sampled_from(["true", "false"])
    if isinstance(ptype, Choice):
        return st.sampled_from(ptype.options)
    if isinstance(ptype, ListOf):
        return st.lists(_edges(ptype.item, None), max_size=4).map(
            lambda xs: "[" + ", ".join(sorted(xs, key=float)) + "]"
        )
    return st.just(repr(default))  # the unsupported options: their defaults


SWEEP = namespace_checks.SWEEP


@pytest.mark.parametrize("name", sorted(FAMILIES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_values_are_finite_at_every_step(name, data):
    text = data.draw(
        namespace_checks.extreme_call(FAMILIES[name], lambda p: _edges(p.type, p.default))
    )
    try:
        s = lrspec.parse(text)
    except lrspec.LrspecError:
        return  # parameters that contradict each other (a check between them said so)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if name == "timm.PlateauLRScheduler":
            values = np.array([s.step(m) for m in (1.0, 0.5, 2.0, 1e300, 0.0) * 40])
            scalars = values.tolist()
        else:
            try:
                values = s(SWEEP)
            except lrspec.EvaluationError as error:
                _check_overflow_as_timm(name, s, error)
                return
            scalars = [s(float(t)) for t in SWEEP]
    namespace_checks.check_sweep(text, values, scalars, points=values)


def _check_overflow_as_timm(name, s, error):
    """A power that overflows (timm.PolyLRScheduler with cycle_mul a hair above 1) is an
    EvaluationError at the very steps where the real timm raises OverflowError."""
    assert name == "timm.PolyLRScheduler" and "overflows to a non-finite value" in error.message
    bad = []
    for t in SWEEP.tolist():
        try:
            s(t)
        except lrspec.EvaluationError:
            bad.append(t)
    assert bad
    expr = s.expr
    kwargs = {p.name: expr.args[p.name] for p in type(expr).params if p.name in expr.spans}
    lr = kwargs.pop("lr", 1.0)
    for t in bad[:3]:
        with pytest.raises(OverflowError):
            timm_live.timm_values_at("PolyLRScheduler", {**kwargs, "lr": lr}, [t])


# -- the recorded traces -------------------------------------------------------------------------

TRACES = ROOT / "tests" / "peers" / "traces" / "timm.jsonl"


def _traces() -> list[dict]:
    traces = [json.loads(line) for line in TRACES.read_text().splitlines() if line.strip()]
    assert len(traces) >= 19
    return traces


@pytest.mark.parametrize("trace", _traces(), ids=lambda trace: trace["id"])
def test_recorded_timm_trace(trace):
    assert trace["source"].startswith("timm 1.0")
    s = lrspec.parse(trace["spec"])
    if "metrics" in trace:
        assert trace["steps"] == list(range(1, len(trace["metrics"]) + 1))
        assert [s.step(metric) for metric in trace["metrics"]] == trace["lr"]
        return
    got = s(np.asarray(trace["steps"])).tolist()
    scale = max(trace["lr"])
    for t, value, want in zip(trace["steps"], got, trace["lr"]):
        assert _close(value, want, scale), (trace["id"], t, value, want)
    assert trace["steps"][-1] >= 12_000 and set(range(301)) <= set(trace["steps"])
