"""Stateful schedules: step(metric), and resuming from a JSON-saved state_dict()."""

from __future__ import annotations

import json

import numpy as np
import pytest

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
    assert s.state_dict() == {"spec": "Cosine(0.1, 0.0, 100)", "count": 0, "state": None}


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (
            {"spec": "Plateau(0.2)", "count": 0, "state": {}},
            "the saved state is for 'Plateau(0.2)', not 'Plateau(0.1)'",
        ),
        ({"spec": "Plateau(0.1)", "count": -1, "state": {}}, "saved state has a bad 'count': -1"),
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
            "saved state has a bad 'lr': 'x'",
        ),
        ([1, 2], "a saved state is a dict from state_dict(), got list"),
    ],
)
def test_bad_saved_states(state, message):
    s = lrspec.parse("Plateau(0.1)")
    with pytest.raises(StateError) as caught:
        s.load_state_dict(state)
    assert caught.value.message == message


@pytest.mark.parametrize("metric", ["0.5", None, True, [1.0]])
def test_a_metric_must_be_a_number(metric):
    with pytest.raises(StateError, match="a metric must be a number"):
        lrspec.parse("Plateau(0.1)").step(metric)


def test_numpy_and_zero_dim_metrics_are_numbers():
    s = lrspec.parse("Plateau(0.1, patience=0)")
    assert s.step(np.float32(2.0)) == 0.1
    assert s.step(np.array(3.0)) == pytest.approx(0.01)
