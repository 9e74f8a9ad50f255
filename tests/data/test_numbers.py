"""Reading numbers as the report words them, and wording them back."""

import pytest

from companion.errors import CompanionDataError
from companion.data.figures import prose
from companion.data.numbers import format_number, ordinal
from companion.data.numbers import parse_number


@pytest.mark.parametrize(
    "text, expected",
    [
        ("244 million", 244_000_000),
        ("91 per cent", 91),
        ("50 percent", 50),
        ("100.000", 100_000),  # a period as thousands separator, as the report prints it
        ("100,000", 100_000),
        ("119", 119),
        ("seven million", 7_000_000),
        ("40 billion", 40_000_000_000),
        ("10-month", 10),
        ("15-year", 15),
        ("nine", 9),
        ("Fifteenth", 15),
        ("71st", 71),
        ("twenty-five", 25),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


def test_two_thirds_is_a_fraction():
    assert parse_number("two-thirds") == pytest.approx(2 / 3)


@pytest.mark.parametrize("text", ["", "many", "more than 300", "300 people"])
def test_unreadable_text_is_an_error(text):
    with pytest.raises(CompanionDataError):
        parse_number(text)


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        (244_000_000, "persons", "244 million"),
        (91, "percent", "91 per cent"),
        (2 / 3, "fraction", "two-thirds"),
        (100_000, "persons", "100,000"),
        (40_000_000_000, "euro", "40 billion"),
        (6, "sessions", "six"),
        (28, "processes", "28"),
        (65, "rank", "65th"),
    ],
)
def test_format_number(value, unit, expected):
    assert format_number(value, unit) == expected


def test_prose_adds_the_qualifier():
    assert prose(300, "participants", "more than") == "more than 300"
    assert prose(244_000_000, "persons") == "244 million"


@pytest.mark.parametrize("number, expected", [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (34, "34th"), (71, "71st"), (112, "112th")])
def test_ordinal(number, expected):
    assert ordinal(number) == expected


@pytest.mark.parametrize("number, article", [
    (8, "an"), (18, "an"), (11, "an"), (80, "an"), (86, "an"), (800, "an"), (8000, "an"), (11000, "an"),
    (18500, "an"), (2.5, "a"), (8.5, "an"), (12, "a"), (36, "a"), (1, "a"), (110, "a"), (180, "a"), (1800, "a"),
])
def test_indefinite_article_follows_how_the_number_is_read(number, article):
    from companion.data.numbers import indefinite_article

    assert indefinite_article(number) == article
