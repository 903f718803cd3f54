"""Walks over the YAML data as typed — before the model strips or splits it — so that every text can be
reported at its own place. Used by the rulebook check and the lint rules alike."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.loader import Path_
from generator.model import Body, nested_part_name


def _texts_under(mapping: dict[str, Any], path: Path_, key: str) -> Iterator[tuple[Path_, str]]:
    """A text field given as one string or as a list of strings."""
    value = mapping.get(key)
    if isinstance(value, str):
        yield path + (key,), value
    elif isinstance(value, list):
        yield from ((path + (key, i), text) for i, text in enumerate(value) if isinstance(text, str))


# The order the layout prints an item's own texts in (layout._BodyWriter.item), whatever the order of the keys.
_ITEM_TEXT_KEYS = ("tieu_de", "noi_dung", "gach_dau_dong")


def _table_texts(table: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if not isinstance(table, dict):
        return
    yield from _texts_under(table, path, "tieu_de")
    for index, column in enumerate(table.get("cot") or []):
        if isinstance(column, str):
            yield path + ("cot", index), column
        elif isinstance(column, dict):
            yield from _texts_under(column, path + ("cot", index), "ten")
    for row_index, row in enumerate(table.get("dong") or []):
        if isinstance(row, list):
            yield from ((path + ("dong", row_index, i), cell) for i, cell in enumerate(row) if isinstance(cell, str))
    yield from _texts_under(table, path, "tong")


def node_texts(nodes: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    """The texts of a content list (paragraphs, items, bullets, tables) in print order."""
    for index, node in enumerate(nodes if isinstance(nodes, list) else []):
        here = path + (index,)
        if isinstance(node, str):
            yield here, node
        elif isinstance(node, dict) and "bang" in node:
            yield from _table_texts(node["bang"], here + ("bang",))
        elif (name := nested_part_name(node)) is not None:
            yield from _part_texts(node[name], here + (name,))
        elif isinstance(node, dict):  # a numbered item, or a group with only `gach_dau_dong`
            for key in _ITEM_TEXT_KEYS:
                yield from _texts_under(node, here, key)
            yield from node_texts(node.get("muc"), here + ("muc",))


def body_texts(data: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    """Every text of the body as typed, with its path, in the order the document prints them."""
    body, path = data["noi_dung"], ("noi_dung",)
    yield from _texts_under(body, path, "mo_dau")
    chosen = body.get("thu_tu") if isinstance(body.get("thu_tu"), list) else None
    for name in Body.print_order(list(body), chosen):
        yield from _part_texts(body.get(name), path + (name,))
    yield from _texts_under(body, path, "ket_thuc")


def _part_texts(part: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(part, dict):
        yield from _texts_under(part, path, "tieu_de")
        yield from node_texts(part.get("noi_dung"), path + ("noi_dung",))


def raw_parts(body: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every part of the body as typed (a mapping), nested ones included, with its name."""
    if not isinstance(body, dict):
        return
    for name in Body.PARTS:
        part = body.get(name)
        if isinstance(part, dict):
            yield name, part
            for node in part.get("noi_dung") or []:
                if (nested := nested_part_name(node)) is not None and isinstance(node[nested], dict):
                    yield nested, node[nested]
