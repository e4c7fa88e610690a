"""click support: a parameter type for schedules.

    import click, lrspec.click

    @click.command()
    @click.option("--lr", type=lrspec.click.SCHEDULE, default="Constant(0.1)")
    def train(lr): ...

A bad value is a click usage error showing lrspec's caret message. Needs click
(``pip install 'lrspec[click]'``).
"""

from __future__ import annotations

import click

from .formats.config import load
from .schedule.schedule import Schedule
from .syntax.errors import LrspecError


class ScheduleType(click.ParamType):
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

    def convert(self, value, param, ctx) -> Schedule:
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
