"""Schedules: the public :class:`Schedule`, the dict form, and ``parse``/``from_dict``."""
