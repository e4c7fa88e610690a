"""lrspec: learning-rate schedules written as one short line of text.

    >>> import lrspec
    >>> s = lrspec.parse("Warmup(500) >> Cosine(0.1, 0.0, 10000)")
    >>> s(250)
    0.05
    >>> str(lrspec.parse("Warmup( 500 )>>Cosine(0.1,0,10_000)"))
    'Warmup(500) >> Cosine(0.1, 0.0, 10000)'
"""

from __future__ import annotations

from .errors import (
    ArgumentError,
    CompositionError,
    ConfigError,
    EvaluationError,
    LimitError,
    LrspecError,
    LrspecSyntaxError,
    StateError,
    UnitError,
    UnknownNameError,
)
from .config import load, load_file
from .dictform import from_dict
from .evaluator import evaluate
from .limits import Limits, default_limits, set_default_limits
from .params import Binding
from .parser import parse_tree
from .printer import unparse
from .schedule import Schedule

__version__ = "0.1.0"



def parse(text: str, *, total_steps: int | None = None, steps_per_epoch: int | None = None,
          limits: Limits | None = None) -> Schedule:
    """Parse spec text into a :class:`Schedule`.

    ``total_steps`` and ``steps_per_epoch`` resolve the units ``%`` and ``ep`` (they can also
    be given later with :meth:`Schedule.bind`). Raises an :class:`LrspecError` whose message
    shows the text with a caret under the problem.
    """
    tree = parse_tree(text, limits=limits)
    try:
        expr = evaluate(tree, limits)
        return Schedule(expr, Binding(total_steps, steps_per_epoch), text)
    except LrspecError as error:
        raise error.with_text(text) from None


def to_dict(schedule: Schedule) -> dict:
    """The dict form of a schedule (plain JSON types); see :func:`from_dict`."""
    return schedule.to_dict()


__all__ = [
    "ArgumentError",
    "CompositionError",
    "ConfigError",
    "EvaluationError",
    "LimitError",
    "Limits",
    "LrspecError",
    "LrspecSyntaxError",
    "StateError",
    "UnitError",
    "UnknownNameError",
    "Schedule",
    "default_limits",
    "from_dict",
    "load",
    "load_file",
    "parse",
    "parse_tree",
    "set_default_limits",
    "to_dict",
    "unparse",
]
