"""Inline emphasis inside any text: ``**đậm**``, ``*nghiêng*``, ``***đậm nghiêng***``; ``\\*`` is a literal star.

Unpaired stars stay as typed: we never drop a character the secretary wrote.

The rules, for a maximal run of stars:
- it may open emphasis if it has 1 to 3 stars, is not preceded by ``\\`` and is followed by a non-whitespace character;
- it may close emphasis if it has 1 to 3 stars and follows a character that is neither whitespace nor ``\\``;
- openers are tried left to right, each paired with the first later closer of the same number of stars;
  the text in between is parsed the same way (nested emphasis), and the search goes on after the closer.
Parsing takes one pass over the star runs with a stack of pending openers: linear in the length of the text
(paragraphs of tens of thousands of unpaired stars must not hang the render).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STAR_RUN = re.compile(r"\*+")
_ESCAPED_STAR = "\\*"
_MOST_STARS = 3  # ***đậm nghiêng***; a longer run is only stars


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


def parse(text: str, bold: bool = False, italic: bool = False) -> list[Run]:
    if "*" not in text:  # no marker, nothing escaped: most paragraphs
        return [Run(text, bold, italic)] if text else []
    segments: list[tuple[str, bool, bool]] = []
    position = 0
    # Pairs open around the current position that make the text bold (** and ***) or italic (* and ***).
    open_bold = open_italic = 0
    for start, end, opens in _markers(text):
        segments.append((_unescape(text[position:start]), bold or open_bold > 0, italic or open_italic > 0))
        stars = end - start
        change = 1 if opens else -1
        open_bold += change * (stars >= 2)
        open_italic += change * (stars != 2)
        position = end
    segments.append((_unescape(text[position:]), bold, italic))  # every pair is closed by now
    return _merge(segments)


def plain(text: str) -> str:
    """The text without emphasis markers, as it will read on paper."""
    return "".join(run.text for run in parse(text))


def _markers(text: str) -> list[tuple[int, int, bool]]:
    """The star runs that are emphasis markers, in text order, as (start, end, opens).

    A run that may close pairs with the EARLIEST pending opener of the same number of stars: that opener
    was tried first and this run is its first closer. The openers stacked above it lie inside the pair and
    found no closer before it, so they stay literal and leave the stack. Each run is pushed and popped at
    most once, so the pass is linear.
    """
    star_runs = [match.span() for match in _STAR_RUN.finditer(text)]
    partner = [-1] * len(star_runs)  # index of the run it pairs with, -1 while unpaired
    pending: list[int] = []  # indexes of the runs that may still open, in text order
    lowest: dict[int, int] = {}  # stars -> place in `pending` of the earliest pending opener of that many stars
    for index, (start, end) in enumerate(star_runs):
        stars = end - start
        if stars > _MOST_STARS:
            continue
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if stars in lowest and before and not before.isspace() and before != "\\":
            place = lowest[stars]
            partner[pending[place]], partner[index] = index, pending[place]
            del pending[place:]
            lowest = {count: at for count, at in lowest.items() if at < place}
        elif before != "\\" and after and not after.isspace():
            lowest.setdefault(stars, len(pending))
            pending.append(index)
    return [(start, end, partner[index] > index)
            for index, (start, end) in enumerate(star_runs) if partner[index] >= 0]


def _unescape(text: str) -> str:
    return text.replace(_ESCAPED_STAR, "*")


def _merge(segments: list[tuple[str, bool, bool]]) -> list[Run]:
    """Adjacent segments of the same style as one run, empty ones dropped; each run's text is joined once."""
    runs: list[Run] = []
    pieces: list[str] = []
    style = (False, False)
    for text, bold, italic in segments:
        if not text:
            continue
        if pieces and (bold, italic) != style:
            runs.append(Run("".join(pieces), *style))
            pieces = []
        pieces.append(text)
        style = (bold, italic)
    if pieces:
        runs.append(Run("".join(pieces), *style))
    return runs
