"""A manim-voiceover ``SpeechService`` backed by this project's voices, offline by default.

Porting a manim-voiceover scene is one import and one line::

    from manim_voiceover import VoiceoverScene
    from dayinlife_manim.voiceover_service import DayinlifeService

    class Demo(VoiceoverScene):
        def construct(self):
            self.set_speech_service(DayinlifeService())          # piper, offline
            with self.voiceover(text="Look <bookmark mark='A'/>here, then <bookmark mark='B'/>there.") as tracker:
                self.wait_until_bookmark("A")
                ...

The text is spoken as the voice stage speaks a paragraph (sentence by
sentence, each from the sentence cache when it was said before, by a build
or by a scene), and the word times go to manim-voiceover as its word
boundaries: with piper they are the model's own phoneme durations, so
bookmarks, ``wait_until_bookmark`` and ``tracker.time_until_bookmark`` need
no Azure and no Whisper.  ``gtts`` and ``silent`` give word times estimated
from the audio (syllables snapped to its pauses).

Needs the ``voiceover`` extra (manim-voiceover, MIT); it imports manim.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from manim_voiceover.helper import remove_bookmarks
from manim_voiceover.services.base import SpeechService
from manim_voiceover.tracker import AUDIO_OFFSET_RESOLUTION

from .manifest import Manifest, default_media_dir
from .text.script import parse_script
from .voices import get_voice
from .voices.voiceover import default_cache_dir, make_voiceover


def word_boundaries(manifest: Manifest, text: str) -> list[dict[str, Any]]:
    """manim-voiceover's word boundaries for ``text`` (bookmarks removed) from the manifest's word times.

    ``text_offset`` is where each word starts in ``text`` (what the tracker
    measures a bookmark's distance in), ``audio_offset`` when it is spoken,
    in ticks of 1/AUDIO_OFFSET_RESOLUTION s (100 ns, as Azure counts); a last
    boundary at the end of the text, at the end of the last word, lets a
    bookmark stand after the last word.
    """
    found: list[dict[str, Any]] = []
    pos = 0
    last_end = 0.0
    for para in manifest.paragraphs:
        for cue in para.cues:
            for word in cue.words:
                at = text.find(word.text, pos)
                if at < 0:  # shown differently than written (an emoji dropped...): its neighbours place it
                    continue
                found.append({
                    "audio_offset": int(round(word.start * AUDIO_OFFSET_RESOLUTION)),
                    "duration_milliseconds": int(round((word.end - word.start) * 1000)),
                    "text_offset": at,
                    "word_length": len(word.text),
                    "text": word.text,
                    "boundary_type": "Word",
                })
                pos = at + len(word.text)
                last_end = max(last_end, word.end)
    if found and len(text) > found[-1]["text_offset"]:
        found.append({
            "audio_offset": int(round(last_end * AUDIO_OFFSET_RESOLUTION)),
            "text_offset": len(text),
            "word_length": 0,
            "text": "",
            "boundary_type": "End",
        })
    return found


class DayinlifeService(SpeechService):
    """manim-voiceover speech from this project's voices: ``piper`` (offline, exact word times), ``gtts`` or ``silent``."""

    def __init__(
        self,
        voice: str = "piper",
        lang: str = "en",
        *,
        rate: float = 1.0,
        tld: str = "com",
        slow: bool = False,
        piper_model: str | Path | None = None,
        media_dir: str | Path | None = None,
        **kwargs: Any,
    ) -> None:
        """
        Args:
            voice: ``piper`` (default; offline), ``gtts``, ``silent`` or ``auto``, as ``dayinlife --voice``.
            lang: the language spoken (gTTS codes: ``en``, ``es``...).
            rate, tld, slow, piper_model: as the ``dayinlife`` options of those names.
            media_dir: whose sentence cache to use (default: ``./media`` or ``$DAYINLIFE_MEDIA``;
                ``$DAYINLIFE_CACHE`` moves it), shared with ``dayinlife build``.
            kwargs: manim-voiceover's own (``cache_dir``, ``global_speed``...).
        """
        SpeechService.__init__(self, **kwargs)
        self.voice = get_voice(voice, lang=lang, tld=tld, rate=rate, slow=slow, piper_model=piper_model,
                               say=lambda message: None)
        self.lang = lang
        self.media_dir = Path(media_dir) if media_dir is not None else default_media_dir()

    def _config(self) -> dict[str, Any]:
        return {"backend": self.voice.name, "params": self.voice.params()}

    def generate_from_text(self, text: str, cache_dir=None, path=None, **kwargs: Any) -> dict[str, Any]:
        cache_dir = Path(cache_dir if cache_dir is not None else self.cache_dir)
        input_text = remove_bookmarks(text)
        input_data = {"input_text": input_text, "service": "dayinlife", "config": self._config()}
        cached = self.get_cached_result(input_data, cache_dir)
        if cached is not None and (cache_dir / cached["original_audio"]).exists():
            return cached
        digest = hashlib.sha256(json.dumps(input_data, sort_keys=True).encode()).hexdigest()[:16]
        script = parse_script(" ".join(input_text.split()), name=f"voiceover-{digest}")
        audio = str(path) if path is not None else self.get_audio_basename(input_data) + ".wav"
        with tempfile.TemporaryDirectory(prefix="dayinlife-voiceover-") as tmp:
            manifest, _ = make_voiceover(script, self.voice, Path(tmp), cache_dir=default_cache_dir(self.media_dir))
            (cache_dir / audio).parent.mkdir(parents=True, exist_ok=True)
            # One line of text is one paragraph: one WAV, its sentences' word times counted from its start.
            shutil.copyfile(manifest.audio_path(manifest.paragraphs[0]), cache_dir / audio)
        return {
            "input_text": text,
            "input_data": input_data,
            "original_audio": audio,
            "word_boundaries": word_boundaries(manifest, input_text),
        }


__all__ = ["DayinlifeService", "word_boundaries"]
