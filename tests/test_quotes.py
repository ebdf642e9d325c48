"""Numbers in a source's quote are whole tokens: '8.7' is not in '58.7%'."""

from __future__ import annotations

from decimal import Decimal

import pytest

from evidence_site.read import quotes

ALEM = (
    "Infections occurred more frequently with alemtuzumab 12 mg than SC IFNB-1a during Years 1 "
    "(58.7% vs 41.3%) and 2 (52.6% vs 37.7%), but declined for alemtuzumab-treated patients in "
    "Years 3 (46.6%), 4 (42.8%), 5 (40.9%), and 6 (38.1%)."
)
OCR = (
    "At data cutoff (January 2020), 5,680 patients with multiple sclerosis (MS) received OCR "
    "(18,218 patient-years [PY] of exposure) in clinical trials. Rates per 100 PY (95% "
    "confidence interval) of AEs (248; 246–251), serious AEs (7.3; 7.0–7.7), and infections "
    "(76.2; 74.9–77.4) were similar."
)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            ALEM,
            [
                "12",
                "1",
                "58.7",
                "41.3",
                "2",
                "52.6",
                "37.7",
                "3",
                "46.6",
                "4",
                "42.8",
                "5",
                "40.9",
                "6",
                "38.1",
            ],
        ),
        ("Serious infections were uncommon (1.0%–1.9% per year).", ["1.0", "1.9"]),
        ("(76.2; 74.9–77.4)", ["76.2", "74.9", "77.4"]),
        ("predominantly (>95%) mild", ["95"]),
        ("18,218 patient-years and 1,000 people", ["18,218", "1,000"]),
        ("18\u2009218 patient-years", ["18\u2009218"]),
        ("a risk of 0·07 (Lancet style)", ["0·07"]),
        ("p = .05", [".05"]),
        ("CAMMS223 and IFNB-1a and 3.5-mg", ["3.5"]),
        ("1,00 is neither a thousand nor a list", []),
        ("246-251 with a hyphen", ["246", "251"]),
        ("ends a sentence at 2019.", ["2019"]),
        ("0.04", ["0.04"]),
    ],
)
def test_tokens(text: str, written: list[str]) -> None:
    """Each number is found whole, as the source wrote it; labels like IFNB-1a are not numbers."""
    assert [t.text for t in quotes.tokens(text)] == written


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1,000", Decimal(1000)),
        ("0·07", Decimal("0.07")),
        ("18\u202f218", Decimal(18218)),
        (".5", Decimal("0.5")),
        ("58.7", Decimal("58.7")),
        ("about", None),
        ("nan", None),
        ("inf", None),
    ],
)
def test_to_decimal(written: str, value: Decimal | None) -> None:
    """The source's formatting is read as the number it means; words and infinities are not."""
    assert quotes.to_decimal(written) == value


@pytest.mark.parametrize(
    ("text", "typed", "found"),
    [
        (ALEM, "58.7", True),
        (ALEM, "8.7", False),  # only inside 58.7
        (ALEM, "58", False),
        (ALEM, "7", False),  # Year 7 is not in a quote that covers years 1 to 6
        (ALEM, "6", True),
        ("0.04", "4", False),
        ("0.04", "0.04", True),
        ("(1.0%–1.9% per year)", "1", True),  # the same number as 1.0
        ("(1.0%–1.9% per year)", "1.90", True),
        ("5,680 patients", "5680", True),
        ("5,680 patients", "680", False),
        ("a risk of 0·07", "0.07", True),
        ("There were no herpes zoster infections", "0", True),
        ("None of the patients", "0", True),
        ("zero events", "0", True),
        ("Infections were common", "0", False),
        ("nothing notable", "0", False),
        (ALEM, "not a number", False),
    ],
)
def test_has_number(text: str, typed: str, found: bool) -> None:
    """A value must equal a whole number written in the quote."""
    assert quotes.has_number(text, typed) is found


def test_containing_explains_a_near_miss() -> None:
    """A typed number that is only part of a longer one names the longer one."""
    assert quotes.containing(ALEM, "8.7") == ("58.7",)
    assert quotes.containing(ALEM, "58.7") == ()
    assert quotes.containing("0.04 and 4.5", "4") == ("0.04", "4.5")


@pytest.mark.parametrize(
    ("text", "typed", "marked"),
    [
        (ALEM, "58.7", True),
        (ALEM, "1", False),  # "Years 1 (58.7%": the 1 is a year
        ("uncommon (1.0%–1.9% per year)", "1.0", True),
        ("between 1.0 and 1.9% per year", "1.0", True),
        ("from 1.0 to 1.9 per cent", "1.0", True),
        ("12 percent of people", "12", True),
        ("predominantly (>95%) mild", "95", True),
        (OCR, "76.2", False),  # a rate beside a 95% interval is not a percentage
        (OCR, "95", True),
        ("There were no herpes zoster infections", "0", True),
        ("20 (2.3%) patients", "20", False),
        ("2.4 per 1,000 people (95% CI 1.1 to 4.6)", "2.4", False),
    ],
)
def test_as_percentage(text: str, typed: str, marked: bool) -> None:
    """A percentage has % (or 'per cent') after it, or after the range it opens."""
    assert quotes.as_percentage(text, typed) is marked


@pytest.mark.parametrize(
    ("text", "denominator", "said"),
    [
        ("2.4 per 1,000 people", 1000, True),
        ("2.4 per 1000 people", 1000, True),
        ("3 in 1,000 people", 1000, True),
        ("rate 2.4/1,000", 1000, True),
        ("2.4 per thousand", 1000, True),
        ("0.4 per 10,000 people", 10000, True),
        ("0.4 per 10,000 people", 1000, False),
        ("2.4 per 1,000 patient-years", 1000, False),
        ("Rates per 100 PY (95% confidence interval)", 100, False),
        ("12 per 100 people", 100, True),
        ("1,000 people took part", 1000, False),
        ("about 5 of 100 people", 100, True),
    ],
)
def test_per_people(text: str, denominator: int, said: bool) -> None:
    """Per N people, not per N patient-years, and not a headcount of N."""
    assert quotes.per_people(text, denominator) is said


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (OCR, True),
        ("76 per 100 person-years", True),
        ("per 100 patient years", True),
        ("1.5 per 100 participant-months", True),
        ("per 100 PYs", True),
        ("58.7% of patients each year", False),
        ("spy on the happy people", False),
    ],
)
def test_names_person_time(text: str, named: bool) -> None:
    """Person-time is patient-years, person-years, PY and the like."""
    assert quotes.names_person_time(text) is named


@pytest.mark.parametrize(
    ("text", "names", "said"),
    [
        ("the hazard ratio was 0.5", ("hazard ratio", "HR"), True),
        ("HR 0.5 (95% CI 0.3 to 0.8)", ("hazard ratio", "HR"), True),
        ("three hrs later", ("hazard ratio", "HR"), False),
        ("a Relative Risk of 3.0", ("risk ratio", "relative risk", "RR"), True),
        ("OR 2.1", ("odds ratio", "OR"), True),
        ("infections or relapses", ("odds ratio", "OR"), False),
    ],
)
def test_mentions(text: str, names: tuple[str, ...], said: bool) -> None:
    """Words match in any case; an upper-case abbreviation must match its case."""
    assert quotes.mentions(text, names) is said
