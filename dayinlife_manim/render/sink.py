"""Our frame sink for scene renders: each distinct frame is encoded once.

manim's own writer (0.22) turns a frozen wait of N frames into N RGBA->YUV
conversions and N x264 encodes, writes one partial movie per animation, joins
them in a second pass and mixes the scene's sound in a third.  A narrated
scene is mostly holds, and ``dayinlife build`` lays the narration at stitch
time, so :func:`install_sink` swaps the scene's file writer for
:class:`SinkFileWriter`, which sends every frame straight to one
:class:`FrameSink`:

* consecutive identical frames (manim's ``repeat=N`` holds, and animated
  waits whose updaters change nothing) become one held frame;
* by default (``cfr=False``) a held frame is encoded once and kept on screen
  for its N frame durations: the MP4 is variable-frame-rate, every timestamp
  a whole number of frames of the nominal rate, with no B-frames so that
  decode order is presentation order (the stitch copies these timestamps);
* with ``cfr=True`` every frame is encoded (constant frame rate, for editors
  that need it), but a held frame is converted to YUV once;
* encoding runs on a thread (PyAV releases the GIL in x264), so it overlaps
  the drawing of the next frames;
* no partial movies, no combine pass, and no sound: the scene's
  ``add_sound`` calls are dropped.

Frame observers (``observe_frames``) see every frame on its way: a build's
review stills are taken from them (``stills.py``), with no second render.

This is the ONE module that relies on manim internals: the file writer's
``write_frame(pixels, repeat=)`` / ``begin_animation`` / ``end_animation`` /
``finish`` / ``abort_encode_jobs`` / ``add_sound`` protocol and
``scene.renderer.file_writer``; and, for ``dayinlife storyboard`` (stills
without video), the Cairo renderer's ``play`` / ``update_frame`` / ``render`` /
``add_frame`` / ``get_frame`` / ``scene_finished`` and the scene's
``get_time_progression`` (:func:`still_renderer_class`,
:func:`skipping_scene_class`), with ``Scene.animations`` for the layout check's
animation middles (:func:`animation_start_class`); and, to write an unchanged
frame of a play again instead of drawing it, the renderer's ``render`` /
``update_frame`` / ``get_frame`` / ``add_frame`` with its ``num_plays`` and
``static_image`` (:func:`skip_unchanged_frames`); and the scene's
``get_moving_mobjects`` / ``get_mobject_family_members`` /
``foreground_mobjects``, to keep more of a play in its still background
(:func:`redraw_only_what_moves`).  It is pinned to :data:`MANIM_VERSION` (the
version ``pyproject.toml`` allows); ``tests/test_sink.py`` fails loudly when
manim changes underneath it.  ``manim render`` (manim's CLI) never uses it.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

#: The manim version whose internals this module was written against.
MANIM_VERSION = "0.22.0"


@dataclass(frozen=True)
class EncoderSettings:
    """x264 settings of the scene files (all scenes of one video must share them).

    Chosen by measurement (``bench/render_bench.py``; figures in the README):
    ``preset`` and ``threads`` set speed, ``crf`` quality; ``cfr`` chooses
    between encoding holds once (variable frame rate) and every frame.
    """

    crf: int = 23
    preset: str = "veryfast"
    tune: str | None = None
    threads: int = 1  # per worker: dayinlife build runs one worker per core
    cfr: bool = False
    #: Frames x264 looks ahead (None: the preset's, 10 for veryfast).  Each costs
    #: about 7 MiB at 1080p, the largest part of a scene process's memory.
    lookahead: int | None = None

    def options(self) -> dict[str, str]:
        opts = {"crf": str(self.crf), "preset": self.preset, "threads": str(self.threads)}
        if self.tune:
            opts["tune"] = self.tune
        if self.lookahead is not None:
            opts["rc-lookahead"] = str(self.lookahead)
        if not self.cfr:
            # A held frame has one timestamp and a long duration; without
            # B-frames decode order is presentation order, so every packet's
            # duration is its frame's time on screen and the stitch can copy
            # the timestamps as they are.
            opts["bf"] = "0"
        return opts

    @property
    def tag(self) -> str:
        """What changes the scene files' bytes, for the scene cache key."""
        return ",".join(f"{k}={v}" for k, v in sorted(self.options().items())) + (",cfr" if self.cfr else ",vfr")


@dataclass(frozen=True)
class SinkStats:
    frames: int  # frames of video, at the nominal rate
    distinct: int  # frames that differed from the one before
    encoded: int  # frames handed to x264


#: Bytes of RGBA frames waiting for the encoder thread (besides the one held and
#: the one being encoded): 2 frames at 1080p.  x264 keeps its own lookahead,
#: so a deeper queue only costs memory (8 MiB a frame at 1080p).
QUEUE_BYTES = 16 << 20


def queue_frames(width: int, height: int) -> int:
    """How many frames of this size wait at most for the encoder thread (1 to 4)."""
    return max(1, min(4, QUEUE_BYTES // (width * height * 4)))


class FrameSink:
    """Write RGBA frames (top row first) to an H.264 MP4 at ``path``, holds encoded once.

    At most ``queue_size`` frames (default: :func:`queue_frames`) wait for the
    encoder thread; with the one held and the one being encoded, the sink
    keeps ``queue_size + 2`` frames alive at most.
    """

    def __init__(
        self,
        path: Path,
        width: int,
        height: int,
        fps: int,
        encoder: EncoderSettings = EncoderSettings(),
        *,
        threaded: bool = True,
        queue_size: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.width, self.height, self.fps = width, height, fps
        self.encoder = encoder
        self._tb = Fraction(1, fps)
        self._container = av.open(str(self.path), "w", format="mp4", container_options={"movflags": "+faststart"})
        self._stream = self._container.add_stream("libx264", rate=fps, options=encoder.options())
        self._stream.pix_fmt = "yuv420p"
        self._stream.width, self._stream.height = width, height
        self._stream.codec_context.time_base = self._tb
        self._pending: np.ndarray | None = None  # the frame being held, not yet encoded
        self._hold = 0
        self._frames = self._distinct = self._encoded = 0
        self._starts: dict[int, tuple[int, int]] = {}  # encoder pts -> (start, duration) in frames
        self._closed = False
        self._error: BaseException | None = None
        self._queue: queue.Queue | None = None
        self._thread: threading.Thread | None = None
        if threaded:
            self._queue = queue.Queue(maxsize=queue_size or queue_frames(width, height))
            self._thread = threading.Thread(target=self._run, name="dayinlife-frame-sink", daemon=True)
            self._thread.start()

    # -- the producer side ---------------------------------------------------
    def write(self, pixels: np.ndarray, repeat: int = 1) -> None:
        """Add ``repeat`` frames of ``pixels`` (H x W x 4 uint8; the sink keeps the array)."""
        if self._closed:
            raise RuntimeError(f"frame sink for {self.path} is closed")
        if repeat <= 0:
            return
        if pixels.shape != (self.height, self.width, 4) or pixels.dtype != np.uint8:
            raise ValueError(f"expected a {self.height}x{self.width} RGBA uint8 frame, got {pixels.shape} {pixels.dtype}")
        self._raise_error()
        pending = self._pending
        if pending is not None and (pixels is pending or same_pixels(pixels, pending)):
            self._hold += repeat
            return
        self._flush()
        self._pending, self._hold = pixels, repeat
        self._distinct += 1

    def close(self) -> SinkStats:
        """Encode what is held, flush x264 and finish the file."""
        if not self._closed:
            self._flush()
            self._closed = True
            self._submit(None)
            if self._thread is not None:
                self._thread.join()
            self._raise_error()
        return SinkStats(self._frames, self._distinct, self._encoded)

    def abort(self) -> None:
        """Stop and delete the unfinished file."""
        if not self._closed:
            self._closed = True
            self._pending = None
            if self._thread is not None:
                self._error = self._error or RuntimeError("aborted")
                self._submit(None)
                self._thread.join()
        try:
            self._container.close()
        except Exception:  # noqa: BLE001 - the file is being thrown away
            pass
        self.path.unlink(missing_ok=True)

    def _flush(self) -> None:
        if self._pending is None:
            return
        item = (self._pending, self._frames, self._hold)
        self._frames += self._hold
        self._pending, self._hold = None, 0
        self._submit(item)

    def _submit(self, item) -> None:
        if self._queue is None:
            if item is None:
                self._finish()
            else:
                self._encode(*item)
            return
        while True:  # never block forever on a dead consumer
            self._raise_error()
            try:
                self._queue.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def _raise_error(self) -> None:
        if self._error is not None and not (self._closed and str(self._error) == "aborted"):
            raise RuntimeError(f"encoding {self.path} failed: {self._error}") from self._error

    # -- the encoder side ----------------------------------------------------
    def _run(self) -> None:
        assert self._queue is not None
        while True:
            item = self._queue.get()
            if self._error is not None:
                if item is None:
                    return
                continue
            try:
                if item is None:
                    self._finish()
                    return
                self._encode(*item)
            except BaseException as exc:  # noqa: BLE001 - re-raised in the producer
                self._error = exc
                if item is None:
                    return

    def _encode(self, pixels: np.ndarray, start: int, hold: int) -> None:
        frame = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(format="yuv420p")
        frame.time_base = self._tb
        if self.encoder.cfr:
            for k in range(hold):
                frame.pts = start + k
                self._starts[start + k] = (start + k, 1)
                self._send(frame)
        else:
            frame.pts = self._encoded
            self._starts[self._encoded] = (start, hold)
            self._send(frame)

    def _send(self, frame: av.VideoFrame | None) -> None:
        if frame is not None:
            self._encoded += 1
        for packet in self._stream.encode(frame):
            self._mux(packet)

    def _mux(self, packet: av.Packet) -> None:
        """Give a packet its real timestamps (in frames) before it is written."""
        start, duration = self._starts.pop(packet.pts)
        if self.encoder.cfr:
            packet.duration = 1  # pts and dts are frame numbers already
        else:
            packet.pts = packet.dts = start
            packet.duration = duration
        self._container.mux(packet)

    def _finish(self) -> None:
        self._send(None)
        self._container.close()


def same_pixels(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two frames are identical (compared 8 bytes at a time: ~1 ms at 1080p)."""
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.nbytes % 8 or not (a.flags.c_contiguous and b.flags.c_contiguous):
        return bool(np.array_equal(a, b))
    return bool((a.reshape(-1).view(np.uint64) == b.reshape(-1).view(np.uint64)).all())


# -- the hook into manim -----------------------------------------------------------
def _file_writer_class():
    from manim.scene.scene_file_writer import SceneFileWriter

    class SinkFileWriter(SceneFileWriter):
        """manim's file writer with every video frame sent to one :class:`FrameSink`.

        No partial movies, no combine pass, no sound (the stitch lays the narration).
        """

        sink: FrameSink | None = None
        sink_stats: SinkStats | None = None
        frame_observers: tuple = ()  # see observe_frames
        frames_seen = 0

        def configure_sink(self, encoder: EncoderSettings, threaded: bool = True) -> None:
            spec = self.video_encoder
            fps = spec.frame_rate
            if fps.denominator != 1:
                raise ValueError(f"the frame sink needs a whole frame rate, not {fps}")
            self._sink_args = (spec.width, spec.height, int(fps), encoder, threaded)

        def _open_sink(self) -> FrameSink:
            if self.sink is None:
                width, height, fps, encoder, threaded = self._sink_args
                self.sink = FrameSink(self.movie_file_path, width, height, fps, encoder, threaded=threaded)
            return self.sink

        def add_sound(self, *args: Any, **kwargs: Any) -> None:
            """Dropped: ``dayinlife build`` lays each paragraph's narration at stitch time."""

        def begin_animation(self, allow_write: bool = False, *, animation_index: int, file_path=None) -> None:
            if allow_write:
                self._open_sink()

        def end_animation(self, allow_write: bool = False) -> None:
            pass

        def is_already_cached(self, hash_invocation: str) -> bool:
            return False

        def write_frame(self, pixels, *, repeat: int = 1) -> None:
            if self.sink is not None:
                self.sink.write(pixels, repeat)
                for observe in self.frame_observers:
                    observe(pixels, self.frames_seen, repeat)
                self.frames_seen += repeat

        def observe_frames(self, observer) -> None:
            """Call ``observer(pixels, start, repeat)`` for every frame written (``start``:
            frames written before; the pixels must not be changed)."""
            self.frame_observers = [*self.frame_observers, observer]

        def finish(self) -> None:
            if self.sink is not None:
                self.sink_stats = self.sink.close()
                self.print_file_ready_message(self.movie_file_path)
            if self.subcaptions:
                self.write_subcaption_file()

        def abort_encode_jobs(self, reraise_encoder_failures: bool = False) -> None:
            if self.sink is not None:
                self.sink.abort()

    return SinkFileWriter


def install_sink(scene, encoder: EncoderSettings = EncoderSettings(), *, threaded: bool = True, observers=()):
    """Make ``scene`` (a freshly built manim ``Scene`` rendering to MP4) write through a :class:`FrameSink`.

    Returns the new file writer; after ``scene.render()`` its ``sink_stats``
    tell how many frames were written and encoded.  ``observers`` see every
    frame on its way (see ``observe_frames``; the review stills are taken so).
    """
    renderer = scene.renderer
    old = renderer.file_writer
    if not old.output_spec.is_video or old.output_spec.is_gif or old.video_encoder is None:
        raise ValueError("the frame sink writes MP4 video only")
    if old.video_encoder.container_format != "mp4":
        raise ValueError(f"the frame sink writes MP4, not {old.video_encoder.container_format}")
    writer = _file_writer_class()(old.settings)
    writer.configure_sink(encoder, threaded)
    for observer in observers:
        writer.observe_frames(observer)
    renderer.file_writer = writer
    skip_unchanged_frames(renderer)
    redraw_only_what_moves(scene)
    return writer


def redraw_only_what_moves(scene) -> None:
    """Keep in the still background of a play everything drawn before the first part that moves.

    manim redraws, each frame of a play, every mobject from the first *top-level* one
    with a moving part: a laptop whose code lines type redraws the whole desk it stands
    on, with everything drawn after it.  The camera draws the scene's family members in
    order, so the parts drawn before the first member that moves itself (animated, with
    an updater, or in the foreground) can stay in the still background: this
    ``get_moving_mobjects`` returns the family members from that one on.  What is drawn,
    and in which order, is the same.  Scenes with their own ``get_moving_mobjects`` (a moving
    or 3D camera's) keep it.
    """
    from manim import AnimationGroup, Scene

    if type(scene).get_moving_mobjects is not Scene.get_moving_mobjects:
        return

    def moving(*animations):
        animated: set = set()

        def collect(anims) -> None:
            for anim in anims:
                animated.update(anim.mobject.get_family())
                if isinstance(anim, AnimationGroup):
                    collect(anim.animations)

        collect(animations)
        foreground = {m for f in scene.foreground_mobjects for m in f.get_family()}
        members = scene.get_mobject_family_members()
        first = next((i for i, m in enumerate(members) if m in animated or m.updaters or m in foreground), None)
        return [] if first is None else members[first:]

    scene.get_moving_mobjects = moving


class _Unchanged:
    """What the moving mobjects of an animation's frame look like, to tell when the next is the same."""

    ARRAYS = ("points", "fill_rgbas", "stroke_rgbas", "background_stroke_rgbas", "sheen_direction")
    VALUES = ("stroke_width", "background_stroke_width", "sheen_factor", "z_index")

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.arrays: list[np.ndarray] = []
        self.frame = None

    def state(self, renderer, moving) -> tuple[tuple, list[np.ndarray]] | None:
        from manim import VMobject
        from manim.utils.family import extract_mobject_family_members

        mobs = extract_mobject_family_members(list(moving or ()), only_those_with_points=True)
        if not all(isinstance(m, VMobject) for m in mobs):
            return None  # images, OpenGL mobjects...: always drawn
        camera = renderer.camera
        key = (renderer.num_plays, id(renderer.static_image), tuple(map(id, mobs)), camera.frame_width, camera.frame_height,
               tuple(np.round(camera.frame_center, 9)), tuple(getattr(m, v, None) for m in mobs for v in self.VALUES))
        arrays = [np.asarray(getattr(m, a)) for m in mobs for a in self.ARRAYS]
        return key, arrays

    def same(self, key, arrays) -> bool:
        return (self.frame is not None and key == self.key and len(arrays) == len(self.arrays)
                and all(a.shape == b.shape and np.array_equal(a, b) for a, b in zip(arrays, self.arrays)))


def skip_unchanged_frames(renderer) -> None:
    """Do not draw again an animation frame in which no moving mobject changed.

    A cycle drawn on steps (``visuals.motions.on_steps``), an animated wait whose updaters
    change nothing, a slow counter between its digits: manim draws every such frame
    anew (its ``render`` is ``update_frame`` then ``add_frame``); here the moving
    mobjects' points, colours and widths are compared with the last drawn frame's
    and, when nothing changed within the same play, that frame is written again
    (the sink merges it into a hold).  Scenes with images or a moving camera frame
    compare their camera too, or are always drawn.
    """
    last = _Unchanged()

    def render(scene, time, moving_mobjects=None):
        seen = last.state(renderer, moving_mobjects)
        if seen is not None and last.same(*seen):
            renderer.add_frame(last.frame)
            return
        renderer.update_frame(scene, moving_mobjects)
        frame = renderer.get_frame()
        if seen is not None:
            last.key, last.arrays = seen[0], [a.copy() for a in seen[1]]
            last.frame = frame
        else:
            last.frame = None
        renderer.add_frame(frame)

    renderer.render = render


# -- the storyboard's hook: a scene's timeline run without drawing or encoding ---------
def still_renderer_class():
    """A ``CairoRenderer`` that counts frames like a render but draws only on request.

    ``dayinlife storyboard`` runs a scene with it: ``play``, ``update_frame``,
    ``render``, ``add_frame``, ``get_frame`` and ``scene_finished`` are
    manim 0.22's renderer internals; ``on_frames(n)`` is called whenever the
    render would have written its ``n``-th frame, and :meth:`draw` draws the
    frame a render would write now.  Pair it with :func:`skipping_scene_class`.
    """
    from manim.renderer.cairo_renderer import CairoRenderer

    class StillRenderer(CairoRenderer):
        on_frames = None  # Callable[[int], None]
        play_start = 0  # frames written when the current play began

        def init_scene(self, scene, *args, **kwargs):
            super().init_scene(scene, *args, **kwargs)
            self.scene = scene

        @property
        def fps(self) -> int:
            return self.camera.frame_rate

        def play(self, scene, *args, **kwargs):
            self.play_start = round(self.time * self.fps)
            super().play(scene, *args, **kwargs)

        def update_frame(self, *args, **kwargs):  # nothing is drawn between beats
            return None

        def get_frame(self):
            return None

        def render(self, scene, time, moving_mobjects=None):
            # The frame a render writes for animation time ``time`` (a multiple of 1/fps).
            self._frames_now(self.play_start + round(time * self.fps) + 1)

        def add_frame(self, frame, num_frames: int = 1):  # a frozen wait: many frames at once
            if not self.skip_animations:
                self._frames_now(round(self.time * self.fps) + num_frames)

        def _frames_now(self, frames: int) -> None:
            self.time = frames / self.fps
            if self.on_frames is not None:
                self.on_frames(frames)

        def scene_finished(self, scene):
            return None

        def draw(self):
            """The frame as the render would write it now: every mobject, drawn afresh."""
            CairoRenderer.update_frame(self, self.scene, ignore_skipping=True)
            return self.camera.get_image().convert("RGB")

    return StillRenderer


def skipping_scene_class(cls: type, wanted) -> type:
    """``cls`` (run with a :func:`still_renderer_class` renderer) stepping each animation only
    to the frames ``wanted(n)`` asks for (``n``: frames written after the step) and to its last.

    Animations land exactly where a render puts them at those frames;
    updaters see the skipped time as one longer ``dt``.  A wait with a stop
    condition is stepped at every frame (the condition decides).  This
    overrides manim 0.22's ``Scene.get_time_progression``.
    """
    from manim import config

    class Skipping(cls):  # type: ignore[misc, valid-type]
        def get_time_progression(self, run_time, description, n_iterations=None, override_skip_animations=False):
            from tqdm import tqdm

            times = np.arange(0, run_time, 1 / config.frame_rate)
            if n_iterations != -1:
                start, last = self.renderer.play_start, len(times) - 1
                times = [t for k, t in enumerate(times) if k == last or wanted(start + k + 1)]
            return tqdm(times, disable=True)

    Skipping.__name__ = Skipping.__qualname__ = cls.__name__
    Skipping.__module__ = cls.__module__
    return Skipping


def animation_start_class(cls: type, on_start) -> type:
    """``cls`` calling ``on_start(run_time)`` as each animation that is not a wait begins to be
    stepped (before its first frame).  Apply it outermost (over :func:`skipping_scene_class`):
    the layout check (``stills.checking_class``) learns an animation's middle from it.  Uses
    manim 0.22's ``Scene.get_time_progression`` and ``Scene.animations`` (set by
    ``compile_animation_data``)."""
    from manim import Wait

    class Timed(cls):  # type: ignore[misc, valid-type]
        def get_time_progression(self, run_time, *args, **kwargs):
            animations = getattr(self, "animations", None) or ()
            if animations and not all(isinstance(a, Wait) for a in animations):
                on_start(run_time)
            return super().get_time_progression(run_time, *args, **kwargs)

    Timed.__name__ = Timed.__qualname__ = cls.__name__
    Timed.__module__ = cls.__module__
    return Timed


__all__ = ["MANIM_VERSION", "EncoderSettings", "animation_start_class", "FrameSink", "SinkStats", "install_sink", "skipping_scene_class", "still_renderer_class"]
