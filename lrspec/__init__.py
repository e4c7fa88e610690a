"""lrspec: learning-rate schedules written as one short line of text.

>>> import lrspec
>>> s = lrspec.parse("Warmup(500) >> Cosine(0.1, 0.0, 10000)")
>>> s(250)
0.05
>>> str(lrspec.parse("Warmup( 500 )>>Cosine(0.1,0,10_000)"))
'Warmup(500) >> Cosine(0.1, 0.0, 10000)'
"""

from __future__ import annotations

from typing import Any

from .formats.config import load
from .formats.files import load_file
from .model.units import Binding
from .schedule.parsing import from_dict, parse
from .schedule.schedule import Schedule
from .syntax.errors import (
    ArgumentError,
    CompositionError,
    ConfigError,
    DependencyError,
    EvaluationError,
    LimitError,
    LrspecError,
    LrspecSyntaxError,
    StateError,
    UnitError,
    UnknownNameError,
)
from .syntax.limits import Limits, default_limits, set_default_limits
from .syntax.parser import parse_tree
from .syntax.printer import unparse

__version__ = "0.1.0"


def to_dict(schedule: Schedule) -> dict[str, Any]:
    """The dict form of a schedule (plain JSON types); see :func:`from_dict`."""
    return schedule.to_dict()


__all__ = [
    "ArgumentError",
    "Binding",
    "CompositionError",
    "ConfigError",
    "DependencyError",
    "EvaluationError",
    "LimitError",
    "Limits",
    "LrspecError",
    "LrspecSyntaxError",
    "Schedule",
    "StateError",
    "UnitError",
    "UnknownNameError",
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
