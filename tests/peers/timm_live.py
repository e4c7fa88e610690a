"""The real timm learning-rate schedulers, for tests of lrspec's ``timm.`` namespace.

Test-side only: this module does not import lrspec. A *call structure* is ``(name, kwargs)``
with ``name`` a class of ``timm.scheduler`` and ``kwargs`` its arguments in timm's words,
without the optimizer, plus ``lr`` (the optimizer's base rate, default 1.0), e.g.
``("CosineLRScheduler", {"t_initial": 100, "lr_min": 1e-5, "warmup_t": 5, "lr": 0.1})``.

- :func:`timm_scheduler_classes` loads timm's real scheduler code without running
  ``timm/__init__.py`` (which imports torchvision; a torchvision built for another torch fails
  with "operator torchvision::nms does not exist");
- :func:`timm_values` (or :func:`values` on a call structure) runs the real scheduler on a
  one-parameter torch SGD optimizer with the base rate and gives the rate after it is told
  step t, t = 0..n; :func:`timm_values_at` gives the rates at any given steps (past the end);
- :func:`timm_plateau_values` gives PlateauLRScheduler's rates, which follow a metric;
- :func:`timm_text` (or :func:`text`) writes the structure as lrspec text,
  ``timm.Name(arg=value, ..., lr=...)``;
- ``STRATEGIES`` maps each name to a hypothesis strategy of call structures from timm's valid
  domain.

Value convention: value(t) = the optimizer's lr after ``scheduler.step(t)`` when
``t_in_epochs=True`` (the default), after ``scheduler.step_update(t)`` when
``t_in_epochs=False``: the other call does nothing, so t_in_epochs does not change the
function of t, only which call feeds it. timm's train.py calls ``step(epoch + 1)`` after each
epoch and ``step_update(num_updates)`` after each update (num_updates counted from 1), so
epoch/update 0 runs at the rate the scheduler set when it was constructed
(:func:`timm_initial_value`), which equals value(0) except for TanhLRScheduler without warmup
(tanh(lb) is not -1) and MultiStepLRScheduler with a milestone <= 1.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
import types
import warnings

from hypothesis import strategies as st

NAMES = (
    "CosineLRScheduler",
    "TanhLRScheduler",
    "StepLRScheduler",
    "MultiStepLRScheduler",
    "PolyLRScheduler",
    "PlateauLRScheduler",
)
_MODULES = {
    "CosineLRScheduler": "cosine_lr",
    "TanhLRScheduler": "tanh_lr",
    "StepLRScheduler": "step_lr",
    "MultiStepLRScheduler": "multistep_lr",
    "PolyLRScheduler": "poly_lr",
    "PlateauLRScheduler": "plateau_lr",
}
_PRIVATE = "_peers_timm_scheduler"
_loaded: dict = {}

# timm's own positional order (the optimizer left out), names and defaults, timm 1.0.31.
_WARM = ("warmup_t", "warmup_lr_init")
_CYCLE = ("cycle_mul", "cycle_decay", "cycle_limit")
_NOISE = ("noise_range_t", "noise_pct", "noise_std", "noise_seed")
PARAMETERS = {
    "CosineLRScheduler": (
        "t_initial",
        "lr_min",
        *_CYCLE,
        *_WARM,
        "warmup_prefix",
        "t_in_epochs",
        *_NOISE,
        "k_decay",
        "initialize",
    ),
    "TanhLRScheduler": (
        "t_initial",
        "lb",
        "ub",
        "lr_min",
        *_CYCLE,
        *_WARM,
        "warmup_prefix",
        "t_in_epochs",
        *_NOISE,
        "initialize",
    ),
    "StepLRScheduler": (
        "decay_t",
        "decay_rate",
        *_WARM,
        "warmup_prefix",
        "t_in_epochs",
        *_NOISE,
        "initialize",
    ),
    "MultiStepLRScheduler": (
        "decay_t",
        "decay_rate",
        *_WARM,
        "warmup_prefix",
        "t_in_epochs",
        *_NOISE,
        "initialize",
    ),
    "PolyLRScheduler": (
        "t_initial",
        "power",
        "lr_min",
        *_CYCLE,
        *_WARM,
        "warmup_prefix",
        "t_in_epochs",
        *_NOISE,
        "k_decay",
        "initialize",
    ),
    "PlateauLRScheduler": (
        "decay_rate",
        "patience_t",
        "threshold",
        "cooldown_t",
        *_WARM,
        "lr_min",
        "mode",
        "noise_range_t",
        "noise_type",
        "noise_pct",
        "noise_std",
        "noise_seed",
        "initialize",
    ),
}
# Accepted by timm, an error in lrspec: the noise draws from torch's random generator, and
# `initialize` is about the optimizer's param groups.
REJECTED = ("noise_range_t", "noise_type", "noise_pct", "noise_std", "noise_seed", "initialize")


def timm_scheduler_classes() -> dict:
    """``{name: class}`` for the six schedulers and ``create_scheduler_v2``, from the installed
    timm's ``timm/scheduler/*.py``, loaded without executing ``timm/__init__.py``.

    The modules are imported as submodules of a private package whose ``__path__`` is the
    installed ``timm/scheduler`` directory (its ``__init__`` is not run). They import only
    torch and each other relatively, except ``multistep_lr``, which imports
    ``timm.scheduler.scheduler`` by its absolute name: for that one import, stand-in
    ``timm`` and ``timm.scheduler`` modules (pointing at the private ``scheduler`` module)
    are placed in ``sys.modules`` and removed again right after.
    """
    if _loaded:
        return _loaded
    spec = importlib.util.find_spec("timm")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("timm is not installed")
    directory = f"{list(spec.submodule_search_locations)[0]}/scheduler"
    package = types.ModuleType(_PRIVATE)
    package.__path__ = [directory]
    package.__package__ = _PRIVATE
    sys.modules[_PRIVATE] = package
    base = importlib.import_module(f"{_PRIVATE}.scheduler")
    added = {}
    for alias in ("timm", "timm.scheduler", "timm.scheduler.scheduler"):
        if alias not in sys.modules:
            stand_in = base if alias.endswith(".scheduler.scheduler") else types.ModuleType(alias)
            added[alias] = sys.modules[alias] = stand_in
    try:
        classes = {
            name: getattr(importlib.import_module(f"{_PRIVATE}.{module}"), name)
            for name, module in _MODULES.items()
        }
        factory = importlib.import_module(f"{_PRIVATE}.scheduler_factory")
    finally:
        for alias in added:
            del sys.modules[alias]
    classes["create_scheduler_v2"] = factory.create_scheduler_v2
    # timm logs a warning (not a `warnings` warning) for t_initial=1 cosine/poly schedules.
    for module in ("cosine_lr", "poly_lr"):
        logging.getLogger(f"{_PRIVATE}.{module}").setLevel(logging.ERROR)
    _loaded.update(classes)
    return _loaded


def _optimizer(lr: float):
    import torch

    param = torch.nn.Parameter(torch.zeros(1))
    return torch.optim.SGD([param], lr=lr)


def timm_scheduler(name: str, kwargs: dict):
    """``(scheduler, optimizer)``: the real timm scheduler on a one-parameter SGD optimizer
    whose rate is ``kwargs['lr']`` (default 1.0)."""
    kwargs = dict(kwargs)
    lr = float(kwargs.pop("lr", 1.0))
    optimizer = _optimizer(lr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # PlateauLRScheduler is deprecated
        scheduler = timm_scheduler_classes()[name](optimizer, **kwargs)
    return scheduler, optimizer


def timm_initial_value(name: str, kwargs: dict) -> float:
    """The rate right after construction, before any step call (warmup_lr_init with a warmup,
    else the base rate)."""
    return timm_scheduler(name, kwargs)[1].param_groups[0]["lr"]


def timm_values(name: str, kwargs: dict, n: int) -> list[float]:
    """The real timm rates for t = 0..n: after ``step(t)`` (t_in_epochs=True) or
    ``step_update(t)`` (t_in_epochs=False), each call on the same scheduler in order."""
    if name == "PlateauLRScheduler":
        raise ValueError("PlateauLRScheduler reads a metric: use timm_plateau_values")
    scheduler, optimizer = timm_scheduler(name, kwargs)
    group = optimizer.param_groups[0]
    call = scheduler.step if kwargs.get("t_in_epochs", True) else scheduler.step_update
    out = []
    for t in range(n + 1):
        call(t)
        out.append(float(group["lr"]))
    return out


def timm_values_at(name: str, kwargs: dict, steps) -> list[float]:
    """The real timm rates at the given steps, in the order given (its schedulers other than
    PlateauLRScheduler are functions of t, so any order and any step will do)."""
    scheduler, optimizer = timm_scheduler(name, kwargs)
    call = scheduler.step if kwargs.get("t_in_epochs", True) else scheduler.step_update
    out = []
    for t in steps:
        call(t)
        out.append(float(optimizer.param_groups[0]["lr"]))
    return out


def timm_plateau_values(kwargs: dict, metrics, first_epoch: int = 1) -> list[float]:
    """PlateauLRScheduler: the rate after ``step(first_epoch + i, metrics[i])`` for each i.

    timm's train.py calls ``step(epoch + 1, metric)`` after each epoch, so first_epoch=1 is
    the training loop's sequence. For epochs <= warmup_t (note: <=) timm sets the warmup
    rate and IGNORES the metric. Calling ``step(0, m)`` with warmup_t=0 sets the rate to
    warmup_lr_init (0.0 by default), after which the plateau only ever multiplies 0.
    """
    scheduler, optimizer = timm_scheduler("PlateauLRScheduler", kwargs)
    group = optimizer.param_groups[0]
    out = []
    for i, metric in enumerate(metrics):
        scheduler.step(first_epoch + i, metric)
        out.append(float(group["lr"]))
    return out


def values(call, n: int) -> list[float]:
    """:func:`timm_values` for a call structure ``(name, kwargs)``."""
    name, kwargs = call
    return timm_values(name, kwargs, n)


def timm_factory_values(n: int, lr: float = 1.0, **factory_kwargs) -> list[float]:
    """The scheduler of timm's ``create_scheduler_v2(optimizer, **factory_kwargs)`` (its
    ``--sched`` arguments), stepped like :func:`timm_values` (step_update when
    step_on_epochs=False). Not for 'plateau'."""
    optimizer = _optimizer(lr)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        scheduler, _ = timm_scheduler_classes()["create_scheduler_v2"](optimizer, **factory_kwargs)
    call = scheduler.step if factory_kwargs.get("step_on_epochs", True) else scheduler.step_update
    out = []
    for t in range(n + 1):
        call(t)
        out.append(float(optimizer.param_groups[0]["lr"]))
    return out


# -- lrspec text -----------------------------------------------------------------------------


def _value_text(value) -> str:
    if isinstance(value, bool):
        return "True" if value else "False"
    if value is None:
        return "None"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value if value.isidentifier() else repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    raise TypeError(f"no lrspec text for {value!r}")


def timm_text(name: str, kwargs: dict, positional: int = 0) -> str:
    """``timm.Name(...)`` in timm's words: the given arguments in timm's order (``lr=`` last),
    the first ``positional`` of them (which must be timm's leading parameters) unnamed."""
    order = PARAMETERS[name]
    unknown = set(kwargs) - set(order) - {"lr"}
    if unknown:
        raise TypeError(f"{name} has no parameter {sorted(unknown)}")
    parts = []
    for index, param in enumerate(p for p in order if p in kwargs):
        text = _value_text(kwargs[param])
        if index < positional:
            if order[index] != param:
                raise ValueError(f"{param} is not timm's parameter number {index}")
            parts.append(text)
        else:
            parts.append(f"{param}={text}")
    if "lr" in kwargs:
        parts.append(f"lr={_value_text(kwargs['lr'])}")
    return f"timm.{name}({', '.join(parts)})"


def text(call, positional: int = 0) -> str:
    """:func:`timm_text` for a call structure ``(name, kwargs)``."""
    name, kwargs = call
    return timm_text(name, kwargs, positional)


# -- hypothesis strategies of valid call structures ------------------------------------------


def _short(lo: float, hi: float, digits: int = 3):
    """Floats in [lo, hi] with a few significant digits (readable texts, exact round trips)."""

    def tidy(x):
        x = min(max(float(f"{x:.{digits}g}"), lo), hi)
        return 0.0 if lo == 0 and x < 1e-6 else x

    return st.floats(lo, hi, allow_nan=False, allow_infinity=False).map(tidy)


_LR = _short(1e-5, 1.0)


@st.composite
def _warmup(draw, kw):
    if draw(st.booleans()):
        kw["warmup_t"] = draw(st.integers(1, 200))
        if draw(st.booleans()):
            kw["warmup_lr_init"] = draw(_short(0.0, 1e-3))
        if draw(st.booleans()):
            kw["warmup_prefix"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        kw["t_in_epochs"] = False
    return kw


@st.composite
def _cyclic(draw, name):
    """Cosine, Tanh and Poly: t_initial, lr_min, cycles, k_decay, warmup."""
    lr = draw(_LR)
    kw = {"t_initial": draw(st.integers(1, 3000)), "lr": lr}
    if draw(st.booleans()):
        kw["lr_min"] = draw(st.just(0.0) | _short(0.0, lr))
    if name == "TanhLRScheduler" and draw(st.booleans()):
        kw["lb"] = draw(_short(-10.0, -0.5, 2))
        kw["ub"] = draw(_short(0.5, 10.0, 2))
    if name == "PolyLRScheduler" and draw(st.booleans()):
        kw["power"] = draw(st.sampled_from([0.5, 1.0, 2.0]) | _short(0.1, 3.0, 2))
    if draw(st.booleans()):
        kw["cycle_limit"] = draw(st.integers(1, 6))
        if draw(st.booleans()):
            kw["cycle_mul"] = draw(st.sampled_from([1.0, 1.5, 2.0, 3.0]) | _short(1.0, 3.0, 2))
        if draw(st.booleans()):
            kw["cycle_decay"] = draw(_short(0.05, 1.0, 2))
    # k_decay != 1 raises a non-integer power of t_curr, which timm's own arithmetic can make
    # slightly negative at a cycle start when cycle_mul != 1 (a complex number, then a
    # TypeError): keep k_decay with cycle_mul == 1.
    if name != "TanhLRScheduler" and kw.get("cycle_mul", 1.0) == 1.0 and draw(st.booleans()):
        kw["k_decay"] = draw(_short(0.25, 4.0, 2))
    return draw(_warmup(kw))


@st.composite
def _step(draw):
    kw = {
        "decay_t": draw(st.integers(1, 1000) | st.sampled_from([2.4, 0.5, 1.5, 7.5])),
        "lr": draw(_LR),
    }
    if draw(st.integers(0, 4)):
        kw["decay_rate"] = draw(_short(0.01, 1.0, 2))
    return draw(_warmup(kw))


@st.composite
def _multistep(draw):
    milestones = sorted(draw(st.sets(st.integers(0, 5000), min_size=1, max_size=6)))
    kw = {"decay_t": milestones, "lr": draw(_LR)}
    if draw(st.integers(0, 4)):
        kw["decay_rate"] = draw(_short(0.01, 1.0, 2))
    return draw(_warmup(kw))


@st.composite
def _plateau(draw):
    kw = {"lr": draw(_LR)}
    if draw(st.booleans()):
        kw["decay_rate"] = draw(_short(0.01, 0.99, 2))
    if draw(st.booleans()):
        kw["patience_t"] = draw(st.integers(0, 20))
    if draw(st.booleans()):
        kw["threshold"] = draw(st.just(0.0) | _short(0.0, 0.1, 2))
    if draw(st.booleans()):
        kw["cooldown_t"] = draw(st.integers(0, 10))
    if draw(st.booleans()):
        kw["lr_min"] = draw(_short(0.0, 1e-3))
    if draw(st.booleans()):
        kw["mode"] = draw(st.sampled_from(["min", "max"]))
    if draw(st.booleans()):
        kw["warmup_t"] = draw(st.integers(1, 20))
        if draw(st.booleans()):
            kw["warmup_lr_init"] = draw(_short(0.0, 1e-3))
    return kw


STRATEGIES = {
    name: strategy.map(lambda kw, name=name: (name, kw))
    for name, strategy in {
        "CosineLRScheduler": _cyclic("CosineLRScheduler"),
        "TanhLRScheduler": _cyclic("TanhLRScheduler"),
        "StepLRScheduler": _step(),
        "MultiStepLRScheduler": _multistep(),
        "PolyLRScheduler": _cyclic("PolyLRScheduler"),
        "PlateauLRScheduler": _plateau(),
    }.items()
}


def _self_test(examples: int = 40, n: int = 10_000) -> None:
    """Draw from every strategy, run the real scheduler, write the text."""
    import math
    import random

    from hypothesis import HealthCheck, given, settings

    counts = {}
    for name, strategy in STRATEGIES.items():

        @settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def check(call):
            cname, kwargs = call
            assert cname == name
            text = timm_text(cname, kwargs)
            assert text.startswith(f"timm.{cname}(")
            if cname == "PlateauLRScheduler":
                rng = random.Random(0)
                values = timm_plateau_values(kwargs, [rng.random() for _ in range(300)])
            else:
                values = timm_values(cname, kwargs, n)
            assert all(math.isfinite(v) and v >= 0 for v in values), text
            counts[cname] = counts.get(cname, 0) + 1

        check()
    print("timm_live self-test: examples run per scheduler:", counts)
    print(
        timm_text("CosineLRScheduler", {"t_initial": 100, "lr_min": 1e-5, "warmup_t": 5, "lr": 0.1})
    )
    print(
        timm_text(
            "MultiStepLRScheduler",
            {"decay_t": [30, 60], "decay_rate": 0.1, "lr": 0.1},
            positional=1,
        )
    )
    print(
        "t=0..5 of CosineLRScheduler(t_initial=4, warmup_t=2):",
        timm_values("CosineLRScheduler", {"t_initial": 4, "warmup_t": 2, "lr": 0.1}, 5),
    )
    print(
        "MultiStep decay_t=[1, 3]: initial",
        timm_initial_value("MultiStepLRScheduler", {"decay_t": [1, 3], "decay_rate": 0.5}),
        "then t=0..3",
        timm_values("MultiStepLRScheduler", {"decay_t": [1, 3], "decay_rate": 0.5}, 3),
    )
    assert getattr(sys.modules.get("timm"), "__file__", "no timm") is not None, (
        "a stand-in timm module leaked into sys.modules"
    )


if __name__ == "__main__":
    _self_test()
