"""Hugging Face transformers' own test data for the hf. namespace, carried over as plain data.

CASES: every test case of transformers that asserts the values of a schedule function in scope,
as {"origin", "spec", "steps", "lrs", "atol", "rtol"}: spec is lrspec text in transformers' own
words (the optimizer's rate as lr=), steps[i] is the step t (the rate the param group holds after
t calls to scheduler.step()), lrs[i] the test's own expected value, and atol/rtol the test's own
tolerance: a value v passes when |v - lrs[i]| <= atol + rtol * |lrs[i]| (atol 0.01 is
assertAlmostEqual(delta=1e-2); atol = rtol = 0 is assertEqual/assertListEqual).
Every case was checked against the real transformers 5.23.0 (torch 2.13.0); where atol and rtol
are 0 the values are the library's own, bit for bit.

ERROR_CASES: arguments transformers rejects (at construction or at the step where it divides by
zero) or that have no meaning, as {"origin", "spec", "param", "error"}: lrspec must raise its
own error of the class named by "error", naming param. Where transformers computes a value
anyway, the origin says so.

Sources: transformers/tests/optimization/test_optimization.py (the newest version in the index, commit
74714520, and its transformers 2.x predecessor with one test per schedule) and
transformers/tests/trainer/test_trainer_optimizers.py (commit 0d7e95d9; the same two tests were in
transformers/tests/trainer/test_trainer.py before). The fetch of the whole transformers repository was
refused (1.3 GB); additions to test_optimization.py after commit 74714520, if any, are not here.

Left out, and why:
- ScheduleInitTest's save/reload halves (unwrap_and_save_reload_schedule): they test torch.save
  of the scheduler state, and only that the rates match the first run, not values;
- OptimizationTest (AdamW, Adafactor): optimizers, not schedules;
- TrainerOptimizerIntegrationTest::test_reduce_lr_on_plateau and test_reduce_lr_on_plateau_args:
  stateful, driven by a Trainer's eval losses (they assert only that the rate drops or stays, and
  the scheduler's attributes); test_lr_scheduler_kwargs compares lr_lambdas' arguments, not
  values; _check_lr_display_with_scheduler: rates logged by a Trainer on an accelerator,
  asserted only as increasing/decreasing;
- transformers/tests/optimization/test_greedy_lr.py: GreedyLR (get_scheduler's "greedy"), a metric-driven
  state machine with no lrspec family (hf.get_scheduler(name='greedy') is an ERROR_CASE);
- the 1.x tests of the ConstantLRSchedule/Warmup*Schedule classes: the same data as the 2.x
  per-schedule tests below, for classes that no longer exist.
"""

CASES = [
    {
        "origin": "transformers/tests/optimization/test_optimization.py::ScheduleInitTest::test_schedulers (get_constant_schedule)",
        "spec": "hf.get_constant_schedule(lr=10.0)",
        "steps": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        "lrs": [10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
        "atol": 0.01,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py::ScheduleInitTest::test_schedulers (get_constant_schedule_with_warmup)",
        "spec": "hf.get_constant_schedule_with_warmup(num_warmup_steps=4, lr=10.0)",
        "steps": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        "lrs": [0.0, 2.5, 5.0, 7.5, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
        "atol": 0.01,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py::ScheduleInitTest::test_schedulers (get_linear_schedule_with_warmup)",
        "spec": "hf.get_linear_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, lr=10.0)",
        "steps": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        "lrs": [0.0, 5.0, 10.0, 8.75, 7.5, 6.25, 5.0, 3.75, 2.5, 1.25],
        "atol": 0.01,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py::ScheduleInitTest::test_schedulers (get_cosine_schedule_with_warmup)",
        "spec": "hf.get_cosine_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, lr=10.0)",
        "steps": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        "lrs": [0.0, 5.0, 10.0, 9.61, 8.53, 6.91, 5.0, 3.08, 1.46, 0.38],
        "atol": 0.01,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py::ScheduleInitTest::test_schedulers (get_cosine_with_hard_restarts_schedule_with_warmup)",
        "spec": "hf.get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, num_cycles=2, lr=10.0)",
        "steps": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        "lrs": [0.0, 5.0, 10.0, 8.53, 5.0, 1.46, 10.0, 8.53, 5.0, 1.46],
        "atol": 0.01,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py::ScheduleInitTest::test_schedulers (get_polynomial_decay_schedule_with_warmup)",
        "spec": "hf.get_polynomial_decay_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, power=2.0, lr_end=1e-07, lr=10.0)",
        "steps": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        "lrs": [0.0, 5.0, 10.0, 7.656, 5.625, 3.906, 2.5, 1.406, 0.625, 0.156],
        "atol": 0.01,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py::ScheduleInitTest::test_schedulers (get_inverse_sqrt_schedule)",
        "spec": "hf.get_inverse_sqrt_schedule(num_warmup_steps=2, lr=10.0)",
        "steps": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        "lrs": [0.0, 5.0, 10.0, 8.165, 7.071, 6.325, 5.774, 5.345, 5.0, 4.714],
        "atol": 0.01,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/trainer/test_trainer_optimizers.py::TrainerOptimizerIntegrationTest::test_cosine_with_min_lr_scheduler (TrainingArguments(lr_scheduler_type='cosine_with_min_lr', learning_rate=0.2, warmup_steps=2), 10 training steps; the rate after 10 steps, assertEqual)",
        "spec": "hf.get_scheduler(name='cosine_with_min_lr', num_warmup_steps=2, num_training_steps=10, scheduler_specific_kwargs={'min_lr': 1e-05}, lr=0.2)",
        "steps": [10],
        "lrs": [1e-05],
        "atol": 0.0,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/trainer/test_trainer_optimizers.py::TrainerOptimizerIntegrationTest::test_cosine_with_min_lr_schedule_with_warmup_lr_rate (lr_scheduler_type='cosine_warmup_with_min_lr', learning_rate=0.2, warmup_steps=2, 10 training steps; assertEqual on the rates of steps 0, 1 and 9)",
        "spec": "hf.get_scheduler(name='cosine_warmup_with_min_lr', num_warmup_steps=2, num_training_steps=10, scheduler_specific_kwargs={'min_lr': 1e-05}, lr=0.2)",
        "steps": [0, 1, 9],
        "lrs": [0.1, 0.2, 1e-05],
        "atol": 0.0,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py (transformers 2.x: one test per schedule; its unwrap_schedule called scheduler.step() before reading the rate, so the data are steps 1..10)::ScheduleInitTest::test_constant_scheduler",
        "spec": "hf.get_constant_schedule(lr=10.0)",
        "steps": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "lrs": [10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
        "atol": 0.0,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py (transformers 2.x: one test per schedule; its unwrap_schedule called scheduler.step() before reading the rate, so the data are steps 1..10)::ScheduleInitTest::test_warmup_constant_scheduler",
        "spec": "hf.get_constant_schedule_with_warmup(num_warmup_steps=4, lr=10.0)",
        "steps": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "lrs": [2.5, 5.0, 7.5, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0],
        "atol": 0.0,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py (transformers 2.x: one test per schedule; its unwrap_schedule called scheduler.step() before reading the rate, so the data are steps 1..10)::ScheduleInitTest::test_warmup_linear_scheduler",
        "spec": "hf.get_linear_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, lr=10.0)",
        "steps": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "lrs": [5.0, 10.0, 8.75, 7.5, 6.25, 5.0, 3.75, 2.5, 1.25, 0.0],
        "atol": 0.0,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py (transformers 2.x: one test per schedule; its unwrap_schedule called scheduler.step() before reading the rate, so the data are steps 1..10)::ScheduleInitTest::test_warmup_cosine_scheduler",
        "spec": "hf.get_cosine_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, lr=10.0)",
        "steps": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "lrs": [5.0, 10.0, 9.61, 8.53, 6.91, 5.0, 3.08, 1.46, 0.38, 0.0],
        "atol": 0.01,
        "rtol": 0.0,
    },
    {
        "origin": "transformers/tests/optimization/test_optimization.py (transformers 2.x: one test per schedule; its unwrap_schedule called scheduler.step() before reading the rate, so the data are steps 1..10)::ScheduleInitTest::test_warmup_cosine_hard_restart_scheduler",
        "spec": "hf.get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=2, num_cycles=2, num_training_steps=10, lr=10.0)",
        "steps": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "lrs": [5.0, 10.0, 8.53, 5.0, 1.46, 10.0, 8.53, 5.0, 1.46, 0.0],
        "atol": 0.01,
        "rtol": 0.0,
    },
]

ERROR_CASES = [
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_polynomial_decay_schedule_with_warmup raises ValueError 'lr_end (0.5) must be smaller than initial lr (0.1)'",
        "spec": "hf.get_polynomial_decay_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, lr_end=0.5, lr=0.1)",
        "param": "lr_end",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: the same check against the default lr=1.0 (a multiplier: lr_end is compared with the group's rate 1.0)",
        "spec": "hf.get_polynomial_decay_schedule_with_warmup(num_warmup_steps=0, num_training_steps=10, lr_end=1.0)",
        "param": "lr_end",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_polynomial_decay_schedule_with_warmup with num_training_steps == num_warmup_steps raises ZeroDivisionError at step num_training_steps",
        "spec": "hf.get_polynomial_decay_schedule_with_warmup(num_warmup_steps=10, num_training_steps=10, lr=0.1)",
        "param": "num_training_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_cosine_with_min_lr_schedule_with_warmup raises ValueError 'One of min_lr or min_lr_rate should be set'",
        "spec": "hf.get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, lr=0.1)",
        "param": "min_lr",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_cosine_with_min_lr_schedule_with_warmup raises ValueError 'Only one of min_lr or min_lr_rate should be set'",
        "spec": "hf.get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, min_lr=1e-05, min_lr_rate=0.1, lr=0.1)",
        "param": "min_lr_rate",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_cosine_with_min_lr_schedule_with_warmup_lr_rate raises ValueError 'One of min_lr or min_lr_rate should be set'",
        "spec": "hf.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=2, num_training_steps=10, warmup_lr_rate=0.1, lr=0.1)",
        "param": "min_lr",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_cosine_with_min_lr_schedule_with_warmup_lr_rate raises ValueError 'Only one of min_lr or min_lr_rate should be set'",
        "spec": "hf.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(num_warmup_steps=2, num_training_steps=10, min_lr=1e-05, min_lr_rate=0.1, lr=0.1)",
        "param": "min_lr_rate",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: min_lr is divided by the optimizer's rate: ZeroDivisionError for lr=0.0",
        "spec": "hf.get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=2, num_training_steps=10, min_lr=1e-05, lr=0.0)",
        "param": "lr",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_wsd_schedule raises ValueError 'Either num_training_steps or num_stable_steps must be specified.'",
        "spec": "hf.get_wsd_schedule(num_warmup_steps=10, num_decay_steps=20, lr=0.1)",
        "param": "num_training_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_wsd_schedule raises ValueError 'Unknown warmup type: exponential, expected ...'",
        "spec": "hf.get_wsd_schedule(num_warmup_steps=10, num_decay_steps=20, num_training_steps=100, warmup_type='exponential', lr=0.1)",
        "param": "warmup_type",
        "error": "UnknownNameError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_wsd_schedule raises ValueError 'Unknown decay type: step, expected ...'",
        "spec": "hf.get_wsd_schedule(num_warmup_steps=10, num_decay_steps=20, num_training_steps=100, decay_type='step', lr=0.1)",
        "param": "decay_type",
        "error": "UnknownNameError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_inverse_sqrt_schedule with timescale=0 raises ZeroDivisionError from step num_warmup_steps on",
        "spec": "hf.get_inverse_sqrt_schedule(num_warmup_steps=10, timescale=0, lr=0.1)",
        "param": "timescale",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_inverse_sqrt_schedule with a negative timescale raises ValueError (math domain error, sqrt of a negative number) from step num_warmup_steps on",
        "spec": "hf.get_inverse_sqrt_schedule(num_warmup_steps=10, timescale=-5, lr=0.1)",
        "param": "timescale",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_scheduler raises ValueError 'cosine_annealing is not a valid SchedulerType, please select one of [...]'",
        "spec": "hf.get_scheduler(name='cosine_annealing', num_warmup_steps=10, num_training_steps=100, lr=0.1)",
        "param": "name",
        "error": "UnknownNameError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_scheduler(name='greedy') builds GreedyLR, a metric-driven scheduler with its own state machine (raise on improvement, lower on plateaus, reset after reset_start steps at min_lr): no lrspec family; the error must say so",
        "spec": "hf.get_scheduler(name='greedy', lr=0.1)",
        "param": "name",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_scheduler raises ValueError 'linear requires `num_warmup_steps`, please provide that argument.'",
        "spec": "hf.get_scheduler(name='linear', num_training_steps=100, lr=0.1)",
        "param": "num_warmup_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_scheduler raises ValueError 'cosine requires `num_training_steps`, please provide that argument.'",
        "spec": "hf.get_scheduler(name='cosine', num_warmup_steps=10, lr=0.1)",
        "param": "num_training_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_scheduler('warmup_stable_decay') passes num_training_steps=None on: get_wsd_schedule raises ValueError 'Either num_training_steps or num_stable_steps must be specified.'",
        "spec": "hf.get_scheduler(name='warmup_stable_decay', num_warmup_steps=10, scheduler_specific_kwargs={'num_decay_steps': 20}, lr=0.1)",
        "param": "num_training_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_scheduler('warmup_stable_decay') without num_decay_steps: TypeError (missing required argument 'num_decay_steps')",
        "spec": "hf.get_scheduler(name='warmup_stable_decay', num_warmup_steps=10, num_training_steps=100, lr=0.1)",
        "param": "num_decay_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_scheduler passes scheduler_specific_kwargs on: TypeError 'unexpected keyword argument 'num_cylces''",
        "spec": "hf.get_scheduler(name='cosine', num_warmup_steps=10, num_training_steps=100, scheduler_specific_kwargs={'num_cylces': 2}, lr=0.1)",
        "param": "num_cylces",
        "error": "UnknownNameError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_scheduler passes num_warmup_steps itself: TypeError 'got multiple values for keyword argument 'num_warmup_steps''",
        "spec": "hf.get_scheduler(name='cosine', num_warmup_steps=10, num_training_steps=100, scheduler_specific_kwargs={'num_warmup_steps': 5}, lr=0.1)",
        "param": "num_warmup_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_reduce_on_plateau_schedule (torch ReduceLROnPlateau) raises ValueError 'Factor should be < 1.0.'",
        "spec": "hf.get_reduce_on_plateau_schedule(factor=1.0, lr=0.1)",
        "param": "factor",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_reduce_on_plateau_schedule raises ValueError 'mode average is unknown!'",
        "spec": "hf.get_reduce_on_plateau_schedule(mode='average', lr=0.1)",
        "param": "mode",
        "error": "UnknownNameError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_reduce_on_plateau_schedule raises ValueError 'threshold mode relative is unknown!'",
        "spec": "hf.get_reduce_on_plateau_schedule(threshold_mode='relative', lr=0.1)",
        "param": "threshold_mode",
        "error": "UnknownNameError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_linear_schedule_with_warmup has no default for num_training_steps (TypeError, missing argument)",
        "spec": "hf.get_linear_schedule_with_warmup(num_warmup_steps=10, lr=0.1)",
        "param": "num_training_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "transformers 5.23.0 transformers/optimization.py: get_cosine_schedule_with_warmup takes no num_cylces (TypeError, unexpected keyword argument)",
        "spec": "hf.get_cosine_schedule_with_warmup(num_warmup_steps=10, num_training_steps=100, num_cylces=2, lr=0.1)",
        "param": "num_cylces",
        "error": "UnknownNameError",
    },
    {
        "origin": "lrspec (the brief: the optimizer and last_epoch are left out of the hf. namespace); transformers takes last_epoch",
        "spec": "hf.get_constant_schedule(last_epoch=5, lr=0.1)",
        "param": "last_epoch",
        "error": "UnknownNameError",
    },
    {
        "origin": "lrspec (LANGUAGE.md section 2: a negative step count is out of range); transformers computes a value (t < -1 never holds: no warmup, progress (t + 1) / 11)",
        "spec": "hf.get_linear_schedule_with_warmup(num_warmup_steps=-1, num_training_steps=10, lr=0.1)",
        "param": "num_warmup_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "lrspec (LANGUAGE.md section 2: a negative step count is out of range); transformers computes a value (0 from step 0 on)",
        "spec": "hf.get_linear_schedule_with_warmup(num_warmup_steps=0, num_training_steps=-5, lr=0.1)",
        "param": "num_training_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "lrspec (LANGUAGE.md section 2: a negative step count is out of range); transformers computes a value",
        "spec": "hf.get_wsd_schedule(num_warmup_steps=10, num_decay_steps=-20, num_stable_steps=50, lr=0.1)",
        "param": "num_decay_steps",
        "error": "ArgumentError",
    },
]
