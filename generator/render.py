"""Stage 5: render a layout context into a Word template with docxtpl, inside Jinja's sandbox. Templates may come
from another office, so they get no Python: a sandboxed environment with autoescape and StrictUndefined, our
Vietnamese filters, a time limit, and a check of the OOXML that comes out (``safe_write`` then writes it)."""

from __future__ import annotations

import contextlib
import html
import io
import re
import signal
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup  # finished XML: autoescape leaves it alone, docxtpl inserts it as is

from generator import vnformat
from generator.layout import AppendixLayout, Paragraph, TableLayout

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
_XML_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


class TemplateError(Exception):
    """The template cannot be rendered; the message is in Vietnamese and names the template."""


def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(FILTERS)
    return env


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _text_xml(text: str) -> str:
    """XML-escaped text whose braces are character references: docxtpl rewrites `{_{`, `}_}`, `{_%` … in the
    output after rendering, so a brace typed by the user must not reach it as a brace."""
    return html.escape(text, quote=False).replace("{", "&#123;").replace("}", "&#125;")


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


# A template from elsewhere may loop for ever (the sandbox caps `range`, not nested loops): stop it.
RENDER_TIME_LIMIT_SECONDS = 30.0


class _TimeUp(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Interrupt the render after ``seconds`` (with SIGALRM: POSIX, main thread; elsewhere no limit)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def time_up(_signum, _frame):
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render(template: Path, context: dict[str, Any]) -> bytes:
    """The DOCX bytes of ``template`` filled with ``context``; checked to be well-formed and fully rendered."""
    try:
        document = DocxTemplate(str(template))
        document.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TemplateError(f"{template.name} không phải một mẫu Word (.docx) dùng được: {exc}") from exc
    try:
        with _time_limit(RENDER_TIME_LIMIT_SECONDS):
            document.render({key: _rich(value) for key, value in context.items()},
                            jinja_env=environment(), autoescape=True)
    except _TimeUp as exc:
        raise TemplateError(f"mẫu {template.name} chạy quá {RENDER_TIME_LIMIT_SECONDS:g} giây "
                            "(có vòng lặp không dừng?) — hãy kiểm tra các thẻ {% for %} trong mẫu") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"mẫu {template.name} có lỗi cú pháp Jinja ở dòng {exc.lineno}: {exc.message}") from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"mẫu {template.name} dùng một giá trị không có: {exc.message}") from exc
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"mẫu {template.name} bị chặn vì tìm cách chạy mã: {exc}") from exc
    except (jinja2.TemplateError, TypeError, ValueError, OverflowError, ArithmeticError, LookupError) as exc:
        # {% include %} (templates get no file system), a too-big range, a filter given a wrong value …
        raise TemplateError(f"mẫu {template.name} dùng thẻ hoặc phép tính không được phép: {exc}") from exc
    buffer = io.BytesIO()
    document.save(buffer)
    return guard(buffer.getvalue(), template.name, set(_texts(context)))


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


def guard(data: bytes, template_name: str, user_texts: set[str] = frozenset()) -> bytes:
    """Refuse output that still shows template tags or that Word would repair; give every table cell the
    paragraph Word requires (a `{%p if %}` that empties a cell leaves none)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if _XML_PARTS.fullmatch(info.filename):
                root = etree.fromstring(content)
                _refuse_leftover_tags(root, user_texts, template_name, info.filename)
                _cells_end_with_paragraph(root)
                if root.tag in (_W + "hdr", _W + "ftr") and root.find(_W + "p") is None:
                    root.append(etree.Element(_W + "p"))  # a loop over no lines (no contact footer) left it empty
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, content)
    result = out.getvalue()
    try:
        docx.Document(io.BytesIO(result))
    except Exception as exc:  # noqa: BLE001 — any failure to reopen means a corrupt file
        raise TemplateError(f"mẫu {template_name} tạo ra tệp Word hỏng: {exc}") from exc
    return result


def _refuse_leftover_tags(root, user_texts: set[str], template_name: str, part: str) -> None:
    for paragraph in root.iter(_W + "p"):
        text = "".join(node.text or "" for node in paragraph.iter(_W + "t"))
        for match in _LEFTOVER_TAG.finditer(text):
            if not any(match.group() in typed for typed in user_texts):
                raise TemplateError(f"mẫu {template_name} còn thẻ `{match.group()}` chưa xử lý được trong {part} "
                                    "— hãy gõ lại thẻ đó liền một lượt trong Word")


def _cells_end_with_paragraph(root) -> None:
    for cell in root.iter(_W + "tc"):
        children = [child for child in cell if isinstance(child.tag, str)]
        if not children or children[-1].tag != _W + "p":
            cell.append(etree.Element(_W + "p"))
