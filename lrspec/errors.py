"""lrspec's errors: one family of ``ValueError`` subclasses, rendered with a caret under the span.

An error is data (message, span, hint, source text); :meth:`LrspecError.render` turns it into
the text users see::

    lrspec: unknown schedule 'Cosin' at column 15
      Warmup(500) >> Cosin(0.1, 0.0, 10000)
                     ^^^^^
    did you mean 'Cosine'?

Lines are counted from 1 and columns from 0 (the offset into the line, as Python's ``ast``
reports ``col_offset``).
"""

from __future__ import annotations

from argparse import ArgumentTypeError
from collections.abc import Iterable

# Long source lines are shown as a window around the span, so that a megabyte of input never
# turns into a megabyte of error message.
_WINDOW = 60


class LrspecError(ValueError, ArgumentTypeError):
    """Base class of every error lrspec raises for input a user can get wrong.

    It is a ``ValueError``, and also an ``argparse.ArgumentTypeError``, so that
    ``type=lrspec.parse`` in argparse reports the caret message as a usage error.
    """

    def __init__(
        self,
        message: str,
        *,
        span: tuple[int, int] | None = None,
        text: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.text = text
        self.hint = hint

    def __reduce__(self):
        return (_rebuild_error, (type(self), self.message, self.span, self.text, self.hint))

    # -- position -------------------------------------------------------------------------

    @property
    def line(self) -> int | None:
        """1-based line of the start of the span, or None without source text."""
        if self.span is None or self.text is None:
            return None
        return self.text.count("\n", 0, self.span[0]) + 1

    @property
    def column(self) -> int | None:
        """0-based column (offset into the line) of the start of the span."""
        if self.span is None or self.text is None:
            return None
        return self.span[0] - (self.text.rfind("\n", 0, self.span[0]) + 1)

    def with_text(self, text: str) -> LrspecError:
        """Attach the source text if the error does not carry one yet; returns ``self``."""
        if self.text is None:
            self.text = text
        return self

    # -- rendering ------------------------------------------------------------------------

    def __str__(self) -> str:
        return self.render()

    def render(self) -> str:
        """The message, the source line with carets under the span, and the hint."""
        head = f"lrspec: {self.message}"
        lines = [head]
        if self.span is not None and self.text is not None:
            if "\n" in self.text:
                lines[0] = f"{head} at line {self.line}, column {self.column}"
            else:
                lines[0] = f"{head} at column {self.column}"
            lines.extend(_source_excerpt(self.text, self.span))
        if self.hint:
            lines.append(self.hint)
        return "\n".join(lines)


def _rebuild_error(cls, message, span, text, hint):
    return cls(message, span=span, text=text, hint=hint)


def _source_excerpt(text: str, span: tuple[int, int]) -> list[str]:
    start, end = span
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if line_end == -1:
        line_end = len(text)
    source = text[line_start:line_end]
    col = start - line_start
    width = max(1, min(end, line_end) - start)
    if len(source) > 2 * _WINDOW:
        # Show a window around the start of the span; mark the cuts with '...'.
        width = min(width, _WINDOW)
        lo = max(0, col - _WINDOW)
        hi = min(len(source), col + width + _WINDOW)
        prefix = "..." if lo > 0 else ""
        suffix = "..." if hi < len(source) else ""
        source = prefix + source[lo:hi] + suffix
        col = col - lo + len(prefix)
    # Keep tabs in the caret line so the carets stay aligned with the source above them.
    pad = "".join("\t" if ch == "\t" else " " for ch in source[:col])
    return [f"  {source}", f"  {pad}{'^' * max(1, width)}"]


class LrspecSyntaxError(LrspecError):
    """The text does not follow lrspec's grammar."""


class LimitError(LrspecError):
    """The input is larger or deeper than the configured limits allow."""


class UnknownNameError(LrspecError):
    """An unknown schedule, keyword or enumeration value."""


class ArgumentError(LrspecError):
    """A wrong number of arguments, a missing one, or a value of the wrong type or range."""


class CompositionError(LrspecError):
    """Schedules combined in a way that has no meaning (``>>`` after an endless schedule, ...)."""


class UnitError(LrspecError):
    """A unit (``%``, ``ep``) that cannot be resolved."""


class EvaluationError(LrspecError):
    """A schedule asked for a value it cannot give (a negative step, a division by zero, ...)."""

    #: Raised inside a compiled schedule, which does not know the caller's step.
    needs_step = False

    def at_step(self, t) -> EvaluationError:
        """Name the step in the message, if the schedule could not."""
        if self.needs_step:
            self.message = f"{self.message} at step {t}"
            self.needs_step = False
        return self


class StateError(LrspecError):
    """Misuse of a stateful schedule's metric or saved state."""


class ConfigError(LrspecError):
    """A config value that is not any of the accepted forms."""


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A "did you mean" hint naming the closest candidates, or None."""
    import difflib  # only on the error path

    pool = sorted(set(candidates))
    matches = difflib.get_close_matches(name, pool, n=3, cutoff=0.6)
    if not matches:
        # Names differing only in case are always worth suggesting ('cosine' -> 'Cosine').
        matches = [c for c in pool if c.lower() == name.lower()]
    if not matches:
        return None
    quoted = [f"'{m}'" for m in matches]
    if len(quoted) == 1:
        return f"did you mean {quoted[0]}?"
    return f"did you mean {', '.join(quoted[:-1])} or {quoted[-1]}?"
