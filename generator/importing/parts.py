"""Which part of the model each numbered part is — results, limitations, tasks, recommendations … — from the words
of its heading, keeping the model's order of parts (the tool prints them in that order)."""

from __future__ import annotations

import re
from typing import Any

from generator.importing.notes import Notes
from generator.model import Body

_WORDS = (
    ("muc_dich_yeu_cau", r"mục đích|yêu cầu"),
    ("to_chuc_thuc_hien", r"tổ chức thực hiện"),
    ("kien_nghi", r"kiến nghị|đề xuất|đề nghị"),
    ("han_che", r"hạn chế|tồn tại|yếu kém|khuyết điểm"),
    ("nhiem_vu", r"nhiệm vụ|giải pháp|phương hướng|thời gian tới|thời gian đến|chương trình"),
    ("ket_qua", r"kết quả|đánh giá|tình hình|ưu điểm"),
)
ORDER = Body.PARTS


def kind_of(heading: str | None) -> str | None:
    """The part the heading's first telling words name, or None."""
    if not heading:
        return None
    found = [(m.start(), name) for name, words in _WORDS if (m := re.search(words, heading.lower()))]
    return min(found)[1] if found else None


def assign(found: list[tuple[str | None, list[Any]]], notes: Notes) -> dict[str, Any]:
    """The parts by name, in the model's order; a part whose heading names no free slot takes the next one."""
    out: dict[str, Any] = {}
    last = -1
    for heading, nodes in found:
        wanted = kind_of(heading) or ("nhiem_vu" if heading is None else None)
        part: dict[str, Any] = {}
        if heading:
            part["tieu_de"] = heading
        if nodes:
            part["noi_dung"] = nodes
        if not part:
            continue
        if wanted is not None and ORDER.index(wanted) > last:
            name = wanted
        else:
            name = next((n for n in ORDER[last + 1:] if n != "muc_dich_yeu_cau"), None)
        if name is None:  # no slot left: the part becomes an item of the last one (its label changes)
            previous = out[ORDER[last]].setdefault("noi_dung", [])
            if heading:
                previous.append({"tieu_de": heading, **({"muc": nodes} if nodes else {})})
            else:
                previous.extend(nodes)
            notes.check(("noi_dung", ORDER[last]), f"phần `{heading}` được ghép vào phần trước — hãy xem lại")
            notes.rate(ORDER[last], 0.3)
            continue
        out[name] = part
        where = ("noi_dung", name)
        if heading is None:
            notes.check(where, f"phần không có tiêu đề, đã xếp vào `{name}` — hãy xem lại")
            notes.rate(name, 0.6)
        elif name != wanted:
            notes.check(where, f"tiêu đề không cho biết rõ phần gì, đã xếp vào `{name}` — hãy xem lại")
            notes.rate(name, 0.5)
        else:
            notes.rate(name, 0.9)
        last = ORDER.index(name)
    return out
