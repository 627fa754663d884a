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

from .errors import UserError
from .script import Script

DEFAULT_LANGUAGE = "en"

#: Writing systems that tell the language on their own, and the code for the rest.
_BY_SCRIPT = (
    (re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]"), "ja"),  # kana
    (re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"), "ko"),  # hangul
    (re.compile("[\u4e00-\u9fff\u3400-\u4dbf]"), "zh-CN"),
    (re.compile("[\u0600-\u06ff\u0750-\u077f]"), "ar"),
    (re.compile("[\u0590-\u05ff]"), "iw"),
    (re.compile("[\u0900-\u097f]"), "hi"),
    (re.compile("[\u0980-\u09ff]"), "bn"),
    (re.compile("[\u0a00-\u0a7f]"), "pa"),
    (re.compile("[\u0a80-\u0aff]"), "gu"),
    (re.compile("[\u0b80-\u0bff]"), "ta"),
    (re.compile("[\u0c00-\u0c7f]"), "te"),
    (re.compile("[\u0c80-\u0cff]"), "kn"),
    (re.compile("[\u0d00-\u0d7f]"), "ml"),
    (re.compile("[\u0d80-\u0dff]"), "si"),
    (re.compile("[\u0e00-\u0e7f]"), "th"),
    (re.compile("[\u1000-\u109f]"), "my"),
    (re.compile("[\u1780-\u17ff]"), "km"),
    (re.compile("[\u0370-\u03ff\u1f00-\u1fff]"), "el"),
    (re.compile("[\u0400-\u04ff]"), "ru"),
    (re.compile("[\u0531-\u058f]"), "hy"),
)
_LETTER = re.compile(r"[^\W\d_]")
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
    """py3langid restricted to the languages gTTS speaks, or None when it is not installed."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    spoken = {base_language(code) for code in gtts_languages()}
    known = [code for code in identifier.nb_classes if base_language(code) in spoken or code in _GTTS_CODE]
    identifier.set_languages(known)
    return identifier


def detect_language(text: str) -> str:
    """The gTTS code of the language ``text`` is most likely written in (``en`` when it cannot tell)."""
    letters = _LETTER.findall(text)
    if not letters:
        return DEFAULT_LANGUAGE
    counts = [(len(pattern.findall(text)), code) for pattern, code in _BY_SCRIPT]
    kana, hangul = counts[0][0], counts[1][0]
    if kana:
        return "ja"
    if hangul:
        return "ko"
    identifier = _identifier()
    if identifier is not None:
        code = identifier.classify(text)[0]
        return _GTTS_CODE.get(code, code)
    best, code = max(counts)
    return code if best > len(letters) / 2 else DEFAULT_LANGUAGE


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
    "detect_language",
    "gtts_languages",
    "language_name",
    "same_language",
    "script_language",
    "scripts_language",
    "written_in",
]
