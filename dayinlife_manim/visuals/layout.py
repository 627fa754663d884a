"""Where things go on the stage: rows, grids, rings and cells of a region."""

from __future__ import annotations

import math

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    Mobject,
    VGroup,
)

from .theme import DEFAULT_THEME, Region, Theme

__all__ = ['lay_out', 'cells', 'split', 'ring']


def lay_out(region: Region, *mobs: Mobject, buff: float = 0.6, fill: float = 0.92) -> VGroup:
    """Arrange ``mobs`` in a row, a column or a 2-column grid, whichever lets them be
    largest inside ``region``; then fit the group into it (centered).

    Example: ``lay_out(Region(-3, 3, -1.5, 1.5), icon("coffee"), icon("laptop"), icon("robot"))``
    """
    group = VGroup(*mobs)
    options = [(RIGHT, None), (DOWN, None)]
    if len(mobs) >= 3:
        options.append((None, 2))
    best, best_factor = None, -1.0
    for direction, cols in options:
        if cols:
            group.arrange_in_grid(cols=cols, buff=buff)
        else:
            group.arrange(direction, buff=buff)
        factor = min(fill * region.width / group.width, fill * region.height / group.height)
        if factor > best_factor + 1e-6:
            best, best_factor = (direction, cols), factor
    direction, cols = best
    if cols:
        group.arrange_in_grid(cols=cols, buff=buff)
    else:
        group.arrange(direction, buff=buff)
    return region.fit(group, fill=fill)


def cells(region: Region, n: int, shape: float = 1.0) -> list[Region]:
    """``n`` regions tiling ``region``: side by side, stacked, or a 2-column grid
    (last row centered), whichever lets content ``shape`` times wider than tall
    be largest in each cell.

    Landscape stages get columns; portrait ones get rows or a grid.

    Example: ``[Card(label=f"cell {i}").move_to(r.center) for i, r in enumerate(cells(Region(-4, 4, -1.5, 1.5), 3))]``
    """

    def room(w: float, h: float) -> float:  # height of the largest such content in a w x h cell
        return min(w / shape, h)

    rows = (n + 1) // 2
    grid_w, grid_h = region.width / 2, region.height / rows
    options = {
        "columns": room(region.width / n, region.height),
        "rows": room(region.width, region.height / n),
        "grid": room(grid_w, grid_h) if n > 2 else -1.0,
    }
    best = max(options, key=options.get)
    if best == "columns":
        return region.columns(n)
    if best == "rows":
        return region.rows(n)
    out = []
    for i in range(n):
        r, c = divmod(i, 2)
        in_row = min(2, n - 2 * r)
        left = region.left + (region.width - in_row * grid_w) / 2 + c * grid_w
        top = region.top - r * grid_h
        out.append(Region(left, left + grid_w, top - grid_h, top))
    return out


def split(region: Region, n: int, theme: Theme = DEFAULT_THEME) -> list[Region]:
    """``n`` side-by-side columns of ``region`` in a wide frame, ``n`` stacked rows (top first) in a tall one.

    Example: ``[icon("laptop").move_to(r.center) for r in split(Region(-3, 3, -1.5, 1.5), 2)]``
    """
    return region.rows(n) if theme.portrait else region.columns(n)


def ring(mobs, center, rx: float, ry: float | None = None, start: float = math.pi / 2):
    """Place ``mobs`` evenly on an ellipse around ``center``, the first at angle ``start``; returns ``mobs``.

    Example: ``ring([icon(n, height=0.7) for n in ("account", "robot", "coffee", "laptop", "cat")], ORIGIN, 1.6)``
    """
    ry = rx if ry is None else ry
    n = max(1, len(mobs))
    for k, mob in enumerate(mobs):
        a = start + 2 * math.pi * k / n
        mob.move_to(np.asarray(center) + np.array([rx * math.cos(a), ry * math.sin(a), 0.0]))
    return mobs
