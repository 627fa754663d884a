"""AutoScene's stories: the narrator's verbs, the shots and places, props on their words, and a render."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import shown_frames
from manim import Transform

from dayinlife_manim.autoscene import AutoScene
from dayinlife_manim.autoscene.director import split_stage
from dayinlife_manim.autoscene.narrator import ACTIONS, POSES, Figure, actions_in, look_for, others_in, told_by_narrator
from dayinlife_manim.autoscene.places import PLACES, PROPS, place, prop
from dayinlife_manim.autoscene.story import gerund, plan_story, props_in
from dayinlife_manim.manifest import load_manifest
from dayinlife_manim.render.render import render_scene
from dayinlife_manim.render.settings import RenderSettings
from dayinlife_manim.text.script import parse_script
from dayinlife_manim.visuals.theme import DEFAULT_THEME
from dayinlife_manim.voices.silent import SilentVoice
from dayinlife_manim.voices.voiceover import make_voiceover

# -- the verbs ---------------------------------------------------------------------------------


def _acts(text: str) -> list[tuple[str, str]]:
    return [(a.words, a.shown) for a in actions_in(text)]


def test_a_verb_picks_the_action() -> None:
    assert _acts("I walk to the station.") == [("walk", "walk")]
    assert _acts("Yesterday I ran home and slept.") == [("ran", "run"), ("slept", "sleep")]
    assert _acts("We drove to the lake and swam.")[0][1] == "drive"


def test_negation_and_imagination() -> None:
    # "I am not angry" is not angry; "I would be angry" is only imagined (the narrator thinks of it).
    assert _acts("I am not angry.") == [("angry", "stand")]
    assert _acts("I cannot sleep.") == [("sleep", "stand")]
    assert _acts("Otherwise I would be very angry.") == [("angry", "think")]
    assert _acts("I am angry.") == [("angry", "angry")]


def test_someone_else_does_it() -> None:
    (a,) = actions_in("Our manager had an idea while he was taking a shower.")[-1:]
    assert a.name == "shower" and a.other
    assert not actions_in("I was taking a shower.")[0].other


def test_a_name_is_not_a_verb() -> None:
    assert all(a.words != "Learning" for a in actions_in("Machine Learning is a booming field."))


def test_a_thing_named_like_a_verb_is_not_an_action() -> None:
    assert _acts("Grab a large bowl, a whisk and a ladle.") == []
    assert _acts("Whisk the eggs, then I go for a long walk.") == [("Whisk", "eat"), ("walk", "walk")]
    assert _acts("By seven the trains are full and office workers read the news.") == [("read", "read")]


def test_sitting_is_working_only_at_a_desk() -> None:
    at_desk = plan_story("You need to sit in a chair and do what you love.")
    assert "act:type" in at_desk.kinds and at_desk.shots[0].place == "desk"
    breakfast = plan_story("Pour yourself a cup of coffee, sit down, and enjoy breakfast with your family.")
    assert [s.place for s in breakfast.shots] == ["kitchen"] and "act:type" not in breakfast.kinds


def test_others_in() -> None:
    (o,) = others_in("A brilliant idea visited our product manager.")
    assert o.words == "product manager" and not o.child
    assert others_in("I read a story to my daughter.")[0].child


def test_told_by_narrator() -> None:
    assert told_by_narrator(["I wake up. I make coffee. My dog barks. We walk to the park and I read."])
    assert not told_by_narrator(["The heart pumps blood. Arteries carry it away, veins bring it back."])


def test_gerunds() -> None:
    assert [gerund(w) for w in ("commute", "trains", "ran", "sit", "swim", "finished", "study", "cooling", "drive")] == [
        "commuting", "training", "running", "sitting", "swimming", "finishing", "studying", "cooling", "driving"]


# -- shots and props -----------------------------------------------------------------------------


def test_the_story_moves_to_another_place() -> None:
    text = "I walk to the station every morning. Then I drive to the office and sit at my desk typing emails."
    story = plan_story(text)
    places = [s.place for s in story.shots]
    assert places[0] == "street" and "car" in places and places[-1] == "desk"
    # Each shot starts later than the one before, and every event is in the text.
    assert [s.start for s in story.shots] == sorted(s.start for s in story.shots)
    for shot in story.shots:
        for e in shot.events:
            assert text[e.at : e.at + len(e.words)] == e.words


def test_headline_names_the_story_not_its_first_words() -> None:
    story = plan_story("White my model is training, in the meantime, I can quickly cool off in the pool.")
    assert story.headline == "Cooling off in the pool"
    assert plan_story("Sometimes you have to attend them... the meetings. What has been done, what else can be done.").headline == "Meetings"
    # Two things named, too long together for a headline: the first, never half of the second.
    long = plan_story("Artificial Intelligence is everywhere: from ice cream sales to face recognition.", narrator=False)
    assert long.headline in ("Artificial intelligence", "Artificial intelligence & ice cream"), long.headline


def test_the_bar_completes_when_the_text_says_it_finished() -> None:
    events = props_in("My model is training. The model has finished training.")
    cues = [(e.name, e.cue) for e in events]
    assert cues[0] == ("progress", "run") and ("progress", "done") in cues
    # "finished" with nothing running is no progress bar.
    assert not [e for e in props_in("I finished my lunch.") if e.name == "progress"]


def test_a_progress_beat_whose_work_finished_is_full() -> None:
    from dayinlife_manim.autoscene.builtin import ProgressBeat

    done, running = ProgressBeat(), ProgressBeat()
    assert done.matches("The model has finished training, and I am satisfied.") and done.finished and done.target == 1.0
    assert running.matches("My model is training, so I cool off in the pool.") and not running.finished
    not_yet = ProgressBeat()
    assert not_yet.matches("The model has not finished training yet.") and not not_yet.finished


def test_props_read_their_numbers() -> None:
    clock = next(e for e in props_in("My alarm rings at 6:30 am.") if e.cue == "time")
    assert clock.data["hour"] == pytest.approx(6.5)
    money = next(e for e in props_in("The budget is 800 dollars.") if e.name == "money")
    assert money.data["amount"] == 800
    day = next(e for e in props_in("On Friday I rest.") if e.name == "calendar")
    assert (day.data["today"], day.data["tomorrow"]) == ("FRI", "SAT")


def test_a_shot_holds_at_most_two_props() -> None:
    story = plan_story("I check the clock at 7 am, count my money in the bank, tick my checklist of tasks, "
                       "then open the cookie jar and look at the sales chart growing.")
    assert len(story.shots) >= 2
    assert all(len(s.props) <= 2 for s in story.shots)


# -- drawings ------------------------------------------------------------------------------------


def _shape(mob) -> list[int]:
    return [len(m.points) for m in mob.get_family()]


def test_every_pose_has_the_same_parts_so_poses_morph() -> None:
    parts = {len(Figure(name).get_family()) for name in POSES}
    assert len(parts) == 1
    fig = Figure("stand")
    anim = fig.morph("type_a")
    assert isinstance(anim, Transform)
    # Sitting lowers the hip onto the chair: the head comes down, the hip point stays.
    standing, sitting = Figure("stand", anchor=[0, 0, 0]), Figure("type_a", anchor=[0, 0, 0])
    assert sitting.head.get_y() < standing.head.get_y()
    for action, poses in ACTIONS.items():
        assert all(p in POSES for p in poses), action


def test_the_look_is_one_per_video() -> None:
    assert look_for("A Day in the Kitchen", DEFAULT_THEME) == look_for("A Day in the Kitchen", DEFAULT_THEME)


def test_places_and_props_stay_in_their_regions() -> None:
    stage = DEFAULT_THEME.stage
    area, cells = split_stage(stage, 2)
    for name in PLACES:
        p = place(name, area, DEFAULT_THEME)
        assert p.get_top()[1] <= stage.top + 1e-3 and p.get_bottom()[1] >= stage.bottom - 1e-3, name
        assert p.get_left()[0] >= stage.left - 1e-3 and p.get_right()[0] <= stage.right + 1e-3, name
    for name in PROPS:
        pr = prop(name, cells[0], DEFAULT_THEME, slug="coffee", label="coffee", items=["a", "b"])
        assert cells[0].contains(pr.mob, tolerance=0.02), name


# -- rendered ------------------------------------------------------------------------------------

SCRIPT = """A Test Morning

My alarm rings at 7 am and I walk to the station. Then I drive to the office, sit at my desk and type. \
At noon we eat lunch and I am not angry at all.
"""


def _moving(frames: list[np.ndarray]) -> float:
    h = frames[0].shape[0]
    band = [f[int(0.1 * h) : int(0.58 * h)].mean(axis=2) for f in frames]
    moving = [np.mean(np.abs(b - a) > 12) > 0.0005 for a, b in zip(band, band[1:])]
    return float(np.mean(moving))


@pytest.mark.slow
def test_a_narrated_paragraph_renders_with_motion(tmp_path: Path) -> None:
    manifest, _ = make_voiceover(parse_script(SCRIPT, "story"), SilentVoice(), tmp_path / "voice")
    path = tmp_path / "voice" / manifest.slug / "manifest.json"
    manifest = load_manifest(path)
    plan = AutoScene.plan_for(manifest, manifest.paragraph(1))
    assert plan.story is not None and len(plan.story.shots) >= 2
    settings = RenderSettings.from_options("tiny", "16:9")
    out = render_scene(AutoScene, manifest=path, paragraph="01", out=tmp_path / "s.mp4", settings=settings, workdir=tmp_path / "w")
    frames, fps = shown_frames(out)
    assert abs(len(frames) / fps - manifest.paragraph(1).duration) <= 1 / fps + 1e-9
    assert _moving(frames) >= 0.3
    last = frames[-1].reshape(-1, 3).astype(np.int16)
    assert np.abs(last - np.median(last, axis=0)).max() <= 3  # it ends on the bare background


def test_the_whole_script_decides_the_narrator_from_the_folder_the_build_ran_in(tmp_path, monkeypatch) -> None:
    """A relative script path is the build's, from its folder (where scene processes run too),
    not the manifest's: every scene then sees the whole script, not only its neighbours."""
    from types import SimpleNamespace

    from dayinlife_manim.autoscene.scene import _script_texts

    (tmp_path / "talks").mkdir()
    (tmp_path / "talks" / "day.md").write_text("# Day\n\nI wake. I run. I eat. I sleep.\n", encoding="utf-8")
    manifest = SimpleNamespace(script_path="talks/day.md", root=tmp_path / "media" / "day", paragraphs=())
    monkeypatch.chdir(tmp_path)
    assert _script_texts(manifest) == ("# Day\n\nI wake. I run. I eat. I sleep.\n",)
