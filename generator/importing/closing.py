"""The end of a notice: `Nơi nhận:` and its lines (annotations such as `(b/c)` → `ghi_chu`, the archive line →
`luu`, the line-end mark → `dau_cuoi_dong`), the typist mark `PL.(30)`, and the signature block (authority
prefix T/M, K/T, TM., KT. …, the collective or head, title, name) → `nguoi_ky`."""

from __future__ import annotations

import re
from typing import Any

from generator import rulebook
from generator.importing.blocks import Block, Line
from generator.importing.notes import Notes

_LABEL = re.compile(r"Nơi\s+nhận\s*:?\s*$", re.IGNORECASE)
_DASH = re.compile(r"[-–+•]\s*")
_NOTE = re.compile(r"(?P<noi>.+?)\s*\((?P<ghi_chu>[^()]{1,30})\)$")
_TYPIST = re.compile(r"(?P<ky_hieu>[A-ZĐ]{1,6})\.\s*\((?P<so_ban>\d{1,4})\)\.?")
_NAME = re.compile(r"[A-ZĐÀ-Ỹ][^\s,;:.()]*(?:\s+[A-ZĐÀ-Ỹ][^\s,;:.()]*){1,5}")
_SIGNED = re.compile(r"\(?\s*(đã ký|ĐÃ KÝ)\s*\)?|\(?\s*(ký tên|ký, ghi rõ họ tên|chữ ký)[^)]*\)?", re.IGNORECASE)
PLACEHOLDER_NAME = "Họ Và Tên"
PLACEHOLDER_TITLE = "(chưa rõ chức vụ)"
PLACEHOLDER_RECIPIENT = "(chưa rõ nơi nhận)"


def start(blocks: list[Block], begin: int) -> int:
    """Index of `Nơi nhận:`, or of a signature block ending the document, or ``len(blocks)``."""
    for index in range(begin, len(blocks)):
        block = blocks[index]
        if isinstance(block, Line) and _LABEL.match(block.plain.strip()):
            return index
    lines = [i for i in range(begin, len(blocks)) if isinstance(blocks[i], Line)]
    if len(lines) >= 2:
        title, name = blocks[lines[-2]].plain.strip(), blocks[lines[-1]].plain.strip()
        if title.isupper() and len(title) < 60 and _NAME.fullmatch(name):
            first = lines[-2]
            if len(lines) >= 3 and _is_authority(blocks[lines[-3]].plain.strip()):
                first = lines[-3]
            return first
    return len(blocks)


def _is_authority(text: str) -> bool:
    prefixes = {p for code in rulebook.available() for p in rulebook.load(code).quyen_han_ky}
    return any(text.startswith(p + " ") for p in prefixes)


def recognise(blocks: list[Block], book: rulebook.Rulebook, addressed: bool, notes: Notes) -> dict[str, Any]:
    """`noi_nhan`, `dau_cuoi_dong`, `luu`, `nguoi_danh_may` and `nguoi_ky` from the closing blocks; ``addressed``:
    a công văn with `Kính gửi`, whose recipients the tool starts with "Như trên" itself."""
    lines = [b for b in blocks if isinstance(b, Line)]
    data: dict[str, Any] = {}
    recipients: list[str] = []
    signature: list[Line] = []
    in_list = bool(lines) and _LABEL.match(lines[0].plain.strip()) is not None
    list_column = lines[0].column if in_list else None
    for line in lines[1:] if in_list else lines:
        text = line.plain.strip()
        if in_list and line.column == list_column and _DASH.match(text):
            recipients.append(_DASH.sub("", text, count=1))
        elif (typist := _TYPIST.fullmatch(text)) is not None:
            data["nguoi_danh_may"] = {"ky_hieu": typist.group("ky_hieu"), "so_ban": int(typist.group("so_ban"))}
        elif in_list and line.column == list_column and line.column is not None:
            recipients.append(text)
            notes.check(("noi_nhan",), f"dòng `{text}` trong nơi nhận không có dấu `-` — hãy xem lại")
        else:
            in_list = in_list and line.column is not None
            signature.append(line)
    _recipients(recipients, book, addressed, data, notes)
    kept = []
    for line in signature:
        if _SIGNED.fullmatch(line.plain.strip()):
            notes.check(("nguoi_ky",), f"dòng `{line.plain.strip()}` của bản sao không đưa vào bản nháp")
        else:
            kept.append(line.plain.strip())
    data["nguoi_ky"] = _signature(kept, book, notes)
    return data


def _recipients(found: list[str], book: rulebook.Rulebook, addressed: bool, data: dict[str, Any],
                notes: Notes) -> None:
    rules = book.noi_nhan
    archive = re.compile(re.escape(rules.mau_luu).replace(r"\{noi_luu\}", "(?P<luu>.*)").replace(r"\ ", r"\s*"))
    entries: list[Any] = []
    for index, text in enumerate(found):
        end = text[-1:] if text[-1:] in ",;." else ""
        text = text.rstrip(",;.").strip()
        if index == 0 and end in rules.dau_cuoi_dong_cho_phep and end != rules.dau_cuoi_dong:
            data["dau_cuoi_dong"] = end
        match = archive.fullmatch(text) if index == len(found) - 1 else None
        if match is not None:
            data["luu"] = match.group("luu").strip(" ,") or None
            continue
        if addressed and text.casefold() == rules.nhu_tren.casefold():
            continue  # the tool writes "Như trên" for the addressees of a công văn
        note = _NOTE.fullmatch(text)
        entries.append({"noi": note.group("noi"), "ghi_chu": note.group("ghi_chu")} if note else text)
    if data.get("luu") is None:
        data.pop("luu", None)
    if not entries:
        entries = [PLACEHOLDER_RECIPIENT]
        notes.check(("noi_nhan",), "không thấy nơi nhận — hãy ghi nơi nhận thật")
        notes.rate("noi_nhan", 0.2)
    else:
        notes.rate("noi_nhan", 0.9)
    data["noi_nhan"] = entries


def _signature(lines: list[str], book: rulebook.Rulebook, notes: Notes) -> dict[str, Any]:
    signer: dict[str, Any] = {}
    lines = [line for line in lines if line]
    named_last = len(lines) >= 3 or (len(lines) == 2 and not _is_authority(lines[0]))
    name = lines.pop() if lines and (named_last or not lines[-1].isupper()) else None
    if lines:
        prefix = next((p for p in book.quyen_han_ky if lines[0].startswith(p + " ")), None)
        if prefix is not None:
            signer["quyen_han"] = prefix
            named = lines[0][len(prefix):].strip()
            authority = book.authority(prefix)
            if authority is not None and authority.names_someone and len(lines) > 1:
                signer["thay_mat"] = named
                lines = lines[1:]
            else:
                lines = [named] + lines[1:]
        signer["chuc_vu"] = " ".join(lines)
    if not signer.get("chuc_vu"):
        signer["chuc_vu"] = PLACEHOLDER_TITLE
        notes.check(("nguoi_ky", "chuc_vu"), "không thấy chức vụ người ký — hãy ghi chức vụ thật")
        notes.rate("nguoi_ky", 0.2)
    if name is None:
        name = PLACEHOLDER_NAME
        notes.check(("nguoi_ky", "ho_ten"), "không thấy họ tên người ký — hãy ghi họ tên thật")
        notes.rate("nguoi_ky", 0.2)
    signer["ho_ten"] = name
    notes.rate("nguoi_ky", 0.9)
    return signer
