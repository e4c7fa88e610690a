"""Round-trip laws of the syntax tree, checked over generated trees and generated text."""

from __future__ import annotations

import struct

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark
from lark import Lark

from lrspec import LrspecSyntaxError, parse_tree, unparse
from lrspec.syntax.nodes import Number
from lrspec.syntax.parser import grammar_text

from strategies import finite_floats, trees


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees)
def test_parse_of_print_is_the_tree(tree):
    text = unparse(tree)
    assert parse_tree(text) == tree
    # Printing is idempotent: the canonical text is a fixed point.
    assert unparse(parse_tree(text)) == text


@settings(max_examples=1000, deadline=None)
@given(finite_floats)
def test_every_float_survives_bit_for_bit(value):
    tree = parse_tree(unparse(Number(value)))
    assert isinstance(tree.value, float)
    assert struct.pack("<d", tree.value) == struct.pack("<d", value)


# Text drawn from the grammar itself (hypothesis.extra.lark). Explicit terminals keep the
# drawing fast and the texts readable when a test fails.
_TERMINALS = {
    "NUMBER": st.from_regex(
        r"(0|[1-9][0-9]{0,3}|[0-9]*\.[0-9]+|[1-9]e-?[0-9])(%|ep)?", fullmatch=True
    ),
    "NAME": st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True),
    "STRING": st.from_regex(r"'[a-z ]{0,5}'|\"[a-z]{0,5}\"", fullmatch=True),
    # Ignored tokens: a comment brings its own newline so it cannot swallow what follows.
    "WHITESPACE": st.sampled_from([" ", "\n", "\t "]),
    "COMMENT": st.just("# note\n"),
}


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
# A plain Lark object for the strategy (lrspec's own is loaded from Lark's cache, which keeps
# no grammar object for hypothesis to read).
@given(from_lark(Lark(grammar_text(), parser="lalr"), start="start", explicit=_TERMINALS))
def test_text_generated_from_the_grammar_round_trips(text):
    try:
        tree = parse_tree(text)
    except LrspecSyntaxError as error:
        # The grammar allows what the tree builder then rejects by rule (keyword order,
        # repeated keywords, numbers that overflow); nothing else may fail.
        assume(
            error.message.startswith(
                (
                    "positional argument follows",
                    "keyword argument",
                    "a keyword argument must",
                    "number ",
                )
            )
        )
        return
    canonical = unparse(tree)
    assert parse_tree(canonical) == tree
    assert unparse(parse_tree(canonical)) == canonical
