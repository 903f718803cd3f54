"""Builds the Word templates in ``templates/`` from the rulebook profiles, reproducibly.

Each result is an ordinary DOCX with named styles (see ``styles.Style``) and docxtpl/Jinja tags, so an office
can open its copy in Word and restyle it. Run ``python -m generator.template_builder`` (``make templates``)
after changing a profile; a test checks the committed templates are what this builds.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table

from generator import metrics, resources, rulebook
from generator.layout import CELL_MARGIN_MM
from generator.rulebook import Component, Rulebook
from generator.styles import Align, ParagraphStyle, Style

TEMPLATE_DIR = resources.shipped("templates")
PAGE_NUMBER_STYLE = ParagraphStyle("VBSoTrang", "VB Số trang", "", Align.CENTER)
_ALIGN = {Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
          Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT, Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY}
_RULE_SLACK_MM = 1.5   # the rule may run this much past each end of a title, so the title never wraps
_FIXED_TIMESTAMP = (2024, 1, 1, 0, 0, 0)


def template_path(book_code: str, kind: str, root: Path = TEMPLATE_DIR) -> Path:
    return root / book_code / f"{kind}.docx"


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
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, book.phong_chu)
    for size_tag in ("w:sz", "w:szCs"):
        size = rpr.find(qn(size_tag))
        if size is None:
            size = OxmlElement(size_tag)
            rpr.append(size)
        size.set(qn("w:val"), str(int(book.thanh_phan["noi_dung"].co_chu * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    for style_rpr in styles.iter(qn("w:rPr")):
        if style_rpr.find(qn("w:rFonts")) is not None:
            _set_fonts(style_rpr, book.phong_chu)


def _border(p_pr, edge: str, *, all_sides: bool = False) -> None:
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right") if all_sides else (edge,):
        line = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)
    p_pr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")


def _add_style(document: WordDocument, spec: ParagraphStyle, component: Component | None, book: Rulebook):
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), spec.style_id)
    style.quick_style = True
    fmt = style.paragraph_format
    if spec.based_on:
        # A variant: only what differs is set, so restyling the base in Word restyles the variant too.
        style.base_style = document.styles[spec.based_on]
        base = next(s.value for s in Style if s.value.name == spec.based_on)
        if spec.align is not base.align:
            fmt.alignment = _ALIGN[spec.align]
        fmt.keep_with_next = spec.keep_with_next or None
        if spec.bold is not None:
            style.font.bold = spec.bold
        if spec.contextual_spacing:
            _contextual_spacing(style)
        if spec is Style.ADDRESSEE_LINE.value:  # "- …" lines start under the colon of "Kính gửi:"
            label_mm = metrics.text_width_mm(book.kinh_gui + " ", component.co_chu, component.dam)
            fmt.left_indent = Cm(base.left_indent_cm) + Mm(label_mm)
        return style
    style.base_style = document.styles["Normal"]
    font = style.font
    font.name = book.phong_chu
    _set_fonts(style.element.get_or_add_rPr(), book.phong_chu)
    fmt.alignment = _ALIGN[spec.align]
    fmt.space_before = Pt(component.cach_truoc if component else 0)
    fmt.space_after = Pt(component.cach_sau if component else 0)
    fmt.page_break_before = spec.page_break_before or None
    fmt.keep_with_next = spec.keep_with_next or None
    # Widow and orphan control: never one line of a paragraph alone at the foot or the head of a page (Word applies
    # none unless a style asks) — with the last paragraph kept with the signature, at least its last two lines
    # stand above the signature table.
    fmt.widow_control = True
    if spec.contextual_spacing:
        _contextual_spacing(style)
    if spec.left_indent_cm:
        fmt.left_indent = Cm(spec.left_indent_cm)
    if spec.framed or spec.rule_above:
        _border(style.element.get_or_add_pPr(), "top", all_sides=spec.framed)
    if component is None:
        font.size = Pt(book.trang.so_trang_co_chu)
        return style
    font.size = Pt(component.co_chu)
    if spec.hanging_dash:
        dash_mm = metrics.text_width_mm("- ", component.co_chu, component.dam)
        fmt.left_indent, fmt.first_line_indent = Mm(dash_mm), -Mm(dash_mm)
    font.bold = component.dam
    font.italic = component.nghieng
    font.underline = component.gach_chan
    if component.thut_dau_dong_cm:
        fmt.first_line_indent = Cm(component.thut_dau_dong_cm)
    if component.dan_dong_pt:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(component.dan_dong_pt)
    return style


def _contextual_spacing(style) -> None:
    style.element.get_or_add_pPr().insert_element_before(
        OxmlElement("w:contextualSpacing"), "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
        "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange")


def _styles(document: WordDocument, book: Rulebook) -> None:
    normal = document.styles["Normal"]
    normal.font.name = book.phong_chu
    normal.font.size = Pt(book.thanh_phan["noi_dung"].co_chu)
    normal.paragraph_format.space_after = Pt(0)
    for style in Style:
        component = book.thanh_phan.get(style.value.component)
        if component is not None:  # a header line the rulebook does not have (Tiêu ngữ for the Party)
            _add_style(document, style.value, component, book)
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
    # No number on page 1: a different first-page header (empty) and footer (the contact lines, if any).
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].style = document.styles[PAGE_NUMBER_STYLE.name]
    paragraph = section.header.paragraphs[0]
    paragraph.style = document.styles[PAGE_NUMBER_STYLE.name]
    _page_field(paragraph)
    footer = section.first_page_footer
    first = footer.paragraphs[0]
    for index, text in enumerate(("{%p for dong in lien_he %}", "{{ dong }}", "{%p endfor %}")):
        paragraph = first if index == 0 else footer.add_paragraph()
        paragraph.style = document.styles[Style.CONTACT.value.name]
        paragraph.add_run(text)


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


Line = tuple[str, Style]


def _fill(container, document: WordDocument, lines: list[Line], reuse_first: bool = True) -> list:
    """One paragraph per (text, style); a cell's first (empty) paragraph is reused."""
    paragraphs = []
    for index, (text, style) in enumerate(lines):
        paragraph = (container.paragraphs[0] if index == 0 and reuse_first else container.add_paragraph())
        paragraph.style = document.styles[style.value.name]
        paragraph.add_run(text)
        paragraphs.append(paragraph)
    return paragraphs


def _loop(variable: str, items: str, style: Style, tag: str = "{{p %s }}") -> list[Line]:
    return [(f"{{%p for {variable} in {items} %}}", style), (tag % variable, style), ("{%p endfor %}", style)]


def _optional(variable: str, style: Style, tag: str = "{{ %s }}") -> list[Line]:
    return [(f"{{%p if {variable} %}}", style), (tag % variable, style), ("{%p endif %}", style)]


def _rule_below(paragraph, indent_mm: float) -> None:
    """A solid line under the paragraph, as long as the text: a bottom border between equal indents."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(indent_mm)
    _border(paragraph._p.get_or_add_pPr(), "bottom")


def _top_line(document: WordDocument, book: Rulebook) -> None:
    lines = _optional("pham_vi_luu_hanh", Style.CIRCULATION, "{{p %s }}")
    if book.co_du_thao:
        lines += _optional("du_thao", Style.DRAFT_MARK, "{{p %s }}")
    _fill(document, document, lines, reuse_first=False)


def _header(document: WordDocument, book: Rulebook, letter: bool) -> None:
    left_mm, right_mm = book.trang.cot_tieu_de_mm
    table = _borderless_table(document, 2, (left_mm, right_mm))
    _fill(table.cell(0, 0), document,
          _optional("co_quan_cap_tren", Style.SUPERIOR_BODY)
          + [("{{ co_quan }}", Style.ISSUING_BODY), ("{{p duoi_co_quan }}", Style.BODY_MARK)])
    below_number = _loop("dong", "trich_yeu", Style.LETTER_SUMMARY) if letter else []
    _fill(table.cell(1, 0), document, [("{{ so_ky_hieu }}", Style.NUMBER)] + below_number
          + _loop("dau", "dau_khan_mat", Style.URGENCY, "{{ %s }}"))
    titles = _fill(table.cell(0, 1), document,
                   [(line.chu, _header_style(index)) for index, line in enumerate(book.tieu_de)])
    for line, paragraph in zip(book.tieu_de, titles):
        if line.gach_duoi:  # the rule is as long as this line's text
            component = book.thanh_phan[line.thanh_phan]
            text_mm = metrics.text_width_mm(line.chu, component.co_chu, component.dam)
            _rule_below(paragraph, max(0.0, (right_mm - 2 * CELL_MARGIN_MM - text_mm) / 2 - _RULE_SLACK_MM))
    _fill(table.cell(1, 1), document, [("{{ dia_danh_ngay }}", Style.PLACE_DATE)])


def _header_style(index: int) -> Style:
    return (Style.HEADER_1, Style.HEADER_2)[index]


def _body(document: WordDocument, letter: bool) -> None:
    lines: list[Line] = []
    if not letter:
        lines += [("{{ ten_loai }}", Style.KIND_NAME)] + _loop("dong", "trich_yeu", Style.SUMMARY)
        lines += [("{{p duoi_trich_yeu }}", Style.SEPARATOR)]
    lines += _loop("dong", "kinh_gui", Style.ADDRESSEE) + _loop("doan", "noi_dung", Style.BODY)
    _fill(document, document, lines, reuse_first=False)


def _closing(document: WordDocument, book: Rulebook) -> None:
    table = _borderless_table(document, 1, book.trang.cot_ky_mm)
    margins = OxmlElement("w:tblCellMar")  # a little air between the body and the closing block
    top = OxmlElement("w:top")
    top.set(qn("w:w"), "240")
    top.set(qn("w:type"), "dxa")
    margins.append(top)
    table._tbl.tblPr.append(margins)
    # Recipients and signature move to the next page together rather than split around a page break.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _fill(table.cell(0, 0), document,
          [("{{ noi_nhan_nhan }}", Style.RECIPIENTS_LABEL)] + _loop("dong", "noi_nhan", Style.RECIPIENT, "{{ %s }}")
          + _optional("nguoi_danh_may", Style.TYPIST))
    _fill(table.cell(0, 1), document,
          _optional("ky_quyen_han", Style.AUTHORITY)
          + [("{{ ky_chuc_vu }}", Style.SIGNER_TITLE), ("{{ ky_ho_ten }}", Style.SIGNER_NAME)])


def _appendices(document: WordDocument) -> None:
    _fill(document, document, [
        ("{%p for pl in phu_luc %}", Style.APPENDIX_TITLE),
        ("{{ pl.so }}", Style.APPENDIX_NUMBER),
        ("{{ pl.ten }}", Style.APPENDIX_TITLE),
        ("{{ pl.kem_theo }}", Style.APPENDIX_POINTER),
        *_loop("doan", "pl.noi_dung", Style.BODY),
        ("{%p endfor %}", Style.APPENDIX_TITLE),
    ], reuse_first=False)
    document.add_paragraph(style=document.styles["Normal"])  # Word wants a paragraph after the last table


# --- slimming -----------------------------------------------------------------------------------------------

# Word 2010's second copy of every style ("with effects"): Word makes it again from styles.xml when it saves.
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_STYLE_REFERENCES = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyleLink", "w:styleLink")
_STYLE_LINKS = ("w:basedOn", "w:next", "w:link")


def _slim(document: WordDocument) -> None:
    """Only what a document made from the template uses. python-docx's default template brings hundreds of table and
    latent styles, their copy in stylesWithEffects.xml and a thumbnail — nearly all of the file, which every render
    would unpack, parse and pack again. Word re-creates a built-in style the moment someone applies it."""
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            del part.rels[rel_id]  # unreachable, so neither saved nor given a content type
    for rel_id, rel in list(part.package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del part.package.rels[rel_id]
    styles = document.styles.element
    kept = _used_styles(document)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in kept:
            styles.remove(style)
    names = {style.find(qn("w:name")).get(qn("w:val")) for style in styles.findall(qn("w:style"))}
    latent = styles.find(qn("w:latentStyles"))
    for exception in latent.findall(qn("w:lsdException")):
        if exception.get(qn("w:name")) not in names:
            latent.remove(exception)


def _used_styles(document: WordDocument) -> set[str]:
    """The ids of the styles a document may use: ours (the layout names them in the paragraphs it adds), those the
    template's parts name (numbering's list styles too), Word's defaults, and the styles these are based on, followed
    by or linked to."""
    styles = document.styles.element
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    wanted = [spec.style_id for spec in (*(style.value for style in Style), PAGE_NUMBER_STYLE)]
    wanted += [style_id for style_id, style in by_id.items() if style.get(qn("w:default")) == "1"]
    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart) and part.element is not styles:
            wanted += [use.get(qn("w:val")) for tag in _STYLE_REFERENCES for use in part.element.iter(qn(tag))]
    kept: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in by_id and style_id not in kept:
            kept.add(style_id)
            wanted += [link.get(qn("w:val")) for tag in _STYLE_LINKS for link in by_id[style_id].findall(qn(tag))]
    return kept


def build(book: Rulebook, kind: str) -> bytes:
    """The template for ``kind`` under ``book``, as DOCX bytes identical from one build to the next."""
    if kind not in book.loai_van_ban:
        raise ValueError(f"{book.ma} has no kind {kind}")
    letter = book.loai_van_ban[kind].cong_van
    document = new_document()
    _styles(document, book)
    _page(document, book)
    _top_line(document, book)
    _header(document, book, letter)
    _body(document, letter)
    _closing(document, book)
    _appendices(document)
    properties = document.core_properties
    properties.title = f"{book.loai_van_ban[kind].ten_loai or 'Công văn'} — {book.ten}"
    properties.author = properties.last_modified_by = "vanban"
    properties.comments = "Mẫu do vanban tạo (python -m generator.template_builder); có thể sửa kiểu chữ trong Word."
    properties.revision = 1
    properties.created = properties.modified = dt.datetime(*_FIXED_TIMESTAMP)
    _slim(document)
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
