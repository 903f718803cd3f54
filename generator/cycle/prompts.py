"""The `[cần viết]` marker that `vanban new` and `vanban carry` put where the secretary must write: found in any
text as typed, so that a draft is refused until every one is written (rule VB160) — even while other mistakes
keep the draft from being validated."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator.errors import shorten
from generator.loader import Path_

PROMPT = "[cần viết]"
CODE = "VB160"


def unwritten(strings: Iterable[tuple[Path_, str]]) -> Iterator[tuple[Path_, str]]:
    """(path, message) for every text of ``strings`` (a file's, with their paths) that still holds the marker."""
    for path, text in strings:
        if PROMPT in text:
            yield path, f"còn chỗ cần viết: `{shorten(text, 50)}` — hãy viết nội dung thật thay cho dòng nhắc này"
