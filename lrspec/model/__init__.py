"""Meaning: parameter types, units, the meaning tree, families, the registry, evaluation."""
