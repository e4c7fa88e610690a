"""The ``keras.`` namespace: every schedule of ``keras.optimizers.schedules`` in Keras's words,
with Keras's values.

Keras computes in float32; lrspec computes Keras's formula in float64. So every comparison is
made twice: with the real Keras within float32 rounding (``keras_live.keras_tolerance``; the
steps where compiled float32 Keras lands in another stair or cycle, ``keras_live.
keras_boundary``, are left out of that one) and with the float64 transcription of Keras's
formula (``keras_live.keras_formula``) to 1e-12 relative, at every step.
"""

from __future__ import annotations

import inspect
import json
import math
import os

import namespace_checks
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peers import keras_cases, keras_live

import lrspec
from lrspec.compute.math_namespaces import traced_namespace
from lrspec.model.registry import families
from lrspec.model.types import Boolean, Integer, ListOf, Nullable, Real, Steps
from lrspec.syntax.errors import ArgumentError, LimitError, UnknownNameError

from conftest import ROOT

os.environ.setdefault("KERAS_BACKEND", "jax")

FAMILIES = {name: cls for name, cls in families().items() if name.startswith("keras.")}
N = 12_000
STEPS = np.arange(N + 1)
# Past the end of every schedule below (and of the 12,000 steps).
FAR = [15_000, 123_457, 10**6, 10**9, 10**12]


def _rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b) if b else abs(a - b)


def _spec(name: str, kw: dict, positional: int = 0) -> str:
    return keras_live.keras_text(name, kw, positional)


# -- the namespace is Keras's ----------------------------------------------------------------


def _keras_classes() -> dict:
    from keras.optimizers import schedules

    base = schedules.LearningRateSchedule
    return {
        name: cls
        for name, cls in vars(schedules).items()
        if isinstance(cls, type) and issubclass(cls, base) and cls is not base
    }


def test_every_keras_schedule_has_a_family():
    assert sorted(f"keras.{name}" for name in _keras_classes()) == sorted(FAMILIES)
    assert len(FAMILIES) == 6


@pytest.mark.parametrize("name", keras_live.NAMES)
def test_names_defaults_and_order_are_keras(name):
    signature = inspect.signature(_keras_classes()[name].__init__)
    theirs = [(p.name, p.default) for p in list(signature.parameters.values())[1:]]
    ours = [
        (p.name, inspect.Parameter.empty if p.required else p.default)
        for p in FAMILIES[f"keras.{name}"].params
    ]
    assert ours == theirs


def test_families_print_in_keras_words():
    for cls in FAMILIES.values():
        assert cls.origin == "keras." and cls.print_keywords
        assert str(lrspec.parse(cls.example)) == cls.example


# -- Keras's own test cases -------------------------------------------------------------------


_ids = namespace_checks.numbered_case_ids


@pytest.mark.parametrize("case", keras_cases.CASES, ids=_ids(keras_cases.CASES))
def test_keras_case(case):
    assert case["origin"].startswith("keras keras-team/keras/")
    got = namespace_checks.case_values(case)
    for t, value, want in zip(case["steps"], got, case["lrs"]):
        assert _rel(value, want) <= 1e-12, (case["spec"], t, value, want)


@pytest.mark.parametrize("case", keras_cases.ERROR_CASES, ids=_ids(keras_cases.ERROR_CASES))
def test_keras_error_case(case):
    namespace_checks.check_error_case(case)


def test_the_case_tables_cover_every_schedule():
    named = {case["spec"].split("(")[0] for case in keras_cases.CASES}
    assert named == set(FAMILIES)
    assert (len(keras_cases.CASES), len(keras_cases.ERROR_CASES)) == (28, 10)


# -- the real Keras, over 12,000 steps and past the end ------------------------------------------

LIVE = [
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.96}),
    ("ExponentialDecay", {"initial_learning_rate": 0.05, "decay_steps": 1000, "decay_rate": 0.5,
                          "staircase": True}),
    ("ExponentialDecay", {"initial_learning_rate": 1e-3, "decay_steps": 7, "decay_rate": 0.999}),
    ("PiecewiseConstantDecay", {"boundaries": [100, 110, 120],
                                "values": [1.0, 0.1, 0.01, 0.001]}),
    ("PiecewiseConstantDecay", {"boundaries": [1, 2, 3], "values": [0.4, 0.5, 0.6, 0.7]}),
    ("PiecewiseConstantDecay", {"boundaries": [2500, 2500, 7000.5],
                                "values": [0.1, 0.07, 0.03, 0.001]}),
    ("PolynomialDecay", {"initial_learning_rate": 0.05, "decay_steps": 10,
                         "end_learning_rate": 0.001}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 5000, "power": 0.5}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 1000,
                         "end_learning_rate": 0.01, "power": 2.0, "cycle": True}),
    ("PolynomialDecay", {"initial_learning_rate": 0.05, "decay_steps": 10,
                         "end_learning_rate": 0.001, "power": 0.5, "cycle": True}),
    ("PolynomialDecay", {"initial_learning_rate": 0.05, "decay_steps": 300,
                         "end_learning_rate": 0.0, "power": 1.0, "cycle": True}),
    ("PolynomialDecay", {"initial_learning_rate": 0.05, "decay_steps": 300,
                         "end_learning_rate": 0.001, "power": 0.7, "cycle": True}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.96}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 100, "decay_rate": 0.5,
                          "staircase": True}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.3, "decay_steps": 41, "decay_rate": 1.0,
                          "staircase": True}),
    ("CosineDecay", {"initial_learning_rate": 1.0, "decay_steps": 1000}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 5000, "alpha": 0.1}),
    ("CosineDecay", {"initial_learning_rate": 0.0, "decay_steps": 1000, "warmup_target": 10.0,
                     "warmup_steps": 2000}),
    ("CosineDecay", {"initial_learning_rate": 0.01, "decay_steps": 8000, "alpha": 0.05,
                     "warmup_target": 0.3, "warmup_steps": 500}),
    ("CosineDecay", {"initial_learning_rate": 0.01, "decay_steps": 100, "warmup_target": 0.3,
                     "warmup_steps": 0}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 20}),
    ("CosineDecayRestarts", {"initial_learning_rate": 1.0, "first_decay_steps": 1000,
                             "m_mul": 0.9, "alpha": 0.1}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 10,
                             "t_mul": 3.0, "m_mul": 0.8, "alpha": 0.01}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 16,
                             "t_mul": 1.5}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 100,
                             "t_mul": 1.0, "m_mul": 0.5}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 3,
                             "t_mul": 2.0, "alpha": 0.2}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 1,
                             "t_mul": 3.0}),
]  # fmt: skip


def _compare(name: str, kw: dict, n: int) -> int:
    """lrspec against the real Keras and the float64 formula at t = 0..n (and past the end):
    the number of steps compared with float32 Keras."""
    s = lrspec.parse(_spec(name, kw))
    got = s(np.arange(n + 1))
    assert got.tolist() == [s(t) for t in range(n + 1)]  # the array path is the scalar path
    real32, formula = keras_live.keras_values(name, kw, n)
    compared = 0
    for t in range(n + 1):
        value = float(got[t])
        assert _rel(value, formula[t]) <= 1e-12, (name, kw, t, value, formula[t])
        if keras_live.keras_boundary(name, kw, t):
            continue
        tolerance = keras_live.keras_tolerance(name, kw, t)
        assert abs(value - float(real32[t])) <= tolerance, (name, kw, t, value, real32[t])
        compared += 1
    for t in FAR:
        assert _rel(s(t), keras_live.keras_formula(name, kw, t)) <= 1e-12, (name, kw, t)
    return compared


@pytest.mark.parametrize(("name", "kw"), LIVE, ids=[_spec(n, kw) for n, kw in LIVE])
def test_the_real_keras(name, kw):
    compared = _compare(name, kw, N)
    assert compared >= 5000  # (PolynomialDecay with power < 1: only until decay_steps)


def test_live_sets_cover_every_schedule():
    assert {f"keras.{name}" for name, _ in LIVE} == set(FAMILIES)


@pytest.mark.parametrize("name", keras_live.NAMES)
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_the_real_keras_on_drawn_arguments(name, data):
    cname, kw = data.draw(keras_live.STRATEGIES[name])
    assert cname == name
    _compare(name, kw, 3000)


# -- what Keras does that lrspec's own families do not ------------------------------------------


def test_a_step_at_a_boundary_keeps_the_earlier_value():
    s = lrspec.parse("keras.PiecewiseConstantDecay([100, 200], [0.1, 0.01, 0.001])")
    assert [s(99), s(100), s(100.5), s(101), s(200), s(200.000001)] == [
        0.1,
        0.1,
        0.01,
        0.01,
        0.01,
        0.001,
    ]
    core = lrspec.parse("PiecewiseConstant([101, 201], [0.1, 0.01, 0.001])")
    assert s(STEPS).tolist() == core(STEPS).tolist()


def test_cosine_decay_counts_its_steps_after_the_warmup():
    s = lrspec.parse("keras.CosineDecay(0.0, 1000, alpha=0.1, warmup_target=0.2, warmup_steps=100)")
    assert s.length == 1100
    assert (s(0), s(50), s(100), s(600), s(1100), s(5000)) == (
        0.0,
        0.1,
        0.2,
        0.2 * (0.9 * 0.5 + 0.1),
        0.020000000000000004,
        0.020000000000000004,
    )


def test_polynomial_cycle_decays_over_the_next_multiple():
    s = lrspec.parse("keras.PolynomialDecay(1.0, 10, 0.0, cycle=True)")
    # cycle k covers (10 (k - 1), 10 k]: its step 10 k still belongs to it
    got = [s(t) for t in (0, 5, 10, 11, 15, 20, 21)]
    assert got == pytest.approx([1.0, 0.5, 0.0, 0.45, 0.25, 0.0, 0.3], rel=1e-15, abs=0)
    kw = {"initial_learning_rate": 1.0, "decay_steps": 10, "end_learning_rate": 0.0, "cycle": True}
    assert got == [
        keras_live.keras_formula("PolynomialDecay", kw, t) for t in (0, 5, 10, 11, 15, 20, 21)
    ]
    assert s.length == math.inf
    assert lrspec.parse("keras.PolynomialDecay(1.0, 10, 0.0)").length == 10


def test_restarts_follow_keras_logarithm_at_the_cycle_it_lands_early():
    kw = {"initial_learning_rate": 0.1, "first_decay_steps": 1, "t_mul": 3.0}
    s = lrspec.parse(_spec("CosineDecayRestarts", kw))
    # cycle 5 starts at 121: Keras's float64 logarithm counts it in cycle 4 (its end: 0.0)
    assert s(121) == keras_live.keras_formula("CosineDecayRestarts", kw, 121) == 0.0
    assert s(40) == 0.1  # cycle 4 starts at 40, counted right
    assert lrspec.parse("Repeat(Cosine(0.1, 0.0, 1), mult=3)")(121) == 0.1


def test_name_is_a_positional_parameter_with_no_effect():
    named = lrspec.parse("keras.CosineDecay(0.1, 1000, 0.1, 'warm', 0.2, 100)")
    assert str(named) == (
        'keras.CosineDecay(initial_learning_rate=0.1, decay_steps=1000, alpha=0.1, name="warm", '
        "warmup_target=0.2, warmup_steps=100)"
    )
    plain = lrspec.parse("keras.CosineDecay(0.1, 1000, 0.1, warmup_target=0.2, warmup_steps=100)")
    assert named != plain and named(STEPS).tolist() == plain(STEPS).tolist()
    assert 'name="my_ed"' in str(lrspec.parse("keras.ExponentialDecay(0.1, 10, 0.5, name=my_ed)"))


def test_step_counts_take_units():
    s = lrspec.parse(
        "keras.CosineDecay(0.0, 90%, warmup_target=0.1, warmup_steps=10%)", total_steps=2000
    )
    plain = lrspec.parse("keras.CosineDecay(0.0, 1800, warmup_target=0.1, warmup_steps=200)")
    assert s(STEPS).tolist() == plain(STEPS).tolist()
    assert str(s) == "keras.CosineDecay(initial_learning_rate=0.0, decay_steps=90%, " + (
        "warmup_target=0.1, warmup_steps=10%)"
    )
    epochs = lrspec.parse("keras.PiecewiseConstantDecay([2ep, 5ep], [0.1, 0.01, 0.001])")
    assert epochs.bind(steps_per_epoch=100)(200) == 0.1
    assert epochs.bind(steps_per_epoch=100)(201) == 0.01
    with pytest.raises(lrspec.UnitError, match="steps_per_epoch"):
        epochs(0)


def test_composes_with_the_rest_of_the_language():
    s = lrspec.parse("Warmup(100) >> keras.CosineDecay(0.1, 900)")
    assert s.length == 1000 and s(100) == 0.1 and s(1000) == 0.0
    assert lrspec.parse("0.5 * keras.ExponentialDecay(0.1, 10, 0.5)")(10) == 0.025


# -- argument ranges: every parameter of every family -------------------------------------------

A, L, U = ArgumentError, LimitError, UnknownNameError
BIG_STEPS = "9007199254740993"  # 2**53 + 1
RATE = (("-0.1", A, "must be >= 0, got -0.1"), ("1e301", A, "must be <= 1e+300, got 1e+301"))
POSITIVE_STEPS = (
    ("0", A, "must be > 0, got 0"),
    ("-1", A, "must be > 0, got -1"),
    (BIG_STEPS, L, f"must be at most 2**53 steps, got {BIG_STEPS}"),
)
STEPS_ = (
    ("-1", A, "must be >= 0, got -1"),
    (BIG_STEPS, L, f"must be at most 2**53 steps, got {BIG_STEPS}"),
)
BOOLEAN = (("1", A, "must be true or false, got the number 1"),)
FRACTION = (("-0.5", A, "must be in [0, 1], got -0.5"), ("1.5", A, "must be in [0, 1], got 1.5"))
NAME = (("3", A, "must be a string, got the number 3"), ("None", A, "must be a string, got None"))

# Per family: valid keyword arguments (declaration order) and bad values for every parameter.
RANGES = {
    "keras.ExponentialDecay": (
        {
            "initial_learning_rate": "0.1",
            "decay_steps": "1000",
            "decay_rate": "0.96",
            "staircase": "true",
            "name": "'ed'",
        },
        {
            "initial_learning_rate": RATE,
            "decay_steps": POSITIVE_STEPS,
            "decay_rate": (
                ("0", A, "must be in (0, 1], got 0.0"),
                ("1.5", A, "must be in (0, 1], got 1.5"),
            ),
            "staircase": BOOLEAN,
            "name": NAME,
        },
    ),
    "keras.PiecewiseConstantDecay": (
        {"boundaries": "[100, 200]", "values": "[0.1, 0.01, 0.001]", "name": "'pc'"},
        {
            "boundaries": (
                ("[200, 100]", A, "must be in ascending order, got [200, 100]"),
                ("[-1, 100]", A, "must be >= 0, got -1"),
                (f"[1, {BIG_STEPS}]", L, f"must be at most 2**53 steps, got {BIG_STEPS}"),
            ),
            "values": (
                ("[0.1, -0.01, 0.001]", A, "must be >= 0, got -0.01"),
                ("[0.1, 1e301, 0.001]", A, "must be <= 1e+300, got 1e+301"),
            ),
            "name": NAME,
        },
    ),
    "keras.PolynomialDecay": (
        {
            "initial_learning_rate": "0.1",
            "decay_steps": "1000",
            "end_learning_rate": "0.001",
            "power": "2.0",
            "cycle": "true",
            "name": "'pd'",
        },
        {
            "initial_learning_rate": RATE,
            "decay_steps": POSITIVE_STEPS,
            "end_learning_rate": RATE,
            "power": (
                ("-1", A, "must be in [0, 1e+06], got -1.0"),
                ("1000001", A, "must be in [0, 1e+06], got 1000001.0"),
            ),
            "cycle": BOOLEAN,
            "name": NAME,
        },
    ),
    "keras.InverseTimeDecay": (
        {
            "initial_learning_rate": "0.1",
            "decay_steps": "1000",
            "decay_rate": "0.5",
            "staircase": "true",
            "name": "'it'",
        },
        {
            "initial_learning_rate": RATE,
            "decay_steps": POSITIVE_STEPS,
            "decay_rate": (
                ("-0.5", A, "must be >= 0, got -0.5"),
                ("1e301", A, "must be <= 1e+300, got 1e+301"),
            ),
            "staircase": BOOLEAN,
            "name": NAME,
        },
    ),
    "keras.CosineDecay": (
        {
            "initial_learning_rate": "0.0",
            "decay_steps": "1000",
            "alpha": "0.1",
            "name": "'cd'",
            "warmup_target": "0.1",
            "warmup_steps": "100",
        },
        {
            "initial_learning_rate": RATE,
            "decay_steps": POSITIVE_STEPS,
            "alpha": FRACTION,
            "name": NAME,
            "warmup_target": RATE,
            "warmup_steps": STEPS_,
        },
    ),
    "keras.CosineDecayRestarts": (
        {
            "initial_learning_rate": "0.1",
            "first_decay_steps": "20",
            "t_mul": "2.0",
            "m_mul": "0.9",
            "alpha": "0.01",
            "name": "'sgdr'",
        },
        {
            "initial_learning_rate": RATE,
            "first_decay_steps": POSITIVE_STEPS,
            "t_mul": (
                ("0.5", A, "must be in [1, 1e+06], got 0.5"),
                ("1000001", A, "must be in [1, 1e+06], got 1000001.0"),
            ),
            "m_mul": (
                ("-0.1", A, "must be in [0, 1], got -0.1"),
                ("2", A, "must be in [0, 1], got 2.0"),
            ),
            "alpha": FRACTION,
            "name": NAME,
        },
    ),
}


def _call_with(family: str, param: str | None = None, bad: str = "") -> tuple[str, int | None]:
    return namespace_checks.call_with(RANGES, family, param, bad)


@pytest.mark.parametrize("family", list(RANGES))
def test_valid_arguments_parse(family):
    namespace_checks.check_valid_call(_call_with(family)[0], STEPS)


@pytest.mark.parametrize(
    ("family", "param", "bad", "error", "tail"), list(namespace_checks.range_cases(RANGES))
)
def test_out_of_range_is_rejected(family, param, bad, error, tail):
    text, offset = _call_with(family, param, bad)
    namespace_checks.check_rejected(text, offset, family, param, bad, error, tail)


def test_range_table_covers_every_parameter():
    namespace_checks.check_table_covers_every_parameter(RANGES, FAMILIES)


@pytest.mark.parametrize(
    ("family", "param"), [(f, p.name) for f, cls in FAMILIES.items() for p in cls.params]
)
def test_range_table_reaches_every_declared_bound(family, param):
    """Each bad value sits just outside a bound the parameter really declares."""
    ptype = next(p.type for p in FAMILIES[family].params if p.name == param)
    while isinstance(ptype, (ListOf, Nullable)):
        ptype = ptype.item
    texts = namespace_checks.items(text for text, _, _ in RANGES[family][1][param])
    numbers = namespace_checks.numbers(texts)
    if isinstance(ptype, Boolean):
        namespace_checks.check_boolean_bound(texts)
    elif isinstance(ptype, Steps):
        namespace_checks.check_steps_bound(ptype, numbers)
    elif isinstance(ptype, (Real, Integer)):
        namespace_checks.check_bounds(ptype, numbers)
    else:  # the name: anything but a string
        assert type(ptype).__name__ == "_Text"
        assert not any(t.startswith(("'", '"')) for t in texts)


def test_cross_parameter_checks():
    with pytest.raises(ArgumentError) as info:
        lrspec.parse("keras.PiecewiseConstantDecay([], [0.1])")
    assert info.value.message == (
        "keras.PiecewiseConstantDecay: 'boundaries' must have at least one item "
        "(Keras fails without one)"
    )


# -- round trips, paths and extremes ------------------------------------------------------------


@pytest.mark.parametrize(("name", "kw"), LIVE, ids=[_spec(n, kw) for n, kw in LIVE])
def test_round_trips(name, kw):
    s = lrspec.parse(_spec(name, kw))
    namespace_checks.check_round_trip(s, steps=STEPS)
    required = sum(1 for p in FAMILIES[f"keras.{name}"].params if p.required)
    assert lrspec.parse(_spec(name, kw, positional=required)) == s


@pytest.mark.parametrize(("name", "kw"), LIVE, ids=[_spec(n, kw) for n, kw in LIVE])
def test_array_is_scalar_bit_for_bit_at_any_step(name, kw):
    namespace_checks.check_array_is_scalar(lrspec.parse(_spec(name, kw)), seed=7)


@pytest.mark.parametrize(("name", "kw"), LIVE, ids=[_spec(n, kw) for n, kw in LIVE])
def test_traced_path_is_the_scalar_path(name, kw):
    s = lrspec.parse(_spec(name, kw))
    traced = s.traced(traced_namespace(np))(STEPS.astype(float))
    scalar = [s(t) for t in range(N + 1)]
    # The traced form calls its namespace's functions on whole arrays (NumPy's power may take
    # another loop than the per-step path's: an ulp or two), and its log may count an exact
    # cycle start in the cycle before where the C library's does not (keras_boundary
    # flags those steps).
    differ = [t for t in range(N + 1) if not abs(traced[t] - scalar[t]) <= 1e-15 * abs(scalar[t])]
    assert all(keras_live.keras_boundary(name, kw, t) for t in differ), differ[:5]


def _edges(ptype):
    if isinstance(ptype, Nullable):
        return st.one_of(st.just("None"), _edges(ptype.item))
    if isinstance(ptype, Real):
        return namespace_checks.real_edges(ptype, (1e-300, 0.5, 1.0))
    if isinstance(ptype, Steps):
        return namespace_checks.steps_edges(ptype)
    if isinstance(ptype, Boolean):
        return st.sampled_from(["true", "false"])
    if isinstance(ptype, ListOf):
        return st.lists(_edges(ptype.item), min_size=1, max_size=4).map(
            lambda xs: "[" + ", ".join(sorted(xs, key=float) if ptype.ascending else xs) + "]"
        )
    return st.just("'n'")


@pytest.mark.parametrize("name", sorted(FAMILIES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_values_are_finite_at_every_step(name, data):
    text = data.draw(namespace_checks.extreme_call(FAMILIES[name], lambda p: _edges(p.type)))
    try:
        s = lrspec.parse(text)
    except lrspec.LrspecError:
        return  # parameters that contradict each other (a check between them said so)
    namespace_checks.check_sweep(text, *namespace_checks.sweep(s))


# -- the recorded traces -------------------------------------------------------------------------

TRACES = ROOT / "tests" / "peers" / "traces" / "keras.jsonl"


def _traces() -> list[dict]:
    traces = [json.loads(line) for line in TRACES.read_text().splitlines() if line.strip()]
    assert len(traces) >= 12
    return traces


@pytest.mark.parametrize("trace", _traces(), ids=lambda trace: trace["id"])
def test_recorded_keras_trace(trace):
    assert trace["source"].startswith("keras 3.15")
    s = lrspec.parse(trace["spec"])
    got = s(np.asarray(trace["steps"])).tolist()
    boundary = set(trace["boundary"])
    assert len(trace["steps"]) == len(trace["lr"]) == len(trace["formula"])
    for t, value, lr32, formula, tolerance in zip(
        trace["steps"], got, trace["lr"], trace["formula"], trace["tolerance"]
    ):
        assert _rel(value, formula) <= 1e-12, (trace["id"], t)
        if t not in boundary:  # lr32: the shortest decimal of a float32
            assert abs(value - float(np.float32(lr32))) <= tolerance, (trace["id"], t, value, lr32)
    assert trace["steps"][-1] >= 12_000 and set(range(301)) <= set(trace["steps"])
