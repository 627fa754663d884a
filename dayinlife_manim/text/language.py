"""Which language a script is in: detection for ``--lang``'s default, and language codes.

Codes are gTTS's (``en``, ``es``, ``ja``, ``zh-CN``, ``iw`` for Hebrew...), as
``--lang`` takes them.  Detection uses `py3langid` (BSD-3-Clause; its model
ships inside the package, nothing is downloaded), restricted to the languages
gTTS can speak, after a writing-system check that settles Japanese (kana) and
Korean (hangul) at once.  Without py3langid, the writing system alone decides
(Latin text is taken as English).
"""

from __future__ import annotations

import functools
import re
import zipfile
from pathlib import Path

from ..core.errors import UserError
from ..core.fsutil import atomic_path, atomic_write_text, file_sha, user_cache_dir
from ..core.notes import damaged
from .script import Script, script_line

DEFAULT_LANGUAGE = "en"

#: Writing systems: name, letters, and the language a text in it is taken for
#: when py3langid is not installed.  Kana and hangul settle Japanese and Korean.
_SYSTEMS = (
    ("kana", re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]"), "ja"),
    ("hangul", re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"), "ko"),
    ("han", re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003ffff]"), "zh-CN"),
    ("arabic", re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]"), "ar"),
    ("hebrew", re.compile("[\u0590-\u05ff]"), "iw"),
    ("devanagari", re.compile("[\u0900-\u097f]"), "hi"),
    ("bengali", re.compile("[\u0980-\u09ff]"), "bn"),
    ("gurmukhi", re.compile("[\u0a00-\u0a7f]"), "pa"),
    ("gujarati", re.compile("[\u0a80-\u0aff]"), "gu"),
    ("tamil", re.compile("[\u0b80-\u0bff]"), "ta"),
    ("telugu", re.compile("[\u0c00-\u0c7f]"), "te"),
    ("kannada", re.compile("[\u0c80-\u0cff]"), "kn"),
    ("malayalam", re.compile("[\u0d00-\u0d7f]"), "ml"),
    ("sinhala", re.compile("[\u0d80-\u0dff]"), "si"),
    ("thai", re.compile("[\u0e00-\u0e7f]"), "th"),
    ("myanmar", re.compile("[\u1000-\u109f]"), "my"),
    ("khmer", re.compile("[\u1780-\u17ff]"), "km"),
    ("greek", re.compile("[\u0370-\u03ff\u1f00-\u1fff]"), "el"),
    ("cyrillic", re.compile("[\u0400-\u04ff]"), "ru"),
    ("armenian", re.compile("[\u0531-\u058f]"), "hy"),
)
#: Languages written in another system than their default language's ("ur" in Arabic letters).
_SYSTEM_OF = {
    **{code: "arabic" for code in ("fa", "ur", "ps", "sd", "ug", "ku")},
    **{code: "devanagari" for code in ("mr", "ne", "sa")},
    **{code: "cyrillic" for code in ("uk", "bg", "sr", "mk", "be", "kk", "ky", "mn", "tg")},
    "yi": "hebrew",
}
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = "latin"
#: py3langid's codes that gTTS spells differently.
_GTTS_CODE = {"zh": "zh-CN", "he": "iw", "jv": "jw", "fil": "tl"}
#: Codes that name the same language.
_SAME = {"iw": "he", "jw": "jv", "fil": "tl", "nb": "no", "yue": "zh"}


def gtts_languages() -> dict[str, str]:
    """gTTS's languages: code -> English name."""
    from gtts.lang import tts_langs

    return tts_langs()


def language_name(code: str) -> str:
    """"Japanese" for ``ja``, "English" for ``en_US``; the code itself when gTTS does not know it."""
    names = gtts_languages()
    base = re.split(r"[-_]", code)[0].lower()
    return names.get(code) or names.get(base) or names.get(_GTTS_CODE.get(base, base)) or code


def base_language(code: str) -> str:
    """The language of a code, without region or script: ``zh-CN`` -> ``zh``, ``en_US`` -> ``en``, ``iw`` -> ``he``."""
    base = re.split(r"[-_]", code.strip().lower())[0]
    return _SAME.get(base, base)


def same_language(a: str, b: str) -> bool:
    return base_language(a) == base_language(b)


@functools.lru_cache(maxsize=1)
def _identifier():
    """py3langid restricted to the languages gTTS speaks, or None when it is not installed.

    py3langid's model is a 68 MB npz packed with LZMA: unpacking it takes about
    a second in every process.  The restricted model is unpacked once into the
    user cache (uncompressed, keyed by the model file's size and mtime and the
    package version) and read back from there in a few milliseconds.
    """
    try:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    model = Path(MODEL_DIR) / MODEL_FILE
    stat = model.stat()
    # -v2: with a .sha256 beside it (the files before it had none and are not read)
    cached = user_cache_dir("langid") / f"{_version('py3langid')}-{stat.st_size}-{stat.st_mtime_ns}-v2.npz"
    try:
        if file_sha(cached) != cached.with_name(cached.name + ".sha256").read_text(encoding="utf-8").strip():
            raise ValueError("not the file its digest describes")
        return _load_identifier(cached, LanguageIdentifier)
    except FileNotFoundError:
        if cached.exists():
            damaged(f"the language model {cached.name}", "unpacking it again")
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        damaged(f"the language model {cached.name}", "unpacking it again")
    identifier = LanguageIdentifier.from_model_file(model)
    spoken = {base_language(code) for code in gtts_languages()}
    identifier.set_languages([c for c in identifier.nb_classes if base_language(c) in spoken or c in _GTTS_CODE])
    try:
        _save_identifier(identifier, cached)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return identifier


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


def _save_identifier(identifier, path: Path) -> None:
    import numpy as np

    with atomic_path(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(
                fh,
                ptc=np.ascontiguousarray(identifier.nb_ptc),
                pc=np.asarray(identifier.nb_pc),
                classes=np.array(identifier.nb_classes),
                nextmove=np.frombuffer(identifier.tk_nextmove, dtype=identifier.tk_nextmove.typecode),
                row=np.frombuffer(identifier.tk_row, dtype=identifier.tk_row.typecode),
                output=np.asarray(identifier.tk_output, dtype=np.int32),
            )
    atomic_write_text(path.with_name(path.name + ".sha256"), file_sha(path) + "\n")  # written last: the commit marker


def _load_identifier(path: Path, identifier_class):
    from array import array

    import numpy as np

    def stdlib_array(values: np.ndarray) -> array:  # the DFA tables, as py3langid's own loader gives them
        out = array(values.dtype.char)
        out.frombytes(values.tobytes())
        return out

    with np.load(path, allow_pickle=False) as data:
        return identifier_class(
            data["ptc"],
            data["pc"],
            data["classes"].tolist(),
            stdlib_array(data["nextmove"]),
            data["output"].tolist(),
            tk_row=stdlib_array(data["row"]),
        )


def detect_language(text: str) -> str:
    """The gTTS code of the language ``text`` is most likely written in (``en`` when it cannot tell)."""
    system = writing_system(text)
    if system is None:
        return DEFAULT_LANGUAGE
    if system in ("kana", "hangul"):  # only Japanese and Korean are written so
        return "ja" if system == "kana" else "ko"
    identifier = _identifier()
    if identifier is not None:
        # Only the dominant writing system's letters: a line of Japanese must not outvote English paragraphs.
        others = [pattern for name, pattern, _ in _SYSTEMS if name != system]
        for pattern in others:
            text = pattern.sub(" ", text)
        if system != _LATIN:
            text = re.sub(r"[A-Za-z\u00c0-\u024f]", " ", text)
        code = identifier.classify(text)[0]
        return _GTTS_CODE.get(code, code)
    return next((code for name, _, code in _SYSTEMS if name == system), DEFAULT_LANGUAGE)


def writing_system(text: str) -> str | None:
    """The writing system most of ``text``'s letters are in ("latin", "kana", "han", "arabic"...); None without letters."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return None
    counts = {name: len(pattern.findall(text)) for name, pattern, _ in _SYSTEMS}
    counts[_LATIN] = letters - sum(counts.values())
    if counts["kana"]:  # Japanese mixes kana and kanji
        counts["kana"] += counts.pop("han")
    return max(counts, key=counts.get)


#: Common characters written differently in simplified and in traditional Chinese.
_SIMPLIFIED = set("这们说时会来为个对国学发经过还进动后见长开关问应现让点间车门东种样实业体书记语总给将电边从当无与")
_TRADITIONAL = set("這們說時會來為個對國學發經過還進動後見長開關問應現讓點間車門東種樣實業體書記語總給將電邊從當無與")


def cjk_region(text: str) -> str | None:
    """Which regional form of the CJK characters ``text`` wants: ``"JP"`` (kana),
    ``"KR"`` (hangul), ``"TC"`` (traditional Chinese) or ``"SC"`` (simplified);
    None without Han characters, kana or hangul.  (One Han character is drawn
    differently in Japan, Korea and the two Chinese forms, so a font must be
    picked for the text, not per character.)"""
    systems = {name: pattern for name, pattern, _ in _SYSTEMS}
    if systems["kana"].search(text):
        return "JP"
    if systems["hangul"].search(text):
        return "KR"
    if not systems["han"].search(text):
        return None
    traditional = sum(ch in _TRADITIONAL for ch in text)
    return "TC" if traditional > sum(ch in _SIMPLIFIED for ch in text) else "SC"


def writing_systems(lang: str) -> set[str]:
    """The writing systems ``lang`` is written in (Latin letters, for the languages not listed)."""
    base = base_language(lang)
    if base in _SYSTEM_OF:
        return {_SYSTEM_OF[base]}
    found = {name for name, _, code in _SYSTEMS if base_language(code) == base}
    if base == "ja":
        found |= {"han"}
    if base == "ko":
        found |= {"han"}
    return found or {_LATIN}


def check_spoken_language(script: Script, lang: str) -> None:
    """Refuse, in one line, a sentence a voice for ``lang`` would read in the wrong language.

    A sentence written in another writing system than ``lang``'s (a line of
    Japanese in an English script) is one no voice of ``lang`` can speak.
    Latin letters pass anywhere (names, code, a word of English).
    """
    own = writing_systems(lang)
    for para in script.paragraphs:
        for sentence in para.sentences:
            system = writing_system(sentence.spoken)
            if system is None or system == _LATIN or system in own:
                continue
            other = detect_language(sentence.spoken)
            where = script_line(script, sentence.text)
            raise UserError(
                f"{where}: this sentence is in {language_name(other)} ({other}), but the voice speaks "
                f"{language_name(lang)} ({lang}) and would read it wrong; one voice speaks one language: "
                "put it in a script of its own, or use --voice silent"
            )


#: Below this many words, a text in Latin letters is too short to tell English from other languages.
SURE_WORDS = 4
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def written_in(text: str, lang: str) -> bool:
    """Whether ``text`` is (probably) written in ``lang`` (a Latin-script language).

    A text of Latin letters shorter than :data:`SURE_WORDS` words ("Python
    rocks") gets the benefit of the doubt; other writing systems never do.
    """
    if same_language(detect_language(text), lang):
        return True
    letters = _LETTER.findall(text)
    latin = sum(1 for ch in letters if _LATIN_LETTER.match(ch))
    return bool(letters) and latin > len(letters) / 2 and len(text.split()) < SURE_WORDS


def script_language(script: Script) -> str:
    """The language of a script, from all its spoken text."""
    return detect_language(" ".join(p.spoken for p in script.paragraphs))


def voice_language(scripts: list[Script], lang: str | None, voice: str) -> tuple[str, bool]:
    """The language the voice ``voice`` speaks ``scripts`` in: ``lang``, or detected (then
    ``(code, True)``); every sentence must be one that language's voice can read (not for ``silent``)."""
    detected = lang is None
    speaks = voice != "silent"
    lang = scripts_language(scripts, mixed_ok=not speaks) if lang is None else lang
    if speaks:
        for script in scripts:
            check_spoken_language(script, lang)
    return lang, detected


def scripts_language(scripts: list[Script], mixed_ok: bool = False) -> str:
    """The one language of several scripts built with one voice (the first one's, when ``mixed_ok``);
    a one-line error when they differ."""
    found = {s.path or s.title: script_language(s) for s in scripts}
    if len(set(found.values())) > 1 and not mixed_ok:
        listed = ", ".join(f"{name}: {code}" for name, code in found.items())
        raise UserError(f"the scripts are in different languages ({listed}): build them one language at a time, or set --lang")
    return next(iter(found.values()), DEFAULT_LANGUAGE)


__all__ = [
    "DEFAULT_LANGUAGE",
    "base_language",
    "check_spoken_language",
    "detect_language",
    "gtts_languages",
    "language_name",
    "same_language",
    "script_language",
    "voice_language",
    "scripts_language",
    "writing_system",
    "writing_systems",
    "written_in",
]
