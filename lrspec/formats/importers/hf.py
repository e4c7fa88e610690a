"""Hugging Face transformers: ``TrainingArguments``' scheduler settings to a schedule."""

from __future__ import annotations

import math

from ...schedule.parsing import parse
from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from .building import _num, _steps, _warmed

# -- Hugging Face ---------------------------------------------------------------------------

HF_TYPES = (
    "linear",
    "cosine",
    "cosine_with_restarts",
    "polynomial",
    "constant",
    "constant_with_warmup",
    "inverse_sqrt",
    "reduce_lr_on_plateau",
    "cosine_with_min_lr",
    "cosine_warmup_with_min_lr",
    "warmup_stable_decay",
)


def from_hf(
    lr_scheduler_type: str = "linear",
    *,
    learning_rate: float = 5e-5,
    num_training_steps: int | None = None,
    warmup_steps: int | float = 0,
    warmup_ratio: float = 0.0,
    lr_scheduler_kwargs: dict | None = None,
) -> Schedule:
    """The schedule of Hugging Face's ``TrainingArguments`` / ``get_scheduler``.

    The warmup lasts ``warmup_steps`` if it is positive (a float below 1 is a ratio, as
    transformers 5 reads it), else ``ceil(warmup_ratio * num_training_steps)``.
    ``learning_rate`` is the optimizer's rate (``TrainingArguments.learning_rate``).
    """
    kwargs = dict(lr_scheduler_kwargs or {})
    kind = getattr(lr_scheduler_type, "value", lr_scheduler_type)  # a SchedulerType enum
    if kind not in HF_TYPES:
        raise ConfigError(
            f"Hugging Face lr_scheduler_type {kind!r} has no lrspec form",
            hint=f"supported: {', '.join(HF_TYPES)}",
        )
    lr = float(learning_rate)
    n = num_training_steps
    needs_n = kind not in (
        "constant",
        "constant_with_warmup",
        "inverse_sqrt",
        "reduce_lr_on_plateau",
    )
    if needs_n and (n is None or n < 1):
        raise ConfigError(f"lr_scheduler_type {kind!r} needs num_training_steps >= 1, got {n!r}")
    if 0 < warmup_steps < 1:
        warmup_steps = math.ceil(warmup_steps * n) if n else 0
    w = warmup_steps if warmup_steps > 0 else math.ceil((n or 0) * warmup_ratio)
    text = _hf_text(kind, lr, n, int(w), kwargs)
    return parse(text)


def _take(kwargs: dict, allowed: dict) -> dict:
    unknown = set(kwargs) - set(allowed)
    if unknown:
        raise ConfigError(
            f"unsupported lr_scheduler_kwargs {sorted(unknown)}",
            hint=f"this scheduler takes {', '.join(allowed) or 'none'}",
        )
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
        allowed = {
            "mode": "min",
            "factor": 0.1,
            "patience": 10,
            "threshold": 1e-4,
            "threshold_mode": "rel",
            "cooldown": 0,
            "min_lr": 0.0,
            "eps": 1e-8,
        }
        given = _take(kwargs, allowed)
        args = "".join(
            f", {k}={v if isinstance(v, str) else _num(v)}"
            for k, v in given.items()
            if v != allowed[k]
        )
        return f"Plateau({_num(lr)}{args})"
    if kind == "warmup_stable_decay":
        return _hf_wsd(lr, n, w, kwargs)
    if rest < 1:
        # The warmup takes the whole run: HF ramps up, then gives its end value at once.
        end = {"linear": 0.0, "cosine": 0.0, "cosine_with_restarts": 0.0}.get(kind)
        if end is None:
            raise ConfigError(
                f"the warmup ({w} steps) leaves no steps of {kind!r} in {n} training steps"
            )
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
            raise ConfigError(
                "cosine_warmup_with_min_lr needs exactly one of min_lr and min_lr_rate"
            )
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
            raise ConfigError(
                f"lr_end ({given['lr_end']}) must be smaller than the initial lr ({lr})"
            )
        power = "" if given["power"] == 1 else f", power={_num(float(given['power']))}"
        body = f"Polynomial({_num(lr)}, {_num(given['lr_end'])}, {_steps(rest)}{power})"
        return _warmed(w, body, 0.0, lr)
    raise AssertionError(kind)  # every supported type is handled above


def _hf_wsd(lr: float, n: int | None, w: int, kwargs: dict) -> str:
    given = _take(
        kwargs,
        {
            "num_decay_steps": None,
            "num_stable_steps": None,
            "warmup_type": "linear",
            "decay_type": "cosine",
            "min_lr_ratio": 0.0,
            "num_cycles": 0.5,
        },
    )
    decay = given["num_decay_steps"]
    if decay is None or decay < 1:
        raise ConfigError("warmup_stable_decay needs num_decay_steps >= 1")
    stable = given["num_stable_steps"]
    if stable is None:
        if n is None:
            raise ConfigError("warmup_stable_decay needs num_stable_steps or num_training_steps")
        stable = n - w - decay
    if stable < 0:
        raise ConfigError(f"warmup ({w}) and decay ({decay}) take more than the {n} training steps")
    low = lr * given["min_lr_ratio"]
    pieces = []
    if w > 0:
        if given["warmup_type"] == "linear":
            pieces.append(f"Warmup({_steps(w)}, {_num(low)})" if low else f"Warmup({_steps(w)})")
        elif given["warmup_type"] == "cosine":
            pieces.append(f"Cosine({_num(low)}, {_num(lr)}, {_steps(w)})")
        else:
            raise ConfigError(
                f"warmup_type {given['warmup_type']!r} has no lrspec form",
                hint="supported: linear, cosine",
            )
    if stable > 0:
        pieces.append(f"Constant({_num(lr)})[:{_steps(stable)}]")
    shapes = {"linear": "Linear", "cosine": "Cosine", "1-sqrt": "OneMinusSqrt"}
    shape = shapes.get(given["decay_type"])
    if shape is None:
        raise ConfigError(
            f"decay_type {given['decay_type']!r} has no lrspec form",
            hint=f"supported: {', '.join(shapes)}",
        )
    if shape == "Cosine":
        pieces.append(_cosine_waves(lr, low, decay, given["num_cycles"]))
    else:
        pieces.append(f"{shape}({_num(lr)}, {_num(low)}, {_steps(decay)})")
    return " >> ".join(pieces)
