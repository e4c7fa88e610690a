"""Load a training config (YAML or TOML) and the learning-rate schedule in it.

    python examples/config_train.py examples/train.yaml
    python examples/config_train.py examples/train.toml

The two configs describe the same schedule, one as text and one in lrspec's dict form;
`lrspec.load` takes either.
"""

from __future__ import annotations

import argparse

import yaml

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

import lrspec


def read(path: str) -> dict:
    with open(path, "rb") as file:
        return tomllib.load(file) if path.endswith(".toml") else yaml.safe_load(file)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "config", help="a YAML or TOML file with training.steps and training.optimizer.lr"
    )
    path = parser.parse_args(argv).config
    try:
        config = read(path)
        steps = config["training"]["steps"]
        field = config["training"]["optimizer"]["lr"]
    except OSError as error:
        parser.error(f"cannot read {path}: {error.strerror or error}")
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as error:
        parser.error(f"{path} is not valid YAML or TOML: {error}")
    except (KeyError, TypeError):
        parser.error(f"{path} has no training.steps and training.optimizer.lr")
    try:
        schedule = lrspec.load(field, total_steps=steps)
        # The same in one call, with errors that name the file and the field:
        assert lrspec.load_file(path, "training.optimizer.lr", total_steps=steps) == schedule
    except lrspec.LrspecError as error:
        parser.exit(1, f"{error}\n")
    print(f"{path}: {schedule} over {steps} steps")
    for step in (0, 250, 500, 5000, steps):
        print(f"step {step:>5}: lr {schedule(step):.6g}")


if __name__ == "__main__":
    main()
