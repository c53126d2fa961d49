"""Benchmark and accuracy of the quality review (issue 19).

1. Precision and recall per rule of the review engine on the labelled set
   (tests/domain/data/quality/labelled.json, 69 calls in Chinese and English).
2. Throughput of `qa check`'s engine: transcripts reviewed per second (one core).
3. PocketSphinx on English calls synthesised with espeak-ng: the agent's and the customer's
   lines of the labelled English calls spoken one by one, transcribed, word error rate
   against the words spoken, real-time factor (decoding seconds / audio seconds), and the
   review run on the recogniser's output (its findings against the call's label).

Run: ``uv run python bench/bench_quality.py [--calls N] [--repeat R]`` (espeak-ng needed for 3).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.quality.engine import review
from app.domain.quality.metrics import per_rule
from app.domain.quality.types import Segment, transcript_from_mapping
from app.domain.quality.wer import edit_distance, words

LABELLED = Path(__file__).resolve().parents[1] / "tests/domain/data/quality/labelled.json"


def accuracy(data: list[dict[str, object]]) -> None:
    pairs = []
    for d in data:
        found = review(transcript_from_mapping(d)).findings
        pairs.append((frozenset(d["expect"]), frozenset(f.code for f in found)))  # type: ignore[arg-type]
    print(f"labelled set: {len(data)} calls")
    print(f"{'rule':<28}{'tp':>4}{'fp':>4}{'fn':>4}{'precision':>11}{'recall':>8}")
    for s in per_rule(pairs):
        p = f"{s.precision:.2f}" if s.precision is not None else "-"
        r = f"{s.recall:.2f}" if s.recall is not None else "-"
        print(f"{s.code:<28}{s.tp:>4}{s.fp:>4}{s.fn:>4}{p:>11}{r:>8}")


def throughput(data: list[dict[str, object]], repeat: int) -> None:
    docs = [transcript_from_mapping(d) for d in data]
    review(docs[0])  # rules and phrase lists loaded once, not timed
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in docs:
            review(t)
    dt = time.perf_counter() - t0
    n = repeat * len(docs)
    print(f"qa check engine: {n} transcripts in {dt:.2f} s = {n / dt:.0f} transcripts/s")


def speech(data: list[dict[str, object]], calls: int) -> None:
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        print("espeak-ng not installed: transcription skipped")
        return
    from app.server.quality.audio import read_wav
    from app.server.quality.engines import PocketSphinxEngine

    engine = PocketSphinxEngine()
    english = [d for d in data if d["language"] == "en"][:calls]
    errors = ref_words = 0
    audio_s = decode_s = 0.0
    agree = 0
    with tempfile.TemporaryDirectory() as tmp:
        for d in english:
            t = transcript_from_mapping(d)
            heard: list[Segment] = []
            for i, seg in enumerate(t.segments):
                wav = Path(tmp) / f"{i}.wav"
                subprocess.run([espeak, "-v", "en-us", "-s", "140", "-w", str(wav), seg.text],
                               check=True, capture_output=True)  # fmt: skip
                audio = read_wav(wav)
                t0 = time.perf_counter()
                hyp = " ".join(w.text for w in engine.words(audio.channels[0].tobytes()))
                decode_s += time.perf_counter() - t0
                audio_s += audio.seconds
                ref = words(seg.text)
                errors += edit_distance(ref, words(hyp))
                ref_words += len(ref)
                heard.append(replace(seg, text=hyp))
            found = {f.code for f in review(replace(t, segments=tuple(heard))).findings}
            expected = set(d["expect"])  # type: ignore[call-overload]
            agree += found == expected
            print(f"  {d['call_ref']}: label {sorted(expected)} / on ASR output {sorted(found)}")
    print(f"PocketSphinx on espeak-ng speech: {len(english)} calls, {ref_words} words, "
          f"WER {errors / ref_words:.2f}, {audio_s:.1f} s audio decoded in {decode_s:.1f} s, "
          f"RTF {decode_s / audio_s:.2f}; review on ASR output matched the label on "
          f"{agree}/{len(english)} calls")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2, help="English calls to synthesise")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the set (throughput)")
    args = parser.parse_args()
    data = json.loads(LABELLED.read_text(encoding="utf-8"))
    accuracy(data)
    throughput(data, args.repeat)
    speech(data, args.calls)


if __name__ == "__main__":
    main()
