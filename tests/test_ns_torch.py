"""The ``torch.`` namespace: every scheduler of ``torch.optim.lr_scheduler`` in PyTorch's words,
with PyTorch's values.

The value at step t is the rate the param group holds after t calls of ``scheduler.step()``;
every comparison with the real torch (``peers.torch_live``) is to 1e-12 relative (0 exactly 0),
at every step. Two sets of steps are left out, each for a reason of its own: rates both below
the smallest normal float (a repeated product there rounds on the subnormal grid, step by step,
which no closed form reproduces) and a OneCycleLR's step N (torch extrapolates its last phase
there and raises after; lrspec holds the rate of step N - 1, see ``torch.OneCycleLR``).
"""

from __future__ import annotations

import inspect
import json
import math
import random

import namespace_checks
import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peers import torch_cases, torch_live

import lrspec
from lrspec.compute.math_namespaces import traced_namespace
from lrspec.model.registry import families
from lrspec.model.types import Boolean, Choice, Integer, ListOf, Nullable, Real, Steps
from lrspec.syntax.errors import ArgumentError, LimitError, UnknownNameError

from conftest import ROOT

# The torch schedulers; torch.OneCycleLR.momentum, OneCycleLR's companion (the momentum it
# cycles), is no scheduler of its own: it has OneCycleLR's parameters and its own tests.
COMPANIONS = {"torch.OneCycleLR.momentum"}
FAMILIES = {
    name: cls
    for name, cls in families().items()
    if name.startswith("torch.") and name not in COMPANIONS
}
N = 12_000
STEPS = np.arange(N + 1)
TINY = 2.2250738585072014e-308  # the smallest normal float
# Schedulers that take a Python function: no family (see test_callables_are_no_family).
CALLABLES = ("LambdaLR", "MultiplicativeLR")


def _rel(got: float, want: float) -> float:
    if got == want:
        return 0.0
    return abs(got - want) / abs(want) if want else math.inf


def _compare(call, got, want) -> tuple[float, int]:
    """The largest relative error of lrspec's ``got`` against torch's ``want`` (None where
    torch raises), leaving out the subnormal tail and a OneCycleLR's step N; and the number of
    steps compared."""
    worst, compared = 0.0, 0
    for t, (value, real) in enumerate(zip(got, want)):
        if real is None or torch_live.one_cycle_past_end(call, t):
            continue
        compared += 1
        if abs(real) < TINY and abs(value) < TINY:
            continue
        worst = max(worst, _rel(value, real))
    return worst, compared


# -- the namespace is PyTorch's ----------------------------------------------------------------


def _torch_classes() -> dict:
    base = torch.optim.lr_scheduler.LRScheduler
    return {
        name: cls
        for name, cls in vars(torch.optim.lr_scheduler).items()
        if isinstance(cls, type)
        and issubclass(cls, base)
        and cls is not base
        and not name.startswith("_")
    }


def test_every_torch_scheduler_has_a_family():
    named = {f"torch.{name}" for name in _torch_classes() if name not in CALLABLES}
    assert sorted(named) == sorted(FAMILIES)
    assert len(FAMILIES) == 13


def _signature(name: str) -> list[tuple[str, object]]:
    cls = _torch_classes()[name]
    params = inspect.signature(cls).parameters.values()
    return [
        (p.name, p.default)
        for p in params
        if p.name not in ("optimizer", "last_epoch") and p.kind is not p.VAR_KEYWORD
    ]


@pytest.mark.parametrize("name", sorted(n.removeprefix("torch.") for n in FAMILIES))
def test_names_defaults_and_order_are_torch(name):
    cls = FAMILIES[f"torch.{name}"]
    ours = [(p.name, inspect.Parameter.empty if p.required else p.default) for p in cls.params]
    theirs = _signature(name)
    if name in torch_live.SELF_RATED:
        assert cls.base_rate is None
    else:  # lr= stands for the optimizer's rate: the last parameter, 1.0 by default
        assert cls.base_rate == "lr" and ours[-1] == ("lr", 1.0)
        ours = ours[:-1]
    assert ours == theirs


def test_families_print_in_torch_words():
    for cls in FAMILIES.values():
        assert cls.origin == "torch." and cls.print_keywords
        assert str(lrspec.parse(cls.example)) == cls.example
    s = lrspec.parse("torch.StepLR(30, 0.1, 0.5)")
    assert str(s) == "torch.StepLR(step_size=30, lr=0.5)"  # defaults left out


def test_callables_are_no_family():
    # LambdaLR and MultiplicativeLR take a Python function: no text holds one.
    assert all(f"torch.{name}" not in families() for name in CALLABLES)
    assert {case["spec"].split("(")[0] for case in torch_cases.CALLABLE_CASES} == {
        f"torch.{name}" for name in CALLABLES
    }


@pytest.mark.parametrize("case", torch_cases.CALLABLE_CASES, ids=lambda c: c["origin"])
def test_a_callable_scheduler_says_why_it_cannot_be_text(case):
    with pytest.raises(lrspec.ArgumentError) as info:
        lrspec.parse(case["spec"])
    assert "'lr_lambda' is a Python function, which text cannot hold" in info.value.message


def test_the_lambda_lr_message():
    with pytest.raises(lrspec.ArgumentError) as info:
        lrspec.parse("Warmup(10) >> torch.LambdaLR(lr_lambda=0.5)")
    assert info.value.render() == (
        "lrspec: torch.LambdaLR cannot be written as text: its 'lr_lambda' is a Python "
        "function, which text cannot hold at column 14\n"
        "  Warmup(10) >> torch.LambdaLR(lr_lambda=0.5)\n"
        "                ^^^^^^^^^^^^^^\n"
        "write the schedule the function computes: lambda t: min(1, t / 500) on lr=0.1 is "
        "Warmup(500) >> Constant(0.1); or give lrspec.torch.scheduler that spec with "
        "multiplier=True, as LambdaLR multiplies each group's rate"
    )


def test_a_close_name_in_the_namespace_is_suggested():
    with pytest.raises(UnknownNameError) as info:
        lrspec.parse("torch.CosineAnnealing(T_max=10)")
    assert info.value.hint == (
        "did you mean 'torch.CosineAnnealingLR' or 'torch.CosineAnnealingWarmRestarts'?"
    )
    with pytest.raises(UnknownNameError) as info:
        lrspec.parse("torch.Cosine(0.1, 0, 10)")
    assert info.value.hint == "did you mean 'Cosine'?"


def test_an_unknown_torch_name_suggests_the_namespace():
    with pytest.raises(UnknownNameError) as info:
        lrspec.parse("CosineAnnealingLR(0.1, 1000)")
    assert info.value.render() == (
        "lrspec: unknown schedule 'CosineAnnealingLR' at column 0\n"
        "  CosineAnnealingLR(0.1, 1000)\n"
        "  ^^^^^^^^^^^^^^^^^\n"
        "did you mean 'torch.CosineAnnealingLR'?"
    )
    with pytest.raises(UnknownNameError) as info:
        lrspec.parse("OneCycleLR(max_lr=0.1, total_steps=100)")
    assert info.value.hint == "did you mean 'torch.OneCycleLR'?"


# -- PyTorch's own test cases -----------------------------------------------------------------


def _ids(cases):
    return [case["origin"].removeprefix("pytorch test/optim/") for case in cases]


def _values(case) -> list[float]:
    if case["metrics"] is None:
        return namespace_checks.case_values(case)
    s = lrspec.parse(case["spec"])
    rates = [s(0)] + [s.step(metric) for metric in case["metrics"]]
    return [rates[t] for t in case["steps"]]


@pytest.mark.parametrize("case", torch_cases.CASES, ids=_ids(torch_cases.CASES))
def test_torch_case(case):
    assert case["origin"].startswith("pytorch test/optim/test_lrscheduler.py::")
    got = _values(case)
    if case["origin"] not in torch_cases.LOOSE:
        for t, value, want in zip(case["steps"], got, case["lrs"]):
            assert _rel(value, want) <= 1e-12, (case["spec"], t, value, want)
        return
    # The test's own targets are a formula torch does not compute: lrspec is torch's to
    # 1e-12, and the targets' within their own tolerance, atol 1e-5.
    call, lr = torch_live.torch_call(case["spec"])
    real = torch_live.torch_lrs(call, lr, max(case["steps"]))
    for t, value, want in zip(case["steps"], got, case["lrs"]):
        assert _rel(value, real[t]) <= 1e-12, (case["spec"], t, value, real[t])
        assert abs(value - want) <= 1e-5, (case["spec"], t, value, want)


@pytest.mark.parametrize("case", torch_cases.MOMENTUM_CASES, ids=_ids(torch_cases.MOMENTUM_CASES))
def test_torch_momentum_case(case):
    s = lrspec.parse(case["spec"])
    companions = s.companions()
    if "cycle_momentum=False" in case["spec"]:
        assert companions == {}
        assert set(case["momentums"]) == {0.0}  # the optimizer's own momentum, untouched
        return
    momentum = companions["momentum"]
    for t, want in zip(case["steps"], case["momentums"]):
        assert _rel(momentum(t), want) <= 1e-12, (case["spec"], t, momentum(t), want)


ERRORS = {"ArgumentError": ArgumentError, "UnknownNameError": UnknownNameError}


@pytest.mark.parametrize("case", torch_cases.ERROR_CASES, ids=_ids(torch_cases.ERROR_CASES))
def test_torch_error_case(case):
    with pytest.raises(lrspec.LrspecError) as info:
        lrspec.parse(case["spec"])
    assert type(info.value) is ERRORS[case["error"]]
    family = case["spec"].split("(")[0]
    assert info.value.message.startswith(f"{family}: '{case['param']}' "), info.value.message


def test_the_case_tables_cover_every_scheduler():
    named = {
        case["spec"].split("(")[0]
        for table in (torch_cases.CASES, torch_cases.MOMENTUM_CASES)
        for case in table
    }
    assert named == set(FAMILIES)
    counts = (len(torch_cases.CASES), len(torch_cases.MOMENTUM_CASES))
    assert counts == (103, 18)
    assert (len(torch_cases.ERROR_CASES), len(torch_cases.CALLABLE_CASES)) == (39, 2)
    assert len(torch_cases.LOOSE) == 9 and set(torch_cases.LOOSE) <= {
        case["origin"] for case in torch_cases.CASES
    }


# -- the real torch, over 12,000 steps and past every end --------------------------------------


def _walk(seed: int, kind: str, n: int = N) -> list[float]:
    """Metrics for ReduceLROnPlateau: a noisy slow descent, or plateaus broken by steps."""
    rnd, value, out = random.Random(seed), 1.0, []
    for _ in range(n):
        if kind == "noisy":
            value = value * rnd.choice([0.999, 0.9999, 1.0, 1.0, 1.001]) + rnd.gauss(0, 1e-4)
        else:
            value = rnd.choice([value, value, value * 0.5, value * 0.99999, value * 1.5])
        out.append(value)
    return out


S, M, C, L = "StepLR", "MultiStepLR", "ConstantLR", "LinearLR"
E, P, Co, W = "ExponentialLR", "PolynomialLR", "CosineAnnealingLR", "CosineAnnealingWarmRestarts"
Cy, Oc, R, Q, Ch = "CyclicLR", "OneCycleLR", "ReduceLROnPlateau", "SequentialLR", "ChainedScheduler"
WARM = (L, {"start_factor": 0.01, "total_iters": 500})

#: (call, base lr (None: the multiplier, lr 1.0), metrics for ReduceLROnPlateau).
LIVE = [
    ((S, {"step_size": 3, "gamma": 0.1}), 0.05, None),
    ((S, {"step_size": 1, "gamma": 0.9}), 0.1, None),
    ((S, {"step_size": 7, "gamma": 0.97}), None, None),
    ((S, {"step_size": 2, "gamma": 0.0}), 0.1, None),
    ((M, {"milestones": [2, 5, 9]}), 0.05, None),
    ((M, {"milestones": [0, 3, 3, 10], "gamma": 0.5}), 0.1, None),
    ((M, {"milestones": [3000, 1000, 2000]}), None, None),
    ((M, {"milestones": list(range(50, 5001, 50)), "gamma": 0.95}), 0.1, None),
    ((C, {}), 0.1, None),
    ((C, {"factor": 0.5, "total_iters": 0}), 0.1, None),
    ((C, {"factor": 0.25, "total_iters": 100_000}), None, None),
    ((C, {"factor": 0.0, "total_iters": 0}), 0.1, None),
    ((L, {}), 0.1, None),
    (WARM, 0.1, None),
    ((L, {"start_factor": 0.3, "end_factor": 0.0, "total_iters": 7}), 1.0, None),
    ((L, {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 9000}), None, None),
    ((L, {"start_factor": 1.0, "end_factor": 1e-10, "total_iters": 1}), 0.1, None),
    ((L, {"total_iters": 0}), 0.1, None),
    ((E, {"gamma": 0.999}), 0.1, None),
    ((E, {"gamma": 0.5}), None, None),
    ((E, {"gamma": 0.0}), 0.1, None),
    ((E, {"gamma": 0.9999}), 0.1, None),
    ((P, {}), 0.1, None),
    ((P, {"total_iters": 5000, "power": 0.9}), 0.1, None),
    ((P, {"total_iters": 10, "power": 0.0}), None, None),
    ((P, {"total_iters": 0}), 0.1, None),
    ((Co, {"T_max": 10}), 0.1, None),
    ((Co, {"T_max": 100, "eta_min": 1e-3}), 0.1, None),
    ((Co, {"T_max": 1000, "eta_min": 0.01}), None, None),
    ((Co, {"T_max": 4000, "eta_min": 0.09}), 0.1, None),
    ((Co, {"T_max": 1}), 0.1, None),
    ((Co, {"T_max": 2, "eta_min": 0.02}), 0.1, None),
    ((Co, {"T_max": 9500}), 0.1, None),
    ((Co, {"T_max": 600, "eta_min": 0.099}), 0.1, None),
    ((Co, {"T_max": 2500, "eta_min": 0.2}), 0.1, None),
    ((W, {"T_0": 10}), 0.1, None),
    ((W, {"T_0": 10, "T_mult": 2, "eta_min": 1e-10}), 0.05, None),
    ((W, {"T_0": 7, "T_mult": 3, "eta_min": 0.01}), None, None),
    ((W, {"T_0": 1, "T_mult": 2}), 0.1, None),
    ((Cy, {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 20}), None, None),
    ((Cy, {"base_lr": 1, "max_lr": 5, "step_size_up": 4, "step_size_down": 6,
           "mode": "triangular2"}), None, None),
    ((Cy, {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 50, "mode": "exp_range",
           "gamma": 0.999}), None, None),
    ((Cy, {"base_lr": 0.1, "max_lr": 1.0, "step_size_up": 1, "mode": "triangular2"}), None, None),
    ((Cy, {"base_lr": 0.1, "max_lr": 1.0, "step_size_up": 2, "step_size_down": 0}), None, None),
    ((Cy, {"base_lr": 0.1, "max_lr": 0.01, "step_size_up": 30, "cycle_momentum": False}), None,
     None),
    ((Cy, {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2.5, "step_size_down": 7.25,
           "mode": "exp_range", "gamma": 0.99, "scale_mode": "cycle"}), None, None),
    ((Oc, {"max_lr": 0.1, "total_steps": 1000}), None, None),
    ((Oc, {"max_lr": 0.1, "epochs": 10, "steps_per_epoch": 100, "three_phase": True,
          "anneal_strategy": "linear"}), None, None),
    ((Oc, {"max_lr": 0.3, "total_steps": 10000, "pct_start": 0.5, "three_phase": True}), None,
     None),
    ((Oc, {"max_lr": 0.1, "total_steps": 5}), None, None),
    ((Oc, {"max_lr": 0.1, "total_steps": 100, "pct_start": 0.0}), None, None),
    ((Oc, {"max_lr": 0.1, "total_steps": 100, "pct_start": 1.0, "anneal_strategy": "linear"}),
     None, None),
    ((Oc, {"max_lr": 0.2, "total_steps": 30, "pct_start": 0.7, "three_phase": True}), None, None),
    ((Oc, {"max_lr": 1.0, "total_steps": 3000, "anneal_strategy": "linear", "div_factor": 10.0,
          "final_div_factor": 100.0}), None, None),
    ((R, {}), 0.1, _walk(7, "noisy")),
    ((R, {"mode": "max", "threshold_mode": "abs", "threshold": 1e-3, "cooldown": 5,
          "patience": 3, "factor": 0.5}), 0.1, _walk(8, "noisy")),
    ((R, {"patience": 0, "min_lr": 1e-4, "factor": 0.3}), 0.1, _walk(9, "steps")),
    ((R, {"eps": 0.05, "factor": 0.5, "patience": 2}), None, _walk(10, "steps")),
    ((R, {"threshold": 1.0, "patience": 5}), 0.1, _walk(11, "noisy")),
    ((R, {"mode": "max", "threshold": 0.05, "cooldown": 2, "factor": 0.0}), 0.1,
     _walk(12, "steps")),
    ((Q, {"schedulers": [WARM, (Co, {"T_max": 9500})], "milestones": [500]}), 0.1, None),
    ((Q, {"schedulers": [(C, {"factor": 0.1, "total_iters": 3}), (E, {"gamma": 0.999})],
          "milestones": [3]}), None, None),
    ((Q, {"schedulers": [(Cy, {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 2}),
                         (E, {"gamma": 0.999})], "milestones": [3]}), 0.1, None),
    ((Q, {"schedulers": [(Oc, {"max_lr": 1.0, "total_steps": 100}),
                         (Oc, {"max_lr": 0.5, "total_steps": 11000})], "milestones": [50]}),
     0.1, None),
    ((Q, {"schedulers": [(S, {"step_size": 50}), (Oc, {"max_lr": 1.0, "total_steps": 300}),
                         (W, {"T_0": 30, "T_mult": 2})], "milestones": [100, 400]}), 0.1, None),
    ((Q, {"schedulers": [(Ch, {"schedulers": [(L, {"start_factor": 0.1, "total_iters": 5}),
                                              (C, {"factor": 0.1, "total_iters": 5})]}),
                         (C, {"factor": 0.5, "total_iters": 5})], "milestones": [5]}), 0.1, None),
    ((Q, {"schedulers": [(Ch, {"schedulers": [(P, {"total_iters": 4}), (Co, {"T_max": 4})]}),
                         (S, {"step_size": 10})], "milestones": [2000]}), 0.1, None),
    ((Q, {"schedulers": [(Ch, {"schedulers": [(E, {"gamma": 0.999}),
                                              (Co, {"T_max": 50, "eta_min": 0.01})]}),
                         (Co, {"T_max": 77, "eta_min": 0.003})], "milestones": [5000]}),
     0.1, None),
    ((Q, {"schedulers": [(E, {"gamma": 0.5}), (S, {"step_size": 2})], "milestones": [0]}), 0.1,
     None),
    ((Q, {"schedulers": [(E, {"gamma": 0.5}), (C, {"factor": 0.1, "total_iters": 100}),
                         (S, {"step_size": 100, "gamma": 0.3})], "milestones": [3, 3]}), 0.1, None),
    ((Q, {"schedulers": [(L, {"start_factor": 0.5, "total_iters": 0}),
                         (C, {"factor": 0.5, "total_iters": 0})], "milestones": [10]}), 0.1, None),
    ((Q, {"schedulers": [WARM, (Co, {"T_max": 300, "eta_min": 0.002})], "milestones": [500]}),
     None, None),
    ((Ch, {"schedulers": [(S, {"step_size": 3}), (M, {"milestones": [2, 5, 9]})]}), 0.1, None),
    ((Ch, {"schedulers": [(E, {"gamma": 0.999}), (C, {"factor": 0.2, "total_iters": 4}),
                          (S, {"step_size": 300})]}), None, None),
    ((Ch, {"schedulers": [(Co, {"T_max": 10}), (S, {"step_size": 7, "gamma": 0.5})]}), 0.1, None),
    ((Ch, {"schedulers": [WARM, (Co, {"T_max": 1000})]}), 0.1, None),
    ((Ch, {"schedulers": [(P, {"total_iters": 2}), (Co, {"T_max": 3})]}), 0.1, None),
    ((Ch, {"schedulers": [(W, {"T_0": 4}), (S, {"step_size": 3, "gamma": 0.5})]}), 0.1, None),
    ((Ch, {"schedulers": [(S, {"step_size": 3, "gamma": 0.5}), (Cy, {"base_lr": 0.0625,
                                                                      "max_lr": 1.0})]}),
     0.1, None),
    ((Ch, {"schedulers": [(Cy, {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 20}),
                          (Co, {"T_max": 33, "eta_min": 0.005})]}), 0.1, None),
    ((Ch, {"schedulers": [(L, {"start_factor": 0.1, "total_iters": 100}),
                          (Oc, {"max_lr": 0.1, "total_steps": 11000})]}), 0.1, None),
    ((Ch, {"schedulers": [(Ch, {"schedulers": [(S, {"step_size": 5}), (E, {"gamma": 0.999})]}),
                          (C, {"factor": 0.5, "total_iters": 7})]}), 0.1, None),
    ((Ch, {"schedulers": [(Co, {"T_max": 50, "eta_min": 0.01}),
                          (S, {"step_size": 100, "gamma": 0.9})]}), 0.1, None),
    ((Ch, {"schedulers": [(Co, {"T_max": 10, "eta_min": 1e-10}), (E, {"gamma": 0.1})]}), 0.1,
     None),
    ((Ch, {"schedulers": [(L, {"start_factor": 0.4, "total_iters": 40}),
                          (Co, {"T_max": 10, "eta_min": 0.001})]}), 0.1, None),
    ((Ch, {"schedulers": [(Co, {"T_max": 20, "eta_min": 0.001}), (Co, {"T_max": 30})]}), 0.1,
     None),
    ((Ch, {"schedulers": [(Co, {"T_max": 500, "eta_min": 0.005}), (E, {"gamma": 0.9999})]}),
     None, None),
]  # fmt: skip


def _live_id(entry) -> str:
    call, lr, _ = entry
    return torch_live.torch_text(call, lr)


@pytest.mark.parametrize("entry", LIVE, ids=[_live_id(e) for e in LIVE])
def test_the_real_torch(entry):
    call, lr, metrics = entry
    s = lrspec.parse(torch_live.torch_text(call, lr))
    want = torch_live.torch_lrs(call, lr, N, metrics=metrics)
    if metrics is None:
        got = s(STEPS).tolist()
        assert got[::7] == [s(t) for t in range(0, N + 1, 7)]  # the array path is the scalar one
    else:
        got = [s(0)] + [s.step(metric) for metric in metrics]
    worst, compared = _compare(call, got, want)
    assert worst <= 1e-12
    if call[0] == Oc:  # past its end, the rate of step N - 1 (torch raises)
        last = torch_live.one_cycle_total(call[1]) - 1
        assert compared == last + 1 and set(got[last:]) == {got[last]}
    else:
        assert compared >= 1000


def test_live_sets_cover_every_scheduler():
    assert {f"torch.{call[0]}" for call, _, _ in LIVE} == set(FAMILIES)
    assert len(LIVE) >= 80


def _momentum_id(entry) -> str:
    return torch_live.torch_text(entry, None)


MOMENTUM_LIVE = [call for call, _, _ in LIVE if call[0] in torch_live.SELF_RATED] + [
    (Cy, {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 7, "mode": "exp_range", "gamma": 0.99,
          "base_momentum": 0.7, "max_momentum": 0.95}),
    (Oc, {"max_lr": 0.1, "total_steps": 500, "three_phase": True, "base_momentum": 0.8,
          "max_momentum": 0.99}),
    (Oc, {"max_lr": 0.1, "total_steps": 700, "anneal_strategy": "linear", "base_momentum": 0.0}),
]  # fmt: skip


@pytest.mark.parametrize("call", MOMENTUM_LIVE, ids=[_momentum_id(c) for c in MOMENTUM_LIVE])
@pytest.mark.parametrize("optimizer", ["SGD", "Adam"])
def test_the_real_torch_momentum(call, optimizer):
    """SGD's momentum, or Adam's beta1, as CyclicLR and OneCycleLR drive them: the companion
    schedule ``momentum`` (which lrspec.torch applies the same way)."""
    s = lrspec.parse(torch_live.torch_text(call, None))
    companions = s.companions()
    if not call[1].get("cycle_momentum", True):
        assert companions == {}
        return
    momentum = companions["momentum"]
    n = 3000
    got = momentum(np.arange(n + 1)).tolist()
    assert got == [momentum(t) for t in range(n + 1)]
    want = torch_live.torch_momentums(call, n, optimizer=optimizer)
    worst, compared = _compare(call, got, want)
    if call[0] == Oc:
        assert compared == min(n + 1, torch_live.one_cycle_total(call[1]))
    else:  # (triangular2: torch raises after 1024 cycles)
        assert compared == (2048 if call[1]["step_size_up"] == 1 else n + 1)
    assert worst <= 1e-12


def test_the_cyclic_momentum_is_a_cyclic_schedule():
    # max_momentum - (max - base) * f * scale is the same arithmetic from max to base
    s = lrspec.parse("torch.CyclicLR(0.001, 0.1, 20, mode=exp_range, gamma=0.99)")
    assert str(s.companions()["momentum"]) == (
        "torch.CyclicLR(base_lr=0.9, max_lr=0.8, step_size_up=20, mode=exp_range, gamma=0.99, "
        "cycle_momentum=false)"
    )
    one = lrspec.parse("torch.OneCycleLR(0.1, 100)").companions()["momentum"]
    assert str(one) == "torch.OneCycleLR.momentum(max_lr=0.1, total_steps=100)"
    assert (one(0), one(29), one(99), one(10**6)) == (0.95, 0.85, 0.95, 0.95)
    assert one.length == 100
    again = lrspec.parse(str(one))  # a companion prints in words that parse back
    assert again == one and again(np.arange(120)).tolist() == one(np.arange(120)).tolist()
    assert lrspec.from_dict(one.to_dict()) == one


def test_the_one_cycle_momentum_has_one_cycle_s_parameters():
    # The same declarations: OneCycleLR's range table covers the momentum's parameters.
    momentum = families()["torch.OneCycleLR.momentum"]
    assert momentum.params is FAMILIES["torch.OneCycleLR"].params
    with pytest.raises(lrspec.CompositionError, match="the momentum of torch.OneCycleLR"):
        lrspec.parse(
            "torch.SequentialLR(schedulers=[torch.OneCycleLR.momentum(max_lr=0.1, "
            "total_steps=100), torch.StepLR(step_size=3)], milestones=[50], lr=0.1)"
        )(0)


# -- hypothesis: arguments drawn from torch's domain -------------------------------------------


def _drawn(name: str, call, lr, metrics, n: int) -> None:
    base = None if name in torch_live.SELF_RATED else lr
    s = lrspec.parse(torch_live.torch_text(call, base))
    want = torch_live.torch_lrs(call, base, n, metrics=metrics)
    if name == "ReduceLROnPlateau":
        got = [s(0)] + [s.step(metric) for metric in metrics]
        again = lrspec.parse(str(s))
        again.load_state_dict(json.loads(json.dumps(s.state_dict())))
        assert again.step(0.5) == s.step(0.5)  # a state saved as JSON goes on alike
    else:
        got = s(np.arange(n + 1)).tolist()
        assert got == [s(t) for t in range(n + 1)]
    worst, compared = _compare(call, got, want)
    assert worst <= 1e-12, (torch_live.torch_text(call, base), worst)
    assert compared >= 1


@pytest.mark.parametrize("name", list(torch_live.STRATEGIES))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_real_torch_on_drawn_arguments(name, data):
    call = data.draw(torch_live.STRATEGIES[name])
    lr = data.draw(st.sampled_from([None, 0.1, 3e-4, 2.5]))
    metrics = data.draw(torch_live.metrics_strategy(2500)) if name == R else None
    _drawn(name, call, lr, metrics, 2500)


@pytest.mark.parametrize("name", list(torch_live.WIDE))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_real_torch_on_wide_compositions(name, data):
    """Chains of any members (cosines with eta_min, schedulers that set the rate) and
    SequentialLRs over them, milestones 0 and repeated milestones included."""
    _drawn(name, data.draw(torch_live.WIDE[name]), 0.1, None, 1500)


@pytest.mark.parametrize(
    "call",
    [
        # Found by test_the_real_torch_on_wide_compositions: StepLR's gamma ** 306 came
        # before the cosine's large ratio and went subnormal (1.9e-12 off at step 751).
        (
            "ChainedScheduler",
            {"schedulers": [("StepLR", {"step_size": 1}), ("CosineAnnealingLR", {"T_max": 444})]},
        ),
        # Found by test_values_are_finite_at_every_step: an IndexError at step 0, where the
        # cosine's replay was asked for a step before its start.
        (
            "ChainedScheduler",
            {
                "schedulers": [
                    ("ConstantLR", {"total_iters": 1000}),
                    ("CosineAnnealingLR", {"T_max": 1, "eta_min": 5e-324}),
                ]
            },
        ),
    ],
    ids=["subnormal-product", "replay-before-start"],
)
def test_the_real_torch_on_compositions_hypothesis_found(call):
    _drawn("ChainedScheduler", call, 0.1, None, 1500)


# -- what PyTorch does that lrspec's own families do not ---------------------------------------


def test_cosine_annealing_keeps_going_past_t_max():
    s = lrspec.parse("torch.CosineAnnealingLR(T_max=100, eta_min=0.001, lr=0.1)")
    core = lrspec.parse("Cosine(0.1, 0.001, 100)")
    assert s(np.arange(101)).tolist() == pytest.approx(core(np.arange(101)).tolist(), rel=1e-14)
    assert s(100) == 0.001 and core(150) == 0.001  # the bottom, then lrspec's Cosine holds
    assert s(150) == pytest.approx(0.0505, rel=1e-12)  # torch's climbs back to lr
    assert s(300) == 0.001 and s(200) == pytest.approx(0.1, rel=1e-12)
    assert s.length == math.inf
    far = torch_live.torch_lrs(("CosineAnnealingLR", {"T_max": 10, "eta_min": 0.02}), 0.1, 50_000)
    s = lrspec.parse("torch.CosineAnnealingLR(T_max=10, eta_min=0.02, lr=0.1)")
    assert max(_rel(s(t), far[t]) for t in range(0, 50_001, 7)) <= 1e-12


def test_linear_ends_where_torch_does():
    # end_factor=0: torch's last ratio is not exactly 0, nor is its rate from total_iters on
    s = lrspec.parse("torch.LinearLR(start_factor=0.3, end_factor=0.0, total_iters=7)")
    want = torch_live.torch_lrs(("LinearLR", {"start_factor": 0.3, "end_factor": 0.0,
                                              "total_iters": 7}), 1.0, 10)  # fmt: skip
    assert 0 < want[7] < 1e-16 and s(7) == pytest.approx(want[7], rel=1e-12)
    assert s(10**9) == s(7) and s.length == 8
    assert s.resolved().stands_for().text() == (
        "Linear(0.3, 0.0, 7)[:7] >> 3.8064789415719665e-17[:1]"
    )


def test_sequential_restarts_each_member():
    s = lrspec.parse(
        "torch.SequentialLR(schedulers=[torch.LinearLR(start_factor=0.01, total_iters=500), "
        "torch.CosineAnnealingLR(T_max=9500)], milestones=[500], lr=0.1)"
    )
    core = lrspec.parse("Linear(0.001, 0.1, 500)[:500] >> Cosine(0.1, 0.0, 9500)")
    steps = np.arange(10_001)
    assert s(steps).tolist() == pytest.approx(core(steps).tolist(), rel=1e-13, abs=0)
    assert s.resolved().stands_for().text() == (
        "Linear(0.001, 0.1, 500)[:500] >> torch.CosineAnnealingLR(T_max=9500, lr=0.1)"
    )


def test_a_chained_scheduler_first_in_a_sequence_starts_with_ordinary_steps():
    # torch's SequentialLR starts a ChainedScheduler with step(): its ExponentialLR multiplies
    # at step 0 already (alone, it would not)
    seq = lrspec.parse(
        "torch.SequentialLR([torch.ChainedScheduler([torch.ExponentialLR(0.5)]), "
        "torch.StepLR(2)], [3], lr=1.0)"
    )
    assert [seq(t) for t in range(5)] == [0.5, 0.25, 0.125, 1.0, 1.0]
    chain = lrspec.parse("torch.ChainedScheduler([torch.ExponentialLR(0.5)], lr=1.0)")
    assert [chain(t) for t in range(3)] == [1.0, 0.5, 0.25]


def test_the_base_is_the_initial_lr_when_each_member_was_built():
    # A CyclicLR built first makes its base_lr the group's initial_lr: the ExponentialLR after
    # it scales 0.01, not lr=0.7.
    s = lrspec.parse(
        "torch.SequentialLR([torch.CyclicLR(0.01, 0.1, 2), torch.ExponentialLR(0.5)], [3], lr=0.7)"
    )
    assert [s(t) for t in (0, 2, 3, 4)] == [0.01, 0.1, 0.01, 0.005]
    assert s.resolved().stands_for() is not None  # still a core expression
    # Two OneCycleLRs on one optimizer both take the rates of the last one built.
    two = lrspec.parse(
        "torch.SequentialLR([torch.OneCycleLR(1.0, 100), torch.OneCycleLR(0.5, 200)], [50])"
    )
    call = ("SequentialLR", {"schedulers": [("OneCycleLR", {"max_lr": 1.0, "total_steps": 100}),
            ("OneCycleLR", {"max_lr": 0.5, "total_steps": 200})], "milestones": [50]})  # fmt: skip
    want = torch_live.torch_lrs(call, None, 60)
    assert [two(t) for t in range(61)] == want and abs(two(0) - 0.5 / 25) < 1e-16
    assert two.resolved().stands_for() is None


def test_chains_take_each_members_step_in_turn():
    # A cosine at its bottom sets the rate to eta_min: the StepLR's earlier drop is gone, and
    # the cosine's restart adds to it (torch: 0.125 at step 4, where lrspec's own Cosine,
    # which holds its end, times StepLR gives 0)
    s = lrspec.parse(
        "torch.ChainedScheduler([torch.CosineAnnealingLR(3), torch.StepLR(2, 0.5)], lr=1.0)"
    )
    call = ("ChainedScheduler", {"schedulers": [("CosineAnnealingLR", {"T_max": 3}),
            ("StepLR", {"step_size": 2, "gamma": 0.5})]})  # fmt: skip
    want = torch_live.torch_lrs(call, 1.0, 6)
    assert _rel(want[4], 0.125) < 1e-15 and _rel(s(4), want[4]) <= 1e-12
    product = lrspec.parse("Cosine(1.0, 0.0, 3)")(4) * lrspec.parse("StepLR(1.0, 2, 0.5)")(4)
    assert product == 0.0 and s.resolved().stands_for() is None
    product = lrspec.parse("torch.ChainedScheduler([torch.StepLR(3), torch.ExponentialLR(0.9)])")
    assert product.resolved().stands_for().text() == (
        "1.0 * StepLR(1.0, 3) * ExponentialDecay(1.0, 0.9, 1)"
    )


def test_a_chain_with_no_closed_form_is_followed_step_by_step():
    s = lrspec.parse(
        "torch.ChainedScheduler([torch.CosineAnnealingLR(T_max=500, eta_min=0.005), "
        "torch.ExponentialLR(0.9999)], lr=0.1)"
    )
    call = ("ChainedScheduler", {"schedulers": [("CosineAnnealingLR", {"T_max": 500,
            "eta_min": 0.005}), ("ExponentialLR", {"gamma": 0.9999})]})  # fmt: skip
    want = torch_live.torch_lrs(call, 0.1, 3000)
    for t in (2999, 7, 1000, 1001, 1500, 0, 3000):  # in any order: from the last bottom
        assert _rel(s(t), want[t]) <= 1e-12
    with pytest.raises(lrspec.EvaluationError) as info:
        s.traced(traced_namespace(np))(np.arange(5.0))
    assert info.value.message == (
        "this torch.ChainedScheduler has no closed form (a CosineAnnealingLR with eta_min != 0 "
        "chained with a scheduler that changes the rate at every step, or rising to an eta_min "
        "above its lr): lrspec follows PyTorch's recursion step by step, which cannot be traced"
    )
    with pytest.raises(LimitError) as info:
        lrspec.parse(
            "torch.ChainedScheduler([torch.CosineAnnealingLR(600000, 0.001), torch.StepLR(10)])"
        )
    assert info.value.message == (
        "torch.ChainedScheduler: 'schedulers' has no closed form (a CosineAnnealingLR with "
        "eta_min != 0 chained with a scheduler that changes the rate at every step), and lrspec "
        "follows PyTorch's recursion for at most 1000000 steps; this one needs up to 1200000"
    )


def test_one_cycle_holds_its_last_rate():
    s = lrspec.parse("torch.OneCycleLR(max_lr=0.1, total_steps=100)")
    assert s.length == 100 and s(99) == s(100) == s(10**9) == 0.1 / 25 / 1e4
    epochs = lrspec.parse("torch.OneCycleLR(0.1, epochs=4, steps_per_epoch=25)")
    assert epochs(np.arange(200)).tolist() == s(np.arange(200)).tolist()


def test_plateau_state_round_trips_through_json():
    s = lrspec.parse("torch.ReduceLROnPlateau(factor=0.5, patience=1, cooldown=1, lr=0.1)")
    losses = [1.0, 1.0, 1.0, 0.5, 0.6, 0.7, 0.8, 0.9]
    rates = [s.step(loss) for loss in losses[:4]]
    saved = json.loads(json.dumps(s.state_dict()))
    resumed = lrspec.parse(str(s))
    resumed.load_state_dict(saved)
    assert [resumed.step(loss) for loss in losses[4:]] == [s.step(loss) for loss in losses[4:]]
    call = ("ReduceLROnPlateau", {"factor": 0.5, "patience": 1, "cooldown": 1})
    assert (
        [0.1, *rates]
        == torch_live.torch_lrs(call, 0.1, 4, metrics=losses)
        == [
            0.1,
            0.1,
            0.1,
            0.05,
            0.05,
        ]
    )
    assert saved["spec"] == "torch.ReduceLROnPlateau(factor=0.5, patience=1, cooldown=1, lr=0.1)"
    assert saved["count"] == 4 and saved["state"] == {
        "lr": 0.05,
        "best": 0.5,
        "num_bad_epochs": 0,
        "cooldown_counter": 0,
    }


def test_the_optimizer_rate_is_lr_or_each_groups_own():
    multiplier = lrspec.parse("torch.CosineAnnealingLR(T_max=100, eta_min=0.001)")
    rated = multiplier.with_base_rate(0.5)
    # eta_min is a rate of its own: each group's curve is evaluated at its own lr, as torch does
    assert rated == lrspec.parse("torch.CosineAnnealingLR(T_max=100, eta_min=0.001, lr=0.5)")
    assert rated(50) != 0.5 * multiplier(50)
    given = lrspec.parse("torch.StepLR(3, lr=0.2)")
    assert given.with_base_rate(0.5) is None  # lr= given: the rate is the spec's
    seq = lrspec.parse("torch.SequentialLR([torch.StepLR(3), torch.ExponentialLR(0.5)], [5])")
    assert seq.with_base_rate(0.5)(6) == 0.25
    assert lrspec.parse("torch.OneCycleLR(0.1, 100)").with_base_rate(0.5) is None


def test_step_counts_take_units():
    s = lrspec.parse(
        "torch.SequentialLR([torch.LinearLR(start_factor=0.01, total_iters=5%), "
        "torch.CosineAnnealingLR(T_max=95%)], milestones=[5%], lr=0.1)",
        total_steps=10_000,
    )
    plain = lrspec.parse(
        "torch.SequentialLR([torch.LinearLR(start_factor=0.01, total_iters=500), "
        "torch.CosineAnnealingLR(T_max=9500)], milestones=[500], lr=0.1)"
    )
    assert s(STEPS).tolist() == plain(STEPS).tolist()
    assert "milestones=[5%]" in str(s)
    epochs = lrspec.parse("torch.StepLR(step_size=2ep, gamma=0.5, lr=0.1)")
    assert epochs.bind(steps_per_epoch=100)(199) == 0.1
    assert epochs.bind(steps_per_epoch=100)(200) == 0.05
    with pytest.raises(ArgumentError) as info:
        lrspec.parse("torch.CosineAnnealingLR(T_max=5%)", total_steps=1001)(0)
    assert info.value.message == (
        "torch.CosineAnnealingLR: 'T_max' must be a whole number of steps, got 50.05 (5%)"
    )


def test_composes_with_the_rest_of_the_language():
    s = lrspec.parse("Warmup(100) >> torch.CosineAnnealingLR(T_max=900, lr=0.1)[:900]")
    assert s.length == 1000 and s(100) == 0.1 and s(1000) == 0.0
    assert lrspec.parse("0.5 * torch.ExponentialLR(0.5, lr=0.1)")(1) == 0.025
    plateau = lrspec.parse("Warmup(10) >> torch.ReduceLROnPlateau(patience=0, lr=0.1)")
    assert plateau.stateful


# -- messages ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        (
            "torch.SequentialLR([torch.StepLR(3, lr=0.2), torch.StepLR(2)], [5], lr=0.1)",
            ArgumentError,
            "torch.StepLR: 'lr' is the optimizer's rate: give it once, on the outermost call "
            "(torch.SequentialLR)",
        ),
        (
            "torch.ChainedScheduler([Cosine(0.1, 0, 10)])",
            ArgumentError,
            "torch.ChainedScheduler: 'schedulers' must be PyTorch schedulers (torch.StepLR(...), "
            "...), got 'Cosine(0.1, 0.0, 10)'",
        ),
        (
            "torch.SequentialLR([torch.SequentialLR([torch.StepLR(2)], []), torch.StepLR(3)], [4])",
            ArgumentError,
            "torch.SequentialLR: 'schedulers' cannot hold a torch.SequentialLR "
            "(torch.SequentialLR(schedulers=[torch.StepLR(step_size=2)], milestones=[])): PyTorch "
            "runs one nested in another a step ahead, or resets the rate inside a chain",
        ),
        (
            "torch.SequentialLR([torch.StepLR(2), torch.PolynomialLR(total_iters=0)], [10])",
            ArgumentError,
            "torch.SequentialLR: 'schedulers' cannot restart torch.PolynomialLR(total_iters=0) at "
            "step 10: with total_iters=0 PyTorch divides by zero there",
        ),
        (
            "torch.SequentialLR([torch.StepLR(2), torch.StepLR(3), torch.StepLR(4)], [5, 3])",
            ArgumentError,
            "torch.SequentialLR: 'milestones' must be in ascending order, got [5, 3]",
        ),
        (
            "torch.CyclicLR(0.01, 0.1, scale_fn=lambda)",
            ArgumentError,
            "torch.CyclicLR: 'scale_fn' takes a Python function in PyTorch, which a text cannot "
            "hold; got the word 'lambda'",
        ),
        (
            "torch.MultiStepLR(milestones=[-1, 2.5, 4])",
            ArgumentError,
            "torch.MultiStepLR: 'milestones' must be >= 0, got -1",
        ),
        (
            "torch.StepLR(step_size=2.5)",
            ArgumentError,
            "torch.StepLR: 'step_size' must be a whole number of steps, got 2.5",
        ),
        (
            "torch.SequentialLR([torch.StepLR(2), torch.LinearLR(total_iters=9007199254740992)], "
            "[10])",
            LimitError,
            "torch.SequentialLR: 'milestones' make it 9007199254741002 steps long (the last "
            "scheduler starts at 10); the limit is 2**53",
        ),
    ],
)
def test_pinned_messages(text, error, message):
    with pytest.raises(lrspec.LrspecError) as info:
        lrspec.parse(text)
    assert type(info.value) is error and info.value.message == message


# -- argument ranges: every parameter of every family ------------------------------------------

A, L, U = ArgumentError, LimitError, UnknownNameError

# Per family: valid keyword arguments (declaration order) and bad values for every parameter,
# each with the error class and the message after "<family>: '<parameter>' ".
RANGES = {
    "torch.StepLR": (
        {
            "step_size": "30",
            "gamma": "0.5",
            "lr": "0.1",
        },
        {
            "step_size": (
                ("0", A, "must be >= 1, got 0"),
                ("2.5", A, "must be a whole number of steps, got 2.5"),
                ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
            ),
            "gamma": (
                ("-0.1", A, "must be in [0, 1], got -0.1"),
                ("1.5", A, "must be in [0, 1], got 1.5"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.MultiStepLR": (
        {
            "milestones": "[30, 80]",
            "gamma": "0.5",
            "lr": "0.1",
        },
        {
            "milestones": (
                ("[-1, 5]", A, "must be >= 0, got -1"),
                ("[2.5]", A, "must be a whole number of steps, got 2.5"),
                ("[9007199254740993]", L, "must be at most 2**53 steps, got 9007199254740993"),
            ),
            "gamma": (
                ("-0.1", A, "must be in [0, 1], got -0.1"),
                ("1.5", A, "must be in [0, 1], got 1.5"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.ConstantLR": (
        {
            "factor": "0.5",
            "total_iters": "4",
            "lr": "0.1",
        },
        {
            "factor": (
                ("-0.5", A, "must be in [0, 1], got -0.5"),
                ("1.5", A, "must be in [0, 1], got 1.5"),
            ),
            "total_iters": (
                ("-1", A, "must be >= 0, got -1"),
                ("2.5", A, "must be a whole number of steps, got 2.5"),
                ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.LinearLR": (
        {
            "start_factor": "0.01",
            "end_factor": "1.0",
            "total_iters": "500",
            "lr": "0.1",
        },
        {
            "start_factor": (
                ("0", A, "must be in (0, 1], got 0.0"),
                ("1.1", A, "must be in (0, 1], got 1.1"),
            ),
            "end_factor": (
                ("-0.5", A, "must be in [0, 1], got -0.5"),
                ("1.5", A, "must be in [0, 1], got 1.5"),
            ),
            "total_iters": (
                ("-1", A, "must be >= 0, got -1"),
                ("2.5", A, "must be a whole number of steps, got 2.5"),
                ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.ExponentialLR": (
        {
            "gamma": "0.999",
            "lr": "0.1",
        },
        {
            "gamma": (
                ("-0.1", A, "must be in [0, 1], got -0.1"),
                ("1.5", A, "must be in [0, 1], got 1.5"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.PolynomialLR": (
        {
            "total_iters": "1000",
            "power": "2.0",
            "lr": "0.1",
        },
        {
            "total_iters": (
                ("-1", A, "must be >= 0, got -1"),
                ("2.5", A, "must be a whole number of steps, got 2.5"),
                ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
            ),
            "power": (
                ("-1", A, "must be in [0, 1e+06], got -1.0"),
                ("1000001", A, "must be in [0, 1e+06], got 1000001.0"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.CosineAnnealingLR": (
        {
            "T_max": "1000",
            "eta_min": "0.0001",
            "lr": "0.1",
        },
        {
            "T_max": (
                ("0", A, "must be >= 1, got 0"),
                ("2.5", A, "must be a whole number of steps, got 2.5"),
                ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
            ),
            "eta_min": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.CosineAnnealingWarmRestarts": (
        {
            "T_0": "10",
            "T_mult": "2",
            "eta_min": "0.001",
            "lr": "0.1",
        },
        {
            "T_0": (
                ("0", A, "must be >= 1, got 0"),
                ("-5", A, "must be >= 1, got -5"),
                ("2.5", A, "must be a whole number of steps, got 2.5"),
                ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
            ),
            "T_mult": (
                ("0", A, "must be in [1, 1000000], got 0"),
                ("1.5", A, "must be an integer, got 1.5"),
                ("1000001", A, "must be in [1, 1000000], got 1000001"),
            ),
            "eta_min": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.CyclicLR": (
        {
            "base_lr": "0.001",
            "max_lr": "0.1",
            "step_size_up": "20",
            "step_size_down": "30",
            "mode": "exp_range",
            "gamma": "0.99",
            "scale_fn": "None",
            "scale_mode": "iterations",
            "cycle_momentum": "true",
            "base_momentum": "0.8",
            "max_momentum": "0.9",
        },
        {
            "base_lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "max_lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "step_size_up": (
                ("0", A, "must be > 0, got 0"),
                ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
            ),
            "step_size_down": (
                ("-1", A, "must be >= 0, got -1"),
                ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
            ),
            "mode": (
                ("CATS", U, "must be one of triangular, triangular2, exp_range, got 'CATS'"),
                ("3", A, "must be one of triangular, triangular2, exp_range, got the number 3"),
            ),
            "gamma": (
                ("-0.1", A, "must be in [0, 1], got -0.1"),
                ("1.5", A, "must be in [0, 1], got 1.5"),
            ),
            "scale_fn": (
                (
                    "lambda",
                    A,
                    "takes a Python function in PyTorch, which a text cannot hold; got the word 'lambda'",
                ),
                (
                    "1",
                    A,
                    "takes a Python function in PyTorch, which a text cannot hold; got the number 1",
                ),
            ),
            "scale_mode": (("epoch", U, "must be one of cycle, iterations, got 'epoch'"),),
            "cycle_momentum": (("1", A, "must be true or false, got the number 1"),),
            "base_momentum": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "max_momentum": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.OneCycleLR": (
        {
            "max_lr": "0.1",
            "total_steps": "1000",
            "epochs": "10",
            "steps_per_epoch": "100",
            "pct_start": "0.25",
            "anneal_strategy": "linear",
            "cycle_momentum": "true",
            "base_momentum": "0.85",
            "max_momentum": "0.95",
            "div_factor": "25.0",
            "final_div_factor": "10000.0",
            "three_phase": "false",
        },
        {
            "max_lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "total_steps": (
                ("0", A, "must be >= 1, got 0"),
                ("100.5", A, "must be a whole number of steps, got 100.5"),
                ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
            ),
            "epochs": (
                ("0", A, "must be >= 1, got 0"),
                ("2.5", A, "must be an integer, got 2.5"),
                ("9007199254740993", A, "must be <= 9007199254740992, got 9007199254740993"),
            ),
            "steps_per_epoch": (
                ("0", A, "must be >= 1, got 0"),
                ("2.5", A, "must be an integer, got 2.5"),
                ("9007199254740993", A, "must be <= 9007199254740992, got 9007199254740993"),
            ),
            "pct_start": (
                ("-0.1", A, "must be in [0, 1], got -0.1"),
                ("1.5", A, "must be in [0, 1], got 1.5"),
            ),
            "anneal_strategy": (("CATS", U, "must be one of cos, linear, got 'CATS'"),),
            "cycle_momentum": (("1", A, "must be true or false, got the number 1"),),
            "base_momentum": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "max_momentum": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "div_factor": (
                ("0", A, "must be > 0, got 0.0"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "final_div_factor": (
                ("0", A, "must be > 0, got 0.0"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "three_phase": (("0", A, "must be true or false, got the number 0"),),
        },
    ),
    "torch.ReduceLROnPlateau": (
        {
            "mode": "max",
            "factor": "0.5",
            "patience": "3",
            "threshold": "0.001",
            "threshold_mode": "abs",
            "cooldown": "2",
            "min_lr": "0.0001",
            "eps": "1e-08",
            "lr": "0.1",
        },
        {
            "mode": (
                ("CATS", U, "must be one of min, max, got 'CATS'"),
                ("3", A, "must be one of min, max, got the number 3"),
            ),
            "factor": (
                ("-0.5", A, "must be in [0, 1), got -0.5"),
                ("1.5", A, "must be in [0, 1), got 1.5"),
            ),
            "patience": (
                ("-1", A, "must be >= 0, got -1"),
                ("2.5", A, "must be an integer, got 2.5"),
                ("9007199254740993", A, "must be <= 9007199254740992, got 9007199254740993"),
            ),
            "threshold": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "threshold_mode": (("relative", U, "must be one of rel, abs, got 'relative'"),),
            "cooldown": (
                ("-1", A, "must be >= 0, got -1"),
                ("2.5", A, "must be an integer, got 2.5"),
                ("9007199254740993", A, "must be <= 9007199254740992, got 9007199254740993"),
            ),
            "min_lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "eps": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.ChainedScheduler": (
        {
            "schedulers": "[torch.StepLR(3), torch.ExponentialLR(0.9)]",
            "lr": "0.1",
        },
        {
            "schedulers": (
                ("[]", A, "must hold at least one scheduler, got none"),
                (
                    "[Cosine(0.1, 0, 10)]",
                    A,
                    "must be PyTorch schedulers (torch.StepLR(...), ...), got 'Cosine(0.1, 0.0, 10)'",
                ),
                (
                    "[torch.ReduceLROnPlateau()]",
                    A,
                    "cannot hold a torch.ReduceLROnPlateau: it reads a metric (PyTorch refuses it too)",
                ),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
    "torch.SequentialLR": (
        {
            "schedulers": "[torch.LinearLR(total_iters=5), torch.StepLR(3)]",
            "milestones": "[5]",
            "lr": "0.1",
        },
        {
            "schedulers": (
                ("[]", A, "must hold at least one scheduler, got none"),
                (
                    "[Cosine(0.1, 0, 10)]",
                    A,
                    "must be PyTorch schedulers (torch.StepLR(...), ...), got 'Cosine(0.1, 0.0, 10)'",
                ),
                (
                    "[torch.ReduceLROnPlateau()]",
                    A,
                    "cannot hold a torch.ReduceLROnPlateau: it reads a metric (PyTorch refuses it too)",
                ),
            ),
            "milestones": (
                ("[5, 3]", A, "must be in ascending order, got [5, 3]"),
                ("[-1]", A, "must be >= 0, got -1"),
                ("[9007199254740993]", L, "must be at most 2**53 steps, got 9007199254740993"),
                ("[1, 2]", A, "must have one item fewer than 'schedulers' (1), got 2"),
                ("[2.5]", A, "must be a whole number of steps, got 2.5"),
            ),
            "lr": (
                ("-0.1", A, "must be >= 0, got -0.1"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
        },
    ),
}


def _call_with(family: str, param: str | None = None, bad: str = "") -> tuple[str, int | None]:
    return namespace_checks.call_with(RANGES, family, param, bad)


@pytest.mark.parametrize("family", list(RANGES))
def test_valid_arguments_parse(family):
    namespace_checks.check_valid_call(_call_with(family)[0], STEPS, unless_stateful=True)


@pytest.mark.parametrize(
    ("family", "param", "bad", "error", "tail"), list(namespace_checks.range_cases(RANGES))
)
def test_out_of_range_is_rejected(family, param, bad, error, tail):
    text, offset = _call_with(family, param, bad)
    namespace_checks.check_rejected(text, offset, family, param, bad, error, tail)


def test_range_table_covers_every_parameter():
    namespace_checks.check_table_covers_every_parameter(RANGES, FAMILIES)


def _items(texts):
    """The bad values, and list items one by one (``[-1, 5]`` gives it, -1 and 5)."""
    out = []
    for text in texts:
        out.append(text)
        if text.startswith("[") and "(" not in text:
            out.extend(t.strip() for t in text.strip("[]").split(",") if t.strip())
    return out


@pytest.mark.parametrize(
    ("family", "param"), [(f, p.name) for f, cls in FAMILIES.items() for p in cls.params]
)
def test_range_table_reaches_every_declared_bound(family, param):
    """Each bad value sits just outside a bound the parameter really declares."""
    ptype = next(p.type for p in FAMILIES[family].params if p.name == param)
    while isinstance(ptype, (ListOf, Nullable)):
        ptype = ptype.item
    texts = _items(text for text, _, _ in RANGES[family][1][param])
    numbers = namespace_checks.numbers(texts)
    if isinstance(ptype, Boolean):
        namespace_checks.check_boolean_bound(texts)
    elif isinstance(ptype, Choice):
        assert any(t.isidentifier() and t not in ptype.options for t in texts)
    elif isinstance(ptype, Steps):
        lowest = getattr(ptype, "lo", 1e-6 if ptype.positive else 0)
        assert any(v < lowest for v in numbers) and any(v > 2**53 for v in numbers)
        if hasattr(ptype, "lo"):  # whole steps only
            namespace_checks.check_fraction(numbers)
    elif isinstance(ptype, (Real, Integer)):
        namespace_checks.check_bounds(ptype, numbers, lo_optional=False, hi_optional=False)
        if isinstance(ptype, Integer):
            namespace_checks.check_fraction(numbers)
    elif param == "schedulers":  # none, not a torch scheduler, a metric-driven one
        assert {"[]", "[Cosine(0.1, 0, 10)]", "[torch.ReduceLROnPlateau()]"} <= set(texts)
    else:  # scale_fn: a Python function in PyTorch, None only here
        assert param == "scale_fn" and "None" not in texts and len(texts) == 2


def test_cross_parameter_checks():
    cases = {
        "torch.ConstantLR(factor=0.0, total_iters=3)": (
            "torch.ConstantLR: 'factor' must be > 0 when total_iters > 0: PyTorch divides by it "
            "at total_iters"
        ),
        "torch.OneCycleLR(max_lr=0.1, epochs=10)": (
            "torch.OneCycleLR: 'total_steps' is needed: give total_steps, or epochs and "
            "steps_per_epoch"
        ),
        "torch.OneCycleLR(max_lr=0.1, total_steps=10, pct_start=0.1)": (
            "torch.OneCycleLR: 'pct_start' gives a first phase of no steps (0.1 of 10 steps): "
            "PyTorch divides by its length"
        ),
        "torch.OneCycleLR(max_lr=1e300, total_steps=10, div_factor=1e-300)": (
            "torch.OneCycleLR: 'div_factor' makes a rate overflow (1e+300 / ... = inf)"
        ),
        "torch.SequentialLR([torch.StepLR(2), torch.StepLR(3)], [2, 4])": (
            "torch.SequentialLR: 'milestones' must have one item fewer than 'schedulers' (1), got 2"
        ),
    }
    for text, message in cases.items():
        with pytest.raises(ArgumentError) as info:
            lrspec.parse(text)
        assert info.value.message == message
    # what PyTorch accepts without meaning and still computes: its values
    assert lrspec.parse("torch.ConstantLR(factor=0.0, total_iters=0, lr=0.1)")(5) == 0.0
    assert lrspec.parse("torch.CyclicLR(0.1, 1.0, 2, step_size_down=0)")(3) == 0.55


# -- round trips, paths and extremes ------------------------------------------------------------


@pytest.mark.parametrize("entry", LIVE, ids=[_live_id(e) for e in LIVE])
def test_round_trips(entry):
    call, lr, _ = entry
    s = lrspec.parse(torch_live.torch_text(call, lr))
    steps = None if s.stateful else np.arange(0, 3001)
    namespace_checks.check_round_trip(s, steps=steps, dict_values=True)


@pytest.mark.parametrize("entry", LIVE, ids=[_live_id(e) for e in LIVE])
def test_array_is_scalar_bit_for_bit_at_any_step(entry):
    call, lr, metrics = entry
    if metrics is not None:
        return  # a metric-driven rate: see test_the_real_torch
    s = lrspec.parse(torch_live.torch_text(call, lr))
    namespace_checks.check_array_is_scalar(s, seed=7, uniform=800, whole=1200)


def _traceable(s) -> bool:
    try:
        s.traced(traced_namespace(np))(np.arange(3.0))
    except lrspec.EvaluationError:
        return False
    return True


@pytest.mark.parametrize("entry", LIVE, ids=[_live_id(e) for e in LIVE])
def test_traced_path_is_the_scalar_path(entry):
    call, lr, metrics = entry
    s = lrspec.parse(torch_live.torch_text(call, lr))
    if metrics is not None:
        with pytest.raises(lrspec.StateError):
            s.traced(traced_namespace(np))
        return
    if not _traceable(s):  # a chain with no closed form (see the test of its message)
        assert call[0] in (Ch, Q) and "eta_min" in str(s)
        return
    steps = np.arange(0, 6001, dtype=float)
    traced = s.traced(traced_namespace(np))(steps)
    scalar = s(steps)
    # The traced form is branch-free: NumPy's power on whole arrays (an ulp or two), and a
    # CosineAnnealingLR rising to eta_min in closed form where the others replay torch's steps.
    rises = "eta_min" in str(s) and any(
        model.kind == "cos" and model.rises() for model in _models(s)
    )
    tolerance = 1e-9 if rises else 1e-13
    assert np.all(np.abs(traced - scalar) <= tolerance * np.abs(scalar)), str(s)


def _models(s) -> list:
    """The step models of a leaf or a chain (for which path lrspec takes)."""
    from lrspec.families import torch_namespace as ns

    expr = s.resolved()
    if isinstance(expr, ns.ChainedScheduler):
        return expr.build(ns._Group(expr.lr)).models
    if isinstance(expr, ns.SequentialLR):
        return [m for _, node, *_ in expr._runs() for m in getattr(node, "models", [node])]
    if isinstance(expr, ns._Leaf) and hasattr(expr, "lr"):
        return [expr.model(expr.lr)]
    return []


def _edges(ptype):
    if isinstance(ptype, Nullable):
        return st.one_of(st.just("None"), _edges(ptype.item))
    if isinstance(ptype, Real):
        return namespace_checks.real_edges(ptype, (1e-300, 0.5, 1.0))
    if isinstance(ptype, Steps):
        if hasattr(ptype, "lo"):  # whole steps
            return st.sampled_from([ptype.lo, ptype.lo + 1, 3, 1000, 2**53, 10**15]).map(str)
        return namespace_checks.steps_edges(ptype)
    if isinstance(ptype, Integer):
        return st.sampled_from([ptype.lo, ptype.lo + 1, min(ptype.hi, 10**6)]).map(str)
    if isinstance(ptype, Boolean):
        return st.sampled_from(["true", "false"])
    if isinstance(ptype, Choice):
        return st.sampled_from(ptype.options)
    if isinstance(ptype, ListOf) and ptype.holds_schedules:
        members = st.sampled_from(_MEMBERS).flatmap(lambda n: _extreme_call(FAMILIES[n], True))
        return st.lists(members, min_size=1, max_size=3).map(lambda xs: f"[{', '.join(xs)}]")
    if isinstance(ptype, ListOf):
        return st.lists(_edges(ptype.item), min_size=1, max_size=4).map(
            lambda xs: "[" + ", ".join(sorted(xs, key=float) if ptype.ascending else xs) + "]"
        )
    return st.just("None")  # scale_fn


_MEMBERS = sorted(
    name
    for name in FAMILIES
    if name not in ("torch.SequentialLR", "torch.ChainedScheduler", "torch.ReduceLROnPlateau")
)


def _extreme_call(cls, member=False):
    """A drawn call of cls (as a member of a composite: without its own lr)."""
    return namespace_checks.extreme_call(
        cls, lambda p: _edges(p.type), skip=("lr",) if member else ()
    )


@pytest.mark.parametrize("name", sorted(FAMILIES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_values_are_finite_at_every_step(name, data):
    text = data.draw(_extreme_call(FAMILIES[name]))
    try:
        s = lrspec.parse(text)
    except lrspec.LrspecError:
        return  # parameters that contradict each other (a check between them said so)
    try:
        values, scalars = namespace_checks.sweep(s)
    except lrspec.LrspecError as error:
        # Composites only: members that each grow the rate past the largest float (as they
        # do in PyTorch), or a member that changes past step 2**53.
        assert name in ("torch.ChainedScheduler", "torch.SequentialLR"), (text, error)
        assert "overflows: PyTorch's rate passes the largest float" in error.message or (
            "the limit is 2**53" in error.message
        ), (text, error)
        return
    namespace_checks.check_sweep(text, values, scalars)


def test_a_chain_that_grows_past_the_largest_float_says_so():
    # LinearLR's first ratio, 1 + 0.99.../(5 * 1e-300), times CyclicLR's rate: past 1.8e308, in
    # PyTorch as here
    s = lrspec.parse(
        "torch.ChainedScheduler([torch.CyclicLR(0.0, 1e300, 10), "
        "torch.LinearLR(start_factor=1e-300)])"
    )
    assert s(0) == 0.0 and s(2) == pytest.approx(4e299, rel=1e-12)
    with pytest.raises(lrspec.EvaluationError) as info:
        s(1)
    assert info.value.message == (
        "'torch.ChainedScheduler(schedulers=[torch.CyclicLR(base_lr=0.0, max_lr=1e+300, "
        "step_size_up=10), torch.LinearLR(start_factor=1e-300)])' overflows: PyTorch's rate "
        "passes the largest float at step 1"
    )
    with pytest.raises(lrspec.EvaluationError):
        s(np.arange(5))


# -- the recorded traces -------------------------------------------------------------------------

TRACES = ROOT / "tests" / "peers" / "traces" / "torch.jsonl"


def _traces() -> list[dict]:
    traces = [json.loads(line) for line in TRACES.read_text().splitlines() if line.strip()]
    assert len(traces) >= 26
    return traces


@pytest.mark.parametrize("trace", _traces(), ids=lambda trace: trace["id"])
def test_recorded_torch_trace(trace):
    assert trace["source"].startswith("torch 2.13")
    s = lrspec.parse(trace["spec"])
    if "metrics" in trace:
        rates = [s(0)] + [s.step(metric) for metric in trace["metrics"]]
        got = [rates[t] for t in trace["steps"]]
    else:
        got = s(np.asarray(trace["steps"])).tolist()
    assert len(trace["steps"]) == len(trace["lr"])
    call, _ = torch_live.torch_call(trace["spec"])
    compared = 0
    for t, value, want in zip(trace["steps"], got, trace["lr"]):
        if want is None or torch_live.one_cycle_past_end(call, t):
            continue
        compared += 1
        if abs(want) < TINY and abs(value) < TINY:
            continue
        assert _rel(value, want) <= 1e-12, (trace["id"], t, value, want)
    last = len(trace["metrics"]) if "metrics" in trace else 12_000
    assert compared >= 1000 and trace["steps"][-1] == last
    assert set(range(301)) <= set(trace["steps"])


def test_traces_cover_every_scheduler():
    names = {trace["spec"].split("(")[0] for trace in _traces()}
    assert names == set(FAMILIES)
    assert TRACES.stat().st_size < 1.6e6
