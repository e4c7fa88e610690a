"""The dict form of a schedule, for JSON, YAML and TOML config files.

    >>> import lrspec
    >>> lrspec.parse("Warmup(500) >> Cosine(0.1, 0.0, 10000)").to_dict()
    {'lrspec': 1, 'sequence': [{'family': 'Warmup', 'args': {'steps': 500}}, {'family': 'Cosine', 'args': {'initial': 0.1, 'final': 0.0, 'steps': 10000}}]}

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

from .errors import ConfigError, LrspecError
from .expr import Arithmetic, Const, Expr, Negation, Sequence, Window
from .nodes import BinOp, Call, Keyword, Neg, Node, Number, Seq, Slice
from .params import STEPS, Context, json_to_node
from .limits import default_limits

FORMAT_VERSION = 1


def to_dict(schedule) -> dict:
    """``schedule`` as plain JSON types; ``from_dict(to_dict(s)) == s``."""
    body = expr_to_json(schedule._expr)
    result: dict[str, Any] = {"lrspec": FORMAT_VERSION}
    result.update(body if isinstance(body, dict) else {"constant": body})
    bound = schedule._bound()
    if bound:
        result["bind"] = bound
    return result


def expr_to_json(expr: Expr) -> Any:
    from .registry import Family

    if isinstance(expr, Family):
        variadic = next((p for p in expr.params if p.variadic), None)
        if variadic is not None:
            args: Any = [expr_to_json(e) for e in expr.args[variadic.name]]
        else:
            node = expr.to_node()
            kept = {k.name for k in node.kwargs}
            args = {
                p.name: p.type.to_json(expr.args[p.name])
                for p in expr.params if p.required or p.name in kept
            }
        return {"family": expr.name, "args": args}
    if isinstance(expr, Const):
        return expr.value
    if isinstance(expr, Sequence):
        return {"sequence": [expr_to_json(p) for p in expr.parts]}
    if isinstance(expr, Arithmetic):
        return {"op": expr.op, "left": expr_to_json(expr.left),
                "right": expr_to_json(expr.right)}
    if isinstance(expr, Negation):
        return {"op": "neg", "operand": expr_to_json(expr.operand)}
    if isinstance(expr, Window):
        out: dict[str, Any] = {"slice": expr_to_json(expr.target)}
        for key, bound in (("start", expr.start), ("stop", expr.stop)):
            if bound is not None:
                out[key] = STEPS.to_json(bound)
        return out
    raise TypeError(f"no dict form for {expr!r}")


def from_dict(data: dict, *, total_steps: int | None = None,
              steps_per_epoch: int | None = None):
    """The schedule a dict form describes (see the module docstring).

    ``total_steps``/``steps_per_epoch`` given here replace those in the dict's ``"bind"``.
    """
    from .evaluator import evaluate
    from .params import Binding
    from .schedule import Schedule

    if not isinstance(data, dict):
        raise ConfigError(f"a schedule dict must be a dict, got {type(data).__name__}")
    version = data.get("lrspec", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise ConfigError(f"unsupported lrspec dict format {version!r}; this lrspec reads "
                          f"format {FORMAT_VERSION}")
    body = {k: v for k, v in data.items() if k not in ("lrspec", "bind")}
    bind = data.get("bind") or {}
    if not isinstance(bind, dict) or set(bind) - {"total_steps", "steps_per_epoch"}:
        raise ConfigError(f"'bind' must map total_steps/steps_per_epoch to integers, got {bind!r}")
    tree = json_to_tree(body)
    binding = Binding(
        total_steps if total_steps is not None else bind.get("total_steps"),
        steps_per_epoch if steps_per_epoch is not None else bind.get("steps_per_epoch"),
    )
    return Schedule(evaluate(tree), binding)


def json_to_tree(value: Any, path: str = "$") -> Node:
    """The syntax tree a JSON value of the dict form stands for."""
    from .parser import parse_tree
    from .registry import lookup

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
            node = param.type.from_json(arg, ctx) if param else json_to_node(arg, ctx)
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
        return BinOp(op, json_to_tree(value.get("left"), f"{path}.left"),
                     json_to_tree(value.get("right"), f"{path}.right"))
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
        raise ConfigError(f"at {path}: unexpected key(s) {sorted(map(str, extra))}",
                          hint=f"this form takes {', '.join(sorted(allowed))}")


def _context(path: str, family: str = "dict", param: str = "value") -> Context:
    ctx = Context(family, param, default_limits())
    ctx.path = path
    return ctx
