"""Syntax tree to canonical text.

Number formatting lives only here: floats print as ``repr(float)`` (the shortest text that
reads back to the same float), ints as written without underscores, units as written.
Parentheses come from a precedence table, never from special cases.
"""

from __future__ import annotations

import math

from .nodes import Bool, BinOp, Call, Keyword, List, Neg, Node, Number, Seq, Slice, String, Word

# Binding strength, lowest first. A child is parenthesised when it binds less tightly than
# its position requires.
_SEQ, _SUM, _PRODUCT, _UNARY, _POSTFIX, _ATOM = range(6)
_OP_PRECEDENCE = {"+": _SUM, "-": _SUM, "*": _PRODUCT, "/": _PRODUCT}


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


def format_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\\n")
    return f'"{escaped}"'


def _precedence(node: Node) -> int:
    if isinstance(node, Seq):
        return _SEQ
    if isinstance(node, BinOp):
        return _OP_PRECEDENCE[node.op]
    if isinstance(node, Neg):
        return _UNARY
    if isinstance(node, Slice):
        return _POSTFIX
    return _ATOM


def unparse(node: Node) -> str:
    """The canonical text of a syntax tree; ``parse_tree(unparse(t)) == t``.

    >>> from lrspec.parser import parse_tree
    >>> unparse(parse_tree("Warmup( 500 )>>Cosine(0.1,0.0,10_000)"))
    'Warmup(500) >> Cosine(0.1, 0.0, 10000)'
    """
    return _text(node, _SEQ)


def _text(node: Node, required: int) -> str:
    text = _bare(node)
    return f"({text})" if _precedence(node) < required else text


def _bare(node: Node) -> str:
    if isinstance(node, Number):
        return format_number(node.value, node.unit)
    if isinstance(node, Bool):
        return "true" if node.value else "false"
    if isinstance(node, Word):
        return node.name
    if isinstance(node, String):
        return format_string(node.value)
    if isinstance(node, List):
        return "[" + ", ".join(_text(item, _SEQ) for item in node.items) + "]"
    if isinstance(node, Keyword):
        return f"{node.name}={_text(node.value, _SEQ)}"
    if isinstance(node, Call):
        args = [_text(a, _SEQ) for a in node.args] + [_bare(k) for k in node.kwargs]
        return f"{node.name}({', '.join(args)})"
    if isinstance(node, Seq):
        return " >> ".join(_text(part, _SUM) for part in node.parts)
    if isinstance(node, BinOp):
        level = _OP_PRECEDENCE[node.op]
        # Left-associative: the right operand must bind strictly tighter.
        return f"{_text(node.left, level)} {node.op} {_text(node.right, level + 1)}"
    if isinstance(node, Neg):
        return "-" + _text(node.operand, _UNARY)
    if isinstance(node, Slice):
        start = format_number(node.start.value, node.start.unit) if node.start else ""
        stop = format_number(node.stop.value, node.stop.unit) if node.stop else ""
        return f"{_text(node.target, _POSTFIX)}[{start}:{stop}]"
    raise TypeError(f"not an lrspec syntax node: {node!r}")
