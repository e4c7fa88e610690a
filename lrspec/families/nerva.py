"""nerva-numpy's five schedulers (``nerva_numpy.learning_rate``), epoch-indexed: t = epoch.

Every string nerva-numpy's ``parse_learning_rate`` accepts parses here to the same values.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ..compute import kernels
from ..compute.math_namespaces import ARRAY, SCALAR
from ..model.expr import Builder
from ..model.family import Param
from ..model.registry import register
from ..model.types import RATE, STEPS, ListOf, Real
from .core import _Endless

_FACTOR = Real(0.0, 1.0, label="factor")


@register
class TimeBased(_Endless):
    """Time-based decay, as nerva-numpy's compounding ``TimeBasedScheduler`` computes it when
    called for epochs 0, 1, 2, ... in order, here as a pure function of t:

    value(t) = lr / ((1 + decay * 1) * (1 + decay * 2) * ... * (1 + decay * floor(t)))

    The first 65536 values are nerva's own sequence of divisions, bit for bit; beyond that
    (only reached when decay is tiny) the product is continued in log space.

    Example: ``TimeBased(0.1, 0.01)``.
    """

    name = "TimeBased"
    origin = "nerva-numpy"
    params = (
        Param("lr", RATE, doc="the rate at epoch 0"),
        Param("decay", Real(0.0, 1e300, label="number"), doc="the decay per epoch"),
    )
    example = "TimeBased(0.1, 0.01)"

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        table = _CompoundingTable(self.lr, self.decay)
        return kernels.Kernel(math.inf, table.scalar, table.fill, table.traced)


class _CompoundingTable:
    """nerva's values ``lr / (1 + d) / (1 + 2d) / ...``, computed once, then looked up."""

    SIZE = 1 << 16

    def __init__(self, lr: float, decay: float) -> None:
        self.decay = decay
        divisors = 1 + decay * np.arange(1, self.SIZE, dtype=float)
        # Sequential left-to-right division: the very operations nerva performs.
        self.array = np.divide.accumulate(np.concatenate(([lr], divisors)))
        self.values: list[float] = self.array.tolist()
        self.last: float = self.values[-1]

    def _beyond(self, m: Any, n: Any) -> Any:
        """Continue past the table: last * exp(-(sum of log1p(d k) for k in SIZE..n)).

        The sum is the Euler-Maclaurin estimate from the integral of log1p(d k); this is only
        reached when d is so small that the table has not yet decayed to zero.
        """
        d, a = self.decay, float(self.SIZE - 1)
        integral = (_g(m, d * n) - _g(m, d * a)) / d
        ends = (m.log1p(d * n) - m.log1p(d * a)) / 2
        slopes = (d / (1 + d * n) - d / (1 + d * a)) / 12
        return self.last * m.exp(-(integral + ends + slopes))

    def scalar(self, t: float) -> float:
        n = int(t)
        if n < self.SIZE:
            return self.values[n]
        if self.last == 0.0 or self.decay == 0.0:
            return self.last
        beyond: float = self._beyond(SCALAR, t // 1.0)
        return beyond

    def traced(self, t: Any, m: Any) -> Any:
        n = m.floor(t)
        inside = m.take(m.asarray(self.array), m.to_index(m.minimum(n, self.SIZE - 1)))
        if self.last == 0.0 or self.decay == 0.0:
            return m.where(n < self.SIZE, inside, self.last)
        return m.where(n < self.SIZE, inside, self._beyond(m, m.maximum(n, self.SIZE - 1)))

    def fill(self, t: np.ndarray, out: np.ndarray, ordered: bool) -> None:
        n = np.floor(t)
        inside = n < self.SIZE
        out[inside] = self.array[n[inside].astype(np.int64)]
        if not inside.all():
            far = n[~inside]
            if self.last == 0.0 or self.decay == 0.0:
                out[~inside] = self.last
            else:
                out[~inside] = self._beyond(ARRAY, far)


def _g(m: Any, u: Any) -> Any:
    """(1 + u) * log1p(u) - u, accurately also for small u (where it is about u**2 / 2)."""
    series = u * u * (0.5 - u * (1 / 6 - u * (1 / 12 - u / 20)))
    direct = (1 + u) * m.log1p(u) - u
    return m.where(u < 1e-3, series, direct)


@register
class StepBased(_Endless):
    """nerva-numpy's step decay (note the ``1 + t``: the first drop comes one epoch early).

    value(t) = lr * drop_rate ** floor((1 + t) / change_rate)

    Example: ``StepBased(0.1, 0.5, 10)``.
    """

    name = "StepBased"
    origin = "nerva-numpy"
    params = (
        Param("lr", RATE, doc="the rate at epoch 0"),
        Param("drop_rate", _FACTOR, doc="the factor of each drop"),
        Param(
            "change_rate",
            Real(0.0, 1e300, lo_open=True, label="epochs"),
            doc="epochs between two drops",
        ),
    )
    example = "StepBased(0.1, 0.5, 10)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        lr, drop_rate, change_rate = self.lr, self.drop_rate, self.change_rate
        pow_, floor = m.pow, m.floor

        def value(t: Any) -> Any:
            return lr * pow_(drop_rate, floor((1.0 + t) / change_rate))

        return value


@register
class MultiStepLR(_Endless):
    """Multiply by ``gamma`` at each milestone (nerva-numpy's and PyTorch's ``MultiStepLR``).

    value(t) = lr * gamma ** (number of milestones <= t)

    Example: ``MultiStepLR(0.1;1,3,5;0.1)``, the same as ``MultiStepLR(0.1, [1, 3, 5], 0.1)``.
    """

    name = "MultiStepLR"
    origin = "nerva-numpy, PyTorch"
    params = (
        Param("lr", RATE, doc="the rate before the first milestone"),
        Param("milestones", ListOf(STEPS, ascending=True), doc="ascending steps of the drops"),
        Param("gamma", Real(0.0, 1e300, label="factor"), doc="the factor of each drop"),
    )
    example = "MultiStepLR(0.1;1,3,5;0.1)"

    def _values(self) -> list[float]:
        # One rate per number of milestones passed, multiplied in turn as nerva-numpy does
        # (PyTorch's lr * gamma ** count agrees to the last bit or two).
        values = [self.lr]
        for _ in self.milestones:
            values.append(values[-1] * self.gamma)
        return values

    def check(self) -> None:
        if not all(math.isfinite(v) for v in self._values()):
            self.fail(
                "gamma",
                f"makes the rate overflow after {len(self.milestones)} "
                f"milestones, got {self.gamma}",
            )

    def kernel(self, builder: Builder, offset: float) -> kernels.Kernel:
        return kernels.lookup(self.milestones, self._values())


@register
class Exponential(_Endless):
    """nerva-numpy's exponential decay (the natural exponential of the epoch).

    value(t) = lr * exp(-change_rate * t)

    Example: ``Exponential(0.1, 0.05)``.
    """

    name = "Exponential"
    origin = "nerva-numpy"
    params = (
        Param("lr", RATE, doc="the rate at epoch 0"),
        Param("change_rate", Real(0.0, 1e300, label="number"), doc="the decay per epoch"),
    )
    example = "Exponential(0.1, 0.05)"

    def formula(self, m: Any) -> Callable[[Any], Any]:
        lr, change_rate = self.lr, self.change_rate
        exp = m.exp

        def value(t: Any) -> Any:
            return lr * exp(-change_rate * t)

        return value
