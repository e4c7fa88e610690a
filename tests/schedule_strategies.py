"""Hypothesis strategies for schedule text, generated from the family registry.

Every registered family is drawn with arguments from its declared parameter types and ranges
(so a new family is covered without touching this file), then composed with ``>>``,
arithmetic, slices, Repeat, min/max and Warmup. Specs use units, so draw them together with
``BIND``.
"""

from __future__ import annotations

from hypothesis import strategies as st

from lrspec.model.registry import families
from lrspec.model.types import Boolean, Choice, Integer, ListOf, Real, ScheduleType, Steps

#: Sizes every generated spec is parsed with.
BIND = {"total_steps": 1000, "steps_per_epoch": 50}

_NICE = st.sampled_from([0.0, 0.001, 0.01, 0.1, 0.5, 1.0, 3e-4, 2.5, 10.0, 1e-8])


def _real(ptype: Real):
    lo = 0.0 if ptype.lo is None else ptype.lo
    hi = 1e6 if ptype.hi is None else min(ptype.hi, 1e6)
    exclude_max = ptype.hi_open and hi == ptype.hi
    values = st.one_of(
        _NICE.filter(
            lambda v: (
                lo < v < hi or (v == lo and not ptype.lo_open) or (v == hi and not exclude_max)
            )
        ),
        st.floats(
            min_value=lo,
            max_value=hi,
            exclude_min=ptype.lo_open,
            exclude_max=exclude_max,
            allow_nan=False,
            allow_infinity=False,
        ),
    )
    return values.map(lambda v: repr(v + 0.0))


def _steps(ptype: Steps):
    low = 1 if ptype.positive else 0
    plain = st.one_of(
        st.integers(low, 400).map(str),
        st.floats(min_value=max(low, 0.5), max_value=400.0).map(repr),
    )
    units = st.one_of(
        st.integers(max(low, 1), 40).map(lambda v: f"{v}%"),
        st.integers(max(low, 1), 8).map(lambda v: f"{v}ep"),
    )
    return st.one_of(plain, plain, units)


def _argument(ptype, schedules):
    if isinstance(ptype, Real):
        return _real(ptype)
    if isinstance(ptype, Steps):
        return _steps(ptype)
    if isinstance(ptype, Integer):
        lo = 0 if ptype.lo is None else ptype.lo
        return st.integers(lo, min(lo + 60, ptype.hi if ptype.hi is not None else lo + 60)).map(str)
    if isinstance(ptype, Boolean):
        return st.sampled_from(["true", "false", "True", "False"])
    if isinstance(ptype, Choice):
        return st.sampled_from(ptype.options).flatmap(
            lambda v: st.sampled_from([v, f"'{v}'", f'"{v}"'])
        )
    if isinstance(ptype, ListOf):
        items = st.lists(_argument(ptype.item, schedules), max_size=5)
        return items.map(lambda xs: "[" + ", ".join(xs) + "]")
    if isinstance(ptype, ScheduleType):
        return schedules
    raise TypeError(ptype)


# Families whose parameters constrain each other get their own argument strategies.
def _special(name, finite):
    ascending = st.lists(st.integers(0, 500), max_size=5, unique=True).map(sorted)
    rate = _real(Real(0.0, 10.0))
    if name == "PiecewiseConstant":
        return ascending.flatmap(
            lambda b: st.lists(rate, min_size=len(b) + 1, max_size=len(b) + 1).map(
                lambda v: f"PiecewiseConstant([{', '.join(map(str, b))}], [{', '.join(v)}])"
            )
        )
    if name == "MultiStepLR":
        return st.tuples(rate, ascending, _real(Real(0.0, 1.0))).map(
            lambda a: f"MultiStepLR({a[0]}, [{', '.join(map(str, a[1]))}], {a[2]})"
        )
    if name == "OneCycle":
        return st.tuples(
            rate,
            st.integers(20, 3000),
            st.floats(0.1, 0.45),
            st.booleans(),
            st.sampled_from(["cos", "linear"]),
        ).map(
            lambda a: (
                f"OneCycle({a[0]}, {a[1]}, pct_start={a[2]!r}, three_phase={a[3]}, "
                f"anneal={a[4]})".replace("True", "true").replace("False", "false")
            )
        )
    if name == "linear_decay":
        return st.tuples(rate, st.integers(0, 300), st.integers(1, 300)).map(
            lambda a: f"linear_decay({a[0]}, warmup={a[1]}, steps={a[1] + a[2]})"
        )
    if name == "Warmup":
        return st.tuples(_steps(Steps(positive=True)), rate).map(
            lambda a: f"Warmup({a[0]}, start={a[1]}) >> Constant({a[1]})"
        )
    if name == "Repeat":
        return st.tuples(finite, st.one_of(st.integers(1, 5).map(str), st.just("inf"))).map(
            lambda a: f"Repeat({a[0]}, {a[1]})"
        )
    return None


def _call(cls, schedules, finite):
    special = _special(cls.name, finite)
    if special is not None:
        return special
    params = cls.params
    if any(p.variadic for p in params):
        return st.lists(schedules, min_size=2, max_size=3).map(
            lambda xs: f"{cls.name}({', '.join(xs)})"
        )

    @st.composite
    def build(draw):
        args, positional = [], True
        for p in params:
            if not p.required and draw(st.booleans()):
                positional = False
                continue  # leave the default
            text = draw(_argument(p.type, schedules))
            if positional and draw(st.integers(0, 3)):
                args.append(text)
            else:
                positional = False
                args.append(f"{p.name}={text}")
        return f"{cls.name}({', '.join(args)})"

    return build()


# lrspec's own families and the seed systems'; the library namespaces (dotted names, whose
# arguments constrain each other as their libraries' do) are drawn by the peers' own
# strategies (tests/peers/*_live.py).
_CORE = [c for c in families().values() if "." not in c.name]
_PURE = [c for c in _CORE if not c.is_stateful]
_STATEFUL = [c for c in _CORE if c.is_stateful]


def _leaves(finite_only: bool):
    # A finite leaf: a family that ends, or anything sliced.
    constants = st.sampled_from(["0.1", "1e-05", "2", "0.5"])
    finite_constants = constants.map(lambda c: f"{c}[:10]")
    families_ = st.sampled_from(_PURE).flatmap(lambda c: _call(c, constants, finite_constants))
    if finite_only:
        return families_.map(lambda s: f"({s})[:{100}]")
    return st.one_of(families_, constants)


def _extend(children):
    finite = st.tuples(children, st.integers(1, 300)).map(lambda a: f"({a[0]})[:{a[1]}]")
    return st.one_of(
        st.lists(finite, min_size=1, max_size=3).flatmap(
            lambda xs: children.map(lambda last: " >> ".join([*xs, f"({last})"]))
        ),
        st.tuples(children, st.sampled_from("+-*"), children).map(
            lambda a: f"({a[0]}) {a[1]} ({a[2]})"
        ),
        st.tuples(_NICE.map(repr), children).map(lambda a: f"{a[0]} * ({a[1]})"),
        st.tuples(children, st.integers(0, 50), st.integers(51, 400)).map(
            lambda a: f"({a[0]})[{a[1]}:{a[2]}]"
        ),
        st.tuples(finite, st.integers(1, 4)).map(lambda a: f"Repeat({a[0]}, {a[1]})"),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(children, min_size=2, max_size=3)).map(
            lambda a: f"{a[0]}({', '.join(a[1])})"
        ),
        st.tuples(st.integers(1, 100), children).map(lambda a: f"Warmup({a[0]}) >> ({a[1]})"),
        st.sampled_from(_PURE).flatmap(lambda c: _call(c, children, finite)),
    )


pure_specs = st.recursive(_leaves(False), _extend, max_leaves=6)


def _stateful_spec():
    stateful = st.sampled_from(_STATEFUL).flatmap(
        lambda c: _call(c, st.just("0.1"), st.just("0.1"))
    )
    return st.one_of(
        stateful,
        st.tuples(_NICE.map(repr), stateful).map(lambda a: f"{a[0]} * {a[1]}"),
        st.tuples(pure_specs, stateful).map(lambda a: f"({a[0]})[:7] >> {a[1]}"),
    )


stateful_specs = _stateful_spec()
specs = st.one_of(pure_specs, pure_specs, pure_specs, stateful_specs)

#: Steps to compare at: whole steps, fractions, and far beyond any length.
steps = st.one_of(
    st.integers(0, 3000),
    st.floats(min_value=0.0, max_value=3000.0),
    st.floats(min_value=0.0, max_value=1e15),
    st.sampled_from([0, 1, 99, 100, 101, 999, 1000, 1001, 1e6, 2.0**53, 1e300]),
)
