"""Invalid text: each input raises an LrspecError of the right class at the right place."""

from __future__ import annotations

import pickle

import pytest

import lrspec
from lrspec import LimitError, Limits, LrspecError, LrspecSyntaxError, parse_tree

S = LrspecSyntaxError

# (id, text, error class, line, column, message). Columns count from 0 within the line.
INVALID = [
    ("empty", "", S, 1, 0, "empty spec"),
    ("blank", "   \n\t ", S, 1, 0, "empty spec"),
    ("only-comment", "# nothing here", S, 1, 0, "empty spec"),
    ("unclosed-paren", "Cosine(0.1, 0.0, 10000", S, 1, 6, "'(' was never closed"),
    ("unclosed-after-comma", "Cosine(0.1,", S, 1, 6, "'(' was never closed"),
    ("unclosed-nested", "Repeat(Cosine(0.1, 0, 10), 3", S, 1, 6, "'(' was never closed"),
    (
        "unclosed-list",
        "PiecewiseConstant([1, 2, [0.1, 0.2, 0.3])",
        S,
        1,
        40,
        "closing ')' does not match opening '['",
    ),
    ("unclosed-group", "(Warmup(5) >> Cosine(1, 0, 5)", S, 1, 0, "'(' was never closed"),
    ("unmatched-close", "Cosine(0.1, 0.0, 10000))", S, 1, 23, "unmatched ')'"),
    ("unmatched-bracket", "Constant(0.1)]", S, 1, 13, "unmatched ']'"),
    ("mismatched", "Cosine(0.1, 0.0, 10000]", S, 1, 22, "closing ']' does not match opening '('"),
    ("doubled-comma", "Cosine(0.1,, 10000)", S, 1, 11, "unexpected ','"),
    ("leading-comma", "Cosine(, 0.1)", S, 1, 7, "unexpected ','"),
    ("trailing-comma", "Cosine(0.1, 0.0, 10000,)", S, 1, 23, "unexpected ')'"),
    ("stray-comma-top", "Cosine(0.1, 0, 10), Linear(0, 1, 2)", S, 1, 18, "unexpected ','"),
    ("empty-group", "MultiStepLR(0.1;;0.1)", S, 1, 16, "unexpected ';'"),
    ("trailing-semicolon", "MultiStepLR(0.1;1,3;)", S, 1, 20, "unexpected ')'"),
    ("lone-shift", ">>", S, 1, 0, "unexpected '>>'"),
    ("shift-at-end", "Warmup(500) >>", S, 1, 14, "unexpected end of input"),
    ("shift-at-start", ">> Cosine(0.1, 0, 10)", S, 1, 0, "unexpected '>>'"),
    ("doubled-shift", "Warmup(5) >> >> Cosine(0.1, 0, 10)", S, 1, 13, "unexpected '>>'"),
    ("single-gt", "Warmup(5) > Cosine(0.1, 0, 10)", S, 1, 10, "unexpected character '>'"),
    ("triple-gt", "Warmup(5) >>> Cosine(0.1, 0, 10)", S, 1, 12, "unexpected character '>'"),
    ("overflow", "Constant(1e999)", S, 1, 9, "number 1e999 is too large for a float"),
    (
        "overflow-unit",
        "Warmup(1e400%) >> Constant(0.1)",
        S,
        1,
        7,
        "number 1e400 is too large for a float",
    ),
    ("too-many-digits", "Constant(" + "9" * 5000 + ")", S, 1, 9, "number has too many digits"),
    (
        "unterminated-string",
        "Cyclic(0.1, 1, 10, mode='triangular)",
        S,
        1,
        24,
        "unterminated string",
    ),
    ("unterminated-dq", 'f("abc', S, 1, 2, "unterminated string"),
    (
        "keyword-before-positional",
        "Cosine(initial=0.1, 0.0, 10000)",
        S,
        1,
        20,
        "positional argument follows keyword argument",
    ),
    (
        "repeated-keyword",
        "Cosine(0.1, 0.0, steps=10, steps=20)",
        S,
        1,
        27,
        "keyword argument repeated: 'steps'",
    ),
    (
        "keyword-inside-group",
        "MultiStepLR(0.1;1,gamma=3;0.1)",
        S,
        1,
        18,
        "a keyword argument must start its ';' group",
    ),
    ("missing-value", "Cosine(initial=)", S, 1, 15, "unexpected ')'"),
    ("double-equals", "Cosine(initial==0.1)", S, 1, 15, "unexpected '='"),
    ("juxtaposed-numbers", "Cosine(0.1 0.0 10000)", S, 1, 11, "unexpected number 0.0"),
    ("juxtaposed-calls", "Warmup(5) Cosine(0.1, 0, 10)", S, 1, 10, "unexpected name 'Cosine'"),
    ("bad-character", "Cosine(0.1, 0.0, $100)", S, 1, 17, "unexpected character '$'"),
    ("percent-alone", "Warmup(5 %) >> Constant(0.1)", S, 1, 9, "unexpected character '%'"),
    ("unknown-unit", "Warmup(5epochs) >> Constant(0.1)", S, 1, 8, "unexpected name 'epochs'"),
    ("two-points", "Constant(0.1.2)", S, 1, 12, "unexpected number .2"),
    ("double-underscore", "Constant(1__000)", S, 1, 10, "unexpected name '__000'"),
    ("trailing-underscore", "Constant(1000_)", S, 1, 13, "unexpected name '_'"),
    ("exponent-without-digits", "Constant(1e)", S, 1, 10, "unexpected name 'e'"),
    ("slice-without-colon", "Constant(0.1)[100]", S, 1, 17, "unexpected ']'"),
    ("slice-two-colons", "Constant(0.1)[1:2:3]", S, 1, 17, "unexpected ':'"),
    ("slice-negative", "Constant(0.1)[-5:]", S, 1, 14, "unexpected '-'"),
    ("slice-expression", "Constant(0.1)[1+1:]", S, 1, 15, "unexpected '+'"),
    ("call-on-number", "5(1)", S, 1, 1, "unexpected '('"),
    ("dotted-trailing", "torch.(1)", S, 1, 6, "unexpected '('"),
    ("dotted-value", "f(mode=a.b)", S, 1, 10, "unexpected ')'"),
    ("binary-missing-right", "Cosine(0.1, 0, 10) *", S, 1, 20, "unexpected end of input"),
    ("binary-missing-left", "* Cosine(0.1, 0, 10)", S, 1, 0, "unexpected '*'"),
    (
        "multiline-error",
        "Warmup(500)\n  >> Cosine(0.1,\n            0.0,, 10000)",
        S,
        3,
        16,
        "unexpected ','",
    ),
    (
        "multiline-unclosed",
        "Warmup(500) >>\n  Cosine(0.1, 0.0, 10000",
        S,
        2,
        8,
        "'(' was never closed",
    ),
    ("nul-byte", "Constant(0.1)\x00", S, 1, 13, "unexpected character '\\x00'"),
    ("unicode", "Constant(0.1) → Cosine(0.1, 0, 1)", S, 1, 14, "unexpected character '→'"),
    (
        "nested-10000",
        "(" * 10000 + "Constant(0.1)" + ")" * 10000,
        LimitError,
        1,
        100,
        "nesting is deeper than 100 levels",
    ),
    (
        "megabyte",
        "Constant(0.1) >> " * 60000 + "Constant(0.1)",
        LimitError,
        1,
        100000,
        "spec is 1020013 characters long; the limit is 100000",
    ),
    (
        "deep-unary",
        "-" * 5000 + "Constant(0.1)",
        LimitError,
        1,
        100,
        "nesting is deeper than 100 levels",
    ),
    (
        "long-sum",
        " + ".join(["Constant(0.1)"] * 500),
        LimitError,
        1,
        0,
        "nesting is deeper than 100 levels",
    ),
    ("deep-lists", "[" * 150 + "]" * 150, LimitError, 1, 100, "nesting is deeper than 100 levels"),
]


@pytest.mark.parametrize(
    ("text", "cls", "line", "column", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in INVALID],
)
def test_invalid_input(text, cls, line, column, message):
    with pytest.raises(cls) as caught:
        parse_tree(text)
    error = caught.value
    assert isinstance(error, LrspecError) and isinstance(error, ValueError)
    assert (error.message, error.line, error.column) == (message, line, column)
    assert error.text == text
    assert str(error).startswith(f"lrspec: {message} at ")


def test_the_table_is_big_enough():
    assert len(INVALID) >= 40
    assert len({case[0] for case in INVALID}) == len(INVALID)


# -- exact renderings ---------------------------------------------------------------------


def _rendered(text: str) -> str:
    with pytest.raises(LrspecError) as caught:
        parse_tree(text)
    return str(caught.value)


def test_rendered_doubled_comma():
    assert _rendered("Cosine(0.1,, 10000)") == (
        "lrspec: unexpected ',' at column 11\n"
        "  Cosine(0.1,, 10000)\n"
        "             ^\n"
        "expected a value"
    )


def test_rendered_unclosed_parenthesis():
    assert _rendered("Warmup(500) >> Cosine(0.1, 0.0, 10000") == (
        "lrspec: '(' was never closed at column 21\n"
        "  Warmup(500) >> Cosine(0.1, 0.0, 10000\n"
        "                       ^\n"
        "add ')' at the end"
    )


def test_rendered_multiline():
    assert _rendered("Warmup(500)\n  >> Cosine(0.1,\n            0.0,, 10000)") == (
        "lrspec: unexpected ',' at line 3, column 16\n"
        "              0.0,, 10000)\n"
        "                  ^\n"
        "expected a value"
    )


def test_rendered_keyword_before_positional():
    assert _rendered("Cosine(initial=0.1, 0.0, 10000)") == (
        "lrspec: positional argument follows keyword argument at column 20\n"
        "  Cosine(initial=0.1, 0.0, 10000)\n"
        "                      ^^^\n"
        "put positional arguments first, or name this one too"
    )


def test_rendered_unterminated_string():
    assert _rendered("Cyclic(0.1, 1, 10, mode='triangular)") == (
        "lrspec: unterminated string at column 24\n"
        "  Cyclic(0.1, 1, 10, mode='triangular)\n"
        "                          ^^^^^^^^^^^^\n"
        "close it with '"
    )


def test_rendered_overflow():
    assert _rendered("Constant(1e999)") == (
        "lrspec: number 1e999 is too large for a float at column 9\n"
        "  Constant(1e999)\n"
        "           ^^^^^\n"
        "the largest float is about 1.8e308"
    )


def test_rendered_deep_nesting_shows_a_window():
    assert _rendered("(" * 10000 + "1" + ")" * 10000) == (
        "lrspec: nesting is deeper than 100 levels at column 100\n"
        "  ..." + "(" * 121 + "...\n"
        "  " + " " * 63 + "^\n"
        "raise Limits.max_depth if this spec is really meant"
    )


def test_rendered_unexpected_end():
    assert _rendered("Warmup(500) >>") == (
        "lrspec: unexpected end of input at column 14\n"
        "  Warmup(500) >>\n"
        "                ^\n"
        "expected a value"
    )


def test_rendering_of_the_language_example():
    # The message of LANGUAGE.md section 8, built by hand (the evaluator raises it).
    text = "Warmup(500) >> Cosin(0.1, 0.0, 10000)"
    error = lrspec.UnknownNameError(
        "unknown schedule 'Cosin'", span=(15, 20), text=text, hint="did you mean 'Cosine'?"
    )
    assert str(error) == (
        "lrspec: unknown schedule 'Cosin' at column 15\n"
        "  Warmup(500) >> Cosin(0.1, 0.0, 10000)\n"
        "                 ^^^^^\n"
        "did you mean 'Cosine'?"
    )


def test_tabs_keep_the_carets_aligned():
    assert _rendered("\tCosine(0.1,,1)") == (
        "lrspec: unexpected ',' at column 12\n"
        "  \tCosine(0.1,,1)\n"
        "  \t           ^\n"
        "expected a value"
    )


def test_error_without_text_renders_its_message():
    assert str(LrspecError("something is wrong", hint="fix it")) == (
        "lrspec: something is wrong\nfix it"
    )


def test_errors_pickle():
    with pytest.raises(LrspecError) as caught:
        parse_tree("Cosine(0.1,, 10000)")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is LrspecSyntaxError
    assert str(copy) == str(caught.value)


def test_non_string_input():
    with pytest.raises(LrspecSyntaxError, match="a spec must be a string, not int"):
        parse_tree(5)


# -- limits -------------------------------------------------------------------------------


def test_length_limit_at_and_past():
    text = "Constant(0.1)" + " " * 87
    assert len(text) == 100
    parse_tree(text, limits=Limits(max_length=100))
    with pytest.raises(LimitError, match="spec is 101 characters long; the limit is 100"):
        parse_tree(text + " ", limits=Limits(max_length=100))


# Each wrapper nests `n` times; the number is the largest `n` within a depth limit of 20.
# Brackets count one level each; a tree node counts one level for itself, so the number
# inside a wrapper adds one level of the tree.
@pytest.mark.parametrize(
    ("wrap", "n_at_limit"),
    [
        (lambda inner, n: "(" * n + inner + ")" * n, 20),
        (lambda inner, n: "-" * n + inner, 19),
        (lambda inner, n: "Repeat(" * n + inner + ", 2)" * n, 19),
        (lambda inner, n: "[" * n + inner + "]" * n, 19),
        (lambda inner, n: " + ".join([inner] * (n + 1)), 19),
    ],
    ids=["parentheses", "unary-minus", "calls", "lists", "sum-chain"],
)
def test_depth_limit_at_and_past(wrap, n_at_limit):
    limits = Limits(max_depth=20)
    parse_tree(wrap("1", n_at_limit), limits=limits)
    with pytest.raises(LimitError, match="nesting is deeper than 20 levels"):
        parse_tree(wrap("1", n_at_limit + 1), limits=limits)


def test_default_limits_can_be_changed():
    try:
        lrspec.set_default_limits(Limits(max_length=10))
        with pytest.raises(LimitError):
            parse_tree("Constant(0.1)")
    finally:
        lrspec.set_default_limits(Limits())
    assert parse_tree("Constant(0.1)")
