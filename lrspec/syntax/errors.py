"""lrspec's errors: one family of ``ValueError`` subclasses, immutable, rendered in one place.

An error is data: its message (a number of more than 40 digits in it shows as its first and
last digits and its length, a word of more than 200 characters as its ends and its length),
the span of the source text it is about, the text, a hint and notes.
:meth:`LrspecError.render` (also ``str(error)``) is the one place that turns it into
the text users see::

    lrspec: unknown schedule 'Cosin' at column 15
      Warmup(500) >> Cosin(0.1, 0.0, 10000)
                     ^^^^^
    did you mean 'Cosine'?

Errors are never changed once built: code that knows more (the source text, the step, a better
hint for its caller) raises a copy that says it (:meth:`LrspecError.with_text`,
:meth:`~LrspecError.with_hint`, :meth:`EvaluationError.at_step`).

Lines are counted from 1 and columns from 0 (the offset into the line, as Python's ``ast``
reports ``col_offset``).
"""

from __future__ import annotations

import importlib.util
import numbers
import re
from argparse import ArgumentTypeError
from collections.abc import Iterable
from typing import Any

Span = tuple[int, int]

# Long source lines are shown as a window around the span, so that a megabyte of input never
# turns into a megabyte of error message.
_WINDOW = 60
# The fields of an error; anything else Python sets on an exception (traceback, cause,
# context, notes) is Python's own business.
_FIELDS = ("message", "span", "text", "hint", "details")
# A number of more digits than this is shown by its first and last digits and its length: a
# 5,000-digit integer in a config file must not become a 5,000-digit message.
_LONG_DIGITS = re.compile(r"\d{41,}")
# Likewise a name, a string or a path of more than 200 characters without a space (a config
# file may hold a 100,000-character name): its start, its end and its length.
_LONG_WORD = re.compile(r"\S{201,}")


def _shorten(text: str) -> str:
    """``text`` with every run of more than 40 digits shown as ``123456...7890 (401 digits)``,
    and every run of more than 200 other characters without a space cut in the middle."""
    if len(text) < 41:
        return text
    text = _LONG_DIGITS.sub(lambda m: f"{m[0][:6]}...{m[0][-4:]} ({len(m[0])} digits)", text)
    if len(text) < 201:
        return text
    return _LONG_WORD.sub(lambda m: f"{m[0][:100]}...{m[0][-40:]} ({len(m[0])} characters)", text)


class LrspecError(ValueError, ArgumentTypeError):
    """Base class of every error lrspec raises for input a user can get wrong.

    It is a ``ValueError``, and also an ``argparse.ArgumentTypeError``, so that
    ``type=lrspec.parse`` in argparse reports the caret message as a usage error.

    ``details`` holds facts a caller may act on (for a :class:`UnitError`, the sizes that are
    missing), as a tuple of ``(name, value)`` pairs.
    """

    message: str
    span: Span | None
    text: str | None
    hint: str | None
    details: tuple[tuple[str, Any], ...]

    def __init__(
        self,
        message: str,
        *,
        span: Span | None = None,
        text: str | None = None,
        hint: str | None = None,
        details: tuple[tuple[str, Any], ...] = (),
    ) -> None:
        message = _shorten(message)
        super().__init__(message)
        put = object.__setattr__
        put(self, "message", message)
        put(self, "span", span)
        put(self, "text", text)
        put(self, "hint", hint if hint is None else _shorten(hint))
        put(self, "details", tuple(details))

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FIELDS:
            raise AttributeError(f"{type(self).__name__}.{name} cannot change; raise a copy")
        super().__setattr__(name, value)  # Python's own: __traceback__, __cause__, ...

    def __reduce__(self) -> Any:
        return (_rebuild_error, (type(self), *(getattr(self, f) for f in _FIELDS)))

    def _copy(self, **changes: Any) -> LrspecError:
        fields = {f: getattr(self, f) for f in _FIELDS}
        fields.update(changes)
        return type(self)(fields.pop("message"), **fields)

    def detail(self, name: str, default: Any = None) -> Any:
        """The value of one of :attr:`details`."""
        return dict(self.details).get(name, default)

    # -- copies that know more ----------------------------------------------------------------

    def with_text(self, text: str) -> LrspecError:
        """This error with its source text (itself if it has one already)."""
        return self if self.text is not None else self._copy(text=text)

    def with_span(self, span: Span | None) -> LrspecError:
        """This error pointing at ``span`` (itself if it points somewhere already)."""
        return self if self.span is not None or span is None else self._copy(span=span)

    def with_hint(self, hint: str | None) -> LrspecError:
        """This error with another hint."""
        return self._copy(hint=hint)

    def within(self, where: str) -> LrspecError:
        """This error found inside ``where`` (a place in a config value, ``at $.sequence[1]``):
        its message starts with it; the class, the text and the span stay."""
        return self._copy(message=f"{where}: {self.message}")

    # -- position ---------------------------------------------------------------------------

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

    # -- rendering --------------------------------------------------------------------------

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


def _rebuild_error(
    cls: type[LrspecError],
    message: str,
    span: Span | None,
    text: str | None,
    hint: str | None,
    details: tuple[tuple[str, Any], ...],
) -> LrspecError:
    return cls(message, span=span, text=text, hint=hint, details=details)


def _source_excerpt(text: str, span: Span) -> list[str]:
    start, end = span
    start = min(max(start, 0), len(text))
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
    """A unit (``%``, ``ep``, ``sp``, ``tok``) whose size is not given.

    ``detail("missing")`` names the sizes (``("total_steps",)``), so that a caller can say
    where to give them; without a hint of its own the error says ``lrspec.parse()`` and
    ``.bind()``.
    """

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(self.detail("missing", ()))


def missing_sizes_hint(missing: Iterable[str], where: str) -> str:
    """``pass total_steps=... to <where>``: the hint of a :class:`UnitError`."""
    return "pass " + ", ".join(f"{name}=..." for name in missing) + f" to {where}"


class EvaluationError(LrspecError):
    """A schedule asked for a value it cannot give (a negative step, a division by zero, ...).

    Raised inside a compiled schedule, which does not know the caller's step, it has
    ``detail("needs_step")``; the caller names the step with :meth:`at_step`.
    """

    def at_step(self, t: float | numbers.Real) -> EvaluationError:
        """This error naming the step ``t``, if it does not name one yet."""
        if not self.detail("needs_step"):
            return self
        details = tuple(d for d in self.details if d[0] != "needs_step")
        return type(self)(
            f"{self.message} at step {t}",
            span=self.span,
            text=self.text,
            hint=self.hint,
            details=details,
        )


class StateError(LrspecError):
    """Misuse of a stateful schedule's metric or saved state."""


class ConfigError(LrspecError):
    """A config value or file that is not any of the accepted forms."""


class DependencyError(LrspecError):
    """An optional library that a feature needs is not installed; the hint names the extra
    to install (``pip install 'lrspec[torch]'``)."""


def missing_dependency(feature: str, library: str, extra: str) -> DependencyError:
    """The error of ``feature`` (``lrspec.jax``) without ``library`` (``JAX``)."""
    return DependencyError(
        f"{feature} needs {library}, which is not installed", hint=f"pip install 'lrspec[{extra}]'"
    )


def require_installed(module: str, feature: str, library: str, extra: str) -> None:
    """Raise :func:`missing_dependency` unless ``module`` can be found, without importing it
    (an adapter that imports its framework later still fails at its own import)."""
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise missing_dependency(feature, library, extra)


# The classes are lrspec's public names: show them as such in tracebacks and reprs.
for _cls in (
    LrspecError,
    LrspecSyntaxError,
    LimitError,
    UnknownNameError,
    ArgumentError,
    CompositionError,
    UnitError,
    EvaluationError,
    StateError,
    ConfigError,
    DependencyError,
):
    _cls.__module__ = "lrspec"
del _cls


def too_deep_for_python() -> LimitError:
    """The error for a spec that nests deeper than Python's recursion limit lets lrspec walk
    (under limits raised past their defaults: the default ``max_depth`` never gets there)."""
    return LimitError(
        "the spec nests too deeply for Python's recursion limit",
        hint="lower Limits.max_depth, or raise sys.setrecursionlimit()",
    )


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A "did you mean" hint naming the closest candidates, or None."""
    import difflib  # only on the error path: difflib costs import time on every start

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
