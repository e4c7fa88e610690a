"""The progress-based ``lr_schedule`` module (stable-baselines3 convention).

Each family spans the whole run, so it needs ``total_steps`` = T. With
``progress_remaining = pr = 1 - t / T`` and ``p = 1 - pr``, the formulas are the module's own,
in its order of operations. Each equals the lrspec family shown in its docstring, also past
the end of the run: the constant and the exponential go on (the module does not clip the
progress, and ``ExponentialDecay`` never ends), the others hold their final value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.family import Family, Param
from ..model.registry import register
from ..model.types import RATE, Real
from .core import _Endless

_INITIAL = Param("initial_value", RATE, 0.001, doc="the rate at the start of the run")
_FINAL = Param("final_value", RATE, 0.0, doc="the rate at the end of the run")


class _WholeRun(Family):
    """A family over the whole run: length total_steps (unless it goes on, see below)."""

    __slots__ = ()
    origin = "lr_schedule"
    needs_total_steps = True

    total_steps: int | float  # set on resolution (needs_total_steps)

    def finite(self) -> bool:
        return True

    def length(self) -> float:
        return self.total_steps

    def formula(self, m: Any) -> Callable[[Any], Any]:
        func = self.progress_formula(m)
        total = float(self.total_steps)

        def value(t: Any) -> Any:
            return func(1 - t / total)

        return value

    def progress_formula(self, m: Any) -> Callable[[Any], Any]:
        """``func(progress_remaining)``, exactly as the module writes it."""
        raise NotImplementedError


class _GoingOn(_Endless, _WholeRun):
    """A whole-run family whose formula keeps going after the run (never ends)."""

    __slots__ = ()


@register
class BaseLRSchedule(_GoingOn):
    """A constant rate over the whole run (``type: constant``); equals ``Constant(i)``.

    value = initial_value

    Example: ``BaseLRSchedule(initial_value=0.0003)`` with total_steps.
    """

    name = "BaseLRSchedule"
    params = (_INITIAL,)
    example = "BaseLRSchedule(initial_value=0.0003)"

    def progress_formula(self, m: Any) -> Callable[[Any], Any]:
        initial = self.initial_value
        return lambda pr: initial


@register
class LinearLRSchedule(_WholeRun):
    """Linear from ``initial_value`` to ``final_value`` over the run (``type: linear``);
    equals ``Linear(i, f, 100%)``.

    value = pr * initial_value + (1 - pr) * final_value

    Example: ``LinearLRSchedule(initial_value=0.0003, final_value=1e-05)``.
    """

    name = "LinearLRSchedule"
    params = (_INITIAL, _FINAL)
    example = "LinearLRSchedule(initial_value=0.0003, final_value=1e-05)"

    def progress_formula(self, m: Any) -> Callable[[Any], Any]:
        initial, final = self.initial_value, self.final_value
        return lambda pr: pr * initial + (1.0 - pr) * final


@register
class CosineAnnealingLRSchedule(_WholeRun):
    """Cosine from ``initial_value`` to ``final_value`` over the run (``type: cosine``);
    equals ``Cosine(i, f, 100%)``.

    value = final_value + 0.5 * (initial_value - final_value) * (1 + cos(pi * p))

    Example: ``CosineAnnealingLRSchedule(initial_value=0.0003, final_value=1e-05)``.
    """

    name = "CosineAnnealingLRSchedule"
    params = (_INITIAL, _FINAL)
    example = "CosineAnnealingLRSchedule(initial_value=0.0003, final_value=1e-05)"

    def progress_formula(self, m: Any) -> Callable[[Any], Any]:
        initial, final = self.initial_value, self.final_value
        cos, pi = m.cos, m.pi

        def func(pr: Any) -> Any:
            p = 1.0 - pr
            return final + 0.5 * (initial - final) * (1.0 + cos(pi * p))

        return func


@register
class ExponentialLRSchedule(_GoingOn):
    """Exponential from ``initial_value`` to ``initial_value * decay_rate`` over the run
    (``type: exponential``); equals ``ExponentialDecay(i, decay_rate, 100%)``.

    value = initial_value * decay_rate ** p

    Example: ``ExponentialLRSchedule(initial_value=0.0003, decay_rate=0.05)``.
    """

    name = "ExponentialLRSchedule"
    params = (
        _INITIAL,
        Param(
            "decay_rate",
            Real(0.0, 1.0, lo_open=True, label="factor"),
            0.1,
            doc="the fraction of the initial rate left at the end",
        ),
    )
    example = "ExponentialLRSchedule(initial_value=0.0003, decay_rate=0.05)"

    def progress_formula(self, m: Any) -> Callable[[Any], Any]:
        initial, decay_rate = self.initial_value, self.decay_rate
        pow_ = m.pow

        def func(pr: Any) -> Any:
            p = 1.0 - pr
            return initial * pow_(decay_rate, p)

        return func


@register
class CosineWarmupLRSchedule(_WholeRun):
    """Linear warmup from 0 over ``warmup_fraction`` of the run, then cosine to
    ``final_value`` (``type: cosine_warmup``); equals
    ``Warmup(10%) >> Cosine(i, f, 90%)`` for warmup_fraction 0.1.

    value = initial_value * (p / wf)                                    for p < wf
    value = final_value + 0.5 * (initial_value - final_value) * (1 + cos(pi * c))  after,
    c = (p - wf) / (1 - wf)

    Example: ``CosineWarmupLRSchedule(initial_value=0.0003, final_value=1e-05,
    warmup_fraction=0.1)``.
    """

    name = "CosineWarmupLRSchedule"
    params = (
        _INITIAL,
        _FINAL,
        Param(
            "warmup_fraction",
            Real(0.0, 1.0, lo_open=True, hi_open=True, label="fraction"),
            0.1,
            doc="the part of the run spent warming up",
        ),
    )
    example = "CosineWarmupLRSchedule(initial_value=0.0003, final_value=1e-05, warmup_fraction=0.1)"

    def progress_formula(self, m: Any) -> Callable[[Any], Any]:
        initial, final, wf = self.initial_value, self.final_value, self.warmup_fraction
        cos, pi, where = m.cos, m.pi, m.where

        def func(pr: Any) -> Any:
            p = 1.0 - pr
            c = (p - wf) / (1.0 - wf)
            return where(
                p < wf, initial * (p / wf), final + 0.5 * (initial - final) * (1.0 + cos(pi * c))
            )

        return func


@register
class PolynomialLRSchedule(_WholeRun):
    """Polynomial from ``initial_value`` to ``final_value`` over the run
    (``type: polynomial``); equals ``Polynomial(i, f, 100%, power=power)``.

    value = (initial_value - final_value) * pr ** power + final_value

    Example: ``PolynomialLRSchedule(initial_value=0.0003, final_value=1e-05, power=2.0)``.
    """

    name = "PolynomialLRSchedule"
    params = (
        _INITIAL,
        _FINAL,
        Param("power", Real(0.0, 1e6, label="exponent"), 2.0, doc="the exponent"),
    )
    example = "PolynomialLRSchedule(initial_value=0.0003, final_value=1e-05, power=2.0)"

    def progress_formula(self, m: Any) -> Callable[[Any], Any]:
        initial, final, power = self.initial_value, self.final_value, self.power
        pow_ = m.pow
        return lambda pr: (initial - final) * pow_(pr, power) + final
