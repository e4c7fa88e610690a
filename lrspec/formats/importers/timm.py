"""timm: the ``--sched`` family of arguments (``create_scheduler_v2``) to a schedule."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from ...syntax.nodes import List, Node, Word
from .building import (
    MAX_STEPS,
    build,
    call,
    count,
    cut,
    num,
    rate,
    real,
    seq,
    short,
    steps,
    warmed,
)

# -- timm -----------------------------------------------------------------------------------

TIMM_SCHEDS = ("cosine", "tanh", "step", "multistep", "poly", "plateau", "constant")
#: The most decay milestones read (lrspec's lists hold at most 10,000 items).
MAX_MILESTONES = 10_000


def from_timm(
    sched: str = "cosine",
    *,
    lr: float,
    num_epochs: float = 300,
    decay_epochs: float = 90,
    decay_milestones: Sequence[float] = (90, 180, 270),
    cooldown_epochs: int = 0,
    patience_epochs: int = 10,
    decay_rate: float = 0.1,
    min_lr: float = 0.0,
    warmup_lr: float = 1e-5,
    warmup_epochs: float = 0,
    warmup_prefix: bool = False,
    noise: Any = None,
    cycle_mul: float = 1.0,
    cycle_decay: float = 0.1,
    cycle_limit: float = 1,
    k_decay: float = 1.0,
    plateau_mode: str = "max",
    step_on_epochs: bool = True,
    updates_per_epoch: int = 0,
) -> Schedule:
    """The schedule timm's ``create_scheduler_v2`` builds from its ``--sched`` arguments.

    ``lr`` is the optimizer's rate. The step of the schedule is the epoch (timm's
    ``step(epoch)``), or the update when ``step_on_epochs=False`` (``step_update``).
    """
    if not isinstance(sched, str) or sched not in TIMM_SCHEDS:
        raise ConfigError(
            f"timm sched {short(sched)} has no lrspec form",
            hint=f"supported: {', '.join(TIMM_SCHEDS)}",
        )
    if noise is not None:
        raise ConfigError(
            "timm's noise is random; lrspec schedules are exact functions", hint="drop --lr-noise"
        )
    if real(k_decay, "k_decay") != 1:
        raise ConfigError(f"timm's k_decay={k_decay} has no lrspec form", hint="use 1.0")
    for flag, name in ((warmup_prefix, "warmup_prefix"), (step_on_epochs, "step_on_epochs")):
        if not isinstance(flag, bool):
            raise ConfigError(f"{name} must be true or false, got {short(flag)}")
    num_epochs = count(num_epochs, "num_epochs")
    warmup_epochs = count(warmup_epochs, "warmup_epochs")
    decay_epochs = count(decay_epochs, "decay_epochs")
    cycle_limit = count(cycle_limit, "cycle_limit")
    cycle_mul, cycle_decay = real(cycle_mul, "cycle_mul"), real(cycle_decay, "cycle_decay")
    if isinstance(decay_milestones, (str, bytes)) or not isinstance(decay_milestones, Sequence):
        raise ConfigError(
            f"decay_milestones must be a list of epochs, got {short(decay_milestones)}"
        )
    if len(decay_milestones) > MAX_MILESTONES:
        raise ConfigError(f"decay_milestones holds more than {MAX_MILESTONES:,} epochs")
    decay_milestones = [count(m, "decay_milestones") for m in decay_milestones]
    scale = 1
    if not step_on_epochs:
        if count(updates_per_epoch, "updates_per_epoch") < 1:
            raise ConfigError("step_on_epochs=False needs updates_per_epoch >= 1")
        scale = int(updates_per_epoch)
    t_initial, warmup = num_epochs * scale, warmup_epochs * scale
    decay_t = decay_epochs * scale
    milestones = [m * scale for m in decay_milestones]
    base, low = rate(lr, "lr"), rate(min_lr, "min_lr")

    shape: Node
    if sched == "plateau":
        if warmup:
            raise ConfigError(
                "timm's plateau scheduler with warmup has no exact lrspec form",
                hint="use warmup_epochs=0",
            )
        return build(
            call(
                "Plateau",
                base,
                factor=rate(decay_rate, "decay_rate"),
                patience=num(patience_epochs, "patience_epochs"),
                mode=Word(plateau_mode) if isinstance(plateau_mode, str) else num(plateau_mode),
                min_lr=low,
            )
        )
    if sched in ("cosine", "tanh", "poly"):
        length = steps(t_initial, "num_epochs")
        if sched == "poly":
            shape = call("Polynomial", base, low, length, power=rate(decay_rate, "decay_rate"))
        else:
            shape = call(sched.capitalize(), base, low, length)
        if cycle_limit > 1:
            if sched != "cosine":
                raise ConfigError(f"timm's {sched} with cycle_limit > 1 has no lrspec form")
            try:
                if cycle_mul == 1:
                    cycles = t_initial * cycle_limit
                else:
                    grown = cycle_mul**cycle_limit
                    cycles = math.floor(-t_initial * (grown - 1) / (1 - cycle_mul))
            except (OverflowError, ZeroDivisionError):
                cycles = math.inf
            if not cycles <= MAX_STEPS:
                raise ConfigError(
                    f"timm's {cycle_limit} cycles of {t_initial} steps (cycle_mul={cycle_mul}) "
                    "last more than 2**53 steps"
                )
            options = {}
            if cycle_mul != 1:
                options["mult"] = rate(cycle_mul, "cycle_mul")
            if cycle_decay != 1:
                options["decay"] = rate(cycle_decay, "cycle_decay")
            restarts = call("CosineRestarts", base, low, length, **options)
            shape = seq(cut(restarts, stop=cycles), low)
    elif sched == "step":
        shape = call(
            "StepLR", base, steps(decay_t, "decay_epochs"), gamma=rate(decay_rate, "decay_rate")
        )
    elif sched == "multistep":
        # timm's MultiStepLRScheduler counts bisect_right(milestones, t + 1): one step early.
        early = List(tuple(steps(m - 1, "decay_milestones") for m in milestones))
        shape = call("MultiStepLR", base, early, rate(decay_rate, "decay_rate"))
    else:  # constant
        shape = call("Constant", base)
    if warmup and not warmup_prefix:
        # Without the prefix the main schedule runs on the raw step: cut its first steps.
        shape = cut(shape, start=warmup)
    # The warmup climbs to the base rate; tanh without the prefix climbs to its own value at
    # the warmup's end instead.
    target = build(shape)(0) if sched == "tanh" and not warmup_prefix else float(lr)
    return build(warmed(warmup, shape, warmup_lr, target))


#: What timm's train.py gives its arguments when neither the command line nor a config file
#: sets them (timm's train.py, ``parser.add_argument(..., default=...)``).
TRAIN_DEFAULTS = {
    "sched": "cosine",
    "epochs": 300,
    "decay_epochs": 90,
    "decay_milestones": [90, 180, 270],
    "warmup_epochs": 5,
    "cooldown_epochs": 0,
    "patience_epochs": 10,
    "decay_rate": 0.1,
    "min_lr": 0,
    "warmup_lr": 1e-5,
    "warmup_prefix": False,
    "lr_noise": None,
    "lr_cycle_mul": 1.0,
    "lr_cycle_decay": 0.5,
    "lr_cycle_limit": 1,
    "lr_k_decay": 1.0,
    "sched_on_updates": False,
    "eval_metric": "top1",
    "lr": None,
    "lr_base": 0.1,
    "lr_base_size": 256,
    "lr_base_scale": "",
    "opt": "sgd",
    "batch_size": 128,
    "grad_accum_steps": 1,
}


def from_timm_config(
    config: Mapping[str, Any],
    *,
    updates_per_epoch: int | None = None,
    world_size: int | None = None,
) -> Schedule:
    """The schedule timm's train.py makes from its arguments as a mapping: the ``args.yaml``
    it writes beside each run, or a ``--config`` file (keys it leaves out take train.py's
    defaults).

    As train.py does: ``lr`` unset (null or 0) is ``lr_base`` scaled by the global batch size
    (``batch_size * world_size * grad_accum_steps``) over ``lr_base_size``, linearly or by
    its square root (``lr_base_scale``, by default the square root for Ada* and LAMB
    optimizers), so it needs ``world_size``, the number of processes; the plateau scheduler
    decreases the metric when ``eval_metric`` is ``loss``; ``sched_on_updates`` needs the
    number of optimizer updates per epoch.
    """
    if not isinstance(config, Mapping):
        raise ConfigError(
            f"timm's arguments are a mapping, got {type(config).__name__}",
            hint="e.g. {'sched': 'cosine', 'lr': 0.1, 'epochs': 100}",
        )

    def get(key: str) -> Any:
        return config.get(key, TRAIN_DEFAULTS[key])

    lr = get("lr")
    if lr is None or lr == 0:
        if world_size is None:
            raise ConfigError(
                "lr is not set: timm's train.py scales lr_base by the global batch size, "
                "which depends on the number of processes",
                hint="give the number of processes (--world-size N), or set lr",
            )
        batch = (
            count(get("batch_size"), "batch_size")
            * count(world_size, "world_size")
            * max(1, count(get("grad_accum_steps"), "grad_accum_steps"))
        )
        ratio = batch / count(get("lr_base_size"), "lr_base_size")
        scale = get("lr_base_scale")
        if not scale:
            optimizer = get("opt")
            if not isinstance(optimizer, str):
                raise ConfigError(f"opt must be a name, got {short(optimizer)}")
            scale = "sqrt" if any(o in optimizer.lower() for o in ("ada", "lamb")) else "linear"
        if scale == "sqrt":
            ratio = ratio**0.5
        lr = real(get("lr_base"), "lr_base") * ratio
    on_updates = get("sched_on_updates")
    if not isinstance(on_updates, bool):
        raise ConfigError(f"sched_on_updates must be true or false, got {short(on_updates)}")
    if on_updates and updates_per_epoch is None:
        raise ConfigError(
            "sched_on_updates: timm steps this schedule once per optimizer update",
            hint="give the number of updates per epoch (--steps-per-epoch N)",
        )
    metric = get("eval_metric")
    return from_timm(
        get("sched"),
        lr=lr,
        num_epochs=get("epochs"),
        decay_epochs=get("decay_epochs"),
        decay_milestones=get("decay_milestones"),
        cooldown_epochs=get("cooldown_epochs"),
        patience_epochs=get("patience_epochs"),
        decay_rate=get("decay_rate"),
        min_lr=get("min_lr"),
        warmup_lr=get("warmup_lr"),
        warmup_epochs=get("warmup_epochs"),
        warmup_prefix=get("warmup_prefix"),
        noise=get("lr_noise"),
        cycle_mul=get("lr_cycle_mul"),
        cycle_decay=get("lr_cycle_decay"),
        cycle_limit=get("lr_cycle_limit"),
        k_decay=get("lr_k_decay"),
        plateau_mode="min" if metric == "loss" else "max",
        step_on_epochs=not on_updates,
        updates_per_epoch=updates_per_epoch or 0,
    )
