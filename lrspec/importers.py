"""Importers from the flag formats people already use, to lrspec schedules.

Each importer takes the original's arguments (with the original's defaults), gives a schedule
with the original's values, and the schedule prints as lrspec text:

    >>> import lrspec.importers as imp
    >>> str(imp.from_hf("cosine", learning_rate=3e-4, num_training_steps=10_000, warmup_ratio=0.05))
    'Warmup(500) >> Cosine(0.0003, 0.0, 9500)'
    >>> str(imp.from_rl_zoo("lin_0.001"))
    'Linear(0.001, 0.0, 100%)'

- :func:`from_hf`: Hugging Face transformers (``lr_scheduler_type``, ``lr_scheduler_kwargs``,
  ``warmup_steps``/``warmup_ratio`` and the number of training steps);
- :func:`from_timm`: timm's ``--sched`` family of arguments (``create_scheduler_v2``);
- :func:`from_rl_zoo`: rl-zoo3's ``lin_0.001`` strings (and plain numbers);
- :func:`from_fairseq`: fairseq's ``inverse_sqrt`` with warmup updates.

What cannot be written exactly in lrspec (timm's noise, Hugging Face's ``greedy``) is a
``ConfigError`` that says so, never an approximation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .config import load
from .errors import ConfigError
from .printer import format_number
from .schedule import Schedule


def _num(value: float) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"expected a number, got {value!r}")
    return format_number(value)


def _steps(value: float) -> str:
    return format_number(int(value) if float(value).is_integer() else float(value))


def _warmed(warmup: float, body: str, start: float, target: float) -> str:
    """``body`` after a linear warmup from ``start`` to ``target`` over ``warmup`` steps.

    ``Warmup`` ramps to the first value of what follows; when that is not ``target`` (timm
    warms up to the base rate and then jumps), the ramp is an explicit ``Linear``.
    """
    if warmup <= 0:
        return body
    steps = _steps(warmup)
    if load(body)(0) == target:
        ramp = f"Warmup({steps})" if start == 0 else f"Warmup({steps}, {_num(start)})"
    else:
        ramp = f"Linear({_num(start)}, {_num(target)}, {steps})"
    return f"{ramp} >> {body}"


# -- Hugging Face ---------------------------------------------------------------------------

HF_TYPES = ("linear", "cosine", "cosine_with_restarts", "polynomial", "constant",
            "constant_with_warmup", "inverse_sqrt", "reduce_lr_on_plateau",
            "cosine_with_min_lr", "cosine_warmup_with_min_lr", "warmup_stable_decay")


def from_hf(lr_scheduler_type: str = "linear", *, learning_rate: float = 5e-5,
            num_training_steps: int | None = None, warmup_steps: int | float = 0,
            warmup_ratio: float = 0.0, lr_scheduler_kwargs: dict | None = None) -> Schedule:
    """The schedule of Hugging Face's ``TrainingArguments`` / ``get_scheduler``.

    The warmup lasts ``warmup_steps`` if it is positive (a float below 1 is a ratio, as
    transformers 5 reads it), else ``ceil(warmup_ratio * num_training_steps)``.
    ``learning_rate`` is the optimizer's rate (``TrainingArguments.learning_rate``).
    """
    kwargs = dict(lr_scheduler_kwargs or {})
    kind = getattr(lr_scheduler_type, "value", lr_scheduler_type)  # a SchedulerType enum
    if kind not in HF_TYPES:
        raise ConfigError(f"Hugging Face lr_scheduler_type {kind!r} has no lrspec form",
                          hint=f"supported: {', '.join(HF_TYPES)}")
    lr = float(learning_rate)
    n = num_training_steps
    needs_n = kind not in ("constant", "constant_with_warmup", "inverse_sqrt",
                           "reduce_lr_on_plateau")
    if needs_n and (n is None or n < 1):
        raise ConfigError(f"lr_scheduler_type {kind!r} needs num_training_steps >= 1, "
                          f"got {n!r}")
    if 0 < warmup_steps < 1:
        warmup_steps = math.ceil(warmup_steps * n) if n else 0
    w = warmup_steps if warmup_steps > 0 else math.ceil((n or 0) * warmup_ratio)
    text = _hf_text(kind, lr, n, int(w), kwargs)
    return load(text)


def _take(kwargs: dict, allowed: dict) -> dict:
    unknown = set(kwargs) - set(allowed)
    if unknown:
        raise ConfigError(f"unsupported lr_scheduler_kwargs {sorted(unknown)}",
                          hint=f"this scheduler takes {', '.join(allowed) or 'none'}")
    return {k: kwargs.get(k, default) for k, default in allowed.items()}


def _cosine_waves(lr: float, floor: float, steps: int, cycles: float) -> str:
    """HF's cosine 0.5 * (1 + cos(2 pi cycles p)) over ``steps``: half-waves down and up."""
    if cycles == 0.5:
        return f"Cosine({_num(lr)}, {_num(floor)}, {_steps(steps)})"
    if cycles <= 0:
        raise ConfigError(f"num_cycles must be > 0, got {cycles!r}")
    half = steps / (2 * cycles)
    pieces, done, down = [], 0.0, True
    while done < steps:
        length = min(half, steps - done)
        a, b = (lr, floor) if down else (floor, lr)
        piece = f"Cosine({_num(a)}, {_num(b)}, {_steps(half)})"
        pieces.append(piece if length == half else f"{piece}[:{_steps(length)}]")
        done += length
        down = not down
    return " >> ".join(pieces)


def _hf_text(kind: str, lr: float, n: int | None, w: int, kwargs: dict) -> str:
    rest = (n - w) if n is not None else 0
    if kind == "constant":
        _take(kwargs, {})
        return f"Constant({_num(lr)})"
    if kind == "constant_with_warmup":
        _take(kwargs, {})
        return _warmed(w, f"Constant({_num(lr)})", 0.0, lr)
    if kind == "inverse_sqrt":
        timescale = _take(kwargs, {"timescale": None})["timescale"] or (w or 10_000)
        return _warmed(w, f"InverseSqrt({_num(lr)}, {_steps(timescale)})", 0.0, lr)
    if kind == "reduce_lr_on_plateau":
        allowed = {"mode": "min", "factor": 0.1, "patience": 10, "threshold": 1e-4,
                   "threshold_mode": "rel", "cooldown": 0, "min_lr": 0.0, "eps": 1e-8}
        given = _take(kwargs, allowed)
        args = "".join(f", {k}={v if isinstance(v, str) else _num(v)}"
                       for k, v in given.items() if v != allowed[k])
        return f"Plateau({_num(lr)}{args})"
    if kind == "warmup_stable_decay":
        return _hf_wsd(lr, n, w, kwargs)
    if rest < 1:
        # The warmup takes the whole run: HF ramps up, then gives its end value at once.
        end = {"linear": 0.0, "cosine": 0.0, "cosine_with_restarts": 0.0}.get(kind)
        if end is None:
            raise ConfigError(f"the warmup ({w} steps) leaves no steps of {kind!r} in "
                              f"{n} training steps")
        return f"Linear(0.0, {_num(lr)}, {_steps(w)}) >> {_num(end)}"
    if kind == "linear":
        _take(kwargs, {})
        return _warmed(w, f"Linear({_num(lr)}, 0.0, {_steps(rest)})", 0.0, lr)
    if kind == "cosine":
        cycles = _take(kwargs, {"num_cycles": 0.5})["num_cycles"]
        return _warmed(w, _cosine_waves(lr, 0.0, rest, cycles), 0.0, lr)
    if kind == "cosine_with_min_lr":
        given = _take(kwargs, {"num_cycles": 0.5, "min_lr": None, "min_lr_rate": None})
        if (given["min_lr"] is None) == (given["min_lr_rate"] is None):
            raise ConfigError("cosine_with_min_lr needs exactly one of min_lr and min_lr_rate")
        floor = given["min_lr"] if given["min_lr"] is not None else lr * given["min_lr_rate"]
        return _warmed(w, _cosine_waves(lr, floor, rest, given["num_cycles"]), 0.0, lr)
    if kind == "cosine_warmup_with_min_lr":
        given = _take(kwargs, {"num_cycles": 0.5, "min_lr": None, "min_lr_rate": None})
        if (given["min_lr"] is None) == (given["min_lr_rate"] is None):
            raise ConfigError("cosine_warmup_with_min_lr needs exactly one of min_lr and "
                              "min_lr_rate")
        floor = given["min_lr"] if given["min_lr"] is not None else lr * given["min_lr_rate"]
        # HF counts this one a step ahead: its value at step s is the usual one at s + 1.
        body = _warmed(w, _cosine_waves(lr, floor, rest, given["num_cycles"]), 0.0, lr)
        return f"({body})[1:]"
    if kind == "cosine_with_restarts":
        cycles = _take(kwargs, {"num_cycles": 1})["num_cycles"]
        if not cycles >= 1:
            raise ConfigError(f"num_cycles must be >= 1, got {cycles!r}")
        times = math.ceil(cycles)
        body = f"Repeat(Cosine({_num(lr)}, 0.0, {_steps(rest / cycles)}), {times})"
        if times != cycles:  # a last, partial cycle; then HF gives 0
            body = f"{body}[:{_steps(rest)}] >> 0.0"
        return _warmed(w, body, 0.0, lr)
    if kind == "polynomial":
        given = _take(kwargs, {"lr_end": 1e-7, "power": 1.0})
        if not lr > given["lr_end"]:
            raise ConfigError(f"lr_end ({given['lr_end']}) must be smaller than the initial "
                              f"lr ({lr})")
        power = "" if given["power"] == 1 else f", power={_num(float(given['power']))}"
        body = f"Polynomial({_num(lr)}, {_num(given['lr_end'])}, {_steps(rest)}{power})"
        return _warmed(w, body, 0.0, lr)
    raise AssertionError(kind)  # every supported type is handled above


def _hf_wsd(lr: float, n: int | None, w: int, kwargs: dict) -> str:
    given = _take(kwargs, {"num_decay_steps": None, "num_stable_steps": None,
                           "warmup_type": "linear", "decay_type": "cosine",
                           "min_lr_ratio": 0.0, "num_cycles": 0.5})
    decay = given["num_decay_steps"]
    if decay is None or decay < 1:
        raise ConfigError("warmup_stable_decay needs num_decay_steps >= 1")
    stable = given["num_stable_steps"]
    if stable is None:
        if n is None:
            raise ConfigError("warmup_stable_decay needs num_stable_steps or "
                              "num_training_steps")
        stable = n - w - decay
    if stable < 0:
        raise ConfigError(f"warmup ({w}) and decay ({decay}) take more than the "
                          f"{n} training steps")
    low = lr * given["min_lr_ratio"]
    pieces = []
    if w > 0:
        if given["warmup_type"] == "linear":
            pieces.append(f"Warmup({_steps(w)}, {_num(low)})" if low else f"Warmup({_steps(w)})")
        elif given["warmup_type"] == "cosine":
            pieces.append(f"Cosine({_num(low)}, {_num(lr)}, {_steps(w)})")
        else:
            raise ConfigError(f"warmup_type {given['warmup_type']!r} has no lrspec form",
                              hint="supported: linear, cosine")
    if stable > 0:
        pieces.append(f"Constant({_num(lr)})[:{_steps(stable)}]")
    shapes = {"linear": "Linear", "cosine": "Cosine", "1-sqrt": "OneMinusSqrt"}
    shape = shapes.get(given["decay_type"])
    if shape is None:
        raise ConfigError(f"decay_type {given['decay_type']!r} has no lrspec form",
                          hint=f"supported: {', '.join(shapes)}")
    if shape == "Cosine":
        pieces.append(_cosine_waves(lr, low, decay, given["num_cycles"]))
    else:
        pieces.append(f"{shape}({_num(lr)}, {_num(low)}, {_steps(decay)})")
    return " >> ".join(pieces)


# -- timm -----------------------------------------------------------------------------------

TIMM_SCHEDS = ("cosine", "tanh", "step", "multistep", "poly", "plateau", "constant")


def from_timm(sched: str = "cosine", *, lr: float, num_epochs: int = 300,
              decay_epochs: float = 90, decay_milestones: Sequence[float] = (90, 180, 270),
              cooldown_epochs: int = 0, patience_epochs: int = 10, decay_rate: float = 0.1,
              min_lr: float = 0.0, warmup_lr: float = 1e-5, warmup_epochs: int = 0,
              warmup_prefix: bool = False, noise: Any = None, cycle_mul: float = 1.0,
              cycle_decay: float = 0.1, cycle_limit: int = 1, k_decay: float = 1.0,
              plateau_mode: str = "max", step_on_epochs: bool = True,
              updates_per_epoch: int = 0) -> Schedule:
    """The schedule timm's ``create_scheduler_v2`` builds from its ``--sched`` arguments.

    ``lr`` is the optimizer's rate. The step of the schedule is the epoch (timm's
    ``step(epoch)``), or the update when ``step_on_epochs=False`` (``step_update``).
    """
    if sched not in TIMM_SCHEDS:
        raise ConfigError(f"timm sched {sched!r} has no lrspec form",
                          hint=f"supported: {', '.join(TIMM_SCHEDS)}")
    if noise is not None:
        raise ConfigError("timm's noise is random; lrspec schedules are exact functions",
                          hint="drop --lr-noise")
    if k_decay != 1:
        raise ConfigError(f"timm's k_decay={k_decay} has no lrspec form", hint="use 1.0")
    scale = 1
    if not step_on_epochs:
        if updates_per_epoch < 1:
            raise ConfigError("step_on_epochs=False needs updates_per_epoch >= 1")
        scale = updates_per_epoch
    t_initial, warmup = num_epochs * scale, warmup_epochs * scale
    decay_t = decay_epochs * scale
    milestones = [m * scale for m in decay_milestones]
    lr_text, low = _num(lr), _num(min_lr)

    if sched == "plateau":
        if warmup:
            raise ConfigError("timm's plateau scheduler with warmup has no exact lrspec form",
                              hint="use warmup_epochs=0")
        return load(f"Plateau({lr_text}, factor={_num(decay_rate)}, "
                    f"patience={patience_epochs}, mode={plateau_mode}, min_lr={low})")
    if sched in ("cosine", "tanh", "poly"):
        shape = {"cosine": f"Cosine({lr_text}, {low}, {_steps(t_initial)})",
                 "tanh": f"Tanh({lr_text}, {low}, {_steps(t_initial)})",
                 "poly": f"Polynomial({lr_text}, {low}, {_steps(t_initial)}, "
                         f"power={_num(float(decay_rate))})"}[sched]
        if cycle_limit > 1:
            if sched != "cosine":
                raise ConfigError(f"timm's {sched} with cycle_limit > 1 has no lrspec form")
            if cycle_mul == 1:
                cycles = t_initial * cycle_limit
            else:
                cycles = math.floor(-t_initial * (cycle_mul**cycle_limit - 1) / (1 - cycle_mul))
            mult = "" if cycle_mul == 1 else f", mult={_num(float(cycle_mul))}"
            decay = "" if cycle_decay == 1 else f", decay={_num(float(cycle_decay))}"
            shape = (f"CosineRestarts({lr_text}, {low}, {_steps(t_initial)}{mult}{decay})"
                     f"[:{_steps(cycles)}] >> {low}")
    elif sched == "step":
        shape = f"StepLR({lr_text}, {_steps(decay_t)}, gamma={_num(float(decay_rate))})"
    elif sched == "multistep":
        # timm's MultiStepLRScheduler counts bisect_right(milestones, t + 1): one step early.
        early = ", ".join(_steps(m - 1) for m in milestones)
        shape = f"MultiStepLR({lr_text}, [{early}], {_num(float(decay_rate))})"
    else:  # constant
        shape = f"Constant({lr_text})"
    if warmup and not warmup_prefix:
        # Without the prefix the main schedule runs on the raw step: cut its first steps.
        shape = f"({shape})[{_steps(warmup)}:]"
    # The warmup climbs to the base rate; tanh without the prefix climbs to its own value at
    # the warmup's end instead.
    target = load(shape)(0) if sched == "tanh" and not warmup_prefix else float(lr)
    return load(_warmed(warmup, shape, warmup_lr, target))


# -- rl-zoo3 and fairseq --------------------------------------------------------------------


def from_rl_zoo(value: str | float) -> Schedule:
    """rl-zoo3's hyperparameter value: ``"lin_0.001"`` (any prefix: rl-zoo3 ignores it) is a
    linear decay to 0 over the run, ``progress_remaining * 0.001``; a number is a constant.

    The linear form spans the run (``100%``): give ``total_steps`` when you evaluate it, or use
    it with ``lrspec.sb3``.
    """
    if isinstance(value, str):
        parts = value.split("_")
        if len(parts) != 2:
            raise ConfigError(f"rl-zoo3 schedule {value!r} must look like 'lin_0.001'")
        try:
            initial = float(parts[1])
        except ValueError:
            raise ConfigError(f"rl-zoo3 schedule {value!r}: {parts[1]!r} is not a number") \
                from None
        return load(f"Linear({_num(initial)}, 0.0, 100%)")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise ConfigError(f"a learning rate must be >= 0, got {value}")
        return load(float(value))
    raise ConfigError(f"rl-zoo3 schedules are strings like 'lin_0.001' or numbers, "
                      f"got {value!r}")


def from_fairseq(lr: float, *, warmup_updates: int = 4000,
                 warmup_init_lr: float = -1) -> Schedule:
    """fairseq's ``inverse_sqrt`` scheduler: a linear warmup from ``warmup_init_lr`` (default
    0) to ``lr`` over ``warmup_updates`` updates, then ``lr * sqrt(warmup_updates / update)``.
    """
    if warmup_updates < 1:
        raise ConfigError(f"fairseq's inverse_sqrt needs warmup_updates >= 1, got "
                          f"{warmup_updates}")
    start = warmup_init_lr if warmup_init_lr >= 0 else 0.0
    warmup = f"Warmup({_steps(warmup_updates)})" if start == 0 else \
        f"Warmup({_steps(warmup_updates)}, {_num(float(start))})"
    return load(f"{warmup} >> InverseSqrt({_num(float(lr))}, {_steps(warmup_updates)})")
