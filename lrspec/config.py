"""Config values to schedules: ``lrspec.load`` accepts whatever a config field may hold."""

from __future__ import annotations

import numbers
from typing import Any

from .errors import ConfigError
from .schedule import Schedule


def load(value: Any, *, total_steps: int | None = None,
         steps_per_epoch: int | None = None) -> Schedule:
    """A schedule from a config value: spec text, lrspec's dict form, a bare number (a
    constant) or a Schedule. ``total_steps``/``steps_per_epoch`` resolve units.

    >>> import lrspec
    >>> lrspec.load("Cosine(0.1, 0, 100)") == lrspec.load({"family": "Cosine",
    ...     "args": {"initial": 0.1, "final": 0.0, "steps": 100}})
    True
    >>> str(lrspec.load(0.1))
    '0.1'
    """
    from . import parse
    from .dictform import from_dict

    bind = {k: v for k, v in (("total_steps", total_steps),
                              ("steps_per_epoch", steps_per_epoch)) if v is not None}
    if isinstance(value, Schedule):
        return value.bind(**bind) if bind else value
    if isinstance(value, str):
        return parse(value, **bind)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return parse(repr(float(value)), **bind)
    if isinstance(value, dict):
        return from_dict(value, **bind)
    raise ConfigError(
        f"cannot make a schedule from {type(value).__name__} {value!r}",
        hint="accepted: spec text, a number, or a dict (lrspec's dict form)",
    )
