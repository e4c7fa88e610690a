"""Cold parses of texts that differ from an earlier text only in their numbers.

A spec's syntax tree depends on its numbers only at the leaves: ``Warmup(501) >> Cosine(0.1,
0.0, 10000)`` parses exactly like ``Warmup(500) >> ...``. So after a full parse lrspec keeps a
*template*, keyed by the text with its numbers cut out: the expression, with the place of each
number in it. A later text with the same key is rebuilt from the template by converting and
checking only its numbers (the same ``convert_number`` and ``check`` the evaluator uses), with
neither Lark nor the evaluator. Whatever is unusual (a minus sign, a number that is not a plain
argument, a conversion or check that fails) gives None, and the caller takes the full path,
which also raises the exact error with its caret.

The cut uses the grammar's own NUMBER terminal, and a template is only made when the numbers
the cut finds are exactly the number tokens Lark found, at the same places.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from .errors import LrspecError
from .expr import Arithmetic, Const, Expr, Sequence, Window
from .limits import Limits
from .params import STEPS, Context, ListOf, ScheduleType
from .parser import lark_parser, number_value
from .registry import Family

#: Templates kept at most (each is a few closures); the oldest go first.
MAX_TEMPLATES = 512

_templates: dict[tuple, Template | None] = {}
_lock = threading.Lock()
_pattern: re.Pattern | None = None


class _Unsuitable(Exception):
    """This text's numbers cannot be swapped in a template."""


def _number_pattern() -> re.Pattern:
    global _pattern
    if _pattern is None:
        number = lark_parser().get_terminal("NUMBER").pattern.to_regexp()
        # A number never starts inside a name or right after another number's digits.
        _pattern = re.compile(rf"(?<![A-Za-z0-9_.])({number})")
    return _pattern


def _cut(text: str) -> tuple[tuple, list[str]]:
    """The key of a text (the pieces between its numbers, and each number's unit: any text
    can hold any character, so the key is a tuple, not a string with markers), and the
    numbers."""
    parts = _number_pattern().split(text)
    numbers = parts[1::2]
    units = tuple("%" if n[-1] == "%" else "ep" if n[-1] == "p" else "" for n in numbers)
    return (tuple(parts[0::2]), units), numbers


class Template:
    """How to rebuild an expression from new numbers, and what every such expression shares:
    the run sizes its units need and whether it reads a metric."""

    __slots__ = ("build", "needs", "stateful")

    def __init__(self, build: Callable, needs: set[str], stateful: bool) -> None:
        self.build, self.needs, self.stateful = build, needs, stateful


def rebuild(text: str) -> tuple[Expr, Template] | None:
    """The expression of ``text`` from a template, and the template; or None (take the full
    path)."""
    key, numbers = _cut(text)
    template = _templates.get(key)
    if template is None:
        return None
    try:
        return template.build([number_value(n) for n in numbers]), template
    except (LrspecError, _Unsuitable):
        return None


def remember(text: str, expr: Expr, limits: Limits) -> None:
    """Make a template from a text the full path has just parsed into ``expr``."""
    key, numbers = _cut(text)
    if key in _templates or any("-" in piece for piece in key[0]):
        return  # a minus may be a sign: the full path decides
    spans = [m.span(1) for m in _number_pattern().finditer(text)]
    slots = {span: index for index, span in enumerate(spans)}
    try:
        plan = _plan(expr, slots, limits)
        if slots:  # a number the expression does not hold as a plain value
            raise _Unsuitable
        template = Template(plan, expr.needs(), expr.stateful)
    except _Unsuitable:
        template = None
    with _lock:
        if len(_templates) >= MAX_TEMPLATES:
            _templates.clear()  # simpler and cheaper than keeping an order
        _templates[key] = template


def forget() -> None:
    """Drop every template (when the default limits change)."""
    with _lock:
        _templates.clear()


# -- plans: how to rebuild an expression from new numbers ---------------------------------


def _slot(slots: dict, span) -> int:
    if span not in slots:
        raise _Unsuitable
    return slots.pop(span)


def _plan(expr: Expr, slots: dict, limits: Limits) -> Callable:
    if isinstance(expr, Const):
        index = _slot(slots, expr.span)

        def const(values):
            value, unit = values[index]
            number = float(value)
            if unit is not None or not number < float("inf"):
                raise _Unsuitable
            return Const(number + 0.0)

        return const
    if isinstance(expr, Sequence):
        parts = [_plan(p, slots, limits) for p in expr.parts]
        return lambda values: Sequence(tuple(p(values) for p in parts))
    if isinstance(expr, Arithmetic):
        op = expr.op
        left, right = _plan(expr.left, slots, limits), _plan(expr.right, slots, limits)
        return lambda values: Arithmetic(op, left(values), right(values))
    if isinstance(expr, Window):
        return _window_plan(expr, slots, limits)
    if isinstance(expr, Family):
        return _family_plan(expr, slots, limits)
    raise _Unsuitable


def _window_plan(expr: Window, slots: dict, limits: Limits) -> Callable:
    target = _plan(expr.target, slots, limits)
    bounds = [None if b is None else _slot(slots, span)
              for b, span in zip((expr.start, expr.stop), expr.bound_spans)]
    ctx, convert = Context("slice", "bound", limits), STEPS.convert_number

    def window(values):
        start, stop = (None if i is None else convert(*values[i], ctx) for i in bounds)
        if isinstance(start, (int, float)) and isinstance(stop, (int, float)) and start >= stop:
            raise _Unsuitable
        return Window(target(values), start, stop)

    return window


def _family_plan(family: Family, slots: dict, limits: Limits) -> Callable:
    cls, fixed = type(family), dict(family.args)
    setters: list[Callable] = []  # each sets one argument of the new family
    for p in cls.params:
        value = family.args[p.name]
        if p.variadic:
            children = [_plan(child, slots, limits) for child in value]
            setters.append(_setter(p.name, lambda v, c=children: tuple(x(v) for x in c)))
        elif isinstance(p.type, ScheduleType):
            setters.append(_setter(p.name, _plan(value, slots, limits)))
        elif p.name in family.spans:
            span = family.spans[p.name]
            ctx = Context(cls.name, p.name, limits)
            if span in slots:
                setters.append(_scalar_setter(p.name, p.type.convert_number, ctx,
                                              slots.pop(span)))
            elif isinstance(p.type, ListOf):
                inside = sorted(s for s in slots if span[0] <= s[0] and s[1] <= span[1])
                if len(inside) != len(value):
                    raise _Unsuitable
                setters.append(_list_setter(p, ctx, [slots.pop(s) for s in inside]))

    def build(values):
        args = dict(fixed)
        for setter in setters:
            setter(args, values)
        rebuilt = cls(args)
        rebuilt.check()
        return rebuilt

    return build


def _setter(name: str, make: Callable) -> Callable:
    def set_argument(args, values):
        args[name] = make(values)
    return set_argument


def _scalar_setter(name: str, convert: Callable, ctx: Context, index: int) -> Callable:
    def set_argument(args, values):
        value, unit = values[index]
        args[name] = convert(value, unit, ctx)
    return set_argument


def _list_setter(param, ctx: Context, indices: list[int]) -> Callable:
    convert, name = param.type.item.convert_number, param.name
    ascending, check_order = param.type.ascending, param.type.check_order

    def set_argument(args, values):
        items = tuple(convert(*values[i], ctx) for i in indices)
        if ascending:
            check_order(items, ctx, None)
        args[name] = items
    return set_argument
