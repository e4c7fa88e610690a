"""fairseq: the ``inverse_sqrt`` scheduler with warmup updates to a schedule."""

from __future__ import annotations

from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from .building import build, call, count, rate, real, seq, short, steps


def from_fairseq(lr: float, *, warmup_updates: int = 4000, warmup_init_lr: float = -1) -> Schedule:
    """fairseq's ``inverse_sqrt`` scheduler: a linear warmup from ``warmup_init_lr`` (default
    0) to ``lr`` over ``warmup_updates`` updates, then ``lr * sqrt(warmup_updates / update)``.
    """
    updates = count(warmup_updates, "warmup_updates")
    if updates < 1 or isinstance(updates, float):
        raise ConfigError(
            f"fairseq's inverse_sqrt needs warmup_updates >= 1, got {short(warmup_updates)}"
        )
    init = real(warmup_init_lr, "warmup_init_lr")
    start = init if init >= 0 else 0.0
    length = steps(updates)
    warmup = call("Warmup", length) if start == 0 else call("Warmup", length, rate(start))
    return build(seq(warmup, call("InverseSqrt", rate(lr, "lr"), length)))
