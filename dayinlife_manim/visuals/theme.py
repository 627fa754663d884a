"""The look, in one place: palette, fonts, sizes, safe margins and screen regions.

Sizes are given for a 16:9 frame and scaled for narrower ones (9:16, 1:1), so
the same scene code reads well in every aspect.  Customise by subclassing
:class:`Theme` (or ``dataclasses.replace``) and setting ``theme`` on a scene.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Mobject, config

LANDSCAPE_WIDTH = 16 / 9 * 8  # manim's frame width for 16:9


@dataclass(frozen=True)
class Region:
    """An axis-aligned rectangle of the frame, in manim units."""

    left: float
    right: float
    bottom: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def center(self) -> np.ndarray:
        return np.array([(self.left + self.right) / 2, (self.bottom + self.top) / 2, 0.0])

    def point(self, x: float = 0.5, y: float = 0.5) -> np.ndarray:
        """The point at fractions (x, y) of the region, (0, 0) being bottom-left."""
        return np.array([self.left + x * self.width, self.bottom + y * self.height, 0.0])

    def columns(self, n: int) -> list["Region"]:
        """Split into ``n`` equal side-by-side regions."""
        w = self.width / n
        return [Region(self.left + i * w, self.left + (i + 1) * w, self.bottom, self.top) for i in range(n)]

    def rows(self, n: int) -> list["Region"]:
        """Split into ``n`` equal stacked regions, top first."""
        h = self.height / n
        return [Region(self.left, self.right, self.top - (i + 1) * h, self.top - i * h) for i in range(n)]

    def inset(self, dx: float, dy: float | None = None) -> "Region":
        dy = dx if dy is None else dy
        return Region(self.left + dx, self.right - dx, self.bottom + dy, self.top - dy)

    def contains(self, mob: Mobject, tolerance: float = 1e-3) -> bool:
        left, bottom = mob.get_corner(DOWN + LEFT)[:2]
        right, top = mob.get_corner(UP + RIGHT)[:2]
        t = tolerance
        return left >= self.left - t and right <= self.right + t and bottom >= self.bottom - t and top <= self.top + t

    def fit(self, mob: Mobject, fill: float = 1.0, grow: bool = False) -> Mobject:
        """Scale ``mob`` down (or up, with ``grow``) to fit ``fill`` of the region, and center it."""
        if mob.width > 0 and mob.height > 0:
            factor = min(fill * self.width / mob.width, fill * self.height / mob.height)
            if factor < 1 or grow:
                mob.scale(factor)
        return mob.move_to(self.center)


@dataclass(frozen=True)
class Theme:
    background: str = "#14161f"
    text: str = "#f4f1ea"
    dim: str = "#8489a3"  # 5.2:1 on the background, 4.6:1 on panels (WCAG AA for text)
    upcoming: str = "#a6adc8"
    accent: str = "#ffb703"
    palette: tuple[str, ...] = ("#8ecae6", "#ffb703", "#fb8500", "#90be6d", "#f28482", "#cdb4db", "#48cae4")
    panel: str = "#1f2230"
    font: str = "DejaVu Sans"
    #: Tried in order for each character ``font`` has no glyph for (Pango falls
    #: back per character; ``make install`` puts the Noto fonts on the machine).
    fallback_fonts: tuple[str, ...] = (
        "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Bengali",
        "Noto Sans Gurmukhi", "Noto Sans Gujarati", "Noto Sans Oriya", "Noto Sans Tamil", "Noto Sans Telugu",
        "Noto Sans Kannada", "Noto Sans Malayalam", "Noto Sans Sinhala", "Noto Sans Thai", "Noto Sans Lao",
        "Noto Sans Khmer", "Noto Sans Myanmar", "Noto Sans Georgian", "Noto Sans Armenian", "Noto Sans Ethiopic",
        "Noto Sans CJK JP", "Noto Sans Symbols", "Noto Sans Symbols2", "Noto Sans Math",
    )
    # Font sizes for a 16:9 frame; narrower frames scale them (see ``scale``).
    title_size: float = 60
    headline_size: float = 40
    caption_size: float = 30
    label_size: float = 26
    #: Safe margin, as a fraction of each frame dimension (title-safe is 5 %).
    margin: float = 0.05
    #: Share of the safe height given to the caption block at the bottom.
    caption_share: float = 0.34
    caption_share_portrait: float = 0.42
    icon_colors: dict[str, str] = field(default_factory=dict)

    def for_text(self, text: str) -> "Theme":
        """This theme with its CJK fallback in the regional form ``text`` is written in
        (Chinese drawn with a Japanese font shows some characters the Japanese way)."""
        from ..text.language import cjk_region

        region = cjk_region(text)
        cjk = [f for f in self.fallback_fonts if f.startswith("Noto Sans CJK ")]
        if region is None or not cjk or cjk[0] == f"Noto Sans CJK {region}":
            return self
        fonts = tuple(f"Noto Sans CJK {region}" if f == cjk[0] else f for f in self.fallback_fonts)
        return replace(self, fallback_fonts=fonts)

    @property
    def font_stack(self) -> str:
        """``font`` and its fallbacks as one Pango family list ("DejaVu Sans, Noto Sans, ...")."""
        return ", ".join((self.font, *self.fallback_fonts))

    # -- frame geometry --------------------------------------------------
    @property
    def frame_width(self) -> float:
        return float(config.frame_width)

    @property
    def frame_height(self) -> float:
        return float(config.frame_height)

    @property
    def portrait(self) -> bool:
        return self.frame_width < self.frame_height

    @property
    def scale(self) -> float:
        """Font scale for this frame: 1 at 16:9, smaller for narrow frames."""
        return float(np.clip((self.frame_width / LANDSCAPE_WIDTH) ** 0.5, 0.62, 1.0))

    def size(self, name: str) -> float:
        return getattr(self, f"{name}_size") * self.scale

    @property
    def safe(self) -> Region:
        w, h = self.frame_width, self.frame_height
        mx, my = w * self.margin, h * self.margin
        return Region(-w / 2 + mx, w / 2 - mx, -h / 2 + my, h / 2 - my)

    @property
    def gutter(self) -> float:
        return 0.25 * self.scale

    @property
    def caption(self) -> Region:
        safe = self.safe
        share = self.caption_share_portrait if self.portrait else self.caption_share
        return Region(safe.left, safe.right, safe.bottom, safe.bottom + share * safe.height)

    @property
    def headline(self) -> Region:
        safe = self.safe
        h = 0.9 * self.scale
        return Region(safe.left, safe.right, safe.top - h, safe.top)

    @property
    def stage(self) -> Region:
        """Where icons and motion live: between the headline and the captions."""
        safe = self.safe
        return Region(safe.left, safe.right, self.caption.top + self.gutter, self.headline.bottom - self.gutter / 2)

    @property
    def full_stage(self) -> Region:
        """The stage when a scene has no headline."""
        safe = self.safe
        return Region(safe.left, safe.right, self.caption.top + self.gutter, safe.top)

    def color(self, i: int) -> str:
        return self.palette[i % len(self.palette)]


DEFAULT_THEME = Theme()

__all__ = ["DEFAULT_THEME", "Region", "Theme"]
