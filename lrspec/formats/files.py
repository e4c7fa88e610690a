"""Config files to schedules: ``lrspec.load_file`` reads JSON, YAML and TOML files.

A config file may come from someone else, so reading one is bounded like parsing text:

- only a regular file is read (a FIFO, a device or a directory is refused without blocking:
  a symlink to ``/dev/zero`` is a device), and at most :data:`MAX_FILE_BYTES` of it;
- it must be UTF-8 text (a byte-order mark is allowed); anything else is a ``ConfigError``
  that says so (UTF-16 is named);
- YAML's aliases are counted as what they expand to: a document that expands to more than
  :data:`MAX_YAML_NODES` nodes (a "billion laughs" file) or holds an alias inside its own
  anchor is refused before any value is built;
- a key written twice in one mapping is an error in every format (JSON and YAML would keep
  the last one silently; TOML refuses it by its own rules);
- nesting too deep for the reader, integers of more than 4,300 digits, NaN and Infinity in
  JSON are ``ConfigError``\\ s, never Python's own exceptions.
"""

from __future__ import annotations

import os
import reprlib
import stat
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..schedule.schedule import Schedule
from ..syntax.errors import ConfigError, LrspecError
from .config import load

if TYPE_CHECKING:  # imported when a file is read: pathlib costs import time on every start
    from pathlib import Path

#: The largest config file read, in bytes.
MAX_FILE_BYTES = 10_000_000
#: The largest YAML file read without libyaml (PyYAML's pure-Python reader takes about ten
#: seconds a megabyte).
MAX_PURE_YAML_BYTES = 1_000_000
#: The most nodes a YAML document may expand to, each alias counted as what it stands for.
MAX_YAML_NODES = 1_000_000
#: The formats, by file suffix.
FORMATS = {".json": "JSON", ".yaml": "YAML", ".yml": "YAML", ".toml": "TOML"}

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60


def _short(value: Any) -> str:
    """A value for a message: short, and never the thousands of digits of a huge integer."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 100:
        return f"an integer of {int(value.bit_length() * 0.30103) + 1} digits"
    try:
        text = _REPR.repr(value)
    except (ValueError, RecursionError):
        return f"a {type(value).__name__}"
    return text if len(text) <= 60 else text[:57] + "..."


def load_file(path: Any, field: Any = None, **sizes: int | None) -> Schedule:
    """The schedule in a JSON, YAML or TOML config file, at ``field`` (a dotted path such as
    ``"training.lr"``; list items by index, ``"schedules.0"``), or the whole file.

    YAML needs PyYAML (``pip install 'lrspec[yaml]'``); TOML uses the standard library's
    ``tomllib`` (``tomli`` on Python 3.10, ``lrspec[toml]``). Errors name the file and the field
    (and, for YAML, its line).
    """
    document = read(path)
    value, where = document.field(field)
    try:
        return load(value, **sizes)
    except LrspecError as error:
        raise ConfigError(
            f"{document.place(where)}: {error.message}",
            span=error.span,
            text=error.text,
            hint=error.hint,
        ) from None


class Document:
    """A config file that has been read: its data, and for YAML where each value stands."""

    def __init__(self, path: Path, data: Any, root: Any = None) -> None:
        self.path = path
        self.data = data
        self._root = root  # YAML's composed node graph, for line numbers

    def field(self, field: Any) -> tuple[Any, list[str | int]]:
        """The value at ``field`` (a dotted path; None or "" for the whole file) and the keys
        that lead to it."""
        if field is None or field == "":
            return self.data, []
        if not isinstance(field, str):
            raise ConfigError(
                f"a field is a dotted name such as 'training.lr', got {_short(field)}"
            )
        where: list[str | int] = []
        value = self.data
        for part in field.split("."):
            if isinstance(value, dict) and part in value:
                value = value[part]
                where.append(part)
            elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
                where.append(int(part))
            else:
                at = ".".join(map(str, where)) or "the top level"
                raise ConfigError(
                    f"{self.path}: no field {_short(field)} (nothing called {_short(part)} at {at})"
                )
        return value, where

    def line(self, where: list[str | int]) -> int | None:
        """The line (from 1) where the value at ``where`` starts, for YAML."""
        node = self._root
        if node is None:
            return None
        import yaml  # read() has imported it for a YAML file

        for part in where:
            if isinstance(node, yaml.MappingNode):
                matches = [
                    value
                    for key, value in node.value
                    if isinstance(key, yaml.ScalarNode) and key.value == str(part)
                ]
                if not matches:
                    return None
                node = matches[-1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                node = node.value[part]
            else:
                return None
        start: int = node.start_mark.line
        return start + 1

    def place(self, where: list[str | int]) -> str:
        """``path: field (line N)`` for a message."""
        place = f"{self.path}: {'.'.join(map(str, where)) or '(the whole file)'}"
        line = self.line(where) if where else None
        return place if line is None else f"{place} (line {line})"


def read(path: Any) -> Document:
    """The data of a JSON, YAML or TOML config file, read within the bounds in the module
    docstring; every problem is a ConfigError that names the file."""
    path = _path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ConfigError(
            f"{path}: unknown config format {_short(path.suffix)}",
            hint="lrspec reads .json, .yaml, .yml and .toml files",
        )
    limit = MAX_FILE_BYTES
    if kind == "YAML" and not _has_libyaml():
        limit = MAX_PURE_YAML_BYTES
    text = _decode(path, _read_bytes(path, limit))
    try:
        if kind == "JSON":
            return Document(path, _read_json(path, text))
        if kind == "YAML":
            return _read_yaml(path, text)
        return Document(path, _read_toml(path, text))
    except RecursionError:
        raise ConfigError(f"{path}: not valid {kind}: nested too deeply") from None
    except ConfigError:
        raise
    except ValueError as error:  # Python's own limit on the digits of an integer
        raise ConfigError(f"{path}: not valid {kind}: {_value_message(error)}") from None


def _value_message(error: Exception) -> str:
    """A reader's failure to build a value, in one line."""
    message = " ".join(str(error).split(";")[0].split())
    if "integer string conversion" in message:
        return "an integer has more than 4300 digits"
    return f"a value cannot be read ({type(error).__name__}: {message[:100]})"


def _path(path: Any) -> Path:
    if isinstance(path, (bytes, bytearray)):
        path = os.fsdecode(bytes(path))
    elif isinstance(path, os.PathLike):
        path = os.fspath(path)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
    if not isinstance(path, str):
        raise ConfigError(f"a config file's path is a string or a Path, got {_short(path)}")
    if "\x00" in path:
        raise ConfigError(f"a file path cannot hold a NUL character, got {_short(path)}")
    from pathlib import Path

    return Path(path)


def _read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes: only a regular file, at most ``limit`` bytes, without blocking."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(
                f"cannot read {path}: not a regular file ({_file_kind(info.st_mode)})",
                hint="lrspec reads config files only from regular files",
            )
        if info.st_size > limit:
            raise _too_large(path, info.st_size, limit)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise _too_large(path, total, limit)
        return b"".join(chunks)
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    finally:
        os.close(fd)


def _too_large(path: Path, size: int, limit: int) -> ConfigError:
    return ConfigError(
        f"cannot read {path}: it is larger than {limit:,} bytes ({size:,} bytes or more)",
        hint="a config file this large is not read",
    )


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf16 = raw[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(raw) > 1 and b"\x00" in raw[:2])
        raise ConfigError(
            f"{path}: not UTF-8 text: byte {error.start} is {raw[error.start : error.start + 1]!r}"
            + (" (it looks like UTF-16)" if utf16 else ""),
            hint="save the file as UTF-8",
        ) from None


# -- JSON ----------------------------------------------------------------------------------


def _read_json(path: Path, text: str) -> Any:
    return loads_json(text, str(path))


def loads_json(text: str, where: str) -> Any:
    """JSON text read as a config file is (a key written twice, NaN, Infinity, deep nesting
    and huge integers are ConfigErrors that name ``where``)."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise ConfigError(
                    f"{where}: not valid JSON: the key {_short(key)} is written twice in one "
                    "object (JSON readers would keep only the last)"
                )
            result[key] = value
        return result

    def constant(name: str) -> Any:
        raise ConfigError(f"{where}: not valid JSON: {name} is not a JSON number")

    import json  # here, not at the top: it costs import time on every start

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as error:
        raise ConfigError(
            f"{where}: not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except ConfigError:
        raise
    except RecursionError:
        raise ConfigError(f"{where}: not valid JSON: nested too deeply") from None
    except ValueError as error:
        raise ConfigError(f"{where}: not valid JSON: {_value_message(error)}") from None


# -- TOML ----------------------------------------------------------------------------------


def _read_toml(path: Path, text: str) -> Any:
    tomllib = _tomllib()
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def _tomllib() -> ModuleType:
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


# -- YAML ----------------------------------------------------------------------------------

_loader_class: type[Any] | None = None


def _has_libyaml() -> bool:
    try:
        import yaml
    except ImportError:
        return True  # _read_yaml says what to install
    return bool(getattr(yaml, "__with_libyaml__", False))


def _yaml_loader() -> type[Any]:
    """A safe loader that refuses a key written twice in one mapping (made on first use)."""
    global _loader_class
    if _loader_class is not None:
        return _loader_class
    import yaml

    merge = "tag:yaml.org,2002:merge"

    # libyaml's reader is about thirty times faster, and bounds nesting at 1,000 levels.
    base = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader

    class Loader(base):  # type: ignore[valid-type,misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                seen = set()
                for key_node, _ in node.value:
                    if key_node.tag == merge:
                        continue
                    key = self.construct_object(key_node, deep=deep)
                    try:
                        duplicate = key in seen
                    except TypeError:
                        continue  # unhashable: SafeLoader says so below
                    if duplicate:
                        raise yaml.constructor.ConstructorError(
                            "while constructing a mapping",
                            node.start_mark,
                            f"found the key {_short(key)} twice (YAML readers would keep "
                            "only the last)",
                            key_node.start_mark,
                        )
                    seen.add(key)
            return super().construct_mapping(node, deep=deep)

    _loader_class = Loader
    return Loader


def _read_yaml(path: Path, text: str) -> Document:
    try:
        import yaml  # optional: the yaml extra
    except ImportError:
        raise ConfigError("reading YAML needs PyYAML", hint="pip install 'lrspec[yaml]'") from None
    loader = None
    try:
        loader = _yaml_loader()(text)
        root = loader.get_single_node()
        if root is None:
            return Document(path, None)
        _check_expansion(path, root)
        data = loader.construct_document(root)
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML: {_yaml_message(error)}") from None
    except ConfigError:
        raise
    except (ArithmeticError, LookupError, TypeError, ValueError) as error:
        # PyYAML's constructors fail in their own ways on a tagged scalar they cannot build
        # (``!!float`` with no value, ``!!timestamp 2024-13-45``, ...).
        raise ConfigError(f"{path}: not valid YAML: {_value_message(error)}") from None
    finally:
        if loader is not None:
            loader.dispose()
    return Document(path, data, root)


def _yaml_message(error: Any) -> str:
    """PyYAML's error in one line: the problem and where it is."""
    if isinstance(getattr(error, "character", None), int):  # a ReaderError
        return f"the character #x{error.character:04x} is not allowed (position {error.position})"
    problem = getattr(error, "problem", None)
    mark = getattr(error, "problem_mark", None)
    if problem is None:
        return " ".join(str(error).split())
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    return f"{problem}{where}"


def _check_expansion(path: Path, root: Any) -> None:
    """Refuse a node graph that expands (aliases counted as what they stand for) to more than
    MAX_YAML_NODES nodes, or that holds an alias inside its own anchor. Linear in the nodes
    written, never in what they expand to."""
    import yaml

    def kids(node: Any) -> list[Any]:
        if isinstance(node, yaml.MappingNode):
            return [part for pair in node.value for part in pair]
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        return []

    size: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            total = 1 + sum(size[id(kid)] for kid in kids(node))
            if total > MAX_YAML_NODES:
                raise ConfigError(
                    f"{path}: not read: its aliases expand it to more than "
                    f"{MAX_YAML_NODES:,} values (line {node.start_mark.line + 1})",
                    hint="a YAML file whose aliases multiply its size is refused",
                )
            size[key] = total
            continue
        if key in size:
            continue
        if key in open_:
            raise ConfigError(
                f"{path}: not read: an alias at line {node.start_mark.line + 1} stands for a "
                "value that contains it"
            )
        open_.add(key)
        stack.append((node, True))
        stack.extend((kid, False) for kid in kids(node) if id(kid) not in size)
