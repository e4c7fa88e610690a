"""The reference traces recorded from the real libraries (tests/conformance/reference.jsonl).

Each trace passes at its own tolerance through the scalar path and the array path, and a
stateful trace also through ``step()``, one loss at a time.
"""

from __future__ import annotations

import numpy as np
import pytest

import lrspec

from conftest import conformance_traces

TRACES = conformance_traces()
PURE = [t for t in TRACES if "losses" not in t]
STATEFUL = [t for t in TRACES if "losses" in t]


def _schedule(trace) -> lrspec.Schedule:
    return lrspec.parse(trace["spec"], **trace.get("bind", {}))


def _assert_close(trace, got) -> None:
    want = np.array(trace["lr"])
    err = np.abs(np.asarray(got, dtype=float) - want)
    allowed = trace["atol"] + trace["rtol"] * np.abs(want)
    bad = np.flatnonzero(~(err <= allowed))
    assert bad.size == 0, (
        f"{trace['id']}: {bad.size} of {want.size} values off; first at step "
        f"{trace['steps'][bad[0]]}: got {got[bad[0]]!r}, want {want[bad[0]]!r}"
    )


def test_the_file_holds_every_trace():
    assert len(TRACES) == 51
    assert len(STATEFUL) == 2
    assert {t["id"] for t in STATEFUL} == {"torch-plateau", "numpy_ml-king"}


@pytest.mark.parametrize("trace", PURE, ids=lambda t: t["id"])
def test_scalar_path(trace):
    s = _schedule(trace)
    _assert_close(trace, [s(t) for t in trace["steps"]])


@pytest.mark.parametrize("trace", PURE, ids=lambda t: t["id"])
def test_array_path(trace):
    s = _schedule(trace)
    steps = np.array(trace["steps"])
    values = s(steps)
    assert values.dtype == np.float64 and values.shape == steps.shape
    _assert_close(trace, values)
    # The two paths agree bit for bit, also on float steps and in any order.
    assert values.tolist() == [s(t) for t in trace["steps"]]
    shuffled = np.random.default_rng(0).permutation(steps.astype(float))
    assert s(shuffled).tolist() == [s(float(t)) for t in shuffled]


@pytest.mark.parametrize("trace", STATEFUL, ids=lambda t: t["id"])
def test_stateful_one_loss_at_a_time(trace):
    s = _schedule(trace)
    assert s.stateful
    _assert_close(trace, [s.step(loss) for loss in trace["losses"]])


@pytest.mark.parametrize("trace", PURE, ids=lambda t: t["id"])
def test_traced_path(trace):
    # The branch-free form for jax.jit and Keras, evaluated here with NumPy.
    from lrspec.compute.math_namespaces import traced_namespace

    function = _schedule(trace).traced(traced_namespace(np))
    with np.errstate(all="ignore"):
        _assert_close(trace, function(np.array(trace["steps"], dtype=float)))
