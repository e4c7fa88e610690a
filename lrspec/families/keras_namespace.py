"""The ``keras.`` namespace: Keras's schedules in its own words (being written)."""
