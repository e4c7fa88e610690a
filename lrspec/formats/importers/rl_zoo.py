"""rl-zoo3: its ``lin_0.001`` hyperparameter strings (and plain numbers) to a schedule."""

from __future__ import annotations

from ...schedule.parsing import parse
from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from .building import _num

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
            raise ConfigError(f"rl-zoo3 schedule {value!r}: {parts[1]!r} is not a number") from None
        return parse(f"Linear({_num(initial)}, 0.0, 100%)")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 0:
            raise ConfigError(f"a learning rate must be >= 0, got {value}")
        return parse(repr(float(value)))
    raise ConfigError(f"rl-zoo3 schedules are strings like 'lin_0.001' or numbers, got {value!r}")
