"""Text and trees: errors, limits, the syntax tree, the parser and the printer."""
