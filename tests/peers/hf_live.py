"""The real Hugging Face transformers schedules, for tests of lrspec's ``hf.`` namespace.

Test-side only: imports torch, transformers and hypothesis, never lrspec.

A *call structure* is ``(function, kwargs)`` in transformers' own words, the optimizer and
``last_epoch`` left out:

    ("get_cosine_schedule_with_warmup", {"num_warmup_steps": 100, "num_training_steps": 1000})
    ("get_scheduler", {"name": "cosine", "num_warmup_steps": 100, "num_training_steps": 1000,
                       "scheduler_specific_kwargs": {"num_cycles": 1.5}})

``kwargs`` may also hold ``"lr"``: lrspec's keyword for the optimizer's base rate (default 1.0,
the schedule is then the multiplier of each param group's own rate).

- :func:`hf_rates` gives the rate the optimizer's param group holds after t calls to
  ``scheduler.step()``, for t = 0..n, from the real scheduler on a one-parameter SGD;
- :func:`hf_rate_at` gives one step's rate straight from the scheduler's lambda (the same
  number as stepping there, for the LambdaLR schedulers: LambdaLR is not chained);
- :func:`hf_text` writes the call as lrspec text, ``hf.name(keyword=value, ..., lr=...)``;
- :data:`STRATEGIES` maps every function (and ``get_scheduler``) to a hypothesis strategy of
  call structures from transformers' valid domain; :data:`METRICS` draws metric sequences for
  the stateful reduce-on-plateau.
"""

from __future__ import annotations

import math
import warnings

import torch
import transformers.optimization as hf
from hypothesis import strategies as st
from transformers.trainer_utils import SchedulerType

#: The schedule functions of transformers.optimization in scope (all LambdaLR but plateau).
FUNCTIONS = (
    "get_constant_schedule",
    "get_constant_schedule_with_warmup",
    "get_linear_schedule_with_warmup",
    "get_cosine_schedule_with_warmup",
    "get_cosine_with_hard_restarts_schedule_with_warmup",
    "get_polynomial_decay_schedule_with_warmup",
    "get_inverse_sqrt_schedule",
    "get_cosine_with_min_lr_schedule_with_warmup",
    "get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
    "get_wsd_schedule",
    "get_reduce_on_plateau_schedule",
)

#: Every SchedulerType name get_scheduler takes ("greedy" included: GreedyLR, stateful).
SCHEDULER_NAMES = tuple(kind.value for kind in SchedulerType)

#: The function get_scheduler calls for each name.
SCHEDULER_FUNCTIONS = {
    kind.value: fn.__name__ for kind, fn in hf.TYPE_TO_SCHEDULER_FUNCTION.items()
}


def split(call, lr=None):
    """``(function, library kwargs, base lr)`` of a call structure."""
    function, kwargs = call
    kwargs = dict(kwargs)
    in_call = kwargs.pop("lr", None)
    base = lr if lr is not None else in_call if in_call is not None else 1.0
    return function, kwargs, float(base)


def is_stateful(call) -> bool:
    """Whether the schedule reads a metric (reduce-on-plateau, greedy)."""
    function, kwargs = call
    if function == "get_scheduler":
        function = SCHEDULER_FUNCTIONS.get(kwargs.get("name"), function)
    return function in ("get_reduce_on_plateau_schedule", "get_greedy_schedule")


def build(call, lr=None):
    """The real scheduler of a call and its one-parameter SGD optimizer."""
    function, kwargs, base = split(call, lr)
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=base)
    with warnings.catch_warnings():
        # get_wsd_schedule warns when given both num_training_steps and num_stable_steps.
        warnings.simplefilter("ignore")
        if function == "get_scheduler":
            scheduler = hf.get_scheduler(optimizer=optimizer, **kwargs)
        else:
            scheduler = getattr(hf, function)(optimizer, **kwargs)
    return scheduler, optimizer


def hf_rates(call, n=None, lr=None, metrics=None) -> list[float]:
    """The real rates at t = 0..n: the param group's lr after t calls to scheduler.step().

    A stateful schedule takes ``metrics`` (one per step; n defaults to their number) and
    steps with ``scheduler.step(metric)``.
    """
    scheduler, optimizer = build(call, lr)
    stateful = is_stateful(call)
    if stateful and metrics is None:
        raise ValueError(f"{call[0]} reads a metric: pass metrics=[...]")
    if n is None:
        if metrics is None:
            raise ValueError("give n (the last step) or metrics")
        n = len(metrics)
    group = optimizer.param_groups[0]
    rates = [float(group["lr"])]
    with warnings.catch_warnings():
        # torch warns once when scheduler.step() comes before any optimizer.step().
        warnings.simplefilter("ignore")
        for k in range(n):
            if stateful:
                scheduler.step(metrics[k])
            else:
                scheduler.step()
            rates.append(float(group["lr"]))
    return rates


def hf_rate_at(call, t, lr=None) -> float:
    """The rate at step t of a LambdaLR schedule, from its lambda: ``base_lr * lambda(t)``,
    exactly what stepping t times gives (see the self-test), for any t (1e9 too)."""
    if is_stateful(call):
        raise ValueError("a stateful schedule has no rate at t without its metrics")
    scheduler, _ = build(call, lr)
    return float(scheduler.base_lrs[0] * scheduler.lr_lambdas[0](t))


# -- lrspec text --------------------------------------------------------------------------------


def fmt(value) -> str:
    """A value as lrspec text in the library's words: floats via repr, ints as ints, None,
    True/False, quoted strings, lists and mappings."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(fmt(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{fmt(k)}: {fmt(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no lrspec text for {value!r}")


def hf_text(call, lr=None) -> str:
    """``hf.function(keyword=value, ..., lr=...)``; lr is left out when neither the call nor
    the argument gives one (the schedule is then a multiplier)."""
    function, kwargs = call
    kwargs = dict(kwargs)
    if lr is not None:
        kwargs["lr"] = lr
    if "lr" in kwargs:
        kwargs["lr"] = kwargs.pop("lr")  # lr goes last
    return f"hf.{function}(" + ", ".join(f"{k}={fmt(v)}" for k, v in kwargs.items()) + ")"


# -- strategies ---------------------------------------------------------------------------------

_NICE_RATES = [1e-5, 3e-4, 1e-3, 5e-5, 0.01, 0.1, 0.5, 1.0, 2.0, 10.0]
_LR = st.one_of(
    st.none(),
    st.sampled_from(_NICE_RATES),
    st.floats(1e-6, 10.0, allow_nan=False, allow_subnormal=False),
)
_FRACTION = st.one_of(
    st.sampled_from([0.0, 0.01, 0.1, 0.5, 1.0]),
    st.floats(0.0, 1.0, allow_nan=False, allow_subnormal=False),
)
_WARMUP = st.one_of(st.sampled_from([0, 1, 2, 10, 100]), st.integers(0, 400))
_CYCLES = st.one_of(
    st.sampled_from([0.5, 1.0, 1.5, 2.0, 0.25]),
    st.floats(0.05, 5.0, allow_nan=False, allow_subnormal=False),
)


def _base(lr):
    return 1.0 if lr is None else lr


def _with_lr(kwargs, lr):
    return dict(kwargs, lr=lr) if lr is not None else kwargs


@st.composite
def _warmup_and_total(draw, allow_short=True):
    """num_warmup_steps and num_training_steps: mostly total > warmup; HF also takes
    total <= warmup (then the warmup ends the run)."""
    w = draw(_WARMUP)
    extra = draw(st.integers(-50 if allow_short else 1, 3000))
    return w, max(0, w + extra)


@st.composite
def _constant(draw):
    return ("get_constant_schedule", _with_lr({}, draw(_LR)))


@st.composite
def _constant_with_warmup(draw):
    return (
        "get_constant_schedule_with_warmup",
        _with_lr({"num_warmup_steps": draw(_WARMUP)}, draw(_LR)),
    )


@st.composite
def _linear(draw):
    w, n = draw(_warmup_and_total())
    return (
        "get_linear_schedule_with_warmup",
        _with_lr({"num_warmup_steps": w, "num_training_steps": n}, draw(_LR)),
    )


@st.composite
def _cosine(draw):
    w, n = draw(_warmup_and_total())
    kwargs = {"num_warmup_steps": w, "num_training_steps": n}
    if draw(st.booleans()):
        kwargs["num_cycles"] = draw(_CYCLES)
    return ("get_cosine_schedule_with_warmup", _with_lr(kwargs, draw(_LR)))


@st.composite
def _hard_restarts(draw):
    w, n = draw(_warmup_and_total())
    kwargs = {"num_warmup_steps": w, "num_training_steps": n}
    if draw(st.booleans()):
        kwargs["num_cycles"] = draw(st.one_of(st.integers(1, 8), _CYCLES))
    return ("get_cosine_with_hard_restarts_schedule_with_warmup", _with_lr(kwargs, draw(_LR)))


def _polynomial_kwargs(draw, lr):
    kwargs = {}
    if draw(st.booleans()):  # lr_end must stay below the optimizer's rate
        kwargs["lr_end"] = draw(
            st.one_of(
                st.just(0.0),
                st.floats(0.0, 0.999 * _base(lr), allow_nan=False, allow_subnormal=False),
            )
        )
    elif _base(lr) <= 1e-7:
        kwargs["lr_end"] = 0.0
    if draw(st.booleans()):
        kwargs["power"] = draw(
            st.one_of(
                st.sampled_from([1.0, 2.0, 0.5, 3]),
                st.floats(0.0, 5.0, allow_nan=False, allow_subnormal=False),
            )
        )
    return kwargs


@st.composite
def _polynomial(draw):
    lr = draw(_LR)
    w, n = draw(_warmup_and_total())
    if n == w:  # HF divides by num_training_steps - num_warmup_steps at t == n
        n = w + 1
    kwargs = {"num_warmup_steps": w, "num_training_steps": n, **_polynomial_kwargs(draw, lr)}
    return ("get_polynomial_decay_schedule_with_warmup", _with_lr(kwargs, lr))


def _inverse_sqrt_kwargs(draw):
    kwargs = {}
    if draw(st.booleans()):
        kwargs["timescale"] = draw(st.one_of(st.none(), st.integers(1, 2000)))
    return kwargs


@st.composite
def _inverse_sqrt(draw):
    kwargs = {"num_warmup_steps": draw(_WARMUP), **_inverse_sqrt_kwargs(draw)}
    return ("get_inverse_sqrt_schedule", _with_lr(kwargs, draw(_LR)))


def _min_lr_kwargs(draw, lr, warmup_lr_rate):
    kwargs = {}
    if draw(st.booleans()):
        kwargs["num_cycles"] = draw(_CYCLES)
    if draw(st.booleans()):
        kwargs["min_lr"] = draw(_FRACTION) * _base(lr)
    else:
        kwargs["min_lr_rate"] = draw(_FRACTION)
    if warmup_lr_rate and draw(st.booleans()):
        kwargs["warmup_lr_rate"] = draw(st.one_of(st.none(), _FRACTION))
    return kwargs


@st.composite
def _cosine_min_lr(draw):
    lr = draw(_LR)
    w, n = draw(_warmup_and_total())
    kwargs = {
        "num_warmup_steps": w,
        "num_training_steps": n,
        **_min_lr_kwargs(draw, lr, warmup_lr_rate=False),
    }
    return ("get_cosine_with_min_lr_schedule_with_warmup", _with_lr(kwargs, lr))


@st.composite
def _cosine_min_lr_rate(draw):
    lr = draw(_LR)
    w, n = draw(_warmup_and_total())
    kwargs = {
        "num_warmup_steps": w,
        "num_training_steps": n,
        **_min_lr_kwargs(draw, lr, warmup_lr_rate=True),
    }
    return ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", _with_lr(kwargs, lr))


def _wsd_kwargs(draw, w):
    """get_wsd_schedule's own keywords (num_warmup_steps aside)."""
    decay = draw(st.integers(0, 2000))
    kwargs = {"num_decay_steps": decay}
    which = draw(st.sampled_from(["training", "stable", "both"]))
    if which in ("training", "both"):
        kwargs["num_training_steps"] = max(0, w + decay + draw(st.integers(-20, 3000)))
    if which in ("stable", "both"):
        kwargs["num_stable_steps"] = draw(st.integers(0, 3000))
    for key, options in (
        ("warmup_type", ["linear", "cosine", "1-sqrt"]),
        ("decay_type", ["linear", "cosine", "1-sqrt"]),
    ):
        if draw(st.booleans()):
            kwargs[key] = draw(st.sampled_from(options))
    if draw(st.booleans()):
        kwargs["min_lr_ratio"] = draw(_FRACTION)
    if draw(st.booleans()):
        kwargs["num_cycles"] = draw(_CYCLES)
    return kwargs


@st.composite
def _wsd(draw):
    w = draw(_WARMUP)
    kwargs = {"num_warmup_steps": w, **_wsd_kwargs(draw, w)}
    return ("get_wsd_schedule", _with_lr(kwargs, draw(_LR)))


def _plateau_kwargs(draw, lr):
    options = {
        "mode": st.sampled_from(["min", "max"]),
        "factor": st.one_of(
            st.sampled_from([0.1, 0.5, 0.9]),
            st.floats(0.0, 0.99, allow_nan=False, allow_subnormal=False),
        ),
        "patience": st.integers(0, 20),
        "threshold": st.one_of(
            st.sampled_from([0.0, 1e-4, 0.01]),
            st.floats(0.0, 0.1, allow_nan=False, allow_subnormal=False),
        ),
        "threshold_mode": st.sampled_from(["rel", "abs"]),
        "cooldown": st.integers(0, 10),
        "min_lr": _FRACTION.map(lambda f: f * 0.01 * _base(lr)),
        "eps": st.sampled_from([0.0, 1e-12, 1e-8]),
    }
    return {key: draw(s) for key, s in options.items() if draw(st.booleans())}


@st.composite
def _plateau(draw):
    lr = draw(_LR)
    return ("get_reduce_on_plateau_schedule", _with_lr(_plateau_kwargs(draw, lr), lr))


#: get_scheduler names that need num_training_steps (ValueError without it).
_NEEDS_TOTAL = {
    "linear",
    "cosine",
    "cosine_with_restarts",
    "polynomial",
    "cosine_with_min_lr",
    "cosine_warmup_with_min_lr",
}


@st.composite
def _get_scheduler(draw, names=tuple(n for n in SCHEDULER_NAMES if n != "greedy")):
    name = draw(st.sampled_from(names))
    lr = draw(_LR)
    w, n = draw(_warmup_and_total())
    kwargs = {"name": name}
    extra = {}
    if name in ("constant", "reduce_lr_on_plateau"):
        # get_scheduler passes neither count on to these: give them or not.
        if draw(st.booleans()):
            kwargs["num_warmup_steps"] = w
        if draw(st.booleans()):
            kwargs["num_training_steps"] = n
        if name == "reduce_lr_on_plateau":
            extra = _plateau_kwargs(draw, lr)
        elif draw(st.integers(0, 4)) == 0:
            extra = {"num_cycles": 2}  # ignored by get_scheduler for "constant"
    else:
        kwargs["num_warmup_steps"] = w
        if name in _NEEDS_TOTAL or draw(st.booleans()):
            kwargs["num_training_steps"] = n
        if name == "cosine":
            extra = {"num_cycles": draw(_CYCLES)} if draw(st.booleans()) else {}
        elif name == "cosine_with_restarts":
            extra = (
                {"num_cycles": draw(st.one_of(st.integers(1, 8), _CYCLES))}
                if draw(st.booleans())
                else {}
            )
        elif name == "polynomial":
            if n == w:
                kwargs["num_training_steps"] = w + 1
            extra = _polynomial_kwargs(draw, lr)
        elif name == "inverse_sqrt":
            extra = _inverse_sqrt_kwargs(draw)
        elif name == "cosine_with_min_lr":
            extra = _min_lr_kwargs(draw, lr, warmup_lr_rate=False)
        elif name == "cosine_warmup_with_min_lr":
            extra = _min_lr_kwargs(draw, lr, warmup_lr_rate=True)
        elif name == "warmup_stable_decay":
            extra = _wsd_kwargs(draw, w)
            # get_scheduler passes num_training_steps itself (also when None): never twice.
            total = extra.pop("num_training_steps", None)
            if total is not None:
                kwargs["num_training_steps"] = total
            if "num_training_steps" not in kwargs and "num_stable_steps" not in extra:
                extra["num_stable_steps"] = draw(st.integers(0, 3000))
        elif name == "constant_with_warmup" and draw(st.integers(0, 4)) == 0:
            extra = {"num_cycles": 2}  # ignored by get_scheduler for "constant_with_warmup"
    if extra or draw(st.booleans()):
        kwargs["scheduler_specific_kwargs"] = extra
    return ("get_scheduler", _with_lr(kwargs, lr))


#: function name -> strategy of call structures (kwargs with "lr" or without).
STRATEGIES = {
    "get_constant_schedule": _constant(),
    "get_constant_schedule_with_warmup": _constant_with_warmup(),
    "get_linear_schedule_with_warmup": _linear(),
    "get_cosine_schedule_with_warmup": _cosine(),
    "get_cosine_with_hard_restarts_schedule_with_warmup": _hard_restarts(),
    "get_polynomial_decay_schedule_with_warmup": _polynomial(),
    "get_inverse_sqrt_schedule": _inverse_sqrt(),
    "get_cosine_with_min_lr_schedule_with_warmup": _cosine_min_lr(),
    "get_cosine_with_min_lr_schedule_with_warmup_lr_rate": _cosine_min_lr_rate(),
    "get_wsd_schedule": _wsd(),
    "get_reduce_on_plateau_schedule": _plateau(),
    "get_scheduler": _get_scheduler(),
}
# One entry per get_scheduler name too ("get_scheduler:cosine", ...); greedy has none.
STRATEGIES.update(
    {
        f"get_scheduler:{name}": _get_scheduler(names=(name,))
        for name in SCHEDULER_NAMES
        if name != "greedy"
    }
)

#: Pure (LambdaLR) schedules only: every strategy but the stateful ones, drawn together.
PURE = st.one_of(
    *[
        s
        for key, s in STRATEGIES.items()
        if key
        not in (
            "get_reduce_on_plateau_schedule",
            "get_scheduler:reduce_lr_on_plateau",
            "get_scheduler",
        )
    ],
    _get_scheduler(
        names=tuple(n for n in SCHEDULER_NAMES if n not in ("greedy", "reduce_lr_on_plateau"))
    ),
)

#: Metric sequences for the stateful schedules (losses; plateaus come from repeats).
METRICS = st.lists(
    st.one_of(
        st.sampled_from([1.0, 0.5, 0.25]),
        st.floats(0.0, 10.0, allow_nan=False, allow_subnormal=False),
    ),
    min_size=1,
    max_size=300,
)


# -- argument sets for the live comparisons and the recorded traces -----------------------------

#: function -> argument sets (transformers's words, without lr); get_scheduler for every name.
ARGSETS = {
    "get_constant_schedule": [{}],
    "get_constant_schedule_with_warmup": [{"num_warmup_steps": w} for w in (0, 1, 4, 100, 3333, 0.5)],
    "get_linear_schedule_with_warmup": [
        {"num_warmup_steps": w, "num_training_steps": n}
        for w, n in ((0, 10_000), (2, 10), (100, 1000), (500, 10_000), (7, 9973), (50, 50), (60, 50))
    ],
    "get_cosine_schedule_with_warmup": [
        {"num_warmup_steps": 0, "num_training_steps": 10_000},
        {"num_warmup_steps": 2, "num_training_steps": 10},
        {"num_warmup_steps": 100, "num_training_steps": 1000},
        {"num_warmup_steps": 500, "num_training_steps": 10_000},
        {"num_warmup_steps": 7, "num_training_steps": 9973, "num_cycles": 1.5},
        {"num_warmup_steps": 10, "num_training_steps": 3000, "num_cycles": 0.25},
        {"num_warmup_steps": 100, "num_training_steps": 100},
        {"num_warmup_steps": 100, "num_training_steps": 1000, "num_cycles": -0.5},
    ],
    "get_cosine_with_hard_restarts_schedule_with_warmup": [
        {"num_warmup_steps": 2, "num_training_steps": 10, "num_cycles": 2},
        {"num_warmup_steps": 100, "num_training_steps": 1000},
        {"num_warmup_steps": 0, "num_training_steps": 10_000, "num_cycles": 3},
        {"num_warmup_steps": 13, "num_training_steps": 9000, "num_cycles": 7},
        {"num_warmup_steps": 5, "num_training_steps": 1005, "num_cycles": 2.5},
        {"num_warmup_steps": 35, "num_training_steps": 986, "num_cycles": 9},
        {"num_warmup_steps": 50, "num_training_steps": 40, "num_cycles": 2},
    ],
    "get_polynomial_decay_schedule_with_warmup": [
        {"num_warmup_steps": 2, "num_training_steps": 10, "power": 2.0, "lr_end": 1e-7},
        {"num_warmup_steps": 100, "num_training_steps": 1000},
        {"num_warmup_steps": 0, "num_training_steps": 10_000, "lr_end": 0.0, "power": 0.5},
        {"num_warmup_steps": 50, "num_training_steps": 5000, "lr_end": 1e-5, "power": 3},
        {"num_warmup_steps": 50, "num_training_steps": 5000, "lr_end": 1e-5, "power": 1.7},
        {"num_warmup_steps": 20, "num_training_steps": 300, "lr_end": 1e-5, "power": 0.0},
        {"num_warmup_steps": 300, "num_training_steps": 200, "lr_end": 1e-5},
    ],
    "get_inverse_sqrt_schedule": [
        {"num_warmup_steps": 2},
        {"num_warmup_steps": 0},
        {"num_warmup_steps": 1000},
        {"num_warmup_steps": 100, "timescale": 50},
        {"num_warmup_steps": 0, "timescale": 7},
        {"num_warmup_steps": 0.5},
    ],
    "get_cosine_with_min_lr_schedule_with_warmup": [
        {"num_warmup_steps": 2, "num_training_steps": 10, "min_lr": 1e-5},
        {"num_warmup_steps": 100, "num_training_steps": 1000, "min_lr_rate": 0.1},
        {"num_warmup_steps": 0, "num_training_steps": 10_000, "min_lr_rate": 0.0},
        {"num_warmup_steps": 30, "num_training_steps": 7000, "num_cycles": 2.0, "min_lr": 1e-6},
    ],
    "get_cosine_with_min_lr_schedule_with_warmup_lr_rate": [
        {"num_warmup_steps": 2, "num_training_steps": 10, "min_lr": 1e-5},
        {"num_warmup_steps": 100, "num_training_steps": 1000, "min_lr_rate": 0.1},
        {"num_warmup_steps": 100, "num_training_steps": 1000, "min_lr_rate": 0.1, "warmup_lr_rate": 0.05},
        {"num_warmup_steps": 1, "num_training_steps": 10_000, "min_lr_rate": 0.0, "warmup_lr_rate": 0.5},
        {"num_warmup_steps": 0, "num_training_steps": 5000, "min_lr": 0.0},
    ],
    "get_wsd_schedule": [
        {"num_warmup_steps": 2, "num_decay_steps": 3, "num_stable_steps": 2, "min_lr_ratio": 0.1},
        {"num_warmup_steps": 100, "num_decay_steps": 300, "num_training_steps": 1000},
        {"num_warmup_steps": 100, "num_decay_steps": 300, "num_training_steps": 1000,
         "warmup_type": "cosine", "decay_type": "linear", "min_lr_ratio": 0.01},
        {"num_warmup_steps": 100, "num_decay_steps": 3000, "num_stable_steps": 5000,
         "warmup_type": "1-sqrt", "decay_type": "1-sqrt"},
        {"num_warmup_steps": 1000, "num_decay_steps": 5000, "num_stable_steps": 1000,
         "warmup_type": "cosine", "decay_type": "cosine", "num_cycles": 1.5, "min_lr_ratio": 0.2},
        {"num_warmup_steps": 0, "num_decay_steps": 9000, "num_training_steps": 10_000,
         "decay_type": "linear"},
        {"num_warmup_steps": 1000, "num_decay_steps": 2000, "num_stable_steps": 500,
         "warmup_type": "cosine", "decay_type": "1-sqrt", "min_lr_ratio": 0.0},
        {"num_warmup_steps": 1000, "num_decay_steps": 2000, "num_training_steps": 5000,
         "warmup_type": "1-sqrt", "decay_type": "linear", "min_lr_ratio": 0.1},
        {"num_warmup_steps": 200, "num_decay_steps": 400, "num_training_steps": 500,
         "decay_type": "linear"},
    ],
    "get_scheduler": [
        {"name": name, "num_warmup_steps": w, "num_training_steps": n, "scheduler_specific_kwargs": kw}
        for w, n in ((50, 2000), (300, 9000))
        for name, kw in (
            ("linear", {}),
            ("cosine", {"num_cycles": 0.75}),
            ("cosine_with_restarts", {"num_cycles": 4}),
            ("polynomial", {"power": 2.0, "lr_end": 1e-8}),
            ("constant", {"ignored": 1}),
            ("constant_with_warmup", {"ignored": 1}),
            ("inverse_sqrt", {"timescale": 400}),
            ("cosine_with_min_lr", {"min_lr_rate": 0.1}),
            ("cosine_warmup_with_min_lr", {"min_lr": 1e-6, "warmup_lr_rate": 0.1}),
            ("warmup_stable_decay", {"num_decay_steps": 500, "decay_type": "1-sqrt"}),
        )
    ],
}  # fmt: skip

#: The base rates the live comparisons use (None: lr left out, the multiplier).
LRS = (None, 0.1, 3e-4, 7.7)

#: Keyword sets of the stateful reduce-on-plateau, and as get_scheduler's kwargs.
PLATEAU_ARGSETS = [
    {},
    {"factor": 0.5, "patience": 3},
    {"mode": "max", "threshold_mode": "abs", "cooldown": 4, "min_lr": 1e-4},
    {"factor": 0.9, "patience": 0, "threshold": 0.0, "eps": 0.0, "min_lr": 1e-3},
]


def plateau_metrics(count: int) -> list[float]:
    """A fixed metric sequence with plateaus, improvements and noise."""
    return [1.0 / (1 + (k % 37)) + 0.001 * ((k * 7919) % 13) for k in range(count)]


def boundaries(call) -> list[float]:
    """The steps where a schedule changes its formula: the end of the warmup, of the stable
    phase, of the decay, num_training_steps (and the cosine's next trough), cycle starts."""
    function, kwargs = call
    kwargs = dict(kwargs)
    if function == "get_scheduler":
        extra = kwargs.pop("scheduler_specific_kwargs", None) or {}
        function = SCHEDULER_FUNCTIONS[kwargs.pop("name")]
        kwargs = {**kwargs, **extra}
    w = kwargs.get("num_warmup_steps") or 0
    n = kwargs.get("num_training_steps")
    out = [w]
    if n is not None:
        out += [n, 2 * n - w]
    if function == "get_wsd_schedule":
        d = kwargs["num_decay_steps"]
        s = kwargs.get("num_stable_steps")
        s = n - w - d if s is None else s
        out += [w + s, w + s + d]
    if function == "get_cosine_with_hard_restarts_schedule_with_warmup" and n is not None:
        cycles = kwargs.get("num_cycles", 1)
        span = max(1, n - w)
        out += [w + k * span / cycles for k in range(1, int(math.ceil(abs(cycles))) + 1)]
    return out


if __name__ == "__main__":  # self-test: python tests/peers/hf_live.py
    from hypothesis import HealthCheck, given, settings

    checked = {}

    for key, strategy in STRATEGIES.items():

        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        @given(strategy, METRICS)
        def run(call, metrics):
            text = hf_text(call)
            has_lr = "(lr=" in text or ", lr=" in text
            assert text.startswith(f"hf.{call[0]}(") and has_lr == ("lr" in call[1])
            if is_stateful(call):
                rates = hf_rates(call, metrics=metrics)
                assert len(rates) == len(metrics) + 1
                # ReduceLROnPlateau only ever lowers the rate.
                assert all(b <= a for a, b in zip(rates, rates[1:])), (call, rates)
            else:
                n = 400
                rates = hf_rates(call, n)
                assert len(rates) == n + 1 and all(isinstance(r, float) for r in rates)
                # LambdaLR is not chained: stepping there is the lambda at t.
                for t in (0, 1, n // 2, n):
                    assert hf_rate_at(call, t) == rates[t], (call, t)
            checked[key] = checked.get(key, 0) + 1

        run()
    print("self-test passed:", checked)
