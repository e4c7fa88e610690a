"""Step counts with units, and the run's sizes that resolve them.

A step count may be written with a unit: ``5%`` of the run's ``total_steps``, ``2ep`` epochs
of ``steps_per_epoch`` steps, ``512sp`` samples of ``samples_per_step`` a step, ``375e6tok``
tokens of ``tokens_per_step`` a step. Such a count is a :class:`Quantity` until the sizes are
known; :class:`Binding` holds them and resolves quantities to plain step counts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from ..syntax.errors import UnitError, missing_sizes_hint
from ..syntax.limits import MAX_STEPS as MAX_STEPS  # re-exported: the step domain
from ..syntax.nodes import Span
from ..syntax.printer import format_number
from ..syntax.records import Record

#: The shortest length a positive step count may have (a length of 5e-324 steps is a typo, and
#: t / length would overflow long before t = 1e15).
MIN_LENGTH = 1e-6


class Unit(Record):
    """A unit: the size of the run it is measured against, how a value in it becomes steps,
    and the limit (a field of ``Limits``) on the values written in it."""

    __slots__ = ("size", "to_steps", "limit")
    _fields = ("size", "to_steps", "limit")

    size: str
    to_steps: Callable[[int | float, int | float], int | float]
    limit: str


#: Every unit a step count may carry.
UNITS: dict[str, Unit] = {
    "%": Unit("total_steps", lambda value, size: value * size / 100, "max_percent"),
    "ep": Unit("steps_per_epoch", lambda value, size: value * size, "max_epochs"),
    "sp": Unit("samples_per_step", lambda value, size: value / size, "max_samples"),
    "tok": Unit("tokens_per_step", lambda value, size: value / size, "max_tokens"),
}
#: The sizes of a run that units refer to, in the order they are printed.
SIZES = tuple(unit.size for unit in UNITS.values())
#: Where sizes are given, for the hint of a UnitError.
WHERE = "lrspec.parse() or to .bind()"


def normalize_steps(value: int | float) -> int | float:
    """Step counts are ints when integral (so ``1e4`` prints as ``10000``)."""
    if isinstance(value, float) and value.is_integer() and abs(value) <= MAX_STEPS:
        return int(value)
    return value


class Quantity(Record):
    """A step count written with a unit: ``5%`` of the total steps, or ``2ep`` epochs."""

    __slots__ = ("value", "unit")
    _fields = ("value", "unit")

    value: int | float
    unit: str

    def __str__(self) -> str:
        return format_number(self.value, self.unit)

    @property
    def size(self) -> str:
        """The name of the run's size this unit is measured against."""
        return UNITS[self.unit].size


class Binding(Record):
    """The run's sizes (``total_steps``, ``steps_per_epoch``, ``samples_per_step``,
    ``tokens_per_step``), any of which may be unknown."""

    __slots__ = SIZES
    _fields = SIZES
    _defaults = dict.fromkeys(SIZES)

    total_steps: int | None
    steps_per_epoch: int | None
    samples_per_step: int | None
    tokens_per_step: int | None

    def resolve(self, quantity: Quantity, span: Span | None = None) -> int | float:
        """The step count ``quantity`` stands for; a UnitError if its size is unknown."""
        unit = UNITS[quantity.unit]
        size = unit.size
        known = getattr(self, size)
        if known is None:
            raise UnitError(
                f"{quantity} needs {size}",
                span=span,
                hint=missing_sizes_hint((size,), WHERE),
                details=(("missing", (size,)),),
            )
        return normalize_steps(unit.to_steps(quantity.value, known))

    def given(self) -> dict[str, int]:
        """The sizes that are known, by name."""
        return {name: getattr(self, name) for name in SIZES if getattr(self, name) is not None}

    def only(self, needs: Collection[str]) -> Binding:
        """The same binding with only the sizes in ``needs`` (the others are irrelevant)."""
        return Binding(**{name: getattr(self, name) for name in SIZES if name in needs})
