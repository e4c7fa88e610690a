"""Stateful schedules: step(metric), and resuming from a JSON-saved state_dict()."""

from __future__ import annotations

import copy
import json
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lrspec
from lrspec import StateError


def _losses(n: int, seed: int) -> list[float]:
    """A noisy loss curve that falls, then flattens and wobbles, so that decays happen."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    curve = 2.0 * np.exp(-t / 40.0) + 0.3 + 0.02 * rng.standard_normal(n)
    return curve.tolist()


SPECS = [
    "Plateau(0.1, factor=0.5, patience=3)",
    "Plateau(0.1, factor=0.5, patience=2, cooldown=4, min_lr=0.001)",
    "Plateau(0.1, mode=max, threshold_mode=abs, threshold=0.01, patience=1)",
    "KingScheduler(initial_lr=0.01, patience=20, decay=0.9)",
    "KingScheduler(initial_lr=0.05, patience=5, decay=0.5)",
    "Warmup(10) >> Plateau(0.1, factor=0.5, patience=3)",
    "Constant(0.2)[:25] >> 0.5 * KingScheduler(initial_lr=0.01, patience=8, decay=0.9)",
    "Plateau(0.1, factor=0.5, patience=3) / 2",
]


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("stop", [0, 1, 37, 150])
def test_resume_gives_the_rates_of_an_uninterrupted_run(spec, stop):
    losses = _losses(300, seed=len(spec))
    straight = lrspec.parse(spec)
    uninterrupted = [straight.step(loss) for loss in losses]

    first = lrspec.parse(spec)
    before = [first.step(loss) for loss in losses[:stop]]
    saved = json.dumps(first.state_dict(), allow_nan=False)  # plain JSON types only

    resumed = lrspec.parse(spec)
    resumed.load_state_dict(json.loads(saved))
    after = [resumed.step(loss) for loss in losses[stop:]]
    assert before + after == uninterrupted
    # The runs really change the rate (otherwise this test would prove little).
    assert len(set(uninterrupted)) > 2


def test_plateau_follows_pytorch_rules_step_by_step():
    s = lrspec.parse("Plateau(1.0, factor=0.5, patience=1, cooldown=1)")
    # best 3; bad 1; bad 2 > 1: halve, cooldown 1; cooldown eats one; bad 1; bad 2: halve
    rates = [s.step(m) for m in [3, 3, 3, 3, 3, 3]]
    assert rates == [1.0, 1.0, 0.5, 0.5, 0.5, 0.25]
    assert s.state_dict() == {
        "spec": "Plateau(1.0, factor=0.5, patience=1, cooldown=1)",
        "sizes": {},
        "count": 6,
        "state": {"lr": 0.25, "best": 3.0, "num_bad_epochs": 0, "cooldown_counter": 1},
    }


def test_metrics_are_ignored_until_the_stateful_part_starts():
    s = lrspec.parse("Warmup(4) >> Plateau(0.1, factor=0.5, patience=0)")
    # Steps 0..3 are the warmup: their metrics do not count, and the warmup ramps to 0.1.
    assert [s.step(1.0) for _ in range(4)] == [0.1 * 1 / 4, 0.1 * 2 / 4, 0.1 * 3 / 4, 0.1]
    assert s.step(1.0) == 0.1  # first metric the Plateau sees: the best so far
    assert s.step(1.0) == 0.05  # no improvement, patience 0: halve


def test_scaling_a_stateful_schedule():
    s = lrspec.parse("0.5 * Plateau(0.1, factor=0.5, patience=0)")
    assert [s.step(m) for m in (1, 1, 1)] == [0.05, 0.025, 0.0125]
    assert s(0) == s(10**9) == 0.0125  # the rate does not depend on the step


def test_step_on_a_pure_schedule_is_an_error():
    s = lrspec.parse("Cosine(0.1, 0, 100)")
    with pytest.raises(StateError) as caught:
        s.step(1.0)
    assert caught.value.message == (
        "'Cosine(0.1, 0.0, 100)' does not read a metric; "
        "step(metric) is for schedules with Plateau or KingScheduler"
    )
    assert s.state_dict() == {
        "spec": "Cosine(0.1, 0.0, 100)",
        "sizes": {},
        "count": 0,
        "state": None,
    }


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (
            {"spec": "Plateau(0.2)", "count": 0, "state": {}},
            "the saved state is for 'Plateau(0.2)', not 'Plateau(0.1)'",
        ),
        (
            {"spec": "Plateau(0.1)", "count": -1, "state": {}},
            "saved state has a bad 'count': -1; it must be an integer in [0, 2**53]",
        ),
        (
            {"spec": "Plateau(0.1)", "count": 0, "state": None},
            "saved state has a bad 'state': None",
        ),
        (
            {"spec": "Plateau(0.1)", "count": 0, "state": {"lr": 0.1}},
            "saved state is missing 'best'",
        ),
        (
            {
                "spec": "Plateau(0.1)",
                "count": 0,
                "state": {"lr": "x", "best": None, "num_bad_epochs": 0, "cooldown_counter": 0},
            },
            "saved state has a bad 'lr': 'x'; it must be a finite number in [0, 0.1]",
        ),
        ([1, 2], "a saved state is a dict from state_dict(), got list"),
    ],
)
def test_bad_saved_states(state, message):
    s = lrspec.parse("Plateau(0.1)")
    with pytest.raises(StateError) as caught:
        s.load_state_dict(state)
    assert caught.value.message == message


@pytest.mark.parametrize("metric", ["0.5", None, True, [1.0], 1j, np.complex128(1.0)])
def test_a_metric_must_be_a_real_number(metric):
    with pytest.raises(StateError, match="a metric must be a real number"):
        lrspec.parse("Plateau(0.1)").step(metric)


def test_numpy_and_zero_dim_metrics_are_numbers():
    s = lrspec.parse("Plateau(0.1, patience=0)")
    assert s.step(np.float32(2.0)) == 0.1
    assert s.step(np.array(3.0)) == pytest.approx(0.01)


# -- saved states are checked before anything changes --------------------------------------

_NAN, _INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    ("spec", "field", "value", "wanted"),
    [
        ("Plateau(0.1, patience=3)", "lr", _NAN, "a finite number in [0, 0.1]"),
        ("Plateau(0.1, patience=3)", "lr", _INF, "a finite number in [0, 0.1]"),
        ("Plateau(0.1, patience=3)", "lr", -1, "a finite number in [0, 0.1]"),
        # A Plateau's rate never rises above `initial`, nor falls below `min_lr`.
        ("Plateau(0.1, patience=3)", "lr", 0.2, "a finite number in [0, 0.1]"),
        ("Plateau(0.1, patience=3, min_lr=0.01)", "lr", 0.001, "a finite number in [0.01, 0.1]"),
        ("Plateau(0.1, patience=3)", "best", _NAN, "a finite number, or None"),
        ("Plateau(0.1, patience=3)", "best", -_INF, "a finite number, or None"),
        ("Plateau(0.1, patience=3)", "num_bad_epochs", -5, "an integer in [0, 3]"),
        ("Plateau(0.1, patience=3)", "num_bad_epochs", 1.5, "an integer in [0, 3]"),
        ("Plateau(0.1, patience=3)", "num_bad_epochs", 4, "an integer in [0, 3]"),
        ("Plateau(0.1, patience=3)", "num_bad_epochs", True, "an integer in [0, 3]"),
        ("Plateau(0.1, patience=3, cooldown=2)", "cooldown_counter", 3, "an integer in [0, 2]"),
        ("KingScheduler(patience=5)", "current_lr", _NAN, "a finite number in [0, 0.01]"),
        ("KingScheduler(patience=5)", "current_lr", 0.02, "a finite number in [0, 0.01]"),
        ("KingScheduler(patience=5)", "loss_history", [1.0, _NAN], "a finite number"),
        ("KingScheduler(patience=5)", "loss_history", [1.0, "x"], "a finite number"),
        (
            "KingScheduler(patience=5)",
            "loss_history",
            [1.0] * 8,
            "a list of at most 7 finite numbers",
        ),
        (
            "KingScheduler(patience=5)",
            "loss_history",
            {"a": 1},
            "a list of at most 7 finite numbers",
        ),
    ],
)
def test_a_tampered_field_is_refused_and_nothing_changes(spec, field, value, wanted):
    s = lrspec.parse(spec)
    for loss in _losses(12, seed=3):
        s.step(loss)
    saved = s.state_dict()
    saved["state"][field] = value
    before = s.state_dict()
    with pytest.raises(StateError) as caught:
        s.load_state_dict(saved)
    assert caught.value.message.startswith(f"saved state has a bad '{field}': ")
    assert caught.value.message.endswith(f"; it must be {wanted}")
    assert json.dumps(s.state_dict()) == json.dumps(before)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["state"].pop("best"), "saved state is missing 'best'"),
        (lambda d: d["state"].update(extra=1), "saved state has unexpected key(s) [\"'extra'\"]"),
        (lambda d: d.update(extra=1), "saved state has unexpected key(s) [\"'extra'\"]"),
        (lambda d: d.update(count=2**53 + 1), "saved state has a bad 'count': 9007199254740993"),
        (lambda d: d.update(count=1.0), "saved state has a bad 'count': 1.0"),
        (lambda d: d.update(sizes=[]), "saved state has bad 'sizes': []"),
        (lambda d: d.update(sizes={"total_steps": 0}), "saved state has bad 'sizes'"),
    ],
)
def test_a_tampered_state_is_refused(change, message):
    s = lrspec.parse("Plateau(0.1, patience=3)")
    saved = s.state_dict()
    change(saved)
    with pytest.raises(StateError) as caught:
        s.load_state_dict(saved)
    assert caught.value.message.startswith(message)


def test_a_state_is_for_the_sizes_it_was_saved_with():
    # Found by an adversarial review: the sizes were not compared, so a state saved with
    # total_steps=1000 loaded into the same text bound to 2000 and gave other rates.
    spec = "Warmup(5%) >> Plateau(0.1, factor=0.5, patience=0)"
    losses = _losses(80, seed=5)
    first = lrspec.parse(spec, total_steps=1000)
    for loss in losses[:60]:
        first.step(loss)
    saved = json.loads(json.dumps(first.state_dict()))
    assert saved["sizes"] == {"total_steps": 1000}
    other = lrspec.parse(spec, total_steps=2000)
    with pytest.raises(StateError) as caught:
        other.load_state_dict(saved)
    assert caught.value.message == (
        "the saved state is for 'Warmup(5%) >> Plateau(0.1, factor=0.5, patience=0)' with "
        "total_steps=1000, but this schedule has total_steps=2000"
    )
    assert other.state_dict()["count"] == 0  # unchanged
    # A state saved without its sizes does not fit a schedule bound to some.
    del saved["sizes"]
    with pytest.raises(StateError, match="with no sizes, but this schedule has total_steps=1000"):
        lrspec.parse(spec, total_steps=1000).load_state_dict(saved)
    saved["sizes"] = {"total_steps": 1000}
    resumed = lrspec.parse(spec, total_steps=1000)
    resumed.load_state_dict(saved)
    assert [resumed.step(x) for x in losses[60:]] == [first.step(x) for x in losses[60:]]


@pytest.mark.parametrize("spec", ["Plateau(0.1, patience=0)", "KingScheduler(patience=3)"])
@pytest.mark.parametrize("loss", [_INF, -_INF, _NAN, 10**400, np.float64("nan")])
def test_a_metric_must_be_finite_and_changes_nothing(spec, loss):
    # Found by an adversarial review: KingScheduler fed inf or NaN raised numpy's LinAlgError.
    s = lrspec.parse(spec)
    for x in (3.0, 2.0, 2.5, 2.4, 2.6):
        s.step(x)
    before = s.state_dict()
    with pytest.raises(StateError) as caught:
        s.step(loss)
    assert caught.value.message.startswith("a metric must be finite, got ")
    assert s.state_dict() == before


def test_king_scheduler_with_losses_near_the_largest_float_warns_nothing():
    s = lrspec.parse("KingScheduler(patience=3, decay=0.5)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rates = [s.step(x) for x in (1e308, -1e308, 1e308, -1e308, 1e308, 1.0)]
    assert all(0 < r <= 0.01 for r in rates)


# Values a tampered state may hold: each type a JSON file can, and the edges.
_HOSTILE = st.one_of(
    st.sampled_from([None, True, False, 0, -1, 1.5, -5, 2**53 + 1, 10**400, _NAN, _INF, -_INF]),
    st.integers(-(2**60), 2**60),
    st.floats(),
    st.text(max_size=5),
    st.lists(st.floats(), max_size=12),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
# Values near a real state's, so that many tampered states are still valid ones.
_NEARBY = st.one_of(
    st.floats(-0.05, 0.25),
    st.integers(-1, 12),
    st.lists(st.floats(-1e3, 1e3), max_size=30),
    st.none(),
)


@st.composite
def _tampered(draw, saved: dict) -> dict:
    state = copy.deepcopy(saved)
    inner = state["state"]
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        inside = isinstance(inner, dict) and draw(st.sampled_from([True, True, True, False]))
        target = inner if inside else state
        action = draw(st.sampled_from(["nearby", "nearby", "hostile", "delete", "add"]))
        if action == "add" or not target:
            target[draw(st.text(min_size=1, max_size=4))] = draw(_HOSTILE)
        elif action == "delete":
            del target[draw(st.sampled_from(sorted(target)))]
        else:
            values = _NEARBY if action == "nearby" else _HOSTILE
            target[draw(st.sampled_from(sorted(target)))] = draw(values)
    return state


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=st.sampled_from(SPECS), stop=st.integers(0, 40), data=st.data())
def test_a_tampered_state_loads_only_when_it_is_a_state_the_schedule_can_be_in(spec, stop, data):
    losses = _losses(60, seed=stop)
    s = lrspec.parse(spec)
    for loss in losses[:stop]:
        s.step(loss)
    saved = json.loads(json.dumps(s.state_dict(), allow_nan=False))
    tampered = data.draw(_tampered(saved))
    fresh = lrspec.parse(spec)
    before = fresh.state_dict()
    try:
        fresh.load_state_dict(copy.deepcopy(tampered))
    except StateError as error:
        assert str(error).startswith("lrspec: ")
        assert fresh.state_dict() == before  # nothing changed
        return
    # Accepted: it holds what was saved, stays JSON-safe, and gives finite rates in range.
    loaded = fresh.state_dict()
    assert loaded["count"] == tampered["count"] and loaded["state"] == tampered["state"]
    json.dumps(loaded, allow_nan=False)
    rates = [fresh(0)] + [fresh.step(loss) for loss in losses[stop:]]
    assert all(0.0 <= rate <= 0.2 for rate in rates), rates
