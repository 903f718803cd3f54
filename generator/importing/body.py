"""The body of a notice: opening paragraphs, numbered parts and items nested by the labels actually used (recorded
as `danh_so`), bullets, tables, and the closing paragraph. Every paragraph lands somewhere, in its order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.importing import labels, parts, tables, tasks
from generator.importing.blocks import Block, Grid, Line
from generator.importing.labels import Label
from generator.importing.notes import Notes
from generator.model import nested_part_name
from generator.numbering import NumberingScheme

_HEADING_LENGTH = 200
_CLOSING = re.compile(r"(Giao |Trên đây|Văn phòng|Thông báo này|Trong quá trình|Quá trình thực hiện|Nhận được)")
_END_MARK = "./."
_RUN_IN = re.compile(r"(\*\*\*?)(?P<head>[^*]+?[:.])\1\s+(?P<rest>\S.*)")


@dataclass
class _Entry:
    label: Label | None
    text: str           # after the label, with inline markup
    bold: bool = False
    grid: Grid | None = None
    depth: int = 0      # numbered level, 1 = the outermost label style used


@dataclass
class _Part:
    heading: str | None
    nodes: list[Any] = field(default_factory=list)


def recognise(blocks: list[Block], notes: Notes) -> tuple[dict[str, Any], list[str] | None]:
    """(the `noi_dung` mapping, the `danh_so` examples or None)."""
    entries = _entries(blocks)
    styles = _levels(entries)
    closing = _closing_start(entries)
    body, tail = entries[:closing], entries[closing:]
    titled = _titled(body)
    builder = _Builder(titled, notes)
    for entry in body:
        builder.add(entry)
    builder.finish()
    content: dict[str, Any] = {}
    if builder.opening:
        content["mo_dau"] = builder.opening
    content.update(parts.assign([(p.heading, p.nodes) for p in builder.parts], notes))
    parts.nest_recommendations(content, notes)
    for name in ("nhiem_vu", "to_chuc_thuc_hien"):
        if name in content:
            _task_table(content[name])
            _tasks(content[name].get("noi_dung", []))
    for part in content.values():
        if isinstance(part, dict):
            _compact(part.get("noi_dung", []))
    if tail:
        content["ket_thuc"] = [entry.text for entry in tail]  # unlabelled paragraphs, by `_closing_start`
    if not content:
        content["mo_dau"] = ["(chưa rõ nội dung)"]
        notes.check(("noi_dung",), "không thấy nội dung văn bản")
    return content, _scheme(styles, titled, notes)


def end_mark(blocks: list[Block]) -> str | None:
    """The mark the body ends with as found: `./.`, a plain `.`, or None (neither)."""
    last = next((block for block in reversed(blocks) if isinstance(block, Line) and block.text.strip()), None)
    if last is None:
        return None
    text = last.text.rstrip()
    return _END_MARK if text.endswith(_END_MARK) else "." if text.endswith(".") else None


def _entries(blocks: list[Block]) -> list[_Entry]:
    entries = []
    for block in blocks:
        if isinstance(block, Grid):
            entries.append(_Entry(None, "", grid=block))
        elif isinstance(block, Line):
            text = labels.detach(block.text)
            label = labels.read(text)
            entries.append(_Entry(label, label.rest if label else text, block.bold))
    last = next((e for e in reversed(entries) if e.grid is None), None)
    if last is not None and last.text.rstrip().endswith(_END_MARK):
        last.text = last.text.rstrip()[:-2]  # `… chỉ đạo./.` → `… chỉ đạo.`: the tool adds the rulebook's mark
    return entries


def _levels(entries: list[_Entry]) -> list[tuple[str, int, str, str]]:
    """Give each numbered entry its depth from the label styles above it; return the style of each depth."""
    stack: list[tuple[str, int, str]] = []
    examples: list[tuple[str, int, str, str]] = []
    for entry in entries:
        if entry.label is None or entry.label.bullet:
            continue
        style = entry.label.style
        if style in stack:
            del stack[stack.index(style) + 1:]
        else:
            stack.append(style)
        entry.depth = len(stack)
        if len(examples) < entry.depth:
            examples.append((*style, entry.label.example))
    return examples


def _closing_start(entries: list[_Entry]) -> int:
    """Where the closing paragraphs begin: after the last labelled paragraph or table, the first paragraph that
    closes a notice ("Giao …", "Trên đây …", "Văn phòng … thông báo …"), or one that ends with the end mark."""
    last_labelled = max((i for i, e in enumerate(entries) if e.label is not None or e.grid is not None), default=-1)
    if last_labelled < 0:
        return len(entries)
    for index in range(last_labelled + 1, len(entries)):
        if _CLOSING.match(entries[index].text):
            return index
    return len(entries)


def _heading_like(entry: _Entry) -> bool:
    return entry.bold or (len(entry.text) <= _HEADING_LENGTH and not re.search(r"[.;]$", entry.text.strip()))


def _titled(entries: list[_Entry]) -> bool:
    """Whether the outermost numbered level are parts with headings (`I. Về kết quả …`), not a list of items."""
    top = [e for e in entries if e.depth == 1]
    return bool(top) and (top[0].label.kind == "I" or all(_heading_like(e) for e in top))


class _Builder:
    def __init__(self, titled: bool, notes: Notes):
        self.titled = titled
        self.notes = notes
        self.opening: list[str] = []
        self.parts: list[_Part] = []
        self.stack: list[tuple[int, dict[str, Any]]] = []  # open items and their depth

    def add(self, entry: _Entry) -> None:
        if entry.grid is not None:
            self._table(entry.grid)
        elif entry.label is None:
            self._paragraph(entry.text)
        elif entry.label.bullet:
            self._bullet(entry.text)
        elif self.titled and entry.depth == 1:
            heading, first = _split_run_in(entry.text)
            self.finish()
            self.parts.append(_Part(heading, [first] if first else []))
        else:
            self._item(entry)

    def _container(self) -> list[Any] | None:
        """The list the next node joins: the innermost open item's sub-items, or the part's nodes."""
        if self.stack:
            item = self.stack[-1][1]
            return item.setdefault("muc", [])
        return self.parts[-1].nodes if self.parts else None

    def _paragraph(self, text: str) -> None:
        if self.stack and "muc" not in self.stack[-1][1]:
            self.stack[-1][1].setdefault("noi_dung", []).append(text)
            return
        container = self._container()
        if container is None:
            self.opening.append(text)
        else:
            container.append(text)

    def _bullet(self, text: str) -> None:
        container = self._container()
        if container is None:
            self.opening.append(f"- {text}")
            self.notes.check(("noi_dung", "mo_dau"), "ý gạch đầu dòng ở phần mở đầu được giữ nguyên dấu `-`")
        elif container and isinstance(container[-1], dict) and "gach_dau_dong" in container[-1]:
            container[-1]["gach_dau_dong"].append(text)
        else:
            container.append({"gach_dau_dong": [text]})

    def _table(self, grid: Grid) -> None:
        node, blank = tables.table_node(grid)
        container = self._container()
        if container is None:
            self.parts.append(_Part(None, []))
            container = self.parts[-1].nodes
        container.append(node)
        if blank:
            self.notes.check(("noi_dung",), f"một bảng có ô tiêu đề cột trống, đã ghi `{tables.EMPTY_HEADER}`")

    def _item(self, entry: _Entry) -> None:
        depth = entry.depth if self.titled else entry.depth + 1
        if not self.parts:
            self.parts.append(_Part(None, []))
        while self.stack and self.stack[-1][0] >= depth:
            self._close(self.stack.pop()[1])
        container = self._container()
        heading, first = _split_run_in(entry.text)
        item: dict[str, Any] = {"_text": entry.text, "_bold": entry.bold, "_heading": heading, "_first": first}
        container.append(item)
        self.stack.append((depth, item))

    def _close(self, item: dict[str, Any]) -> None:
        text, bold, heading, first = (item.pop(key) for key in ("_text", "_bold", "_heading", "_first"))
        rest = item.pop("noi_dung", [])
        children = item.pop("muc", [])
        if heading != text:  # run in: "**Công tác tham mưu:** Tăng cường …"
            item["tieu_de"], rest = heading, ([first] if first else []) + rest
        elif len(text) <= _HEADING_LENGTH and (children or (bold and rest)):
            item["tieu_de"] = text
        else:
            rest = [text] + rest
        if rest:
            item["noi_dung"] = rest
        if children:
            item["muc"] = children

    def finish(self) -> None:
        while self.stack:
            self._close(self.stack.pop()[1])


def _split_run_in(text: str) -> tuple[str, str]:
    """(heading, first sentence) of a heading run into its first sentence; (text, "") otherwise."""
    match = _RUN_IN.fullmatch(text)
    if match is None:
        return text, ""
    return match.group("head").strip(), match.group("rest").strip()


def _task_table(part: dict[str, Any]) -> None:
    """A part whose only numbered content is a task table is printed so again, from its items."""
    nodes = part.get("noi_dung", [])
    found = [i for i, node in enumerate(nodes) if isinstance(node, dict) and "bang" in node]
    if len(found) != 1 or any(isinstance(node, dict) and "bang" not in node and "gach_dau_dong" not in node
                              for node in nodes):
        return
    items = tables.task_items(nodes[found[0]]["bang"])
    if items is not None:
        part["noi_dung"] = nodes[:found[0]] + items + nodes[found[0] + 1:]
        part["bang_nhiem_vu"] = True


def _tasks(nodes: list[Any]) -> None:
    for node in nodes:
        if isinstance(node, dict) and ("noi_dung" in node or "tieu_de" in node) and "bang" not in node:
            first = (node.get("noi_dung") or [node.get("tieu_de", "")])[0]
            unit, due = tasks.unit(first), tasks.deadline(" ".join(node.get("noi_dung", [])))
            if unit:
                node["don_vi"] = [unit]
            if due:
                node["han"] = due
            _tasks(node.get("muc", []))


def _compact(nodes: list[Any]) -> None:
    """An item of one paragraph is written `noi_dung: …`, as people write it, not as a list of one."""
    for node in nodes:
        if (name := nested_part_name(node)) is not None:
            _compact(node[name].get("noi_dung", []))
        elif isinstance(node, dict) and "bang" not in node and "gach_dau_dong" not in node:
            if len(node.get("noi_dung", [])) == 1:
                node["noi_dung"] = node["noi_dung"][0]
            _compact(node.get("muc", []))


_DEEP_SCHEME = ("I.", "1.", "1.1.", "1.1.1.", "a)", "a.", "a-")


def _scheme(styles: list[tuple[str, int, str, str]], titled: bool, notes: Notes) -> list[str] | None:
    examples = [example for *_, example in styles]
    if examples and not titled:
        examples = ["I" + styles[0][2]] + examples
    if not examples:
        return None
    try:
        NumberingScheme(examples)
    except ValueError:
        # A scheme as deep as the labels found, so that every item keeps a level of its own.
        fallback = list(_DEEP_SCHEME[:max(len(examples), 3)])
        notes.check(("danh_so",), f"cách đánh số {examples} không ghi lại được — dùng {fallback}")
        return fallback
    return examples
