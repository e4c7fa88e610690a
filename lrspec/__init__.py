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
from . import fastpath
from .config import load, load_file
from .dictform import from_dict
from .evaluator import evaluate
from .limits import Limits, default_limits, set_default_limits
from .params import Binding
from .parser import parse_tree
from .printer import unparse
from .schedule import Schedule

__version__ = "0.1.0"


# Parsed schedules by (text, total_steps, steps_per_epoch), for texts parsed again and again
# (every command-line run, every config reload). Schedules are immutable, so a cached one is
# shared; a stateful one is handed out fresh each time. When it is full it starts afresh.
_CACHE: dict[tuple, tuple[Schedule, bool]] = {}
_CACHE_SIZE = 1024


def parse(text: str, *, total_steps: int | None = None, steps_per_epoch: int | None = None,
          limits: Limits | None = None) -> Schedule:
    """Parse spec text into a :class:`Schedule`.

    ``total_steps`` and ``steps_per_epoch`` resolve the units ``%`` and ``ep`` (they can also
    be given later with :meth:`Schedule.bind`). Raises an :class:`LrspecError` whose message
    shows the text with a caret under the problem.
    """
    key = (text, total_steps, steps_per_epoch)
    # True == 1 as a key, but only the int is a size: anything but ints skips the cache.
    cacheable = limits is None and all(
        size is None or type(size) is int for size in (total_steps, steps_per_epoch))
    if cacheable:
        try:
            schedule, stateful = _CACHE[key]
        except (KeyError, TypeError):  # TypeError: an unhashable non-string, an error below
            pass
        else:
            if stateful:
                return Schedule(schedule._expr, schedule._binding, text, needs=schedule._needs,
                                exact_spans=schedule._exact_spans)
            return schedule
    binding = Binding(total_steps, steps_per_epoch)
    rebuilt = None
    if limits is None and type(text) is str and len(text) <= default_limits().max_length:
        rebuilt = fastpath.rebuild(text)
    if rebuilt is not None:
        expr, template = rebuilt
        schedule = Schedule(expr, binding, text, exact_spans=False, needs=template.needs)
        stateful = template.stateful
    else:
        schedule = _parse_uncached(text, binding, limits)
        stateful = schedule.stateful
    if cacheable:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()  # simpler and cheaper than keeping an order
        _CACHE[key] = (schedule, stateful)
    return schedule


def _parse_uncached(text: str, binding: Binding, limits: Limits | None = None) -> Schedule:
    """The full path: Lark, the evaluator, and a template for texts like this one."""
    tree = parse_tree(text, limits=limits)
    try:
        expr = evaluate(tree, limits)
        schedule = Schedule(expr, binding, text)
    except LrspecError as error:
        raise error.with_text(text) from None
    if limits is None:
        fastpath.remember(text, expr, default_limits())
    return schedule


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
