"""The documents hold: the README's set-up commands are what CI runs, and no document names a
file that is not in the repository."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT

README = ROOT / "README.md"


def _first_block(text: str, language: str) -> list[str]:
    match = re.search(rf"```{language}\n(.*?)```", text, re.S)
    assert match, f"no ```{language} block"
    return [line for line in match.group(1).splitlines() if line.strip()]


def _commands(script: str) -> list[str]:
    """The lines of a shell script that do something (not comments, `set`, or `cd`)."""
    return [
        line
        for line in script.splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]


def test_readme_starts_with_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert text.startswith("# lrspec\n\n```sh\n"), "the README must begin with its commands"
    commands = _first_block(text, "sh")
    assert len(commands) == 2
    install, test = commands
    assert "pip install ." in install and "lrspec " in install
    assert "-c constraints-dev.txt" in test and "pytest" in test


def test_ci_runs_exactly_the_readme_commands():
    commands = _first_block(README.read_text(encoding="utf-8"), "sh")
    assert _commands((ROOT / ".ci" / "run").read_text(encoding="utf-8")) == commands


def _tracked(*patterns: str) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", *patterns], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


TEXT_FILES = [
    p
    for p in _tracked()
    if p.endswith((".md", ".py", ".toml", ".lark", ".txt", ".yaml"))
    and p != "constraints-dev.txt"
    or p == ".ci/run"
]
# A path names a file of this repository when it starts with one of its top-level parts; a bare
# file name (no directory) must be the name of some file in it; a glob (``*_live.py``) is no
# name. Paths into other projects
# (``torch/optim/lr_scheduler.py``) start elsewhere and are not checked.
_TOP = ("lrspec/", "grammar/", "tests/", "examples/", ".ci/")
_NAME = re.compile(
    r"(?<![\w/.:*-])((?:[\w.-]+/)*[\w-]+\.(?:md|py|toml|lark|txt|yaml|yml|json|jsonl))\b"
)


# What the build makes: the wheel carries the grammar inside the package.
_BUILT = {"lrspec/lrspec.lark"}


def _named_paths(text: str, code: bool) -> set[str]:
    """The repository files a text names; in code, only documents and repository paths count
    (a test's own temporary ``run.yaml`` is not a reference)."""
    names = {m.group(1) for m in _NAME.finditer(text)}
    return {
        name
        for name in names - _BUILT
        if name.startswith(_TOP)
        or "/" not in name
        and (not code or name.endswith((".md", ".lark")))
    }


_BASENAMES = {p.rsplit("/", 1)[-1] for p in _tracked()}


@pytest.mark.parametrize("document", TEXT_FILES)
def test_files_name_only_files_that_exist(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    missing = sorted(
        name
        for name in _named_paths(text, code=document.endswith(".py"))
        if not ((ROOT / name).exists() if "/" in name else name in _BASENAMES)
    )
    assert not missing, f"{document} names files that are not in the repository: {missing}"
