"""Value cases of timm's own scheduler tests, in timm's words (lrspec's timm. namespace).

Plain data, no imports. From huggingface/pytorch-image-models (commit aa4b5850c154)
huggingface/pytorch-image-models/tests/test_scheduler.py: every test that asserts learning rates. `lr=` is the optimizer's base
rate (the tests' _create_optimizer(lr=0.1)). Value at t = the optimizer's rate after
scheduler.step(t) (t_in_epochs=True, as in all these tests). `lrs` are the tests' expectations
(their formulas evaluated); each was checked against the real timm 1.0.31 scheduler to 1e-12.

Skipped (no learning rate values asserted, only properties):
- TestSchedulerBasics (construction; "final_lr <= initial_lr"; plateau stepping runs),
- TestWarmup::test_warmup_lr_increases: only its first assertion is a value (the rate at
  construction, = warmup_lr_init = the rate after step(0)); "increases" is an inequality,
- TestCosineScheduler::test_cosine_cycles: the step(49) check is an inequality; the value
  after stepping 100..109 is kept (step 109),
- TestCosineScheduler::test_get_cycle_length (a length, not a rate),
- TestTanhScheduler::test_tanh_decay ("lrs[-1] < lrs[0]"), TestKDecay (k=1 and k=2 differ),
  TestStepUpdate (the rate changes), TestMultipleParamGroups (non-increasing), TestStateDict,
- TestNoise::test_noise_range: noise is an error in lrspec, so it is in ERROR_CASES.
- test_cosine_decay's mid value is asserted with rel=1e-2 in timm; the case keeps the exact
  formula value, which the real timm matches to 1e-16.
- test_warmup_prefix_reaches_target_lr[TanhLRScheduler]: timm asserts approx(0.1, rel=1e-5);
  the tanh curve starts at 0.5 * (1 - tanh(-7)) * 0.1, so the case keeps the exact
  0.09999991684719724.

ERROR_CASES: arguments lrspec must reject, with `param` the parameter the error names and
`error` the class of lrspec's error (an lrspec.LrspecError subclass):
- noise_* (noise_range_t, noise_pct, noise_std, noise_seed, noise_type) and initialize: timm
  ACCEPTS them; lrspec rejects them (the noise comes from torch's random generator;
  initialize is about optimizer param groups; initialize=False raises a KeyError on a fresh
  optimizer). The TestNoise cases come from timm's test.
- what timm itself rejects: t_initial <= 0, lr_min < 0 (AssertionError in cosine/poly/tanh),
  tanh's lb >= ub, cycle_limit < 0, warmup_t < 0, warmup_lr_init < 0 (tanh asserts them;
  cosine/poly/step do not, lrspec should reject them everywhere), PlateauLRScheduler's
  decay_rate >= 1 and an unknown mode (torch's ReduceLROnPlateau), StepLRScheduler's
  decay_t=0 (a ZeroDivisionError at the first step).
"""

CASES = [
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestWarmup::test_warmup_lr_increases[CosineLRScheduler-kwargs0]",
        "spec": "timm.CosineLRScheduler(t_initial=100, warmup_t=5, warmup_lr_init=0.001, lr=0.1)",
        "steps": [0],
        "lrs": [0.001],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestWarmup::test_warmup_lr_increases[StepLRScheduler-kwargs1]",
        "spec": "timm.StepLRScheduler(decay_t=10, warmup_t=5, warmup_lr_init=0.001, lr=0.1)",
        "steps": [0],
        "lrs": [0.001],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestWarmup::test_warmup_lr_increases[MultiStepLRScheduler-kwargs2]",
        "spec": "timm.MultiStepLRScheduler(decay_t=[10, 20, 30], warmup_t=5, warmup_lr_init=0.001, lr=0.1)",
        "steps": [0],
        "lrs": [0.001],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestWarmup::test_warmup_lr_increases[PolyLRScheduler-kwargs3]",
        "spec": "timm.PolyLRScheduler(t_initial=100, warmup_t=5, warmup_lr_init=0.001, lr=0.1)",
        "steps": [0],
        "lrs": [0.001],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestWarmup::test_warmup_lr_increases[TanhLRScheduler-kwargs4]",
        "spec": "timm.TanhLRScheduler(t_initial=100, warmup_t=5, warmup_lr_init=0.001, lr=0.1)",
        "steps": [0],
        "lrs": [0.001],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestWarmup::test_warmup_prefix_reaches_target_lr[CosineLRScheduler-kwargs0]",
        "spec": "timm.CosineLRScheduler(t_initial=100, warmup_t=5, warmup_lr_init=0.001, warmup_prefix=True, lr=0.1)",
        "steps": [5],
        "lrs": [0.1],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestWarmup::test_warmup_prefix_reaches_target_lr[StepLRScheduler-kwargs1]",
        "spec": "timm.StepLRScheduler(decay_t=10, decay_rate=0.5, warmup_t=5, warmup_lr_init=0.001, warmup_prefix=True, lr=0.1)",
        "steps": [5],
        "lrs": [0.1],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestWarmup::test_warmup_prefix_reaches_target_lr[MultiStepLRScheduler-kwargs2]",
        "spec": "timm.MultiStepLRScheduler(decay_t=[10, 20, 30], decay_rate=0.5, warmup_t=5, warmup_lr_init=0.001, warmup_prefix=True, lr=0.1)",
        "steps": [5],
        "lrs": [0.1],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestWarmup::test_warmup_prefix_reaches_target_lr[PolyLRScheduler-kwargs3]",
        "spec": "timm.PolyLRScheduler(t_initial=100, warmup_t=5, warmup_lr_init=0.001, warmup_prefix=True, lr=0.1)",
        "steps": [5],
        "lrs": [0.1],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestWarmup::test_warmup_prefix_reaches_target_lr[TanhLRScheduler-kwargs4]",
        "spec": "timm.TanhLRScheduler(t_initial=100, warmup_t=5, warmup_lr_init=0.001, warmup_prefix=True, lr=0.1)",
        "steps": [5],
        "lrs": [0.09999991684719724],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestCosineScheduler::test_cosine_decay",
        "spec": "timm.CosineLRScheduler(t_initial=100, lr_min=0.001, lr=0.1)",
        "steps": [0, 50, 100],
        "lrs": [0.1, 0.0505, 0.001],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestCosineScheduler::test_cosine_cycles",
        "spec": "timm.CosineLRScheduler(t_initial=50, lr_min=0.001, cycle_limit=2, lr=0.1)",
        "steps": [109],
        "lrs": [0.001],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestStepScheduler::test_step_decay",
        "spec": "timm.StepLRScheduler(decay_t=10, decay_rate=0.5, lr=0.1)",
        "steps": [9, 10, 20],
        "lrs": [0.1, 0.05, 0.025],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestMultiStepScheduler::test_multistep_decay",
        "spec": "timm.MultiStepLRScheduler(decay_t=[10, 20, 30], decay_rate=0.5, lr=0.1)",
        "steps": [8, 11, 21, 31],
        "lrs": [0.1, 0.05, 0.025, 0.0125],
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestPolyScheduler::test_poly_decay",
        "spec": "timm.PolyLRScheduler(t_initial=100, power=1.0, lr_min=0.001, lr=0.1)",
        "steps": [0, 100],
        "lrs": [0.1, 0.001],
    },
]

ERROR_CASES = [
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestNoise::test_noise_range[CosineLRScheduler-kwargs0]",
        "spec": "timm.CosineLRScheduler(t_initial=100, noise_range_t=[10, 50], noise_pct=0.5, noise_seed=42, lr=0.1)",
        "param": "noise_range_t",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestNoise::test_noise_range[StepLRScheduler-kwargs1]",
        "spec": "timm.StepLRScheduler(decay_t=10, noise_range_t=[10, 50], noise_pct=0.5, noise_seed=42, lr=0.1)",
        "param": "noise_range_t",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestNoise::test_noise_range[PolyLRScheduler-kwargs2]",
        "spec": "timm.PolyLRScheduler(t_initial=100, noise_range_t=[10, 50], noise_pct=0.5, noise_seed=42, lr=0.1)",
        "param": "noise_range_t",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/tests/test_scheduler.py::TestNoise::test_noise_range[TanhLRScheduler-kwargs3]",
        "spec": "timm.TanhLRScheduler(t_initial=100, noise_range_t=[10, 50], noise_pct=0.5, noise_seed=42, lr=0.1)",
        "param": "noise_range_t",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/scheduler.py::Scheduler._calculate_noise",
        "spec": "timm.MultiStepLRScheduler(decay_t=[10], noise_range_t=5, lr=0.1)",
        "param": "noise_range_t",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/scheduler.py::Scheduler._calculate_noise",
        "spec": "timm.CosineLRScheduler(t_initial=100, noise_pct=0.5, lr=0.1)",
        "param": "noise_pct",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/scheduler.py::Scheduler._calculate_noise",
        "spec": "timm.CosineLRScheduler(t_initial=100, noise_std=2.0, lr=0.1)",
        "param": "noise_std",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/scheduler.py::Scheduler._calculate_noise",
        "spec": "timm.StepLRScheduler(decay_t=10, noise_seed=7, lr=0.1)",
        "param": "noise_seed",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/plateau_lr.py::PlateauLRScheduler._apply_noise",
        "spec": "timm.PlateauLRScheduler(noise_range_t=3, noise_type=uniform)",
        "param": "noise_range_t",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/scheduler.py::Scheduler.__init__",
        "spec": "timm.CosineLRScheduler(t_initial=100, initialize=False, lr=0.1)",
        "param": "initialize",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/cosine_lr.py::CosineLRScheduler.__init__",
        "spec": "timm.CosineLRScheduler(t_initial=0, lr=0.1)",
        "param": "t_initial",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/cosine_lr.py::CosineLRScheduler.__init__",
        "spec": "timm.CosineLRScheduler(t_initial=100, lr_min=-0.001, lr=0.1)",
        "param": "lr_min",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/poly_lr.py::PolyLRScheduler.__init__",
        "spec": "timm.PolyLRScheduler(t_initial=-5, lr=0.1)",
        "param": "t_initial",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/poly_lr.py::PolyLRScheduler.__init__",
        "spec": "timm.PolyLRScheduler(t_initial=100, lr_min=-1.0, lr=0.1)",
        "param": "lr_min",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/tanh_lr.py::TanhLRScheduler.__init__",
        "spec": "timm.TanhLRScheduler(t_initial=0, lr=0.1)",
        "param": "t_initial",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/tanh_lr.py::TanhLRScheduler.__init__",
        "spec": "timm.TanhLRScheduler(t_initial=100, lb=3.0, ub=3.0, lr=0.1)",
        "param": "lb",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/tanh_lr.py::TanhLRScheduler.__init__",
        "spec": "timm.TanhLRScheduler(t_initial=100, cycle_limit=-1, lr=0.1)",
        "param": "cycle_limit",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/tanh_lr.py::TanhLRScheduler.__init__",
        "spec": "timm.TanhLRScheduler(t_initial=100, warmup_t=-1, lr=0.1)",
        "param": "warmup_t",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/tanh_lr.py::TanhLRScheduler.__init__",
        "spec": "timm.TanhLRScheduler(t_initial=100, warmup_t=5, warmup_lr_init=-0.1, lr=0.1)",
        "param": "warmup_lr_init",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/plateau_lr.py::PlateauLRScheduler.__init__ (torch ReduceLROnPlateau)",
        "spec": "timm.PlateauLRScheduler(decay_rate=1.0)",
        "param": "decay_rate",
        "error": "ArgumentError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/plateau_lr.py::PlateauLRScheduler.__init__ (torch ReduceLROnPlateau)",
        "spec": "timm.PlateauLRScheduler(mode=avg)",
        "param": "mode",
        "error": "UnknownNameError",
    },
    {
        "origin": "timm huggingface/pytorch-image-models/timm/scheduler/step_lr.py::StepLRScheduler._get_lr (t // 0: ZeroDivisionError at step)",
        "spec": "timm.StepLRScheduler(decay_t=0, lr=0.1)",
        "param": "decay_t",
        "error": "ArgumentError",
    },
]
