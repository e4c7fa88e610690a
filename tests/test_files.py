"""Config files from someone else: lrspec.load_file reads only regular files, within a size
cap, as UTF-8, with YAML's aliases bounded and duplicate keys refused; every problem is a
ConfigError naming the file, never a hang, a memory blow-up or Python's own exception."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
import yaml

import lrspec
from lrspec import ConfigError
from lrspec.formats import files

from conftest import ROOT


def _error(path, field=None) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        lrspec.load_file(path, field)
    return caught.value


def _in_a_subprocess(path, field="lr", timeout=60):
    """load_file in a fresh interpreter, with a timeout and a memory cap, for files that would
    block or exhaust memory if they were read."""
    code = (
        "import resource, sys, lrspec\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "try:\n"
        f"    lrspec.load_file({str(path)!r}, {field!r})\n"
        "except lrspec.ConfigError as error:\n"
        "    print(type(error).__name__, error.message)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# -- what is read at all -----------------------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "lr.json"
    os.mkfifo(fifo)
    assert _in_a_subprocess(fifo) == (
        f"ConfigError cannot read {fifo}: not a regular file (a FIFO)"
    )


def test_a_symlink_to_dev_zero_is_not_read(tmp_path):
    link = tmp_path / "lr.json"
    link.symlink_to("/dev/zero")
    assert _in_a_subprocess(link) == (
        f"ConfigError cannot read {link}: not a regular file (a character device)"
    )


def test_a_directory_is_refused(tmp_path):
    directory = tmp_path / "lr.yaml"
    directory.mkdir()
    error = _error(directory)
    assert error.message == f"cannot read {directory}: not a regular file (a directory)"
    assert error.hint == "lrspec reads config files only from regular files"


def test_a_file_over_the_size_cap_is_not_read(tmp_path):
    big = tmp_path / "lr.json"
    with open(big, "wb") as handle:  # sparse: no disk is used
        handle.truncate(files.MAX_FILE_BYTES + 1)
    assert _error(big).message == (
        f"cannot read {big}: it is larger than 10,000,000 bytes (10,000,001 bytes or more)"
    )
    at_cap = tmp_path / "ok.json"
    at_cap.write_text('{"lr": 0.1}' + " " * (files.MAX_FILE_BYTES - 11))
    assert at_cap.stat().st_size == files.MAX_FILE_BYTES
    assert lrspec.load_file(at_cap, "lr") == lrspec.parse("0.1")


def test_without_libyaml_yaml_has_a_smaller_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    monkeypatch.setattr(files, "_loader_class", None)
    big = tmp_path / "lr.yaml"
    big.write_text("lr: 0.1\n" + "#" * files.MAX_PURE_YAML_BYTES)
    assert _error(big, "lr").message == (
        f"cannot read {big}: it is larger than 1,000,000 bytes (1,000,008 bytes or more)"
    )
    small = tmp_path / "dup.yaml"
    small.write_text("lr: 0.1\nlr: 0.2\n")
    assert _error(small, "lr").message == (
        f"{small}: not valid YAML: found the key 'lr' twice (YAML readers would keep only "
        "the last) (line 2, column 1)"
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("lr\x00.json", "a file path cannot hold a NUL character, got 'lr\\x00.json'"),
        (5, "a config file's path is a string or a Path, got 5"),
        (["lr.json"], "a config file's path is a string or a Path, got ['lr.json']"),
    ],
)
def test_paths_that_are_not_paths(path, message):
    assert _error(path).message == message


def test_a_bytes_path_is_a_path(tmp_path):
    (tmp_path / "lr.json").write_text('{"lr": "Cosine(0.1, 0, 100)"}')
    path = os.fsencode(tmp_path / "lr.json")
    assert lrspec.load_file(path, "lr") == lrspec.parse("Cosine(0.1, 0, 100)")


@pytest.mark.parametrize("field", [5, ["lr"], b"lr"])
def test_a_field_is_a_dotted_string(tmp_path, field):
    (tmp_path / "lr.json").write_text('{"lr": 0.1}')
    assert _error(tmp_path / "lr.json", field).message == (
        f"a field is a dotted name such as 'training.lr', got {field!r}"
    )


# -- what the bytes must be ----------------------------------------------------------------------


def test_utf16_and_binary_files(tmp_path):
    utf16 = tmp_path / "lr.json"
    utf16.write_text('{"lr": 0.1}', encoding="utf-16")
    error = _error(utf16)
    assert error.message == (f"{utf16}: not UTF-8 text: byte 0 is b'\\xff' (it looks like UTF-16)")
    assert error.hint == "save the file as UTF-8"
    binary = tmp_path / "lr.toml"
    binary.write_bytes(b"lr = 0.1\n\x80\x81")
    assert _error(binary).message == f"{binary}: not UTF-8 text: byte 9 is b'\\x80'"
    nul = tmp_path / "lr.yaml"
    nul.write_bytes(b"lr: 0.1\x00")
    assert _error(nul).message == (
        f"{nul}: not valid YAML: the character #x0000 is not allowed (position 7)"
    )


def test_a_utf8_byte_order_mark_is_allowed(tmp_path):
    for name, text in [("lr.json", '{"lr": 0.1}'), ("lr.yaml", "lr: 0.1"), ("lr.toml", "lr = 0.1")]:
        (tmp_path / name).write_text(text, encoding="utf-8-sig")
        assert lrspec.load_file(tmp_path / name, "lr") == lrspec.parse("0.1")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "a.json",
            '{"lr": ' + "1" * 5000 + "}",
            "not valid JSON: an integer has more than 4300 digits",
        ),
        ("a.yaml", "lr: " + "1" * 5000, "not valid YAML: an integer has more than 4300 digits"),
        ("a.toml", "lr = " + "1" * 5000, "not valid TOML: an integer has more than 4300 digits"),
        ("b.json", "[" * 100_000 + "]" * 100_000, "not valid JSON: nested too deeply"),
        ("b.toml", "a = " + "[" * 100_000 + "]" * 100_000, "not valid TOML: nested too deeply"),
        (
            "b.yaml",
            "[" * 100_000 + "]" * 100_000,
            "not valid YAML: exceeded maximum nesting depth (line 1, column 1001)",
        ),
        ("c.json", '{"lr": NaN}', "not valid JSON: NaN is not a JSON number"),
        ("c.json", '{"lr": -Infinity}', "not valid JSON: -Infinity is not a JSON number"),
    ],
)
def test_huge_integers_deep_nesting_and_nan(tmp_path, name, text, message):
    (tmp_path / name).write_text(text)
    assert _error(tmp_path / name, "lr").message == f"{tmp_path / name}: {message}"


# -- duplicate keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "lr.json",
            '{"training": {"lr": 0.1, "lr": "Cosine(0.1, 0, 100)"}}',
            "not valid JSON: the key 'lr' is written twice in one object (JSON readers would "
            "keep only the last)",
        ),
        (
            "lr.yaml",
            "training:\n  lr: 0.1\n  steps: 100\n  lr: Cosine(0.1, 0, 100)\n",
            "not valid YAML: found the key 'lr' twice (YAML readers would keep only the last) "
            "(line 4, column 3)",
        ),
        (
            "lr.yaml",
            "training: {1: a, true: b}\n",  # equal keys in Python: one would replace the other
            "not valid YAML: found the key True twice (YAML readers would keep only the last) "
            "(line 1, column 18)",
        ),
        ("lr.toml", "[training]\nlr = 0.1\nlr = 0.2\n", "not valid TOML: Cannot overwrite a value"),
    ],
)
def test_a_key_written_twice_is_an_error(tmp_path, name, text, message):
    (tmp_path / name).write_text(text)
    assert _error(tmp_path / name, "training.lr").message.startswith(
        f"{tmp_path / name}: {message}"
    )


def test_yaml_merge_keys_still_override(tmp_path):
    (tmp_path / "lr.yaml").write_text(
        "base: &base {lr: 0.1, steps: 100}\nrun:\n  <<: *base\n  lr: Cosine(0.1, 0, 100)\n"
    )
    assert lrspec.load_file(tmp_path / "lr.yaml", "run.lr") == lrspec.parse("Cosine(0.1, 0, 100)")


# -- YAML aliases ---------------------------------------------------------------------------------


def _laughs(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines)


def test_a_billion_laughs_beside_a_plain_field_is_refused_at_once(tmp_path):
    path = tmp_path / "lr.yaml"
    path.write_text("lr: Cosine(0.1, 0, 100)\n" + _laughs(9))
    start = time.perf_counter()
    error = _error(path, "lr")
    assert time.perf_counter() - start < 5
    assert error.message == (
        f"{path}: not read: its aliases expand it to more than 1,000,000 values (line 7)"
    )
    assert error.hint == "a YAML file whose aliases multiply its size is refused"


def test_aliases_within_the_bound_are_read(tmp_path):
    path = tmp_path / "lr.yaml"
    path.write_text("lr: &lr Cosine(0.1, 0, 100)\nagain: *lr\n" + _laughs(5))  # 111,111 values
    assert lrspec.load_file(path, "again") == lrspec.parse("Cosine(0.1, 0, 100)")


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    path = tmp_path / "lr.yaml"
    path.write_text("lr: 0.1\nloop: &loop [1, *loop]\n")
    assert _error(path, "lr").message == (
        f"{path}: not read: an alias at line 2 stands for a value that contains it"
    )


def test_errors_still_point_at_the_field_and_line(tmp_path):
    path = tmp_path / "lr.yaml"
    path.write_text("other: [1, 2]\ntraining:\n  lr: Cosine(0.1, 0, -5)\n")
    error = _error(path, "training.lr")
    assert error.message.startswith(f"{path}: training.lr (line 3): Cosine: 'steps' must be")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Found by tests/fuzz/atheris_config.py: PyYAML's constructors raise IndexError.
        ("lr: !!float\n", "a value cannot be read (IndexError: string index out of range)"),
        ("lr: !!int\n", "a value cannot be read (IndexError: string index out of range)"),
        (
            "lr: !!timestamp 2024-13-45\n",
            "a value cannot be read (ValueError: month must be in 1..12)",
        ),
        (
            "lr: !!int 0x\n",
            "a value cannot be read (ValueError: invalid literal for int() with base 16: '')",
        ),
    ],
)
def test_yaml_values_its_constructors_cannot_build(tmp_path, text, message):
    path = tmp_path / "lr.yaml"
    path.write_text(text)
    assert _error(path, "lr").message == f"{path}: not valid YAML: {message}"
