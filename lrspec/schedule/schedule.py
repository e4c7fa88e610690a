"""The public ``Schedule``: a meaning tree with the run's sizes, compiled on first use,
callable on a step or an array of steps."""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from .. import families as _families  # noqa: F401  (registers every family)
from ..compute.arrays import check_step, evaluate_array
from ..compute.kernels import Kernel
from ..model.evaluator import evaluate
from ..model.expr import Builder, Expr
from ..model.units import SIZES, WHERE, Binding
from ..syntax.errors import (
    EvaluationError,
    LrspecError,
    StateError,
    UnitError,
    missing_sizes_hint,
)
from ..syntax.limits import Limits
from ..syntax.parser import parse_tree
from . import dictform

_INF = math.inf
_NO_BINDING = Binding()


def _positive_int(name: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise UnitError(f"{name} must be a positive integer, got {value!r}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, numbers.Integral) or value < 1:
        raise UnitError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


class Schedule:
    """A learning-rate schedule: ``s(t)`` is the rate at step ``t`` (``t = 0`` is the first
    optimizer step).

    ``s(t)`` takes an int or a float and returns a float; it takes a NumPy array (or a list)
    and returns a float64 array of the same shape, equal bit for bit to the scalar path.
    ``str(s)`` is the canonical text, ``s.to_dict()`` the dict form; equal schedules (same
    canonical text, same relevant sizes) compare and hash equal.

    Stateful schedules (Plateau, KingScheduler) also take ``s.step(metric)``.

    >>> import lrspec
    >>> s = lrspec.parse("Warmup(500) >> Cosine(0.1, 0.0, 10000)")
    >>> s(250), s(500), s.length
    (0.05, 0.1, 10500)
    """

    __slots__ = (
        "_expr",
        "_binding",
        "_source",
        "_text_cache",
        "_kernel",
        "_scalar",
        "_state",
        "_state_start",
        "_count",
        "_needs",
        "_exact_spans",
        "_stateful",
    )

    def __init__(
        self,
        expr: Expr,
        binding: Binding = _NO_BINDING,
        source: str | None = None,
        *,
        needs: set[str] | None = None,
        exact_spans: bool = True,
        stateful: bool | None = None,
    ) -> None:
        if needs is None:
            needs = expr.needs()
        self._expr = expr
        self._needs = needs
        self._binding = (
            Binding(
                **{
                    name: _positive_int(name, getattr(binding, name))
                    for name in SIZES
                    if name in needs
                }
            )
            if needs
            else _NO_BINDING
        )
        # The text the expression was read from: errors found when compiling point into it.
        self._source = source
        self._text_cache: str | None = None
        self._kernel: Kernel | None = None
        self._state: Any = None
        self._state_start = 0.0
        self._count = 0
        # False when the expression was made from a number template (see ``parsing``): its
        # spans then point into the template's text, not into ``source``.
        self._exact_spans = exact_spans
        self._stateful = stateful  # found on first use, unless the caller knows
        # Compiled on first use, so that parsing stays cheap; the first call compiles. With
        # units and every size given, compile now: the resolved values are checked at once.
        self._scalar = self._first_call
        if needs and not self._missing():
            self._compile()

    @classmethod
    def from_text(
        cls, text: str, binding: Binding = _NO_BINDING, limits: Limits | None = None
    ) -> Schedule:
        """The schedule ``text`` means, read afresh (``lrspec.parse`` adds caches)."""
        tree = parse_tree(text, limits=limits)
        try:
            return cls(evaluate(tree, limits), binding, text)
        except LrspecError as error:
            raise error.with_text(text) from None

    @property
    def _text(self) -> str:
        if self._text_cache is None:
            self._text_cache = self._expr.text()
        return self._text_cache

    def _missing(self) -> list[str]:
        return [
            name for name in SIZES if name in self._needs and getattr(self._binding, name) is None
        ]

    def _first_call(self, t: float) -> float:
        self._ensure_compiled()
        return self._scalar(t)

    def _ensure_compiled(self) -> Kernel:
        if self._kernel is None:
            if self._missing():
                self._unresolved()
            self._compile()
        assert self._kernel is not None
        return self._kernel

    def _compile(self) -> None:
        builder = Builder()
        try:
            kernel = builder.build(self._expr.resolve(self._binding))
        except LrspecError as error:
            raise self._located(error) from None
        self._state = builder.state
        self._state_start = builder.state_start
        self._kernel = kernel
        self._scalar = kernel.scalar

    def _located(self, error: LrspecError) -> LrspecError:
        """``error`` pointing into this schedule's text. Where the spans of the expression
        belong to another text (a number template's), the text is read afresh: its own
        compilation fails the same way, with spans in this text."""
        if self._source is None:
            return error
        if not self._exact_spans:
            try:
                Schedule.from_text(self._source, self._binding)._ensure_compiled()
            except LrspecError as exact:
                return exact
        return error.with_text(self._source)

    def _unresolved(self) -> None:
        missing = self._missing()
        quantities = sorted({str(q) for q in self._expr.quantities()})
        written = f" (it uses {', '.join(quantities)})" if quantities else ""
        raise UnitError(
            f"'{self._text}' needs {' and '.join(missing)} to be evaluated{written}",
            hint=missing_sizes_hint(missing, WHERE),
            details=(("missing", tuple(missing)),),
        )

    # -- evaluation -------------------------------------------------------------------------

    def __call__(self, t):
        kind = type(t)
        try:
            if kind is float:
                if 0.0 <= t < _INF:
                    return self._scalar(t)
            elif kind is int and 0 <= t < 9007199254740993:
                return self._scalar(float(t))
            return self._call_other(t)
        except EvaluationError as error:
            if isinstance(t, numbers.Real):
                raise error.at_step(t) from None
            raise

    def _call_other(self, t):
        if isinstance(t, (bool, np.bool_)):
            raise EvaluationError(f"a step must be a number, got {t!r}")
        if isinstance(t, numbers.Real) and not isinstance(t, np.ndarray):
            try:
                value = float(t)
            except OverflowError:
                raise EvaluationError(f"step {t} is too large") from None
            check_step(value)
            return self._scalar(value)
        if isinstance(t, (np.ndarray, list, tuple, range)):
            return evaluate_array(self._ensure_compiled(), t)
        raise EvaluationError(
            f"a step must be a number or an array of numbers, got {type(t).__name__}"
        )

    def traced(self, namespace):
        """This schedule as a branch-free function of an array of steps, computed with the
        array namespace ``namespace`` (see ``lrspec.compute.math_namespaces``), for frameworks
        that trace and compile (``jax.jit``, Keras). Stateful schedules cannot be traced."""
        traced = self._ensure_compiled().traced
        if traced is None:
            raise StateError(
                f"'{self._text}' reads a metric, so it cannot be compiled into a traced function",
                hint="call s.step(metric) on the host instead",
            )
        return lambda t: traced(t, namespace)

    @property
    def length(self) -> float:
        """The number of steps until the schedule holds its final value (``math.inf`` if it
        never does)."""
        return self._ensure_compiled().length

    # -- text, dict, binding ---------------------------------------------------------------

    @property
    def expr(self) -> Expr:
        """The meaning tree (units not resolved)."""
        return self._expr

    def resolved(self) -> Expr:
        """The meaning tree with its units resolved against the sizes it is bound to."""
        if self._missing():
            self._unresolved()
        try:
            return self._expr.resolve(self._binding)
        except LrspecError as error:
            raise self._located(error) from None

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        bound = "".join(f", {name}={value}" for name, value in self._binding.given().items())
        return f"lrspec.parse({self._text!r}{bound})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Schedule):
            return NotImplemented
        return self._text == other._text and self._binding == other._binding

    def __hash__(self) -> int:
        return hash((self._text, self._binding))

    def __reduce__(self):
        state = self.state_dict() if self.stateful else None
        return (_restore, (self._text, self._binding.given(), state))

    @property
    def needs(self) -> frozenset[str]:
        """Which of the run's sizes (``total_steps``, ``steps_per_epoch``) the spec's units
        refer to."""
        return frozenset(self._needs)

    @property
    def sizes(self) -> dict[str, int]:
        """The run's sizes this schedule is bound to (only those its units use)."""
        return self._binding.given()

    @property
    def total_steps(self) -> int | None:
        return self._binding.total_steps

    @property
    def steps_per_epoch(self) -> int | None:
        return self._binding.steps_per_epoch

    def bind(self, **sizes: int | None) -> Schedule:
        """The same schedule with units resolved against these sizes (``total_steps``,
        ``steps_per_epoch``; given ones replace earlier ones). It still prints with its
        units."""
        unknown = set(sizes) - set(SIZES)
        if unknown:
            raise UnitError(
                f"unknown size {sorted(unknown)[0]!r}", hint=f"the sizes are {', '.join(SIZES)}"
            )
        binding = Binding(
            **{
                name: sizes[name] if sizes.get(name) is not None else getattr(self._binding, name)
                for name in SIZES
            }
        )
        return Schedule(
            self._expr,
            binding,
            self._source,
            needs=self._needs,
            exact_spans=self._exact_spans,
        )

    def with_base_rate(self, rate: float) -> Schedule | None:
        """This schedule with its base rate set to ``rate``, where the spec is one call of a
        family that takes the optimizer's base rate (``lr=`` of ``torch.``, ``hf.``,
        ``timm.``) and leaves it at its default; else None (the schedule is then a multiplier
        of each param group's rate). Adapters use it to give every group the rates its library
        would: a library's absolute floors (``eta_min``, ``min_lr``) are not multiplied."""
        expr = self._expr
        name = getattr(expr, "base_rate", None)
        if name is None or name in getattr(expr, "spans", {}):
            return None
        rated = expr.with_args(**{name: float(rate)})  # type: ignore[attr-defined]
        return Schedule(rated, self._binding, needs=self._needs)

    def companions(self) -> dict[str, Schedule]:
        """Schedules of other hyperparameters the spec's library drives along with the rate
        (``momentum`` for ``torch.OneCycleLR`` and ``torch.CyclicLR``), by name."""
        made = getattr(self._expr, "companions", lambda: {})()
        return {name: Schedule(expr, self._binding) for name, expr in made.items()}

    def to_dict(self) -> dict:
        """The dict form for config files (plain JSON types); ``lrspec.from_dict`` reads it."""
        return dictform.to_dict(self._expr, self._binding.given())

    # -- stateful schedules -----------------------------------------------------------------

    @property
    def stateful(self) -> bool:
        """Whether the schedule reads a metric (``step(metric)``)."""
        if self._stateful is None:
            self._stateful = self._expr.stateful
        return self._stateful

    def step(self, metric) -> float:
        """Observe the metric of the step just taken; return the rate for the next step."""
        self._ensure_compiled()
        if self._state is None:
            raise StateError(
                f"'{self._text}' does not read a metric; step(metric) is for schedules with "
                "Plateau or KingScheduler",
                hint="call s(t) for the rate at step t",
            )
        value = _metric(metric)
        if self._count >= self._state_start:
            self._state.observe(value)
        self._count += 1
        return self._scalar(float(self._count))

    def state_dict(self) -> dict:
        """The canonical spec, the number of metrics observed and the state (JSON types)."""
        if self.stateful:
            self._ensure_compiled()
        return {
            "spec": self._text,
            "count": self._count,
            "state": None if self._state is None else self._state.state_dict(),
        }

    def load_state_dict(self, state: dict) -> None:
        """Restore what :meth:`state_dict` saved, for the same spec."""
        if not isinstance(state, dict) or "spec" not in state:
            raise StateError(
                f"a saved state is a dict from state_dict(), got {type(state).__name__}"
            )
        if state["spec"] != self._text:
            raise StateError(f"the saved state is for '{state['spec']}', not '{self._text}'")
        count = state.get("count")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise StateError(f"saved state has a bad 'count': {count!r}")
        self._ensure_compiled()
        if self._state is None:
            return  # a pure schedule has no state: it stays as it is
        if not isinstance(state.get("state"), dict):
            raise StateError(f"saved state has a bad 'state': {state.get('state')!r}")
        self._state.load_state_dict(state["state"])
        self._count = count


def _restore(text: str, bound: dict, state: dict | None) -> Schedule:
    schedule = Schedule.from_text(text, Binding(**bound))
    if state is not None:
        schedule.load_state_dict(state)
    return schedule


def _metric(metric) -> float:
    if isinstance(metric, (bool, np.bool_, str, bytes)):
        raise StateError(f"a metric must be a number, got {metric!r}")
    try:
        return float(metric)
    except (TypeError, ValueError):
        raise StateError(f"a metric must be a number, got {metric!r}") from None
