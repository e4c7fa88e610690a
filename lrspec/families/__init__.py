"""Every schedule family; importing this package registers them all (see ``registry``)."""

from . import axon, combinators, core, lr_schedule, nerva, numpy_ml, stateful  # noqa: F401
