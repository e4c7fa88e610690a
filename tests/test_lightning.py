"""lrspec.torch inside Lightning 2.6: a metric-driven spec plugs in as Lightning's plateau
schedulers do (no "reduce_on_plateau" key), follows the schedule and the monitored metric at
every step, and a run resumed from a Lightning checkpoint equals an uninterrupted one."""

from __future__ import annotations

import logging

import pytest
import torch
from torchvision_guard import hide_broken_torchvision

hide_broken_torchvision()
import lightning  # noqa: E402

import lrspec  # noqa: E402
import lrspec.torch  # noqa: E402

SPEC = "Warmup(100) >> Plateau(0.05, factor=0.5, patience=8)"
BATCHES = 60  # optimizer steps per epoch

pytestmark = pytest.mark.filterwarnings(
    # Lightning's advice about data loader workers and its own deprecations, not lrspec's.
    "ignore:.*does not have many workers:UserWarning",
    "ignore:.*`isinstance\\(treespec, LeafSpec\\)` is deprecated:FutureWarning",
)


def _data():
    torch.manual_seed(0)
    x = torch.randn(BATCHES * 8, 4)
    y = x @ torch.randn(4, 1) + 0.7 * torch.randn(BATCHES * 8, 1)  # noise: the loss plateaus
    return torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=8)


class Regression(lightning.LightningModule):
    def __init__(self, spec: str, interval: str = "step") -> None:
        super().__init__()
        torch.manual_seed(1)
        self.net = torch.nn.Linear(4, 1)
        self.spec, self.interval = spec, interval
        self.rates: list[float] = []
        self.losses: list[float] = []

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = torch.nn.functional.mse_loss(self.net(x), y)
        self.log("train_loss", loss, on_step=True, on_epoch=False)
        return loss

    def on_before_optimizer_step(self, optimizer):
        self.rates.append(optimizer.param_groups[0]["lr"])

    def on_train_batch_end(self, outputs, batch, batch_idx):
        self.losses.append(outputs["loss"].item())

    def configure_optimizers(self):
        optimizer = torch.optim.SGD(self.parameters(), lr=1.0)
        scheduler = lrspec.torch.scheduler(optimizer, self.spec)
        return {
            "optimizer": optimizer,
            "lr_scheduler": {
                "scheduler": scheduler,
                "interval": self.interval,
                "monitor": "train_loss",
            },
        }


def _fit(model, epochs, ckpt_path=None, save=None):
    trainer = lightning.Trainer(
        accelerator="cpu",
        devices=1,
        max_epochs=epochs,
        logger=False,
        enable_checkpointing=False,
        enable_progress_bar=False,
        enable_model_summary=False,
        num_sanity_val_steps=0,
    )
    trainer.fit(model, _data(), ckpt_path=ckpt_path)
    if save is not None:
        trainer.save_checkpoint(save)
    return trainer


@pytest.fixture(autouse=True)
def _quiet():
    level = logging.getLogger("lightning.pytorch").level
    logging.getLogger("lightning.pytorch").setLevel(logging.ERROR)
    yield
    logging.getLogger("lightning.pytorch").setLevel(level)


def _expected(spec, losses):
    """The rates lrspec gives for these metrics, one after each step."""
    reference = lrspec.parse(spec)
    return [reference(0)] + [reference.step(loss) for loss in losses[:-1]]


def test_a_plateau_spec_follows_the_schedule_and_the_monitored_metric():
    model = Regression(SPEC)
    trainer = _fit(model, 3)
    config = trainer.lr_scheduler_configs[0]
    assert config.reduce_on_plateau and config.monitor == "train_loss"  # found, not asked for
    assert len(model.rates) == len(model.losses) == 3 * BATCHES
    assert model.rates == _expected(SPEC, model.losses)
    assert model.rates[:101] == [
        lrspec.parse("Warmup(100) >> Constant(0.05)")(t) for t in range(101)
    ]
    assert min(model.rates[101:]) < 0.05  # the plateau cut the rate after the warmup


def test_a_resumed_run_equals_an_uninterrupted_one(tmp_path):
    full = Regression(SPEC)
    _fit(full, 3)
    first = Regression(SPEC)
    _fit(first, 2, save=tmp_path / "half.ckpt")
    resumed = Regression(SPEC)
    _fit(resumed, 3, ckpt_path=tmp_path / "half.ckpt")
    assert first.rates + resumed.rates == full.rates
    assert first.losses + resumed.losses == full.losses
    assert [p.tolist() for p in resumed.parameters()] == [p.tolist() for p in full.parameters()]
    saved = torch.load(tmp_path / "half.ckpt", weights_only=True)["lr_schedulers"][0]
    assert saved["spec"] == SPEC and saved["step"] == 2 * BATCHES


def test_once_an_epoch_the_patience_counts_epochs_and_the_warmup_steps():
    # Lightning's default interval: the metric at each epoch's end; the warmup still counts
    # optimizer steps (the scheduler counts them itself).
    spec = "Warmup(100) >> Plateau(0.05, factor=0.5, patience=0)"
    model = Regression(spec, interval="epoch")
    _fit(model, 5)
    reference, expected = lrspec.parse(spec), []
    for t in range(5 * BATCHES):
        if t and t % BATCHES == 0:  # the last step's loss, as the metric of that step
            reference.load_state_dict({**reference.state_dict(), "count": t - 1})
            reference.step(model.losses[t - 1])
        expected.append(reference(t))
    assert model.rates == expected
    assert expected[:101] == [lrspec.parse("Warmup(100) >> Constant(0.05)")(t) for t in range(101)]
    assert sorted(set(expected[100:]), reverse=True) == [0.05, 0.025]  # this run: one cut
