"""Plots for ``lrspec plot``: in the terminal with plotext, to PNG/SVG/PDF with matplotlib.

Both are optional (``pip install 'lrspec[plot]'``) and imported only when a plot is drawn.
A curve of many steps is thinned to the smallest and largest value of each of a few thousand
buckets before drawing, so that drops and spikes stay visible however long the run.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from .app import PlotUnavailable

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: A curve to draw: its label, its steps and its values.
Curve = tuple[str, np.ndarray, np.ndarray]

INSTALL = "pip install 'lrspec[plot]'"
#: The image formats ``-o`` writes, by file suffix.
IMAGE_FORMATS = ("png", "svg", "pdf")
# Without colour, curves are told apart by their markers (the first keeps the fine one).
_PLAIN_MARKERS = ("braille", "•", "x", "+", "o", "*", "#", "=")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def thin(x: np.ndarray, y: np.ndarray, buckets: int) -> tuple[np.ndarray, np.ndarray]:
    """At most about ``4 * buckets`` points of a curve: in each bucket of consecutive points,
    the first, the last, the smallest and the largest (in order)."""
    n = x.size
    if n <= 4 * buckets:
        return x, y
    edges = np.linspace(0, n, buckets + 1).astype(np.int64)
    starts, stops = edges[:-1], edges[1:] - 1
    keep = [starts, stops]
    for lo, hi in zip(starts, stops + 1):
        segment = y[lo:hi]
        keep.append(np.array([lo + int(np.argmin(segment)), lo + int(np.argmax(segment))]))
    index = np.unique(np.concatenate(keep))
    return x[index], y[index]


def _shown(x: ArrayLike, y: ArrayLike, log: bool) -> tuple[np.ndarray, np.ndarray]:
    """The points of a curve that can be drawn: all, or on a log axis those above 0."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if log:
        keep = y > 0
        return x[keep], y[keep]
    return x, y


def _x_range(series: Sequence[Curve]) -> tuple[float, float]:
    """The steps the curves span, including the points a log axis leaves out."""
    return (
        min(float(np.min(x)) for _, x, _ in series),
        max(float(np.max(x)) for _, x, _ in series),
    )


def _plotext() -> Any:
    try:
        import plotext  # type: ignore[import-untyped]  # plotext ships no type information
    except ImportError:
        raise PlotUnavailable(f"a plot in the terminal needs plotext: {INSTALL}") from None
    if not hasattr(plotext, "figure"):  # plotext 6 changed its whole interface
        found = getattr(plotext, "__version__", "an older one")
        raise PlotUnavailable(
            f"lrspec draws with plotext 6 (found {found}): pip install 'plotext>=6.1,<7'"
        )
    return plotext


def terminal_plot(
    series: Sequence[Curve],
    width: int,
    height: int,
    title: str | None,
    colour: bool,
    log: bool = False,
) -> str:
    """The curves ``[(label, steps, values), ...]`` drawn in ``width`` x ``height`` character
    cells, with the axes labelled ``step`` and ``learning rate``; a legend when there are
    several; with ``log``, a logarithmic rate axis (the values must be > 0)."""
    plotext = _plotext()
    figure = plotext.figure  # one figure per process: cleared before and after each plot
    figure.clear()
    try:
        plotext.terminal.limit(False, False)  # the size asked for, not the terminal's
        figure.plot_size(width, height)
        figure.theme("simple")  # no background, the frame in the terminal's colours
        several = len(series) > 1
        top = -math.inf  # the highest value shown
        for k, (label, x, y) in enumerate(series):
            x, y = _shown(x, y, log)
            if not x.size:  # nothing above 0 on a log axis (plotext would count it as 0)
                continue
            top = max(top, float(np.max(y)))
            x, y = thin(x, y, 2 * width)
            plain = _PLAIN_MARKERS[k % len(_PLAIN_MARKERS)]
            marker = "braille" if colour or not several else plain
            signal = figure.signal(x.tolist(), y.tolist(), marker=marker).lines()
            if several:
                signal.label(label)  # a label makes the legend
            figure.draw(signal)
        figure.ruler("x").frequency(5)
        if log:
            figure.ruler("y").scale("log")
            figure.ruler("x").lim(*_x_range(series))
        if several:
            # At the top right, where decaying rates leave room; the position is in the
            # rulers' units, which on a log axis are powers of ten.
            right = _x_range(series)[1]
            figure.legend(x=right, y=math.log10(top) if log else top, ha="right", relative=True)
        if title:
            figure.title(title)
        figure.label("step", "x")
        figure.label("learning rate", "y")
        text: str = figure.build().string(colorless=not colour)
    finally:
        figure.clear()
    if not colour:
        text = _ANSI.sub("", text)
    return "\n".join(line.rstrip() for line in text.rstrip("\n").split("\n"))


def _matplotlib() -> type[Figure]:
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError:
        raise PlotUnavailable(f"writing an image needs matplotlib: {INSTALL}") from None
    del matplotlib
    return Figure


def image_plot(
    series: Sequence[Curve],
    path: str,
    fmt: str,
    width: int,
    height: int,
    title: str | None,
    log: bool = False,
) -> None:
    """The curves ``[(label, steps, values), ...]`` written to ``path`` as a ``width`` x
    ``height`` pixel image (PNG; SVG and PDF at 100 pixels to the inch); with ``log``, a
    logarithmic rate axis (the values must be > 0)."""
    Figure = _matplotlib()
    dpi = 100
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    axes = figure.add_subplot()
    for label, x, y in series:
        x, y = thin(*_shown(x, y, log), width)
        axes.plot(x, y, label=label, linewidth=1.5)
    axes.set_xlabel("step")
    axes.set_ylabel("learning rate")
    axes.grid(True, alpha=0.3)
    if log:
        axes.set_yscale("log")
        axes.set_xlim(*_x_range(series))
    else:
        axes.ticklabel_format(axis="y", style="sci", scilimits=(-3, 3))
    if title:
        axes.set_title(title, fontsize="medium")
    if len(series) > 1:
        axes.legend(fontsize="small")
    figure.tight_layout()
    # No date in an SVG, so that the same plot gives the same file.
    metadata = {"Date": None} if fmt == "svg" else None
    figure.savefig(path, format=fmt, dpi=dpi, metadata=metadata)
