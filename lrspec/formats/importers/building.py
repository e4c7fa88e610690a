"""What the importers share: numbers written as spec text, and a warmup in front of a body."""

from __future__ import annotations

from ...schedule.parsing import parse
from ...syntax.errors import ConfigError
from ...syntax.printer import format_number


def _num(value: float) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"expected a number, got {value!r}")
    return format_number(value)


def _steps(value: float) -> str:
    return format_number(int(value) if float(value).is_integer() else float(value))


def _warmed(warmup: float, body: str, start: float, target: float) -> str:
    """``body`` after a linear warmup from ``start`` to ``target`` over ``warmup`` steps.

    ``Warmup`` ramps to the first value of what follows; when that is not ``target`` (timm
    warms up to the base rate and then jumps), the ramp is an explicit ``Linear``.
    """
    if warmup <= 0:
        return body
    steps = _steps(warmup)
    if parse(body)(0) == target:
        ramp = f"Warmup({steps})" if start == 0 else f"Warmup({steps}, {_num(start)})"
    else:
        ramp = f"Linear({_num(start)}, {_num(target)}, {steps})"
    return f"{ramp} >> {body}"
