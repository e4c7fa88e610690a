"""Every schedule family. Importing this package registers lrspec's own families and each
library's namespace (``torch.``, ``hf.``, ...), whose module the registry imports on the first
use of a name in it (see ``registry.register_namespace``)."""

from collections.abc import Callable
from importlib import import_module

from ..model.registry import register_namespace
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


def _loader(module: str) -> Callable[[], object]:
    return lambda: import_module(module)


# In the order families() lists them.
for _prefix, _module in (
    ("hf.", "hf_namespace"),
    ("keras.", "keras_namespace"),
    ("optax.", "optax_namespace"),
    ("timm.", "timm_namespace"),
    ("torch.", "torch_namespace"),
):
    register_namespace(_prefix, f"{__name__}.{_module}", _loader(f"{__name__}.{_module}"))
