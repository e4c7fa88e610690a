"""The surface syntax: what parses, which texts give equal trees, and the canonical printing."""

from __future__ import annotations

import pytest

from lrspec import parse_tree, unparse
from lrspec.syntax.nodes import (
    BinOp,
    Bool,
    Call,
    Keyword,
    List,
    Neg,
    Number,
    Seq,
    Slice,
    String,
    Word,
)

from conftest import conformance_traces, data_lines


@pytest.mark.parametrize("spec", data_lines("language_examples.txt"))
def test_every_language_example_parses(spec):
    tree = parse_tree(spec)
    assert parse_tree(unparse(tree)) == tree


@pytest.mark.parametrize("trace", conformance_traces(), ids=lambda t: t["id"])
def test_every_conformance_spec_parses(trace):
    tree = parse_tree(trace["spec"])
    assert parse_tree(unparse(tree)) == tree


def _canonical_cases():
    # `input => canonical`; in the input, a literal \n stands for a newline.
    for line in data_lines("canonical.txt"):
        source, arrow, canonical = line.partition(" => ")
        if arrow:
            yield pytest.param(source.replace("\\n", "\n"), canonical, id=line)
        else:
            yield pytest.param(line, line, id=line)


@pytest.mark.parametrize(("source", "canonical"), list(_canonical_cases()))
def test_canonical_form(source, canonical):
    assert unparse(parse_tree(source)) == canonical


def test_tree_shape_of_a_composed_spec():
    tree = parse_tree("Warmup(500) >> 0.5 * Cosine(3e-4, 0, 10_000)[:100] + -1e-5")
    assert tree == Seq(
        (
            Call("Warmup", (Number(500),)),
            BinOp(
                "+",
                BinOp(
                    "*",
                    Number(0.5),
                    Slice(
                        Call("Cosine", (Number(0.0003), Number(0), Number(10000))),
                        None,
                        Number(100),
                    ),
                ),
                Neg(Number(1e-05)),
            ),
        )
    )


def test_values_of_every_kind():
    tree = parse_tree("f(1, 2.5, inf, 5%, 2ep, true, True, false, word, 'text', [1, 2], a.b(1))")
    assert tree == Call(
        "f",
        (
            Number(1),
            Number(2.5),
            Number(float("inf")),
            Number(5, "%"),
            Number(2, "ep"),
            Bool(True),
            Bool(True),
            Bool(False),
            Word("word"),
            String("text"),
            List((Number(1), Number(2))),
            Call("a.b", (Number(1),)),
        ),
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # whitespace, newlines and comments
        (
            "Warmup(500)>>Cosine(0.1,0.0,10000)",
            " Warmup ( 500 ) >>\n\tCosine(0.1 , 0.0 ,\n 10000) ",
        ),
        ("Cosine(0.1, 0.0, 10000)", "Cosine(0.1, # the peak\n 0.0, 10000)  # the floor"),
        # `;` groups versus bracket lists
        ("MultiStepLR(0.1;1,3,5;0.1)", "MultiStepLR(0.1, [1, 3, 5], 0.1)"),
        ("MultiStepLR(0.1;1,3,5;gamma=0.1)", "MultiStepLR(0.1, [1,3,5], gamma=0.1)"),
        ("f(a=1,2;b=3)", "f(a=[1, 2], b=3)"),
        # Python's booleans
        ("f(staircase=True)", "f(staircase=true)"),
        ("f(False)", "f(false)"),
        # quoted and bare enumeration values are the same word only after evaluation; as
        # strings, both quote styles give one tree
        ("f('x')", 'f("x")'),
        # numbers written differently
        ("f(10_000)", "f(10000)"),
        ("f(.5)", "f(0.5)"),
        ("f(5.)", "f(5.0)"),
        ("f(3e-4)", "f(0.0003)"),
        ("f(1E5)", "f(100000.0)"),
        # parentheses that change nothing
        ("(Warmup(5)) >> ((Cosine(1, 0, 5)))", "Warmup(5) >> Cosine(1, 0, 5)"),
    ],
)
def test_equal_trees(a, b):
    assert parse_tree(a) == parse_tree(b)
    assert hash(parse_tree(a)) == hash(parse_tree(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("f(1)", "f(1.0)"),  # an int and a float print differently
        ("f(5%)", "f(5)"),
        ("(a >> b) >> c", "a >> b >> c"),  # the tree keeps the grouping as written
        ("f(x)", "f('x')"),
        ("f(1, 2)", "f([1, 2])"),
    ],
)
def test_different_trees(a, b):
    assert parse_tree(a) != parse_tree(b)


def test_spans_are_kept_but_do_not_count_for_equality():
    tree = parse_tree("Warmup(500) >> Cosine(0.1, 0.0, 10000)")
    warmup, cosine = tree.parts
    assert tree.span == (0, 38)
    assert warmup.span == (0, 11)
    assert cosine.span == (15, 38)
    assert cosine.name_span == (15, 21)
    assert cosine.args[2].span == (32, 37)
    keyword = parse_tree("f(mode = x)").kwargs[0]
    assert keyword == Keyword("mode", Word("x"))
    assert (keyword.span, keyword.name_span) == ((2, 10), (2, 6))


def test_floats_print_as_repr():
    for value in (0.1, 3e-4, 1e-300, 1.7976931348623157e308, 5e-324, 123456789.123456789):
        assert unparse(Number(value)) == repr(value)
        assert parse_tree(repr(value)) == Number(value)
