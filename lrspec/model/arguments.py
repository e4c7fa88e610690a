"""Binding a call's arguments to a family's parameters, converting and checking each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..syntax.errors import ArgumentError, UnknownNameError, did_you_mean
from ..syntax.limits import Limits
from ..syntax.nodes import Call, Node
from .family import Family
from .types import Context


def bind_call(
    cls: type[Family], call: Call, evaluate: Callable[[Node], Any], limits: Limits
) -> Family:
    """The family ``cls`` with the arguments of ``call``: each argument converted by its
    parameter's type (``evaluate`` turns schedule arguments into expressions), then the
    family's checks between parameters."""
    params = cls.params
    values: dict[str, Any] = {}
    variadic = cls.variadic()
    if variadic is not None:
        if call.kwargs:
            raise ArgumentError(
                f"{cls.name} takes no keyword arguments", span=call.kwargs[0].name_span
            )
        if len(call.args) < 2:
            raise ArgumentError(
                f"{cls.name} needs at least two schedules, got {len(call.args)}",
                span=call.span,
                hint=f"usage: {cls.signature()}",
            )
        ctx = Context(cls.name, variadic.name, limits, evaluate)
        values[variadic.name] = tuple(variadic.type.convert(n, ctx) for n in call.args)
        return _instantiate(cls, values, {}, call)

    args = call.args
    if len(args) > len(params):
        extra = args[len(params)]
        raise ArgumentError(
            f"{cls.name} takes at most {len(params)} arguments, got {len(args)}",
            span=extra.span,
            hint=f"usage: {cls.signature()}",
        )
    if call.kwargs:
        nodes = _by_name(cls, call)
    else:  # positional arguments only: no names to look up
        nodes = {p.name: node for p, node in zip(params, args)}
    ctx = Context(cls.name, "", limits, evaluate)  # one for the call, naming each parameter
    spans: dict[str, Any] = {}
    for p in params:
        node = nodes.get(p.name)
        if node is not None:
            ctx.param = p.name
            values[p.name] = p.type.convert(node, ctx)
            spans[p.name] = node.span
        elif p.required:
            missing = [q.name for q in params if q.required and q.name not in nodes]
            names = ", ".join(f"'{m}'" for m in missing)
            raise ArgumentError(
                f"{cls.name} is missing {names}",
                span=call.span,
                hint=f"usage: {cls.signature()}",
            )
        else:
            values[p.name] = p.default
    return _instantiate(cls, values, spans, call)


def _by_name(cls: type[Family], call: Call) -> dict[str, Node]:
    """Every argument of ``call`` by the name of its parameter."""
    params = cls.params
    nodes = {p.name: node for p, node in zip(params, call.args)}
    by_name = {p.name: p for p in params}
    for keyword in call.kwargs:
        p = by_name.get(keyword.name)
        if p is None:
            raise UnknownNameError(
                f"{cls.name} has no parameter '{keyword.name}'",
                span=keyword.name_span,
                hint=did_you_mean(keyword.name, by_name) or f"usage: {cls.signature()}",
            )
        if p.name in nodes:
            raise ArgumentError(
                f"{cls.name} got two values for '{p.name}'",
                span=keyword.name_span,
                hint=f"usage: {cls.signature()}",
            )
        nodes[p.name] = keyword.value
    return nodes


def _instantiate(
    cls: type[Family], values: dict[str, Any], spans: dict[str, Any], call: Call
) -> Family:
    family = cls(values, spans, call.span)
    family.check()
    return family
