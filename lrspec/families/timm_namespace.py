"""The ``timm.`` namespace: timm's schedules in its own words (being written)."""
