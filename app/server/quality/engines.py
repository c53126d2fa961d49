"""Speech-recognition engines behind one interface, and the one shipped: PocketSphinx.

An engine turns a recording into a :class:`~app.domain.quality.types.Transcript`. To add
one (e.g. the lender's own service or a Chinese model), write a class with ``name``,
``language`` and ``transcribe(audio, call_ref) -> Transcript`` and add it to
:data:`ENGINES`; ship it only with a test that runs it. PocketSphinx (the ``pocketsphinx``
package, with its bundled US-English model) works offline. A dual-channel recording is
transcribed per channel (agent first, customer second); a mono one is attributed to the
agent (no speaker separation is attempted). Words are grouped into segments at pauses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.domain.quality.types import SPEAKERS, Segment, Transcript
from app.server.quality.audio import RATE, Audio

PAUSE_S = 0.5  # a pause this long (or a silence token) ends a segment
_FILLERS = frozenset({"<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]", "[BREATH]", "[COUGH]"})


class Engine(Protocol):
    name: str
    language: str

    def transcribe(self, audio: Audio, call_ref: str) -> Transcript: ...


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: float
    end: float


def group_words(words: list[Word], speaker: str) -> list[Segment]:
    """Consecutive words as segments, split at pauses of PAUSE_S or more."""
    out: list[Segment] = []
    current: list[Word] = []
    for w in words:
        if current and w.start - current[-1].end >= PAUSE_S:
            out.append(_segment(current, speaker))
            current = []
        current.append(w)
    if current:
        out.append(_segment(current, speaker))
    return out


def _segment(words: list[Word], speaker: str) -> Segment:
    return Segment(speaker, words[0].start, words[-1].end, " ".join(w.text for w in words))


class PocketSphinxEngine:
    """CMU PocketSphinx with its bundled US-English acoustic and language model."""

    name = "pocketsphinx"
    language = "en"

    def __init__(self) -> None:
        from pocketsphinx import Decoder  # imported on first use: heavy

        self._decoder = Decoder(samprate=RATE, loglevel="FATAL")

    def words(self, samples: bytes) -> list[Word]:
        d = self._decoder
        d.start_utt()
        d.process_raw(samples, full_utt=True)
        d.end_utt()
        fps = 100.0  # PocketSphinx's default frame rate
        words: list[Word] = []
        for s in d.seg():
            text = s.word.split("(")[0]  # alternative pronunciations: "the(2)"
            if text in _FILLERS or text.startswith("["):
                continue
            words.append(Word(text, s.start_frame / fps, (s.end_frame + 1) / fps))
        return words

    def transcribe(self, audio: Audio, call_ref: str) -> Transcript:
        segments: list[Segment] = []
        for speaker, channel in zip(SPEAKERS, audio.channels, strict=False):
            segments.extend(group_words(self.words(channel.tobytes()), speaker))
        segments.sort(key=lambda s: (s.start, s.end))
        return Transcript(call_ref=call_ref, language=self.language, segments=tuple(segments))


ENGINES: dict[str, Callable[[], Engine]] = {"pocketsphinx": PocketSphinxEngine}


def make_engine(name: str) -> Engine:
    """The engine called ``name`` (ValueError naming the known ones otherwise)."""
    factory = ENGINES.get(name)
    if factory is None:
        raise ValueError(f"unknown engine {name!r}; known: {', '.join(sorted(ENGINES))}")
    return factory()
