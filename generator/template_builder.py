"""Builds the Word templates in ``templates/`` from a rulebook profile, reproducibly.

The result is an ordinary DOCX with named styles (see ``styles.Style``) and docxtpl/Jinja tags, so an office
can open its copy in Word and restyle it. Run ``python -m generator.template_builder`` (``make templates``)
after changing a profile; a test checks the committed templates are what this builds.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
import unicodedata
import zipfile
from pathlib import Path

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell

from generator import rulebook
from generator.rulebook import Component, Rulebook
from generator.styles import Align, ParagraphStyle, Style

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
PAGE_NUMBER_STYLE = ParagraphStyle("VBSoTrang", "VB Số trang", "", Align.CENTER)
_ALIGN = {Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
          Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY}
# Times New Roman is metric-compatible with Liberation Serif (2.x has every Vietnamese letter), so its advance
# widths measure the title rule.
_MEASURING_FONT = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf")
_CELL_MARGIN_MM = 1.9  # Word's default left and right cell margins (0.19 cm)
_RULE_SLACK_MM = 1.5   # the rule may run this much past each end of the title, so the title never wraps
_FIXED_TIMESTAMP = (2024, 1, 1, 0, 0, 0)

HEADER_LEFT_MM, HEADER_RIGHT_MM = 70.0, 95.0
CLOSING_LEFT_MM, CLOSING_RIGHT_MM = 75.0, 90.0


def template_path(book_code: str, kind: str, root: Path = TEMPLATE_DIR) -> Path:
    return root / book_code / f"{kind}.docx"


def text_width_mm(text: str, size_pt: float) -> float:
    """Width of ``text`` set in Times New Roman bold at ``size_pt`` (via the metric-compatible Liberation Serif)."""
    from fontTools.ttLib import TTFont  # build-time only dependency

    font = TTFont(_MEASURING_FONT)
    cmap, metrics, units = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    total = 0
    for char in text:
        glyph = cmap.get(ord(char)) or cmap[ord(unicodedata.normalize("NFD", char)[0])]
        total += metrics[glyph][0]
    return total / units * size_pt * 25.4 / 72


# --- styles -------------------------------------------------------------------------------------------------

def _set_fonts(rpr, font: str) -> None:
    """Name the font in every slot and drop theme fonts: Word must never fall back to a theme font."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme"):
            del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), font)


def _explicit_fonts(document: WordDocument, book: Rulebook) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, book.phong_chu)
    for size_tag in ("w:sz", "w:szCs"):
        size = rpr.find(qn(size_tag))
        if size is None:
            size = OxmlElement(size_tag)
            rpr.append(size)
        size.set(qn("w:val"), str(int(book.thanh_phan.noi_dung.co_chu * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    for style_rpr in styles.iter(qn("w:rPr")):
        if style_rpr.find(qn("w:rFonts")) is not None:
            _set_fonts(style_rpr, book.phong_chu)


def _add_style(document: WordDocument, spec: ParagraphStyle, component: Component | None, book: Rulebook):
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), spec.style_id)
    style.quick_style = True
    if spec.based_on:
        style.base_style = document.styles[spec.based_on]
        style.paragraph_format.keep_with_next = spec.keep_with_next or None
        return style
    style.base_style = document.styles["Normal"]
    font = style.font
    font.name = book.phong_chu
    _set_fonts(style.element.get_or_add_rPr(), book.phong_chu)
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[spec.align]
    fmt.space_before = Pt(component.cach_truoc if component else 0)
    fmt.space_after = Pt(component.cach_sau if component else 0)
    if component is None:
        font.size = Pt(book.trang.so_trang_co_chu)
        return style
    font.size = Pt(component.co_chu)
    font.bold = component.dam
    font.italic = component.nghieng
    font.underline = component.gach_chan
    fmt.first_line_indent = Cm(component.thut_dau_dong_cm) if component.thut_dau_dong_cm else None
    if component.dan_dong_pt:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(component.dan_dong_pt)
    return style


def _styles(document: WordDocument, book: Rulebook) -> None:
    normal = document.styles["Normal"]
    normal.font.name = book.phong_chu
    normal.font.size = Pt(book.thanh_phan.noi_dung.co_chu)
    normal.paragraph_format.space_after = Pt(0)
    for style in Style:
        _add_style(document, style.value, getattr(book.thanh_phan, style.value.component), book)
    _add_style(document, PAGE_NUMBER_STYLE, None, book)
    _explicit_fonts(document, book)


# --- page ---------------------------------------------------------------------------------------------------

def _page(document: WordDocument, book: Rulebook) -> None:
    page = book.trang
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page.rong_mm), Mm(page.cao_mm)
    section.top_margin, section.bottom_margin = Mm(page.le_tren_mm), Mm(page.le_duoi_mm)
    section.left_margin, section.right_margin = Mm(page.le_trai_mm), Mm(page.le_phai_mm)
    section.header_distance = Mm(page.so_trang_cach_mep_mm)
    section.footer_distance = Mm(page.so_trang_cach_mep_mm)
    # No number on page 1: a different (empty) first-page header; PAGE field from page 2 on.
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].style = document.styles[PAGE_NUMBER_STYLE.name]
    paragraph = section.header.paragraphs[0]
    paragraph.style = document.styles[PAGE_NUMBER_STYLE.name]
    _page_field(paragraph)


def _page_field(paragraph) -> None:
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text.strip() == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text


# --- tables -------------------------------------------------------------------------------------------------

def _borderless_table(document: WordDocument, rows: int, widths_mm: tuple[float, ...]) -> Table:
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(int(Mm(w).twips) for w in widths_mm)))
    width.set(qn("w:type"), "dxa")
    tbl_pr.append(width)
    for column, width_mm in zip(table.columns, widths_mm):
        column.width = Mm(width_mm)
        for cell in column.cells:
            cell.width = Mm(width_mm)
    return table


def _cell_paragraphs(cell: _Cell, document: WordDocument, lines: list[tuple[str, ParagraphStyle]]):
    """Fill a cell with one paragraph per (text, style); the cell's first paragraph is reused."""
    paragraphs = []
    for index, (text, spec) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.style = document.styles[spec.name]
        paragraph.add_run(text)
        paragraphs.append(paragraph)
    return paragraphs


def _rule_below(paragraph, indent_mm: float) -> None:
    """A solid line under the paragraph, as long as the text: a bottom border between equal indents."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(indent_mm)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")


def _top_padding(table: Table, points: float) -> None:
    margins = OxmlElement("w:tblCellMar")
    top = OxmlElement("w:top")
    top.set(qn("w:w"), str(int(points * 20)))
    top.set(qn("w:type"), "dxa")
    margins.append(top)
    table._tbl.tblPr.append(margins)


def _header(document: WordDocument, book: Rulebook) -> None:
    table = _borderless_table(document, 2, (HEADER_LEFT_MM, HEADER_RIGHT_MM))
    _cell_paragraphs(table.cell(0, 0), document, [
        ("{%p if co_quan_cap_tren %}", Style.SUPERIOR_BODY.value),
        ("{{ co_quan_cap_tren }}", Style.SUPERIOR_BODY.value),
        ("{%p endif %}", Style.SUPERIOR_BODY.value),
        ("{{ co_quan }}", Style.ISSUING_BODY.value),
        ("{{ dau_sao }}", Style.BODY_MARK.value),
    ])
    _cell_paragraphs(table.cell(1, 0), document, [("{{ so_ky_hieu }}", Style.NUMBER.value)])
    title, = _cell_paragraphs(table.cell(0, 1), document, [("{{ tieu_de }}", Style.PARTY_TITLE.value)])
    if book.gach_duoi_tieu_de == "bang_chu":
        text_mm = text_width_mm(book.tieu_de, book.thanh_phan.tieu_de.co_chu)
        _rule_below(title, max(0.0, (HEADER_RIGHT_MM - 2 * _CELL_MARGIN_MM - text_mm) / 2 - _RULE_SLACK_MM))
    _cell_paragraphs(table.cell(1, 1), document, [("{{ dia_danh_ngay }}", Style.PLACE_DATE.value)])


def _body(document: WordDocument) -> None:
    for text, spec in (
        ("{{ ten_loai }}", Style.KIND_NAME.value),
        ("{%p for dong in trich_yeu %}", Style.SUMMARY.value),
        ("{{p dong }}", Style.SUMMARY.value),
        ("{%p endfor %}", Style.SUMMARY.value),
        ("{{ phan_cach }}", Style.SEPARATOR.value),
        ("{%p for doan in noi_dung %}", Style.BODY.value),
        ("{{p doan }}", Style.BODY.value),
        ("{%p endfor %}", Style.BODY.value),
    ):
        document.add_paragraph(text, style=document.styles[spec.name])


def _closing(document: WordDocument) -> None:
    table = _borderless_table(document, 1, (CLOSING_LEFT_MM, CLOSING_RIGHT_MM))
    _top_padding(table, 12)
    # Recipients and signature move to the next page together rather than split around a page break.
    row_properties = table.rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:cantSplit"))
    _cell_paragraphs(table.cell(0, 0), document, [
        ("{{ noi_nhan_nhan }}", Style.RECIPIENTS_LABEL.value),
        ("{%p for dong in noi_nhan %}", Style.RECIPIENT.value),
        ("{{ dong }}", Style.RECIPIENT.value),
        ("{%p endfor %}", Style.RECIPIENT.value),
    ])
    _cell_paragraphs(table.cell(0, 1), document, [
        ("{%p if ky_quyen_han %}", Style.AUTHORITY.value),
        ("{{ ky_quyen_han }}", Style.AUTHORITY.value),
        ("{%p endif %}", Style.AUTHORITY.value),
        ("{{ ky_chuc_vu }}", Style.SIGNER_TITLE.value),
        ("{{ ky_ho_ten }}", Style.SIGNER_NAME.value),
    ])
    document.add_paragraph(style=document.styles["Normal"])  # Word wants a paragraph after a closing table


def build(book: Rulebook, kind: str) -> bytes:
    """The template for ``kind`` under ``book``, as DOCX bytes identical from one build to the next."""
    if kind not in book.loai_van_ban:
        raise ValueError(f"{book.ma} has no kind {kind}")
    document = new_document()
    _styles(document, book)
    _page(document, book)
    _header(document, book)
    _body(document)
    _closing(document)
    properties = document.core_properties
    properties.title = f"{book.loai_van_ban[kind].ten_loai} — {book.ten}"
    properties.author = properties.last_modified_by = "vanban"
    properties.comments = "Mẫu do vanban tạo (python -m generator.template_builder); có thể sửa kiểu chữ trong Word."
    properties.revision = 1
    properties.created = properties.modified = dt.datetime(*_FIXED_TIMESTAMP)
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalise_zip(buffer.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Same entries, fixed timestamps: two builds of one profile give byte-identical files."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = copy.copy(info)
            entry.date_time = _FIXED_TIMESTAMP
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def build_all(root: Path = TEMPLATE_DIR) -> list[Path]:
    written = []
    for code in rulebook.available():
        book = rulebook.load(code)
        for kind in book.loai_van_ban:
            path = template_path(code, kind, root)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(build(book, kind))
            written.append(path)
    return written


if __name__ == "__main__":
    for written_path in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_DIR):
        print(written_path)
