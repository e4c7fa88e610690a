"""Resource limits for untrusted input.

Spec strings come from config files, command lines and web forms. Each limit bounds one
resource; exceeding it raises :class:`lrspec.LimitError` with a message naming the limit.
Pass ``limits=Limits(...)`` to a call, or change the process-wide default with
:func:`set_default_limits`.
"""

from __future__ import annotations

from collections.abc import Callable

from .records import Record

#: The step domain: every step count, length, size of a run and step where a schedule changes
#: is at most this, so that every integer up to it is exact in a float and the per-step and
#: whole-array paths compare steps alike. Fixed (not a field of ``Limits``).
MAX_STEPS = 2**53


class Limits(Record):
    """Upper bounds on what one spec may ask for.

    - ``max_length``: characters of spec text.
    - ``max_depth``: nesting of brackets and of the syntax tree (operators, calls, lists).
    - ``max_list_length``: items in one list argument (milestones, boundaries, values).
    - ``max_repeat``: a finite ``Repeat`` count (``times=inf`` is always allowed).
    - ``max_percent``, ``max_epochs``, ``max_samples``, ``max_tokens``: the number in a
      ``%``, ``ep``, ``sp`` or ``tok`` unit value.
    - ``max_eval_steps``: the steps the ``lrspec`` command evaluates at once (``eval``,
      ``plot``).
    """

    __slots__ = (
        "max_length",
        "max_depth",
        "max_list_length",
        "max_repeat",
        "max_percent",
        "max_epochs",
        "max_samples",
        "max_tokens",
        "max_eval_steps",
    )
    _fields = __slots__
    _defaults = {
        "max_length": 100_000,
        "max_depth": 100,
        "max_list_length": 10_000,
        "max_repeat": 1_000_000,
        "max_percent": 10_000.0,
        "max_epochs": 1_000_000.0,
        "max_samples": 1e15,
        "max_tokens": 1e18,
        "max_eval_steps": 10_000_000,
    }

    max_length: int
    max_depth: int
    max_list_length: int
    max_repeat: int
    max_percent: float
    max_epochs: float
    max_samples: float
    max_tokens: float
    max_eval_steps: int


_default = Limits()
# Called when the default limits change (caches made under the old limits forget).
_listeners: list[Callable[[], None]] = []


def default_limits() -> Limits:
    """The limits used when a call is given none."""
    return _default


def set_default_limits(limits: Limits) -> None:
    """Change the limits used when a call is given none (for the whole process)."""
    global _default
    if not isinstance(limits, Limits):
        raise TypeError("set_default_limits expects a lrspec.Limits")
    _default = limits
    for listener in _listeners:
        listener()


def on_default_limits_change(listener: Callable[[], None]) -> None:
    """Call ``listener`` whenever :func:`set_default_limits` changes the default."""
    _listeners.append(listener)
