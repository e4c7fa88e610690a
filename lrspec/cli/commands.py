"""The subcommands of ``lrspec``: check, eval, plot, fmt, explain and families.

Each is one function registered with :func:`lrspec.cli.app.command` (see that module for how
to add one).
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

import numpy as np

from .. import catalogue
from ..analysis import Piece, analyse
from ..model.family import Family, Param, default_text
from ..model.registry import families, lookup
from ..model.units import UNITS, Binding, Quantity
from ..schedule.parsing import parse
from ..schedule.schedule import Schedule
from ..syntax.errors import LrspecError
from ..syntax.limits import MAX_STEPS as DOMAIN
from ..syntax.limits import default_limits
from ..syntax.printer import format_step, format_value
from . import plotting
from .app import (
    INVALID,
    OK,
    SIZES,
    SPEC,
    Console,
    UsageError,
    arg,
    command,
    number,
    read_schedule,
    read_spec,
    sizes,
)

# -- steps -----------------------------------------------------------------------------------

#: A step as written on the command line (a unit resolves to a number), and resolved.
Written = int | float | Quantity
Number = int | float
#: What the steps hold: Written as parsed, Number once resolved.
_V = TypeVar("_V", bound=Written, covariant=True)


@dataclass(frozen=True)
class Steps(Generic[_V]):
    """Steps asked for on the command line: ``START:STOP[:STEP]`` ranges (STOP excluded, as
    in Python's ``range``) and single steps, separated by commas. A step may carry a unit
    (``3ep``, ``50%``), resolved with the run's sizes by :meth:`resolve`."""

    text: str
    items: tuple[tuple[_V, ...], ...]  # (at,) or (start, stop, step)

    @property
    def single(self: Steps[Number]) -> Number | None:
        """The step, when the text is one number (``plot --steps N`` plots ``0..N``)."""
        return self.items[0][0] if len(self.items) == 1 and len(self.items[0]) == 1 else None

    def resolve(self, run: dict[str, int]) -> Steps[Number]:
        """The same steps with their units resolved against the run's sizes (a UnitError
        names a size that is missing), checked again as numbers."""
        if not any(isinstance(v, Quantity) for item in self.items for v in item):
            return cast("Steps[Number]", self)  # no unit: every step is a number already
        binding = Binding(**run)
        items: list[tuple[Number, ...]] = []
        for item in self.items:
            values = tuple(
                _in_domain(binding.resolve(v), str(v)) if isinstance(v, Quantity) else v
                for v in item
            )
            _check_item(values, self.text)
            items.append(values)
        return Steps(self.text, tuple(items))

    def count(self: Steps[Number]) -> float:
        """How many steps (at most one too many for a float range; inf for a range too long
        to count; used for the limit)."""
        total = 0.0
        for item in self.items:
            if len(item) == 1:
                total += 1
            else:
                start, stop, step = item
                span = (stop - start) / step
                total += math.ceil(span) if math.isfinite(span) else math.inf
        return total

    def array(self: Steps[Number]) -> np.ndarray:
        """The steps as an array: int64 when every one is whole, else float64."""
        parts = []
        for item in self.items:
            if len(item) == 1:
                parts.append(np.asarray(item))
            elif all(isinstance(v, int) for v in item):
                parts.append(np.arange(*item, dtype=np.int64))
            else:
                start, stop, step = item
                values = start + step * np.arange(
                    math.ceil((stop - start) / step), dtype=np.float64
                )
                parts.append(values[values < stop])
        return np.concatenate(parts)

    @staticmethod
    def upto(last: Number) -> Steps[Number]:
        """The steps ``0..last``, ``last`` included."""
        stop = last + 1 if isinstance(last, int) else math.floor(last) + 1
        return Steps(f"0:{stop}", ((0, stop, 1),))


def _step_value(text: str) -> Written:
    """A step on the command line: a number, or a number with a unit (``3ep``, ``50%``),
    within the step domain (up to 2**53)."""
    field = text.strip()
    for unit in sorted(UNITS, key=len, reverse=True):
        if field.endswith(unit) and field[: -len(unit)].strip():
            value = number(field[: -len(unit)])
            if value < 0:
                raise argparse.ArgumentTypeError(f"steps must be >= 0, got {text!r}")
            return Quantity(value, unit)
    value = number(field)
    if abs(value) > DOMAIN:
        raise argparse.ArgumentTypeError(f"{text.strip()} is past the step domain (2**53)")
    return value


def _in_domain(value: int | float, text: str) -> int | float:
    if abs(value) > DOMAIN:
        raise UsageError(f"--steps: {text} is {format_step(value)} steps, past the step domain")
    return value


def _check_item(values: tuple[Written, ...], piece: str) -> None:
    if any(not isinstance(v, Quantity) and v < 0 for v in values[:2]):
        raise UsageError(f"--steps {piece}: steps must be >= 0")
    if len(values) == 3:
        start, stop, step = values
        if isinstance(step, Quantity) or isinstance(start, Quantity) or isinstance(stop, Quantity):
            return
        if step <= 0:
            raise UsageError(f"--steps {piece}: STEP must be > 0")
        if stop <= start:
            raise UsageError(f"--steps {piece} is empty: STOP is excluded, as in Python's range()")


def steps_type(text: str) -> Steps[Written]:
    """An argparse type: ``START:STOP[:STEP]``, a single step, or several joined by commas;
    each may carry a unit (``0:3ep``)."""
    items: list[tuple[Written, ...]] = []
    for piece in text.split(","):
        fields = piece.split(":")
        if (
            not piece.strip()
            or len(fields) > 3
            or (len(fields) > 1 and not all(f.strip() for f in fields[:2]))
        ):
            raise argparse.ArgumentTypeError(
                f"expected START:STOP[:STEP] or a step (several joined by commas), got {text!r}"
            )
        values = [_step_value(f) for f in fields]
        if any(not isinstance(v, Quantity) and v < 0 for v in values[:2]):
            raise argparse.ArgumentTypeError(f"steps must be >= 0, got {piece!r}")
        if len(values) == 1:
            items.append((values[0],))
            continue
        start, stop = values[:2]
        step = values[2] if len(values) == 3 else 1
        if not isinstance(step, Quantity) and step <= 0:
            raise argparse.ArgumentTypeError(f"STEP must be > 0, got {piece!r}")
        if (  # plain numbers
            not isinstance(start, Quantity)
            and not isinstance(stop, Quantity)
            and not isinstance(step, Quantity)
            and stop <= start
        ):
            raise argparse.ArgumentTypeError(
                f"{piece!r} is empty: STOP is excluded, as in Python's range()"
            )
        items.append((start, stop, step))
    return Steps(text, tuple(items))


def _limited(given: Steps[Written], run: dict[str, int] | None = None) -> np.ndarray:
    # The most steps ``eval`` and ``plot`` evaluate at once (``lrspec.Limits``).
    MAX_STEPS = default_limits().max_eval_steps
    steps = given.resolve(run or {})
    count = steps.count()
    if count > MAX_STEPS:
        example = "START:STOP:10"
        if len(steps.items) == 1 and len(steps.items[0]) == 3:
            start, stop, _ = steps.items[0]
            wider = (stop - start) / MAX_STEPS
            example = f"{format_step(start)}:{format_step(stop)}:{format_step(_round_up(wider))}"
        asked = f"{count:,.0f}" if math.isfinite(count) and count < 1e18 else "too many"
        raise UsageError(
            f"--steps {steps.text} asks for {asked} steps; at most {MAX_STEPS:,} are "
            f"evaluated at once (take a larger STEP, e.g. --steps {example})"
        )
    return steps.array()


def _round_up(step: float) -> int | float:
    """A step at least ``step``: a whole number, or a power of ten below one."""
    if step >= 1:
        return math.ceil(step) if step < 2**53 else step
    return 10.0 ** math.ceil(math.log10(step))


STEPS_HELP = (
    "START:STOP[:STEP] (STOP excluded, as in Python's range), a single step, or "
    "several of these joined by commas: 0:1000:100,1000; steps may carry units "
    "resolved with the sizes given (0:3ep, 0:100%%:1%%)"
)


# -- check -----------------------------------------------------------------------------------


@command(
    "check",
    "validate a schedule; print its length, values and warnings",
    SPEC,
    *SIZES,
    arg("--strict", action="store_true", help="exit 1 when there are warnings"),
)
def check(args: argparse.Namespace, io: Console) -> int:
    """Validate a schedule and report on it: the canonical form, the length, the first,
    smallest, largest and final values, then warnings (a jump at a '>>' join, negative or
    non-finite values, a schedule still changing at --total-steps, a warmup that ramps down,
    ...) and notes.

    Exit codes: 0 valid, 1 invalid (or warnings, with --strict), 2 usage.

    example:
      lrspec check 'Warmup(5%) >> Cosine(3e-4, 3e-5, 95%)' --total-steps 10000
    """
    text = read_spec(args, io)
    report = analyse(read_schedule(args, io, text), **sizes(args))
    v = report.value
    if math.isfinite(report.length):
        length = f"{format_step(report.length)} step{'' if report.length == 1 else 's'}"
    else:
        length = "never ends"
    if report.final is None:
        final = "none: it keeps changing"
    else:
        final = f"{v(report.final)} from step {format_step(report.final_from)} on"
    io.out(report.text)
    rows = [
        ("length", length),
        ("first", v(report.first)),
        ("min", f"{v(report.min)} at step {format_step(report.min_step)}"),
        ("max", f"{v(report.max)} at step {format_step(report.max_step)}"),
        ("final", final),
    ]
    for name, value in rows:
        io.out(f"  {name + ':':<8}{value}")
    for note in report.notes:
        io.out(f"{io.style('note:', 'cyan')} {note}")
    for warning in report.warnings:
        io.out(f"{io.style('warning:', 'yellow', 'bold')} {warning}")
    count = len(report.warnings)
    if count:
        io.out(f"{count} warning{'s' if count > 1 else ''}")
        return INVALID if args.strict else OK
    io.out(io.style("ok: no warnings", "green"))
    return OK


# -- eval ------------------------------------------------------------------------------------


@command(
    "eval",
    "print a schedule's values at the given steps",
    SPEC,
    arg("--steps", required=True, type=steps_type, metavar="START:STOP[:STEP]", help=STEPS_HELP),
    arg(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table (the default), csv (step,lr), or json (the list of values)",
    ),
    *SIZES,
)
def evaluate(args: argparse.Namespace, io: Console) -> int:
    """Print the schedule's learning rate at each step: a table, CSV with a 'step,lr' header,
    or JSON (the list of values, exactly as Schedule(steps) gives them). Values print as
    Python prints floats, so they read back bit for bit.

    example:
      lrspec eval 'Warmup(500) >> Cosine(0.1, 0.0, 10000)' --steps 0:10501:1500
    """
    schedule = read_schedule(args, io)
    steps = _limited(args.steps, sizes(args))
    values = schedule(steps)
    if args.format == "json":
        try:
            io.out(json.dumps(values.tolist(), allow_nan=False))
        except ValueError:
            bad = int(np.flatnonzero(~np.isfinite(values))[0])
            raise LrspecError(
                f"the value at step {format_step(steps[bad].item())} is "
                f"{values[bad]!r}, which JSON cannot hold"
            ) from None
        return OK
    step_text = [format_step(s) for s in steps.tolist()]
    if args.format == "csv":
        io.out("step,lr")
        _write_rows(io, (f"{s},{value!r}" for s, value in zip(step_text, values.tolist())))
        return OK
    width = max(len("step"), max(len(s) for s in step_text))
    io.out(f"{'step':>{width}}  lr")
    _write_rows(io, (f"{s:>{width}}  {value!r}" for s, value in zip(step_text, values.tolist())))
    return OK


def _write_rows(io: Console, rows: Iterable[str]) -> None:
    chunk: list[str] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == 65536:
            io.out("\n".join(chunk))
            chunk = []
    if chunk:
        io.out("\n".join(chunk))


# -- plot ------------------------------------------------------------------------------------


#: The sizes a plot may have: in the terminal, in characters (columns, rows); as an image, in
#: pixels each way and in all (a larger plot takes minutes and gigabytes to draw).
TERMINAL_SIZES = ((20, 1000), (8, 1000))
IMAGE_SIDES = (50, 10_000)
MAX_IMAGE_PIXELS = 25_000_000


def size_type(text: str) -> tuple[int, int]:
    """An argparse type: ``WIDTHxHEIGHT``, two whole numbers (checked against the plot's
    bounds by the command, which knows whether it draws in the terminal or an image)."""
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.strip().isascii() and p.strip().isdigit() for p in parts):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 80x24, got {text[:40]!r}")
    try:
        width, height = (int(p) for p in parts)
    except ValueError:  # more digits than Python converts
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT, e.g. 80x24, got {text[:40]!r}"
        ) from None
    if width < 1 or height < 1:
        raise argparse.ArgumentTypeError(f"the size must be positive, got {text!r}")
    return width, height


def _check_size(width: int, height: int, image: bool) -> None:
    if image:
        lo, hi = IMAGE_SIDES
        if not (lo <= width <= hi and lo <= height <= hi):
            raise UsageError(f"--size {width}x{height}: an image is {lo} to {hi} pixels each way")
        if width * height > MAX_IMAGE_PIXELS:
            raise UsageError(
                f"--size {width}x{height}: an image has at most {MAX_IMAGE_PIXELS:,} pixels"
            )
        return
    (wlo, whi), (hlo, hhi) = TERMINAL_SIZES
    if width < wlo or height < hlo:
        raise UsageError(f"--size {width}x{height} is too small for a plot ({wlo}x{hlo} at least)")
    if width > whi or height > hhi:
        raise UsageError(
            f"--size {width}x{height}: a plot in the terminal is at most {whi} characters "
            f"wide and {hhi} high"
        )


@command(
    "plot",
    "plot one or more schedules, in the terminal or to an image",
    arg(
        "specs",
        nargs="+",
        metavar="SPEC",
        help="the schedules to compare (quote each), or - for one read from standard input",
    ),
    arg(
        "--steps",
        type=steps_type,
        metavar="N",
        help="plot steps 0..N (or START:STOP[:STEP]); by default up to the end of the "
        "longest schedule, or --total-steps",
    ),
    arg(
        "-o",
        "--output",
        metavar="FILE",
        help="write an image instead: FILE.png, FILE.svg or FILE.pdf",
    ),
    arg(
        "--size",
        type=size_type,
        metavar="WxH",
        help="in characters for the terminal (default: the terminal's size, 80x24 when "
        "not a terminal), in pixels for an image (default: 800x500)",
    ),
    arg("--title", help="the plot's title (default: the spec, when there is one)"),
    arg(
        "--log",
        action="store_true",
        help="a logarithmic rate axis (values <= 0 cannot be shown on it and are left out)",
    ),
    *SIZES,
)
def plot(args: argparse.Namespace, io: Console) -> int:
    """Plot schedules, in the terminal (with plotext) or to a PNG, SVG or PDF file (with
    matplotlib): both come with `pip install 'lrspec[plot]'`. Several specs are drawn in one
    plot, with a legend.

    With --log the rate axis is logarithmic (values <= 0 are left out).

    examples:
      lrspec plot 'Warmup(500) >> Cosine(0.1, 0.0, 10000)'
      lrspec plot 'Cosine(0.1, 0, 1000)' 'Linear(0.1, 0, 1000)' -o compare.png --size 1200x600
      lrspec plot 'ExponentialDecay(0.1, 100, 0.5)' --steps 2000 --log
    """
    if args.specs.count("-") > 1:
        raise UsageError("only one SPEC can be read from standard input")
    fmt = None
    if args.output is not None:
        fmt = args.output.rsplit(".", 1)[-1].lower() if "." in args.output else ""
        if fmt not in plotting.IMAGE_FORMATS:
            raise UsageError(f"-o {args.output}: the file must end in .png, .svg or .pdf")
    size: tuple[int, int] | None = args.size
    if size is not None:
        _check_size(*size, image=fmt is not None)
    schedules = [read_schedule(args, io, io.read() if spec == "-" else spec) for spec in args.specs]
    steps = _limited(_plot_steps(args, schedules))
    series = [(str(s), steps, s(steps)) for s in schedules]
    if args.log and not any((y > 0).any() for _, _, y in series):
        raise UsageError("--log: every value is <= 0, and a logarithmic axis shows none")
    title = (
        args.title
        if args.title is not None
        else (str(schedules[0]) if len(schedules) == 1 else None)
    )
    if fmt is None:
        width, height = args.size or _terminal_size(io)
        io.out(plotting.terminal_plot(series, width, height, title, io.colour, log=args.log))
        return OK
    width, height = args.size or (800, 500)
    plotting.image_plot(series, args.output, fmt, width, height, title, log=args.log)
    io.out(f"wrote {args.output} ({width}x{height})")
    return OK


def _plot_steps(args: argparse.Namespace, schedules: list[Schedule]) -> Steps[Number]:
    if args.steps is not None:
        asked = args.steps.resolve(sizes(args))
        single = asked.single
        return Steps.upto(single) if single is not None else asked
    ends = [s.length for s in schedules if math.isfinite(s.length)]
    if args.total_steps is not None:
        ends.append(args.total_steps)
    if not ends:
        raise UsageError(
            "the schedules never end: say how far to plot with --steps N (or --total-steps N)"
        )
    return Steps.upto(max(ends))


def _terminal_size(io: Console) -> tuple[int, int]:
    if not io.tty:
        return 80, 24
    size = shutil.get_terminal_size((80, 24))
    (wlo, whi), (hlo, hhi) = TERMINAL_SIZES
    return min(whi, max(wlo, size.columns)), min(hhi, max(hlo, size.lines - 1))


# -- fmt -------------------------------------------------------------------------------------


def split_comment(line: str) -> tuple[str, str]:
    """A line's spec and its ``#`` comment (a ``#`` inside a quoted string is not one)."""
    quote = None
    escaped = False
    for i, ch in enumerate(line):
        if escaped:
            escaped = False
        elif quote:
            if ch == "\\":
                escaped = True
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[:i], line[i:]
    return line, ""


def canonical(text: str) -> str:
    """The canonical text of a spec (raises an LrspecError if it is not a valid one)."""
    return str(parse(text))


def _format_line(line: str) -> str:
    code, comment = split_comment(line)
    if not code.strip():
        return line  # blank lines and comment lines stay as they are
    text = canonical(code)
    return f"{text}  {comment.rstrip()}" if comment else text


@command(
    "fmt",
    "print specs in canonical form; --check tells whether they are",
    arg(
        "spec",
        metavar="SPEC|-",
        help="a spec, or - to read specs from standard input, one per line",
    ),
    arg(
        "--check",
        action="store_true",
        help="print nothing; exit 1 if any spec is not canonical (or not valid)",
    ),
)
def fmt(args: argparse.Namespace, io: Console) -> int:
    """Print a spec in its canonical form (the text str(lrspec.parse(spec)) gives). With -,
    read one spec per line from standard input and print each line formatted; blank lines and
    comment lines pass through, and a comment after a spec is kept.

    With --check, print nothing to standard output, name each spec that is not canonical on
    standard error, and exit 1 if there is any, like black --check.

    examples:
      lrspec fmt 'Warmup( 500 )>>Cosine(1e-1,0,10_000)'
      lrspec fmt --check - < schedules.txt
    """
    if args.spec != "-":
        text = canonical(args.spec)
        if args.check:
            if text != args.spec.strip():
                io.err(f"would reformat: {args.spec.strip()}")
                return INVALID
            return OK
        io.out(text)
        return OK
    code = OK
    for number_, line in enumerate(io.lines(), 1):
        try:
            formatted = _format_line(line)
        except LrspecError as error:
            io.err(str(_on_line(error, line, number_)))
            formatted, code = line, INVALID
        else:
            if args.check and formatted != line:
                io.err(f"would reformat line {number_}: {line}")
                code = INVALID
        if not args.check:
            io.out(formatted)
            io.stdout.flush()  # a filter: each line goes out as soon as it is done
    return code


def _on_line(error: LrspecError, line: str, number_: int) -> LrspecError:
    """An error in line ``number_`` of standard input, rendered with that line number."""
    if error.span is None:  # errors are immutable: a copy that names the line
        return type(error)(
            f"line {number_}: {error.message}",
            text=error.text,
            hint=error.hint,
            details=error.details,
        )
    start, end = error.span
    # Blank lines in front put the caret message on the right line number.
    pad = "\n" * (number_ - 1)
    return type(error)(
        error.message, span=(start + len(pad), end + len(pad)), text=pad + line, hint=error.hint
    )


# -- explain ---------------------------------------------------------------------------------


@command(
    "explain", "show a schedule's pieces: where each starts and ends, and its values", SPEC, *SIZES
)
def explain_(args: argparse.Namespace, io: Console) -> int:
    """Show the tree of a schedule: each piece of a '>>' sequence, each operand of arithmetic,
    min and max, each slice and Repeat, with the step where it starts and ends in the whole
    schedule and its own value there ('at end' is its value just before its end; '-' for a
    piece that never ends).

    example:
      lrspec explain 'Warmup(100) >> Repeat(Cosine(0.1, 0.0, 300), 3)'
    """
    schedule = read_schedule(args, io)
    report = analyse(schedule, **sizes(args))
    rows: list[Row] = [("piece", "start", "end", "at start", "at end", "")]
    _rows(report.tree, "", "", rows, report.scale)
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    io.out(str(schedule))
    io.out()
    for k, row in enumerate(rows):
        label, start, end, first, last, note = row
        line = (
            f"{label:<{widths[0]}}  {start:>{widths[1]}}  {end:>{widths[2]}}  "
            f"{first:>{widths[3]}}  {last:>{widths[4]}}"
        )
        if note:
            line += f"  {note}"
        line = line.rstrip()
        io.out(io.style(line, "bold") if k == 0 else line)
    return OK


#: A row of ``explain``'s table: piece, start, end, at start, at end, note.
Row = tuple[str, str, str, str, str, str]


def _rows(piece: Piece, lead: str, rest: str, rows: list[Row], scale: float) -> None:
    def value(v: float | None) -> str:
        return "-" if v is None else format_value(v, scale)

    rows.append(
        (
            lead + piece.label,
            format_step(piece.start),
            format_step(piece.end),
            value(piece.first),
            value(piece.last),
            piece.note,
        )
    )
    for k, child in enumerate(piece.children):
        last = k == len(piece.children) - 1
        _rows(
            child, rest + ("└─ " if last else "├─ "), rest + ("   " if last else "│  "), rows, scale
        )


# -- families --------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return " ".join(text.replace("``", "`").split())


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(
        _plain(text),
        width=88,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


@command(
    "families",
    "list the schedule families, or show one in full",
    arg(
        "name",
        nargs="?",
        metavar="NAME",
        help="a family to show with its formula, parameters and example, or a namespace "
        "(torch, hf, optax, keras, timm) to list its families",
    ),
)
def families_(args: argparse.Namespace, io: Console) -> int:
    """Without NAME, list every family with its signature and summary, grouped by where it
    comes from. With NAME, show that family: signature, formula, parameters (type, default,
    meaning) and an example. With a library's namespace (torch, hf, optax, keras, timm), list
    the families written in that library's words.

    examples:
      lrspec families
      lrspec families Cosine
      lrspec families torch
    """
    registered = families()
    if args.name is None:
        _list_families(io, list(registered.values()))
        return OK
    prefix = args.name.rstrip(".") + "."
    if args.name not in registered and any(name.startswith(prefix) for name in registered):
        # A namespace (``torch`` or ``torch.``): its families.
        _list_families(io, [c for name, c in registered.items() if name.startswith(prefix)])
        return OK
    cls = lookup(args.name)
    summary, formula, rest = catalogue.sections(cls)
    io.out(io.style(cls.signature(), "bold"))
    io.out(f"from {cls.origin}")
    io.out()
    io.out(_wrap(summary))
    if formula:
        io.out()
        for line in formula.replace("``", "`").splitlines():
            io.out(f"    {line}".rstrip())
    io.out()
    io.out("parameters:")
    table = [
        (p.name, p.type.describe(), "required" if p.required else f"default {_default(p)}", p.doc)
        for p in cls.params
    ]
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    for name, kind, default, doc in table:
        io.out(
            f"  {name:<{widths[0]}}  {kind:<{widths[1]}}  {default:<{widths[2]}}  "
            f"{_plain(doc)}".rstrip()
        )
    if rest:
        io.out()
        io.out(_wrap(rest))
    return OK


def _list_families(io: Console, members: list[type[Family]]) -> None:
    """Families with their signatures and summaries, grouped by origin."""
    known = {origin for origin, _ in catalogue.GROUPS}
    groups = [
        (title, [c for c in members if _origin(c) == origin]) for origin, title in catalogue.GROUPS
    ]
    groups.append(("Other families", [c for c in members if _origin(c) not in known]))
    first = True
    for title, group in groups:
        if not group:
            continue
        if not first:
            io.out()
        first = False
        io.out(io.style(_plain(title.replace("`", "")), "bold"))
        for cls in group:
            summary = catalogue.sections(cls)[0]
            io.out(f"  {cls.signature()}")
            io.out(_wrap(summary, "      "))


def _origin(cls: type[Family]) -> str:
    return cls.origin.split(",")[0].strip()


def _default(p: Param) -> str:
    return default_text(p)
