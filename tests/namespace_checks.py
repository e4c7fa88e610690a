"""The checks the namespace suites (tests/test_ns_*.py) share.

Each suite keeps its own tables (RANGES: family -> (valid arguments, bad values per parameter),
its live calls, its families) and passes them here; these are plain functions and strategies,
no tests, so pytest collects nothing from this module.
"""

from __future__ import annotations

import json
import math
import pickle
import warnings

import numpy as np
import pytest
from hypothesis import strategies as st

import lrspec
from lrspec.model.types import Boolean, Choice, Integer, Nullable, Real, Steps

# The steps the values-are-finite properties evaluate each drawn call at.
SWEEP = np.unique(np.concatenate([[0.0, 0.5, 1.0, 2.0, 3.0, 7.0, 1e15], np.logspace(-3, 15, 181)]))

# -- the range tables -----------------------------------------------------------------------------


def range_cases(ranges: dict):
    """One pytest case per bad value of a range table, named family.param=value."""
    for family, (_, bad) in ranges.items():
        for param, cases in bad.items():
            for text, error, tail in cases:
                yield pytest.param(family, param, text, error, tail, id=f"{family}.{param}={text}")


def call_with(
    ranges: dict, family: str, param: str | None = None, bad: str = "", leave_out: str = ""
) -> tuple[str, int | None]:
    """The family's call with its table's valid arguments, by name, param's replaced by bad
    (and leave_out left out); and where bad starts in the text."""
    valid, _ = ranges[family]
    text, offset = f"{family}(", None
    for name, value in valid.items():
        if name == leave_out:
            continue
        text += ("" if text.endswith("(") else ", ") + f"{name}="
        if name == param:
            offset, value = len(text), bad
        text += value
    return text + ")", offset


def check_valid_call(text: str, steps=None, *, unless_stateful: bool = False) -> None:
    """The call parses, its first value is finite and its text parses back to it; given steps
    (unless it is stateful and unless_stateful), its array values are its scalar ones."""
    s = lrspec.parse(text)
    assert math.isfinite(s(0)) and lrspec.parse(str(s)) == s
    if steps is not None and not (unless_stateful and s.stateful):
        assert s(steps).tolist() == [s(t) for t in steps.tolist()]


def check_rejected(
    text: str, offset: int, family: str, param: str, bad: str, error, tail: str, *, span=False
) -> None:
    """Parsing text raises exactly error with the message "family: 'param' tail", pointing into
    bad (its column inside bad, or with span its whole span bad's)."""
    with pytest.raises(lrspec.LrspecError) as info:
        lrspec.parse(text)
    assert type(info.value) is error
    assert info.value.message == f"{family}: '{param}' {tail}"
    if span:
        assert info.value.span == (offset, offset + len(bad)), text
    else:
        assert offset <= info.value.column < offset + len(bad), text


def check_table_covers_every_parameter(ranges: dict, families: dict) -> None:
    """The table has every family, its valid call names every parameter in order, and every
    parameter has bad values."""
    assert sorted(ranges) == sorted(families)
    for family, (valid, bad) in ranges.items():
        names = [p.name for p in families[family].params]
        assert list(valid) == names and sorted(bad) == sorted(names), family


def ranged(ptype, unwrap=(Nullable,)):
    """The type with a range under the wrappers unwrap names (None for a type without one)."""
    while isinstance(ptype, unwrap):
        ptype = ptype.item
    return ptype if isinstance(ptype, (Real, Integer, Steps, Choice, Boolean)) else None


def check_table_covers_every_ranged_parameter(
    ranges: dict, families: dict, count: int, unwrap=(Nullable,)
) -> None:
    """The table has every family, bad values for exactly the count parameters with a range,
    and its valid calls name every parameter in order."""
    assert sorted(ranges) == sorted(families)
    declared = {
        (family, p.name)
        for family, cls in families.items()
        for p in cls.params
        if ranged(p.type, unwrap) is not None
    }
    table = {(family, param) for family, (_, bad) in ranges.items() for param in bad}
    assert declared == table and len(declared) == count
    for family, (valid, _) in ranges.items():
        assert list(valid) == [p.name for p in families[family].params]


def number(text: str):
    """The int or float a number's text reads as."""
    try:
        return int(text)
    except ValueError:
        return float(text)


def items(texts) -> list[str]:
    """The bad values, list items one by one (``[-1, 100]`` gives -1 and 100)."""
    out = []
    for text in texts:
        out.extend(t.strip() for t in text.strip("[]").split(",")) if text.startswith("[") else (
            out.append(text)
        )
    return out


def numbers(texts, *, exponents: bool = True) -> list:
    """The texts that are numbers, as numbers (with exponents: 1e301 too)."""
    if exponents:
        return [
            number(t) for t in texts if t.lstrip("-").replace(".", "").replace("e", "").isdigit()
        ]
    return [number(t) for t in texts if t.lstrip("-").replace(".", "").isdigit()]


def check_boolean_bound(texts) -> None:
    """A boolean's bad values include a number."""
    assert any(t.replace(".", "").isdigit() for t in texts)


def check_steps_bound(ptype, values) -> None:
    """A step count's bad values include one below its lowest and one past 2**53."""
    assert any(v <= 0 if ptype.positive else v < 0 for v in values)
    assert any(v > 2**53 for v in values)


def check_bounds(ptype, values, *, lo_optional: bool = True, hi_optional: bool = True) -> None:
    """The bad values include one outside each bound the type declares (a bound that is not
    optional must be declared)."""
    lo_open, hi_open = getattr(ptype, "lo_open", False), getattr(ptype, "hi_open", False)
    if ptype.lo is not None or not lo_optional:
        assert any(v < ptype.lo or (lo_open and v == ptype.lo) for v in values)
    if ptype.hi is not None or not hi_optional:
        assert any(v > ptype.hi or (hi_open and v == ptype.hi) for v in values)


def check_fraction(values) -> None:
    """A whole number's bad values include a fraction."""
    assert any(isinstance(v, float) and not v.is_integer() for v in values)


# -- round trips, paths and extremes --------------------------------------------------------------


def check_round_trip(
    s, *, parse=lrspec.parse, steps=None, dict_values: bool = False, pickles: bool = False
):
    """s's text, its dict through JSON (and with pickles its pickle) and its repr give s back;
    with steps, its text's schedule (and with dict_values its dict's) has s's values there.
    Returns the schedule its text parses to."""
    again = parse(str(s))
    assert again == s and str(again) == str(s) and hash(again) == hash(s)
    as_json = json.loads(json.dumps(s.to_dict()))
    assert lrspec.from_dict(as_json) == s
    if pickles:
        assert pickle.loads(pickle.dumps(s)) == s
    assert eval(repr(s), {"lrspec": lrspec}) == s
    if steps is not None:
        values = s(steps).tolist()
        assert again(steps).tolist() == values
        if dict_values:
            assert lrspec.from_dict(as_json)(steps).tolist() == values
    return again


def check_array_is_scalar(s, *, seed: int, uniform: int = 3000, whole: int = 5000) -> None:
    """The array path gives the scalar path's values bit for bit, at uniform random steps up to
    30000 and at 0..whole-1 shuffled."""
    rng = np.random.default_rng(seed)
    steps = np.concatenate([rng.uniform(0, 30_000, uniform), rng.permutation(whole).astype(float)])
    assert s(steps).tolist() == [s(float(t)) for t in steps]


def real_edges(ptype, extra, lo=None, hi=None):
    """A Real's bounds (lo and hi when given: for an open-ended one), the floats next to them,
    and extra: those inside its range, as text."""
    lo = ptype.lo if lo is None else lo
    hi = min(ptype.hi, 1e300) if hi is None else hi
    values = [lo, hi, math.nextafter(lo, math.inf), math.nextafter(hi, -math.inf), *extra]
    inside = [
        v
        for v in values
        if (lo < v or (v == lo and not ptype.lo_open))
        and (v < hi or (v == hi and not ptype.hi_open))
    ]
    return st.sampled_from(inside).map(repr)


def steps_edges(ptype, low: float = 0):
    """A step count's extremes as text (low: the lowest for one that may be 0 or less)."""
    low = 1e-6 if ptype.positive else low
    return st.sampled_from([low, 1, 3, 0.5, 1e6, 2**53, 1e15]).map(str)


@st.composite
def extreme_call(draw, cls, edges, skip=()):
    """A call of cls with its required parameters and some others (not those in skip), each
    drawn from edges(param)."""
    args = []
    for p in cls.params:
        if p.name in skip:
            continue
        if p.required or draw(st.booleans()):
            args.append(f"{p.name}={draw(edges(p))}")
    return f"{cls.name}({', '.join(args)})"


def sweep(s) -> tuple:
    """s's values at SWEEP by its array path and by its scalar path, no warning let through."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return s(SWEEP), [s(float(t)) for t in SWEEP]


def check_sweep(text: str, values, scalars, points=SWEEP) -> None:
    """The values at points are finite and are the scalar path's (scalars: a list, or a function
    giving it, called once the values are known finite)."""
    assert np.isfinite(values).all(), (text, points[~np.isfinite(values)])
    assert values.tolist() == (scalars() if callable(scalars) else scalars), text


# -- the libraries' own test cases ----------------------------------------------------------------


def numbered_case_ids(cases) -> list[str]:
    """Each case's number and the name of the library's test it comes from."""
    return [f"{k}:{case['origin'].split('::', 1)[-1]}" for k, case in enumerate(cases)]


def case_values(case) -> list[float]:
    """The case's schedule's values at its steps (its array path gives the same)."""
    s = lrspec.parse(case["spec"])
    got = [s(t) for t in case["steps"]]
    assert s(np.asarray(case["steps"])).tolist() == got
    return got


def check_case_within(case, got, rel) -> None:
    """got are the case's rates: within its own atol and rtol when it has them (its data is
    rounded), else to rel 1e-12."""
    for t, value, want in zip(case["steps"], got, case["lrs"]):
        if case["atol"] or case["rtol"]:
            assert abs(value - want) <= case["atol"] + case["rtol"] * abs(want), (t, value)
        else:
            assert rel(value, want) <= 1e-12, (t, value, want)


def check_error_case(case) -> None:
    """The case's text is refused with its error, a message "family: 'param' ..."."""
    with pytest.raises(lrspec.LrspecError) as info:
        lrspec.parse(case["spec"])
    assert type(info.value).__name__ == case["error"]
    family = case["spec"].split("(")[0]
    assert info.value.message.startswith(f"{family}: '{case['param']}' ")


def check_evaluated_error_case(case, prefix: str) -> None:
    """The case's text, parsed and evaluated at step 0, raises its error, with a message that
    starts with prefix and names its parameter."""
    with pytest.raises(lrspec.LrspecError) as info:
        lrspec.parse(case["spec"])(0)
    assert type(info.value).__name__ == case["error"]
    assert f"'{case['param']}'" in info.value.message
    assert info.value.message.startswith(prefix)
