"""Units: `%` of total_steps and `ep` epochs, resolved when parsing or later with bind()."""

from __future__ import annotations

import numpy as np
import pytest

import lrspec
from lrspec import LimitError, UnitError

SPEC = "Warmup(5%) >> Cosine(3e-4, 3e-5, 95%)"


def test_percent_resolves_against_total_steps_and_keeps_printing_as_written():
    with_units = lrspec.parse(SPEC, total_steps=10_000)
    plain = lrspec.parse("Warmup(500) >> Cosine(3e-4, 3e-5, 9500)")
    steps = np.arange(11_000)
    assert with_units(steps).tolist() == plain(steps).tolist()
    assert with_units.length == plain.length == 10_000
    assert str(with_units) == "Warmup(5%) >> Cosine(0.0003, 3e-05, 95%)"
    assert lrspec.parse(SPEC).bind(total_steps=10_000) == with_units


def test_epochs_resolve_against_steps_per_epoch():
    s = lrspec.parse("Constant(0.2)[:1ep] >> StepLR(0.1, 2ep)", steps_per_epoch=100)
    assert [s(t) for t in (99, 100, 299, 300)] == [0.2, 0.1, 0.1, 0.1 * 0.1]
    assert str(s) == "Constant(0.2)[:1ep] >> StepLR(0.1, 2ep)"
    assert lrspec.parse("Linear(1, 0, 3ep)", steps_per_epoch=100).length == 300


def test_fractional_results_stay_exact():
    s = lrspec.parse("Warmup(10%) >> Cosine(0.1, 0, 90%)", total_steps=999)
    assert s.length == 999
    warmup, cosine = s.to_dict()["sequence"]
    assert (warmup["args"]["steps"], cosine["args"]["steps"]) == ("10%", "90%")
    assert s(99.8) == 0.1 * (99.8 / 99.9)
    assert s(99.9) == 0.1
    assert lrspec.parse("Linear(1, 0, 33%)", total_steps=1000).length == 330
    assert lrspec.parse("Linear(1, 0, 1.5ep)", steps_per_epoch=3).length == 4.5


def test_slices_take_units():
    s = lrspec.parse("Linear(1, 0, 100%)[10%:50%]", total_steps=200)
    assert s.length == 80
    assert s(0) == lrspec.parse("Linear(1, 0, 200)")(20)


def test_unresolved_units_print_but_do_not_evaluate():
    s = lrspec.parse(SPEC)
    assert str(s) == "Warmup(5%) >> Cosine(0.0003, 3e-05, 95%)"
    assert s.needs == {"total_steps"}
    message = (
        "'Warmup(5%) >> Cosine(0.0003, 3e-05, 95%)' needs total_steps to be evaluated "
        "(it uses 5%, 95%)"
    )
    for attempt in (lambda: s(10), lambda: s(np.arange(3)), lambda: s.length):
        with pytest.raises(UnitError) as caught:
            attempt()
        assert caught.value.message == message
        assert caught.value.hint == "pass total_steps=... to lrspec.parse() or to .bind()"


def test_units_name_what_they_miss():
    with pytest.raises(UnitError, match=r"needs steps_per_epoch to be evaluated \(it uses 2ep\)"):
        lrspec.parse("StepLR(0.1, 2ep)")(0)
    both = lrspec.parse("Warmup(1ep) >> Cosine(0.1, 0, 50%)")
    assert both.needs == {"total_steps", "steps_per_epoch"}
    with pytest.raises(UnitError, match="needs total_steps and steps_per_epoch"):
        both(0)
    with pytest.raises(UnitError, match="needs total_steps to be evaluated"):
        both.bind(steps_per_epoch=10)(0)
    assert both.bind(steps_per_epoch=10).bind(total_steps=100).length == 60


def test_whole_run_families_need_total_steps():
    s = lrspec.parse("LinearLRSchedule(initial_value=0.1)")
    assert s.needs == {"total_steps"}
    with pytest.raises(UnitError) as caught:
        s(0)
    assert caught.value.message == (
        "'LinearLRSchedule(initial_value=0.1)' needs total_steps to be evaluated"
    )
    assert s.bind(total_steps=10)(5) == 0.5 * 0.1 + (1.0 - 0.5) * 0.0


def test_binding_only_what_is_used():
    s = lrspec.parse("Cosine(0.1, 0, 100)", total_steps=1000, steps_per_epoch=7)
    assert s.total_steps is None and s.steps_per_epoch is None
    assert repr(s) == "lrspec.parse('Cosine(0.1, 0.0, 100)')"
    t = lrspec.parse("Cosine(0.1, 0, 10%)", total_steps=1000, steps_per_epoch=7)
    assert (t.total_steps, t.steps_per_epoch) == (1000, None)
    assert repr(t) == "lrspec.parse('Cosine(0.1, 0.0, 10%)', total_steps=1000)"
    assert t.bind(total_steps=500).length == 50  # a new binding replaces the old one


@pytest.mark.parametrize("value", [0, -5, 2.5, "100", True])
def test_sizes_must_be_positive_integers(value):
    with pytest.raises(UnitError) as caught:
        lrspec.parse("Cosine(0.1, 0, 10%)", total_steps=value)
    assert caught.value.message == f"total_steps must be a positive integer, got {value!r}"


def test_resolved_values_are_range_checked():
    with pytest.raises(lrspec.ArgumentError) as caught:
        lrspec.parse("Cosine(0.1, 0, 0%)")
    assert caught.value.message == "Cosine: 'steps' must be > 0, got 0%"
    with pytest.raises(LimitError) as caught:
        lrspec.parse("Cosine(0.1, 0, 20000%)")
    assert caught.value.message == "Cosine: 'steps' must be at most 10000%, got 20000%"
    with pytest.raises(LimitError) as caught:
        lrspec.parse("Cosine(0.1, 0, 2000000ep)")
    assert caught.value.message == "Cosine: 'steps' must be at most 1e+06ep, got 2000000ep"
    with pytest.raises(lrspec.CompositionError) as caught:
        lrspec.parse("Linear(1, 0, 100%)[60%:40%]", total_steps=100)
    assert caught.value.message == (
        "the slice [60%:40%] is empty: it starts at step 60, at or after its stop (step 40)"
    )


def test_errors_found_on_binding_point_at_the_text():
    with pytest.raises(lrspec.LrspecError) as caught:
        lrspec.parse("Warmup(10) >> Linear(1, 0, 100%)[60%:40%]", total_steps=100)
    assert caught.value.column == 14
    assert str(caught.value).splitlines()[1] == "  Warmup(10) >> Linear(1, 0, 100%)[60%:40%]"


def test_the_dict_form_keeps_the_binding():
    s = lrspec.parse(SPEC, total_steps=2000)
    data = s.to_dict()
    assert data["bind"] == {"total_steps": 2000}
    assert lrspec.from_dict(data) == s
    assert lrspec.from_dict(data, total_steps=4000) == s.bind(total_steps=4000)
    assert "bind" not in lrspec.parse(SPEC).to_dict()


# -- tokens and samples (large-model training) ----------------------------------------------

GPT3 = "Warmup(375e6tok) >> Cosine(6e-4, 6e-5, 260e9tok)"


def test_tokens_resolve_against_tokens_per_step():
    # GPT-3's schedule with 3.2M tokens a step: 375e6 / 3.2e6 = 117.1875 warmup steps, and
    # 260e9 / 3.2e6 = 81250 decay steps.
    s = lrspec.parse(GPT3, tokens_per_step=3_200_000)
    assert s.length == 117.1875 + 81250
    same = lrspec.parse("Warmup(117.1875) >> Cosine(6e-4, 6e-5, 81250)")
    steps = np.array([0, 50, 117, 118, 40_000, 81_367, 81_368, 10**6], dtype=float)
    assert np.array_equal(s(steps), same(steps))
    assert str(s) == "Warmup(375000000tok) >> Cosine(0.0006, 6e-05, 260000000000tok)"
    assert s.sizes == {"tokens_per_step": 3_200_000}


def test_samples_resolve_against_samples_per_step():
    s = lrspec.parse(
        "Warmup(51200sp) >> Cosine(0.1, 0.0, 1ep)", samples_per_step=512, steps_per_epoch=1000
    )
    assert s.length == 100 + 1000
    assert s(50) == 0.05 and s(100) == 0.1
    assert s.to_dict()["bind"] == {"steps_per_epoch": 1000, "samples_per_step": 512}
    assert lrspec.from_dict(s.to_dict()) == s


def test_token_and_sample_units_name_the_missing_size():
    with pytest.raises(UnitError) as caught:
        lrspec.parse(GPT3)(0)
    assert caught.value.missing == ("tokens_per_step",)
    assert caught.value.render().splitlines() == [
        "lrspec: 'Warmup(375000000tok) >> Cosine(0.0006, 6e-05, 260000000000tok)' needs "
        "tokens_per_step to be evaluated (it uses 260000000000tok, 375000000tok)",
        "pass tokens_per_step=... to lrspec.parse() or to .bind()",
    ]
    with pytest.raises(UnitError, match="needs samples_per_step") as caught:
        lrspec.parse("Cosine(0.1, 0, 1000sp)").bind(tokens_per_step=4)(0)
    assert caught.value.missing == ("samples_per_step",)


def test_token_and_sample_values_have_their_limits():
    with pytest.raises(LimitError, match=r"'steps' must be at most 1e\+18tok, got 2e\+18tok"):
        lrspec.parse("Cosine(0.1, 0, 2e18tok)")
    with pytest.raises(
        LimitError, match=r"'steps' must be at most 1e\+15sp, got 2000000000000000sp"
    ):
        lrspec.parse("Cosine(0.1, 0, 2e15sp)")
    assert lrspec.parse("Cosine(0.1, 0, 2e18tok)", limits=lrspec.Limits(max_tokens=1e19)).needs == {
        "tokens_per_step"
    }


def test_too_many_steps_after_binding_tokens():
    with pytest.raises(LimitError, match=r"at most 2\*\*53 steps"):
        lrspec.parse("Cosine(0.1, 0, 1e18tok)", tokens_per_step=1)
