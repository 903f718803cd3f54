"""Next period's draft from last period's notice (`vanban carry PREV.yaml [--to 2021-Q3]`).

The period moves on everywhere it is written (quý I → quý II, and quý II → quý III in the same pass); the number,
the date and the meeting date are cleared; results, limitations and recommendations become prompts marked
``[cần viết]`` that the checker refuses until they are written; every task of last period comes over into the
review list ``theo_doi`` with its unit and deadline and a status to fill; tasks not yet done are offered again
as next period's tasks. Comments, key order and the way each text was written are kept (ruamel.yaml round trip),
and no existing file is ever replaced.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from generator import vnformat
from generator.cycle import period as periods
from generator.cycle.prompts import PROMPT
from generator.cycle.tasks import TASK_PART, Task, reviews, set_tasks
from generator.errors import Code, InputError, Problem
from generator.loader import decode, read_bounded
from generator.model import TaskStatus, nested_part_name
from generator.reader import prepare
from generator.walk import raw_parts

_FOLD_WIDTH = 110
_STATUS_CHOICES = " | ".join(status.value for status in TaskStatus)
# The parts whose words belong to the period they report on: they become prompts.
_PROMPTED_PARTS = {
    "ket_qua": "kết quả thực hiện nhiệm vụ {ky} (bảng kết quả các nhiệm vụ kỳ trước in ở cuối phần này)",
    "han_che": "hạn chế, tồn tại {ky}",
    "kien_nghi": "kiến nghị, đề xuất (xóa phần này nếu không có)",
}


@dataclass(frozen=True)
class Carried:
    """The next draft's text, its period, and what came over."""

    text: str
    previous: periods.Period
    period: periods.Period
    reviewed: int  # tasks in the review list
    offered: int   # open tasks offered again as next tasks


def default_output(source: Path, old: periods.Period, new: periods.Period) -> Path:
    """``…-quy-i-2021.yaml`` → ``…-quy-ii-2021.yaml``; a name without its period gets the new one appended."""
    old_slug, new_slug = slug(old), slug(new)
    stem = source.stem
    if old_slug in stem:
        return source.with_name(stem.replace(old_slug, new_slug) + source.suffix)
    return source.with_name(f"{stem}-{new_slug}{source.suffix}")


def slug(period: periods.Period) -> str:
    """The period in a file name: ``quy-ii-2021``, ``6-thang-dau-nam-2021``, ``thang-5-2021``."""
    words = period.text(periods.Style()).replace("đ", "d").replace("Đ", "D")
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_words.lower()).strip("-")


def carry(source: Path, to: str | None = None, office: Path | None = None) -> Carried:
    """The draft of the period after ``source``'s (or of ``to``, a code such as ``2021-Q3``)."""
    prepared = prepare(source, office=office)
    doc = prepared.document
    old, new = _periods(source, doc.ky, to)
    yaml = _round_trip()
    data = yaml.load(decode(read_bounded(source), str(source)))
    steps = old.steps_to(new)
    _shift_texts(data, old, steps)
    _set_period(data, new)
    _clear(data, ("so",), "số: văn thư điền khi vào sổ")
    _clear(data, ("ngay",), "ngày ban hành kỳ này")
    _clear(data, ("hoi_nghi", "ngay"), "ngày họp kỳ này")
    body = data.get("noi_dung")
    earlier = [task for task in reviews(prepared) if task.is_open]
    tasks = set_tasks(prepared)
    if isinstance(body, CommentedMap):
        offered = _offer_open_tasks(body, tasks, new)  # first: the task paths count the host part's items
        _prompt_parts(body, new)
    else:
        offered = 0
    review_list = earlier + tasks
    _review_list(data, review_list, source.name)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    header = (f"# Bản nháp {new.text()} do `vanban carry` tạo từ {source.name}: hãy viết các chỗ {PROMPT}, ghi ngày, "
              "ghi tình trạng từng nhiệm vụ ở `theo_doi`.\n")
    return Carried(header + buffer.getvalue(), old, new, len(review_list), offered)


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # keep each folded text's own line breaks; never re-wrap what the secretary laid out
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _periods(source: Path, typed: str | None, to: str | None) -> tuple[periods.Period, periods.Period]:
    try:
        old = periods.parse(typed) if typed else None
        wanted = periods.parse_code(to) if to else None
    except periods.PeriodError as exc:
        raise InputError([Problem(str(source), 1, 1, Code.BAD_VALUE, f"--to: {exc}")]) from exc
    if old is None and wanted is None:
        raise InputError([Problem(str(source), 1, 1, Code.MISSING_FIELD,
                                  "văn bản chưa có `ky:` nên không biết kỳ sau là kỳ nào — hãy thêm `ky: quý I/2021` "
                                  "vào văn bản, hoặc ghi kỳ mới: --to 2021-Q2")])
    if old is None:
        return wanted.previous(), wanted
    if wanted is None:
        return old, old.next()
    if wanted.kind is not old.kind:
        raise InputError([Problem(str(source), 1, 1, Code.BAD_VALUE,
                                  f"kỳ mới {wanted.text()} khác độ dài kỳ cũ {old.text()} — hãy chọn kỳ cùng loại, "
                                  f"ví dụ --to {old.next().code}")])
    return old, periods.Period(wanted.kind, wanted.year, wanted.index, old.style)



def _shift_texts(node: Any, old: periods.Period, steps: int) -> None:
    """Every period written in every text moved by ``steps``, in place, keeping each text's YAML style."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in list(items):
        if isinstance(value, str):
            moved = periods.shift_mentions(value, old.kind, steps, default_year=old.year)
            if moved != value:
                node[key] = _same_style(value, moved)
        else:
            _shift_texts(value, old, steps)


def _same_style(original: str, text: str) -> str:
    if isinstance(original, FoldedScalarString):
        folded = FoldedScalarString(text)
        folded.fold_pos = _fold_positions(text)
        return folded
    return type(original)(text) if type(original) is not str else text


def _fold_positions(text: str) -> list[int]:
    """Where a folded text breaks its lines: at the last space before the width, line after line."""
    positions, start = [], 0
    while len(text) - start > _FOLD_WIDTH:
        cut = text.rfind(" ", start, start + _FOLD_WIDTH)
        if cut <= start:
            break
        positions.append(cut)
        start = cut + 1
    return positions


def _set_period(data: CommentedMap, new: periods.Period) -> None:
    if "ky" in data:
        data["ky"] = new.text()
        return
    position = list(data).index("loai") + 1 if "loai" in data else 0
    data.insert(position, "ky", new.text(), comment="kỳ của văn bản; trong chữ dùng {ky}, {ky_truoc}, {ky_sau}")


def _clear(data: CommentedMap, path: tuple[str, ...], comment: str) -> None:
    holder = data
    for key in path[:-1]:
        holder = holder.get(key)
        if not isinstance(holder, CommentedMap):
            return
    key = path[-1]
    if key in holder:
        holder[key] = None
        holder.yaml_add_eol_comment(comment, key)


def _prompt_parts(body: CommentedMap, new: periods.Period) -> None:
    for name, part in list(raw_parts(body)):
        if name not in _PROMPTED_PARTS:
            continue
        nested = [node for node in part.get("noi_dung") or [] if nested_part_name(node)]  # they carry on
        part["noi_dung"] = CommentedSeq([f"{PROMPT} {_PROMPTED_PARTS[name].format(ky=new.text())}", *nested])
        if name == "ket_qua":
            part["bang_theo_doi"] = True


def _offer_open_tasks(body: CommentedMap, tasks: list[Task], new: periods.Period) -> int:
    """Keep last period's unfinished tasks in the tasks part (a deadline already past is cleared), drop the
    finished ones, and put a prompt on top for the new ones."""
    part = dict(raw_parts(body)).get(TASK_PART)
    if part is None or not isinstance(part.get("noi_dung"), list):
        return 0
    for task in sorted(tasks, key=lambda t: t.path, reverse=True):  # from the end: indexes stay right
        holder = _at(body, task.path[1:-1])
        if task.status is TaskStatus.DONE:
            del holder[task.path[-1]]
            continue
        item = holder[task.path[-1]]
        # Last period's notice set these for the period now reviewed: a deadline inside it is gone.
        if isinstance(item, CommentedMap) and task.deadline is not None and task.deadline <= new.end:
            item["han"] = None
            item.yaml_add_eol_comment(f"hạn cũ {vnformat.short_date(task.deadline)} — ghi hạn mới", "han")
    part["noi_dung"].insert(0, f"{PROMPT} nhiệm vụ mới {new.next().text()}; các nhiệm vụ dưới đây là việc kỳ trước "
                               "chưa hoàn thành — giữ, sửa hoặc xóa")
    return sum(task.is_open for task in tasks)


def _at(node: Any, path: tuple) -> Any:
    for key in path:
        node = node[key]
    return node


def _review_list(data: CommentedMap, tasks: list[Task], source_name: str) -> None:
    entries = CommentedSeq()
    for task in tasks:
        entry = CommentedMap()
        entry["nhiem_vu"] = task.text
        if task.units:
            entry["don_vi"] = CommentedSeq(task.units)
        entry["han"] = vnformat.short_date(task.deadline) if task.deadline else None
        entry["trang_thai"] = None
        entry.yaml_add_eol_comment(_STATUS_CHOICES, "trang_thai")
        entry["ket_qua"] = task.result
        entry["nguon"] = task.file if task.is_review else f"{source_name}:{task.line}"
        entries.append(entry)
    if not entries:
        return
    keys = list(data)
    position = keys.index("noi_nhan") if "noi_nhan" in keys else len(keys)
    data.insert(position, "theo_doi", entries,
                comment="nhiệm vụ kỳ trước: ghi tình trạng từng việc (bảng in ở cuối phần kết quả)")
