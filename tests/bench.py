"""Benchmark: lrspec against the peers people use today, side by side in one run.

    python tests/bench.py            # the full run (under two minutes on two cores)
    python tests/bench.py --quick    # small sizes, a few seconds (the test suite runs this)

Each row times lrspec and a peer in the same process, one after the other, and prints the
medians and their ratio next to the target of issue 7. Times on a shared machine are noisy;
the ratios, measured side by side, are what to read. A peer that is not installed is skipped
with a note. Peers: nerva-numpy's ``parse_learning_rate``, PyTorch's schedulers, optax
(eager and jit), a hand-written Python function and a straightforward NumPy formula.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass

import numpy as np

import lrspec

SPEC = "Warmup(500) >> Cosine(0.1, 0.0, 10000)"
LONG_SPEC = "Warmup(500_000) >> Cosine(0.1, 0.0, 9_500_000)"


@dataclass
class Row:
    what: str
    lrspec: float | None  # seconds, or a ratio for the memory row
    peer_name: str
    peer: float | None
    target: str  # e.g. "ratio <= 10"
    ratio: float | None = None
    met: bool | None = None
    note: str = ""
    unit: str = "s"


def _median_time(function, repeat: int, number: int) -> float:
    """The median over ``repeat`` runs of the time per call (``number`` calls per run)."""
    times = []
    for run in range(repeat):
        gc.collect()
        start = time.perf_counter()
        for i in range(number):
            function(run * number + i)
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def _fmt(seconds: float | None, unit: str) -> str:
    if seconds is None:
        return "-"
    if unit == "x":
        return f"{seconds:.3f}x"
    for scale, name in ((1, "s"), (1e-3, "ms"), (1e-6, "us"), (1e-9, "ns")):
        if seconds >= scale or name == "ns":
            return f"{seconds / scale:.3g} {name}"
    return str(seconds)


def _judge(row: Row, ratio: float, op: str, limit: float) -> Row:
    row.ratio = ratio
    row.met = ratio <= limit if op == "<=" else ratio >= limit
    return row


# -- the rows ----------------------------------------------------------------------------


def parse_rows(quick: bool) -> list[Row]:
    rows = []
    try:
        from nerva_numpy.learning_rate import parse_learning_rate
    except ImportError:
        parse_learning_rate = None
    number, repeat = (200, 3) if quick else (3000, 7)
    lrspec.parse("Warmup(499) >> Cosine(0.1, 0.0, 10000)")  # grammar loaded, shape seen
    cold = _median_time(
        lambda i: lrspec.parse(f"Warmup({600 + i}) >> Cosine(0.1, 0.0, 10000)"), repeat, number
    )
    repeated = _median_time(lambda i: lrspec.parse(SPEC), repeat, number * 10)
    # A text of a shape never seen before takes the full path (Lark and the evaluator).
    new_shape = _median_time(
        lambda i: lrspec.parse(f"Warmup(500) >> Cosine(0.1, 0.0, 10000){' ' * (i + 1)}"),
        repeat,
        max(number // 20, 20),
    )
    nerva = None
    if parse_learning_rate is not None:
        nerva = _median_time(
            lambda i: parse_learning_rate("MultiStepLR(0.1;1,3,5;0.1)"), repeat, number * 10
        )
    note = "" if nerva else "nerva-numpy not installed: skipped"
    cold_row = Row(
        "cold parse of a new text (numbers differ)",
        cold,
        "nerva parse_learning_rate",
        nerva,
        "ratio <= 10",
        note=note,
    )
    rep_row = Row(
        "repeated parse of the same text",
        repeated,
        "nerva parse_learning_rate",
        nerva,
        "ratio < 1",
        note=note,
    )
    shape_row = Row(
        "parse of a text of a new shape (full path)",
        new_shape,
        "nerva parse_learning_rate",
        nerva,
        "(no target)",
        note=note,
    )
    if nerva:
        _judge(cold_row, cold / nerva, "<=", 10)
        _judge(rep_row, repeated / nerva, "<=", 0.999999)
        shape_row.ratio = new_shape / nerva
    return rows + [cold_row, rep_row, shape_row]


def _hand_written(t):
    if t < 500:
        return 0.1 * (t / 500)
    t = min(t - 500, 10000)
    return 0.0 + 0.1 * (1 + math.cos(math.pi * t / 10000)) / 2


def scalar_rows(quick: bool) -> list[Row]:
    schedule = lrspec.parse(SPEC)
    number, repeat = (2000, 3) if quick else (200_000, 7)
    ours = _median_time(schedule, repeat, number)
    hand = _median_time(_hand_written, repeat, number)
    rows = [
        _judge(
            Row("scalar s(t)", ours, "hand-written Python function", hand, "ratio <= 3"),
            ours / hand,
            "<=",
            3,
        )
    ]
    try:
        import torch
    except ImportError:
        rows.append(
            Row(
                "scalar s(t)",
                ours,
                "torch SequentialLR.step()",
                None,
                "peer/lrspec >= 5",
                note="torch not installed: skipped",
            )
        )
        return rows
    param = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([param], lr=0.1)
    sched = torch.optim.lr_scheduler.SequentialLR(
        optimizer,
        [
            torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1e-8, total_iters=500),
            torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=10000),
        ],
        milestones=[500],
    )
    optimizer.step()  # PyTorch's order: an optimizer step before the scheduler's (no warning)
    torch_step = _median_time(lambda i: sched.step(), repeat, max(number // 50, 200))
    row = Row("scalar s(t)", ours, "torch SequentialLR.step()", torch_step, "peer/lrspec >= 5")
    rows.append(_judge(row, torch_step / ours, ">=", 5))
    return rows


def _torch_schedulers(torch, schedule):
    """lrspec's scheduler, a LambdaLR of the same schedule and torch's own SequentialLR of
    the same shape, each on an SGD optimizer of its own (one parameter group, the same lr),
    with an optimizer step taken after they are made (PyTorch's order: torch warns of
    nothing)."""
    import lrspec.torch

    lr = torch.optim.lr_scheduler
    made = {}
    for name in ("lrspec", "lambda", "sequential"):
        optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
        if name == "lrspec":
            made[name] = lrspec.torch.scheduler(optimizer, schedule)
        elif name == "lambda":
            made[name] = lr.LambdaLR(optimizer, lambda t: schedule(t) / 0.1)
        else:
            made[name] = lr.SequentialLR(
                optimizer,
                [
                    lr.LinearLR(optimizer, start_factor=1e-8, total_iters=500),
                    lr.CosineAnnealingLR(optimizer, T_max=10000),
                ],
                milestones=[500],
            )
        optimizer.step()
    return made


def adapter_rows(quick: bool) -> list[Row]:
    """lrspec.torch's scheduler.step() against the torch schedulers it replaces, timed in
    turns (one run of each, then the next round), over the same steps of the schedule."""
    try:
        import torch
    except ImportError:
        return [
            Row(
                "lrspec.torch scheduler.step()",
                None,
                "torch LambdaLR.step()",
                None,
                "ratio <= 1",
                note="torch not installed: skipped",
            )
        ]
    schedule = lrspec.parse(SPEC)
    number, repeat = (500, 5) if quick else (4000, 15)
    times: dict[str, list[float]] = {"lrspec": [], "lambda": [], "sequential": []}
    for _ in range(repeat):
        for name, sched in _torch_schedulers(torch, schedule).items():
            step = sched.step
            gc.collect()
            start = time.perf_counter()
            for _ in range(number):
                step()
            times[name].append((time.perf_counter() - start) / number)
    ours, lam, seq = (statistics.median(times[k]) for k in ("lrspec", "lambda", "sequential"))
    what = f"lrspec.torch scheduler.step() of {SPEC}"
    return [
        _judge(
            Row(what, ours, "torch LambdaLR.step() of lrspec's s(t)", lam, "ratio <= 1"),
            ours / lam,
            "<=",
            1,
        ),
        _judge(
            Row(
                what,
                ours,
                "torch SequentialLR.step() (LinearLR, CosineAnnealingLR)",
                seq,
                "ratio <= 1",
            ),
            ours / seq,
            "<=",
            1,
        ),
    ]


def _np_where(t, warmup, decay):
    return np.where(
        t < warmup,
        0.1 * t / warmup,
        0.0 + 0.1 * (1 + np.cos(np.pi * np.minimum(t - warmup, decay) / decay)) / 2,
    )


def array_rows(quick: bool) -> list[Row]:
    n = 200_000 if quick else 10_000_000
    repeat = 3 if quick else 7
    steps = np.arange(n)
    cases = [
        (SPEC, 500, 10_000, "ratio <= 1", 1.0, "peer/lrspec >= 5", 5.0),
        (LONG_SPEC, 500_000, 9_500_000, "ratio <= 2.5", 2.5, "peer/lrspec >= 2", 2.0),
    ]
    measured = []
    # NumPy first, for every case: XLA's worker threads may keep spinning for a while after a
    # jit call, and would take the cores lrspec's threads share an array out to.
    for spec, warmup, decay, *targets in cases:
        if quick:  # the same shapes, scaled to the small array
            warmup, decay = max(warmup * n // 10_000_000, 1), max(decay * n // 10_000_000, 1)
            spec = f"Warmup({warmup}) >> Cosine(0.1, 0.0, {decay})"
        schedule = lrspec.parse(spec)
        ours = _median_time(lambda i, s=schedule: s(steps), repeat, 1)
        where = _median_time(lambda i, w=warmup, d=decay: _np_where(steps, w, d), repeat, 1)
        # Peak memory above the baseline, in units of the output array.
        tracemalloc.start()
        baseline = tracemalloc.get_traced_memory()[0]
        out = schedule(steps)
        peak = tracemalloc.get_traced_memory()[1] - baseline
        tracemalloc.stop()
        measured.append((spec, warmup, decay, targets, ours, where, peak / out.nbytes))
    try:
        import jax
        import jax.numpy as jnp
        import optax
    except ImportError:
        optax = None
    rows = []
    for spec, warmup, decay, targets, ours, where, memory in measured:
        optax_target, optax_limit, where_target, where_limit = targets
        label = f"s(np.arange({n:_})) of {spec}"
        rows.append(
            _judge(
                Row(label, ours, "np.where formula", where, where_target),
                where / ours,
                ">=",
                where_limit,
            )
        )
        if optax is None:
            rows.append(
                Row(
                    label,
                    ours,
                    "optax jit",
                    None,
                    optax_target,
                    note="optax not installed: skipped",
                )
            )
        else:
            optax_schedule = optax.warmup_cosine_decay_schedule(
                0.0, 0.1, warmup, warmup + decay, 0.0
            )
            device_steps = jnp.arange(n)
            compiled = jax.jit(optax_schedule)
            compiled(device_steps).block_until_ready()
            jitted = _median_time(
                lambda i, f=compiled, t=device_steps: f(t).block_until_ready(), repeat, 1
            )
            rows.append(
                _judge(
                    Row(label, ours, "optax jit (float32)", jitted, optax_target),
                    ours / jitted,
                    "<=",
                    optax_limit,
                )
            )
            eager = _median_time(
                lambda i, f=optax_schedule, t=device_steps: f(t).block_until_ready(), repeat, 1
            )
            rows.append(
                Row(label, ours, "optax eager (float32)", eager, "(no target)", ratio=ours / eager)
            )
        rows.append(
            _judge(
                Row(
                    f"peak memory of {label}",
                    memory,
                    "the output array",
                    1.0,
                    "ratio <= 2",
                    unit="x",
                ),
                memory,
                "<=",
                2,
            )
        )
    return rows


def import_rows(quick: bool) -> list[Row]:
    repeat = 5 if quick else 21
    env = dict(os.environ)
    # Time imports as an installed package runs them: with compiled bytecode (kept apart).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="lrspec-bench-")

    def run(code):
        subprocess.run([sys.executable, "-c", code], check=True, env=env)  # warm up
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    ours = run("import lrspec; lrspec.parse('Constant(0.1)')")
    base = run("import numpy, lark")
    row = Row(
        "python -c \"import lrspec; lrspec.parse('Constant(0.1)')\"",
        ours,
        'python -c "import numpy, lark"',
        base,
        "ratio <= 1.3",
    )
    return [_judge(row, ours / base, "<=", 1.3)]


# -- the table ------------------------------------------------------------------------------


def machine() -> str:
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, NumPy {np.__version__}, "
        f"lrspec {lrspec.__version__}"
    )


def table(rows: list[Row]) -> str:
    header = (
        "| what | lrspec | peer | peer time | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    )
    lines = list(header)
    for r in rows:
        ratio = "-" if r.ratio is None else f"{r.ratio:.2f}"
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        peer = r.peer_name + (f" ({r.note})" if r.note else "")
        lines.append(
            f"| {r.what} | {_fmt(r.lrspec, r.unit)} | {peer} | "
            f"{_fmt(r.peer, r.unit)} | {ratio} | {r.target} | {met} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python tests/bench.py", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = (
        parse_rows(args.quick)
        + scalar_rows(args.quick)
        + adapter_rows(args.quick)
        + array_rows(args.quick)
        + import_rows(args.quick)
    )
    print(f"lrspec benchmark{' (quick)' if args.quick else ''}: {machine()}")
    print(table(rows))
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
