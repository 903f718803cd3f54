"""Inline emphasis inside any text: ``**đậm**``, ``*nghiêng*``, ``***đậm nghiêng***``; ``\\*`` is a literal star.

Unpaired stars stay as typed: we never drop a character the secretary wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPAN = re.compile(r"(?<![\\*])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s\\*])\1(?!\*)", re.DOTALL)
_ESCAPED_STAR = "\\*"


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


def parse(text: str, bold: bool = False, italic: bool = False) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in _SPAN.finditer(text):
        if match.start() > position:
            runs.append(Run(_unescape(text[position:match.start()]), bold, italic))
        stars = len(match.group(1))
        runs.extend(parse(match.group(2), bold or stars >= 2, italic or stars != 2))
        position = match.end()
    if position < len(text):
        runs.append(Run(_unescape(text[position:]), bold, italic))
    return _merge(runs)


def plain(text: str) -> str:
    """The text without emphasis markers, as it will read on paper."""
    return "".join(run.text for run in parse(text))


def _unescape(text: str) -> str:
    return text.replace(_ESCAPED_STAR, "*")


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged
