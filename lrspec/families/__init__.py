"""Every schedule family; importing this package registers them all (see ``registry``)."""

from . import (  # noqa: F401
    axon,
    combinators,
    core,
    lr_schedule,
    nerva,
    numpy_ml,
    shapes,
    stateful,
)
