"""Fake but well-formed personal data: names, mobile numbers, ID numbers, plates, VINs.

Names and mobile prefixes come from Faker's zh_CN providers (the lists, sampled with our
own seeded `random.Random`, so the book is deterministic for a seed and fast to build).
ID numbers follow GB 11643-1999 (division code + birth date + sequence + ISO 7064 check
character); VINs follow ISO 3779 with the North-American check digit that Chinese VINs
also carry; plates follow GA 36 (province abbreviation, issuing-office letter, "·",
5 characters, or 6 for new-energy green plates starting with D/F).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from itertools import accumulate

from faker.providers.company.zh_CN import Provider as CompanyProvider
from faker.providers.person.zh_CN import Provider as PersonProvider
from faker.providers.phone_number.zh_CN import Provider as PhoneProvider

_LAST_NAMES = tuple(PersonProvider.last_names.keys())
_LAST_CUM = tuple(accumulate(float(w) for w in PersonProvider.last_names.values()))
_MALE = tuple(PersonProvider.first_names_male)
_FEMALE = tuple(PersonProvider.first_names_female)
_MOBILE_PREFIXES = tuple(str(p) for p in PhoneProvider.phonenumber_prefixes)
_COMPANY_PREFIXES = tuple(CompanyProvider.company_prefixes)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I, O
_PLATE_CHARS = _PLATE_LETTERS + "0123456789"

_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"  # no I, O, Q
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_VIN_YEAR = "ABCDEFGHJKLMNPRSTVWXY123456789"  # 2010 = A ... cycles every 30 years

# World manufacturer identifiers of the Chinese plants that build these brands.
WMI: dict[str, str] = {
    "比亚迪": "LGX",
    "吉利": "L6T",
    "长安": "LS5",
    "丰田": "LFM",
    "大众": "LSV",
    "本田": "LHG",
    "日产": "LGB",
    "特斯拉": "LRW",
    "理想": "LW4",
    "五菱": "LZW",
    "哈弗": "LGW",
    "奇瑞": "LVV",
    "别克": "LSG",
    "宝马": "LBV",
}


def person_name(rng: random.Random, gender: str) -> str:
    """A Chinese full name (surname weighted by frequency) for gender "M" or "F"."""
    last = rng.choices(_LAST_NAMES, cum_weights=_LAST_CUM, k=1)[0]
    first = rng.choice(_MALE if gender == "M" else _FEMALE)
    return last + first


def mobile_number(rng: random.Random) -> str:
    """An 11-digit mainland mobile number with a real carrier prefix."""
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"


def id_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of an 18-digit identity-card number."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_number(rng: random.Random, division: str, birth: date, gender: str) -> str:
    """An 18-character resident ID number; the sequence digit is odd for men, even for women."""
    seq = rng.randrange(100)
    sex = rng.randrange(1, 10, 2) if gender == "M" else rng.randrange(0, 10, 2)
    first17 = f"{division}{birth:%Y%m%d}{seq:02d}{sex}"
    return first17 + id_check_char(first17)


def valid_id_number(value: str) -> bool:
    """True when `value` is 18 characters with a correct check character."""
    return len(value) == 18 and value[:17].isdigit() and id_check_char(value[:17]) == value[17]


def birth_date(rng: random.Random, today: date, *, min_age: int = 22, max_age: int = 58) -> date:
    """A birth date giving an age between min_age and max_age on `today`."""
    return today - timedelta(days=rng.randint(min_age * 365 + 1, max_age * 365))


def plate(rng: random.Random, prefix: str, *, new_energy: bool) -> str:
    """A licence plate such as 京A·3F2K9, or 粤B·D12345 for a new-energy vehicle."""
    if new_energy:
        tail = rng.choice("DF") + "".join(rng.choice("0123456789") for _ in range(5))
    else:
        tail = "".join(rng.choice(_PLATE_CHARS) for _ in range(5))
        if tail.isalpha():  # at most 2 letters on a regular plate in practice; keep digits
            tail = tail[:2] + f"{rng.randrange(1000):03d}"
    return f"{prefix}·{tail}"


def vin_check_digit(vin: str) -> str:
    """The check digit (position 9) of a 17-character VIN."""
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    rem = total % 11
    return "X" if rem == 10 else str(rem)


def vin(rng: random.Random, brand: str, year: int) -> str:
    """A 17-character VIN with the brand's Chinese WMI, model year code and valid check digit."""
    wmi = WMI.get(brand, "LSV")
    vds = "".join(rng.choice(_VIN_CHARS) for _ in range(5))
    year_code = _VIN_YEAR[(year - 2010) % 30]
    plant = rng.choice("ABCDEFGH")
    serial = f"{rng.randrange(1_000_000):06d}"
    draft = f"{wmi}{vds}0{year_code}{plant}{serial}"
    return draft[:8] + vin_check_digit(draft) + draft[9:]


def employer(rng: random.Random, city: str, suffixes: tuple[str, ...]) -> str:
    """A company name such as 杭州和泰科技有限公司."""
    return city.removesuffix("市") + rng.choice(_COMPANY_PREFIXES) + rng.choice(suffixes)


def bank_card(rng: random.Random) -> str:
    """A 16/19-digit debit card number with a common issuer prefix and a Luhn check digit."""
    prefix = rng.choice(("622202", "621700", "622848", "621226", "622588", "623058"))
    length = rng.choice((16, 19))
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    digits = [int(c) for c in reversed(body)]
    total = 0
    for i, d in enumerate(digits):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)
