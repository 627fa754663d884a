"""The frame sink: holds encoded once, real timestamps, and the one hook into manim."""

from __future__ import annotations

import inspect
import re
import threading
import time
import weakref
from pathlib import Path

import av
import manim
import numpy as np
import pytest
import tomllib
from conftest import shown_frames
from manim import RIGHT, Square, tempconfig

from dayinlife_manim.render.media import probe
from dayinlife_manim.render.render import render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.render.sink import MANIM_VERSION, EncoderSettings, FrameSink, queue_frames, same_pixels
from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.text.script import parse_script
from dayinlife_manim.visuals import motions
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

REPO = Path(__file__).resolve().parent.parent


def solid(color, size=(48, 64)) -> np.ndarray:
    frame = np.empty((*size, 4), np.uint8)
    frame[:] = (*color, 255)
    return frame


def packets(path: Path) -> list[tuple[int, int, int]]:
    """(pts, dts, duration) of every video packet, in frames of 10 fps."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        per_frame = 1 / (stream.time_base * 10)
        return [
            (round(p.pts / per_frame), round(p.dts / per_frame), round(p.duration / per_frame))
            for p in container.demux(stream)
            if p.size
        ]


# -- the hook into manim: fails loudly when manim changes underneath it ---------------
def test_manim_is_the_version_the_hook_was_written_for() -> None:
    assert manim.__version__ == MANIM_VERSION, (
        f"manim {manim.__version__} is installed but dayinlife_manim/sink.py hooks into manim "
        f"{MANIM_VERSION}'s file writer: check the internals it relies on, then update MANIM_VERSION"
    )
    pin = next(d for d in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"] if d.startswith("manim"))
    low, high = re.fullmatch(r"manim>=([\d.]+),<([\d.]+)", pin).groups()
    version = tuple(map(int, MANIM_VERSION.split(".")))
    assert tuple(map(int, low.split("."))) <= version < tuple(map(int, high.split(".")))


def test_manim_internals_the_hook_relies_on() -> None:
    from manim.manager import Manager
    from manim.renderer.cairo_renderer import CairoRenderer
    from manim.scene.scene_file_writer import SceneFileWriter

    signatures = {
        name: str(inspect.signature(getattr(SceneFileWriter, name)))
        for name in ("__init__", "write_frame", "begin_animation", "end_animation", "finish", "abort_encode_jobs", "add_sound", "is_already_cached")
    }
    assert signatures == {
        "__init__": "(self, settings: '_SceneFileWriterSettings') -> 'None'",
        "write_frame": "(self, pixels: 'RGBAPixelArray', *, repeat: 'int' = 1) -> 'None'",
        "begin_animation": "(self, allow_write: 'bool' = False, *, animation_index: 'int', file_path: 'StrPath | None' = None) -> 'None'",
        "end_animation": "(self, allow_write: 'bool' = False) -> 'None'",
        "finish": "(self) -> 'None'",
        "abort_encode_jobs": "(self, reraise_encoder_failures: 'bool' = False) -> 'None'",
        "add_sound": "(self, sound_file: 'StrPath', time: 'float | None' = None, gain: 'float | None' = None, **kwargs: 'Any') -> 'None'",
        "is_already_cached": "(self, hash_invocation: 'str') -> 'bool'",
    }
    # Every frame reaches the writer through write_frame(..., repeat=N) ...
    assert "self.file_writer.write_frame(frame, repeat=num_frames)" in inspect.getsource(CairoRenderer.add_frame)
    # ... every file-writer call of the renderer and the manager is one the sink handles.
    calls = set()
    for source in (inspect.getsource(CairoRenderer), inspect.getsource(Manager)):
        calls |= set(re.findall(r"\.file_writer\.(\w+)", source))
    handled = {"write_frame", "begin_animation", "end_animation", "finish", "abort_encode_jobs", "add_sound",
               "is_already_cached", "add_partial_movie_file", "sections", "output_spec", "save_image",
               "next_section", "subcaptions"}
    assert calls <= handled, f"manim's renderer now calls file_writer.{sorted(calls - handled)}"


def test_manim_internals_the_storyboard_hook_relies_on() -> None:
    """``still_renderer_class`` and ``skipping_scene_class`` (``dayinlife storyboard``) override these."""
    from manim import Scene
    from manim.renderer.cairo_renderer import CairoRenderer

    from dayinlife_manim.render.sink import animation_start_class, skipping_scene_class, still_renderer_class

    signatures = {
        name: str(inspect.signature(getattr(CairoRenderer, name)))
        for name in ("init_scene", "play", "update_frame", "render", "add_frame", "get_frame", "scene_finished")
    }
    assert signatures == {
        "init_scene": "(self, scene: 'Scene', session_spec: 'RenderSessionSpec', file_writer_settings: '_SceneFileWriterSettings') -> 'None'",
        "play": "(self, scene: 'Scene', *args: 'Animation | Mobject | _AnimationBuilder', **kwargs: 'Any') -> 'None'",
        "update_frame": "(self, scene: 'Scene', mobjects: 'Iterable[Mobject] | None' = None, include_submobjects: 'bool' = True, ignore_skipping: 'bool' = True, **kwargs: 'Any') -> 'None'",
        "render": "(self, scene: 'Scene', time: 'float', moving_mobjects: 'Iterable[Mobject] | None' = None) -> 'None'",
        "add_frame": "(self, frame: 'PixelArray', num_frames: 'int' = 1) -> 'None'",
        "get_frame": "(self) -> 'PixelArray'",
        "scene_finished": "(self, scene: 'Scene') -> 'None'",
    }
    assert str(inspect.signature(Scene.get_time_progression)) == (
        "(self, run_time: 'float', description: 'str', n_iterations: 'int | None' = None, "
        "override_skip_animations: 'bool' = False) -> 'tqdm[float]'"
    )
    # The scene steps animations through get_time_progression and draws each step with renderer.render.
    # skip_unchanged_frames replaces render (update_frame, then add_frame of get_frame) and
    # keys on the play count and the still background of the play.
    assert re.sub(r"\s+", " ", inspect.getsource(CairoRenderer.render)).endswith(
        "self.update_frame(scene, moving_mobjects) self.add_frame(self.get_frame()) ")
    assert "self.num_plays += 1" in inspect.getsource(CairoRenderer.play)
    assert "self.static_image = self.get_frame()" in inspect.getsource(CairoRenderer)
    # redraw_only_what_moves replaces get_moving_mobjects, which manim calls (with the
    # animations) only to split the scene's family members into moving and still ones.
    assert str(inspect.signature(Scene.get_moving_mobjects)) == "(self, *animations: 'Animation') -> 'list[Mobject]'"
    assert "moving_mobjects = self.get_moving_mobjects(*animations)" in inspect.getsource(Scene.get_moving_and_static_mobjects)
    assert "self.get_mobject_family_members()" in inspect.getsource(Scene.get_moving_mobjects)
    play = inspect.getsource(Scene.play_internal)
    assert "self._get_animation_time_progression(" in play and "self.renderer.render(self, t, self.moving_mobjects)" in play
    assert "self.get_time_progression(" in inspect.getsource(Scene._get_animation_time_progression)
    # The layout check's animation middles: the animations being played are the scene's ``animations``.
    assert "self.animations = " in inspect.getsource(Scene.compile_animation_data)
    assert animation_start_class(Holds, lambda run_time: None).__name__ == "Holds"
    renderer = still_renderer_class()
    assert issubclass(renderer, CairoRenderer) and {"draw", "on_frames"} <= set(vars(renderer))
    assert skipping_scene_class(Holds, lambda n: False).__name__ == "Holds"


# -- the sink itself --------------------------------------------------------------------
def test_holds_are_encoded_once_with_real_timestamps(tmp_path: Path) -> None:
    red, blue = solid((255, 0, 0)), solid((0, 0, 255))
    sink = FrameSink(tmp_path / "s.mp4", 64, 48, 10)
    sink.write(red, repeat=5)
    sink.write(blue)
    sink.write(blue.copy(), repeat=3)  # equal pixels: the same hold
    sink.write(red, repeat=2)
    stats = sink.close()
    assert (stats.frames, stats.distinct, stats.encoded) == (11, 3, 3)
    assert packets(tmp_path / "s.mp4") == [(0, 0, 5), (5, 5, 4), (9, 9, 2)]
    info = probe(tmp_path / "s.mp4")
    assert (info.fps, info.video_frames, info.video_pictures) == (10, 11, 3)
    assert info.video_duration == pytest.approx(1.1) and info.audio_codec is None
    with av.open(str(tmp_path / "s.mp4")) as container:
        shown = [(round(float(f.time) * 10), f.to_ndarray(format="rgb24")[0, 0]) for f in container.decode(video=0)]
    assert [t for t, _ in shown] == [0, 5, 9]
    assert [int(np.argmax(px)) for _, px in shown] == [0, 2, 0]


def test_cfr_encodes_every_frame(tmp_path: Path) -> None:
    sink = FrameSink(tmp_path / "c.mp4", 64, 48, 10, EncoderSettings(cfr=True), threaded=False)
    sink.write(solid((0, 255, 0)), repeat=4)
    sink.write(solid((0, 0, 0)), repeat=2)
    assert sink.close().encoded == 6
    assert sorted(p[0] for p in packets(tmp_path / "c.mp4")) == list(range(6))
    assert probe(tmp_path / "c.mp4").video_frames == 6


def test_same_pixels() -> None:
    a = solid((1, 2, 3))
    b = a.copy()
    assert same_pixels(a, b)
    b[47, 63, 3] = 0
    assert not same_pixels(a, b)
    assert not same_pixels(a, a[:10])


def test_the_sink_keeps_a_bounded_number_of_frames_alive(tmp_path: Path) -> None:
    # 8 MiB a frame at 1080p: 2 wait for the encoder thread (1 at 4K, at most 4 when small).
    assert (queue_frames(1920, 1080), queue_frames(3840, 2160), queue_frames(64, 48)) == (2, 1, 4)
    gate, alive = threading.Event(), []

    class StuckEncoder(FrameSink):
        def _encode(self, pixels, start, hold):
            gate.wait()
            super()._encode(pixels, start, hold)

    sink = StuckEncoder(tmp_path / "q.mp4", 64, 48, 10, queue_size=2)

    def produce() -> None:
        for k in range(12):
            frame = solid((20 * k, 0, 0))
            alive.append(weakref.ref(frame))
            sink.write(frame)
            del frame

    producer = threading.Thread(target=produce, daemon=True)
    producer.start()
    deadline = time.monotonic() + 10
    while len(alive) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # the producer is blocked: the encoder has taken one frame and waits
    # the encoder's frame, 2 queued, the one waiting to be queued and the one being written: no more
    assert len(alive) == 5 and sum(r() is not None for r in alive) == 5
    gate.set()
    producer.join(10)
    assert sink.close().encoded == 12
    assert sum(r() is not None for r in alive) == 0  # encoded frames are let go


def test_an_encoder_failure_surfaces_and_leaves_no_file(tmp_path: Path) -> None:
    sink = FrameSink(tmp_path / "bad.mp4", 64, 48, 10)
    with pytest.raises(ValueError):
        sink.write(np.zeros((10, 10, 4), np.uint8))
    sink.abort()
    assert not (tmp_path / "bad.mp4").exists()


# -- a tiny scene through the sink, against manim's own writer ------------------------------
#: Frames each render of ``Holds`` wrote and drew, by whether it went through the sink.
DRAWN: dict[bool, list[int]] = {}


class Holds(NarratedScene):
    """Long frozen holds, an animation, an animated wait that changes nothing, a move on steps."""

    def narrate(self):
        drawn = DRAWN[self.renderer.file_writer.__class__.__name__ == "SinkFileWriter"] = [0, 0]
        update_frame = self.renderer.update_frame

        def counted(*args, **kwargs):
            drawn[1] += 1
            return update_frame(*args, **kwargs)

        self.renderer.update_frame = counted
        box = Square(0.6).move_to(self.stage.center)
        with self.sentence(0) as s:
            self.play(motions.pop_in(box), run_time=s.share(0.3))
            box.add_updater(lambda m, dt: None)
            self.wait(0.5)  # animated but unchanging: one held picture
            box.clear_updaters()
            start = self.frames_written
            self.play(box.animate.shift(0.5 * RIGHT), rate_func=lambda t: min(1.0, round(t * 2) / 2), run_time=1.0)
            drawn[0] = self.frames_written - start  # 10 frames, 3 drawings
        self.renderer.update_frame = update_frame


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sink")
    text = "Holds\n\nA box appears and then it holds still for a while. Then the scene ends.\n"
    manifest, _ = make_voiceover(parse_script(text, "holds"), SilentVoice(), tmp / "media")
    para = manifest.paragraphs[1]
    settings = RenderSettings.from_options("tiny")
    out = {}
    for name, sink in (("sink", True), ("manim", False)):
        out[name] = render_scene(
            Holds, manifest=manifest.root / "manifest.json", paragraph=para.id,
            out=tmp / f"{name}.mp4", settings=settings, workdir=tmp / f"work-{name}", sink=sink,
        )
    return para, settings, out


@pytest.mark.slow
def test_scene_through_the_sink(renders) -> None:
    para, settings, out = renders
    frames = round(para.duration * settings.fps)
    info = probe(out["sink"])
    assert info.video_frames == frames and info.video_duration == pytest.approx(frames / settings.fps)
    assert info.video_pictures < frames / 2  # the holds were encoded once
    assert info.audio_codec is None  # build renders carry no sound: the stitch lays it
    # An unchanging frame of a play is not drawn again (skip_unchanged_frames): the move on
    # steps writes 10 frames and draws 3; manim draws all 10.
    (written, drawn), (_, manim_drawn) = DRAWN[True], DRAWN[False]
    assert written == 10 and manim_drawn - drawn == 7, DRAWN
    times = [t for t, _, _ in packets(out["sink"])]
    assert times == sorted(times) and len(set(times)) == len(times)
    manim_info = probe(out["manim"])
    assert manim_info.video_frames == frames and manim_info.audio_codec == "aac"


@pytest.mark.slow
def test_sink_frames_match_manims_writer(renders) -> None:
    para, settings, out = renders
    (ours, fps), (theirs, _) = shown_frames(out["sink"]), shown_frames(out["manim"])
    assert len(ours) == len(theirs) == round(para.duration * fps)
    worst = min(
        10 * np.log10(255**2 / max(1e-9, np.mean((ours[i].astype(float) - theirs[i]) ** 2)))
        for i in range(0, len(ours), 3)
    )
    assert worst >= 35.0  # two lossy encodes of the same pictures



def test_only_what_moves_is_redrawn() -> None:
    """A part moving inside a still group: the group's parts drawn before it stay in the still
    background (manim's own rule redraws the whole group)."""
    from manim import Circle, Scene, VGroup

    from dayinlife_manim.render.sink import redraw_only_what_moves

    class Two(Scene):
        pass

    with tempconfig({"dry_run": True, "pixel_height": 90, "pixel_width": 160}):
        scene = Two()
        base, wheel, roof = Square(2), Circle(0.3), Square(0.5)
        house = VGroup(base, wheel, roof)
        scene.add(house)
        animation = wheel.animate.shift(0.1 * RIGHT).build()
        theirs = scene.get_moving_mobjects(animation)
        redraw_only_what_moves(scene)
        ours = scene.get_moving_mobjects(animation)
    assert theirs[0] is house and base in theirs
    assert ours == [wheel, roof]  # the family members from the moving one on, in drawing order
