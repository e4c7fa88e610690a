"""rl-zoo3: its ``lin_0.001`` hyperparameter strings (and plain numbers) to a schedule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError
from ...syntax.nodes import Number
from .building import build, call, count, rate, short


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


#: The hyperparameters rl-zoo3 reads as schedules (``ExperimentManager._preprocess_schedules``).
SCHEDULED = ("learning_rate", "clip_range", "clip_range_vf", "delta_std")


def from_rl_zoo_config(config: Mapping[str, Any], field: str | None = None) -> Schedule:
    """A schedule in an rl-zoo3 hyperparameter file (``hyperparams/ppo.yml``): ``field`` is an
    environment's entry (``CartPole-v1``, its ``learning_rate``) or an entry and one of the
    hyperparameters rl-zoo3 schedules (``CartPole-v1.clip_range``); a file with one entry
    needs no field. The schedule is bound to the entry's ``n_timesteps``, the run's length,
    when it is given in ``%``.
    """
    if not isinstance(config, Mapping) or not config:
        raise ConfigError("an rl-zoo3 hyperparameter file maps environments to settings")
    entries = [key for key in config if isinstance(key, str)]
    listed = ", ".join(entries[:6]) + (f", ... ({len(entries)} in all)" if len(entries) > 6 else "")
    if field is None:
        if len(entries) != 1:
            raise ConfigError(
                f"the file has {len(entries)} entries: name one with a field",
                hint=f"entries: {listed}",
            )
        env, key = entries[0], "learning_rate"
    elif field in config:
        env, key = field, "learning_rate"
    else:
        env, _, key = field.rpartition(".")
        if env not in config:
            raise ConfigError(
                f"no entry {short(env or field)} in the file",
                hint=f"entries: {listed}",
            )
    settings = config[env]
    if not isinstance(settings, Mapping):
        raise ConfigError(f"{short(env)}: expected its settings, got {short(settings)}")
    if key not in SCHEDULED:
        raise ConfigError(
            f"rl-zoo3 does not read {short(key)} as a schedule",
            hint=f"it reads {', '.join(SCHEDULED)}",
        )
    if key not in settings:
        raise ConfigError(
            f"{short(env)} sets no {key} (the algorithm's default applies)",
            hint=f"it sets {short(', '.join(map(str, settings)))}",
        )
    schedule = from_rl_zoo(settings[key])
    steps = settings.get("n_timesteps")
    if steps is None:
        return schedule
    return schedule.bind(total_steps=int(count(steps, "n_timesteps")))
