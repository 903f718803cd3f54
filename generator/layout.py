"""Stage 4: lay a validated document out by its rulebook — numbers, capitals, punctuation, blanks — into the
context a template renders. Pure data: no Word objects here, so every decision can be tested on its own."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from generator import inline, vnformat
from generator.model import Bullets, Document, Item, Node
from generator.numbering import NumberingScheme
from generator.rulebook import Rulebook
from generator.styles import Style

# Meeting facts a paragraph may quote, written `{hoi_nghi.ngay}`: typed once, right everywhere.
MEETING_PLACEHOLDER = re.compile(r"\{hoi_nghi\.(ten|ngay|chu_tri|thanh_phan)\}")


@dataclass(frozen=True)
class Paragraph:
    style: Style
    runs: tuple[inline.Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def meeting_values(doc: Document) -> dict[str, str]:
    meeting = doc.hoi_nghi
    if meeting is None:
        return {}
    values = {"ten": meeting.ten, "ngay": vnformat.short_date(meeting.ngay) if meeting.ngay else None,
              "chu_tri": ", ".join(meeting.chu_tri) or None, "thanh_phan": ", ".join(meeting.thanh_phan) or None}
    return {key: value for key, value in values.items() if value}


def number_line(doc: Document, book: Rulebook) -> str:
    pattern = book.so_ky_hieu
    number = doc.so.zfill(pattern.so_chu_so_toi_thieu) if doc.so else pattern.cho_trong
    return pattern.mau.format(so=number, ma_loai=book.loai_van_ban[doc.loai].ma, co_quan=doc.co_quan.viet_tat)


def date_line(doc: Document, book: Rulebook) -> str:
    words = vnformat.date_words(doc.ngay, doc.nam, blank=book.ngay_thang.cho_trong)
    return book.ngay_thang.mau.format(dia_danh=doc.dia_danh, ngay_thang_nam=words)


def numbering_scheme(doc: Document, book: Rulebook) -> NumberingScheme:
    return NumberingScheme(doc.danh_so or book.danh_so_mac_dinh)


def _strip_list_punctuation(text: str) -> str:
    """Recipients are punctuated by the tool: a typed leading `- ` or trailing `,` `;` `.` would double up."""
    return re.sub(r"[,;.]+$", "", re.sub(r"^-\s+", "", text)).strip()


def recipient_lines(doc: Document, book: Rulebook) -> list[str]:
    rules = book.noi_nhan
    separator = doc.dau_cuoi_dong or rules.dau_cuoi_dong
    archive = rules.mau_luu.format(noi_luu=_strip_list_punctuation(doc.luu or rules.noi_luu_mac_dinh))
    lines = [rules.dau_dong + _strip_list_punctuation(r.text()) + separator for r in doc.noi_nhan]
    return lines + [rules.dau_dong + archive + rules.dau_cuoi]


def signature_lines(doc: Document, book: Rulebook) -> tuple[str, str, str]:
    """(authority line or "", title line, name) — authority and title in capitals."""
    signer = doc.nguoi_ky
    title = signer.chuc_vu.upper()
    if not signer.quyen_han:
        return "", title, signer.ho_ten
    if book.quyen_han_ky[signer.quyen_han].can_thay_mat:
        return f"{signer.quyen_han} {(signer.thay_mat or '').upper()}", title, signer.ho_ten
    return "", f"{signer.quyen_han} {title}", signer.ho_ten


class _BodyWriter:
    def __init__(self, scheme: NumberingScheme, book: Rulebook, meeting: dict[str, str]):
        self.scheme = scheme
        self.bullet = book.gach_dau_dong
        self.meeting = meeting
        self.paragraphs: list[Paragraph] = []

    def _runs(self, text: str, label: str = "") -> tuple[inline.Run, ...]:
        text = MEETING_PLACEHOLDER.sub(lambda m: self.meeting.get(m.group(1), m.group(0)), text)
        runs = inline.parse(text)
        return ((inline.Run(label + " "),) if label else ()) + tuple(runs)

    def add(self, style: Style, text: str, label: str = "") -> None:
        self.paragraphs.append(Paragraph(style, self._runs(text, label)))

    def texts(self, texts: Sequence[str]) -> None:
        for text in texts:
            for line in _paragraph_lines(text):
                self.add(Style.BODY, line)

    def bullets(self, texts: Sequence[str]) -> None:
        for text in texts:
            self.add(Style.BULLET, text, self.bullet)

    def nodes(self, nodes: Sequence[Node], prefix: list[int]) -> None:
        count = 0
        for node in nodes:
            if isinstance(node, str):
                self.texts([node])
            elif isinstance(node, Bullets):
                self.bullets(node.gach_dau_dong)
            else:
                count += 1
                self.item(node, prefix + [count])

    def item(self, item: Item, counters: list[int]) -> None:
        label = self.scheme.label(counters)
        paragraphs = item.noi_dung
        if item.tieu_de:
            self.add(Style.HEADING, item.tieu_de, label)
        elif paragraphs:
            self.add(Style.BODY, paragraphs[0], label)
            paragraphs = paragraphs[1:]
        self.texts(paragraphs)
        self.bullets(item.gach_dau_dong)
        self.nodes(item.muc, counters)


def _paragraph_lines(text: str) -> Iterator[str]:
    """Each line of a text is its own Word paragraph: a soft break would stretch a justified line."""
    return (line.strip() for line in text.split("\n") if line.strip())


def body_paragraphs(doc: Document, book: Rulebook) -> list[Paragraph]:
    writer = _BodyWriter(numbering_scheme(doc, book), book, meeting_values(doc))
    writer.texts(doc.noi_dung.mo_dau)
    part_number = 0
    for _, part in doc.noi_dung.parts():
        if part.tieu_de:
            part_number += 1
            writer.add(Style.HEADING, part.tieu_de, writer.scheme.label([part_number]))
        writer.nodes(part.noi_dung, [part_number if part.tieu_de else 0])
    writer.texts(doc.noi_dung.ket_thuc)
    return _finish_body(writer.paragraphs, book.ket_thuc_noi_dung)


def _finish_body(paragraphs: list[Paragraph], mark: str) -> list[Paragraph]:
    """The body ends with the rulebook's mark (`./.`; a sentence's own full stop is its first dot), and its last
    paragraph is kept on the page of the signature."""
    if not paragraphs:
        return paragraphs
    last = paragraphs[-1]
    runs = list(last.runs)
    text = last.text.rstrip()
    if mark and not text.endswith(mark):
        tail = runs[-1]
        runs[-1] = inline.Run(tail.text.rstrip(), tail.bold, tail.italic)
        runs.append(inline.Run(mark[1:] if mark.startswith(".") and text.endswith(".") else mark))
    style = Style.LAST_BODY if last.style is Style.BODY else last.style
    return paragraphs[:-1] + [Paragraph(style, tuple(runs))]


def context(doc: Document, book: Rulebook) -> dict[str, Any]:
    """Everything a template may use. Texts the user typed are lists of inline runs; the rest is plain text."""
    authority, title, name = signature_lines(doc, book)
    kind = book.loai_van_ban[doc.loai]
    meeting = meeting_values(doc)
    return {
        "tieu_de": book.tieu_de,
        "dau_sao": book.dau_duoi_co_quan,
        "co_quan_cap_tren": (doc.co_quan.cap_tren or "").upper(),
        "co_quan": doc.co_quan.ten.upper(),
        "so_ky_hieu": number_line(doc, book),
        "dia_danh_ngay": date_line(doc, book),
        "ten_loai": (doc.ten_loai or kind.ten_loai).upper(),
        "trich_yeu": [Paragraph(Style.SUMMARY, tuple(inline.parse(line))) for line in doc.trich_yeu],
        "phan_cach": book.phan_cach_trich_yeu,
        "noi_dung": body_paragraphs(doc, book),
        "noi_nhan_nhan": book.noi_nhan.nhan,
        "noi_nhan": recipient_lines(doc, book),
        "ky_quyen_han": authority,
        "ky_chuc_vu": title,
        "ky_ho_ten": name,
        "hoi_nghi": meeting,
        "van_ban": doc.model_dump(mode="json"),
    }
