"""Nothing but LrspecError ever escapes the parser (nor the evaluator): arbitrary text and
mutated valid specs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lrspec
from lrspec import LrspecError, parse_tree, unparse

from conftest import conformance_traces, data_lines

VALID = sorted({*data_lines("language_examples.txt"), *(t["spec"] for t in conformance_traces())})

# Characters that matter to the grammar, so that mutations hit interesting states often.
GRAMMAR_CHARS = "()[],;=.:%+-*/>#'\"\\ \n\t0123456789eE_abcinfptruTF"


def _parse_or_lrspec_error(text: str) -> None:
    try:
        tree = parse_tree(text)
    except LrspecError as error:
        _check_error(error, text)
        return
    # Whatever parses prints back to text that parses to the same tree.
    assert parse_tree(unparse(tree)) == tree
    # And evaluating it (binding sizes for any units) fails only with an LrspecError.
    try:
        schedule = lrspec.parse(text, total_steps=1000, steps_per_epoch=10)
        for t in (0, 1, 10.5, 999, 10**6):
            schedule(t)
    except LrspecError as error:
        _check_error(error, text)


def _check_error(error: LrspecError, text: str) -> None:
    # The error renders, and its position lies within (or just past) the text.
    assert str(error).startswith("lrspec: ")
    if error.span is not None and error.text is not None:
        assert 0 <= error.span[0] <= len(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_text(text):
    _parse_or_lrspec_error(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=GRAMMAR_CHARS, max_size=120))
def test_text_made_of_grammar_characters(text):
    _parse_or_lrspec_error(text)


@st.composite
def mutated_specs(draw):
    text = draw(st.sampled_from(VALID))
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "swap"]))
        if kind == "delete":
            end = draw(st.integers(pos, min(len(text), pos + 5)))
            text = text[:pos] + text[end:]
        elif kind == "insert":
            text = (
                text[:pos]
                + draw(st.text(alphabet=GRAMMAR_CHARS, min_size=1, max_size=3))
                + text[pos:]
            )
        elif kind == "replace" and pos < len(text):
            text = text[:pos] + draw(st.sampled_from(GRAMMAR_CHARS)) + text[pos + 1 :]
        elif kind == "duplicate":
            end = draw(st.integers(pos, min(len(text), pos + 10)))
            text = text[:end] + text[pos:end] + text[end:]
        elif kind == "swap" and pos + 1 < len(text):
            text = text[:pos] + text[pos + 1] + text[pos] + text[pos + 2 :]
    return text


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_specs())
def test_mutated_valid_specs(text):
    _parse_or_lrspec_error(text)
