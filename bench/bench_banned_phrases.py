"""Benchmark and measurement: the banned-phrase checker on the labelled set (issue 14 point 4).

Prints, for tests/domain/data/banned_phrase_eval.yaml:

- the catch rate: disguised variants (the agent's own words) with a hit that counts as a
  violation (severity "block"; a checker without severities counts every hit);
- the false-alarm rate: innocent sentences (denials, quotes, phrases split by punctuation,
  ordinary notes) with a violation; and how many of them got a "review" warning;
- the misses and false alarms, one per line, so a change can be judged;
- the time to check one note against both lists as the agent types (a 200-character note
  and a 2,000-character one, median and p99 over repeated runs, after a warm-up).

Run: ``uv run python bench/bench_banned_phrases.py [--quiet]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.domain.banned_phrases import check_text  # noqa: E402

EVAL = ROOT / "tests" / "domain" / "data" / "banned_phrase_eval.yaml"
LANGS = ("zh_CN", "en")


def severities(text: str) -> list[str]:
    """The severity of every hit in `text` (both lists); "block" when the checker has none."""
    return [getattr(h, "severity", "block") for lang in LANGS for h in check_text(text, lang)]


def measure(quiet: bool) -> None:
    doc = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    for item in doc["disguised"]:
        total[item["kind"]] += 1
        if "block" in severities(item["text"]):
            caught[item["kind"]] += 1
        else:
            misses.append(f"  miss [{item['kind']}] {item['text']!r} ({item['phrase']})")
    alarms: Counter[str] = Counter()
    warned: Counter[str] = Counter()
    itotal: Counter[str] = Counter()
    false: list[str] = []
    for item in doc["innocent"]:
        itotal[item["kind"]] += 1
        sev = severities(item["text"])
        if "block" in sev:
            alarms[item["kind"]] += 1
            false.append(f"  false alarm [{item['kind']}] {item['text']!r}")
        elif sev:
            warned[item["kind"]] += 1
    n, ni = sum(total.values()), sum(itotal.values())
    print(f"catch rate: {sum(caught.values())}/{n} = {sum(caught.values()) / n:.1%}")
    for kind in sorted(total):
        print(f"  {kind:<11} {caught[kind]}/{total[kind]}")
    print(
        f"false-alarm rate: {sum(alarms.values())}/{ni} = {sum(alarms.values()) / ni:.1%}"
        f" (review warnings, not violations: {sum(warned.values())})"
    )
    for kind in sorted(itotal):
        print(f"  {kind:<11} {alarms[kind]}/{itotal[kind]} (review {warned[kind]})")
    if not quiet:
        print("\n".join(misses + false))


def timing() -> None:
    doc = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    zh = "".join(i["text"] for i in doc["innocent"] if not i["text"].isascii())
    en = " ".join(i["text"] for i in doc["innocent"] if i["text"].isascii())
    notes = {
        "200-char note": (zh[:150] + en)[:200],
        "2,000-char note": ((zh + en) * 3)[:2000],
    }
    severities("warm-up 黑名单")  # the lists and the pinyin tables are read on first use
    for name, text in notes.items():
        runs = []
        for k in range(200):
            typed = f"{text} {k}"  # a new text each time, as when the agent types
            t0 = time.perf_counter()
            severities(typed)
            runs.append(time.perf_counter() - t0)
        runs.sort()
        print(
            f"{name}: median {statistics.median(runs) * 1000:.2f} ms, "
            f"p99 {runs[int(len(runs) * 0.99) - 1] * 1000:.2f} ms (both lists)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args()
    measure(args.quiet)
    timing()


if __name__ == "__main__":
    main()
