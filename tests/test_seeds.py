"""Acceptance: each example reproduces its seed notice word for word, in order.

The seeds are text captures: a file-name line, `¯¯¯` rules and markdown `#`/`*` markers are capture noise.
Every other line of a seed must appear in the rendered DOCX as one unbroken run of words and punctuation, and
the lines must appear in the seed's order. The DOCX may add what the seed lacks (a header, recipients).
"""

from __future__ import annotations

import re
import unicodedata

import docx
import pytest

from tests.conftest import SEEDS, reading_text

_TOKEN = re.compile(r"\w+|[^\w\s]")
_FILE_NAME_LINE = re.compile(r"\S.*\.(docx?|pdf|txt)", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*+(?=[^\s*])|(?<=[^\s*])\*+")


_RULE_LINE = re.compile(r"-{3,}")


def tokens(text: str) -> list[str]:
    """Words and punctuation marks; a line of hyphens (the separator under the trích yếu, however many
    hyphens long) is one token."""
    out: list[str] = []
    for line in unicodedata.normalize("NFC", text).splitlines() or [""]:
        out.extend(["<rule>"] if _RULE_LINE.fullmatch(line.strip()) else _TOKEN.findall(line))
    return out


def seed_lines(number: str) -> list[list[str]]:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    if _FILE_NAME_LINE.fullmatch(lines[first].strip()):
        lines = lines[first + 1:]
    cleaned = []
    for line in lines:
        line = _EMPHASIS.sub("", re.sub(r"^\s*#+\s+", "", line)).strip()
        if line and set(line) != {"¯"}:
            cleaned.append(tokens(line))
    return cleaned


def find_run(haystack: list[str], needle: list[str], start: int) -> int:
    """Index just past the first place at or after ``start`` where ``needle`` stands unbroken, or -1."""
    for index in range(start, len(haystack) - len(needle) + 1):
        if haystack[index:index + len(needle)] == needle:
            return index + len(needle)
    return -1


@pytest.mark.parametrize("number", ["000", "001", "002"])
def test_example_reproduces_its_seed_word_for_word(rendered, number):
    document_tokens = tokens(reading_text(docx.Document(str(rendered[number]))))
    position = 0
    lines = seed_lines(number)
    assert len(lines) > 20
    for line in lines:
        found = find_run(document_tokens, line, position)
        assert found != -1, f"seed {number}: this line is missing or out of order: {' '.join(line)}"
        position = found


def test_seed_reader_drops_capture_noise_only():
    lines = [" ".join(line) for line in seed_lines("000")]
    assert lines[0] == "TỈNH ỦY BÌNH THUẬN"          # the file-name line is gone
    assert lines[1] == "*"                           # the real asterisk under the body name stays
    assert not any("¯" in line for line in lines)
    assert "Yêu cầu chung là :" in " ".join(" ".join(line) for line in seed_lines("002"))


def test_find_run_rejects_broken_or_reordered_text():
    text = tokens("Số 970 - TB / TU ĐẢNG CỘNG SẢN")
    assert find_run(text, tokens("970-TB/TU"), 0) == 6
    assert find_run(text, tokens("970-TB/TU"), 2) == -1
    assert find_run(text, tokens("ĐẢNG SẢN"), 0) == -1
    assert tokens("a\n-------\nb") == tokens("a\n-----\nb") == ["a", "<rule>", "b"]
