"""Loudness (BS.1770 / EBU R 128) and mastering of the soundtrack."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import butter, lfilter

from dayinlife_manim.loudness import integrated_loudness, master, true_peak

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
