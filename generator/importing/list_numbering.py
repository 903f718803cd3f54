"""The label Word draws in front of a list paragraph (`w:numPr`), rebuilt from the numbering part when its
format is a simple one: decimal, upperRoman, lowerRoman, upperLetter, lowerLetter, bullet."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from generator import vnformat

_FORMATS = {
    "decimal": str,
    "upperRoman": vnformat.roman,
    "lowerRoman": lambda n: vnformat.roman(n).lower(),
    "upperLetter": lambda n: chr(64 + n) if n <= 26 else str(n),
    "lowerLetter": lambda n: chr(96 + n) if n <= 26 else str(n),
}


class Numbering:
    """Counts list paragraphs in document order, per list and level, as Word does."""

    def __init__(self, document: WordDocument):
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → level → (format, text, start)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        if root is not None:
            abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
            for num in root.findall(qn("w:num")):
                reference = num.find(qn("w:abstractNumId"))
                definition = abstract.get(reference.get(qn("w:val"))) if reference is not None else None
                if definition is not None:
                    self._levels[num.get(qn("w:numId"))] = _levels(definition)
        self._counters: dict[str, list[int]] = {}

    def label(self, paragraph: Paragraph) -> str:
        number_id, level = _num_pr(paragraph)
        levels = self._levels.get(number_id or "")
        if not levels or level not in levels:
            return ""
        counters = self._counters.setdefault(number_id, [0] * 9)
        counters[level] = counters[level] + 1 if counters[level] else levels[level][2]
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        form, text, _ = levels[level]
        if form == "bullet":
            return "-"
        if form not in _FORMATS:
            return ""
        for shown in range(level + 1):
            shown_form = levels.get(shown, ("decimal", "", 1))[0]
            value = counters[shown] or levels.get(shown, ("", "", 1))[2]
            text = text.replace(f"%{shown + 1}", _FORMATS.get(shown_form, str)(value))
        return text.strip()


def _levels(definition) -> dict[int, tuple[str, str, int]]:
    found = {}
    for level in definition.findall(qn("w:lvl")):
        form = level.find(qn("w:numFmt"))
        text = level.find(qn("w:lvlText"))
        start = level.find(qn("w:start"))
        found[int(level.get(qn("w:ilvl"), "0"))] = (
            form.get(qn("w:val")) if form is not None else "decimal",
            text.get(qn("w:val")) if text is not None else "",
            int(start.get(qn("w:val"))) if start is not None else 1)
    return found


def _num_pr(paragraph: Paragraph) -> tuple[str | None, int]:
    """The list and level of the paragraph, from its own properties or else its style's."""
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    for properties in sources:
        if properties is None:
            continue
        num_pr = properties.find(qn("w:numPr"))
        if num_pr is not None:
            number = num_pr.find(qn("w:numId"))
            level = num_pr.find(qn("w:ilvl"))
            if number is not None:
                value = number.get(qn("w:val"))
                return (value if value != "0" else None), int(level.get(qn("w:val"))) if level is not None else 0
    return None, 0
