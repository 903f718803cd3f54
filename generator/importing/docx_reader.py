"""Reading a Word file (DOCX) into blocks: paragraphs and tables in body order; runs' bold and italic as inline
markup; soft line breaks and tabs; text typed in a legacy font (`.VnTime` — TCVN3, `VNI-Times` — VNI) converted
to Unicode; the labels of Word's list numbering written back into the text."""

from __future__ import annotations

import re
import unicodedata
from typing import BinaryIO

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from generator.importing import joining, list_numbering, tabs
from generator.importing.blocks import Block, Grid, Line, Rule, is_rule
from generator.legacy_encoding import LegacyEncoding, to_unicode

_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"  # a copy of a drawing
_TEXT_BOX = qn("w:txbxContent")
_LAYOUT_WORDS = re.compile(r"Nơi nhận|ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA|"
                           r"^\s*Số:?\s*[0-9 ]*-", re.MULTILINE)


def read(stream: BinaryIO) -> list[Block]:
    document = docx.Document(stream)
    numbering = list_numbering.Numbering(document)
    blocks: list[Block] = []
    for child in _body_children(document.element.body):
        if child.tag == qn("w:p"):
            blocks.extend(_paragraph(Paragraph(child, document), numbering, None))
        elif child.tag == qn("w:tbl"):
            blocks.extend(_table(Table(child, document), numbering))
    return blocks


def _body_children(element):
    """Paragraphs and tables in order, looking inside content controls (`w:sdt`)."""
    for child in element.iterchildren():
        if child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_children(content)
        else:
            yield child


def _table(table: Table, numbering: list_numbering.Numbering) -> list[Block]:
    texts = [[_cell_text(cell) for cell in _unique_cells(row)] for row in table.rows]
    if not _LAYOUT_WORDS.search("\n".join(text for row in texts for text in row)):
        width = max(len(row) for row in texts)
        return [Grid([row + [""] * (width - len(row)) for row in texts])]
    # A layout table (header; recipients | signature): read column by column, as a person does.
    blocks: list[Block] = []
    seen: set = set()  # the cell elements themselves: kept alive, so never mistaken for another
    for column in range(len(table.columns)):
        for row in table.rows:
            cells = row.cells
            if column >= len(cells) or cells[column]._tc in seen:
                continue
            seen.add(cells[column]._tc)
            for paragraph in _cell_paragraphs(cells[column]):
                blocks.extend(_paragraph(paragraph, numbering, column))
    return blocks


def _unique_cells(row):
    seen: set = set()
    for cell in row.cells:
        if cell._tc not in seen:
            seen.add(cell._tc)
            yield cell


def _cell_text(cell) -> str:
    texts = []
    for paragraph in _cell_paragraphs(cell):
        texts += [_markup(box_paragraph)[0] for box in _text_boxes(paragraph._p)
                  for box_paragraph in (Paragraph(e, cell) for e in box.iter(qn("w:p")))]
        texts.append(_markup(paragraph)[0])
    return " ".join(" ".join(text.split()) for text in texts if text.strip())


def _paragraph(paragraph: Paragraph, numbering: list_numbering.Numbering, column: int | None) -> list[Block]:
    boxes = _text_boxes(paragraph._p)
    lines: list[Block] = []
    for index, box in enumerate(boxes):  # a header drawn in text boxes: one column per box
        for element in box.iter(qn("w:p")):
            lines.extend(_paragraph(Paragraph(element, paragraph._parent), numbering,
                                    index if len(boxes) > 1 else column))
    return lines + _own_paragraph(paragraph, numbering, column)


def _text_boxes(element) -> list:
    """The text boxes anchored in a paragraph (not their fallback copies, not boxes inside boxes)."""
    return [box for box in element.iter(_TEXT_BOX) if not _hidden_in(box, element, (_FALLBACK, _TEXT_BOX))]


def _hidden_in(node, top, tags: tuple[str, ...]) -> bool:
    """Whether an element between ``node`` and ``top`` has one of ``tags``."""
    for ancestor in node.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag in tags:
            return True
    return False


def _cell_paragraphs(cell):
    """A cell's paragraphs in order, those of tables nested in it too; text boxes are read with their anchor."""
    return [Paragraph(element, cell) for element in cell._tc.iter(qn("w:p"))
            if not _hidden_in(element, cell._tc, (_TEXT_BOX, _FALLBACK))]


def _own_paragraph(paragraph: Paragraph, numbering: list_numbering.Numbering, column: int | None) -> list[Block]:
    text, whole_bold = _markup(paragraph)
    if not text.strip():
        return [Rule()] if _has_bottom_border(paragraph) else []
    label = numbering.label(paragraph)
    if label:
        text = f"{label} {text.lstrip()}"
    lines: list[Block] = []
    for piece_text in text.split("\n"):
        pieces = tabs.pieces(piece_text)
        for index, piece in enumerate(pieces):
            if is_rule(piece):
                lines.append(Rule())
                continue
            where = column if len(pieces) == 1 or column is not None else index
            joining.append(lines, Line(piece, bold=whole_bold, column=where))
    return lines


def _has_bottom_border(paragraph: Paragraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def _markup(paragraph: Paragraph) -> tuple[str, bool]:
    """The paragraph's text with inline markup for runs in bold or italic, and whether all of it is bold."""
    style_bold = _style_bold(paragraph)
    segments: list[tuple[str, bool, bool]] = []
    for run in paragraph._p.iter(qn("w:r")):
        if _hidden_in(run, paragraph._p, (qn("w:del"), _TEXT_BOX, _FALLBACK)):
            continue
        text = _run_text(run)
        if text:
            segments.append((text, _flag(run, "w:b"), _flag(run, "w:i")))
    visible = [s for s in segments if s[0].strip()]
    whole_bold = bool(visible) and (style_bold or all(bold for _, bold, _ in visible))
    italic_all = bool(visible) and all(italic for _, _, italic in visible)
    out = []
    for text, bold, italic in _merged(segments):
        stars = "*" * ((0 if whole_bold or not bold else 2) + (1 if italic and not italic_all else 0))
        escaped = text.replace("*", "\\*")
        if stars and escaped.strip():
            lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", escaped, re.DOTALL).groups()
            out.append(f"{lead}{stars}{core}{stars}{trail}")
        else:
            out.append(escaped)
    return unicodedata.normalize("NFC", "".join(out)), whole_bold


def _merged(segments: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    merged: list[tuple[str, bool, bool]] = []
    for text, bold, italic in segments:
        if merged and merged[-1][1:] == (bold, italic):
            merged[-1] = (merged[-1][0] + text, bold, italic)
        else:
            merged.append((text, bold, italic))
    return merged


def _run_text(run) -> str:
    parts = []
    for child in run.iterchildren():
        if child.tag == qn("w:t"):
            parts.append(child.text or "")
        elif child.tag == qn("w:tab"):
            parts.append("\t")
        elif child.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
        elif child.tag == qn("w:noBreakHyphen"):
            parts.append("-")
    text = "".join(parts).replace("\u2011", "-")  # a non-breaking hyphen reads as a hyphen
    encoding, capitals = _legacy_font(run)
    if encoding is not None:
        text = to_unicode(text, encoding)
        text = text.upper() if capitals else text
    return text


def _legacy_font(run) -> tuple[LegacyEncoding | None, bool]:
    """The legacy encoding of the run's font, and whether it is a capitals-only font such as `.VnTimeH`."""
    fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is None:
        return None, False
    name = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or ""
    if name.startswith(".Vn"):
        return LegacyEncoding.TCVN3, name.endswith("H")
    if name.upper().startswith("VNI"):
        return LegacyEncoding.VNI, False
    return None, False


def _flag(run, tag: str) -> bool:
    element = run.find(f"{qn('w:rPr')}/{qn(tag)}")
    return element is not None and element.get(qn("w:val"), "true") not in ("0", "false", "off")


def _style_bold(paragraph: Paragraph) -> bool:
    style = paragraph.style
    while style is not None:
        if style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False
