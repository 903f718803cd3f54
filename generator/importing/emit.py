"""The draft as YAML text: ruamel.yaml does the quoting; long texts are folded (`>-`) at about 110 columns;
every place to check carries a `# kiểm tra: …` comment. The text is read back and compared with the data, so a
folding that would change a character is never written."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from generator.importing.notes import Notes, Where

WIDTH = 110
_FOLD_ABOVE = 90  # texts longer than this are folded
HEADER = ("# Bản nháp do `vanban import` tạo từ {source}.\n"
          "# Hãy đọc lại các chỗ có ghi chú `kiểm tra:`, rồi `vanban check` và `vanban render`.\n")


def dump(data: dict[str, Any], notes: Notes, source: str) -> str:
    for fold in (True, False):
        tree = _commented(data, 0, fold)
        for where, message in notes.checks:
            _comment(tree, where, message)
        stream = io.StringIO()
        _yaml().dump(tree, stream)
        text = HEADER.format(source=source) + stream.getvalue()
        if _plain(_yaml().load(text)) == data:
            return text
    raise AssertionError("YAML không đọc lại đúng dữ liệu")  # ruamel.yaml would have to misquote a text


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


_FLOW_KEYS = {"danh_so", "don_vi", "cot"}  # short lists written on one line: `danh_so: [I., '1.', 1.1.]`


def _commented(value: Any, indent: int, fold: bool, key: str | None = None, in_list: bool = False) -> Any:
    if isinstance(value, dict):
        out = CommentedMap()
        for name, item in value.items():
            out[name] = _commented(item, indent + 2, fold, name)
        return out
    if isinstance(value, list):
        row = in_list and all(isinstance(v, str) for v in value)  # a table row: `- [Kinh tế, '472']`
        seq = CommentedSeq(value if row else (_commented(item, indent + 4, fold, in_list=True) for item in value))
        if row or (key in _FLOW_KEYS and sum(len(str(v)) for v in value) < 80):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and fold and len(value) > _FOLD_ABOVE:
        return _folded(value, indent + 2)
    return value


def _folded(text: str, indent: int) -> str:
    """`>-` with its folds at single spaces, lines at most ``WIDTH`` columns."""
    if "\n" in text or text != text.strip():
        return text
    folded = FoldedScalarString(text)
    positions = []
    line_start = 0
    room = WIDTH - indent
    last_space = None
    for index, char in enumerate(text):
        if char == " " and text[index - 1] != " " and index + 1 < len(text) and text[index + 1] != " ":
            last_space = index
        if index - line_start >= room and last_space is not None and last_space > line_start:
            positions.append(last_space)
            line_start = last_space + 1
            last_space = None
    folded.fold_pos = positions
    return folded


def _comment(tree: Any, where: Where, message: str) -> None:
    """A `# kiểm tra:` line above the deepest node of ``where`` that exists."""
    node, key, parent = tree, None, None
    for step in where:
        if isinstance(node, (CommentedMap, CommentedSeq)) and _has(node, step):
            parent, key, node = node, step, node[step]
        else:
            break
    if parent is None:
        parent, key = tree, next(iter(tree))
    parent.yaml_set_comment_before_after_key(key, before=f"kiểm tra: {message}", indent=_column(tree, where))


def _has(node: Any, step: str | int) -> bool:
    return (isinstance(node, CommentedMap) and step in node) or (
        isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node))


def _column(tree: Any, where: Where) -> int:
    depth, node = 0, tree
    for step in where:
        if not _has(node, step):
            break
        node = node[step]
        depth += 2 if isinstance(step, str) else 4
    return max(0, depth - 2)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value
