"""The public ``Schedule``: a meaning tree with the run's sizes, compiled on first use,
callable on a step or an array of steps."""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Callable, Sequence
from typing import Any, SupportsFloat, overload

import numpy as np

from .. import families as _families  # noqa: F401  (registers every family)
from ..compute.arrays import check_step, evaluate_array
from ..compute.kernels import Kernel
from ..model.evaluator import evaluate
from ..model.expr import DOMAIN_HINT, Builder, Expr
from ..model.types import short_repr
from ..model.units import MAX_STEPS, SIZES, WHERE, Binding
from ..syntax.errors import (
    EvaluationError,
    LimitError,
    LrspecError,
    StateError,
    UnitError,
    missing_sizes_hint,
    too_deep_for_python,
)
from ..syntax.limits import Limits, default_limits
from ..syntax.nodes import tree_depth
from ..syntax.parser import parse_tree
from ..syntax.printer import unparse
from . import dictform

_INF = math.inf
_NO_BINDING = Binding()


class _NotCompiled(Exception):
    """Raised by a schedule's scalar function before its first call has compiled it."""


def _not_compiled(t: float) -> float:
    raise _NotCompiled


def _positive_int(name: str, value: Any) -> int | None:
    """A size of the run: a positive integer within the step domain."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise UnitError(f"{name} must be a positive integer, got {short_repr(value)}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, numbers.Integral):
        raise UnitError(f"{name} must be a positive integer, got {short_repr(value)}")
    count = int(value)
    if count < 1:
        raise UnitError(f"{name} must be a positive integer, got {short_repr(value)}")
    if count > MAX_STEPS:
        raise LimitError(f"{name} must be at most 2**53, got {count}", hint=DOMAIN_HINT)
    return count


#: How many times its text's length a spec's canonical text can be, at most: a number grows
#: at most from 4 characters to 18 (``1e15`` -> ``1000000000000000.0``), an argument written
#: by position at most by its parameter's name (``1`` -> ``transition_steps=1.0``).
CANONICAL_GROWTH = 64


def may_grow_past(length: int, depth: int, limits: Limits) -> bool:
    """Whether a text of this length and depth could have a canonical form past ``limits``
    (its canonical text is then checked, see :meth:`Schedule.check_canonical`); false for
    every ordinary text, which is not checked at all. Printing a keyword adds a level at
    most at every level."""
    return length * CANONICAL_GROWTH > limits.max_length or 2 * depth > limits.max_depth


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
        # Not the bound method self._first_call: that would be a reference cycle, and a schedule
        # dropped before its first call would wait for the garbage collector.
        self._scalar: Callable[[float], float] = _not_compiled
        if needs and not self._missing():
            self._compile()

    @classmethod
    def from_text(
        cls, text: str, binding: Binding = _NO_BINDING, limits: Limits | None = None
    ) -> Schedule:
        """The schedule ``text`` means, read afresh (``lrspec.parse`` adds caches)."""
        limits = limits or default_limits()
        tree = parse_tree(text, limits=limits)
        try:
            schedule = cls(evaluate(tree, limits), binding, text)
            if may_grow_past(len(text), tree.depth, limits):
                schedule.check_canonical(limits)
        except LrspecError as error:
            raise error.with_text(text) from None
        except RecursionError:  # only under a raised Limits.max_depth
            raise too_deep_for_python() from None
        return schedule

    def check_canonical(self, limits: Limits) -> None:
        """Raise a LimitError unless this schedule's canonical text is within ``limits``, so
        that ``parse(str(s))`` reads back every schedule that parsing (or the dict form) gave:
        a text just under the length limit may print longer (``max(1,1,...)`` prints every
        ``1`` as ``1.0``), or nest deeper (keywords)."""
        node = self._expr.to_node()
        text = unparse(node)
        if len(text) > limits.max_length:
            raise LimitError(
                f"the canonical form of this spec is {len(text)} characters long; the limit is "
                f"{limits.max_length}",
                hint="raise Limits.max_length if this spec is really meant (str(s) must read back)",
            )
        depth = tree_depth(node)
        if depth > limits.max_depth:
            raise LimitError(
                f"the canonical form of this spec nests {depth} levels deep; the limit is "
                f"{limits.max_depth}",
                hint="raise Limits.max_depth if this spec is really meant (str(s) must read back)",
            )
        self._text_cache = text

    @property
    def _text(self) -> str:
        if self._text_cache is None:
            try:
                self._text_cache = self._expr.text()
            except RecursionError:  # only under a raised Limits.max_depth
                raise too_deep_for_python() from None
        return self._text_cache

    def _missing(self) -> list[str]:
        return [
            name for name in SIZES if name in self._needs and getattr(self._binding, name) is None
        ]

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
        except RecursionError:  # only under a raised Limits.max_depth
            raise too_deep_for_python() from None
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
        quantities = sorted({str(q) for q in self._expr.quantities() if q.size in missing})
        written = f" (it uses {', '.join(quantities)})" if quantities else ""
        raise UnitError(
            f"'{self._text}' needs {' and '.join(missing)} to be evaluated{written}",
            hint=missing_sizes_hint(missing, WHERE),
            details=(("missing", tuple(missing)),),
        )

    # -- evaluation -------------------------------------------------------------------------

    @overload
    def __call__(self, t: float) -> float: ...
    @overload
    def __call__(self, t: np.ndarray | Sequence[float] | range) -> np.ndarray: ...
    @overload
    def __call__(self, t: Any) -> Any: ...
    def __call__(self, t: Any) -> float | np.ndarray:
        kind = type(t)
        try:
            if kind is float:
                if 0.0 <= t <= 9007199254740992.0:  # the step domain (MAX_STEPS)
                    return self._scalar(t)
            elif kind is int and 0 <= t <= 9007199254740992:
                return self._scalar(float(t))
            return self._call_other(t)
        except _NotCompiled:
            pass  # the first call: compiled below, out of this handler
        except EvaluationError as error:
            if isinstance(t, numbers.Real):
                raise error.at_step(t) from None
            raise
        except RecursionError:  # nested kernels, only under a raised Limits.max_depth
            raise too_deep_for_python() from None
        try:
            self._ensure_compiled()
        except EvaluationError as error:
            if isinstance(t, numbers.Real):
                raise error.at_step(t) from None
            raise
        except RecursionError:
            raise too_deep_for_python() from None
        again: float | np.ndarray = self(t)
        return again

    def _call_other(self, t: Any) -> float | np.ndarray:
        if isinstance(t, (np.ndarray, list, tuple, range)):
            return evaluate_array(self._ensure_compiled(), t)
        kind = _number_kind(t)
        if kind == "b":
            raise EvaluationError(f"a step must be a number, got {short_repr(t)}")
        if kind == "c":
            raise EvaluationError(f"a step must be a real number, got {short_repr(t)}")
        ndim = getattr(t, "ndim", None)
        if ndim == 0 or (ndim is None and kind is not None):
            # One real number of any kind: Python's, NumPy's, Fraction, Decimal, a 0-d tensor,
            # an object that converts itself (__index__, __float__).
            try:
                value = _to_float(t)
            except OverflowError:  # an int past the floats
                if t < 0:
                    raise EvaluationError(f"a step must be >= 0, got {short_repr(t)}") from None
                raise EvaluationError(
                    f"a step must be at most 2**53, got {short_repr(t)}"
                ) from None
            except (TypeError, ValueError, ArithmeticError, RuntimeError):
                raise EvaluationError(
                    f"a step must be a real number, got {short_repr(t)}"
                ) from None
            check_step(value)
            return self._scalar(value)
        if hasattr(t, "__array__"):  # a tensor or array of another library
            try:
                array = np.asarray(t)
            except Exception as error:  # whatever that library raises
                raise EvaluationError(
                    f"steps must be numbers, got a {type(t).__name__} that NumPy cannot read "
                    f"({type(error).__name__})"
                ) from None
            return evaluate_array(self._ensure_compiled(), array)
        raise EvaluationError(
            f"a step must be a number or an array of numbers, got {type(t).__name__}"
        )

    def traced(self, namespace: Any) -> Callable[[Any], Any]:
        """This schedule as a branch-free function of an array of steps, computed with the
        array namespace ``namespace`` (see ``lrspec.compute.math_namespaces``), for frameworks
        that trace and compile (``jax.jit``, Keras). Stateful schedules cannot be traced."""
        traced = self._ensure_compiled().traced
        if traced is None:
            if self.stateful:
                raise StateError(
                    f"'{self._text}' reads a metric, so it cannot be compiled into a traced "
                    "function",
                    hint="call s.step(metric) on the host instead",
                )
            raise EvaluationError(
                f"'{self._text}' has no branch-free form to be compiled into a traced function",
                hint="evaluate it on the host (s(t)) and pass the rate in",
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

    def __reduce__(self) -> tuple[Any, ...]:
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

    def base_rate_scope(self) -> str | None:
        """Where the spec is one call of a family that takes the optimizer's base rate
        (``lr=`` of ``torch.``, ``hf.``, ``timm.``) and leaves it at its default, how its
        library applies that rate to param groups: ``"group"`` (each group's own rate is the
        base, as PyTorch's schedulers and timm's do) or ``"optimizer"`` (the optimizer's default
        rate goes into one factor that multiplies each group's rate, as Hugging Face's LambdaLR
        schedules do); else None."""
        expr: Any = self._expr
        name = getattr(expr, "base_rate", None)
        if name is None:
            return None
        param = next(p for p in type(expr).params if p.name == name)
        if expr.args[name] != param.default:  # by value: the canonical text leaves it out
            return None
        return str(expr.base_rate_scope())

    def with_base_rate(self, rate: float) -> Schedule | None:
        """This schedule with its base rate set to ``rate``, where :meth:`base_rate_scope` is
        not None; else None (the schedule is a plain multiplier of each group's rate).
        Adapters use it to give every group the rates its library would: a library's absolute
        floors (``eta_min``, ``min_lr``) are not multiplied."""
        if self.base_rate_scope() is None:
            return None
        expr: Any = self._expr
        rated = expr.with_args(**{expr.base_rate: float(rate)})
        return Schedule(rated, self._binding, needs=self._needs)

    def companions(self) -> dict[str, Schedule]:
        """Schedules of other hyperparameters the spec's library drives along with the rate
        (``momentum`` for ``torch.OneCycleLR`` and ``torch.CyclicLR``), by name."""
        made: dict[str, Expr] = getattr(self._expr, "companions", lambda: {})()
        return {name: Schedule(expr, self._binding) for name, expr in made.items()}

    def to_dict(self) -> dict[str, Any]:
        """The dict form for config files (plain JSON types); ``lrspec.from_dict`` reads it."""
        try:
            return dictform.to_dict(self._expr, self._binding.given())
        except RecursionError:  # only under a raised Limits.max_depth
            raise too_deep_for_python() from None

    # -- stateful schedules -----------------------------------------------------------------

    @property
    def stateful(self) -> bool:
        """Whether the schedule reads a metric (``step(metric)``)."""
        if self._stateful is None:
            self._stateful = self._expr.stateful
        return self._stateful

    def step(self, metric: SupportsFloat) -> float:
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

    def state_dict(self) -> dict[str, Any]:
        """The canonical spec, the run's sizes it is bound to, the number of metrics observed
        and the state (JSON types)."""
        if self.stateful:
            self._ensure_compiled()
        return {
            "spec": self._text,
            "sizes": self._binding.given(),
            "count": self._count,
            "state": None if self._state is None else self._state.state_dict(),
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Restore what :meth:`state_dict` saved, for the same spec bound to the same sizes.

        Everything is checked before anything changes: a state that does not fit (another
        spec or sizes, a wrong type, a value out of its range or not finite) raises a
        :class:`StateError` and leaves this schedule as it was.
        """
        if not isinstance(state, dict) or "spec" not in state:
            raise StateError(
                f"a saved state is a dict from state_dict(), got {type(state).__name__}"
            )
        unknown = set(state) - _STATE_KEYS
        if unknown:
            raise StateError(
                f"saved state has unexpected key(s) {sorted(map(short_repr, unknown))}",
                hint=f"a saved state has the keys {', '.join(sorted(_STATE_KEYS))}",
            )
        spec = state["spec"]
        if spec != self._text:
            shown = f"'{spec}'" if isinstance(spec, str) and len(spec) <= 200 else short_repr(spec)
            raise StateError(f"the saved state is for {shown}, not '{self._text}'")
        sizes = _saved_sizes(state.get("sizes", {}))
        if sizes != self._binding.given():
            raise StateError(
                f"the saved state is for '{self._text}' with {_sizes_text(sizes)}, but this "
                f"schedule has {_sizes_text(self._binding.given())}",
                hint="bind the schedule to the sizes of the run that saved the state",
            )
        count = state.get("count")
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_STEPS:
            raise StateError(
                f"saved state has a bad 'count': {short_repr(count)}; it must be an integer "
                "in [0, 2**53]"
            )
        self._ensure_compiled()
        if self._state is None:
            return  # a pure schedule has no state: it stays as it is
        if not isinstance(state.get("state"), dict):
            raise StateError(f"saved state has a bad 'state': {short_repr(state.get('state'))}")
        self._state.load_state_dict(state["state"])  # checks every field, then sets them
        self._count = count


_STATE_KEYS = frozenset(("spec", "sizes", "count", "state"))


def _saved_sizes(sizes: Any) -> dict[str, int]:
    if not isinstance(sizes, dict) or not all(
        name in SIZES and type(value) is int and 1 <= value <= MAX_STEPS
        for name, value in sizes.items()
    ):
        raise StateError(
            f"saved state has bad 'sizes': {short_repr(sizes)}; they map "
            f"{'/'.join(SIZES)} to positive integers"
        )
    return sizes


def _sizes_text(sizes: dict[str, int]) -> str:
    if not sizes:
        return "no sizes"
    return ", ".join(f"{name}={value}" for name, value in sizes.items())


def _restore(text: str, bound: dict[str, int], state: dict[str, Any] | None) -> Schedule:
    schedule = Schedule.from_text(text, Binding(**bound))
    if state is not None:
        schedule.load_state_dict(state)
    return schedule


def _metric(metric: SupportsFloat) -> float:
    """A metric as a float: a real number (a Python or NumPy number, a 0-d array or tensor),
    finite, so that every state stays finite and JSON-safe."""
    if type(metric) is float:
        value = metric
    else:
        if isinstance(metric, (bool, np.bool_, str, bytes)) or _is_complex(metric):
            raise StateError(f"a metric must be a real number, got {short_repr(metric)}")
        try:
            value = float(metric)
        except OverflowError:  # an int past the floats
            value = _INF
        except (TypeError, ValueError, ArithmeticError, RuntimeError):
            raise StateError(f"a metric must be a real number, got {short_repr(metric)}") from None
    if not -_INF < value < _INF:  # false for nan too
        raise StateError(
            f"a metric must be finite, got {short_repr(metric)}",
            hint="a loss that is not finite usually means training diverged",
        )
    return value


def _to_float(value: Any) -> float:
    """A real number as a float: an integer exactly (through ``__index__``), else ``float()``."""
    try:
        return float(operator.index(value))
    except TypeError:  # no integer (a float, a Fraction, a float tensor...)
        return float(value)


def _is_complex(value: Any) -> bool:
    """Whether ``value`` is a complex number (float() of a NumPy complex only warns)."""
    return _number_kind(value) == "c"


def _number_kind(value: Any) -> str | None:
    """What kind of number ``value`` is, as NumPy's dtype kinds say it: ``"b"`` (a boolean),
    ``"c"`` (complex), ``"f"`` (any other number, or an array, or a tensor, of numbers; or an
    object that converts itself with ``__index__`` or ``__float__``), or None (no number)."""
    if isinstance(value, (bool, np.bool_)):
        return "b"
    if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
        return "c"
    dtype = getattr(value, "dtype", None)
    if dtype is not None:
        kind = getattr(dtype, "kind", None)  # NumPy's and JAX's dtypes say it
        if kind is None:  # others (torch.bool, torch.complex64) by name
            name = str(dtype)
            kind = "b" if "bool" in name else "c" if "complex" in name else "f"
        return "b" if kind == "b" else "c" if kind == "c" else "f"
    if (
        isinstance(value, numbers.Real)
        or hasattr(value, "__index__")
        or hasattr(value, "__float__")
    ):
        return "f"
    return None
