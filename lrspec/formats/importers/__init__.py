"""Importers from the flag formats people already use, to lrspec schedules.

Each importer takes the original's arguments (with the original's defaults), gives a schedule
with the original's values, and the schedule prints as lrspec text:

    >>> from lrspec.formats import importers as imp
    >>> str(imp.from_hf("cosine", learning_rate=3e-4, num_training_steps=10_000, warmup_ratio=0.05))
    'Warmup(500) >> Cosine(0.0003, 0.0, 9500)'
    >>> str(imp.from_rl_zoo("lin_0.001"))
    'Linear(0.001, 0.0, 100%)'

- :func:`from_hf`: Hugging Face transformers (``lr_scheduler_type``, ``lr_scheduler_kwargs``,
  ``warmup_steps``/``warmup_ratio`` and the number of training steps);
- :func:`from_timm`: timm's ``--sched`` family of arguments (``create_scheduler_v2``);
- :func:`from_rl_zoo`: rl-zoo3's ``lin_0.001`` strings (and plain numbers);
- :func:`from_fairseq`: fairseq's ``inverse_sqrt`` with warmup updates.

What cannot be written exactly in lrspec (timm's noise, Hugging Face's ``greedy``) is a
``ConfigError`` that says so, never an approximation.
"""

from __future__ import annotations

from .fairseq import from_fairseq
from .hf import HF_TYPES, from_hf
from .rl_zoo import from_rl_zoo
from .timm import TIMM_SCHEDS, from_timm

__all__ = ["HF_TYPES", "TIMM_SCHEDS", "from_fairseq", "from_hf", "from_rl_zoo", "from_timm"]
