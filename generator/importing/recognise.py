"""From the flat blocks of a notice to the document's data (plain dicts, lists and strings with the model's keys):
head, body, closing and appendices, each by its own recogniser."""

from __future__ import annotations

from typing import Any

from generator import rulebook
from generator.importing import appendix, body, closing, header, meeting, reporting_period
from generator.importing.blocks import Block, Line
from generator.importing.notes import Notes

_KEY_ORDER = ("loai", "he_thong", "co_quan", "so", "dia_danh", "ngay", "nam", "ky", "do_khan", "do_mat", "du_thao",
              "pham_vi_luu_hanh", "trich_yeu", "hoi_nghi", "danh_so", "kinh_gui", "noi_dung", "dau_ket_thuc", "phu_luc", "noi_nhan",
              "dau_cuoi_dong", "luu", "nguoi_ky", "nguoi_danh_may")


def recognise(blocks: list[Block]) -> tuple[dict[str, Any], Notes]:
    notes = Notes()
    head = header.recognise(blocks, notes)
    book = rulebook.load(head.he_thong)
    closing_at = closing.start(blocks, head.end)
    appendix_at = appendix.start(blocks, closing_at)
    data: dict[str, Any] = dict(head.data, loai=head.loai, he_thong=head.he_thong)
    year = int(data["ngay"][-4:]) if "ngay" in data else data.get("nam")
    ky = reporting_period.recognise(data["trich_yeu"], year)
    if ky is not None:
        data["ky"] = ky
        notes.check(("ky",), "kỳ của văn bản đọc từ trích yếu — `vanban carry` chuyển sang kỳ sau từ kỳ này")
    content, scheme = body.recognise(blocks[head.end:closing_at], notes)
    if content.get("mo_dau") and head.loai in ("thong-bao-ket-luan", "ket-luan"):
        facts, content["mo_dau"] = meeting.recognise(content["mo_dau"])
        if facts:
            data["hoi_nghi"] = facts
    data["noi_dung"] = content
    mark = body.end_mark(blocks[head.end:closing_at])
    if mark:  # kept as found: the rulebook chosen by the date (or by today, undated) may end otherwise
        data["dau_ket_thuc"] = mark
    if scheme:
        data["danh_so"] = scheme
    addressed = bool(book.loai_van_ban[head.loai].cong_van and data.get("kinh_gui"))
    data.update(closing.recognise(blocks[closing_at:appendix_at], book, addressed, notes))
    appendices = _appendices(blocks[appendix_at:], notes)
    if appendices:
        data["phu_luc"] = appendices
        _issuer_case(data, blocks[appendix_at:])
    _rate_head(data, notes)
    return {key: data[key] for key in _KEY_ORDER if key in data}, notes


def _appendices(blocks: list[Block], notes: Notes) -> list[dict[str, Any]]:
    found = []
    for index, (title, chunk, pointer) in enumerate(appendix.split(blocks)):
        content, _ = body.recognise(chunk, Notes())
        nodes = appendix.node_list(content)
        if not title or not nodes:
            notes.check(("phu_luc", index), "phụ lục thiếu tên hoặc nội dung — hãy xem lại")
            title, nodes = title or "(chưa rõ tên phụ lục)", nodes or [title or "(trống)"]
        if pointer:
            notes.check(("phu_luc", index), "dòng “(Kèm theo …)” do công cụ tự viết, đã bỏ khỏi bản nháp")
        found.append({"tieu_de": title, "noi_dung": nodes})
    return found


def _issuer_case(data: dict[str, Any], blocks: list[Block]) -> None:
    """The issuer as written in running text — `(Kèm theo … của Tỉnh ủy Quảng Ngãi)` — rather than in capitals:
    the tool writes it in capitals in the header itself."""
    name = data["co_quan"]["ten"]
    for block in blocks:
        if isinstance(block, Line) and block.plain.startswith("(Kèm theo"):
            written = block.plain.rstrip(")").rsplit(" của ", 1)[-1].strip()
            if written.upper() == name.upper():
                data["co_quan"]["ten"] = written
                return


def _rate_head(data: dict[str, Any], notes: Notes) -> None:
    found = sum(key in data for key in ("so", "ngay", "dia_danh")) + ("viet_tat" in data["co_quan"]
                                                                       and data["co_quan"]["viet_tat"] != "XX")
    notes.rate("dau_van_ban", 0.4 + 0.15 * found)
