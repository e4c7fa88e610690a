"""The family catalogue, generated from the registry: for the language reference and
``lrspec families``.

``python -m lrspec.catalogue grammar/LANGUAGE.md`` rewrites the reference's catalogue section
(between the ``<!-- families:start -->`` and ``<!-- families:end -->`` markers); a test checks
that it is up to date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from . import families as _families  # noqa: F401  (registers every family)
from .model.family import Family, Param, default_text
from .model.registry import families

START, END = "<!-- families:start -->", "<!-- families:end -->"

# The groups of the catalogue, in order, by the families' origin.
GROUPS = [
    ("lrspec", "lrspec's own families"),
    ("PyTorch", "PyTorch's shapes"),
    ("timm", "timm"),
    ("nerva-numpy", "nerva-numpy (epoch-indexed)"),
    ("numpy-ml", "numpy-ml"),
    ("Axon", "Axon (`Axon.Schedules` v0.4.1)"),
    ("lr_schedule", "The `lr_schedule` module (needs `total_steps`)"),
    ("torch.", "PyTorch's words: `torch.`"),
    ("hf.", "Hugging Face's words: `hf.`"),
    ("optax.", "optax's words: `optax.`"),
    ("keras.", "Keras's words: `keras.`"),
    ("timm.", "timm's words: `timm.`"),
]


def sections(cls: type[Family]) -> tuple[str, str, str]:
    """The docstring's summary, its formula (the paragraphs before the example), the rest."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", cls.doc()) if p.strip()]
    example_at = next(
        (i for i, p in enumerate(paragraphs) if p.startswith("Example")), len(paragraphs)
    )
    summary = paragraphs[0] if paragraphs else ""
    formula = "\n\n".join(paragraphs[1:example_at])
    rest = "\n\n".join(paragraphs[example_at:])
    return summary, formula, rest


def _md(text: str) -> str:
    return re.sub(r"``(.+?)``", r"`\1`", " ".join(text.split()))


def _group_of(cls: type[Family]) -> str:
    return cls.origin.split(",")[0].strip()


def family_markdown(cls: type[Family]) -> str:
    summary, formula, rest = sections(cls)
    lines = [f"#### `{cls.signature()}`", "", _md(summary), ""]
    if formula:
        lines += ["```text", formula, "```", ""]
    rows = []
    for p in cls.params:
        default = "required" if p.required else f"`{_default(p)}`"
        rows.append(f"| `{p.name}` | {p.type.describe()} | {default} | {p.doc} |")
    lines += ["| parameter | type | default | meaning |", "| --- | --- | --- | --- |", *rows, ""]
    if rest:
        lines += [_md(rest), ""]
    return "\n".join(lines)


def _default(p: Param) -> str:
    return default_text(p)


def markdown() -> str:
    """The whole catalogue as Markdown."""
    registered = families()
    out = []
    for origin, title in GROUPS:
        members = [c for c in registered.values() if _group_of(c) == origin]
        if not members:
            continue
        out += [f"### {title}", ""]
        out += [family_markdown(c) for c in members]
    missing = [n for n, c in registered.items() if _group_of(c) not in dict(GROUPS)]
    if missing:  # every family must belong to a group of the catalogue
        raise ValueError(f"families without a catalogue group: {missing}")
    return "\n".join(out).rstrip() + "\n"


def update(path: Path) -> bool:
    """Rewrite the catalogue section of ``path``; return whether it changed."""
    text = path.read_text(encoding="utf-8")
    head, _, tail = text.partition(START)
    _, _, tail = tail.partition(END)
    new = f"{head}{START}\n\n{markdown()}\n{END}{tail}"
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


if __name__ == "__main__":
    changed = update(Path(sys.argv[1] if len(sys.argv) > 1 else "grammar/LANGUAGE.md"))
    print("updated" if changed else "up to date")
