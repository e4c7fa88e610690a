"""The ``lrspec`` command, run as a user runs it: as a subprocess (``python -m lrspec`` and
the installed ``lrspec`` script), checking exact outputs and exit codes.

Also checks the README's "The lrspec command" section: every ``$ command`` shown there is
run, and its output must be exactly the text shown under it.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import sysconfig
from pathlib import Path

import numpy as np
import pytest

import lrspec
from lrspec.model.registry import families

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SUBCOMMANDS = ["check", "eval", "plot", "fmt", "explain", "families", "convert"]
JUMP = "Warmup(100) >> Cosine(0.1, 0, 900) >> Constant(0.5)"
SMOOTH = "Warmup(100) >> Cosine(0.1, 0, 900)"


# -- helpers ---------------------------------------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run(
    *args: str, input: str | None = None, env: dict | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    """``python -m lrspec ARGS``, with its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "lrspec", *args],
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or _env(),
        cwd=cwd,
    )


def script() -> str:
    """The installed ``lrspec`` console script of this interpreter."""
    candidate = Path(sysconfig.get_path("scripts")) / "lrspec"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("lrspec")
    assert found, "the lrspec console script is not installed (pip install -e '.[dev]')"
    return found


# Without the plotting libraries: every import of them fails, as when they are not installed.
_NO_PLOT = (
    "import sys; sys.modules['plotext'] = None; sys.modules['matplotlib'] = None; "
    "from lrspec.cli import main; sys.exit(main(sys.argv[1:]))"
)


def run_without_plot_libraries(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _NO_PLOT, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
    )


def run_on_terminal(*args: str, **env: str) -> tuple[str, int]:
    """``python -m lrspec ARGS`` with standard output on a pseudo-terminal."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "lrspec", *args],
        stdout=slave,
        stderr=subprocess.PIPE,
        env=_env(TERM="xterm", **env),
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the other side closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    process.wait()
    with process.stderr:
        assert process.stderr.read() == b""
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n"), process.returncode


def assert_error(result, expected_stderr: str, code: int = 1) -> None:
    assert result.returncode == code, result
    assert result.stdout == ""
    assert result.stderr == expected_stderr
    assert "Traceback" not in result.stderr


def library_error(text: str, **sizes) -> str:
    """The caret message the library gives for ``text``."""
    with pytest.raises(lrspec.LrspecError) as caught:
        s = lrspec.parse(text, **sizes)
        s.length
    return str(caught.value)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# -- the command itself ----------------------------------------------------------------------


def test_help_lists_every_subcommand():
    result = run("--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("usage: lrspec [-h] [--version] COMMAND ...\n")
    for name in SUBCOMMANDS:
        assert re.search(rf"^    {name} +\S", result.stdout, re.M), name


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_help(name):
    result = run(name, "--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith(f"usage: lrspec {name} [-h]")
    assert "options:" in result.stdout


def test_version():
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"lrspec {lrspec.__version__}\n")


@pytest.mark.parametrize(
    "args", [(), ("nosuch",), ("check",), ("check", "Cosine(0.1, 0, 1)", "--nosuch")]
)
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: lrspec")
    assert "Traceback" not in result.stderr


def test_installed_script_is_the_same_command():
    by_module = run("check", JUMP)
    by_script = subprocess.run(
        [script(), "check", JUMP], capture_output=True, text=True, encoding="utf-8", env=_env()
    )
    assert (by_script.returncode, by_script.stdout, by_script.stderr) == (
        by_module.returncode,
        by_module.stdout,
        by_module.stderr,
    )
    assert by_script.returncode == 0 and "jump at step 1000" in by_script.stdout


# -- check -----------------------------------------------------------------------------------


def test_check_warns_on_a_jump_at_the_second_join():
    result = run("check", JUMP)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == (
        "Warmup(100) >> Cosine(0.1, 0.0, 900) >> Constant(0.5)\n"
        "  length: never ends\n"
        "  first:  0.0\n"
        "  min:    0.0 at step 0\n"
        "  max:    0.5 at step 1000\n"
        "  final:  0.5 from step 1000 on\n"
        "warning: jump at step 1000, where Constant(0.5) starts: from 0.0 to 0.5\n"
        "1 warning\n"
    )
    assert run("check", "--strict", JUMP).returncode == 1


def test_check_does_not_warn_on_a_warmup_into_a_cosine():
    result = run("check", SMOOTH)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == (
        "Warmup(100) >> Cosine(0.1, 0.0, 900)\n"
        "  length: 1000 steps\n"
        "  first:  0.0\n"
        "  min:    0.0 at step 0\n"
        "  max:    0.1 at step 100\n"
        "  final:  0.0 from step 1000 on\n"
        "ok: no warnings\n"
    )
    assert run("check", "--strict", SMOOTH).returncode == 0
    assert run("check", "--strict", SMOOTH, "--total-steps", "1000").returncode == 0


def test_check_reads_standard_input():
    result = run("check", "-", input=SMOOTH + "  # a comment\n")
    assert (result.returncode, result.stdout) == (0, run("check", SMOOTH).stdout)
    empty = run("check", "-", input="  \n")
    assert empty.returncode == 2 and "standard input holds no spec" in empty.stderr


def test_check_invalid_spec_is_the_caret_message():
    spec = "Warmup(500) >> Cosin(0.1, 0.0, 10000)"
    result = run("check", spec)
    assert_error(result, library_error(spec) + "\n")
    assert result.stderr == (
        "lrspec: unknown schedule 'Cosin' at column 15\n"
        "  Warmup(500) >> Cosin(0.1, 0.0, 10000)\n"
        "                 ^^^^^\n"
        "did you mean 'Cosine'?\n"
    )
    assert run("check", "--strict", spec).returncode == 1


def test_check_missing_sizes_say_which_option_to_pass():
    result = run("check", "Warmup(5%) >> Cosine(3e-4, 3e-5, 95%)")
    assert_error(
        result,
        "lrspec: 'Warmup(5%) >> Cosine(0.0003, 3e-05, 95%)' needs "
        "total_steps to be evaluated (it uses 5%, 95%)\n"
        "pass --total-steps N\n",
    )
    epochs = run("check", "StepLR(0.1, 2ep)")
    assert epochs.returncode == 1 and epochs.stderr.endswith("pass --steps-per-epoch N\n")
    assert run("check", "StepLR(0.1, 2ep)", "--steps-per-epoch", "100").returncode == 0


@pytest.mark.parametrize("value", ["0", "-5", "1.5", "x"])
def test_check_sizes_must_be_positive_whole_numbers(value):
    result = run("check", SMOOTH, "--total-steps", value)
    assert result.returncode == 2
    assert "argument --total-steps: expected" in result.stderr


@pytest.mark.parametrize(
    "spec, sizes, warning",
    [
        ("Cosine(0.1, 0, 100) - 0.05", (), "negative values: -0.05 at step 100"),
        (
            "Cosine(0.1, 0, 900)",
            ("--total-steps", "500"),
            "still changing at total_steps (500): it is 900 steps long, so the run ends at 0.0413176, "
            "before its final 0.0",
        ),
        (
            "StepLR(0.1, 30)",
            ("--total-steps", "500"),
            "still changing at total_steps (500): it never ends, and goes from 1e-17 at step 500 to "
            "1e-18 at step 510",
        ),
        (
            "Cosine(0.1, 0, 900)",
            ("--total-steps", "1000"),
            "it ends at step 900, before total_steps (1000), and holds 0.0: the last 100 steps train "
            "at a rate of 0",
        ),
        (
            "Warmup(10, 0.5) >> Cosine(0.1, 0, 100)",
            (),
            "Warmup(10, start=0.5) ramps down: from 0.5 to 0.1, where Cosine(0.1, 0.0, 100) starts",
        ),
        ("Constant(0.0)", (), "the rate is 0.0 at every step (steps 0..10000)"),
        (
            "Repeat(Linear(0.1, 0.05, 100) >> Constant(0.1)[:100], 3)",
            (),
            "jump at step 100, where Constant(0.1)[:100] starts: from 0.05 to 0.1 (and in every "
            "repetition)",
        ),
        (
            "Linear(0.1, 0.0, 100) >> 0.02 + Cosine(0.1, 0, 100)[:50]",
            (),
            "jump at step 100, where 0.02 + Cosine(0.1, 0.0, 100)[:50] starts: from 0.0 to 0.12",
        ),
    ],
)
def test_check_warnings(spec, sizes, warning):
    result = run("check", spec, *sizes)
    assert result.returncode == 0 and result.stderr == ""
    assert f"\nwarning: {warning}\n" in result.stdout
    assert result.stdout.endswith("\n1 warning\n")
    assert run("check", "--strict", spec, *sizes).returncode == 1


@pytest.mark.parametrize(
    "spec",
    [
        SMOOTH,
        "Warmup(100, 0.01) >> Constant(0.1)[:500] >> Linear(0.1, 0.01, 400)",
        "Warmup(100) >> Repeat(Cosine(0.1, 0.0, 300), 3)",  # restarts are not '>>' joins
        "StepLR(0.1, 100)[:300] >> Constant(0.001)",  # 0.001 just before, 0.001 after
        "max(Linear(0.1, 0.0, 100) >> Constant(0.01), 0.05)",  # max hides the jump
        "Linear(0.1, 0.0, 100) >> Linear(0.0, 0.1, 100)",
        "MultiStepLR(0.1;30,80;0.1)",
    ],
)
def test_check_no_warnings(spec):
    result = run("check", "--strict", spec)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("\nok: no warnings\n")
    assert "warning" not in result.stdout.replace("ok: no warnings", "")


@pytest.mark.parametrize(
    "spec, sizes, note",
    [
        (
            "Warmup(10) >> 0.5 * Plateau(0.1)",
            (),
            "it reads a metric, so its rate can drop while training; these are its values before "
            "it has seen one",
        ),
        ("2 * Cosine(1, 0, 10)", (), "its largest rate, 2.0, is above 1"),
        (
            "StepLR(0.1, 30)",
            (),
            "it never ends; this looked at steps 0..10000 (pass --total-steps for your run)",
        ),
        (
            "Cosine(0.1, 0.01, 900)",
            ("--total-steps", "1000"),
            "it ends at step 900 and holds 0.01 for the last 100 steps of the run",
        ),
        (
            "Cosine(0.1, 0, 1e7)",
            (),
            "min and max are over 1,000,001 of its 10,000,001 steps (sampled evenly, and around "
            "every join)",
        ),
    ],
)
def test_check_notes_are_not_warnings(spec, sizes, note):
    result = run("check", "--strict", spec, *sizes)
    assert result.returncode == 0
    assert f"\nnote: {note}\n" in result.stdout
    assert result.stdout.endswith("\nok: no warnings\n")


def test_check_with_units_and_total_steps():
    result = run("check", "Warmup(5%) >> Cosine(3e-4, 3e-5, 95%)", "--total-steps", "10000")
    assert result.returncode == 0
    assert result.stdout == (
        "Warmup(5%) >> Cosine(0.0003, 3e-05, 95%)\n"
        "  length: 10000 steps\n"
        "  first:  0.0\n"
        "  min:    0.0 at step 0\n"
        "  max:    0.0003 at step 500\n"
        "  final:  3e-05 from step 10000 on\n"
        "ok: no warnings\n"
    )


def test_check_endless_schedule_that_keeps_changing():
    result = run("check", "StepLR(0.1, 30)")
    assert result.stdout.splitlines()[1:6] == [
        "  length: never ends",
        "  first:  0.1",
        "  min:    0.0 at step 9690",
        "  max:    0.1 at step 0",
        "  final:  none: it keeps changing",
    ]


# -- colour ----------------------------------------------------------------------------------


def test_colour_only_on_a_terminal_and_never_with_no_color():
    coloured, code = run_on_terminal("check", JUMP)
    assert code == 0
    assert "\x1b[33;1mwarning:\x1b[0m jump at step 1000" in coloured
    plain, code = run_on_terminal("check", JUMP, NO_COLOR="1")
    assert code == 0 and "\x1b[" not in plain
    assert plain == run("check", JUMP).stdout
    assert "\x1b[" not in run("check", JUMP).stdout


def test_terminal_plot_is_coloured_only_on_a_terminal():
    coloured, _ = run_on_terminal("plot", SMOOTH, "--size", "60x15")
    assert "\x1b[" in coloured
    plain, _ = run_on_terminal("plot", SMOOTH, "--size", "60x15", NO_COLOR="1")
    assert "\x1b[" not in plain and plain == run("plot", SMOOTH, "--size", "60x15").stdout


# -- eval ------------------------------------------------------------------------------------


def test_eval_table():
    result = run("eval", "Warmup(500) >> Cosine(0.1, 0.0, 10000)", "--steps", "0:10501:2500")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == (
        " step  lr\n"
        "    0  0.0\n"
        " 2500  0.09045084971874738\n"
        " 5000  0.05782172325201155\n"
        " 7500  0.02061073738537635\n"
        "10000  0.0006155829702431171\n"
    )


def test_eval_csv():
    result = run(
        "eval",
        "StepLR(0.1, 2ep)",
        "--steps-per-epoch",
        "100",
        "--steps",
        "0,199,200",
        "--format",
        "csv",
    )
    assert (result.returncode, result.stdout) == (
        0,
        "step,lr\n0,0.1\n199,0.1\n200,0.010000000000000002\n",
    )
    floats = run("eval", "Linear(1, 0, 4)", "--steps", "0:1:0.25,4", "--format", "csv")
    assert floats.stdout == "step,lr\n0,1.0\n0.25,0.9375\n0.5,0.875\n0.75,0.8125\n4,0.0\n"


@pytest.mark.parametrize(
    "spec, steps, sizes, expected",
    [
        ("Warmup(500) >> Cosine(0.1, 0.0, 10000)", "0:12000:7", (), np.arange(0, 12000, 7)),
        (
            "Warmup(5%) >> Cosine(3e-4, 3e-5, 95%)",
            "0:10001",
            ("--total-steps", "10000"),
            np.arange(10001),
        ),
        ("MultiStepLR(0.1;1,3,5;0.1)", "0:10:0.5", (), 0.5 * np.arange(20)),
        (
            "Cyclic(0.001, 0.01, 20, mode=triangular2)",
            "3,0:100:3,1000",
            (),
            np.array([3, *range(0, 100, 3), 1000]),
        ),
        (
            "0.5 * Cosine(3e-4, 0, 10_000) + 1e-5",
            "0:10000:1000,9999.5",
            (),
            np.array([*range(0, 10000, 1000), 9999.5]),
        ),
        (
            "Warmup(2ep) >> ExponentialDecay(0.1, 0.5, 1ep)",
            "0:1000",
            ("--steps-per-epoch", "37"),
            np.arange(1000),
        ),
    ],
)
def test_eval_json_is_the_schedule_at_the_steps(spec, steps, sizes, expected):
    result = run("eval", spec, "--steps", steps, "--format", "json", *sizes)
    assert result.returncode == 0 and result.stderr == ""
    values = json.loads(result.stdout)
    keyword = {"--total-steps": "total_steps", "--steps-per-epoch": "steps_per_epoch"}
    bind = {keyword[sizes[i]]: int(sizes[i + 1]) for i in range(0, len(sizes), 2)}
    schedule = lrspec.parse(spec, **bind)
    assert values == schedule(expected).tolist()  # bit for bit: JSON keeps repr(float)
    assert values == [schedule(float(t)) for t in expected]


def test_eval_reads_standard_input():
    result = run(
        "eval",
        "-",
        "--steps",
        "0:5",
        "--format",
        "json",
        input="Warmup(2) >>\n  Linear(0.1, 0.0, 4)  # two lines\n",
    )
    assert json.loads(result.stdout) == [0.0, 0.05, 0.1, 0.07500000000000001, 0.05]


@pytest.mark.parametrize(
    "steps, message",
    [
        ("5:1", "argument --steps: '5:1' is empty: STOP is excluded, as in Python's range()"),
        ("0:10:0", "argument --steps: STEP must be > 0, got '0:10:0'"),
        ("-1:5", "argument --steps: steps must be >= 0, got '-1:5'"),
        ("a:b", "argument --steps: expected a number, got 'a'"),
        (
            "0:1:2:3",
            "argument --steps: expected START:STOP[:STEP] or a step (several joined by "
            "commas), got '0:1:2:3'",
        ),
        ("0:inf", "argument --steps: expected a finite number, got 'inf'"),
        (
            "0:10000001",
            "--steps 0:10000001 asks for 10,000,001 steps; at most 10,000,000 are "
            "evaluated at once (take a larger STEP, e.g. --steps 0:10000001:2)",
        ),
        (
            "0:20000000,1",
            "--steps 0:20000000,1 asks for 20,000,001 steps; at most 10,000,000 are "
            "evaluated at once (take a larger STEP, e.g. --steps START:STOP:10)",
        ),
    ],
)
def test_eval_bad_steps_are_usage_errors(steps, message):
    result = run("eval", "Cosine(0.1, 0, 100)", f"--steps={steps}")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("usage: lrspec eval")
    assert result.stderr.endswith(f"lrspec eval: error: {message}\n")


def test_eval_usage_and_invalid():
    assert run("eval", "Cosine(0.1, 0, 100)").returncode == 2  # --steps is required
    assert run("eval", "Cosine(0.1, 0, 100)", "--steps", "0:3", "--format", "xml").returncode == 2
    spec = "Cosine(0.1, 0, 100)[200:100]"
    assert_error(run("eval", spec, "--steps", "0:3"), library_error(spec) + "\n")
    units = run("eval", "Cosine(0.1, 0, 50%)", "--steps", "0:3")
    assert units.returncode == 1 and units.stderr.endswith("pass --total-steps N\n")


def test_a_closed_pipe_is_quiet():
    process = subprocess.Popen(
        [sys.executable, "-m", "lrspec", "eval", "Cosine(0.1, 0, 1000000)", "--steps", "0:1000000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert process.stdout.readline() == b"  step  lr\n"
    process.stdout.close()  # like `| head -1`
    with process.stderr:
        stderr = process.stderr.read()
    process.wait()
    assert stderr == b""
    assert process.returncode == 1


def test_ctrl_c_is_quiet():
    process = subprocess.Popen(
        [sys.executable, "-m", "lrspec", "fmt", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    process.stdin.write("Cosine(1e-1,0,100)\n")
    process.stdin.flush()
    # The answer to the first line proves the command is running, waiting for the next one.
    assert process.stdout.readline() == "Cosine(0.1, 0.0, 100)\n"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate()
    assert (process.returncode, out, err) == (130, "", "")


# -- plot ------------------------------------------------------------------------------------


def test_terminal_plot_has_the_asked_size_and_labels():
    result = run("plot", SMOOTH, "--size", "60x15")
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.rstrip("\n").split("\n")
    assert len(lines) == 15
    assert max(len(line) for line in lines) == 60
    assert lines[0].strip() == "Warmup(100) >> Cosine(0.1, 0.0, 900)"  # the title
    assert re.fullmatch(r"learning rate +step", lines[-1])  # the axis labels
    assert lines[-2].split() == ["0", "250", "500", "750", "1000"]  # the x ticks
    assert lines[2].startswith("0.100┤") and lines[-4].startswith("0.000┤")  # the y ticks
    assert "\x1b[" not in result.stdout  # no colour in a pipe
    assert re.search("[\u2801-\u28ff]", result.stdout)  # the curve, in braille


def test_terminal_plot_default_size_is_80x24_in_a_pipe():
    lines = run("plot", SMOOTH).stdout.rstrip("\n").split("\n")
    assert len(lines) == 24 and max(len(line) for line in lines) == 80


def test_terminal_plot_compares_several_specs():
    specs = [SMOOTH, "StepLR(0.1, 200)", "Linear(0.1, 0, 1000)"]
    result = run("plot", *specs, "--size", "90x30", "--steps", "1000")
    assert result.returncode == 0
    lines = result.stdout.rstrip("\n").split("\n")
    assert len(lines) == 30 and max(len(line) for line in lines) == 90
    # The legend, in its box: each curve with its own marker (no colour in a pipe to tell them
    # apart), in the order given.
    legend = [m.groups() for line in lines for m in re.finditer(r"│ (\S) (\S.*?) +│", line)]
    assert legend == [
        ("⢕", "Warmup(100) >> Cosine(0.1, 0.0, 900)"),
        ("•", "StepLR(0.1, 200)"),
        ("x", "Linear(0.1, 0.0, 1000)"),
    ]
    assert lines[1].endswith("┐│")  # at the top right, where decaying rates leave room
    assert lines[-2].split()[-1] == "1000"


def test_plot_steps():
    result = run("plot", "StepLR(0.1, 30)", "--steps", "2000", "--size", "60x15")
    assert result.stdout.rstrip("\n").split("\n")[-2].split()[-1] == "2000"
    endless = run("plot", "StepLR(0.1, 30)")
    assert endless.returncode == 2
    assert endless.stderr.endswith(
        "lrspec plot: error: the schedules never end: say how far "
        "to plot with --steps N (or --total-steps N)\n"
    )
    run_ = run("plot", "StepLR(0.1, 30)", "--total-steps", "500", "--size", "60x15")
    assert run_.stdout.rstrip("\n").split("\n")[-2].split()[-1] == "500"
    too_many = run("plot", SMOOTH, "--steps", "20000000")
    assert too_many.returncode == 2 and "asks for 20,000,001 steps" in too_many.stderr


def test_plot_reads_standard_input():
    result = run("plot", "-", "--size", "60x15", input=SMOOTH)
    assert result.stdout == run("plot", SMOOTH, "--size", "60x15").stdout


def test_png(tmp_path):
    out = tmp_path / "lr.png"
    result = run("plot", SMOOTH, "StepLR(0.1, 200)", "-o", str(out), "--size", "640x360")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == f"wrote {out} (640x360)\n"
    assert out.exists()
    assert png_size(out) == (640, 360)
    from matplotlib.image import imread

    pixels = imread(str(out))
    assert pixels.shape[:2] == (360, 640)
    assert pixels[..., :3].var() > 0.001  # not blank
    colours = np.unique(pixels[..., :3].reshape(-1, 3), axis=0)
    assert len(colours) > 10


def test_png_default_size(tmp_path):
    out = tmp_path / "default.png"
    assert run("plot", SMOOTH, "-o", str(out)).stdout == f"wrote {out} (800x500)\n"
    assert png_size(out) == (800, 500)


def test_svg_and_pdf(tmp_path):
    svg = tmp_path / "lr.svg"
    result = run("plot", SMOOTH, "-o", str(svg), "--size", "600x400", "--title", "my run")
    assert result.returncode == 0
    text = svg.read_text(encoding="utf-8")
    assert text.startswith("<?xml") and "<svg" in text
    assert 'width="432pt" height="288pt"' in text  # 600x400 pixels at 100 to the inch
    assert text.count("<path") > 10  # axes, ticks, the curve and the title's glyphs
    pdf = tmp_path / "lr.pdf"
    assert run("plot", SMOOTH, "-o", str(pdf)).returncode == 0
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "args, message",
    [
        (("-o", "lr.jpg"), "-o lr.jpg: the file must end in .png, .svg or .pdf"),
        (("--size", "10x5"), "--size 10x5 is too small for a plot (20x8 at least)"),
        (
            ("--size", "20x20", "-o", "a.png"),
            "--size 20x20: an image is 50 to 10000 pixels each way",
        ),
    ],
)
def test_plot_usage_errors(args, message, tmp_path):
    result = run("plot", SMOOTH, *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.endswith(f"lrspec plot: error: {message}\n")
    bad_size = run("plot", SMOOTH, "--size", "big")
    assert bad_size.returncode == 2 and "expected WIDTHxHEIGHT" in bad_size.stderr
    assert run("plot", "-", "-", input=SMOOTH).returncode == 2


def test_plot_cannot_write(tmp_path):
    result = run("plot", SMOOTH, "-o", str(tmp_path / "no" / "such" / "dir.png"))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("lrspec: No such file or directory")
    assert "Traceback" not in result.stderr


def test_plot_without_the_plot_extra_says_what_to_install(tmp_path):
    terminal = run_without_plot_libraries("plot", SMOOTH)
    assert_error(
        terminal, "lrspec: a plot in the terminal needs plotext: pip install 'lrspec[plot]'\n"
    )
    image = run_without_plot_libraries("plot", SMOOTH, "-o", str(tmp_path / "lr.png"))
    assert_error(image, "lrspec: writing an image needs matplotlib: pip install 'lrspec[plot]'\n")
    assert not (tmp_path / "lr.png").exists()
    # The other subcommands do not need them.
    assert run_without_plot_libraries("check", SMOOTH).returncode == 0


# plotext 5's shape: its functions at module level (plotsize, plot, build), no figure object.
_PLOTEXT_5 = (
    "import sys, types; old = types.ModuleType('plotext'); old.__version__ = '5.3.2'; "
    "old.plotsize = old.plot = old.build = print; sys.modules['plotext'] = old; "
    "from lrspec.cli import main; sys.exit(main(sys.argv[1:]))"
)


def test_plot_with_plotext_5_says_what_to_install():
    result = subprocess.run(
        [sys.executable, "-c", _PLOTEXT_5, "plot", SMOOTH],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
    )
    assert_error(
        result,
        "lrspec: lrspec draws with plotext 6 (found 5.3.2): pip install 'plotext>=6.1,<7'\n",
    )


def test_plot_invalid_spec():
    spec = "Warmup(100)"
    assert_error(run("plot", SMOOTH, spec), library_error(spec) + "\n")


# -- fmt -------------------------------------------------------------------------------------


def test_fmt_prints_the_canonical_form():
    result = run("fmt", "Warmup( 500 )>>Cosine(1e-1,0,10_000)")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "Warmup(500) >> Cosine(0.1, 0.0, 10000)\n",
        "",
    )
    aliases = run("fmt", "MultiStepLR(0.1;1,3,5;0.1)")
    assert aliases.stdout == "MultiStepLR(0.1, [1, 3, 5], 0.1)\n"


def test_fmt_check():
    bad = run("fmt", "--check", "Warmup( 500 )>>Cosine(1e-1,0,10_000)")
    assert (bad.returncode, bad.stdout, bad.stderr) == (
        1,
        "",
        "would reformat: Warmup( 500 )>>Cosine(1e-1,0,10_000)\n",
    )
    good = run("fmt", "--check", "Warmup(500) >> Cosine(0.1, 0.0, 10000)")
    assert (good.returncode, good.stdout, good.stderr) == (0, "", "")
    spec = "Cosine(0.1,, 1)"
    assert_error(run("fmt", "--check", spec), library_error(spec) + "\n")


STDIN = (
    "Warmup( 500 )>>Cosine(1e-1,0,10_000)\n"
    "\n"
    "# a comment line\n"
    "StepLR(0.1,30)   # per epoch\n"
    "Constant(0.1)[:1000] >> Linear(0.1, 0.0, 9000)\n"
    "Cosin(1, 2, 3)\n"
    'Cyclic(0.001, 0.01, 20, mode="triangular2")  # "a # in a string" is not a comment\n'
)


def test_fmt_reads_standard_input_line_by_line():
    result = run("fmt", "-", input=STDIN)
    assert result.returncode == 1  # one line is not a spec
    assert result.stdout == (
        "Warmup(500) >> Cosine(0.1, 0.0, 10000)\n"
        "\n"
        "# a comment line\n"
        "StepLR(0.1, 30)  # per epoch\n"
        "Constant(0.1)[:1000] >> Linear(0.1, 0.0, 9000)\n"
        "Cosin(1, 2, 3)\n"
        'Cyclic(0.001, 0.01, 20, mode=triangular2)  # "a # in a string" is not a comment\n'
    )
    assert result.stderr == (
        "lrspec: unknown schedule 'Cosin' at line 6, column 0\n"
        "  Cosin(1, 2, 3)\n"
        "  ^^^^^\n"
        "did you mean 'Cosine'?\n"
    )


def test_fmt_check_standard_input():
    result = run("fmt", "--check", "-", input=STDIN)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "would reformat line 1: Warmup( 500 )>>Cosine(1e-1,0,10_000)",
        "would reformat line 4: StepLR(0.1,30)   # per epoch",
        "lrspec: unknown schedule 'Cosin' at line 6, column 0",
        "  Cosin(1, 2, 3)",
        "  ^^^^^",
        "did you mean 'Cosine'?",
        "would reformat line 7: " + STDIN.splitlines()[6],
    ]
    formatted = run("fmt", "-", input=STDIN.replace("Cosin(", "Cosine(")).stdout
    again = run("fmt", "--check", "-", input=formatted)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


def test_fmt_check_accepts_every_canonical_example():
    examples = [str(lrspec.parse(cls.example)) for cls in families().values()]
    result = run("fmt", "--check", "-", input="\n".join(examples) + "\n")
    assert (result.returncode, result.stderr) == (0, "")
    assert run("fmt", "-", input="\n".join(examples) + "\n").stdout.splitlines() == examples


# -- explain ---------------------------------------------------------------------------------


def test_explain_sequence():
    result = run("explain", JUMP)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == (
        "Warmup(100) >> Cosine(0.1, 0.0, 900) >> Constant(0.5)\n"
        "\n"
        "piece                     start   end  at start  at end\n"
        ">>                            0   inf       0.0       -\n"
        "├─ Warmup(100)                0   100       0.0     0.1\n"
        "├─ Cosine(0.1, 0.0, 900)    100  1000       0.1     0.0\n"
        "└─ Constant(0.5)           1000   inf       0.5       -\n"
    )


def test_explain_arithmetic_repeat_and_units():
    assert run("explain", "0.5 * Cosine(4e-4, 0, 10_000) + 1e-5").stdout == (
        "0.5 * Cosine(0.0004, 0.0, 10000) + 1e-05\n"
        "\n"
        "piece                             start    end  at start  at end\n"
        "+                                     0  10000   0.00021   1e-05\n"
        "├─ *                                  0  10000    0.0002     0.0\n"
        "│  ├─ 0.5                             0  10000       0.5     0.5\n"
        "│  └─ Cosine(0.0004, 0.0, 10000)      0  10000    0.0004     0.0\n"
        "└─ 1e-05                              0  10000     1e-05   1e-05\n"
    )
    assert run("explain", "Warmup(100) >> Repeat(Cosine(0.1, 0.0, 300), 3)").stdout == (
        "Warmup(100) >> Repeat(Cosine(0.1, 0.0, 300), times=3)\n"
        "\n"
        "piece                        start   end  at start  at end\n"
        ">>                               0  1000       0.0     0.0\n"
        "├─ Warmup(100)                   0   100       0.0     0.1\n"
        "└─ Repeat(…, times=3)          100  1000       0.1     0.0  runs 3 times\n"
        "   └─ Cosine(0.1, 0.0, 300)    100   400       0.1     0.0  one run\n"
    )
    units = run("explain", "Warmup(5%) >> Cosine(3e-4, 3e-5, 95%)", "--total-steps", "1000")
    assert units.stdout == (
        "Warmup(5%) >> Cosine(0.0003, 3e-05, 95%)\n"
        "\n"
        "piece                          start   end  at start  at end\n"
        ">>                                 0  1000       0.0   3e-05\n"
        "├─ Warmup(50)                      0    50       0.0  0.0003\n"
        "└─ Cosine(0.0003, 3e-05, 950)     50  1000    0.0003   3e-05\n"
    )


def test_explain_slices():
    spec = "(Warmup(100) >> Cosine(0.1, 0, 900))[150:500] >> Linear(0.05, 0, 100)"
    assert run("explain", spec).stdout == (
        "(Warmup(100) >> Cosine(0.1, 0.0, 900))[150:500] >> Linear(0.05, 0.0, 100)\n"
        "\n"
        "piece                           start  end   at start     at end\n"
        ">>                                  0  450  0.0992404        0.0\n"
        "├─ [150:500]                        0  350  0.0992404  0.0586824\n"
        "│  └─ >>                            0  350  0.0992404  0.0586824\n"
        "│     ├─ Warmup(100)                -    -          -          -  cut off by the "
        "slice\n"
        "│     └─ Cosine(0.1, 0.0, 900)      0  350  0.0992404  0.0586824\n"
        "└─ Linear(0.05, 0.0, 100)         350  450       0.05        0.0\n"
    )


def test_explain_stdin_and_errors():
    assert run("explain", "-", input=SMOOTH).stdout == run("explain", SMOOTH).stdout
    spec = "Warmup(100) >> Constant(0.1) >> Cosine(0.1, 0, 10)"
    assert_error(run("explain", spec), library_error(spec) + "\n")
    assert run("explain", "Cosine(0.1, 0, 10%)").returncode == 1


# -- families --------------------------------------------------------------------------------


def test_families_lists_every_family():
    result = run("families")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("lrspec's own families\n  Linear(initial, final, steps)\n")
    listed = re.findall(r"^  (\S.*)$", result.stdout, re.M)
    assert listed == [cls.signature() for cls in _catalogue_order()]


def _catalogue_order():
    from lrspec import catalogue

    registered = list(families().values())
    origins = [origin for origin, _ in catalogue.GROUPS]
    grouped = [
        c for origin in origins for c in registered if c.origin.split(",")[0].strip() == origin
    ]
    return grouped + [c for c in registered if c not in grouped]


def test_families_one_in_full():
    result = run("families", "Cosine")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Cosine(initial, final, steps)", "from lrspec"]
    assert "    value(t) = final + (initial - final) * (1 + cos(pi * t / steps)) / 2" in lines
    assert "parameters:" in lines
    assert re.search(
        r"^  steps +steps > 0 \(units %, ep, sp, tok allowed\) +required +how long",
        result.stdout,
        re.M,
    )
    assert re.search(r"^Example: `Cosine\(0\.1, 0\.0, 10000\)`", result.stdout, re.M)
    defaults = run("families", "Warmup").stdout
    assert re.search(r"^  start +rate >= 0 +default 0\.0 +the rate at step 0$", defaults, re.M)


@pytest.mark.parametrize("name", list(families()))
def test_families_shows_each_family(name, capsys):
    # In-process (the subprocess tests above cover the command itself): every family's
    # docstring must make a page.
    from lrspec.cli import main

    assert main(["families", name]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[0] == families()[name].signature()
    assert "\nparameters:\n" in out


def test_families_unknown_name():
    assert_error(
        run("families", "Cosin"), "lrspec: unknown schedule 'Cosin'\ndid you mean 'Cosine'?\n"
    )


# -- the README ------------------------------------------------------------------------------


def readme_examples() -> list[tuple[str, str]]:
    """The ``$ command`` lines of the README's command section, each with the output shown
    under it (up to the next command or the end of the block)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## The lrspec command\n", 1)[1].split("\n## ", 1)[0]
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```console\n(.*?)^```$", section, re.M | re.S):
        for line in block.rstrip("\n").split("\n"):
            if line.startswith("$ "):
                examples.append((line[2:], []))
            else:
                assert examples, "a console block must start with a '$ ' command"
                examples[-1][1].append(line)
    return [(cmd, "\n".join(out)) for cmd, out in examples]


def test_readme_shows_every_subcommand():
    shown = {
        shlex.split(cmd.split("|")[-1])[1] if "| lrspec" in cmd else shlex.split(cmd)[1]
        for cmd, _ in readme_examples()
    }
    assert shown >= set(SUBCOMMANDS)


@pytest.mark.parametrize(
    "command, expected", readme_examples(), ids=[cmd for cmd, _ in readme_examples()]
)
def test_readme_example(command, expected, tmp_path):
    env = _env(PATH=str(Path(script()).parent) + os.pathsep + os.environ["PATH"])
    result = subprocess.run(
        ["bash", "-c", command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
    )
    assert "Traceback" not in result.stdout
    assert result.stdout.rstrip("\n") == expected
    if " -o " in command:
        written = tmp_path / shlex.split(command)[shlex.split(command).index("-o") + 1]
        assert written.stat().st_size > 1000


# -- issue reproductions: the analysis, the command's sizes and streams ------------------------


def test_check_a_schedule_shorter_than_one_step():
    # Before: a jump "from 0.1 to 0.1", the maximum 0.0 at step 0, and no word about the
    # step counts below 1.
    result = run("check", "Warmup(0.05) >> Cosine(0.1, 0, 0.95)")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Warmup(0.05) >> Cosine(0.1, 0.0, 0.95)\n"
        "  length: 1 step\n"
        "  first:  0.0\n"
        "  min:    0.0 at step 0\n"
        "  max:    0.1 at step 0.05\n"
        "  final:  0.0 from step 1 on\n"
        "warning: Warmup(0.05): steps=0.05 is less than one step; a share of the run is "
        "written with %, e.g. 5%\n"
        "warning: Cosine(0.1, 0.0, 0.95): steps=0.95 is less than one step; a share of the "
        "run is written with %, e.g. 95%\n"
        "2 warnings\n"
    )
    assert run("check", "Warmup(5%) >> Cosine(0.1, 0, 95%)", "--total-steps", "10").stdout.endswith(
        "ok: no warnings\n"
    )


def test_check_a_slice_that_cuts_off_what_a_warmup_ramps_to():
    result = run("check", "(Warmup(10) >> 0.1)[:5]")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "(Warmup(10) >> 0.1)[:5]\n"
        "  length: 5 steps\n"
        "  first:  0.0\n"
        "  min:    0.0 at step 0\n"
        "  max:    0.05 at step 5\n"
        "  final:  0.05 from step 5 on\n"
        "ok: no warnings\n"
    )
    down = run("check", "(Warmup(10, 0.5) >> 0.1)[:5]")
    assert "warning: Warmup(10, start=0.5) ramps down: from 0.5 to 0.1, where 0.1 starts\n" in (
        down.stdout
    )


def test_a_jump_smaller_than_six_digits_shows_its_digits():
    result = run("check", "Constant(0.1)[:10] >> 0.1000001")
    assert "warning: jump at step 10, where 0.1000001 starts: from 0.1 to 0.1000001\n" in (
        result.stdout
    )
    tiny = run("check", "Constant(0.1)[:10] >> 0.10000001")
    assert (
        "warning: jump at step 10, where 0.10000001 starts: from 0.1 to 0.10000001\n" in tiny.stdout
    )


@pytest.mark.parametrize(
    ("steps", "sizes", "expected"),
    [
        ("0:3ep", ["--steps-per-epoch", "2"], [0, 1, 2, 3, 4, 5]),
        ("0:100%:25%", ["--total-steps", "8"], [0, 2, 4, 6]),
        ("1ep,2ep", ["--steps-per-epoch", "100"], [100, 200]),
        ("0:1ep:0.5", ["--steps-per-epoch", "2"], [0, 0.5, 1, 1.5]),
    ],
)
def test_eval_steps_with_units(steps, sizes, expected):
    spec = "Cosine(0.1, 0, 10)"
    result = run("eval", spec, "--steps", steps, *sizes, "--format", "csv")
    assert (result.returncode, result.stderr) == (0, "")
    schedule = lrspec.parse(spec)
    assert result.stdout.splitlines() == [
        "step,lr",
        *(f"{lrspec.syntax.printer.format_step(t)},{schedule(t)!r}" for t in expected),
    ]


def test_eval_steps_with_units_need_their_sizes():
    assert_error(
        run("eval", "Cosine(0.1, 0, 10)", "--steps", "0:3ep"),
        "lrspec: 3ep needs steps_per_epoch\npass --steps-per-epoch N\n",
    )


@pytest.mark.parametrize(
    ("steps", "sizes", "message"),
    [
        ("0:1e300:1e-300", [], "argument --steps: 1e300 is past the step domain (2**53)"),
        (
            "0:1e15:1e-300",
            [],
            "--steps 0:1e15:1e-300 asks for too many steps; at most 10,000,000 are evaluated "
            "at once (take a larger STEP, e.g. --steps 0:1000000000000000:100000000)",
        ),
        (
            "0:1:1e-300",
            [],
            "--steps 0:1:1e-300 asks for too many steps; at most 10,000,000 are evaluated at "
            "once (take a larger STEP, e.g. --steps 0:1:1e-07)",
        ),
        (
            "0:3ep",
            ["--steps-per-epoch", "9000000000000000"],
            "--steps: 3ep is 27000000000000000 steps, past the step domain",
        ),
        (
            "5:1ep",
            ["--steps-per-epoch", "2"],
            "--steps 5:1ep is empty: STOP is excluded, as in Python's range()",
        ),
    ],
)
def test_eval_steps_beyond_what_is_evaluated(steps, sizes, message):
    result = run("eval", "Cosine(0.1, 0, 100)", f"--steps={steps}", *sizes)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.endswith(f"lrspec eval: error: {message}\n"), result.stderr


def _shell(command: str) -> subprocess.CompletedProcess:
    """``python -m lrspec ...`` in a shell, for redirections that close a standard stream."""
    python = shlex.quote(sys.executable)
    return subprocess.run(
        ["sh", "-c", command.replace("lrspec ", f"{python} -m lrspec ", 1)],
        capture_output=True,
        text=True,
        env=_env(),
    )


@pytest.mark.parametrize(
    ("command", "code", "stderr"),
    [
        (
            "lrspec eval 'Cosine(0.1, 0, 10)' --steps 0:3 >&-",
            1,
            "lrspec: standard output is closed\n",
        ),
        ("lrspec check 'Cosine(0.1, 0, 10)' >&-", 1, "lrspec: standard output is closed\n"),
        ("lrspec eval - --steps 0:3 <&-", 1, "lrspec: standard input is closed\n"),
        ("lrspec fmt - <&-", 1, "lrspec: standard input is closed\n"),
        ("lrspec fmt --check 'Cosine(0.1, 0.0, 10)' >&-", 0, ""),
        ("lrspec check 'Cosine(0.1, 0, 10)' >/dev/full", 1, "lrspec: No space left on device\n"),
    ],
)
def test_closed_standard_streams(command, code, stderr):
    result = _shell(command)
    assert (result.returncode, result.stderr) == (code, stderr)


def test_a_closed_standard_error_is_quiet():
    result = _shell("lrspec check 'Cosin(0.1, 0, 10)' 2>&-; echo \"exit $?\"")
    assert (result.stdout, result.stderr) == ("exit 1\n", "")
    fine = _shell("lrspec eval 'Cosine(0.1, 0, 10)' --steps 5 --format json 2>&-")
    assert (fine.returncode, fine.stdout) == (0, "[0.05]\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--size", "99999999999x99999999"),
            "--size 99999999999x99999999: a plot in the terminal is at most 1000 characters "
            "wide and 1000 high",
        ),
        (
            ("--size", "20x1000000"),
            "--size 20x1000000: a plot in the terminal is at most 1000 characters wide and "
            "1000 high",
        ),
        (
            ("--size", "1001x24"),
            "--size 1001x24: a plot in the terminal is at most 1000 characters wide and 1000 high",
        ),
        (
            ("--size", "9000x9000", "-o", "a.png"),
            "--size 9000x9000: an image has at most 25,000,000 pixels",
        ),
        (
            ("--size", "99999999x99999999", "-o", "a.png"),
            "--size 99999999x99999999: an image is 50 to 10000 pixels each way",
        ),
    ],
)
def test_plot_sizes_are_bounded(args, message, tmp_path):
    result = run("plot", SMOOTH, *args, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.endswith(f"error: {message}\n"), result.stderr
    assert not (tmp_path / "a.png").exists()


def test_plot_at_the_largest_terminal_size():
    result = run("plot", SMOOTH, "--size", "1000x1000")
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 1000


def test_plot_log_scale_in_the_terminal():
    result = run("plot", "StepLR(0.1, 100, 0.5)", "--steps", "1000", "--size", "60x15", "--log")
    assert (result.returncode, result.stderr) == (0, "")
    labels = [float(v) for v in re.findall(r"^ *([0-9.]+)┤", result.stdout, re.M)]
    # Evenly spaced on a log axis: one ratio between neighbouring ticks (up to the labels'
    # three significant digits).
    ratios = [a / b for a, b in zip(labels, labels[1:])]
    assert len(labels) >= 5 and max(ratios) / min(ratios) < 1.05 and ratios[0] > 3
    assert labels[0] == 0.1
    linear = run("plot", "StepLR(0.1, 100, 0.5)", "--steps", "1000", "--size", "60x15")
    steps = [float(v) for v in re.findall(r"^ *([0-9.]+)┤", linear.stdout, re.M)]
    # Linear: even differences (up to the labels' last digit), where the log axis has none.
    assert abs((steps[0] - steps[1]) - (steps[1] - steps[2])) <= 0.002
    assert (labels[0] - labels[1]) / (labels[1] - labels[2]) > 3


def test_plot_log_scale_leaves_out_a_curve_with_nothing_above_0():
    specs = ["Constant(0.0)[:10]", "Cosine(0.1, 0, 10)"]
    result = run("plot", *specs, "--log", "--size", "60x15")
    assert (result.returncode, result.stderr) == (0, "")
    legend = re.findall(r"│ (\S) (\S.*?) +│", result.stdout)
    assert legend == [("•", "Cosine(0.1, 0.0, 10)")]  # the second curve keeps its marker
    assert re.findall(r"^ *([0-9.]+)┤", result.stdout, re.M)[0] == "0.1000"


def test_plot_log_scale_in_an_image(tmp_path):
    svg = tmp_path / "lr.svg"
    result = run("plot", SMOOTH, "--log", "-o", str(svg))
    assert (result.returncode, result.stderr) == (0, "")
    ticks = re.findall(r"<!-- \$\\mathdefault\{10\^\{(-?\d+)\}\}\$ -->", svg.read_text())
    assert [int(t) for t in ticks] == [-6, -5, -4, -3, -2, -1]
    zero = run("plot", "Constant(0.0)[:10]", "--log")
    assert zero.returncode == 2
    assert zero.stderr.endswith(
        "error: --log: every value is <= 0, and a logarithmic axis shows none\n"
    )


@pytest.mark.parametrize("namespace", ["torch", "torch.", "hf", "optax", "keras", "timm"])
def test_families_of_a_namespace(namespace):
    result = run("families", namespace)
    assert (result.returncode, result.stderr) == (0, "")
    prefix = namespace.rstrip(".") + "."
    listed = re.findall(r"^  (\S.*)$", result.stdout, re.M)
    assert listed == [c.signature() for n, c in families().items() if n.startswith(prefix)]
    assert len(listed) >= 1


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            "lrspec check - < /dev/zero",
            "lrspec check: error: standard input holds more than 100,000 characters, the "
            "longest spec\n",
        ),
        (
            "lrspec plot - < /dev/zero",
            "lrspec plot: error: standard input holds more than 100,000 characters, the "
            "longest spec\n",
        ),
        (
            "lrspec fmt - < /dev/zero",
            "lrspec fmt: error: a line of standard input is longer than 100,000 characters, "
            "the longest spec\n",
        ),
    ],
)
def test_standard_input_is_read_up_to_the_longest_spec(command, message):
    result = _shell(command)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.endswith(message), result.stderr
