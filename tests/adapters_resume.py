"""A tiny PyTorch training run for the resume test, run as its own process.

    python adapters_resume.py SPEC full OUT.json                  # steps 0..600 in one go
    python adapters_resume.py SPEC first OUT.json CKPT             # steps 0..300, then save
    python adapters_resume.py SPEC resume OUT.json CKPT            # load, steps 300..600

OUT.json gets the lr read before each optimizer.step(), the losses and the final weights.
"""

from __future__ import annotations

import json
import sys

import torch

import lrspec.torch

HALF, END = 300, 600


def main(spec: str, phase: str, out: str, checkpoint: str | None = None) -> None:
    torch.manual_seed(0)
    x = torch.randn(END, 8, 4)
    y = x @ torch.randn(4, 1) + 0.5 * torch.randn(END, 8, 1)  # noise: the loss plateaus
    model = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=1.0)
    scheduler = lrspec.torch.scheduler(optimizer, spec)
    start, stop = {"full": (0, END), "first": (0, HALF), "resume": (HALF, END)}[phase]
    if phase == "resume":
        saved = torch.load(checkpoint)  # weights_only: the scheduler state is plain data
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        scheduler.load_state_dict(saved["scheduler"])
    rates, losses = [], []
    for step in range(start, stop):
        rates.append(optimizer.param_groups[0]["lr"])
        loss = torch.nn.functional.mse_loss(model(x[step]), y[step])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        if scheduler.schedule.stateful:
            scheduler.step(loss.item())
        else:
            scheduler.step()
    if phase == "first":
        torch.save(
            {
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(),
            },
            checkpoint,
        )
    weights = [p.detach().flatten().tolist() for p in model.parameters()]
    with open(out, "w") as f:
        json.dump({"rates": rates, "losses": losses, "weights": weights}, f)


if __name__ == "__main__":
    main(*sys.argv[1:])
