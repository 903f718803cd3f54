"""Stage 4: lay a validated document out by its rulebook — numbers, capitals, punctuation, blanks, rules, tables —
into the context a template renders. Pure data: no Word objects here, so every decision can be tested on its own."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import inline, metrics, placeholders, vnformat
from generator.model import (Bullets, ColumnKind, Document, Item, NestedPart, Node, Part, Review, Table, TableBlock,
                             TaskStatus)
from generator.numbering import NumberingScheme
from generator.rulebook import Component, Mark, Rulebook
from generator.styles import Align, Style

CELL_MARGIN_MM = 1.9  # Word's default left and right cell margins
TASK_TABLE_COLUMNS = (("TT", 1.2), ("Nội dung", None), ("Đơn vị chủ trì", 4.0), ("Thời hạn", 2.6))
REVIEW_TABLE_COLUMNS = (("TT", 1.2), ("Nhiệm vụ", None), ("Đơn vị chủ trì", 3.4), ("Thời hạn", 2.5),
                        ("Kết quả thực hiện", 3.4))
# How a task's status reads in the review table.
STATUS_WORDS = {TaskStatus.DONE: "Hoàn thành", TaskStatus.IN_PROGRESS: "Đang thực hiện",
                TaskStatus.NOT_STARTED: "Chưa thực hiện"}


# The layout's mark for a hyphen a line must not break at, which the renderer writes as Word's <w:noBreakHyphen/>
# (it prints and copies as `-`). A noncharacter, which the loader refuses in typed text: a U+2011 the secretary
# typed herself stays what she typed.
NON_BREAKING_HYPHEN = "\ufdd1"
# A document symbol: a number, then letters, digits, slashes and hyphens, with at least one slash — "120-KL/TW",
# "05-CT/TW", "08-QC/TU", "12/TB-UBND", "05/UBND-VX", "30/2020/NĐ-CP". Word may break a line after a hyphen, which
# would cut "120-" from "KL/TW"; its hyphens are set as non-breaking.
DOCUMENT_SYMBOL = re.compile(r"(?<![\w/-])\d+(?=[\w-]*/)[\w/-]*[^\W_]")


def unbreakable_symbols(text: str) -> str:
    """``text`` with the hyphens of every document symbol non-breaking."""
    return DOCUMENT_SYMBOL.sub(lambda m: m.group(0).replace("-", NON_BREAKING_HYPHEN) if "/" in m.group(0)
                               else m.group(0), text)


@dataclass(frozen=True)
class Paragraph:
    style: Style
    runs: tuple[inline.Run, ...]
    indent_mm: tuple[float, float] | None = None  # left and right indents, for a rule or a box as long as the text
    rule_below: bool = False             # a solid rule under the paragraph, between its indents
    keep_with_next: bool = False         # on the page of what follows (the last paragraph, a table's caption)

    def __post_init__(self) -> None:
        # The one place text becomes a paragraph: every run is typeset here (document symbols kept whole).
        runs = tuple(run if "-" not in run.text else
                     inline.Run(unbreakable_symbols(run.text), run.bold, run.italic) for run in self.runs)
        object.__setattr__(self, "runs", runs)

    @property
    def text(self) -> str:
        """The text as it reads (and copies out of Word): a non-breaking hyphen is a hyphen."""
        return "".join(run.text for run in self.runs).replace(NON_BREAKING_HYPHEN, "-")


@dataclass(frozen=True)
class Cell:
    paragraph: Paragraph
    span: int = 1  # columns this cell covers


@dataclass(frozen=True)
class TableLayout:
    """A table inside the margins: column widths in mm, a header row repeated on every page, body rows."""

    widths_mm: tuple[float, ...]
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: Paragraph | None = None

    @property
    def text(self) -> str:
        cells = [*self.header, *(cell for row in self.rows for cell in row)]
        return "\n".join(cell.paragraph.text for cell in cells)


Block = Paragraph | TableLayout


def _plain(style: Style, text: str) -> Paragraph:
    return Paragraph(style, (inline.Run(text),) if text else ())


BOX_PADDING_MM = 3.0


def _boxed(style: Style, text: str, component: Component, width_mm: float) -> Paragraph | str:
    """A framed mark (dự thảo, phạm vi lưu hành) whose box hugs its text, at the side its style aligns to."""
    if not text:
        return ""
    room = max(0.0, width_mm - metrics.text_width_mm(text, component.co_chu, component.dam) - BOX_PADDING_MM)
    indents = (room, 0.0) if style.value.align is Align.RIGHT else (0.0, room)
    return Paragraph(style, (inline.Run(text),), indent_mm=indents)


def number_line(doc: Document, book: Rulebook) -> str:
    pattern = book.so_ky_hieu
    number = doc.so.zfill(pattern.so_chu_so_toi_thieu) if doc.so else pattern.cho_trong
    kind = book.loai_van_ban[doc.loai]
    if kind.ma is None:
        return (pattern.mau_khong_ma_loai or "").format(so=number, co_quan=doc.co_quan.viet_tat,
                                                        don_vi=doc.co_quan.don_vi or "")
    return pattern.mau.format(so=number, ma_loai=kind.ma, co_quan=doc.co_quan.viet_tat)


def date_line(doc: Document, book: Rulebook) -> str:
    words = vnformat.date_words(doc.ngay, doc.nam, blank=book.ngay_thang.cho_trong)
    return book.ngay_thang.mau.format(dia_danh=doc.dia_danh, ngay_thang_nam=words)


def numbering_scheme(doc: Document, book: Rulebook) -> NumberingScheme:
    return NumberingScheme(doc.danh_so or book.danh_so_mac_dinh)


def _strip_list_punctuation(text: str) -> str:
    """Lists are punctuated by the tool: a typed leading `- ` or trailing `,` `;` `.` would double up."""
    return re.sub(r"[,;.]+$", "", re.sub(r"^-\s+", "", text)).strip()


def _punctuated(items: Sequence[str], book: Rulebook, separator: str) -> list[str]:
    rules = book.noi_nhan
    return [rules.dau_dong + _strip_list_punctuation(item) + (separator if i < len(items) - 1 else rules.dau_cuoi)
            for i, item in enumerate(items)]


def archive_line(doc: Document, book: Rulebook) -> str:
    rules = book.noi_nhan
    place = _strip_list_punctuation(doc.luu or doc.co_quan.don_vi or rules.noi_luu_mac_dinh)
    return rules.mau_luu.format(noi_luu=place).rstrip(", ")


def recipient_lines(doc: Document, book: Rulebook) -> list[str]:
    rules = book.noi_nhan
    separator = doc.dau_cuoi_dong or rules.dau_cuoi_dong
    # A công văn's addressees ("Kính gửi") get their copy too: the list starts with "Như trên".
    first = [rules.nhu_tren] if book.loai_van_ban[doc.loai].cong_van and doc.kinh_gui else []
    lines = first + [r.text() for r in doc.noi_nhan] + [archive_line(doc, book)]
    punctuated = _punctuated(lines, book, separator)
    return punctuated[:-1] + [rules.dau_dong + lines[-1] + rules.dau_cuoi]


def addressee_lines(doc: Document, book: Rulebook) -> list[Paragraph]:
    """`Kính gửi: X.` for one addressee; for several, the label then `- X;` lines, the last ending in `.`."""
    if not doc.kinh_gui:
        return []
    if len(doc.kinh_gui) == 1:
        text = f"{book.kinh_gui} {_strip_list_punctuation(doc.kinh_gui[0])}{book.noi_nhan.dau_cuoi}"
        return [Paragraph(Style.ADDRESSEE, tuple(inline.parse(text)))]
    lines = _punctuated(list(doc.kinh_gui), book, book.noi_nhan.dau_cuoi_dong_cho_phep[-1])
    return ([_plain(Style.ADDRESSEE, book.kinh_gui)]
            + [Paragraph(Style.ADDRESSEE_LINE, tuple(inline.parse(line))) for line in lines])


def signature_lines(doc: Document, book: Rulebook) -> tuple[str, str, str]:
    """(authority line or "", title line, name) — authority and title in capitals."""
    signer = doc.nguoi_ky
    title = signer.chuc_vu.upper()
    authority = book.authority(signer.quyen_han)
    if authority is None:
        return "", title, signer.ho_ten
    if authority.names_someone:
        return f"{signer.quyen_han} {(signer.thay_mat or '').upper()}", title, signer.ho_ten
    return "", f"{signer.quyen_han} {title}", signer.ho_ten


# Words a phrase of a trích yếu starts with: a line is best broken before them ("… tỉnh / tại cuộc họp …").
PHRASE_STARTS = frozenset({"về", "tại", "của", "và", "với", "trong", "theo", "đối", "nhằm", "để", "đến", "giai",
                           "năm", "quý", "tháng", "sau", "trước", "thực", "triển", "sơ", "tổng", "khi"})
# A sentence of words (letters and digits, with the punctuation of a trích yếu) separated by single spaces: only
# such a line is rebroken; one with inline marks (`**` must open and close on one line), other spaces or symbols
# stays as typed.
_PLAIN_WORDS = re.compile(r"[^\W_]+[,;:.)”\"]*(?: [(“\"]?[^\W_][\w/.\ufdd1-]*[,;:.)”\"]*)+")
MIN_WORDS_PER_LINE = 3
_BREAK_PENALTY = 0.2  # an unbalanced line costs this share of the line width before a break inside a phrase does


def balanced_lines(text: str, component: Component, width_mm: float) -> list[str]:
    """A line too long for ``width_mm`` set as the fewest lines it needs, as even as can be and broken at phrase
    boundaries (after a comma, before `về`, `tại` …) — not a full line and a word or two left under it. A text with
    inline marks (`**`) is kept as typed: a mark must open and close on one line."""
    words = text.split(" ")
    if not _PLAIN_WORDS.fullmatch(text) or len(words) < 2 * MIN_WORDS_PER_LINE:
        return [text]
    count = len(metrics.wrap(text, component.co_chu, component.dam, width_mm))
    if count <= 1 or len(words) < MIN_WORDS_PER_LINE * count:
        return [text]

    def width(start: int, end: int) -> float:
        return metrics.text_width_mm(" ".join(words[start:end]), component.co_chu, component.dam)

    def gap_cost(end: int) -> float:  # breaking after words[end - 1]
        at_phrase = words[end - 1][-1] in ",;:" or words[end].casefold() in PHRASE_STARTS
        return 0.0 if at_phrase else (_BREAK_PENALTY * width_mm) ** 2

    target = metrics.text_width_mm(text, component.co_chu, component.dam) / count
    # best[k][i]: the cost of setting words[:i] as k lines, and where its last line starts.
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, 0)}] + [{} for _ in range(count)]
    for lines in range(1, count + 1):
        for end in range(lines, len(words) + 1):
            options = []
            for start, (cost, _) in best[lines - 1].items():
                if start >= end:
                    continue
                line = width(start, end)
                if line > width_mm:
                    continue
                options.append((cost + (line - target) ** 2 + (gap_cost(end) if end < len(words) else 0), start))
            if options:
                best[lines][end] = min(options)
    if len(words) not in best[count]:
        return [text]
    breaks, end = [], len(words)
    for lines in range(count, 0, -1):
        start = best[lines][end][1]
        breaks.append(" ".join(words[start:end]))
        end = start
    return breaks[::-1]


def _mark_under(mark: Mark, style: Style, text_lines: Sequence[str], component: Component,
                width_mm: float) -> Paragraph:
    """The asterisk or hyphens under a text, or a short centred rule a share of the text's width."""
    if mark.chu is not None:
        return _plain(style, mark.chu)
    # As long as a share (the profile's ti_le_gach) of the longest line as set: a long line wraps at the width.
    widest = metrics.widest_line_mm(list(text_lines), component.co_chu, component.dam, width_mm)
    rule = (mark.ti_le_gach or 0) * widest
    side = max(0.0, (width_mm - rule) / 2)
    return Paragraph(style, (), indent_mm=(side, side), rule_below=True)


class _BodyWriter:
    def __init__(self, scheme: NumberingScheme, book: Rulebook, width_mm: float, reviews: Sequence[Review]):
        self.scheme = scheme
        self.bullet = book.gach_dau_dong
        self.width_mm = width_mm
        self.reviews = reviews  # the earlier tasks, for the part that prints their table (`bang_theo_doi`)
        self.blocks: list[Block] = []

    def _runs(self, text: str, label: str = "") -> tuple[inline.Run, ...]:
        return ((inline.Run(label + " "),) if label else ()) + tuple(inline.parse(text))

    def add(self, style: Style, text: str, label: str = "") -> None:
        self.blocks.append(Paragraph(style, self._runs(text, label)))

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
            elif isinstance(node, TableBlock):
                self.blocks.append(self.table(node.bang))
            elif isinstance(node, NestedPart):
                count += 1
                self.part(node.part, prefix + [count])
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

    def part(self, part: Part, counters: list[int]) -> None:
        """A part, numbered by ``counters``: [n] at the top level, or its host's and its own number when it is
        nested as an item of another part (a part without a title takes no number at the top level)."""
        prefix = counters[:-1] + [counters[-1] if part.tieu_de else 0]
        if part.tieu_de:
            self.add(Style.HEADING, part.tieu_de, self.scheme.label(prefix))
        if part.bang_nhiem_vu:
            self._tasks_as_table(part, prefix)
        else:
            self.nodes(part.noi_dung, prefix)
        if part.bang_theo_doi and self.reviews:
            self.blocks.append(self._review_table(self.reviews))

    def _tasks_as_table(self, part: Part, prefix: list[int]) -> None:
        rows: list[tuple[Cell, ...]] = []
        count = 0
        for node in part.noi_dung:
            if isinstance(node, Item):
                count += 1
                rows.extend(self._task_rows(node, prefix + [count]))
            elif isinstance(node, NestedPart):  # numbered on from the tasks, printed as the part it is
                count += 1
                self._flush_tasks(rows)
                self.part(node.part, prefix + [count])
            else:  # the paragraphs around the tasks stay paragraphs: flush the table first
                self._flush_tasks(rows)
                self.nodes([node], prefix)
        self._flush_tasks(rows)

    def _task_rows(self, item: Item, counters: list[int]) -> Iterator[tuple[Cell, ...]]:
        content = " ".join(filter(None, [item.tieu_de, *item.noi_dung]))
        yield (Cell(_plain(Style.TABLE_CENTER, self.scheme.label(counters))),
               Cell(Paragraph(Style.TABLE, self._runs(content))),
               Cell(_plain(Style.TABLE, ", ".join(item.don_vi))),
               Cell(_plain(Style.TABLE_CENTER, vnformat.short_date(item.han) if item.han else "")))
        children = [node for node in item.muc if isinstance(node, Item)]
        for number, child in enumerate(children, start=1):
            yield from self._task_rows(child, counters + [number])

    def _flush_tasks(self, rows: list[tuple[Cell, ...]]) -> None:
        if not rows:
            return
        self.blocks.append(self._fixed_table(TASK_TABLE_COLUMNS, rows))
        rows.clear()

    def _fixed_table(self, columns: Sequence[tuple[str, float | None]], rows: list[tuple[Cell, ...]]) -> TableLayout:
        """A table whose columns have set widths (cm) but one, which takes the rest of the line."""
        fixed = sum(width * 10 for _, width in columns if width)
        widths = tuple(width * 10 if width else self.width_mm - fixed for _, width in columns)
        header = tuple(Cell(_plain(Style.TABLE_HEADER, name)) for name, _ in columns)
        return TableLayout(widths, header, tuple(rows))

    def _review_table(self, reviews: Sequence[Review]) -> TableLayout:
        """Last period's tasks and how each went: the table a results part ends with (`bang_theo_doi`)."""
        rows = []
        for number, review in enumerate(reviews, start=1):
            outcome = " — ".join(filter(None, [STATUS_WORDS.get(review.trang_thai, ""), review.ket_qua]))
            rows.append((Cell(_plain(Style.TABLE_CENTER, str(number))),
                         Cell(Paragraph(Style.TABLE, self._runs(review.nhiem_vu))),
                         Cell(_plain(Style.TABLE, ", ".join(review.don_vi))),
                         Cell(_plain(Style.TABLE_CENTER, vnformat.short_date(review.han) if review.han else "")),
                         Cell(Paragraph(Style.TABLE, self._runs(outcome)))))
        return self._fixed_table(REVIEW_TABLE_COLUMNS, rows)

    def table(self, table: Table) -> TableLayout:
        given = [c.rong_cm * 10 for c in table.cot if c.rong_cm]
        free = max(0.0, self.width_mm - sum(given))
        share = free / max(1, sum(1 for c in table.cot if not c.rong_cm))
        widths = tuple(c.rong_cm * 10 if c.rong_cm else share for c in table.cot)
        scale = min(1.0, self.width_mm / sum(widths))  # given widths too wide: shrink, never leave the margins
        header = tuple(Cell(Paragraph(Style.TABLE_HEADER, self._runs(c.ten))) for c in table.cot)
        rows = [tuple(self._cell(column.kieu, value) for column, value in zip(table.cot, row)) for row in table.dong]
        if table.tong:
            rows.append(self._totals(table))
        caption = (Paragraph(Style.TABLE_HEADER, self._runs(table.tieu_de), keep_with_next=True)
                   if table.tieu_de else None)
        return TableLayout(tuple(w * scale for w in widths), header, tuple(rows), caption)

    def _cell(self, kind: ColumnKind, value: str | None) -> Cell:
        if kind is ColumnKind.TEXT or value in (None, ""):
            return Cell(Paragraph(Style.TABLE, self._runs(value or "")))
        number = vnformat.parse_number(value)
        return Cell(_plain(Style.TABLE_NUMBER, vnformat.number_text(number, kind is ColumnKind.PERCENT)))

    def _totals(self, table: Table) -> tuple[Cell, ...]:
        # The label spans the leading text columns, so a narrow first column (TT) does not break it up.
        span = next((i for i, c in enumerate(table.cot) if c.kieu is not ColumnKind.TEXT), len(table.cot)) or 1
        cells = [Cell(Paragraph(Style.TABLE_HEADER, self._runs(table.tong or "")), span)]
        for index, column in enumerate(table.cot):
            if index < span:
                continue
            if column.kieu is ColumnKind.NUMBER:
                total = sum(vnformat.parse_number(row[index]) for row in table.dong if row[index] not in (None, ""))
                cells.append(Cell(_plain(Style.TABLE_NUMBER, vnformat.number_text(total))))
            else:  # a sum of percentages means nothing
                cells.append(Cell(_plain(Style.TABLE, "")))
        return tuple(cells)


def _paragraph_lines(text: str) -> Iterator[str]:
    """Each line of a text is its own Word paragraph: a soft break would stretch a justified line."""
    return (line.strip() for line in text.split("\n") if line.strip())


def body_width_mm(book: Rulebook) -> float:
    page = book.trang
    return page.rong_mm - page.le_trai_mm - page.le_phai_mm


def _writer(doc: Document, book: Rulebook) -> _BodyWriter:
    return _BodyWriter(numbering_scheme(doc, book), book, body_width_mm(book), doc.theo_doi)


def body_blocks(doc: Document, book: Rulebook) -> list[Block]:
    writer = _writer(doc, book)
    writer.texts(doc.noi_dung.mo_dau)
    part_number = 0
    for _, part in doc.noi_dung.parts():
        part_number += 1 if part.tieu_de else 0
        writer.part(part, [part_number])
    writer.texts(doc.noi_dung.ket_thuc)
    return _finish_body(writer.blocks, end_mark(doc, book))


def end_mark(doc: Document, book: Rulebook) -> str:
    """The mark the body ends with: the document's own (`dau_ket_thuc`, to reproduce a real notice), else the
    rulebook's (`ket_thuc_noi_dung`)."""
    return doc.dau_ket_thuc or book.ket_thuc_noi_dung


def _finish_body(blocks: list[Block], mark: str) -> list[Block]:
    """The body ends with the rulebook's mark (`./.`; a sentence's own full stop is its first dot) — after a
    closing table, on a line of its own — and its last paragraph is kept on the page of the signature."""
    if not blocks:
        return blocks
    if isinstance(blocks[-1], TableLayout):
        blocks = blocks + [_plain(Style.BODY, "")]
    last = blocks[-1]
    runs = list(last.runs)
    text = last.text.rstrip()
    if mark and not text.endswith(mark):
        if runs:
            runs[-1] = inline.Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)
        runs.append(inline.Run(mark[1:] if mark.startswith(".") and text.endswith(".") else mark))
    return blocks[:-1] + [Paragraph(last.style, tuple(runs), keep_with_next=True)]


@dataclass(frozen=True)
class AppendixLayout:
    so: str
    ten: str
    kem_theo: str
    noi_dung: list[Block] = field(default_factory=list)


def appendices(doc: Document, book: Rulebook) -> list[AppendixLayout]:
    if not doc.phu_luc:
        return []
    kind = book.loai_van_ban[doc.loai]
    symbol = re.sub(r"^Số:? ", "", number_line(doc, book))  # keep the văn thư's blank, if any
    pointer = book.phu_luc.mau_kem_theo.format(
        ten_loai=(kind.ten_loai or "công văn").capitalize(), so_ky_hieu=f"số {symbol}",
        ngay_thang_nam=vnformat.date_words(doc.ngay, doc.nam, blank=book.ngay_thang.cho_trong),
        co_quan=doc.co_quan.ten)
    laid_out = []
    for index, appendix in enumerate(doc.phu_luc, start=1):
        number = vnformat.roman(index) if book.phu_luc.danh_so == "I" else str(index)
        label = f"Phụ lục {number}" if len(doc.phu_luc) > 1 else "Phụ lục"  # a single one goes unnumbered
        writer = _writer(doc, book)
        writer.nodes(appendix.noi_dung, [0])
        laid_out.append(AppendixLayout(label, appendix.tieu_de.upper(), pointer, writer.blocks))
    return laid_out


def context(doc: Document, book: Rulebook) -> dict[str, Any]:
    """Everything a template may use. Texts the user typed are paragraphs of inline runs; the rest is plain text."""
    authority, title, name = signature_lines(doc, book)
    kind = book.loai_van_ban[doc.loai]
    issuer = doc.co_quan.ten.upper()
    left_mm = book.trang.cot_tieu_de_mm[0] - 2 * CELL_MARGIN_MM
    summary_style = Style.LETTER_SUMMARY if kind.cong_van else Style.SUMMARY
    summary_lines = list(doc.trich_yeu)
    prefix = book.tien_to_trich_yeu_cong_van
    if kind.cong_van and prefix and not summary_lines[0].casefold().startswith(prefix.strip().casefold()):
        summary_lines[0] = prefix + summary_lines[0]  # "V/v" is the tool's to add, once
    summary_component = book.thanh_phan["trich_yeu"]
    if not kind.cong_van:
        summary_lines = [part for line in summary_lines
                         for part in balanced_lines(line, summary_component, body_width_mm(book))]
    typist = book.nguoi_danh_may.format(ky_hieu=doc.nguoi_danh_may.ky_hieu, so_ban=doc.nguoi_danh_may.so_ban) \
        if doc.nguoi_danh_may else ""
    return {
        "co_quan_cap_tren": (doc.co_quan.cap_tren or "").upper(),
        "co_quan": issuer,
        "duoi_co_quan": _mark_under(book.duoi_co_quan, Style.BODY_MARK, [issuer], book.thanh_phan["co_quan"],
                                    left_mm),
        "so_ky_hieu": unbreakable_symbols(number_line(doc, book)),
        "dau_khan_mat": [mark.upper() for mark in (doc.do_mat, doc.do_khan) if mark],
        "dia_danh_ngay": date_line(doc, book),
        "du_thao": _boxed(Style.DRAFT_MARK, doc.du_thao or "", book.thanh_phan["dau_du_thao"], body_width_mm(book)),
        "pham_vi_luu_hanh": _boxed(Style.CIRCULATION, (doc.pham_vi_luu_hanh or "").upper(),
                                   book.thanh_phan["pham_vi_luu_hanh"], body_width_mm(book)),
        "ten_loai": (doc.ten_loai or kind.ten_loai or "").upper(),
        "trich_yeu": [Paragraph(summary_style, tuple(inline.parse(line))) for line in summary_lines],
        "duoi_trich_yeu": _mark_under(book.duoi_trich_yeu, Style.SEPARATOR, [inline.plain(t) for t in summary_lines],
                                      summary_component, body_width_mm(book)),
        "kinh_gui": addressee_lines(doc, book),
        "noi_dung": body_blocks(doc, book),
        "noi_nhan_nhan": book.noi_nhan.nhan,
        "noi_nhan": [unbreakable_symbols(line) for line in recipient_lines(doc, book)],
        "nguoi_danh_may": typist,
        "ky_quyen_han": authority,
        "ky_chuc_vu": title,
        "ky_ho_ten": name,
        "lien_he": list(doc.lien_he),
        "phu_luc": appendices(doc, book),
        "hoi_nghi": placeholders.meeting_values(doc),
    }


def document_data(doc: Document) -> dict[str, Any]:
    """The whole document as typed keys, for an office's own template (`van_ban.nguoi_ky.ho_ten` …): the built-in
    templates never read it, and on a long document it costs a tenth of the render."""
    return {"van_ban": doc.model_dump(mode="json")}
