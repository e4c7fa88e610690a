"""Config values to schedules: ``lrspec.load``.

``load`` accepts whatever a config field may hold:

- lrspec text: ``"Warmup(500) >> Cosine(0.1, 0.0, 10000)"`` (numpy-ml's ``__str__`` forms
  are lrspec text too: ``"KingScheduler(initial_lr=0.01, patience=1000, decay=0.99)"``);
- lrspec's dict form (``Schedule.to_dict()``, see ``lrspec.schedule.dictform``);
- a bare number: a constant;
- the ``lr_schedule`` module's ``create(cfg)`` dict: ``{"type": "linear", "initial_value":
  3e-4, "final_value": 1e-5}`` (types constant, linear, cosine, exponential, cosine_warmup,
  polynomial; no type means constant);
- numpy-ml's dict form: ``{"hyperparameters": {"id": "NoamScheduler", "model_dim": 512}}``;
- a Schedule (returned as it is, or re-bound).
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from ..model.units import Binding
from ..schedule.parsing import from_dict, parse
from ..schedule.schedule import Schedule
from ..syntax.errors import ConfigError

ACCEPTED = (
    "accepted: spec text, a number, lrspec's dict form ({'family': ...}, {'sequence': ...}, "
    "...), an lr_schedule dict ({'type': 'linear', 'initial_value': ...}) or numpy-ml's dict "
    "({'hyperparameters': {'id': ...}})"
)
_LRSPEC_KEYS = {"lrspec", "family", "sequence", "op", "slice", "constant"}


def load(value: Any, **sizes: int | None) -> Schedule:
    """A schedule from a config value (see the module docstring for the accepted forms).

    Sizes (``total_steps``, ``steps_per_epoch``) resolve units.

    >>> import lrspec
    >>> lrspec.load("Cosine(0.1, 0, 100)") == lrspec.load({"family": "Cosine",
    ...     "args": {"initial": 0.1, "final": 0.0, "steps": 100}})
    True
    >>> str(lrspec.load(0.1))
    '0.1'
    >>> str(lrspec.load({"type": "cosine", "initial_value": 3e-4}))
    'CosineAnnealingLRSchedule(initial_value=0.0003)'
    """
    # The sizes given, forwarded as keywords to parse(), from_dict() and bind().
    bind: dict[str, Any] = {k: v for k, v in sizes.items() if v is not None}
    if isinstance(value, Schedule):
        return value.bind(**bind) if bind else value
    if isinstance(value, str):
        return parse(value, **bind)
    # The importers are imported here, not at the top: only values other than text need them,
    # and they cost import time on every start.
    from .importers import lr_schedule, numpy_ml
    from .importers.building import build, rate, short

    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            raise ConfigError(f"a rate cannot be {short(value)}: too large for a float") from None
        if math.isnan(number):
            raise ConfigError("a rate must be a number, got NaN")
        return build(rate(number), Binding(**bind))
    if isinstance(value, dict):
        keys = set(value)
        if keys & _LRSPEC_KEYS:
            return from_dict(value, **bind)
        if numpy_ml.is_config(value):
            return numpy_ml.from_numpy_ml(value, Binding(**bind))
        if lr_schedule.is_config(value):
            return lr_schedule.from_lr_schedule(value, Binding(**bind))
        names = sorted(key if isinstance(key, str) else short(key) for key in keys)
        raise ConfigError(f"a dict with keys {short(names)} is not a schedule", hint=ACCEPTED)
    raise ConfigError(
        f"cannot make a schedule from {type(value).__name__} {short(value)}", hint=ACCEPTED
    )
