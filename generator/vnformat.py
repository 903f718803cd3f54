"""Vietnamese administrative formatting: dates, Roman numerals, point letters, quarters, numbers.

These are also the Jinja filters offered to templates (see ``render.FILTERS``).
"""

from __future__ import annotations

import datetime as dt
import re

# Points are lettered in Vietnamese alphabetical order, which has đ and skips f, j, w, z.
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def day_text(day: int) -> str:
    """Days below 10 take a leading zero (NĐ 30 Phụ lục I §II.4; HD 36 samples)."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero, months 3–12 do not: `tháng 02`, `tháng 3`."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_words(date: dt.date | None, year: int | None = None, blank: str = "    ") -> str:
    """`ngày 05 tháng 3 năm 2024`; with no date, blanks for day and month are left for the văn thư."""
    if date is None:
        return f"ngày{blank}tháng{blank}năm {year if year is not None else dt.date.today().year}"
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def short_date(date: dt.date) -> str:
    """The form used inside running text, padded by the same rule: `22/7/2010`, `09/4/2021`, `07/01/2016`."""
    return f"{day_text(date.day)}/{month_text(date.month)}/{date.year}"


def roman(number: int) -> str:
    if not 0 < number < 4000:
        raise ValueError(f"không viết được {number} bằng số La Mã")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def letter(number: int) -> str:
    """1 → a, 5 → đ, 24 → aa: points past y start again doubled, as offices do."""
    if number < 1:
        raise ValueError("số thứ tự phải từ 1 trở lên")
    count = len(VIETNAMESE_LETTERS)
    return VIETNAMESE_LETTERS[(number - 1) % count] * ((number - 1) // count + 1)


def quarter(number: int, year: int | None = None) -> str:
    """`quý I/2021`, or `quý II` without a year."""
    if number not in (1, 2, 3, 4):
        raise ValueError("quý phải từ 1 đến 4")
    return f"quý {roman(number)}" + (f"/{year}" if year is not None else "")


def number(value: float | int, decimals: int | None = None) -> str:
    """Vietnamese digit grouping: 2.668; 98,5."""
    from babel.numbers import format_decimal  # babel and its locale data: for a number printed, not for a check

    pattern = "#,##0" if not decimals else "#,##0." + "0" * decimals
    return format_decimal(value, format=pattern if decimals is not None else None, locale="vi")


_NUMBER = re.compile(r"(?P<sign>-?)(?P<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<frac>\d+))?(?P<pct>%?)")
_ENGLISH_DECIMAL = re.compile(r"-?\d+\.\d{1,2}%?")


def parse_number(text: str) -> float:
    """A number as typed in a table: `2.668` and `2668` (Vietnamese grouping), `98,5`, `98.5`, `98,5%`."""
    cleaned = text.strip().replace(" ", "")
    if _ENGLISH_DECIMAL.fullmatch(cleaned):  # 98.5 — a dot with one or two digits after it is a decimal point
        return float(cleaned.rstrip("%"))
    match = _NUMBER.fullmatch(cleaned)
    if not match:
        raise ValueError(f"`{text}` không phải một số — viết ví dụ 2.668, 2668 hoặc 98,5")
    value = float(match.group("int").replace(".", "") + ("." + match.group("frac") if match.group("frac") else ""))
    return -value if match.group("sign") else value


def number_text(value: float, percent: bool = False) -> str:
    """`2.668`, `98,5`, `98,5%` — decimals only where the number has them."""
    decimals = 0 if float(value).is_integer() else min(2, len(repr(value).split(".")[1]))
    return number(value, decimals if decimals else None) + ("%" if percent else "")


_DATE_FORMS = (
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
)


def parse_date(text: str) -> dt.date:
    """A date as a secretary types it: `26/7/2010`, `26-07-2010`, `26.7.2010` or `2010-07-26`."""
    cleaned = text.strip()
    for form in _DATE_FORMS:
        match = form.fullmatch(cleaned)
        if match:
            day, month, year = (int(match.group(k)) for k in "dmy")
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                raise ValueError(f"ngày `{cleaned}` không có trên lịch") from exc
    raise ValueError(f"`{cleaned}` không phải một ngày — hãy viết dạng ngày/tháng/năm, ví dụ 26/7/2010")
