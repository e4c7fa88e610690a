"""Every schedule family; importing this package registers them all (see ``registry``)."""

from . import (  # noqa: F401
    axon,
    combinators,
    core,
    hf_namespace,
    keras_namespace,
    lr_schedule,
    nerva,
    numpy_ml,
    optax_namespace,
    shapes,
    stateful,
    timm_namespace,
    torch_namespace,
)
