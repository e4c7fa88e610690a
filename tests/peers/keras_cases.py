"""Value cases of Keras's own schedule tests, in Keras's words (lrspec's keras. namespace).

Plain data, no imports. From keras-team/keras (commit 3422977a5e38)
keras/src/optimizers/schedules/learning_rate_schedule_test.py: every test that asserts learning
rates. The spec is written as the test calls Keras (positional where the test is positional);
`lrs` are the test's own expectations, its formulas evaluated in float64. Value at step t =
schedule(t). Each case was checked against the real Keras 3.15.1 (jax backend, float32) within
float32 rounding (tests/peers/keras_live.keras_tolerance) and within the test's own tolerance
(assertAllClose, 1e-6), and against the float64 transcription of Keras's formula
(keras_live.keras_formula) to 1e-12 relative.

Skipped:
- every test_config (ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay "LinearDecayTest",
  InverseTimeDecay, CosineDecay, CosineDecayRestarts): serialization round trips, no rates;
  their argument sets (name="my_ed", t_mul=3.0, m_mul=4.0, ...) have no expected values.
- TestFitLRSchedulesFlow::test_fit_lr_correctness: asserts training losses of a Dense model,
  not rates (its ExponentialDecay(0.05, 1, 0.9) has no asserted rate).
- PiecewiseConstantDecayTest::test_piecewise_values at step -999 (lrspec's t >= 0); its other
  steps are kept.
- CosineDecayTest/CosineDecayRestartsTest::test_float64 pass np.float64(1.0): the case keeps
  the values with 1.0 (lrspec computes float64 anyway).

ERROR_CASES: the arguments Keras's constructors reject with ValueError (its tests have none;
from learning_rate_schedule.py): decay_steps <= 0, first_decay_steps <= 0, and
len(boundaries) != len(values) - 1. `param` is the parameter the error names, `error` the class
of lrspec's error (an lrspec.LrspecError subclass).
"""

CASES = [
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::ExponentialDecayTest::test_continuous",
        "spec": "keras.ExponentialDecay(0.05, 10, 0.96)",
        "steps": [5],
        "lrs": [0.048989794855663564],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::ExponentialDecayTest::test_staircase",
        "spec": "keras.ExponentialDecay(0.1, 3, 0.96, staircase=True)",
        "steps": [1, 2, 100],
        "lrs": [0.1, 0.1, 0.02599864358413614],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::ExponentialDecayTest::test_variables",
        "spec": "keras.ExponentialDecay(0.1, 3, 0.96, staircase=True)",
        "steps": [1, 2, 100],
        "lrs": [0.1, 0.1, 0.02599864358413614],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::PiecewiseConstantDecayTest::test_piecewise_values",
        "spec": "keras.PiecewiseConstantDecay([100, 110, 120], [1.0, 0.1, 0.01, 0.001])",
        "steps": [100, 105, 110, 120, 999],
        "lrs": [1.0, 0.1, 0.1, 0.01, 0.001],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::PiecewiseConstantDecayTest::test_boundary_values",
        "spec": "keras.PiecewiseConstantDecay([1, 2, 3], [0.4, 0.5, 0.6, 0.7])",
        "steps": [0, 1, 2, 3, 4],
        "lrs": [0.4, 0.4, 0.5, 0.6, 0.7],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::LinearDecayTest::test_halfway",
        "spec": "keras.PolynomialDecay(0.05, 10, 0.0)",
        "steps": [5],
        "lrs": [0.025],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::LinearDecayTest::test_end",
        "spec": "keras.PolynomialDecay(0.05, 10, 0.001)",
        "steps": [10],
        "lrs": [0.001],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::LinearDecayTest::test_halfway_with_end",
        "spec": "keras.PolynomialDecay(0.05, 10, 0.001)",
        "steps": [5],
        "lrs": [0.025500000000000002],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::LinearDecayTest::test_beyond_end",
        "spec": "keras.PolynomialDecay(0.05, 10, 0.001)",
        "steps": [15],
        "lrs": [0.001],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::LinearDecayTest::test_beyond_end_with_cycle",
        "spec": "keras.PolynomialDecay(0.05, 10, 0.001, cycle=True)",
        "steps": [15],
        "lrs": [0.013250000000000001],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::SqrtDecayTest::test_halfway",
        "spec": "keras.PolynomialDecay(0.05, 10, 0.0, power=0.5)",
        "steps": [5],
        "lrs": [0.03535533905932738],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::SqrtDecayTest::test_end",
        "spec": "keras.PolynomialDecay(0.05, 10, 0.001, power=0.5)",
        "steps": [10],
        "lrs": [0.001],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::SqrtDecayTest::test_halfway_with_end",
        "spec": "keras.PolynomialDecay(0.05, 10, 0.001, power=0.5)",
        "steps": [5],
        "lrs": [0.03564823227814083],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::SqrtDecayTest::test_beyond_end",
        "spec": "keras.PolynomialDecay(0.05, 10, 0.001, power=0.5)",
        "steps": [15],
        "lrs": [0.001],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::SqrtDecayTest::test_beyond_end_with_cycle",
        "spec": "keras.PolynomialDecay(0.05, 10, 0.001, power=0.5, cycle=True)",
        "steps": [15],
        "lrs": [0.025500000000000002],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::SqrtDecayTest::test_begin_with_cycle",
        "spec": "keras.PolynomialDecay(0.001, 10, cycle=True)",
        "steps": [0],
        "lrs": [0.001],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::InverseTimeDecayTest::test_decay",
        "spec": "keras.InverseTimeDecay(0.1, 10, 0.96)",
        "steps": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "lrs": [
            0.1,
            0.09124087591240876,
            0.08389261744966443,
            0.07763975155279504,
            0.07225433526011561,
            0.06756756756756757,
            0.06345177664974619,
            0.059808612440191394,
            0.05656108597285068,
            0.053648068669527905,
            0.05102040816326531,
        ],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::InverseTimeDecayTest::test_staircase",
        "spec": "keras.InverseTimeDecay(0.1, 10, 0.96, staircase=True)",
        "steps": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "lrs": [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05102040816326531],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::CosineDecayTest::test_decay",
        "spec": "keras.CosineDecay(1.0, 1000)",
        "steps": [0, 250, 500, 750, 1000, 1250],
        "lrs": [1.0, 0.8535533905932737, 0.5, 0.14644660940672627, 0.0, 0.0],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::CosineDecayTest::test_warmup",
        "spec": "keras.CosineDecay(0.0, 10, warmup_target=10.0, warmup_steps=1500)",
        "steps": [0, 250, 500, 750, 1000, 1250],
        "lrs": [
            0.0,
            1.6666666666666665,
            3.333333333333333,
            5.0,
            6.666666666666666,
            8.333333333333334,
        ],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::CosineDecayTest::test_alpha",
        "spec": "keras.CosineDecay(1.0, 1000, 0.1)",
        "steps": [0, 250, 500, 750, 1000, 1250],
        "lrs": [1.0, 0.8681980515339464, 0.55, 0.23180194846605365, 0.1, 0.1],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::CosineDecayTest::test_float64",
        "spec": "keras.CosineDecay(1.0, 1000)",
        "steps": [0, 250, 500, 750, 1000, 1250],
        "lrs": [1.0, 0.8535533905932737, 0.5, 0.14644660940672627, 0.0, 0.0],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::CosineDecayTest::test_warmup_decay",
        "spec": "keras.CosineDecay(0.0, 1000, warmup_target=10.0, warmup_steps=2000)",
        "steps": [0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2250, 2500, 2750],
        "lrs": [
            0.0,
            1.25,
            2.5,
            3.75,
            5.0,
            6.25,
            7.5,
            8.75,
            10.0,
            8.535533905932738,
            5.0,
            1.4644660940672627,
        ],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::CosineDecayRestartsTest::test_decay",
        "spec": "keras.CosineDecayRestarts(1.0, 1000)",
        "steps": [0, 250, 500, 750, 1000, 1250],
        "lrs": [1.0, 0.8535533905932737, 0.5, 0.14644660940672627, 1.0, 0.9619397662556434],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::CosineDecayRestartsTest::test_float64",
        "spec": "keras.CosineDecayRestarts(1.0, 1000)",
        "steps": [0, 250, 500, 750, 1000, 1250],
        "lrs": [1.0, 0.8535533905932737, 0.5, 0.14644660940672627, 1.0, 0.9619397662556434],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::CosineDecayRestartsTest::test_alpha",
        "spec": "keras.CosineDecayRestarts(1.0, 1000, alpha=0.1)",
        "steps": [0, 250, 500, 750, 1000, 1250],
        "lrs": [1.0, 0.8681980515339464, 0.55, 0.23180194846605365, 1.0, 0.9657457896300791],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::CosineDecayRestartsTest::test_mmul",
        "spec": "keras.CosineDecayRestarts(1.0, 1000, m_mul=0.9)",
        "steps": [0, 250, 500, 750, 1000, 1250],
        "lrs": [1.0, 0.8535533905932737, 0.5, 0.14644660940672627, 0.9, 0.8657457896300791],
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule_test.py::CosineDecayRestartsTest::test_tmul",
        "spec": "keras.CosineDecayRestarts(1.0, 1000, t_mul=1.0)",
        "steps": [0, 250, 500, 750, 1000, 1250],
        "lrs": [1.0, 0.8535533905932737, 0.5, 0.14644660940672627, 1.0, 0.8535533905932737],
    },
]

ERROR_CASES = [
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule.py::ExponentialDecay.__init__",
        "spec": "keras.ExponentialDecay(0.1, 0, 0.96)",
        "param": "decay_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule.py::ExponentialDecay.__init__",
        "spec": "keras.ExponentialDecay(0.1, -10, 0.96)",
        "param": "decay_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule.py::PiecewiseConstantDecay.__init__",
        "spec": "keras.PiecewiseConstantDecay([10, 20], [1.0, 0.5])",
        "param": "values",
        "error": "ArgumentError",
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule.py::PiecewiseConstantDecay.__init__",
        "spec": "keras.PiecewiseConstantDecay([10], [1.0, 0.5, 0.1])",
        "param": "values",
        "error": "ArgumentError",
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule.py::PolynomialDecay.__init__",
        "spec": "keras.PolynomialDecay(0.1, 0)",
        "param": "decay_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule.py::PolynomialDecay.__init__",
        "spec": "keras.PolynomialDecay(0.1, -5, 0.001, cycle=True)",
        "param": "decay_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule.py::InverseTimeDecay.__init__",
        "spec": "keras.InverseTimeDecay(0.1, 0, 0.5)",
        "param": "decay_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule.py::CosineDecay.__init__",
        "spec": "keras.CosineDecay(0.1, 0)",
        "param": "decay_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule.py::CosineDecay.__init__",
        "spec": "keras.CosineDecay(0.0, 0, warmup_target=0.1, warmup_steps=100)",
        "param": "decay_steps",
        "error": "ArgumentError",
    },
    {
        "origin": "keras keras-team/keras/keras/src/optimizers/schedules/learning_rate_schedule.py::CosineDecayRestarts.__init__",
        "spec": "keras.CosineDecayRestarts(0.1, 0)",
        "param": "first_decay_steps",
        "error": "ArgumentError",
    },
]
