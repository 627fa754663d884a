"""Icons and headlines chosen from a paragraph's words (no rendering)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dayinlife_manim.autoscene.keywords import (
    FALLBACK_ICON,
    FALLBACK_QUESTION_ICON,
    curated_map,
    family,
    headline_for,
    match_icons,
    pick_icons,
    word_forms,
)
from dayinlife_manim.text.script import load_script
from dayinlife_manim.visuals import has_icon

SEED = Path(__file__).resolve().parent.parent / "examples" / "a_day_in_life.txt"


@pytest.fixture(scope="module")
def seed() -> dict[int, str]:
    return {p.index: p.text for p in load_script(SEED).paragraphs}


# -- seed paragraphs --------------------------------------------------------------


@pytest.mark.parametrize(
    "index, expected",
    [
        (1, {"clock-outline", "heart", "sleep"}),  # 11 o'clock, passion, sleeps
        (2, {"briefcase", "bus", "cash-multiple"}),  # profession, commuting, earn money
        (3, {"ice-cream", "face-recognition", "robot", "brain"}),  # ice cream, face recognition, AI, ML
        (5, {"pool", "swim"}),  # cool off in the pool
        (7, {"code-braces", "carrot"}),  # coding, vegetables
        (8, {"tune-vertical", "robot", "mushroom", "currency-usd"}),  # fine-tuning, AI, mushroom farm
        (9, {"handshake"}),  # the meetings
        (11, {"shower-head", "account-tie", "clipboard-text"}),  # shower, product manager, assignments
        (12, {"mushroom", "emoticon-angry", "cookie"}),  # mushroom farm, angry, cookie jar
        (13, {"bank", "cash-multiple"}),  # money, bank account
        (14, {"mushroom", "code-braces", "barn"}),  # code, mushroom farms
    ],
)
def test_seed_paragraph_icons_make_sense(seed, index: int, expected: set[str]) -> None:
    icons = pick_icons(seed[index])
    assert set(icons) & expected, f"paragraph {index}: {icons}, expected one of {sorted(expected)}"


def test_pool_and_ice_cream(seed) -> None:
    assert "pool" in pick_icons(seed[5])
    assert "ice-cream" in pick_icons(seed[3])
    assert "mushroom" in pick_icons(seed[12])


def test_every_seed_paragraph_gets_real_icons(seed) -> None:
    for index, text in seed.items():
        icons = pick_icons(text)
        assert 1 <= len(icons) <= 3
        assert FALLBACK_ICON not in icons, f"paragraph {index} fell back: {text[:60]}"


# -- word forms ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, base",
    [
        ("mushrooms", "mushroom"),
        ("boxes", "box"),
        ("berries", "berry"),
        ("knives", "knife"),
        ("running", "run"),
        ("baking", "bake"),
        ("coding", "code"),
        ("walked", "walk"),
        ("stopped", "stop"),
        ("studied", "study"),
        ("children", "child"),
        ("bikes", "bike"),
    ],
)
def test_word_forms(word: str, base: str) -> None:
    assert base in word_forms(word)
    assert word_forms(word)[0] == word  # the word itself is tried first


def test_stemmer_never_makes_tiny_stems() -> None:
    assert all(len(f) >= 3 for f in word_forms("added"))  # not "ad" (advertising)


@pytest.mark.parametrize(
    "text, slug",
    [
        ("I grow mushrooms in the basement.", "mushroom"),
        ("Two pizzas, please.", "pizza"),
        ("We ate three ice creams on the beach.", "ice-cream"),
        ("Face recognition is everywhere now.", "face-recognition"),
        ("Our cats sleep all day.", "cat"),
        ("She was swimming for an hour.", "swim"),
        ("The meeting ran late.", "handshake"),
        ("Coffee first, always.", "coffee"),
        ("The bus was late again.", "bus"),
        ("Python is my favourite language.", "snake"),
        ("The rocket launched at dawn.", "rocket-launch"),
        ("My guitar is out of tune.", "guitar-acoustic"),
        ("Meet me at 7:30 pm by the fountain.", "clock-outline"),
    ],
)
def test_words_and_phrases_find_their_icon(text: str, slug: str) -> None:
    assert slug in pick_icons(text)


def test_words_are_reported_as_written() -> None:
    [m] = [m for m in match_icons("We ate three Ice Creams today.") if m.slug == "ice-cream"]
    assert m.words == "Ice Creams" and m.keyword == "ice cream"
    assert "We ate three Ice Creams today."[m.start :].startswith(m.words)


# -- choice ----------------------------------------------------------------------------


def test_fallback_when_nothing_matches() -> None:
    assert pick_icons("Über die Brücke gehen wir morgen.") == [FALLBACK_ICON]
    assert pick_icons("") == [FALLBACK_ICON]
    assert pick_icons("42 17 99") == [FALLBACK_ICON]
    assert pick_icons("Und warum nicht?") == [FALLBACK_QUESTION_ICON]
    assert match_icons("zzz qqq")[0].words == ""


def test_stop_words_never_choose() -> None:
    assert pick_icons("It is what it is, and so on, and so forth, because we would.") == [FALLBACK_ICON]
    assert "bullhorn" not in pick_icons("He added a fraction of the year.")  # "added" is not "ad"


def test_at_most_k_and_at_least_one() -> None:
    text = "Coffee, pizza, a laptop, the pool, a rocket, mushrooms, a dog, a cat and a bicycle."
    for k in (1, 2, 3, 5):
        icons = pick_icons(text, k)
        assert 1 <= len(icons) <= k
    assert len(pick_icons(text, 3)) == 3
    assert pick_icons(text, 0) and len(pick_icons(text, 0)) == 1


def test_no_duplicates_or_near_duplicates() -> None:
    texts = [
        "The account, my account, your account and every account outline.",
        "Money, cash, salary and more money: money everywhere.",
        "Home, house, home sweet home, the home city.",
        "Food, food, food: apples, burgers and a food truck.",
    ]
    for text in texts:
        icons = pick_icons(text, 3)
        assert len(icons) == len(set(icons))
        assert len({family(s) for s in icons}) == len(icons), icons
    assert family("account-outline") == family("account") == family("account-group")


def test_distinctive_words_win() -> None:
    # "time" and "day" are common; the mushroom is what this is about.
    assert pick_icons("Every day, at this time, I think about mushrooms.", 1) == ["mushroom"]
    # Repetition counts.
    assert pick_icons("A dog. Then a cat. Then the cat again, and the cat once more.", 1) == ["cat"]


def test_all_returned_slugs_exist_and_avoid_weak_variants(seed) -> None:
    texts = list(seed.values()) + [
        "I love <b>bold</b> text & {curly} braces in my HTML & CSS code.",
        "WE ARE GOING TO THE BEACH TOMORROW AND IT WILL BE AMAZING.",
        "Account settings, calendar outline and a phone off the hook.",
        "🍕 and ☕ for breakfast",
    ]
    for text in texts:
        for m in match_icons(text):
            assert has_icon(m.slug), m.slug
            if m.words:  # the neutral fallback is an outline icon on purpose
                assert not m.slug.endswith(("-off", "-remove")), (text, m.slug)


def test_no_deprecated_brand_icons() -> None:
    import material_design_icons_pack as mdi

    text = "I use docker, git, github, android, apple, python, windows, linux and slack every day at work."
    for slug in pick_icons(text, 3):
        assert not getattr(mdi, slug.upper().replace("-", "_")).deprecated, slug


def test_curated_map_points_at_real_icons() -> None:
    table = curated_map()
    assert len(table) > 300
    for word, slug in table.items():
        assert has_icon(slug), (word, slug)
    for word in ("coffee", "code", "python", "laptop", "money", "meeting", "sleep", "book", "idea", "data",
                 "chart", "cloud", "robot", "brain", "car", "home", "food", "music", "time", "clock", "rain",
                 "sun", "city", "school", "doctor", "phone", "email", "bug", "rocket", "team", "heart"):
        assert word in table, word


def test_emoji_choose_icons() -> None:
    assert "pizza" in pick_icons("🍕 tonight")


def test_a_huge_paragraph_is_fast() -> None:
    import time

    text = SEED.read_text(encoding="utf-8") * 30
    start = time.perf_counter()
    assert len(pick_icons(text)) == 3
    assert headline_for(text)
    assert time.perf_counter() - start < 3.0


# -- headlines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, headline",
    [
        ("Machine Learning is a booming field, the great and terrible AI is everywhere.", "Machine Learning"),
        ("The secret to success in this profession is quite simple - sit down.", "The Secret to Success"),
        ("Remember to keep your back straight and your elbows bent at a right angle.", "Keep Your Back Straight"),
        ("Hello.", "Hello"),
        ("Sometimes you have to attend them… the meetings.", "The Meetings"),
        ("WE ARE GOING TO THE BEACH TOMORROW AND IT WILL BE AMAZING.", "The Beach Tomorrow"),
        ("Why do we sleep? Nobody knows.", "Why Do We Sleep"),
        ("I love <b>bold</b> text & {curly} braces.", "I Love Bold Text"),
        ("The price rose 45% to $1,299.99 at 7:30 pm.", "The Price Rose 45%"),
        ("Well, another day has passed.", "Another Day Has Passed"),
    ],
)
def test_headlines(text: str, headline: str) -> None:
    assert headline_for(text) == headline


@pytest.mark.parametrize(
    "text",
    [
        "A Day in the Life of a Python Machine Learning Engineer.",
        "My profession and the ability to work and earn money from home give obvious perks.",
        "Supercalifragilisticexpialidociousness is a very long word indeed.",
        "Über die Brücke gehen wir morgen früh zum Bäcker, um Brötchen zu kaufen.",
        "<script>alert('x')</script> & {{ template }} [link](http://example.com) **bold**",
        "我们今天去公园散步。",
        "x",
        "42",
        " ".join(["word"] * 400),
    ],
)
def test_headline_limits(text: str) -> None:
    h = headline_for(text)
    assert h and len(h) <= 32 and len(h.split()) <= 5
    assert h == h.strip() and h[-1] not in ".,;:!?-"
    assert not any(ch in h for ch in "<>{}[]*_`#")


def test_headline_max_words() -> None:
    assert len(headline_for("One two three four five six seven eight nine.", max_words=3).split()) <= 3


def test_empty_headline() -> None:
    assert headline_for("") == ""
    assert headline_for("...") == ""
    assert headline_for("<b></b>") == ""


def test_headline_keeps_acronyms_and_brands() -> None:
    assert headline_for("My years in IT went by fast.").endswith("IT")
    assert "iPhone" in headline_for("The iPhone changed phones.")


# -- senses from neighbouring words -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, present, absent",
    [
        ("I click the mouse and my laptop wakes up.", "mouse", "rodent"),
        ("A mouse ran across the kitchen and the cat chased it.", "rodent", "mouse"),
        ("The bar chart shows our sales.", "chart-bar", "glass-cocktail"),
        ("We met at the bar for a drink.", "glass-cocktail", "chart-bar"),
        ("We train the model on the GPU overnight.", "brain", "train"),
        ("I take the train to work.", "train", "brain"),
        ("A bug crawled on the leaf.", "ladybug", "bug"),
        ("I fix a bug in the code.", "bug", "ladybug"),
    ],
)
def test_neighbours_choose_the_sense(text: str, present: str, absent: str) -> None:
    icons = pick_icons(text)
    assert present in icons and absent not in icons, icons


def test_a_progress_bar_is_no_pub() -> None:
    assert "glass-cocktail" not in pick_icons("The progress bar is stuck again.")


def test_headlines_keep_numbers_whole() -> None:
    assert headline_for("At 7:30 pm I paid $4,242 for the tickets.") == "At 7:30 pm"
