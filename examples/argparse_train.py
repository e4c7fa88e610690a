"""A training-script skeleton whose learning-rate schedule is a command-line flag.

    python examples/argparse_train.py --lr "Warmup(5%) >> Cosine(0.1, 0.0, 95%)" --steps 2000

`type=lrspec.parse` is all argparse needs: a bad spec is a usage error that shows lrspec's
caret message. Units (`5%`) are bound to the run's length once it is known.
"""

from __future__ import annotations

import argparse

import lrspec


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--lr",
        type=lrspec.parse,
        default="Warmup(100) >> Cosine(0.1, 0.0, 900)",
        help="learning-rate schedule in lrspec notation",
    )
    parser.add_argument("--steps", type=int, default=1000, help="training steps (at least 1)")
    args = parser.parse_args(argv)
    if args.steps < 1:
        parser.error(f"argument --steps: expected at least 1, got {args.steps}")
    schedule = args.lr.bind(total_steps=args.steps)
    print(f"schedule: {schedule}")
    for step in range(0, args.steps + 1, max(1, args.steps // 4)):
        # ... one optimizer step at rate schedule(step) ...
        print(f"step {step:>5}: lr {schedule(step):.6g}")


if __name__ == "__main__":
    main()
