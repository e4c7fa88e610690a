"""lrspec for JAX and optax: schedules as traceable functions of the step.

``schedule(spec)`` gives ``step -> value`` written with ``jax.numpy`` through
:meth:`lrspec.Schedule.traced`, so it runs inside ``jax.jit`` and serves as optax's
``learning_rate``, or as any hyperparameter that ``optax.inject_hyperparams`` schedules
(``hyperparameters(...)`` makes several at once). With ``jax_enable_x64`` on, its values
equal lrspec's within float64 rounding. In JAX's default float32, every value is within two
float32 roundings of the schedule's largest value: the error is absolute, so where a curve
comes close to zero (the last steps of a cosine that ends at 0) a value may lose most of its
own digits.

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
from .model.units import SIZES
from .schedule.schedule import Schedule
from .syntax.errors import StateError, UnitError, missing_sizes_hint, require_installed

# JAX itself is imported at the first schedule (it takes a while); its absence shows now.
require_installed("jax", "lrspec.jax", "JAX", "jax")


def namespace() -> Any:
    """The math namespace of ``jax.numpy`` for :meth:`lrspec.Schedule.traced`."""
    import jax.numpy as jnp

    from .compute.math_namespaces import traced_namespace

    return traced_namespace(jnp)


def schedule(
    spec: Any,
    *,
    total_steps: int | None = None,
    steps_per_epoch: int | None = None,
    samples_per_step: int | None = None,
    tokens_per_step: int | None = None,
) -> Callable[[Any], Any]:
    """A function ``step -> value`` for JAX: pure, traceable, usable as optax's
    ``learning_rate`` or any hyperparameter ``optax.inject_hyperparams`` takes.

    ``spec`` is anything :func:`lrspec.load` accepts (text, a number, the dict form, a
    Schedule); ``total_steps``, ``steps_per_epoch``, ``samples_per_step`` and
    ``tokens_per_step`` resolve its units. The step may be a Python or NumPy number, a torch
    scalar, or a JAX array of any shape (optax passes its int32 ``count``); the result is a
    float array of the same shape, in JAX's default float dtype. The function's ``schedule``
    attribute is the :class:`lrspec.Schedule` it computes. Stateful schedules (Plateau,
    KingScheduler) read a metric on the host and raise :class:`lrspec.StateError`.
    """
    import jax.numpy as jnp

    sizes = {
        "total_steps": total_steps,
        "steps_per_epoch": steps_per_epoch,
        "samples_per_step": samples_per_step,
        "tokens_per_step": tokens_per_step,
    }
    s: Schedule = load(spec, **sizes)
    if s.stateful:
        raise StateError(
            f"'{s}' reads a metric, so it cannot be a JAX schedule (a pure function of the step)",
            hint="call s.step(metric) on the host and pass the rate to "
            "optax.inject_hyperparams instead",
        )
    try:
        traced = s.traced(namespace())
    except UnitError as error:
        missing = error.missing or tuple(n for n in SIZES if n in s.needs)
        raise error.with_hint(missing_sizes_hint(missing, "lrspec.jax.schedule()")) from None

    def value(step: Any) -> Any:
        # JAX's default float: float64 when x64 is on, else float32.
        return traced(jnp.asarray(step, dtype=jnp.result_type(float)))

    value.schedule = s  # type: ignore[attr-defined]
    value.__doc__ = f"lrspec schedule '{s}' as a function of the step."
    return value


def hyperparameters(
    *,
    total_steps: int | None = None,
    steps_per_epoch: int | None = None,
    samples_per_step: int | None = None,
    tokens_per_step: int | None = None,
    **specs: Any,
) -> dict[str, Callable[[Any], Any]]:
    """One :func:`schedule` per keyword, for ``optax.inject_hyperparams``: each keyword is a
    hyperparameter of the optax optimizer (``learning_rate``, ``b1``, ``weight_decay``, ...)
    and its value a spec; the sizes resolve the units of all of them.

        >>> import optax, lrspec.jax
        >>> optimizer = optax.inject_hyperparams(optax.adamw)(**lrspec.jax.hyperparameters(
        ...     learning_rate="Warmup(100) >> Cosine(1e-3, 0, 900)",
        ...     weight_decay="Linear(0.0, 0.05, 1000)"))
    """
    sizes = {
        "total_steps": total_steps,
        "steps_per_epoch": steps_per_epoch,
        "samples_per_step": samples_per_step,
        "tokens_per_step": tokens_per_step,
    }
    made = {}
    for name, spec in specs.items():
        try:
            made[name] = schedule(spec, **sizes)
        except UnitError as error:
            if not error.missing:
                raise
            raise error.with_hint(
                missing_sizes_hint(error.missing, "lrspec.jax.hyperparameters()")
            ) from None
    return made
