"""`lrspec convert`: other tools' schedule settings, on the command line, to lrspec text."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest

import lrspec
from lrspec.formats import importers


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "lrspec", "convert", *args], capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            [
                "--from",
                "hf",
                "--lr_scheduler_type",
                "cosine",
                "--learning_rate",
                "3e-4",
                "--max_steps",
                "10000",
                "--warmup_ratio",
                "0.05",
            ],
            importers.from_hf(
                "cosine", learning_rate=3e-4, num_training_steps=10000, warmup_ratio=0.05
            ),
        ),
        (
            [
                "--from",
                "hf",
                "--lr-scheduler-type",
                "warmup_stable_decay",
                "--learning-rate",
                "0.1",
                "--max-steps",
                "1000",
                "--warmup-steps",
                "100",
                "--lr_scheduler_kwargs",
                '{"num_decay_steps": 200, "decay_type": "1-sqrt"}',
            ],
            importers.from_hf(
                "warmup_stable_decay",
                learning_rate=0.1,
                num_training_steps=1000,
                warmup_steps=100,
                lr_scheduler_kwargs={"num_decay_steps": 200, "decay_type": "1-sqrt"},
            ),
        ),
        (
            [
                "--from",
                "timm",
                "--sched",
                "cosine",
                "--lr",
                "0.1",
                "--epochs",
                "100",
                "--warmup-epochs",
                "5",
                "--min-lr",
                "1e-5",
            ],
            importers.from_timm("cosine", lr=0.1, num_epochs=100, warmup_epochs=5, min_lr=1e-5),
        ),
        (
            [
                "--from",
                "timm",
                "--sched",
                "multistep",
                "--lr",
                "0.1",
                "--decay-milestones",
                "30",
                "60",
                "--sched-on-updates",
                "--updates-per-epoch",
                "10",
            ],
            importers.from_timm(
                "multistep",
                lr=0.1,
                decay_milestones=(30, 60),
                step_on_epochs=False,
                updates_per_epoch=10,
            ),
        ),
        (["--from", "rl-zoo", "lin_3e-4"], importers.from_rl_zoo("lin_3e-4")),
        (["--from", "rl-zoo", "0.0003"], lrspec.parse("0.0003")),
        (
            ["--from", "numpy-ml", '{"hyperparameters": {"id": "StepScheduler", "decay": 0.5}}'],
            lrspec.parse("ExponentialScheduler(decay=0.5)"),
        ),
        (
            ["--from", "numpy-ml", "KingScheduler(initial_lr=0.01, patience=1000, decay=0.99)"],
            lrspec.parse("KingScheduler()"),
        ),
        (
            ["--from", "lr_schedule", '{"type": "polynomial", "power": 3.0}'],
            lrspec.parse("PolynomialLRSchedule(power=3.0)"),
        ),
        (["--from", "lr_schedule", "0.001"], lrspec.parse("0.001")),
        (
            [
                "--from",
                "fairseq",
                "--lr",
                "5e-4",
                "--warmup-updates",
                "100",
                "--warmup-init-lr",
                "1e-7",
            ],
            importers.from_fairseq(5e-4, warmup_updates=100, warmup_init_lr=1e-7),
        ),
    ],
    ids=lambda x: " ".join(x) if isinstance(x, list) else None,
)
def test_convert(args, expected):
    result = run(*args)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"{expected}\n"
    as_dict = run(*args, "--format", "dict")
    assert lrspec.from_dict(json.loads(as_dict.stdout)) == expected


@pytest.mark.parametrize(
    ("args", "code", "tail"),
    [
        (
            ["--from", "hf", "--lr_scheduler_type", "greedy", "--max_steps", "10"],
            1,
            "lrspec: Hugging Face lr_scheduler_type 'greedy' has no lrspec form\n"
            "supported: linear, cosine, cosine_with_restarts, polynomial, constant, "
            "constant_with_warmup, inverse_sqrt, reduce_lr_on_plateau, cosine_with_min_lr, "
            "cosine_warmup_with_min_lr, warmup_stable_decay\n",
        ),
        (
            ["--from", "timm", "--sched", "cosine"],
            2,
            "lrspec convert: error: convert --from timm: the following arguments are required: --lr\n",
        ),
        (
            ["--from", "hf", "--lr_scheduler_kwargs", "[1]", "--max_steps", "5"],
            2,
            "lrspec convert: error: convert --from hf: argument --lr_scheduler_kwargs/"
            "--lr-scheduler-kwargs: expected a "
            "JSON object\n",
        ),
        (
            ["--from", "rl-zoo"],
            2,
            "lrspec convert: error: convert --from rl-zoo takes one value, got 0\n",
        ),
        (
            ["--from", "rl-zoo", "lin_x"],
            1,
            "lrspec: rl-zoo3 schedule 'lin_x': 'x' is not a number\n",
        ),
        (
            ["--from", "numpy-ml", '{"lr": 0.1}'],
            1,
            "lrspec: numpy-ml's dict form needs 'hyperparameters' with an 'id'\n"
            "e.g. {'hyperparameters': {'id': 'ConstantScheduler', 'lr': 0.1}}\n",
        ),
        (
            ["--from", "lr_schedule", '{"type": "cosine", "epochs": 3}'],
            1,
            "lrspec: not an lr_schedule config: keys ['epochs', 'type']\n"
            "its keys are decay_rate, final_value, initial_value, power, type, warmup_fraction\n",
        ),
        (
            ["--from", "keras"],
            2,
            "argument --from: invalid choice: 'keras' (choose from 'hf', "
            "'timm', 'rl-zoo', 'numpy-ml', 'lr_schedule', 'fairseq')\n",
        ),
    ],
)
def test_convert_errors(args, code, tail):
    result = run(*args)
    assert result.returncode == code and result.stdout == ""
    assert result.stderr.endswith(tail), result.stderr
    assert "Traceback" not in result.stderr


def test_convert_help_lists_every_source():
    result = run("--help")
    assert result.returncode == 0
    for source in ("hf:", "timm:", "rl-zoo:", "numpy-ml:", "lr_schedule:", "fairseq:"):
        assert source in result.stdout


# -- config files: each checked against the tool's own result ----------------------------------

RTOL, ATOL = 1e-9, 1e-12  # the conformance traces' tolerance


def _close(got, want, context):
    got, want = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    bad = np.flatnonzero(~(np.abs(got - want) <= ATOL + RTOL * np.abs(want)))
    assert bad.size == 0, f"{context}: step {bad[0]}: {got[bad[0]]!r} vs {want[bad[0]]!r}"


def _converted(*args):
    """The schedule ``lrspec convert`` prints as text, and the one of its dict form (which
    carries the run's length where the text uses %); they must agree."""
    text = run(*args)
    assert (text.returncode, text.stderr) == (0, ""), text.stderr
    as_dict = run(*args, "--format", "dict")
    assert as_dict.returncode == 0, as_dict.stderr
    schedule = lrspec.from_dict(json.loads(as_dict.stdout))
    assert str(schedule) == text.stdout.strip()
    return schedule


# Hugging Face: TrainingArguments as the Trainer gets them (settings from transformers'
# TrainingArguments fields; the kwargs are those of tests/test_importers.py's HF cases).
HF_FILE_CASES = [
    dict(lr_scheduler_type="linear", max_steps=1000, learning_rate=3e-4, warmup_steps=100),
    dict(lr_scheduler_type="cosine", max_steps=1000, learning_rate=0.1, warmup_steps=0.05),
    dict(
        lr_scheduler_type="cosine_with_min_lr",
        max_steps=800,
        learning_rate=0.1,
        warmup_steps=0.1,
        lr_scheduler_kwargs={"min_lr_rate": 0.05},
    ),
    dict(
        lr_scheduler_type="cosine_with_restarts",
        max_steps=900,
        learning_rate=0.1,
        warmup_steps=30,
        lr_scheduler_kwargs={"num_cycles": 3},
    ),
    dict(
        lr_scheduler_type="warmup_stable_decay",
        max_steps=1000,
        learning_rate=0.1,
        warmup_steps=100,
        lr_scheduler_kwargs={"num_decay_steps": 300, "decay_type": "1-sqrt", "min_lr_ratio": 0.1},
    ),
    dict(
        lr_scheduler_type="polynomial",
        max_steps=500,
        learning_rate=0.1,
        lr_scheduler_kwargs={"lr_end": 1e-4, "power": 2.0},
    ),
    dict(lr_scheduler_type="constant_with_warmup", max_steps=300, warmup_steps=20),
    # By epochs: the Trainer takes ceil(num_train_epochs * updates per epoch) steps.
    dict(lr_scheduler_type="linear", num_train_epochs=2.5, learning_rate=0.1, warmup_steps=10),
]
UPDATES_PER_EPOCH = 40


def _training_arguments(tmp_path, settings):
    from torchvision_guard import hide_broken_torchvision

    hide_broken_torchvision()
    from transformers import TrainingArguments

    return TrainingArguments(output_dir=str(tmp_path / "out"), report_to=[], **settings)


def _trainer_rates(args, n):
    """The real Trainer's scheduler for these TrainingArguments (``Trainer.create_scheduler``
    and, by epochs, ``Trainer.set_initial_training_values`` on a loader of
    UPDATES_PER_EPOCH batches), read before each optimizer step."""
    import types

    import torch
    from transformers import Trainer

    if args.max_steps < 0:
        batches = torch.utils.data.DataLoader(list(range(UPDATES_PER_EPOCH * 8)), batch_size=8)
        sizes = types.SimpleNamespace(
            get_total_train_batch_size=lambda args: 8,
            get_sp_size=lambda: 1,
            num_examples=lambda loader: len(loader.dataset),
        )
        n = Trainer.set_initial_training_values(sizes, args, batches)[-1]
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=args.learning_rate)
    trainer = types.SimpleNamespace(lr_scheduler=None, optimizer=optimizer, args=args)
    scheduler = Trainer.create_scheduler(trainer, num_training_steps=n, optimizer=optimizer)
    rates = []
    for _ in range(n):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return rates


@pytest.mark.parametrize("suffix", ["json", "yaml"])
@pytest.mark.parametrize(
    "settings", HF_FILE_CASES, ids=[c["lr_scheduler_type"] for c in HF_FILE_CASES]
)
def test_convert_a_hugging_face_training_arguments_file(tmp_path, settings, suffix):
    import yaml

    args = _training_arguments(tmp_path, settings)
    path = tmp_path / f"training_args.{suffix}"
    if suffix == "json":
        path.write_text(args.to_json_string())
    else:
        path.write_text(yaml.safe_dump(args.to_dict()))
    extra = ["--steps-per-epoch", str(UPDATES_PER_EPOCH)] if args.max_steps < 0 else []
    schedule = _converted("--from", "hf", str(path), *extra)
    n = (
        args.max_steps
        if args.max_steps > 0
        else math.ceil(args.num_train_epochs * UPDATES_PER_EPOCH)
    )
    _close(schedule(np.arange(n)), _trainer_rates(args, n), str(schedule))


def test_convert_hf_file_errors(tmp_path):
    args = _training_arguments(tmp_path, dict(num_train_epochs=3, lr_scheduler_type="cosine"))
    path = tmp_path / "training_args.json"
    path.write_text(args.to_json_string())
    result = run("--from", "hf", str(path))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"lrspec: {path}: (the whole file): max_steps is -1: the Trainer takes the run's length "
        "from num_train_epochs and the number of updates per epoch\n"
        "give the updates per epoch (--steps-per-epoch N), or set max_steps\n"
    )
    (tmp_path / "run.yaml").write_text(
        "training:\n  lr_scheduler_type: cosine\n  learning_rate: 3e-4\n  max_steps: 100\n"
    )
    nested = run("--from", "hf", str(tmp_path / "run.yaml"), "--field", "training")
    assert nested.stderr == (
        f"lrspec: {tmp_path / 'run.yaml'}: training (line 2): learning_rate must be a number, "
        "got '3e-4'\nYAML reads a number such as 3e-4 as a string: write 3.0e-4\n"
    )
    missing = run("--from", "hf", str(tmp_path / "none.json"))
    assert (
        missing.stderr
        == f"lrspec: cannot read {tmp_path / 'none.json'}: No such file or directory\n"
    )


# timm: train.py's arguments. The defaults are timm's train.py's (parser.add_argument
# defaults); each case is a config file written the way train.py writes args.yaml.
TIMM_TRAIN_DEFAULTS = dict(
    sched="cosine", epochs=300, decay_epochs=90, decay_milestones=[90, 180, 270],
    warmup_epochs=5, cooldown_epochs=0, patience_epochs=10, decay_rate=0.1, min_lr=0,
    warmup_lr=1e-5, warmup_prefix=False, lr_noise=None, lr_noise_pct=0.67, lr_noise_std=1.0,
    seed=42, lr_cycle_mul=1.0, lr_cycle_decay=0.5, lr_cycle_limit=1, lr_k_decay=1.0,
    sched_on_updates=False, eval_metric="top1", lr=None, lr_base=0.1, lr_base_size=256,
    lr_base_scale="", opt="sgd", batch_size=128, grad_accum_steps=1, model="resnet50",
)  # fmt: skip
TIMM_FILE_CASES = [
    dict(sched="cosine", lr=0.1, epochs=40),
    dict(sched="cosine", lr=0.05, epochs=40, warmup_prefix=True, min_lr=1e-4),
    dict(sched="step", lr=0.1, epochs=60, decay_epochs=7, decay_rate=0.5),
    dict(sched="multistep", lr=0.1, epochs=60, decay_milestones=[10, 20, 30], warmup_epochs=3),
    dict(sched="tanh", lr=0.1, epochs=50),
    dict(sched="poly", lr=0.1, epochs=50, decay_rate=2.0, warmup_prefix=True),
    dict(sched="cosine", lr=0.1, epochs=20, lr_cycle_limit=3, lr_cycle_decay=0.5),
    # lr unset: lr_base scaled by the global batch (linear for SGD, sqrt for AdamW).
    dict(sched="cosine", epochs=40, batch_size=64),
    dict(sched="cosine", epochs=40, batch_size=64, opt="adamw", grad_accum_steps=2),
    # Per update: 25 updates an epoch.
    dict(sched="cosine", lr=0.1, epochs=8, warmup_epochs=1, sched_on_updates=True),
]
WORLD_SIZE, TIMM_UPDATES = 4, 25


def _timm_lr(args):
    """train.py: lr_base * (global batch / lr_base_size), linearly or by its square root."""
    if args["lr"]:
        return args["lr"]
    ratio = args["batch_size"] * WORLD_SIZE * args["grad_accum_steps"] / args["lr_base_size"]
    scale = args["lr_base_scale"] or (
        "sqrt" if any(o in args["opt"].lower() for o in ("ada", "lamb")) else "linear"
    )
    return args["lr_base"] * (ratio**0.5 if scale == "sqrt" else ratio)


@pytest.mark.parametrize(
    "case", TIMM_FILE_CASES, ids=lambda c: "-".join(f"{k}={v}" for k, v in c.items())
)
def test_convert_a_timm_args_yaml(tmp_path, case):
    import importlib
    import types

    import yaml
    from peers import timm_live

    args = {**TIMM_TRAIN_DEFAULTS, **case}
    path = tmp_path / "args.yaml"
    path.write_text(yaml.safe_dump(args, default_flow_style=False))  # as train.py writes it
    schedule = _converted(
        "--from", "timm", str(path), "--world-size", str(WORLD_SIZE),
        "--steps-per-epoch", str(TIMM_UPDATES),
    )  # fmt: skip
    timm_live.timm_scheduler_classes()
    factory = importlib.import_module(f"{timm_live._PRIVATE}.scheduler_factory")
    namespace = types.SimpleNamespace(**{**args, "lr": _timm_lr(args)})
    kwargs = factory.scheduler_kwargs(namespace, decreasing_metric=args["eval_metric"] == "loss")
    updates = TIMM_UPDATES if args["sched_on_updates"] else 0
    n = 2 * args["epochs"] * (updates or 1)
    want = timm_live.timm_factory_values(n, lr=namespace.lr, updates_per_epoch=updates, **kwargs)
    _close(schedule(np.arange(n + 1)), want, str(schedule))


def test_convert_timm_file_errors(tmp_path):
    path = tmp_path / "args.yaml"
    path.write_text("sched: cosine\nepochs: 10\nlr: null\n")
    result = run("--from", "timm", str(path))
    assert result.returncode == 1
    assert result.stderr == (
        f"lrspec: {path}: (the whole file): lr is not set: timm's train.py scales lr_base by the "
        "global batch size, which depends on the number of processes\n"
        "give the number of processes (--world-size N), or set lr\n"
    )
    path.write_text("sched: cosine\nlr: 0.1\nsched_on_updates: true\n")
    updates = run("--from", "timm", str(path))
    assert updates.stderr.endswith("give the number of updates per epoch (--steps-per-epoch N)\n")
    path.write_text("sched: wsd\nlr: 0.1\n")
    assert run("--from", "timm", str(path)).stderr.startswith(
        f"lrspec: {path}: (the whole file): timm sched 'wsd' has no lrspec form\n"
    )


# rl-zoo3: entries of its hyperparams/ppo.yml (CartPole-v1 and atari, as rl-zoo3 ships them).
RL_ZOO_FILE = """\
atari:
  env_wrapper:
    - stable_baselines3.common.atari_wrappers.AtariWrapper
  frame_stack: 4
  policy: 'CnnPolicy'
  n_envs: 8
  n_steps: 128
  n_epochs: 4
  batch_size: 256
  n_timesteps: !!float 1e7
  learning_rate: lin_2.5e-4
  clip_range: lin_0.1
  vf_coef: 0.5
  ent_coef: 0.01

CartPole-v1:
  n_envs: 8
  n_timesteps: !!float 1e5
  policy: 'MlpPolicy'
  n_steps: 32
  batch_size: 256
  gae_lambda: 0.8
  gamma: 0.98
  n_epochs: 20
  ent_coef: 0.0
  learning_rate: lin_0.001
  clip_range: lin_0.2

Pendulum-v1:
  n_timesteps: !!float 1e5
  learning_rate: !!float 1e-3
  clip_range: 0.2
"""


@pytest.mark.parametrize(
    ("field", "initial", "total"),
    [
        ("CartPole-v1", 0.001, 100_000),
        ("CartPole-v1.clip_range", 0.2, 100_000),
        ("atari", 2.5e-4, 10_000_000),
        ("atari.clip_range", 0.1, 10_000_000),
        ("Pendulum-v1", 1e-3, None),
        ("Pendulum-v1.clip_range", 0.2, None),
    ],
)
def test_convert_an_rl_zoo_hyperparameter_file(tmp_path, field, initial, total):
    path = tmp_path / "ppo.yml"
    path.write_text(RL_ZOO_FILE)
    import yaml
    from rl_zoo3.exp_manager import ExperimentManager

    schedule = _converted("--from", "rl-zoo", str(path), "--field", field)
    # rl-zoo3's own reading of the entry (its loader and its schedule objects), called with
    # SB3's progress_remaining = 1 - num_timesteps / total_timesteps over n_timesteps.
    entry, _, key = field.partition(".")
    hyperparams = yaml.safe_load(RL_ZOO_FILE)[entry]
    theirs = ExperimentManager._preprocess_schedules(dict(hyperparams))[key or "learning_rate"]
    steps = np.linspace(0, total or 10**6, 1001)
    want = [theirs(1.0 - t / (total or 10**6)) for t in steps]
    assert want[0] == initial
    if total is None:  # a number: rl-zoo3's ConstantSchedule
        assert schedule == lrspec.parse(repr(initial)) and set(want) == {initial}
        return
    _close(schedule(steps), want, str(schedule))


def test_convert_rl_zoo_file_errors(tmp_path):
    path = tmp_path / "ppo.yml"
    path.write_text(RL_ZOO_FILE)
    assert run("--from", "rl-zoo", str(path)).stderr == (
        f"lrspec: {path}: (the whole file): the file has 3 entries: name one with a field\n"
        "entries: atari, CartPole-v1, Pendulum-v1\n"
    )
    assert run("--from", "rl-zoo", str(path), "--field", "CartPole-v1.gamma").stderr == (
        f"lrspec: {path}: CartPole-v1.gamma (line 23): rl-zoo3 does not read 'gamma' as a "
        "schedule\nit reads learning_rate, clip_range, clip_range_vf, delta_std\n"
    )
    assert run("--from", "rl-zoo", str(path), "--field", "MountainCar-v0").stderr == (
        f"lrspec: {path}: (the whole file): no entry 'MountainCar-v0' in the file\n"
        "entries: atari, CartPole-v1, Pendulum-v1\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "tail"),
    [
        (
            ["--from", "numpy-ml", "[" * 50_000 + "]" * 50_000],
            1,
            "lrspec: convert --from numpy-ml: not valid JSON: nested too deeply\n",
        ),
        (
            ["--from", "lr_schedule", '{"type": "linear", "type": "cosine"}'],
            1,
            "lrspec: convert --from lr_schedule: not valid JSON: the key 'type' is written "
            "twice in one object (JSON readers would keep only the last)\n",
        ),
        (
            ["--from", "numpy-ml", '{"hyperparameters": {"id": "ConstantScheduler", "lr": NaN}}'],
            1,
            "lrspec: convert --from numpy-ml: not valid JSON: NaN is not a JSON number\n",
        ),
        (
            ["--from", "lr_schedule", '{"initial_value": ' + "1" * 5000 + "}"],
            1,
            "lrspec: convert --from lr_schedule: not valid JSON: an integer has more than 4300 "
            "digits\n",
        ),
        (
            ["--from", "hf", "--max_steps", "10", "--lr_scheduler_kwargs", '{"a": 1, "a": 2}'],
            2,
            "argument --lr_scheduler_kwargs/--lr-scheduler-kwargs: not JSON: the key 'a' is "
            "written twice in one object (JSON readers would keep only the last)\n",
        ),
    ],
    ids=["deep", "duplicate", "nan", "digits", "kwargs"],
)
def test_convert_json_values_are_read_like_config_files(args, code, tail):
    result = run(*args)
    assert result.returncode == code and result.stdout == ""
    assert result.stderr.endswith(tail), result.stderr
    assert "Traceback" not in result.stderr
