"""A Day in the Life of a Python Machine Learning Engineer: the hand-made scenes.

One scene per paragraph of ``examples/a_day_in_life.txt`` (a comedy
explainer).  Each scene is a short story in ``narrate``; the drawings that
scenes share live in ``dayinlife_manim.visuals``, one module per subject
(``time``: clock, calendar; ``people``: face, robot, sitting coder; ``charts``:
bars, gauges, counters; ``office``; ``home``; ``effects``; ``layout``); run
``dayinlife gallery`` to see them all.  Render one with::

    DAYINLIFE_VOICE=silent .venv/bin/manim render scenes/day_in_life.py LateStart -ql
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    ApplyWave,
    Broadcast,
    Circle,
    Create,
    DashedLine,
    FadeIn,
    Flash,
    GrowFromEdge,
    LaggedStart,
    Line,
    MoveAlongPath,
    MoveToTarget,
    ReplacementTransform,
    SpinInFromNothing,
    Succession,
    Transform,
    VGroup,
    rate_functions,
    there_and_back,
)

from dayinlife_manim.scene import NarratedScene
from dayinlife_manim.visuals import icon, motions, paragraph, text
from dayinlife_manim.visuals.charts import Counter, FillBar, Gauge, LineChart, MoodLine, ProgressBar, Slider
from dayinlife_manim.visuals.effects import ScanLine, Sparkles, SpeedLines, Waves
from dayinlife_manim.visuals.home import CookieJar, Curtains, PillBottle, Shower, VerticalFarm
from dayinlife_manim.visuals.layout import cells, lay_out, ring, split
from dayinlife_manim.visuals.office import Card, Checklist, CodeCard, CodeLaptop, MeetingGrid
from dayinlife_manim.visuals.people import Face, Robot, SittingFigure, Snore, ThoughtBubble, ThoughtCloud
from dayinlife_manim.visuals.theme import Region
from dayinlife_manim.visuals.time import Clock, FlipCalendar

#: Every scene below tells a paragraph of this script (NarratedScene reads the module's SCRIPT).
SCRIPT = Path(__file__).resolve().parent.parent / "examples" / "a_day_in_life.txt"


def size_in(region: Region, share: float = 0.8) -> float:
    """A height for an icon that fills ``share`` of ``region``'s smaller side."""
    return share * min(region.width, region.height)


class TitleCard(NarratedScene):
    """The title, with the three pillars of the job: Python, a laptop and coffee."""

    paragraph = 0
    show_captions = False

    @property
    def stage(self) -> Region:
        # No captions on the title card: the whole safe area is the stage.
        return self.theme.safe

    def narrate(self):
        stage = self.stage
        title = paragraph(self.para.display_text.rstrip("."), self.theme, stage.inset(0, 0.2 * stage.height), size="title")
        h = min(0.17 * stage.height, stage.width / 6)
        kit = VGroup(
            icon("language-python", self.theme.color(0), h),
            icon("laptop", self.theme.text, h),
            icon("coffee", self.theme.color(2), h),
        ).arrange(RIGHT, buff=1.2 * h)
        w = min(title.width, stage.width * 0.9)
        underline = Line(LEFT * w / 2, RIGHT * w / 2, color=self.theme.accent, stroke_width=6)
        stage.fit(VGroup(title, underline, kit).arrange(DOWN, buff=0.35 * h), fill=0.95)
        with self.sentence(0) as s:
            self.play(LaggedStart(*(motions.slide_in(line) for line in title), lag_ratio=0.3), run_time=s.share(0.25))
            s.wait_for("Python")
            self.play(motions.pop_in(kit[0]), run_time=s.share(0.12))
            s.wait_for("Machine")
            self.play(motions.pop_in(kit[1]), Create(underline), run_time=s.share(0.15))
            s.wait_for("Engineer")
            self.play(motions.pop_in(kit[2]), run_time=s.share(0.12))
            self.play(motions.spin(kit[0], 1, rate_func=rate_functions.smooth), motions.wiggle(kit[2]), run_time=s.share(0.3))


class LateStart(NarratedScene):
    """Up at the crack of eleven; flexible; passion works day and night."""

    paragraph = 1
    headline = "An early start"

    def narrate(self):
        left, mid, right = cells(self.stage, 3)
        clock = Clock(radius=0.42 * min(left.width, left.height), hour=6).move_to(left.center)
        h = size_in(mid, 0.55)
        bed = icon("bed", self.theme.color(5), h).move_to(mid.center)
        zzz = icon("sleep", self.theme.dim, 0.4 * h).next_to(bed, UP + RIGHT, buff=0).shift(0.3 * h * LEFT)
        bubble = ThoughtBubble("11?!", self.theme, 0.7 * h).next_to(clock, RIGHT, buff=-0.3 * clock.width).align_to(clock, UP)
        self.allow_overlap(clock, bubble)  # the clock's thought, coming out of it
        sun = icon("weather-sunny", self.theme.accent, 0.5 * h).move_to(right.point(0.3, 0.75))
        moon = icon("moon-waning-crescent", self.theme.color(0), 0.5 * h).move_to(right.point(0.7, 0.75))
        heart = icon("heart", self.theme.color(4), 0.55 * h).move_to(right.point(0.5, 0.28))
        with self.sentence(0) as s:
            self.play(motions.pop_in(clock), motions.pop_in(bed), run_time=s.share(0.06))
            self.play(motions.fade(zzz, shift=UP * 0.3), run_time=s.share(0.05))
            s.wait_for("around")
            self.play(clock.turn_to(11, rate_func=rate_functions.ease_in_out_cubic), motions.wiggle(zzz), run_time=s.share(0.08))
            awake = icon("emoticon-cool", self.theme.accent, h).move_to(bed)
            self.play(motions.shake(clock), motions.fade(zzz, fade_in=False, shift=UP * 0.5), ReplacementTransform(bed, awake), run_time=s.share(0.04))
            s.wait_for("I know")
            self.play(motions.pop_in(bubble), run_time=s.share(0.05))
            s.wait_for("flexible")
            yoga = icon("yoga", self.theme.color(3), h).move_to(awake)
            self.play(motions.fade(bubble, fade_in=False), ReplacementTransform(awake, yoga), run_time=s.share(0.05))
            self.play(ApplyWave(yoga, amplitude=0.15 * h), run_time=s.share(0.08))
            s.wait_for("passion")
            self.play(motions.pop_in(heart), run_time=s.share(0.04))
            s.wait_for("work")
            self.play(motions.pop_in_each(sun, moon, lag=0.3), run_time=s.share(0.03))
            for _ in range(2):  # day, night, day...
                self.play(sun.animate(path_arc=-PI).move_to(moon.get_center()), moon.animate(path_arc=-PI).move_to(sun.get_center()), run_time=s.share(0.035))
            s.wait_for("coz")
            beating = icon("heart-pulse", self.theme.color(4), heart.height).move_to(heart)
            self.play(ReplacementTransform(heart, beating), run_time=s.share(0.025))
            for _ in range(2):
                self.play(motions.pulse(beating, scale=1.25), run_time=s.share(0.03))


class ChairScooter(NarratedScene):
    """Working from home: a commute down the corridor, soon by scooter."""

    paragraph = 2
    headline = "The commute"

    def narrate(self):
        stage = self.stage
        h = min(0.42 * stage.height, 0.15 * stage.width)
        home = icon("home", self.theme.color(0), 1.4 * h).move_to(stage.center)
        cash = VGroup(*(icon("cash", self.theme.color(3), 0.45 * h).move_to(home).shift(RIGHT * dx * h + UP * dy * h) for dx, dy in ((-1.5, 0.4), (1.5, 0.4), (2.3, -0.3))))
        floor = Line(stage.point(0.05, 0.3), stage.point(0.95, 0.3), color=self.theme.dim, stroke_width=4)
        dining = icon("silverware-fork-knife", self.theme.color(1), h).next_to(floor.get_start(), UP, buff=0.1).shift(RIGHT * 0.6 * h)
        office = icon("laptop", self.theme.color(0), h).next_to(floor.get_end(), UP, buff=0.1).shift(LEFT * 0.9 * h)
        names = VGroup(
            text("dining room", self.theme, "label", self.theme.dim).next_to(dining, DOWN, buff=0.25).align_to(floor, LEFT),
            text("office", self.theme, "label", self.theme.dim).next_to(office, DOWN, buff=0.25).align_to(floor, RIGHT),
        )
        chair = icon("chair-rolling", self.theme.text, h).next_to(dining, RIGHT, buff=0.5 * h).align_to(dining, DOWN)
        with self.sentence(0) as s:
            self.play(motions.pop_in(home), run_time=s.share(0.04))
            s.wait_for("money")
            self.play(LaggedStart(*(motions.fade(c, shift=c.get_center() - home.get_center(), scale=0.3) for c in cash), lag_ratio=0.3), run_time=s.share(0.06))
            s.wait_for("perks")
            self.play(*(motions.wiggle(c) for c in cash), run_time=s.share(0.05))
            s.wait_for("commuting")
            self.play(motions.pop_out(home), *(motions.pop_out(c) for c in cash), run_time=s.share(0.03))
            self.play(Create(floor), motions.pop_in_each(dining, office, chair), motions.fade(names), run_time=s.share(0.05))
            s.wait_for("dining")
            # A slow, wobbly commute: the chair gets only halfway down the corridor.
            self.play(chair.animate(rate_func=rate_functions.linear).move_to(floor.get_center(), coor_mask=[1, 0, 0]), run_time=s.share(0.13))
            s.wait_for("thinking")
            scooter = icon("scooter", self.theme.accent, h).move_to(chair)
            idea = ThoughtBubble(icon("scooter"), self.theme, 0.8 * h).next_to(chair, UP + RIGHT, buff=-0.2 * h)
            self.play(motions.pop_in(idea), run_time=s.share(0.03))
            s.wait_for("turning")
            self.play(motions.fade(idea, fade_in=False), ReplacementTransform(chair, scooter), Broadcast(Circle(0.7 * h, color=self.theme.accent), focal_point=scooter.get_center(), n_mobs=3), run_time=s.share(0.08))
            s.wait_for("so I could")
            trail = SpeedLines(scooter, LEFT, self.theme).attach()
            self.add(trail)
            self.play(scooter.animate(rate_func=rate_functions.rush_into).next_to(office, LEFT, buff=0.2 * h), run_time=s.share(0.05))
            trail.detach()
            self.play(motions.fade(trail, fade_in=False), motions.pulse(office), motions.wiggle(scooter), run_time=s.share(0.06))


class AIEverywhere(NarratedScene):
    """The great and terrible AI: ice cream forecasts, face recognition, the uprising."""

    paragraph = 3
    headline = "AI is everywhere"

    def narrate(self):
        stage = self.stage
        brain = icon("brain", self.theme.color(5), 0.75 * stage.height).move_to(stage.center)
        robot = Robot(0.75 * stage.height, self.theme).move_to(stage.center)
        cards = VGroup(*(
            Card(None, label, self.theme, width=0.92 * cell.width, height=0.92 * cell.height).move_to(cell.center)
            for label, cell in zip(("sales forecast", "face recognition", "world domination"), cells(stage, 3))
        ))
        ice = icon("ice-cream", self.theme.color(4))
        chart = LineChart([1, 1.6, 1.3, 2.4, 3.4], width=2.4, height=2, theme=self.theme, color=self.theme.color(1))
        cards[0].place(VGroup(ice, chart).arrange(RIGHT, buff=0.3))
        face = cards[1].place(icon("face-recognition", self.theme.text), fill=0.8)
        scan = ScanLine(face, self.theme)
        seat = robot.copy()
        cards[2].place(seat, fill=0.72).align_to(cards[2].slot, DOWN)
        with self.sentence(0) as s:
            self.play(motions.pop_in(brain), run_time=s.share(0.03))
            s.wait_for("booming")
            self.play(Broadcast(Circle(0.45 * stage.height, color=self.theme.color(5)), focal_point=brain.get_center(), n_mobs=3), motions.pulse(brain), run_time=s.share(0.05))
            s.wait_for("great")
            self.play(motions.fade(brain, fade_in=False, scale=0.6), motions.fade(robot, scale=1.4), run_time=s.share(0.04))
            s.wait_for("Intelligence")
            self.play(robot.glare(self.theme.color(0)), run_time=s.share(0.03))
            s.wait_for("penetrating")
            self.play(LaggedStart(*(motions.fade(c.panel) for c in cards), *(motions.fade(c.label) for c in cards), lag_ratio=0.1), Transform(robot, seat), run_time=s.share(0.06))
            s.wait_for("ice")
            self.play(motions.pop_in(ice), run_time=s.share(0.025))
            self.play(chart.grow(), run_time=s.share(0.05))
            s.wait_for("face")
            self.play(motions.pop_in(face), run_time=s.share(0.025))
            self.play(scan.sweep(2), run_time=s.share(0.05))
            self.play(motions.fade(scan, fade_in=False), face.animate.set_fill(self.theme.color(3)), run_time=s.share(0.02))
            s.wait_for("machines")
            self.play(motions.pulse(robot), run_time=s.share(0.03))
            s.wait_for("decide")
            self.play(robot.glare("#ff3b3b", 0.45), run_time=s.share(0.03))
            s.wait_for("rise")
            self.play(robot.animate(rate_func=rate_functions.ease_out_back).shift(UP * 0.25 * robot.height), run_time=s.share(0.03))
            self.play(motions.shake(robot, amplitude=0.05 * robot.height, times=6), run_time=s.share(0.04))


class SecretToSuccess(NarratedScene):
    """Sit, love it, mood or no mood; the robot's mood never swings."""

    paragraph = 4
    headline = "The secret to success"

    def narrate(self):
        left, mid, right = cells(self.stage, 3)
        h = 0.6 * min(mid.width, mid.height)
        key = icon("key-variant", self.theme.accent, h).move_to(left.center)
        chair = icon("chair-rolling", self.theme.text, h).move_to(mid.point(0.5, 0.38))
        cloud = icon("weather-pouring", self.theme.dim, 0.5 * h).next_to(chair, UP, buff=0.05 * h)
        laptop = icon("laptop", self.theme.color(0), 0.8 * h).move_to(right.point(0.5, 0.38))
        heart = icon("heart", self.theme.color(4), 0.4 * h).next_to(laptop, UP, buff=0.1 * h)
        with self.sentence(0) as s:
            self.play(SpinInFromNothing(key), run_time=s.share(0.08))
            s.wait_for("sit")
            self.play(motions.slide_in(chair, DOWN, 1.0), run_time=s.share(0.05))
            s.wait_for("do what")
            self.play(motions.pop_in(laptop), run_time=s.share(0.04))
            self.play(motions.pop_in(heart), run_time=s.share(0.04))
            s.wait_for("mood")
            self.play(motions.fade(cloud, shift=DOWN * 0.3), run_time=s.share(0.04))
            self.play(motions.shake(cloud, amplitude=0.05 * h), run_time=s.share(0.06))
        top, bottom = self.stage.rows(2)
        ih = 0.6 * top.height
        bot = Robot(ih, self.theme, eye_color=self.theme.color(0)).next_to(top.point(0, 0.65), RIGHT, buff=0.06 * top.width)
        you = icon("account", self.theme.color(5), 0.8 * top.height).move_to(bot).set_y(bottom.center[1])
        length = top.right - bot.get_right()[0] - 0.12 * top.width
        calm = MoodLine(length, 0, theme=self.theme, color=self.theme.color(0)).next_to(bot, RIGHT, buff=0.06 * top.width)
        moody = MoodLine(length, 0.3 * bottom.height, waves=2.5, theme=self.theme, color=self.theme.color(4)).next_to(you, RIGHT, buff=0.06 * top.width)
        tie = icon("tie", self.theme.accent, 0.5 * ih).next_to(bot, DOWN, buff=0.02 * ih)
        with self.sentence(1) as s:
            self.play(*(motions.fade(m, fade_in=False) for m in (key, chair, cloud, laptop, heart)), run_time=s.share(0.04))
            self.play(motions.pop_in(bot), calm.draw(), run_time=s.share(0.12))
            s.wait_for("suffer")
            self.play(motions.pop_in(you), moody.draw(), run_time=s.share(0.1))
            s.wait_for("swings")
            self.play(moody.swing(1), motions.wiggle(you), run_time=s.share(0.1))
            s.wait_for("like this guy")
            self.play(motions.circle_around(bot), run_time=s.share(0.08))
            s.wait_for("professional")
            self.play(motions.slide_in(tie, DOWN, 0.8 * ih), motions.pulse(calm, color=self.theme.accent), run_time=s.share(0.08))


class PoolBreak(NarratedScene):
    """The model trains; its engineer cools off in the pool."""

    paragraph = 5
    headline = "Meanwhile..."

    def narrate(self):
        work, pool = cells(self.stage, 2, shape=1.3)
        h = 0.45 * min(work.width, work.height)
        laptop = icon("laptop", self.theme.color(0), h)
        bar = ProgressBar(width=2.2 * h, height=0.18 * h, theme=self.theme)
        status = text("training...", self.theme, "label", self.theme.dim)
        work.fit(VGroup(laptop, bar, status).arrange(DOWN, buff=0.15 * h), fill=0.85)
        waves = Waves(0.8 * pool.width, rows=3, amplitude=0.05 * pool.height, theme=self.theme).move_to(pool.point(0.5, 0.3))
        hot = icon("thermometer-high", self.theme.color(2), 0.6 * h).move_to(pool.point(0.85, 0.8))
        cold = icon("snowflake-thermometer", self.theme.color(6), 0.6 * h).move_to(hot)
        swimmer = icon("swim", self.theme.text, 0.7 * h).next_to(waves, UP, buff=-0.05 * h)
        with self.sentence(0) as s:
            self.play(motions.pop_in(laptop), motions.fade(bar), motions.fade(status), Create(waves), run_time=s.share(0.1))
            bar.run(s.remaining, until=0.87)
            waves.start()
            s.wait_for("meantime")
            self.play(Succession(motions.pop_in(hot), motions.wiggle(hot)), run_time=s.share(0.12))
            s.wait_for("cool")
            self.play(motions.slide_in(swimmer, DOWN, 1.2 * h), Broadcast(Circle(0.6 * h, color=self.theme.color(6)), focal_point=waves.get_top(), n_mobs=3), ReplacementTransform(hot, cold), run_time=s.share(0.15))
            waves.carry(swimmer)
        waves.stop()
        bar.halt()


class Hyperparameters(NarratedScene):
    """Training done, results fine... but a few knobs could make them better."""

    paragraph = 6
    headline = "Tuning time"

    def narrate(self):
        knobs, meter = cells(self.stage, 2, shape=1.5)
        h = 0.4 * min(knobs.width, knobs.height)
        bar = ProgressBar(width=2.6 * h, height=0.2 * h, fraction=0.9, theme=self.theme, color=self.theme.color(3))
        done = icon("check-circle", self.theme.color(3), 0.6 * h)
        knobs.fit(VGroup(bar, done).arrange(DOWN, buff=0.3 * h), fill=0.85)
        gauge = Gauge(radius=1.5, value=0.81, label="accuracy", theme=self.theme)
        thumb = icon("thumb-up", self.theme.accent, 0.5).next_to(gauge.dial, RIGHT, buff=0.1).align_to(gauge, UP)
        meter.fit(VGroup(gauge, thumb), fill=0.85)
        sliders = VGroup(*(Slider(name, 4.2, value, self.theme, self.theme.color(i)) for i, (name, value) in enumerate((("learning rate", 0.7), ("batch size", 0.3), ("epochs", 0.45)))))
        knobs.fit(sliders.arrange(DOWN, buff=0.3), fill=0.9)
        with self.sentence(0) as s:
            self.play(motions.fade(bar), run_time=s.share(0.03))
            s.wait_for("finished")
            self.play(bar.fill_to(1.0), run_time=s.share(0.05))
            self.play(motions.pop_in(done), run_time=s.share(0.04))
            s.wait_for("satisfied")
            self.play(motions.pop_in(gauge), motions.pop_in(thumb), run_time=s.share(0.06))
            s.wait_for("sure")
            self.play(motions.pop_out(bar), motions.pop_out(done), motions.wiggle(thumb), run_time=s.share(0.04))
            self.play(LaggedStart(*(motions.slide_in(sl, RIGHT) for sl in sliders), lag_ratio=0.2), run_time=s.share(0.06))
            s.wait_for("change")
            self.play(
                LaggedStart(sliders[0].slide_to(0.25), sliders[1].slide_to(0.8), sliders[2].slide_to(0.9), lag_ratio=0.3),
                gauge.tick_to(0.97, rate_func=rate_functions.ease_in_out_back),
                run_time=s.share(0.15),
            )


class PostureTips(NarratedScene):
    """Back straight, elbows at ninety degrees, vegetables and comments."""

    paragraph = 7
    headline = "Good habits"

    def narrate(self):
        coder = self.stage.fit(SittingFigure(lean=0.45, theme=self.theme), fill=0.9)
        why = text("why?", self.theme, "headline", self.theme.accent).next_to(coder.head, RIGHT, buff=0.3)
        with self.sentence(0) as s:
            self.play(motions.fade(coder), run_time=s.share(0.08))
            s.wait_for("back")
            self.play(coder.straighten(), run_time=s.share(0.1))
            hip = coder.hip_angle(self.theme.accent)
            self.play(Create(hip), run_time=s.share(0.05))
            s.wait_for("elbows")
            elbow = coder.elbow_angle(self.theme.accent)
            self.play(Create(elbow), motions.pulse(coder.forearm), run_time=s.share(0.1))
            s.wait_for("why")
            self.play(motions.pop_in(why), run_time=s.share(0.1))
        left, mid, right = cells(self.stage, 3)
        posture = VGroup(coder, hip, elbow)
        arrow = icon("trending-up", self.theme.color(3))
        veggies = VGroup(icon("carrot", self.theme.color(2)), icon("food-apple", self.theme.color(4)), icon("leaf", self.theme.color(3)))
        lay_out(mid, *veggies, buff=0.3, fill=0.8)
        card = right.fit(CodeCard(["# load the data", "df = load()", "# train, then pray", "model.fit(df)"], self.theme), fill=0.92)
        with self.sentence(1) as s:
            left.fit(posture.generate_target(), fill=0.95)
            self.play(motions.fade(why, fade_in=False), MoveToTarget(posture), run_time=s.share(0.08))
            arrow.scale_to_fit_height(0.18 * posture.height).align_to(posture, UP + RIGHT)
            s.wait_for("positive")
            self.play(motions.pop_in(arrow), run_time=s.share(0.06))
            s.wait_for("vegetables")
            self.play(motions.pop_in_each(*veggies), run_time=s.share(0.1))
            s.wait_for("comment")
            self.play(motions.fade(card, shift=UP * 0.3), run_time=s.share(0.05))
            self.play(card.type_comments(), run_time=s.share(0.18))


class CuriousReader(NarratedScene):
    """Paragraph 8: the model trains, I read, curiosity finds a billion-dollar mushroom idea."""

    paragraph = 8
    headline = "Reading break"

    def narrate(self):
        t = self.theme
        left, middle, right = split(self.stage, 3, t)
        laptop = CodeLaptop(3.0, t)
        cog = icon("cog", t.accent, laptop.screen.height * 0.45).move_to(laptop.screen.get_corner(UP + RIGHT))
        left.fit(VGroup(laptop, cog), 0.85)
        book = middle.fit(icon("book-open-variant", t.text, 2.0), 0.55)  # the question marks ring it clear of its edges
        lens = icon("magnify", t.color(0), book.height * 0.5).move_to(book.get_center() + RIGHT * book.width * 0.3)  # where its circle starts
        marks = VGroup(*(text("?", t, "title", t.color(k + 1), weight="BOLD") for k in range(4)))
        ring(marks, book.get_center(), middle.width * 0.44, middle.height * 0.44, start=0.6)
        fields = ["tractor", "heart-pulse", "car", "chef-hat", "rocket-launch"]
        areas = VGroup(*(icon(name, t.color(k), right.height * 0.26) for k, name in enumerate(fields)))
        ring(areas, right.center, min(right.width, right.height) * 0.38)
        robot = icon("robot", t.text, right.height * 0.3).move_to(right.center)
        with self.sentence(0) as s:
            self.play(FadeIn(laptop.body, cog, shift=UP * 0.3), run_time=s.share(0.1))
            self.play(laptop.type_code(), motions.spin(cog, 1), run_time=s.share(0.45))
            s.wait_for("read")
            self.play(motions.pop_in(book), motions.spin(cog, 0.5), run_time=s.share(0.2))
        with self.sentence(1) as s:
            self.play(motions.pop_in(lens), motions.pop_in_each(*marks), run_time=s.share(0.15))
            self.play(MoveAlongPath(lens, Circle(radius=book.width * 0.3).move_to(book)), run_time=s.share(0.2))
            s.wait_for("various")
            self.play(motions.pop_in_each(*areas, lag=0.2), run_time=s.share(0.15))
            s.wait_for("artificial")
            self.play(motions.pop_in(robot), run_time=s.share(0.08))
            self.play(LaggedStart(*(motions.pulse(a) for a in areas), lag_ratio=0.3), run_time=s.share(0.25))
        farm_zone, money_zone = split(self.stage, 2, t)
        farm = farm_zone.fit(VerticalFarm(4, 3, 3.0, t), 0.92)
        money = money_zone.fit(text("$1,000,000,000", t, "title", t.accent, weight="BOLD"), 0.9, grow=True)
        cash = VGroup(*(icon("cash", t.color(3), money.height * 1.2) for _ in range(3))).arrange(RIGHT, buff=money.height)
        cash.next_to(money, DOWN, buff=money.height * 0.6)
        with self.sentence(2) as s:
            self.play(*(motions.fade(m, fade_in=False) for m in (laptop, cog, book, lens, marks, areas, robot)), run_time=s.share(0.06))
            s.wait_for("vertical")
            self.play(farm.build(), run_time=s.share(0.18))
            self.play(farm.grow(), run_time=s.share(0.25))
            s.wait_for("billion")
            self.play(motions.pop_in(money), motions.pop_in_each(*cash), run_time=s.share(0.12))
            sparkles = Sparkles(VGroup(money, cash), 6, t, size=money.height * 0.6, margin=0.05)
            self.play(sparkles.burst(), motions.wiggle(cash), run_time=s.share(0.2))


class TheMeetings(NarratedScene):
    """Paragraph 9: the curtains open on... the meetings, and their four eternal questions."""

    paragraph = 9
    headline = None

    def narrate(self):
        t = self.theme
        curtains = Curtains(self.stage, t)
        inner = self.stage.inset(self.stage.width * 0.07, 0)
        title_zone = inner.rows(3)[0]
        title = title_zone.fit(text("THE MEETINGS", t, "title", t.color(4), weight="BOLD"), 0.9)
        grid = Region(inner.left, inner.right, inner.bottom, title_zone.bottom).fit(MeetingGrid(2, 3, 5.0, t), 0.9)
        with self.sentence(0) as s:
            self.play(motions.fade(curtains), run_time=s.share(0.1))
            self.add(grid)
            self.bring_to_front(curtains)
            self.play(motions.wiggle(curtains), run_time=s.share(0.3))
            s.wait_for("the meetings")
            self.play(curtains.open(), motions.fade(title, scale=1.8), run_time=s.share(0.2))
            self.play(motions.shake(title, amplitude=0.12), run_time=s.share(0.15, minimum=0.1))
        grid_col, list_col = split(inner, 2, t)
        board = Checklist(["Done", "Can be done", "Closed", "Opened"], t,
                          marks=["check-bold", "plus-thick", "lock", "lock-open-variant"],
                          colors=[t.color(3), t.color(0), t.color(4), t.accent])
        list_col.fit(board, 0.8, grow=True)
        grid.generate_target()
        grid_col.fit(grid.target, 0.9, grow=True)
        with self.sentence(1) as s:
            self.play(motions.fade(title, fade_in=False, shift=UP * 0.3), MoveToTarget(grid), run_time=s.share(0.08))
            for row, (word, speaker) in enumerate(zip(["done", "else", "closed", "opened"], [0, 4, 2, 5])):
                s.wait_for(word)
                self.play(board.reveal_checked(row), grid.speak(speaker), run_time=s.share(0.11))


class MeetingSurvival(NarratedScene):
    """Paragraph 10: meetings are teamwork's side-effect; survive them looking deeply interested."""

    paragraph = 10
    headline = "Meeting survival tip"

    def narrate(self):
        t = self.theme
        chair_zone, team_zone, bottle_zone = split(self.stage, 3, t)
        chair = icon("chair-rolling", t.color(0), 2.0)
        call = MeetingGrid(1, 1, chair.width * 1.1, t)
        chair_zone.fit(VGroup(call, chair).arrange(DOWN, buff=0.1), 0.85)
        team = team_zone.fit(icon("account-group", t.color(3), 2.0), 0.55)
        bottle = PillBottle("TEAMWORK", t, 2.6)
        fine_print = text("side effects: meetings", t, "caption", t.upcoming).next_to(bottle, DOWN, buff=0.15)
        bottle_zone.fit(VGroup(bottle, fine_print), 0.9)
        with self.sentence(0) as s:
            self.play(motions.pop_in(chair), run_time=s.share(0.08))
            s.wait_for("go to them")
            self.play(motions.fade(call, shift=LEFT * chair_zone.width * 0.8), run_time=s.share(0.12))
            self.play(motions.pulse(call.tiles[0].person), run_time=s.share(0.06))
            s.wait_for("unfortunate")
            self.play(motions.pop_in(bottle), run_time=s.share(0.08))
            s.wait_for("side-effect")
            self.play(motions.slide_in(fine_print), run_time=s.share(0.08))
            s.wait_for("teamwork")
            self.play(motions.pop_in(team), motions.wiggle(bottle), run_time=s.share(0.12))
        face = Face(2.6, t)
        bulb = icon("lightbulb-on", t.accent, face.height * 0.4).next_to(face, LEFT, buff=0.3).align_to(face, UP)
        zzz = Snore(t, face.height * 0.45).next_to(face, RIGHT, buff=0.1).align_to(face, UP)
        self.stage.fit(VGroup(bulb, face, zzz), 0.9)
        with self.sentence(1) as s:
            self.play(*(motions.fade(m, fade_in=False) for m in (chair, call, team, bottle, fine_print)), run_time=s.share(0.05))
            self.play(motions.pop_in(face), motions.pop_in(bulb), run_time=s.share(0.08))
            s.wait_for("deeply")
            self.play(face.raise_brows(), face.animate(rate_func=there_and_back).scale(1.1), run_time=s.share(0.1))
            s.wait_for("while trying")
            self.play(face.doze(0.55), run_time=s.share(0.08))
            self.play(face.doze(0.1), zzz.drift(), run_time=s.share(0.1))
            self.play(face.wake())
            self.play(motions.shake(face, amplitude=0.15), run_time=s.share(0.06))


class ShowerIdea(NarratedScene):
    """Paragraph 11: a shower, a light bulb, and a clipboard full of new assignments."""

    paragraph = 11
    headline = "Shower thoughts"

    def narrate(self):
        t = self.theme
        shower_zone, board_zone = split(self.stage, 2, t)
        pm = icon("account-tie", t.color(0), 1.3)
        shower = Shower(0.9, 0.8, t).next_to(pm, UP, buff=0.05)
        shower_zone.fit(VGroup(shower, pm), 0.92)
        bulb = icon("lightbulb-on", t.accent, pm.height * 0.5).next_to(pm, RIGHT, buff=0.1).align_to(pm, UP)
        song = icon("music", t.color(5), pm.height * 0.35).next_to(pm, LEFT, buff=0.15).align_to(pm, UP)
        clipboard = icon("clipboard-list", t.text, 2.0)
        tasks = Checklist(["Implement the idea", "Implement it again", "Due: yesterday"], t, size="caption")
        board = VGroup(clipboard, tasks).arrange(RIGHT, buff=0.4)
        board_zone.fit(board, 0.9)
        with self.sentence(0) as s:
            self.play(motions.pop_in(clipboard), run_time=s.share(0.05))
            self.play(motions.wiggle(clipboard), run_time=s.share(0.08))
            s.wait_for("brilliant")
            self.play(motions.pop_in(pm), motions.fade(shower.head, shift=DOWN * 0.2), run_time=s.share(0.05))
            self.add(shower.drops)
            shower.start()
            s.wait_for("visited")
            self.play(motions.pop_in(bulb), Flash(bulb, color=t.accent, flash_radius=bulb.height * 0.8), run_time=s.share(0.08))
            s.wait_for("taking")
            self.play(motions.pop_in(song), bulb.animate(path_arc=-1.2).move_to(clipboard).scale(0.5), run_time=s.share(0.07))
            self.play(motions.fade(bulb, fade_in=False, scale=2.5), motions.pulse(clipboard), motions.wiggle(pm), run_time=s.share(0.05))
            s.wait_for("now we")
            self.play(LaggedStart(*(tasks.reveal(k) for k in range(3)), lag_ratio=0.4), run_time=s.share(0.12))
            shower.stop()


class AngryCookieJar(NarratedScene):
    """Paragraph 12: the PM's baby imagination spares my farm idea; anger means cookies and eyebrows."""

    paragraph = 12
    headline = "Special occasions"

    def narrate(self):
        t = self.theme
        pm_zone, farm_zone = split(self.stage, 2, t)
        pm = icon("account-tie", t.color(0), 1.2)
        bubble = ThoughtCloud(2.0, 1.4, t).next_to(pm, UP + RIGHT, buff=-0.1)
        baby = icon("baby-face-outline", t.color(5), 0.9).move_to(bubble.body)
        pm_zone.fit(VGroup(pm, bubble, baby), 0.9)
        farm = farm_zone.fit(VerticalFarm(3, 3, 2.6, t), 0.8)
        lock = icon("lock", t.text, farm.height * 0.4).move_to(farm)
        start = bubble.body.get_right()
        reach = DashedLine(start, start + 0.5 * (farm.get_left() - start), color=t.color(5), stroke_width=6)
        with self.sentence(0) as s:
            self.play(motions.pop_in(pm), run_time=s.share(0.05))
            s.wait_for("imagination")
            self.play(motions.fade(bubble, scale=0.5), run_time=s.share(0.06))
            s.wait_for("infancy")
            self.play(motions.pop_in(baby), run_time=s.share(0.06))
            self.play(motions.wiggle(baby), run_time=s.share(0.06))
            s.wait_for("didn't")
            self.play(GrowFromEdge(reach, LEFT), run_time=s.share(0.1))
            s.wait_for("vertical")
            self.play(reach.animate.rotate(-0.8, about_point=start).set_opacity(0), motions.pop_in(farm), run_time=s.share(0.1))
            self.play(motions.fade(lock, shift=DOWN * 0.8), run_time=s.share(0.06))
            s.wait_for("angry")
            self.play(motions.shake(lock), run_time=s.share(0.06))
        jar_zone, face_zone = split(self.stage, 2, t)
        jar = jar_zone.fit(CookieJar("ANGRY", 3.0, t), 0.75).shift(DOWN * jar_zone.height * 0.05)
        face = face_zone.fit(Face(2.6, t), 0.85)
        spots = [jar_zone.point(x, y) for x, y in ((0.14, 0.25), (0.86, 0.25), (0.14, 0.72), (0.86, 0.72))]
        with self.sentence(1) as s:
            self.play(*(motions.fade(m, fade_in=False) for m in (pm, bubble, baby, farm, lock)), run_time=s.share(0.05))
            self.play(motions.pop_in(jar), motions.pop_in(face), run_time=s.share(0.06))
            s.wait_for("open")
            self.play(jar.open(), run_time=s.share(0.06))
            self.play(jar.cookies_jump(spots), run_time=s.share(0.12))
            s.wait_for("special")
            self.play(motions.circle_around(jar.tag, color=t.color(4)), run_time=s.share(0.08))
            s.wait_for("angry...")
            self.play(face.blush("#e85d04"), run_time=s.share(0.06))
            s.wait_for("also make")
            self.play(face.frown(), run_time=s.share(0.05))
            self.play(motions.shake(face, amplitude=0.12, times=6), motions.shake(jar, amplitude=0.06, times=6),
                      run_time=s.share(0.08))


class PayDay(NarratedScene):
    """Paragraph 13: a calendar page flips, money lands in the bank, the years-in-IT bar creeps on."""

    paragraph = 13
    headline = "Another day done"

    def narrate(self):
        t = self.theme
        day_zone, bank_zone, years_zone = split(self.stage, 3, t)
        calendar = day_zone.fit(FlipCalendar("MON", "TUE", 2.2, t), 0.7)
        bank = icon("bank", t.text, 1.4)
        balance = Counter(42, t, size="headline", color=t.color(3))
        vault = VGroup(bank, balance).arrange(DOWN, buff=0.25)
        bank_zone.fit(vault, 0.8)
        cash = VGroup(*(icon("cash", t.color(3), bank.height * 0.35) for _ in range(3)))
        for note, a in zip(cash, (0.3, PI / 2, PI - 0.3)):  # an arc over the bank: the balance below stays clear
            note.move_to(bank.get_center() + RIGHT * bank_zone.width * 0.4 * np.cos(a) + UP * bank.height * 0.5 * np.sin(a))
        label = text("Years in IT", t, "label")
        bar = FillBar(3.0, 0.4, 0.7, t, t.accent)
        plus = text("+1/365", t, "label", t.accent)
        career = VGroup(label, bar, plus).arrange(DOWN, buff=0.25)
        years_zone.fit(career, 0.85)
        with self.sentence(0) as s:
            self.play(motions.pop_in(calendar), run_time=s.share(0.05))
            s.wait_for("passed")
            self.play(calendar.flip(), run_time=s.share(0.08))
            s.wait_for("money")
            self.play(motions.pop_in(bank), motions.fade(balance), motions.pop_in_each(*cash), run_time=s.share(0.08))
            self.play(LaggedStart(*(c.animate.move_to(bank).scale(0.3).set_opacity(0) for c in cash), lag_ratio=0.3),
                      balance.count_to(4242), run_time=s.share(0.16))
            self.remove(*cash)
            s.wait_for("added")
            self.play(motions.fade(label), motions.fade(bar), run_time=s.share(0.06))
            self.play(bar.fill_to(0.73), motions.slide_in(plus), run_time=s.share(0.12))
            self.play(motions.pulse(plus), run_time=s.share(0.06))


class MushroomFarmHobby(NarratedScene):
    """Paragraph 14: work is over; my code becomes the shelves of my vertical mushroom farm."""

    paragraph = 14
    headline = "After hours"

    def narrate(self):
        t = self.theme
        desk, field = split(self.stage, 2, t)
        work = desk.fit(icon("briefcase-check", t.dim, 2.0), 0.55)
        laptop = desk.fit(CodeLaptop(3.2, t), 0.8)
        sticker = icon("mushroom", t.color(4), laptop.screen.height * 0.22)
        sticker.move_to(laptop.screen.get_corner(DOWN + RIGHT)).shift((UP + LEFT) * laptop.screen.height * 0.16)
        farm = field.fit(VerticalFarm(4, 3, 3.0, t), 0.92)
        with self.sentence(0) as s:
            self.play(motions.pop_in(work), run_time=s.share(0.05))
            s.wait_for("over")
            self.play(motions.pop_out(work), run_time=s.share(0.06))
            s.wait_for("hobby")
            self.play(motions.fade(laptop.body, shift=UP * 0.3), motions.pop_in(sticker), run_time=s.share(0.06))
            s.wait_for("code for")
            self.play(laptop.type_code(), run_time=s.share(0.15))
            s.wait_for("vertical")
            lines = VGroup(*(line.copy() for line in laptop.code[: len(farm.shelves)]))
            self.play(ReplacementTransform(lines, farm.shelves), run_time=s.share(0.07))
            self.play(*(GrowFromEdge(post, DOWN) for post in farm.posts), motions.fade(farm.lights), motions.fade(farm.roof, shift=DOWN * 0.3),
                      run_time=s.share(0.04))
            s.wait_for("do not")
            self.play(farm.grow(lag=0.25), run_time=s.share(0.1))
            self.play(Sparkles(farm, 8, t).burst(), motions.pulse(sticker, 1.5), run_time=s.share(0.08))


SCENES_IN_ORDER = [
    TitleCard,
    LateStart,
    ChairScooter,
    AIEverywhere,
    SecretToSuccess,
    PoolBreak,
    Hyperparameters,
    PostureTips,
    CuriousReader,
    TheMeetings,
    MeetingSurvival,
    ShowerIdea,
    AngryCookieJar,
    PayDay,
    MushroomFarmHobby,
]
