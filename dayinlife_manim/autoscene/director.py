"""Plays a :class:`~dayinlife_manim.autoscene.story.Story` in an AutoScene: shots, the narrator, props.

The stage is split into the narrator's part (the place, with the narrator in it)
and the props' part (up to :data:`~dayinlife_manim.autoscene.story.PROPS_PER_SHOT`
cells): side by side on a wide stage, stacked on a tall one.  The first shot is
on stage as the scene opens; each later shot slides the old one away on the word
that moves the story on.  Every event starts on its word (the manifest's word
cues); an action goes on (walking, typing, washing...) until the next event or
:data:`ACTION_HOLD` seconds, then the narrator settles into the place's pose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from manim import UP, Animation, AnimationGroup, VGroup, config, rate_functions
from manim.animation.animation import prepare_animation

from ..scene import char_time
from ..visuals import motions
from ..visuals.motions import on_steps
from ..visuals.theme import Region
from .narrator import ACTIONS, Figure, Look, look_for, other_look
from .narrator import Other as OtherPerson
from .places import Place, Prop, place, prop
from .story import Event, Shot, Story

if TYPE_CHECKING:  # pragma: no cover
    from .scene import AutoScene

#: Longest an action goes on after its word when nothing else happens (seconds).
ACTION_HOLD = 5.0
#: Length of a cut between shots (seconds).
CUT_TIME = 0.6
#: Drawings a second of a prop's motion (on twos at 30 fps; smooth at 15 fps and below).
PROP_RATE = 15
#: Shortest animation worth playing (seconds).
MIN_RUN = 0.2


class PersonProp(Prop):
    """Someone else the text names: a second figure facing the narrator, who talks when mentioned."""

    name = "person"

    def __init__(self, region, theme, **data):
        super().__init__(region, theme, **data)
        # The fit moved and scaled the figure: its poses must follow (hip and size).
        self.figure.size *= self.figure.body.get_length() / self._body
        self.figure.hip = self.figure.body.get_start()

    def draw(self):
        look: Look = self.data["look"]
        self.figure = Figure("talk_a", look, height=2.0 * look.height, facing=-1)
        self._body = self.figure.body.get_length()
        return self.figure

    def act(self, cue, seconds):
        action = cue if cue in ACTIONS else "talk"
        return self.figure.act(action, max(0.4, min(seconds, 3.0)))


def split_stage(stage: Region, props: int) -> tuple[Region, list[Region]]:
    """The narrator's region and ``props`` prop cells."""
    if props == 0:
        return stage, []
    wide = stage.width >= 1.4 * stage.height
    if wide:
        share = 0.5 if stage.width / stage.height < 2.6 else 0.46
        x = stage.left + share * stage.width
        left = Region(stage.left, x, stage.bottom, stage.top)
        rest = Region(x + 0.03 * stage.width, stage.right, stage.bottom, stage.top)
        cells = rest.columns(props) if rest.width >= props * rest.height * 0.9 else rest.rows(props)
        return left, cells
    y = stage.bottom + 0.52 * stage.height
    low = Region(stage.left, stage.right, stage.bottom, y)
    rest = Region(stage.left, stage.right, y + 0.03 * stage.height, stage.top)
    return low, rest.columns(props)


class Director:
    """Plays ``story`` in ``scene`` (an AutoScene), sentence by sentence."""

    def __init__(self, scene: "AutoScene", story: Story, script: str):
        self.scene, self.story, self.theme = scene, story, scene.theme
        self.look = look_for(script, self.theme)
        self.group: VGroup | None = None
        self.figure: Figure | None = None
        self.place: Place | None = None
        self.props: dict[str, Prop] = {}
        self.action = None
        self.action_until = 0.0
        self.kinds: set[str] = set()
        #: The plan's beats by name; those of the current shot; sentence windows beats played in.
        self.scene_beats = {b.name: b for b in scene.plan.beats}
        self.beats: dict = {}
        self.windows: list = []
        scene.beats = []

    # -- timing ---------------------------------------------------------------------------
    def _play(self, *anims: Animation, run_time: float | None = None) -> None:
        """``scene.play``, never into the closing fade (``finish`` keeps its frames)."""
        scene = self.scene
        fps = config.frame_rate
        room = scene._fade_time() - scene.time
        if room < 0.5 / fps:
            return
        anims = tuple(prepare_animation(a) for a in anims)  # ``mob.animate`` builders too
        if run_time is None:
            run_time = max(a.get_run_time() for a in anims)
        scene.play(*anims, run_time=max(1 / fps, min(run_time, room)))  # at least a frame (manim warns below one)

    def time_of(self, at: int) -> float:
        """When the word at offset ``at`` of the paragraph text is said."""
        scene = self.scene
        starts = scene._sentence_starts
        for i in range(len(scene.cues) - 1, -1, -1):
            if starts[i] <= at:
                return char_time(scene.cues[i], at - starts[i])
        return scene.cues[0].start if scene.cues else 0.0

    # -- shots ------------------------------------------------------------------------------
    def build(self, shot: Shot) -> VGroup:
        """The shot's place, narrator and (hidden) props, ready to enter."""
        names = shot.props
        area, cells = split_stage(self.scene.stage, len(names))
        self.place = place(shot.place, area, self.theme)
        self.kinds.add("place:" + self.place.name)
        pose = self.place.pose
        poses = ACTIONS.get(pose, ("stand",))
        self.figure = Figure(poses[0], self.look, height=self.place.figure_height, anchor=self.place.spot)
        self.kinds.add("narrator")
        front = getattr(self.place, "front", [])
        self.props = {}
        self.beats = {}
        for name, cell in zip(names, cells):
            e = next(e for e in shot.events if e.name == name)
            data = dict(e.data)
            kind = name.split(":")[0]
            if e.kind == "beat":
                beat = self.scene_beats.get(name)
                if beat is not None:
                    beat.region = cell.inset(0.04 * cell.width, 0.04 * cell.height)
                    beat.theme = self.theme
                    beat.drawn = []
                    self.beats[name] = beat
                    self.scene.beats.append(beat)
                continue
            if e.kind == "person":
                data["look"] = other_look(self.look, OtherPerson(e.words, e.at, e.cue == "child"), self.theme)
                p = PersonProp(cell.inset(0.05 * cell.width, 0.04 * cell.height), self.theme, **data)
                if abs(cell.bottom - area.bottom) < 1e-6:  # beside the narrator: on the same floor
                    p.mob.align_to(np.array([0, area.bottom + 0.06 * area.height, 0]), direction=np.array([0, -1, 0]))
            else:
                p = prop(kind, cell.inset(0.06 * cell.width, 0.08 * cell.height), self.theme, **data)
            p.shown = False
            self.props[name] = p
        group = VGroup(self.place, self.figure, *front)
        self._fit(group, area, [pose] + [e.name for e in shot.events if e.kind == "act"])
        return group

    def _fit(self, group: VGroup, area: Region, actions: list[str]) -> None:
        """Shrink and move the place with its narrator so that both stay inside ``area`` in every
        pose the shot asks for (lying in bed, arms up...)."""
        boxes = [group]
        for action in actions:
            boxes += [self.figure.posed(p) for p in ACTIONS.get(action, ())]
        left = min(b.get_left()[0] for b in boxes)
        right = max(b.get_right()[0] for b in boxes)
        bottom = min(b.get_bottom()[1] for b in boxes)
        top = max(b.get_top()[1] for b in boxes)
        s = min(1.0, area.width / max(1e-6, right - left), area.height / max(1e-6, top - bottom))
        c = np.array([(left + right) / 2, (bottom + top) / 2, 0.0])
        half = np.array([(right - left) / 2 * s, (top - bottom) / 2 * s, 0.0])
        x = float(np.clip(c[0], area.left + half[0], area.right - half[0]))
        y = float(np.clip(c[1], area.bottom + half[1], area.top - half[1]))
        d = np.array([x, y, 0.0]) - c
        if s >= 1.0 and not d.any():
            return
        moved = lambda p: (np.asarray(p) - c) * s + c + d  # noqa: E731
        group.scale(s, about_point=c).shift(d)
        self.figure.hip, self.figure.size = moved(self.figure.hip), self.figure.size * s
        self.place.spot, self.place.unit, self.place.figure_height = moved(self.place.spot), self.place.unit * s, self.place.figure_height * s

    def cut(self, shot: Shot, first: bool) -> None:
        scene = self.scene
        old = self.group
        if old is not None:
            self.finish_windows(float("inf"))
            self.place.stop()
            for p in self.props.values():
                if p.shown:
                    old.add(p.mob)
            for beat in self.beats.values():
                beat.gone = True
                old.add(*[m for m in beat.drawn if m in scene.mobjects])
            scene.remove(*old.submobjects)
            scene.add(old)
        new = self.build(shot)
        self.group = new
        if first or old is None:
            self._play(motions.fade(new, shift=UP * 0.2), run_time=CUT_TIME)
        else:
            # The old shot shrinks away as the new one grows in: the story moves on, nothing leaves the stage.
            # (Fades in place: manim's FadeIn and .animate copy both shots.)
            self._play(motions.fade(old, fade_in=False, scale=0.8, rate_func=rate_functions.ease_in_out_sine), motions.fade(new, scale=0.9),
                       run_time=CUT_TIME)
            scene.remove(old)
        # On stage as separate mobjects, the place first: when only the narrator moves, manim
        # keeps the place (drawn before it) in its still background instead of redrawing it.
        scene.remove(new)
        scene.add(*new.submobjects)
        self.action = None

    # -- events ----------------------------------------------------------------------------
    def run(self, seconds: float) -> None:
        """Let the current action go on for ``seconds`` (or wait when there is none)."""
        scene = self.scene
        end = scene.time + seconds
        if self.action is not None and seconds >= MIN_RUN:
            go = min(seconds, max(0.0, self.action_until - scene.time))
            if go >= MIN_RUN and len(ACTIONS.get(self.action, ())) > 1:
                anims = [self.figure.act(self.action, go)]
                extra = self.place.act(self.action, go) if not self._place_busy else None
                if extra is not None:
                    anims.append(extra)
                    self._place_busy = True
                # A cycle that goes on for seconds is drawn on steps (motions.on_steps).
                self._play(AnimationGroup(*anims, rate_func=on_steps(go)), run_time=go)
            if scene.time < end and self.action is not None and scene.time >= self.action_until - 1e-6:
                self.settle()
        scene.wait_until_time(end)

    def settle(self) -> None:
        """After an action: into the place's own pose (still)."""
        home = ACTIONS.get(self.place.pose, ("stand",))[0]
        self.action = None
        if self.figure.pose != self.figure.posed(home).pose:
            self._play(self.figure.morph(home, rate_func=rate_functions.smooth), run_time=0.4)

    def event(self, e: Event, room: float) -> None:
        scene = self.scene
        run = max(MIN_RUN, min(room, 1.2))
        if e.kind == "act":
            self.action = e.name
            self.kinds.add("act:" + e.name)
            self.action_until = scene.time + ACTION_HOLD
            self._place_busy = False
            return
        if e.kind == "beat":
            self.play_beat(e)
            return
        p = self.props.get(e.name)
        if p is None:
            return
        self.kinds.add("prop:" + (e.name.split(":")[0] if e.kind == "prop" else "figure"))
        anims: list[Animation] = []
        if not p.shown:
            p.shown = True
            self._play(p.entrance(), run_time=min(0.5, run))
            run = max(MIN_RUN, room - 0.5)
        p.data.update(e.data, words=e.words)
        move = p.act(e.cue, run)
        if move is not None:
            anims.append(move)
        if anims:
            # A prop's own motion (a clock turning, money counting in) on twos: PROP_RATE drawings a second.
            moves = [prepare_animation(a) for a in anims]
            length = max(a.get_run_time() for a in moves)
            self._play(AnimationGroup(*moves, rate_func=on_steps(length, PROP_RATE)), run_time=length)

    def play_beat(self, e: Event) -> None:
        """A beat's words: the beat plays in its cell, as AutoScene plays beats (see ``beats.py``)."""
        scene = self.scene
        beat = self.beats.get(e.name)
        if beat is None or getattr(beat, "gone", False):
            return
        starts = scene._sentence_starts
        i = max(k for k in range(len(starts)) if starts[k] <= e.at)
        window = scene.sentence(i)
        beat.current, beat.step = tuple(e.data["span"]), e.data["step"]
        scene.play_beat(beat, window)  # a beat that raises: a simpler one in its cell (AutoScene.play_beat)
        if beat not in scene.beats:
            stand_in = next((b for b in scene.beats if getattr(b, "replacing", None) is beat), None)
            self.beats.pop(e.name, None)
            if stand_in is None:
                return
            self.beats[e.name] = beat = stand_in
        self.kinds.add("beat:" + beat.name)
        if all(w.index != window.index for _, w in self.windows):
            self.windows.append((beat, window))

    def finish_windows(self, t: float) -> None:
        """``finish_sentence`` for the beats whose sentences ended by ``t``."""
        for beat, window in [bw for bw in self.windows if bw[1].end <= t]:
            for b in list(self.beats.values()):
                if b.shown:
                    self.scene.play_beat(b, window, finish=True)
        self.windows = [bw for bw in self.windows if bw[1].end > t]

    # -- the whole paragraph ---------------------------------------------------------------------
    def play(self) -> None:
        scene = self.scene
        timeline: list[tuple[float, str, object]] = []
        for n, shot in enumerate(self.story.shots):
            if n:
                timeline.append((self.time_of(shot.start), "cut", shot))
            for e in shot.events:
                timeline.append((self.time_of(e.at), "event", e))
        timeline.sort(key=lambda x: x[0])
        self._place_busy = False
        self.cut(self.story.shots[0], first=True)
        end = scene._fade_time()
        for k, (t, kind, item) in enumerate(timeline):
            if t > scene.time:
                self.run(t - scene.time)
            self.finish_windows(scene.time)
            nxt = timeline[k + 1][0] if k + 1 < len(timeline) else end
            if kind == "cut":
                self.cut(item, first=False)
            else:
                self.event(item, max(MIN_RUN, nxt - scene.time))
        if scene.time < end:
            self.run(end - scene.time)
        self.finish_windows(float("inf"))
        self.place.stop()


__all__ = ["ACTION_HOLD", "Director", "PersonProp", "split_stage"]
