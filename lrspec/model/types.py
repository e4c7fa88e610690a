"""Parameter types: how an argument's syntax node becomes a typed value, and back.

Each type converts a node (checking its kind and range, with a message that names the family,
the parameter and the value), prints a value back as a canonical node, and knows its JSON
form. Types settle the canonical form: a float parameter given ``1`` holds ``1.0``; a step
count given ``1e4`` holds ``10000``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NoReturn

import numpy as np

from ..syntax.errors import (
    ArgumentError,
    LimitError,
    LrspecError,
    UnknownNameError,
    did_you_mean,
)
from ..syntax.limits import MAX_STEPS, Limits
from ..syntax.nodes import Bool, List, Mapping, Neg, Node, NoneValue, Number, Span, String, Word
from ..syntax.parser import is_number_literal, number_value
from ..syntax.printer import format_bound, format_number
from ..syntax.records import Record
from .units import MIN_LENGTH, UNITS, Binding, Quantity, normalize_steps


def describe_node(node: Node, number: str = "number") -> str:
    """What a value node is, for messages: "the number 5%", "the word 'x'", "a list"..."""
    if isinstance(node, Number):
        return f"the {number} {format_number(node.value, node.unit)}"
    if isinstance(node, Bool):
        return f"the boolean {'true' if node.value else 'false'}"
    if isinstance(node, Word):
        return f"the word '{node.name}'"
    if isinstance(node, String):
        return f"the string {node.value!r}"
    if isinstance(node, List):
        return "a list"
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, NoneValue):
        return "None"
    return "a schedule"


def _no_evaluate(node: Node) -> NoReturn:
    raise AssertionError("this context converts no schedule-valued argument")


def _no_from_json(value: Any) -> NoReturn:
    raise AssertionError("this context reads no schedule from JSON")


class Context:
    """Where a value is being converted: the family and parameter names (for messages), the
    limits, and how to evaluate a schedule-valued argument (``evaluate``: node -> Expr) or
    read one from JSON (``from_json``: JSON value -> node)."""

    __slots__ = ("family", "param", "limits", "evaluate", "from_json")

    def __init__(
        self,
        family: str,
        param: str,
        limits: Limits,
        evaluate: Callable[[Node], Any] = _no_evaluate,
        from_json: Callable[[Any], Node] = _no_from_json,
    ) -> None:
        self.family = family
        self.param = param
        self.limits = limits
        self.evaluate = evaluate
        self.from_json = from_json

    def fail(
        self,
        message: str,
        node: Node | None,
        cls: type[LrspecError] = ArgumentError,
        hint: str | None = None,
    ) -> NoReturn:
        raise cls(f"{self.family}: '{self.param}' {message}", span=_span(node), hint=hint)


def _span(node: Node | None) -> Span | None:
    return getattr(node, "span", None)


def signed_number(node: Node) -> int | float | None:
    """The value of ``3``, ``0.5`` or ``-0.5`` (a Neg of a Number without unit), else None."""
    sign = 1
    while isinstance(node, Neg):
        sign, node = -sign, node.operand
    if isinstance(node, Number) and node.unit is None:
        return sign * node.value if sign < 0 else node.value
    return None


def _to_float(value: int | float, ctx: Context, node: Node | None) -> float:
    try:
        return float(value) + 0.0  # + 0.0 turns -0.0 into 0.0
    except OverflowError:
        ctx.fail(f"is too large for a float, got {value}", node)


def _range_text(lo: float | None, hi: float | None, lo_open: bool, hi_open: bool) -> str:
    if lo is None:
        if hi is None:
            return "a number"
        return f"{'<' if hi_open else '<='} {format_bound(hi)}"
    if hi is None:
        return f"{'>' if lo_open else '>='} {format_bound(lo)}"
    opening, closing = "(" if lo_open else "[", ")" if hi_open else "]"
    return f"in {opening}{format_bound(lo)}, {format_bound(hi)}{closing}"


class ParamType:
    """Base of parameter types."""

    #: How the type reads in a signature and in the docs.
    label = "value"

    @property
    def holds_schedules(self) -> bool:
        """Values of this type may be (or hold) schedules: the children of a family."""
        return False

    def convert(self, node: Node, ctx: Context) -> Any:
        raise NotImplementedError

    def convert_number(
        self, value: int | float, unit: str | None, ctx: Context, node: Node | None = None
    ) -> Any:
        """Convert a number literal (``node`` is where it was written, if known)."""
        return self.convert(Number(value, unit) if node is None else node, ctx)

    def to_node(self, value: Any) -> Node:
        raise NotImplementedError

    def node_from_json(self, value: Any, ctx: Context) -> Node:
        """A JSON value (from a dict form) as the node it stands for."""
        return json_to_node(value, ctx)

    def quantities(self, value: Any) -> Iterable[Quantity]:
        """Yield every Quantity inside ``value`` (step counts written with units)."""
        return ()

    def resolve(self, value: Any, binding: Binding, ctx: Context, span: Span | None = None) -> Any:
        return value

    def describe(self) -> str:
        """How the type reads in the docs (``rate >= 0``)."""
        raise NotImplementedError


def json_to_node(value: Any, ctx: Context) -> Node:
    """The node a plain JSON value (from a dict form or a config file) stands for: numbers,
    booleans and lists as they are; a string is a number with a unit (``"5%"``), ``"inf"``,
    an enumeration word, or a quoted string."""
    if value is None:
        return NoneValue()
    if isinstance(value, (bool, np.bool_)):
        return Bool(bool(value))
    if isinstance(value, numbers.Real):
        # A Python int or float as such (an IntEnum or a NumPy number prints otherwise).
        if isinstance(value, numbers.Integral):
            value = int(value)
        else:
            value = float(value)
            if math.isnan(value):
                ctx.fail("must be a number, got NaN", None)
        return Number(abs(value)) if value >= 0 else Neg(Number(-value))
    if isinstance(value, str):
        value = str(value)
        negative = value.startswith("-")
        written = value[1:] if negative else value
        number = _number_text(written)
        if number is not None:
            return Neg(number) if negative else number
        # A bare word only where the grammar reads one (ASCII): anything else is a string.
        if value.isascii() and value.isidentifier():
            return Word(value)
        return String(value)
    if isinstance(value, (list, tuple)):
        return List(tuple(json_to_node(item, ctx) for item in value))
    ctx.fail(f"cannot be {type(value).__name__} {short_repr(value)}", None)


def _number_text(text: str) -> Number | None:
    """``"5%"``, ``"1e3"`` or ``"inf"`` as a Number node (a number exactly as the grammar
    writes one); None if the text is no number."""
    if text == "inf":
        return Number(math.inf)
    if not is_number_literal(text):
        return None
    value, unit = number_value(text)
    return Number(value, unit)


def short_repr(value: Any) -> str:
    """A value a caller gave, for a message: its repr, cut short (a caller's object may have
    any repr, even one that fails: then its type must do)."""
    try:
        text = repr(value)
    except Exception:
        if isinstance(value, int):  # more digits than Python prints
            return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
        return f"a {type(value).__name__}"
    if isinstance(value, int):
        return text  # whole: an error shows a long number by its ends and its length
    return text if len(text) <= 60 else text[:57] + "..."


class Real(ParamType, Record):
    """A real number, finite unless ``allow_inf``, within an optional range."""

    _fields = ("lo", "hi", "lo_open", "hi_open", "allow_inf", "label")
    _defaults = {
        "lo": None,
        "hi": None,
        "lo_open": False,
        "hi_open": False,
        "allow_inf": False,
        "label": "number",
    }

    lo: float | None
    hi: float | None
    lo_open: bool
    hi_open: bool
    allow_inf: bool
    label: str

    def convert(self, node: Node, ctx: Context) -> Any:
        if isinstance(node, Number):
            return self.convert_number(node.value, node.unit, ctx, node)
        value = signed_number(node)
        if value is None:
            ctx.fail(f"must be a number, got {describe_node(node)}", node)
        return self.convert_number(value, None, ctx, node)

    def convert_number(
        self, value: int | float, unit: str | None, ctx: Context, node: Node | None = None
    ) -> Any:
        if unit is not None:
            ctx.fail(
                f"takes no unit, got {format_number(value, unit)}",
                node,
                hint="units (%, ep, sp, tok) apply to step counts only",
            )
        value = _to_float(value, ctx, node)
        if math.isinf(value) and not self.allow_inf:
            ctx.fail(f"must be finite, got {value}", node)
        self.check_range(value, ctx, node)
        return value

    def check_range(self, value: float, ctx: Context, node: Node | None) -> None:
        lo, hi = self.lo, self.hi
        too_low = lo is not None and (value < lo or (self.lo_open and value == lo))
        too_high = hi is not None and (value > hi or (self.hi_open and value == hi))
        if not (too_low or too_high):
            return
        if lo is not None and hi is not None and hi < 1e300:
            wanted = _range_text(lo, hi, self.lo_open, self.hi_open)
        elif too_low:  # a one-sided range reads better ("must be >= 0")
            wanted = _range_text(lo, None, self.lo_open, False)
        else:
            wanted = _range_text(None, hi, False, self.hi_open)
        ctx.fail(f"must be {wanted}, got {format_number(value)}", node)

    def describe(self) -> str:
        if self.lo is None and self.hi is None:
            return self.label
        hi = self.hi if self.hi is not None and self.hi < 1e300 else None
        return f"{self.label} {_range_text(self.lo, hi, self.lo_open, self.hi_open)}"

    def to_node(self, value: Any) -> Node:
        return Number(value) if value >= 0 else Neg(Number(-value))


class Integer(ParamType, Record):
    """An integer (an integral float such as ``10.0`` is accepted as ``10``)."""

    _fields = ("lo", "hi", "label")
    _defaults = {"lo": None, "hi": None, "label": "integer"}

    lo: int | None
    hi: int | None
    label: str

    def convert(self, node: Node, ctx: Context) -> Any:
        value = signed_number(node)
        if value is None:
            ctx.fail(f"must be an integer, got {describe_node(node)}", node)
        return self.convert_number(value, None, ctx, node)

    def convert_number(
        self, value: int | float, unit: str | None, ctx: Context, node: Node | None = None
    ) -> Any:
        if unit is not None:
            ctx.fail(f"must be an integer, got {format_number(value, unit)}", node)
        if isinstance(value, float):
            if not value.is_integer():
                ctx.fail(f"must be an integer, got {format_number(value)}", node)
            value = int(value)
        too_low = self.lo is not None and value < self.lo
        if too_low or (self.hi is not None and value > self.hi):
            if self._two_sided():
                wanted = _range_text(self.lo, self.hi, False, False)
            else:  # an upper bound as large as 2**53 is a safety net, not a real range
                wanted = _range_text(
                    self.lo if too_low else None, None if too_low else self.hi, False, False
                )
            ctx.fail(f"must be {wanted}, got {value}", node)
        return value

    def _two_sided(self) -> bool:
        return self.lo is not None and self.hi is not None and self.hi < MAX_STEPS

    def describe(self) -> str:
        hi = self.hi if self._two_sided() else None
        return f"{self.label} {_range_text(self.lo, hi, False, False)}"

    def to_node(self, value: Any) -> Node:
        return Number(value) if value >= 0 else Neg(Number(-value))


class Steps(ParamType, Record):
    """A step count: a number >= 0 (or > 0), optionally with a unit (``5%``, ``2ep``)."""

    _fields = ("positive", "label")
    _defaults = {"positive": False, "label": "steps"}

    positive: bool
    label: str

    def _check(
        self, value: int | float, ctx: Context, node: Node | None, written: str | None = None
    ) -> None:
        if (value < MIN_LENGTH if self.positive else value < 0) or value > MAX_STEPS:
            shown = written if written is not None else format_number(value)
            if self.positive and value <= 0:
                ctx.fail(f"must be > 0, got {shown}", node)
            if self.positive and value < MIN_LENGTH:
                ctx.fail(f"must be at least {MIN_LENGTH:g} steps, got {shown}", node)
            if value < 0:
                ctx.fail(f"must be >= 0, got {shown}", node)
            ctx.fail(f"must be at most 2**53 steps, got {shown}", node, cls=LimitError)

    def convert(self, node: Node, ctx: Context) -> Any:
        if isinstance(node, Number):
            return self.convert_number(node.value, node.unit, ctx, node)
        value = signed_number(node)
        if value is None:
            ctx.fail(f"must be a step count, got {describe_node(node)}", node)
        return self.convert_number(value, None, ctx, node)

    def convert_number(
        self, value: int | float, unit: str | None, ctx: Context, node: Node | None = None
    ) -> Any:
        if unit is not None:
            if isinstance(value, float) and not math.isfinite(value):
                ctx.fail(f"must be finite, got {value}", node)
            quantity = Quantity(normalize_steps(value), unit)
            limit = getattr(ctx.limits, UNITS[unit].limit)
            if quantity.value > limit:
                ctx.fail(
                    f"must be at most {format_bound(limit)}{unit}, got {quantity}",
                    node,
                    cls=LimitError,
                )
            # The sign now; the range of steps once the unit is resolved (see resolve()).
            if quantity.value < 0 or (self.positive and quantity.value == 0):
                ctx.fail(f"must be {'> 0' if self.positive else '>= 0'}, got {quantity}", node)
            return quantity
        if isinstance(value, float) and not math.isfinite(value):
            ctx.fail(f"must be finite, got {format_number(value)}", node)
        self._check(value, ctx, node)
        return normalize_steps(value)

    def describe(self) -> str:
        return f"{self.label} {'> 0' if self.positive else '>= 0'} (units %, ep, sp, tok allowed)"

    def to_node(self, value: Any) -> Node:
        if isinstance(value, Quantity):
            return Number(value.value, value.unit)
        return Number(value)

    def quantities(self, value: Any) -> Iterable[Quantity]:
        return (value,) if isinstance(value, Quantity) else ()

    def resolve(self, value: Any, binding: Binding, ctx: Context, span: Span | None = None) -> Any:
        if not isinstance(value, Quantity):
            return value
        resolved = binding.resolve(value, span)
        self._check(resolved, ctx, None, written=f"{resolved} ({value})")
        return resolved


class Boolean(ParamType, Record):
    """``true`` or ``false``."""

    _fields = ("label",)
    _defaults = {"label": "true or false"}

    label: str

    def convert(self, node: Node, ctx: Context) -> Any:
        if not isinstance(node, Bool):
            ctx.fail(f"must be true or false, got {describe_node(node)}", node)
        return node.value

    def describe(self) -> str:
        return self.label

    def to_node(self, value: Any) -> Node:
        return Bool(value)


class Choice(ParamType, Record):
    """One of a fixed set of words; a quoted string is accepted too."""

    _fields = ("options",)

    options: tuple[str, ...]

    def convert(self, node: Node, ctx: Context) -> Any:
        if isinstance(node, Word):
            value = node.name
        elif isinstance(node, String):
            value = node.value
        else:
            ctx.fail(f"must be one of {', '.join(self.options)}, got {describe_node(node)}", node)
        if value not in self.options:
            ctx.fail(
                f"must be one of {', '.join(self.options)}, got '{value}'",
                node,
                cls=UnknownNameError,
                hint=did_you_mean(value, self.options),
            )
        return value

    def describe(self) -> str:
        return " | ".join(self.options)

    def to_node(self, value: Any) -> Node:
        return Word(value)


class ListOf(ParamType, Record):
    """A list (``[1, 3, 5]`` or a ``;`` group ``1,3,5``); a single value is a list of one."""

    _fields = ("item", "ascending")
    _defaults = {"ascending": False}

    item: ParamType
    ascending: bool

    @property
    def holds_schedules(self) -> bool:
        return self.item.holds_schedules

    def convert(self, node: Node, ctx: Context) -> Any:
        items = node.items if isinstance(node, List) else (node,)
        if len(items) > ctx.limits.max_list_length:
            ctx.fail(
                f"has {len(items)} items; the limit is {ctx.limits.max_list_length}",
                node,
                cls=LimitError,
                hint="raise Limits.max_list_length if this is really meant",
            )
        values = tuple(self.item.convert(item, ctx) for item in items)
        if self.ascending:
            self.check_order(values, ctx, node)
        return values

    def check_order(self, values: tuple[Any, ...], ctx: Context, node: Node | None) -> None:
        # Values with units can only be compared once resolved; compare like with like.
        plain = [v for v in values if not isinstance(v, Quantity)]
        if any(b < a for a, b in zip(plain, plain[1:])):
            ctx.fail(f"must be in ascending order, got [{', '.join(str(v) for v in values)}]", node)

    def describe(self) -> str:
        order = "ascending " if self.ascending else ""
        return f"{order}list of {self.item.describe()}"

    def to_node(self, value: Any) -> Node:
        return List(tuple(self.item.to_node(v) for v in value))

    def node_from_json(self, value: Any, ctx: Context) -> Node:
        if isinstance(value, list):
            return List(tuple(self.item.node_from_json(v, ctx) for v in value))
        return self.item.node_from_json(value, ctx)

    def quantities(self, value: Any) -> Iterator[Quantity]:
        for v in value:
            yield from self.item.quantities(v)

    def resolve(self, value: Any, binding: Binding, ctx: Context, span: Span | None = None) -> Any:
        resolved = tuple(self.item.resolve(v, binding, ctx, span) for v in value)
        if self.ascending:
            self.check_order(resolved, ctx, None)
        return resolved


class Nullable(ParamType, Record):
    """A value of ``item``'s type, or ``None`` (for a library's parameter that takes None)."""

    _fields = ("item",)

    item: ParamType

    @property
    def holds_schedules(self) -> bool:
        return self.item.holds_schedules

    def convert(self, node: Node, ctx: Context) -> Any:
        return None if type(node) is NoneValue else self.item.convert(node, ctx)

    def describe(self) -> str:
        return f"{self.item.describe()}, or None"

    def to_node(self, value: Any) -> Node:
        return NoneValue() if value is None else self.item.to_node(value)

    def node_from_json(self, value: Any, ctx: Context) -> Node:
        return NoneValue() if value is None else self.item.node_from_json(value, ctx)

    def quantities(self, value: Any) -> Iterable[Quantity]:
        return () if value is None else self.item.quantities(value)

    def resolve(self, value: Any, binding: Binding, ctx: Context, span: Span | None = None) -> Any:
        return None if value is None else self.item.resolve(value, binding, ctx, span)


class MappingOf(ParamType, Record):
    """A mapping ``{key: value, ...}``, held as a tuple of ``(key, value)`` pairs in the order
    written; keys must differ."""

    _fields = ("key", "value", "label")
    _defaults = {"label": "mapping"}

    key: ParamType
    value: ParamType
    label: str

    @property
    def holds_schedules(self) -> bool:
        return self.value.holds_schedules

    def convert(self, node: Node, ctx: Context) -> Any:
        if type(node) is not Mapping:
            ctx.fail(f"must be a mapping {{key: value, ...}}, got {describe_node(node)}", node)
        if len(node.keys) > ctx.limits.max_list_length:
            ctx.fail(
                f"has {len(node.keys)} items; the limit is {ctx.limits.max_list_length}",
                node,
                cls=LimitError,
                hint="raise Limits.max_list_length if this is really meant",
            )
        pairs = tuple(
            (self.key.convert(k, ctx), self.value.convert(v, ctx))
            for k, v in zip(node.keys, node.values)
        )
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            ctx.fail("has the same key twice", node)
        return pairs

    def describe(self) -> str:
        return f"{{{self.key.describe()}: {self.value.describe()}, ...}}"

    def to_node(self, value: Any) -> Node:
        return Mapping(
            tuple(self.key.to_node(k) for k, _ in value),
            tuple(self.value.to_node(v) for _, v in value),
        )

    def node_from_json(self, value: Any, ctx: Context) -> Node:
        if not isinstance(value, dict):
            return json_to_node(value, ctx)  # the conversion says what is wrong
        keys = []
        for key in value:
            if not isinstance(key, str):
                ctx.fail(f"has a key that is not a string: {short_repr(key)}", None)
            keys.append(self.key.node_from_json(key, ctx))
        values = tuple(self.value.node_from_json(v, ctx) for v in value.values())
        return Mapping(tuple(keys), values)

    def quantities(self, value: Any) -> Iterator[Quantity]:
        for k, v in value:
            yield from self.key.quantities(k)
            yield from self.value.quantities(v)

    def resolve(self, value: Any, binding: Binding, ctx: Context, span: Span | None = None) -> Any:
        return tuple(
            (self.key.resolve(k, binding, ctx, span), self.value.resolve(v, binding, ctx, span))
            for k, v in value
        )


class ScheduleType(ParamType, Record):
    """A schedule (for combinators such as Repeat, min and max)."""

    holds_schedules = True

    _fields = ("label",)
    _defaults = {"label": "schedule"}

    label: str

    def convert(self, node: Node, ctx: Context) -> Any:
        return ctx.evaluate(node)

    def describe(self) -> str:
        return self.label

    def to_node(self, value: Any) -> Node:
        node: Node = value.to_node()
        return node

    def node_from_json(self, value: Any, ctx: Context) -> Node:
        return ctx.from_json(value)

    def resolve(self, value: Any, binding: Binding, ctx: Context, span: Span | None = None) -> Any:
        return value.resolve(binding)


# Shared instances for the common cases.
RATE = Real(0.0, 1e300, label="rate")
FRACTION = Real(0.0, 1.0, label="number")
POSITIVE = Real(0.0, lo_open=True)
NON_NEGATIVE = Real(0.0)
STEPS = Steps()
POSITIVE_STEPS = Steps(positive=True)
BOOLEAN = Boolean()
SCHEDULE = ScheduleType()
