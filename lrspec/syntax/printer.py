"""Syntax tree to canonical text; and every other way lrspec writes a number.

Number formatting lives only here: in spec text floats print as ``repr(float)`` (the shortest
text that reads back to the same float), ints as written without underscores, units as
written (:func:`format_number`); for people, rates print with six significant digits
(:func:`format_value`), steps as whole numbers where they are whole (:func:`format_step`), and
the bounds of ranges in messages compactly (:func:`format_bound`). Parentheses come from a
precedence table, never from special cases.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .nodes import (
    BinOp,
    Bool,
    Call,
    Keyword,
    List,
    Mapping,
    Neg,
    Node,
    NoneValue,
    Number,
    Seq,
    Slice,
    String,
    Word,
)

# -- numbers --------------------------------------------------------------------------------


def format_number(value: int | float, unit: str | None = None) -> str:
    """``0.1`` -> ``'0.1'``, ``10_000`` -> ``'10000'``, ``inf`` -> ``'inf'``, with the unit."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"not a number: {value!r}")
    if isinstance(value, float):
        if math.isnan(value):
            raise ValueError("NaN has no lrspec spelling")
        text = repr(value)
    else:
        text = str(value)
    return text + (unit or "")


def format_bound(value: int | float) -> str:
    """A bound of a range in a message: ints as they are, floats compactly (``1e+06``)."""
    return str(value) if isinstance(value, int) else f"{value:g}"


#: Values smaller than this fraction of a schedule's largest value read as 0.0.
ZERO_FRACTION = 1e-12


def format_value(value: float, scale: float = 0.0) -> str:
    """A rate for people: 6 significant digits, as a Python float prints (``0.1``, ``1e-05``).

    With ``scale`` (the schedule's largest absolute value), values smaller than ``1e-12 *
    scale`` show as ``0.0``: a cosine a hair before its end is at its floor, for a reader.

    >>> format_value(0.09999999999999987), format_value(3e-35, scale=0.1), format_value(2.5e-4)
    ('0.1', '0.0', '0.00025')
    """
    if not math.isfinite(value):
        return repr(float(value))
    if scale and abs(value) <= ZERO_FRACTION * scale:
        value = 0.0
    return repr(float(f"{value:.6g}") + 0.0)


def format_step(step: float | int | None) -> str:
    """A step for people: ``100``, ``12.5``, ``inf``; ``-`` for none."""
    if step is None:
        return "-"
    if isinstance(step, float):
        if math.isinf(step):
            return "inf"
        if step.is_integer():
            return str(int(step))
        return repr(step)
    return str(step)


def format_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\\n")
    return f'"{escaped}"'


# -- trees ------------------------------------------------------------------------------------

# Binding strength, lowest first. A child is parenthesised when it binds less tightly than
# its position requires.
_SEQ, _SUM, _PRODUCT, _UNARY, _POSTFIX, _ATOM = range(6)
_OP_PRECEDENCE = {"+": _SUM, "-": _SUM, "*": _PRODUCT, "/": _PRODUCT}


def unparse(node: Node) -> str:
    """The canonical text of a syntax tree; ``parse_tree(unparse(t)) == t``.

    >>> from lrspec.syntax.parser import parse_tree
    >>> unparse(parse_tree("Warmup( 500 )>>Cosine(0.1,0.0,10_000)"))
    'Warmup(500) >> Cosine(0.1, 0.0, 10000)'
    """
    return _text(node, _SEQ)


def _text(node: Node, required: int) -> str:
    precedence, write = _WRITERS[type(node)]
    level = precedence(node) if callable(precedence) else precedence
    text = write(node)
    return f"({text})" if level < required else text


def _bound_text(bound: Number | None) -> str:
    return "" if bound is None else format_number(bound.value, bound.unit)


def _binary(node: BinOp) -> str:
    level = _OP_PRECEDENCE[node.op]
    # Left-associative: the right operand must bind strictly tighter.
    return f"{_text(node.left, level)} {node.op} {_text(node.right, level + 1)}"


def _call(node: Call) -> str:
    args = [_text(a, _SEQ) for a in node.args] + [_text(k, _SEQ) for k in node.kwargs]
    return f"{node.name}({', '.join(args)})"


# One entry per syntax node type: its binding strength and how it is written.
# The writers take the node of their own type (Any: the table is keyed by that type).
_WRITERS: dict[type, tuple[int | Callable[[Any], int], Callable[[Any], str]]] = {
    Number: (_ATOM, lambda n: format_number(n.value, n.unit)),
    Bool: (_ATOM, lambda n: "true" if n.value else "false"),
    Word: (_ATOM, lambda n: n.name),
    String: (_ATOM, lambda n: format_string(n.value)),
    List: (_ATOM, lambda n: "[" + ", ".join(_text(i, _SEQ) for i in n.items) + "]"),
    Mapping: (
        _ATOM,
        lambda n: (
            "{"
            + ", ".join(f"{_text(k, _SEQ)}: {_text(v, _SEQ)}" for k, v in zip(n.keys, n.values))
            + "}"
        ),
    ),
    NoneValue: (_ATOM, lambda n: "None"),
    Keyword: (_ATOM, lambda n: f"{n.name}={_text(n.value, _SEQ)}"),
    Call: (_ATOM, _call),
    Seq: (_SEQ, lambda n: " >> ".join(_text(p, _SUM) for p in n.parts)),
    BinOp: (lambda n: _OP_PRECEDENCE[n.op], _binary),
    Neg: (_UNARY, lambda n: "-" + _text(n.operand, _UNARY)),
    Slice: (
        _POSTFIX,
        lambda n: f"{_text(n.target, _POSTFIX)}[{_bound_text(n.start)}:{_bound_text(n.stop)}]",
    ),
}
