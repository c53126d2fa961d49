"""`qa transcribe` with the PocketSphinx engine on speech synthesised by espeak-ng, and the
audio reading it relies on."""

from __future__ import annotations

import json
import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from app.domain.quality.wer import word_error_rate
from app.server.quality.audio import AudioError, read_wav
from app.server.quality.engines import Word, group_words
from main import main

ESPEAK = shutil.which("espeak-ng")


def _tone(path: Path, rate: int, channels: int, seconds: float = 0.5) -> None:
    t = np.arange(int(rate * seconds)) / rate
    x = (8000 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
    frames = np.repeat(x[:, None], channels, axis=1)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames.tobytes())


def test_audio_is_resampled_to_16_khz_per_channel(tmp_path: Path) -> None:
    _tone(tmp_path / "a.wav", 22050, 2)
    audio = read_wav(tmp_path / "a.wav")
    assert len(audio.channels) == 2
    assert len(audio.channels[0]) == 8000 and audio.seconds == pytest.approx(0.5)
    # the tone survives the low-pass (440 Hz is far below the cut-off)
    assert 7000 < int(np.abs(audio.channels[0]).max()) <= 8001


def test_a_file_that_is_not_wav_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.wav").write_bytes(b"not a wav")
    with pytest.raises(AudioError, match=r"cannot read x\.wav"):
        read_wav(tmp_path / "x.wav")


def test_words_are_grouped_into_segments_at_pauses() -> None:
    words = [Word("hello", 0.0, 0.4), Word("there", 0.5, 0.9), Word("yes", 2.0, 2.3)]
    segs = group_words(words, "agent")
    assert [(s.text, s.start, s.end) for s in segs] == [
        ("hello there", 0.0, 0.9),
        ("yes", 2.0, 2.3),
    ]


def test_word_error_rate() -> None:
    assert word_error_rate("Please pay the money.", "please pay the money") == 0.0
    assert word_error_rate("please pay the money", "the big money") == 0.75  # 3 edits


@pytest.mark.slow
def test_pocketsphinx_transcribes_synthesised_speech(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wav = tmp_path / "call.wav"
    assert ESPEAK is not None, "espeak-ng is needed (apt-get install espeak-ng; .ci/run does)"
    subprocess.run(
        [ESPEAK, "-v", "en-us", "-s", "130", "-w", str(wav), "Please pay the money."],
        check=True,
        capture_output=True,
    )
    assert main(["qa", "transcribe", str(wav), "--engine", "pocketsphinx"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["engine"] == "pocketsphinx" and doc["language"] == "en"
    text = " ".join(s["text"] for s in doc["segments"])
    assert "money" in text.split()
    assert all(s["speaker"] == "agent" for s in doc["segments"])


def test_an_unknown_engine_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _tone(tmp_path / "a.wav", 16000, 1)
    assert main(["qa", "transcribe", str(tmp_path / "a.wav"), "--engine", "nope"]) == 2
    assert "unknown engine 'nope'" in capsys.readouterr().err
