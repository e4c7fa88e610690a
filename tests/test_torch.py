"""lrspec.torch: the conformance traces through a real optimizer, resume, param groups, seek."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

import lrspec
import lrspec.torch

from conftest import ROOT, conformance_traces

TRACES = conformance_traces()
PURE = [t for t in TRACES if "losses" not in t]
STATEFUL = [t for t in TRACES if "losses" in t]
HERE = Path(__file__).resolve().parent


def _optimizer(*lrs: float) -> torch.optim.Optimizer:
    groups = [{"params": [torch.nn.Parameter(torch.zeros(2))], "lr": lr} for lr in lrs]
    return torch.optim.SGD(groups, lr=lrs[0])


def _advance(sched, *metric) -> None:
    sched.optimizer.step()
    sched.step(*metric)


def _assert_trace(trace, got) -> None:
    want = np.array(trace["lr"])
    assert np.all(np.abs(np.array(got) - want) <= trace["atol"] + trace["rtol"] * np.abs(want)), (
        trace["id"]
    )


@pytest.mark.parametrize("trace", PURE, ids=lambda t: t["id"])
def test_pure_trace_through_the_optimizer(trace):
    # The lr read before each optimizer.step(), with PyTorch's step order, at every step.
    optimizer = _optimizer(1.0)
    sched = lrspec.torch.scheduler(optimizer, trace["spec"], **trace.get("bind", {}))
    seen = []
    for _ in range(trace["steps"][-1] + 1):
        seen.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        sched.step()
    _assert_trace(trace, [seen[t] for t in trace["steps"]])
    s = lrspec.parse(trace["spec"], **trace.get("bind", {}))
    assert seen == [s(t) for t in range(len(seen))]  # exactly lrspec's values
    assert sched.get_last_lr() == [s(len(seen))] and sched.last_epoch == len(seen)


@pytest.mark.parametrize("trace", STATEFUL, ids=lambda t: t["id"])
def test_stateful_trace_through_step_metric(trace):
    optimizer = _optimizer(1.0)
    sched = lrspec.torch.scheduler(optimizer, trace["spec"])
    assert optimizer.param_groups[0]["lr"] == lrspec.parse(trace["spec"])(0)
    seen = []
    for loss in trace["losses"]:
        optimizer.step()
        sched.step(torch.tensor(loss))  # a 0-dim tensor, as a loss usually is
        seen.append(optimizer.param_groups[0]["lr"])
    _assert_trace(trace, seen)
    reference = lrspec.parse(trace["spec"])
    assert seen == [reference.step(loss) for loss in trace["losses"]]


def _run(*args: str) -> dict:
    out = args[2]
    subprocess.run(
        [sys.executable, str(HERE / "adapters_resume.py"), *args], check=True, cwd=ROOT, timeout=300
    )
    return json.loads(Path(out).read_text())


@pytest.mark.parametrize(
    "spec",
    [
        "Warmup(50) >> Cosine(0.01, 0.0, 500)",
        "Warmup(20) >> Plateau(0.01, factor=0.5, patience=40)",
    ],
)
def test_resume_in_a_new_process_gives_the_uninterrupted_run(spec, tmp_path):
    checkpoint = str(tmp_path / "checkpoint.pt")
    full = _run(spec, "full", str(tmp_path / "full.json"))
    first = _run(spec, "first", str(tmp_path / "first.json"), checkpoint)
    resumed = _run(spec, "resume", str(tmp_path / "resumed.json"), checkpoint)
    assert len(full["rates"]) == 600 and len(first["rates"]) == len(resumed["rates"]) == 300
    assert first["rates"] + resumed["rates"] == full["rates"]
    assert first["losses"] + resumed["losses"] == full["losses"]
    assert resumed["weights"] == full["weights"]
    if "Plateau" in spec:  # the state matters: the rate was cut before and after the save
        rates = full["rates"]
        assert rates[20] == 0.01 > rates[299] and rates[300] > rates[599]
    else:
        s = lrspec.parse(spec)
        assert full["rates"] == [s(t) for t in range(600)]
    # The same checkpoint under another spec is refused, clearly, unless asked for.
    saved = torch.load(checkpoint)["scheduler"]
    other = lrspec.torch.scheduler(_optimizer(1.0), "Cosine(0.01, 0.0, 600)")
    with pytest.raises(lrspec.StateError) as error:
        other.load_state_dict(saved)
    assert str(error.value) == (
        f"lrspec: the saved scheduler state is for '{spec}', but this scheduler runs "
        "'Cosine(0.01, 0.0, 600)'\npass allow_spec_change=True to load_state_dict() to "
        "continue at step 300 under the new spec"
    )
    other.load_state_dict(saved, allow_spec_change=True)
    assert other.last_epoch == 300
    assert other.optimizer.param_groups[0]["lr"] == lrspec.parse("Cosine(0.01, 0.0, 600)")(300)


def test_two_param_groups_as_multipliers():
    spec = "Warmup(10) >> Cosine(1.0, 0.0, 90)"
    s = lrspec.parse(spec)
    optimizer = _optimizer(1e-4, 1e-3)  # a backbone and a head
    sched = lrspec.torch.scheduler(optimizer, spec, multiplier=True)
    for t in range(120):
        assert [g["lr"] for g in optimizer.param_groups] == [1e-4 * s(t), 1e-3 * s(t)]
        optimizer.step()
        sched.step()
    assert optimizer.param_groups[1]["lr"] == 0.0
    # Resuming keeps the mode and the base rates; seek moves both groups.
    state = sched.state_dict()
    assert state["multiplier"] is True and state["base_lrs"] == [1e-4, 1e-3]
    again = lrspec.torch.scheduler(_optimizer(1e-4, 1e-3), spec, multiplier=True)
    again.seek(55)
    assert again.get_last_lr() == [1e-4 * s(55), 1e-3 * s(55)]
    with pytest.raises(lrspec.StateError, match="as a multiplier"):
        lrspec.torch.scheduler(_optimizer(1e-4, 1e-3), spec).load_state_dict(state)


def test_by_default_every_group_follows_the_schedule():
    optimizer = _optimizer(1e-4, 1e-3)
    lrspec.torch.scheduler(optimizer, "Cosine(0.1, 0.0, 100)").seek(50)
    assert [g["lr"] for g in optimizer.param_groups] == [0.05, 0.05]


def test_seek_is_a_set_not_a_replay():
    s = lrspec.parse("Warmup(100) >> Cosine(0.1, 0.0, 900)")
    optimizer = _optimizer(1.0)
    sched = lrspec.torch.scheduler(optimizer, s)
    sched.seek(500)
    assert sched.last_epoch == 500 and optimizer.param_groups[0]["lr"] == s(500)
    optimizer.step()
    sched.step()
    assert optimizer.param_groups[0]["lr"] == s(501)
    sched.seek(3)  # backwards too
    assert optimizer.param_groups[0]["lr"] == s(3) and sched.get_last_lr() == [s(3)]
    with pytest.raises(lrspec.StateError, match="whole number"):
        sched.seek(-1)
    plateau = lrspec.torch.scheduler(_optimizer(1.0), "Plateau(0.1)")
    with pytest.raises(lrspec.StateError, match="cannot seek"):
        plateau.seek(10)


def test_state_dict_is_plain_data_and_names_the_spec(tmp_path):
    optimizer = _optimizer(1.0)
    sched = lrspec.torch.scheduler(
        optimizer, "Warmup(5%) >> Cosine(0.1, 0.0, 95%)", total_steps=1000
    )
    sched.seek(42)
    assert sched.state_dict() == {
        "spec": "Warmup(5%) >> Cosine(0.1, 0.0, 95%)",
        "total_steps": 1000,
        "steps_per_epoch": None,
        "samples_per_step": None,
        "tokens_per_step": None,
        "multiplier": False,
        "step": 42,
        "base_lrs": [1.0],
        "schedule_state": None,
        "hyperparameters": {},
    }
    torch.save(sched.state_dict(), tmp_path / "s.pt")
    loaded = torch.load(tmp_path / "s.pt", weights_only=True)
    fresh = lrspec.torch.scheduler(
        _optimizer(1.0), "Warmup(5%) >> Cosine(0.1, 0.0, 95%)", total_steps=1000
    )
    fresh.load_state_dict(loaded)
    assert fresh.last_epoch == 42
    assert fresh.optimizer.param_groups[0]["lr"] == lrspec.parse(
        "Warmup(50) >> Cosine(0.1, 0.0, 950)"
    )(42)
    # Other bindings make another schedule.
    longer = lrspec.torch.scheduler(
        _optimizer(1.0), "Warmup(5%) >> Cosine(0.1, 0.0, 95%)", total_steps=2000
    )
    with pytest.raises(lrspec.StateError, match="total_steps=1000"):
        longer.load_state_dict(loaded)
    with pytest.raises(lrspec.StateError, match="not a state from an lrspec.torch"):
        longer.load_state_dict({"last_epoch": 3})


def test_stateful_state_round_trips_and_a_new_spec_starts_afresh():
    losses = [1.0, 0.9, 0.9, 0.9, 0.9, 0.9]
    sched = lrspec.torch.scheduler(_optimizer(1.0), "Plateau(0.1, factor=0.5, patience=2)")
    for loss in losses:
        _advance(sched, loss)
    state = sched.state_dict()
    assert state["step"] == 6 and state["schedule_state"]["state"]["lr"] == 0.05
    again = lrspec.torch.scheduler(_optimizer(1.0), "Plateau(0.1, factor=0.5, patience=2)")
    again.load_state_dict(state)
    assert again.optimizer.param_groups[0]["lr"] == 0.05
    _advance(again, 0.9)
    _advance(sched, 0.9)
    assert again.state_dict() == sched.state_dict()
    changed = lrspec.torch.scheduler(_optimizer(1.0), "Plateau(0.2, patience=1)")
    changed.load_state_dict(state, allow_spec_change=True)
    assert changed.last_epoch == 6 and changed.optimizer.param_groups[0]["lr"] == 0.2
    assert changed.state_dict()["schedule_state"]["count"] == 6


def test_metric_misuse_and_missing_units_are_lrspec_errors():
    pure = lrspec.torch.scheduler(_optimizer(1.0), "Cosine(0.1, 0.0, 10)")
    with pytest.raises(lrspec.StateError, match="does not read a metric: call step()"):
        pure.step(0.5)
    stateful = lrspec.torch.scheduler(_optimizer(1.0), "Warmup(3) >> Plateau(0.1)")
    with pytest.raises(lrspec.StateError, match=r"reads a metric: call step\(metric\)"):
        stateful.step()
    with pytest.raises(lrspec.UnitError, match="needs total_steps"):
        lrspec.torch.scheduler(_optimizer(1.0), "Cosine(0.1, 0.0, 100%)")
    # Spec forms: a dict, a number.
    optimizer = _optimizer(1.0)
    lrspec.torch.scheduler(
        optimizer, {"family": "Cosine", "args": {"initial": 0.1, "final": 0.0, "steps": 10}}
    )
    assert optimizer.param_groups[0]["lr"] == 0.1
    lrspec.torch.scheduler(optimizer, 0.003)
    assert optimizer.param_groups[0]["lr"] == 0.003


def test_tensor_learning_rates_are_filled_in_place():
    param = torch.nn.Parameter(torch.zeros(2))
    optimizer = torch.optim.Adam([param], lr=torch.tensor(0.5))
    lr = optimizer.param_groups[0]["lr"]
    sched = lrspec.torch.scheduler(optimizer, "Linear(0.5, 0.25, 4)")
    _advance(sched)
    assert optimizer.param_groups[0]["lr"] is lr and lr.item() == 0.4375
    sched.seek(4)
    assert lr.item() == 0.25


def test_the_example_trains_and_prints_its_schedule():
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "torch_train.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "schedule: Warmup(5%) >> Cosine(0.05, 0.0, 95%) (total_steps=400)"
    final = json.loads(lines[-1])
    s = lrspec.parse("Warmup(5%) >> Cosine(0.05, 0.0, 95%)", total_steps=400)
    assert final["rates"] == [s(t) for t in range(0, 400, 50)]
    assert final["last_loss"] < final["first_loss"] / 2


def test_a_metric_driven_scheduler_is_torchs_reduce_lr_on_plateau():
    # Lightning and the transformers Trainer hand the metric only to ReduceLROnPlateau.
    plateau = lrspec.torch.scheduler(_optimizer(1.0), "Warmup(3) >> Plateau(0.1)")
    assert isinstance(plateau, torch.optim.lr_scheduler.ReduceLROnPlateau)
    assert isinstance(plateau, lrspec.torch.LrspecPlateauScheduler)
    pure = lrspec.torch.scheduler(_optimizer(1.0), "Cosine(0.1, 0.0, 10)")
    assert not isinstance(pure, torch.optim.lr_scheduler.ReduceLROnPlateau)
    direct = lrspec.torch.LrspecScheduler(_optimizer(1.0), "Plateau(0.1)")
    assert isinstance(direct, torch.optim.lr_scheduler.ReduceLROnPlateau)


def test_a_metric_driven_scheduler_counts_optimizer_steps_between_metrics():
    # As the transformers Trainer runs it: a metric at every 5th step (an evaluation). The
    # warmup follows the optimizer's steps; the plateau's patience counts metrics.
    spec = "Warmup(10) >> Plateau(0.1, factor=0.5, patience=1)"
    optimizer = _optimizer(1.0)
    sched = lrspec.torch.scheduler(optimizer, spec)
    seen, losses = [], iter([1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
    for t in range(40):
        seen.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        if (t + 1) % 5 == 0:
            sched.step(next(losses))
    assert seen[:11] == [lrspec.parse("Warmup(10) >> Constant(0.1)")(t) for t in range(11)]
    # Metrics after steps 4 and 9 fall in the warmup; then 0.5 (best), 0.5 (bad 1), 0.5
    # (bad 2 > patience: halved), ...
    assert seen[10:] == [0.1] * 15 + [0.05] * 10 + [0.025] * 5
    assert sched.last_epoch == 40 and sched.state_dict()["step"] == 40


def test_the_units_hint_names_the_adapters_own_parameter():
    # Issue 15: the hint said to pass total_steps to lrspec.parse().
    with pytest.raises(lrspec.UnitError) as error:
        lrspec.torch.scheduler(_optimizer(1.0), "Warmup(5%) >> Cosine(0.1, 0.0, 2ep)")
    assert error.value.missing == ("total_steps",) or error.value.missing == (
        "total_steps",
        "steps_per_epoch",
    )
    assert (
        error.value.hint
        == "pass "
        + ", ".join(f"{name}=..." for name in error.value.missing)
        + " to lrspec.torch.scheduler()"
    )
    with pytest.raises(lrspec.UnitError) as error:
        lrspec.torch.scheduler(_optimizer(1.0), "Warmup(1000tok) >> Constant(0.1)")
    assert error.value.hint == "pass tokens_per_step=... to lrspec.torch.scheduler()"
    sched = lrspec.torch.scheduler(
        _optimizer(1.0), "Warmup(1024000tok) >> Constant(0.1)", tokens_per_step=4096
    )
    sched.seek(125)
    assert sched.get_last_lr() == [0.05] and sched.state_dict()["tokens_per_step"] == 4096


def test_steps_may_be_numpy_and_torch_integers():
    s = lrspec.parse("Cosine(0.1, 0.0, 100)")
    sched = lrspec.torch.scheduler(_optimizer(1.0), s)
    for step in (np.int64(30), torch.tensor(30), np.uint8(30)):
        sched.seek(step)
        assert sched.last_epoch == 30 and type(sched.last_epoch) is int
        assert sched.get_last_lr() == [s(30)]
    for bad in (torch.tensor(30.0), 30.0, "30", True, -1, 2**53 + 1, torch.tensor([1, 2])):
        with pytest.raises(lrspec.StateError, match="a step must be a whole number from 0"):
            sched.seek(bad)


def _saved(**changes):
    sched = lrspec.torch.scheduler(_optimizer(0.5, 0.25), "Cosine(1.0, 0.0, 100)", multiplier=True)
    sched.seek(10)
    return {**sched.state_dict(), **changes}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"base_lrs": [float("nan"), 0.25]},
            "the saved 'base_lrs' must be finite numbers >= 0, got nan",
        ),
        (
            {"base_lrs": [float("inf"), 0.25]},
            "the saved 'base_lrs' must be finite numbers >= 0, got inf",
        ),
        ({"base_lrs": [-1.0, 0.25]}, "the saved 'base_lrs' must be finite numbers >= 0, got -1.0"),
        (
            {"base_lrs": ["0.5", 0.25]},
            "the saved 'base_lrs' must be finite numbers >= 0, got '0.5'",
        ),
        ({"base_lrs": [True, 0.25]}, "the saved 'base_lrs' must be finite numbers >= 0, got True"),
        ({"base_lrs": 0.5}, "the saved 'base_lrs' must be a list, got 0.5"),
        (
            {"base_lrs": [0.5]},
            "the saved 'base_lrs' has 1 values, for 1 param groups; the optimizer has 2",
        ),
        ({"step": 1.5}, "the saved 'step' must be a whole number from 0 to 2**53, got 1.5"),
        ({"step": -5}, "the saved 'step' must be a whole number from 0 to 2**53, got -5"),
        ({"step": "10"}, "the saved 'step' must be a whole number from 0 to 2**53, got '10'"),
        ({"step": 10**400}, "the saved 'step' must be a whole number from 0 to 2**53, got 1000"),
        ({"total_steps": 0}, "the saved 'total_steps' must be a whole number >= 1, got 0"),
        ({"multiplier": "yes"}, "the saved 'multiplier' must be True, False or None, got 'yes'"),
        ({"spec": 3}, "the saved 'spec' must be spec text, got 3"),
        ({"hyperparameters": []}, "the saved 'hyperparameters' must be a dict, got []"),
    ],
)
def test_a_tampered_state_is_a_state_error(changes, message):
    # Issue 16: a base rate of NaN reached the optimizer.
    sched = lrspec.torch.scheduler(_optimizer(0.5, 0.25), "Cosine(1.0, 0.0, 100)", multiplier=True)
    with pytest.raises(lrspec.StateError) as error:
        sched.load_state_dict(_saved(**changes), allow_spec_change=True)
    assert str(error.value).startswith(f"lrspec: {message}")
    assert [g["lr"] for g in sched.optimizer.param_groups] == [0.5, 0.25]  # nothing changed
    sched.load_state_dict(_saved(base_lrs=[0.4, 0.2]))
    assert sched.get_last_lr() == [
        0.4 * lrspec.parse("Cosine(1.0, 0.0, 100)")(10),
        0.2 * lrspec.parse("Cosine(1.0, 0.0, 100)")(10),
    ]


def test_a_tampered_metric_state_is_a_state_error():
    sched = lrspec.torch.scheduler(_optimizer(1.0), "Plateau(0.1, factor=0.5, patience=2)")
    for loss in [1.0, 0.9, 0.9]:
        _advance(sched, loss)
    state = sched.state_dict()
    state["schedule_state"] = "nonsense"
    again = lrspec.torch.scheduler(_optimizer(1.0), "Plateau(0.1, factor=0.5, patience=2)")
    with pytest.raises(lrspec.StateError, match="a saved schedule state must be a dict"):
        again.load_state_dict(state)
