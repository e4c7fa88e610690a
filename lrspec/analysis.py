"""What a schedule does, piece by piece: the analysis behind ``lrspec check`` and ``explain``.

:func:`explain` walks the expression tree of a schedule and gives each part (each piece of a
``>>`` sequence, each operand, each slice, ...) as a :class:`Piece`: where it starts and ends
in the schedule's steps, and its own values there. :func:`analyse` adds what a user would want
to know before training: the length, the first, smallest, largest and final values, and
warnings (a jump at a ``>>`` join, negative or non-finite values, a schedule still changing at
``total_steps``, ...).

    >>> from lrspec.analysis import analyse
    >>> report = analyse("Warmup(100) >> Cosine(0.1, 0, 900) >> Constant(0.5)")
    >>> report.warnings
    ['jump at step 1000, where Constant(0.5) starts: from 0.0 to 0.5']
    >>> analyse("Warmup(100) >> Cosine(0.1, 0, 900)").warnings
    []

A piece's value "at its end" is its value just before its end (the left limit), which is what
training sees last; a jump at a join compares that value of the whole schedule with its value
at the join.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .errors import LrspecError
from .evaluator import evaluate
from .expr import Arithmetic, Builder, Expr, Negation, Sequence, Window
from .params import Binding
from .parser import parse_tree
from .printer import unparse
from .schedule import Schedule

#: At most this many steps are evaluated to find the smallest and largest values; a longer
#: range is sampled evenly (plus the steps around every join).
MAX_SAMPLES = 1_000_001
#: How far an endless schedule is looked at without ``total_steps``: this many steps, or twice
#: its last join if that is later.
DEFAULT_HORIZON = 10_000
# Values smaller than this fraction of the schedule's largest value show as 0.0, and
# differences smaller than JUMP_TOLERANCE of it are not jumps (float rounding, not a jump).
_ZERO = 1e-12
JUMP_TOLERANCE = 1e-9


# -- formatting -------------------------------------------------------------------------------


def format_value(value: float, scale: float = 0.0) -> str:
    """A rate for people: 6 significant digits, as a Python float prints (``0.1``, ``1e-05``).

    With ``scale`` (the schedule's largest absolute value), values smaller than ``1e-12 *
    scale`` show as ``0.0``: a cosine a hair before its end is at its floor, for a reader.

    >>> format_value(0.09999999999999987), format_value(3e-35, scale=0.1), format_value(2.5e-4)
    ('0.1', '0.0', '0.00025')
    """
    if not math.isfinite(value):
        return repr(float(value))
    if scale and abs(value) <= _ZERO * scale:
        value = 0.0
    return repr(float(f"{value:.6g}") + 0.0)


def format_step(step: float | None) -> str:
    """A step: ``100``, ``12.5``, ``inf``; ``-`` for none."""
    if step is None:
        return "-"
    if isinstance(step, float):
        if math.isinf(step):
            return "inf"
        if step.is_integer():
            return str(int(step))
        return repr(step)
    return str(step)


def _before(t: float) -> float:
    """The float just below ``t``: a piece's value there is its left limit at ``t``."""
    return math.nextafter(t, -math.inf)


# -- the tree of pieces ------------------------------------------------------------------------


@dataclass
class Piece:
    """One part of a schedule, where it sits in the whole schedule's steps.

    ``start``/``end`` are the whole schedule's steps (``end`` is ``inf`` for a part that never
    ends; both are None for a part a slice cuts away). ``first`` is the part's own value at
    ``start``, ``last`` its own value just before ``end`` (None when it never ends).
    """

    label: str
    text: str
    start: float | None
    end: float | None
    first: float | None
    last: float | None
    note: str = ""
    children: list[Piece] = field(default_factory=list)
    #: The expression of this part (resolved against the run's sizes).
    expr: Expr | None = field(default=None, repr=False, compare=False)

    def walk(self):
        """This piece and every piece below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Join:
    """A ``>>`` join inside the schedule: the step where ``after`` takes over from ``before``."""

    step: float
    before: Piece
    after: Piece
    #: The join is inside a Repeat, so it comes back in every repetition.
    repeated: bool = False


@dataclass
class Report:
    """What :func:`analyse` found out about a schedule."""

    schedule: Schedule
    text: str
    length: float
    total_steps: int | None
    #: The steps ``0 .. end`` were looked at (every one, unless ``sampled``).
    end: int
    sampled: bool
    first: float
    min: float
    min_step: float
    max: float
    max_step: float
    #: The value the schedule settles on, and from which step (None: it keeps changing).
    final: float | None
    final_from: float | None
    tree: Piece
    joins: list[Join]
    warnings: list[str]
    notes: list[str]
    #: The largest absolute value, the scale that format_value uses.
    scale: float

    def value(self, v: float) -> str:
        """``v`` formatted for people (see :func:`format_value`)."""
        return format_value(v)


def _schedule(spec, total_steps, steps_per_epoch) -> Schedule:
    from . import parse

    if isinstance(spec, Schedule):
        bind = {k: v for k, v in (("total_steps", total_steps),
                                  ("steps_per_epoch", steps_per_epoch)) if v is not None}
        return spec.bind(**bind) if bind else spec
    return parse(spec, total_steps=total_steps, steps_per_epoch=steps_per_epoch)


def _resolved(schedule: Schedule) -> Expr:
    """The schedule's expression tree, with its units resolved."""
    text = str(schedule)
    schedule.length  # raises the clear error if units are unresolved
    try:
        expr = evaluate(parse_tree(text))
        return expr.resolve(Binding(schedule.total_steps, schedule.steps_per_epoch))
    except LrspecError as error:
        raise error.with_text(text) from None


def _kernel(expr: Expr):
    return Builder().build(expr, 0.0)


def _call_label(expr: Expr) -> str:
    """``Repeat(…, 3)``, ``max(…, …)``: a family call with its schedule arguments elided."""
    node = expr.to_node()
    children = {child.to_node() for child in expr.children()}
    args = ["…" if a in children else unparse(a) for a in node.args]
    args += [f"{k.name}={'…' if k.value in children else unparse(k.value)}"
             for k in node.kwargs]
    return f"{node.name}({', '.join(args)})"


def _label(expr: Expr) -> str:
    if isinstance(expr, Sequence):
        return ">>"
    if isinstance(expr, Arithmetic):
        return expr.op
    if isinstance(expr, Negation):
        return "-"
    if isinstance(expr, Window):
        text = expr.text()
        return text[text.rfind("["):]
    if expr.children():
        return _call_label(expr)
    return expr.text()


class _Walker:
    """Builds the piece tree; collects the joins and the warmups on the way."""

    def __init__(self) -> None:
        self.joins: list[Join] = []
        self.warmups: list[tuple[Piece, Piece]] = []  # (warmup, what follows it)

    def piece(self, expr: Expr, kernel, g0: float, u0: float, u1: float,
              repeated: bool = False) -> Piece:
        """The piece of ``expr``, whose local step ``u0`` is the schedule's step ``g0`` and
        which is seen up to its local step ``u1``."""
        from .families.combinators import Repeat

        length = expr.length()
        # The part of the piece's own steps that shows: up to its end, or to what cuts it off.
        stop = min(u1, length) if length > u0 else u1
        end = g0 + (stop - u0)
        first = kernel.scalar(u0)
        if math.isinf(stop):
            last = None
        elif stop > u0:
            last = kernel.scalar(_before(stop))
        else:
            last = first
        piece = Piece(_label(expr), expr.text(), g0, end, first, last, expr=expr)
        if isinstance(expr, Sequence):
            piece.children = self._sequence(expr, g0, u0, stop, repeated)
        elif isinstance(expr, Window):
            shift = expr.start or 0
            piece.children = [self.piece(expr.target, _kernel(expr.target), g0, u0 + shift,
                                         stop + shift, repeated)]
        elif isinstance(expr, Repeat):
            inner = expr.schedule
            period = inner.length()
            times = "forever" if math.isinf(expr.times) else f"{expr.times} times"
            piece.note = f"runs {times}"
            local = u0 % period
            child = self.piece(inner, _kernel(inner), g0, local,
                               min(period, local + (stop - u0)), repeated=True)
            child.note = "one run"
            piece.children = [child]
        else:
            piece.children = [self.piece(child, _kernel(child), g0, u0, stop, repeated)
                              for child in expr.children()]
        return piece

    def _sequence(self, expr: Sequence, g0: float, u0: float, stop: float,
                  repeated: bool) -> list[Piece]:
        from .families.combinators import Warmup

        parts = expr.parts
        kernels: list = [None] * len(parts)
        for k in reversed(range(len(parts))):  # a Warmup ramps to what follows it
            if isinstance(parts[k], Warmup):
                kernels[k] = parts[k].ramp(kernels[k + 1].scalar(0.0))
            else:
                kernels[k] = _kernel(parts[k])
        children = []
        begin = 0.0
        for k, part in enumerate(parts):
            finish = begin + part.length() if k < len(parts) - 1 else math.inf
            lo, hi = max(begin, u0), min(finish, stop)
            if lo < hi:
                child = self.piece(part, kernels[k], g0 + (lo - u0), lo - begin, hi - begin,
                                   repeated)
            else:
                child = Piece(_label(part), part.text(), None, None, None, None,
                              note="cut off by the slice", expr=part)
            children.append(child)
            if k > 0 and u0 < begin < stop:
                self.joins.append(Join(g0 + (begin - u0), children[k - 1], child, repeated))
            begin = finish
        for k, part in enumerate(parts[:-1]):
            if isinstance(part, Warmup) and children[k].start is not None:
                self.warmups.append((children[k], children[k + 1]))
        return children


def explain(spec, *, total_steps: int | None = None,
            steps_per_epoch: int | None = None) -> Piece:
    """The tree of a schedule's pieces (see :class:`Piece`); ``spec`` is text or a Schedule.

    >>> root = explain("Warmup(100) >> Cosine(0.1, 0, 900)")
    >>> for p in root.children:
    ...     print(p.label, p.start, p.end, format_value(p.first), format_value(p.last))
    Warmup(100) 0.0 100.0 0.0 0.1
    Cosine(0.1, 0.0, 900) 100.0 1000.0 0.1 0.0
    """
    schedule = _schedule(spec, total_steps, steps_per_epoch)
    return _tree(schedule)[0]


def _tree(schedule: Schedule) -> tuple[Piece, _Walker]:
    expr = _resolved(schedule)
    walker = _Walker()
    root = walker.piece(expr, _kernel(expr), 0.0, 0.0, math.inf)
    return root, walker


# -- the report ------------------------------------------------------------------------------


def _sample_steps(end: int, joins: list[float]) -> tuple[np.ndarray, bool]:
    """The integer steps ``0 .. end``, or an even sample of them plus the steps at joins."""
    if end + 1 <= MAX_SAMPLES:
        return np.arange(end + 1, dtype=np.int64), False
    grid = np.linspace(0, end, MAX_SAMPLES).round().astype(np.int64)
    extra = [s for j in joins for s in (math.floor(j) - 1, math.ceil(j)) if 0 <= s <= end]
    return np.unique(np.concatenate([grid, np.asarray(extra, dtype=np.int64)])), True


def _changes_after(schedule: Schedule, start: float) -> float | None:
    """A step after ``start`` where the schedule's value differs from its value at ``start``
    (None if none is found: every step right after it, and spread-out ones far beyond)."""
    span = 4 * max(start, DEFAULT_HORIZON)
    near = start + np.arange(1, 1001, dtype=np.float64)
    far = start + np.sort(np.random.default_rng(0).uniform(0, span, 4000))
    steps = np.concatenate([near, far])
    values = schedule(steps)
    at = schedule(float(start))
    differ = np.flatnonzero(values != at)
    return float(steps[differ[0]]) if differ.size else None


def analyse(spec, *, total_steps: int | None = None,
            steps_per_epoch: int | None = None) -> Report:
    """Check a schedule (text or a Schedule) the way ``lrspec check`` does; see :class:`Report`.

    Raises an :class:`lrspec.LrspecError` if the spec is invalid or cannot be evaluated
    (units without the size they need, a value that cannot exist).
    """
    schedule = _schedule(spec, total_steps, steps_per_epoch)
    length = schedule.length
    root, walker = _tree(schedule)
    joins = walker.joins
    join_steps = [j.step for j in joins]
    last_join = max(join_steps, default=0.0)
    if math.isfinite(length):
        end = math.ceil(length)
    elif total_steps is not None:
        end = total_steps
    else:
        end = max(DEFAULT_HORIZON, math.ceil(2 * last_join))
    steps, sampled = _sample_steps(end, join_steps)
    values = schedule(steps)
    finite = np.isfinite(values)
    shown = values[finite] if finite.any() else np.zeros(1)
    scale = float(np.max(np.abs(shown)))
    low = int(np.argmin(np.where(finite, values, np.inf)))
    high = int(np.argmax(np.where(finite, values, -np.inf)))
    fmt = format_value

    if math.isfinite(length):
        final, final_from = schedule(float(length)), float(length)
    elif _changes_after(schedule, last_join) is None:
        final, final_from = schedule(float(last_join)), float(last_join)
    else:
        final, final_from = None, None

    warnings: list[str] = []
    notes: list[str] = []
    for join in joins:
        before, after = schedule(_before(join.step)), schedule(join.step)
        if abs(after - before) > JUMP_TOLERANCE * scale:
            again = " (and in every repetition)" if join.repeated else ""
            # Just before a join, a decay a hair above its floor is at its floor, for a reader.
            warnings.append(f"jump at step {format_step(join.step)}, where {join.after.text} "
                            f"starts: from {format_value(before, scale)} to {fmt(after)}{again}")
    for warmup, following in walker.warmups:
        start, goal = warmup.expr.start, following.first
        if goal <= start:
            how = "ramps down" if goal < start else "is flat"
            warnings.append(f"{warmup.text} {how}: from {fmt(start)} to {fmt(goal)}, where "
                            f"{following.text} starts")
    if not finite.all():
        bad = int(np.flatnonzero(~finite)[0])
        warnings.append(f"non-finite values: {values[bad]!r} at step {int(steps[bad])}")
    if float(values[low]) < 0:
        warnings.append(f"negative values: {fmt(float(values[low]))} at step {int(steps[low])}")
    if scale == 0.0 and finite.all():
        warnings.append(f"the rate is 0.0 at every step (steps 0..{end})")
    if total_steps is not None:
        _run_warnings(schedule, length, total_steps, final, warnings, notes, fmt)
    if schedule.stateful:
        notes.append("it reads a metric, so its rate can drop while training; these are its "
                     "values before it has seen one")
    if final is None and total_steps is None:
        notes.append(f"it never ends; this looked at steps 0..{end} (pass --total-steps for "
                     "your run)")
    if scale > 1:
        notes.append(f"its largest rate, {fmt(scale)}, is above 1")
    if sampled:
        notes.append(f"min and max are over {steps.size:,} of its {end + 1:,} steps "
                     "(sampled evenly, and around every join)")
    return Report(
        schedule=schedule, text=str(schedule), length=length, total_steps=total_steps, end=end,
        sampled=sampled, first=float(values[0]), min=float(values[low]),
        min_step=float(steps[low]), max=float(values[high]), max_step=float(steps[high]),
        final=final, final_from=final_from, tree=root, joins=joins, warnings=warnings,
        notes=notes, scale=scale,
    )


def _run_warnings(schedule, length, total, final, warnings, notes, fmt) -> None:
    """What the schedule does at the end of a run of ``total`` steps."""
    if length > total:
        at = schedule(float(total))
        if math.isfinite(length):
            warnings.append(
                f"still changing at total_steps ({total}): it is {format_step(length)} steps "
                f"long, so the run ends at {fmt(at)}, before its final {fmt(final)}")
        else:
            later = _changes_after(schedule, float(total))
            if later is not None:
                warnings.append(
                    f"still changing at total_steps ({total}): it never ends, and goes from "
                    f"{fmt(at)} at step {total} to {fmt(schedule(later))} at step "
                    f"{format_step(later)}")
    elif length < total:
        rest = total - length
        if final == 0:
            warnings.append(
                f"it ends at step {format_step(length)}, before total_steps ({total}), and "
                f"holds 0.0: the last {format_step(rest)} steps train at a rate of 0")
        else:
            notes.append(f"it ends at step {format_step(length)} and holds {fmt(final)} for "
                         f"the last {format_step(rest)} steps of the run")
