"""Reading numbers as the report words them, and wording them back.

The report writes numbers in many ways: "244 million", "100.000" (a period
as thousands separator), "100,000", "91 per cent", "50 percent",
"two-thirds", "seven million", "a 10-month salary", "fourth", "71st". One
parser reads them all, so that a test can check each figure's ``value``
against the words of its quote.
"""

from __future__ import annotations

import re
from fractions import Fraction

from companion.errors import CompanionDataError

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20,
}
FRACTIONS = {
    "half": Fraction(1, 2), "one-half": Fraction(1, 2),
    "one-third": Fraction(1, 3), "two-thirds": Fraction(2, 3),
    "one-quarter": Fraction(1, 4), "three-quarters": Fraction(3, 4),
}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}

# The words above as the scans of text use them (provenance's completeness
# scan, the prose check): cardinals from "one" (a "zero" in running text is
# rarely a count), with plural scales as in "hundreds of" or "millions of".
CARDINAL_WORDS = tuple(word for word in UNITS if word != "zero") + ("hundreds", "dozen")
SCALE_WORDS = tuple(word for scale in SCALES for word in (scale, scale + "s"))
FRACTION_WORDS = tuple(FRACTIONS)
ORDINAL_WORDS = tuple(ORDINALS)

# How format_number words fractions and small whole numbers, as the report does.
_FRACTION_NAMES = {value: word for word, value in FRACTIONS.items() if word != "one-half"}
_SMALL_NAMES = tuple(word for word, value in UNITS.items() if value < 10)
_WORDED_SCALES = ((10**9, "billion"), (10**6, "million"))

_NUMERAL = re.compile(
    r"""^(?P<digits>\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+(?:\.\d+)?)   # 100.000, 100,000, 244, 3.5
        (?:st|nd|rd|th)?$                                        # 71st, 34th
    """,
    re.VERBOSE,
)


def _numeral_value(token: str) -> float | None:
    match = _NUMERAL.match(token)
    if not match:
        return None
    digits = match.group("digits")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        # Groups of exactly three digits: a thousands separator, either kind.
        return float(re.sub(r"[.,]", "", digits))
    return float(digits)


def _word_value(token: str) -> float | None:
    token = token.lower()
    if token in UNITS:
        return float(UNITS[token])
    if token in ORDINALS:
        return float(ORDINALS[token])
    if token in FRACTIONS:
        return float(FRACTIONS[token])
    # Compound words such as "twenty-five".
    parts = token.split("-")
    if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS:
        return float(UNITS[parts[0]] + UNITS[parts[1]])
    return None


def parse_number(text: str) -> float:
    """Return the number that ``text`` words, in base units.

    ``text`` is a number as the report writes it: "244 million" -> 244000000,
    "91 per cent" -> 91, "100.000" -> 100000, "two-thirds" -> 0.666...,
    "10-month" -> 10, "seven million" -> 7000000, "71st" -> 71.
    Per cent signs and unit words after the number are ignored; a qualifier
    before it ("more than", "almost") is not allowed: it belongs to
    the figure's ``qualifier`` field.

    Raises CompanionDataError when the text holds no number it can read.
    """
    cleaned = text.strip().lower()
    cleaned = re.sub(r"\s*(per\s*cent|percent|%)$", "", cleaned)
    tokens = re.split(r"\s+", cleaned)
    if not tokens or not tokens[0]:
        raise CompanionDataError(f"no number in {text!r}")
    # "10-month", "15-year": the number, then a hyphenated unit word.
    head = tokens[0]
    hyphen_unit = re.fullmatch(r"(\d+)-[a-z]+", head)
    if hyphen_unit:
        head = hyphen_unit.group(1)
    value = _numeral_value(head)
    if value is None:
        value = _word_value(head)
    if value is None:
        raise CompanionDataError(f"cannot read a number in {text!r}")
    for token in tokens[1:]:
        if token in SCALES:
            value *= SCALES[token]
        else:
            raise CompanionDataError(
                f"cannot read {token!r} in {text!r}: only million, billion or a per cent sign may follow the number"
            )
    return value


def numbers_match(expected: float, text: str, tolerance: float = 1e-6) -> bool:
    """Whether ``text`` words ``expected`` (to a relative tolerance, for fractions)."""
    parsed = parse_number(text)
    return abs(parsed - expected) <= tolerance * max(1.0, abs(expected))


def format_number(value: float, unit: str) -> str:
    """Word a number as the report does: "244 million", "91 per cent",
    "two-thirds", "100,000", "six" (whole numbers below ten in words)."""
    if unit == "fraction":
        words = _FRACTION_NAMES.get(Fraction(value).limit_denominator(12))
        if words is None:
            raise CompanionDataError(f"no words for the fraction {value}")
        return words
    if unit == "percent":
        return f"{_plain_number(value)} per cent"
    for scale, word in _WORDED_SCALES:
        if abs(value) >= scale and (value / scale) == round(value / scale, 1):
            return f"{_plain_number(value / scale)} {word}"
    if unit == "rank":
        return ordinal(int(value))
    if float(value).is_integer() and 0 <= value < 10:
        return _SMALL_NAMES[int(value)]
    return _plain_number(value)


def ordinal(number: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 71 -> "71st"."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def indefinite_article(number: float) -> str:
    """"a" or "an" before ``number`` written in digits, as it is read aloud:
    "an 8-month fee", "an 18-month contract", "a 12-month contract"."""
    digits = f"{abs(number):g}"
    whole = digits.split(".")[0]
    # Read aloud, a number starts with a vowel sound only when it starts with
    # "eight" (8, 80-89, 800-899, 8,000...) or "eleven"/"eighteen" (11, 18,
    # 11,000, 18,000...: a leading group of two digits).
    if whole.startswith("8") or (len(whole) % 3 == 2 and whole[:2] in ("11", "18")):
        return "an"
    return "a"


def _plain_number(value: float) -> str:
    """A number with a comma every three digits and no needless decimals."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"
