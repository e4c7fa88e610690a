"""The ``torch.`` namespace: PyTorch's schedules in its own words (being written)."""
