"""The dict form of a schedule, for JSON, YAML and TOML config files.

    >>> import lrspec
    >>> lrspec.parse("Warmup(500) >> Cosine(0.1, 0.0, 10000)").to_dict()
    ... # doctest: +NORMALIZE_WHITESPACE
    {'lrspec': 1, 'sequence': [{'family': 'Warmup', 'args': {'steps': 500}},
      {'family': 'Cosine', 'args': {'initial': 0.1, 'final': 0.0, 'steps': 10000}}]}

Forms (nested anywhere; at the top they sit beside ``"lrspec": 1``, the format version):

- ``{"family": "Cosine", "args": {"initial": 0.1, ...}}`` (``min``/``max``: ``"args": [...]``);
- ``{"sequence": [A, B, ...]}`` for ``A >> B >> ...``;
- ``{"op": "+", "left": A, "right": B}`` for ``+ - * /``; ``{"op": "neg", "operand": A}``;
- ``{"slice": A, "start": 100, "stop": "50%"}`` for ``A[100:50%]``;
- a number (or ``{"constant": 0.5}``) for a constant; a string is spec text.

Step counts with units are strings (``"5%"``), as are ``"inf"`` and enumeration values.
``"bind"`` at the top holds ``total_steps``/``steps_per_epoch`` where the spec uses units.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ..model.expr import Expr
from ..model.registry import lookup
from ..model.types import Context, json_to_node, short_repr
from ..model.units import SIZES
from ..syntax.errors import ConfigError, LimitError, LrspecError
from ..syntax.limits import Limits, default_limits
from ..syntax.nodes import (
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
from ..syntax.parser import parse_tree
from ..syntax.printer import format_number

FORMAT_VERSION = 1


def to_dict(expr: Expr, bound: dict[str, int]) -> dict[str, Any]:
    """The dict form of a meaning tree and the sizes it is bound to (plain JSON types)."""
    body = tree_to_json(expr.to_node())
    result: dict[str, Any] = {"lrspec": FORMAT_VERSION}
    result.update(body if isinstance(body, dict) else {"constant": body})
    if bound:
        result["bind"] = dict(bound)
    return result


def tree_to_json(node: Node) -> Any:
    """The JSON value of a canonical syntax tree (see the module docstring)."""
    if isinstance(node, Number):
        if node.unit is not None or node.value == float("inf"):
            return format_number(node.value, node.unit)
        return node.value
    if isinstance(node, Neg) and isinstance(node.operand, Number) and node.operand.unit is None:
        value = tree_to_json(node.operand)
        return "-" + value if isinstance(value, str) else -value
    if isinstance(node, Bool):
        return node.value
    if isinstance(node, Word):
        return node.name
    if isinstance(node, String):
        return node.value
    if isinstance(node, List):
        return [tree_to_json(item) for item in node.items]
    if isinstance(node, NoneValue):
        return None
    if isinstance(node, Mapping):  # JSON's keys are strings: a number key as its text
        return {_key_text(key): tree_to_json(value) for key, value in zip(node.keys, node.values)}
    if isinstance(node, Call):
        family = lookup(node.name)
        if any(p.variadic for p in family.params):
            return {"family": node.name, "args": [tree_to_json(a) for a in node.args]}
        args = {p.name: tree_to_json(a) for p, a in zip(family.params, node.args)}
        args.update((k.name, tree_to_json(k.value)) for k in node.kwargs)
        return {"family": node.name, "args": args}
    if isinstance(node, Seq):
        return {"sequence": [tree_to_json(p) for p in node.parts]}
    if isinstance(node, BinOp):
        return {"op": node.op, "left": tree_to_json(node.left), "right": tree_to_json(node.right)}
    if isinstance(node, Neg):
        return {"op": "neg", "operand": tree_to_json(node.operand)}
    if isinstance(node, Slice):
        out: dict[str, Any] = {"slice": tree_to_json(node.target)}
        for key, bound in (("start", node.start), ("stop", node.stop)):
            if bound is not None:
                out[key] = tree_to_json(bound)
        return out
    raise TypeError(f"no dict form for {node!r}")


def _key_text(key: Node) -> str:
    value = tree_to_json(key)
    return value if isinstance(value, str) else format_number(value)


def read(data: Any, limits: Limits | None = None) -> tuple[Node, dict[str, Any]]:
    """The syntax tree a dict form describes, and its ``"bind"`` sizes."""
    limits = limits or default_limits()
    if not isinstance(data, dict):
        raise ConfigError(f"a schedule dict must be a dict, got {type(data).__name__}")
    check_size(data, limits)
    version = data.get("lrspec", FORMAT_VERSION)
    # Only the int 1: True and 1.0 equal it, but are no format version.
    if type(version) is not int or version != FORMAT_VERSION:
        raise ConfigError(
            f"unsupported lrspec dict format {short_repr(version)}; this lrspec reads format "
            f"{FORMAT_VERSION}"
        )
    body = {k: v for k, v in data.items() if k not in ("lrspec", "bind")}
    bind = data.get("bind", {})
    if (
        not isinstance(bind, dict)
        or not all(isinstance(k, str) for k in bind)
        or (set(bind) - set(SIZES))
    ):
        raise ConfigError(f"'bind' must map {'/'.join(SIZES)} to integers, got {short_repr(bind)}")
    return _Reader(limits).schedule(body, "$", 1), bind


def check_size(value: Any, limits: Limits) -> None:
    """Raise a LimitError unless the JSON value ``value`` is bounded like spec text: at most
    ``max_length`` values and characters of strings (a value met twice through shared
    references counts twice: it stands for twice the schedule), nested at most
    ``2 * max_depth + 2`` levels (a level of a schedule is at most two of its dict form's).

    Walked without recursion, and stopped as soon as a bound is passed: a dict that holds
    itself, or a list of a million items, costs no more than the bound.
    """
    budget, deepest = limits.max_length, 2 * limits.max_depth + 2
    spent = 1
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if level > deepest:
            raise LimitError(
                f"the dict form is nested deeper than {deepest} levels "
                f"(a spec may nest {limits.max_depth})",
                hint="raise Limits.max_depth if this is really meant",
            )
        if isinstance(item, str):
            spent += len(item)
        elif isinstance(item, dict):
            spent += len(item) + sum(len(k) for k in item if isinstance(k, str))
            if spent <= budget:
                stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, (list, tuple)):
            spent += len(item)
            if spent <= budget:
                stack.extend((v, level + 1) for v in item)
        if spent > budget:
            raise LimitError(
                f"the dict form is too large: its values and the characters of its strings "
                f"come to more than {budget} (the limit on the characters of spec text)",
                hint="raise Limits.max_length if this is really meant",
            )


def json_to_tree(value: Any, path: str = "$", limits: Limits | None = None) -> Node:
    """The syntax tree a JSON value of the dict form stands for (bounded: see
    :func:`check_size`)."""
    limits = limits or default_limits()
    check_size(value, limits)
    return _Reader(limits).schedule(value, path, 1)


class _Reader:
    """Reads the dict form under ``limits``: every schedule in it is ``level`` levels deep (as
    in text: at most ``max_depth``)."""

    __slots__ = ("limits",)

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def schedule(self, value: Any, path: str, level: int) -> Node:
        if level > self.limits.max_depth:
            raise LimitError(
                f"at {path}: schedules are nested deeper than {self.limits.max_depth} levels",
                hint="raise Limits.max_depth if this is really meant",
            )
        if isinstance(value, (bool, np.bool_)):
            raise ConfigError(f"at {path}: expected a schedule, got {value!r}")
        if isinstance(value, numbers.Real):
            return json_to_node(value, self._context(path, level))
        if isinstance(value, str):
            return self._text(value, path, level)
        if not isinstance(value, dict):
            raise ConfigError(f"at {path}: expected a schedule, got {type(value).__name__}")
        keys = set(value)
        if "family" in keys:
            return self._family(value, keys, path, level)
        if "constant" in keys:
            _only(keys, {"constant"}, path)
            return json_to_node(value["constant"], self._context(f"{path}.constant", level))
        if "sequence" in keys:
            _only(keys, {"sequence"}, path)
            parts = value["sequence"]
            if not isinstance(parts, list) or len(parts) < 2:
                raise ConfigError(f"at {path}.sequence: expected a list of two or more schedules")
            return Seq(
                tuple(
                    self.schedule(p, f"{path}.sequence[{i}]", level + 1)
                    for i, p in enumerate(parts)
                )
            )
        if "op" in keys:
            op = value["op"]
            if op == "neg":
                _only(keys, {"op", "operand"}, path)
                return Neg(self.schedule(value.get("operand"), f"{path}.operand", level + 1))
            if not isinstance(op, str) or op not in ("+", "-", "*", "/"):
                raise ConfigError(
                    f"at {path}.op: expected one of + - * / neg, got {short_repr(op)}"
                )
            _only(keys, {"op", "left", "right"}, path)
            return BinOp(
                op,
                self.schedule(value.get("left"), f"{path}.left", level + 1),
                self.schedule(value.get("right"), f"{path}.right", level + 1),
            )
        if "slice" in keys:
            _only(keys, {"slice", "start", "stop"}, path)
            bounds: list[Number | None] = []
            for key in ("start", "stop"):
                bound = value.get(key)
                ctx = self._context(f"{path}.{key}", level)
                node = None if bound is None else json_to_node(bound, ctx)
                if node is not None and not isinstance(node, Number):
                    raise ConfigError(
                        f"at {path}.{key}: expected a step count, got {short_repr(bound)}"
                    )
                bounds.append(node)
            return Slice(self.schedule(value["slice"], f"{path}.slice", level + 1), *bounds)
        raise ConfigError(
            f"at {path}: not a schedule dict (keys {_key_names(keys)})",
            hint="expected one of the keys family, sequence, op, slice or constant",
        )

    def _family(self, value: dict[Any, Any], keys: set[Any], path: str, level: int) -> Node:
        _only(keys, {"family", "args"}, path)
        name = value["family"]
        if not isinstance(name, str):
            raise ConfigError(f"at {path}.family: expected a name, got {short_repr(name)}")
        family = lookup(name)
        args = value.get("args", {})
        if args and level >= self.limits.max_depth:  # its arguments nest one level deeper
            raise LimitError(
                f"at {path}.args: schedules are nested deeper than {self.limits.max_depth} levels",
                hint="raise Limits.max_depth if this is really meant",
            )
        params = {p.name: p for p in family.params}
        if isinstance(args, list):
            positional = tuple(
                self.schedule(a, f"{path}.args[{i}]", level + 1) for i, a in enumerate(args)
            )
            return Call(name, positional)
        if not isinstance(args, dict):
            raise ConfigError(
                f"at {path}.args: expected a dict of arguments, got {short_repr(args)}"
            )
        keywords = []
        for key, arg in args.items():
            if not isinstance(key, str):
                raise ConfigError(
                    f"at {path}.args: argument names are strings, got {short_repr(key)}"
                )
            ctx = self._context(f"{path}.args.{key}", level, family=name, param=key)
            param = params.get(key)
            node = param.type.node_from_json(arg, ctx) if param else json_to_node(arg, ctx)
            keywords.append(Keyword(key, node))
        return Call(name, (), tuple(keywords))

    def _text(self, value: str, path: str, level: int) -> Node:
        """A string in schedule position: spec text, which nests below ``level``."""
        try:
            tree = parse_tree(value, limits=self.limits)
        except LrspecError as error:
            raise error.within(f"at {path}") from None
        if level - 1 + tree.depth > self.limits.max_depth:
            raise LimitError(
                f"at {path}: schedules are nested deeper than {self.limits.max_depth} levels",
                hint="raise Limits.max_depth if this is really meant",
            )
        return tree

    def _context(
        self, path: str, level: int, family: str = "dict", param: str = "value"
    ) -> Context:
        return Context(
            family,
            param,
            self.limits,
            from_json=lambda value: self.schedule(value, path, level + 1),
        )


def _only(keys: set[Any], allowed: set[str], path: str) -> None:
    extra = keys - allowed
    if extra:
        raise ConfigError(
            f"at {path}: unexpected key(s) {_key_names(extra)}",
            hint=f"this form takes {', '.join(sorted(allowed))}",
        )


def _key_names(keys: set[Any]) -> list[str]:
    """Keys for a message: names as they are, anything else (or a long name) cut short."""
    return sorted(k if isinstance(k, str) and len(k) <= 40 else short_repr(k) for k in keys)
