"""Config files to schedules: ``lrspec.load_file`` reads JSON, YAML and TOML files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..schedule.schedule import Schedule
from ..syntax.errors import ConfigError, LrspecError
from .config import load


def load_file(path: str | Path, field: str | None = None, **sizes: int | None) -> Schedule:
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
        return load(value, **sizes)
    except LrspecError as error:
        line = lines.get(tuple(where)) if lines else None
        place = f"{path}: {'.'.join(map(str, where)) or '(the whole file)'}"
        if line is not None:
            place += f" (line {line})"
        raise ConfigError(
            f"{place}: {error.message}", span=error.span, text=error.text, hint=error.hint
        ) from None


def _read(path: Path) -> tuple[Any, dict]:
    """The file's data, and for YAML the line of each field (by path)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            return json.loads(text), {}
        except json.JSONDecodeError as error:
            raise ConfigError(
                f"{path}: not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
            ) from None
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path, text)
    if suffix == ".toml":
        tomllib = _tomllib()
        try:
            return tomllib.loads(text), {}
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
    raise ConfigError(
        f"{path}: unknown config format {suffix!r}",
        hint="lrspec reads .json, .yaml, .yml and .toml files",
    )


def _read_yaml(path: Path, text: str) -> tuple[Any, dict]:
    try:
        import yaml  # optional: the yaml extra
    except ImportError:
        raise ConfigError("reading YAML needs PyYAML", hint="pip install 'lrspec[yaml]'") from None
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
            raise ConfigError(
                "reading TOML on Python 3.10 needs tomli", hint="pip install 'lrspec[toml]'"
            ) from None
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
