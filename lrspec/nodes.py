"""The syntax tree: what a spec says, before it means anything.

Nodes are frozen, slotted and hashable; children are tuples. Two attributes stay out of
equality and hashing: ``span`` (the ``(start, end)`` character offsets in the source text, so
that moving whitespace never changes a tree) and ``depth`` (the nesting level, used to bound
recursion). ``parse_tree(unparse(tree)) == tree`` holds for every tree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Union

Span = tuple[int, int]

#: Units a number may carry: percent of the total training steps, or epochs.
UNITS = ("%", "ep")


def _meta(default):
    return field(default=default, compare=False, repr=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric literal: ``3``, ``0.1``, ``inf``, ``5%``, ``2ep``.

    ``value`` is an ``int`` or a ``float`` exactly as written (never negative: a minus sign is
    a :class:`Neg` node). Equality tells ``1`` from ``1.0``, because they print differently.
    """

    value: int | float
    unit: str | None = None
    span: Span | None = _meta(None)
    depth: int = _meta(1)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Number):
            return NotImplemented
        return (
            type(self.value) is type(other.value)
            and self.value == other.value
            and self.unit == other.unit
        )

    def __hash__(self) -> int:
        return hash((Number, type(self.value), self.value, self.unit))

    def __post_init__(self) -> None:
        if isinstance(self.value, float) and math.isnan(self.value):
            raise ValueError("a Number cannot hold NaN")
        if self.unit is not None and self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")


@dataclass(frozen=True, slots=True)
class Bool:
    """``true``/``false`` (also Python's ``True``/``False``)."""

    value: bool
    span: Span | None = _meta(None)
    depth: int = _meta(1)


@dataclass(frozen=True, slots=True)
class Word:
    """A bare word, such as the enumeration value in ``mode=triangular2``."""

    name: str
    span: Span | None = _meta(None)
    depth: int = _meta(1)


@dataclass(frozen=True, slots=True)
class String:
    """A quoted string; enumerations accept it as well as a bare word."""

    value: str
    span: Span | None = _meta(None)
    depth: int = _meta(1)


@dataclass(frozen=True, slots=True)
class List:
    """``[1, 3, 5]``, or the items of a ``;`` argument group such as ``1,3,5``."""

    items: tuple[Node, ...]
    span: Span | None = _meta(None)
    depth: int = _meta(1)


@dataclass(frozen=True, slots=True)
class Keyword:
    """A keyword argument ``name=value`` inside a call."""

    name: str
    value: Node
    span: Span | None = _meta(None)
    name_span: Span | None = _meta(None)
    depth: int = _meta(1)


@dataclass(frozen=True, slots=True)
class Call:
    """``Name(positional..., keyword=...)``; the name may be dotted (``torch.StepLR``).

    Positional arguments always come before keywords (the parser enforces it).
    """

    name: str
    args: tuple[Node, ...] = ()
    kwargs: tuple[Keyword, ...] = ()
    span: Span | None = _meta(None)
    name_span: Span | None = _meta(None)
    depth: int = _meta(1)


@dataclass(frozen=True, slots=True)
class Seq:
    """``A >> B >> C``, stored flat; a parenthesised sequence inside stays a nested ``Seq``."""

    parts: tuple[Node, ...]
    span: Span | None = _meta(None)
    depth: int = _meta(1)


@dataclass(frozen=True, slots=True)
class BinOp:
    """``left op right`` with ``op`` one of ``+ - * /``."""

    op: str
    left: Node
    right: Node
    span: Span | None = _meta(None)
    depth: int = _meta(1)


@dataclass(frozen=True, slots=True)
class Neg:
    """Unary minus."""

    operand: Node
    span: Span | None = _meta(None)
    depth: int = _meta(1)


@dataclass(frozen=True, slots=True)
class Slice:
    """``target[start:stop]``; either bound may be missing."""

    target: Node
    start: Number | None = None
    stop: Number | None = None
    span: Span | None = _meta(None)
    depth: int = _meta(1)


Node = Union[Number, Bool, Word, String, List, Keyword, Call, Seq, BinOp, Neg, Slice]

#: Bare words that the parser reads as values rather than as words.
RESERVED_WORDS = {"true": True, "false": False, "True": True, "False": False}
INF_WORD = "inf"


def children(node: Node) -> tuple[Node, ...]:
    """The direct child nodes of ``node``, in source order."""
    if isinstance(node, List):
        return node.items
    if isinstance(node, Keyword):
        return (node.value,)
    if isinstance(node, Call):
        return node.args + node.kwargs
    if isinstance(node, Seq):
        return node.parts
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, Neg):
        return (node.operand,)
    if isinstance(node, Slice):
        return (node.target,) + tuple(b for b in (node.start, node.stop) if b is not None)
    return ()
