"""The progress-based ``lr_schedule`` module: its ``BaseLRSchedule.create(cfg)`` dicts
(``{"type": "linear", "initial_value": 3e-4, "final_value": 1e-5}``; no type means constant)
to a schedule. The module's families are lrspec families of the same names."""

from __future__ import annotations

from typing import Any

from ...model.evaluator import evaluate
from ...model.units import Binding
from ...schedule.dictform import json_to_tree
from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from .building import short

# Its `type` names and the lrspec family each one creates.
TYPES = {
    "constant": "BaseLRSchedule",
    "linear": "LinearLRSchedule",
    "cosine": "CosineAnnealingLRSchedule",
    "exponential": "ExponentialLRSchedule",
    "cosine_warmup": "CosineWarmupLRSchedule",
    "polynomial": "PolynomialLRSchedule",
}
#: The keys a create() dict may hold.
KEYS = frozenset({"type", "initial_value", "final_value", "decay_rate", "warmup_fraction", "power"})


def is_config(value: Any) -> bool:
    """Whether ``value`` looks like a create() dict (only its keys, at least one)."""
    return isinstance(value, dict) and bool(value) and set(value) <= KEYS


def from_lr_schedule(cfg: dict[str, Any], binding: Binding | None = None) -> Schedule:
    """The schedule of a ``create(cfg)`` dict."""
    if not is_config(cfg):
        keys = sorted(k if isinstance(k, str) else short(k) for k in cfg)
        raise ConfigError(
            f"not an lr_schedule config: keys {short(keys)}",
            hint=f"its keys are {', '.join(sorted(KEYS))}",
        )
    kind = cfg.get("type", "constant")
    if not isinstance(kind, str) or kind not in TYPES:
        raise ConfigError(
            f"unknown lr_schedule type {short(kind)}", hint=f"one of {', '.join(TYPES)}"
        )
    args = {k: v for k, v in cfg.items() if k != "type"}
    tree = json_to_tree({"family": TYPES[kind], "args": args})
    return Schedule(evaluate(tree), binding or Binding())
