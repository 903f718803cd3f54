"""The notice's head: the rulebook (national title), the issuing body and its superior, number and symbol, place
and date, marks (khẩn, mật, dự thảo, phạm vi lưu hành), the type name → `loai`, the trích yếu, `Kính gửi`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator import rulebook, vnformat
from generator.importing.blocks import Block, Line, Rule
from generator.importing.notes import Notes

PARTY, STATE = "dang", "nha-nuoc"
_TITLES = {"ĐẢNG CỘNG SẢN VIỆT NAM": PARTY, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": STATE,
           "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM": STATE}
_MOTTO = re.compile(r"Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc", re.IGNORECASE)
_NUMBER = re.compile(r"Số\s*(?P<colon>:?)\s*(?P<so>\d*)\s*(?P<rest>[-/]\s*[A-ZĐ0-9]+\s*[-/]\s*[A-ZĐ0-9]+)\s*",
                     re.IGNORECASE)
_DATE = re.compile(r"(?P<place>[^,]+?)\s*,\s*ngày\s*(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*(?P<y>\d{4})\s*\.?")
_URGENCY = {"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HOẢ TỐC"}
_SECRECY = {"MẬT", "TỐI MẬT", "TUYỆT MẬT"}
_DRAFT = re.compile(r"dự thảo\b.*", re.IGNORECASE)
_CIRCULATION = re.compile(r"(TÀI LIỆU|LƯU HÀNH)\b.*")
_ADDRESSEE = re.compile(r"Kính\s+gửi\s*:?\s*(?P<rest>.*)", re.IGNORECASE)
_MAX_SUMMARY_LINE = 160


@dataclass
class Head:
    data: dict[str, Any] = field(default_factory=dict)
    he_thong: str = PARTY
    loai: str | None = None
    end: int = 0  # index of the first block after the head


def recognise(blocks: list[Block], notes: Notes) -> Head:
    head = Head()
    type_at = _type_line(blocks)
    stop = type_at if type_at is not None else _head_end(blocks)
    issuer: list[str] = []
    subject: list[str] = []
    after_number = False
    codes: tuple[str, str] | None = None
    for block in blocks[:stop]:
        if not isinstance(block, Line):
            continue
        text = block.plain.strip()
        upper = text.upper()
        if upper in _TITLES:
            head.he_thong = _TITLES[upper]
        elif _MOTTO.fullmatch(text) or text == "*":
            continue
        elif (number := _NUMBER.match(text)) is not None:
            codes = _number(number, head)
            after_number = True
            subject += [t for t in [text[number.end():].strip()] if t]
        elif (date := _DATE.fullmatch(text)) is not None:
            _date(date, head)
        elif upper in _URGENCY:
            head.data["do_khan"] = text
        elif upper in _SECRECY:
            head.data["do_mat"] = text
        elif _DRAFT.fullmatch(text):
            head.data["du_thao"] = text
        elif _CIRCULATION.fullmatch(text):
            head.data["pham_vi_luu_hanh"] = text
        elif after_number and block.column != 1:
            subject.append(block.text)  # a công văn's trích yếu; a typed "V/v" stays (the tool adds it only once)
        elif block.column != 1 and text == upper:
            issuer.append(text)
        else:
            subject.append(block.text)
            notes.check(("trich_yeu",), f"dòng `{text}` ở phần đầu không rõ là gì, đã đưa vào trích yếu")
    book = rulebook.load(head.he_thong)
    head.end = stop
    if type_at is not None:
        head.loai = _kind_by_name(book, blocks[type_at].plain)
        summary, head.end = _summary(blocks, type_at + 1)
        subject += summary
    elif codes is not None:
        head.loai = _kind_by_code(book, codes[0])
    head.end = _addressees(blocks, head)
    if codes is not None and head.loai is not None and head.he_thong == PARTY:
        expected = book.loai_van_ban[head.loai].ma
        if expected and codes[0] != expected:
            notes.check(("so",), f"số ký hiệu ghi `{codes[0]}` nhưng tên loại là của `{expected}` — công cụ in "
                                 f"`-{expected}/`; hãy xem lại loại văn bản")
    if head.loai is None:
        head.loai = "cong-van" if "kinh_gui" in head.data else "thong-bao-ket-luan"
        notes.check(("loai",), "không thấy tên loại văn bản; đã chọn " + head.loai)
        notes.rate("loai", 0.4)
    _issuer(issuer, codes, head, notes)
    if head.data.get("dia_danh") is None:
        head.data["dia_danh"] = "(chưa rõ địa danh)"
        notes.check(("dia_danh",), "không thấy dòng địa danh, ngày tháng — hãy ghi địa danh thật")
        notes.rate("dau_van_ban", 0.3)
    if not subject:
        subject = ["(chưa rõ trích yếu)"]
        notes.check(("trich_yeu",), "không thấy trích yếu — hãy viết trích yếu thật")
        notes.rate("dau_van_ban", 0.3)
    head.data["trich_yeu"] = subject
    return head


def _type_line(blocks: list[Block]) -> int | None:
    names = {kind.ten_loai for code in rulebook.available() for kind in rulebook.load(code).loai_van_ban.values()
             if kind.ten_loai}
    for index, block in enumerate(blocks[:40]):
        if isinstance(block, Line) and block.plain.strip() in names and block.column is None:
            return index
    return None


def _head_end(blocks: list[Block]) -> int:
    """Without a type name (công văn): the head ends at `Kính gửi`, or at the first long body paragraph."""
    for index, block in enumerate(blocks[:40]):
        if isinstance(block, Line) and block.column is None and (
                _ADDRESSEE.match(block.plain) or len(block.plain) > _MAX_SUMMARY_LINE):
            return index
    return 0


def _summary(blocks: list[Block], start: int) -> tuple[list[str], int]:
    """The trích yếu lines after the type name: up to the rule under them, or else the short lines there."""
    rule = next((i for i in range(start, min(start + 8, len(blocks))) if isinstance(blocks[i], Rule)), None)
    if rule is not None:
        return [b.text for b in blocks[start:rule] if isinstance(b, Line)], rule + 1
    lines, index = [], start
    while (index < len(blocks) and len(lines) < 4 and isinstance(blocks[index], Line)
           and len(blocks[index].plain) <= _MAX_SUMMARY_LINE and not _ADDRESSEE.match(blocks[index].plain)
           and not re.search(r"[.:;]$", blocks[index].plain)):
        lines.append(blocks[index].text)
        index += 1
    return lines, index


def _addressees(blocks: list[Block], head: Head) -> int:
    index = head.end
    while index < len(blocks) and isinstance(blocks[index], Rule):
        index += 1
    if index >= len(blocks) or not isinstance(blocks[index], Line):
        return index
    match = _ADDRESSEE.match(blocks[index].plain)
    if not match:
        return head.end
    rest = match.group("rest").strip()
    index += 1
    if rest:
        head.data["kinh_gui"] = [rest.rstrip(".;,")]
        return index
    found = []
    while index < len(blocks) and isinstance(blocks[index], Line) and re.match(r"[-–+]\s", blocks[index].plain):
        found.append(re.sub(r"^[-–+]\s+", "", blocks[index].text).rstrip(".;,").strip())
        index += 1
    if found:
        head.data["kinh_gui"] = found
    return index


def _number(match: re.Match, head: Head) -> tuple[str, str]:
    """The two codes of the symbol: `970-TB/TU` → (TB, TU); `12/TB-UBND` → (TB, UBND); a State công văn's
    `05/UBND-VX` → (UBND, VX), told apart later by the kinds' codes."""
    if match.group("so"):
        head.data["so"] = match.group("so")
    first, second = re.findall(r"[A-ZĐ0-9]+", match.group("rest").upper())
    if match.group("colon") or match.group("rest").lstrip().startswith("/"):
        head.he_thong = STATE
    return first, second


def _date(match: re.Match, head: Head) -> None:
    head.data["dia_danh"] = match.group("place").strip()
    if match.group("d") and match.group("m"):
        head.data["ngay"] = f"{int(match.group('d')):02d}/{int(match.group('m')):02d}/{match.group('y')}"
        head.data["ngay"] = vnformat.short_date(vnformat.parse_date(head.data["ngay"]))
    else:
        head.data["nam"] = int(match.group("y"))


def _kind_by_name(book: rulebook.Rulebook, name: str) -> str | None:
    return next((code for code, kind in book.loai_van_ban.items() if kind.ten_loai == name.strip()), None)


def _kind_by_code(book: rulebook.Rulebook, code: str) -> str | None:
    found = next((kind for kind, value in book.loai_van_ban.items() if value.ma == code), None)
    if found is not None:
        return found
    return next((kind for kind, value in book.loai_van_ban.items() if value.cong_van), None)


def _issuer(lines: list[str], codes: tuple[str, str] | None, head: Head, notes: Notes) -> None:
    body: dict[str, Any] = {}
    if len(lines) > 1:
        body["cap_tren"] = " ".join(lines[:-1])
    if lines:
        body["ten"] = lines[-1]
    else:
        body["ten"] = "(chưa rõ cơ quan ban hành)"
        notes.check(("co_quan", "ten"), "không thấy tên cơ quan ban hành — hãy ghi tên thật")
        notes.rate("dau_van_ban", 0.3)
    book = rulebook.load(head.he_thong)
    if codes is None:
        body["viet_tat"] = "XX"
        notes.check(("co_quan", "viet_tat"), "không thấy số, ký hiệu — hãy ghi chữ viết tắt thật của cơ quan")
        notes.rate("dau_van_ban", 0.3)
    elif head.he_thong == STATE and not any(v.ma == codes[0] for v in book.loai_van_ban.values() if v.ma):
        body["viet_tat"], body["don_vi"] = codes  # công văn: 05/UBND-VX
    else:
        body["viet_tat"] = codes[1]
    head.data["co_quan"] = body
