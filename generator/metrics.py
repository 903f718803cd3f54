"""Advance widths of Times New Roman (regular and bold), in thousandths of an em, for measuring a line of text
without any font installed: the title rule is as long as its text, the rule under a State issuer a third of it.

Read from Liberation Serif 2.1, which is metric-compatible with Times New Roman by design. A Vietnamese
letter is as wide as its base letter (tone marks sit above or below it).
"""

from __future__ import annotations

import unicodedata

_CHARACTERS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
               "ĐđĂăÂâÊêÔôƠơƯư")
_REGULAR = (250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500,
            500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333,
            389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469,
            500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
            278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 722, 500, 722, 444, 722, 444, 611, 444, 722, 500,
            722, 529, 776, 542)
_BOLD = (250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500,
         500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778,
         667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333,
         500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500,
         722, 500, 500, 444, 394, 220, 394, 520, 722, 556, 722, 500, 722, 500, 667, 444, 778, 500, 778, 554, 796, 600)
_WIDTHS = {False: dict(zip(_CHARACTERS, _REGULAR)), True: dict(zip(_CHARACTERS, _BOLD))}
_UNKNOWN = 500


def _width(char: str, bold: bool) -> int:
    table = _WIDTHS[bold]
    if char in table:
        return table[char]
    decomposed = unicodedata.normalize("NFD", char)
    for length in (2, 1):  # Ặ → Ă (base with its breve), then A
        base = unicodedata.normalize("NFC", decomposed[:length])
        if base in table:
            return table[base]
    return _UNKNOWN


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    return sum(_width(char, bold) for char in text) / 1000 * size_pt * 25.4 / 72


def wrap(text: str, size_pt: float, bold: bool, width_mm: float) -> list[str]:
    """The lines ``text`` takes in a paragraph ``width_mm`` wide, broken at spaces as Word does (a word longer than
    the line stands alone on its line)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width_mm(candidate, size_pt, bold) > width_mm:
            lines.append(current)
            current = word
        else:
            current = candidate
    return lines + [current] if current else lines


def widest_line_mm(lines: list[str], size_pt: float, bold: bool, width_mm: float) -> float:
    """The width of the longest line these paragraphs are set in, each wrapped at ``width_mm``."""
    return max((text_width_mm(line, size_pt, bold) for text in lines for line in wrap(text, size_pt, bold, width_mm)),
               default=0.0)
