"""numpy-ml: its schedulers' dict form (``{"hyperparameters": {"id": "NoamScheduler",
...}}``) to a schedule. Its ``__str__`` strings are lrspec text already."""

from __future__ import annotations

from typing import Any

from ...model.evaluator import evaluate
from ...model.units import Binding
from ...schedule.dictform import json_to_tree
from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from .building import short

# The ids its schedulers write into `hyperparameters` (ExponentialScheduler writes
# "StepScheduler"), and the family each one is.
IDS = {
    "ConstantScheduler": "ConstantScheduler",
    "ExponentialScheduler": "ExponentialScheduler",
    "StepScheduler": "ExponentialScheduler",
    "NoamScheduler": "NoamScheduler",
    "KingScheduler": "KingScheduler",
}


def is_config(value: Any) -> bool:
    """Whether ``value`` looks like numpy-ml's dict form."""
    return isinstance(value, dict) and ("hyperparameters" in value or "id" in value)


def from_numpy_ml(cfg: dict[str, Any], binding: Binding | None = None) -> Schedule:
    """The schedule of numpy-ml's dict form."""
    hyper = cfg.get("hyperparameters", cfg) if isinstance(cfg, dict) else None
    if not isinstance(hyper, dict) or "id" not in hyper:
        raise ConfigError(
            "numpy-ml's dict form needs 'hyperparameters' with an 'id'",
            hint="e.g. {'hyperparameters': {'id': 'ConstantScheduler', 'lr': 0.1}}",
        )
    family = IDS.get(hyper["id"]) if isinstance(hyper["id"], str) else None
    if family is None:
        raise ConfigError(
            f"unknown numpy-ml scheduler id {short(hyper['id'])}", hint=f"one of {', '.join(IDS)}"
        )
    args = {k: v for k, v in hyper.items() if k != "id"}
    tree = json_to_tree({"family": family, "args": args})
    return Schedule(evaluate(tree), binding or Binding())
