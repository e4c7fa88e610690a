"""Every family of the library namespaces (every registered name with a dot) through the
training-loop adapters: lrspec.torch with two param groups in multiplier mode (each group's
own base rate where the library takes it from the optimizer), resumed in a new process, and
lrspec.jax under jit. Generated from the registry, from each family's own ``example``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jax
import numpy as np
import pytest
import torch

import lrspec
import lrspec.jax
import lrspec.torch
from lrspec.model.registry import families

from conftest import ROOT

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import namespace_resume  # noqa: E402

NAMESPACED = {name: cls for name, cls in sorted(families().items()) if "." in name}
STEPS = 300  # steps each torch run takes (the resume test saves at half)
BASES = (0.1, 0.025)  # the two groups' rates (namespace_resume.optimizer)
DEFAULT_RATE = 0.1  # the optimizer's default rate (namespace_resume.optimizer)


def _multiplier_text(cls) -> str:
    """The family's example with its base rate (``lr=``) left to the optimizer, if it has
    one: in multiplier mode each group then runs it at its own rate."""
    schedule = lrspec.parse(cls.example)
    if cls.base_rate is None:
        return cls.example
    default = next(p.default for p in cls.params if p.name == cls.base_rate)
    return schedule.expr.with_args(**{cls.base_rate: default}).text()


CASES = {name: _multiplier_text(cls) for name, cls in NAMESPACED.items()}


def test_every_namespace_has_families():
    namespaces = {name.split(".")[0] for name in NAMESPACED}
    assert {"hf", "optax"} <= namespaces  # and torch, keras, timm as they land
    assert all(lrspec.parse(text) for text in CASES.values())


def _expected(text: str) -> list:
    """What each group should hold at steps 0..STEPS-1, from lrspec's own schedules: the
    library's rate computed at the group's own base (or the base times the schedule), or the
    schedule itself where the family sets its own rates; and its companion momentum."""
    schedule = lrspec.parse(text)
    scope = schedule.base_rate_scope()
    per_group = []
    for base in BASES:
        if scope == "group":  # the library's rate at the group's own base
            reference, scale = schedule.with_base_rate(base), None
        elif scope == "optimizer":  # one factor, made at the optimizer's default rate
            reference, scale = schedule.with_base_rate(DEFAULT_RATE), base / DEFAULT_RATE
        else:  # a schedule that sets its own rates
            reference, scale = schedule, None
        per_group.append((reference.bind(), scale))
    momentum = schedule.companions().get("momentum")
    rows = []
    for t in range(STEPS):
        row = []
        for reference, scale in per_group:
            value = reference(t)
            row.append(
                [
                    value if scale is None else scale * value,
                    0.9 if momentum is None else momentum(t),
                ]
            )
        rows.append(row)
        if schedule.stateful:
            for reference, _ in per_group:
                reference.step(namespace_resume.metric(t))
    return rows


@pytest.mark.parametrize("name", sorted(NAMESPACED))
def test_torch_adapter_two_groups_in_multiplier_mode(name):
    text = CASES[name]
    sched = lrspec.torch.scheduler(namespace_resume.optimizer(), text)
    seen = namespace_resume.run(sched, 0, STEPS)
    assert seen == _expected(text)
    if NAMESPACED[name].base_rate is not None:
        assert sched.state_dict()["multiplier"] is True  # found, not asked for
        assert any(row[0][0] != row[1][0] for row in seen)  # each group at its own rate
    assert (
        isinstance(sched, torch.optim.lr_scheduler.ReduceLROnPlateau) == lrspec.parse(text).stateful
    )


def _resume_runs(tmp_path) -> dict:
    cases = tmp_path / "cases.json"
    cases.write_text(json.dumps({"steps": STEPS, "cases": CASES}))
    states, out = tmp_path / "states.pt", tmp_path / "out.json"
    script = str(HERE / "namespace_resume.py")
    for args in (["first", str(cases), str(states)], ["resume", str(cases), str(states), str(out)]):
        subprocess.run([sys.executable, script, *args], check=True, cwd=ROOT, timeout=600)
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def resumed(tmp_path_factory):
    return _resume_runs(tmp_path_factory.mktemp("namespace_resume"))


@pytest.mark.parametrize("name", sorted(NAMESPACED))
def test_torch_adapter_resumes_in_a_new_process(name, resumed):
    assert resumed[name] == _expected(CASES[name])[STEPS // 2 :]


def _steps(schedule) -> np.ndarray:
    """Every step to 10 past the end (to twice the example's run of 1000 steps for an endless
    schedule: further on, an oscillating cosine's argument grows, and XLA's rounding of it
    with it), at most 12,000 of them, and some spread steps beyond."""
    end = schedule.length if np.isfinite(schedule.length) else 2000
    return np.unique(
        np.concatenate([np.arange(0, min(end + 10, 12_000)), np.linspace(0, end + 10, 400).round()])
    )


@pytest.mark.parametrize("name", sorted(NAMESPACED))
def test_jax_adapter_under_jit(name):
    cls = NAMESPACED[name]
    schedule = lrspec.parse(cls.example)
    if schedule.stateful:
        with pytest.raises(lrspec.StateError, match="reads a metric"):
            lrspec.jax.schedule(cls.example)
        return
    steps = _steps(schedule)
    with jax.enable_x64(True):
        got = np.asarray(jax.jit(lrspec.jax.schedule(cls.example))(steps))
    want = schedule(steps)
    assert got.dtype == np.float64
    assert np.max(np.abs(got - want)) <= 16 * np.finfo(np.float64).eps * np.max(np.abs(want))


# The torch schedulers (torch.OneCycleLR.momentum is OneCycleLR's companion, no scheduler).
TORCH = sorted(
    name for name in NAMESPACED if name.startswith("torch.") and name != "torch.OneCycleLR.momentum"
)


@pytest.mark.parametrize("name", TORCH)
def test_torch_families_give_torchs_own_rates_in_both_groups(name):
    # PyTorch itself on the same two-group optimizer: each group's rate from its own base
    # (eta_min and min_lr are absolute, not multiplied), and the momentum it cycles.
    from peers import torch_live

    text = CASES[name]
    call, base = torch_live.torch_call(text)
    assert base is None  # the example's lr= left to the optimizer
    theirs_optimizer = namespace_resume.optimizer()
    theirs = torch_live._build(call, theirs_optimizer)
    ours = lrspec.torch.scheduler(namespace_resume.optimizer(), text)
    seen = namespace_resume.run(ours, 0, STEPS)
    torchs = []
    for t in range(STEPS):
        torchs.append([[g["lr"], g["momentum"]] for g in theirs_optimizer.param_groups])
        theirs_optimizer.step()
        if call[0] == "ReduceLROnPlateau":
            theirs.step(namespace_resume.metric(t))
        else:
            theirs.step()
    # lrspec's closed forms against torch's step-by-step recursions: within 1e-12 relative,
    # the torch. namespace's own standard against torch (measured here: at most 2.7e-15).
    ours_values, torch_values = np.array(seen), np.array(torchs)
    scale = np.maximum(np.abs(torch_values), 1e-300)
    assert np.max(np.abs(ours_values - torch_values) / scale) <= 1e-12
    assert np.array_equal(ours_values[:, :, 1], torch_values[:, :, 1])  # momentum: exactly


TIMM = sorted(n for n in NAMESPACED if n.startswith("timm.") and n != "timm.PlateauLRScheduler")


@pytest.mark.parametrize("name", TIMM)
def test_timm_families_give_timms_own_rates_in_both_groups(name):
    # timm itself on the same two-group optimizer: its floors and warmup start are absolute,
    # the rest scales with each group's base rate. timm's value at t is its rate after
    # step(t); the plateau (stepped with epochs and metrics) is checked in its own tests.
    import warnings

    from peers import timm_live

    text = CASES[name]
    expr = lrspec.parse(text).expr
    kwargs = {k: list(v) if isinstance(v, tuple) else v for k, v in expr.args.items()}
    assert kwargs.pop("lr") == 1.0  # left to the optimizer
    theirs_optimizer = namespace_resume.optimizer()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        theirs = timm_live.timm_scheduler_classes()[name.split(".")[1]](theirs_optimizer, **kwargs)
    seen = namespace_resume.run(
        lrspec.torch.scheduler(namespace_resume.optimizer(), text), 0, STEPS
    )
    timms = []
    for t in range(STEPS):
        theirs.step(t)
        timms.append([[g["lr"], g["momentum"]] for g in theirs_optimizer.param_groups])
    assert seen == timms  # bit for bit


HF = sorted(n for n in NAMESPACED if n.startswith("hf."))


def _hf_optimizer() -> torch.optim.Optimizer:
    """Two groups whose rates both differ from the optimizer's default rate (Hugging Face
    takes its floors relative to that default)."""
    groups = [
        {"params": [torch.nn.Parameter(torch.zeros(2))], "lr": 0.05},
        {"params": [torch.nn.Parameter(torch.zeros(2))], "lr": 0.5},
    ]
    return torch.optim.SGD(groups, lr=0.2)


@pytest.mark.parametrize("name", HF)
def test_hf_families_give_transformers_own_rates_in_both_groups(name):
    # transformers itself on the same two-group optimizer: every group's rate times one
    # LambdaLR factor, whose min_lr and lr_end are taken relative to the optimizer's default
    # rate; its plateau (torch's ReduceLROnPlateau) keeps each group's own rate and an
    # absolute min_lr.
    import warnings

    from transformers import optimization

    expr = lrspec.parse(CASES[name]).expr
    kwargs = {k: v for k, v in expr.args.items() if k in expr.spans and k != "lr"}
    if "scheduler_specific_kwargs" in kwargs:
        kwargs["scheduler_specific_kwargs"] = dict(kwargs["scheduler_specific_kwargs"])
    theirs_optimizer = _hf_optimizer()
    function = getattr(optimization, name.split(".")[1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = function(optimizer=theirs_optimizer, **kwargs)
    ours_optimizer = _hf_optimizer()
    ours = lrspec.torch.scheduler(ours_optimizer, CASES[name])
    seen, hfs = [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch: scheduler.step() before optimizer.step()
        for t in range(STEPS):
            seen.append([g["lr"] for g in ours_optimizer.param_groups])
            hfs.append([g["lr"] for g in theirs_optimizer.param_groups])
            metric = namespace_resume.metric(t)
            if ours.schedule.stateful:
                ours.step(metric)
                theirs.step(metric)
            else:
                ours.step()
                theirs.step()
    ours_values, hf_values = np.array(seen), np.array(hfs)
    scale = np.maximum(np.abs(hf_values), 1e-300)
    assert np.max(np.abs(ours_values - hf_values) / scale) <= 1e-12, name
