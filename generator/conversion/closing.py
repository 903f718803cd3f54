"""The last paragraph and the signature, as LibreOffice sets them.

The body's last paragraph is kept with the signature table (`w:keepNext`). Word keeps such a paragraph "at least
partly" on the page of what follows (ECMA-376 §17.3.1.15). With widow control, that means its last two lines. When
the signature does not fit, Word moves two lines and the signature to the next page.

LibreOffice keeps the paragraph whole. A long last paragraph then goes to the next page in one piece, and the page
before is left half empty.

For the PDF only, the DOCX given to LibreOffice is therefore changed, and only when its first PDF shows that gap:
- the paragraph is cut where its last two lines begin, found in that PDF;
- the first piece justifies its last line, as the middle line it was;
- the second piece keeps the first-line position and stays with the signature.

The printed words and lines are those of the first PDF, and the break falls where Word puts it. The DOCX itself
is never changed.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EMPTY_SHARE_ALLOWED = 1 / 3  # of a page's text area, left empty above a moved paragraph
TAIL_LINES = 2  # what Word keeps with the signature: widow control's two lines
TIMEOUT_SECONDS = 60
_BODY = "word/document.xml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True)
class _Line:
    top: float
    bottom: float
    words: tuple[str, ...]


@dataclass(frozen=True)
class _Page:
    height: float
    lines: tuple[_Line, ...]


def kept_tail(docx: bytes, pdf: Path) -> bytes | None:
    """The DOCX to give LibreOffice again when, in ``pdf``, the last paragraph went whole to the signature's page
    and left the page before more than a third empty; None when the PDF is as Word would set it."""
    try:
        root = etree.fromstring(_part(docx), _PARSER)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):  # not a Word file made as ours: left as it is
        return None
    paragraph, area = _kept_paragraph(root), _text_area(root)
    pages = _pdf_pages(pdf) if paragraph is not None and area is not None else None
    if pages is None:
        return None
    words = _words(_text(paragraph))
    moved = _moved_whole(pages, words, *area)
    if moved is None:
        return None
    tail = sum(len(line.words) for line in moved[-TAIL_LINES:])
    return _with_part(docx, etree.tostring(_cut(root, paragraph, len(words) - tail), xml_declaration=True,
                                           encoding="UTF-8", standalone=True))


def _part(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read(_BODY)


def _with_part(docx: bytes, body: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, body if info.filename == _BODY else source.read(info.filename))
    return out.getvalue()


def _kept_paragraph(root) -> etree._Element | None:
    """The paragraph kept with a table that ends the body (the signature's), or None."""
    body = root.find(W + "body")
    blocks = [child for child in body if child.tag in (W + "p", W + "tbl")] if body is not None else []
    kept = [before for before, after in zip(blocks, blocks[1:])
            if before.tag == W + "p" and after.tag == W + "tbl" and before.find(f"{W}pPr/{W}keepNext") is not None]
    return kept[-1] if kept else None


def _pieces(paragraph):
    """(element, text) for what a reader sees of the paragraph, in order: texts, non-breaking hyphens, tabs."""
    for run in paragraph.iter(W + "r"):
        for child in run:
            if child.tag == W + "t":
                yield child, child.text or ""
            elif child.tag == W + "noBreakHyphen":
                yield child, "-"
            elif child.tag == W + "tab":
                yield child, "\t"


def _text(paragraph) -> str:
    return "".join(text for _, text in _pieces(paragraph))


def _words(text: str) -> list[str]:
    # LibreOffice writes a non-breaking hyphen as U+2011 in the PDF's text, a reader as `-`
    return unicodedata.normalize("NFC", text).replace("\u2011", "-").split()


def _text_area(root) -> tuple[float, float] | None:
    """Top and bottom of the page's text area, in points from the top, from the section's size and margins;
    None for a file that does not give them."""
    size, margins = root.find(f"{W}body/{W}sectPr/{W}pgSz"), root.find(f"{W}body/{W}sectPr/{W}pgMar")
    try:
        height = int(size.get(W + "h")) / 20
        return int(margins.get(W + "top")) / 20, height - int(margins.get(W + "bottom")) / 20
    except (AttributeError, TypeError, ValueError):
        return None


def _pdf_pages(pdf: Path) -> list[_Page] | None:
    """Each page's text lines with their place (poppler's `pdftotext -bbox-layout`); None without poppler."""
    program = shutil.which("pdftotext")
    if program is None:
        return None
    try:
        result = subprocess.run([program, "-bbox-layout", str(pdf), "-"], capture_output=True,
                                timeout=TIMEOUT_SECONDS, check=True)
    except (subprocess.SubprocessError, OSError):
        return None
    xhtml = re.sub(rb'xmlns="[^"]*"', b"", result.stdout, count=1)
    pages = []
    for page in etree.fromstring(xhtml, etree.XMLParser(resolve_entities=False, no_network=True)).iter("page"):
        lines = tuple(_Line(float(line.get("yMin")), float(line.get("yMax")),
                            tuple(_words(" ".join(word.text or "" for word in line.iter("word")))))
                      for line in page.iter("line"))
        pages.append(_Page(float(page.get("height")), lines))
    return pages


def _moved_whole(pages: list[_Page], words: list[str], top: float, bottom: float) -> list[_Line] | None:
    """The paragraph's lines when all of them open a page (LibreOffice moved it whole), it has more than the two
    lines Word would move, and the page before is left more than a third empty; else None."""
    for number in range(len(pages) - 1, 0, -1):
        lines = _opening(body_lines(pages[number], top, bottom), words)
        if lines is None:
            continue
        above = [line.bottom for line in body_lines(pages[number - 1], top, bottom)]
        empty = (bottom - max(above, default=top)) / (bottom - top)
        return lines if len(lines) > TAIL_LINES and empty > EMPTY_SHARE_ALLOWED else None
    return None


def body_lines(page: _Page, top: float, bottom: float) -> list[_Line]:
    """The page's lines inside its text area (not the page number in the header, nor a footer)."""
    return [line for line in page.lines if top - 2 <= line.top and line.bottom <= bottom + 2]


def _opening(body: list[_Line], words: list[str]) -> list[_Line] | None:
    """The first lines of ``body`` when, together, they are ``words`` exactly; else None."""
    taken, count = [], 0
    for line in body:
        if tuple(words[count:count + len(line.words)]) != line.words:
            return None
        taken.append(line)
        count += len(line.words)
        if count == len(words):
            return taken
    return None


def _cut(root, paragraph, first_words: int):
    """``root`` with ``paragraph`` cut in two before its word number ``first_words`` (0-based): the first piece
    justifies its last line and lets a page break follow; the second starts at the margin, close under it, and
    keeps the signature's company."""
    text = _text(paragraph)
    starts = [match.start() for match in re.finditer(r"\S+", text)]
    at = starts[first_words]
    head, tail = copy.deepcopy(paragraph), copy.deepcopy(paragraph)
    _keep_text(head, 0, len(text[:at].rstrip()))
    _keep_text(tail, at, len(text))
    _set(head, "keepNext", None)
    _set(head, "jc", {"val": "distribute"})  # LibreOffice: justified, the last line too
    _set(head, "spacing", {"after": "0"})
    _set(tail, "spacing", {"before": "0"})
    _set(tail, "ind", {"firstLine": "0"})
    paragraph.addprevious(head)
    paragraph.addprevious(tail)
    paragraph.getparent().remove(paragraph)
    return root


def _keep_text(paragraph, start: int, end: int) -> None:
    """Keep only the characters ``start``–``end`` of the paragraph's text; what falls outside goes."""
    position = 0
    for element, text in list(_pieces(paragraph)):
        first, last = max(start - position, 0), min(end - position, len(text))
        position += len(text)
        if first >= last:
            element.getparent().remove(element)
        elif element.tag == W + "t" and (first, last) != (0, len(text)):
            element.text = text[first:last]
            element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _set(paragraph, name: str, values: dict[str, str] | None) -> None:
    """Set (or with None remove) one paragraph property, in the order Word's schema wants them."""
    properties = paragraph.find(W + "pPr")
    if properties is None:
        properties = etree.Element(W + "pPr")
        paragraph.insert(0, properties)
    old = properties.find(W + name)
    if values is None:
        if old is not None:
            properties.remove(old)
        return
    element = old if old is not None else etree.Element(W + name)
    for key, value in values.items():
        element.set(W + key, value)
    if old is None:
        following = [child for child in properties if _rank(child.tag) > _rank(W + name)]
        if following:
            following[0].addprevious(element)
        else:
            properties.append(element)


# The paragraph properties this module sets, among their neighbours, in the order of the schema (CT_PPrBase).
_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
          "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
          "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
          "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
          "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")


def _rank(tag: str) -> int:
    name = tag[len(W):]
    return _ORDER.index(name) if name in _ORDER else len(_ORDER)
