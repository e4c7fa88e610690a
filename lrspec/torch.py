"""lrspec for PyTorch: a real ``torch.optim.lr_scheduler.LRScheduler`` driven by specs.

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

**Any hyperparameter.** Keywords name param-group keys, each with its own spec:
``scheduler(optimizer, lr=..., momentum=..., weight_decay=...)``; ``beta1=`` and ``beta2=``
drive the elements of Adam's ``betas``. The positional spec is the ``lr``.

**Param groups.** A spec is one for every group, a list with one spec per group (``None``
leaves a group alone), or a mapping from group names (a group's ``"name"`` key) to specs.
By default a spec gives each group its values. With ``multiplier=True`` it is a factor
instead: group ``i`` gets ``base_i * s(t)``, where ``base_i`` is the group's value when the
scheduler was created (PyTorch's ``base_lrs`` for the rate, as ``LambdaLR`` uses them). A
library's spec that leaves ``lr=`` at its default (``torch.CosineAnnealingLR(T_max=100)``)
is such a multiplier without asking, and is computed as the library computes it, from each
group's own rate (its absolute floors such as ``eta_min`` are not multiplied).

**Metric-driven specs** (``Plateau``, ``KingScheduler``, ``torch.ReduceLROnPlateau(...)``)
give an instance of ``torch.optim.lr_scheduler.ReduceLROnPlateau``, which Lightning and the
transformers Trainer feed with the metric they monitor. Such a scheduler counts the
optimizer's steps itself; ``step(metric)`` gives it the newest metric (every step, every
epoch or every evaluation, as the loop does).
"""

from __future__ import annotations

import math
import numbers
import operator
import weakref
from collections.abc import Mapping
from typing import Any

from .formats.config import load
from .model.units import SIZES
from .schedule.schedule import Schedule
from .syntax.errors import (
    ArgumentError,
    LrspecError,
    StateError,
    UnitError,
    missing_dependency,
    missing_sizes_hint,
)
from .syntax.limits import MAX_STEPS

try:
    import torch
    from torch.optim.lr_scheduler import LRScheduler, ReduceLROnPlateau
except ModuleNotFoundError as error:
    if error.name is None or error.name.split(".")[0] != "torch":
        raise
    raise missing_dependency("lrspec.torch", "PyTorch", "torch") from None

_Tensor = torch.Tensor
_WHERE = "lrspec.torch.scheduler()"
#: Keywords that stand for an element of a tuple-valued param-group key.
_ELEMENTS = {"beta1": ("betas", 0), "beta2": ("betas", 1)}


class _Driven:
    """One param-group key (``lr``, ``momentum``, an element of ``betas``, ...) and the
    schedule that drives it in each group.

    ``specs[i]`` is the schedule as given (``None``: group ``i`` is left alone);
    ``actual[i]`` the schedule evaluated for it (the spec itself, or the spec with the group's
    own base rate); ``scale[i]`` a factor it is multiplied by (the group's base value, in
    multiplier mode), or None.
    """

    __slots__ = (
        "name",
        "key",
        "index",
        "form",
        "specs",
        "multiplied",
        "bases",
        "actual",
        "scale",
        "shared",
        "companion",
    )

    def __init__(
        self, name: str, key: str, index: int | None, form: str, specs: list[Schedule | None]
    ) -> None:
        self.name, self.key, self.index, self.form, self.specs = name, key, index, form, specs
        self.multiplied: list[bool] = [False] * len(specs)
        self.bases: list[float | None] = [None] * len(specs)
        self.actual: list[Schedule | None] = list(specs)
        self.scale: list[float | None] = [None] * len(specs)
        self.shared: Schedule | None = None
        self.companion = False

    def arm(self, bases: list[float | None], reference: float | None = None) -> None:
        """Make the schedules each group evaluates, for these base values (``reference``: the
        optimizer's default value of the key, for a library that scales one factor by it)."""
        self.bases = list(bases)
        for i, spec in enumerate(self.specs):
            self.actual[i], self.scale[i] = spec, None
            if spec is None or not self.multiplied[i]:
                continue
            base = bases[i]
            assert base is not None
            scope = spec.base_rate_scope()
            if scope == "optimizer" and reference:
                # Hugging Face: the group's rate times lr_lambda(t), whose floors are taken
                # relative to the optimizer's default rate.
                rated = spec.with_base_rate(reference)
                assert rated is not None  # None only where base_rate_scope() is None
                self.actual[i] = _compiled(rated)
                self.scale[i] = base / reference
            elif scope is not None:
                rated = spec.with_base_rate(base)
                assert rated is not None  # None only where base_rate_scope() is None
                self.actual[i] = _compiled(rated)
            else:
                self.scale[i] = base
        first = self.actual[0]
        same = all(a is first for a in self.actual) and all(c is None for c in self.scale)
        self.shared = first if same and first is not None else None

    def values(self, t: int) -> list[float | None]:
        shared = self.shared
        if shared is not None:
            return [shared(t)] * len(self.actual)
        return [
            None if s is None else (s(t) if c is None else c * s(t))
            for s, c in zip(self.actual, self.scale)
        ]

    def text(self) -> Any:
        """The spec as the state records it: one text, or one per group."""
        if self.form == "one":
            return str(self.specs[0])
        return [None if s is None else str(s) for s in self.specs]


class LrspecScheduler(LRScheduler):
    """A PyTorch scheduler that sets param-group values from lrspec schedules.

    Takes what :func:`scheduler` takes. ``last_epoch`` is the step whose values the optimizer
    holds. ``step()`` advances one step. ``seek(t)`` jumps to step ``t`` (a set, not a
    replay). ``state_dict()`` holds plain Python values only (the canonical specs, the sizes
    their units use, the step, the base values, the metric-driven parts' state), so
    ``torch.load`` reads it with ``weights_only=True``.

    A spec that reads a metric makes the scheduler a :class:`LrspecPlateauScheduler` (an
    instance of torch's ``ReduceLROnPlateau`` as well), which counts optimizer steps itself
    and takes the metric in ``step(metric)``.
    """

    def __init__(
        self,
        optimizer: torch.optim.Optimizer,
        spec: Any = None,
        *,
        multiplier: bool | None = None,
        total_steps: int | None = None,
        steps_per_epoch: int | None = None,
        samples_per_step: int | None = None,
        tokens_per_step: int | None = None,
        **hyperparameters: Any,
    ) -> None:
        sizes = {
            "total_steps": total_steps,
            "steps_per_epoch": steps_per_epoch,
            "samples_per_step": samples_per_step,
            "tokens_per_step": tokens_per_step,
        }
        self._setup(optimizer, spec, multiplier, sizes, hyperparameters)

    # -- construction -----------------------------------------------------------------------

    def _setup(
        self,
        optimizer: Any,
        spec: Any,
        multiplier: Any,
        sizes: dict[str, Any],
        hyperparameters: dict[str, Any],
    ) -> None:
        if not isinstance(optimizer, torch.optim.Optimizer):
            raise ArgumentError(
                f"lrspec.torch.scheduler() takes a torch optimizer, got {type(optimizer).__name__}"
            )
        if multiplier is not None and not isinstance(multiplier, bool):
            raise ArgumentError(f"multiplier must be True, False or None, got {multiplier!r}")
        if spec is not None:
            if "lr" in hyperparameters:
                raise ArgumentError("the rate is given twice: as the spec and as lr=")
            hyperparameters = {"lr": spec, **hyperparameters}
        if not hyperparameters:
            raise ArgumentError(
                "lrspec.torch.scheduler() needs a spec",
                hint="pass the rate's spec, or keywords naming param-group keys: "
                "lr=..., momentum=..., weight_decay=...",
            )
        self.optimizer = optimizer
        self.multiplier = multiplier
        groups = optimizer.param_groups
        self._driven: list[_Driven] = []
        for name, value in hyperparameters.items():
            key, index = _ELEMENTS.get(name, (name, None))
            form, specs = _per_group(name, value, groups, sizes)
            driven = _Driven(name, key, index, form, specs)
            for i, s in enumerate(specs):
                if s is None:
                    continue
                _check_key(optimizer, i, name, key, index)
                driven.multiplied[i] = multiplier if multiplier is not None else _relative(s)
            self._driven.append(driven)
        lr = self._lr_driven()
        if lr is not None:
            self._add_companions(lr)
        self._sizes = {
            name: size
            for name, size in sizes.items()
            if size is not None
            and any(name in s.needs for d in self._driven for s in d.specs if s is not None)
        }
        for driven in self._driven:
            driven.arm(self._initial_bases(driven), self._reference(driven))
        self._find_stateful()
        # A scheduler that reads a metric is torch's ReduceLROnPlateau too (for Lightning and
        # the transformers Trainer), and counts the optimizer's steps itself.
        wanted = LrspecPlateauScheduler if self._stateful else LrspecScheduler
        if type(self) in (LrspecScheduler, LrspecPlateauScheduler) and type(self) is not wanted:
            self.__class__ = wanted
        if self._stateful:
            reference = weakref.ref(self)

            def counted(opt: Any, args: Any, kwargs: Any) -> None:
                sched = reference()
                if sched is not None:
                    sched._optimizer_stepped()

            handle = optimizer.register_step_post_hook(counted)
            weakref.finalize(self, handle.remove)
        LRScheduler.__init__(self, optimizer)

    def _find_stateful(self) -> None:
        """The distinct metric-driven schedules the groups evaluate, and their counts."""
        self._stateful: list[Schedule] = []
        for driven in self._driven:
            for s in driven.actual:
                if s is not None and s.stateful and all(s is not o for o in self._stateful):
                    self._stateful.append(s)
        self._counts = [s.state_dict()["count"] for s in self._stateful]

    def _lr_driven(self) -> _Driven | None:
        return next((d for d in self._driven if d.key == "lr" and d.index is None), None)

    def _add_companions(self, lr: _Driven) -> None:
        """The other hyperparameters the rate's library drives with it (torch's OneCycleLR and
        CyclicLR cycle the momentum, or Adam's beta1), as that library applies them."""
        made: dict[str, list[Schedule | None]] = {}
        for i, spec in enumerate(lr.specs):
            if spec is None:
                continue
            for name, companion in spec.companions().items():
                made.setdefault(name, [None] * len(lr.specs))[i] = _compiled(companion)
        for name, specs in made.items():
            defaults = self.optimizer.defaults
            if name != "momentum":
                key, index = name, None
            elif "betas" in defaults:
                key, index = "betas", 0
            elif "momentum" in defaults:
                key, index = "momentum", None
            else:
                raise ArgumentError(
                    f"the spec cycles the momentum, but {type(self.optimizer).__name__} has "
                    "neither momentum nor betas",
                    hint="pass cycle_momentum=False in the spec, as PyTorch requires",
                )
            for driven in self._driven:
                if (driven.key, driven.index) == (key, index):
                    raise ArgumentError(
                        f"{driven.name}= is given, but the rate's spec drives it too "
                        f"({name} of its library)",
                        hint="drop one of them (cycle_momentum=False in the spec turns the "
                        "library's off)",
                    )
            for i in range(len(specs)):
                if specs[i] is not None:
                    _check_key(self.optimizer, i, name, key, index)
            driven = _Driven(name, key, index, "one", specs)
            driven.companion = True
            self._driven.append(driven)

    def _reference(self, driven: Any) -> float | None:
        """The optimizer's default value of the key a spec drives (its ``defaults['lr']`` for
        the rate), or None."""
        value = self.optimizer.defaults.get(driven.key) if driven.index is None else None
        return float(value) if isinstance(value, (int, float)) and value else None

    def _initial_bases(self, driven: _Driven) -> list[float | None]:
        bases: list[float | None] = []
        for group, spec in zip(self.optimizer.param_groups, driven.specs):
            if spec is None:
                bases.append(None)
            elif driven.key == "lr" and driven.index is None:
                bases.append(_plain(group.get("initial_lr", group["lr"])))
            else:
                bases.append(_plain(_read(group, driven.key, driven.index)))
        return bases

    # -- the LRScheduler protocol -----------------------------------------------------------

    def get_lr(self) -> list[Any]:
        """The rates of the param groups at step ``last_epoch``."""
        lr = self._lr_driven()
        current = [group["lr"] for group in self.optimizer.param_groups]
        if lr is None:
            return current
        values = lr.values(self.last_epoch)
        return [c if v is None else v for c, v in zip(current, values)]

    def step(self, metric: Any = None) -> None:
        """Move to the next step and set the optimizer's values for it."""
        if metric is not None:
            raise StateError(
                f"{self._describe_specs()} does not read a metric: call step()",
            )
        if self._step_count == 1 and not self._is_initial:
            self._check_order()
        self._step_count += 1
        t = self.last_epoch + 1
        self.last_epoch = t
        self._apply(t)

    def _optimizer_stepped(self) -> None:
        """After each ``optimizer.step()``: nothing here (a metric-driven scheduler counts)."""

    def _check_order(self) -> None:
        """PyTorch's warning when ``scheduler.step()`` comes before ``optimizer.step()``."""
        saved = self._step_count
        try:
            self._update_lr = lambda epoch=None: None  # type: ignore[method-assign]
            LRScheduler.step(self)
        finally:
            del self._update_lr
            self._step_count = saved

    def seek(self, step: Any) -> None:
        """Set the optimizer's values to those of ``step``, as if ``step`` steps had passed.
        Only for pure schedules: a metric-driven one depends on the metrics it has seen."""
        if self._stateful:
            raise StateError(
                f"cannot seek in {self._describe_specs()}: its rate depends on the metrics seen",
                hint="restore a saved state with load_state_dict()",
            )
        self.last_epoch = _whole_step(step, "a step")
        self._apply(self.last_epoch)

    def _apply(self, t: int) -> None:
        groups = self.optimizer.param_groups
        for driven in self._driven:
            key, index = driven.key, driven.index
            for group, value in zip(groups, driven.values(t)):
                if value is None:
                    continue
                if index is None:
                    old = group[key]
                    if isinstance(old, _Tensor):
                        old.fill_(value)
                    else:
                        group[key] = value
                else:
                    _write_element(group, key, index, value)
        self._last_lr = [
            lr.clone() if isinstance(lr, _Tensor) else lr
            for lr in [group["lr"] for group in groups]
        ]

    # -- state ------------------------------------------------------------------------------

    @property
    def schedule(self) -> Schedule | None:
        """The rate's schedule when one spec drives every group (else None)."""
        lr = self._lr_driven()
        return lr.specs[0] if lr is not None and lr.form == "one" else None

    @property
    def schedules(self) -> dict[str, list[Schedule | None]]:
        """Each driven key's schedule in each param group (``None``: left alone), by the name
        it was given with; a library's companions (``momentum``) included."""
        return {d.name: list(d.specs) for d in self._driven}

    def state_dict(self) -> dict[str, Any]:
        """The canonical specs, the sizes their units use, the mode, the step, the base
        values and the metric-driven parts' state, in plain Python types."""
        lr = self._lr_driven()
        state: dict[str, Any] = {
            "spec": None if lr is None else lr.text(),
            **{name: self._sizes.get(name) for name in SIZES},
            "multiplier": self._effective_multiplier(),
            "step": self.last_epoch,
            "base_lrs": [_plain(b) for b in self.base_lrs],
            "schedule_state": None if lr is None else self._states(lr),
            "hyperparameters": {
                d.name: {
                    "spec": d.text(),
                    "bases": list(d.bases),
                    "schedule_state": self._states(d),
                }
                for d in self._driven
                if d is not lr and not d.companion
            },
        }
        return state

    def _effective_multiplier(self) -> bool | None:
        """True if every driven group is a multiplier, False if none, else None."""
        modes = {
            m
            for d in self._driven
            if not d.companion
            for m, s in zip(d.multiplied, d.specs)
            if s is not None
        }
        return modes.pop() if len(modes) == 1 else None

    def _states(self, driven: _Driven) -> Any:
        if not any(s is not None and s.stateful for s in driven.actual):
            return None
        if driven.shared is not None:
            return driven.shared.state_dict()
        return [None if s is None or not s.stateful else s.state_dict() for s in driven.actual]

    def load_state_dict(
        self, state_dict: dict[str, Any], *, allow_spec_change: bool = False
    ) -> None:
        """Resume from :meth:`state_dict`: the step, the base values and the metric-driven
        state, and set the optimizer's values for that step.

        A state saved under other specs (or other sizes or mode) raises
        :class:`lrspec.StateError`; with ``allow_spec_change=True`` the run continues at the
        saved step under this scheduler's specs (a metric-driven part then starts afresh
        there). A state that is not one :meth:`state_dict` could have written (a negative or
        non-finite base rate, a step that is not a whole number, ...) is a StateError too.
        """
        state = _checked_state(state_dict, len(self.optimizer.param_groups))
        step = state["step"]
        saved, mine = _describe(state), _describe(self.state_dict())
        if saved != mine and not allow_spec_change:
            raise StateError(
                f"the saved scheduler state is for {saved}, but this scheduler runs {mine}",
                hint=f"pass allow_spec_change=True to load_state_dict() to continue at step "
                f"{step} under the new spec",
            )
        same = saved == mine
        lr = self._lr_driven()
        saved_bases = {"lr": state["base_lrs"]}
        saved_states = {"lr": state["schedule_state"]}
        for name, entry in state["hyperparameters"].items():
            saved_bases[name] = entry["bases"]
            saved_states[name] = entry["schedule_state"]
        for driven in self._driven:
            if driven.companion:
                continue
            name = "lr" if driven is lr else driven.name
            bases = list(driven.bases)
            for i, base in enumerate(saved_bases.get(name) or ()):
                if driven.specs[i] is not None and base is not None:
                    bases[i] = base
            if not same:  # the new specs start afresh at the saved step
                driven.specs = [_fresh(s) for s in driven.specs]
            driven.arm(bases, self._reference(driven))
            if same and saved_states.get(name) is not None:
                self._load_states(driven, saved_states[name])
        if state["base_lrs"]:
            self.base_lrs = list(state["base_lrs"])
        self._find_stateful()
        if not same:  # a fresh state at the saved step
            for i, s in enumerate(self._stateful):
                s.load_state_dict({**s.state_dict(), "count": step})
                self._counts[i] = step
        self.last_epoch = step
        self._apply(step)

    def _load_states(self, driven: _Driven, saved: Any) -> None:
        if driven.shared is not None:
            _load_one(driven.shared, saved)
            return
        if not isinstance(saved, list) or len(saved) != len(driven.actual):
            raise StateError(
                f"the saved state of {driven.name!r} has no state for each param group: "
                f"got {_brief(saved)}"
            )
        for s, entry in zip(driven.actual, saved):
            if s is not None and s.stateful:
                _load_one(s, entry)

    def _describe_specs(self) -> str:
        parts = []
        for d in self._driven:
            if d.companion:
                continue
            text = d.text()
            shown = f"'{text}'" if isinstance(text, str) else str(text)
            parts.append(shown if d.name == "lr" else f"{d.name}={shown}")
        return ", ".join(parts)


class LrspecPlateauScheduler(LrspecScheduler, ReduceLROnPlateau):
    """An :class:`LrspecScheduler` whose specs read a metric; an instance of torch's
    ``ReduceLROnPlateau`` too, so that Lightning and the transformers Trainer hand it the
    metric they monitor (Lightning needs its ``"monitor"`` key, the Trainer
    ``metric_for_best_model``).

    It counts the optimizer's steps itself: ``last_epoch`` is the number of
    ``optimizer.step()`` calls, and the values follow at each of them. ``step(metric)`` gives
    it the newest metric, as the metric of the step just taken; call it as often as the loop
    measures one (every step, every epoch, every evaluation). A ``Plateau`` counts its
    patience in metrics, as torch's ``ReduceLROnPlateau`` does; a ``Warmup`` or anything
    before it in a ``>>`` sequence counts optimizer steps.
    """

    def step(self, metric: Any = None) -> None:  # type: ignore[override]
        """Observe ``metric`` (a number or a 0-dim tensor) and set the values for the step
        the optimizer takes next."""
        if self._is_initial:
            self.last_epoch += 1
            self._step_count += 1
            self._apply(self.last_epoch)
            return
        if metric is None:
            raise StateError(f"{self._describe_specs()} reads a metric: call step(metric)")
        t = self.last_epoch
        wanted = max(t - 1, 0)  # the metric belongs to the step just taken
        for i, s in enumerate(self._stateful):
            if self._counts[i] != wanted:
                saved = s.state_dict()
                saved["count"] = wanted
                s.load_state_dict(saved)
            s.step(metric)
            self._counts[i] = wanted + 1
        self._apply(t)

    def _optimizer_stepped(self) -> None:
        self.last_epoch += 1
        self._apply(self.last_epoch)


def scheduler(
    optimizer: torch.optim.Optimizer,
    spec: Any = None,
    *,
    multiplier: bool | None = None,
    total_steps: int | None = None,
    steps_per_epoch: int | None = None,
    samples_per_step: int | None = None,
    tokens_per_step: int | None = None,
    **hyperparameters: Any,
) -> LrspecScheduler:
    """A PyTorch LR scheduler that follows ``spec`` (anything :func:`lrspec.load` accepts:
    text, a Schedule, a number, the dict form), and drives other param-group keys from their
    own specs (``momentum=``, ``weight_decay=``, ``beta1=``, ``beta2=``, any key the groups
    have). A spec may also be a list (one per param group) or a mapping from group names.

    ``total_steps``, ``steps_per_epoch``, ``samples_per_step`` and ``tokens_per_step``
    resolve the units. ``multiplier=True`` makes every spec a factor of each group's initial
    value; ``False`` never; ``None`` (the default) where the spec is a library's that leaves
    its ``lr=`` to the optimizer. A metric-driven spec gives a :class:`LrspecPlateauScheduler`.
    """
    return LrspecScheduler(
        optimizer,
        spec,
        multiplier=multiplier,
        total_steps=total_steps,
        steps_per_epoch=steps_per_epoch,
        samples_per_step=samples_per_step,
        tokens_per_step=tokens_per_step,
        **hyperparameters,
    )


# -- helpers ------------------------------------------------------------------------------


def _per_group(
    name: str, value: Any, groups: list[dict[str, Any]], sizes: dict[str, Any]
) -> tuple[str, list[Schedule | None]]:
    """``value`` as one schedule per param group, and the form it was given in."""
    n = len(groups)
    if isinstance(value, (list, tuple)):
        if len(value) != n:
            raise ArgumentError(
                f"{name}= has {len(value)} specs for {n} param group{'s' * (n != 1)}",
                hint="give one spec per param group (None leaves a group alone), or a "
                "mapping from group names",
            )
        specs = [None if v is None else _load(name, v, sizes) for v in value]
        if all(s is None for s in specs):
            raise ArgumentError(f"{name}= leaves every param group alone")
        return "list", specs
    if isinstance(value, Mapping) and value:
        names = [group.get("name") for group in groups]
        if all(isinstance(k, str) and k in names for k in value):
            specs = [
                None
                if names[i] not in value or value[names[i]] is None
                else _load(name, value[names[i]], sizes)
                for i in range(n)
            ]
            if all(s is None for s in specs):
                raise ArgumentError(f"{name}= leaves every param group alone")
            return "mapping", specs
    one = _load(name, value, sizes, groups)
    return "one", [one] * n


def _load(name: str, value: Any, sizes: dict[str, Any], groups: Any = None) -> Schedule:
    try:
        s = load(value, **sizes)
    except LrspecError as error:
        named = [g.get("name") for g in groups or () if isinstance(g.get("name"), str)]
        if isinstance(value, Mapping) and named:
            hint = f"{error.hint}\n" if error.hint else ""
            raise error.with_hint(
                f"{hint}a mapping from group names to specs takes the names of the param "
                f"groups: {', '.join(map(repr, named))}"
            ) from None
        raise
    return _compiled(s)


def _compiled(s: Schedule) -> Schedule:
    """``s`` compiled now, so that a missing size or a bad value shows at construction."""
    try:
        _ = s.length
    except UnitError as error:
        missing = error.missing or tuple(n for n in SIZES if n in s.needs)
        raise error.with_hint(missing_sizes_hint(missing, _WHERE)) from None
    return s


def _fresh(s: Schedule | None) -> Schedule | None:
    """A copy of a metric-driven schedule with a fresh state (pure ones are shared)."""
    return s.bind() if s is not None and s.stateful else s


def _relative(s: Schedule) -> bool:
    """Whether ``s`` uses a library's family that leaves its base rate (``lr=``) to the
    optimizer: such a spec is a multiplier of each group's rate."""
    node: Any
    for node in s.expr.walk():
        name = getattr(node, "base_rate", None)
        if name is None:
            continue
        param = next((p for p in type(node).params if p.name == name), None)
        if param is not None and node.args.get(name) == param.default:
            return True
    return False


def _check_key(optimizer: Any, i: int, name: str, key: str, index: int | None) -> None:
    group = optimizer.param_groups[i]
    kind = type(optimizer).__name__
    if key not in group:
        keys = ", ".join(sorted(k for k in group if k != "params"))
        hint = f"its keys: {keys}"
        if key == "momentum" and "betas" in group:
            hint += f"; {kind}'s first beta is beta1="
        raise ArgumentError(f"{name}=: param group {i} of {kind} has no {key!r}", hint=hint)
    value = group[key]
    if index is not None:
        if not isinstance(value, (tuple, list)) or len(value) <= index:
            raise ArgumentError(
                f"{name}=: param group {i}'s {key!r} has no element {index}: {value!r}"
            )
        value = value[index]
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, _Tensor)):
        raise ArgumentError(f"{name}=: param group {i}'s {key!r} is not a number: {_brief(value)}")


def _read(group: dict[str, Any], key: str, index: int | None) -> Any:
    return group[key] if index is None else group[key][index]


def _write_element(group: dict[str, Any], key: str, index: int, value: float) -> None:
    old = group[key]
    item = old[index]
    if isinstance(item, _Tensor):
        item.fill_(value)
    else:
        group[key] = (*old[:index], value, *old[index + 1 :])


def _plain(value: Any) -> float:
    return float(value.item()) if isinstance(value, _Tensor) else float(value)


def _whole_step(step: Any, what: str) -> int:
    """A step count: an int, a NumPy integer or an integer 0-dim tensor, 0..2**53."""
    value = step
    if not isinstance(step, (bool, numbers.Integral)):
        try:
            if isinstance(step, _Tensor) and step.dtype.is_floating_point:
                raise TypeError
            value = operator.index(step)
        except (TypeError, ValueError, RuntimeError):
            value = None
    whole = -1 if isinstance(value, bool) or not isinstance(value, numbers.Integral) else int(value)
    if not 0 <= whole <= MAX_STEPS:
        raise StateError(f"{what} must be a whole number from 0 to 2**53, got {_brief(step)}")
    return whole


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _load_one(s: Schedule, saved: Any) -> None:
    if not isinstance(saved, dict):
        raise StateError(f"a saved schedule state must be a dict, got {_brief(saved)}")
    s.load_state_dict(saved)


def _checked_state(state: Any, groups: int) -> dict[str, Any]:
    """The saved state with its types, ranges and sizes checked (StateError otherwise)."""
    if not isinstance(state, dict) or not {"spec", "step"} <= state.keys():
        raise StateError(
            f"not a state from an lrspec.torch scheduler's state_dict(): got {type(state).__name__}"
        )
    out = dict(state)
    out["step"] = _whole_step(state["step"], "the saved 'step'")
    _check_spec("spec", state["spec"])
    for name in SIZES:
        size = state.get(name)
        if size is not None and (
            isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_STEPS
        ):
            raise StateError(f"the saved {name!r} must be a whole number >= 1, got {_brief(size)}")
        out[name] = size
    multiplier = state.get("multiplier")
    if multiplier is not None and not isinstance(multiplier, bool):
        raise StateError(
            f"the saved 'multiplier' must be True, False or None, got {_brief(multiplier)}"
        )
    out["base_lrs"] = _checked_bases("base_lrs", state.get("base_lrs") or [], groups, True)
    extra = state.get("hyperparameters")
    extra = {} if extra is None else extra
    if not isinstance(extra, dict):
        raise StateError(f"the saved 'hyperparameters' must be a dict, got {_brief(extra)}")
    out["hyperparameters"] = {}
    for name, entry in extra.items():
        if not isinstance(name, str) or not isinstance(entry, dict) or "spec" not in entry:
            raise StateError(f"the saved hyperparameter {_brief(name)} is not a saved spec")
        _check_spec(f"{name} spec", entry["spec"])
        out["hyperparameters"][name] = {
            "spec": entry["spec"],
            "bases": _checked_bases(f"{name} bases", entry.get("bases") or [], groups, False),
            "schedule_state": entry.get("schedule_state"),
        }
    out["schedule_state"] = state.get("schedule_state")
    return out


def _check_spec(what: str, spec: Any) -> None:
    if spec is None or isinstance(spec, str):
        return
    if isinstance(spec, list) and all(s is None or isinstance(s, str) for s in spec):
        return
    raise StateError(f"the saved {what!r} must be spec text, got {_brief(spec)}")


def _checked_bases(what: str, bases: Any, groups: int, required: bool) -> list[Any]:
    if not isinstance(bases, list):
        raise StateError(f"the saved {what!r} must be a list, got {_brief(bases)}")
    if bases and len(bases) != groups:
        raise StateError(
            f"the saved {what!r} has {len(bases)} values, for {len(bases)} param groups; "
            f"the optimizer has {groups}"
        )
    for base in bases:
        if base is None and not required:
            continue
        if (
            isinstance(base, bool)
            or not isinstance(base, (int, float))
            or not math.isfinite(base)
            or base < 0
        ):
            raise StateError(f"the saved {what!r} must be finite numbers >= 0, got {_brief(base)}")
    return [None if b is None else float(b) for b in bases]


def _describe(state: dict[str, Any]) -> str:
    def shown(spec: Any) -> str:
        return f"'{spec}'" if isinstance(spec, str) else str(spec)

    parts = [] if state.get("spec") is None else [shown(state["spec"])]
    for name, entry in (state.get("hyperparameters") or {}).items():
        parts.append(f"{name}={shown(entry['spec'])}")
    bound = "".join(f", {name}={state[name]}" for name in SIZES if state.get(name) is not None)
    mode = {True: " as a multiplier", False: "", None: " as a multiplier in some groups"}[
        state.get("multiplier")
    ]
    return f"{', '.join(parts)}{bound}{mode}"
