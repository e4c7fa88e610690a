"""The meaning tree: what every schedule expression knows about itself.

A spec's syntax tree becomes a tree of :class:`Expr` (the *meaning tree*): families (see
``family``) and compositions (see ``compositions``). Every node declares its children once
(:meth:`Expr.children`), and everything that walks the tree does so through the protocol
below, never by switching on node types:

- text: :meth:`~Expr.to_node` gives the canonical syntax node, which the printer writes;
- sizes: :meth:`~Expr.quantities` (step counts written with units) and :meth:`~Expr.needs`;
- shape: :meth:`~Expr.finite`, :meth:`~Expr.length`, :meth:`~Expr.resolve` (units resolved);
- composition rules: :meth:`~Expr.child_roles` says where a child may read a metric or needs
  a successor, and :meth:`~Expr.check_composition` applies them to the whole tree;
- compilation: :meth:`~Expr.kernel` builds the compiled form with a :class:`Builder`; a node
  that needs to see what follows it in a ``>>`` sequence (``Warmup``) says so with
  ``needs_successor`` and implements :meth:`~Expr.kernel_before`;
- analysis: :meth:`~Expr.timeline` says where each child runs on this node's steps.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, NamedTuple

from ..compute import kernels
from ..syntax.errors import CompositionError, LimitError
from ..syntax.nodes import Call, Node, Span
from ..syntax.printer import format_step, unparse
from .units import MAX_STEPS, Binding, Quantity


class Role(NamedTuple):
    """What a child may be where it stands: followed by ``>>`` (so a ``needs_successor`` node
    is fine), and allowed to read a metric (a stateful node is fine)."""

    followed: bool = False
    stateful_ok: bool = False


#: The role of a whole schedule: it may read a metric, and nothing follows it.
_TOP = Role(stateful_ok=True)
#: The role of most children: nothing follows them, they read no metric.
NO_ROLE = Role()


class Placement(NamedTuple):
    """Where a child runs on its parent's steps: for parent steps ``u`` in ``[begin, end)``
    the child is at its own step ``u - begin + shift``; ``repeats``: the child starts again
    every ``end - begin`` steps (only its first run is shown)."""

    child: Expr
    begin: float = 0.0
    shift: float = 0.0
    end: float = math.inf
    repeats: bool = False


#: The hint of every error about the step domain.
DOMAIN_HINT = "steps and lengths are at most 2**53 (every integer up to it is exact in a float)"


def past_domain(value: float) -> bool:
    """Whether a step count lies past the step domain (``MAX_STEPS``); ``value`` may be an int
    of any size (compared exactly, never converted) or inf (which is no step count)."""
    return value > MAX_STEPS and value != math.inf


def too_long(expr: Expr, length: float) -> LimitError:
    """The error for an expression longer than the step domain."""
    return LimitError(
        f"'{expr.text()}' is {format_step(length)} steps long; the limit is 2**53",
        span=expr.span,
        hint=DOMAIN_HINT,
    )


class Builder:
    """Compiles expressions; remembers the one stateful part and where it starts, and (for the
    analysis) the kernel of every node it compiled."""

    def __init__(self, record: bool = False) -> None:
        self.state: Any = None
        self.state_start = 0.0
        self._kernels: dict[int, kernels.Kernel] | None = {} if record else None

    def build(
        self, expr: Expr, offset: float = 0.0, successor: kernels.Kernel | None = None
    ) -> kernels.Kernel:
        """The kernel of ``expr``, which starts at step ``offset`` of the whole schedule;
        ``successor`` is the kernel of what follows it in a sequence (for the nodes that
        need it)."""
        try:
            if expr.needs_successor:
                assert successor is not None, "the composition check lets no such node stand alone"
                kernel = expr.kernel_before(self, offset, successor)
            else:
                kernel = expr.kernel(self, offset)
        except LimitError as error:
            if not error.detail("needs_source"):
                raise
            # A length or a bound past the step domain (see kernels.beyond_domain): name it.
            raise LimitError(
                f"'{expr.text()}' {error.message}", span=expr.span, hint=DOMAIN_HINT
            ) from None
        if self._kernels is not None:
            self._kernels[id(expr)] = kernel
        return kernel

    def kernel_of(self, expr: Expr) -> kernels.Kernel:
        """The kernel compiled for ``expr`` (a Builder made with ``record=True``)."""
        assert self._kernels is not None
        return self._kernels[id(expr)]

    def register_state(self, state: Any, offset: float) -> None:
        self.state = state
        self.state_start = offset


class Expr:
    """Base of the meaning tree's nodes."""

    __slots__ = ()

    #: A bare number takes the length of whatever it is combined with.
    neutral = False
    #: The node reads a metric itself (``s.step(metric)``).
    is_stateful = False
    #: The node must be followed in a ``>>`` sequence, and compiles against what follows.
    needs_successor = False
    #: The node spans the whole run, so it needs ``total_steps``.
    needs_total_steps = False
    #: Where the node came from in the source text, for messages.
    span: Span | None = None

    def children(self) -> tuple[Expr, ...]:
        return ()

    def to_node(self) -> Node:
        raise NotImplementedError

    def text(self) -> str:
        return unparse(self.to_node())

    # -- sizes ------------------------------------------------------------------------------

    def own_quantities(self) -> Iterator[Quantity]:
        """Step counts with units held by this node itself (not its children)."""
        return iter(())

    def quantities(self) -> Iterator[Quantity]:
        """Every step count written with a unit, in this expression and below."""
        for node in self.walk():
            yield from node.own_quantities()

    def needs(self) -> set[str]:
        """Which of the run's sizes (``total_steps``, ...) evaluating this requires."""
        needed: set[str] = set()
        for node in self.walk():
            needed.update(q.size for q in node.own_quantities())
            if node.needs_total_steps:
                needed.add("total_steps")
        return needed

    def walk(self) -> Iterator[Expr]:
        """This node and every node below it (iteratively: any depth)."""
        stack: list[Expr] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children()))

    @property
    def stateful(self) -> bool:
        """Whether a node in this expression reads a metric."""
        return any(node.is_stateful for node in self.walk())

    # -- shape ------------------------------------------------------------------------------

    def finite(self) -> bool:
        """Whether the length is finite (known from the structure, before units resolve)."""
        raise NotImplementedError

    def length(self) -> float:
        """The length in steps (resolved expressions only)."""
        raise NotImplementedError

    def resolve(self, binding: Binding) -> Expr:
        """This expression with every unit resolved against ``binding``."""
        raise NotImplementedError

    # -- composition rules ------------------------------------------------------------------

    def child_roles(self) -> list[Role]:
        """The role of each child (see :class:`Role`); by default none may read a metric or
        be followed."""
        return [NO_ROLE] * len(self.children())

    def check_composition(self, role: Role = _TOP) -> None:
        """Raise a CompositionError where a node stands in a place it cannot (a Warmup with
        nothing after it, a stateful schedule inside arithmetic, ...)."""
        stack: list[tuple[Expr, bool, bool]] = [(self, role.followed, role.stateful_ok)]
        pop, push = stack.pop, stack.append
        while stack:
            node, followed, stateful_ok = pop()
            if node.needs_successor and not followed:
                raise node.unfollowed_error()
            if node.is_stateful and not stateful_ok:
                raise stateful_misuse(node)
            kids = node.children()
            if kids:
                for kid, (kid_followed, kid_ok) in zip(kids, node.child_roles()):
                    # A child may read a metric only where its parent may, too.
                    push((kid, kid_followed, kid_ok and stateful_ok))

    def unfollowed_error(self) -> CompositionError:
        return CompositionError(f"{self.text()} needs a schedule after it", span=self.span)

    # -- compilation ------------------------------------------------------------------------

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        """The compiled form of this (resolved) expression, starting at step ``offset``."""
        raise NotImplementedError

    def kernel_before(
        self, builder: Builder, offset: float, successor: kernels.Kernel
    ) -> kernels.Kernel:
        """The compiled form of a ``needs_successor`` node, followed by ``successor``."""
        raise NotImplementedError

    # -- analysis ---------------------------------------------------------------------------

    def timeline(self) -> list[Placement]:
        """Where each child runs on this node's steps (resolved expressions only); by default
        every child runs on the same steps as its parent."""
        return [Placement(child) for child in self.children()]

    def note(self) -> str:
        """A remark for ``lrspec explain`` about this node ("runs 3 times")."""
        return ""

    def label(self) -> str:
        """How ``lrspec explain`` names this node: its text, or for a node with children the
        call with its schedule arguments elided (``Repeat(…, 3)``); operators say which."""
        node = self.to_node()
        kids = {child.to_node() for child in self.children()}
        if not kids or not isinstance(node, Call):
            return unparse(node)
        args = ["…" if a in kids else unparse(a) for a in node.args]
        args += [f"{k.name}={'…' if k.value in kids else unparse(k.value)}" for k in node.kwargs]
        return f"{node.name}({', '.join(args)})"

    # -- identity ---------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Expr):
            return NotImplemented
        return self.to_node() == other.to_node()

    def __hash__(self) -> int:
        return hash(self.to_node())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.text()}>"


def stateful_misuse(expr: Expr) -> CompositionError:
    """The error for a schedule that reads a metric, found inside ``expr``, used wrongly."""
    stateful = next(e for e in expr.walk() if e.is_stateful)
    return CompositionError(
        f"{stateful.text()} reads a metric, so it can only end a '>>' sequence or be scaled "
        "by a number",
        span=stateful.span,
    )
