"""What a reader hands the recogniser: the document as a flat list of blocks in reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator import inline


@dataclass(frozen=True)
class Line:
    """One paragraph (or one tab-separated piece of a header line).

    ``text`` carries inline emphasis as the YAML writes it (``**đậm**``, ``*nghiêng*``); ``bold`` says the whole
    paragraph is bold (a heading), which is then not written as markup; a label Word drew from its list
    numbering (``w:numPr``) is already written at the start of ``text``. ``column`` is the column of a layout
    table or a tab-laid line (header; recipients | signature) the line sits in, ``None`` in the running body."""

    text: str
    bold: bool = False
    column: int | None = None

    @property
    def plain(self) -> str:
        return inline.plain(self.text)


@dataclass(frozen=True)
class Rule:
    """A separator drawn or typed between parts: `-----`, `___`, a paragraph border."""


@dataclass(frozen=True)
class Grid:
    """A data table: rows of cell texts, the first row its header."""

    rows: list[list[str]] = field(default_factory=list)


Block = Line | Rule | Grid


_RULE = re.compile(r"[-_=]{3,}|¯{3,}")


def is_rule(text: str) -> bool:
    """A typed separator line: `-----`, `______`, `=====`, `¯¯¯¯` (a capture's rendering of an underline)."""
    return _RULE.fullmatch(text.strip()) is not None
