"""Lightning and the transformers Trainer import torchvision whenever it is installed. The
torchvision wheel on PyPI is built against the CUDA build of torch, and with the CPU build its
compiled operators do not load: its import fails with "operator torchvision::nms does not
exist". :func:`hide_broken_torchvision` makes such a torchvision look absent (as on a machine
without it), so that both frameworks import; a torchvision that works is left alone."""

from __future__ import annotations

import importlib.util
import sys
from importlib.metadata import PackageNotFoundError
from pathlib import Path


def hide_broken_torchvision() -> bool:
    """Hide torchvision if its compiled operators cannot load; True if it was hidden."""
    if "torchvision" in sys.modules:
        return sys.modules["torchvision"] is None
    spec = importlib.util.find_spec("torchvision")
    if spec is None or spec.origin is None:
        return False
    import torch

    libraries = sorted(Path(spec.origin).parent.glob("_C*.so")) + sorted(
        Path(spec.origin).parent.glob("_C*.pyd")
    )
    try:
        for library in libraries:
            torch.ops.load_library(str(library))
        return False
    except OSError:
        pass
    for name in [m for m in sys.modules if m.startswith("torchvision.")]:
        del sys.modules[name]  # what an earlier, failed import left behind
    sys.modules["torchvision"] = None  # type: ignore[assignment]  # import finds nothing
    # transformers caches its answer: if it asked already, it asks again.
    checks = sys.modules.get("transformers.utils.import_utils")
    for name in dir(checks) if checks is not None else ():
        function = getattr(checks, name)
        if "torchvision" in name and hasattr(function, "cache_clear"):
            function.cache_clear()
    try:  # Lightning's torchmetrics asks the package metadata first
        from lightning_utilities.core import imports
    except ImportError:
        return True
    original = imports._version

    def version(name: str) -> str:
        if name == "torchvision":
            raise PackageNotFoundError(name)
        return original(name)

    imports._version = version
    return True
