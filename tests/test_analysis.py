"""The analysis behind ``lrspec check`` and ``explain``: its values at joins between whole
steps, warmups whose successor a slice cuts off, step counts below one, and random specs,
on which it raises nothing but an LrspecError."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lrspec
from lrspec.analysis import analyse, explain

from schedule_strategies import BIND, specs


def test_pieces_shorter_than_a_step_are_looked_at_where_they_join():
    report = analyse("Warmup(0.05) >> Cosine(0.1, 0, 0.95)")
    schedule = lrspec.parse("Warmup(0.05) >> Cosine(0.1, 0, 0.95)")
    assert (report.max, report.max_step) == (schedule(0.05), 0.05) == (0.1, 0.05)
    assert (report.min, report.min_step) == (0.0, 0.0)
    assert report.scale == 0.1
    assert report.warnings == [
        "Warmup(0.05): steps=0.05 is less than one step; a share of the run is written with "
        "%, e.g. 5%",
        "Cosine(0.1, 0.0, 0.95): steps=0.95 is less than one step; a share of the run is "
        "written with %, e.g. 95%",
    ]


@pytest.mark.parametrize(
    ("spec", "sizes"),
    [
        ("Warmup(5%) >> Cosine(0.1, 0, 95%)", {"total_steps": 10}),  # units: 0.5 and 9.5 steps
        ("Warmup(1) >> Cosine(0.1, 0, 1)", {}),
        ("StepLR(0.1, 2ep)", {"steps_per_epoch": 1}),
        ("MultiStepLR(0.1, [3, 8], 0.5)", {}),
    ],
)
def test_no_fractional_step_warning_for_units_and_whole_steps(spec, sizes):
    assert not [w for w in analyse(spec, **sizes).warnings if "less than one step" in w]


def test_fractional_milestones_are_named():
    (warning,) = [
        w for w in analyse("MultiStepLR(0.1, [0.3, 0.6], 0.5)").warnings if "less than" in w
    ]
    assert warning == (
        "MultiStepLR(0.1, [0.3, 0.6], 0.5): milestones=0.3 is less than one step; a share of the run "
        "is written with %, e.g. 30%"
    )


def test_a_warmup_whose_successor_is_cut_off():
    # Before: a TypeError from comparing the cut-off piece's missing value.
    report = analyse("(Warmup(10) >> 0.1)[:5]")
    assert report.warnings == []
    assert (report.max, report.max_step, report.final) == (0.05, 5.0, 0.05)
    flat = analyse("(Warmup(10, 0.1) >> 0.1)[:5]")
    assert flat.warnings == ["Warmup(10, start=0.1) is flat: from 0.1 to 0.1, where 0.1 starts"]
    root = explain("(Warmup(10) >> 0.1)[:5]")
    (sequence,) = root.children
    assert [(p.label, p.start, p.end) for p in sequence.children] == [
        ("Warmup(10)", 0.0, 5.0),
        ("0.1", None, None),
    ]


def test_a_jump_is_measured_against_the_values_at_joins():
    # The values at whole steps are all 0.0; the join at 0.5 is not.
    report = analyse("Constant(0.0)[:0.5] >> Constant(0.2)[:0.5] >> 0.0")
    assert report.max == 0.2 and report.max_step == 0.5
    assert report.warnings[-2:] == [
        "jump at step 0.5, where Constant(0.2)[:0.5] starts: from 0.0 to 0.2",
        "jump at step 1, where 0.0 starts: from 0.2 to 0.0",
    ]


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(specs, st.sampled_from([BIND, {}, {"total_steps": 1000}, {"steps_per_epoch": 50}]))
def test_the_analysis_of_any_spec_raises_only_lrspec_errors(text, sizes):
    # About 4% of random specs raised a TypeError here before; 20,000 raise nothing now.
    try:
        schedule = lrspec.parse(text, **sizes)
    except lrspec.LrspecError:
        return
    try:
        report = analyse(schedule, **sizes)
    except lrspec.LrspecError:
        return
    assert report.min <= report.first <= report.max or not math.isfinite(report.first)
    assert report.text == str(schedule)
