"""Text to syntax tree.

The grammar (``grammar/lrspec.lark``, shipped in the wheel as ``lrspec/lrspec.lark``) is
compiled by Lark into an LALR parser the first time it is needed. The tree is built during
the parse by :class:`_TreeBuilder` (Lark calls one method per rule as it reduces, so building
never recurses, however deep the input). Every Lark exception is turned into an lrspec error
in one place, :func:`_from_lark_error`.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Protocol, cast

import lark
from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from .errors import LimitError, LrspecError, LrspecSyntaxError
from .limits import Limits, default_limits
from .nodes import (
    INF_WORD,
    NONE_WORD,
    RESERVED_WORDS,
    UNITS,
    BinOp,
    Bool,
    Call,
    Keyword,
    List,
    Mapping,
    Neg,
    Node,
    NoneValue,
    Number,
    Seq,
    Slice,
    Span,
    String,
    Word,
    children,
)

if TYPE_CHECKING:

    class _Lexed(Protocol):
        """A token the lexer made: Lark types a Token's positions Optional (a Token may be
        made by hand), but every token of a parse has them."""

        value: str
        type: str
        start_pos: int
        end_pos: int


GRAMMAR_FILE = "lrspec.lark"


def grammar_path() -> str:
    """The grammar: inside the installed package (the wheel puts it there, beside the
    package's ``__init__``), else in the source tree (an editable install). A string, not a
    ``pathlib.Path``: pathlib costs import time on every start."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    packaged = os.path.join(package, GRAMMAR_FILE)
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(package), "grammar", GRAMMAR_FILE)


def grammar_text() -> str:
    with open(grammar_path(), encoding="utf-8") as file:
        return file.read()


def _cache_file() -> str | bool:
    """Where Lark keeps its analysis of the grammar between runs: a private directory of the
    user's (not the shared temporary directory, where another user could plant a file that
    Lark would unpickle). False, and no cache, where that directory cannot be made."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    directory = os.path.join(base, "lrspec")
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
    except OSError:
        return False
    if not os.access(directory, os.W_OK):
        return False
    version = f"lark{lark.__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    return os.path.join(directory, f"grammar-{version}.cache")


# -- tree building ------------------------------------------------------------------------


def _span(first: Any, last: Any) -> Span:
    """The span from the start of ``first`` to the end of ``last`` (tokens or nodes, as a
    parse makes them: every token has its positions, every node its span)."""
    start = first.start_pos if isinstance(first, Token) else first.span[0]
    end = last.end_pos if isinstance(last, Token) else last.span[1]
    return (start, end)  # type: ignore[return-value]  # Lark types a Token's positions Optional


def _depth(*nodes: Node) -> int:
    return 1 + max((n.depth for n in nodes), default=0)


def split_unit(text: str) -> tuple[str, str | None]:
    """A NUMBER token's number and unit (``"5%"`` -> ``("5", "%")``)."""
    for unit in UNITS:
        if text.endswith(unit):
            return text[: -len(unit)], unit
    return text, None


def number_regexp() -> str:
    """The grammar's NUMBER terminal as a regular expression (ASCII digits only)."""
    return lark_parser().get_terminal("NUMBER").pattern.to_regexp()


_number_literal: re.Pattern[str] | None = None


def is_number_literal(text: str) -> bool:
    """Whether ``text`` is one NUMBER token of the grammar (``"5%"``, ``"1e-3"``, not
    ``"１００"``: Python's int() and float() take any script's digits, the grammar does not)."""
    global _number_literal
    if _number_literal is None:
        _number_literal = re.compile(number_regexp())
    return _number_literal.fullmatch(text) is not None


def number_value(text: str) -> tuple[int | float, str | None]:
    """The value and unit of a NUMBER token (``"5%"`` -> ``(5, "%")``): only text the
    grammar's NUMBER matched (see :func:`is_number_literal`), since int() and float() read
    other scripts' digits too."""
    text, unit = split_unit(text)
    if "." in text or "e" in text or "E" in text:
        value: int | float = float(text)
        if value == float("inf"):
            raise LrspecSyntaxError(
                f"number {text} is too large for a float", hint="the largest float is about 1.8e308"
            )
        return value, unit
    try:
        return int(text), unit
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        raise LrspecSyntaxError("number has too many digits") from None


def _key_value(key: Number | Neg) -> float:
    """A number key's value, sign included (``1`` and ``1.0`` are the same key)."""
    if isinstance(key, Neg):
        return -cast(Number, key.operand).value  # the grammar negates only a number here
    return key.value


def _number(token: _Lexed) -> Number:
    span = (token.start_pos, token.end_pos)
    try:
        value, unit = number_value(token.value)
    except LrspecSyntaxError as error:
        raise error.with_span(span) from None
    return Number(value, unit, span=span)


_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# What Lark hands a rule's method: the tokens and the nodes (or None) it matched.
_Children = list[Any]


class _TreeBuilder(Transformer[Token, Node]):
    """One method per grammar rule; Lark calls them bottom-up while it parses."""

    def number(self, c: _Children) -> Number:
        return _number(c[0])

    def word(self, c: _Children) -> Node:
        token = c[0]
        span = (token.start_pos, token.end_pos)
        if token.value in RESERVED_WORDS:
            return Bool(RESERVED_WORDS[token.value], span=span)
        if token.value == NONE_WORD:
            return NoneValue(span=span)
        if token.value == INF_WORD:
            return Number(float("inf"), span=span)
        return Word(token.value, span=span)

    def string(self, c: _Children) -> String:
        token = c[0]
        return String(_ESCAPE.sub(r"\1", token.value[1:-1]), span=(token.start_pos, token.end_pos))

    def list(self, c: _Children) -> List:
        items = tuple(x for x in c[1:-1] if x is not None)
        return List(items, span=_span(c[0], c[-1]), depth=_depth(*items))

    def mapping(self, c: _Children) -> Mapping:
        pairs = [x for x in c[1:-1] if x is not None]
        keys, seen = [], set()
        for key, _ in pairs:
            marker = (type(key), key.value if type(key) is String else _key_value(key))
            if marker in seen:
                raise LrspecSyntaxError("key repeated in a mapping", span=key.span)
            seen.add(marker)
            keys.append(key)
        values = tuple(value for _, value in pairs)
        return Mapping(tuple(keys), values, span=_span(c[0], c[-1]), depth=_depth(*keys, *values))

    def pair(self, c: _Children) -> tuple[Node, Node]:
        return (c[0], c[1])

    def negative_key(self, c: _Children) -> Neg:
        minus, number = c
        inner = _number(number)
        return Neg(inner, span=_span(minus, number), depth=_depth(inner))

    def paren(self, c: _Children) -> Node:
        inner: Node = c[1]
        return inner

    def neg(self, c: _Children) -> Neg:
        return Neg(c[1], span=_span(c[0], c[1]), depth=_depth(c[1]))

    def pos(self, c: _Children) -> Node:
        # Unary plus changes nothing (nerva-numpy's float() accepts `+0.1`); the node keeps
        # the operand's own span so that printing drops the sign.
        operand: Node = c[1]
        return operand

    def binary(self, c: _Children) -> BinOp:
        left, op, right = c
        return BinOp(op.value, left, right, span=_span(left, right), depth=_depth(left, right))

    def slice(self, c: _Children) -> Slice:
        target, start, stop, close = c
        bounds = [_number(b) if b is not None else None for b in (start, stop)]
        return Slice(target, *bounds, span=_span(target, close), depth=_depth(target))

    def sequence(self, c: _Children) -> Seq:
        parts = tuple(c[0::2])  # between them, the SHIFT tokens
        return Seq(parts, span=_span(parts[0], parts[-1]), depth=_depth(*parts))

    def dotted_name(self, c: _Children) -> tuple[str, Span]:
        return ".".join(t.value for t in c), _span(c[0], c[-1])

    def keyword(self, c: _Children) -> Keyword:
        name, value = c
        return Keyword(
            name.value,
            value,
            span=_span(name, value),
            name_span=(name.start_pos, name.end_pos),
            depth=_depth(value),
        )

    def group(self, c: _Children) -> _Children:
        return c

    def arguments(self, c: _Children) -> _Children:
        return c

    def call(self, c: _Children) -> Call:
        (name, name_span), groups, close = c
        args, kwargs = _call_arguments(groups or [])
        return Call(
            name,
            args,
            kwargs,
            span=(name_span[0], close.end_pos),
            name_span=name_span,
            depth=_depth(*args, *kwargs),
        )


def _call_arguments(groups: list[list[Node]]) -> tuple[tuple[Node, ...], tuple[Keyword, ...]]:
    """Split a call's arguments into positional and keyword ones.

    Without ``;`` every comma-separated item is one argument. With ``;`` every group is one
    argument, and a group of several items is a list (``1,3,5`` is ``[1, 3, 5]``).
    """
    if len(groups) == 1:
        items = groups[0]
    else:
        items = [_group_value(group) for group in groups]
    args: list[Node] = []
    kwargs: list[Keyword] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Keyword):
            if item.name in seen:
                raise LrspecSyntaxError(
                    f"keyword argument repeated: '{item.name}'", span=item.name_span
                )
            seen.add(item.name)
            kwargs.append(item)
        elif kwargs:
            raise LrspecSyntaxError(
                "positional argument follows keyword argument",
                span=item.span,
                hint="put positional arguments first, or name this one too",
            )
        else:
            args.append(item)
    return tuple(args), tuple(kwargs)


def _group_value(group: list[Node]) -> Node:
    """One ``;`` group: a single value, or a list of the comma-separated values."""
    first, rest = group[0], group[1:]
    for item in rest:
        if isinstance(item, Keyword):
            raise LrspecSyntaxError(
                "a keyword argument must start its ';' group",
                span=item.name_span,
                hint="separate arguments with ';' when a call uses ';' groups",
            )
    if not rest:
        return first
    if isinstance(first, Keyword):
        items = (first.value, *rest)
        value = List(items, span=_span(first.value, rest[-1]), depth=_depth(*items))
        return Keyword(
            first.name,
            value,
            span=_span(first, rest[-1]),
            name_span=first.name_span,
            depth=_depth(value),
        )
    return List(tuple(group), span=_span(first, rest[-1]), depth=_depth(*group))


# -- the parser ---------------------------------------------------------------------------

_lark: Lark | None = None
_lark_lock = threading.Lock()


def lark_parser() -> Lark:
    """The Lark LALR parser, built on first use (never at import)."""
    global _lark
    if _lark is None:
        with _lark_lock:
            if _lark is None:
                # Lark checks that the cached analysis belongs to this very grammar text.
                _lark = Lark(
                    grammar_text(),
                    parser="lalr",
                    lexer="contextual",
                    transformer=_TreeBuilder(),
                    maybe_placeholders=True,
                    cache=_cache_file(),
                )
    return _lark


def parse_tree(text: str, *, limits: Limits | None = None) -> Node:
    """Parse spec text into a syntax tree; raise an :class:`LrspecError` if it is not valid.

    >>> parse_tree("Warmup(500) >> Cosine(0.1, 0.0, 10000)")  # doctest: +ELLIPSIS
    Seq(parts=(Call(name='Warmup', ...), Call(name='Cosine', ...)))
    """
    limits = limits or default_limits()
    if not isinstance(text, str):
        raise LrspecSyntaxError(f"a spec must be a string, not {type(text).__name__}")
    if len(text) > limits.max_length:
        raise LimitError(
            f"spec is {len(text)} characters long; the limit is {limits.max_length}",
            span=(limits.max_length, len(text)),
            text=text,
            hint="raise Limits.max_length if this spec is really meant",
        )
    if text.count("(") + text.count("[") + text.count("{") > limits.max_depth:
        _check_bracket_depth(text, limits.max_depth)
    try:
        # The transformer builds the tree during the parse: Lark returns its Node.
        tree = cast(Node, lark_parser().parse(text))
    except UnexpectedInput as error:
        raise _from_lark_error(error, text) from None
    except LrspecError as error:
        raise error.with_text(text) from None
    if tree.depth > limits.max_depth:
        raise _too_deep(text, _node_at_depth(tree, limits.max_depth + 1), limits.max_depth)
    return tree


# -- errors -------------------------------------------------------------------------------

# Brackets, plus the things inside which brackets do not count: strings and comments.
_BRACKETS = re.compile(r"""[()\[\]{}]|"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'|#[^\n]*""")
_CLOSER = {"(": ")", "[": "]", "{": "}"}
_OPENERS = "([{"
_COMMENT = re.compile(r"#[^\n]*")


def _brackets(text: str, stop: int | None = None) -> Iterator[tuple[int, str]]:
    """Yield ``(position, char)`` for every bracket outside strings and comments."""
    for match in _BRACKETS.finditer(text, 0, len(text) if stop is None else stop):
        char = match.group()
        if len(char) == 1 and char in "()[]{}":
            yield match.start(), char


def _too_deep(text: str, span: Span | None, limit: int) -> LimitError:
    return LimitError(
        f"nesting is deeper than {limit} levels",
        span=span,
        text=text,
        hint="raise Limits.max_depth if this spec is really meant",
    )


def _check_bracket_depth(text: str, limit: int) -> None:
    depth = 0
    for pos, char in _brackets(text):
        if char in _OPENERS:
            depth += 1
            if depth > limit:
                raise _too_deep(text, (pos, pos + 1), limit)
        else:
            depth -= 1


def _node_at_depth(tree: Node, level: int) -> tuple[int, int] | None:
    """The span of the outermost node that sits ``level`` levels deep (walked iteratively)."""
    node = tree
    for _ in range(level - 1):
        kids = children(node)
        if not kids:
            break
        node = max(kids, key=lambda k: k.depth)
    return node.span


def _bracket_problem(text: str, stop: int) -> LrspecSyntaxError | None:
    """An unmatched or unclosed bracket before ``stop``, the likely cause of a parse error."""
    stack: list[tuple[int, str]] = []
    for pos, char in _brackets(text, stop):
        if char in _OPENERS:
            stack.append((pos, char))
        elif not stack:
            return LrspecSyntaxError(f"unmatched '{char}'", span=(pos, pos + 1), text=text)
        else:
            open_pos, opener = stack.pop()
            if _CLOSER[opener] != char:
                return LrspecSyntaxError(
                    f"closing '{char}' does not match opening '{opener}'",
                    span=(pos, pos + 1),
                    text=text,
                    hint=f"the '{opener}' at column {_column(text, open_pos)} needs "
                    f"'{_CLOSER[opener]}'",
                )
    if stop >= len(text) and stack:
        open_pos, opener = stack[-1]
        return LrspecSyntaxError(
            f"'{opener}' was never closed",
            span=(open_pos, open_pos + 1),
            text=text,
            hint=f"add '{_CLOSER[opener]}' at the end",
        )
    return None


def _column(text: str, pos: int) -> int:
    return pos - (text.rfind("\n", 0, pos) + 1)


def _describe_terminal(name: str) -> str:
    described = {"NUMBER": "a number", "NAME": "a name", "STRING": "a string", "$END": "the end"}
    if name in described:
        return described[name]
    for terminal in lark_parser().terminals:
        if terminal.name == name:
            return f"'{terminal.pattern.value}'"
    return name


# A value can start with any of these; when all are expected we just say "a value".
_VALUE_START = {"NUMBER", "NAME", "STRING", "LPAR", "LSQB", "LBRACE", "MINUS", "PLUS"}
_OPERATORS = {"PLUS", "MINUS", "STAR", "SLASH", "SHIFT", "LSQB"}


def _plausible(expected: set[str], text: str, pos: int) -> set[str]:
    """Drop the separators and closing brackets that cannot appear at ``pos``.

    LALR merges parser states, so Lark's expected set may offer ']' inside '(' and the like.
    """
    open_brackets: list[str] = []
    for _, char in _brackets(text, pos):
        if char in _OPENERS:
            open_brackets.append(char)
        elif open_brackets:
            open_brackets.pop()
    innermost = open_brackets[-1] if open_brackets else None
    allowed_inside = {
        None: set(),
        "(": {"RPAR", "COMMA", "SEMICOLON"},
        "[": {"RSQB", "COMMA", "COLON"},
        "{": {"RBRACE", "COMMA", "COLON"},
    }
    bracket_bound = {"RPAR", "RSQB", "RBRACE", "COMMA", "SEMICOLON", "COLON"}
    kept = {
        name for name in expected if name not in bracket_bound or name in allowed_inside[innermost]
    }
    return kept or set(expected)


def _expected(names: set[str]) -> str:
    names = set(names)
    parts = []
    if _VALUE_START <= names:
        parts.append("a value")
        names -= _VALUE_START
    if {"PLUS", "STAR"} <= names:
        parts.append("an operator")
        names -= _OPERATORS
    parts.extend(sorted(_describe_terminal(n) for n in names))
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def _from_lark_error(error: UnexpectedInput, text: str) -> LrspecSyntaxError:
    if isinstance(error, UnexpectedCharacters):
        # Lark declares pos_in_stream None on its base class; this error sets the lexer's position.
        pos = cast(int, error.pos_in_stream)
        char = text[pos]
        bracket = _bracket_problem(text, pos)
        if bracket is not None:
            return bracket
        if char in "\"'":
            end = text.find("\n", pos)
            return LrspecSyntaxError(
                "unterminated string",
                span=(pos, len(text) if end == -1 else end),
                text=text,
                hint=f"close it with {char}",
            )
        hint = None
        if char == "%":
            hint = "a unit must follow its number directly, as in 5%"
        elif char == ">":
            hint = "the sequence operator is '>>'"
        return LrspecSyntaxError(
            f"unexpected character {char!r}", span=(pos, pos + 1), text=text, hint=hint
        )
    if isinstance(error, UnexpectedToken) and error.token.type != "$END":
        token = error.token
        bracket = _bracket_problem(
            text, token.end_pos if token.type in ("RPAR", "RSQB") else token.start_pos
        )
        if bracket is not None:
            return bracket
        what = {
            "NUMBER": f"number {token.value}",
            "NAME": f"name '{token.value}'",
            "STRING": "string",
        }.get(token.type) or _describe_terminal(token.type)
        hint = f"expected {_expected(_plausible(error.expected, text, token.start_pos))}"
        if token.type == "RPAR" and _VALUE_START <= set(error.expected):
            hint += " (a trailing comma or an empty argument is not allowed)"
        return LrspecSyntaxError(
            f"unexpected {what}", span=(token.start_pos, token.end_pos), text=text, hint=hint
        )
    # The input ended too early.
    expected = error.expected if isinstance(error, (UnexpectedToken, UnexpectedEOF)) else set()
    bracket = _bracket_problem(text, len(text))
    if bracket is not None:
        return bracket
    if not _COMMENT.sub("", text).strip():
        return LrspecSyntaxError(
            "empty spec",
            span=(0, len(text)),
            text=text,
            hint="write a schedule, for example Constant(0.1)",
        )
    end = len(text.rstrip())
    return LrspecSyntaxError(
        "unexpected end of input",
        span=(end, end + 1),
        text=text,
        hint=f"expected {_expected(set(expected))}" if expected else None,
    )
