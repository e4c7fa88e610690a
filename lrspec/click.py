"""click support: a parameter type for schedules.

    import click, lrspec.click

    @click.command()
    @click.option("--lr", type=lrspec.click.SCHEDULE, default="Constant(0.1)")
    def train(lr): ...

A bad value is a click usage error showing lrspec's caret message. Needs click
(``pip install 'lrspec[click]'``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from .formats.config import load
from .schedule.schedule import Schedule
from .syntax.errors import LrspecError

if TYPE_CHECKING:
    # Recent clicks declare ParamType generic (8.5: in the converted and the given value);
    # older ones, which the extra allows (click>=8), cannot be subscripted at run time.
    _ParamType = click.ParamType[Schedule, Any]
else:
    _ParamType = click.ParamType


class ScheduleType(_ParamType):
    """A click parameter type: spec text (or a number) to an :class:`lrspec.Schedule`.

    ``total_steps``, ``steps_per_epoch``, ``samples_per_step`` and ``tokens_per_step`` given
    here resolve units.
    """

    name = "schedule"

    def __init__(
        self,
        *,
        total_steps: int | None = None,
        steps_per_epoch: int | None = None,
        samples_per_step: int | None = None,
        tokens_per_step: int | None = None,
    ) -> None:
        self.total_steps = total_steps
        self.steps_per_epoch = steps_per_epoch
        self.samples_per_step = samples_per_step
        self.tokens_per_step = tokens_per_step

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Schedule:
        try:
            return load(
                value,
                total_steps=self.total_steps,
                steps_per_epoch=self.steps_per_epoch,
                samples_per_step=self.samples_per_step,
                tokens_per_step=self.tokens_per_step,
            )
        except LrspecError as error:
            self.fail(str(error), param, ctx)


#: The ready-made parameter type (no sizes bound).
SCHEDULE = ScheduleType()
