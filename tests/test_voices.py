"""Tests for the voice backends, the ``auto`` choice and the sentence cache key."""

from __future__ import annotations

import io
import time
import wave
from dataclasses import fields
from types import SimpleNamespace

import numpy as np
import pytest
from conftest import needs_piper, piper_installed

from dayinlife_manim import voices
from dayinlife_manim.core.errors import UserError, VoiceError
from dayinlife_manim.voices import SilentVoice, Voice, get_voice
from dayinlife_manim.voices import gtts as gtts_mod
from dayinlife_manim.voices.audio import AudioSettings, condition
from dayinlife_manim.voices.cache import cache_key, normalize_text
from dayinlife_manim.voices.silent import estimate_seconds

# --- the silent voice ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, seconds",
    [(160, 60.0), (80, 30.0), (8, 3.0), (2, 0.75), (1, 0.4), (0, 0.4)],
)
def test_silent_voice_speaks_at_160_wpm(words, seconds):
    text = " ".join(f"word{i}" for i in range(words))
    voice = SilentVoice()
    samples, rate = voice.synthesize(text)
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert not samples.any()
    assert len(samples) == round(seconds * rate)
    assert estimate_seconds(text, 160) == pytest.approx(seconds)


def test_silent_voice_counts_words_not_punctuation():
    assert estimate_seconds("Well... I'm here -- really!", 160) == pytest.approx(4 * 60 / 160)


def test_silent_voice_rate_and_params():
    assert SilentVoice().params() == {"wpm": 160.0}
    assert get_voice("silent").wpm == 160.0
    fast = get_voice("silent", rate=1.5)
    assert isinstance(fast, SilentVoice) and fast.wpm == 240.0
    assert len(fast.synthesize("one two three four")[0]) == round(1.0 * fast.sample_rate)
    assert fast.describe() == "silent (wpm=240.0)"
    with pytest.raises(ValueError):
        SilentVoice(wpm=0)


def test_unknown_voice_is_a_user_error():
    with pytest.raises(UserError, match="unknown voice 'robot'"):
        get_voice("robot")


def test_fake_voice_is_a_deterministic_voice(fake_voice_cls):
    a, b = fake_voice_cls(), fake_voice_cls()
    assert isinstance(a, Voice)
    x, rate = a.synthesize("Some words.")
    y, _ = b.synthesize("Some words.")
    z, _ = b.synthesize("Some more words here.")
    assert np.array_equal(x, y) and len(z) > len(x) and rate == 22_050
    assert np.abs(x).max() > 0.04 and (a.calls, b.calls) == (1, 2)


# --- auto -----------------------------------------------------------------------------------


@needs_piper
def test_auto_chooses_piper_when_gtts_is_unreachable(monkeypatch):
    from dayinlife_manim.voices.piper import PiperVoice

    monkeypatch.setattr(voices, "_gtts_reachable", lambda tld: False)
    said: list[str] = []
    voice = get_voice("auto", say=said.append)
    assert isinstance(voice, PiperVoice) and voice.name == "piper"
    assert len(said) == 1
    assert "piper" in said[0] and "offline" in said[0] and "\n" not in said[0]


@needs_piper
def test_auto_checks_reachability_once_per_process(monkeypatch):
    checks: list[str] = []

    def unreachable(tld: str = "com", timeout: float = 3.0) -> bool:
        checks.append(tld)
        return False

    monkeypatch.setattr(gtts_mod, "reachable", unreachable)
    said: list[str] = []
    for _ in range(3):
        assert get_voice("auto", say=said.append).name == "piper"
    assert checks == ["com"]
    assert len(said) == 3 and len(set(said)) == 1  # one line per choice


def test_auto_chooses_gtts_when_reachable(monkeypatch):
    monkeypatch.setattr(gtts_mod, "reachable", lambda tld="com", timeout=3.0: True)
    said: list[str] = []
    voice = get_voice("auto", tld="co.uk", say=said.append)
    assert isinstance(voice, gtts_mod.GTTSVoice)
    assert voice.params() == {"lang": "en", "tld": "co.uk", "slow": False}
    assert len(said) == 1 and "gtts" in said[0] and "translate.google.co.uk" in said[0]


@needs_piper
@pytest.mark.network_attempt_expected
def test_auto_falls_back_to_piper_with_the_network_blocked(block_network):
    said: list[str] = []
    t0 = time.monotonic()
    voice = get_voice("auto", say=said.append)
    assert time.monotonic() - t0 < 10
    assert voice.name == "piper" and len(said) == 1
    assert block_network, "the reachability check should have tried to connect"


def test_auto_says_on_stderr_by_default(monkeypatch, capsys):
    monkeypatch.setattr(voices, "_gtts_reachable", lambda tld: True)
    monkeypatch.setattr(gtts_mod, "reachable", lambda tld="com", timeout=3.0: True)
    get_voice("auto")
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "gtts" in captured.err


# --- gTTS -------------------------------------------------------------------------------------


@pytest.mark.network_attempt_expected
def test_gtts_without_network_fails_fast_and_clearly(block_network):
    t0 = time.monotonic()
    with pytest.raises(VoiceError) as info:
        get_voice("gtts")
    assert time.monotonic() - t0 < 10
    message = str(info.value)
    assert "translate.google.com" in message and "--voice piper" in message and "\n" not in message
    assert info.value.exit_code != 0
    assert [what for what, _ in block_network] == ["create_connection"]  # failed at the reachability check
    assert block_network[0][1] == ("translate.google.com", 443)


@pytest.mark.network_attempt_expected
def test_reachable_is_false_when_connections_fail(block_network):
    assert gtts_mod.reachable("com") is False
    assert gtts_mod.reachable("co.uk") is False
    assert [addr for _, addr in block_network] == [("translate.google.com", 443), ("translate.google.co.uk", 443)]


def test_gtts_rejects_an_unknown_language():
    with pytest.raises(VoiceError, match="language 'xx-nope'"):
        gtts_mod.GTTSVoice(lang="xx-nope", check=False)


def _wav_bytes(seconds: float = 0.5, rate: int = 24_000) -> bytes:
    t = np.arange(round(seconds * rate)) / rate
    pcm = (0.3 * np.sin(2 * np.pi * 440 * t) * 32767).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


@pytest.fixture
def fake_gtts(monkeypatch):
    """Replace gtts.gTTS with a scripted fake (no network) and record sleeps."""
    import gtts
    from gtts import gTTSError

    state = SimpleNamespace(plan=[], requests=[], sleeps=[], error=gTTSError)

    class FakeTTS:
        def __init__(self, text, **kwargs):
            state.requests.append((text, kwargs))

        def write_to_fp(self, fp):
            outcome = state.plan.pop(0) if state.plan else None
            if outcome is not None:
                raise outcome
            fp.write(_wav_bytes())

    monkeypatch.setattr(gtts, "gTTS", FakeTTS)
    monkeypatch.setattr(gtts_mod, "time", SimpleNamespace(sleep=state.sleeps.append))
    return state


def _http_error(state, status: int | None):
    response = None if status is None else SimpleNamespace(status_code=status)
    return state.error(f"HTTP {status}", response=response)


@pytest.mark.parametrize("status", [500, 503, 429, None])
def test_gtts_retries_transient_errors_with_backoff(fake_gtts, status):
    fake_gtts.plan = [_http_error(fake_gtts, status), _http_error(fake_gtts, status)]
    voice = gtts_mod.GTTSVoice(check=False)
    samples, rate = voice.synthesize("Hello world.")
    assert rate == 24_000 and len(samples) == pytest.approx(12_000, abs=600)
    assert samples.dtype == np.float32 and np.abs(samples).max() > 0.2
    assert len(fake_gtts.requests) == 3
    assert fake_gtts.sleeps == [1.0, 2.0]
    text, kwargs = fake_gtts.requests[0]
    assert text == "Hello world."
    assert kwargs["timeout"] == (gtts_mod.CONNECT_TIMEOUT, gtts_mod.READ_TIMEOUT)
    assert kwargs["lang"] == "en" and kwargs["tld"] == "com" and kwargs["slow"] is False


def test_gtts_retries_connection_errors(fake_gtts):
    fake_gtts.plan = [ConnectionResetError("reset by peer")]
    samples, _ = gtts_mod.GTTSVoice(check=False).synthesize("Hi.")
    assert len(samples) and fake_gtts.sleeps == [1.0]


@pytest.mark.parametrize("retries", [gtts_mod.RETRIES, 5])
def test_gtts_gives_up_after_retries(fake_gtts, monkeypatch, retries):
    monkeypatch.setattr(gtts_mod, "RETRIES", retries)
    fake_gtts.plan = [_http_error(fake_gtts, 503) for _ in range(retries + 2)]
    with pytest.raises(VoiceError, match=rf"after {retries} attempt\(s\)") as info:
        gtts_mod.GTTSVoice(check=False).synthesize("Hello world.")
    assert "\n" not in str(info.value)
    assert len(fake_gtts.requests) == retries
    assert fake_gtts.sleeps == [2.0**i for i in range(retries - 1)]


def test_gtts_does_not_retry_a_client_error(fake_gtts):
    fake_gtts.plan = [_http_error(fake_gtts, 403)]
    with pytest.raises(VoiceError, match="after 1 attempt"):
        gtts_mod.GTTSVoice(check=False).synthesize("Hello world.")
    assert len(fake_gtts.requests) == 1 and fake_gtts.sleeps == []


# --- piper, for real ---------------------------------------------------------------------------


@pytest.mark.piper
@needs_piper
def test_real_piper_voice_says_hello_world():
    from dayinlife_manim.voices.piper import PiperVoice

    voice = get_voice("piper")
    assert isinstance(voice, PiperVoice)
    samples, rate = voice.synthesize("Hello world.")
    assert rate == 22_050
    assert samples.dtype == np.float32 and samples.ndim == 1
    seconds = len(samples) / rate
    assert 0.4 < seconds < 3.0, seconds
    assert np.abs(samples).max() > 0.05  # not silent
    assert np.sqrt(np.mean(samples.astype(np.float64) ** 2)) > 0.005

    settings = AudioSettings()
    seg = condition(samples, rate, settings)
    assert seg.frame_rate == 48_000 and seg.channels == 1 and seg.sample_width == 2
    assert 0.3 < seg.frame_count() / 48_000 <= seconds + 0.01
    assert seg.dBFS == pytest.approx(settings.target_dbfs, abs=1.0)
    assert seg.max_dBFS <= settings.peak_dbfs + 0.01

    params = voice.params()
    assert params["rate"] == 1.0 and ".onnx:" in params["model"]
    assert get_voice("piper", rate=1.5).params()["length_scale"] == pytest.approx(params["length_scale"] / 1.5)


def test_piper_rejects_a_bad_rate_or_model(tmp_path):
    from dayinlife_manim.voices.piper import PiperVoice

    with pytest.raises(VoiceError, match="rate"):
        PiperVoice(rate=0)
    with pytest.raises(VoiceError, match="model not found"):
        PiperVoice(model=tmp_path / "missing.onnx")


# --- the cache key -------------------------------------------------------------------------------


LAYOUT_FIELDS = {"lead_in_ms", "gap_ms", "tail_ms", "align_ms"}


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if value is None:
        return 0
    return f"{value}x"


def _all_params(voice: Voice) -> dict:
    """The parameters the voice stage keys a sentence on."""
    return {**voice.params(), **AudioSettings().cache_params()}


def _voices(fake_voice_cls) -> list[Voice]:
    found = [SilentVoice(), fake_voice_cls(), gtts_mod.GTTSVoice(check=False)]
    if piper_installed():
        found.append(get_voice("piper"))
    return found


def test_cache_key_changes_with_every_parameter(fake_voice_cls):
    text = "The model has finished training."
    for voice in _voices(fake_voice_cls):
        params = _all_params(voice)
        base = cache_key(voice.name, params, text)
        assert len(base) == 64
        assert cache_key(voice.name, dict(reversed(list(params.items()))), text) == base  # order-free
        keys = {base}
        for name, value in params.items():
            key = cache_key(voice.name, {**params, name: _changed(value)}, text)
            assert key not in keys, f"{voice.name}: changing {name} does not change the key"
            keys.add(key)
        for other in ("silent", "piper", "gtts", "fake", "x"):
            if other != voice.name:
                assert cache_key(other, params, text) != base
        assert cache_key(voice.name, params, text + " Again.") != base
        assert cache_key(voice.name, params, text.lower()) != base
        assert cache_key(voice.name, {k: v for k, v in params.items() if k != "sample_rate"}, text) != base


def test_cache_key_covers_every_sound_setting():
    names = {f.name for f in fields(AudioSettings)}
    assert set(AudioSettings().cache_params()) == names - LAYOUT_FIELDS
    for name in names - LAYOUT_FIELDS:
        settings = AudioSettings(**{name: _changed(getattr(AudioSettings(), name))})
        assert cache_key("silent", settings.cache_params(), "a") != cache_key("silent", AudioSettings().cache_params(), "a")


@pytest.mark.parametrize(
    "variant",
    [
        "Hello  world.",
        " Hello world. ",
        "Hello\nworld.",
        "Hello\tworld.\r\n",
        "\u00a0Hello world.",
    ],
)
def test_cache_key_ignores_whitespace_differences(variant):
    params = _all_params(SilentVoice())
    assert cache_key("silent", params, variant) == cache_key("silent", params, "Hello world.")


def test_cache_key_normalizes_unicode_composition():
    params = _all_params(SilentVoice())
    composed, decomposed = "Caf\u00e9 time.", "Cafe\u0301 time."
    assert normalize_text(decomposed) == composed
    assert cache_key("silent", params, decomposed) == cache_key("silent", params, composed)
    assert cache_key("silent", params, "Hello world.") != cache_key("silent", params, "Helloworld.")
