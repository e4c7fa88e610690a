"""lrspec.sb3: progress to steps, and a real PPO run on CartPole following the schedule."""

from __future__ import annotations

import gymnasium as gym
import pytest
from stable_baselines3 import PPO
from stable_baselines3.common.callbacks import BaseCallback

import lrspec
import lrspec.sb3


def test_progress_maps_to_whole_steps_exactly():
    spec = "Warmup(100) >> Cosine(3e-4, 1e-5, 900)"
    s = lrspec.parse(spec)
    lr = lrspec.sb3.schedule(spec, total_steps=1000)
    # SB3's own arithmetic for progress_remaining, at every timestep of the run.
    assert [lr(1.0 - float(n) / float(1000)) for n in range(1001)] == [s(n) for n in range(1001)]
    assert lr(-0.5) == s(1500) == 1e-5  # PPO can run past total_timesteps


def test_percent_units_bind_to_progress_without_total_steps():
    lr = lrspec.sb3.schedule("Warmup(10%) >> Cosine(1e-3, 0.0, 90%)")
    s = lrspec.parse("Warmup(10%) >> Cosine(1e-3, 0.0, 90%)", total_steps=lrspec.sb3.PROGRESS_STEPS)
    assert lr(1.0) == 0.0 and lr(0.95) == s(50_000) == 0.0005 and lr(0.9) == 0.001
    assert lr(0.45) == s(550_000) == 0.0005 and lr(0.0) == 0.0
    assert repr(lr) == (
        "lrspec.sb3.schedule('Warmup(10%) >> Cosine(0.001, 0.0, 90%)', total_steps=1000000)"
    )
    assert lrspec.sb3.schedule(3e-4)(0.3) == 3e-4  # a number needs no run length
    # The same spec bound to a real run gives the same curve in progress terms.
    assert lrspec.sb3.schedule("Linear(3e-4, 0.0, 100%)", total_steps=4096)(
        0.25
    ) == lrspec.sb3.schedule("Linear(3e-4, 0.0, 100%)")(0.25)


def test_specs_it_cannot_place_are_clear_errors():
    with pytest.raises(lrspec.UnitError) as error:
        lrspec.sb3.schedule("Cosine(3e-4, 0.0, 10000)")
    assert str(error.value) == (
        "lrspec: 'Cosine(0.0003, 0.0, 10000)' has no whole-run units (%), so SB3's progress "
        "cannot be turned into steps\npass total_steps= (learn()'s total_timesteps) or write "
        "the step counts in % of the run"
    )
    with pytest.raises(lrspec.StateError, match="never get"):
        lrspec.sb3.schedule("Plateau(0.1)")


class _RecordRates(BaseCallback):
    """After each update: the timesteps so far and the lr the policy's optimizer holds."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[int, float]] = []

    def _on_rollout_start(self) -> None:
        if self.num_timesteps:
            self.seen.append(
                (self.num_timesteps, self.model.policy.optimizer.param_groups[0]["lr"])
            )

    def _on_step(self) -> bool:
        return True


def test_ppo_trains_on_cartpole_under_the_schedule(tmp_path):
    spec, total = "Warmup(25%) >> Cosine(1e-3, 1e-4, 75%)", 512
    s = lrspec.parse(spec, total_steps=total)
    model = PPO(
        "MlpPolicy",
        gym.make("CartPole-v1"),
        n_steps=64,
        batch_size=32,
        n_epochs=2,
        learning_rate=lrspec.sb3.schedule(spec, total_steps=total),
        seed=0,
        device="cpu",
    )
    record = _RecordRates()
    model.learn(total_timesteps=total, callback=record)
    # An update after every 64 steps; each used exactly the rate of its timestep.
    assert [n for n, _ in record.seen] == list(range(64, total, 64))
    assert [lr for _, lr in record.seen] == [s(n) for n, _ in record.seen]
    assert model.policy.optimizer.param_groups[0]["lr"] == s(total) == 1e-4
    # The schedule is saved with the model and comes back working.
    model.save(tmp_path / "ppo")
    loaded = PPO.load(tmp_path / "ppo", device="cpu")
    assert loaded.lr_schedule(0.5) == s(256)


@pytest.mark.parametrize(
    ("progress", "message"),
    [
        (
            float("nan"),
            "progress_remaining must be a finite number <= 1 (1 at the start of learn(), 0 at "
            "its end), got nan",
        ),
        (
            float("-inf"),
            "progress_remaining must be a finite number <= 1 (1 at the start of learn(), 0 at "
            "its end), got -inf",
        ),
        (
            1.5,
            "progress_remaining must be a finite number <= 1 (1 at the start of learn(), 0 at "
            "its end), got 1.5",
        ),
        ("0.5", "progress_remaining must be a number, got str '0.5'"),
        (True, "progress_remaining must be a number, got bool True"),
        (None, "progress_remaining must be a number, got NoneType None"),
        ([0.5], "progress_remaining must be a number, got list [0.5]"),
    ],
)
def test_a_progress_that_is_not_a_number_at_most_1_is_an_lrspec_error(progress, message):
    # Issue 16: a NaN progress became step 0, and the string '0.5' was read as a number.
    lr = lrspec.sb3.schedule("Linear(3e-4, 0.0, 100%)")
    with pytest.raises(lrspec.EvaluationError) as error:
        lr(progress)
    assert str(error.value) == f"lrspec: {message}"


def test_numpy_torch_and_jax_scalars_are_progress():
    import jax.numpy as jnp
    import numpy as np
    import torch

    lr = lrspec.sb3.schedule("Linear(3e-4, 0.0, 100%)")
    for progress in (np.float32(0.5), np.float64(0.5), torch.tensor(0.5), jnp.float32(0.5)):
        assert lr(progress) == lr(0.5) == 0.00015
    with pytest.raises(lrspec.EvaluationError, match="must be a number, got Tensor"):
        lr(torch.tensor([0.5, 0.25]))


def test_every_size_of_the_run_resolves_units():
    # 1024 samples a step: 512000sp is step 500 of the 1000 learn() runs.
    lr = lrspec.sb3.schedule(
        "Warmup(512000sp) >> Constant(1e-3)", total_steps=1000, samples_per_step=1024
    )
    assert lr(1.0) == 0.0 and lr(0.75) == 0.0005 and lr(0.5) == 0.001
    with pytest.raises(lrspec.UnitError) as error:
        lrspec.sb3.schedule("Warmup(512000sp) >> Constant(1e-3)", total_steps=1000)
    assert error.value.missing == ("samples_per_step",)
    assert error.value.hint == "pass samples_per_step=... to lrspec.sb3.schedule()"
