"""The family registry: one declaration per schedule family.

A family is a class that declares its name, its typed parameters (with defaults and ranges),
its length and its formula (written once, see ``_math``), with a docstring that states the
formula and gives an example. The evaluator, the printer, the dict form and the docs all work
from these declarations, so adding a family never touches any of them.

    @register
    class Cosine(Family):
        '''... value(t) = final + (initial - final) * (1 + cos(pi * t / steps)) / 2 ...'''
        params = (Param("initial", RATE), Param("final", RATE), Param("steps", POSITIVE_STEPS))
        ...
"""

from __future__ import annotations

import inspect
import math
from typing import Any, ClassVar

from . import kernels
from ._record import Record
from .errors import ArgumentError, UnitError, UnknownNameError, did_you_mean
from .expr import Builder, Expr
from .limits import Limits, default_limits
from .nodes import Call, Keyword, Node
from .params import Binding, Context, Quantity
from .printer import unparse

REQUIRED = object()


class Param(Record):
    """One parameter: its name, type, default (or REQUIRED) and a short description.

    ``variadic``: the parameter takes every positional argument (``min(A, B, C)``).
    ``default_text``: how the default reads in a signature, when it is not a value
    (``down=up``).
    """

    __slots__ = ("name", "type", "default", "doc", "variadic", "default_text")
    _fields = ("name", "type", "default", "doc", "variadic", "default_text")
    _defaults = {"default": REQUIRED, "doc": "", "variadic": False, "default_text": None}

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


class Family(Expr):
    """Base of schedule families. Subclasses declare the class attributes below."""

    __slots__ = ("args", "spans", "span", "total_steps")

    #: The canonical name, and other spellings that parse to this family.
    name: ClassVar[str]
    aliases: ClassVar[tuple[str, ...]] = ()
    params: ClassVar[tuple[Param, ...]]
    #: Where the family comes from ("lrspec", "nerva-numpy", "PyTorch", ...), for the docs.
    origin: ClassVar[str] = "lrspec"
    #: One working spec, shown in the docs and checked by the tests.
    example: ClassVar[str]
    #: The family spans the whole run (the ``lr_schedule`` module's families).
    needs_total_steps: ClassVar[bool] = False
    #: The family reads a metric (``step(metric)``); see :class:`StatefulFamily`.
    is_stateful: ClassVar[bool] = False

    def __init__(self, args: dict[str, Any], spans: dict[str, Any] | None = None,
                 span=None) -> None:
        self.args = args
        self.spans = spans or {}
        self.span = span
        self.total_steps = None  # set on resolution, for families that span the whole run

    def __getattr__(self, name: str) -> Any:
        try:
            return self.args[name]
        except KeyError:
            raise AttributeError(name) from None

    # -- what subclasses provide ------------------------------------------------------------

    def check(self) -> None:
        """Checks between parameters, after each one passed its own; use :meth:`fail`."""

    def length(self) -> float:
        raise NotImplementedError

    def formula(self, m):
        """A closure ``value(t)`` written against the math namespace ``m``."""
        raise NotImplementedError

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.formula(self.length(), self.formula)

    def finite(self) -> bool:
        raise NotImplementedError

    # -- shared machinery -----------------------------------------------------------------

    def fail(self, param: str, message: str, cls=ArgumentError, hint=None):
        raise cls(f"{self.name}: '{param}' {message}", span=self.spans.get(param, self.span),
                  hint=hint)

    def children(self):
        return tuple(
            child
            for p in self.params
            for child in (self.args[p.name] if p.variadic else (self.args[p.name],))
            if isinstance(child, Expr)
        )

    @property
    def stateful(self) -> bool:
        return self.is_stateful or super().stateful

    def quantities(self):
        yield from super().quantities()
        for p in self.params:
            yield from p.type.quantities(self.args[p.name])

    def to_node(self) -> Node:
        """Required parameters positionally; others as keywords, only when not default."""
        args: list[Node] = []
        kwargs: list[Keyword] = []
        for p in self.params:
            value = self.args[p.name]
            if p.variadic:
                args.extend(p.type.to_node(v) for v in value)
            elif p.required:
                args.append(p.type.to_node(value))
            elif not _same(value, p.default):
                kwargs.append(Keyword(p.name, p.type.to_node(value)))
        return Call(self.name, tuple(args), tuple(kwargs))

    def resolve(self, binding: Binding) -> Family:
        limits = default_limits()
        resolved = {}
        for p in self.params:
            ctx = Context(self.name, p.name, limits)
            value = self.args[p.name]
            if p.variadic:
                resolved[p.name] = tuple(v.resolve(binding) for v in value)
            elif isinstance(value, Expr):
                resolved[p.name] = value.resolve(binding)
            else:
                resolved[p.name] = p.type.resolve(value, binding, ctx, self.spans.get(p.name))
        family = type(self)(resolved, self.spans, self.span)
        if self.needs_total_steps:
            if binding.total_steps is None:
                raise UnitError(
                    f"{self.name} spans the whole run, so it needs total_steps", span=self.span,
                    hint="pass total_steps=... to lrspec.parse() or to .bind()",
                )
            family.total_steps = binding.total_steps
        family.check()
        return family

    @staticmethod
    def resolved(*values) -> bool:
        """Whether none of ``values`` is still a unit quantity (checks wait until they are)."""
        return not any(isinstance(v, Quantity) for v in values)

    @classmethod
    def signature(cls) -> str:
        parts = []
        for p in cls.params:
            if p.variadic:
                parts.append(f"{p.name}...")
            elif p.required:
                parts.append(p.name)
            else:
                parts.append(f"{p.name}={_default_text(p)}")
        return f"{cls.name}({', '.join(parts)})"

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")


def _same(value, default) -> bool:
    return type(value) is type(default) and value == default or (
        isinstance(value, float) and isinstance(default, (int, float))
        and not isinstance(default, bool) and value == default
    )


def _default_text(p: Param) -> str:
    if p.default_text is not None:
        return p.default_text
    return unparse(p.type.to_node(p.default))


class StatefulFamily(Family):
    """A family whose value depends on the metrics it has observed (``s.step(metric)``).

    Subclasses provide ``new_state()``, returning an object with ``value()``,
    ``observe(metric)``, ``state_dict()`` and ``load_state_dict(d)``.
    """

    __slots__ = ()
    is_stateful = True

    def finite(self):
        return False

    def length(self):
        return math.inf

    def new_state(self):
        raise NotImplementedError

    def kernel(self, builder, offset):
        state = self.new_state()
        builder.register_state(state, offset)
        return kernels.state_reader(state.value)


# -- the registry -------------------------------------------------------------------------

_FAMILIES: dict[str, type[Family]] = {}
_ALIASES: dict[str, type[Family]] = {}


def register(cls: type[Family]) -> type[Family]:
    """Class decorator: add a family (by its name and aliases) to the registry."""
    for name in (cls.name, *cls.aliases):
        if name in _FAMILIES or name in _ALIASES:
            raise ValueError(f"family name {name!r} registered twice")
    _FAMILIES[cls.name] = cls
    for alias in cls.aliases:
        _ALIASES[alias] = cls
    return cls


def families() -> dict[str, type[Family]]:
    """Every registered family by canonical name, in registration order."""
    _load_families()
    return dict(_FAMILIES)


def lookup(name: str, span=None) -> type[Family]:
    """The family called ``name`` (or an alias); an UnknownNameError suggests close names."""
    _load_families()
    found = _FAMILIES.get(name) or _ALIASES.get(name)
    if found is None:
        raise UnknownNameError(
            f"unknown schedule '{name}'", span=span,
            hint=did_you_mean(name, [*_FAMILIES, *_ALIASES]),
        )
    return found


def _load_families() -> None:
    from . import families as _  # noqa: F401  (registers every family on import)


def bind_call(cls: type[Family], call: Call, evaluate, limits: Limits) -> Family:
    """Bind a call's arguments to the family's parameters, converting and checking each."""
    params = cls.params
    by_name = {p.name: p for p in params}
    values: dict[str, Any] = {}
    nodes: dict[str, Node] = {}
    variadic = next((p for p in params if p.variadic), None)
    if variadic is not None:
        if call.kwargs:
            raise ArgumentError(f"{cls.name} takes no keyword arguments",
                                span=call.kwargs[0].name_span)
        nodes_list = call.args
        if len(nodes_list) < 2:
            raise ArgumentError(f"{cls.name} needs at least two schedules, got {len(nodes_list)}",
                                span=call.span, hint=f"usage: {cls.signature()}")
        ctx = Context(cls.name, variadic.name, limits, evaluate)
        values[variadic.name] = tuple(variadic.type.convert(n, ctx) for n in nodes_list)
        return _instantiate(cls, values, {}, call)

    if len(call.args) > len(params):
        extra = call.args[len(params)]
        raise ArgumentError(
            f"{cls.name} takes at most {len(params)} arguments, got {len(call.args)}",
            span=extra.span, hint=f"usage: {cls.signature()}",
        )
    for p, node in zip(params, call.args):
        nodes[p.name] = node
    for keyword in call.kwargs:
        p = by_name.get(keyword.name)
        if p is None:
            raise UnknownNameError(
                f"{cls.name} has no parameter '{keyword.name}'", span=keyword.name_span,
                hint=did_you_mean(keyword.name, by_name) or f"usage: {cls.signature()}",
            )
        if p.name in nodes:
            raise ArgumentError(f"{cls.name} got two values for '{p.name}'",
                                span=keyword.name_span, hint=f"usage: {cls.signature()}")
        nodes[p.name] = keyword.value
    for p in params:
        if p.name in nodes:
            ctx = Context(cls.name, p.name, limits, evaluate)
            values[p.name] = p.type.convert(nodes[p.name], ctx)
        elif p.required:
            missing = [q.name for q in params if q.required and q.name not in nodes]
            names = ", ".join(f"'{m}'" for m in missing)
            raise ArgumentError(
                f"{cls.name} is missing {names}", span=call.span,
                hint=f"usage: {cls.signature()}",
            )
        else:
            values[p.name] = p.default
    return _instantiate(cls, values, {k: n.span for k, n in nodes.items()}, call)


def _instantiate(cls, values, spans, call: Call) -> Family:
    family = cls(values, spans, call.span)
    family.check()
    return family
