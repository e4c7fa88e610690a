"""lrspec for PyTorch: a real ``torch.optim.lr_scheduler.LRScheduler`` driven by a spec.

PyTorch's convention holds: creating the scheduler sets step 0, each ``scheduler.step()``
(after ``optimizer.step()``) moves to the next step, and the optimizer's ``lr`` read before
``optimizer.step()`` is lrspec's value for that step, exactly.

    >>> import torch, lrspec.torch
    >>> model = torch.nn.Linear(2, 1)
    >>> optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    >>> sched = lrspec.torch.scheduler(optimizer, "Warmup(10) >> Cosine(0.1, 0.0, 90)")
    >>> for _ in range(5):
    ...     optimizer.step()
    ...     sched.step()
    >>> optimizer.param_groups[0]["lr"] == lrspec.parse("Warmup(10) >> Cosine(0.1, 0.0, 90)")(5)
    True

**Param groups.** By default every group's lr is the schedule's value. With
``multiplier=True`` the schedule is a factor instead: group ``i`` gets
``initial_lr_i * s(t)``, where ``initial_lr_i`` is the group's lr when the scheduler was
created (PyTorch's ``base_lrs``, as ``LambdaLR`` uses them), so a backbone at 1e-4 and a head
at 1e-3 keep their ratio under ``Warmup(100) >> Cosine(1.0, 0.0, 900)``.
"""

from __future__ import annotations

import numbers
from typing import Any

import torch
from torch.optim.lr_scheduler import LRScheduler

from .formats.config import load
from .schedule.schedule import Schedule
from .syntax.errors import StateError


class LrspecScheduler(LRScheduler):
    """A PyTorch scheduler that sets each param group's lr from an lrspec schedule.

    ``last_epoch`` is the step whose rate the optimizer holds. ``step()`` advances one step;
    a stateful schedule (Plateau, KingScheduler) takes the newest metric, ``step(metric)``.
    ``seek(t)`` jumps to step ``t`` (a set, not a replay). ``state_dict()`` holds plain Python
    values only (the canonical spec, its bindings, the step, the stateful part's state), so
    ``torch.load`` reads it with ``weights_only=True``.
    """

    def __init__(
        self, optimizer: torch.optim.Optimizer, schedule: Schedule, *, multiplier: bool = False
    ) -> None:
        # bind() makes a copy: the scheduler owns the state of a stateful schedule.
        self.schedule = schedule.bind()
        self.multiplier = bool(multiplier)
        super().__init__(optimizer)

    def get_lr(self) -> list[Any]:
        """The rates of the param groups at step ``last_epoch``."""
        rate = self.schedule(self.last_epoch)
        if self.multiplier:
            return [base * rate for base in self.base_lrs]
        return [rate] * len(self.optimizer.param_groups)

    def step(self, metric: Any = None) -> None:  # type: ignore[override]
        """Move to the next step; a stateful schedule first observes ``metric`` (the newest
        loss or score, a number or a 0-dim tensor)."""
        if self.last_epoch >= 0:  # not the step the constructor takes
            if self.schedule.stateful:
                if metric is None:
                    raise StateError(f"'{self.schedule}' reads a metric: call step(metric)")
                self.schedule.step(metric)
            elif metric is not None:
                raise StateError(f"'{self.schedule}' does not read a metric: call step()")
        super().step()

    def seek(self, step: int) -> None:
        """Set the optimizer's rates to those of ``step``, as if ``step`` steps had passed.
        Only for pure schedules: a stateful one depends on the metrics it has seen."""
        if self.schedule.stateful:
            raise StateError(
                f"cannot seek in '{self.schedule}': its rate depends on the metrics seen",
                hint="restore a saved state with load_state_dict()",
            )
        self.last_epoch = _whole_step(step)
        self._apply()

    def state_dict(self) -> dict[str, Any]:
        """The canonical spec, its bindings, the mode, the step, the base rates and (for a
        stateful schedule) its state, in plain Python types."""
        s = self.schedule
        return {
            "spec": str(s),
            "total_steps": s.total_steps,
            "steps_per_epoch": s.steps_per_epoch,
            "multiplier": self.multiplier,
            "step": self.last_epoch,
            "base_lrs": list(self.base_lrs),
            "schedule_state": s.state_dict() if s.stateful else None,
        }

    def load_state_dict(
        self, state_dict: dict[str, Any], *, allow_spec_change: bool = False
    ) -> None:
        """Resume from :meth:`state_dict`: the step, the base rates and the stateful state,
        and set the optimizer's rates for that step.

        A state saved under another spec (or other bindings or mode) raises
        :class:`lrspec.StateError`; with ``allow_spec_change=True`` the run continues at the
        saved step under this scheduler's spec (a stateful part then starts afresh there).
        """
        state = state_dict
        if not isinstance(state, dict) or not {"spec", "step"} <= state.keys():
            raise StateError(
                "not a state from an lrspec.torch scheduler's state_dict(): "
                f"got {type(state).__name__}"
            )
        step = _whole_step(state["step"])
        saved, mine = _describe(state), _describe(self.state_dict())
        if saved != mine and not allow_spec_change:
            raise StateError(
                f"the saved scheduler state is for {saved}, but this scheduler runs {mine}",
                hint=f"pass allow_spec_change=True to load_state_dict() to continue at step "
                f"{step} under the new spec",
            )
        if self.schedule.stateful:
            if saved == mine:
                self.schedule.load_state_dict(state["schedule_state"])
            else:
                fresh = self.schedule.bind().state_dict()
                self.schedule.load_state_dict({**fresh, "count": step})
        if len(state.get("base_lrs") or ()) == len(self.optimizer.param_groups):
            self.base_lrs = list(state["base_lrs"])
        self.last_epoch = step
        self._apply()

    def _apply(self) -> None:
        for group, rate in zip(self.optimizer.param_groups, self.get_lr()):
            if isinstance(group["lr"], torch.Tensor):
                group["lr"].fill_(rate)
            else:
                group["lr"] = rate
        self._last_lr = [
            group["lr"].clone() if isinstance(group["lr"], torch.Tensor) else group["lr"]
            for group in self.optimizer.param_groups
        ]


def scheduler(
    optimizer: torch.optim.Optimizer,
    spec: Any,
    *,
    multiplier: bool = False,
    total_steps: int | None = None,
    steps_per_epoch: int | None = None,
) -> LrspecScheduler:
    """A PyTorch LR scheduler that follows ``spec`` (anything :func:`lrspec.load` accepts:
    text, a Schedule, a number, the dict form); ``total_steps``/``steps_per_epoch`` resolve
    its units. With ``multiplier=True`` each group's lr is its initial lr times the schedule.
    """
    schedule = load(spec, total_steps=total_steps, steps_per_epoch=steps_per_epoch)
    return LrspecScheduler(optimizer, schedule, multiplier=multiplier)


def _whole_step(step: Any) -> int:
    if isinstance(step, bool) or not isinstance(step, numbers.Integral) or step < 0:
        raise StateError(f"a step must be a whole number >= 0, got {step!r}")
    return int(step)


def _describe(state: dict[str, Any]) -> str:
    bound = "".join(
        f", {name}={state[name]}"
        for name in ("total_steps", "steps_per_epoch")
        if state.get(name) is not None
    )
    mode = " as a multiplier" if state.get("multiplier") else ""
    return f"'{state['spec']}'{bound}{mode}"
