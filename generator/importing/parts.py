"""Which part of the model each numbered part is — results, limitations, tasks, recommendations … — from the words
of its heading, in the order the notice has them (the tool prints the parts in the order written); and the
recommendations a notice numbers inside its tasks part (3.2.), which stay recommendations, not tasks."""

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
    """The parts by name, in the notice's order; a part whose heading names no free slot takes the next free one
    in the usual order."""
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
        free = [n for n in ORDER if n not in out and n != "muc_dich_yeu_cau"]
        if wanted is not None and wanted not in out:
            name = wanted
        else:
            name = next((n for n in free if ORDER.index(n) > last), next(iter(free), None))
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


def nest_recommendations(out: dict[str, Any], notes: Notes) -> None:
    """An item of the tasks part headed as recommendations (`3.2. Kiến nghị …`) becomes the recommendations part
    nested there, where it prints the same: otherwise `vanban tasks` would list what was asked of a higher body as
    tasks set."""
    tasks = out.get("nhiem_vu")
    if "kien_nghi" in out or tasks is None:
        return
    nodes = tasks.get("noi_dung", [])
    for index, node in enumerate(nodes):
        if isinstance(node, dict) and "tieu_de" in node and kind_of(node["tieu_de"]) == "kien_nghi":
            content = [*node.get("noi_dung", []), *([{"gach_dau_dong": node["gach_dau_dong"]}]
                                                   if node.get("gach_dau_dong") else []), *node.get("muc", [])]
            nodes[index] = {"kien_nghi": {"tieu_de": node["tieu_de"], **({"noi_dung": content} if content else {})}}
            notes.check(("noi_dung", "nhiem_vu", "noi_dung", index),
                        "mục này là kiến nghị, đã đặt thành phần `kien_nghi` nằm trong phần nhiệm vụ (in như cũ, "
                        "nhưng không tính là nhiệm vụ) — hãy xem lại")
            return
