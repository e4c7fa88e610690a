"""Half a run of many lrspec.torch schedulers, or its second half from a saved state, in a
process of its own (for tests/test_namespace_adapters.py).

    python namespace_resume.py first CASES.json STATES.pt
    python namespace_resume.py resume CASES.json STATES.pt OUT.json

CASES.json holds ``{"steps": n, "cases": {id: spec}}``. ``first`` runs steps 0..n/2 of each
spec on a fresh two-group optimizer and saves every scheduler's state; ``resume`` makes fresh
schedulers, loads those states (``weights_only``: they are plain data) and runs steps
n/2..n, writing each group's lr and momentum, read before every optimizer step, to OUT.json.
"""

from __future__ import annotations

import json
import sys

import torch

import lrspec.torch


def optimizer() -> torch.optim.Optimizer:
    """SGD with two param groups at different rates (a backbone and a head)."""
    groups = [
        {"params": [torch.nn.Parameter(torch.zeros(2))], "lr": 0.1},
        {"params": [torch.nn.Parameter(torch.zeros(2))], "lr": 0.025},
    ]
    return torch.optim.SGD(groups, lr=0.1, momentum=0.9)


def metric(t: int) -> float:
    """A loss that falls, then wobbles on a plateau."""
    return max(0.5, 1.0 - t / 100) + 0.05 * ((t * 37) % 11) / 11


def run(sched, start: int, stop: int) -> list:
    seen = []
    stateful = isinstance(sched, torch.optim.lr_scheduler.ReduceLROnPlateau)
    for t in range(start, stop):
        seen.append([[g["lr"], g["momentum"]] for g in sched.optimizer.param_groups])
        sched.optimizer.step()
        if stateful:
            sched.step(metric(t))
        else:
            sched.step()
    return seen


def main(phase: str, cases_path: str, states_path: str, out: str | None = None) -> None:
    with open(cases_path) as f:
        loaded = json.load(f)
    steps, cases = loaded["steps"], loaded["cases"]
    half = steps // 2
    if phase == "first":
        states = {}
        for key, spec in cases.items():
            sched = lrspec.torch.scheduler(optimizer(), spec)
            run(sched, 0, half)
            states[key] = sched.state_dict()
        torch.save(states, states_path)
        return
    states = torch.load(states_path, weights_only=True)
    seen = {}
    for key, spec in cases.items():
        sched = lrspec.torch.scheduler(optimizer(), spec)
        sched.load_state_dict(states[key])
        seen[key] = run(sched, half, steps)
    with open(out, "w") as f:
        json.dump(seen, f)


if __name__ == "__main__":
    main(*sys.argv[1:])
