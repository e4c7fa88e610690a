"""timm: the ``--sched`` family of arguments (``create_scheduler_v2``) to a schedule."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ...schedule.parsing import parse
from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from .building import _num, _steps, _warmed

# -- timm -----------------------------------------------------------------------------------

TIMM_SCHEDS = ("cosine", "tanh", "step", "multistep", "poly", "plateau", "constant")


def from_timm(
    sched: str = "cosine",
    *,
    lr: float,
    num_epochs: int = 300,
    decay_epochs: float = 90,
    decay_milestones: Sequence[float] = (90, 180, 270),
    cooldown_epochs: int = 0,
    patience_epochs: int = 10,
    decay_rate: float = 0.1,
    min_lr: float = 0.0,
    warmup_lr: float = 1e-5,
    warmup_epochs: int = 0,
    warmup_prefix: bool = False,
    noise: Any = None,
    cycle_mul: float = 1.0,
    cycle_decay: float = 0.1,
    cycle_limit: int = 1,
    k_decay: float = 1.0,
    plateau_mode: str = "max",
    step_on_epochs: bool = True,
    updates_per_epoch: int = 0,
) -> Schedule:
    """The schedule timm's ``create_scheduler_v2`` builds from its ``--sched`` arguments.

    ``lr`` is the optimizer's rate. The step of the schedule is the epoch (timm's
    ``step(epoch)``), or the update when ``step_on_epochs=False`` (``step_update``).
    """
    if sched not in TIMM_SCHEDS:
        raise ConfigError(
            f"timm sched {sched!r} has no lrspec form", hint=f"supported: {', '.join(TIMM_SCHEDS)}"
        )
    if noise is not None:
        raise ConfigError(
            "timm's noise is random; lrspec schedules are exact functions", hint="drop --lr-noise"
        )
    if k_decay != 1:
        raise ConfigError(f"timm's k_decay={k_decay} has no lrspec form", hint="use 1.0")
    scale = 1
    if not step_on_epochs:
        if updates_per_epoch < 1:
            raise ConfigError("step_on_epochs=False needs updates_per_epoch >= 1")
        scale = updates_per_epoch
    t_initial, warmup = num_epochs * scale, warmup_epochs * scale
    decay_t = decay_epochs * scale
    milestones = [m * scale for m in decay_milestones]
    lr_text, low = _num(lr), _num(min_lr)

    if sched == "plateau":
        if warmup:
            raise ConfigError(
                "timm's plateau scheduler with warmup has no exact lrspec form",
                hint="use warmup_epochs=0",
            )
        return parse(
            f"Plateau({lr_text}, factor={_num(decay_rate)}, "
            f"patience={patience_epochs}, mode={plateau_mode}, min_lr={low})"
        )
    if sched in ("cosine", "tanh", "poly"):
        shape = {
            "cosine": f"Cosine({lr_text}, {low}, {_steps(t_initial)})",
            "tanh": f"Tanh({lr_text}, {low}, {_steps(t_initial)})",
            "poly": f"Polynomial({lr_text}, {low}, {_steps(t_initial)}, "
            f"power={_num(float(decay_rate))})",
        }[sched]
        if cycle_limit > 1:
            if sched != "cosine":
                raise ConfigError(f"timm's {sched} with cycle_limit > 1 has no lrspec form")
            if cycle_mul == 1:
                cycles = t_initial * cycle_limit
            else:
                cycles = math.floor(-t_initial * (cycle_mul**cycle_limit - 1) / (1 - cycle_mul))
            mult = "" if cycle_mul == 1 else f", mult={_num(float(cycle_mul))}"
            decay = "" if cycle_decay == 1 else f", decay={_num(float(cycle_decay))}"
            shape = (
                f"CosineRestarts({lr_text}, {low}, {_steps(t_initial)}{mult}{decay})"
                f"[:{_steps(cycles)}] >> {low}"
            )
    elif sched == "step":
        shape = f"StepLR({lr_text}, {_steps(decay_t)}, gamma={_num(float(decay_rate))})"
    elif sched == "multistep":
        # timm's MultiStepLRScheduler counts bisect_right(milestones, t + 1): one step early.
        early = ", ".join(_steps(m - 1) for m in milestones)
        shape = f"MultiStepLR({lr_text}, [{early}], {_num(float(decay_rate))})"
    else:  # constant
        shape = f"Constant({lr_text})"
    if warmup and not warmup_prefix:
        # Without the prefix the main schedule runs on the raw step: cut its first steps.
        shape = f"({shape})[{_steps(warmup)}:]"
    # The warmup climbs to the base rate; tanh without the prefix climbs to its own value at
    # the warmup's end instead.
    target = parse(shape)(0) if sched == "tanh" and not warmup_prefix else float(lr)
    return parse(_warmed(warmup, shape, warmup_lr, target))
