"""A data table of the source → a `bang:` block; a task table (TT, Nội dung, Đơn vị chủ trì, Thời hạn) → the
items of a part printed with `bang_nhiem_vu: true`."""

from __future__ import annotations

from typing import Any

from generator import vnformat
from generator.importing.blocks import Grid
from generator.layout import TASK_TABLE_COLUMNS

EMPTY_HEADER = "(trống)"
_TASK_HEADER = [name for name, _ in TASK_TABLE_COLUMNS]


def table_node(grid: Grid) -> tuple[dict[str, Any], bool]:
    """The `bang:` node, and whether a header cell was blank (then filled with a visible mark to check)."""
    header, *rows = grid.rows
    blank = any(not cell.strip() for cell in header)
    columns = [cell.strip() or EMPTY_HEADER for cell in header]
    table: dict[str, Any] = {"cot": columns, "dong": [[cell.strip() for cell in row] for row in rows] or
                             [[""] * len(columns)]}
    return {"bang": table}, blank


def task_items(table: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The tasks of a task table (a `bang:` node's value) as items with `don_vi` and `han`, or None when it is
    not one (or a deadline would not read back the same)."""
    header, rows = table["cot"], table["dong"]
    if header != _TASK_HEADER or not rows:
        return None
    items = []
    for _, content, unit, deadline in rows:
        item: dict[str, Any] = {"noi_dung": [content.strip()]}
        if unit.strip():
            item["don_vi"] = [unit.strip()]
        if deadline.strip():
            try:
                date = vnformat.parse_date(deadline.strip())
            except ValueError:
                return None
            if vnformat.short_date(date) != deadline.strip():
                return None
            item["han"] = deadline.strip()
        if not content.strip():
            return None
        items.append(item)
    return items
