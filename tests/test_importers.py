"""Importers give the original library's numbers: Hugging Face (the real transformers),
timm (its formulas, from timm/scheduler/*.py), rl-zoo3 and fairseq (their formulas)."""

from __future__ import annotations

import math
import warnings
from bisect import bisect_right

import numpy as np
import pytest
import torch
from transformers.optimization import get_scheduler

import lrspec
from lrspec import ConfigError
from lrspec.formats.importers import from_fairseq, from_hf, from_rl_zoo, from_timm

RTOL, ATOL = 1e-9, 1e-12  # the conformance traces' tolerance


def _assert_close(got, want, context):
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    bad = np.flatnonzero(~(np.abs(got - want) <= ATOL + RTOL * np.abs(want)))
    assert bad.size == 0, (
        f"{context}: first difference at step {bad[0]}: {got[bad[0]]!r} vs {want[bad[0]]!r}"
    )


# -- Hugging Face ---------------------------------------------------------------------------


def _hf_rates(kind, lr, n, warmup, kwargs, steps):
    """The real transformers scheduler: the optimizer's lr read before each step."""
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=lr)
    with warnings.catch_warnings():
        # transformers warns when given both num_training_steps and num_stable_steps.
        warnings.simplefilter("ignore", UserWarning)
        scheduler = get_scheduler(
            kind,
            optimizer,
            num_warmup_steps=warmup,
            num_training_steps=n,
            scheduler_specific_kwargs=kwargs,
        )
    rates = []
    for _ in range(steps):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return rates


HF_CASES = [
    ("linear", {}),
    ("cosine", {}),
    ("cosine", {"num_cycles": 1.5}),
    ("cosine_with_restarts", {"num_cycles": 3}),
    ("cosine_with_restarts", {"num_cycles": 2.5}),
    ("polynomial", {}),
    ("polynomial", {"lr_end": 1e-4, "power": 2.0}),
    ("constant", {}),
    ("constant_with_warmup", {}),
    ("inverse_sqrt", {}),
    ("inverse_sqrt", {"timescale": 50}),
    ("cosine_with_min_lr", {"min_lr": 1e-3}),
    ("cosine_with_min_lr", {"min_lr_rate": 0.05}),
    ("cosine_warmup_with_min_lr", {"min_lr": 1e-3}),
    ("warmup_stable_decay", {"num_decay_steps": 300, "decay_type": "1-sqrt", "min_lr_ratio": 0.1}),
    ("warmup_stable_decay", {"num_decay_steps": 300, "warmup_type": "cosine"}),
    (
        "warmup_stable_decay",
        {"num_decay_steps": 300, "decay_type": "linear", "num_stable_steps": 200},
    ),
]


@pytest.mark.parametrize("warmup", [0, 1, 100])
@pytest.mark.parametrize(("kind", "kwargs"), HF_CASES, ids=[f"{k}-{v}" for k, v in HF_CASES])
def test_hugging_face(kind, kwargs, warmup):
    n, lr = 1000, 0.1
    schedule = from_hf(
        kind,
        learning_rate=lr,
        num_training_steps=n,
        warmup_steps=warmup,
        lr_scheduler_kwargs=kwargs,
    )
    # Over the run, steps 0 .. n - 1. (Past it HF's cosines are not clamped; lrspec holds.)
    want = _hf_rates(kind, lr, n, warmup, kwargs, n)
    _assert_close(schedule(np.arange(n)), want, str(schedule))
    assert lrspec.parse(str(schedule)) == schedule


def test_hugging_face_prints_as_lrspec_text():
    assert (
        str(from_hf("cosine", learning_rate=3e-4, num_training_steps=10_000, warmup_ratio=0.05))
        == "Warmup(500) >> Cosine(0.0003, 0.0, 9500)"
    )
    assert (
        str(from_hf("linear", learning_rate=0.1, num_training_steps=1000, warmup_steps=0.1))
        == "Warmup(100) >> Linear(0.1, 0.0, 900)"
    )
    assert str(
        from_hf(
            "warmup_stable_decay",
            learning_rate=0.1,
            num_training_steps=1000,
            warmup_steps=100,
            lr_scheduler_kwargs={
                "num_decay_steps": 400,
                "min_lr_ratio": 0.1,
                "decay_type": "linear",
            },
        )
    ) == (
        "Warmup(100, start=0.010000000000000002) >> Constant(0.1)[:500] >> "
        "Linear(0.1, 0.010000000000000002, 400)"
    )
    assert str(
        from_hf(
            "reduce_lr_on_plateau",
            learning_rate=0.1,
            lr_scheduler_kwargs={"patience": 3, "factor": 0.5},
        )
    ) == ("Plateau(0.1, factor=0.5, patience=3)")


def test_hugging_face_plateau_is_pytorch_plateau():
    schedule = from_hf(
        "reduce_lr_on_plateau",
        learning_rate=0.1,
        lr_scheduler_kwargs={"patience": 1, "factor": 0.5},
    )
    assert [schedule.step(1.0) for _ in range(5)] == [0.1, 0.1, 0.05, 0.05, 0.025]


@pytest.mark.parametrize(
    ("kind", "kwargs", "message"),
    [
        ("greedy", {}, "Hugging Face lr_scheduler_type 'greedy' has no lrspec form"),
        ("cosine", {"num_cylces": 2}, "unsupported lr_scheduler_kwargs ['num_cylces']"),
        ("polynomial", {"lr_end": 0.5}, "lr_end (0.5) must be smaller than the initial lr (0.1)"),
        ("warmup_stable_decay", {}, "warmup_stable_decay needs num_decay_steps >= 1"),
        (
            "warmup_stable_decay",
            {"num_decay_steps": 10, "warmup_type": "1-sqrt"},
            "warmup_type '1-sqrt' has no lrspec form",
        ),
        (
            "cosine_with_min_lr",
            {},
            "cosine_with_min_lr needs exactly one of min_lr and min_lr_rate",
        ),
    ],
)
def test_hugging_face_errors(kind, kwargs, message):
    with pytest.raises(ConfigError) as caught:
        from_hf(
            kind,
            learning_rate=0.1,
            num_training_steps=100,
            warmup_steps=10,
            lr_scheduler_kwargs=kwargs,
        )
    assert caught.value.message == message


def test_hugging_face_needs_the_number_of_steps():
    with pytest.raises(ConfigError, match="needs num_training_steps >= 1, got None"):
        from_hf("linear", learning_rate=0.1)


# -- timm (timm/scheduler/*.py, written out as timm's code does it) -----------------------


def _timm_rate(
    t,
    *,
    sched,
    lr,
    t_initial,
    lr_min=0.0,
    warmup_t=0,
    warmup_lr_init=1e-5,
    warmup_prefix=False,
    cycle_mul=1.0,
    cycle_decay=1.0,
    cycle_limit=1,
    decay_t=None,
    milestones=(),
    decay_rate=0.1,
    power=0.5,
    lb=-7.0,
    ub=3.0,
):
    def main(t):
        if sched == "step":
            return lr * decay_rate ** (t // decay_t)
        if sched == "multistep":
            return lr * decay_rate ** bisect_right(milestones, t + 1)
        if sched == "constant":
            return lr
        if cycle_mul != 1:
            i = math.floor(math.log(1 - t / t_initial * (1 - cycle_mul), cycle_mul))
            t_i = cycle_mul**i * t_initial
            t_curr = t - (1 - cycle_mul**i) / (1 - cycle_mul) * t_initial
        else:
            i = t // t_initial
            t_i = t_initial
            t_curr = t - t_initial * i
        lr_max = lr * cycle_decay**i
        if i >= cycle_limit:
            return lr_min
        if sched == "cosine":
            return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * t_curr / t_i))
        if sched == "tanh":
            tr = t_curr / t_i
            return lr_min + 0.5 * (lr_max - lr_min) * (1 - math.tanh(lb * (1.0 - tr) + ub * tr))
        return lr_min + (lr_max - lr_min) * (1 - t_curr / t_i) ** power  # poly

    if t < warmup_t:
        target = main(warmup_t) if sched == "tanh" and not warmup_prefix else lr
        return warmup_lr_init + t * (target - warmup_lr_init) / warmup_t
    if warmup_prefix:
        t -= warmup_t
    return main(t)


TIMM_CASES = [
    dict(sched="cosine"),
    dict(sched="cosine", warmup_epochs=5),
    dict(sched="cosine", warmup_epochs=5, warmup_prefix=True),
    dict(sched="cosine", min_lr=1e-4, cycle_limit=3, cycle_decay=0.5),
    dict(sched="cosine", cycle_limit=3, cycle_mul=2.0, cycle_decay=0.1),
    dict(sched="tanh"),
    dict(sched="tanh", warmup_epochs=5),
    dict(sched="tanh", warmup_epochs=5, warmup_prefix=True),
    dict(sched="poly", min_lr=1e-5),
    dict(sched="poly", decay_rate=2.0, warmup_epochs=3, warmup_prefix=True),
    dict(sched="step", decay_epochs=7, decay_rate=0.5),
    dict(sched="step", decay_epochs=7, decay_rate=0.5, warmup_epochs=3),
    dict(sched="multistep", decay_milestones=(10, 20, 30), decay_rate=0.5),
    dict(sched="multistep", decay_milestones=(10, 20, 30), warmup_epochs=3, warmup_prefix=True),
    dict(sched="constant", warmup_epochs=4),
]


@pytest.mark.parametrize(
    "case", TIMM_CASES, ids=lambda c: "-".join(f"{k}={v}" for k, v in c.items())
)
def test_timm(case):
    lr, epochs = 0.1, 40
    schedule = from_timm(lr=lr, num_epochs=epochs, **case)
    formula_args = dict(
        sched=case["sched"],
        lr=lr,
        t_initial=epochs,
        lr_min=case.get("min_lr", 0.0),
        warmup_t=case.get("warmup_epochs", 0),
        warmup_prefix=case.get("warmup_prefix", False),
        cycle_mul=case.get("cycle_mul", 1.0),
        cycle_decay=case.get("cycle_decay", 0.1),
        cycle_limit=case.get("cycle_limit", 1),
        decay_t=case.get("decay_epochs", 90),
        milestones=case.get("decay_milestones", (90, 180, 270)),
        decay_rate=case.get("decay_rate", 0.1),
        power=case.get("decay_rate", 0.1),
    )
    steps = np.arange(0, 400)
    want = [_timm_rate(int(t), **formula_args) for t in steps]
    _assert_close(schedule(steps), want, str(schedule))
    assert lrspec.parse(str(schedule)) == schedule


def test_timm_per_update():
    schedule = from_timm(
        "cosine",
        lr=0.1,
        num_epochs=10,
        warmup_epochs=1,
        step_on_epochs=False,
        updates_per_epoch=100,
    )
    assert str(schedule) == "Linear(1e-05, 0.1, 100) >> Cosine(0.1, 0.0, 1000)[100:]"
    want = [
        _timm_rate(t, sched="cosine", lr=0.1, t_initial=1000, warmup_t=100) for t in range(1200)
    ]
    _assert_close(schedule(np.arange(1200)), want, str(schedule))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(sched="wsd"), "timm sched 'wsd' has no lrspec form"),
        (
            dict(sched="cosine", noise=(0.5, 0.9)),
            "timm's noise is random; lrspec schedules are exact functions",
        ),
        (dict(sched="cosine", k_decay=2.0), "timm's k_decay=2.0 has no lrspec form"),
        (
            dict(sched="plateau", warmup_epochs=2),
            "timm's plateau scheduler with warmup has no exact lrspec form",
        ),
    ],
)
def test_timm_errors(kwargs, message):
    with pytest.raises(ConfigError) as caught:
        from_timm(lr=0.1, **kwargs)
    assert caught.value.message == message


def test_timm_plateau_is_a_plateau_in_max_mode():
    schedule = from_timm("plateau", lr=0.1, patience_epochs=1, decay_rate=0.5)
    assert str(schedule) == "Plateau(0.1, factor=0.5, patience=1, mode=max)"


# -- rl-zoo3 and fairseq ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["lin_0.001", "exp_0.001", "foo_3e-4"])
def test_rl_zoo_linear(text):
    # rl-zoo3: SimpleLinearSchedule(x)(progress_remaining) = progress_remaining * x, whatever
    # the prefix; progress_remaining = 1 - t / total.
    x = float(text.split("_")[1])
    schedule = from_rl_zoo(text).bind(total_steps=5000)
    want = [(1.0 - t / 5000) * x for t in range(5001)]
    _assert_close(schedule(np.arange(5001)), want, text)
    assert str(from_rl_zoo(text)) == f"Linear({x!r}, 0.0, 100%)"


def test_rl_zoo_numbers_and_errors():
    assert from_rl_zoo(0.0003) == lrspec.parse("0.0003") and from_rl_zoo(1)(10) == 1.0
    for bad, message in [
        ("lin", "rl-zoo3 schedule 'lin' must look like 'lin_0.001'"),
        ("lin_a_b", "rl-zoo3 schedule 'lin_a_b' must look like 'lin_0.001'"),
        ("lin_x", "rl-zoo3 schedule 'lin_x': 'x' is not a number"),
        (-0.1, "a learning rate must be >= 0, got -0.1"),
    ]:
        with pytest.raises(ConfigError) as caught:
            from_rl_zoo(bad)
        assert caught.value.message == message


@pytest.mark.parametrize(("warmup", "init"), [(4000, -1), (100, 1e-7), (1, -1)])
def test_fairseq_inverse_sqrt(warmup, init):
    # fairseq's inverse_sqrt: the lr of update k is set by step_update(k).
    lr = 5e-4
    start = init if init >= 0 else 0.0
    step = (lr - start) / warmup

    def fairseq(k):
        return start + k * step if k < warmup else lr * warmup**0.5 * k**-0.5

    schedule = from_fairseq(lr, warmup_updates=warmup, warmup_init_lr=init)
    ks = np.arange(0, 3 * warmup + 50)
    _assert_close(schedule(ks), [fairseq(int(k)) for k in ks], str(schedule))


def test_fairseq_text_and_errors():
    assert str(from_fairseq(5e-4)) == "Warmup(4000) >> InverseSqrt(0.0005, 4000)"
    with pytest.raises(ConfigError, match="needs warmup_updates >= 1, got 0"):
        from_fairseq(5e-4, warmup_updates=0)


# -- built, not parsed ---------------------------------------------------------------------------


def test_importers_build_trees_and_parse_no_text(monkeypatch):
    """The importers build syntax nodes and evaluate them: with Lark and both parse caches
    out of reach, every importer still gives its schedule, whose text reads back to it."""
    from lrspec.schedule import parsing
    from lrspec.syntax import parser

    def no_lark():
        raise AssertionError("an importer parsed text")

    monkeypatch.setattr(parsing, "_schedules", {})
    monkeypatch.setattr(parsing, "_templates", {})
    monkeypatch.setattr(parser, "lark_parser", no_lark)
    built = [
        from_hf(
            kind,
            learning_rate=0.1,
            num_training_steps=1000,
            warmup_steps=warmup,
            lr_scheduler_kwargs=kwargs,
        )
        for kind, kwargs in HF_CASES
        for warmup in (0, 100)
    ]
    built += [from_timm(lr=0.1, num_epochs=40, **case) for case in TIMM_CASES] + [
        from_timm("plateau", lr=0.1)
    ]
    built += [from_rl_zoo("lin_0.001"), from_rl_zoo(3e-4), from_fairseq(5e-4, warmup_init_lr=1e-7)]
    texts = [str(schedule) for schedule in built]
    monkeypatch.undo()
    for schedule, text in zip(built, texts):
        assert lrspec.parse(text) == schedule


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (
            lambda: from_hf("linear", learning_rate="3e-4", num_training_steps=100),
            ConfigError,
            "learning_rate must be a number, got '3e-4'",
        ),
        (
            lambda: from_hf("linear", learning_rate=0.1, num_training_steps=10**400),
            ConfigError,
            "num_training_steps must be at most 2**53 in size, got an integer of 401 digits",
        ),
        (
            lambda: from_hf(["cosine"], num_training_steps=100),
            ConfigError,
            "Hugging Face lr_scheduler_type ['cosine'] has no lrspec form",
        ),
        (
            lambda: from_hf(
                "cosine", num_training_steps=100, lr_scheduler_kwargs={"num_cycles": 1e9}
            ),
            ConfigError,
            "num_cycles must be at most 500, got 1000000000.0",
        ),
        (
            lambda: from_hf("linear", learning_rate=-1.0, num_training_steps=100),
            lrspec.ArgumentError,
            "Linear: 'initial' must be >= 0, got -1.0",
        ),
        (
            lambda: from_timm("cosine", lr=0.1, num_epochs="100"),
            ConfigError,
            "num_epochs must be a number, got '100'",
        ),
        (
            lambda: from_timm("cosine", lr=0.1, cycle_limit=10**6, cycle_mul=2.0),
            ConfigError,
            "timm's 1000000 cycles of 300 steps (cycle_mul=2.0) last more than 2**53 steps",
        ),
        (
            lambda: from_timm(["cosine"], lr=0.1),
            ConfigError,
            "timm sched ['cosine'] has no lrspec form",
        ),
        (lambda: from_fairseq(float("nan")), ConfigError, "lr must be a finite number, got nan"),
        (
            lambda: from_rl_zoo("lin_٠.١"),
            ConfigError,
            "rl-zoo3 schedule 'lin_٠.١': '٠.١' is not a number",
        ),
    ],
)
def test_importer_inputs_are_checked(make, error, message):
    with pytest.raises(error) as caught:
        make()
    assert caught.value.message == message
