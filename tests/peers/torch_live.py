"""The real PyTorch schedulers, driven from a small description, for tests of ``torch.``.

A *spec call* is ``(name, kwargs)``: ``name`` a class of ``torch.optim.lr_scheduler`` and
``kwargs`` its arguments in torch's own words, without the optimizer and ``last_epoch``.
``schedulers`` (SequentialLR, ChainedScheduler) holds a list of spec calls::

    ("StepLR", {"step_size": 3})
    ("SequentialLR", {"schedulers": [("LinearLR", {"start_factor": 0.01, "total_iters": 500}),
                                     ("CosineAnnealingLR", {"T_max": 9500})],
                      "milestones": [500]})

- ``torch_lrs(call, base_lr, n)``: the lr of the param group after 0, 1, ..., n calls of
  ``scheduler.step()`` (``None`` from the step at which torch raises on);
- ``torch_momentums(call, n, optimizer="SGD")``: the same for the momentum (SGD) or
  ``betas[0]`` (Adam) that CyclicLR and OneCycleLR cycle;
- ``torch_text(call, base_lr)``: the same schedule as lrspec text in torch's words, and
  ``torch_call(text)`` the way back, ``(call, base_lr)``;
- ``STRATEGIES``: hypothesis strategies of spec calls over torch's valid domain (``WIDE``:
  chains of any members, and SequentialLRs over them), and ``metrics_strategy(n)`` for
  ReduceLROnPlateau;
- ``one_cycle_past_end(call, t)``: whether a OneCycleLR in the call is at or past its end at
  step ``t`` (torch extrapolates there, then raises; lrspec holds its last rate).

This module imports torch and hypothesis, never lrspec.
"""

from __future__ import annotations

import ast
import inspect
import math
import warnings
from bisect import bisect_right

import torch
from hypothesis import strategies as st

#: Schedulers that set their own rates: no ``lr=`` in their text.
SELF_RATED = ("CyclicLR", "OneCycleLR")
COMPOSITE = ("SequentialLR", "ChainedScheduler")


def _build(call, optimizer):
    """Build the scheduler of ``call`` on ``optimizer``; members first, in list order,
    exactly as Python evaluates the nested calls of the text."""
    name, kwargs = call
    kwargs = dict(kwargs)
    if name in COMPOSITE:
        kwargs["schedulers"] = [_build(member, optimizer) for member in kwargs["schedulers"]]
    cls = getattr(torch.optim.lr_scheduler, name)
    if name == "ChainedScheduler":
        return cls(kwargs.pop("schedulers"), optimizer=optimizer, **kwargs)
    return cls(optimizer, **kwargs)


def _optimizer(kind: str, lr: float) -> torch.optim.Optimizer:
    params = [torch.nn.Parameter(torch.zeros(1))]
    if kind == "Adam":
        return torch.optim.Adam(params, lr=lr)
    return torch.optim.SGD(params, lr=lr)


def _trace(call, base_lr, n_steps, metrics, optimizer, read):
    if call[0] == "ReduceLROnPlateau":
        if metrics is None or len(metrics) < n_steps:
            raise ValueError(f"ReduceLROnPlateau needs {n_steps} metrics")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # step-order and deprecation warnings
        opt = _optimizer(optimizer, 1.0 if base_lr is None else base_lr)
        scheduler = _build(call, opt)  # construction errors propagate
        out = [read(opt.param_groups[0])]
        for t in range(n_steps):
            opt.step()  # no gradients: a no-op that keeps torch's step-order check quiet
            try:
                if call[0] == "ReduceLROnPlateau":
                    scheduler.step(metrics[t])
                else:
                    scheduler.step()
            except (ValueError, ArithmeticError, NotImplementedError):
                out.extend([None] * (n_steps - t))  # torch refuses this step and every later one
                break
            out.append(read(opt.param_groups[0]))
    return out


def torch_lrs(spec_call, base_lr, n_steps, metrics=None):
    """The lr after t calls of ``step()`` for t = 0..n_steps, as Python floats.

    ``base_lr`` is the optimizer's lr (CyclicLR and OneCycleLR overwrite it). For
    ReduceLROnPlateau, step t observes ``metrics[t - 1]``: entry t is the lr after
    ``metrics[:t]``. An entry is ``None`` from the step at which torch raises (OneCycleLR
    past ``total_steps``, CyclicLR triangular2 past 1024 cycles, a zero divisor, ...).
    """
    return _trace(spec_call, base_lr, n_steps, metrics, "SGD", lambda g: float(g["lr"]))


def torch_momentums(spec_call, n_steps, optimizer="SGD"):
    """SGD's ``momentum`` (or Adam's ``betas[0]``) after t calls of ``step()``, t = 0..n_steps."""

    def read(group):
        return float(group["betas"][0] if optimizer == "Adam" else group["momentum"])

    return _trace(spec_call, 1.0, n_steps, None, optimizer, read)


def _value_text(value) -> str:
    if isinstance(value, tuple):  # a nested spec call
        return _call_text(value, None)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, float):
        return "inf" if value == math.inf else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{_value_text(k)}: {_value_text(v)}" for k, v in value.items()) + "}"
        )
    raise TypeError(f"no text for {value!r}")


def _call_text(call, base_lr) -> str:
    name, kwargs = call
    order = list(inspect.signature(getattr(torch.optim.lr_scheduler, name)).parameters)
    keys = sorted(kwargs, key=lambda k: order.index(k) if k in order else len(order))
    args = [f"{key}={_value_text(kwargs[key])}" for key in keys]  # torch's parameter order
    if base_lr is not None and name not in SELF_RATED:
        args.append(f"lr={_value_text(float(base_lr))}")
    return f"torch.{name}({', '.join(args)})"


def torch_text(spec_call, base_lr) -> str:
    """The lrspec text of ``spec_call`` in torch's words; ``lr=`` only on the outermost call
    (none for CyclicLR/OneCycleLR, and none at all when ``base_lr`` is None)."""
    return _call_text(spec_call, base_lr)


def _params(name):
    cls = getattr(torch.optim.lr_scheduler, name)
    return [p for p in inspect.signature(cls).parameters if p not in ("optimizer", "last_epoch")]


def _literal(node):
    if isinstance(node, ast.Call):
        return _read_call(node)[0]
    if isinstance(node, ast.List):
        return [_literal(item) for item in node.elts]
    if isinstance(node, ast.Dict):
        return {_literal(k): _literal(v) for k, v in zip(node.keys, node.values)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_literal(node.operand)
    if isinstance(node, ast.Name):  # inf, or a bare word of an enumeration
        return math.inf if node.id == "inf" else node.id
    if isinstance(node, ast.Constant):
        return node.value
    raise ValueError(f"not a value of a torch spec: {ast.dump(node)}")


def _read_call(node):
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "torch"
    ):
        raise ValueError(f"not a torch.Name(...) call: {ast.dump(func)}")
    kwargs = dict(zip(_params(func.attr), (_literal(a) for a in node.args)))
    kwargs.update({k.arg: _literal(k.value) for k in node.keywords})
    lr = kwargs.pop("lr", None)
    return (func.attr, kwargs), lr


def torch_call(text: str):
    """``(spec_call, base_lr)`` of a text in torch's words (``base_lr`` None without ``lr=``).

    The text is read with ``ast``, never evaluated.
    """
    return _read_call(ast.parse(text.strip(), mode="eval").body)


# --- hypothesis strategies over torch's valid domain -------------------------------------

_steps = st.integers(1, 3000)  # sizes that end well inside 10,000 steps
_factor = st.floats(0.01, 1.0)  # a multiplicative factor in (0, 1]
_fraction = st.just(0.0) | _factor  # the same, or exactly 0
_floor = st.just(0.0) | st.floats(1e-4, 0.5)  # eta_min, min_lr: 0 or a real floor
_gamma = st.floats(0.5, 1.0)  # far from underflow over 10,000 steps


def _call(name, **kwargs):
    return st.fixed_dictionaries(kwargs).map(lambda d: (name, d))


def _optional(**kwargs):
    """Keyword arguments that are each left out (torch's default) or drawn."""
    return st.fixed_dictionaries({}, optional=kwargs)


def _named(name, required, optional):
    return st.tuples(st.fixed_dictionaries(required), optional).map(
        lambda parts: (name, {**parts[0], **parts[1]})
    )


_milestones = st.lists(st.integers(1, 4000), min_size=1, max_size=5, unique=True).map(sorted)

LEAVES = {
    "StepLR": _named(
        "StepLR", {"step_size": st.integers(1, 2000)}, _optional(gamma=st.floats(0.1, 1.0))
    ),
    "MultiStepLR": _named(
        "MultiStepLR", {"milestones": _milestones}, _optional(gamma=st.floats(0.1, 1.0))
    ),
    "ConstantLR": _named(
        "ConstantLR", {}, _optional(factor=_factor, total_iters=st.integers(1, 3000))
    ),
    "LinearLR": _named(
        "LinearLR", {}, _optional(start_factor=_factor, end_factor=_fraction, total_iters=_steps)
    ),
    "ExponentialLR": _named("ExponentialLR", {"gamma": st.floats(0.99, 1.0)}, _optional()),
    "PolynomialLR": _named(
        "PolynomialLR", {}, _optional(total_iters=_steps, power=st.floats(0.0, 5.0))
    ),
    "CosineAnnealingLR": _named("CosineAnnealingLR", {"T_max": _steps}, _optional(eta_min=_floor)),
    "CosineAnnealingWarmRestarts": _named(
        "CosineAnnealingWarmRestarts",
        {"T_0": st.integers(1, 1500)},
        _optional(T_mult=st.integers(1, 4), eta_min=_floor),
    ),
    "CyclicLR": st.tuples(st.floats(1e-4, 0.1), st.floats(1e-4, 1.0)).flatmap(
        lambda lows: _named(
            "CyclicLR",
            {"base_lr": st.just(min(lows)), "max_lr": st.just(max(lows))},
            _optional(
                step_size_up=st.integers(1, 2000),
                step_size_down=st.integers(1, 2000),
                mode=st.sampled_from(["triangular", "triangular2", "exp_range"]),
                gamma=_gamma,
                cycle_momentum=st.booleans(),
                base_momentum=st.floats(0.5, 0.85),
                max_momentum=st.floats(0.85, 0.99),
            ),
        )
    ),
    "OneCycleLR": st.one_of(
        _named(
            "OneCycleLR",
            {"max_lr": st.floats(1e-4, 1.0), "total_steps": st.integers(20, 9000)},
            st.just({}),
        ),
        _named(
            "OneCycleLR",
            {
                "max_lr": st.floats(1e-4, 1.0),
                "epochs": st.integers(1, 30),
                "steps_per_epoch": st.integers(20, 300),
            },
            st.just({}),
        ),
    )
    .flatmap(
        lambda call: _named(
            call[0],
            {k: st.just(v) for k, v in call[1].items()},
            _optional(
                pct_start=st.floats(0.05, 0.45),
                anneal_strategy=st.sampled_from(["cos", "linear"]),
                three_phase=st.booleans(),
                div_factor=st.floats(2.0, 1e3),
                final_div_factor=st.floats(2.0, 1e5),
            ),
        )
    )
    # torch divides by zero when pct_start * total_steps == 1: keep a first phase of 1+ steps
    .filter(
        lambda call: (
            call[1].get("pct_start", 0.3)
            * call[1].get(
                "total_steps", call[1].get("epochs", 0) * call[1].get("steps_per_epoch", 0)
            )
            >= 2
        )
    ),
    "ReduceLROnPlateau": _named(
        "ReduceLROnPlateau",
        {},
        _optional(
            mode=st.sampled_from(["min", "max"]),
            factor=st.floats(0.0, 0.99),
            patience=st.integers(0, 20),
            threshold=st.floats(0.0, 0.1),
            threshold_mode=st.sampled_from(["rel", "abs"]),
            cooldown=st.integers(0, 10),
            min_lr=st.just(0.0) | st.floats(1e-6, 1e-3),
            eps=st.sampled_from([0.0, 1e-8, 1e-6]),
        ),
    ),
}

#: Members that compose the way lrspec's closed forms can follow: the multiplicative
#: schedulers and CosineAnnealingLR with eta_min=0 (``WIDE`` draws any member).
_CHAINABLE = st.one_of(
    *(
        LEAVES[n]
        for n in (
            "StepLR",
            "MultiStepLR",
            "ConstantLR",
            "LinearLR",
            "ExponentialLR",
            "PolynomialLR",
        )
    )
) | _named("CosineAnnealingLR", {"T_max": _steps}, st.just({}))
#: Any scheduler torch lets a SequentialLR restart at a milestone (not ReduceLROnPlateau,
#: not a composite: torch raises NotImplementedError when it restarts one).
_RESTARTABLE = st.one_of(*(LEAVES[n] for n in LEAVES if n != "ReduceLROnPlateau"))


def _sequential(first, later):
    def build(members):
        return st.lists(
            st.integers(1, 4000), min_size=len(members) - 1, max_size=len(members) - 1, unique=True
        ).map(lambda ms: ("SequentialLR", {"schedulers": members, "milestones": sorted(ms)}))

    return (
        st.tuples(first, st.lists(later, min_size=1, max_size=3))
        .map(lambda p: [p[0], *p[1]])
        .flatmap(build)
    )


_chained = st.lists(_CHAINABLE, min_size=1, max_size=3).map(
    lambda ms: ("ChainedScheduler", {"schedulers": ms})
)

STRATEGIES = {
    **LEAVES,
    # A composite may come first in a SequentialLR (later ones raise in torch).
    "SequentialLR": _sequential(_RESTARTABLE | _chained, _RESTARTABLE),
    "ChainedScheduler": _chained,
}

#: Chains of any members (absolute ones, CosineAnnealingLR with eta_min != 0, whose steps do
#: not multiply) and SequentialLRs over them, with milestones that may be 0 or repeat.
_wide_chain = st.lists(_RESTARTABLE, min_size=1, max_size=3).map(
    lambda ms: ("ChainedScheduler", {"schedulers": ms})
)
WIDE = {
    "ChainedScheduler": _wide_chain,
    "SequentialLR": st.tuples(
        _wide_chain | _RESTARTABLE,
        st.lists(_RESTARTABLE, min_size=1, max_size=2),
        st.lists(st.integers(0, 1500), min_size=2, max_size=2),
    ).map(
        lambda p: (
            "SequentialLR",
            {"schedulers": [p[0], *p[1]], "milestones": sorted(p[2][: len(p[1])])},
        )
    ),
}


def one_cycle_total(kwargs) -> int:
    """A OneCycleLR's total_steps N (given, or epochs * steps_per_epoch)."""
    if kwargs.get("total_steps") is not None:
        return kwargs["total_steps"]
    return kwargs["epochs"] * kwargs["steps_per_epoch"]


def one_cycle_past_end(call, t: int) -> bool:
    """Whether a OneCycleLR in ``call`` is at or past its step N at step ``t``: torch
    extrapolates its last phase at N and raises after; lrspec holds the rate of step N - 1."""
    name, kwargs = call
    if name == "OneCycleLR":
        return t >= one_cycle_total(kwargs)
    if name == "ChainedScheduler":
        return any(one_cycle_past_end(member, t) for member in kwargs["schedulers"])
    if name == "SequentialLR":
        milestones = kwargs["milestones"]
        k = bisect_right(milestones, t)
        begin = milestones[k - 1] if k else 0
        return one_cycle_past_end(kwargs["schedulers"][k], t - begin)
    return False


def metrics_strategy(n: int):
    """n metrics for ReduceLROnPlateau: a seeded walk with plateaus, small improvements and
    noise (drawn as a seed, so that n may be thousands)."""
    import random

    def walk(seed_and_kind):
        seed, kind = seed_and_kind
        rnd, value, out = random.Random(seed), 1.0, []
        for _ in range(n):
            if kind == "noisy":
                value = value * rnd.choice([0.99, 1.0, 1.0, 1.01]) + rnd.gauss(0.0, 1e-3)
            elif kind == "steps":
                value = rnd.choice([value, value, value * 0.5, value * 0.99999])
            else:  # "plateaus"
                value = value if rnd.random() < 0.9 else value * rnd.uniform(0.5, 1.1)
            out.append(value)
        return out

    return st.tuples(
        st.integers(0, 2**32 - 1), st.sampled_from(["noisy", "steps", "plateaus"])
    ).map(walk)


if __name__ == "__main__":  # a self-test against hand-computed values
    assert torch_lrs(("StepLR", {"step_size": 3}), 0.05, 7) == [
        0.05,
        0.05,
        0.05,
        0.005000000000000001,
        0.005000000000000001,
        0.005000000000000001,
        0.0005000000000000001,
        0.0005000000000000001,
    ]
    seq = (
        "SequentialLR",
        {
            "schedulers": [
                ("LinearLR", {"start_factor": 0.5, "total_iters": 2}),
                ("ExponentialLR", {"gamma": 0.5}),
            ],
            "milestones": [2],
        },
    )
    assert torch_lrs(seq, 0.1, 4) == [0.05, 0.07500000000000001, 0.1, 0.05, 0.025]
    assert torch_text(seq, 0.1) == (
        "torch.SequentialLR(schedulers=[torch.LinearLR(start_factor=0.5, total_iters=2), "
        "torch.ExponentialLR(gamma=0.5)], milestones=[2], lr=0.1)"
    )
    one = ("OneCycleLR", {"max_lr": 0.1, "total_steps": 4, "anneal_strategy": "linear"})
    assert torch_text(one, 0.5) == (
        'torch.OneCycleLR(max_lr=0.1, total_steps=4, anneal_strategy="linear")'
    )
    lrs = torch_lrs(one, 0.5, 6)
    assert lrs[4] is not None and lrs[5] is None and lrs[6] is None, lrs
    assert torch_momentums(one, 2, optimizer="Adam")[0] == 0.95
    assert torch_call(torch_text(seq, 0.1)) == (seq, 0.1)
    assert torch_call("torch.StepLR(3, gamma=0.5)") == (
        ("StepLR", {"step_size": 3, "gamma": 0.5}),
        None,
    )
    plateau = ("ReduceLROnPlateau", {"factor": 0.5, "patience": 2})
    assert torch_lrs(plateau, 0.1, 5, metrics=[1.0, 0.9, 0.9, 0.9, 0.9]) == [
        0.1,
        0.1,
        0.1,
        0.1,
        0.1,
        0.05,
    ]
    from hypothesis import given, settings

    def check_strategy(name, strategy):
        @settings(max_examples=25, deadline=None)
        @given(strategy, metrics_strategy(300))
        def check(call, metrics):
            assert call[0] == name
            lrs = torch_lrs(call, 0.1, 300, metrics=metrics)
            assert lrs[0] is not None and all(v is None or math.isfinite(v) for v in lrs), call
            text = torch_text(call, 0.1)
            assert text.startswith(f"torch.{name}(") and text.count("(") == text.count(")")
            assert torch_call(text) == (call, None if name in SELF_RATED else 0.1)

        check()

    for name, strategy in [*STRATEGIES.items(), *WIDE.items()]:
        check_strategy(name, strategy)
        print(f"{name}: ok")
    seq = ("SequentialLR", {"schedulers": [("StepLR", {"step_size": 5}), one], "milestones": [3]})
    assert [one_cycle_past_end(seq, t) for t in (2, 3, 6, 7)] == [False, False, False, True]
