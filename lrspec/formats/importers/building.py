"""What the importers share: syntax nodes for their numbers and calls, a warmup in front of a
body, and the schedule of a built tree.

An importer builds the syntax tree of its schedule (``lrspec.syntax.nodes``), never text: the
printer writes the text (``Schedule.__str__``) and the evaluator gives the tree its meaning
directly, with every check a parsed text gets.
"""

from __future__ import annotations

import math
import numbers
import reprlib
from typing import Any

from ...model.evaluator import evaluate
from ...model.units import Binding
from ...schedule.schedule import Schedule
from ...syntax.errors import ConfigError, LrspecError
from ...syntax.nodes import Bool, Call, Keyword, Neg, Node, Number, Seq, Slice, String, Word
from ...syntax.printer import unparse

#: The largest step count lrspec takes (a float holds every whole number up to it).
MAX_STEPS = 2**53
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60


def short(value: Any) -> str:
    """``repr(value)`` for a message: at most about 60 characters, and never the thousands of
    digits of a huge integer."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        digits = int(int(value).bit_length() * 0.30103) + 1
        if digits > 30:
            return f"an integer of {digits} digits"
    try:
        text = _REPR.repr(value)
    except (ValueError, RecursionError):  # a huge integer inside a container
        return f"a {type(value).__name__}"
    return text if len(text) <= 60 else text[:57] + "..."


def setting(value: Any, name: str) -> int | float:
    """A setting that must be a finite number, as given (an int stays an int); YAML reads
    ``3e-4`` as a string: the hint says so."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        hint = None
        if isinstance(value, str) and _looks_like_a_number(value):
            hint = "YAML reads a number such as 3e-4 as a string: write 3.0e-4"
        raise ConfigError(f"{name} must be a number, got {short(value)}", hint=hint)
    if isinstance(value, numbers.Integral):
        integer = int(value)
        if abs(integer) > MAX_STEPS:
            raise ConfigError(f"{name} must be at most 2**53 in size, got {short(value)}")
        return integer
    number = float(value)
    if not math.isfinite(number):
        raise ConfigError(f"{name} must be a finite number, got {number!r}")
    return number


def _looks_like_a_number(text: str) -> bool:
    try:
        float(text[:100])
    except ValueError:
        return False
    return True


def real(value: Any, name: str) -> float:
    """A setting that must be a finite number, as a float."""
    return float(setting(value, name))


def count(value: Any, name: str) -> int | float:
    """A step count: a whole number from 0 to 2**53 (a float below 1 may be a ratio)."""
    number = real(value, name)
    if not 0 <= number <= MAX_STEPS:
        raise ConfigError(f"{name} must be between 0 and 2**53, got {short(value)}")
    return int(number) if number.is_integer() else number


def num(value: Any, what: str = "a rate") -> Node:
    """The node of a number as given (``3`` stays an int, ``0.1`` a float; negative numbers
    are a negation)."""
    number = setting(value, what)
    return Number(abs(number)) if number >= 0 else Neg(Number(-number))


def rate(value: Any, what: str = "a rate") -> Node:
    """The node of a rate, always a float (``1`` -> ``1.0``)."""
    return num(real(value, what), what)


def steps(value: Any, what: str = "a step count") -> Node:
    """The node of a step count: an int where it is whole, else a float."""
    number = setting(value, what)
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return Number(abs(number)) if number >= 0 else Neg(Number(-number))


def word(value: Any, what: str = "a setting") -> Node:
    """The node of a setting: a number, a bool, or a word (a quoted string if it is not
    one)."""
    if isinstance(value, bool):
        return Bool(value)
    if isinstance(value, str):
        return Word(value) if value.isidentifier() else String(value)
    return num(value, what)


def call(name: str, *args: Node, **kwargs: Node) -> Call:
    """``name(args..., key=value...)``."""
    return Call(name, args, tuple(Keyword(key, value) for key, value in kwargs.items()))


def seq(*parts: Node) -> Node:
    """``A >> B >> ...``, flat (a part that is a sequence itself is spliced in, as ``>>``
    reads ``(A >> B) >> C``)."""
    flat: list[Node] = []
    for part in parts:
        flat.extend(part.parts if isinstance(part, Seq) else (part,))
    return flat[0] if len(flat) == 1 else Seq(tuple(flat))


def cut(target: Node, start: Any = None, stop: Any = None) -> Slice:
    """``target[start:stop]`` (either bound may be None)."""
    return Slice(
        target,
        None if start is None else steps(start, "a slice bound"),
        None if stop is None else steps(stop, "a slice bound"),
    )


def build(node: Node, binding: Binding | None = None) -> Schedule:
    """The schedule of a built tree: the evaluator's meaning of it, with all its checks.

    An error names the printed tree, as the converted schedule the user did not write.
    """
    try:
        return Schedule(evaluate(node), binding or Binding(), unparse(node))
    except LrspecError as error:
        text = unparse(node)
        if error.hint is None and len(text) <= 200:
            error = error.with_hint(f"in the converted schedule {text}")
        raise error.with_text(text) from None


def warmed(warmup: Any, body: Node, start: float, target: float) -> Node:
    """``body`` after a linear warmup from ``start`` to ``target`` over ``warmup`` steps.

    ``Warmup`` ramps to the first value of what follows; when that is not ``target`` (timm
    warms up to the base rate and then jumps), the ramp is an explicit ``Linear``.
    """
    if warmup <= 0:
        return body
    length = steps(warmup, "the warmup")
    if build(body)(0) == target:
        ramp = call("Warmup", length) if start == 0 else call("Warmup", length, rate(start))
    else:
        ramp = call("Linear", rate(start), rate(target), length)
    return seq(ramp, body)
