"""The ``hf.`` namespace: Hugging Face transformers's schedules in its own words (being written)."""
