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

from typing import Any

from ..model.registry import lookup
from ..model.types import Context, json_to_node
from ..model.units import SIZES
from ..syntax.errors import ConfigError, LrspecError
from ..syntax.limits import default_limits
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


def to_dict(expr, bound: dict[str, int]) -> dict:
    """The dict form of a meaning tree and the sizes it is bound to (plain JSON types)."""
    body = tree_to_json(expr.to_node())
    result: dict[str, Any] = {"lrspec": FORMAT_VERSION}
    result.update(body if isinstance(body, dict) else {"constant": body})
    if bound:
        result["bind"] = dict(bound)
    return result


def tree_to_json(node: Node) -> Any:
    """The JSON value of a canonical syntax tree (see the module docstring)."""
    kind = type(node)
    if kind is Number:
        if node.unit is not None or node.value == float("inf"):
            return format_number(node.value, node.unit)
        return node.value
    if kind is Neg and type(node.operand) is Number and node.operand.unit is None:
        value = tree_to_json(node.operand)
        return "-" + value if isinstance(value, str) else -value
    if kind is Bool:
        return node.value
    if kind is Word:
        return node.name
    if kind is String:
        return node.value
    if kind is List:
        return [tree_to_json(item) for item in node.items]
    if kind is NoneValue:
        return None
    if kind is Mapping:  # JSON's keys are strings: a number key as its text
        return {_key_text(key): tree_to_json(value) for key, value in zip(node.keys, node.values)}
    if kind is Call:
        family = lookup(node.name)
        if any(p.variadic for p in family.params):
            return {"family": node.name, "args": [tree_to_json(a) for a in node.args]}
        args = {p.name: tree_to_json(a) for p, a in zip(family.params, node.args)}
        args.update((k.name, tree_to_json(k.value)) for k in node.kwargs)
        return {"family": node.name, "args": args}
    if kind is Seq:
        return {"sequence": [tree_to_json(p) for p in node.parts]}
    if kind is BinOp:
        return {"op": node.op, "left": tree_to_json(node.left), "right": tree_to_json(node.right)}
    if kind is Neg:
        return {"op": "neg", "operand": tree_to_json(node.operand)}
    if kind is Slice:
        out: dict[str, Any] = {"slice": tree_to_json(node.target)}
        for key, bound in (("start", node.start), ("stop", node.stop)):
            if bound is not None:
                out[key] = tree_to_json(bound)
        return out
    raise TypeError(f"no dict form for {node!r}")


def _key_text(key: Node) -> str:
    value = tree_to_json(key)
    return value if isinstance(value, str) else format_number(value)


def read(data: dict) -> tuple[Node, dict[str, Any]]:
    """The syntax tree a dict form describes, and its ``"bind"`` sizes."""
    if not isinstance(data, dict):
        raise ConfigError(f"a schedule dict must be a dict, got {type(data).__name__}")
    version = data.get("lrspec", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise ConfigError(
            f"unsupported lrspec dict format {version!r}; this lrspec reads format {FORMAT_VERSION}"
        )
    body = {k: v for k, v in data.items() if k not in ("lrspec", "bind")}
    bind = data.get("bind") or {}
    if not isinstance(bind, dict) or set(bind) - set(SIZES):
        raise ConfigError(f"'bind' must map {'/'.join(SIZES)} to integers, got {bind!r}")
    return json_to_tree(body), bind


def json_to_tree(value: Any, path: str = "$") -> Node:
    """The syntax tree a JSON value of the dict form stands for."""
    if isinstance(value, bool):
        raise ConfigError(f"at {path}: expected a schedule, got {value!r}")
    if isinstance(value, (int, float)):
        return json_to_node(value, _context(path))
    if isinstance(value, str):
        try:
            return parse_tree(value)
        except LrspecError as error:
            raise ConfigError(f"at {path}: {error.message}", hint=error.hint) from None
    if not isinstance(value, dict):
        raise ConfigError(f"at {path}: expected a schedule, got {type(value).__name__}")
    keys = set(value)
    if "family" in keys:
        _only(keys, {"family", "args"}, path)
        name = value["family"]
        if not isinstance(name, str):
            raise ConfigError(f"at {path}.family: expected a name, got {name!r}")
        family = lookup(name)
        args = value.get("args", {})
        params = {p.name: p for p in family.params}
        if isinstance(args, list):
            positional = tuple(json_to_tree(a, f"{path}.args[{i}]") for i, a in enumerate(args))
            return Call(name, positional)
        if not isinstance(args, dict):
            raise ConfigError(f"at {path}.args: expected a dict of arguments, got {args!r}")
        keywords = []
        for key, arg in args.items():
            ctx = _context(f"{path}.args.{key}", family=name, param=key)
            param = params.get(key)
            node = param.type.node_from_json(arg, ctx) if param else json_to_node(arg, ctx)
            keywords.append(Keyword(str(key), node))
        return Call(name, (), tuple(keywords))
    if "constant" in keys:
        _only(keys, {"constant"}, path)
        return json_to_node(value["constant"], _context(f"{path}.constant"))
    if "sequence" in keys:
        _only(keys, {"sequence"}, path)
        parts = value["sequence"]
        if not isinstance(parts, list) or len(parts) < 2:
            raise ConfigError(f"at {path}.sequence: expected a list of two or more schedules")
        return Seq(tuple(json_to_tree(p, f"{path}.sequence[{i}]") for i, p in enumerate(parts)))
    if "op" in keys:
        op = value["op"]
        if op == "neg":
            _only(keys, {"op", "operand"}, path)
            return Neg(json_to_tree(value.get("operand"), f"{path}.operand"))
        if op not in ("+", "-", "*", "/"):
            raise ConfigError(f"at {path}.op: expected one of + - * / neg, got {op!r}")
        _only(keys, {"op", "left", "right"}, path)
        return BinOp(
            op,
            json_to_tree(value.get("left"), f"{path}.left"),
            json_to_tree(value.get("right"), f"{path}.right"),
        )
    if "slice" in keys:
        _only(keys, {"slice", "start", "stop"}, path)
        bounds = []
        for key in ("start", "stop"):
            bound = value.get(key)
            node = None if bound is None else json_to_node(bound, _context(f"{path}.{key}"))
            if node is not None and not isinstance(node, Number):
                raise ConfigError(f"at {path}.{key}: expected a step count, got {bound!r}")
            bounds.append(node)
        return Slice(json_to_tree(value["slice"], f"{path}.slice"), *bounds)
    raise ConfigError(
        f"at {path}: not a schedule dict (keys {sorted(map(str, keys))})",
        hint="expected one of the keys family, sequence, op, slice or constant",
    )


def _only(keys: set, allowed: set, path: str) -> None:
    extra = keys - allowed
    if extra:
        raise ConfigError(
            f"at {path}: unexpected key(s) {sorted(map(str, extra))}",
            hint=f"this form takes {', '.join(sorted(allowed))}",
        )


def _context(path: str, family: str = "dict", param: str = "value") -> Context:
    return Context(
        family, param, default_limits(), from_json=lambda value: json_to_tree(value, path)
    )
