"""The narrator's reading: what the voice is given for numbers, money, units, dates, names and links."""

from __future__ import annotations

import pytest
from conftest import piper_installed

from dayinlife_manim.text.reading import cardinal, guess_language, ordinal, read_aloud, read_words
from dayinlife_manim.text.script import parse_script, split_sentences
from dayinlife_manim.text.wordtiming import display_words

CASES = [
    ("It costs $1,299.99 today.", "It costs one thousand two hundred ninety-nine dollars and ninety-nine cents today."),
    ("Only $1 left.", "Only one dollar left."),
    ("A €1.2k budget.", "A one point two thousand euros budget."),
    ("It is £5.", "It is five pounds."),
    ("They raised $3 million.", "They raised three million dollars."),
    ("Sales rose 15%.", "Sales rose fifteen percent."),
    ("It takes 3-5 days.", "It takes three to five days."),
    ("From 2020-2024 we grew.", "From twenty twenty to twenty twenty-four we grew."),
    ("Dr. Smith arrived at 9 a.m. on Jan. 5th, 2024.", "Doctor Smith arrived at nine a m on January fifth, twenty twenty-four."),
    ("Meet at 4:45 p.m. sharp.", "Meet at four forty-five p m sharp."),
    ("Dinner at 18:30.", "Dinner at eighteen thirty."),
    ("Wake at 7am.", "Wake at seven a m."),
    ("The shop opens by 7:30 a.m.", "The shop opens by seven thirty a m."),
    ("She moved to the U.S.", "She moved to the U S."),
    ("Add 1.3 kg of flour.", "Add one point three kilograms of flour."),
    ("Bake at 180°C.", "Bake at one hundred eighty degrees Celsius."),
    ("Or 350°F.", "Or three hundred fifty degrees Fahrenheit."),
    ("Pour 250 ml of milk and 1 l of water.", "Pour two hundred fifty milliliters of milk and one liter of water."),
    ("Drive 5 km at 30 mph.", "Drive five kilometers at thirty miles per hour."),
    ("It needs 750 MB and 16GB.", "It needs seven hundred fifty megabytes and sixteen gigabytes."),
    ("A 3.2GHz chip.", "A three point two gigahertz chip."),
    ("Fix bug #42.", "Fix bug number forty-two."),
    ("Install 2.0.1 now.", "Install two point oh point one now."),
    ("Add ½ cup.", "Add one half cup."),
    ("Wait 1½ hours.", "Wait one and a half hours."),
    ("Mr. and Mrs. Lee met Prof. Kay.", "Mister and Missus Lee met Professor Kay."),
    ("Cats vs. dogs, e.g. Rex, i.e. mine, etc.", "Cats versus dogs, for example Rex, that is mine, et cetera."),
    ("He lives on Elm St. near St. Mary.", "He lives on Elm Street near Saint Mary."),
    ("The U.S. team won.", "The U S team won."),
    ("Open https://example.com/guide today.", "Open example dot com slash guide today."),
    ("Visit www.my-site.io now.", "Visit w w w dot my dash site dot io now."),
    ("Mail anna.lee@example.org today.", "Mail anna dot lee at example dot org today."),
    ("It was -5 degrees.", "It was minus five degrees."),
    ("We hired 1,200 people.", "We hired one thousand two hundred people."),
    ("In the 1990s, in my 20s.", "In the nineteen nineties, in my twenties."),
    ("It was $0.99.", "It was ninety-nine cents."),
    ("A $1.5M deal.", "A one point five million dollars deal."),
    ("Growth of 10-20% yearly.", "Growth of ten to twenty percent yearly."),
    ("I walk 10k steps.", "I walk ten thousand steps."),
    ("Call 555-1234 now.", "Call five five five, one two three four now."),
    ("He scored 9/10.", "He scored nine out of ten."),
    ("We met on 3/4/2024.", "We met on March fourth, twenty twenty-four."),
    ("See you on Main St.", "See you on Main Street."),
    ("I was born in 1987.", "I was born in nineteen eighty-seven."),
    ("There were 2024 people.", "There were two thousand twenty-four people."),
    ("Lunch at 12:00 p.m. or 5:00.", "Lunch at twelve p m or five o'clock."),
    ("The 3rd and 22nd.", "The third and twenty-second."),
    ("Open 24/7.", "Open twenty-four seven."),
]


@pytest.mark.parametrize(
    "number, words, nth",
    [
        (0, "zero", "zeroth"), (12, "twelve", "twelfth"), (21, "twenty-one", "twenty-first"),
        (40, "forty", "fortieth"), (101, "one hundred one", "one hundred first"),
        (1299, "one thousand two hundred ninety-nine", "one thousand two hundred ninety-ninth"),
        (2_000_003, "two million three", "two million third"),
    ],
)
def test_number_words(number, words, nth):
    assert cardinal(number) == words and ordinal(number) == nth


@pytest.mark.parametrize("shown, said", CASES)
def test_a_narrator_reads_it_as_a_person_says_it(shown, said):
    assert read_aloud(shown) == said


def test_the_displayed_text_is_unchanged_and_both_forms_are_kept():
    script = parse_script("Prices\n\nThe bag costs $1,299.99 and weighs 1.3 kg.\n")
    sentence = script.paragraphs[1].sentences[0]
    assert sentence.text == "The bag costs $1,299.99 and weighs 1.3 kg."
    assert "dollars and ninety-nine cents" in sentence.spoken and "kilograms" in sentence.spoken
    assert "$" not in sentence.spoken


def test_one_displayed_word_owns_all_its_spoken_words():
    words = display_words("It costs $1,299.99 today.")
    assert [w.text for w in words] == ["It", "costs", "$1,299.99", "today."]
    assert words[2].spoken == "one thousand two hundred ninety-nine dollars and ninety-nine cents"
    # one spoken string per displayed word, so word cues stay on the displayed words
    assert len(read_words("Dr. Smith at 9 a.m.".split())) == 5


def test_the_splitter_keeps_abbreviations_inside_the_sentence():
    assert split_sentences("Dr. Smith arrived at 9 a.m. on Jan. 5th. Then he left.") == [
        "Dr. Smith arrived at 9 a.m. on Jan. 5th.",
        "Then he left.",
    ]
    assert split_sentences("Ask Mr. Lee vs. Mrs. Lee, e.g. Tom. Done.") == ["Ask Mr. Lee vs. Mrs. Lee, e.g. Tom.", "Done."]


def test_a_script_in_another_language_is_read_as_written():
    script = parse_script("Le matin\n\nJe bois un café à 7:30 et je paie 5 € pour le pain de la boulangerie.\n")
    assert script.reading is None
    assert "7:30" in script.paragraphs[1].spoken
    assert guess_language("The morning starts with a coffee and the news.") == "en"




@pytest.mark.piper
@pytest.mark.skipif(not piper_installed(), reason="the offline extra (piper) is not installed")
def test_real_piper_says_words_not_symbols():
    """What piper is given (the spoken form) phonemizes to no "asterisk", "dollar one" or "hash"."""
    from dayinlife_manim.voices import get_voice
    from dayinlife_manim.voices.piper import _flatten, _load

    script = parse_script("# Shop\n\nBuy **milk** for $1,299.99 at example.com, fix bug #42.\n", markdown=True)
    spoken = script.paragraphs[1].spoken
    voice = get_voice("piper")
    engine = _load(str(voice.model), str(voice.config))
    said = "".join(_flatten(engine.phonemize(spoken)))

    def phonemes(text: str) -> str:
        return "".join(_flatten(engine.phonemize(text)))

    for bad in ("asterisk", "dollar one", "hash", "dot com"):
        if bad == "dot com":
            assert phonemes(bad) in said  # the address is said as a person says it
        else:
            assert phonemes(bad) not in said, bad
    assert phonemes("ninety-nine cents") in said and phonemes("number forty-two") in said
