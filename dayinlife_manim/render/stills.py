"""Stills of a scene at its beats, and what is being said at each.

A beat is the end of a sentence window and every point a scene waits for
(``s.wait_for("word")``, ``s.wait_until(0.5)``, the start of a ``with
self.sentence(i)`` block).  Two things take stills at beats:

* a build's scene render (:class:`RenderStills`): the frames the render
  already draws pass by on their way to the encoder (``sink.py``), and the
  frame on screen at each beat is kept, shrunk to at most 480p and written as
  PNG on a thread, into the scene's cache entry beside its video; the review
  page (``review.py``) shows them, so it is the very picture the video shows;
* ``dayinlife storyboard`` (``storyboard.py``), which runs the timeline
  without encoding and draws only the frames at beats.

Both use one :class:`BeatRecorder` and one :func:`recording_class`, so a
still means the same moment either way.  This module counts in the scene
cache key (stills are part of a scene's cache entry).
"""

from __future__ import annotations

import json
import queue
import re
import shutil
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from ..core.fsutil import atomic_path, atomic_write_text, replace_dir, temp_dir
from ..manifest import Cue

#: The short side of the stills a build keeps (pixels); smaller renders keep their own size.
STILL_SHORT_SIDE = 480
#: Width of a still on the pages and contact sheets (half of it for portrait videos).
THUMB_WIDTH = 384
#: The file listing a scene's stills, in the folder that holds their PNGs.
STILLS_JSON = "stills.json"
#: The layout findings of a scene (``layoutcheck.py``), beside its stills in its cache entry.
LAYOUT_JSON = "layout.json"
_STILL_NAME = re.compile(r"^\d{2,4}-f\d{5,7}\.png$")


@dataclass(frozen=True)
class Still:
    """One frame of a scene at a beat, with what is being said then."""

    paragraph: str
    frame: int  # index of this frame in the scene's video (0-based)
    fps: int
    kind: str  # "end": end of a sentence window; "beat": a point the scene waits for; "late": the scene was busy past it
    sentence: int  # index of the sentence being spoken (or just ended)
    before: str  # words just said ...
    word: str  # ... the word about to be said (empty at the end of a sentence) ...
    after: str  # ... and the words after it
    image: str  # file name of the PNG, beside the scene's stills.json

    @property
    def time(self) -> float:
        """Where this frame sits in the scene's video, in seconds (its presentation time)."""
        return self.frame / self.fps

    @property
    def words(self) -> str:
        return " ".join(w for w in (self.before, self.word, self.after) if w)


def _sentence_at(cues: tuple[Cue, ...], t: float) -> int:
    index = 0
    for i, cue in enumerate(cues):
        if cue.start <= t + 1e-9:
            index = i
    return index


def spoken_at(cue: Cue, t: float, before: int = 3, after: int = 3) -> tuple[str, str, str]:
    """(words just said, word about to be said, next words) of ``cue`` at time ``t``.

    Uses the cue's word timings when it has them (``cue.words``), else the
    word's position in the text, as :meth:`SentenceWindow.word_time` estimates it.
    """
    timed = getattr(cue, "words", None)
    if timed:
        words = [getattr(w, "text", str(w)) for w in timed]
        if t >= cue.end - 1e-6:
            k = len(words)
        else:  # the word being said: the last one started by ``t``
            k = max(0, sum(1 for w in timed if getattr(w, "start", cue.end) <= t + 1e-6) - 1)
    else:
        words = cue.text.split()
        if t >= cue.end - 1e-6:
            k = len(words)
        else:
            # the inverse of SentenceWindow.word_time (half a character of slack for rounding)
            pos = max(0.0, (t - cue.start) / max(cue.duration, 1e-6)) * len(cue.text) + 0.5
            k, offset = 0, 0
            for i, word in enumerate(words):
                offset = cue.text.find(word, offset)
                if offset > pos:
                    break
                k = i
                offset += len(word)
    if k >= len(words):
        return " ".join(words[-(before + after):]), "", ""
    return " ".join(words[max(0, k - before) : k]), words[k], " ".join(words[k + 1 : k + 1 + after])


# -- beats of a running scene ---------------------------------------------------------
class BeatRecorder:
    """Collects the beats of a running scene and takes a still when each one's frame is written.

    ``grab()`` returns the picture of the last frame written (whatever the
    caller draws with); ``save(name, picture)`` writes it as the PNG ``name``.
    """

    def __init__(self, fps: int, grab: Callable[[], Any], save: Callable[[str, Any], None]) -> None:
        self.scene = None  # set by the scene's setup (see recording_class)
        self.fps, self.grab, self.save = fps, grab, save
        self.pending: dict[int, tuple[str, float]] = {}  # frames written at the beat -> (kind, its time)
        self.stills: list[Still] = []
        self.done: set[int] = set()

    def add(self, t: float, kind: str) -> None:
        t = min(t, self.scene.narration_duration)
        frames = max(1, round(t * self.fps))  # the frame on screen at the beat is the last one written by then
        if frames in self.done or self.pending.get(frames, ("",))[0] == "end":
            return
        now = round(self.scene.time * self.fps)
        if frames <= now:  # the scene is already there (or past it): show what it shows now
            self._capture(frames, "late" if frames < now else kind, t, now)
        else:
            self.pending[frames] = (kind, t)

    def frames_written(self, now: int) -> None:
        for frames in sorted(f for f in self.pending if f <= now):
            self._capture(frames, *self.pending.pop(frames), now)

    def _capture(self, frames: int, kind: str, t: float, now: int) -> None:
        self.done.add(frames)
        # The frame on screen at the beat: the last one written by then (a frozen wait
        # writes many identical frames at once); a late beat shows the frame of now.
        frame = max(0, (now if kind == "late" else frames) - 1)
        cues = self.scene.cues
        if cues:
            i = _sentence_at(cues, t - (1e-6 if kind == "end" else 0))
            before, word, after = spoken_at(cues[i], t) if kind != "end" else spoken_at(cues[i], cues[i].end)
        else:
            i, before, word, after = 0, "", "", ""
        name = f"{len(self.stills):02d}-f{frame:05d}.png"
        self.save(name, self.grab())
        self.stills.append(Still(self.scene.para.id, frame, self.fps, kind, i, before, word, after, name))

    def sorted_stills(self) -> list[Still]:
        return sorted(self.stills, key=lambda s: s.frame)


def recording_class(cls: type, recorder: BeatRecorder) -> type:
    """``cls`` with its beats recorded: every wait target and every sentence window's end.

    Only the scene API of this package is used (``setup``, ``sentences``,
    ``wait_until_time``); the subclass keeps the class's name and module.
    """

    class Recorded(cls):  # type: ignore[misc, valid-type]
        _beats = recorder

        def setup(self) -> None:
            super().setup()
            self._beats.scene = self
            for window in self.sentences:
                self._beats.add(window.end, "end")

        def wait_until_time(self, t: float) -> None:
            self._beats.add(t, "beat")
            super().wait_until_time(t)

    Recorded.__name__ = Recorded.__qualname__ = cls.__name__
    Recorded.__module__ = cls.__module__
    return Recorded


# -- the layout of a running scene ----------------------------------------------------
class LayoutProbe:
    """Checks the layout of a running scene (``layoutcheck.py``) from its mobjects: at every
    beat (each ``wait_until_time``, unless nothing was added, removed or moved since the
    last look), at the end of every animation and in its middle.

    :func:`checking_class` makes the scene call it; a render's frame observer (or the
    storyboard renderer's ``on_frames``) calls :meth:`frames_written`, which looks at the
    middle frame of the animation being played.  Nothing is drawn.
    """

    def __init__(self, fps: int) -> None:
        self.fps = fps
        self.scene = None
        self.timeline = None
        self.mid: int | None = None  # the frame in the middle of the animation being played
        self.dirty = True  # something was added, removed or moved since the last look
        self.seconds = 0.0  # CPU time spent looking (of the scene thread)

    @property
    def moments(self) -> int:
        return self.timeline.moments if self.timeline is not None else 0

    def start(self, scene) -> None:
        from manim import config

        from .layoutcheck import Box, Frame, Timeline

        theme = scene.theme
        box = lambda r: Box(r.left, r.right, r.bottom, r.top)  # noqa: E731
        frame = Frame(float(config.frame_width), float(config.frame_height), int(config.pixel_width), int(config.pixel_height),
                      box(theme.safe), box(scene.stage), theme.background)
        self.scene, self.timeline = scene, Timeline(frame)

    def look(self, steady: bool = True, t: float | None = None) -> None:
        t0 = time.thread_time()
        self.dirty = False
        scene = self.scene
        self.timeline.add(scene.mobjects, scene.time if t is None else t, steady=steady,
                          allowed=getattr(scene, "layout_allowed", ()))
        self.seconds += time.thread_time() - t0

    def animation_starts(self, run_time: float) -> None:
        start = round(self.scene.time * self.fps)
        self.mid = start + max(1, round(run_time * self.fps / 2))

    def frames_written(self, now: int) -> None:
        if self.mid is not None and now >= self.mid:
            self.mid = None
            self.look(steady=False, t=now / self.fps)

    def findings(self) -> list:
        return self.timeline.finish(self.scene.narration_duration) if self.timeline is not None else []


def checking_class(cls: type, probe: LayoutProbe) -> type:
    """``cls`` with its layout checked by ``probe`` at every beat and in the middle and at the
    end of every animation (waits are beats, not animations).  Apply it last (outermost):
    it tells ``probe`` an animation's middle before the frames are stepped (``sink.py``)."""
    from manim import Wait

    from .sink import animation_start_class

    class Checked(cls):  # type: ignore[misc, valid-type]
        _probe = probe

        def setup(self) -> None:
            super().setup()
            self._probe.start(self)

        def play(self, *args, **kwargs) -> None:
            super().play(*args, **kwargs)
            self._probe.mid = None
            if not all(isinstance(a, Wait) for a in args):
                self._probe.look(steady=True)
            elif self._probe.scene is self and any(m.updaters for m in self.get_mobject_family_members()):
                self._probe.dirty = True  # an animated wait: updaters moved things

        def add(self, *mobjects):
            self._probe.dirty = True
            return super().add(*mobjects)

        def remove(self, *mobjects):
            self._probe.dirty = True
            return super().remove(*mobjects)

        def wait_until_time(self, t: float) -> None:
            super().wait_until_time(t)
            if self._probe.dirty:  # a beat after a frozen wait shows what the last look saw
                self._probe.look(steady=True)

    Checked.__name__ = Checked.__qualname__ = cls.__name__
    Checked.__module__ = cls.__module__
    return animation_start_class(Checked, probe.animation_starts)


def write_layout_json(folder: Path, findings: list, moments: int = 0, seconds: float = 0.0, **extra) -> None:
    from .layoutcheck import RULES_VERSION

    data = {**extra, "rules": RULES_VERSION, "moments": moments, "seconds": round(seconds, 4),
            "findings": [f.to_dict() for f in findings]}
    atomic_write_text(Path(folder) / LAYOUT_JSON, json.dumps(data, indent=1))


def load_layout(folder: Path) -> list | None:
    """The layout findings kept in ``folder`` (``None`` when it has none, or of other rules)."""
    from .layoutcheck import RULES_VERSION, Finding

    try:
        data = json.loads((Path(folder) / LAYOUT_JSON).read_text(encoding="utf-8"))
        if data.get("rules") != RULES_VERSION:
            return None
        return [Finding.from_dict(f) for f in data["findings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


# -- a render's stills ----------------------------------------------------------------
def still_size(width: int, height: int, short_side: int = STILL_SHORT_SIDE) -> tuple[int, int]:
    """A still's size for a ``width`` x ``height`` video: short side at most ``short_side``, same aspect."""
    scale = min(1.0, short_side / min(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def write_png(path: Path, picture, size: tuple[int, int] | None = None) -> None:
    """``picture`` (a PIL image, or an H x W x 3/4 uint8 array) as a PNG at ``path``, shrunk to ``size``, atomically."""
    from PIL import Image

    image = picture if isinstance(picture, Image.Image) else Image.fromarray(picture[..., :3])
    if size is not None and image.size != tuple(size):
        image = image.resize(size, Image.BILINEAR, reducing_gap=2.0)
    with atomic_path(path) as tmp:
        image.save(tmp, format="PNG", compress_level=1)


def write_stills_json(folder: Path, stills: list[Still], **extra) -> None:
    atomic_write_text(Path(folder) / STILLS_JSON, json.dumps({**extra, "stills": [asdict(s) for s in stills]}, indent=1))


def load_stills(folder: Path, key: str | None = None) -> list[Still] | None:
    """The stills in ``folder`` (``None`` when it has none, or not those of ``key`` when given)."""
    folder = Path(folder)
    try:
        data = json.loads((folder / STILLS_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if key is not None and data.get("key") != key:
        return None
    try:
        stills = [Still(**s) for s in data["stills"]]
    except (KeyError, TypeError):
        return None
    if not all((folder / s.image).is_file() for s in stills):
        return None
    return stills


def read_stills_files(folder: Path) -> dict[str, bytes]:
    """The files of a stills folder, to send elsewhere (a cluster worker's result)."""
    folder = Path(folder)
    if not (folder / STILLS_JSON).is_file():
        return {}
    return {f.name: f.read_bytes() for f in folder.iterdir() if f.is_file() and (f.name in (STILLS_JSON, LAYOUT_JSON) or _STILL_NAME.match(f.name))}


def place_stills_files(files: dict[str, bytes], folder: Path) -> None:
    """Write what :func:`read_stills_files` read into ``folder`` (replaced as a whole); checks names and listing."""
    names = set(files)
    if STILLS_JSON not in names or any(n not in (STILLS_JSON, LAYOUT_JSON) and not _STILL_NAME.match(n) for n in names):
        raise ValueError(f"unexpected stills files: {sorted(names)[:5]}")
    folder = Path(folder)
    tmp = temp_dir(folder.parent, folder.name)
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        if load_stills(tmp) is None:
            raise ValueError("the stills listing does not match its files")
        replace_dir(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class RenderStills:
    """Stills taken from a render's own frames at the scene's beats.

    Give :meth:`scene_class` the scene class to render, then register
    :meth:`frames` as a frame observer of the sink (``sink.py``); PNGs are
    written on a thread while the render goes on; :meth:`finish` waits for
    them, lists them in ``stills.json`` and puts the folder in place as a whole.
    """

    def __init__(self, folder: Path, fps: int, width: int, height: int, check: bool = True) -> None:
        self.folder = Path(folder)
        self.size = still_size(width, height)
        self._work = temp_dir(self.folder.parent, self.folder.name)
        self._last = None
        self._frames = 0
        self.recorder = BeatRecorder(fps, lambda: self._last, self._save)
        self._queue: queue.Queue = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="dayinlife-stills", daemon=True)
        self._thread.start()
        self.probe = LayoutProbe(fps) if check else None

    def scene_class(self, cls: type) -> type:
        cls = recording_class(cls, self.recorder)
        return checking_class(cls, self.probe) if self.probe is not None else cls

    def frames(self, pixels, start: int, repeat: int) -> None:
        """Frame observer: ``repeat`` frames of ``pixels`` written from frame ``start`` on."""
        self._last = pixels
        self._frames = start + repeat
        if self.recorder.pending:
            self.recorder.frames_written(self._frames)
        if self.probe is not None and self.probe.mid is not None:
            self.probe.frames_written(self._frames)

    def _save(self, name: str, pixels) -> None:
        self._queue.put((name, pixels))

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:
                try:
                    write_png(self._work / item[0], item[1], self.size)
                except BaseException as exc:  # noqa: BLE001 - raised in finish()
                    self._error = exc

    def finish(self) -> list[Still]:
        """Wait for the PNGs; write the listing; put the folder in place.  Returns the stills."""
        # (A beat still pending lies past the video's last frame: it has no picture.)
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            self.abort()
            raise RuntimeError(f"writing the stills of {self.folder.name} failed: {self._error}") from self._error
        stills = self.recorder.sorted_stills()
        write_stills_json(self._work, stills)
        if self.probe is not None and self.probe.timeline is not None:
            write_layout_json(self._work, self.probe.findings(), self.probe.moments, self.probe.seconds)
        replace_dir(self._work, self.folder)
        return stills

    def abort(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        shutil.rmtree(self._work, ignore_errors=True)


# -- running a scene's timeline, drawing only its beats -------------------------------
def _storyboard_class(cls: type, recorder: BeatRecorder) -> type:
    """``cls`` with beats recorded, stepped only to the frames a beat needs (``sink.py``'s hook), no sound."""
    from .sink import skipping_scene_class

    base = skipping_scene_class(recording_class(cls, recorder), lambda frames: frames in recorder.pending)

    class Storyboarded(base):  # type: ignore[misc, valid-type]
        def add_sound(self, *args, **kwargs) -> None:  # no movie, no sound to mix
            return None

        def finish(self) -> None:  # the last beat is where the closing fade starts: stop there
            self.wait_until_time(self._fade_time())

    Storyboarded.__name__ = Storyboarded.__qualname__ = cls.__name__
    Storyboarded.__module__ = cls.__module__
    return Storyboarded


def scene_stills(cls: type, *, manifest: Path, paragraph: str, settings, out_dir: Path) -> list[Still]:
    """Run ``cls`` telling ``paragraph`` of ``manifest`` in this process; write and return its stills."""
    from manim import tempconfig

    from ..scene import ENV_MANIFEST, ENV_PARAGRAPH
    from ..visuals.text import keep_metrics_in
    from .settings import environ
    from .sink import still_renderer_class

    keep_metrics_in(Path(out_dir).resolve().parent.parent / "text-metrics.json")  # shared by the scenes' processes
    options = _timeline_config(settings, out_dir)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with environ(**{ENV_MANIFEST: str(Path(manifest).resolve()), ENV_PARAGRAPH: paragraph}):
        with tempconfig(options):
            renderer = still_renderer_class()()
            recorder = BeatRecorder(settings.fps, renderer.draw, lambda name, image: write_png(out_dir / name, image))
            renderer.on_frames = recorder.frames_written
            scene = _storyboard_class(cls, recorder)(renderer=renderer)
            scene.render()
            recorder.frames_written(round(scene.time * settings.fps) + 1)
    return recorder.sorted_stills()


def _timeline_config(settings, out_dir: Path) -> dict:
    return {
        **settings.manim_config(),
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "write_to_movie": False,
        "save_last_frame": False,
        "media_dir": str(Path(out_dir) / ".manim"),
        "log_to_file": False,
    }


def scene_layout(cls: type, *, manifest: Path, paragraph: str, settings, out_dir: Path) -> LayoutProbe:
    """Run ``cls`` telling ``paragraph`` of ``manifest`` in this process, drawing nothing, its layout
    checked (as :func:`scene_stills` runs it, stepping animations only to their middle and end)."""
    from manim import tempconfig

    from ..scene import ENV_MANIFEST, ENV_PARAGRAPH
    from ..visuals.text import keep_metrics_in
    from .settings import environ
    from .sink import skipping_scene_class, still_renderer_class

    keep_metrics_in(Path(out_dir).resolve().parent.parent / "text-metrics.json")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    probe = LayoutProbe(settings.fps)

    class Quiet(skipping_scene_class(cls, lambda frames: frames == probe.mid)):  # type: ignore[misc, valid-type]
        def add_sound(self, *args, **kwargs) -> None:
            return None

        def finish(self) -> None:  # the closing fade is the scene's own: stop where it starts
            self.wait_until_time(self._fade_time())

    Quiet.__name__ = Quiet.__qualname__ = cls.__name__
    Quiet.__module__ = cls.__module__
    with environ(**{ENV_MANIFEST: str(Path(manifest).resolve()), ENV_PARAGRAPH: paragraph}):
        with tempconfig(_timeline_config(settings, out_dir)):
            renderer = still_renderer_class()()
            renderer.on_frames = probe.frames_written
            scene = checking_class(Quiet, probe)(renderer=renderer)
            scene.render()
    return probe
