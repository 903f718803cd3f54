"""Task follow-up across an office's notices (`vanban tasks`): every task each notice set, with the status the
latest review gave it, filtered by unit, status or overdue date; as rows for the terminal, a CSV for a
spreadsheet, or a DOCX follow-up report (Báo cáo theo dõi, đôn đốc) laid out by the office's rulebook."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator import vnformat
from generator.cycle import office as office_profile
from generator.cycle.tasks import Task, reviews, set_tasks
from generator.layout import STATUS_WORDS
from generator.errors import Code, InputError, Problem, display_path
from generator.loader import LoadedFile
from generator.model import TaskStatus
from generator.reader import Prepared, prepare, prepare_loaded

NO_STATUS = "chua-ghi"  # the filter value for tasks nobody has reported on yet
COLUMNS = ("Nhiệm vụ", "Đơn vị", "Thời hạn", "Tình trạng", "Kết quả", "Nguồn")


@dataclass(frozen=True)
class Row:
    """A task as followed up: set by one notice, its status from the latest review of it (if any)."""

    task: Task
    status: TaskStatus | None
    result: str | None
    notice_date: dt.date | None

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status] if self.status else "Chưa ghi"

    def cells(self) -> tuple[str, ...]:
        deadline = vnformat.short_date(self.task.deadline) if self.task.deadline else ""
        return (self.task.text, ", ".join(self.task.units), deadline, self.status_words, self.result or "",
                f"{self.task.file}:{self.task.line}")


def notices(paths: Iterable[Path]) -> list[Path]:
    """The notices named, folders searched recursively; office profiles and hidden files are not notices."""
    found: list[Path] = []
    for path in paths:
        candidates = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
        found += [c for c in candidates if c.name != office_profile.PROFILE_NAME and not c.name.startswith(".")]
    return found


def collect(paths: Iterable[Path], office: Path | None = None) -> tuple[list[Row], list[Problem]]:
    """Every task of every notice, its status taken from the latest notice that reviews it."""
    prepared: list[Prepared] = []
    problems: list[Problem] = []
    for path in notices(paths):
        try:
            prepared.append(prepare(path, office=office))
        except InputError as exc:
            problems += exc.problems
    latest: dict[str, tuple[dt.date, Task]] = {}
    for notice in prepared:
        when = _issued(notice)
        for review in reviews(notice):
            if review.status is not None and (review.key not in latest or latest[review.key][0] <= when):
                latest[review.key] = (when, review)
    by_task: dict[str, Row] = {}
    for notice in sorted(prepared, key=_issued):  # a task set again by a later notice is the same task, continued
        for task in set_tasks(notice):
            review = latest.get(task.key)
            status, result = (review[1].status, review[1].result) if review else (task.status, task.result)
            by_task[task.key] = Row(task, status, result, notice.document.ngay)
    return list(by_task.values()), problems


def _issued(notice: Prepared) -> dt.date:
    """When a notice was issued, for ordering; a draft not yet dated is the newest."""
    return notice.document.ngay or dt.date.max


def select(rows: list[Row], unit: str | None = None, status: str | None = None,
           overdue_at: dt.date | None = None) -> list[Row]:
    """The rows for one unit (any part of its name), one status (or ``chua-ghi``), or overdue at a date."""
    chosen = rows
    if unit:
        chosen = [r for r in chosen if any(unit.casefold() in u.casefold() for u in r.task.units)]
    if status:
        chosen = [r for r in chosen if (r.status.value if r.status else NO_STATUS) == status]
    if overdue_at:
        chosen = [r for r in chosen if r.status is not TaskStatus.DONE and r.task.deadline
                  and r.task.deadline < overdue_at]
    return chosen


def csv_text(rows: list[Row]) -> str:
    """The rows as CSV text (written as UTF-8 with a byte-order mark, so that Excel reads the Vietnamese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(row.cells() for row in rows)
    return buffer.getvalue()


def report(rows: list[Row], office_path: Path, day: dt.date, output: Path) -> Prepared:
    """The follow-up report as a document of the office (its body, signer, recipients), ready to render."""
    office = office_profile.load(office_path)
    table = {"tieu_de": f"Tình hình thực hiện nhiệm vụ đến ngày {vnformat.short_date(day)}",
             "cot": [{"ten": "TT", "rong_cm": 1.0}, "Nhiệm vụ", {"ten": "Đơn vị", "rong_cm": 3.5},
                     {"ten": "Thời hạn", "rong_cm": 2.5}, {"ten": "Tình trạng", "rong_cm": 2.6}],
             "dong": [[str(i), r.task.text + (f" ({r.result})" if r.result else ""), ", ".join(r.task.units),
                       vnformat.short_date(r.task.deadline) if r.task.deadline else "", r.status_words]
                      for i, r in enumerate(rows, start=1)]}
    content = [{"bang": table}] if rows else ["Không có nhiệm vụ nào cần theo dõi."]
    done = sum(r.status is TaskStatus.DONE for r in rows)
    overdue = sum(1 for r in rows if r.status is not TaskStatus.DONE and r.task.deadline and r.task.deadline < day)
    data = {
        "loai": "bao-cao",
        "ngay": vnformat.short_date(day),
        "trich_yeu": ["Theo dõi, đôn đốc thực hiện các nhiệm vụ", f"đến ngày {vnformat.short_date(day)}"],
        "noi_dung": {
            "mo_dau": [f"Tổng số nhiệm vụ theo dõi: {len(rows)}; đã hoàn thành: {done}; chưa hoàn thành: "
                       f"{len(rows) - done}, trong đó quá hạn: {overdue}."],
            "ket_qua": {"tieu_de": "Tình hình thực hiện", "noi_dung": content},
        },
    }
    signers = office.source.data.get("nguoi_ky") or {}
    if signers:
        data["nguoi_ky"] = next(iter(signers))  # the office's first signer, as the profile lists them
    return prepare_loaded(LoadedFile(output, data), office=office)


def office_for(paths: list[Path], explicit: Path | None) -> Path:
    """The office profile a report is issued under: named, or found beside the first notice."""
    found = explicit or next((p for p in map(office_profile.find, paths) if p), None)
    if found is None:
        raise InputError([Problem(display_path(paths[0]) if paths else ".", 1, 1, Code.MISSING_FIELD,
                                  "báo cáo theo dõi cần hồ sơ đơn vị (cơ quan, người ký, nơi nhận) — hãy đặt tệp "
                                  f"{office_profile.PROFILE_NAME} trong thư mục văn bản, hoặc ghi --don-vi TỆP")])
    return found
