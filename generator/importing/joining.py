"""Putting back together a paragraph that a page break or a soft line break cut in two."""

from __future__ import annotations

import re

from generator.importing import labels
from generator.importing.blocks import Block, Line

_SENTENCE_END = re.compile(r"[.:;!?…)\]”\"]\s*$")


def append(blocks: list[Block], line: Line) -> None:
    """Add ``line``, or join it to the previous line when that one does not end a sentence and this one goes on
    in lower case (and is not a list label such as `a)`)."""
    previous = blocks[-1] if blocks else None
    if (isinstance(previous, Line) and line.column == previous.column
            and line.text[:1].islower() and not labels.starts_with_label(line.text)
            and not _SENTENCE_END.search(previous.text) and not previous.plain.isupper()):
        blocks[-1] = Line(f"{previous.text} {line.text}", bold=previous.bold and line.bold, column=line.column)
        return
    blocks.append(line)
