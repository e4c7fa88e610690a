"""``lrspec.parse`` and ``lrspec.from_dict``: text and dicts to schedules, with two caches.

Both caches only skip work whose result cannot differ, and every schedule is the evaluator's
meaning of a syntax tree, with all its checks (``model.evaluator``):

- **Repeated texts.** A pure schedule is immutable, so a (text, sizes) pair parsed before gives
  the same schedule back; a stateful one gives a new schedule around the same meaning (each
  carries its own state).
- **Texts that differ only in their numbers.** ``Warmup(501) >> Cosine(0.1, 0.0, 10000)``
  has the syntax tree of ``Warmup(500) >> ...`` but for its number leaves. After Lark has
  read a text and the evaluator has given it a meaning, both are kept as a *template*, keyed
  by the text with its numbers cut out. A later text with the same key gets the template's
  tree with new leaves for the numbers that differ and new nodes above them, without Lark;
  the evaluator gives it its meaning, reusing the template's meaning for every subtree that is
  the template's very own (same node objects), and checks the whole composition again. The
  cut uses the grammar's own NUMBER terminal, and a template is only kept when the numbers
  the cut finds are exactly number leaves Lark made, at the same places.

Spans in a tree made from a template point into the template's text; so where the meaning
of such a tree turns out wrong, the text is read again from scratch (Lark, the evaluator), and
that raises the error with its caret in the right place.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from ..model.evaluator import evaluate
from ..model.expr import Expr
from ..model.units import SIZES, Binding
from ..syntax.errors import LrspecError, too_deep_for_python
from ..syntax.limits import Limits, default_limits, on_default_limits_change
from ..syntax.nodes import Node, Number, children
from ..syntax.parser import number_regexp, number_value, parse_tree
from . import dictform
from .schedule import CANONICAL_GROWTH, Schedule, may_grow_past

#: Entries each cache keeps at most; when one is full it starts afresh (simpler and cheaper
#: than keeping an order).
MAX_SCHEDULES = 1024
MAX_TEMPLATES = 512

# text, or (text, sizes...) -> the schedule (pure), or its meaning and needs (stateful)
_schedules: dict[Any, Schedule | tuple[Expr, set[str], bool]] = {}
# the key of a text (see _cut) -> its template, or None for texts that cannot have one
_templates: dict[tuple[Any, ...], Template | None] = {}
_lock = threading.Lock()
_pattern: re.Pattern[str] | None = None
_NO_SIZES = Binding()
# A number's unit is the letters (or the %) it ends with.
_UNIT_LETTERS = "%abcdefghijklmnopqrstuvwxyz"


def parse(text: str, *, limits: Limits | None = None, **sizes: int | None) -> Schedule:
    """Parse spec text into a :class:`Schedule`.

    Sizes (``total_steps``, ``steps_per_epoch``) resolve the units ``%`` and ``ep`` (they can
    also be given later with :meth:`Schedule.bind`). Raises an :class:`LrspecError` whose
    message shows the text with a caret under the problem.
    """
    if sizes:
        binding = _binding(sizes)
        key: Any = (text, *(getattr(binding, name) for name in SIZES))
        # True == 1 as a key, but only an int is a size: anything else skips the cache.
        cacheable = all(size is None or type(size) is int for size in key[1:])
    else:
        binding, key, cacheable = _NO_SIZES, text, True
    if limits is not None or type(text) is not str:
        return Schedule.from_text(text, binding, limits)
    if cacheable:
        known = _schedules.get(key)
        if isinstance(known, Schedule):
            return known
        if known is not None:
            expr, needs, exact = known
            # A meaning made from a template has spans in the template's text (exact False):
            # the new schedule must know, to read its text afresh for an error's caret.
            return Schedule(expr, binding, text, needs=needs, exact_spans=exact, stateful=True)
    limits = default_limits()
    if len(text) > limits.max_length:
        return Schedule.from_text(text, binding)  # raises the LimitError
    schedule = _from_template(text, binding, limits)
    if schedule is None:
        tree = parse_tree(text)
        meanings: dict[int, Expr] = {}
        try:
            schedule = Schedule(evaluate(tree, remember=meanings), binding, text)
            if may_grow_past(len(text), tree.depth, limits):
                schedule.check_canonical(limits)
        except LrspecError as error:
            raise error.with_text(text) from None
        except RecursionError:  # only under a raised Limits.max_depth
            raise too_deep_for_python() from None
        _remember(text, tree, meanings, schedule)
    if cacheable:
        with _lock:
            if len(_schedules) >= MAX_SCHEDULES:
                _schedules.clear()
            _schedules[key] = (
                (schedule._expr, schedule._needs, schedule._exact_spans)
                if schedule.stateful
                else schedule
            )
    return schedule


def _binding(sizes: dict[str, Any]) -> Binding:
    unknown = set(sizes) - set(SIZES)
    if unknown:
        raise TypeError(f"parse() got an unexpected keyword argument {sorted(unknown)[0]!r}")
    return Binding(**sizes)


def from_dict(
    data: dict[str, Any], *, limits: Limits | None = None, **sizes: int | None
) -> Schedule:
    """The schedule a dict form describes (see ``lrspec.schedule.dictform``).

    Sizes given here (``total_steps``, ``steps_per_epoch``) replace those in the dict's
    ``"bind"``. The dict is bounded like text by ``limits`` (default: the process's): its
    size and nesting (see ``dictform.check_size``), and its canonical text.
    """
    limits = limits or default_limits()
    try:
        tree, bound = dictform.read(data, limits)
        given = {name: size for name, size in sizes.items() if size is not None}
        schedule = Schedule(evaluate(tree, limits), _binding({**bound, **given}))
        schedule.check_canonical(limits)  # bounded like text: str(s) reads back
    except RecursionError:  # only under a raised Limits.max_depth
        raise too_deep_for_python() from None
    return schedule


def forget() -> None:
    """Empty both caches (when the default limits change: what was made under the old limits
    may not hold under the new ones)."""
    with _lock:
        _schedules.clear()
        _templates.clear()


on_default_limits_change(forget)


# -- templates ------------------------------------------------------------------------------


def _number_pattern() -> re.Pattern[str]:
    global _pattern
    if _pattern is None:
        number = number_regexp()
        # A number never starts inside a name or right after another number's digits.
        _pattern = re.compile(rf"(?<![A-Za-z0-9_.])({number})")
    return _pattern


def _cut(text: str) -> tuple[tuple[Any, ...], list[str]]:
    """The key of a text (the pieces between its numbers and each number's unit, as a tuple:
    any text can hold any character, so no marker could stand for a number) and its numbers,
    as written. The units are in the key because they decide which of the run's sizes the
    schedule needs."""
    parts = _number_pattern().split(text)
    numbers = parts[1::2]
    units = tuple([n[len(n.rstrip(_UNIT_LETTERS)) :] for n in numbers])
    return (tuple(parts[0::2]), units), numbers


class Template:
    """A text's syntax tree and meaning, and how to make the tree of a text that differs only
    in its numbers: the nodes in post-order, and for each number the leaf it is, the nodes
    above it (bottom up) and where each node stands in its parent's fields."""

    __slots__ = (
        "order",
        "parents",
        "extras",
        "leaves",
        "paths",
        "fields",
        "slots",
        "numbers",
        "meanings",
        "needs",
        "stateful",
    )

    def __init__(
        self,
        tree: Node,
        numbers: list[str],
        spans: list[tuple[int, int]],
        meanings: dict[int, Expr],
        schedule: Schedule,
    ) -> None:
        order: list[Node] = []
        stack = [tree]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(children(node))
        order.reverse()  # post-order: every node after its children
        index = {id(node): k for k, node in enumerate(order)}
        self.parents: list[int | None] = [None] * len(order)
        parents = self.parents
        self.extras = [node.extras() for node in order]
        # Each node's field values, and where each child stands in its parent's: (the field's
        # position, and the child's place in the field's tuple or -1 for a field of its own).
        self.fields: list[tuple[Any, ...]] = []
        self.slots: list[tuple[int, int]] = [(-1, -1)] * len(order)
        for k, node in enumerate(order):
            values = tuple([getattr(node, name) for name in node._fields])
            self.fields.append(values)
            for position, name in enumerate(node._fields):
                if name not in node._children:
                    continue
                value = values[position]
                items = value if isinstance(value, tuple) else (value,)
                for place, child in enumerate(items):
                    if child is not None:
                        c = index[id(child)]
                        parents[c] = k
                        self.slots[c] = (position, place if isinstance(value, tuple) else -1)
        by_span = {node.span: k for k, node in enumerate(order) if type(node) is Number}
        self.order = order
        self.leaves = [by_span[span] for span in spans]
        # The nodes above each number's leaf, bottom up (so in post-order).
        self.paths: list[tuple[int, ...]] = []
        for leaf in self.leaves:
            path = []
            parent = parents[leaf]
            while parent is not None:
                path.append(parent)
                parent = parents[parent]
            self.paths.append(tuple(path))
        self.numbers = numbers
        self.meanings = meanings
        # The same families stand at the same places in every text of the template's key.
        self.needs = schedule._needs
        self.stateful = schedule.stateful

    def tree(self, numbers: list[str]) -> Node | None:
        """The tree of the text with these numbers, or None if one is no number the parser
        would take as written (too many digits, ...)."""
        order, slots = self.order, self.slots
        made: dict[int, Node] = {}
        path: tuple[int, ...] | list[int] = ()
        for k, new in enumerate(numbers):
            if new == self.numbers[k]:
                continue
            try:
                value = number_value(new)
            except LrspecError:
                return None
            leaf = self.leaves[k]
            old = order[leaf]
            made[leaf] = Number._assemble(value, old.span, old.depth)
            path = self.paths[k] if not path else sorted({*path, *self.paths[k]})
        if not made:
            return order[-1]
        parents, fields, extras = self.parents, self.fields, self.extras
        new_children: dict[int, list[int]] = {}
        for leaf in made:
            new_children.setdefault(parents[leaf], []).append(leaf)  # type: ignore[arg-type]
        for k in path:  # children before parents: put the new children in each node's fields
            values = list(fields[k])
            for child in new_children[k]:
                position, place = slots[child]
                if place < 0:
                    values[position] = made[child]
                else:
                    items = list(values[position])
                    items[place] = made[child]
                    values[position] = tuple(items)
            node = order[k]
            made[k] = node._assemble(values, node.span, node.depth, extras[k])
            parent = parents[k]
            if parent is not None:
                new_children.setdefault(parent, []).append(k)
        return made[len(order) - 1]


def _remember(text: str, tree: Node, meanings: dict[int, Expr], schedule: Schedule) -> None:
    """Keep ``tree`` and its meaning as the template of texts like ``text``, if its numbers
    allow it."""
    key, numbers = _cut(text)
    if key in _templates:
        return
    spans = [m.span(1) for m in _number_pattern().finditer(text)]
    leaves = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if type(node) is Number:
            leaves.add(node.span)
        stack.extend(children(node))
    template = None
    if all(span in leaves for span in spans):
        template = Template(tree, numbers, spans, meanings, schedule)
    with _lock:
        if len(_templates) >= MAX_TEMPLATES:
            _templates.clear()
        _templates[key] = template


def _from_template(text: str, binding: Binding, limits: Limits) -> Schedule | None:
    """The schedule of ``text`` made from a template, or None (the full path must make it)."""
    if not _templates:
        return None
    key, numbers = _cut(text)
    template = _templates.get(key)
    if template is None:
        return None
    tree = template.tree(numbers)
    if tree is None:
        return None
    try:
        expr = evaluate(tree, known=template.meanings)
        schedule = Schedule(
            expr, binding, text, needs=template.needs, exact_spans=False, stateful=template.stateful
        )
        # may_grow_past(), inline: this is the path of every new text of a known shape.
        if len(text) * CANONICAL_GROWTH > limits.max_length or 2 * tree.depth > limits.max_depth:
            schedule.check_canonical(limits)
        return schedule
    except (LrspecError, RecursionError):
        return None  # the full path raises it, pointing into this text
