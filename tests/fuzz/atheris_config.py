"""Coverage-guided fuzzing of the config-file readers with atheris (libFuzzer).

    python tests/fuzz/atheris_config.py -runs=1000000

Each input is a config file: its first bytes choose the format (JSON, YAML or TOML), the field
asked for and the tool whose settings it holds; the rest is the file. The invariants, checked
for every input:

- nothing but an ``LrspecError`` escapes ``lrspec.load_file`` or the readers of Hugging Face
  ``TrainingArguments``, timm's ``args.yaml`` and rl-zoo3's hyperparameter files (the
  ``lrspec convert --from ... FILE`` path), and nothing hangs (libFuzzer's ``-timeout``);
- whatever loads prints to text that parses back to an equal schedule.

With no corpus directory given, it starts from the example configs and a file of each tool.
Its twins: ``atheris_lrspec.py`` (spec text) and ``atheris_dictform.py`` (the dict form).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["lrspec", "yaml", "tomllib"]):
    import lrspec
    from lrspec.formats import files
    from lrspec.formats.importers.hf import from_hf_config
    from lrspec.formats.importers.rl_zoo import from_rl_zoo_config
    from lrspec.formats.importers.timm import from_timm_config

HERE = Path(__file__).resolve().parent
SUFFIXES = (".json", ".yaml", ".toml")
FIELDS = (None, "lr", "training.optimizer.lr", "0", "CartPole-v1", "CartPole-v1.clip_range")
BIND = {"total_steps": 1000, "steps_per_epoch": 10}
# Each input is written to one file here (in memory where the machine has /dev/shm).
_SCRATCH = Path(
    tempfile.mkdtemp(
        prefix="lrspec-fuzz-config-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
    )
)


def _check(schedule: lrspec.Schedule, where: str) -> None:
    text = str(schedule)
    again = lrspec.parse(text, **BIND)
    if again != schedule.bind(**BIND):
        raise AssertionError(f"{where}: {text!r} reads back differently")


def test_one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    field = FIELDS[data[1] % len(FIELDS)]
    tool = (data[1] // len(FIELDS)) % 4
    path = _SCRATCH / f"config{suffix}"
    path.write_bytes(data[2:])
    try:
        if tool == 0:
            _check(lrspec.load_file(path, field, **BIND), f"load_file({field!r})")
            return
        document = files.read(path)
        if tool == 3:
            schedule = from_rl_zoo_config(document.data, field)
        else:
            value, _ = document.field(field if field in (None, "lr") else None)
            if tool == 1:
                schedule = from_hf_config(value, steps_per_epoch=10)
            else:
                schedule = from_timm_config(value, updates_per_epoch=10, world_size=2)
        _check(schedule, f"tool {tool}")
    except lrspec.LrspecError:
        return


SEEDS = {
    "train.yaml": (HERE.parent.parent / "examples" / "train.yaml").read_bytes(),
    "train.toml": (HERE.parent.parent / "examples" / "train.toml").read_bytes(),
    "dict.json": json.dumps(
        {"lr": {"lrspec": 1, "sequence": [{"family": "Warmup", "args": {"steps": "5%"}}, 0.1]}}
    ).encode(),
    "hf.json": json.dumps(
        {
            "lr_scheduler_type": "cosine_with_min_lr",
            "learning_rate": 3e-4,
            "max_steps": 1000,
            "num_train_epochs": 3.0,
            "warmup_steps": 0.05,
            "lr_scheduler_kwargs": {"min_lr": 1e-5},
            "output_dir": "out",
        }
    ).encode(),
    "timm.yaml": b"sched: cosine\nepochs: 40\nlr: null\nbatch_size: 64\nopt: adamw\n"
    b"warmup_epochs: 3\nlr_cycle_limit: 2\ndecay_milestones: [10, 20]\n",
    "rl.yaml": b"CartPole-v1:\n  n_timesteps: !!float 1e5\n  learning_rate: lin_0.001\n"
    b"  clip_range: lin_0.2\nbase: &b {lr: 0.1}\nlr: *b\n",
}
# The two bytes that put each seed in front of its reader: (format, field and tool).
_HEADS = {
    "train.yaml": (1, 2),
    "train.toml": (2, 2),
    "dict.json": (0, 1),
    "hf.json": (0, len(FIELDS)),
    "timm.yaml": (1, 2 * len(FIELDS)),
    "rl.yaml": (1, 3 * len(FIELDS) + 4),
}


def seed_corpus() -> str:
    """A directory with one seed file per reader."""
    corpus = Path(tempfile.mkdtemp(prefix="lrspec-fuzz-config-seeds-"))
    for name, body in SEEDS.items():
        (corpus / name).write_bytes(bytes(_HEADS[name]) + body)
    return str(corpus)


def main() -> None:
    argv = list(sys.argv)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        argv.append(seed_corpus())
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
