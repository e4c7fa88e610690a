"""Config values and files to schedules: ``lrspec.load`` and ``lrspec.load_file``.

``load`` accepts whatever a config field may hold:

- lrspec text: ``"Warmup(500) >> Cosine(0.1, 0.0, 10000)"`` (numpy-ml's ``__str__`` forms
  are lrspec text too: ``"KingScheduler(initial_lr=0.01, patience=1000, decay=0.99)"``);
- lrspec's dict form (``Schedule.to_dict()``, see ``lrspec.dictform``);
- a bare number: a constant;
- the ``lr_schedule`` module's ``create(cfg)`` dict: ``{"type": "linear", "initial_value":
  3e-4, "final_value": 1e-5}`` (types constant, linear, cosine, exponential, cosine_warmup,
  polynomial; no type means constant);
- numpy-ml's dict form: ``{"hyperparameters": {"id": "NoamScheduler", "model_dim": 512}}``;
- a Schedule (returned as it is, or re-bound).
"""

from __future__ import annotations

import numbers
import sys
from pathlib import Path
from typing import Any

from .errors import ConfigError, LrspecError
from .schedule import Schedule

ACCEPTED = (
    "accepted: spec text, a number, lrspec's dict form ({'family': ...}, {'sequence': ...}, "
    "...), an lr_schedule dict ({'type': 'linear', 'initial_value': ...}) or numpy-ml's dict "
    "({'hyperparameters': {'id': ...}})"
)

# The lr_schedule module: its `type` names and the lrspec family each one creates.
LR_SCHEDULE_TYPES = {
    "constant": "BaseLRSchedule",
    "linear": "LinearLRSchedule",
    "cosine": "CosineAnnealingLRSchedule",
    "exponential": "ExponentialLRSchedule",
    "cosine_warmup": "CosineWarmupLRSchedule",
    "polynomial": "PolynomialLRSchedule",
}
_LR_SCHEDULE_KEYS = {"type", "initial_value", "final_value", "decay_rate", "warmup_fraction",
                     "power"}

# numpy-ml: the ids its schedulers write into `hyperparameters` (ExponentialScheduler writes
# "StepScheduler"), and the family each one is.
NUMPY_ML_IDS = {
    "ConstantScheduler": "ConstantScheduler",
    "ExponentialScheduler": "ExponentialScheduler",
    "StepScheduler": "ExponentialScheduler",
    "NoamScheduler": "NoamScheduler",
    "KingScheduler": "KingScheduler",
}
_LRSPEC_KEYS = {"lrspec", "family", "sequence", "op", "slice", "constant"}


def load(value: Any, *, total_steps: int | None = None,
         steps_per_epoch: int | None = None) -> Schedule:
    """A schedule from a config value (see the module docstring for the accepted forms).

    ``total_steps``/``steps_per_epoch`` resolve units.

    >>> import lrspec
    >>> lrspec.load("Cosine(0.1, 0, 100)") == lrspec.load({"family": "Cosine",
    ...     "args": {"initial": 0.1, "final": 0.0, "steps": 100}})
    True
    >>> str(lrspec.load(0.1))
    '0.1'
    >>> str(lrspec.load({"type": "cosine", "initial_value": 3e-4}))
    'CosineAnnealingLRSchedule(initial_value=0.0003)'
    """
    from . import parse
    from .dictform import from_dict

    bind = {k: v for k, v in (("total_steps", total_steps),
                              ("steps_per_epoch", steps_per_epoch)) if v is not None}
    if isinstance(value, Schedule):
        return value.bind(**bind) if bind else value
    if isinstance(value, str):
        return parse(value, **bind)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:
            raise ConfigError(f"the number {value} is too large for a rate") from None
        return parse(repr(number), **bind)
    if isinstance(value, dict):
        keys = set(value)
        if keys & _LRSPEC_KEYS:
            return from_dict(value, **bind)
        if "hyperparameters" in keys or "id" in keys:
            return _schedule(_numpy_ml_call(value), bind)
        if keys <= _LR_SCHEDULE_KEYS and keys:
            return _schedule(_lr_schedule_call(value), bind)
        raise ConfigError(f"a dict with keys {sorted(map(str, keys))} is not a schedule",
                          hint=ACCEPTED)
    raise ConfigError(f"cannot make a schedule from {type(value).__name__} {value!r}",
                      hint=ACCEPTED)


def _schedule(call, bind: dict) -> Schedule:
    from .evaluator import evaluate
    from .params import Binding

    return Schedule(evaluate(call), Binding(**bind))


def _call(family: str, args: dict):
    """The call ``Family(key=value, ...)``, read as lrspec's dict form reads a family."""
    from .dictform import json_to_tree

    return json_to_tree({"family": family, "args": args})


def _lr_schedule_call(cfg: dict):
    kind = cfg.get("type", "constant")
    if kind not in LR_SCHEDULE_TYPES:
        raise ConfigError(f"unknown lr_schedule type {kind!r}",
                          hint=f"one of {', '.join(LR_SCHEDULE_TYPES)}")
    return _call(LR_SCHEDULE_TYPES[kind], {k: v for k, v in cfg.items() if k != "type"})


def _numpy_ml_call(cfg: dict):
    hyper = cfg.get("hyperparameters", cfg)
    if not isinstance(hyper, dict) or "id" not in hyper:
        raise ConfigError("numpy-ml's dict form needs 'hyperparameters' with an 'id'",
                          hint="e.g. {'hyperparameters': {'id': 'ConstantScheduler', 'lr': 0.1}}")
    family = NUMPY_ML_IDS.get(hyper["id"])
    if family is None:
        raise ConfigError(f"unknown numpy-ml scheduler id {hyper['id']!r}",
                          hint=f"one of {', '.join(NUMPY_ML_IDS)}")
    return _call(family, {k: v for k, v in hyper.items() if k != "id"})


# -- files --------------------------------------------------------------------------------


def load_file(path: str | Path, field: str | None = None, *, total_steps: int | None = None,
              steps_per_epoch: int | None = None) -> Schedule:
    """The schedule in a JSON, YAML or TOML config file, at ``field`` (a dotted path such as
    ``"training.lr"``; list items by index, ``"schedules.0"``), or the whole file.

    YAML needs PyYAML (``pip install 'lrspec[yaml]'``); TOML uses the standard library's
    ``tomllib`` (``tomli`` on Python 3.10, ``lrspec[toml]``). Errors name the file and the field
    (and, for YAML, its line).
    """
    path = Path(path)
    data, lines = _read(path)
    value, where = _field(data, field, path)
    try:
        return load(value, total_steps=total_steps, steps_per_epoch=steps_per_epoch)
    except LrspecError as error:
        line = lines.get(tuple(where)) if lines else None
        place = f"{path}: {'.'.join(map(str, where)) or '(the whole file)'}"
        if line is not None:
            place += f" (line {line})"
        raise ConfigError(f"{place}: {error.message}", span=error.span, text=error.text,
                          hint=error.hint) from None


def _read(path: Path) -> tuple[Any, dict]:
    """The file's data, and for YAML the line of each field (by path)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        import json

        try:
            return json.loads(text), {}
        except json.JSONDecodeError as error:
            raise ConfigError(f"{path}: not valid JSON: {error.msg} (line {error.lineno}, "
                              f"column {error.colno})") from None
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path, text)
    if suffix == ".toml":
        tomllib = _tomllib()
        try:
            return tomllib.loads(text), {}
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
    raise ConfigError(f"{path}: unknown config format {suffix!r}",
                      hint="lrspec reads .json, .yaml, .yml and .toml files")


def _read_yaml(path: Path, text: str) -> tuple[Any, dict]:
    try:
        import yaml
    except ImportError:
        raise ConfigError("reading YAML needs PyYAML",
                          hint="pip install 'lrspec[yaml]'") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML: {error}") from None
    lines: dict[tuple, int] = {}

    def walk(node, where):
        if node is None:
            return
        lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, child in node.value:
                walk(child, (*where, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                walk(child, (*where, index))

    walk(node, ())
    return data, lines


def _tomllib():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib
        except ImportError:
            raise ConfigError("reading TOML on Python 3.10 needs tomli",
                              hint="pip install 'lrspec[toml]'") from None
    return tomllib


def _field(data: Any, field: str | None, path: Path) -> tuple[Any, list]:
    where: list = []
    if not field:
        return data, where
    value = data
    for part in field.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
            where.append(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
            where.append(int(part))
        else:
            at = ".".join(map(str, where)) or "the top level"
            raise ConfigError(f"{path}: no field '{field}' (nothing called '{part}' at {at})")
    return value, where
