"""Families: one declaration per schedule family.

A family is a class that declares its name, its typed parameters (with defaults and ranges),
its length and its formula (written once against a math namespace, see
``compute.math_namespaces``), with a docstring that states the formula and gives an example.
The evaluator, the printer, the dict form and the docs all work from these declarations, so
adding a family never touches any of them::

    @register
    class Cosine(Family):
        '''... value(t) = final + (initial - final) * (1 + cos(pi * t / steps)) / 2 ...'''
        name = "Cosine"
        params = (Param("initial", RATE), Param("final", RATE), Param("steps", POSITIVE_STEPS))
        ...

A family whose meaning is exactly a core lrspec expression (the library namespaces' families,
mostly) says so with :meth:`Family.meaning` instead of a formula: it then prints in its own
words and compiles as that expression.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn, TypeVar

from ..compute import kernels
from ..syntax.errors import (
    ArgumentError,
    LrspecError,
    StateError,
    UnitError,
    missing_sizes_hint,
)
from ..syntax.limits import default_limits
from ..syntax.nodes import Call, Keyword, Node, Span
from ..syntax.printer import format_bound, unparse
from ..syntax.records import Record
from .expr import Builder, Expr, Placement
from .types import Context, ParamType, short_repr
from .units import WHERE, Binding, Quantity

REQUIRED = object()
_UNSET = object()
if TYPE_CHECKING:  # for annotations only: a TypeVar with a bound costs import time
    _F = TypeVar("_F", bound="Family")


class Param(Record):
    """One parameter: its name, type, default (or REQUIRED) and a short description.

    ``variadic``: the parameter takes every positional argument (``min(A, B, C)``).
    ``default_text``: how the default reads in a signature, when it is not a value
    (``down=up``).
    """

    __slots__ = ("name", "type", "default", "doc", "variadic", "default_text")
    _fields = ("name", "type", "default", "doc", "variadic", "default_text")
    _defaults = {"default": REQUIRED, "doc": "", "variadic": False, "default_text": None}

    name: str
    type: ParamType
    default: Any
    doc: str
    variadic: bool
    default_text: str | None

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


class Family(Expr):
    """Base of schedule families. Subclasses declare the class attributes below."""

    __slots__ = ("args", "spans", "span", "total_steps", "_children", "_meaning")

    #: The name it is written with (dotted for a library namespace: ``torch.StepLR``).
    name: ClassVar[str]
    params: ClassVar[tuple[Param, ...]]
    #: Where the family comes from ("lrspec", "nerva-numpy", "PyTorch", ...), for the docs.
    origin: ClassVar[str] = "lrspec"
    #: One working spec, shown in the docs and checked by the tests.
    example: ClassVar[str]
    #: Print every argument by name (a library's words read best as keywords).
    print_keywords: ClassVar[bool] = False
    #: The parameter that stands for the optimizer's base rate (``lr`` in the ``torch.``,
    #: ``hf.`` and ``timm.`` namespaces), or None. Left at its default, the schedule is a
    #: multiplier; an adapter may set it to each param group's own rate instead
    #: (:meth:`with_args`), as the library itself would compute.
    base_rate: ClassVar[str | None] = None
    # Found once per family (see schedule_params and variadic), in the class's own __dict__.
    _schedule_params: ClassVar[tuple[str, ...]]
    _variadic: ClassVar[Param | None]

    args: dict[str, Any]
    spans: dict[str, Span | None]
    span: Span | None
    #: The run's total steps, for a family that spans the whole run (set on resolution).
    total_steps: int | float | None
    _children: tuple[Expr, ...] | None
    _meaning: Any

    def __init__(
        self,
        args: dict[str, Any],
        spans: dict[str, Span | None] | None = None,
        span: Span | None = None,
    ) -> None:
        self.args = args
        self.spans = spans or {}
        self.span = span
        self.total_steps = None  # set on resolution, for families that span the whole run
        self._children = None
        self._meaning = _UNSET

    def __getattr__(self, name: str) -> Any:
        try:
            return self.args[name]
        except KeyError:
            raise AttributeError(name) from None

    @classmethod
    def make(cls: type[_F], **values: Any) -> _F:
        """The family with these (already typed) values and the defaults for the others,
        checked; for families whose meaning is built from other families."""
        args = {p.name: values.pop(p.name) if p.name in values else p.default for p in cls.params}
        assert not values, f"{cls.name} has no parameters {sorted(values)}"
        family = cls(args)
        family.check()
        return family

    def base_rate_scope(self) -> str:
        """How the library applies the optimizer's base rate (see ``base_rate``): ``"group"``,
        each param group's own rate is the base (PyTorch, timm), or ``"optimizer"``, the
        optimizer's default rate goes into one factor that multiplies every group's rate
        (Hugging Face's LambdaLR schedules)."""
        return "group"

    def with_args(self: _F, **changes: Any) -> _F:
        """The same family with some (already typed) arguments changed, checked again."""
        args = dict(self.args)
        args.update(changes)
        family = type(self)(args, self.spans, self.span)
        family.check()
        return family

    def companions(self) -> dict[str, Expr]:
        """Schedules of other hyperparameters that the library drives along with the rate
        (``momentum`` for PyTorch's OneCycleLR and CyclicLR), by name; none by default."""
        return {}

    # -- what subclasses provide ------------------------------------------------------------

    def check(self) -> None:
        """Checks between parameters, after each one passed its own; use :meth:`fail`."""

    def meaning(self) -> Expr | None:
        """The core lrspec expression this family stands for (resolved families only), or
        None for a family with a formula of its own."""
        return None

    def stands_for(self) -> Expr | None:
        """:meth:`meaning`, made once (a family never changes): the kernel is built from it
        and ``lrspec explain`` shows it, so they are the same object."""
        if self._meaning is _UNSET:
            self._meaning = self.meaning()
        meaning: Expr | None = self._meaning
        return meaning

    def length(self) -> float:
        meaning = self.stands_for()
        if meaning is None:
            raise NotImplementedError
        return meaning.length()

    def formula(self, m: Any) -> Callable[[Any], Any]:
        """A closure ``value(t)`` written against the math namespace ``m``."""
        raise NotImplementedError

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        meaning = self.stands_for()
        if meaning is not None:
            return builder.build(meaning, offset)
        return kernels.formula(self.length(), self.formula)

    def timeline(self) -> list[Placement]:
        """A family that stands for a core expression shows it as its one part (``lrspec
        explain``); its schedule arguments run on its own steps."""
        meaning = self.stands_for()
        if meaning is not None:
            return [Placement(meaning)]
        return super().timeline()

    def finite(self) -> bool:
        raise NotImplementedError

    # -- shared machinery -----------------------------------------------------------------

    def fail(
        self,
        param: str,
        message: str,
        cls: type[LrspecError] = ArgumentError,
        hint: str | None = None,
    ) -> NoReturn:
        raise cls(
            f"{self.name}: '{param}' {message}", span=self.spans.get(param, self.span), hint=hint
        )

    def children(self) -> tuple[Expr, ...]:
        if self._children is None:  # the arguments never change: found once
            out: list[Expr] = []
            for name in self.schedule_params():
                value = self.args[name]
                items = value if isinstance(value, tuple) else (value,)
                out.extend(item for item in items if isinstance(item, Expr))
            self._children = tuple(out)
        return self._children

    @classmethod
    def schedule_params(cls) -> tuple[str, ...]:
        """The names of the parameters that take schedules (found once per family)."""
        found = cls.__dict__.get("_schedule_params")
        if found is None:
            found = tuple(p.name for p in cls.params if p.type.holds_schedules)
            cls._schedule_params = found
        return found

    @classmethod
    def variadic(cls) -> Param | None:
        """The parameter that takes every positional argument, if there is one."""
        found = cls.__dict__.get("_variadic", False)
        if found is False:
            found = next((p for p in cls.params if p.variadic), None)
            cls._variadic = found
        variadic: Param | None = found
        return variadic

    def own_quantities(self) -> Iterator[Quantity]:
        for p in self.params:
            yield from p.type.quantities(self.args[p.name])

    def to_node(self) -> Node:
        """The leading required parameters positionally (all by name with
        ``print_keywords``); the others as keywords, only when not at their default."""
        args: list[Node] = []
        kwargs: list[Keyword] = []
        positional = not self.print_keywords
        for p in self.params:
            value = self.args[p.name]
            if p.variadic:
                args.extend(p.type.to_node(v) for v in value)
                continue
            positional = positional and p.required
            if positional:
                args.append(p.type.to_node(value))
            elif p.required or not _same(value, p.default):
                kwargs.append(Keyword(p.name, p.type.to_node(value)))
        return Call(self.name, tuple(args), tuple(kwargs))

    def resolve(self: _F, binding: Binding) -> _F:
        resolved = {}
        limits = default_limits()  # resolving converts nothing: the limits go unread
        for p in self.params:
            ctx = Context(self.name, p.name, limits)
            value, span = self.args[p.name], self.spans.get(p.name)
            if p.variadic:
                resolved[p.name] = tuple(p.type.resolve(v, binding, ctx, span) for v in value)
            else:
                resolved[p.name] = p.type.resolve(value, binding, ctx, span)
        family = type(self)(resolved, self.spans, self.span)
        if self.needs_total_steps:
            if binding.total_steps is None:
                raise UnitError(
                    f"{self.name} spans the whole run, so it needs total_steps",
                    span=self.span,
                    hint=missing_sizes_hint(("total_steps",), WHERE),
                    details=(("missing", ("total_steps",)),),
                )
            family.total_steps = binding.total_steps
        family.check()
        return family

    @staticmethod
    def resolved(*values: Any) -> bool:
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
                parts.append(f"{p.name}={default_text(p)}")
        return f"{cls.name}({', '.join(parts)})"

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")


def _same(value: Any, default: Any) -> bool:
    return (
        type(value) is type(default)
        and value == default
        or (
            isinstance(value, float)
            and isinstance(default, (int, float))
            and not isinstance(default, bool)
            and value == default
        )
    )


def default_text(p: Param) -> str:
    """How a parameter's default reads in a signature."""
    if p.default_text is not None:
        return p.default_text
    return unparse(p.type.to_node(p.default))


class StatefulFamily(Family):
    """A family whose value depends on the metrics it has observed (``s.step(metric)``).

    Subclasses provide ``new_state()``, returning an object with ``value()``,
    ``observe(metric)`` (a finite float), ``state_dict()`` (plain JSON types) and
    ``load_state_dict(d)``, which checks every field of ``d`` (with :func:`saved_fields` and
    :func:`saved_number`) before it changes anything.
    """

    __slots__ = ()
    is_stateful = True

    def finite(self) -> bool:
        return False

    def length(self) -> float:
        return math.inf

    def new_state(self) -> Any:
        """A new state object (see the class docstring)."""
        raise NotImplementedError

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        state = self.new_state()
        builder.register_state(state, offset)
        return kernels.state_reader(state.value)


# -- saved states -----------------------------------------------------------------------------


def saved_fields(d: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    """The saved state ``d`` (from a state's ``state_dict()``): a dict with exactly ``keys``."""
    if not isinstance(d, dict):
        raise StateError(f"saved state has a bad 'state': {short_repr(d)}")
    for key in keys:
        if key not in d:
            raise StateError(f"saved state is missing '{key}'")
    unknown = set(d) - set(keys)
    if unknown:
        raise StateError(
            f"saved state has unexpected key(s) {sorted(map(short_repr, unknown))}",
            hint=f"this state has the keys {', '.join(keys)}",
        )
    return d


def saved_number(
    d: dict[str, Any],
    key: str,
    lo: float,
    hi: float,
    *,
    integer: bool = False,
    nullable: bool = False,
) -> Any:
    """Field ``key`` of a saved state: a finite number (an int if ``integer``) in ``[lo, hi]``,
    or None if ``nullable``; else a StateError naming the field and what it must be."""
    value = d[key]
    if value is None and nullable:
        return None
    number: Any = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = int(value)
        if not integer:
            try:
                number = float(value)
            except OverflowError:  # an int past the floats
                number = None
            else:
                if number != value:  # no float holds it (2**53 + 1): it would not load as saved
                    number = None
    elif isinstance(value, float) and not integer and math.isfinite(value):
        number = float(value)
    if number is None or not lo <= number <= hi:
        wanted = "an integer" if integer else "a finite number"
        if math.isfinite(lo) or math.isfinite(hi):
            wanted += f" in [{format_bound(lo)}, {format_bound(hi)}]"
        if nullable:
            wanted += ", or None"
        raise StateError(f"saved state has a bad '{key}': {short_repr(value)}; it must be {wanted}")
    return number
