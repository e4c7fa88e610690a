"""rl-zoo3: its ``lin_0.001`` hyperparameter strings (and plain numbers) to a schedule."""

from __future__ import annotations

from typing import Any

from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from ...syntax.nodes import Number
from .building import build, call, rate, short


def from_rl_zoo(value: Any) -> Schedule:
    """rl-zoo3's hyperparameter value: ``"lin_0.001"`` (any prefix: rl-zoo3 ignores it) is a
    linear decay to 0 over the run, ``progress_remaining * 0.001``; a number is a constant.

    The linear form spans the run (``100%``): give ``total_steps`` when you evaluate it, or use
    it with ``lrspec.sb3``.
    """
    if isinstance(value, str):
        parts = value.split("_")
        if len(parts) != 2:
            raise ConfigError(f"rl-zoo3 schedule {short(value)} must look like 'lin_0.001'")
        try:
            # rl-zoo3 reads it with float(); lrspec takes ASCII digits only
            initial = float(parts[1]) if parts[1].isascii() else None
        except ValueError:
            initial = None
        if initial is None:
            raise ConfigError(f"rl-zoo3 schedule {short(value)}: {short(parts[1])} is not a number")
        return build(call("Linear", rate(initial), rate(0.0), Number(100, "%")))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise ConfigError(f"a learning rate must be >= 0, got {short(value)}")
        return build(rate(value, "the learning rate"))
    raise ConfigError(
        f"rl-zoo3 schedules are strings like 'lin_0.001' or numbers, got {short(value)}"
    )
