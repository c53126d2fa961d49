"""Reading a WAV recording as 16 kHz mono 16-bit PCM for the recognisers (numpy only).

PCM WAV of 8, 16, 24 or 32 bits, any rate, one or two channels. A rate other than 16 kHz is
resampled: low-pass (windowed sinc, cut-off below the lower Nyquist frequency) then linear
interpolation. Channels are returned separately (a dual-channel call recording carries the
agent on the first channel and the customer on the second).
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

RATE = 16_000
_TAPS = 101


class AudioError(ValueError):
    """The file is not a WAV recording we can read (one line, names the problem)."""


@dataclass(frozen=True, slots=True)
class Audio:
    """16 kHz int16 samples per channel; ``seconds`` the duration."""

    channels: tuple[npt.NDArray[np.int16], ...]
    seconds: float


def _lowpass(x: npt.NDArray[np.float64], cutoff: float) -> npt.NDArray[np.float64]:
    k = np.arange(_TAPS) - (_TAPS - 1) / 2
    h = 2 * cutoff * np.sinc(2 * cutoff * k) * np.hanning(_TAPS)
    return np.convolve(x, h / h.sum(), mode="same")


def resample(x: npt.NDArray[np.float64], rate: int) -> npt.NDArray[np.int16]:
    """``x`` sampled at ``rate`` as 16 kHz int16."""
    if rate != RATE:
        ratio = RATE / rate
        if ratio < 1:
            x = _lowpass(x, 0.5 * ratio * 0.9)
        n = int(len(x) * ratio)
        x = np.interp(np.arange(n) / ratio, np.arange(len(x)), x)
    return np.clip(np.rint(x), -32768, 32767).astype(np.int16)


def read_wav(path: str | Path) -> Audio:
    """The recording at ``path`` as 16 kHz channels."""
    try:
        with wave.open(str(path), "rb") as w:
            width, nch, rate = w.getsampwidth(), w.getnchannels(), w.getframerate()
            raw = w.readframes(w.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise AudioError(f"cannot read {Path(path).name} as a PCM WAV file: {exc}") from None
    if nch not in (1, 2):
        raise AudioError(f"expected one or two channels, the file has {nch}")
    if width == 1:
        data = (np.frombuffer(raw, dtype=np.uint8).astype(np.float64) - 128) * 256
    elif width == 2:
        data = np.frombuffer(raw, dtype="<i2").astype(np.float64)
    elif width == 3:
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        data = (np.where(v >= 1 << 23, v - (1 << 24), v) / 256).astype(np.float64)
    elif width == 4:
        data = np.frombuffer(raw, dtype="<i4").astype(np.float64) / 65536
    else:
        raise AudioError(f"unsupported sample width {width} bytes")
    frames = data.reshape(-1, nch)
    channels = tuple(resample(frames[:, c], rate) for c in range(nch))
    return Audio(channels, len(frames) / rate if rate else 0.0)
