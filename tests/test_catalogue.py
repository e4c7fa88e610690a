"""Every family is declared completely, and the language reference's catalogue is generated from them."""

from __future__ import annotations

import math

import pytest

import lrspec
from lrspec import catalogue
from lrspec.model.registry import families

from conftest import ROOT

FAMILIES = families()
BIND = {"total_steps": 1000, "steps_per_epoch": 10}


def test_the_registry_holds_every_family_of_the_language():
    expected = {
        # nerva-numpy
        "Constant",
        "TimeBased",
        "StepBased",
        "MultiStepLR",
        "Exponential",
        # numpy-ml
        "ConstantScheduler",
        "ExponentialScheduler",
        "NoamScheduler",
        "KingScheduler",
        # Axon
        "constant",
        "cosine_decay",
        "exponential_decay",
        "polynomial_decay",
        "linear_decay",
        # lr_schedule
        "BaseLRSchedule",
        "LinearLRSchedule",
        "CosineAnnealingLRSchedule",
        "ExponentialLRSchedule",
        "CosineWarmupLRSchedule",
        "PolynomialLRSchedule",
        # lrspec's own
        "Linear",
        "Cosine",
        "Polynomial",
        "StepLR",
        "ExponentialDecay",
        "InverseSqrt",
        "PiecewiseConstant",
        "CosineRestarts",
        "Cyclic",
        "OneCycle",
        "Plateau",
        "Warmup",
        "Repeat",
        "min",
        "max",
    }
    assert expected <= set(FAMILIES)


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_family_declaration(name):
    cls = FAMILIES[name]
    summary, formula, rest = catalogue.sections(cls)
    assert summary, f"{name} has no docstring"
    assert formula, f"{name}'s docstring states no formula"
    assert rest.startswith("Example"), f"{name}'s docstring gives no example"
    assert cls.example in " ".join(rest.split()).replace("``", ""), (
        f"{name}'s docstring example differs from its declared example"
    )
    for p in cls.params:
        assert p.doc, f"{name}.{p.name} has no description"
    # The example parses, prints back to an equal schedule, and evaluates to finite values.
    s = lrspec.parse(cls.example, **BIND)
    assert lrspec.parse(str(s), **BIND) == s
    values = [s(t) for t in (0, 1, 10, 100, 1000, 10**6)]
    assert all(math.isfinite(v) for v in values)
    assert name in str(s) or name in ("min", "max") and f"{name}(" in str(s)


def test_reference_catalogue_is_generated_from_the_registry():
    reference = (ROOT / "grammar" / "LANGUAGE.md").read_text()
    section = reference.split(catalogue.START)[1].split(catalogue.END)[0]
    assert section.strip() == catalogue.markdown().strip(), (
        "run `python -m lrspec.catalogue grammar/LANGUAGE.md` to update the catalogue"
    )
    for name, cls in FAMILIES.items():
        assert f"#### `{cls.signature()}`" in section, name
