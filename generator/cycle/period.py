"""The reporting period of a notice: written once as text (``ky: quý II/2021``), moved on every quarter.

A ``Period`` is a quarter, a half year, the first nine months, a year or a month. ``parse`` reads it as the
secretary writes it and remembers how (``Style``), so ``text`` writes it back the same way; ``parse_code`` reads
the short codes of the command line (``2021-Q3``). ``find_mentions`` finds the periods written inside running
text and ``shift_mentions`` moves them all on at once — what ``vanban carry`` does to last quarter's notice.

Pure and dependency-free, so importing it costs nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

FIRST_YEAR, LAST_YEAR = 1900, 2200  # the years a typed period may name
ACCEPTED_FORMS = ("quý II/2021, quý II năm 2021, 6 tháng đầu năm 2021, 6 tháng cuối năm 2021, "
                  "9 tháng đầu năm 2021, năm 2021, tháng 5/2021")
ACCEPTED_CODES = "2021-Q3 (quý), 2021-H1 (6 tháng), 2021-9M (9 tháng), 2021 (năm), 2021-05 (tháng)"

_ROMAN = ("I", "II", "III", "IV")


class PeriodError(ValueError):
    """A period that cannot be read or used; the message is in Vietnamese, for the secretary."""


class Kind(Enum):
    QUARTER = "quarter"
    HALF = "half"
    NINE_MONTHS = "nine_months"
    YEAR = "year"
    MONTH = "month"


# How many periods of each kind a year holds; the nine months and the year come once a year.
_PER_YEAR = {Kind.QUARTER: 4, Kind.HALF: 2, Kind.NINE_MONTHS: 1, Kind.YEAR: 1, Kind.MONTH: 12}
# How many months each period lasts: the n-th period of a kind runs from month (n-1)·length+1 to month n·length.
_MONTHS = {Kind.QUARTER: 3, Kind.HALF: 6, Kind.NINE_MONTHS: 9, Kind.YEAR: 12, Kind.MONTH: 1}
# Only these are ever written without their year ("quý I", "6 tháng cuối năm"); a bare "tháng 5" is a deadline.
_YEARLESS_KINDS = frozenset({Kind.QUARTER, Kind.HALF, Kind.NINE_MONTHS})
_COUNT = {Kind.HALF: ("6", "sáu"), Kind.NINE_MONTHS: ("9", "chín")}  # in digits, or spelled out


class Case(Enum):
    LOWER = "lower"              # quý II/2021
    CAPITALISED = "capitalised"  # Quý II/2021
    UPPER = "upper"              # QUÝ II/2021 (headings)


@dataclass(frozen=True)
class Style:
    """How a period was written, so that it is written back the same way."""

    case: Case = Case.LOWER
    slash: bool = True       # quarters and months: "quý II/2021" rather than "quý II năm 2021"
    spelled: bool = False    # halves and nine months: "sáu tháng" rather than "6 tháng"
    padded: bool = False     # months: "tháng 05" rather than "tháng 5"
    with_year: bool = True   # "quý I" in running text; years and months are always written with theirs


@dataclass(frozen=True)
class Period:
    """One reporting period. ``year`` is None only for a period found in running text with no year anywhere
    near it ("quý I"); such a period has no dates and no code. ``style`` does not take part in equality."""

    kind: Kind
    year: int | None
    index: int = 1
    style: Style = field(default=Style(), compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.kind, Kind):
            raise TypeError(f"kind must be a Kind, not {self.kind!r}")
        if not 1 <= self.index <= _PER_YEAR[self.kind]:
            raise ValueError(f"index {self.index} is out of range for a {self.kind.value}")
        if self.year is None:
            if self.kind not in _YEARLESS_KINDS:
                raise ValueError(f"a {self.kind.value} needs a year")
        elif isinstance(self.year, bool) or not dt.MINYEAR <= self.year <= dt.MAXYEAR:
            raise ValueError(f"year {self.year!r} is out of range")

    @property
    def start(self) -> dt.date:
        """The first day, inclusive."""
        return dt.date(self._known_year(), (self.index - 1) * _MONTHS[self.kind] + 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day, inclusive."""
        year, month = self._known_year(), self.index * _MONTHS[self.kind]
        if month == 12:
            return dt.date(year, 12, 31)
        return dt.date(year, month + 1, 1) - dt.timedelta(days=1)

    def contains(self, date: dt.date) -> bool:
        if isinstance(date, dt.datetime):  # a datetime does not compare with a date
            date = date.date()
        return self.start <= date <= self.end

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods of the same length later (earlier when negative), written the same way."""
        count = _PER_YEAR[self.kind]
        if self.year is None:
            return Period(self.kind, None, (self.index - 1 + steps) % count + 1, self.style)
        year, position = divmod(self.year * count + self.index - 1 + steps, count)
        return Period(self.kind, year, position + 1, self.style)

    def steps_to(self, other: Period) -> int:
        """How many periods of this length lie from this one to ``other`` (same kind, both with a year):
        ``shifted`` by that many gives ``other``."""
        count = _PER_YEAR[self.kind]
        return (other._known_year() * count + other.index) - (self._known_year() * count + self.index)

    def next(self) -> Period:
        return self.shifted(1)

    def previous(self) -> Period:
        return self.shifted(-1)

    @property
    def code(self) -> str:
        """``2021-Q3``, ``2021-H1``, ``2021-9M``, ``2021``, ``2021-05`` — what ``parse_code`` reads."""
        year = self._known_year()
        return {Kind.QUARTER: f"{year}-Q{self.index}", Kind.HALF: f"{year}-H{self.index}",
                Kind.NINE_MONTHS: f"{year}-9M", Kind.YEAR: f"{year}",
                Kind.MONTH: f"{year}-{self.index:02d}"}[self.kind]

    def text(self, style: Style | None = None) -> str:
        """The Vietnamese words, in ``style`` or else the way the period was written."""
        style = style or self.style
        year = self.year if style.with_year or self.kind not in _YEARLESS_KINDS else None
        joined = "" if year is None else (f"/{year}" if style.slash else f" năm {year}")
        if self.kind is Kind.QUARTER:
            words = f"quý {_ROMAN[self.index - 1]}{joined}"
        elif self.kind is Kind.MONTH:
            words = f"tháng {self.index:02d}" if style.padded else f"tháng {self.index}"
            words += joined
        elif self.kind is Kind.YEAR:
            words = f"năm {year}"
        else:
            count = _COUNT[self.kind][style.spelled]
            part = "cuối" if self.kind is Kind.HALF and self.index == 2 else "đầu"
            words = f"{count} tháng {part} năm" + ("" if year is None else f" {year}")
        return _apply_case(words, style.case)

    def _known_year(self) -> int:
        if self.year is None:
            raise PeriodError(f"kỳ `{self.text()}` chưa ghi năm")
        return self.year


@dataclass(frozen=True)
class Mention:
    """A period written inside running text, at ``text[start:end]``. A mention written without its year keeps
    ``period.style.with_year`` false, and its ``period.year`` comes from the sentence or the document."""

    start: int
    end: int
    period: Period

    @property
    def has_year(self) -> bool:
        return self.period.style.with_year


_GAP = r"[^\S\n]+"  # spaces but no line break: a period is written on one line
_YEAR = r"[0-9]{4}(?![0-9])"
_JOIN = rf"[^\S\n]*/[^\S\n]*|{_GAP}năm{_GAP}"
# One grammar for both typed periods and running text. Every alternative starts with a literal word or digit
# and holds no nested repetition, so scanning a text is linear. It and the two patterns below are compiled by `re`
# on first use, with re.IGNORECASE, and kept in its cache: most documents name no period, and compiling them is
# half of what importing this module costs.
_PERIOD = (
    r"(?<!\w)(?:"
    rf"quý{_GAP}(?P<q_num>IV|I{{1,3}}|[1-4])(?:(?P<q_join>{_JOIN})(?P<q_year>{_YEAR}))?(?![\w/])"
    rf"|(?P<h_num>6|sáu){_GAP}tháng{_GAP}(?P<h_part>đầu|cuối){_GAP}năm(?:{_GAP}(?P<h_year>{_YEAR}))?(?!\w)"
    rf"|(?P<n_num>9|chín){_GAP}tháng{_GAP}"
    rf"(?:đầu{_GAP}năm(?:{_GAP}(?P<n_year>{_YEAR}))?|năm{_GAP}(?P<n_bare_year>{_YEAR}))(?!\w)"
    rf"|tháng{_GAP}(?P<m_num>0[1-9]|1[0-2]|[1-9])(?P<m_join>{_JOIN})(?P<m_year>{_YEAR})(?!\w)"
    rf"|năm{_GAP}(?P<y_year>{_YEAR})(?!\w)(?![^\S\n]*[-–][^\S\n]*[0-9])"  # not "năm 2021 - 2025"
    r")")
# "tháng 5 năm 2021" right after "ngày 15" is a date, as is a bare "năm 2021" after a blank "tháng ...".
_BLANK = r"(?:[^\S\n]|[._…])*"  # spaces or the dots and underscores of a blank to fill in
_DAY_BEFORE = rf"(?:ngày|mồng|mùng){_BLANK}(?:[0-9]{{1,2}}{_BLANK})?\Z"
_MONTH_BEFORE = rf"tháng{_BLANK}\Z"
_LOOK_BACK = 40
_SENTENCE_END = re.compile(r"[.!?…](?=\s|\Z)|\n")


def parse(text: str) -> Period:
    """A period as the secretary writes it: ``quý II/2021``, ``Quý 2 năm 2021``, ``6 tháng đầu năm 2021``,
    ``9 tháng năm 2021``, ``năm 2021``, ``tháng 05/2021`` …; the way it was written is kept in its style."""
    typed = unicodedata.normalize("NFC", text).strip()
    if not typed:
        raise PeriodError(f"kỳ đang để trống — hãy viết như: {ACCEPTED_FORMS}")
    match = re.fullmatch(_PERIOD, " ".join(typed.split()), re.IGNORECASE)
    year = _year_of(match) if match else None
    if match is None or year is None:
        raise PeriodError(f"`{typed}` không đọc được là một kỳ — hãy viết như: {ACCEPTED_FORMS}")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"`{typed}` — năm phải từ {FIRST_YEAR} đến {LAST_YEAR}")
    return _read(match)


_CODE = re.compile(r"(?P<year>[0-9]{4})(?:-(?:[Qq](?P<quarter>[1-4])|[Hh](?P<half>[12])|(?P<nine>9[Mm])"
                   r"|(?P<month>0[1-9]|1[0-2])))?")


def parse_code(code: str) -> Period:
    """A period as given on the command line: ``2021-Q3``, ``2021-H1``, ``2021-9M``, ``2021``, ``2021-05``."""
    typed = code.strip()
    match = _CODE.fullmatch(typed)
    if not match:
        raise PeriodError(f"`{typed}` không phải mã kỳ — hãy viết như: {ACCEPTED_CODES}")
    year = int(match.group("year"))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(f"`{typed}` — năm phải từ {FIRST_YEAR} đến {LAST_YEAR}")
    if match.group("quarter"):
        return Period(Kind.QUARTER, year, int(match.group("quarter")))
    if match.group("half"):
        return Period(Kind.HALF, year, int(match.group("half")))
    if match.group("nine"):
        return Period(Kind.NINE_MONTHS, year)
    if match.group("month"):
        return Period(Kind.MONTH, year, int(match.group("month")))
    return Period(Kind.YEAR, year)


def find_mentions(text: str, kinds: set[Kind] | None = None, default_year: int | None = None) -> list[Mention]:
    """Every period of ``kinds`` written in ``text`` (NFC, as the loader gives it), in order.

    ``kinds`` defaults to every kind but the bare year: "năm 2021" is everywhere and seldom the period. Dates
    ("ngày 15 tháng 5 năm 2021") are not periods. A mention without its year ("quý I") takes the year of the
    nearest following mention with one in the same sentence (bare years aside), else ``default_year``; with
    neither, its ``period.year`` is None. A sentence ends at ``.``, ``!``, ``?`` or a line break.
    """
    wanted = set(Kind) - {Kind.YEAR} if kinds is None else kinds
    found: list[tuple[int, re.Match[str]]] = []  # with the number of its sentence
    sentence, ends = 0, _SENTENCE_END.finditer(text)
    sentence_end = next(ends, None)
    for match in re.finditer(_PERIOD, text, re.IGNORECASE):
        year = _year_of(match)
        if (year is not None and not FIRST_YEAR <= year <= LAST_YEAR) or _is_date(text, match):
            continue
        while sentence_end is not None and sentence_end.start() < match.start():
            sentence, sentence_end = sentence + 1, next(ends, None)
        found.append((sentence, match))
    mentions: list[Mention] = []
    year_ahead, ahead_sentence = None, None
    for sentence, match in reversed(found):  # the year of a mention without one lies ahead of it
        if sentence != ahead_sentence:
            year_ahead, ahead_sentence = None, sentence
        period = _read(match, year_ahead if year_ahead is not None else default_year)
        if period.style.with_year and period.kind is not Kind.YEAR:
            year_ahead = period.year
        if period.kind in wanted:
            mentions.append(Mention(match.start(), match.end(), period))
    mentions.reverse()
    return mentions


def shift_mentions(text: str, kind: Kind, steps: int = 1, default_year: int | None = None) -> str:
    """``text`` with every mention of ``kind`` moved ``steps`` periods on, all in one pass ("quý I … quý II" →
    "quý II … quý III"), each written the way it was; a mention with a year carries it across the year end
    ("quý IV năm 2021" → "quý I năm 2022"), one without just changes its numeral. Quarters come out in Roman."""
    pieces, done = [], 0
    for mention in find_mentions(text, {kind}, default_year):
        pieces += [text[done:mention.start], mention.period.shifted(steps).text()]
        done = mention.end
    pieces.append(text[done:])
    return "".join(pieces)


def placeholder_values(period: Period) -> dict[str, str]:
    """What ``{ky}``, ``{ky_truoc}``, ``{ky_sau}`` and ``{nam}`` stand for in a document's text."""
    return {"ky": period.text(), "ky_truoc": period.previous().text(), "ky_sau": period.next().text(),
            "nam": str(period._known_year())}


def _year_of(match: re.Match[str]) -> int | None:
    """The year a match of ``_PERIOD`` writes, if any."""
    for name in ("q_year", "h_year", "n_year", "n_bare_year", "m_year", "y_year"):
        if match.group(name):
            return int(match.group(name))
    return None


def _read(match: re.Match[str], missing_year: int | None = None) -> Period:
    """The period a match of ``_PERIOD`` names, with the style it was written in, and ``missing_year`` if it
    writes none; its year is in range."""
    group = match.group
    words = group(0)
    slash = True
    spelled = padded = False
    if group("q_num"):
        numeral = group("q_num").upper()
        kind = Kind.QUARTER
        index = _ROMAN.index(numeral) + 1 if numeral in _ROMAN else int(numeral)
        slash = "/" in (group("q_join") or "/")
        start, end = (position - match.start() for position in match.span("q_num"))
        words = words[:start] + words[end:]  # a Roman numeral is in capitals whatever the case of the words
    elif group("h_num"):
        kind, index = Kind.HALF, 1 if group("h_part").lower() == "đầu" else 2
        spelled = group("h_num").isalpha()
    elif group("n_num"):
        kind, index = Kind.NINE_MONTHS, 1
        spelled = group("n_num").isalpha()
    elif group("m_num"):
        kind, index = Kind.MONTH, int(group("m_num"))
        slash = "/" in group("m_join")
        padded = group("m_num").startswith("0")
    else:
        kind, index = Kind.YEAR, 1
    year = _year_of(match)
    style = Style(_case_of(words), slash, spelled, padded, with_year=year is not None)
    return Period(kind, missing_year if year is None else year, index, style)


def _is_date(text: str, match: re.Match[str]) -> bool:
    """Whether a month or bare year found in running text is the end of a date rather than a period."""
    before = text[max(0, match.start() - _LOOK_BACK):match.start()]
    if match.group("m_num"):
        return re.search(_DAY_BEFORE, before, re.IGNORECASE) is not None
    return match.group("y_year") is not None and re.search(_MONTH_BEFORE, before, re.IGNORECASE) is not None


def _case_of(words: str) -> Case:
    letters = [char for char in words if char.isalpha()]
    if all(char.isupper() for char in letters):
        return Case.UPPER
    return Case.CAPITALISED if letters[0].isupper() else Case.LOWER


def _apply_case(words: str, case: Case) -> str:
    if case is Case.UPPER:
        return words.upper()
    if case is Case.CAPITALISED:
        first = next(i for i, char in enumerate(words) if char.isalpha())
        return words[:first] + words[first].upper() + words[first + 1:]
    return words
