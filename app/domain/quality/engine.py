"""The review engine: a transcript and the call's recorded facts in, findings and score out.

Rules (codes in :data:`app.domain.quality.rules.RULE_CODES`), each over the agent's words:

- ``recording_notice_missing`` / ``company_name_missing``: not said, or said only after
  the debt was first discussed (the finding is placed where the debt came up);
- ``disclosure_before_identity``: the agent spoke of the debt before the identity check
  was recorded (``facts.identity_confirmed_at``; when the desk recorded none, the end of
  the customer's affirmation of an identity question in the transcript; neither means
  every mention is too early);
- ``third_party_disclosure``: the call reached a third party (disposition
  ``third_party``) and the agent spoke of the debt;
- ``banned_phrase``: the banned-phrase checker's hits (its severity "review", when it
  reports one, weighs ``banned_phrase_review``);
- ``promise_mismatch``: the wrap-up's promise amount or date was not said on the call
  (quoting what was said instead, when a promise was spoken);
- ``outside_contact_rules``: a contact-rule verdict recorded for the attempt.

Coaching hints (``talk_over``, ``long_silence``) carry no points. The score is 100 minus
the findings' points, at least 0, so it is explained by the findings. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain.banned_phrases import PhraseList, check_text
from app.domain.quality.rules import CHECKER_LANG, QualityRules, shipped_rules
from app.domain.quality.spoken import amounts, dates
from app.domain.quality.types import Finding, Hint, Review, Segment, Transcript

QUOTE_MAX = 120


def _quote(text: str, start: int = 0, end: int | None = None) -> str:
    """The words around ``text[start:end]``, at most QUOTE_MAX characters."""
    end = len(text) if end is None else end
    if len(text) <= QUOTE_MAX:
        return text
    lo = max(0, start - (QUOTE_MAX - (end - start)) // 2)
    return text[lo : lo + QUOTE_MAX]


def _hits(seg: Segment, plist: PhraseList) -> bool:
    return bool(check_text(seg.text, plist.lang, plist))


class _Reviewer:
    def __init__(self, t: Transcript, rules: QualityRules) -> None:
        self.t = t
        self.rules = rules
        self.lang = rules.languages[t.language]
        self.agent = [s for s in t.segments if s.speaker == "agent"]
        self.findings: list[Finding] = []

    def add(self, code: str, at: float, quote: str, detail: str = "", weight: str = "") -> None:
        points = self.rules.weights[weight or code]
        severity = self.rules.severity[code] if not weight else "review"
        self.findings.append(Finding(code, severity, at, _quote(quote), points, detail))

    def debt_mentions(self) -> list[Segment]:
        return [s for s in self.agent if _hits(s, self.lang.debt_terms)]

    def said_before_debt(self, code: str, plist: PhraseList, first_debt: Segment | None) -> None:
        said = [s for s in self.agent if _hits(s, plist)]
        if not said:
            at = first_debt.start if first_debt else 0.0
            self.add(code, at, first_debt.text if first_debt else "", "never said")
        elif first_debt is not None and said[0].start > first_debt.start:
            self.add(code, first_debt.start, first_debt.text, "said after the debt came up")

    def disclosure(self, mentions: list[Segment]) -> None:
        facts = self.t.facts
        if facts.disposition == "third_party":
            if mentions:
                self.add("third_party_disclosure", mentions[0].start, mentions[0].text)
            return
        confirmed = facts.identity_confirmed_at
        if confirmed is None:
            confirmed = self.identity_from_words()
        early = [s for s in mentions if confirmed is None or s.start < confirmed]
        if early:
            detail = "identity never confirmed" if confirmed is None else "before the check"
            self.add("disclosure_before_identity", early[0].start, early[0].text, detail)

    def identity_from_words(self) -> float | None:
        """When the desk recorded no identity step: the end of the first customer
        affirmation that answers an agent's identity question (None when there is none)."""
        asked = False
        for seg in self.t.segments:
            if seg.speaker == "agent":
                asked = asked or _hits(seg, self.lang.identity_question)
            elif asked and _hits(seg, self.lang.identity_affirm):
                return seg.end
        return None

    def banned(self) -> None:
        lang = CHECKER_LANG[self.t.language]
        for seg in self.agent:
            for hit in check_text(seg.text, lang):
                review = getattr(hit, "severity", "block") == "review"
                self.add(
                    "banned_phrase",
                    seg.start,
                    _quote(seg.text, hit.start, hit.end),
                    f"{hit.category}: {hit.phrase}",
                    "banned_phrase_review" if review else "",
                )

    def promise(self, today: date | None) -> None:
        facts = self.t.facts
        if facts.promise_amount_fen is None and facts.promise_date is None:
            return
        lang = self.t.language
        said_amounts = [(a, s) for s in self.t.segments for a, _, _ in amounts(s.text, lang)]
        said_dates = (
            [(d, s) for s in self.t.segments for d, _, _ in dates(s.text, lang, today)]
            if today is not None
            else []
        )
        if facts.promise_amount_fen is not None and all(
            a != facts.promise_amount_fen for a, _ in said_amounts
        ):
            self._mismatch("amount", said_amounts)
        if (
            facts.promise_date is not None
            and today is not None
            and all(d != facts.promise_date for d, _ in said_dates)
        ):
            self._mismatch("date", said_dates)

    def _mismatch(self, what: str, said: Sequence[tuple[object, Segment]]) -> None:
        if said:
            seg = said[-1][1]  # the last one said is the one agreed
            self.add("promise_mismatch", seg.start, seg.text, f"wrap-up {what} differs")
        else:
            last = self.t.segments[-1] if self.t.segments else None
            self.add(
                "promise_mismatch",
                last.start if last else 0.0,
                "",
                f"wrap-up {what} never said",
            )

    def contact_rules(self) -> None:
        for verdict in self.t.facts.contact_violations:
            self.add("outside_contact_rules", 0.0, verdict, "recorded contact-rule verdict")


def hints(t: Transcript, rules: QualityRules) -> list[Hint]:
    """Talk-over (two speakers at once) and long silences, in time order."""
    found: list[Hint] = []
    reach = 0.0  # the latest end so far
    last: Segment | None = None  # the segment reaching furthest so far
    for seg in t.segments:
        if last is not None:
            overlap = min(last.end, seg.end) - seg.start
            if seg.speaker != last.speaker and overlap >= rules.talk_over_min_seconds:
                found.append(Hint("talk_over", seg.start, overlap))
            gap = seg.start - reach
            if gap >= rules.long_silence_seconds:
                found.append(Hint("long_silence", reach, gap))
        if last is None or seg.end > reach:
            reach, last = seg.end, seg
    return found


def review(
    t: Transcript, rules: QualityRules | None = None, *, call_date: date | None = None
) -> Review:
    """Review one call. Dates said aloud are read relative to ``call_date`` (default: the
    transcript's); without either, only amounts are compared."""
    rules = rules or shipped_rules()
    r = _Reviewer(t, rules)
    mentions = r.debt_mentions()
    first = mentions[0] if mentions else None
    r.said_before_debt("recording_notice_missing", r.lang.recording_notice, first)
    r.said_before_debt("company_name_missing", r.lang.company_name, first)
    r.disclosure(mentions)
    r.banned()
    r.promise(call_date or t.call_date)
    r.contact_rules()
    findings = sorted(r.findings, key=lambda f: (f.at, f.code))
    score = max(0, 100 - sum(f.points for f in findings))
    return Review(t.call_ref, tuple(findings), tuple(hints(t, rules)), score)
