"""lrspec for Keras 3: a ``keras.optimizers.schedules.LearningRateSchedule`` from a spec.

``LrspecSchedule(spec, total_steps=None, ...)`` (or ``schedule(spec, ...)``) computes the
rate with ``keras.ops`` through :meth:`lrspec.Schedule.traced`, so it runs on any backend and
inside compiled train steps, in Keras's float type (``keras.config.floatx()``, float32 by
default). ``get_config()`` holds the canonical spec text and the sizes its units use; the
class is registered as ``lrspec>LrspecSchedule``, so an optimizer's config, a saved model and
``keras.optimizers.schedules.serialize``/``deserialize`` round-trip it.

Keras fixes its backend at its first import, so this module touches Keras only when Keras is
already imported or the class is first asked for: import Keras (with ``KERAS_BACKEND`` set)
before ``lrspec.keras``, or use ``lrspec.keras.LrspecSchedule`` once before deserializing.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import Any

from .formats.config import load
from .model.units import SIZES
from .syntax.errors import StateError, UnitError, missing_sizes_hint, require_installed

# Keras is imported only when it is already loaded or first needed (it fixes its backend at
# its first import); its absence shows now.
require_installed("keras", "lrspec.keras", "Keras", "keras")

_OPS = (
    "cos",
    "exp",
    "log",
    "log1p",
    "tanh",
    "sqrt",
    "power",
    "floor",
    "minimum",
    "maximum",
    "where",
    "full_like",
    "take",
    "searchsorted",
)


def namespace() -> SimpleNamespace:
    """The math namespace of ``keras.ops`` for :meth:`lrspec.Schedule.traced`."""
    import keras  # type: ignore[import-untyped]  # Keras ships no type information
    from keras import ops

    from .compute.math_namespaces import traced_namespace

    floatx = keras.config.floatx()
    xp = SimpleNamespace(
        asarray=lambda x: ops.convert_to_tensor(x, dtype=floatx),
        # fmod is exact; mod (older Keras) equals it on the steps, all >= 0.
        fmod=getattr(ops, "fmod", ops.mod),
        **{name: getattr(ops, name) for name in _OPS},
    )
    return traced_namespace(xp, to_index=lambda x: ops.cast(x, "int32"))


def _define() -> type:
    import keras

    @keras.saving.register_keras_serializable(package="lrspec")
    class LrspecSchedule(keras.optimizers.schedules.LearningRateSchedule):  # type: ignore[misc]  # untyped Keras: base is Any
        """A Keras learning-rate schedule that follows an lrspec spec.

        ``spec`` is anything :func:`lrspec.load` accepts; ``total_steps``,
        ``steps_per_epoch``, ``samples_per_step`` and ``tokens_per_step`` resolve its units.
        Calling it with the optimizer's ``iterations`` gives the rate for that step. Stateful
        schedules (Plateau, KingScheduler) raise :class:`lrspec.StateError`: Keras's
        ``ReduceLROnPlateau`` callback covers them.
        """

        def __init__(
            self,
            spec: Any,
            total_steps: int | None = None,
            steps_per_epoch: int | None = None,
            samples_per_step: int | None = None,
            tokens_per_step: int | None = None,
        ) -> None:
            self.schedule = load(
                spec,
                total_steps=total_steps,
                steps_per_epoch=steps_per_epoch,
                samples_per_step=samples_per_step,
                tokens_per_step=tokens_per_step,
            )
            if self.schedule.stateful:
                raise StateError(
                    f"'{self.schedule}' reads a metric, so it cannot be a Keras "
                    "LearningRateSchedule (a function of the step)"
                )
            try:
                self._rate = self.schedule.traced(namespace())
            except UnitError as error:
                missing = error.missing or tuple(n for n in SIZES if n in self.schedule.needs)
                raise error.with_hint(
                    missing_sizes_hint(missing, "lrspec.keras.schedule()")
                ) from None

        def __call__(self, step: Any) -> Any:
            """The rate at ``step`` (the optimizer's ``iterations``), in Keras's floatx."""
            return self._rate(keras.ops.cast(step, keras.config.floatx()))

        def get_config(self) -> dict[str, Any]:
            """The canonical spec text and the sizes its units use."""
            sizes = self.schedule.sizes
            return {"spec": str(self.schedule), **{name: sizes.get(name) for name in SIZES}}

        def __repr__(self) -> str:
            return f"lrspec.keras.LrspecSchedule({self.schedule!r})"

    LrspecSchedule.__module__, LrspecSchedule.__qualname__ = __name__, "LrspecSchedule"
    globals()["LrspecSchedule"] = LrspecSchedule
    return LrspecSchedule


def __getattr__(name: str) -> Any:
    """``LrspecSchedule`` is defined (and registered with Keras) on first use."""
    if name == "LrspecSchedule":
        return _define()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def schedule(
    spec: Any,
    *,
    total_steps: int | None = None,
    steps_per_epoch: int | None = None,
    samples_per_step: int | None = None,
    tokens_per_step: int | None = None,
) -> Any:
    """An :class:`LrspecSchedule` for ``spec``, to pass as an optimizer's ``learning_rate``."""
    cls = globals().get("LrspecSchedule") or _define()
    return cls(
        spec,
        total_steps=total_steps,
        steps_per_epoch=steps_per_epoch,
        samples_per_step=samples_per_step,
        tokens_per_step=tokens_per_step,
    )


if "keras" in sys.modules:  # Keras and its backend are loaded: register the class now.
    _define()
