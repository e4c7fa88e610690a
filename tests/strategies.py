"""Hypothesis strategies for lrspec syntax trees and spec text."""

from __future__ import annotations

import math

from hypothesis import strategies as st

from lrspec.syntax.nodes import (
    INF_WORD,
    NONE_WORD,
    RESERVED_WORDS,
    BinOp,
    Bool,
    Call,
    Keyword,
    List,
    Mapping,
    Neg,
    NoneValue,
    Number,
    Seq,
    Slice,
    String,
    Word,
)

names = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,7}", fullmatch=True).filter(
    lambda n: n not in RESERVED_WORDS and n not in (INF_WORD, NONE_WORD)
)
dotted_names = st.lists(names, min_size=1, max_size=3).map(".".join)

# Literals are never negative (a minus sign is a Neg node); abs() also turns -0.0 into 0.0.
finite_floats = st.floats(min_value=0.0, allow_nan=False, allow_infinity=False).map(abs)
ints = st.integers(min_value=0, max_value=10**40)
units = st.sampled_from([None, "%", "ep", "sp", "tok"])

finite_numbers = st.builds(Number, st.one_of(ints, finite_floats), units)
numbers = st.one_of(finite_numbers, st.just(Number(math.inf)))

leaves = st.one_of(
    numbers,
    st.builds(Bool, st.booleans()),
    st.builds(Word, names),
    st.builds(String, st.text(max_size=12)),
    st.just(NoneValue()),
)


def _mapping(children):
    """``{key: value, ...}`` with distinct keys: numbers (a minus allowed) or strings."""
    number_keys = st.one_of(
        st.builds(Number, ints), st.builds(lambda n: Neg(Number(n)), st.integers(1, 10**6))
    )
    keys = st.one_of(number_keys, st.builds(String, st.text(max_size=6)))

    def build(pairs):
        unique = {}
        for key, value in pairs:
            marker = (type(key), key.value if type(key) is String else _key(key))
            unique.setdefault(marker, (key, value))
        chosen = list(unique.values())
        return Mapping(tuple(k for k, _ in chosen), tuple(v for _, v in chosen))

    return st.builds(build, st.lists(st.tuples(keys, children), max_size=3))


def _key(key):
    return -key.operand.value if type(key) is Neg else key.value


def _call(children):
    def build(name, args, kwargs):
        unique = {}
        for key, value in kwargs:
            unique.setdefault(key, value)
        return Call(name, tuple(args), tuple(Keyword(k, v) for k, v in unique.items()))

    return st.builds(
        build,
        dotted_names,
        st.lists(children, max_size=3),
        st.lists(st.tuples(names, children), max_size=3),
    )


def _extend(children):
    bounds = st.one_of(st.none(), finite_numbers)
    return st.one_of(
        st.builds(lambda items: List(tuple(items)), st.lists(children, max_size=4)),
        _mapping(children),
        _call(children),
        st.builds(lambda parts: Seq(tuple(parts)), st.lists(children, min_size=2, max_size=4)),
        st.builds(BinOp, st.sampled_from("+-*/"), children, children),
        st.builds(Neg, children),
        st.builds(Slice, children, bounds, bounds),
    )


trees = st.recursive(leaves, _extend, max_leaves=25)
