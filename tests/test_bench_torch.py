"""The benchmark's torch rows: they run under warnings-as-errors (torch's "lr_scheduler.step()
before optimizer.step()" warning once leaked into the benchmark's output), and the adapter rows
compare lrspec.torch's step() with torch's LambdaLR and SequentialLR in one run."""

from __future__ import annotations

import warnings

import bench


def test_the_torch_rows_warn_of_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rows = bench.scalar_rows(quick=True) + bench.adapter_rows(quick=True)
    peers = [row.peer_name for row in rows]
    assert "torch SequentialLR.step()" in peers
    assert "torch LambdaLR.step() of lrspec's s(t)" in peers
    assert "torch SequentialLR.step() (LinearLR, CosineAnnealingLR)" in peers
    adapter = [row for row in rows if row.what.startswith("lrspec.torch scheduler.step()")]
    assert len(adapter) == 2 and all(row.ratio == row.lrspec / row.peer for row in adapter)


def test_the_schedulers_compared_give_the_same_rates():
    # The rows time the same schedule: the three schedulers agree on it, step by step.
    import torch

    import lrspec

    schedule = lrspec.parse(bench.SPEC)
    made = bench._torch_schedulers(torch, schedule)
    for t in range(1, 1200):
        for sched in made.values():
            sched.step()
        lrs = {name: sched.optimizer.param_groups[0]["lr"] for name, sched in made.items()}
        assert lrs["lrspec"] == schedule(t)
        assert abs(lrs["lambda"] - schedule(t)) <= 1e-17
        # torch's LinearLR cannot start at 0: its start_factor of 1e-8 adds up to 0.1 * 1e-8.
        assert abs(lrs["sequential"] - schedule(t)) <= 0.1 * 1e-8 + 1e-15
