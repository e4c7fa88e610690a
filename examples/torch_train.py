"""Train a small regression model with PyTorch under an lrspec schedule.

    python examples/torch_train.py ["SPEC"]

Prints the schedule it used, the loss every 50 steps, then one JSON line with the rates it
read at those steps and the first and last loss.
"""

from __future__ import annotations

import json
import sys

import torch

import lrspec.torch

STEPS = 400


def main(spec: str = "Warmup(5%) >> Cosine(0.05, 0.0, 95%)") -> None:
    torch.manual_seed(0)
    x = torch.randn(256, 8)
    y = torch.sin(x @ torch.randn(8, 1))
    model = torch.nn.Sequential(torch.nn.Linear(8, 32), torch.nn.ReLU(), torch.nn.Linear(32, 1))
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.05)
    scheduler = lrspec.torch.scheduler(optimizer, spec, total_steps=STEPS)
    print(f"schedule: {scheduler.schedule} (total_steps={STEPS})")

    def full_loss() -> float:
        with torch.no_grad():
            return torch.nn.functional.mse_loss(model(x), y).item()

    first, rates = full_loss(), []
    for step in range(STEPS):
        batch = torch.randint(0, len(x), (32,))
        loss = torch.nn.functional.mse_loss(model(x[batch]), y[batch])
        optimizer.zero_grad()
        loss.backward()
        if step % 50 == 0:
            rates.append(optimizer.param_groups[0]["lr"])
            print(f"step {step:3d}  lr {rates[-1]:.6f}  loss {loss.item():.4f}")
        optimizer.step()
        scheduler.step()
    print(json.dumps({"rates": rates, "first_loss": first, "last_loss": full_loss()}))


if __name__ == "__main__":
    main(*sys.argv[1:])
