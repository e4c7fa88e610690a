"""Record traces of the real libraries into ``tests/peers/traces/<library>.jsonl``.

    python tests/peers/record_traces.py keras timm

One JSON object a line: ``{"id", "source", "spec", "steps", "lr", ...}``, ``spec`` in the
library's own words (lrspec text), ``lr`` the library's rates at ``steps``; each library's
function below says what else its lines hold. The test suite reads the files and needs none
of the libraries. Steps: every step to 300, then every 7th to 12,000, plus the steps around
every boundary of the schedule (:func:`trace_steps`).

Each library has its own section and its own function, registered with :func:`recorder`.
"""

from __future__ import annotations

import json
import math
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRACES = HERE / "traces"
LAST = 12_000

RECORDERS: dict = {}


def recorder(library: str):
    """Register ``function() -> list[dict]`` as the recorder of ``library``'s traces."""

    def register(function):
        RECORDERS[library] = function
        return function

    return register


def trace_steps(boundaries=(), last: int = LAST) -> list[int]:
    """Every step to 300, every 7th to ``last`` (and ``last``), and the whole steps around
    every boundary (the step before, at and after it)."""
    steps = set(range(301)) | set(range(301, last + 1, 7)) | {last}
    for b in boundaries:
        for t in (math.floor(b) - 1, math.floor(b), math.ceil(b), math.floor(b) + 1):
            if 0 <= t <= last:
                steps.add(t)
    return sorted(steps)


def write(library: str, lines: list[dict]) -> Path:
    TRACES.mkdir(exist_ok=True)
    path = TRACES / f"{library}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, separators=(",", ":")) + "\n")
    return path


# -- Keras ---------------------------------------------------------------------------------------

KERAS_TRACES = [
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.96}),
    ("ExponentialDecay", {"initial_learning_rate": 0.05, "decay_steps": 1000, "decay_rate": 0.5,
                          "staircase": True}),
    ("PiecewiseConstantDecay", {"boundaries": [100, 110, 120],
                                "values": [1.0, 0.1, 0.01, 0.001]}),
    ("PiecewiseConstantDecay", {"boundaries": [2500, 2500, 7000.5],
                                "values": [0.1, 0.07, 0.03, 0.001]}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 5000, "power": 0.5}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 1000,
                         "end_learning_rate": 0.01, "power": 2.0, "cycle": True}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.96}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 1000, "decay_rate": 0.5,
                          "staircase": True}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 5000, "alpha": 0.1}),
    ("CosineDecay", {"initial_learning_rate": 0.01, "decay_steps": 8000, "alpha": 0.05,
                     "warmup_target": 0.3, "warmup_steps": 500}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 20}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 10,
                             "t_mul": 3.0, "m_mul": 0.8, "alpha": 0.01}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 700,
                             "t_mul": 1.0, "m_mul": 0.5}),
]  # fmt: skip


def keras_boundaries(name: str, kw: dict, last: int = LAST) -> list[float]:
    """Where the Keras schedule changes its formula: stairs, cycle starts, piecewise
    boundaries, the end of the warmup and of the decay."""
    if name == "PiecewiseConstantDecay":
        return list(kw["boundaries"])
    if name == "CosineDecayRestarts":
        first, t_mul = kw["first_decay_steps"], kw.get("t_mul", 2.0)
        starts, start, length = [], 0.0, first
        while start <= last:
            starts.append(start)
            start, length = start + length, length * t_mul
        return starts
    steps = kw["decay_steps"]
    if name == "CosineDecay":
        warmup = kw.get("warmup_steps", 0) if kw.get("warmup_target") is not None else 0
        return [warmup, warmup + steps]
    if kw.get("staircase") or kw.get("cycle"):
        return [k * steps for k in range(int(last // steps) + 2)]
    return [steps]


def _down(x: float) -> float:
    """``x`` rounded down to two significant digits (a bound recorded no looser than it is)."""
    mantissa, exponent = f"{x:.1e}".split("e")
    value = float(f"{mantissa}e{exponent}")
    if value > x:
        value = float(f"{float(mantissa) - 0.1:.1f}e{exponent}")
    return value


@recorder("keras")
def record_keras() -> list[dict]:
    """The real Keras (jax backend, float32) and the float64 transcription of its formula.

    Each line also holds ``formula`` (Keras's formula in float64, op for op, at ``steps``),
    ``tolerance`` (how far float32 Keras may be from it at each step,
    ``keras_live.keras_tolerance``, rounded down to two digits) and ``boundary`` (the steps where compiled float32
    Keras may land in another stair or cycle, ``keras_live.keras_boundary``: compare with
    the formula only there). ``lr`` holds the float32 values as the shortest decimal that
    reads back to the same float32.
    """
    import keras_live
    import numpy as np

    keras_live.keras_schedule("ExponentialDecay", KERAS_TRACES[0][1])  # imports Keras
    source = f"keras {metadata.version('keras')} (jax backend, float32)"
    lines = []
    for name, kw in KERAS_TRACES:
        steps = trace_steps(keras_boundaries(name, kw))
        real32, formula = keras_live.keras_values(name, kw, LAST)
        lines.append(
            {
                "id": keras_live.keras_text(name, kw).removeprefix("keras."),
                "source": source,
                "spec": keras_live.keras_text(name, kw),
                "steps": steps,
                "lr": [float(str(np.float32(real32[t]))) for t in steps],
                "formula": [formula[t] for t in steps],
                "tolerance": [_down(keras_live.keras_tolerance(name, kw, t)) for t in steps],
                "boundary": [t for t in steps if keras_live.keras_boundary(name, kw, t)],
            }
        )
    return lines


# -- timm ----------------------------------------------------------------------------------------

TIMM_TRACES = [
    ("CosineLRScheduler", {"t_initial": 100, "lr_min": 0.001, "lr": 0.1}),
    ("CosineLRScheduler", {"t_initial": 300, "warmup_t": 5, "warmup_lr_init": 1e-5, "lr": 0.1}),
    ("CosineLRScheduler", {"t_initial": 40, "cycle_limit": 5, "cycle_mul": 2.0,
                           "cycle_decay": 0.1, "lr": 0.1}),
    ("CosineLRScheduler", {"t_initial": 10, "lr_min": 0.01, "cycle_limit": 8, "cycle_mul": 3.0,
                           "cycle_decay": 0.7, "warmup_t": 3, "warmup_prefix": True,
                           "lr": 0.5}),
    ("CosineLRScheduler", {"t_initial": 1000, "k_decay": 2.0, "lr_min": 1e-5,
                           "t_in_epochs": False, "lr": 0.1}),
    ("TanhLRScheduler", {"t_initial": 100, "lr_min": 0.001, "warmup_t": 5,
                         "warmup_lr_init": 0.001, "lr": 0.1}),
    ("TanhLRScheduler", {"t_initial": 60, "lr_min": 0.001, "cycle_limit": 4,
                         "cycle_decay": 0.5, "cycle_mul": 2.0, "lr": 0.1}),
    ("TanhLRScheduler", {"t_initial": 1, "cycle_mul": 3.0, "cycle_limit": 5, "lr": 0.1}),
    ("StepLRScheduler", {"decay_t": 30, "decay_rate": 0.1, "warmup_t": 5,
                         "warmup_lr_init": 1e-4, "lr": 0.1}),
    ("StepLRScheduler", {"decay_t": 2.4, "decay_rate": 0.97, "warmup_t": 3,
                         "warmup_lr_init": 1e-6, "warmup_prefix": False, "lr": 0.048}),
    ("StepLRScheduler", {"decay_t": 0.1, "decay_rate": 0.999, "lr": 0.1}),
    ("MultiStepLRScheduler", {"decay_t": [10, 20, 30], "decay_rate": 0.5, "lr": 0.1}),
    ("MultiStepLRScheduler", {"decay_t": [0, 5, 500], "decay_rate": 0.5, "warmup_t": 5,
                              "warmup_lr_init": 1e-5, "warmup_prefix": False, "lr": 0.1}),
    ("PolyLRScheduler", {"t_initial": 1000, "warmup_t": 50, "warmup_lr_init": 1e-4, "lr": 0.1}),
    ("PolyLRScheduler", {"t_initial": 200, "power": 2.0, "lr_min": 1e-4, "cycle_limit": 4,
                         "cycle_mul": 2.0, "cycle_decay": 0.5, "warmup_t": 10,
                         "warmup_prefix": True, "lr": 0.1}),
    ("PolyLRScheduler", {"t_initial": 500, "k_decay": 0.5, "power": 1.0, "lr": 0.1}),
]  # fmt: skip

TIMM_PLATEAU_TRACES = [
    {"lr": 0.1},
    {"patience_t": 2, "decay_rate": 0.5, "mode": "min", "lr": 0.1},
    {"patience_t": 3, "decay_rate": 0.5, "mode": "min", "warmup_t": 5, "warmup_lr_init": 1e-4,
     "cooldown_t": 2, "lr_min": 1e-3, "lr": 0.1},
]  # fmt: skip


def timm_boundaries(name: str, kw: dict, last: int = LAST) -> list[float]:
    """Where the timm schedule changes: the end of the warmup, cycle starts, decays."""
    warmup = kw.get("warmup_t", 0)
    prefix = kw.get("warmup_prefix", name in ("StepLRScheduler", "MultiStepLRScheduler"))
    shift = warmup if prefix else 0
    if name == "MultiStepLRScheduler":
        return [warmup] + [shift + m - 1 for m in kw["decay_t"]]
    if name == "StepLRScheduler":
        return [warmup] + [shift + k * kw["decay_t"] for k in range(int(last / kw["decay_t"]) + 2)]
    first, mul = kw["t_initial"], kw.get("cycle_mul", 1.0)
    out, start, length = [warmup], 0.0, first
    for _ in range(kw.get("cycle_limit", 1) + 1):
        if shift + start > last:
            break
        out.append(shift + start)
        start, length = start + length, length * mul
    return out


def _plateau_metrics(count: int) -> list[float]:
    """A noisy, slowly falling loss (fixed: a linear congruential generator)."""
    state, out = 12345, []
    for k in range(count):
        state = (1103515245 * state + 12345) % 2**31
        out.append(round(1.0 / (1 + 0.01 * k) + 0.04 * (state / 2**31 - 0.5), 6))
    return out


@recorder("timm")
def record_timm() -> list[dict]:
    """timm's scheduler code (loaded as ``timm_live`` does): the rate after
    ``scheduler.step(t)`` (``step_update(t)`` with t_in_epochs=False). The
    PlateauLRScheduler lines also hold ``metrics``: ``lr[i]`` is the rate after
    ``step(i + 1, metrics[i])``, and ``steps`` are those epochs (1, 2, ...)."""
    import timm_live

    source = f"timm {metadata.version('timm')} (its scheduler code)"
    lines = []
    for name, kw in TIMM_TRACES:
        steps = trace_steps(timm_boundaries(name, kw))
        real = timm_live.timm_values(name, kw, LAST)
        lines.append(
            {
                "id": timm_live.timm_text(name, kw).removeprefix("timm."),
                "source": source,
                "spec": timm_live.timm_text(name, kw),
                "steps": steps,
                "lr": [real[t] for t in steps],
            }
        )
    metrics = _plateau_metrics(1500)
    for kw in TIMM_PLATEAU_TRACES:
        lines.append(
            {
                "id": timm_live.timm_text("PlateauLRScheduler", kw).removeprefix("timm."),
                "source": source,
                "spec": timm_live.timm_text("PlateauLRScheduler", kw),
                "steps": list(range(1, len(metrics) + 1)),
                "lr": timm_live.timm_plateau_values(kw, metrics),
                "metrics": metrics,
            }
        )
    return lines


# -- Hugging Face transformers -------------------------------------------------------------------

#: (function, index into hf_live.ARGSETS[function], base rate or None for the multiplier).
HF_TRACES = [
    ("get_constant_schedule", 0, 0.1),
    ("get_constant_schedule_with_warmup", 3, None),
    ("get_linear_schedule_with_warmup", 3, 0.1),
    ("get_linear_schedule_with_warmup", 6, 3e-4),
    ("get_cosine_schedule_with_warmup", 2, 0.1),
    ("get_cosine_schedule_with_warmup", 4, None),
    ("get_cosine_with_hard_restarts_schedule_with_warmup", 4, 0.1),
    ("get_cosine_with_hard_restarts_schedule_with_warmup", 5, 7.7),
    ("get_polynomial_decay_schedule_with_warmup", 4, 0.1),
    ("get_polynomial_decay_schedule_with_warmup", 5, 3e-4),
    ("get_inverse_sqrt_schedule", 3, 0.1),
    ("get_cosine_with_min_lr_schedule_with_warmup", 3, 0.1),
    ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate", 2, 0.1),
    ("get_wsd_schedule", 4, 0.1),
    ("get_wsd_schedule", 8, None),
    *(("get_scheduler", k, 0.1) for k in range(10, 20)),
]  # fmt: skip


@recorder("hf")
def record_hf() -> list[dict]:
    """The real transformers schedulers on a one-parameter SGD: ``lr[i]`` is the rate the
    param group holds after ``steps[i]`` calls to ``scheduler.step()``. The reduce-on-plateau
    lines (also through ``get_scheduler``) hold ``metrics``: ``lr[i]`` is the rate after
    ``scheduler.step(metrics[k])`` for ``k < i``, ``steps`` are 0, 1, ..."""
    import hf_live

    source = (
        f"transformers {metadata.version('transformers')} (torch {metadata.version('torch')}), "
        "the param group's lr after scheduler.step()"
    )
    lines = []
    for function, index, lr in HF_TRACES:
        call = (function, hf_live.ARGSETS[function][index])
        steps = trace_steps(hf_live.boundaries(call))
        real = hf_live.hf_rates(call, LAST, lr=lr)
        spec = hf_live.hf_text(call, lr=lr)
        lines.append(
            {
                "id": spec.removeprefix("hf."),
                "source": source,
                "spec": spec,
                "steps": steps,
                "lr": [real[t] for t in steps],
            }
        )
    metrics = hf_live.plateau_metrics(1200)
    plateaus = [("get_reduce_on_plateau_schedule", kw) for kw in hf_live.PLATEAU_ARGSETS]
    plateaus.append(
        (
            "get_scheduler",
            {"name": "reduce_lr_on_plateau", "scheduler_specific_kwargs": {"patience": 2}},
        )
    )
    for call in plateaus:
        spec = hf_live.hf_text(call, lr=0.1)
        lines.append(
            {
                "id": spec.removeprefix("hf."),
                "source": source,
                "spec": spec,
                "steps": list(range(len(metrics) + 1)),
                "lr": hf_live.hf_rates(call, lr=0.1, metrics=metrics),
                "metrics": metrics,
            }
        )
    return lines


# -- optax ---------------------------------------------------------------------------------------

#: (function, index into optax_live.ARGSETS[function]).
OPTAX_TRACES = [
    ("constant_schedule", 3),
    ("polynomial_schedule", 3),
    ("polynomial_schedule", 6),
    ("polynomial_schedule", 11),
    ("linear_schedule", 2),
    ("piecewise_constant_schedule", 1),
    ("piecewise_constant_schedule", 4),
    ("exponential_decay", 3),
    ("exponential_decay", 4),
    ("exponential_decay", 6),
    ("cosine_decay_schedule", 3),
    ("cosine_decay_schedule", 6),
    ("piecewise_interpolate_schedule", 3),
    ("piecewise_interpolate_schedule", 5),
    ("linear_onecycle_schedule", 2),
    ("cosine_onecycle_schedule", 2),
    ("warmup_constant_schedule", 1),
    ("warmup_cosine_decay_schedule", 2),
    ("warmup_cosine_decay_schedule", 5),
    ("warmup_exponential_decay_schedule", 1),
    ("sgdr_schedule", 0),
    ("sgdr_schedule", 1),
    ("join_schedules", 1),
    ("join_schedules", 3),
    ("join_schedules", 4),
]


@recorder("optax")
def record_optax() -> list[dict]:
    """The real optax schedules in float64 (x64 on), run op by op (``jax.vmap`` over int64
    steps): ``lr[i]`` is ``schedule(steps[i])``."""
    import optax_live

    source = (
        f"optax {metadata.version('optax')} (jax {metadata.version('jax')}, float64, "
        "eager jax.vmap over int64 steps)"
    )
    lines = []
    for function, index in OPTAX_TRACES:
        call = (function, optax_live.ARGSETS[function][index])
        steps = trace_steps(optax_live.boundaries(call))
        spec = optax_live.optax_text(call)
        lines.append(
            {
                "id": spec.removeprefix("optax."),
                "source": source,
                "spec": spec,
                "steps": steps,
                "lr": optax_live.optax_values(call, steps=steps),
            }
        )
    return lines


# -- PyTorch -------------------------------------------------------------------------------------

#: (spec call as torch_live writes one, base lr or None for the multiplier).
TORCH_TRACES = [
    (("StepLR", {"step_size": 30, "gamma": 0.5}), 0.1),
    (("StepLR", {"step_size": 1, "gamma": 0.999}), None),
    (("MultiStepLR", {"milestones": [0, 300, 300, 5000], "gamma": 0.5}), 0.1),
    (("ConstantLR", {"factor": 0.25, "total_iters": 700}), 0.1),
    (("LinearLR", {"start_factor": 0.01, "total_iters": 500}), 0.1),
    (("LinearLR", {"start_factor": 0.3, "end_factor": 0.0, "total_iters": 4000}), 1.0),
    (("ExponentialLR", {"gamma": 0.9995}), 0.1),
    (("PolynomialLR", {"total_iters": 8000, "power": 0.9}), 0.1),
    (("CosineAnnealingLR", {"T_max": 1000}), 0.1),
    (("CosineAnnealingLR", {"T_max": 3000, "eta_min": 0.002}), 0.1),
    (("CosineAnnealingLR", {"T_max": 700, "eta_min": 0.5}), 0.001),
    (("CosineAnnealingWarmRestarts", {"T_0": 50, "T_mult": 2, "eta_min": 1e-4}), 0.1),
    (("CosineAnnealingWarmRestarts", {"T_0": 333}), None),
    (("CyclicLR", {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 400}), None),
    (("CyclicLR", {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 200, "step_size_down": 900,
                   "mode": "triangular2"}), None),
    (("CyclicLR", {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 250, "mode": "exp_range",
                   "gamma": 0.9997}), None),
    (("OneCycleLR", {"max_lr": 0.1, "total_steps": 10000}), None),
    (("OneCycleLR", {"max_lr": 0.3, "epochs": 30, "steps_per_epoch": 400, "pct_start": 0.25,
                     "anneal_strategy": "linear", "three_phase": True}), None),
    (("SequentialLR", {"schedulers": [("LinearLR", {"start_factor": 0.01, "total_iters": 500}),
                                      ("CosineAnnealingLR", {"T_max": 9500})],
                       "milestones": [500]}), 0.1),
    (("SequentialLR", {"schedulers": [("ConstantLR", {"factor": 0.1, "total_iters": 100}),
                                      ("ExponentialLR", {"gamma": 0.9995}),
                                      ("StepLR", {"step_size": 1000, "gamma": 0.5})],
                       "milestones": [100, 4000]}), None),
    (("SequentialLR", {"schedulers": [("ChainedScheduler", {"schedulers": [
                                          ("ExponentialLR", {"gamma": 0.999}),
                                          ("CosineAnnealingLR", {"T_max": 400})]}),
                                      ("OneCycleLR", {"max_lr": 0.05, "total_steps": 9000})],
                       "milestones": [3000]}), 0.1),
    (("ChainedScheduler", {"schedulers": [("LinearLR", {"start_factor": 0.1, "total_iters": 200}),
                                          ("ExponentialLR", {"gamma": 0.9998})]}), 0.1),
    (("ChainedScheduler", {"schedulers": [("LinearLR", {"start_factor": 0.1, "total_iters": 200}),
                                          ("CosineAnnealingLR", {"T_max": 5000,
                                                                 "eta_min": 0.001})]}), 0.1),
    (("ChainedScheduler", {"schedulers": [("CosineAnnealingLR", {"T_max": 300,
                                                                 "eta_min": 0.005}),
                                          ("ExponentialLR", {"gamma": 0.9999})]}), 0.1),
]  # fmt: skip

#: (ReduceLROnPlateau's arguments, base lr) on the metrics of :func:`_torch_metrics`.
TORCH_PLATEAU_TRACES = [
    ({}, 0.1),
    ({"mode": "max", "factor": 0.5, "patience": 3, "threshold": 0.01, "threshold_mode": "abs",
      "cooldown": 5, "min_lr": 1e-4, "eps": 1e-6}, 0.1),
]  # fmt: skip


def torch_boundaries(call, last: int = LAST, cap: int = 150) -> list[float]:
    """Where a torch schedule changes its formula (drops, milestones, the ends of ramps, the
    cosines' bottoms and tops, cycle starts, OneCycleLR's phases), the first ``cap`` of them."""
    name, kw = call

    def every(step: float) -> list[float]:
        return [k * step for k in range(1, int(last // step) + 1)] if step > 0 else []

    if name == "StepLR":
        out = every(kw["step_size"])
    elif name == "MultiStepLR":
        out = list(kw["milestones"])
    elif name in ("ConstantLR", "LinearLR", "PolynomialLR"):
        out = [kw.get("total_iters", 5)]
    elif name == "CosineAnnealingLR":
        out = every(kw["T_max"])
    elif name == "CosineAnnealingWarmRestarts":
        out, start, length = [], 0, kw["T_0"]
        while start <= last:
            out.append(start)
            start, length = start + length, length * kw.get("T_mult", 1)
    elif name == "CyclicLR":
        up = kw.get("step_size_up", 2000)
        down = kw.get("step_size_down") or up
        out = sorted(every(up + down) + [k + up for k in [0, *every(up + down)]])
    elif name == "OneCycleLR":
        n = kw.get("total_steps") or kw["epochs"] * kw["steps_per_epoch"]
        pct = kw.get("pct_start", 0.3)
        out = [pct * n - 1, 2 * pct * n - 2, n - 1, n]
    elif name == "ChainedScheduler":
        out = sorted({b for member in kw["schedulers"] for b in torch_boundaries(member, last)})
    elif name == "SequentialLR":  # its milestones, and each member's own from its milestone
        starts = [0, *kw["milestones"]]
        out = list(kw["milestones"])
        for start, member in zip(starts, kw["schedulers"]):
            out += [start + b for b in torch_boundaries(member, last)]
    else:  # ExponentialLR: the same step every step
        out = []
    return sorted(b for b in out if 0 <= b <= last)[:cap]


def _torch_metrics(count: int) -> list[float]:
    """A noisy loss that falls, flattens and jumps (fixed: a linear congruential generator)."""
    state, out = 2024, []
    for k in range(count):
        state = (1103515245 * state + 12345) % 2**31
        level = 1.0 / (1 + 0.01 * k) if k < 600 else 0.2 + 0.1 * (k % 200 < 20)
        out.append(round(level + 0.02 * (state / 2**31 - 0.5), 6))
    return out


@recorder("torch")
def record_torch() -> list[dict]:
    """The real torch schedulers on a one-parameter SGD (``torch_live``): ``lr[i]`` is the rate
    the param group holds after ``steps[i]`` calls to ``scheduler.step()``, None where torch
    raises (OneCycleLR past its end). The ReduceLROnPlateau lines also hold ``metrics``:
    ``lr[i]`` is the rate after ``step(metrics[k])`` for ``k < steps[i]``."""
    import torch_live

    source = f"torch {metadata.version('torch')} (CPU), the param group's lr after step()"
    lines = []
    for call, lr in TORCH_TRACES:
        steps = trace_steps(torch_boundaries(call))
        real = torch_live.torch_lrs(call, lr, LAST)
        spec = torch_live.torch_text(call, lr)
        lines.append(
            {
                "id": spec.removeprefix("torch."),
                "source": source,
                "spec": spec,
                "steps": steps,
                "lr": [real[t] for t in steps],
            }
        )
    metrics = _torch_metrics(1000)
    for kw, lr in TORCH_PLATEAU_TRACES:
        call = ("ReduceLROnPlateau", kw)
        spec = torch_live.torch_text(call, lr)
        lines.append(
            {
                "id": spec.removeprefix("torch."),
                "source": source,
                "spec": spec,
                "steps": list(range(len(metrics) + 1)),
                "lr": torch_live.torch_lrs(call, lr, len(metrics), metrics=metrics),
                "metrics": metrics,
            }
        )
    return lines


def main(libraries: list[str]) -> None:
    unknown = set(libraries) - set(RECORDERS)
    if not libraries or unknown:
        raise SystemExit(f"usage: record_traces.py LIBRARY...; libraries: {sorted(RECORDERS)}")
    sys.path.insert(0, str(HERE))
    for library in libraries:
        lines = RECORDERS[library]()
        path = write(library, lines)
        print(f"{path}: {len(lines)} traces, {path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
