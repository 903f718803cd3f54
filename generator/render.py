"""Stage 5: render a layout context into a Word template with docxtpl, inside a bounded Jinja sandbox
(``rendering.sandbox``). Templates may come from another office, so they get no Python, and one that is not ours runs
checked (``rendering.package``) in a child process with a time and a memory limit (``rendering.cage``). The OOXML that
comes out is checked too (``safe_write`` then writes it)."""

from __future__ import annotations

import functools
import html
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from docx.opc.part import XmlPart
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import Markup  # finished XML: autoescape leaves it alone, docxtpl inserts it as is

from generator import template_builder, vnformat
from generator.layout import NON_BREAKING_HYPHEN, AppendixLayout, Paragraph, TableLayout
from generator.rendering import TemplateError, cage, explain, package, shown  # TemplateError: pipeline's VB020
from generator.rendering.sandbox import Sandbox

FILTERS: dict[str, Callable[..., str]] = {
    "ngay_thang_nam": vnformat.date_words,   # {{ ngay | ngay_thang_nam }} → ngày 05 tháng 3 năm 2024
    "ngay_ngan": vnformat.short_date,        # → 05/3/2024
    "la_ma": vnformat.roman,                 # {{ 4 | la_ma }} → IV
    "chu_cai": vnformat.letter,              # {{ 5 | chu_cai }} → đ
    "quy": vnformat.quarter,                 # {{ 1 | quy(2021) }} → quý I/2021
    "so": vnformat.number,                   # {{ 2668 | so }} → 2.668
}

_LEFTOVER_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A part's whole text, joined by libxml2 (python-docx's element classes make `itertext` go through Python per run).
_ALL_TEXT = etree.XPath("string(.)")
_XML_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


# Template parts prepared once per process (docxtpl's clean-up, Jinja's compiling): an office renders the same
# template again and again. This many are the parts of a handful of templates; past it, those used longest ago go.
_KEPT_PARTS = 64


class _CompiledOnce(Sandbox):
    """The sandbox, compiling each template part once per process: compiling document.xml costs as much as filling
    it. The sandbox keeps no state between renders."""

    def __init__(self) -> None:
        super().__init__(FILTERS)
        self._compiled = functools.lru_cache(maxsize=_KEPT_PARTS)(super().from_string)

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 — Jinja's own parameter name
        if globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        return self._compiled(source)


@functools.cache
def environment() -> Sandbox:
    return _CompiledOnce()


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


# Word's own non-breaking hyphen, for the layout's mark: it prints and copies as `-`.
_WORD_NON_BREAKING_HYPHEN = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'


def _text_xml(text: str) -> str:
    """Text for inside a `<w:t>`: XML-escaped; braces as character references (docxtpl rewrites `{_{`, `}_}`,
    `{_%` … in the output after rendering, so a brace typed by the user must not reach it as a brace); the
    layout's non-breaking hyphens as Word's."""
    escaped = html.escape(text, quote=False).replace("{", "&#123;").replace("}", "&#125;")
    return escaped.replace(NON_BREAKING_HYPHEN, _WORD_NON_BREAKING_HYPHEN)


def _runs_xml(runs) -> str:
    out = []
    for run in runs:
        properties = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "")
        out.append("<w:r>" + (f"<w:rPr>{properties}</w:rPr>" if properties else "")
                   + f'<w:t xml:space="preserve">{_text_xml(run.text)}</w:t></w:r>')
    return "".join(out)


def paragraph_xml(paragraph: Paragraph) -> str:
    """A real Word paragraph in its named style; runs carry only bold/italic, the rest comes from the style."""
    properties = f'<w:pStyle w:val="{paragraph.style.value.style_id}"/>'
    if paragraph.keep_with_next:
        properties += "<w:keepNext/>"
    if paragraph.rule_below:
        properties += '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
    if paragraph.indent_mm is not None:
        left, right = (_twips(mm) for mm in paragraph.indent_mm)
        properties += f'<w:ind w:left="{left}" w:right="{right}"/>'

    return f"<w:p><w:pPr>{properties}</w:pPr>{_runs_xml(paragraph.runs)}</w:p>"


_GRID_BORDERS = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))


def table_xml(table: TableLayout) -> str:
    """A ruled table inside the margins; its header row repeats at the top of every page it runs onto."""
    widths = [_twips(w) for w in table.widths_mm]

    def row(cells, header: bool) -> str:
        properties = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
        body, column = [], 0
        for cell in cells:
            width = sum(widths[column:column + cell.span])
            span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            body.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}</w:tcPr>'
                        f"{paragraph_xml(cell.paragraph)}</w:tc>")
            column += cell.span
        return f"<w:tr>{properties}{''.join(body)}</w:tr>"

    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    caption = paragraph_xml(table.caption) if table.caption else ""
    return (f'{caption}<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            f'<w:tblBorders>{_GRID_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{row(table.header, True)}"
            + "".join(row(cells, False) for cells in table.rows) + "</w:tbl>")


def _rich(value: Any) -> Any:
    """Layout blocks become OOXML markup; containers are converted item by item."""
    if isinstance(value, Paragraph):
        return Markup(paragraph_xml(value))
    if isinstance(value, TableLayout):
        return Markup(table_xml(value))
    if isinstance(value, AppendixLayout):
        return {"so": value.so, "ten": value.ten, "kem_theo": value.kem_theo, "noi_dung": _rich(value.noi_dung)}
    if isinstance(value, list):
        return [_rich(item) for item in value]
    if isinstance(value, dict):
        return {key: _rich(item) for key, item in value.items()}
    if isinstance(value, str):
        return Markup(_text_xml(value))
    return value


# A template from elsewhere may loop for ever (the sandbox bounds values, not nested loops): its child is killed.
RENDER_TIME_LIMIT_SECONDS = 8.0  # a real template renders in a tenth of a second; a refusal stays under 10 s


def render(template: Path, context: dict[str, Any]) -> bytes:
    """The DOCX bytes of ``template`` filled with ``context``; checked to be well-formed and fully rendered."""
    return package.zipped(render_parts(template, context))


def render_parts(template: Path, context: dict[str, Any]) -> list[package.Part]:
    """The parts of the filled, checked DOCX, for the writer to package once (with its fingerprint)."""
    rich = {key: _rich(value) for key, value in context.items()}
    if is_ours(template):
        return _filled(template.read_bytes(), template.name, rich, context)
    return package.parts_of(cage.run(_fill_foreign, (template, rich, context), template.name,
                                     RENDER_TIME_LIMIT_SECONDS))


def is_ours(template: Path) -> bool:
    """The templates we build and ship render in this process, fast; any other file may come from anywhere."""
    return template.resolve().is_relative_to(template_builder.TEMPLATE_DIR)


def _fill_foreign(template: Path, rich: dict[str, Any], context: dict[str, Any]) -> bytes:
    """The child's job for a template from elsewhere: check the package before docxtpl opens it, fill it, and
    prove Word's structure survived (our own templates cannot break it; one from elsewhere can)."""
    data = package.zipped(_filled(package.read_checked(template), template.name, rich, context))
    try:
        docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 — any failure to reopen means a corrupt file
        raise TemplateError(f"mẫu {template.name} tạo ra tệp Word hỏng, Word sẽ không mở được") from exc
    return data


class _Document(DocxTemplate):
    """docxtpl's template, remembering which part it renders so that a failure can name it."""

    part_name = "word/document.xml"

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        self.part_name = part.partname.lstrip("/")
        return super().render_xml_part(src_xml, part, context, jinja_env)

    def render_properties(self, context, jinja_env=None) -> None:
        self.part_name = "docProps/core.xml"
        super().render_properties(context, jinja_env)

    def patch_xml(self, src_xml: str) -> str:
        return _patched(src_xml)


@functools.lru_cache(maxsize=_KEPT_PARTS)
def _patched(src_xml: str) -> str:
    """docxtpl's clean-up of a template part before Jinja reads it — a dozen regular expressions over the whole
    part, costing more than filling it — once per process: it depends on the part alone."""
    return DocxTemplate.patch_xml(None, src_xml)  # docxtpl's patch_xml reads nothing of the template object


def _filled(data: bytes, name: str, rich: dict[str, Any], context: dict[str, Any]) -> list[package.Part]:
    """The template ``data`` filled with ``rich`` and checked. The texts of ``context`` are gathered only when a part
    shows something like a tag, to tell the user's own braces from a tag the template left."""
    return _checked_parts(_rendered(data, name, rich), name, functools.cache(lambda: set(_texts(context))))


def _rendered(data: bytes, name: str, rich: dict[str, Any]) -> _Document:
    """The template filled by docxtpl, still as python-docx's trees: checked and packed from there, never saved
    and read back."""
    document = package.opened(data, name, _Document)
    try:
        document.render(rich, jinja_env=environment(), autoescape=True)
    except explain.TEMPLATE_FAULTS as exc:
        raise TemplateError(f"mẫu {name} (phần {shown(document.part_name)}) {explain.explain(exc)}") from exc
    return document


def _texts(value: Any):
    """Every text the user supplied, so that a `{{` typed by the user is not taken for a leftover tag."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (Paragraph, TableLayout)):
        yield value.text
    elif isinstance(value, AppendixLayout):
        yield from (value.so, value.ten, value.kem_theo)
        yield from _texts(value.noi_dung)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _checked_parts(document: _Document, template_name: str, user_texts: Callable[[], set[str]]) -> list[package.Part]:
    """The parts of docxtpl's output, refused if they still show template tags; every table cell given the
    paragraph Word requires (a `{%p if %}` that empties a cell leaves none), every header and footer too. The checks
    work on the trees python-docx holds (a footnote part it holds as bytes is parsed)."""
    opc = document.docx.part.package
    trees = {}
    for part in opc.iter_parts():
        name = part.partname.lstrip("/")
        if _XML_PARTS.fullmatch(name):
            root = part.element if isinstance(part, XmlPart) else package.parse(part.blob)
            _refuse_leftover_tags(root, user_texts, template_name, name)
            _cells_end_with_paragraph(root)
            if root.tag in (_W + "hdr", _W + "ftr") and root.find(_W + "p") is None:
                root.append(etree.Element(_W + "p"))  # a loop over no lines (no contact footer) left it empty
            trees[part.partname] = root
    return package.saved(opc, trees)


def _refuse_leftover_tags(root, user_texts: Callable[[], set[str]], template_name: str, part: str) -> None:
    if "{" not in _ALL_TEXT(root):  # every tag opens with a brace: a part with none has none left
        return
    for paragraph in root.iter(_W + "p"):
        text = "".join(node.text or "" for node in paragraph.iter(_W + "t"))
        for match in _LEFTOVER_TAG.finditer(text):
            if not any(match.group() in typed for typed in user_texts()):
                raise TemplateError(f"mẫu {template_name} còn thẻ `{shown(match.group())}` chưa xử lý được trong "
                                    f"{part} — hãy gõ lại thẻ đó liền một lượt trong Word")


def _cells_end_with_paragraph(root) -> None:
    for cell in root.iter(_W + "tc"):
        children = [child for child in cell if isinstance(child.tag, str)]
        if not children or children[-1].tag != _W + "p":
            cell.append(etree.Element(_W + "p"))
