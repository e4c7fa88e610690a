"""Binding a call's arguments to a family's parameters, converting and checking each."""

from __future__ import annotations

from typing import Any

from ..syntax.errors import ArgumentError, UnknownNameError, did_you_mean
from ..syntax.limits import Limits
from ..syntax.nodes import Call, Node
from .family import Family
from .types import Context


def bind_call(cls: type[Family], call: Call, evaluate, limits: Limits) -> Family:
    """The family ``cls`` with the arguments of ``call``: each argument converted by its
    parameter's type (``evaluate`` turns schedule arguments into expressions), then the
    family's checks between parameters."""
    params = cls.params
    values: dict[str, Any] = {}
    nodes: dict[str, Node] = {}
    variadic = next((p for p in params if p.variadic), None)
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

    if len(call.args) > len(params):
        extra = call.args[len(params)]
        raise ArgumentError(
            f"{cls.name} takes at most {len(params)} arguments, got {len(call.args)}",
            span=extra.span,
            hint=f"usage: {cls.signature()}",
        )
    for p, node in zip(params, call.args):
        nodes[p.name] = node
    by_name = None
    for keyword in call.kwargs:
        if by_name is None:
            by_name = {p.name: p for p in params}
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
    for p in params:
        node = nodes.get(p.name)
        if node is not None:
            values[p.name] = p.type.convert(node, Context(cls.name, p.name, limits, evaluate))
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
    return _instantiate(cls, values, {k: n.span for k, n in nodes.items()}, call)


def _instantiate(
    cls: type[Family], values: dict[str, Any], spans: dict[str, Any], call: Call
) -> Family:
    family = cls(values, spans, call.span)
    family.check()
    return family
