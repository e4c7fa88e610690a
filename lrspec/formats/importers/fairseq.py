"""fairseq: the ``inverse_sqrt`` scheduler with warmup updates to a schedule."""

from __future__ import annotations

from ...schedule.parsing import parse
from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from .building import _num, _steps


def from_fairseq(lr: float, *, warmup_updates: int = 4000, warmup_init_lr: float = -1) -> Schedule:
    """fairseq's ``inverse_sqrt`` scheduler: a linear warmup from ``warmup_init_lr`` (default
    0) to ``lr`` over ``warmup_updates`` updates, then ``lr * sqrt(warmup_updates / update)``.
    """
    if warmup_updates < 1:
        raise ConfigError(f"fairseq's inverse_sqrt needs warmup_updates >= 1, got {warmup_updates}")
    start = warmup_init_lr if warmup_init_lr >= 0 else 0.0
    warmup = (
        f"Warmup({_steps(warmup_updates)})"
        if start == 0
        else f"Warmup({_steps(warmup_updates)}, {_num(float(start))})"
    )
    return parse(f"{warmup} >> InverseSqrt({_num(float(lr))}, {_steps(warmup_updates)})")
