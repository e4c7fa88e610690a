"""lrspec for stable-baselines3: a ``progress_remaining -> learning rate`` callable.

SB3 calls a schedule with ``progress_remaining``, which goes from 1 at the start of
``learn()`` to 0 at its end (``1 - num_timesteps / total_timesteps``). The step is
``t = (1 - progress_remaining) * total_steps``, snapped to the nearest whole step when float
rounding is all that separates them, so with ``total_steps`` equal to ``learn()``'s
``total_timesteps`` the rate is exactly ``s(num_timesteps)``.

Without ``total_steps`` the spec must measure the run in ``%`` (or be a number): ``x%`` is
then the point where ``x`` percent of the run is done, whatever ``total_timesteps`` is. (The
spec is bound to a run of ``PROGRESS_STEPS`` steps; plain step counts would be read as steps
of that run, so write them all in ``%`` or pass ``total_steps``.)

    >>> import lrspec.sb3
    >>> lr = lrspec.sb3.schedule("Linear(3e-4, 0.0, 100%)")   # SB3's linear_schedule(3e-4)
    >>> lr(1.0), lr(0.5), lr(0.0)
    (0.0003, 0.00015, 0.0)
    >>> lrspec.sb3.schedule("Warmup(100) >> Cosine(3e-4, 0.0, 900)", total_steps=1000)(0.9)
    0.0003
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from .formats.config import load
from .schedule.schedule import Schedule
from .syntax.errors import (
    EvaluationError,
    StateError,
    UnitError,
    missing_sizes_hint,
    require_installed,
)

# stable-baselines3 is never imported here (it calls the schedule), but without it there is
# nothing to call it: its absence shows now, as for the other frameworks.
require_installed("stable_baselines3", "lrspec.sb3", "stable-baselines3", "sb3")

#: The length of the run that ``%`` units are bound to when no ``total_steps`` is given.
PROGRESS_STEPS = 1_000_000


class ProgressSchedule:
    """A picklable ``progress_remaining -> lr`` callable (``schedule`` is the lrspec
    Schedule, ``total_steps`` the steps that progress 0..1 spans)."""

    def __init__(self, schedule: Schedule, total_steps: int) -> None:
        self.schedule = schedule
        self.total_steps = total_steps

    def __call__(self, progress_remaining: float) -> float:
        """The rate at step ``(1 - progress_remaining) * total_steps`` (see the module).

        ``progress_remaining`` is a number at most 1 (a Python, NumPy, torch or JAX scalar);
        anything else is an :class:`lrspec.EvaluationError`."""
        progress = _progress(progress_remaining)
        t = max(0.0, (1.0 - progress) * self.total_steps)
        whole = round(t)
        if abs(t - whole) <= 1e-9 * self.total_steps:
            t = whole
        return self.schedule(t)

    def __repr__(self) -> str:
        return f"lrspec.sb3.schedule({str(self.schedule)!r}, total_steps={self.total_steps})"


def schedule(
    spec: Any,
    *,
    total_steps: int | None = None,
    steps_per_epoch: int | None = None,
    samples_per_step: int | None = None,
    tokens_per_step: int | None = None,
) -> ProgressSchedule:
    """The schedule ``spec`` (anything :func:`lrspec.load` accepts) as SB3's
    ``learning_rate`` (or ``clip_range``): a function of ``progress_remaining``.

    ``total_steps`` is the number of timesteps progress runs over (``learn()``'s
    ``total_timesteps``); without it the spec's ``%`` units bind to progress directly.
    Stateful schedules read a metric, which SB3 never passes: they raise
    :class:`lrspec.StateError`.
    """
    s = load(
        spec,
        steps_per_epoch=steps_per_epoch,
        samples_per_step=samples_per_step,
        tokens_per_step=tokens_per_step,
    )
    if s.stateful:
        raise StateError(f"'{s}' reads a metric, which stable-baselines3 schedules never get")
    if total_steps is None:
        if "total_steps" not in s.needs and not _is_number(str(s)):
            raise UnitError(
                f"'{s}' has no whole-run units (%), so SB3's progress cannot be turned into steps",
                hint="pass total_steps= (learn()'s total_timesteps) or write the "
                "step counts in % of the run",
            )
        total_steps = PROGRESS_STEPS
    bound = s.bind(total_steps=total_steps)
    try:
        _ = bound.length  # compiled now: a missing size shows here
    except UnitError as error:
        if not error.missing:
            raise
        raise error.with_hint(missing_sizes_hint(error.missing, "lrspec.sb3.schedule()")) from None
    return ProgressSchedule(bound, total_steps)


def _progress(value: Any) -> float:
    """``progress_remaining`` as a float: a finite real number <= 1, or a 0-dim array of one."""
    if (
        not isinstance(value, (bool, str, bytes, numbers.Real))
        and getattr(value, "ndim", None) == 0
        and hasattr(value, "__float__")
        and "bool" not in str(getattr(value, "dtype", ""))
    ):
        try:  # a NumPy, torch or JAX scalar array
            value = float(value)
        except (TypeError, ValueError, RuntimeError):
            pass
    if isinstance(value, (bool, str, bytes)) or not isinstance(value, numbers.Real):
        raise EvaluationError(
            f"progress_remaining must be a number, got {type(value).__name__} {value!r:.60}"
        )
    try:
        progress = float(value)
    except OverflowError:
        # (numbers.Real declares only < and <=; an overflowing value is never 0)
        progress = -math.inf if value < 0 else math.inf
    if not math.isfinite(progress) or progress > 1.0:
        raise EvaluationError(
            f"progress_remaining must be a finite number <= 1 (1 at the start of learn(), 0 "
            f"at its end), got {value!r:.60}"
        )
    return progress


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
