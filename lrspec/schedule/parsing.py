"""``lrspec.parse`` and ``lrspec.from_dict``: text and dicts to schedules, with two caches.

Both caches only skip work that gives the same result every time; every schedule they help
make is evaluated by the one evaluator (``model.evaluator``) with every check:

- **Repeated texts.** The meaning of a (text, sizes) pair is kept, and every ``parse`` of it
  returns a *new* Schedule around it (a schedule carries its own stateful state and step
  count); pure schedules share their compiled form.
- **Texts that differ only in their numbers.** ``Warmup(501) >> Cosine(0.1, 0.0, 10000)``
  has the syntax tree of ``Warmup(500) >> ...`` but for its number leaves. After Lark has
  read a text, its tree is kept as a *template*, keyed by the text with its numbers cut out;
  a later text with the same key gets the template's tree with its own numbers (and every
  span moved to where it is in the new text), without Lark, and goes through the evaluator
  like any other tree. The cut uses the grammar's own NUMBER terminal, and a template is only
  kept when the numbers the cut finds are exactly number leaves Lark made, at the same places.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from ..model.evaluator import evaluate
from ..model.expr import Expr
from ..model.units import SIZES, Binding
from ..syntax.errors import LrspecError, LrspecSyntaxError
from ..syntax.limits import Limits, default_limits, on_default_limits_change
from ..syntax.nodes import Node, Number, children, rebuild
from ..syntax.parser import lark_parser, number_value, parse_tree, split_unit
from . import dictform
from .schedule import Compiled, Schedule

#: Entries each cache keeps at most; when one is full it starts afresh (simpler and cheaper
#: than keeping an order).
MAX_SCHEDULES = 1024
MAX_TEMPLATES = 512

# (text, sizes...) -> (meaning, needs, shared compiled form)
_schedules: dict[tuple, tuple[Expr, set[str], Compiled]] = {}
# cut text -> (tree, the spans of its number leaves in the text it was read from) or None
_templates: dict[tuple, tuple[Node, list[tuple[int, int]]] | None] = {}
_lock = threading.Lock()
_pattern: re.Pattern | None = None


def parse(text: str, *, limits: Limits | None = None, **sizes: int | None) -> Schedule:
    """Parse spec text into a :class:`Schedule`.

    ``total_steps`` and ``steps_per_epoch`` resolve the units ``%`` and ``ep`` (they can also
    be given later with :meth:`Schedule.bind`). Raises an :class:`LrspecError` whose message
    shows the text with a caret under the problem.
    """
    binding = _binding(sizes)
    if limits is not None or type(text) is not str:
        return Schedule.from_text(text, binding, limits)
    # True == 1 as a key, but only an int is a size: anything else skips the cache.
    key = (text, *(getattr(binding, name) for name in SIZES))
    cacheable = all(size is None or type(size) is int for size in key[1:])
    if cacheable:
        known = _schedules.get(key)
        if known is not None:
            expr, needs, shared = known
            return Schedule(expr, binding, text, needs=needs, shared=shared)
    if len(text) > default_limits().max_length:
        return Schedule.from_text(text, binding)  # raises the LimitError
    tree = _from_template(text)
    if tree is None:
        tree = parse_tree(text)
        _remember(text, tree)
    try:
        expr = evaluate(tree)
        shared = Compiled()
        schedule = Schedule(expr, binding, text, shared=shared)
    except LrspecError as error:
        raise error.with_text(text) from None
    if cacheable:
        with _lock:
            if len(_schedules) >= MAX_SCHEDULES:
                _schedules.clear()
            _schedules[key] = (expr, schedule._needs, shared)
    return schedule


def _binding(sizes: dict[str, Any]) -> Binding:
    unknown = set(sizes) - set(SIZES)
    if unknown:
        raise TypeError(f"parse() got an unexpected keyword argument {sorted(unknown)[0]!r}")
    return Binding(**sizes)


def from_dict(data: dict, **sizes: int | None) -> Schedule:
    """The schedule a dict form describes (see ``lrspec.schedule.dictform``).

    Sizes given here (``total_steps``, ``steps_per_epoch``) replace those in the dict's
    ``"bind"``.
    """
    tree, bound = dictform.read(data)
    given = {name: size for name, size in sizes.items() if size is not None}
    return Schedule(evaluate(tree), _binding({**bound, **given}))


def forget() -> None:
    """Empty both caches (when the default limits change: what was made under the old limits
    may not hold under the new ones)."""
    with _lock:
        _schedules.clear()
        _templates.clear()


on_default_limits_change(forget)


# -- templates ------------------------------------------------------------------------------


def _number_pattern() -> re.Pattern:
    global _pattern
    if _pattern is None:
        number = lark_parser().get_terminal("NUMBER").pattern.to_regexp()
        # A number never starts inside a name or right after another number's digits.
        _pattern = re.compile(rf"(?<![A-Za-z0-9_.])({number})")
    return _pattern


def _cut(text: str) -> tuple[tuple, list[re.Match]]:
    """The key of a text (the pieces between its numbers and each number's unit, as a tuple:
    any text can hold any character, so no marker could stand for a number) and its numbers."""
    matches = list(_number_pattern().finditer(text))
    pieces, last = [], 0
    for match in matches:
        pieces.append(text[last : match.start(1)])
        last = match.end(1)
    pieces.append(text[last:])
    units = tuple(split_unit(m.group(1))[1] for m in matches)
    return (tuple(pieces), units), matches


def _number_leaves(tree: Node) -> dict[tuple[int, int], Number]:
    found: dict[tuple[int, int], Number] = {}
    stack = [tree]
    while stack:
        node = stack.pop()
        if type(node) is Number:
            found[node.span] = node
        stack.extend(children(node))
    return found


def _remember(text: str, tree: Node) -> None:
    """Keep ``tree`` as the template of texts like ``text``, if its numbers allow it."""
    key, matches = _cut(text)
    if key in _templates:
        return
    spans = [m.span(1) for m in matches]
    leaves = _number_leaves(tree)
    template = (tree, spans) if all(span in leaves for span in spans) else None
    with _lock:
        if len(_templates) >= MAX_TEMPLATES:
            _templates.clear()
        _templates[key] = template


class _Substitution:
    """New numbers for a template's number leaves, and spans moved to the new text."""

    def __init__(self, old: list[tuple[int, int]], new: list[re.Match]) -> None:
        self.numbers = {}
        self.shifts: list[tuple[int, int]] = []  # (old end of a number, total shift so far)
        shift = 0
        for (start, end), match in zip(old, new):
            value, unit = number_value(match.group(1))
            self.numbers[(start, end)] = (value, unit, match.span(1))
            shift += (match.end(1) - match.start(1)) - (end - start)
            self.shifts.append((end, shift))

    def position(self, p: int) -> int:
        """Where old position ``p`` (a token boundary) is in the new text."""
        moved = 0
        for end, shift in self.shifts:
            if end > p:
                break
            moved = shift
        return p + moved

    def span(self, span):
        if span is None:
            return None
        return (self.position(span[0]), self.position(span[1]))

    def __call__(self, leaf: Node) -> Node:
        if type(leaf) is Number and leaf.span in self.numbers:
            value, unit, span = self.numbers[leaf.span]
            return Number(value, unit, span=span)
        return leaf.with_span(self.span(leaf.span))


def _from_template(text: str) -> Node | None:
    """The tree of ``text`` from a template, or None (Lark must read it)."""
    key, matches = _cut(text) if _templates else ((), [])
    template = _templates.get(key) if key else None
    if template is None:
        return None
    tree, spans = template
    try:
        change = _Substitution(spans, matches)
    except LrspecSyntaxError:
        return None  # a number Lark must report (too many digits, ...)
    return rebuild(tree, change)
