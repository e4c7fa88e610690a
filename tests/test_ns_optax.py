"""The ``optax.`` namespace: every schedule of ``optax.schedules`` in optax's words, with
optax's values.

The value at step t is ``schedule(t)`` in float64 as optax computes it op by op
(``optax_live.optax_values``: ``jax.vmap`` over int64 steps with x64 on); every comparison with
the real optax is within 1e-12 relative at every step, and exact where optax gives 0.
"""

from __future__ import annotations

import inspect
import json
import math
import warnings
from pathlib import Path

import namespace_checks
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peers import optax_cases, optax_live

import lrspec
from lrspec.compute.math_namespaces import traced_namespace
from lrspec.model.registry import families
from lrspec.model.types import Boolean, Choice, ListOf, Nullable, Real, Steps
from lrspec.syntax.errors import (
    ArgumentError,
    EvaluationError,
    LimitError,
    UnknownNameError,
)

FAMILIES = {name: cls for name, cls in families().items() if name.startswith("optax.")}
N = 12_000
STEPS = np.arange(N + 1)
TRACES = Path(__file__).resolve().parent / "peers" / "traces" / "optax.jsonl"


def rel(got: float, want: float) -> float:
    """The relative error; a value optax gives as exactly 0 must be exactly 0."""
    if got == want:
        return 0.0
    return math.inf if want == 0 or not math.isfinite(want) else abs(got - want) / abs(want)


def worst(got, want) -> float:
    return max(rel(g, w) for g, w in zip(got, want))


# -- the namespace is optax's -----------------------------------------------------------------


def test_every_optax_schedule_has_a_family():
    assert sorted(f"optax.{name}" for name in optax_live.FUNCTIONS) == sorted(FAMILIES)
    import optax

    public = {
        name
        for name, f in vars(optax.schedules).items()
        if inspect.isfunction(f) and (name.endswith(("schedule", "schedules")) or "decay" in name)
    }
    assert public == set(optax_live.FUNCTIONS)
    assert len(FAMILIES) == 14


@pytest.mark.parametrize("name", optax_live.FUNCTIONS)
def test_names_defaults_and_order_are_optax(name):
    import optax

    signature = inspect.signature(getattr(optax.schedules, name))
    theirs = [(p.name, p.default) for p in signature.parameters.values()]
    ours = [
        (p.name, inspect.Parameter.empty if p.required else p.default)
        for p in FAMILIES[f"optax.{name}"].params
    ]
    assert ours == theirs


def test_families_print_in_optax_words():
    for cls in FAMILIES.values():
        assert cls.origin == "optax." and cls.print_keywords and cls.base_rate is None
        written = cls.example.replace("'", '"').replace("True", "true")
        assert str(lrspec.parse(cls.example)) == written


# -- optax's own test cases -------------------------------------------------------------------


def _ids(cases):
    return [case["origin"] for case in cases]


@pytest.mark.parametrize("case", optax_cases.CASES, ids=_ids(optax_cases.CASES))
def test_optax_case(case):
    namespace_checks.check_case_within(case, namespace_checks.case_values(case), rel)


@pytest.mark.parametrize("case", optax_cases.ERROR_CASES, ids=_ids(optax_cases.ERROR_CASES))
def test_optax_error_case(case):
    namespace_checks.check_evaluated_error_case(case, "optax.")


def test_the_case_tables_cover_every_schedule():
    named = {case["spec"].split("(")[0] for case in optax_cases.CASES}
    # optax's tests assert no values of these two (the live comparisons and traces do).
    untested = {"optax.warmup_constant_schedule", "optax.warmup_exponential_decay_schedule"}
    assert named == set(FAMILIES) - untested
    assert (len(optax_cases.CASES), len(optax_cases.ERROR_CASES)) == (55, 25)


def test_error_messages_name_the_cycle():
    with pytest.raises(UnknownNameError) as info:
        lrspec.parse(
            "optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, "
            "'warmup_steps': 10, 'decay_steps': 100, 'alpha': 0.1}])"
        )
    assert info.value.message == (
        "optax.sgdr_schedule: 'cosine_kwargs' cycle 1: 'alpha' is not a parameter of "
        "optax.warmup_cosine_decay_schedule"
    )
    with pytest.raises(ArgumentError) as info:
        lrspec.parse("optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0}])")
    assert info.value.message == (
        "optax.sgdr_schedule: 'cosine_kwargs' cycle 1: is missing 'peak_value'"
    )
    with pytest.raises(ArgumentError) as info:
        lrspec.parse("optax.sgdr_schedule(cosine_kwargs=[{1: 0.0}])")
    assert info.value.message == (
        "optax.sgdr_schedule: 'cosine_kwargs' must have parameter names as keys, got the number 1"
    )
    with pytest.raises(lrspec.CompositionError):
        lrspec.parse(
            "optax.join_schedules(schedules=[optax.constant_schedule(value=0.1), "
            "Plateau(0.1)], boundaries=[10])"
        )


# -- the real optax, over 12,000 steps and past the end ----------------------------------------

LIVE = [
    (function, index)
    for function, argsets in optax_live.ARGSETS.items()
    for index in range(len(argsets))
]


def _call(function: str, index: int):
    return (function, optax_live.ARGSETS[function][index])


@pytest.mark.parametrize(
    ("function", "index"), LIVE, ids=[optax_live.optax_text(_call(f, i)) for f, i in LIVE]
)
def test_the_real_optax(function, index):
    call = _call(function, index)
    want = optax_live.optax_values(call, N)
    s = lrspec.parse(optax_live.optax_text(call))
    got = s(STEPS).tolist()
    assert got == [s(t) for t in range(N + 1)]  # the array path is the scalar path
    assert worst(got, want) <= 1e-12
    far = [20_000, 123_457, 10**6, 10**9, 10**12]
    assert worst(s(far).tolist(), optax_live.optax_values(call, steps=far)) <= 1e-12


@pytest.mark.parametrize(
    ("function", "index"), LIVE, ids=[optax_live.optax_text(_call(f, i)) for f, i in LIVE]
)
def test_under_jax_jit_as_optax_under_jit(function, index):
    import jax

    import lrspec.jax

    call = _call(function, index)
    steps = np.arange(0, N + 1, 7)
    with jax.enable_x64(True):
        got = np.asarray(jax.jit(lrspec.jax.schedule(optax_live.optax_text(call)))(steps))
    # XLA rewrites the arithmetic of a compiled function (constants folded across products,
    # fused multiply-adds), optax's own too: equal within a few roundings of the scale.
    ours = lrspec.parse(optax_live.optax_text(call))(steps)
    scale = np.max(np.abs(ours))
    assert np.max(np.abs(got - ours)) <= 64 * np.finfo(float).eps * scale
    # Compiled optax itself gives nan where a fused 1 - count / k lands below 0 under a
    # power of 0.5 (the end of a polynomial_schedule); elsewhere it is as close.
    compiled = np.asarray(optax_live.optax_values(call, steps=steps, mode="jit"))
    finite = np.isfinite(compiled)
    assert np.max(np.abs(got - compiled)[finite]) <= 64 * np.finfo(float).eps * scale
    if not finite.all():
        assert function == "polynomial_schedule" and call[1]["power"] == 0.5


def test_live_sets_cover_every_schedule():
    assert {f"optax.{f}" for f, _ in LIVE} == set(FAMILIES)
    assert len(LIVE) == 90


def test_growth_overflows_where_optax_does():
    call = (
        "exponential_decay",
        {"init_value": 1.0, "transition_steps": 2, "decay_rate": 2.0, "transition_begin": 5},
    )
    want = optax_live.optax_values(call, 3000)
    first = next(t for t, v in enumerate(want) if not math.isfinite(v))
    s = lrspec.parse(optax_live.optax_text(call))
    assert worst(s(np.arange(first)).tolist(), want[:first]) == 0.0
    with pytest.raises(EvaluationError) as info:
        s(first)
    assert info.value.message == (f"'{s}' overflows to a non-finite value at step {first}")
    with pytest.raises(EvaluationError):
        s(np.arange(first + 1))
    capped = lrspec.parse(str(s)[:-1] + ", end_value=1000.0)")
    assert capped(first) == 1000.0 and capped(10**12) == 1000.0


@pytest.mark.parametrize("key", sorted(optax_live.STRATEGIES))
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_the_real_optax_on_drawn_arguments(key, data):
    call = data.draw(optax_live.STRATEGIES[key])
    n = 3000
    s = lrspec.parse(optax_live.optax_text(call))
    assert worst(s(np.arange(n + 1)).tolist(), optax_live.optax_values(call, n)) <= 1e-12


@pytest.mark.parametrize("key", sorted(optax_live.QUIRK_STRATEGIES))
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_what_optax_accepts_without_meaning_it(key, data):
    call = data.draw(optax_live.QUIRK_STRATEGIES[key])
    n = 3000
    s = lrspec.parse(optax_live.optax_text(call))
    assert worst(s(np.arange(n + 1)).tolist(), optax_live.optax_values(call, n)) <= 1e-12


# -- traces recorded from optax -----------------------------------------------------------------


def _traces() -> list[dict]:
    lines = [json.loads(line) for line in TRACES.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 25
    return lines


@pytest.mark.parametrize("trace", _traces(), ids=lambda trace: trace["id"])
def test_recorded_trace(trace):
    assert trace["source"].startswith("optax 0.2.8 (jax 0.10.2, float64")
    assert trace["steps"][-1] == N and len(trace["steps"]) > 1900
    s = lrspec.parse(trace["spec"])
    assert worst(s(np.asarray(trace["steps"])).tolist(), trace["lr"]) <= 1e-12


def test_traces_cover_every_schedule():
    assert {trace["spec"].split("(")[0] for trace in _traces()} == set(FAMILIES)


# -- what optax does that lrspec's own families do not -----------------------------------------


def test_join_zips_its_lists_and_takes_the_last_boundary_passed():
    one, two, three = (f"optax.constant_schedule(value={v})" for v in (1.0, 2.0, 3.0))
    unsorted = lrspec.parse(
        f"optax.join_schedules(schedules=[{one}, {two}, {three}], boundaries=[6, 3])"
    )
    assert [unsorted(t) for t in (0, 2, 3, 5, 6, 100)] == [1.0, 1.0, 3.0, 3.0, 3.0, 3.0]
    surplus = lrspec.parse(
        f"optax.join_schedules(schedules=[{one}, {two}, {three}], boundaries=[6])"
    )
    assert [surplus(t) for t in (0, 5, 6, 10**9)] == [1.0, 1.0, 2.0, 2.0]
    only = lrspec.parse(f"optax.join_schedules(schedules=[{one}], boundaries=[5, 6])")
    assert only == lrspec.parse(str(only)) and only(7) == 1.0


def test_the_steps_a_joined_schedule_sees_start_at_its_boundary():
    s = lrspec.parse(
        "optax.join_schedules(schedules=[optax.constant_schedule(value=0.5), "
        "Linear(0.0, 1.0, 10)], boundaries=[100])"
    )
    assert [s(t) for t in (99, 100, 105, 110, 10**6)] == [0.5, 0.0, 0.5, 1.0, 1.0]
    assert s.length == 110
    seq = lrspec.parse(f"{s} >> Constant(0.01)")
    assert seq(110) == 0.01


def test_int_and_float_exponents_stay_apart():
    three = lrspec.parse(
        "optax.polynomial_schedule(init_value=0.3, end_value=0.0, power=3, transition_steps=1000)"
    )
    float_three = lrspec.parse(str(three).replace("power=3", "power=3.0"))
    assert str(three).endswith("power=3, transition_steps=1000)") and three != float_three
    for s, power in ((three, 3), (float_three, 3.0)):
        call = (
            "polynomial_schedule",
            {"init_value": 0.3, "end_value": 0.0, "power": power, "transition_steps": 1000},
        )
        assert worst(s(np.arange(1001)).tolist(), optax_live.optax_values(call, 1000)) == 0.0
    differ = sum(a != b for a, b in zip(three(np.arange(1001)), float_three(np.arange(1001))))
    assert differ > 0  # x * (x * x) is not always the correctly rounded pow


def test_negative_values_are_optax_values():
    s = lrspec.parse(
        "optax.piecewise_constant_schedule(init_value=-0.1, boundaries_and_scales={-10: 0.5, "
        "2.5: 0.3})"
    )
    assert [s(t) for t in (0, 2, 3)] == [-0.1 * 0.5, -0.1 * 0.5, -0.1 * 0.5 * 0.3]
    assert lrspec.parse("optax.constant_schedule(value=-0.5)")(7) == -0.5


def test_step_counts_take_units():
    s = lrspec.parse(
        "optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=5%, "
        "decay_steps=100%)",
        total_steps=2000,
    )
    same = lrspec.parse(
        "optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=0.1, warmup_steps=100, "
        "decay_steps=2000)"
    )
    assert s(STEPS).tolist() == same(STEPS).tolist() and s.length == 2000
    joined = lrspec.parse(
        "optax.join_schedules(schedules=[optax.constant_schedule(value=1.0), "
        "optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, "
        "'warmup_steps': 1ep, 'decay_steps': 10%}])], boundaries=[2ep])",
        total_steps=1000,
        steps_per_epoch=10,
    )
    assert joined.length == 120 and joined(19) == 1.0 and joined(20) == 0.0
    assert joined(30) == 0.1


def test_meanings_in_core_lrspec():
    cases = {
        "optax.constant_schedule(value=0.1)": "0.1",
        "optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={-5: 0.5, "
        "30: 0.5, 60: 0.1})": f"PiecewiseConstant([30, 60], [0.05, 0.025, {0.1 * 0.5 * 0.5 * 0.1}])",
        "optax.piecewise_constant_schedule(init_value=0.1)": "Constant(0.1)",
    }
    for text, core in cases.items():
        s = lrspec.parse(text)
        assert s.resolved().meaning().text() == core
        assert s(STEPS).tolist() == lrspec.parse(core)(STEPS).tolist()
    negative = lrspec.parse("optax.piecewise_constant_schedule(init_value=-0.1)")
    assert negative.resolved().meaning() is None  # lrspec's rates are >= 0


# -- ranges -----------------------------------------------------------------------------------

A, U, L = ArgumentError, UnknownNameError, LimitError
VALUE = (("inf", A, "must be finite, got inf"), ("-inf", A, "must be finite, got -inf"))
SIGNED = (
    ("9007199254740993", L, "must be within 2**53 steps of 0, got 9007199254740993"),
    ("-9007199254740993", L, "must be within 2**53 steps of 0, got -9007199254740993"),
)
POSITIVE_STEPS = (
    ("0", A, "must be > 0, got 0"),
    ("9007199254740993", L, "must be at most 2**53 steps, got 9007199254740993"),
)
EXPONENT = (
    ("-1", A, "must be in [0, 1e+06], got -1.0"),
    ("1000001", A, "must be in [0, 1e+06], got 1000001.0"),
)
RATE_OF_DECAY = (("-0.5", A, "must be >= 0, got -0.5"),)
STAIRCASE = (("1", A, "must be true or false, got the number 1"),)
PCT = (
    ("-1000001", A, "must be in [-1e+06, 1e+06], got -1000001.0"),
    ("1000001", A, "must be in [-1e+06, 1e+06], got 1000001.0"),
)
DIV = (
    ("0", A, "must be > 0, got 0.0"),
    ("2e300", A, "must be <= 1e+300, got 2e+300"),
)

RANGES = {
    "optax.constant_schedule": ({"value": "0.1"}, {"value": VALUE}),
    "optax.polynomial_schedule": (
        {
            "init_value": "0.1",
            "end_value": "0.001",
            "power": "2",
            "transition_steps": "100",
            "transition_begin": "10",
        },
        {
            "init_value": VALUE,
            "end_value": VALUE,
            "power": EXPONENT,
            "transition_steps": SIGNED,
            "transition_begin": SIGNED,
        },
    ),
    "optax.linear_schedule": (
        {"init_value": "0.1", "end_value": "0.001", "transition_steps": "100", "transition_begin": "10"},
        {"init_value": VALUE, "end_value": VALUE, "transition_steps": SIGNED, "transition_begin": SIGNED},
    ),
    "optax.piecewise_constant_schedule": (
        {"init_value": "0.1", "boundaries_and_scales": "{10: 0.5}"},
        {"init_value": VALUE},
    ),
    "optax.exponential_decay": (
        {
            "init_value": "0.1",
            "transition_steps": "100",
            "decay_rate": "0.5",
            "transition_begin": "10",
            "staircase": "True",
            "end_value": "0.001",
        },
        {
            "init_value": VALUE,
            "transition_steps": SIGNED,
            "decay_rate": RATE_OF_DECAY,
            "transition_begin": SIGNED,
            "staircase": STAIRCASE,
            "end_value": VALUE,
        },
    ),
    "optax.cosine_decay_schedule": (
        {"init_value": "0.1", "decay_steps": "100", "alpha": "0.1", "exponent": "2.0"},
        {"init_value": VALUE, "decay_steps": POSITIVE_STEPS, "alpha": VALUE, "exponent": EXPONENT},
    ),
    "optax.piecewise_interpolate_schedule": (
        {"interpolate_type": "'cosine'", "init_value": "0.1", "boundaries_and_scales": "{10: 0.5}"},
        {
            "interpolate_type": (("'linar'", U, "must be one of linear, cosine, got 'linar'"),),
            "init_value": VALUE,
        },
    ),
    "optax.linear_onecycle_schedule": (
        {
            "transition_steps": "100",
            "peak_value": "0.1",
            "pct_start": "0.3",
            "pct_final": "0.85",
            "div_factor": "25.0",
            "final_div_factor": "10000.0",
        },
        {
            "transition_steps": POSITIVE_STEPS,
            "peak_value": VALUE,
            "pct_start": PCT,
            "pct_final": PCT,
            "div_factor": DIV,
            "final_div_factor": DIV,
        },
    ),
    "optax.cosine_onecycle_schedule": (
        {
            "transition_steps": "100",
            "peak_value": "0.1",
            "pct_start": "0.3",
            "div_factor": "25.0",
            "final_div_factor": "10000.0",
        },
        {
            "transition_steps": POSITIVE_STEPS,
            "peak_value": VALUE,
            "pct_start": PCT,
            "div_factor": DIV,
            "final_div_factor": DIV,
        },
    ),
    "optax.warmup_constant_schedule": (
        {"init_value": "0.0", "peak_value": "0.1", "warmup_steps": "10"},
        {"init_value": VALUE, "peak_value": VALUE, "warmup_steps": SIGNED},
    ),
    "optax.warmup_cosine_decay_schedule": (
        {
            "init_value": "0.0",
            "peak_value": "0.1",
            "warmup_steps": "10",
            "decay_steps": "100",
            "end_value": "0.001",
            "exponent": "1.0",
        },
        {
            "init_value": VALUE,
            "peak_value": VALUE,
            "warmup_steps": SIGNED,
            "decay_steps": SIGNED,
            "end_value": VALUE,
            "exponent": EXPONENT,
        },
    ),
    "optax.warmup_exponential_decay_schedule": (
        {
            "init_value": "0.0",
            "peak_value": "0.1",
            "warmup_steps": "10",
            "transition_steps": "100",
            "decay_rate": "0.5",
            "transition_begin": "10",
            "staircase": "False",
            "end_value": "0.001",
        },
        {
            "init_value": VALUE,
            "peak_value": VALUE,
            "warmup_steps": SIGNED,
            "transition_steps": SIGNED,
            "decay_rate": RATE_OF_DECAY,
            "transition_begin": SIGNED,
            "staircase": STAIRCASE,
            "end_value": VALUE,
        },
    ),
    "optax.sgdr_schedule": (
        {"cosine_kwargs": "[{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 1, 'decay_steps': 9}]"},
        {},
    ),
    "optax.join_schedules": (
        {"schedules": "[optax.constant_schedule(value=0.1), Constant(0.2)]", "boundaries": "[10]"},
        {
            "boundaries": (
                ("[9007199254740993]", L, "must be within 2**53 steps of 0, got 9007199254740993"),
                ("[-9007199254740993]", L, "must be within 2**53 steps of 0, got -9007199254740993"),
            )
        },
    ),
}  # fmt: skip


def _call_with(family: str, param: str = "", bad: str = "") -> tuple[str, int | None]:
    return namespace_checks.call_with(RANGES, family, param, bad)


@pytest.mark.parametrize("family", list(RANGES))
def test_valid_arguments_parse(family):
    namespace_checks.check_valid_call(_call_with(family)[0])


@pytest.mark.parametrize(
    ("family", "param", "bad", "error", "tail"), list(namespace_checks.range_cases(RANGES))
)
def test_out_of_range_is_rejected(family, param, bad, error, tail):
    text, offset = _call_with(family, param, bad)
    namespace_checks.check_rejected(text, offset, family, param, bad, error, tail)


def test_range_table_covers_every_ranged_parameter():
    # also the items of a list: boundaries' steps
    namespace_checks.check_table_covers_every_ranged_parameter(
        RANGES, FAMILIES, 52, unwrap=(Nullable, ListOf)
    )


@pytest.mark.parametrize(
    ("family", "param"),
    sorted((family, param) for family, (_, bad) in RANGES.items() for param in bad),
)
def test_range_table_reaches_every_declared_bound(family, param):
    """Each bad value sits just outside a bound the parameter really declares."""
    declared = next(p.type for p in FAMILIES[family].params if p.name == param)
    ptype = namespace_checks.ranged(declared, unwrap=(Nullable, ListOf))
    texts = [text.strip("[]") for text, _, _ in RANGES[family][1][param]]
    if isinstance(ptype, Choice):
        assert all(t.strip("'") not in ptype.options for t in texts)
        return
    if isinstance(ptype, Boolean):
        assert any(t.isdigit() for t in texts)
        return
    values = [int(t) if t.lstrip("-").isdigit() else float(t) for t in texts]
    if type(ptype) is Steps:
        namespace_checks.check_steps_bound(ptype, values)
    elif isinstance(ptype, Steps):  # any sign: as far below 0 as above
        assert any(v > 2**53 for v in values) and any(v < -(2**53) for v in values)
    elif ptype.lo is None and ptype.hi is None:
        assert math.inf in values and -math.inf in values
    else:
        namespace_checks.check_bounds(ptype, values, lo_optional=False)


@pytest.mark.parametrize(
    ("mapping", "error", "tail"),
    [
        ("{10: -0.5}", A, "must be >= 0, got -0.5"),
        ("{10: inf}", A, "must be finite, got inf"),
        ("{9007199254740993: 0.5}", L, "must be within 2**53 steps of 0, got 9007199254740993"),
        ("{'a': 0.5}", A, "must be a step count, got the string 'a'"),
        ("[10, 0.5]", A, "must be a mapping {key: value, ...}, got a list"),
    ],
)
@pytest.mark.parametrize(
    "family", ["optax.piecewise_constant_schedule", "optax.piecewise_interpolate_schedule"]
)
def test_boundaries_and_scales_are_checked(family, mapping, error, tail):
    text, _ = _call_with(family, "boundaries_and_scales", mapping)
    with pytest.raises(lrspec.LrspecError) as info:
        lrspec.parse(text)
    assert type(info.value) is error
    assert info.value.message == f"{family}: 'boundaries_and_scales' {tail}"


def test_values_that_overflow_a_float_are_refused():
    with pytest.raises(ArgumentError) as info:
        lrspec.parse(
            "optax.piecewise_constant_schedule(init_value=1e300, boundaries_and_scales={10: 1e10})"
        )
    assert info.value.message == (
        "optax.piecewise_constant_schedule: 'boundaries_and_scales' makes the rates too "
        "large for a float"
    )
    with pytest.raises(ArgumentError) as info:
        lrspec.parse(
            "optax.linear_schedule(init_value=1.7e308, end_value=-1.7e308, transition_steps=10)"
        )
    assert info.value.message == (
        "optax.linear_schedule: 'init_value' makes the rates too large for a float"
    )


# -- round trips, paths and extremes ------------------------------------------------------------

ROUND = [optax_live.optax_text(_call(f, i)) for f, i in LIVE] + [
    "optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={5%: 0.5, "
    "-3: 2.0, 2.5: 0.3})",
    "optax.exponential_decay(init_value=0.1, transition_steps=1ep, decay_rate=0.5, "
    "end_value=None, staircase=true)",
    "optax.sgdr_schedule(cosine_kwargs=[{'init_value': 0.0, 'peak_value': 0.1, "
    "'warmup_steps': 1%, 'decay_steps': 1ep, 'exponent': 2}])",
    "optax.join_schedules(schedules=[optax.linear_schedule(init_value=0.0, end_value=0.1, "
    "transition_steps=100), Cosine(0.1, 0.0, 900) * 0.5], boundaries=[100])",
]


def _parse(text: str):
    return lrspec.parse(text, total_steps=1000, steps_per_epoch=50)


@pytest.mark.parametrize("text", ROUND)
def test_round_trips(text):
    s = _parse(text)
    namespace_checks.check_round_trip(s, parse=_parse, steps=STEPS, dict_values=True, pickles=True)


def test_mappings_in_the_dict_form():
    s = lrspec.parse(ROUND[-4], total_steps=1000)
    assert s.to_dict()["args"]["boundaries_and_scales"] == {"5%": 0.5, "-3": 2.0, "2.5": 0.3}
    sgdr = lrspec.parse(ROUND[-2], total_steps=1000, steps_per_epoch=50)
    assert sgdr.to_dict()["args"]["cosine_kwargs"] == [
        {
            "init_value": 0.0,
            "peak_value": 0.1,
            "warmup_steps": "1%",
            "decay_steps": "1ep",
            "exponent": 2,
        }
    ]


@pytest.mark.parametrize("text", ROUND)
def test_array_is_scalar_bit_for_bit_at_any_step(text):
    s = _parse(text)
    namespace_checks.check_array_is_scalar(s, seed=13)


@pytest.mark.parametrize("text", ROUND)
def test_traced_path_is_the_scalar_path(text):
    s = _parse(text)
    with np.errstate(all="ignore"):  # the traced form computes every piece at every step
        traced = s.traced(traced_namespace(np))(STEPS.astype(float))
    scalar = [s(t) for t in range(N + 1)]
    # NumPy's power (the traced form's) may differ from the C library's in the last bit.
    assert all(
        abs(a - b) <= 1e-14 * abs(b) + 1e-300 or rel(a, b) <= 1e-14 for a, b in zip(traced, scalar)
    )


def _edges(ptype):
    if isinstance(ptype, Nullable):
        return st.one_of(st.just("None"), _edges(ptype.item))
    if isinstance(ptype, Real):
        lo = -1e300 if ptype.lo is None else ptype.lo
        hi = 1e300 if ptype.hi is None else min(ptype.hi, 1e300)
        extra = (0.0, 0.5, 1.0, -1.0, 1e-300, 1e-8, 2.0)
        return namespace_checks.real_edges(ptype, extra, lo=lo, hi=hi)
    if isinstance(ptype, Steps):
        return namespace_checks.steps_edges(ptype, low=-(2**53))
    if isinstance(ptype, Boolean):
        return st.sampled_from(["true", "false"])
    if isinstance(ptype, Choice):
        return st.sampled_from(ptype.options).map(repr)
    if isinstance(ptype, ListOf) and isinstance(ptype.item, Steps):
        return st.lists(_edges(ptype.item), max_size=3).map(lambda xs: f"[{', '.join(xs)}]")
    if isinstance(ptype, ListOf) and ptype.holds_schedules:
        member = st.sampled_from(
            [
                "optax.constant_schedule(value=1e300)",
                "optax.linear_schedule(init_value=-1e300, end_value=1e300, transition_steps=1e-06)",
                "optax.cosine_decay_schedule(init_value=1e300, decay_steps=9007199254740992)",
            ]
        )
        return st.lists(member, min_size=1, max_size=3).map(lambda xs: f"[{', '.join(xs)}]")
    if isinstance(ptype, ListOf):  # sgdr's cycles
        cycle = st.tuples(_edges(Real()), _edges(Steps()), _edges(Steps())).map(
            lambda v: (
                f"{{'init_value': {v[0]}, 'peak_value': 1e300, 'warmup_steps': {v[1]}, "
                f"'decay_steps': {v[2]}}}"
            )
        )
        return st.lists(cycle, min_size=1, max_size=3).map(lambda xs: f"[{', '.join(xs)}]")
    steps = st.sampled_from(["-9007199254740992", "0", "1e-06", "0.5", "9007199254740992"])
    scale = st.sampled_from(["0.0", "1e-300", "0.5", "1e300"])
    return st.lists(st.tuples(steps, scale), max_size=4, unique_by=lambda kv: kv[0]).map(
        lambda kvs: "{" + ", ".join(f"{k}: {v}" for k, v in kvs) + "}"
    )


SWEEP = namespace_checks.SWEEP
# The families whose values optax lets grow past any float (a decay_rate above 1).
GROWING = {
    "optax.exponential_decay",
    "optax.warmup_exponential_decay_schedule",
    "optax.join_schedules",
}


@pytest.mark.parametrize("name", sorted(FAMILIES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_values_are_finite_at_every_step(name, data):
    text = data.draw(namespace_checks.extreme_call(FAMILIES[name], lambda p: _edges(p.type)))
    try:
        s = lrspec.parse(text)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no NumPy warning may leak
            values = s(SWEEP)
    except (ArgumentError, UnknownNameError):
        return  # parameters that contradict each other (a check between them said so)
    except LimitError as error:  # a boundary past 2**53 steps
        assert "the limit is 2**53" in error.message, error.message
        return
    except EvaluationError as error:
        assert name in GROWING and "overflows to a non-finite value" in error.message, text
        return
    namespace_checks.check_sweep(text, values, lambda: [s(float(t)) for t in SWEEP])
