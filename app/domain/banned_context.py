"""Whose words a banned phrase is: the agent's own, a quote, or a denial (pure).

A note records what was said on a call. "客户说：你们这些骗子" quotes the borrower and "我们没有
黑名单" denies a threat; neither is the agent saying the phrase. :func:`context_of` reads the
sentence around a hit and answers ``"quote"``, ``"denial"`` or ``""`` (the agent's own words):

- a quote: the hit is inside quotation marks (“…” 「…」 "…"), or follows in the same
  sentence someone else's speech - a speaker (客户, 借款人, 对方, 他/她, 家属... / customer,
  borrower, he/she, his wife...) and a verb of saying (说, 称, 骂, 问, 表示, 投诉... / said,
  asked, called, claims, yelled...) - or a speaker label ("客户：", "Customer:"). Words the
  agent reports of themselves ("我说", "告诉客户", "I told him") are not a quote, and a later
  clause that starts with the agent (我/我们, I/we) ends the quote;
- a denial: in the same clause, shortly before the hit, a negation that governs it (没有,
  不会, 不是, 从未, 并没有, 不存在, 禁止, 不能说... / no, not, never, n't, nobody, no one...),
  with no condition or consequence between them (就, 否则, 我们... / if, or, then, we,
  but...), so "你不还我们就通知你家人" and "if you don't pay we will call your boss" stay the
  agent's own words; an imperative "不要/别/don't" is a threat's opening, not a denial.
  After the hit, "…是不存在的" / "…does not exist" denies it too.

These are heuristics for a person to review, never a licence: the desk warns on both kinds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?=\s|$)")
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]|\.(?=\s|$)")  # "、" lists, it does not end

_ZH_SPEAKER = (
    r"(?:客户|借款人|对方|他们|她们|他|她|家属|家人|本人|联系人|担保人|债务人|老公|老婆|丈夫|妻子"
    r"|父亲|母亲|儿子|女儿|前夫|前妻|同事|邻居|朋友|其[妻夫父母子女])"
)
_ZH_SAY = (
    r"(?:说|称|讲|骂|问|质问|声称|表示|反映|投诉|提到|抱怨|怀疑|担心|害怕|威胁|回复|回答|喊|吼|嚷"
    r"|认为|以为|觉得|哭诉)"
)
_ZH_QUOTE = re.compile(rf"{_ZH_SPEAKER}[^，。！？；\n]{{0,8}}?{_ZH_SAY}|{_ZH_SPEAKER}\s*[：:]")
_ZH_SELF = re.compile(r"我们?\S{0,3}?(?:说|讲|告诉|骂|警告)|告诉(?:客户|他|她|对方|借款人)")
_ZH_DENY = re.compile(
    r"没有|并没|没说|没|从未|从来没|从不|不会|绝不|决不|不是|并非|并不|不存在|无|禁止|不能说|不可以说"
    r"|不得|不准|严禁|不许"
)
_ZH_RESET = re.compile(r"就|则|否则|不然|要不|那么|那就|然后|我们|我|但是?|可是|却|再不|如果|要是")
_ZH_DENY_AFTER = re.compile(r"^\s*(?:是|都是)?(?:不存在|并不存在|没有的|假的|谣言)")
_ZH_WINDOW = 8

_EN_SPEAKER = (
    r"(?:customer|borrower|debtor|client|caller|he|she|they|wife|husband|son|daughter|mother"
    r"|father|mom|dad|brother|sister|guarantor|cosigner|co-borrower|relative|neighbou?r|friend"
    r"|employer|colleague|ex)"
)
_EN_SAY = (
    r"(?:said|says|say|told|tells|asked|asks|claimed|claims|yelled|shouted|screamed|called"
    r"|calls|complained|complains|accused|mentioned|wrote|insisted|threatened|feared|fears"
    r"|worried|worries|thinks|thought|wondered|swore|cursed|replied|answered|reported"
    r"|reports|alleged|alleges)"
)
_EN_QUOTE = re.compile(
    rf"\b{_EN_SPEAKER}\b[^.!?\n]{{0,40}}?\b{_EN_SAY}\b|\b{_EN_SPEAKER}\s*:", re.IGNORECASE
)
_EN_SELF = re.compile(r"\b(?:i|we)\b\s+(?:\w+\s+)?(?:said|told|say|tell)\b|^\s*told\b", re.I)
_EN_DENY = re.compile(
    r"\b(?:no|not|never|nobody|none|nor|neither|without|no\s+one|nothing)\b|n't\b|n’t\b", re.I
)
_EN_RESET = re.compile(
    r"\b(?:if|otherwise|else|then|unless|but|until|we|i|we'll|i'll|we’ll|i’ll|so"
    r"|(?:or|and)(?!\s+(?:a|an|the|your|his|her|their|any|to)\b))\b",
    re.I,
)  # "or"/"and" before a noun continue a list: "never call anyone a deadbeat or a liar"
_EN_IMPERATIVE = re.compile(r"^\s*(?:please\s+)?(?:don't|don’t|do\s+not)\b", re.I)
_EN_DENY_AFTER = re.compile(
    r"^\W*(?:is|are)?\s*(?:not real|does not exist|doesn't exist|a myth|do not exist)", re.I
)
_EN_WINDOW_WORDS = 6

LOOK_BACK = 200  # characters of a sentence read before a hit
_OPEN_QUOTES = "“「『‘《"
_CLOSE_QUOTES = "”」』’》"


@lru_cache(maxsize=32)
def _ends(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.end() for m in pattern.finditer(text)]


def _start_of(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where the sentence or clause holding `pos` starts (after the last end before it),
    looking back at most LOOK_BACK characters (a long unpunctuated text stays linear)."""
    ends = _ends(pattern, text)
    k = bisect_right(ends, pos) - 1
    return max(ends[k] if k >= 0 else 0, pos - LOOK_BACK)


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of `pattern` in `text`."""
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the loop keeps the last one
        pass
    return found


def _in_quotes(text: str, start: int, sentence_at: int) -> int:
    """Where the quotation mark that the hit is inside opens (-1 when it is not quoted)."""
    depth, opened = 0, -1
    straight = []
    for k in range(sentence_at, start):
        c = text[k]
        if c in _OPEN_QUOTES:
            depth += 1
            opened = k if depth == 1 else opened
        elif c in _CLOSE_QUOTES and depth:
            depth -= 1
        elif c == '"':
            straight.append(k)
    if depth:
        return opened
    return straight[-1] if len(straight) % 2 else -1


def _quoted(text: str, start: int) -> bool | None:
    """Inside quotation marks: True when someone else's, False when the agent's own
    ("我说“…”", "I told him \"…\""); None when not inside quotation marks."""
    sentence_at = _start_of(_SENTENCE_END, text, start)
    opened = _in_quotes(text, start, sentence_at)
    if opened < 0:
        return None
    lead = text[sentence_at:opened]
    return not (_ZH_SELF.search(lead) or _EN_SELF.search(lead))


def _is_quote(text: str, start: int, zh: bool) -> bool:
    sentence_at = _start_of(_SENTENCE_END, text, start)
    before = text[sentence_at:start]
    self_words = _ZH_SELF if zh else _EN_SELF
    cue = _last(_ZH_QUOTE if zh else _EN_QUOTE, before)
    if cue is None or self_words.search(before[: cue.start()][-6:]):
        return False
    after_cue = before[cue.end() :]
    # a later clause that starts with the agent ends the quote
    for clause in _CLAUSE_END.split(after_cue)[1:]:
        if (zh and re.match(r"\s*我们?", clause)) or (
            not zh and re.match(r"\s*(?:i|we|told|called)\b", clause, re.I)
        ):
            return False
    return True


def _is_denial(text: str, start: int, end: int, zh: bool) -> bool:
    clause_at = _start_of(_CLAUSE_END, text, start)
    before = text[clause_at:start]
    after = text[end : end + 12]
    if zh:
        if _ZH_DENY_AFTER.match(after):
            return True
        cue = _last(_ZH_DENY, before)
        if cue is None:
            return False
        between = before[cue.end() :]
        return len(between) <= _ZH_WINDOW and not _ZH_RESET.search(between)
    if _EN_DENY_AFTER.match(after):
        return True
    cue = _last(_EN_DENY, before)
    if cue is None:
        return False
    imperative = _EN_IMPERATIVE.match(before)
    if imperative and cue.start() < imperative.end():
        return False  # "don't make me call your boss" opens a threat
    between = before[cue.end() :]
    words = between.split()
    return len(words) <= _EN_WINDOW_WORDS and not _EN_RESET.search(between)


def context_of(text: str, start: int, end: int) -> str:
    """ "quote", "denial" or "" for the hit ``text[start:end]`` (see the module docstring).
    Notes mix languages ("客户说 you are liars"), so both languages' cues are read."""
    quoted = _quoted(text, start)
    if quoted or (
        quoted is None and (_is_quote(text, start, True) or _is_quote(text, start, False))
    ):
        return "quote"
    if _is_denial(text, start, end, True) or _is_denial(text, start, end, False):
        return "denial"
    return ""
