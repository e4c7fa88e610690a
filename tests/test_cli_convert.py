"""`lrspec convert`: other tools' schedule settings, on the command line, to lrspec text."""

from __future__ import annotations

import json
import subprocess
import sys

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
