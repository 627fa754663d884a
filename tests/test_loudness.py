"""Loudness (BS.1770 / EBU R 128) and mastering of the soundtrack."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import butter, lfilter

from dayinlife_manim.output.loudness import integrated_loudness, master, true_peak

RATE = 48_000


def sine(db: float, seconds: float = 3.0, freq: float = 997.0) -> np.ndarray:
    t = np.arange(round(seconds * RATE)) / RATE
    return 10 ** (db / 20) * np.sin(2 * np.pi * freq * t)


def speechlike(seconds: float = 8.0) -> np.ndarray:
    """Noise in syllable-like bursts with sharp peaks and pauses: hard to master."""
    rng = np.random.default_rng(7)
    n = round(seconds * RATE)
    envelope = np.clip(np.sin(2 * np.pi * 3.1 * np.arange(n) / RATE), 0, None) ** 2
    envelope[round(2 * RATE) : round(2.6 * RATE)] = 0  # a pause
    x = 0.2 * lfilter(*butter(4, 4000 / (RATE / 2)), rng.standard_normal(n)) * envelope  # voice-band noise
    x[:: RATE // 2] = 0.95  # clicks well over any ceiling
    return x


def test_the_standard_sine_measures_as_the_standard_says():
    # BS.1770: a 0 dBFS 997 Hz sine in one channel reads -3.01 LKFS; in both, 0.
    assert integrated_loudness(sine(0.0), RATE) == pytest.approx(-3.01, abs=0.02)
    assert integrated_loudness(np.stack([sine(0.0), sine(0.0)]), RATE) == pytest.approx(0.0, abs=0.02)
    assert integrated_loudness(np.stack([sine(-20.0), sine(-20.0)]), RATE) == pytest.approx(-20.0, abs=0.02)


def test_gates_ignore_silence():
    # (the few blocks that straddle the edge count, as the standard says: a long tone makes them negligible)
    quiet = np.concatenate([sine(-20.0, 30.0), np.zeros(30 * RATE)])
    assert integrated_loudness(quiet, RATE) == pytest.approx(integrated_loudness(sine(-20.0, 30.0), RATE), abs=0.1)
    assert integrated_loudness(np.zeros(RATE), RATE) == float("-inf")


def test_true_peak_sees_peaks_between_samples():
    # A sine at a quarter of the rate, sampled at +-45 degrees: samples at 0.707, true peak 1.0.
    t = np.arange(RATE)
    x = np.sin(np.pi / 2 * t + np.pi / 4)
    assert np.abs(x).max() == pytest.approx(0.7071, abs=1e-3)
    assert true_peak(x) == pytest.approx(0.0, abs=0.3)


@pytest.mark.parametrize("target", [-16.0, -14.0, -23.0])
def test_master_hits_the_target_under_the_ceiling(target):
    x = np.stack([speechlike(), speechlike()])
    out, measured = master(x, RATE, target, -1.0)
    assert out.shape == x.shape and out.dtype == np.float32
    assert measured.integrated == pytest.approx(target, abs=0.1)
    assert integrated_loudness(out, RATE) == pytest.approx(measured.integrated, abs=1e-6)
    assert measured.true_peak <= -1.0
    assert true_peak(out) == pytest.approx(measured.true_peak, abs=1e-6)


def test_master_leaves_silence_alone():
    out, measured = master(np.zeros((2, RATE)), RATE)
    assert not out.any() and measured.integrated == float("-inf")


def quarter_rate_sine(amplitude: float, n: int) -> np.ndarray:
    """A sine at a quarter of the rate sampled at +-45 degrees: samples at 0.707 of its true peak."""
    return amplitude * np.sin(np.pi / 2 * np.arange(n) + np.pi / 4)


def brute_true_peak(x: np.ndarray) -> float:
    """The whole signal oversampled 4x, as BS.1770 annex 2 says (no blocks skipped)."""
    from scipy.signal import resample_poly

    return 20 * np.log10(np.abs(resample_poly(np.atleast_2d(x), 4, 1, axis=1)).max())


def test_limiter_catches_peaks_between_samples():
    # Quiet noise, and one burst whose samples stay 2 dB under the ceiling (-3 dBFS)
    # while its true peak is 1 dB over it: only oversampling can see it.
    rng = np.random.default_rng(1)
    x = 0.05 * rng.standard_normal(5 * RATE)
    x[np.abs(x) > 0.15] = 0.15  # noise that never comes near the ceiling
    burst = slice(2 * RATE + 123, 2 * RATE + 123 + RATE // 100)
    x[burst] = quarter_rate_sine(1.0, RATE // 100)
    assert 20 * np.log10(np.abs(x).max()) < -2.5 and true_peak(x) > -0.2
    target = integrated_loudness(x, RATE)  # no gain: the limiter alone must act
    out, measured = master(x, RATE, target, -1.0)
    assert measured.true_peak <= -1.0
    assert brute_true_peak(out) <= -1.0 + 1e-6
    assert measured.integrated == pytest.approx(target, abs=0.1)
    away = np.r_[0:RATE, 4 * RATE : 5 * RATE]  # the limiter leaves the rest alone (one gain)
    assert np.allclose(out[away], x[away] * out[away[0]] / x[away[0]], rtol=1e-4)


@pytest.mark.parametrize("n", [4 * 512 + 37, 3 * 48_000 + 5])  # block and chunk boundaries fall anywhere
def test_true_peak_is_exact_across_blocks_and_chunks(monkeypatch, n):
    from dayinlife_manim.output import loudness

    monkeypatch.setattr(loudness, "CHUNK", 4 * 512 * 3)  # several batches
    rng = np.random.default_rng(n)
    x = np.stack([0.2 * rng.standard_normal(n), 0.1 * rng.standard_normal(n)])
    x[1, n // 2 - 3 : n // 2 + 3] = quarter_rate_sine(0.9, 6)  # peaks between samples, near a block edge
    x[0, -2:] = 0.95  # and at the very end
    assert true_peak(x) == pytest.approx(brute_true_peak(x), abs=1e-5)
    assert true_peak(quarter_rate_sine(1.0, n)) == pytest.approx(brute_true_peak(quarter_rate_sine(1.0, n)), abs=1e-5)


def test_loudness_is_exact_across_chunks(monkeypatch):
    from scipy.signal import sosfilt

    from dayinlife_manim.output import loudness

    rng = np.random.default_rng(2)
    x = np.stack([speechlike(7.3), 0.05 * rng.standard_normal(round(7.3 * RATE))])
    whole = integrated_loudness(x, RATE)
    monkeypatch.setattr(loudness, "CHUNK", 12_345)  # not a whole number of 100 ms steps
    assert integrated_loudness(x, RATE) == pytest.approx(whole, abs=1e-9)
    # against the definition, on the whole signal at once
    sections = np.array([np.concatenate((b, a)) for b, a in loudness._biquads(RATE)])
    y = sosfilt(sections, x, axis=1)
    step = RATE // 10
    blocks = [(y[:, i : i + 4 * step] ** 2).mean(axis=1).sum() for i in range(0, y.shape[1] - 4 * step + 1, step)]
    z = np.array(blocks)
    kept = z[-0.691 + 10 * np.log10(z) > -70]
    kept = kept[-0.691 + 10 * np.log10(kept) > -0.691 + 10 * np.log10(kept.mean()) - 10]
    assert whole == pytest.approx(-0.691 + 10 * np.log10(kept.mean()), abs=1e-6)


def test_dual_mono_counts_a_mono_track_in_both_channels():
    x = speechlike()
    assert integrated_loudness(x, RATE, dual_mono=True) == pytest.approx(integrated_loudness(np.stack([x, x]), RATE), abs=1e-9)
    out, measured = master(x, RATE, -16.0, -1.0, dual_mono=True)
    assert integrated_loudness(np.stack([out, out]), RATE) == pytest.approx(measured.integrated, abs=1e-6)
    assert measured.integrated == pytest.approx(-16.0, abs=0.1)


@pytest.mark.parametrize("channels", [1, 2])
def test_meter_measures_pieces_as_the_whole(channels):
    from dayinlife_manim.output.loudness import Meter

    rng = np.random.default_rng(channels)
    x = (0.2 * rng.standard_normal((channels, 5 * RATE + 123))).astype(np.float32)
    x[:, 2 * RATE + 5] = 0.9  # a peak, and one at the very end: both need context from the next piece
    x[:, -3:] = 0.95
    meter, pos = Meter(RATE, dual_mono=True), 0
    for size in [1000, 17, 0, 48_000, 33_333, 5, 100_000, 1024] * 4:  # edges anywhere, empty pieces too
        meter.add(x[:, pos : pos + size])
        pos += size
    meter.add(x[:, pos:])
    measured = meter.result()
    assert measured.integrated == pytest.approx(integrated_loudness(x, RATE, dual_mono=True), abs=1e-9)
    assert measured.true_peak == pytest.approx(true_peak(x), abs=1e-9)
