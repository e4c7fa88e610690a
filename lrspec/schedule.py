"""The public ``Schedule``: a parsed spec, compiled, callable on a step or an array of steps."""

from __future__ import annotations

import math
import numbers
import os
import threading

import numpy as np

from .errors import EvaluationError, LrspecError, StateError, UnitError
from .expr import Builder, Expr
from .params import Binding

_INF = math.inf
# Whole-curve evaluation goes through the kernels in blocks of this many steps, so that the
# temporaries of a formula stay small (in cache, and under malloc's mmap threshold, so that
# they cost no page faults) however long the array is.
_BLOCK = 1 << 14
# Long arrays are shared out to threads, block range by block range (NumPy releases the GIL in
# its loops; the values do not depend on how the work is shared).
_PARALLEL_BLOCKS = 32
_pool = None
_pool_lock = threading.Lock()
_BINDINGS = ("total_steps", "steps_per_epoch")
_NO_BINDING = Binding()


def _positive_int(name: str, value) -> int | None:
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
    canonical text, same relevant ``total_steps``/``steps_per_epoch``) compare and hash equal.

    Stateful schedules (Plateau, KingScheduler) also take ``s.step(metric)``.

    >>> import lrspec
    >>> s = lrspec.parse("Warmup(500) >> Cosine(0.1, 0.0, 10000)")
    >>> s(250), s(500), s.length
    (0.05, 0.1, 10500)
    """

    __slots__ = ("_expr", "_binding", "_source", "_text_cache", "_kernel", "_scalar",
                 "_state", "_state_start", "_count", "_needs", "_exact_spans")

    def __init__(self, expr: Expr, binding: Binding = Binding(), source: str | None = None, *,
                 exact_spans: bool = True, needs: set[str] | None = None):
        if needs is None:
            needs = expr.needs()
        self._expr = expr
        self._needs = needs
        self._binding = Binding(*(
            _positive_int(name, getattr(binding, name)) if name in needs else None
            for name in _BINDINGS
        )) if needs else _NO_BINDING
        self._source = source
        # False when the expression was rebuilt for new numbers from an earlier text (see
        # ``fastpath``): its spans then belong to that text, not to ``source``.
        self._exact_spans = exact_spans
        self._text_cache = None
        self._kernel = None
        self._state = None
        self._state_start = 0.0
        self._count = 0
        # Compiled on first use, so that parsing stays cheap; the first call compiles. With
        # units and every size given, compile now: the resolved values are checked at once.
        self._scalar = self._first_call
        if needs and not self._missing():
            self._compile()

    @property
    def _text(self) -> str:
        if self._text_cache is None:
            self._text_cache = self._expr.text()
        return self._text_cache

    def _missing(self) -> list[str]:
        return [name for name in _BINDINGS
                if name in self._needs and getattr(self._binding, name) is None]

    def _first_call(self, t):
        self._ensure_compiled()
        return self._scalar(t)

    def _ensure_compiled(self) -> None:
        if self._kernel is None:
            if self._missing():
                self._unresolved()
            self._compile()

    def _compile(self) -> None:
        builder = Builder()
        try:
            kernel = builder.build(self._expr.resolve(self._binding))
        except LrspecError as error:
            if self._source is not None and not self._exact_spans:
                # Rebuild from the text itself, for an error that points at this text.
                from . import _parse_uncached

                _parse_uncached(self._source, self._binding)._compile()
            if self._source is not None:
                error.with_text(self._source)
            raise
        self._kernel = kernel
        self._scalar = kernel.scalar
        self._state = builder.state
        self._state_start = builder.state_start

    def _unresolved(self, t=None):
        missing = self._missing()
        quantities = sorted({str(q) for q in self._expr.quantities()})
        written = f" (it uses {', '.join(quantities)})" if quantities else ""
        raise UnitError(
            f"'{self._text}' needs {' and '.join(missing)} to be evaluated{written}",
            hint="pass " + ", ".join(f"{m}=..." for m in missing)
            + " to lrspec.parse() or to .bind()",
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
                error.at_step(t)
            raise

    def _call_other(self, t):
        if isinstance(t, (bool, np.bool_)):
            raise EvaluationError(f"a step must be a number, got {t!r}")
        if isinstance(t, numbers.Real) and not isinstance(t, np.ndarray):
            try:
                value = float(t)
            except OverflowError:
                raise EvaluationError(f"step {t} is too large") from None
            _check_step(value)
            return self._scalar(value)
        if isinstance(t, (np.ndarray, list, tuple, range)):
            self._ensure_compiled()
            return _evaluate_array(self._kernel, t)
        raise EvaluationError(
            f"a step must be a number or an array of numbers, got {type(t).__name__}"
        )

    def traced(self, namespace):
        """This schedule as a branch-free function of an array of steps, computed with the
        array namespace ``namespace`` (see ``lrspec._math.traced_namespace``), for frameworks
        that trace and compile (``jax.jit``, Keras). Stateful schedules cannot be traced."""
        self._ensure_compiled()
        traced = self._kernel.traced
        if traced is None:
            raise StateError(
                f"'{self._text}' reads a metric, so it cannot be compiled into a traced "
                "function", hint="call s.step(metric) on the host instead",
            )
        return lambda t: traced(t, namespace)

    @property
    def length(self) -> float:
        """The number of steps until the schedule holds its final value (``math.inf`` if it
        never does)."""
        self._ensure_compiled()
        return self._kernel.length

    # -- text, dict, binding ---------------------------------------------------------------

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        bound = "".join(f", {name}={value}" for name, value in self._bound().items())
        return f"lrspec.parse({self._text!r}{bound})"

    def _bound(self) -> dict[str, int]:
        return {name: getattr(self._binding, name) for name in _BINDINGS
                if getattr(self._binding, name) is not None}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Schedule):
            return NotImplemented
        return self._text == other._text and self._binding == other._binding

    def __hash__(self) -> int:
        return hash((self._text, self._binding))

    def __reduce__(self):
        state = self.state_dict() if self.stateful else None
        return (_restore, (self._text, self._bound(), state))

    @property
    def needs(self) -> frozenset[str]:
        """Which of ``total_steps`` and ``steps_per_epoch`` the spec's units refer to."""
        return frozenset(self._needs)

    @property
    def total_steps(self) -> int | None:
        return self._binding.total_steps

    @property
    def steps_per_epoch(self) -> int | None:
        return self._binding.steps_per_epoch

    def bind(self, *, total_steps: int | None = None,
             steps_per_epoch: int | None = None) -> Schedule:
        """The same schedule with units resolved against these sizes (given ones replace
        earlier ones). It still prints with its units."""
        binding = Binding(
            total_steps if total_steps is not None else self._binding.total_steps,
            steps_per_epoch if steps_per_epoch is not None else self._binding.steps_per_epoch,
        )
        return Schedule(self._expr, binding, self._source, exact_spans=self._exact_spans,
                        needs=self._needs)

    def to_dict(self) -> dict:
        """The dict form for config files (plain JSON types); ``lrspec.from_dict`` reads it."""
        from .dictform import to_dict

        return to_dict(self)

    # -- stateful schedules -----------------------------------------------------------------

    @property
    def stateful(self) -> bool:
        """Whether the schedule reads a metric (``step(metric)``)."""
        return self._expr.stateful

    def step(self, metric) -> float:
        """Observe the metric of the step just taken; return the rate for the next step."""
        self._ensure_compiled()
        if self._state is None:
            raise StateError(
                f"'{self._text}' does not read a metric; step(metric) is for schedules with "
                "Plateau or KingScheduler", hint="call s(t) for the rate at step t",
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
            raise StateError("a saved state is a dict from state_dict(), "
                             f"got {type(state).__name__}")
        if state["spec"] != self._text:
            raise StateError(f"the saved state is for '{state['spec']}', not '{self._text}'")
        count = state.get("count")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise StateError(f"saved state has a bad 'count': {count!r}")
        self._ensure_compiled()
        if self._state is not None:
            if not isinstance(state.get("state"), dict):
                raise StateError(f"saved state has a bad 'state': {state.get('state')!r}")
            self._state.load_state_dict(state["state"])
        self._count = count


def _restore(text: str, bound: dict, state: dict | None) -> Schedule:
    from . import parse

    schedule = parse(text, **bound)
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


def _check_step(t: float) -> None:
    if t != t:
        raise EvaluationError("a step must be a number >= 0, got nan")
    if t < 0:
        raise EvaluationError(f"a step must be >= 0, got {t:g}")
    if t == _INF:
        raise EvaluationError("a step must be finite, got inf")


def _evaluate_array(kernel, steps) -> np.ndarray:
    t = np.asarray(steps)
    if t.dtype.kind not in "iuf":
        raise EvaluationError(f"steps must be numbers, got an array of {t.dtype}")
    out = np.empty(t.shape, dtype=np.float64)
    if t.size == 0:
        return out
    flat = t.reshape(-1)
    _check_steps(flat)
    flat_out = out.reshape(-1)
    ordered = _is_ordered(flat)
    stop = flat.size
    length = kernel.length
    if ordered and math.isfinite(length):
        # Everything from the first step >= length holds the final value: fill, not compute.
        key = math.ceil(length) if flat.dtype.kind in "iu" else length
        stop = int(np.searchsorted(flat, key, "left"))
        flat_out[stop:] = kernel.scalar(length)
    as_is = flat.dtype == np.float64

    def fill(lo: int, hi: int) -> None:
        # errstate is per thread: unpicked branches of a formula may overflow harmlessly.
        with np.errstate(all="ignore"):
            for start in range(lo, hi, _BLOCK):
                end = min(start + _BLOCK, hi)
                block = flat[start:end] if as_is else flat[start:end].astype(np.float64)
                kernel.fill(block, flat_out[start:end], ordered)

    workers = _workers()
    if stop < _PARALLEL_BLOCKS * _BLOCK or workers < 2:
        fill(0, stop)
    else:
        share = -(-stop // workers // _BLOCK) * _BLOCK  # whole blocks per worker
        ranges = [(lo, min(lo + share, stop)) for lo in range(0, stop, share)]
        for done in [_thread_pool().submit(fill, lo, hi) for lo, hi in ranges]:
            done.result()  # waits, and raises what a worker raised
    return out


def _workers() -> int:
    return min(4, os.cpu_count() or 1)


def _thread_pool():
    global _pool
    with _pool_lock:
        if _pool is None:
            from concurrent.futures import ThreadPoolExecutor

            _pool = ThreadPoolExecutor(max_workers=_workers(), thread_name_prefix="lrspec")
    return _pool


def _is_ordered(flat: np.ndarray) -> bool:
    """Whether the steps never decrease (checked block by block: no array-sized temporary)."""
    for lo in range(0, flat.size - 1, _BLOCK):
        hi = min(lo + _BLOCK, flat.size - 1)
        if not (flat[lo + 1:hi + 1] >= flat[lo:hi]).all():
            return False
    return True


def _check_steps(flat: np.ndarray) -> None:
    if flat.dtype.kind == "f":
        low, high = flat.min(), flat.max()
        if low >= 0 and high < _INF:  # NaN fails both comparisons
            return
        bad = np.flatnonzero(~((flat >= 0) & (flat < _INF)))[0]
    elif flat.dtype.kind == "i":
        if flat.min() >= 0:
            return
        bad = np.flatnonzero(flat < 0)[0]
    else:
        return
    value = float(flat[bad])
    try:
        _check_step(value)
    except EvaluationError as error:
        raise EvaluationError(f"{error.message} (at index {bad})") from None
