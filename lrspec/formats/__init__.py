"""Config values and files, and other tools' settings, to schedules."""
