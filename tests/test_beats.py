"""AutoScene's beats: detection on sentences written for the purpose, the plan, the registry.

No rendering here (the beats are rendered in every aspect by tests/test_layout.py).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from manim import tempconfig

from dayinlife_manim.autoscene import AutoScene, Beat, plan_script, register_beat, registered_beats, unregister_beat
from dayinlife_manim.autoscene.builtin import (
    ChecklistBeat,
    ClockBeat,
    CompareBeat,
    CounterBeat,
    DaytimeBeat,
    FeelingBeat,
    ProgressBeat,
    TravelBeat,
)
from dayinlife_manim.autoscene.plan import MAX_BEATS, candidates, slots
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.visuals import DEFAULT_THEME


def score(cls: type[Beat], text: str) -> tuple[float, Beat]:
    beat = cls()
    s = beat.matches(text)
    return (s if s >= cls.min_score else 0.0), beat


# -- times ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, hours",
    [
        ("At 7:30 pm I paid for the tickets.", [7.5]),
        ("The alarm rings at 6 am, and again at 6:15.", [6.0, 6.25]),
        ("My day starts around eleven o'clock.", [11.0]),
        ("We meet at half past nine in the lobby.", [9.5]),
        ("Lunch is at noon, the train leaves at 18:45.", [0.0, 6.75]),
        ("I am home by six, and asleep by 11 p.m.", [6.0, 11.0]),
    ],
)
def test_clock_times(text: str, hours: list[float]) -> None:
    s, beat = score(ClockBeat, text)
    assert s > 0
    assert [round(h, 2) for h, *_ in beat.times] == hours
    for a, b in beat.spans:  # spans point at the words
        assert any(ch.isdigit() or ch.isalpha() for ch in text[a:b])


@pytest.mark.parametrize(
    "text",
    [
        "I have 3 cats and 2 dogs.",
        "Version 2.0 is out, read chapter 7.",
        "I am 5 years old.",
        "Call me at home, please.",
        "The score was 3 to 1.",
    ],
)
def test_not_clock_times(text: str) -> None:
    assert score(ClockBeat, text)[0] == 0


def test_parts_of_the_day() -> None:
    s, beat = score(DaytimeBeat, "In the morning I run, in the afternoon I code and at night I read.")
    assert s > 0 and beat.words == ["morning", "afternoon", "night"]
    assert score(DaytimeBeat, "I read a book about dragons.")[0] == 0
    # One mention ("the night shift") is too weak to replace the icons.
    assert score(DaytimeBeat, "The night shift started with a bit of drama.")[0] == 0


# -- money and numbers -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, shown",
    [
        ("I paid $4,242 for it.", "$4,242"),
        ("The hotel costs 80 euros a night.", "€80"),
        ("Sales rose 45% this year.", "45%"),
        ("I walked 12,000 steps today.", "12,000 steps"),
        ("The ticket was $19.99.", "$19.99"),
        ("They raised $3 million.", "$3 million"),
        ("It cost 20 € in the end.", "20 €"),
    ],
)
def test_amounts(text: str, shown: str) -> None:
    s, beat = score(CounterBeat, text)
    assert s > 0
    assert CounterBeat._format(beat.amounts[0]) == shown


@pytest.mark.parametrize(
    "text",
    ["I have a dog.", "In 2024 we moved house.", "We meet at 7 pm.", "I have one brother and two sisters.", "It is 7:30 now."],
)
def test_not_amounts(text: str) -> None:
    assert score(CounterBeat, text)[0] == 0


# -- lists ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, items",
    [
        ("I make coffee, read the news, answer email and walk the dog to the park.",
         ["make coffee", "read the news", "answer email", "walk the dog"]),
        ("We need eggs, flour, sugar and butter.", ["need eggs", "flour", "sugar", "butter"]),
        ("Pack three things: a passport, a charger, and a smile.", ["a passport", "a charger", "a smile"]),
        ("First, we knead the dough. Then we let it rise. Finally we bake it.",
         ["knead the dough", "let it rise", "bake it"]),
        ("What has been done, what can be done, what has been closed, what has been opened.",
         ["What has been done", "what can be done", "what has been closed", "what has been opened"]),
    ],
)
def test_lists(text: str, items: list[str]) -> None:
    s, beat = score(ChecklistBeat, text)
    assert s > 0
    assert [i for i, _ in beat.items] == items
    assert all(text[a:b] == i for i, (a, b) in beat.items)


@pytest.mark.parametrize(
    "text",
    [
        "Yes, I think so, and then I left.",
        "However, after lunch, we met and talked.",
        "Well, honestly, I think it went fine.",
        "I went home and slept.",
        "The long road, which was empty, led north and east to a village nobody remembers any more.",
    ],
)
def test_not_lists(text: str) -> None:
    assert score(ChecklistBeat, text)[0] == 0


# -- progress -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, target",
    [
        ("The model is training on the GPU all night.", 1.0),
        ("I am waiting for the build, it is 80% done.", 0.8),
        ("The page is loading.", 1.0),
    ],
)
def test_progress(text: str, target: float) -> None:
    s, beat = score(ProgressBeat, text)
    assert s > 0 and beat.target == target


@pytest.mark.parametrize("text", ["Training at the gym was hard.", "The cat was waiting by the door.", "I had a great lunch."])
def test_not_progress(text: str) -> None:
    assert score(ProgressBeat, text)[0] == 0


# -- feelings -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, moods",
    [
        ("I was so happy, then tired, and in the end a bit sad.", ["happy", "tired", "sad"]),
        ("When I'm angry, I make angry eyebrows.", ["angry", "angry"]),
        ("I was shocked by the news.", ["surprised"]),
        ("I was not happy about it.", ["sad"]),
        ("I love my job.", ["happy"]),
        ("She was cross with me, and the lecture felt so boring.", ["angry", "tired"]),
    ],
)
def test_feelings(text: str, moods: list[str]) -> None:
    s, beat = score(FeelingBeat, text)
    assert s > 0 and [m for m, _ in beat.moods] == moods


@pytest.mark.parametrize("text", ["The report is due tomorrow.", "Send it with love from Paris.", "I'm not tired.",
                                  "The ferries cross the bay at dawn.", "A boring machine digs the tunnel."])
def test_not_feelings(text: str) -> None:
    assert score(FeelingBeat, text)[0] == 0


# -- comparisons ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, sides",
    [
        ("Python vs JavaScript: which one wins?", ["Python", "JavaScript"]),
        ("Trains are faster than buses.", ["Trains", "buses"]),
        ("The old shed turned into a bakery.", ["old shed", "bakery"]),
        ("Instead of the car, I take my bike.", ["car", "bike"]),
    ],
)
def test_comparisons(text: str, sides: list[str]) -> None:
    s, beat = score(CompareBeat, text)
    assert s > 0 and [w for w, _ in beat.sides] == sides


@pytest.mark.parametrize(
    "text",
    ["Before, I wrote everything by hand. Now, the robot writes it.",
     "Ten years ago I baked in a wood oven. Now the electric oven does the work."],
)
def test_before_and_after(text: str) -> None:
    s, beat = score(CompareBeat, text)
    assert s > 0 and len(beat.sides) == 2 and beat.sides[0][1][0] < beat.sides[1][1][0]


@pytest.mark.parametrize("text", ["I went to the shop.", "The dog is better now.", "We had bread and soup."])
def test_not_comparisons(text: str) -> None:
    assert score(CompareBeat, text)[0] == 0


# -- places and movement ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, origin, dest, vehicle",
    [
        ("Then I drive from home to the office.", "home", "office", "car"),
        ("Tomorrow we fly to Lisbon.", None, "Lisbon", "airplane"),
        ("I take the train to work.", None, "work", "train"),
        ("I walk from the station to the bakery.", "station", "bakery", "walk"),
        ("She cycles to school every day.", None, "school", "bike"),
    ],
)
def test_travel(text: str, origin, dest: str, vehicle: str) -> None:
    s, beat = score(TravelBeat, text)
    assert s > 0
    assert (beat.origin[0] if beat.origin else None) == origin
    assert beat.dest[0] == dest and beat.vehicle == vehicle


@pytest.mark.parametrize(
    "text", ["I want to eat.", "I listen to music.", "I went to sleep early.", "Take it to heart.", "I have to go."]
)
def test_not_travel(text: str) -> None:
    assert score(TravelBeat, text)[0] == 0


# -- the plan ---------------------------------------------------------------------------------------------
NEGATIVES = "I have a dog. One day I will see. It was fine, I think, and then I left."


def test_plain_text_gets_icons_only() -> None:
    assert plan_script([NEGATIVES])[0].beats == []


def test_a_paragraph_gets_few_beats_that_do_not_fight() -> None:
    text = ("At 7:30 pm, happy and a bit tired, I paid $4,242 for flights, hotels, cars and tours, "
            "then drove from home to the airport while the app was loading.")
    assert len(candidates(text)) > MAX_BEATS
    beats = plan_script([text])[0].beats
    assert 1 <= len(beats) <= MAX_BEATS
    for i, a in enumerate(beats):
        for b in beats[i + 1 :]:
            assert a.group != b.group and not a.overlaps(b), (a.describe(), b.describe())
    assert [b.start for b in beats] == sorted(b.start for b in beats)  # in spoken order


@pytest.mark.parametrize(
    "texts",
    [
        ["We start at 6 am.", "The bus comes at 7 am.", "School begins at 8 am.", "Lunch is at noon."],
        ["I like cats.", "I like dogs.", "I like birds.", "I like fish."],
        ["I paid $5 for it, and I was happy.", "He paid $7 for it, and he was happy.", "She paid $9, happy too."],
    ],
)
def test_consecutive_paragraphs_never_share_a_layout(texts: list[str]) -> None:
    plans = plan_script(texts)
    layouts = [p.layout for p in plans]
    assert all(a != b for a, b in zip(layouts, layouts[1:])), layouts


@pytest.mark.parametrize("aspect", ["16:9", "9:16", "1:1"])
@pytest.mark.parametrize("shapes", [[1.0], [0.8, 1.8], [3.0, 0.9], [2.6, 1.0]])
def test_slots_split_the_stage_without_overlaps(aspect: str, shapes: list[float]) -> None:
    with tempconfig(RenderSettings.from_options("tiny", aspect).manim_config()):
        stage = DEFAULT_THEME.stage
        regions = slots(stage, shapes, gap=0.3)
    assert len(regions) == len(shapes)
    for r in regions:
        assert stage.left - 1e-9 <= r.left < r.right <= stage.right + 1e-9
        assert stage.bottom - 1e-9 <= r.bottom < r.top <= stage.top + 1e-9
    for i, a in enumerate(regions):
        for b in regions[i + 1 :]:
            assert a.right <= b.left or b.right <= a.left or a.top <= b.bottom or b.top <= a.bottom


# -- a beat of your own -------------------------------------------------------------------------------------
USER_MODULE = '''
from dayinlife_manim.autoscene import AutoScene, Beat, register_beat
from dayinlife_manim.visuals import icon, motions


@register_beat
class Rocket(Beat):
    name = "rocket"

    def matches(self, paragraph):
        self.spans = self.find(r"\\blaunch\\w*", paragraph)
        return 3.5 if self.spans else 0.0

    def play(self, scene, window):
        if not self.shown:
            self.rocket = self.fit(icon("rocket-launch", height=1))
            self.wait_for_span(scene, window, self.current)
            self.enter(scene, window, self.rocket)
'''


@pytest.fixture
def user_beat(tmp_path: Path):
    from dayinlife_manim.render.render import load_scene_module

    path = tmp_path / "my_beats.py"
    path.write_text(textwrap.dedent(USER_MODULE))
    module = load_scene_module(path)
    yield path, module
    unregister_beat("rocket")


def test_a_registered_beat_is_used(user_beat) -> None:
    assert "rocket" in [b.name for b in registered_beats()]
    plan = plan_script(["Tomorrow we launch the new app."])[0]
    assert [b.name for b in plan.beats] == ["rocket"]


def test_build_imports_the_module_that_defines_beats(user_beat, tmp_path: Path) -> None:
    from dayinlife_manim.casting import AUTOSCENE_REF, assign_scenes
    from dayinlife_manim.text.script import parse_script
    from dayinlife_manim.voices.silent import SilentVoice
    from dayinlife_manim.voices.voiceover import make_voiceover

    path, module = user_beat
    manifest, _ = make_voiceover(parse_script("Launch Day\n\nTomorrow we launch the new app.\n", "x"), SilentVoice(), tmp_path)
    pairs, notes = assign_scenes(manifest, path)
    assert not any("beats" in n for n in notes), notes
    for _, cls, ref in pairs:
        assert cls is AutoScene and ref == f"{path.resolve()}:AutoScene" != AUTOSCENE_REF
    assert "rocket" in AutoScene.story(manifest, manifest.paragraphs[1])


def test_register_beat_refuses_other_classes() -> None:
    with pytest.raises(TypeError):
        register_beat(int)


# -- dayinlife scenes ------------------------------------------------------------------------------------------
def test_scenes_command_shows_the_beats(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dayinlife_manim.cli import cli

    script = tmp_path / "trip.txt"
    script.write_text(
        "A Short Trip\n\nAt 7:30 am I drive from home to the airport.\n\n"
        "The ticket cost $420, and I was so happy.\n\nI like cats.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["scenes", str(script), "--media", str(tmp_path / "media")])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line[:2].isdigit()}
    assert "title card" in lines["00-a-short-trip"]
    assert "clock 7:30 am" in lines["01-at-7-30-am"] and "travel Home → Airport by car" in lines["01-at-7-30-am"]
    assert "counter $420" in lines["02-the-ticket-cost-420"] and "feeling happy" in lines["02-the-ticket-cost-420"]
    assert "icons" in lines["03-i-like-cats"]


def test_a_render_sees_the_plan_the_build_made(tmp_path: Path) -> None:
    """A scene render reads a job manifest (its paragraph and its neighbours): it must make
    the plan that the build listed and keyed the render cache with."""
    import json

    from dayinlife_manim.farm.pool import job_manifest
    from dayinlife_manim.manifest import load_manifest
    from dayinlife_manim.text.script import parse_script
    from dayinlife_manim.voices.silent import SilentVoice
    from dayinlife_manim.voices.voiceover import make_voiceover

    texts = ["We start at 6 am.", "The bus comes at 7 am.", "School begins at 8 am.", "I like cats.", "I like dogs."]
    manifest, _ = make_voiceover(parse_script("Times\n\n" + "\n\n".join(texts) + "\n", "t"), SilentVoice(), tmp_path)
    manifest = load_manifest(tmp_path / manifest.slug / "manifest.json")
    stories = []
    for para in manifest.paragraphs:
        job = tmp_path / f"job-{para.id}.json"
        job.write_text(json.dumps(job_manifest(manifest, para)), encoding="utf-8")
        seen = load_manifest(job)
        assert AutoScene.story(seen, seen.paragraph(para.id)) == AutoScene.story(manifest, para)
        stories.append(AutoScene.plan_for(manifest, para).layout)
    assert all(a != b for a, b in zip(stories, stories[1:])), stories


def test_a_finished_wait_fills_the_bar_at_once() -> None:
    s, beat = score(ProgressBeat, "The model has finished training.")
    assert s > 0 and beat.over and beat.describe() == "progress (done)"
    s, beat = score(ProgressBeat, "The model is still training on the GPU.")
    assert s > 0 and not beat.over
    s, beat = score(ProgressBeat, "The upload is 80% done.")
    assert not beat.over and beat.target == 0.8
