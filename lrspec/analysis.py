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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from .model.expr import Builder, Expr
from .model.family import Family
from .model.types import ListOf, Steps
from .schedule.parsing import parse
from .schedule.schedule import Schedule
from .syntax.errors import LrspecError
from .syntax.printer import format_number, format_step, format_value

#: At most this many steps are evaluated to find the smallest and largest values; a longer
#: range is sampled evenly (plus the steps around every join).
MAX_SAMPLES = 1_000_001
#: How far an endless schedule is looked at without ``total_steps``: this many steps, or twice
#: its last join if that is later.
DEFAULT_HORIZON = 10_000
# Differences smaller than JUMP_TOLERANCE of the schedule's largest value are not jumps (float
# rounding, not a jump).
JUMP_TOLERANCE = 1e-9


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
    expr: Expr = field(kw_only=True, repr=False, compare=False)

    def walk(self) -> Iterator[Piece]:
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


def _schedule(spec: str | Schedule, sizes: dict[str, int | None]) -> Schedule:
    given = {k: v for k, v in sizes.items() if v is not None}
    if isinstance(spec, Schedule):
        return spec.bind(**given) if given else spec
    return parse(spec, limits=None, **given)


class _Walker:
    """Builds the piece tree from the compiled schedule; collects the joins and the parts
    that ramp into their successor (warmups) on the way."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.joins: list[Join] = []
        self.warmups: list[tuple[Piece, Piece]] = []  # (warmup, what follows it)

    def piece(self, expr: Expr, g0: float, u0: float, u1: float, repeated: bool = False) -> Piece:
        """The piece of ``expr``, whose local step ``u0`` is the schedule's step ``g0`` and
        which is seen up to its local step ``u1``."""
        kernel = self.builder.kernel_of(expr)
        length = expr.length()
        # The part of the piece's own steps that shows: up to its end, or to what cuts it off.
        stop = min(u1, length) if length > u0 else u1
        first = kernel.scalar(u0)
        if math.isinf(stop):
            last = None
        elif stop > u0:
            last = kernel.scalar(_before(stop))
        else:
            last = first
        piece = Piece(
            expr.label(),
            expr.text(),
            g0,
            g0 + (stop - u0),
            first,
            last,
            note=expr.note(),
            expr=expr,
        )
        previous: Piece | None = None
        for place in expr.timeline():
            begin, end = place.begin, place.end
            if place.repeats:  # show the run that is under way at u0
                period = end - begin
                local = (u0 - begin) % period
                lo, hi = u0, min(stop, u0 + (period - local))
                begin = u0 - local
            else:
                lo, hi = max(begin, u0), min(end, stop)
            if lo < hi:
                child = self.piece(
                    place.child,
                    g0 + (lo - u0),
                    lo - begin + place.shift,
                    hi - begin + place.shift,
                    repeated or place.repeats,
                )
                if place.repeats:
                    child.note = "one run"
            else:
                child = Piece(
                    place.child.label(),
                    place.child.text(),
                    None,
                    None,
                    None,
                    None,
                    note="cut off by the slice",
                    expr=place.child,
                )
            piece.children.append(child)
            if previous is not None and u0 < place.begin < stop:
                self.joins.append(Join(g0 + (place.begin - u0), previous, child, repeated))
            if (
                previous is not None
                and previous.expr.needs_successor
                and previous.start is not None
            ):
                self.warmups.append((previous, child))
            previous = child
        return piece


def explain(spec: str | Schedule, **sizes: int | None) -> Piece:
    """The tree of a schedule's pieces (see :class:`Piece`); ``spec`` is text or a Schedule.

    >>> root = explain("Warmup(100) >> Cosine(0.1, 0, 900)")
    >>> for p in root.children:
    ...     print(p.label, p.start, p.end, format_value(p.first), format_value(p.last))
    Warmup(100) 0.0 100.0 0.0 0.1
    Cosine(0.1, 0.0, 900) 100.0 1000.0 0.1 0.0
    """
    schedule = _schedule(spec, sizes)
    return _tree(schedule)[0]


def _tree(schedule: Schedule) -> tuple[Piece, _Walker]:
    expr = schedule.resolved()
    builder = Builder(record=True)
    try:
        builder.build(expr)
    except LrspecError as error:
        raise error.with_text(str(schedule)) from None
    walker = _Walker(builder)
    root = walker.piece(expr, 0.0, 0.0, math.inf)
    return root, walker


# -- the report ------------------------------------------------------------------------------


def _sample_steps(end: int, joins: list[float]) -> tuple[np.ndarray, bool]:
    """The integer steps ``0 .. end`` (or an even sample of them, plus the whole steps around
    every join), and the step of every join itself: a join between whole steps is where a
    piece shorter than a step shows its values."""
    at_joins = [j for j in joins if 0 <= j <= end]
    if end + 1 <= MAX_SAMPLES:
        grid, sampled = np.arange(end + 1, dtype=np.float64), False
    else:
        grid, sampled = np.linspace(0, end, MAX_SAMPLES).round(), True
        at_joins += [s for j in joins for s in (math.floor(j) - 1, math.ceil(j)) if 0 <= s <= end]
    if not at_joins:
        return grid, sampled
    return np.unique(np.concatenate([grid, np.asarray(at_joins, dtype=np.float64)])), sampled


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


def analyse(spec: str | Schedule, **sizes: int | None) -> Report:
    """Check a schedule (text or a Schedule) the way ``lrspec check`` does; see :class:`Report`.

    Raises an :class:`lrspec.LrspecError` if the spec is invalid or cannot be evaluated
    (units without the size they need, a value that cannot exist).
    """
    schedule = _schedule(spec, sizes)
    total_steps = sizes.get("total_steps")
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

    warnings: list[str] = _fractional_steps(schedule.expr)
    notes: list[str] = []
    for join in joins:
        before, after = schedule(_before(join.step)), schedule(join.step)
        if abs(after - before) > JUMP_TOLERANCE * scale:
            again = " (and in every repetition)" if join.repeated else ""
            # Just before a join, a decay a hair above its floor is at its floor, for a reader.
            was, now = format_value(before, scale), fmt(after)
            if was == now:  # a jump smaller than six digits show
                was, now = format_number(before), format_number(after)
            warnings.append(
                f"jump at step {format_step(join.step)}, where {join.after.text} "
                f"starts: from {was} to {now}{again}"
            )
    for warmup, following in walker.warmups:
        # What the ramp starts from and rises to: its own first value, and the first value
        # of what follows it (also when a slice cuts that part off).
        start = walker.builder.kernel_of(warmup.expr).scalar(0.0)
        goal = walker.builder.kernel_of(following.expr).scalar(0.0)
        if goal <= start:
            how = "ramps down" if goal < start else "is flat"
            warnings.append(
                f"{warmup.text} {how}: from {fmt(start)} to {fmt(goal)}, where "
                f"{following.text} starts"
            )
    if not finite.all():
        bad = int(np.flatnonzero(~finite)[0])
        warnings.append(
            f"non-finite values: {values[bad]!r} at step {format_step(float(steps[bad]))}"
        )
    if float(values[low]) < 0:
        warnings.append(
            f"negative values: {fmt(float(values[low]))} at step {format_step(float(steps[low]))}"
        )
    if scale == 0.0 and finite.all():
        warnings.append(f"the rate is 0.0 at every step (steps 0..{end})")
    if total_steps is not None:
        _run_warnings(schedule, length, total_steps, final, warnings, notes, fmt)
    if schedule.stateful:
        notes.append(
            "it reads a metric, so its rate can drop while training; these are its "
            "values before it has seen one"
        )
    if final is None and total_steps is None:
        notes.append(
            f"it never ends; this looked at steps 0..{end} (pass --total-steps for your run)"
        )
    if scale > 1:
        notes.append(f"its largest rate, {fmt(scale)}, is above 1")
    if sampled:
        notes.append(
            f"min and max are over {steps.size:,} of its {end + 1:,} steps "
            "(sampled evenly, and around every join)"
        )
    return Report(
        schedule=schedule,
        text=str(schedule),
        length=length,
        total_steps=total_steps,
        end=end,
        sampled=sampled,
        first=float(values[0]),
        min=float(values[low]),
        min_step=float(steps[low]),
        max=float(values[high]),
        max_step=float(steps[high]),
        final=final,
        final_from=final_from,
        tree=root,
        joins=joins,
        warnings=warnings,
        notes=notes,
        scale=scale,
    )


def _fractional_steps(expr: Expr) -> list[str]:
    """A warning for each step count written without a unit between 0 and 1: most likely a
    share of the run meant with ``%`` (``Warmup(0.05)`` for ``Warmup(5%)``)."""
    found = []
    for node in expr.walk():
        if not isinstance(node, Family):
            continue
        for p in node.params:
            kind = p.type.item if isinstance(p.type, ListOf) else p.type
            if not isinstance(kind, Steps):
                continue
            value = node.args.get(p.name)
            values = value if isinstance(value, tuple) else (value,)
            small = next(
                (v for v in values if type(v) in (int, float) and 0 < v < 1),  # not a unit
                None,
            )
            if small is not None:
                share = format_step(float(format_value(small * 100)))
                found.append(
                    f"{node.text()}: {p.name}={format_number(small)} is less than one step; "
                    f"a share of the run is written with %, e.g. {share}%"
                )
    return found


def _run_warnings(
    schedule: Schedule,
    length: float,
    total: int,
    final: float | None,
    warnings: list[str],
    notes: list[str],
    fmt: Callable[[float], str],
) -> None:
    """What the schedule does at the end of a run of ``total`` steps."""
    if length > total:
        at = schedule(float(total))
        if math.isfinite(length):
            assert final is not None  # analyse sets it for a finite length
            warnings.append(
                f"still changing at total_steps ({total}): it is {format_step(length)} steps "
                f"long, so the run ends at {fmt(at)}, before its final {fmt(final)}"
            )
        else:
            later = _changes_after(schedule, float(total))
            if later is not None:
                warnings.append(
                    f"still changing at total_steps ({total}): it never ends, and goes from "
                    f"{fmt(at)} at step {total} to {fmt(schedule(later))} at step "
                    f"{format_step(later)}"
                )
    elif length < total:
        assert final is not None  # analyse sets it for a finite length
        rest = total - length
        if final == 0:
            warnings.append(
                f"it ends at step {format_step(length)}, before total_steps ({total}), and "
                f"holds 0.0: the last {format_step(rest)} steps train at a rate of 0"
            )
        else:
            notes.append(
                f"it ends at step {format_step(length)} and holds {fmt(final)} for "
                f"the last {format_step(rest)} steps of the run"
            )
