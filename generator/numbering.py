"""Numbering schemes: labels are generated from the content tree, never typed (so they never drift).

A scheme is written the way its first labels look, one per level: ``["I-", "1-", "a)"]`` (HD 36 style, seed
000), ``["I.", "1.", "1.1."]`` (seed 001). ``I`` is a Roman numeral, ``1`` an Arabic one, ``a`` a Vietnamese
letter (a, b, c, d, đ, e …); ``1.1.`` repeats the parent's number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator import vnformat

_EXAMPLE = re.compile(r"((?:[I1a]\.)*[I1a])([.)\-/]?)")
_FORMATTERS = {"I": vnformat.roman, "1": str, "a": vnformat.letter}


@dataclass(frozen=True)
class _Level:
    tokens: tuple[str, ...]  # one per level this label shows, ending with its own
    suffix: str


class NumberingScheme:
    def __init__(self, examples: Sequence[str]):
        if not examples:
            raise ValueError("cần ít nhất một cấp đánh số, ví dụ [\"I-\", \"1-\"]")
        levels = []
        for depth, example in enumerate(examples, start=1):
            match = _EXAMPLE.fullmatch(example.strip())
            if not match:
                raise ValueError(f"nhãn `{example}` không hiểu được — hãy viết nhãn đầu tiên của cấp đó "
                                 "bằng I, 1 hoặc a và một dấu . - ) /, ví dụ `I-`, `1.`, `1.1.`, `a)`")
            tokens = tuple(match.group(1).split("."))
            if len(tokens) > depth:
                raise ValueError(f"nhãn `{example}` ở cấp {depth} nhắc tới {len(tokens)} cấp")
            levels.append(_Level(tokens, match.group(2)))
        self.examples = tuple(examples)
        self._levels = tuple(levels)

    @property
    def depth(self) -> int:
        return len(self._levels)

    def label(self, counters: Sequence[int]) -> str:
        """The label of an item whose counters for levels 1..n are ``counters`` (0 for a level not numbered)."""
        level = self._levels[len(counters) - 1]
        shown = counters[len(counters) - len(level.tokens):]
        parts = [_FORMATTERS[token](count) for token, count in zip(level.tokens, shown) if count > 0]
        return ".".join(parts) + level.suffix
