"""Numbers: the math namespaces formulas are written against, kernels, whole curves."""
