"""Load a training config (YAML or TOML) and the learning-rate schedule in it.

    python examples/config_train.py examples/train.yaml
    python examples/config_train.py examples/train.toml

The two configs describe the same schedule, one as text and one in lrspec's dict form;
`lrspec.load` takes either.
"""

from __future__ import annotations

import sys

import yaml

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

import lrspec


def read(path: str) -> dict:
    with open(path, "rb") as file:
        return tomllib.load(file) if path.endswith(".toml") else yaml.safe_load(file)


def main(path: str) -> None:
    config = read(path)
    steps = config["training"]["steps"]
    schedule = lrspec.load(config["training"]["optimizer"]["lr"], total_steps=steps)
    # The same in one call, with errors that name the file and the field:
    assert lrspec.load_file(path, "training.optimizer.lr", total_steps=steps) == schedule
    print(f"{path}: {schedule} over {steps} steps")
    for step in (0, 250, 500, 5000, steps):
        print(f"step {step:>5}: lr {schedule(step):.6g}")


if __name__ == "__main__":
    main(sys.argv[1])
