"""lrspec.torch drives any param-group key from its own spec, per group if asked: momentum,
Adam's betas, weight decay, beside the rate or alone, with the same resume and state rules."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lrspec
import lrspec.torch


def _params():
    return [torch.nn.Parameter(torch.zeros(2))]


def _groups(optimizer_class, *lrs, names=None, **options):
    groups = [{"params": _params(), "lr": lr} for lr in lrs]
    for group, name in zip(groups, names or ()):
        group["name"] = name
    return optimizer_class(groups, **options)


def _run(sched, steps, *keys):
    """The values of ``keys`` in every group, read before each optimizer step."""
    seen = []
    for _ in range(steps):
        seen.append(
            [tuple(_value(group, key) for key in keys) for group in sched.optimizer.param_groups]
        )
        sched.optimizer.step()
        sched.step()
    return seen


def _value(group, key):
    if key == "beta1":
        return group["betas"][0]
    if key == "beta2":
        return group["betas"][1]
    return group[key]


def test_weight_decay_and_momentum_follow_their_own_specs_beside_the_rate():
    lr, wd, mom = (
        "Warmup(10) >> Cosine(0.1, 0.0, 90)",
        "Linear(0.0, 0.05, 50)",
        "Cosine(0.85, 0.95, 100)",
    )
    optimizer = torch.optim.SGD(_params(), lr=1.0, momentum=0.9, weight_decay=0.0)
    sched = lrspec.torch.scheduler(optimizer, lr, weight_decay=wd, momentum=mom)
    seen = _run(sched, 120, "lr", "weight_decay", "momentum")
    s_lr, s_wd, s_mom = lrspec.parse(lr), lrspec.parse(wd), lrspec.parse(mom)
    assert seen == [[(s_lr(t), s_wd(t), s_mom(t))] for t in range(120)]
    assert sched.schedules == {
        "lr": [s_lr],
        "weight_decay": [s_wd],
        "momentum": [s_mom],
    }


def test_a_key_alone_leaves_the_rate_to_the_optimizer():
    optimizer = torch.optim.AdamW(_params(), lr=3e-4, weight_decay=0.01)
    sched = lrspec.torch.scheduler(optimizer, weight_decay="Linear(0.01, 0.1, 10)")
    seen = _run(sched, 12, "lr", "weight_decay")
    s = lrspec.parse("Linear(0.01, 0.1, 10)")
    assert seen == [[(3e-4, s(t))] for t in range(12)]
    assert sched.get_last_lr() == [3e-4] and sched.schedule is None
    assert sched.state_dict()["spec"] is None


def test_adams_betas_one_element_at_a_time():
    optimizer = torch.optim.Adam(_params(), lr=1e-3, betas=(0.9, 0.999))
    b1, b2 = "Linear(0.95, 0.85, 20)", "Linear(0.99, 0.999, 10)"
    sched = lrspec.torch.scheduler(optimizer, beta1=b1, beta2=b2)
    seen = _run(sched, 25, "betas")
    s1, s2 = lrspec.parse(b1), lrspec.parse(b2)
    assert seen == [[((s1(t), s2(t)),)] for t in range(25)]
    assert isinstance(optimizer.param_groups[0]["betas"], tuple)
    only = torch.optim.Adam(_params(), lr=1e-3, betas=(0.9, 0.999))
    lrspec.torch.scheduler(only, beta2="Constant(0.95)")
    assert only.param_groups[0]["betas"] == (0.9, 0.95)


def test_keys_a_group_does_not_have_are_argument_errors():
    adam = torch.optim.Adam(_params(), lr=1e-3)
    with pytest.raises(lrspec.ArgumentError) as error:
        lrspec.torch.scheduler(adam, momentum="Constant(0.9)")
    assert str(error.value) == (
        "lrspec: momentum=: param group 0 of Adam has no 'momentum'\n"
        "its keys: amsgrad, betas, capturable, decoupled_weight_decay, differentiable, eps, "
        "foreach, fused, lr, maximize, weight_decay; Adam's first beta is beta1="
    )
    sgd = torch.optim.SGD(_params(), lr=0.1)
    with pytest.raises(lrspec.ArgumentError, match="'nesterov' is not a number: False"):
        lrspec.torch.scheduler(sgd, nesterov="Constant(1)")
    with pytest.raises(lrspec.ArgumentError, match="beta1=: param group 0 of SGD has no 'betas'"):
        lrspec.torch.scheduler(sgd, beta1="Constant(0.9)")
    with pytest.raises(lrspec.ArgumentError, match="the rate is given twice"):
        lrspec.torch.scheduler(sgd, "Constant(0.1)", lr="Constant(0.2)")
    with pytest.raises(lrspec.ArgumentError, match="needs a spec"):
        lrspec.torch.scheduler(sgd)
    with pytest.raises(lrspec.ArgumentError, match="takes a torch optimizer, got str"):
        lrspec.torch.scheduler("sgd", "Constant(0.1)")
    with pytest.raises(lrspec.ArgumentError, match="multiplier must be True, False or None"):
        lrspec.torch.scheduler(sgd, "Constant(0.1)", multiplier="yes")


def test_a_list_gives_each_group_its_spec_as_lambdalr_takes_a_list():
    specs = ["Warmup(5) >> Cosine(0.1, 0.0, 45)", "Linear(0.01, 0.0, 50)", None]
    optimizer = _groups(torch.optim.SGD, 1.0, 1.0, 0.5)
    sched = lrspec.torch.scheduler(optimizer, specs)
    seen = _run(sched, 60, "lr")
    a, b = lrspec.parse(specs[0]), lrspec.parse(specs[1])
    assert seen == [[(a(t),), (b(t),), (0.5,)] for t in range(60)]
    assert sched.state_dict()["spec"] == [str(a), str(b), None]
    with pytest.raises(lrspec.ArgumentError) as error:
        lrspec.torch.scheduler(optimizer, specs[:2])
    assert str(error.value) == (
        "lrspec: lr= has 2 specs for 3 param groups\n"
        "give one spec per param group (None leaves a group alone), or a mapping from group names"
    )


def test_a_mapping_names_the_groups():
    optimizer = _groups(torch.optim.SGD, 1e-4, 1e-3, names=["backbone", "head"], momentum=0.9)
    sched = lrspec.torch.scheduler(
        optimizer,
        {"backbone": "Cosine(1e-4, 0.0, 100)", "head": "Cosine(1e-3, 0.0, 100)"},
        momentum={"head": "Linear(0.9, 0.8, 100)"},
    )
    seen = _run(sched, 101, "lr", "momentum")
    back, head, mom = (
        lrspec.parse("Cosine(1e-4, 0.0, 100)"),
        lrspec.parse("Cosine(1e-3, 0.0, 100)"),
        lrspec.parse("Linear(0.9, 0.8, 100)"),
    )
    assert seen == [[(back(t), 0.9), (head(t), mom(t))] for t in range(101)]
    # A dict whose keys are not the groups' names is read as a config value, and says so.
    with pytest.raises(lrspec.ConfigError) as error:
        lrspec.torch.scheduler(optimizer, {"backbon": "Cosine(1e-4, 0.0, 100)"})
    assert error.value.hint.endswith(
        "a mapping from group names to specs takes the names of the param groups: "
        "'backbone', 'head'"
    )


def test_multiplier_mode_scales_every_key_by_its_own_base():
    optimizer = _groups(torch.optim.SGD, 1e-4, 1e-3, momentum=0.9, weight_decay=0.02)
    sched = lrspec.torch.scheduler(
        optimizer, "Cosine(1.0, 0.0, 10)", weight_decay="Linear(1.0, 0.5, 10)", multiplier=True
    )
    cos, lin = lrspec.parse("Cosine(1.0, 0.0, 10)"), lrspec.parse("Linear(1.0, 0.5, 10)")
    seen = _run(sched, 11, "lr", "weight_decay", "momentum")
    assert seen == [
        [(1e-4 * cos(t), 0.02 * lin(t), 0.9), (1e-3 * cos(t), 0.02 * lin(t), 0.9)]
        for t in range(11)
    ]
    state = sched.state_dict()
    assert state["multiplier"] is True and state["base_lrs"] == [1e-4, 1e-3]
    assert state["hyperparameters"] == {
        "weight_decay": {
            "spec": "Linear(1.0, 0.5, 10)",
            "bases": [0.02, 0.02],
            "schedule_state": None,
        }
    }


def _checkpoint(make, steps, metrics=None):
    """Run ``steps`` steps, return the state and the values seen."""
    sched = make()
    seen = []
    for t in range(steps):
        seen.append([dict(g) for g in _plain_groups(sched.optimizer)])
        sched.optimizer.step()
        sched.step(*([] if metrics is None else [metrics[t]]))
    return sched, seen


def _plain_groups(optimizer):
    return [{k: v for k, v in g.items() if k != "params"} for g in optimizer.param_groups]


@pytest.mark.parametrize("stateful", [False, True])
def test_lists_mappings_and_keys_resume_in_a_fresh_scheduler(stateful):
    lr = (
        "Warmup(5) >> Plateau(0.1, patience=2)" if stateful else "Warmup(5) >> Cosine(0.1, 0.0, 35)"
    )
    metrics = [1.0 / (1 + t % 7) for t in range(40)]

    def make():
        optimizer = _groups(
            torch.optim.AdamW, 1e-3, 1e-2, names=["a", "b"], betas=(0.9, 0.99), weight_decay=0.0
        )
        return lrspec.torch.scheduler(
            optimizer,
            [lr, "Linear(0.01, 0.001, 40)"],
            weight_decay={"b": "Linear(0.0, 0.1, 40)"},
            beta2="Linear(0.99, 0.999, 40)",
        )

    full, seen_full = _checkpoint(make, 40, metrics if stateful else None)
    first, seen_first = _checkpoint(make, 20, metrics if stateful else None)
    state = first.state_dict()
    resumed = make()
    resumed.optimizer.load_state_dict(first.optimizer.state_dict())
    resumed.load_state_dict(state)
    seen_rest = []
    for t in range(20, 40):
        seen_rest.append(_plain_groups(resumed.optimizer))
        resumed.optimizer.step()
        resumed.step(*([metrics[t]] if stateful else []))
    assert seen_first + seen_rest == seen_full
    assert resumed.state_dict() == full.state_dict()
    assert state["hyperparameters"]["weight_decay"]["spec"] == [None, "Linear(0.0, 0.1, 40)"]
    # A state saved under other specs for a key is refused.
    other = lrspec.torch.scheduler(
        make().optimizer, [lr, "Linear(0.01, 0.001, 40)"], weight_decay="Linear(0.0, 0.1, 40)"
    )
    with pytest.raises(lrspec.StateError, match="weight_decay="):
        other.load_state_dict(state)


# torch's OneCycleLR and CyclicLR cycle the momentum (SGD) or beta1 (Adam) by default; through
# the adapter, the torch. namespace's families do the same (their momentum companions).
CYCLING = [
    ("OneCycleLR", {"max_lr": 0.1, "total_steps": 10_000}),
    ("OneCycleLR", {"max_lr": 0.1, "total_steps": 10_000, "pct_start": 0.25, "three_phase": True}),
    (
        "OneCycleLR",
        {"max_lr": 0.05, "total_steps": 10_000, "anneal_strategy": "linear", "base_momentum": 0.8},
    ),
    ("CyclicLR", {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 700}),
    (
        "CyclicLR",
        {
            "base_lr": 0.001,
            "max_lr": 0.1,
            "step_size_up": 300,
            "step_size_down": 900,
            "mode": "triangular2",
        },
    ),
    (
        "CyclicLR",
        {
            "base_lr": 0.001,
            "max_lr": 0.1,
            "step_size_up": 500,
            "mode": "exp_range",
            "gamma": 0.9997,
        },
    ),
]


def _text(name, kwargs):
    def value(v):
        return f"'{v}'" if isinstance(v, str) else repr(v)

    return f"torch.{name}(" + ", ".join(f"{k}={value(v)}" for k, v in kwargs.items()) + ")"


def _cycling_optimizer(kind):
    groups = [{"params": _params(), "lr": 0.1}, {"params": _params(), "lr": 0.05}]
    if kind == "Adam":
        return torch.optim.Adam(groups, lr=0.1, betas=(0.9, 0.999))
    return torch.optim.SGD(groups, lr=0.1, momentum=0.9)


@pytest.mark.parametrize("kind", ["SGD", "Adam"])
@pytest.mark.parametrize(("name", "kwargs"), CYCLING, ids=lambda c: str(c))
def test_cycling_momentum_as_torch_does_for_10000_steps(name, kwargs, kind):
    ours_optimizer, theirs_optimizer = _cycling_optimizer(kind), _cycling_optimizer(kind)
    ours = lrspec.torch.scheduler(ours_optimizer, _text(name, kwargs))
    theirs = getattr(torch.optim.lr_scheduler, name)(theirs_optimizer, **kwargs)
    key = "betas" if kind == "Adam" else "momentum"
    assert sorted(ours.schedules) == ["lr", "momentum"]
    # exp_range: lrspec's gamma**t differs from torch's in the last bits at some steps (342
    # of 10,000, by at most 2 ulps): within 4 ulps there, equal everywhere else.
    ulps = 4 if kwargs.get("mode") == "exp_range" else 0
    for t in range(10_000):
        mine = [(g["lr"], *np.atleast_1d(g[key])) for g in ours_optimizer.param_groups]
        torchs = [(g["lr"], *np.atleast_1d(g[key])) for g in theirs_optimizer.param_groups]
        if ulps == 0:
            assert mine == torchs, (t, mine, torchs)
        else:
            assert np.allclose(mine, torchs, rtol=ulps * 2.0**-52, atol=0), (t, mine, torchs)
        ours_optimizer.step()
        theirs_optimizer.step()
        ours.step()
        if t < 9_999 or name != "OneCycleLR":  # torch refuses a step past total_steps
            theirs.step()
    # A spec without the momentum cycle leaves it alone; an optimizer without momentum or
    # betas is refused as torch refuses it.
    plain = _cycling_optimizer(kind)
    quiet = lrspec.torch.scheduler(plain, _text(name, {**kwargs, "cycle_momentum": False}))
    assert sorted(quiet.schedules) == ["lr"]
    with pytest.raises(lrspec.ArgumentError, match="neither momentum nor betas"):
        lrspec.torch.scheduler(torch.optim.Adagrad(_params()), _text(name, kwargs))
    with pytest.raises(lrspec.ArgumentError, match="the rate's spec drives it too"):
        lrspec.torch.scheduler(_cycling_optimizer("SGD"), _text(name, kwargs), momentum=0.9)
