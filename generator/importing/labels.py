"""Labels typed (or drawn by Word) at the start of a paragraph: `I-`, `II.`, `1-`, `1.`, `1.1.`, `a)` number a
level; `-`, `+`, `•`, `*` mark a bullet. A label's *style* — its kind and punctuation — tells its level apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

_AFTER = r"(?:\s+|(?=[^\W\d_]))"  # a space, or straight into a word: `1.Công tác`
_PATTERNS = (
    ("I", re.compile(rf"(?P<n>[IVXL]+)\s?(?P<s>[.\-–)]|/(?=\s)){_AFTER}")),
    ("1.1", re.compile(r"(?P<n>\d{1,2}(?:\.\d{1,2})+)(?P<s>[.)]?)\s+")),
    ("1", re.compile(rf"(?P<n>\d{{1,2}})\s?(?P<s>[.\-–)]|/(?=\s)){_AFTER}")),
    ("a", re.compile(r"(?P<n>[a-zđ])\s?(?P<s>[).])\s+")),
)
_BULLET = re.compile(r"(?P<n>[-–+•·*])\s+(?=\S)")


@dataclass(frozen=True)
class Label:
    kind: str     # "I", "1.1", "1", "a", or "-" for a bullet
    depth: int    # numbers shown: 2 for `1.1.`
    suffix: str   # `.`, `-`, `)`, `/`
    rest: str     # the text after the label

    @property
    def style(self) -> tuple[str, int, str]:
        return self.kind, self.depth, self.suffix

    @property
    def example(self) -> str:
        """The label as `danh_so` writes the first one of its level: `I-`, `1.`, `1.1.`, `a)`."""
        first = "I" if self.kind == "I" else "a" if self.kind == "a" else ".".join(["1"] * self.depth)
        return first + self.suffix

    @property
    def bullet(self) -> bool:
        return self.kind == "-"


def read(text: str) -> Label | None:
    """The label ``text`` starts with, if any."""
    for kind, pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            number = match.group("n")
            suffix = match.group("s").replace("–", "-")
            return Label(kind, number.count(".") + 1 if kind == "1.1" else 1, suffix, text[match.end():])
    match = _BULLET.match(text)
    if match:
        return Label("-", 0, "", text[match.end():])
    return None


def starts_with_label(text: str) -> bool:
    return read(text) is not None


_WRAPPED = re.compile(r"(\*{1,3})([^*\s][^*]{0,8}?)\s*\1(?!\*)\s*")


def unwrap(text: str) -> str:
    """`**1-** Tiếp tục` → `1- Tiếp tục`: a label in bold or italic is still a label (the tool draws its own)."""
    match = _WRAPPED.match(text)
    if match and read(match.group(2) + " x") is not None:
        return f"{match.group(2)} {text[match.end():]}".rstrip()
    return text


_OPENING_STARS = re.compile(r"\*{1,3}(?=\S)")


def detach(text: str) -> str:
    """`**1. Công tác tham mưu:** Tăng cường …` → `1. **Công tác tham mưu:** Tăng cường …`: a label inside a
    bold or italic span is moved out of it, so the span stays paired."""
    text = unwrap(text)
    opening = _OPENING_STARS.match(text)
    if opening is None:
        return text
    inner = text[opening.end():]
    label = read(inner)
    if label is None or label.bullet or not label.rest or label.rest.startswith("*"):
        return text
    return f"{inner[:len(inner) - len(label.rest)].strip()} {opening.group()}{label.rest}"
