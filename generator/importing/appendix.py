"""Appendices after the signature: `Phụ lục 1` (or `Phụ lục`), its title, the `(Kèm theo …)` line the tool writes
itself, then its content."""

from __future__ import annotations

import re
from typing import Any

from generator.importing.blocks import Block, Line

_START = re.compile(r"Phụ lục(?:\s+(?:\d+|[IVXLC]+))?\s*:?", re.IGNORECASE)
_POINTER = re.compile(r"\(Kèm theo .*\)")


def start(blocks: list[Block], begin: int) -> int:
    return next((i for i in range(begin, len(blocks)) if isinstance(blocks[i], Line) and blocks[i].column is None
                 and _START.fullmatch(blocks[i].plain.strip())), len(blocks))


def split(blocks: list[Block]) -> list[tuple[str, list[Block], bool]]:
    """(title, content blocks, whether a `Kèm theo` line was left out) for each appendix."""
    found: list[tuple[str, list[Block], bool]] = []
    index = 0
    while index < len(blocks):
        end = start(blocks, index + 1)
        chunk = blocks[index + 1:end]
        title = ""
        if chunk and isinstance(chunk[0], Line):
            title, chunk = chunk[0].text, chunk[1:]
        pointer = bool(chunk) and isinstance(chunk[0], Line) and _POINTER.fullmatch(chunk[0].plain.strip()) is not None
        found.append((title, chunk[1:] if pointer else chunk, pointer))
        index = end
    return found


def node_list(content: dict[str, Any]) -> list[Any]:
    """An appendix's nodes from the body recogniser's parts: its paragraphs, items, bullets and tables in order."""
    nodes: list[Any] = list(content.get("mo_dau", []))
    for key, part in content.items():
        if isinstance(part, dict):
            if part.get("tieu_de"):
                nodes.append({"tieu_de": part["tieu_de"], **({"muc": part["noi_dung"]} if part.get("noi_dung")
                                                              else {})})
            else:
                nodes.extend(part.get("noi_dung", []))
    nodes.extend(content.get("ket_thuc", []))
    return nodes
