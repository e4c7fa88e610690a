"""Stateful families: their rate depends on the metrics (losses) observed so far.

``s.step(metric)`` feeds one metric (a finite number) and returns the next rate;
``state_dict()`` and ``load_state_dict()`` save and restore the state in plain JSON types. A
state is loaded only once every field is checked: its type, its finiteness, and the range the
family's own parameters allow it (a Plateau's rate never rises above ``initial`` nor falls
below ``min_lr``, its counters stay within ``patience`` and ``cooldown``; a KingScheduler's
history is at most ``ceil(1.1 * (patience + 1))`` losses).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..model.family import Param, StatefulFamily, saved_fields, saved_number
from ..model.registry import register
from ..model.types import RATE, Choice, Integer, Real, short_repr
from ..syntax.errors import StateError


@register
class Plateau(StatefulFamily):
    """Reduce the rate when a metric stops improving (PyTorch's ``ReduceLROnPlateau``).

    After each metric: it is "better" than the best so far when, for mode=min,
    metric < best * (1 - threshold) (rel) or metric < best - threshold (abs); mirrored for
    mode=max. More than ``patience`` metrics in a row that are not better multiply the rate
    by ``factor`` (not below ``min_lr``, and only by more than ``eps``), followed by
    ``cooldown`` metrics during which nothing counts.

    Example: ``Plateau(0.1, factor=0.5, patience=3)``; ``s.step(loss)`` returns the next rate.
    """

    name = "Plateau"
    origin = "PyTorch"
    params = (
        Param("initial", RATE, doc="the rate before any reduction"),
        Param(
            "factor",
            Real(0.0, 1.0, hi_open=True, label="factor"),
            0.1,
            doc="the factor of each reduction",
        ),
        Param("patience", Integer(0, 2**53), 10, doc="metrics without improvement to allow"),
        Param(
            "threshold",
            Real(0.0, 1e300, label="number"),
            1e-4,
            doc="how much better counts as better",
        ),
        Param("mode", Choice(("min", "max")), "min", doc="whether lower or higher is better"),
        Param(
            "threshold_mode",
            Choice(("rel", "abs")),
            "rel",
            doc="threshold relative to the best, or absolute",
        ),
        Param("cooldown", Integer(0, 2**53), 0, doc="metrics to ignore after a reduction"),
        Param("min_lr", RATE, 0.0, doc="the lowest rate"),
        Param(
            "eps",
            Real(0.0, 1e300, label="number"),
            1e-8,
            doc="reductions smaller than this are skipped",
        ),
    )
    example = "Plateau(0.1, factor=0.5, patience=3)"

    initial: float
    factor: float
    patience: int
    threshold: float
    mode: str
    threshold_mode: str
    cooldown: int
    min_lr: float
    eps: float

    def new_state(self) -> _PlateauState:
        return _PlateauState(self)


class _PlateauState:
    """PyTorch's ReduceLROnPlateau bookkeeping for one rate."""

    def __init__(self, family: Plateau) -> None:
        self.family = family
        self.lr = family.initial
        self.best: float | None = None  # None: no metric seen yet (PyTorch's +-inf)
        self.num_bad_epochs = 0
        self.cooldown_counter = 0

    def value(self) -> float:
        return self.lr

    def _is_better(self, current: float) -> bool:
        f = self.family
        if self.best is None:
            best = math.inf if f.mode == "min" else -math.inf
        else:
            best = self.best
        if f.mode == "min" and f.threshold_mode == "rel":
            return current < best * (1.0 - f.threshold)
        if f.mode == "min":
            return current < best - f.threshold
        if f.threshold_mode == "rel":
            return current > best * (f.threshold + 1.0)
        return current > best + f.threshold

    def observe(self, metric: float) -> None:
        f = self.family
        if self._is_better(metric):
            self.best = metric
            self.num_bad_epochs = 0
        else:
            self.num_bad_epochs += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > f.patience:
            new_lr = max(self.lr * f.factor, f.min_lr)
            if self.lr - new_lr > f.eps:
                self.lr = new_lr
            self.cooldown_counter = f.cooldown
            self.num_bad_epochs = 0

    def state_dict(self) -> dict[str, Any]:
        return {
            "lr": self.lr,
            "best": self.best,
            "num_bad_epochs": self.num_bad_epochs,
            "cooldown_counter": self.cooldown_counter,
        }

    def load_state_dict(self, d: dict[str, Any]) -> None:
        f = self.family
        d = saved_fields(d, ("lr", "best", "num_bad_epochs", "cooldown_counter"))
        # A reduction gives max(lr * factor, min_lr), and only when that is lower: the rate
        # stays between the lower of initial and min_lr, and initial.
        lr = saved_number(d, "lr", min(f.initial, f.min_lr), f.initial)
        best = saved_number(d, "best", -math.inf, math.inf, nullable=True)
        bad = saved_number(d, "num_bad_epochs", 0, f.patience, integer=True)
        cooldown = saved_number(d, "cooldown_counter", 0, f.cooldown, integer=True)
        self.lr, self.best, self.num_bad_epochs, self.cooldown_counter = lr, best, bad, cooldown


@register
class KingScheduler(StatefulFamily):
    """numpy-ml's KingScheduler: decay when the loss stops going down, judged by the ordinary
    least squares slope of the recent loss history.

    After each loss (history capped at ceil(1.1 * (patience + 1)) losses): once at least
    ``patience`` losses are in, if P(slope < 0) < 0.51 over the last patience + 1 losses,
    and also with the losses above the 90th percentile dropped, then lr *= decay (again at
    every later loss while that holds). This is numpy-ml's exact algorithm.

    Example: ``KingScheduler(initial_lr=0.01, patience=20, decay=0.9)``.
    """

    name = "KingScheduler"
    origin = "numpy-ml"
    params = (
        Param("initial_lr", RATE, 0.01, doc="the rate before any decay"),
        # numpy-ml itself fails for patience 1 (a singular matrix) and 2 (division by zero).
        Param("patience", Integer(3, 10**6), 1000, doc="the losses the slope is taken over"),
        Param(
            "decay",
            Real(0.0, 1.0, lo_open=True, label="factor"),
            0.99,
            doc="the factor of each decay",
        ),
    )
    example = "KingScheduler(initial_lr=0.01, patience=20, decay=0.9)"

    initial_lr: float
    patience: int
    decay: float

    def new_state(self) -> _KingState:
        return _KingState(self)


class _KingState:
    """numpy-ml's KingScheduler, step for step (``numpy_ml/neural_nets/schedulers``)."""

    def __init__(self, family: KingScheduler) -> None:
        self.patience = family.patience
        self.decay = family.decay
        self.initial_lr = family.initial_lr
        self.current_lr = family.initial_lr
        self.max_history = int(np.ceil(1.1 * (family.patience + 1)))
        self.loss_history: list[float] = []

    def value(self) -> float:
        return self.current_lr

    def observe(self, metric: float) -> None:
        self.loss_history.append(metric)
        if len(self.loss_history) < self.patience:
            return
        self.loss_history = self.loss_history[-self.max_history :]
        # Losses near the largest float overflow in the squares (numpy-ml warns and goes on,
        # with a probability of nan, which never decays); no NumPy warning leaks from here.
        with np.errstate(all="ignore"):
            if (
                self._steps_without_decrease(robust=False) > self.patience
                and self._steps_without_decrease(robust=True) > self.patience
            ):
                self.current_lr *= self.decay

    def _steps_without_decrease(self, robust: bool) -> int:
        history = np.array(self.loss_history)
        if robust:
            threshold = np.quantile(history, 0.9)
            history = np.array([v for v in history if v <= threshold])
        n = len(history)
        start = max(0, n - self.patience - 1)
        return n - start if _probability_of_decrease(history, start) < 0.51 else 0

    def state_dict(self) -> dict[str, Any]:
        return {"current_lr": self.current_lr, "loss_history": list(self.loss_history)}

    def load_state_dict(self, d: dict[str, Any]) -> None:
        d = saved_fields(d, ("current_lr", "loss_history"))
        current_lr = saved_number(d, "current_lr", 0.0, self.initial_lr)
        history = d["loss_history"]
        if not isinstance(history, list) or len(history) > self.max_history:
            raise StateError(
                f"saved state has a bad 'loss_history': {short_repr(history)}; it must be a "
                f"list of at most {self.max_history} finite numbers"
            )
        losses = [
            saved_number({"loss_history": v}, "loss_history", -math.inf, math.inf) for v in history
        ]
        self.current_lr, self.loss_history = current_lr, losses


def _probability_of_decrease(history: np.ndarray, start: int) -> float:
    """P(slope < 0) of an OLS line through ``history[start:]`` (numpy-ml's ``_p_decreasing``)."""
    loss = history[start:]
    n = len(loss)
    t = np.arange(start, len(history))
    design = np.c_[np.ones(n), t]
    intercept, slope = np.linalg.inv(design.T @ design) @ design.T @ loss
    predicted = slope * t + intercept
    loss_var = 1 / (n - 2) * np.sum((loss - predicted) ** 2)
    slope_var = (12 * loss_var) / (n**3 - n)
    eps = np.finfo(float).eps
    return float((1 + math.erf(((0 - slope) / np.sqrt(slope_var + eps)) / np.sqrt(2))) / 2)
