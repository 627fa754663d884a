"""The voice stage: a Script in, one WAV per paragraph and the manifest out.

Each sentence is synthesized on its own, so its start and end in the
paragraph audio are known exactly, with no speech recognition.  Sentences come
from the content-addressed cache when they can: editing one sentence
re-synthesizes that sentence only.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from pydub import AudioSegment

from .. import __version__
from ..core.errors import UserError
from ..manifest import (
    SCHEMA_VERSION,
    Cue,
    Manifest,
    ParagraphAudio,
    VoiceSettings,
    default_media_dir,
    load_manifest,
    manifest_path,
    save_manifest,
)
from ..text.language import script_language
from ..text.pronounce import apply_pronunciations
from ..text.script import Script, Sentence, load_script
from ..text.wordtiming import display_words, estimate_words, place_words
from . import Voice, get_voice
from .audio import AudioSettings, assemble, conditioned, segment_samples, silence, write_wav
from .cache import AudioCache, cache_key

VOICE_DIR = "voice"
#: Version of the word times kept in the sentence cache; bump it when the way
#: they are derived changes, and cached sentences get new ones.
WORDS_FORMAT = 1


def default_cache_dir(media_dir: Path) -> Path:
    env = os.environ.get("DAYINLIFE_CACHE")
    return Path(env) / "voice" if env else Path(media_dir) / "cache" / "voice"


@dataclass(frozen=True)
class VoiceoverStats:
    sentences: int
    synthesized: int
    seconds: float

    @property
    def cached(self) -> int:
        return self.sentences - self.synthesized


def make_voiceover(
    script: Script,
    voice: Voice,
    media_dir: Path | None = None,
    *,
    settings: AudioSettings = AudioSettings(),
    cache_dir: Path | None = None,
    progress: Callable[[int], object] | None = None,
    on_paragraph: Callable[[Manifest, ParagraphAudio], object] | None = None,
) -> tuple[Manifest, VoiceoverStats]:
    """Write every paragraph's WAV and the manifest; return both with statistics.

    ``progress`` is called with the number of sentences just finished;
    ``on_paragraph`` with the manifest so far and each paragraph whose WAV is
    written (so its scene can start rendering before the others are voiced).
    """
    t0 = time.perf_counter()
    media_dir = Path(media_dir) if media_dir is not None else default_media_dir()
    out_dir = media_dir / script.slug
    voice_dir = out_dir / VOICE_DIR
    cache = AudioCache(cache_dir or default_cache_dir(media_dir))
    params = {**voice.params(), **settings.cache_params()}
    rate = settings.sample_rate

    synthesized = total = 0
    paragraphs = []

    def manifest_of(paras: list[ParagraphAudio]) -> Manifest:
        return Manifest(
            script_path=str(script.path) if script.path else "",
            script_sha256=script.sha256,
            title=script.title,
            slug=script.slug,
            sample_rate=rate,
            voice=VoiceSettings(backend=voice.name, params=params),
            paragraphs=tuple(paras),
            generator=f"dayinlife-manim {__version__}",
            style=style_block(script.style),
            root=out_dir,
        )

    for para in script.paragraphs:
        segments, timings = [], []
        for sentence in para.sentences:
            seg, times, fresh = _sentence_audio(voice, sentence, script.reading, script.pronounce, params, cache, settings)
            segments.append(seg)
            timings.append(times)
            synthesized += fresh > 0
            total += 1
            if progress:
                progress(1)
        assembled = assemble(segments, settings)
        wav = voice_dir / f"{para.id}.wav"
        write_wav(assembled.audio, wav)
        cues = tuple(
            _cue(s, a / rate, b / rate, seg, times, script.reading, voice.times_words)
            for (a, b), s, seg, times in zip(assembled.spans, para.sentences, segments, timings)
        )
        paragraphs.append(
            ParagraphAudio(
                id=para.id,
                index=para.index,
                kind=para.kind,
                display_text=para.text,
                spoken_text=para.spoken,
                audio=f"{VOICE_DIR}/{para.id}.wav",
                duration=assembled.samples / rate,
                samples=assembled.samples,
                cues=cues,
                section=para.section,
                items=para.items,
            )
        )
        if on_paragraph:
            on_paragraph(manifest_of(paragraphs), paragraphs[-1])
    keep = {f"{p.id}.wav" for p in script.paragraphs}
    for stale in voice_dir.glob("*.wav"):
        # hidden files are other processes' writes in progress (fsutil.atomic_path)
        if stale.name not in keep and not stale.name.startswith("."):
            stale.unlink(missing_ok=True)

    manifest = manifest_of(paragraphs)
    save_manifest(manifest, manifest_path(media_dir, script.slug))
    return manifest, VoiceoverStats(total, synthesized, time.perf_counter() - t0)


def spoken_form(shown: str, spoken: str, pronounce=()) -> tuple[str, list[str]]:
    """What the voice is given for a sentence shown as ``shown`` and spoken as ``spoken``:
    the sentence and each shown word's spoken form, with the script's pronunciations applied
    (the screen and the captions keep the words as written)."""
    return pronounced(spoken, [w.spoken for w in display_words(shown)], pronounce)


def pronounced(text: str, words: list[str], pronounce=()) -> tuple[str, list[str]]:
    """``text`` and its ``words`` with the script's pronunciations applied: the one place they are,
    for a whole sentence and for each piece of one cut by a pause."""
    return apply_pronunciations(text, pronounce), [apply_pronunciations(w, pronounce) for w in words]


def style_block(style: tuple[tuple[str, str], ...]) -> dict:
    """The manifest's style block from a script's ``style`` pairs (``captions``, ``theme.NAME``)."""
    block: dict = {}
    for name, value in style:
        if name.startswith("theme."):
            block.setdefault("theme", {})[name[len("theme."):]] = value
        else:
            block[name] = value
    return block


#: How long a code card (shown, not read) stays: a base and a little per character, at most the cap.
CODE_HOLD_S, CODE_HOLD_PER_CHAR_S, CODE_HOLD_MAX_S = 1.5, 0.03, 8.0


def _sentence_audio(
    voice: Voice, sentence: Sentence, lang: str | None, pronounce, params: dict, cache: AudioCache, settings: AudioSettings
) -> tuple[AudioSegment, list | None, int]:
    """A sentence's conditioned audio, its word times (seconds into that audio,
    when the voice gives them or the sentence has pauses) and how many pieces
    were synthesized now.

    A ``[pause]`` inside the sentence cuts it there: the pieces are voiced on
    their own and exactly the pause's silence is laid between them.  A
    sentence with nothing to say (a code card) is silence long enough to read it.
    """
    words = display_words(sentence.text, lang)
    if not sentence.spoken:
        hold = min(CODE_HOLD_MAX_S, CODE_HOLD_S + CODE_HOLD_PER_CHAR_S * len(sentence.text))
        seg = silence(hold * 1000, settings.sample_rate)
        return seg, [[0.0, round(len(seg) / 1000, 5)]] * len(words), 0
    if not sentence.pauses:
        return _spoken_audio(voice, sentence.spoken, [w.spoken for w in words], pronounce, params, cache, settings)
    breaks = _pause_words(words, sentence.pauses)
    rate = settings.sample_rate
    audio = AudioSegment(data=b"", sample_width=2, frame_rate=rate, channels=1)
    times: list = []
    fresh = 0
    first = 0
    cuts = sorted(breaks) + [(len(words), 0.0)]
    for upto, pause in cuts:
        group = words[first:upto]
        if group:
            seg, group_times, made = _spoken_audio(
                voice, " ".join(w.spoken for w in group), [w.spoken for w in group], pronounce, params, cache, settings
            )
            fresh += made
            if group_times is None:  # estimated over this piece's own audio
                estimated = estimate_words(" ".join(w.text for w in group), 0.0, len(seg) / 1000, segment_samples(seg) if seg.rms else None, rate)
                group_times = [[w.start, w.end] for w in estimated]
            offset = audio.frame_count() / rate
            times += [[round(a + offset, 5), round(b + offset, 5)] for a, b in group_times]
            audio += seg
        if pause:
            audio += silence(pause * 1000, rate)
        first = upto
    return audio, times, fresh


def _pause_words(words, pauses) -> list[tuple[int, float]]:
    """(index of the word a pause comes before, seconds) from the pauses' character offsets."""
    starts = []
    at = 0
    for w in words:
        starts.append(at)
        at += len(w.text) + 1
    found: dict[int, float] = {}
    for offset, seconds in pauses:
        k = sum(1 for s in starts if s < offset)
        found[k] = found.get(k, 0.0) + seconds
    return sorted(found.items())


def _spoken_audio(
    voice: Voice, spoken_text: str, spoken: list[str], pronounce, params: dict, cache: AudioCache, settings: AudioSettings
) -> tuple[AudioSegment, list | None, int]:
    """Audio of ``spoken_text`` with the script's pronunciations (from the cache when it can), its
    word times when the voice gives them, and 1 when it was synthesized now."""
    text, spoken = pronounced(spoken_text, spoken, pronounce)
    key = cache_key(voice.name, params, text)
    found = _cached(voice, cache.lookup(key, quiet=True), spoken)
    if found is not None:
        return found
    # Builds running at once voice it once: the others wait here, then take its entry.
    with cache.locked(key):
        found = _cached(voice, cache.lookup(key, text=text), spoken)
        if found is not None:
            return found
        return _voice_sentence(voice, text, key, params, cache, settings, spoken)


def _cached(voice: Voice, found, spoken: list[str]) -> tuple[AudioSegment, list | None, bool] | None:
    """A cache entry as :func:`_sentence_audio` returns it, or None when it lacks the word times wanted."""
    if found is None:
        return None
    seg, meta = found
    if not voice.times_words:
        return seg, None, 0
    timing = meta.get("words")
    if isinstance(timing, dict) and timing.get("format") == WORDS_FORMAT and timing.get("spoken") == spoken:
        return seg, timing.get("times"), 0
    return None


def _voice_sentence(
    voice: Voice, text: str, key: str, params: dict, cache: AudioCache, settings: AudioSettings, spoken: list[str]
) -> tuple[AudioSegment, list | None, int]:
    speech = voice.speak(text, spoken)
    seg, trimmed = conditioned(speech.samples, speech.rate, settings)
    meta = {"backend": voice.name, "params": params, "text": text}
    times = None
    if speech.words is not None:  # shifted by exactly what conditioning trimmed
        times = [[round(a - trimmed, 5), round(b - trimmed, 5)] for a, b in speech.words]
    if voice.times_words:
        meta["words"] = {"format": WORDS_FORMAT, "spoken": spoken, "times": times}
    cache.put(key, seg, meta)
    return seg, times, 1


def _cue(
    sentence: Sentence, start: float, end: float, seg: AudioSegment, times: list | None, lang: str | None = "en",
    from_voice: bool = True,
) -> Cue:
    """The sentence's cue with its words (the voice's own times, or an estimate from its audio),
    emphasis spans and ``[show]`` cues (by word index)."""
    shown = display_words(sentence.text, lang)
    extra = {"spans": sentence.spans, "shows": tuple(_show_words(shown, sentence.shows)), "spoken": sentence.spoken}
    if times is not None:
        words = place_words(shown, times, start, end)
        origin = "voice" if from_voice and sentence.spoken else "estimate"
        return Cue(start=start, end=end, text=sentence.text, words=words, words_from=origin, **extra)
    samples = segment_samples(seg) if seg.rms else None  # pure silence (the silent voice) has no pauses to find
    words = estimate_words(sentence.text, start, end, samples, seg.frame_rate)
    return Cue(start=start, end=end, text=sentence.text, words=words, words_from="estimate", **extra)


def _show_words(words, shows) -> list[tuple[int, str]]:
    """(index of the word said when NAME is shown, name); a cue after the last word takes the last word."""
    starts, at = [], 0
    for w in words:
        starts.append(at)
        at += len(w.text) + 1
    out = []
    for offset, name in shows:
        k = sum(1 for s in starts if s < offset)
        out.append((min(k, max(0, len(words) - 1)), name))
    return out


def manifest_is_current(manifest: Manifest, script: Script) -> bool:
    """True when ``manifest`` was made from this exact script and its audio is all there."""
    return manifest.upgraded_from is None and manifest.script_sha256 == script.sha256 and all(
        manifest.audio_path(p).exists() for p in manifest.paragraphs
    )


def ensure_voiceover(
    script_path: Path,
    media_dir: Path | None = None,
    voice: str | None = None,
    say: Callable[[str], object] | None = None,
) -> Manifest:
    """The manifest for ``script_path``, making the voiceover first when it is missing or stale.

    A stale manifest is remade with the backend it was made with; a missing one
    with ``voice`` (default: ``$DAYINLIFE_VOICE`` or ``auto``).
    """
    media_dir = Path(media_dir) if media_dir is not None else default_media_dir()
    script = load_script(script_path)
    path = manifest_path(media_dir, script.slug)
    previous = None
    if path.exists():
        try:
            previous = load_manifest(path)
        except UserError:
            previous = None
        if previous is not None and manifest_is_current(previous, script):
            return previous
        if previous is not None and previous.upgraded_from is not None:
            (say or print)(
                f"{path} has manifest schema version {previous.upgraded_from}; "
                f"remaking it as version {SCHEMA_VERSION} (cached sentences are reused)"
            )
    options = {}
    if voice is None and previous is not None:
        voice = previous.voice.backend
        options = {k: v for k, v in previous.voice.params.items() if k in ("lang", "tld", "rate", "slow")}
        if voice == "silent" and "wpm" in previous.voice.params:  # get_voice: wpm = 160 * rate
            options["rate"] = previous.voice.params["wpm"] / 160.0
    if previous is not None and previous.style and not script.style:  # remade as it was styled
        theme = tuple((f"theme.{k}", v) for k, v in previous.style.get("theme", {}).items())
        captions = (("captions", previous.style["captions"]),) if previous.style.get("captions") else ()
        script = replace(script, style=captions + theme)
    options.setdefault("lang", script_language(script))  # never English read over another language
    name = voice or os.environ.get("DAYINLIFE_VOICE", "auto")
    manifest, _ = make_voiceover(script, get_voice(name, say=say, **options), media_dir)
    return manifest
