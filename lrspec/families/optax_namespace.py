"""The ``optax.`` namespace: optax's schedules in its own words (being written)."""
