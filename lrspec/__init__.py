"""lrspec: learning-rate schedules written as one short line of text.

    >>> import lrspec
    >>> lrspec.unparse(lrspec.parse_tree("Warmup(500)>>Cosine(0.1,0.0,10_000)"))
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
from .limits import Limits, default_limits, set_default_limits
from .parser import parse_tree
from .printer import unparse

__version__ = "0.1.0"

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
    "default_limits",
    "parse_tree",
    "set_default_limits",
    "unparse",
]
