"""Writes labelled.json: the labelled quality-review set (run once; the JSON is the data).

Each call is built from parts of a collection call (opening, identity check, debt, promise,
closing) in Chinese or English; a violation is made by changing one part by hand, with
plain and disguised wordings. ``expect`` lists the rule codes a reviewer would raise on the
call (the label). Names and amounts are invented.

    uv run python tests/domain/data/quality/build_labelled.py
"""

from __future__ import annotations

import json
from pathlib import Path

CALL_DATE = "2026-12-08"  # a Tuesday

ZH = {
    "open": ["您好，我是安达汽车金融的客服小李，本次通话将被录音。"],
    "open_nonotice": ["您好，我是安达汽车金融的客服小李。"],
    "open_noname": ["您好，我是客服小李，本次通话将被录音。"],
    "ask": ["请问是王建国先生本人吗？"],
    "yes": ["是我，什么事？"],
    "debt": ["王先生，您的车贷这期月供已经逾期十二天了，应还金额是三千五百元。"],
    "why": ["这个月手头有点紧，工资还没发。"],
    "bye": ["好的，那就这样，祝您生活愉快，再见。"],
    "bye_c": ["好，再见。"],
}
EN = {
    "open": ["Hello, this is Sam from Anda Auto Finance. This call is recorded for quality."],
    "open_nonotice": ["Hello, this is Sam from Anda Auto Finance."],
    "open_noname": ["Hello, this is Sam calling. This call is recorded for quality."],
    "ask": ["Am I speaking with Mr. David Miller?"],
    "yes": ["Yes, speaking. What is it about?"],
    "debt": [
        "Mr. Miller, your car loan installment is twelve days past due, "
        "the amount due is 3,500 dollars."
    ],
    "why": ["Money is tight this month, my pay check is late."],
    "bye": ["Thank you, have a good day. Goodbye."],
    "bye_c": ["Bye."],
}
L = {"zh": ZH, "en": EN}

# promise wordings: (agent offer, customer promise, amount in yuan, ISO date)
PROMISES = {
    "zh": [
        ("那您看什么时候能还上？", "我下周五还三千五。", 3500, "2026-12-18"),
        ("您最晚哪天可以处理？", "十五号吧，先还两千块。", 2000, "2026-12-15"),
        ("能不能这周先还一部分？", "这周五我转一千五百元过去。", 1500, "2026-12-11"),
        ("您月底前能安排吗？", "月底我还3,500。", 3500, "2026-12-31"),
        ("明天能还吗？", "明天可以，还一万二。", 12000, "2026-12-09"),
    ],
    "en": [
        (
            "When can you make the payment?",
            "I can pay thirty five hundred next Friday.",
            3500,
            "2026-12-18",
        ),
        (
            "What date works for you?",
            "The 15th. I will send two thousand dollars.",
            2000,
            "2026-12-15",
        ),
        (
            "Could you pay part of it this week?",
            "This Friday I can send $1,500.",
            1500,
            "2026-12-11",
        ),
        (
            "Can you settle it by the end of the month?",
            "By the end of the month, three thousand five hundred.",
            3500,
            "2026-12-31",
        ),
        ("Could you pay tomorrow?", "Tomorrow works, twelve hundred dollars.", 1200, "2026-12-09"),
    ],
}
OK_AGENT = {"zh": "好的，我这边记录下来了。", "en": "Thank you, I have noted that."}

BANNED = {
    "zh": [
        "你再不还就让你坐牢。",  # plain
        "不还的话我们会把你列入征 信 黑 名 单。",  # spaces between the characters
        "不还的話就上徵信黑名單。",  # traditional characters
        "你给我等着瞧！",
        "再拖就上门讨债。",
        "你是不是傻，欠钱不还。",
    ],
    "en": [
        "If you do not pay you will go to jail.",
        "You will be put on a b.l.a.c.k.l.i.s.t.",  # letters spaced by dots
        "This is your LAST WARNING.",
        "We know where you live.",
        "Pay now or else.",
        "You will be Black-Listed everywhere.",
    ],
}


def seg(speaker: str, text: str, t: float) -> tuple[dict[str, object], float]:
    length = max(
        1.5, round(len(text) * (0.22 if any("\u4e00" <= c <= "\u9fff" for c in text) else 0.07), 1)
    )
    return {
        "speaker": speaker,
        "start": round(t, 1),
        "end": round(t + length, 1),
        "text": text,
    }, t + length + 0.6


def call(lang: str, turns: list[tuple[str, str]], **facts: object) -> dict[str, object]:
    t, segments = 0.5, []
    for speaker, text in turns:
        s, t = seg(speaker, text, t)
        segments.append(s)
    return {
        "language": lang,
        "call_date": CALL_DATE,
        "segments": segments,
        "facts": {"disposition": "right_party", **facts},
    }


def standard(
    lang: str,
    *,
    open_key: str = "open",
    promise: int = 0,
    order: str = "normal",
    debt: str | None = None,
    extra_agent: str | None = None,
) -> list[tuple[str, str]]:
    p = L[lang]
    offer, said, _, _ = PROMISES[lang][promise]
    debt_text = debt or p["debt"][0]
    head = [("agent", p[open_key][0]), ("agent", p["ask"][0]), ("customer", p["yes"][0])]
    if order == "notice_late":
        head = [
            ("agent", p["open_nonotice"][0]),
            ("agent", p["ask"][0]),
            ("customer", p["yes"][0]),
            ("agent", debt_text),
            ("agent", "本次通话将被录音。" if lang == "zh" else "This call is recorded."),
        ]
        debt_text = ""
    if order == "name_late":
        head = [
            ("agent", p["open_noname"][0]),
            ("agent", p["ask"][0]),
            ("customer", p["yes"][0]),
            ("agent", debt_text),
            (
                "agent",
                "我这边是安达汽车金融。"
                if lang == "zh"
                else "I am calling from Anda Auto Finance.",
            ),
        ]
        debt_text = ""
    turns = head + ([("agent", debt_text)] if debt_text else [])
    turns += [("customer", p["why"][0])]
    if extra_agent:
        turns.append(("agent", extra_agent))
    turns += [
        ("agent", offer),
        ("customer", said),
        ("agent", OK_AGENT[lang]),
        ("agent", p["bye"][0]),
        ("customer", p["bye_c"][0]),
    ]
    return turns


def promise_facts(lang: str, i: int) -> dict[str, object]:
    _, _, yuan, day = PROMISES[lang][i]
    return {"result": "promise_to_pay", "promise_amount_fen": yuan * 100, "promise_date": day}


def hard_cases() -> list[tuple[str, list[str], dict[str, object]]]:
    """Wordings the shipped rules are known to get wrong (kept to measure them honestly)."""
    zh = ZH
    hard: list[tuple[str, list[str], dict[str, object]]] = []
    # a valid notice in words the list does not know -> false "missing"
    turns = standard("en", promise=0)
    turns[0] = (
        "agent",
        "Hello, this is Sam from Anda Auto Finance. This conversation may be monitored.",
    )
    hard.append(("notice in unlisted words", [], call("en", turns, **promise_facts("en", 0))))
    # the debt hinted at before the identity check without any debt word -> missed
    turns = [
        ("agent", zh["open"][0]),
        ("agent", "您那个事儿拖了挺久了，请问是王先生吗？"),
        ("customer", zh["yes"][0]),
        ("agent", zh["bye"][0]),
    ]
    hard.append(
        (
            "debt hinted before identity, no debt word",
            ["disclosure_before_identity"],
            call("zh", turns),
        )
    )
    # an amount the parser does not read -> false mismatch
    turns = standard("en", promise=0)
    turns[-4] = ("customer", "I can pay three and a half thousand next Friday.")
    hard.append(
        ("amount as 'three and a half thousand'", [], call("en", turns, **promise_facts("en", 0)))
    )
    # a clean Chinese call, the promise in mixed digits and characters
    turns = standard("zh", promise=0)
    turns[-4] = ("customer", "下礼拜五，3千5。")
    hard.append(("clean, mixed digits '3千5'", [], call("zh", turns, **promise_facts("zh", 0))))
    # an English threat in a wording not on the list -> missed
    turns = standard("en", promise=1, extra_agent="Things could get very unpleasant for you.")
    hard.append(
        ("threat in unlisted words", ["banned_phrase"], call("en", turns, **promise_facts("en", 1)))
    )
    return hard


def build() -> list[dict[str, object]]:
    cases: list[tuple[str, list[str], dict[str, object]]] = []
    for lang in ("zh", "en"):
        p = L[lang]
        # clean calls, each promise wording
        for i in range(5):
            cases.append(
                (
                    f"clean promise {i}",
                    [],
                    call(
                        lang,
                        standard(lang, promise=i),
                        identity_confirmed_at=None,
                        **promise_facts(lang, i),
                    ),
                )
            )
        # clean: identity step recorded by the desk
        cases.append(
            (
                "clean, identity step recorded",
                [],
                call(
                    lang,
                    standard(lang, promise=1),
                    identity_confirmed_at=4.0,
                    **promise_facts(lang, 1),
                ),
            )
        )
        # clean: third party reached, only a callback message, nothing about the debt
        msg = (
            "请转告他给安达汽车金融回个电话，谢谢。"
            if lang == "zh"
            else "Could you ask him to call Anda Auto Finance back? Thank you."
        )
        tp_yes = "我是他爱人，他不在。" if lang == "zh" else "No, this is his wife. He is out."
        cases.append(
            (
                "clean third party",
                [],
                call(
                    lang,
                    [
                        ("agent", p["open"][0]),
                        ("agent", p["ask"][0]),
                        ("customer", tp_yes),
                        ("agent", msg),
                        ("customer", p["bye_c"][0]),
                    ],
                    disposition="third_party",
                ),
            )
        )
        # clean with coaching hints only: overlapping speech and a long silence
        hint_call = call(lang, standard(lang, promise=0), **promise_facts(lang, 0))
        segs = hint_call["segments"]
        assert isinstance(segs, list)
        segs[4]["start"] = float(segs[3]["end"]) - 1.5  # type: ignore[index]
        for s in segs[6:]:
            s["start"] = float(s["start"]) + 9.0  # type: ignore[index]
            s["end"] = float(s["end"]) + 9.0  # type: ignore[index]
        cases.append(("clean with talk-over and silence (hints only)", [], hint_call))
        # customer abuses the agent: not the agent's violation
        rude = "你们烦死了，滚！" if lang == "zh" else "Leave me alone, you people are the worst."
        turns = standard(lang, promise=2)
        turns.insert(4, ("customer", rude))
        cases.append(("clean, rude customer", [], call(lang, turns, **promise_facts(lang, 2))))

        # recording notice: missing, and said only after the debt
        cases.append(
            (
                "notice missing",
                ["recording_notice_missing"],
                call(lang, standard(lang, open_key="open_nonotice"), **promise_facts(lang, 0)),
            )
        )
        cases.append(
            (
                "notice after the debt",
                ["recording_notice_missing"],
                call(
                    lang, standard(lang, order="notice_late", promise=3), **promise_facts(lang, 3)
                ),
            )
        )
        cases.append(
            (
                "notice missing, other wording",
                ["recording_notice_missing"],
                call(
                    lang,
                    standard(lang, open_key="open_nonotice", promise=4),
                    **promise_facts(lang, 4),
                ),
            )
        )
        # company name
        cases.append(
            (
                "company name missing",
                ["company_name_missing"],
                call(lang, standard(lang, open_key="open_noname"), **promise_facts(lang, 0)),
            )
        )
        cases.append(
            (
                "company name after the debt",
                ["company_name_missing"],
                call(lang, standard(lang, order="name_late", promise=2), **promise_facts(lang, 2)),
            )
        )
        cases.append(
            (
                "company name missing, promise 4",
                ["company_name_missing"],
                call(
                    lang,
                    standard(lang, open_key="open_noname", promise=4),
                    **promise_facts(lang, 4),
                ),
            )
        )
        # disclosure before identity: plain, disguised, and no identity check at all
        early = (
            "您的车贷逾期了，请问是王建国先生吗？"
            if lang == "zh"
            else "Your car loan is overdue. Am I speaking with Mr. Miller?"
        )
        early2 = (
            "您那笔钱一直没还上啊，请问是王先生吗？"
            if lang == "zh"
            else "You still owe us the money, is this Mr. Miller?"
        )
        for label, text in (
            ("debt before identity", early),
            ("debt before identity, disguised", early2),
        ):
            turns = [
                ("agent", p["open"][0]),
                ("agent", text),
                ("customer", p["yes"][0]),
                ("agent", p["debt"][0]),
                ("customer", p["why"][0]),
                ("agent", p["bye"][0]),
            ]
            cases.append((label, ["disclosure_before_identity"], call(lang, turns)))
        turns = [
            ("agent", p["open"][0]),
            ("agent", p["debt"][0]),
            ("customer", p["why"][0]),
            ("agent", p["bye"][0]),
        ]
        cases.append(("identity never checked", ["disclosure_before_identity"], call(lang, turns)))
        # third-party disclosure: plain and disguised
        for label, text in (
            (
                "third party told of the debt",
                "他的车贷逾期了，欠我们三千五，请您转告他尽快还款。"
                if lang == "zh"
                else "He is behind on his car loan and owes 3,500 dollars, please tell him.",
            ),
            (
                "third party told, disguised",
                "麻烦您让他把那笔钱处理一下。"
                if lang == "zh"
                else "Please tell him to sort out the money with us.",
            ),
        ):
            cases.append(
                (
                    label,
                    ["third_party_disclosure"],
                    call(
                        lang,
                        [
                            ("agent", p["open"][0]),
                            ("agent", p["ask"][0]),
                            ("customer", tp_yes),
                            ("agent", text),
                            ("customer", p["bye_c"][0]),
                        ],
                        disposition="third_party",
                    ),
                )
            )
        # banned phrases, plain and disguised
        for j, text in enumerate(BANNED[lang]):
            cases.append(
                (
                    f"banned phrase {j}",
                    ["banned_phrase"],
                    call(
                        lang,
                        standard(lang, promise=j % 5, extra_agent=text),
                        **promise_facts(lang, j % 5),
                    ),
                )
            )
        # promise mismatch: amount differs, date differs, never said
        wrong_amount = {**promise_facts(lang, 0), "promise_amount_fen": 500000}
        cases.append(
            (
                "wrap-up amount differs",
                ["promise_mismatch"],
                call(lang, standard(lang, promise=0), **wrong_amount),
            )
        )
        wrong_day = {**promise_facts(lang, 1), "promise_date": "2026-12-16"}
        cases.append(
            (
                "wrap-up date differs",
                ["promise_mismatch"],
                call(lang, standard(lang, promise=1), **wrong_day),
            )
        )
        no_promise = [t for t in standard(lang, promise=2)]
        del no_promise[-5:-3]  # the offer and the customer's promise
        cases.append(
            (
                "wrap-up promise never said",
                ["promise_mismatch"],
                call(lang, no_promise, **promise_facts(lang, 2)),
            )
        )
        # contact rules recorded against the attempt
        cases.append(
            (
                "outside the calling hours",
                ["outside_contact_rules"],
                call(
                    lang,
                    standard(lang, promise=3),
                    contact_violations=["outside_window"],
                    **promise_facts(lang, 3),
                ),
            )
        )
        cases.append(
            (
                "over the daily cap",
                ["outside_contact_rules"],
                call(
                    lang,
                    standard(lang, promise=4),
                    contact_violations=["max_connected_per_day"],
                    **promise_facts(lang, 4),
                ),
            )
        )
        # two violations at once
        turns = standard(lang, open_key="open_nonotice", promise=0, extra_agent=BANNED[lang][0])
        cases.append(
            (
                "notice missing and a threat",
                ["banned_phrase", "recording_notice_missing"],
                call(lang, turns, **promise_facts(lang, 0)),
            )
        )
    cases.extend(hard_cases())
    out = []
    for n, (label, expect, doc) in enumerate(cases, start=1):
        lang = doc["language"]
        out.append(
            {"call_ref": f"qa-{lang}-{n:03d}", "label": label, "expect": sorted(expect), **doc}
        )
    return out


if __name__ == "__main__":
    data = build()
    path = Path(__file__).with_name("labelled.json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data)} calls written to {path}")
