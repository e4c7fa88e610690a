"""The syntax tree: what a spec says, before it means anything.

Nodes are frozen, slotted and hashable; children are tuples. Two attributes stay out of
equality and hashing: ``span`` (the ``(start, end)`` character offsets in the source text, so
that moving whitespace never changes a tree) and ``depth`` (the nesting level, used to bound
recursion). ``parse_tree(unparse(tree)) == tree`` holds for every tree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from .records import Record

Span = tuple[int, int]
if TYPE_CHECKING:  # for annotations only: a TypeVar with a bound costs import time
    _N = TypeVar("_N", bound="_Node")

#: Units a number may carry: percent of the total training steps, or epochs.
UNITS = ("%", "ep", "sp", "tok")


class _Node(Record):
    """A syntax node: a record whose ``span`` and ``depth`` (and the names in ``_extra``) are
    set by keyword and stay out of equality.

    ``_children`` names the fields that hold child nodes (a node, a tuple of nodes, or None):
    every walk over the tree (:func:`children`, depth, spans) reads it, so no walk switches on
    node types.
    """

    __slots__ = ("span", "depth")
    _extra: ClassVar[tuple[str, ...]] = ()
    _children: ClassVar[tuple[str, ...]] = ()
    _field_setters: ClassVar[tuple[Callable[[Any, Any], None], ...]] = ()
    _extra_setters: ClassVar[tuple[Callable[[Any, Any], None], ...]] = ()

    span: Span | None
    depth: int

    def __init__(self, *args: Any, span: Span | None = None, depth: int = 1, **named: Any) -> None:
        put = object.__setattr__
        for name in self._extra:
            put(self, name, named.pop(name, None))
        put(self, "span", span)
        put(self, "depth", depth)
        super().__init__(*args, **named)

    @classmethod
    def _assemble(
        cls: type[_N],
        values: Iterable[Any],
        span: Span | None,
        depth: int,
        extra: Iterable[Any] = (),
    ) -> _N:
        """A node from its field values in ``_fields`` order and its extras in ``_extra``
        order, without the keyword handling of ``__init__`` (for trees rebuilt in bulk)."""
        node = object.__new__(cls)
        # Each slot's own setter: a frozen record's __setattr__ refuses, and going around it
        # with object.__setattr__ costs a name lookup per field.
        for put, value in zip(cls._field_setters, values):
            put(node, value)
        for put, value in zip(cls._extra_setters, extra):
            put(node, value)
        _set_span(node, span)
        _set_depth(node, depth)
        return node

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._field_setters = tuple(getattr(cls, name).__set__ for name in cls._fields)
        cls._extra_setters = tuple(getattr(cls, name).__set__ for name in cls._extra)

    def extras(self) -> tuple[Any, ...]:
        """The values of the fields in ``_extra``, in order."""
        return tuple(getattr(self, name) for name in self._extra) if self._extra else ()

    def with_span(self: _N, span: Span | None) -> _N:
        """The same node, found at ``span``."""
        extra = {name: getattr(self, name) for name in self._extra}
        return type(self)(
            *(getattr(self, f) for f in self._fields), span=span, depth=self.depth, **extra
        )

    def __reduce__(self) -> tuple[Any, ...]:
        extra = {name: getattr(self, name) for name in ("span", "depth", *self._extra)}
        return (_rebuild, (type(self), tuple(getattr(self, f) for f in self._fields), extra))


_set_span = _Node.__dict__["span"].__set__
_set_depth = _Node.__dict__["depth"].__set__


def _rebuild(cls: type[_N], fields: tuple[Any, ...], extra: dict[str, Any]) -> _N:
    return cls(*fields, **extra)


class Number(_Node):
    """A numeric literal: ``3``, ``0.1``, ``inf``, ``5%``, ``2ep``.

    ``value`` is an ``int`` or a ``float`` exactly as written (never negative: a minus sign is
    a :class:`Neg` node). Equality tells ``1`` from ``1.0``, because they print differently.
    """

    __slots__ = ("value", "unit")
    _fields = ("value", "unit")
    _defaults = {"unit": None}

    value: int | float
    unit: str | None

    def _key(self) -> tuple[Any, ...]:
        return (type(self.value), self.value, self.unit)

    def _validate(self) -> None:
        if isinstance(self.value, float) and math.isnan(self.value):
            raise ValueError("a Number cannot hold NaN")
        if self.unit is not None and self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")


class Bool(_Node):
    """``true``/``false`` (also Python's ``True``/``False``)."""

    __slots__ = ("value",)
    _fields = ("value",)

    value: bool


class Word(_Node):
    """A bare word, such as the enumeration value in ``mode=triangular2``."""

    __slots__ = ("name",)
    _fields = ("name",)

    name: str


class String(_Node):
    """A quoted string; enumerations accept it as well as a bare word."""

    __slots__ = ("value",)
    _fields = ("value",)

    value: str


class List(_Node):
    """``[1, 3, 5]``, or the items of a ``;`` argument group such as ``1,3,5``."""

    __slots__ = ("items",)
    _fields = ("items",)
    _children = ("items",)

    items: tuple[Node, ...]


class Mapping(_Node):
    """``{30: 0.5, "decay_steps": 50}``: keys (numbers or strings) and their values, in the
    order written (two tuples of the same length)."""

    __slots__ = ("keys", "values")
    _fields = ("keys", "values")
    _children = ("keys", "values")

    keys: tuple[Node, ...]
    values: tuple[Node, ...]


class NoneValue(_Node):
    """``None``, for the parameters of a library that take it."""

    __slots__ = ()
    _fields = ()


class Keyword(_Node):
    """A keyword argument ``name=value`` inside a call."""

    __slots__ = ("name", "value", "name_span")
    _fields = ("name", "value")
    _extra = ("name_span",)
    _children = ("value",)

    name: str
    value: Node
    name_span: Span | None


class Call(_Node):
    """``Name(positional..., keyword=...)``; the name may be dotted (``torch.StepLR``).

    Positional arguments always come before keywords (the parser enforces it).
    """

    __slots__ = ("name", "args", "kwargs", "name_span")
    _fields = ("name", "args", "kwargs")
    _defaults = {"args": (), "kwargs": ()}
    _extra = ("name_span",)
    _children = ("args", "kwargs")

    name: str
    args: tuple[Node, ...]
    kwargs: tuple[Keyword, ...]
    name_span: Span | None


class Seq(_Node):
    """``A >> B >> C``, stored flat; a parenthesised sequence inside stays a nested ``Seq``."""

    __slots__ = ("parts",)
    _fields = ("parts",)
    _children = ("parts",)

    parts: tuple[Node, ...]


class BinOp(_Node):
    """``left op right`` with ``op`` one of ``+ - * /``."""

    __slots__ = ("op", "left", "right")
    _fields = ("op", "left", "right")
    _children = ("left", "right")

    op: str
    left: Node
    right: Node


class Neg(_Node):
    """Unary minus."""

    __slots__ = ("operand",)
    _fields = ("operand",)
    _children = ("operand",)

    operand: Node


class Slice(_Node):
    """``target[start:stop]``; either bound may be missing."""

    __slots__ = ("target", "start", "stop")
    _fields = ("target", "start", "stop")
    _defaults = {"start": None, "stop": None}
    _children = ("target", "start", "stop")

    target: Node
    start: Node | None
    stop: Node | None


Node = (
    Number
    | Bool
    | Word
    | String
    | List
    | Mapping
    | NoneValue
    | Keyword
    | Call
    | Seq
    | BinOp
    | Neg
    | Slice
)

#: Bare words that the parser reads as values rather than as words.
RESERVED_WORDS = {"true": True, "false": False, "True": True, "False": False}
INF_WORD = "inf"
NONE_WORD = "None"


def children(node: Node) -> tuple[Node, ...]:
    """The direct child nodes of ``node``, in source order."""
    out: list[Node] = []
    for name in node._children:
        value = getattr(node, name)
        if isinstance(value, tuple):
            out.extend(value)
        elif value is not None:
            out.append(value)
    return tuple(out)


def tree_depth(node: Node) -> int:
    """The nesting depth of a tree, counted as the parser counts it (a leaf is 1 deep; a node
    one more than its deepest child), without recursion: for trees built otherwise than by the
    parser (the canonical tree of a meaning, the dict form)."""
    depth: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(node, False)]
    while stack:
        item, done = stack.pop()
        kids = children(item)
        if done or not kids:
            depth[id(item)] = 1 + max((depth[id(k)] for k in kids), default=0)
        else:
            stack.append((item, True))
            stack.extend((k, False) for k in kids)
    return depth[id(node)]
