"""``python -m lrspec``: the ``lrspec`` command (see :mod:`lrspec.cli`)."""

from __future__ import annotations

import sys

if __name__ == "__main__":
    from .cli import main

    sys.exit(main())
