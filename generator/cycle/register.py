"""The number register: which number a kind's next notice takes, from the notices of the office folder, and
which notices of a folder share a number. Numbers run per kind and start again from 01 at the boundary the
rulebook gives (`so_ky_hieu.dat_lai`: every year for the State, every term of the committee for the Party, from
the office profile's `nhiem_ky_bat_dau`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from generator import rulebook, vnformat
from generator.errors import Code, Problem, Severity
from generator.reader import Prepared
from generator.rulebook import NumberReset


@dataclass(frozen=True)
class Numbered:
    """A notice that has its number: kind, rulebook, number, the day it counts from, where it is."""

    kind: str
    rulebook: str
    number: int
    day: dt.date | None
    file: str
    line: int


def numbered(notices: Iterable[Prepared]) -> list[Numbered]:
    found = []
    for notice in notices:
        doc = notice.document
        if doc.so is None:
            continue
        day = doc.ngay or (dt.date(doc.nam, 1, 1) if doc.nam else None)
        found.append(Numbered(doc.loai, rulebook.family(doc.he_thong), int(doc.so), day, notice.source.file_of(("so",)),
                              notice.source.position(("so",))[0]))
    return found


def series_start(reset: NumberReset, day: dt.date, term_start: dt.date | None) -> dt.date:
    """The first day of the series ``day`` belongs to: 1 January of its year, or the term's first day (all time
    when the office has not said when its term began)."""
    if reset is NumberReset.YEAR:
        return dt.date(day.year, 1, 1)
    return term_start if term_start and term_start <= day else dt.date.min


def next_number(notices: Iterable[Prepared], kind: str, rulebook: str, reset: NumberReset, day: dt.date,
                term_start: dt.date | None = None) -> tuple[int, Numbered | None]:
    """The number the next notice of ``kind`` issued on ``day`` takes, and the highest one it follows."""
    start = series_start(reset, day, term_start)
    same = [n for n in numbered(notices)
            if n.kind == kind and n.rulebook == rulebook and n.day is not None and start <= n.day <= day]
    last = max(same, key=lambda n: n.number, default=None)
    return (last.number + 1 if last else 1), last


def describe(number: int, last: Numbered | None, kind: str) -> str:
    if last is None:
        return f"số tiếp theo của {kind}: {number:02d} (chưa có văn bản nào của loại này trong kỳ đánh số)"
    return (f"số tiếp theo của {kind}: {number:02d} (sau số {last.number:02d} ngày "
            f"{vnformat.short_date(last.day)}, {last.file}:{last.line})")


def duplicates(notices: Iterable[Prepared]) -> list[Problem]:
    """A warning at every notice whose number another notice of the same office, kind and series already has.
    Only notices of an office (with a `don-vi.yaml`) keep a register: loose files may be unrelated copies."""
    series: dict[tuple, list[Numbered]] = defaultdict(list)
    for notice in notices:
        if notice.office is None:
            continue
        for entry in numbered([notice]):
            if entry.day is None:
                continue
            start = series_start(notice.book.so_ky_hieu.dat_lai, entry.day, notice.office.profile.nhiem_ky_bat_dau)
            series[(notice.office.source.path, entry.rulebook, entry.kind, start, entry.number)].append(entry)
    problems = []
    for entries in series.values():
        first, *others = sorted(entries, key=lambda e: (e.day, e.file))
        for other in others:
            problems.append(Problem(other.file, other.line, 1, Code.DUPLICATE_NUMBER,
                                    f"số {other.number:02d} đã dùng cho {first.file} (ngày "
                                    f"{vnformat.short_date(first.day)}) cùng loại {other.kind} — mỗi số chỉ cấp một "
                                    "lần; hãy xem `vanban so-tiep-theo`", Severity.WARNING))
    return problems
