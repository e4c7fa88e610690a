"""Train a small regression model with JAX and optax under an lrspec schedule.

    python examples/jax_train.py ["SPEC"]

Prints the schedule it used, the loss every 50 steps, then one JSON line with the rates optax
applied at those steps and the first and last loss.
"""

from __future__ import annotations

import json
import sys

import jax
import jax.numpy as jnp
import optax

import lrspec.jax

STEPS = 400


def main(spec: str = "Warmup(40) >> Cosine(0.05, 0.001, 360)") -> None:
    lr = lrspec.jax.schedule(spec)
    print(f"schedule: {lr.schedule}")

    kx, kw, k1, k2 = jax.random.split(jax.random.PRNGKey(0), 4)
    x = jax.random.normal(kx, (256, 8))
    y = jnp.sin(x @ jax.random.normal(kw, (8, 1)))
    params = {
        "w1": 0.3 * jax.random.normal(k1, (8, 32)),
        "b1": jnp.zeros(32),
        "w2": 0.3 * jax.random.normal(k2, (32, 1)),
        "b2": jnp.zeros(1),
    }

    def loss_fn(params, x, y):
        hidden = jax.nn.relu(x @ params["w1"] + params["b1"])
        return jnp.mean((hidden @ params["w2"] + params["b2"] - y) ** 2)

    optimizer = optax.inject_hyperparams(optax.adamw)(learning_rate=lr)
    state = optimizer.init(params)

    @jax.jit
    def train_step(params, state, batch):
        loss, grads = jax.value_and_grad(loss_fn)(params, x[batch], y[batch])
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, loss

    first, rates = float(loss_fn(params, x, y)), []
    key = jax.random.PRNGKey(1)
    for step in range(STEPS):
        key, sub = jax.random.split(key)
        params, state, loss = train_step(params, state, jax.random.randint(sub, (32,), 0, 256))
        if step % 50 == 0:
            # inject_hyperparams records the rate the update at this step used.
            rates.append(float(state.hyperparams["learning_rate"]))
            print(f"step {step:3d}  lr {rates[-1]:.6f}  loss {float(loss):.4f}")
    print(
        json.dumps({"rates": rates, "first_loss": first, "last_loss": float(loss_fn(params, x, y))})
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
