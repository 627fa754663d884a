"""The script model: a plain-text narration script as title, paragraphs and sentences.

A script is UTF-8 text whose paragraphs are separated by blank lines.  The
first block is the title when it is one short line (or a Markdown heading)
followed by more text; otherwise the title comes from the file name.

Every sentence carries two texts: what the viewer reads (:func:`display_text`,
without emoji, which the fonts cannot draw in colour) and what the voice engine says
(:func:`spoken_text`, without markup and symbols engines read badly).

Everything here is linear in the size of the script: a paragraph of several
thousand words parses in milliseconds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

from ..core.errors import UserError
from .directives import MARKERS, Directive, extract_directives, marker_index
from .frontmatter import FrontMatter, split_front_matter
from .markdown import CLOSE_OF, CLOSERS, OPENERS, STYLE_OF, is_markdown, parse_markdown
from .reading import NO_SPLIT_ABBREVIATIONS, guess_language, read_words
from .writing import CJK_STOPS, SENTENCE_STOPS, word_count

# --- limits and character classes --------------------------------------------

TITLE_MAX_WORDS = 12
TITLE_MAX_CHARS = 100
ID_SLUG_WORDS = 4
ID_SLUG_CHARS = 40
BINARY_CONTROL_SHARE = 0.10  # files with more control bytes than this are binary

_TERMINATORS = SENTENCE_STOPS  # ".?!…" and "。！？", the danda "।", Arabic "؟"...
_CLOSERS = "\"'”’»)]}」』）】〕〉》" + CLOSERS
_OPENERS = "\"'“‘«([{¿¡「『（【〔〈《„" + OPENERS
# Inside a token, after a CJK full stop (and its closing quotes) that more text follows: "。" needs no space.
_STOP, _CLOSE = re.escape(CJK_STOPS), re.escape(_CLOSERS)
_HAS_CJK_STOP = re.compile(f"[{_STOP}]")
_CJK_SENTENCE_END = re.compile(rf"(?<=[{_STOP}])(?=[^{_STOP}{_CLOSE}])|(?<=[{_STOP}][{_CLOSE}])(?=[^{_CLOSE}])")

# Abbreviations that never end a sentence (compared lowercased, final "." removed).
# "etc." and "a.m."/"p.m." are deliberately absent: they end a sentence when a
# capitalised word follows, and the lowercase rule keeps them inside one otherwise.
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "sr", "st", "vs", "e.g", "i.e", "cf", "approx", "fig"}
) | NO_SPLIT_ABBREVIATIONS

_EMOJI = re.compile(
    "["
    "\U0001F000-\U0001FAFF"  # pictographs, emoticons, flags (regional indicators), skin tones
    "\u2600-\u27BF"  # misc symbols and dingbats
    "\u231A\u231B\u23E9-\u23FA\u2B1B\u2B1C\u2B50\u2B55"  # emoji outside those blocks
    "\uFE00-\uFE0F"  # variation selectors
    "\u200D"  # zero-width joiner
    "\u20E3"  # combining keycap
    "\U000E0020-\U000E007F"  # tag characters (subdivision flags)
    "]"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WHITESPACE = re.compile(r"\s+")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_UNSPOKEN = re.compile(r"[*_#~`|^\\{}\[\]<>/]")
_DASH = re.compile("[—–]")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?]+)(?=\s|$)")
_REPEATED_COMMA = re.compile(r",(?:\s*,)+")
_LEADING_PAUSE = re.compile(r"^[\s,;:]+")
_SPEAKABLE = re.compile(r"[^\W_]")

_HEADING = re.compile(r"^#+\s+")
_INITIALISM = re.compile(r"^(?:[A-Z]\.)*[A-Z]$")  # "J", "U.S", "U.K" (final "." removed)
_NUMBER = re.compile(r"^\d+$")
_LINE_BREAK = re.compile(r"\r\n?")


# --- the model ------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text`` is shown on screen, ``spoken`` is given to the voice.

    ``spans`` are emphasised stretches of ``text`` as (start, end, style) character
    offsets, style "strong", "em" or "code" (Markdown's ``**``, ``*`` and backticks);
    ``pauses`` (offset, seconds) and ``shows`` (offset, name) are the inline
    ``[pause 1.5s]`` and ``[show NAME]`` directives, at the offset of the word that
    follows them (``len(text)`` at the end).
    """

    text: str
    spoken: str
    spans: tuple[tuple[int, int, str], ...] = ()
    pauses: tuple[tuple[int, float], ...] = ()
    shows: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A block of the script; narrated as one audio clip and shown as one scene."""

    index: int
    id: str
    kind: str  # "title", "paragraph"; in Markdown scripts also "list", "quote" or "code"
    sentences: tuple[Sentence, ...]
    section: str = ""  # the Markdown ``##`` heading it falls under
    items: tuple[str, ...] = ()  # a list's items (displayed text); a code block's lines

    @property
    def text(self) -> str:
        """The displayed text of the whole paragraph."""
        return " ".join(s.text for s in self.sentences)

    @property
    def spoken(self) -> str:
        """The spoken text of the whole paragraph."""
        return " ".join(s.spoken for s in self.sentences)

    @property
    def words(self) -> int:
        """Number of spoken words (characters, for scripts written without spaces)."""
        return word_count(self.spoken)


@dataclass(frozen=True)
class Script:
    """A parsed script; ``paragraphs`` starts with the title paragraph when there is one."""

    title: str
    paragraphs: tuple[Paragraph, ...]
    slug: str
    sha256: str
    path: Path | None = None
    markdown: bool = False  # read as Markdown
    reading: str | None = None  # the language whose reading rules made the spoken text (None: as written)
    directives: tuple[Directive, ...] = ()  # every [pause]/[show] in the order written
    #: The front matter block's keys, as written (``options.resolve`` checks them).
    front_matter: FrontMatter = field(default_factory=FrontMatter, compare=False)
    #: Word -> how to say it (``text/pronounce.py``), and what changes the scenes' look
    #: (``("captions", "sentence")``, ``("theme.background", "#ffffff")``): set from the resolved options.
    pronounce: tuple[tuple[str, str], ...] = ()
    style: tuple[tuple[str, str], ...] = ()

    @property
    def sentence_count(self) -> int:
        return sum(len(p.sentences) for p in self.paragraphs)


# --- public functions -------------------------------------------------------------


def load_script(path: str | Path) -> Script:
    """Read, check and parse the script at ``path``.

    Raises :class:`UserError` with a one-line message naming the file when it
    is missing, a directory, empty, binary, not UTF-8, or has nothing to say.
    """
    path = Path(path)
    if path.is_dir():
        raise UserError(f"{path}: is a directory, expected a text script")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if not data.strip():
        raise UserError(f"{path}: the script is empty")
    if _looks_binary(data):
        raise UserError(f"{path}: looks like a binary file, not a text script")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_number(data, exc.start)
        raise UserError(f"{path}: not valid UTF-8 (line {line}); save it as UTF-8") from None
    if not text.lstrip("\ufeff").strip():
        raise UserError(f"{path}: the script is empty (only whitespace)")
    script = _build(text, name=path.stem, label=str(path), path=path)
    return replace(script, sha256=hashlib.sha256(data).hexdigest(), path=path)


def find_scripts(paths: Sequence[Path]) -> list[Path]:
    """Script files from the command line: files as given, folders as their ``*.txt`` and ``*.md`` files (sorted)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for suffix in ("*.txt", "*.md") for p in path.glob(suffix) if p.is_file())
            if not inside:
                raise UserError(f"no .txt scripts (nor .md) in folder {path}")
            found.extend(inside)
        else:
            found.append(path)
    if not found:
        raise UserError("no script given")
    return found


def parse_script(text: str, name: str = "script", markdown: bool | None = None) -> Script:
    """Parse script ``text``; ``name`` (e.g. a file stem) gives the title when the text has none.

    ``markdown``: read it as Markdown (None: when it clearly uses Markdown).
    """
    script = _build(text, name=name, label=name, markdown=markdown)
    return replace(script, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


def script_line(script: Script, text: str) -> str:
    """Where ``text`` (shown text of a sentence) is in ``script``: "FILE, line N", or "script" when unknown."""
    if script.path is None:
        return "script"
    try:
        lines = [display_text(line) for line in script.path.read_text(encoding="utf-8-sig").splitlines()]
    except OSError:
        return str(script.path)
    words = text.split()
    for needle in (text[:24], " ".join(words[:2]), words[0] if words else text):  # a sentence may span lines
        for number, line in enumerate(lines, 1):
            if needle and needle in line:
                return f"{script.path}, line {number}"
    return str(script.path)


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; whitespace is collapsed and no sentence is empty.

    A token ending in ``.``, ``?``, ``!``, an ellipsis, ``।`` or ``؟`` (plus
    closing quotes or brackets) ends a sentence unless the next word starts in
    lowercase, or it is an abbreviation (``Dr.``, ``e.g.``), an initial (``J.``,
    ``U.S.``), or a list number (``1.`` opening a sentence, or the next number
    of that list).  Periods inside a token (``3.11``, ``model.py``, URLs) never
    split; the CJK full stops ``。！？`` split with no space after them.
    """
    tokens: list[str] = text.split()
    glued: set[int] = set()  # tokens cut off after a CJK full stop: a sentence ends there
    if _HAS_CJK_STOP.search(text):
        words, tokens = tokens, []
        for word in words:
            pieces = [p for p in _CJK_SENTENCE_END.split(word) if p]
            glued.update(range(len(tokens), len(tokens) + len(pieces) - 1))
            tokens.extend(pieces)
    sentences: list[str] = []
    start = 0
    list_number: int | None = None
    for i, token in enumerate(tokens):
        number = _list_number(token)
        if number is not None and (i == start or (list_number is not None and number == list_number + 1)):
            list_number = number
            continue
        if i + 1 < len(tokens) and i not in glued and not _ends_sentence(token, tokens[i + 1]):
            continue
        sentences.append(" ".join(tokens[start : i + 1]))
        start = i + 1
    if start < len(tokens):
        sentences.append(" ".join(tokens[start:]))
    return sentences


_EMOJI_BEFORE_PUNCT = re.compile(rf"\s*(?:{_EMOJI.pattern})+(?=[.,!?;:)\]])")


def display_text(raw: str) -> str:
    """The text to show: emoji and pictographs removed, control characters and whitespace collapsed.

    Markup such as ``<b>``, ``&`` or ``{}`` is kept literally.
    """
    text = _EMOJI_BEFORE_PUNCT.sub("", raw)  # "code 🎉." -> "code.", not "code ."
    text = _CONTROL.sub(" ", _EMOJI.sub("", text))
    return _WHITESPACE.sub(" ", text).strip()


def spoken_words(display: str, lang: str | None = "en") -> list[str]:
    """What is said for each displayed word of ``display`` (split at spaces), by
    the reading rules of ``lang`` (:mod:`.reading`; None: as written), cleaned as
    :func:`spoken_text` cleans; "" for a word with nothing to say."""
    pieces = [_TAG.sub("", display_text(p)) for p in display.split()]  # one per piece, even an emoji's
    read = read_words(pieces, lang) if lang else pieces
    return [_clean(r) for r in read]


def spoken_text(display: str, lang: str | None = "en") -> str:
    """The text to speak: what a narrator says for :func:`display_text` (numbers, money,
    units, dates, URLs... as words, by the reading rules of ``lang``; None: as
    written), without tags and symbols engines read badly.

    This is the one place where a sentence's spoken form is made; later
    rewrites (pronunciations) apply to what it returns.
    ``&`` becomes "and", dashes become a comma pause, ``…`` becomes ``...``.
    Returns "" when nothing speakable is left.
    """
    text = _TAG.sub("", display_text(display))
    if lang:
        text = " ".join(read_words(text.split(), lang))
    return _clean(text)


def _clean(text: str) -> str:
    """Symbols engines read badly taken out of spoken text; "" when nothing speakable is left."""
    text = text.replace("&", " and ").replace("…", "...")
    text = _DASH.sub(", ", text)
    text = _UNSPOKEN.sub(" ", text)
    text = _WHITESPACE.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _REPEATED_COMMA.sub(",", text)
    text = _LEADING_PAUSE.sub("", text).strip()
    return text if _SPEAKABLE.search(text) else ""


def slugify(text: str, max_words: int | None = None, max_len: int = 60) -> str:
    """A lowercase ASCII, hyphen-joined slug of ``text``.

    Accents are folded (``é`` -> ``e``), apostrophes dropped (``I'm`` -> ``im``),
    and the slug is cut after ``max_words`` words and at a word boundary to at
    most ``max_len`` characters (a single over-long word is truncated).
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", ascii_text.lower()))
    if max_words is not None:
        words = words[:max_words]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            return slug or word[:max_len]
        slug = candidate
    return slug


# --- parsing internals ---------------------------------------------------------------


def _build(
    text: str, name: str, label: str, markdown: bool | None = None, lang: str | None = None, path: Path | None = None
) -> Script:
    """Parse ``text`` into a Script (sha256 left empty); ``label`` names the source in errors.

    A front matter block is taken off first (its lines stay, blank, so line numbers hold).
    ``markdown``: read it as Markdown (None: when ``path`` is a ``.md`` file or the text clearly
    uses Markdown).  ``lang``: whose reading rules make the spoken text (None: English when it
    reads as English).
    """
    front, body, first_line = split_front_matter(text, label)
    text = "\n" * (first_line - 1) + body
    if markdown is None:
        markdown = is_markdown(text, path)
    text, directives = extract_directives(_LINE_BREAK.sub("\n", text.lstrip("\ufeff")), label)
    if lang is None:
        lang = guess_language(MARKERS.sub(" ", text))
    if markdown:
        title, paragraphs = _markdown_paragraphs(text, lang, directives)
    else:
        title, paragraphs = _plain_paragraphs(text, lang, directives)
    if not any(p.kind != "title" for p in paragraphs):
        raise UserError(f"{label}: nothing to narrate (no speakable text)")
    if title is None:
        title = _title_from_name(name)
    slug = slugify(title) or slugify(name) or "script"  # a title in a non-Latin script slugs to ""
    return Script(title=title, paragraphs=tuple(paragraphs), slug=slug, sha256="", markdown=markdown, reading=lang,
                  directives=tuple(directives), front_matter=front)


def _plain_paragraphs(text: str, lang: str | None, directives: Sequence[Directive]) -> tuple[str | None, list[Paragraph]]:
    """The title (None: none in the text) and paragraphs of a plain-text script."""
    blocks = _blocks(text)
    title, rest = _take_title(blocks, lang)
    bodies = _block_sentences(rest, lang, directives)
    if title is not None and not bodies:  # nothing after the title: it is the text itself
        title, bodies = None, _block_sentences(blocks, lang, directives)
    paragraphs: list[Paragraph] = []
    if title is not None:
        paragraphs.append(_paragraph(0, "title", (Sentence(title, spoken_text(title, lang)),)))
    for sentences in bodies:
        paragraphs.append(_paragraph(len(paragraphs), "paragraph", sentences))
    return title, paragraphs


def _markdown_paragraphs(text: str, lang: str | None, directives: Sequence[Directive]) -> tuple[str | None, list[Paragraph]]:
    """The title (the first ``#`` heading) and paragraphs of a Markdown script."""
    blocks = parse_markdown(text)
    title = None
    paragraphs: list[Paragraph] = []
    if blocks and blocks[0].kind == "title" and len(blocks) > 1:
        shown = _strip_full_stop(display_text(MARKERS.sub(" ", blocks[0].texts[0])))
        if spoken_text(shown, lang):
            title = shown
            paragraphs.append(_paragraph(0, "title", (Sentence(title, spoken_text(title, lang)),)))
    carried = ""  # markers of directives in blocks with nothing to say: they go to the next block
    for block in blocks:
        if block.kind == "title":
            if title is None:
                carried += " " + block.texts[0]
            continue
        if block.kind == "code":
            shown = display_text(" ".join(block.texts))
            sentence = Sentence(shown, "")
            paragraphs.append(_paragraph(len(paragraphs), "code", (sentence,), block.section, tuple(block.texts)))
            continue
        texts = list(block.texts)
        texts[0] = f"{carried} {texts[0]}"
        carried = ""
        per_item = [_sentences(t, lang, directives) for t in texts]
        sentences = tuple(s for found in per_item for s in found)
        if not sentences:
            carried = " ".join(MARKERS.findall(" ".join(texts)))
            continue
        items = tuple(" ".join(s.text for s in found) for found in per_item if found) if block.kind == "list" else ()
        paragraphs.append(_paragraph(len(paragraphs), block.kind, sentences, block.section, items))
    if carried.strip() and paragraphs:  # directives after the last words: at the end of the last sentence
        last = paragraphs[-1]
        end = _append_directives(last.sentences[-1], carried, directives)
        paragraphs[-1] = replace(last, sentences=last.sentences[:-1] + (end,))
    return title, paragraphs


def _blocks(text: str) -> list[list[str]]:
    """The non-blank lines of ``text``, grouped into blank-line separated blocks."""
    text = _LINE_BREAK.sub("\n", text.lstrip("\ufeff")).replace("\t", " ")
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _take_title(blocks: list[list[str]], lang: str | None = "en") -> tuple[str | None, list[list[str]]]:
    """Split the title off ``blocks``: returns (displayed title or None, remaining blocks)."""
    if not blocks:
        return None, blocks
    first, rest = blocks[0], blocks[1:]
    if _HEADING.match(first[0]):
        candidate = _HEADING.sub("", first[0])
        rest = ([first[1:]] if len(first) > 1 else []) + rest
    elif len(first) == 1 and len(first[0]) <= TITLE_MAX_CHARS and len(first[0].split()) <= TITLE_MAX_WORDS:
        candidate = first[0]
        if len(split_sentences(display_text(candidate))) != 1:
            return None, blocks
    else:
        return None, blocks
    if MARKERS.search(candidate):
        return None, blocks
    title = _strip_full_stop(display_text(candidate))
    if not rest or not spoken_text(title, lang):
        return None, blocks
    return title, rest


def _strip_full_stop(title: str) -> str:
    """Drop one final "." unless it belongs to an ellipsis or an abbreviation like "U.S."."""
    if not title.endswith(".") or title.endswith(".."):
        return title
    last_word = title.split()[-1][:-1]
    return title if "." in last_word else title[:-1].rstrip()


def _block_sentences(
    blocks: list[list[str]], lang: str | None = "en", directives: Sequence[Directive] = ()
) -> list[tuple[Sentence, ...]]:
    """The sentences of each block (heading marks removed), skipping blocks with nothing to say
    (a directive in such a block goes to the start of the next one, or the end of the one before)."""
    found: list[tuple[Sentence, ...]] = []
    carried = ""
    for block in blocks:
        text = f"{carried} " + " ".join(_HEADING.sub("", line) for line in block)
        sentences = _sentences(text, lang, directives)
        carried = "" if sentences else " ".join(MARKERS.findall(text))
        if sentences:
            found.append(sentences)
    if carried and found:
        last = found[-1]
        found[-1] = last[:-1] + (_append_directives(last[-1], carried, directives),)
    return found


def _sentences(block: str, lang: str | None = "en", directives: Sequence[Directive] = ()) -> tuple[Sentence, ...]:
    """The sentences of one block; unspeakable ones are merged into a neighbour."""
    raws: list[list[str]] = []  # [shown text with markers, the part of it that is spoken]
    pending = ""  # leading unspeakable sentences (shown, with their directives) go with the next one
    for text in split_sentences(display_text(block)):
        if spoken_text(_unmarked(text), None):  # speakable at all (the reading never makes it so)
            raws.append([f"{pending} {text}".strip(), text])
            pending = ""
        elif raws:
            raws[-1][0] = f"{raws[-1][0]} {text}"
        else:
            pending = f"{pending} {text}".strip()
    return tuple(
        replace(_sentence(raw, lang, directives), spoken=spoken_text(_unmarked(said), lang)) for raw, said in raws
    )


_EMPHASIS_MARKS = re.compile(f"[{OPENERS}{CLOSERS}]")


def _unmarked(text: str) -> str:
    """``text`` without its markers: emphasis marks sit inside words ("**Go**:" is "Go:"), directives between them."""
    return _WHITESPACE.sub(" ", MARKERS.sub(" ", _EMPHASIS_MARKS.sub("", text))).strip()


def _sentence(raw: str, lang: str | None, directives: Sequence[Directive] = ()) -> Sentence:
    """A Sentence from text with emphasis and directive markers: the markers become
    spans, pauses and shows (character offsets into the displayed text)."""
    out: list[str] = []
    length = 0
    spans: list[tuple[int, int, str]] = []
    open_at: dict[str, int] = {}
    pauses: list[tuple[int, float]] = []
    shows: list[tuple[int, str]] = []
    for token in raw.split():
        word: list[str] = []
        start = length + (1 if out else 0)  # where this token's text starts once joined
        for ch in token:
            at = start + len(word)
            k = marker_index(ch) if MARKERS.match(ch) else None
            if k is not None:
                d = directives[k] if k < len(directives) else None
                if d is not None and d.kind == "pause":
                    pauses.append((at, d.seconds))
                elif d is not None:
                    shows.append((at, d.name))
            elif ch in STYLE_OF:
                open_at.setdefault(STYLE_OF[ch], at)
            elif ch in CLOSE_OF:
                begin = open_at.pop(CLOSE_OF[ch], None)
                if begin is not None and at > begin:
                    spans.append((begin, at, CLOSE_OF[ch]))
            else:
                word.append(ch)
        if word:
            out.append("".join(word))
            length = start + len(word)
    text = " ".join(out)
    for style, begin in open_at.items():  # a span a sentence break cut: it ends with the sentence
        if len(text) > begin:
            spans.append((begin, len(text), style))
    clamp = lambda at: min(at, len(text))  # noqa: E731
    return Sentence(
        text, spoken_text(text, lang), tuple(sorted(spans)),
        tuple((clamp(a), s) for a, s in pauses), tuple((clamp(a), n) for a, n in shows),
    )


def _append_directives(sentence: Sentence, markers: str, directives: Sequence[Directive]) -> Sentence:
    """``sentence`` with the directives of ``markers`` at its end."""
    found = [directives[k] for k in (marker_index(ch) for ch in MARKERS.findall(markers)) if k is not None]
    end = len(sentence.text)
    return replace(
        sentence,
        pauses=sentence.pauses + tuple((end, d.seconds) for d in found if d.kind == "pause"),
        shows=sentence.shows + tuple((end, d.name) for d in found if d.kind == "show"),
    )


def _paragraph(
    index: int, kind: str, sentences: tuple[Sentence, ...], section: str = "", items: tuple[str, ...] = ()
) -> Paragraph:
    text = " ".join(s.text for s in sentences)
    slug = slugify(text, max_words=ID_SLUG_WORDS, max_len=ID_SLUG_CHARS) or kind
    return Paragraph(index=index, id=f"{index:02d}-{slug}", kind=kind, sentences=sentences, section=section, items=items)


def _title_from_name(name: str) -> str:
    """The fallback title: "my_first-video" -> "My first video"."""
    words = re.sub(r"[_\-\s]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else "Script"


def _list_number(token: str) -> int | None:
    """The number of a list marker token such as "3.", else None."""
    if token.endswith(".") and _NUMBER.match(token[:-1]):
        return int(token[:-1])
    return None


def _ends_sentence(token: str, next_token: str) -> bool:
    """Whether a sentence ends after ``token``, given the token that follows it."""
    core = token.rstrip(_CLOSERS)
    body = core.rstrip(_TERMINATORS)
    terminator = core[len(body) :]
    if not terminator:
        return False
    following = next_token.lstrip(_OPENERS)
    if following[:1].islower():
        return False
    if terminator != ".":  # "?", "!", "?!", "...", "…"
        return True
    word = body.lstrip(_OPENERS)
    return word.lower() not in _ABBREVIATIONS and not _INITIALISM.match(word)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or a large share of control bytes other than whitespace."""
    if b"\x00" in data:
        return True
    controls = sum(data.count(bytes([b])) for b in range(32) if b not in b"\t\n\r\f\v")
    return controls > BINARY_CONTROL_SHARE * len(data)


def _line_number(data: bytes, offset: int) -> int:
    """1-based line of byte ``offset``, counting LF, CRLF and CR line endings."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
