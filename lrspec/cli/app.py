"""The machinery of the ``lrspec`` command: subcommand registry, parser, errors, output.

A subcommand is one function, registered with :func:`command`; its arguments are declared
with :func:`arg` (shared ones, such as :data:`SPEC` and :data:`SIZES`, are defined here)::

    @command("length", "print a schedule's length", SPEC, *SIZES)
    def length(args: argparse.Namespace, io: Console) -> int:
        '''Print the number of steps until the schedule holds its final value.'''
        io.out(format_step(read_schedule(args, io).length))
        return 0

The function gets the parsed arguments and a :class:`Console`, and returns the exit code.
:func:`main` turns every :class:`lrspec.LrspecError` into its caret message on stderr (exit 1),
a :class:`UsageError` into a usage message (exit 2), and a closed pipe or Ctrl-C into a quiet
exit.
"""

from __future__ import annotations

import argparse
import errno
import importlib.metadata
import inspect
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NoReturn, TextIO

from ..model.units import SIZES as RUN_SIZES
from ..schedule.parsing import parse
from ..schedule.schedule import Schedule
from ..syntax.errors import LrspecError, UnitError
from ..syntax.limits import default_limits

#: Exit codes.
OK, INVALID, USAGE = 0, 1, 2
#: Ctrl-C, as shells report a command stopped by SIGINT.
INTERRUPTED = 130


class UsageError(Exception):
    """A command line that asks for something the command cannot do (exit 2)."""


class CommandFailed(Exception):
    """A command that could not do its work for a reason other than the spec (exit 1)."""


class PlotUnavailable(CommandFailed):
    """The optional plotting libraries are not installed."""


#: An argument of a subcommand: ``add_argument``'s flags and options (see :func:`arg`).
Argument = tuple[tuple[str, ...], dict[str, Any]]
#: A subcommand's function: the parsed arguments and the console to the exit code.
Run = Callable[[argparse.Namespace, "Console"], int]


@dataclass
class Command:
    """A registered subcommand: its name, one-line help, arguments and function."""

    name: str
    help: str
    arguments: tuple[Argument, ...]
    run: Run
    #: Arguments the parser does not know are handed to the command as ``args.settings``
    #: (``convert`` reads each source's own flags itself).
    passthrough: bool = False


_COMMANDS: dict[str, Command] = {}


def arg(*flags: str, **options: Any) -> Argument:
    """An argument of a subcommand, with ``argparse.ArgumentParser.add_argument``'s signature."""
    return flags, options


def command(
    name: str, help: str, *arguments: Argument, passthrough: bool = False
) -> Callable[[Run], Run]:
    """Register the decorated function as the subcommand ``name``.

    The function's docstring is the subcommand's ``--help`` description.
    """

    def register(run: Run) -> Run:
        _COMMANDS[name] = Command(name, help, arguments, run, passthrough)
        return run

    return register


def registered() -> dict[str, Command]:
    """Every registered subcommand, by name, in registration order."""
    return dict(_COMMANDS)


# -- shared arguments -------------------------------------------------------------------------


def positive_int(text: str) -> int:
    """An argparse type: a whole number >= 1 (``10_000`` and ``1e4`` are accepted)."""
    value = number(text)
    if isinstance(value, float) or value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return value


def number(text: str) -> int | float:
    """An argparse type: a finite number; an int when it is whole (``1e4`` -> ``10000``)."""
    try:
        value = float(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    if value.is_integer() and abs(value) <= 2**53:
        return int(value)
    return value


SPEC = arg(
    "spec", metavar="SPEC", help="the schedule text (quote it), or - to read it from standard input"
)
SIZES = (
    arg(
        "--total-steps",
        type=positive_int,
        metavar="N",
        help="the run's length in steps: resolves %% units and checks the run's end",
    ),
    arg(
        "--steps-per-epoch",
        type=positive_int,
        metavar="N",
        help="steps per epoch: resolves ep units",
    ),
    arg(
        "--samples-per-step",
        type=positive_int,
        metavar="N",
        help="samples per step (the global batch size): resolves sp units",
    ),
    arg(
        "--tokens-per-step",
        type=positive_int,
        metavar="N",
        help="tokens per step (batch size times sequence length): resolves tok units",
    ),
)


def sizes(args: argparse.Namespace) -> dict[str, int]:
    """The run's sizes given on the command line."""
    given = {name: getattr(args, name, None) for name in RUN_SIZES}
    return {name: value for name, value in given.items() if value is not None}


# -- output ----------------------------------------------------------------------------------


class _Closed:
    """A standard stream that was closed when the command started (``>&-``, ``<&-``): using
    it is a failure of the command that says so, never a traceback; writing to a closed
    standard error is a silent no-op, since there is nowhere to say anything."""

    def __init__(self, name: str, silent: bool = False) -> None:
        self.name = name
        self.silent = silent

    def _fail(self, *_args: object) -> NoReturn:
        raise CommandFailed(f"standard {self.name} is closed")

    def write(self, text: str) -> int:
        if self.silent:
            return len(text)
        return self._fail()

    read = readline = __iter__ = _fail

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class Console:
    """Standard input and output for a subcommand, with colour only on a terminal."""

    _STYLES = {"bold": "1", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}

    def __init__(
        self,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        stdin: TextIO | None = None,
    ) -> None:
        self.stdout = _stream(stdout, sys.stdout, _Closed("output"))
        self.stderr = _stream(stderr, sys.stderr, _Closed("error", silent=True))
        self.stdin = _stream(stdin, sys.stdin, _Closed("input"))

    @property
    def tty(self) -> bool:
        """Whether standard output is a terminal."""
        try:
            return self.stdout.isatty()
        except (AttributeError, ValueError):
            return False

    @property
    def colour(self) -> bool:
        """Colour only on a terminal, and never when ``NO_COLOR`` is set (no-color.org)."""
        return self.tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"

    def style(self, text: str, *styles: str) -> str:
        """``text`` in the given styles (``"yellow"``, ``"bold"``, ...) when colour is on."""
        if not self.colour or not styles:
            return text
        codes = ";".join(self._STYLES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

    def out(self, text: str = "", end: str = "\n") -> None:
        """Write a line to standard output."""
        self.stdout.write(text + end)

    def err(self, text: str) -> None:
        """Write a line to standard error (after flushing standard output, to keep order).
        A standard error that cannot be written to loses the line, quietly."""
        try:
            self.stdout.flush()
        except (OSError, ValueError):
            pass
        try:
            self.stderr.write(text + "\n")
            self.stderr.flush()
        except (OSError, ValueError):
            pass

    def read(self) -> str:
        """All of standard input, up to the longest spec there can be (``Limits.max_length``);
        more is a usage error, so that ``- < /dev/zero`` ends at once."""
        limit = default_limits().max_length
        text = self.stdin.read(limit + 1)
        if len(text) > limit:
            raise UsageError(
                f"standard input holds more than {limit:,} characters, the longest spec"
            )
        return text

    def lines(self) -> Iterator[str]:
        """The lines of standard input, each without its line end; a line longer than the
        longest spec is a usage error."""
        limit = default_limits().max_length
        while True:
            line = self.stdin.readline(limit + 2)
            if not line:
                return
            body = line.rstrip("\r\n")
            if len(body) > limit:
                raise UsageError(
                    f"a line of standard input is longer than {limit:,} characters, the "
                    "longest spec"
                )
            yield body


def _stream(given: TextIO | None, standard: TextIO | None, closed: _Closed) -> TextIO | _Closed:
    """The stream given, else the standard one, else (Python sets a standard stream to None
    when its file descriptor is closed) a stand-in that says it is closed."""
    if given is not None:
        return given
    return standard if standard is not None else closed


def read_spec(args: argparse.Namespace, io: Console) -> str:
    """The spec text of ``args.spec``, read from standard input when it is ``-``."""
    if args.spec == "-":
        text = io.read()
        if not text.strip():
            raise UsageError("standard input holds no spec")
        return text
    spec: str = args.spec
    return spec


def read_schedule(args: argparse.Namespace, io: Console, text: str | None = None) -> Schedule:
    """The schedule of ``args.spec`` (or of ``text``), bound to the run's sizes in ``args``."""
    return parse(read_spec(args, io) if text is None else text, limits=None, **sizes(args))


# -- the parser and main ---------------------------------------------------------------------


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the descriptions' own line breaks (they hold examples)."""


def build_parser() -> argparse.ArgumentParser:
    """The ``lrspec`` argument parser, with one subparser per registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="lrspec",
        description="Learning-rate schedules as one line of text: check, evaluate, plot, "
        "format and explain them.",
        epilog="Run 'lrspec COMMAND --help' for a command's options. Exit codes: 0 ok, "
        "1 invalid spec (or warnings with check --strict), 2 usage.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"lrspec {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for cmd in _COMMANDS.values():
        doc = cmd.run.__doc__ or cmd.help
        p = sub.add_parser(
            cmd.name, help=cmd.help, description=_dedent(doc), formatter_class=_Formatter
        )
        for flags, options in cmd.arguments:
            p.add_argument(*flags, **options)
        p.set_defaults(_command=cmd, _parser=p)
    return parser


def _dedent(doc: str) -> str:
    return inspect.cleandoc(doc)


def _version() -> str:
    try:
        return importlib.metadata.version("lrspec")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        return "unknown"


def _for_the_command(error: LrspecError) -> LrspecError:
    """The error as the command says it: missing sizes are its options."""
    if isinstance(error, UnitError) and error.missing:
        return error.with_hint(
            "pass " + ", ".join(f"--{name.replace('_', '-')} N" for name in error.missing)
        )
    return error


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush of a closed pipe says nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the ``lrspec`` command line; returns the exit code (0 ok, 1 invalid, 2 usage)."""
    io = Console()
    stream: Any  # whatever sys.stdout is now: a TextIOWrapper, a test's capture, ...
    for stream in (sys.stdout, sys.stderr):
        try:  # a terminal or pipe that cannot encode a character shows '?', never a traceback
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if args._command.passthrough:
            args.settings = extra
        elif extra:
            args._parser.error(f"unrecognized arguments: {' '.join(extra)}")
        try:
            status: int = args._command.run(args, io)
        except UsageError as error:
            args._parser.print_usage(sys.stderr)
            io.err(f"lrspec {args.command}: error: {error}")
            return USAGE
        io.stdout.flush()
        return status
    except LrspecError as error:
        io.err(str(_for_the_command(error)))
        return INVALID
    except OSError as error:
        if isinstance(error, BrokenPipeError) or getattr(error, "errno", None) == errno.EPIPE:
            _silence_stdout()
            return INVALID
        io.err(
            f"lrspec: {error.strerror or error}" + (f": {error.filename}" if error.filename else "")
        )
        if error.filename is None:  # a standard stream failed: its last flush would fail too
            _silence_stdout()
        return INVALID
    except CommandFailed as error:
        io.err(f"lrspec: {error}")
        return INVALID
    except KeyboardInterrupt:
        _silence_stdout()
        return INTERRUPTED
    except SystemExit as exit:  # argparse: --help, --version and usage errors
        code = exit.code
        return code if isinstance(code, int) else (OK if code is None else USAGE)
