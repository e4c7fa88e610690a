"""Hugging Face transformers: ``TrainingArguments``' scheduler settings to a schedule."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Any

from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from ...syntax.nodes import Node
from .building import (
    build,
    call,
    count,
    cut,
    num,
    rate,
    real,
    seq,
    setting,
    short,
    steps,
    warmed,
    word,
)

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
#: The most half-waves of a cosine with ``num_cycles`` that are written out.
MAX_WAVES = 1000


def from_hf(
    lr_scheduler_type: str = "linear",
    *,
    learning_rate: float = 5e-5,
    num_training_steps: int | float | None = None,
    warmup_steps: int | float = 0,
    warmup_ratio: float = 0.0,
    lr_scheduler_kwargs: dict[str, Any] | None = None,
) -> Schedule:
    """The schedule of Hugging Face's ``TrainingArguments`` / ``get_scheduler``.

    The warmup lasts ``warmup_steps`` if it is positive (a float below 1 is a ratio, as
    transformers 5 reads it), else ``ceil(warmup_ratio * num_training_steps)``.
    ``learning_rate`` is the optimizer's rate (``TrainingArguments.learning_rate``).
    """
    if lr_scheduler_kwargs is None:
        lr_scheduler_kwargs = {}
    if not isinstance(lr_scheduler_kwargs, Mapping):
        raise ConfigError(
            f"lr_scheduler_kwargs must be a mapping, got {type(lr_scheduler_kwargs).__name__}"
        )
    kwargs = dict(lr_scheduler_kwargs)
    kind = getattr(lr_scheduler_type, "value", lr_scheduler_type)  # a SchedulerType enum
    if not isinstance(kind, str) or kind not in HF_TYPES:
        raise ConfigError(
            f"Hugging Face lr_scheduler_type {short(kind)} has no lrspec form",
            hint=f"supported: {', '.join(HF_TYPES)}",
        )
    lr = real(learning_rate, "learning_rate")
    n = None if num_training_steps is None else count(num_training_steps, "num_training_steps")
    if isinstance(n, float):
        raise ConfigError(f"num_training_steps must be a whole number, got {num_training_steps!r}")
    needs_n = kind not in (
        "constant",
        "constant_with_warmup",
        "inverse_sqrt",
        "reduce_lr_on_plateau",
    )
    if needs_n and (n is None or n < 1):
        raise ConfigError(f"lr_scheduler_type {kind!r} needs num_training_steps >= 1, got {n!r}")
    warmup = count(warmup_steps, "warmup_steps")
    ratio = real(warmup_ratio, "warmup_ratio")
    if not 0 <= ratio <= 1:
        raise ConfigError(f"warmup_ratio must be between 0 and 1, got {warmup_ratio!r}")
    if 0 < warmup < 1:
        warmup = math.ceil(warmup * n) if n else 0
    w = warmup if warmup > 0 else math.ceil((n or 0) * ratio)
    return build(_hf_tree(kind, lr, n, int(w), kwargs))


def from_hf_config(config: Mapping[str, Any], *, steps_per_epoch: int | None = None) -> Schedule:
    """The schedule of a saved ``TrainingArguments`` (``args.to_dict()``, its JSON, or the
    YAML that ``HfArgumentParser.parse_yaml_file`` reads), as the ``Trainer`` makes it.

    The run's length is ``max_steps``; when that is not positive, the Trainer takes
    ``ceil(num_train_epochs * updates_per_epoch)``, so ``steps_per_epoch`` (optimizer updates
    per epoch) must be given. The warmup is ``get_warmup_steps``' (``warmup_ratio`` of
    transformers 4 is read too). Keys that are no scheduler setting are ignored.
    """
    if not isinstance(config, Mapping):
        raise ConfigError(
            f"a TrainingArguments config is a mapping, got {type(config).__name__}",
            hint="e.g. {'lr_scheduler_type': 'cosine', 'learning_rate': 3e-4, 'max_steps': 1000}",
        )
    kwargs = config.get("lr_scheduler_kwargs")
    if isinstance(kwargs, str):  # TrainingArguments takes it as a JSON string too
        import json  # here, not at the top: it costs import time on every start

        try:
            kwargs = json.loads(kwargs) if kwargs.strip() else {}
        except ValueError:
            raise ConfigError(f"lr_scheduler_kwargs is not JSON: {kwargs[:60]!r}") from None
    max_steps = config.get("max_steps", -1)
    if not isinstance(max_steps, bool) and isinstance(max_steps, numbers.Real) and max_steps < 0:
        epochs = real(config.get("num_train_epochs", 3.0), "num_train_epochs")
        if steps_per_epoch is None:
            n: int | float | None = None
        else:
            if epochs <= 0:
                raise ConfigError(f"num_train_epochs must be > 0, got {epochs!r}")
            n = math.ceil(epochs * count(steps_per_epoch, "steps_per_epoch"))
    else:
        n = count(max_steps, "max_steps")
    kind = config.get("lr_scheduler_type", "linear")
    try:
        return from_hf(
            kind,
            learning_rate=config.get("learning_rate", 5e-5),
            num_training_steps=n,
            warmup_steps=config.get("warmup_steps", 0),
            warmup_ratio=config.get("warmup_ratio", 0.0),
            lr_scheduler_kwargs=kwargs,
        )
    except ConfigError as error:
        if n is None and "needs num_training_steps" in error.message:
            raise ConfigError(
                f"max_steps is {short(max_steps)}: the Trainer takes the run's length from "
                "num_train_epochs and the number of updates per epoch",
                hint="give the updates per epoch (--steps-per-epoch N), or set max_steps",
            ) from None
        raise


def _take(kwargs: dict[str, Any], allowed: dict[str, Any]) -> dict[str, Any]:
    unknown = set(map(str, kwargs)) - set(allowed)
    if unknown:
        raise ConfigError(
            f"unsupported lr_scheduler_kwargs {short(sorted(unknown))}",
            hint=f"this scheduler takes {', '.join(allowed) or 'none'}",
        )
    given = {k: kwargs.get(k, default) for k, default in allowed.items()}
    for key, value in given.items():
        if isinstance(allowed[key], str):
            if not isinstance(value, str):
                raise ConfigError(f"lr_scheduler_kwargs {key!r} must be a name, got {short(value)}")
        elif value is not None:
            given[key] = setting(value, f"lr_scheduler_kwargs {key!r}")
    return given


def _cosine_waves(lr: float, floor: float, length: int, cycles: float) -> Node:
    """HF's cosine 0.5 * (1 + cos(2 pi cycles p)) over ``length``: half-waves down and up."""
    if cycles == 0.5:
        return call("Cosine", rate(lr), rate(floor), steps(length))
    if cycles <= 0:
        raise ConfigError(f"num_cycles must be > 0, got {cycles!r}")
    if 2 * cycles > MAX_WAVES:
        raise ConfigError(f"num_cycles must be at most {MAX_WAVES // 2}, got {cycles!r}")
    half = length / (2 * cycles)
    pieces: list[Node] = []
    done, down = 0.0, True
    while done < length:
        part = min(half, length - done)
        a, b = (lr, floor) if down else (floor, lr)
        piece = call("Cosine", rate(a), rate(b), steps(half))
        pieces.append(piece if part == half else cut(piece, stop=part))
        done += part
        down = not down
    return seq(*pieces)


def _hf_tree(kind: str, lr: float, n: int | None, w: int, kwargs: dict[str, Any]) -> Node:
    rest = (n - w) if n is not None else 0
    if kind == "constant":
        _take(kwargs, {})
        return call("Constant", rate(lr))
    if kind == "constant_with_warmup":
        _take(kwargs, {})
        return warmed(w, call("Constant", rate(lr)), 0.0, lr)
    if kind == "inverse_sqrt":
        timescale = _take(kwargs, {"timescale": None})["timescale"] or (w or 10_000)
        return warmed(w, call("InverseSqrt", rate(lr), steps(timescale)), 0.0, lr)
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
        changed = {k: word(v, k) for k, v in given.items() if v != allowed[k]}
        return call("Plateau", rate(lr), **changed)
    if kind == "warmup_stable_decay":
        return _hf_wsd(lr, n, w, kwargs)
    if rest < 1:
        # The warmup takes the whole run: HF ramps up, then gives its end value at once.
        end = {"linear": 0.0, "cosine": 0.0, "cosine_with_restarts": 0.0}.get(kind)
        if end is None:
            raise ConfigError(
                f"the warmup ({w} steps) leaves no steps of {kind!r} in {n} training steps"
            )
        return seq(call("Linear", rate(0.0), rate(lr), steps(w)), rate(end))
    if kind == "linear":
        _take(kwargs, {})
        return warmed(w, call("Linear", rate(lr), rate(0.0), steps(rest)), 0.0, lr)
    if kind == "cosine":
        cycles = _take(kwargs, {"num_cycles": 0.5})["num_cycles"]
        return warmed(w, _cosine_waves(lr, 0.0, rest, cycles), 0.0, lr)
    if kind in ("cosine_with_min_lr", "cosine_warmup_with_min_lr"):
        given = _take(kwargs, {"num_cycles": 0.5, "min_lr": None, "min_lr_rate": None})
        if (given["min_lr"] is None) == (given["min_lr_rate"] is None):
            raise ConfigError(f"{kind} needs exactly one of min_lr and min_lr_rate")
        floor = given["min_lr"] if given["min_lr"] is not None else lr * given["min_lr_rate"]
        body = warmed(w, _cosine_waves(lr, floor, rest, given["num_cycles"]), 0.0, lr)
        if kind == "cosine_with_min_lr":
            return body
        # HF counts this one a step ahead: its value at step s is the usual one at s + 1.
        return cut(body, start=1)
    if kind == "cosine_with_restarts":
        cycles = _take(kwargs, {"num_cycles": 1})["num_cycles"]
        if not cycles >= 1:
            raise ConfigError(f"num_cycles must be >= 1, got {cycles!r}")
        times = math.ceil(cycles)
        body = call("Repeat", call("Cosine", rate(lr), rate(0.0), steps(rest / cycles)), num(times))
        if times != cycles:  # a last, partial cycle; then HF gives 0
            body = seq(cut(body, stop=rest), rate(0.0))
        return warmed(w, body, 0.0, lr)
    if kind == "polynomial":
        given = _take(kwargs, {"lr_end": 1e-7, "power": 1.0})
        if not lr > given["lr_end"]:
            raise ConfigError(
                f"lr_end ({given['lr_end']}) must be smaller than the initial lr ({lr})"
            )
        power = {} if given["power"] == 1 else {"power": rate(given["power"], "power")}
        body = call("Polynomial", rate(lr), rate(given["lr_end"]), steps(rest), **power)
        return warmed(w, body, 0.0, lr)
    raise AssertionError(kind)  # every supported type is handled above


def _hf_wsd(lr: float, n: int | None, w: int, kwargs: dict[str, Any]) -> Node:
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
    pieces: list[Node] = []
    if w > 0:
        if given["warmup_type"] == "linear":
            pieces.append(call("Warmup", steps(w), rate(low)) if low else call("Warmup", steps(w)))
        elif given["warmup_type"] == "cosine":
            pieces.append(call("Cosine", rate(low), rate(lr), steps(w)))
        else:
            raise ConfigError(
                f"warmup_type {short(given['warmup_type'])} has no lrspec form",
                hint="supported: linear, cosine",
            )
    if stable > 0:
        pieces.append(cut(call("Constant", rate(lr)), stop=stable))
    shapes = {"linear": "Linear", "cosine": "Cosine", "1-sqrt": "OneMinusSqrt"}
    shape = shapes.get(given["decay_type"])
    if shape is None:
        raise ConfigError(
            f"decay_type {short(given['decay_type'])} has no lrspec form",
            hint=f"supported: {', '.join(shapes)}",
        )
    if shape == "Cosine":
        pieces.append(_cosine_waves(lr, low, decay, given["num_cycles"]))
    else:
        pieces.append(call(shape, rate(lr), rate(low), steps(decay)))
    return seq(*pieces)
