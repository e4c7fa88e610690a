"""lrspec.torch inside the transformers Trainer (``optimizers=(optimizer, scheduler)``): a
metric-driven spec is stepped with the evaluation metric as the Trainer's own plateau
scheduler is, the warmup before it follows the optimizer's steps, and a run resumed from a
Trainer checkpoint equals an uninterrupted one."""

from __future__ import annotations

import torch
from torchvision_guard import hide_broken_torchvision

hide_broken_torchvision()
from transformers import Trainer, TrainerCallback, TrainingArguments  # noqa: E402

import lrspec  # noqa: E402
import lrspec.torch  # noqa: E402

SPEC = "Warmup(100) >> Plateau(0.05, factor=0.5, patience=1)"
STEPS, EVERY = 240, 10  # optimizer steps, and an evaluation every EVERY steps


class Regression(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(1)
        self.net = torch.nn.Linear(4, 1)

    def forward(self, x, labels=None):
        out = self.net(x)
        return {"loss": torch.nn.functional.mse_loss(out, labels), "logits": out}


def _dataset(n, seed):
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 4, generator=generator)
    y = x @ torch.tensor([[1.0], [-2.0], [0.5], [0.0]]) + 0.7 * torch.randn(
        n, 1, generator=generator
    )
    return [{"x": xi, "labels": yi} for xi, yi in zip(x, y)]


class Record(TrainerCallback):
    """The rate the optimizer holds at each optimizer step, and each evaluation's loss."""

    def __init__(self) -> None:
        self.rates: list[float] = []
        self.evaluations: list[tuple[int, float]] = []

    def on_pre_optimizer_step(self, args, state, control, optimizer=None, **kwargs):
        self.rates.append(optimizer.param_groups[0]["lr"])

    def on_evaluate(self, args, state, control, metrics=None, **kwargs):
        self.evaluations.append((state.global_step, metrics["eval_loss"]))


def _train(out, max_steps=STEPS, resume=None, save_steps=None):
    model = Regression()
    optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
    scheduler = lrspec.torch.scheduler(optimizer, SPEC)
    record = Record()
    args = TrainingArguments(
        output_dir=str(out),
        max_steps=max_steps,
        per_device_train_batch_size=8,
        per_device_eval_batch_size=64,
        eval_strategy="steps",
        eval_steps=EVERY,
        metric_for_best_model="loss",
        save_strategy="steps" if save_steps else "no",
        save_steps=save_steps or 500,
        logging_strategy="no",
        report_to=[],
        use_cpu=True,
        seed=0,
        disable_tqdm=True,
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=_dataset(STEPS * 8, 0),
        eval_dataset=_dataset(64, 1),
        optimizers=(optimizer, scheduler),
        callbacks=[record],
    )
    trainer.train(resume_from_checkpoint=resume)
    return record, model, scheduler


def _expected(evaluations, steps):
    """lrspec's rates for these evaluations: each evaluation's loss is the metric of the
    step before it, and the warmup counts optimizer steps."""
    reference, at = lrspec.parse(SPEC), dict(evaluations)
    rates = []
    for t in range(steps):
        if t in at:
            reference.load_state_dict({**reference.state_dict(), "count": t - 1})
            reference.step(at[t])
        rates.append(reference(t))
    return rates


def test_a_plateau_spec_takes_the_evaluation_metric(tmp_path):
    record, _, scheduler = _train(tmp_path)
    assert isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau)
    assert len(record.rates) == STEPS and [s for s, _ in record.evaluations] == list(
        range(EVERY, STEPS + 1, EVERY)
    )
    assert record.rates == _expected(record.evaluations, STEPS)
    warm = lrspec.parse("Warmup(100) >> Constant(0.05)")
    assert record.rates[:101] == [warm(t) for t in range(101)]  # the steps, not evaluations
    assert min(record.rates) < 0.05 * 0.5 * 0.5  # the plateau cut the rate at least twice


def test_a_resumed_run_equals_an_uninterrupted_one(tmp_path):
    full, full_model, _ = _train(tmp_path / "full")
    first, _, _ = _train(tmp_path / "run", save_steps=STEPS // 2)
    checkpoint = tmp_path / "run" / f"checkpoint-{STEPS // 2}"
    saved = torch.load(checkpoint / "scheduler.pt", weights_only=True)
    assert saved["spec"] == SPEC and saved["step"] == STEPS // 2
    resumed, resumed_model, _ = _train(tmp_path / "run", resume=str(checkpoint))
    assert first.rates[: STEPS // 2] + resumed.rates == full.rates
    assert [p.tolist() for p in resumed_model.parameters()] == [
        p.tolist() for p in full_model.parameters()
    ]
