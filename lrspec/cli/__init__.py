"""The ``lrspec`` command (also ``python -m lrspec``): check, eval, plot, fmt, explain and
families.

``main(argv)`` runs it and returns the exit code: 0 ok, 1 invalid (or warnings with
``check --strict``), 2 usage. Subcommands live in :mod:`lrspec.cli.commands`; adding one is
one function registered with :func:`command` (see :mod:`lrspec.cli.app`).
"""

from __future__ import annotations

from . import commands, convert  # noqa: F401  (importing registers the subcommands)
from .app import (
    INVALID,
    OK,
    SIZES,
    SPEC,
    USAGE,
    CommandFailed,
    Console,
    UsageError,
    arg,
    build_parser,
    command,
    main,
    read_schedule,
    read_spec,
    registered,
)

__all__ = [
    "INVALID",
    "OK",
    "SIZES",
    "SPEC",
    "USAGE",
    "CommandFailed",
    "Console",
    "UsageError",
    "arg",
    "build_parser",
    "command",
    "registered",
    "main",
    "read_schedule",
    "read_spec",
]
