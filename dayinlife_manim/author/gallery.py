"""``dayinlife gallery``: every prop, gadget and motion scene authors can use, drawn.

The gallery is read from the code itself, so it never goes stale: the public
names (``__all__``) of each subject module of :mod:`dayinlife_manim.visuals`
and the functions of :mod:`~dayinlife_manim.visuals.motions`; the first
paragraph of each docstring says what it is, and the docstring's
``Example: ``...```` line is evaluated and drawn.  An example that evaluates
to an ``Animation`` is shown as frames of it (start, middle, end); one that
evaluates to mobjects is shown as a still.  Names an example binds with
``:=`` (the icon a ``ScanLine`` sweeps, say) are drawn too.

Writes one PNG per entry, one PNG sheet per subject and ``index.html``.
"""

from __future__ import annotations

import ast
import html
import importlib
import inspect
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..core.errors import UserError
from ..core.fsutil import atomic_path, atomic_write_text
from .pages import label_font, wrap_label

#: Subject modules of ``dayinlife_manim.visuals``, in the order the gallery shows them.
SUBJECTS: dict[str, str] = {
    "time": "Time",
    "people": "People and characters",
    "charts": "Numbers and charts",
    "office": "Work",
    "home": "Home and hobbies",
    "effects": "Effects",
    "layout": "Layout",
    "motions": "Motions (entrances, exits, emphasis)",
}
ROLE = re.compile(r":\w+:`~?([^`]+)`")  # :meth:`start` -> start
EXAMPLE = re.compile(r"Example:\s*``(.+?)``", re.S)
FRAME = (8.0, 5.0)  # manim units shown in a cell (16:10)
ALPHAS = (0.0, 0.5, 1.0)


@dataclass(frozen=True)
class Entry:
    subject: str
    name: str
    summary: str
    example: str | None

    @property
    def module(self) -> str:
        return f"dayinlife_manim.visuals.{self.subject}"

    @property
    def import_line(self) -> str:
        if self.subject == "motions":
            return "from dayinlife_manim.visuals import motions"
        return f"from {self.module} import {self.name}"

    @property
    def usage(self) -> str:
        """The example as a scene would write it (motions are called through the module)."""
        if self.example is None:
            return ""
        return f"motions.{self.example}" if self.subject == "motions" else self.example

    @property
    def file(self) -> str:
        return f"{self.subject}-{self.name}.png"


def _public(module) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:  # motions: its public functions
        names = [n for n, o in vars(module).items()
                 if inspect.isfunction(o) and o.__module__ == module.__name__ and not n.startswith("_")]
    return list(names)


def entries(subjects=None) -> list[Entry]:
    """The vocabulary, read from the subject modules' names and docstrings."""
    out = []
    for subject in subjects or SUBJECTS:
        if subject not in SUBJECTS:
            raise UserError(f"unknown subject {subject!r}; choose from: {', '.join(SUBJECTS)}")
        module = importlib.import_module(f"dayinlife_manim.visuals.{subject}")
        for name in _public(module):
            doc = inspect.getdoc(getattr(module, name)) or ""
            summary = ROLE.sub(r"\1", " ".join(doc.split("\n\n")[0].split()).replace("``", ""))
            match = EXAMPLE.search(doc)
            out.append(Entry(subject, name, summary, " ".join(match.group(1).split()) if match else None))
    return out


def namespace() -> dict:
    """What an example may use: manim, the visuals (every subject module), motions' functions."""
    import manim

    from .. import visuals
    from ..visuals import motions

    ns = {k: getattr(manim, k) for k in dir(manim) if not k.startswith("_")}
    ns.update({k: getattr(visuals, k) for k in visuals.__all__})
    for subject in SUBJECTS:
        module = importlib.import_module(f"dayinlife_manim.visuals.{subject}")
        ns.update({k: getattr(module, k) for k in _public(module)})
    ns["motions"] = motions
    return ns


def _evaluate(entry: Entry):
    """(drawables, animation or None) of an entry's example; an animation comes ready to interpolate."""
    from manim import Animation, Mobject
    from manim.animation.animation import prepare_animation

    ns = namespace()
    before = dict(ns)
    tree = ast.parse(entry.example, mode="eval")
    call = tree.body
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Call):
        # ``Robot().glare(...)``: a verb may animate only a part; keep the whole drawing in view.
        call.func.value = ast.NamedExpr(target=ast.Name("_owner", ast.Store()), value=call.func.value)
        ast.fix_missing_locations(tree)
    value = eval(compile(tree, "<example>", "eval"), ns)  # noqa: S307 - examples are this package's own docstrings
    bound = [v for k, v in ns.items() if isinstance(v, Mobject) and before.get(k) is not v]
    if not isinstance(value, (Mobject, list, tuple)):
        value = prepare_animation(value)  # mob.animate... builders
    if isinstance(value, Animation):
        from manim import Scene

        value.stage = Scene()  # some animations add to their scene (a Circumscribe's ring) or remove
        value._setup_scene(value.stage)
        value.begin()
        return bound, value
    items = value if isinstance(value, (list, tuple)) else [value]
    if not all(isinstance(m, Mobject) for m in items):
        raise TypeError(f"example of {entry.name} gives {type(value).__name__}, not a mobject or an animation")
    return bound + list(items), None


def _drawn(bound, anim) -> list:
    if anim is None:
        return bound
    mobs = list(bound)
    for mob in [anim.mobject, *anim.stage.mobjects]:
        if all(mob is not m for m in mobs):
            mobs.append(mob)
    return mobs


def _bounds(mobs) -> tuple[float, float, float, float]:
    import numpy as np

    points = [m.get_critical_point(d) for m in mobs for d in (np.array([-1, -1, 0]), np.array([1, 1, 0]))
              if m.get_family() and (m.width > 0 or m.height > 0)]
    if not points:
        return -1, 1, -1, 1
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), max(xs), min(ys), max(ys)


def draw_entry(entry: Entry, out: Path, cell: tuple[int, int] = (320, 200)) -> Path:
    """Draw ``entry``'s example into ``out``: a still, or a strip of frames of its animation."""
    from manim import Camera, tempconfig
    from PIL import Image

    from ..visuals.theme import DEFAULT_THEME

    if entry.example is None:
        raise UserError(f"{entry.module}.{entry.name} has no 'Example: ``...``' line in its docstring")
    # Measure where the example goes over its whole animation, then draw a fresh copy.
    with tempconfig({"write_to_movie": False, "save_last_frame": False, "verbosity": "WARNING"}):
        bound, anim = _evaluate(entry)
    boxes = []
    if anim is None:
        boxes.append(_bounds(bound))
    else:
        for alpha in ALPHAS:
            anim.interpolate(alpha)
            boxes.append(_bounds(_drawn(bound, anim)))
    left, right = min(b[0] for b in boxes), max(b[1] for b in boxes)
    bottom, top = min(b[2] for b in boxes), max(b[3] for b in boxes)
    width = max(right - left, (top - bottom) * FRAME[0] / FRAME[1], 0.5) / 0.86
    height = width * FRAME[1] / FRAME[0]
    center = ((left + right) / 2, (bottom + top) / 2, 0.0)
    options = {"pixel_width": cell[0], "pixel_height": cell[1], "frame_width": width, "frame_height": height,
               "write_to_movie": False, "save_last_frame": False, "verbosity": "WARNING"}
    frames = []
    with tempconfig(options):
        bound, anim = _evaluate(entry)
        for alpha in ALPHAS if anim is not None else (None,):
            if anim is not None:
                anim.interpolate(alpha)
            camera = Camera(background_color=DEFAULT_THEME.background, frame_center=center)
            camera.capture_mobjects(_drawn(bound, anim))
            frames.append(camera.get_image().convert("RGB"))
    strip = Image.new("RGB", (cell[0] * len(frames) + 6 * (len(frames) - 1), cell[1]), "#2a2d3a")
    for i, frame in enumerate(frames):
        strip.paste(frame, (i * (cell[0] + 6), 0))
    with atomic_path(out) as tmp:
        strip.save(tmp, format="PNG", compress_level=3)
    return out


def subject_sheet(subject: str, items: list[Entry], folder: Path) -> Path:
    """One PNG with every entry of ``subject``: its drawing, name, import line and example."""
    from PIL import Image, ImageDraw

    strips = [Image.open(folder / e.file) for e in items]
    image_w = max(s.width for s in strips)
    text_w, pad, head = 560, 14, 48
    rows = [max(s.height, 120) for s in strips]
    sheet = Image.new("RGB", (pad * 3 + image_w + text_w, head + sum(r + pad for r in rows)), "#101218")
    draw = ImageDraw.Draw(sheet)
    big, small, mono = label_font(22), label_font(15), label_font(14)
    draw.text((pad, 12), f"{SUBJECTS[subject]}  ·  dayinlife_manim.visuals.{subject}", fill="#f4f1ea", font=big)
    y = head
    for entry, strip, row in zip(items, strips, rows):
        sheet.paste(strip, (pad, y))
        x = pad * 2 + image_w
        draw.text((x, y), entry.name, fill="#ffb703", font=big)
        ty = y + 30
        for line in wrap_label(draw, entry.summary, small, text_w - pad, 3):
            draw.text((x, ty), line, fill="#d0d0d8", font=small)
            ty += 19
        for line in wrap_label(draw, entry.import_line, mono, text_w - pad, 2) + wrap_label(draw, entry.usage, mono, text_w - pad, 3):
            draw.text((x, ty + 4), line, fill="#8ecae6", font=mono)
            ty += 18
        y += row + pad
    out = folder / f"{subject}.png"
    with atomic_path(out) as tmp:
        sheet.save(tmp, format="PNG", compress_level=3)
    return out


PAGE_STYLE = """
body{background:#101218;color:#f4f1ea;font-family:"DejaVu Sans",sans-serif;margin:1.5em;max-width:1500px}
h2{color:#ffb703;margin-top:1.8em} a{color:#8ecae6}
.entry{display:grid;grid-template-columns:minmax(0,1fr) 32em;gap:1em;align-items:start;margin:0 0 1.2em;
       background:#1f2230;border-radius:6px;padding:.6em}
.entry img{max-width:100%;display:block} .entry h3{margin:.1em 0 .3em;color:#ffb703}
code,pre{font-family:"DejaVu Sans Mono",monospace;font-size:.85em;color:#8ecae6;white-space:pre-wrap;margin:.3em 0}
"""


def write_page(items: list[Entry], folder: Path, sheets: dict[str, Path]) -> Path:
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>dayinlife-manim gallery</title>'
        f"<style>{PAGE_STYLE}</style></head><body><h1>The visual vocabulary</h1>"
        f"<p>{len(items)} drawings and motions, by subject. Each is drawn from the example in its "
        "docstring; animations show their start, middle and end.</p><p>"
        + " · ".join(f'<a href="#{s}">{html.escape(SUBJECTS[s])}</a>' for s in sheets)
        + "</p>"
    ]
    for subject, sheet in sheets.items():
        parts.append(f'<h2 id="{subject}">{html.escape(SUBJECTS[subject])} <small><code>dayinlife_manim.visuals.{subject}</code> · '
                     f'<a href="{sheet.as_posix()}">sheet</a></small></h2>')
        for e in (i for i in items if i.subject == subject):
            parts.append(
                f'<div class="entry" id="{subject}-{e.name}"><img loading="lazy" src="img/{e.file}" alt="{html.escape(e.name)}">'
                f"<div><h3>{html.escape(e.name)}</h3><p>{html.escape(e.summary)}</p>"
                f"<pre>{html.escape(e.import_line)}</pre><pre>{html.escape(e.usage)}</pre></div></div>"
            )
    parts.append("</body></html>\n")
    page = folder / "index.html"
    atomic_write_text(page, "".join(parts))
    return page


@dataclass
class GalleryReport:
    page: Path
    sheets: dict[str, Path]
    entries: list[Entry]
    seconds: float


def make_gallery(out_dir: Path, subjects=None, cell: tuple[int, int] = (320, 200),
                 progress: Callable[[Entry], object] | None = None) -> GalleryReport:
    """Draw every entry, one sheet per subject and the HTML page into ``out_dir``."""
    t0 = time.perf_counter()
    out_dir = Path(out_dir)
    items = entries(subjects)
    failures = []
    for entry in items:
        try:
            draw_entry(entry, out_dir / "img" / entry.file, cell)
        except UserError as exc:
            failures.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - an example that fails is named, not a traceback
            failures.append(f"{entry.module}.{entry.name}: example {entry.example!r} failed: {type(exc).__name__}: {exc}")
        if progress:
            progress(entry)
    if failures:
        raise UserError(f"{len(failures)} gallery example(s) failed: " + "; ".join(failures))
    sheets = {}
    for subject in dict.fromkeys(e.subject for e in items):
        sheets[subject] = subject_sheet(subject, [e for e in items if e.subject == subject], out_dir / "img")
    page = write_page(items, out_dir, {s: Path("img") / p.name for s, p in sheets.items()})
    return GalleryReport(page, sheets, items, time.perf_counter() - t0)
