"""Reading a notice copied as text (UTF-8) from a portal or a converter: one block per paragraph, capture noise
removed (a file-name first line, `¯¯¯` rules, markdown `#` and whole-line `**…**`), lines a page break split
joined again."""

from __future__ import annotations

import re
import unicodedata

from generator import inline
from generator.importing import joining, labels, tabs
from generator.importing.blocks import Block, Line, Rule, is_rule

_FILE_NAME_LINE = re.compile(r"\S.*\.(docx?|pdf|txt|rtf|odt)", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^\s*#+\s+")
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\u200b]")  # no words; YAML refuses most
_WHOLE_EMPHASIS = re.compile(r"(\*{1,3})([^*].*?)\1")
_STRAY_EMPHASIS = re.compile(r"\*+(?=[^\s*])|(?<=[^\s*])\*+")


def read(text: str) -> list[Block]:
    lines = unicodedata.normalize("NFC", _INVISIBLE.sub("", text)).splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and _FILE_NAME_LINE.fullmatch(lines[first].strip()):
        lines = lines[first + 1:]
    blocks: list[Block] = []
    for raw in lines:
        stripped = _MARKDOWN_HEADING.sub("", raw).strip()
        if not stripped:
            continue
        if is_rule(stripped):
            if "¯" not in stripped:
                blocks.append(Rule())
            continue
        pieces = tabs.pieces(raw if not _MARKDOWN_HEADING.match(raw) else stripped)
        for column, piece in enumerate(pieces):
            line = _line(piece, column if len(pieces) > 1 else None)
            if line is not None:
                joining.append(blocks, line)
    return blocks


def _line(text: str, column: int | None) -> Line | None:
    text = _MARKDOWN_HEADING.sub("", text).strip()
    if not text:
        return None
    bold = False
    whole = _WHOLE_EMPHASIS.fullmatch(text)
    if whole and len(whole.group(1)) >= 2 and "*" not in whole.group(2):
        text, bold = whole.group(2).strip(), True
    text = labels.unwrap(text)
    if "*" in inline.plain(text):  # unpaired stars are capture noise, not emphasis
        text = _STRAY_EMPHASIS.sub("", text)
    return Line(text, bold=bold, column=column)
