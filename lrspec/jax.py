"""lrspec for JAX and optax: a schedule as a traceable function of the step.

``schedule(spec)`` gives ``step -> learning rate`` written with ``jax.numpy`` through
:meth:`lrspec.Schedule.traced`, so it runs inside ``jax.jit`` and serves as optax's
``learning_rate``. Its values equal lrspec's NumPy values within float64 rounding when
``jax_enable_x64`` is on, and within float32 rounding otherwise (JAX's default dtype).

    >>> import jax, optax, lrspec.jax
    >>> lr = lrspec.jax.schedule("Warmup(100) >> Cosine(0.1, 0.0, 900)")
    >>> round(float(jax.jit(lr)(50)), 6), round(float(lr(100)), 6)
    (0.05, 0.1)
    >>> optimizer = optax.adamw(learning_rate=lr)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .formats.config import load
from .schedule.schedule import Schedule
from .syntax.errors import StateError


def namespace() -> Any:
    """The math namespace of ``jax.numpy`` for :meth:`lrspec.Schedule.traced`."""
    import jax.numpy as jnp

    from .compute.math_namespaces import traced_namespace

    return traced_namespace(jnp)


def schedule(
    spec: Any, *, total_steps: int | None = None, steps_per_epoch: int | None = None
) -> Callable[[Any], Any]:
    """A function ``step -> learning rate`` for JAX: pure, traceable, usable as optax's
    ``learning_rate``.

    ``spec`` is anything :func:`lrspec.load` accepts (text, a number, the dict form, a
    Schedule); ``total_steps``/``steps_per_epoch`` resolve its units. The step may be a Python
    number or an array of any shape (optax passes its int32 ``count``); the result is a float
    array of the same shape, in JAX's default float dtype. The function's ``schedule``
    attribute is the :class:`lrspec.Schedule` it computes. Stateful schedules (Plateau,
    KingScheduler) read a metric on the host and raise :class:`lrspec.StateError`.
    """
    import jax.numpy as jnp

    s: Schedule = load(spec, total_steps=total_steps, steps_per_epoch=steps_per_epoch)
    if s.stateful:
        raise StateError(
            f"'{s}' reads a metric, so it cannot be a JAX schedule (a pure function of the step)",
            hint="call s.step(metric) on the host and pass the rate to "
            "optax.inject_hyperparams instead",
        )
    traced = s.traced(namespace())

    def learning_rate(step):
        # JAX's default float: float64 when x64 is on, else float32.
        return traced(jnp.asarray(step, dtype=jnp.result_type(float)))

    learning_rate.schedule = s  # type: ignore[attr-defined]
    learning_rate.__doc__ = f"lrspec schedule '{s}' as a function of the step."
    return learning_rate
