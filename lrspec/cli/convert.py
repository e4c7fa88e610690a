"""``lrspec convert``: the schedule flags and config values people already have, as lrspec.

    lrspec convert --from hf --lr_scheduler_type cosine --learning_rate 3e-4 \\
        --max_steps 10000 --warmup_ratio 0.05
    lrspec convert --from timm --sched cosine --lr 0.1 --epochs 100 --warmup-epochs 5
    lrspec convert --from rl-zoo lin_0.001
    lrspec convert --from numpy-ml '{"hyperparameters": {"id": "NoamScheduler"}}'
    lrspec convert --from lr_schedule '{"type": "cosine", "initial_value": 3e-4}'
    lrspec convert --from fairseq --lr 5e-4 --warmup-updates 4000
    lrspec convert --from hf training_args.json
    lrspec convert --from timm output/train/args.yaml --world-size 8
    lrspec convert --from rl-zoo hyperparams/ppo.yml --field CartPole-v1

Each source reads its own flags, spelled as the original tool spells them, or (hf, timm,
rl-zoo) the config file the tool reads or writes; the result is the lrspec text
(``--format dict`` prints the dict form as JSON instead).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any, NoReturn

from ..formats import files, importers
from ..formats.config import load
from ..formats.importers import lr_schedule, numpy_ml
from ..formats.importers.hf import from_hf_config
from ..formats.importers.rl_zoo import from_rl_zoo_config
from ..formats.importers.timm import from_timm_config
from ..schedule.schedule import Schedule
from ..syntax.errors import ConfigError, LrspecError
from .app import OK, Console, UsageError, arg, command, positive_int

SOURCES = ("hf", "timm", "rl-zoo", "numpy-ml", "lr_schedule", "fairseq")
#: The sources whose config files ``convert`` reads.
FILE_SOURCES = ("hf", "timm", "rl-zoo")


class _Parser(argparse.ArgumentParser):
    """A source's own flags; a mistake in them is a usage error of ``lrspec convert``."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"convert --from {self.prog}: {message}")


def _hf(argv: list[str]) -> Schedule:
    p = _Parser(prog="hf", add_help=False)
    p.add_argument("--lr_scheduler_type", "--lr-scheduler-type", default="linear")
    p.add_argument("--learning_rate", "--learning-rate", type=float, default=5e-5)
    p.add_argument("--max_steps", "--max-steps", "--num_training_steps", type=int)
    p.add_argument("--warmup_steps", "--warmup-steps", type=float, default=0)
    p.add_argument("--warmup_ratio", "--warmup-ratio", type=float, default=0.0)
    p.add_argument("--lr_scheduler_kwargs", "--lr-scheduler-kwargs", type=_json_dict, default={})
    a = p.parse_args(argv)
    warmup = int(a.warmup_steps) if a.warmup_steps >= 1 else a.warmup_steps
    return importers.from_hf(
        a.lr_scheduler_type,
        learning_rate=a.learning_rate,
        num_training_steps=a.max_steps,
        warmup_steps=warmup,
        warmup_ratio=a.warmup_ratio,
        lr_scheduler_kwargs=a.lr_scheduler_kwargs,
    )


def _timm(argv: list[str]) -> Schedule:
    p = _Parser(prog="timm", add_help=False)
    p.add_argument("--sched", default="cosine")
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--epochs", type=int, default=300)
    p.add_argument("--decay-epochs", type=float, default=90)
    p.add_argument("--decay-milestones", type=int, nargs="+", default=[90, 180, 270])
    p.add_argument("--cooldown-epochs", type=int, default=0)
    p.add_argument("--patience-epochs", type=int, default=10)
    p.add_argument("--decay-rate", type=float, default=0.1)
    p.add_argument("--min-lr", type=float, default=0.0)
    p.add_argument("--warmup-lr", type=float, default=1e-5)
    p.add_argument("--warmup-epochs", type=int, default=0)
    p.add_argument("--warmup-prefix", action="store_true")
    p.add_argument("--cycle-mul", type=float, default=1.0)
    p.add_argument("--cycle-decay", type=float, default=0.5)
    p.add_argument("--cycle-limit", type=int, default=1)
    p.add_argument("--lr-k-decay", type=float, default=1.0)
    p.add_argument("--sched-on-updates", action="store_true")
    p.add_argument("--updates-per-epoch", type=int, default=0)
    a = p.parse_args(argv)
    return importers.from_timm(
        a.sched,
        lr=a.lr,
        num_epochs=a.epochs,
        decay_epochs=a.decay_epochs,
        decay_milestones=a.decay_milestones,
        cooldown_epochs=a.cooldown_epochs,
        patience_epochs=a.patience_epochs,
        decay_rate=a.decay_rate,
        min_lr=a.min_lr,
        warmup_lr=a.warmup_lr,
        warmup_epochs=a.warmup_epochs,
        warmup_prefix=a.warmup_prefix,
        cycle_mul=a.cycle_mul,
        cycle_decay=a.cycle_decay,
        cycle_limit=a.cycle_limit,
        k_decay=a.lr_k_decay,
        step_on_epochs=not a.sched_on_updates,
        updates_per_epoch=a.updates_per_epoch,
    )


def _fairseq(argv: list[str]) -> Schedule:
    p = _Parser(prog="fairseq", add_help=False)
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--warmup-updates", type=int, default=4000)
    p.add_argument("--warmup-init-lr", type=float, default=-1)
    a = p.parse_args(argv)
    return importers.from_fairseq(
        a.lr, warmup_updates=a.warmup_updates, warmup_init_lr=a.warmup_init_lr
    )


def _is_file(argv: list[str]) -> bool:
    """Whether the source's arguments start with a config file (a path ending in .json,
    .yaml, .yml or .toml) rather than its flags or value."""
    return (
        bool(argv)
        and not argv[0].startswith("-")
        and argv[0].lower().endswith(tuple(files.FORMATS))
    )


def _from_file(source: str, argv: list[str]) -> Schedule:
    """hf, timm and rl-zoo: a config file, and where in it the settings are."""
    p = _Parser(prog=source, add_help=False)
    p.add_argument("file")
    p.add_argument("--field", default=None)
    p.add_argument("--steps-per-epoch", "--updates-per-epoch", type=positive_int, default=None)
    if source == "timm":
        p.add_argument("--world-size", type=positive_int, default=None)
    a = p.parse_args(argv)
    document = files.read(a.file)
    if source == "rl-zoo":
        if a.steps_per_epoch is not None:
            raise UsageError("convert --from rl-zoo FILE takes no --steps-per-epoch")
        where: list[Any] = []
        if isinstance(document.data, dict) and a.field is not None:
            env = a.field if a.field in document.data else a.field.rpartition(".")[0]
            if env in document.data:
                key = "learning_rate" if env == a.field else a.field[len(env) + 1 :]
                where = [env, key]
        return _at(document, where, lambda: from_rl_zoo_config(document.data, a.field))
    value, where = document.field(a.field)
    if source == "hf":
        return _at(
            document, where, lambda: from_hf_config(value, steps_per_epoch=a.steps_per_epoch)
        )
    return _at(
        document,
        where,
        lambda: from_timm_config(
            value, updates_per_epoch=a.steps_per_epoch, world_size=a.world_size
        ),
    )


def _at(document: files.Document, where: list[Any], make: Callable[[], Schedule]) -> Schedule:
    """``make()``, with its error naming the file (and the field)."""
    try:
        return make()
    except LrspecError as error:
        raise ConfigError(
            f"{document.place(where)}: {error.message}",
            span=error.span,
            text=error.text,
            hint=error.hint,
        ) from None


def _value(source: str, argv: list[str]) -> Schedule:
    """numpy-ml, lr_schedule and rl-zoo take one config value (a JSON value, or text)."""
    if len(argv) != 1:
        raise UsageError(f"convert --from {source} takes one value, got {len(argv)}")
    text = argv[0]
    if text.lstrip()[:1] in ("{", "["):
        value = files.loads_json(text, f"convert --from {source}")
    else:
        try:
            value = json.loads(text)  # a number, a string in quotes, null, ...
        except (ValueError, RecursionError):
            value = text  # numpy-ml's __str__ form, an rl-zoo3 string
    if source == "rl-zoo":
        return importers.from_rl_zoo(value)
    if isinstance(value, dict) and source == "numpy-ml":
        return numpy_ml.from_numpy_ml(value)
    if isinstance(value, dict) and source == "lr_schedule":
        return lr_schedule.from_lr_schedule(value)
    return load(value)


def _json_dict(text: str) -> dict[str, Any]:
    try:
        value = files.loads_json(text, "")
    except ConfigError as error:
        reason = error.message.split("not valid JSON: ", 1)[-1]
        raise argparse.ArgumentTypeError(f"not JSON: {reason}") from None
    if not isinstance(value, dict):
        raise argparse.ArgumentTypeError("expected a JSON object")
    return value


@command(
    "convert",
    "turn Hugging Face, timm, rl-zoo3, numpy-ml, lr_schedule or fairseq settings (or hf, "
    "timm and rl-zoo3 config files) into lrspec text",
    arg(
        "--from", dest="source", choices=SOURCES, required=True, help="where the settings come from"
    ),
    arg(
        "--format",
        choices=("text", "dict"),
        default="text",
        help="print lrspec text (default) or the dict form as JSON",
    ),
    passthrough=True,
)
def convert(args: argparse.Namespace, io: Console) -> int:
    """Print the lrspec schedule that a tool's own settings describe, with the tool's values.
    After --from SOURCE come the source's own flags (or its value), or for hf, timm and
    rl-zoo the config file that tool reads or writes:

    hf:          --lr_scheduler_type TYPE --learning_rate LR --max_steps N
                 [--warmup_steps N | --warmup_ratio R] [--lr_scheduler_kwargs JSON]
    timm:        --sched NAME --lr LR [--epochs N] [--warmup-epochs N] [--warmup-lr LR]
                 [--min-lr LR] [--decay-epochs N] [--decay-milestones N ...]
                 [--decay-rate R] [--warmup-prefix] [--cycle-mul M] [--cycle-decay D]
                 [--cycle-limit N] [--sched-on-updates --updates-per-epoch N]
    rl-zoo:      VALUE, such as lin_0.001 or 0.0003
    numpy-ml:    VALUE: its dict form as JSON, or its __str__ form
    lr_schedule: VALUE: a number, or its create() dict as JSON
    fairseq:     --lr LR [--warmup-updates N] [--warmup-init-lr LR]

    hf FILE:     a saved TrainingArguments (JSON or YAML) [--field F]
                 [--steps-per-epoch N: updates per epoch, when max_steps is not set]
    timm FILE:   train.py's args.yaml or --config file [--field F]
                 [--world-size N: processes, when lr is not set]
                 [--steps-per-epoch N: updates per epoch, with sched_on_updates]
    rl-zoo FILE: a hyperparameter file [--field ENV or ENV.KEY, KEY a scheduled one]

    examples:
      lrspec convert --from hf --lr_scheduler_type cosine --learning_rate 3e-4 \\
          --max_steps 10000 --warmup_ratio 0.05
      lrspec convert --from timm --sched cosine --lr 0.1 --epochs 100 --warmup-epochs 5
      lrspec convert --from rl-zoo lin_0.001
      lrspec convert --from hf training_args.json
      lrspec convert --from rl-zoo hyperparams/ppo.yml --field CartPole-v1
    """
    argv = [a for a in args.settings if a != "--"]  # the source's own flags or value
    readers = {"hf": _hf, "timm": _timm, "fairseq": _fairseq}
    if args.source in FILE_SOURCES and _is_file(argv):
        schedule = _from_file(args.source, argv)
    elif args.source in readers:
        schedule = readers[args.source](argv)
    else:
        schedule = _value(args.source, argv)
    if args.format == "dict":
        io.out(json.dumps(schedule.to_dict()))
    else:
        io.out(str(schedule))
    return OK
