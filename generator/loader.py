"""Stage 1: read a YAML file into plain data (dicts, lists, text) and remember where every node stands.

Every scalar stays text (``so: 05`` is "05", ``yes`` and ``14:30`` stay as typed): the model decides what a
value means. Duplicate keys, tabs in indentation, control characters and non-UTF-8 files are reported with
their place, all of them in one pass where the file can still be read.
"""

from __future__ import annotations

import codecs
import errno
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Code, InputError, Problem, display_path, os_reason, shorten, source_excerpt

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_NODES = 50_000  # nodes visited, aliases counted each time they are used: stops "billion laughs"

# Word's manual line break (Shift+Enter) arrives as \x0b when text is pasted out of Word. YAML refuses it, so
# it is swapped for a private-use character before parsing and turned into a line break afterwards.
WORD_LINE_BREAK = "\x0b"
_LINE_BREAK_STAND_IN = "\ufdd0"  # a Unicode noncharacter: refused below when typed, so it cannot collide
# C0 and C1 controls (but tab, line feed, carriage return, and \x0b handled above) and the noncharacters: none
# belongs in a document, whether typed raw or written as an escape ("\x01") in a quoted scalar.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_STANDARD_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map",
                                                     "timestamp", "binary", "merge", "value", "yaml")}
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_SURROGATE = re.compile("[\ud800-\udfff]")

Path_ = tuple[str | int, ...]


@dataclass
class LoadedFile:
    """A YAML file read into plain data, with the (line, column) of every value and key, both 1-based."""

    path: Path
    data: Any
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    scalar_spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # start, end offsets in the text
    # Values taken from another file (the office profile): the path they stand at, and that file's name.
    origins: dict[Path_, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def file_of(self, path: Path_) -> str:
        """The name of the file the value at ``path`` was typed in."""
        for cut in range(len(path), 0, -1):
            if path[:cut] in self.origins:
                return self.origins[path[:cut]]
        return self.name

    def position(self, path: Path_, *, of_key: bool = False) -> tuple[int, int]:
        """The place of the value (or its key) at ``path``, or of its nearest ancestor that has one."""
        table = self.key_positions if of_key else self.value_positions
        for cut in range(len(path), -1, -1):
            where = table.get(path[:cut]) or self.value_positions.get(path[:cut])
            if where:
                return where
        return (1, 1)

    def strings(self) -> Iterator[tuple[Path_, str]]:
        """Every text value with its path, in file order."""
        return iter_strings(self.data)

    def problem(self, path: Path_, code: str, message: str, *, of_key: bool = False) -> Problem:
        line, column = self.position(path, of_key=of_key)
        return Problem(self.file_of(path), line, column, code, message)


def iter_strings(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text value in plain data (mappings, lists, text) with its path, in order."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, item in data.items():
            yield from iter_strings(item, path + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from iter_strings(item, path + (index,))


def load_file(path: Path) -> LoadedFile:
    """Read and parse ``path``; raise :class:`InputError` listing every problem that stops the reading."""
    return parse(decode(read_bounded(path), display_path(path)), path)


def read_bounded(path: Path) -> bytes:
    """The file's bytes, reading at most one byte past the size limit: a device such as /dev/zero, a pipe or
    a huge file is refused after 2 MB, not read whole."""
    name = display_path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "")
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError([Problem(name, 1, 1, Code.OUTPUT, f"không đọc được tệp ({os_reason(exc)})")]) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise InputError([Problem(name, 1, 1, Code.NOT_UTF8,
                                  f"tệp quá lớn (hơn {MAX_FILE_BYTES // 1_000_000} MB) — một văn bản chỉ cần vài chục "
                                  "KB; hãy kiểm tra lại tệp")])
    return raw


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text of the file, or an error naming the encoding it seems to be in."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                          (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            raise InputError([_save_as_utf8(name, 1, 1, f"tệp được lưu dạng {encoding}")])
    head = raw[:4096]
    if head and head.count(b"\x00") * 10 > len(head):  # ASCII in UTF-16 is every other byte a zero
        raise InputError([_save_as_utf8(name, 1, 1, "tệp có nhiều byte 0, có lẽ được lưu dạng UTF-16")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = "Windows-1258 hoặc TCVN3/VNI" if _decodes_as_cp1258(raw) else "một bảng mã cũ"
        raise InputError([_save_as_utf8(name, line, column, f"tệp không phải UTF-8 (có lẽ là {guess})")]) from exc


def _decodes_as_cp1258(raw: bytes) -> bool:
    try:
        raw.decode("cp1258")
    except UnicodeDecodeError:
        return False
    return True


def _save_as_utf8(name: str, line: int, column: int, what: str) -> Problem:
    return Problem(name, line, column, Code.NOT_UTF8,
                   f"{what} — hãy mở tệp và lưu lại với bảng mã UTF-8 (Notepad: Lưu thành… › Mã hóa: UTF-8)")


def parse(text: str, path: Path) -> LoadedFile:
    """Parse YAML text; every problem found before the tree can be built is reported at once."""
    loaded = LoadedFile(path, None)
    problems = _scan_characters(text, loaded.name)
    if problems:
        raise InputError(problems)
    try:
        root = _BoundedLoader(text.replace(WORD_LINE_BREAK, _LINE_BREAK_STAND_IN)).get_single_node()
    except _TooDeep as exc:
        raise InputError([Problem(loaded.name, exc.mark.line + 1, exc.mark.column + 1, Code.UNSUPPORTED_YAML,
                                  _TOO_DEEP)]) from exc
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(exc, text, loaded.name)]) from exc
    except yaml.YAMLError as exc:  # reader errors carry no mark
        raise InputError([Problem(loaded.name, 1, 1, Code.YAML_SYNTAX, f"YAML không hợp lệ: {exc}")]) from exc
    if root is None:
        raise InputError([Problem(loaded.name, 1, 1, Code.NOT_A_MAPPING,
                                  "tệp rỗng — hãy viết các mục của văn bản, ví dụ `loai: thong-bao-ket-luan`")])
    walker = _Walker(loaded)
    loaded.data = walker.convert(root, (), depth=0)
    if walker.problems:
        raise InputError(walker.problems)
    if not isinstance(loaded.data, dict):
        line, column = _mark(root)
        raise InputError([Problem(loaded.name, line, column, Code.NOT_A_MAPPING,
                                  "tệp phải là một bảng `khóa: giá trị` (ví dụ `loai: thong-bao-ket-luan`), "
                                  "không phải một danh sách hay một dòng chữ")])
    return loaded


_TOO_DEEP = (f"tệp lồng quá sâu (hơn {MAX_DEPTH} tầng danh sách hay bảng khóa lồng vào nhau) — hãy viết phẳng lại; "
             "một văn bản chỉ cần vài tầng")
_TOO_MANY_NODES = ("tệp lồng quá sâu hoặc dùng quá nhiều tham chiếu `*…` — hãy viết thẳng nội dung, không dùng neo "
                   "`&`/tham chiếu `*`")


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        super().__init__()
        self.mark = mark


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's composer recurses once per level: stop at the depth limit while composing, before Python's own
    recursion limit turns 500 nested brackets into a crash."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def source_lines(text: str) -> list[str]:
    """The lines as an editor numbers them: split at line feeds only (str.splitlines also splits at \x0b,
    \x0c, \x1c–\x1e, which are characters to report, not line ends)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def _control_problem(name: str, line: int, column: int, char: str) -> Problem:
    return Problem(name, line, column, Code.CONTROL_CHAR,
                   f"ký tự điều khiển U+{ord(char):04X} không in được (thường do dán từ Word/PDF) — hãy xóa ký tự này")


def _scan_characters(text: str, name: str) -> list[Problem]:
    """Tabs used for indentation and control characters, each at its place."""
    problems = []
    for number, line in enumerate(source_lines(text), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent]:
            problems.append(Problem(name, number, line.index("\t") + 1, Code.TAB_INDENT,
                                    "thụt đầu dòng bằng phím Tab — YAML chỉ nhận dấu cách; "
                                    "hãy thay Tab bằng 2 dấu cách"))
        for match in _CONTROL_CHARS.finditer(line):
            problems.append(_control_problem(name, number, match.start() + 1, match.group()))
    return problems


_SYNTAX_HINTS = (
    ("could not find expected ':'", "thiếu dấu `:` sau tên khóa"),
    ("mapping values are not allowed here",
     "có dấu `:` giữa dòng chữ — hãy đặt cả dòng trong ngoặc kép \"…\""),
    ("found character '\\t'", "có ký tự Tab — YAML chỉ nhận dấu cách"),
    ("found undefined alias", "tham chiếu `*…` tới một neo `&…` không có"),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép đóng"),
    ("found unknown escape character", "dấu `\\` trong ngoặc kép phải viết thành `\\\\`"),
    ("expected <block end>, but found '-'",
     "dòng bắt đầu bằng `-` không thẳng hàng với các dòng cùng danh sách"),
    ("expected <block end>", "thụt đầu dòng không khớp với dòng trên"),
    ("did not find expected key", "thụt đầu dòng không khớp hoặc thiếu dấu `:`"),
    ("did not find expected '-' indicator", "các dòng của danh sách phải bắt đầu bằng `- ` và thẳng hàng"),
    ("found a tab character", "có ký tự Tab — YAML chỉ nhận dấu cách"),
    ("found character '@' that cannot start any token",
     "dòng chữ không được bắt đầu bằng `@` — hãy đặt trong ngoặc kép"),
    ("found character '`' that cannot start any token",
     "dòng chữ không được bắt đầu bằng dấu ` — hãy đặt trong ngoặc kép"),
    ("found character '%' that cannot start any token",
     "dòng chữ không được bắt đầu bằng `%` — hãy đặt trong ngoặc kép"),
    ("while scanning an alias", "dòng chữ bắt đầu bằng `*` — hãy đặt cả dòng trong ngoặc kép \"…\""),
    ("while scanning an anchor", "dòng chữ bắt đầu bằng `&` — hãy đặt cả dòng trong ngoặc kép \"…\""),
    ("expected a comment or a line break", "có chữ thừa sau dấu ngoặc kép đóng"),
    ("found unexpected ':'", "dấu `:` không đúng chỗ — hãy đặt dòng chữ trong ngoặc kép"),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and exc.problem and "end of stream" in exc.problem:
        mark = exc.context_mark  # an unclosed quote or bracket: point at where it opens, not at the file's end
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    original = f"{exc.context or ''} {exc.problem or ''}".strip()
    hint = next((vi for en, vi in _SYNTAX_HINTS if en in original), None)
    what = hint or f"cú pháp YAML không hợp lệ ({original})"
    lines = source_lines(text)
    caret = ""
    if 0 < line <= len(lines):
        source, at = source_excerpt(lines[line - 1], column)
        caret = f"\n    {source}\n    {' ' * (at - 1)}^"
    return Problem(name, line, column, Code.YAML_SYNTAX, what + caret)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Walker:
    """Turns composed YAML nodes into plain data, keeping positions and collecting problems."""

    def __init__(self, loaded: LoadedFile):
        self.loaded = loaded
        self.problems: list[Problem] = []
        self.visited = 0

    def _fail(self, node: yaml.Node, code: str, message: str) -> None:
        line, column = _mark(node)
        self.problems.append(Problem(self.loaded.name, line, column, code, message))

    def convert(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES or depth > MAX_DEPTH:  # aliases reuse nodes, so the composer's limit is not enough
            if not any(p.code == Code.UNSUPPORTED_YAML for p in self.problems):
                self._fail(node, Code.UNSUPPORTED_YAML, _TOO_MANY_NODES)
            return None
        self.loaded.value_positions.setdefault(path, _mark(node))
        if node.tag not in _STANDARD_TAGS:
            self._fail(node, Code.UNSUPPORTED_YAML,
                       f"thẻ YAML `{shorten(node.tag)}` không được dùng — hãy bỏ phần bắt đầu bằng `!`")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        self.loaded.scalar_spans[path] = (node.start_mark.index, node.end_mark.index)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, Code.YAML_SYNTAX, "tên khóa phải là một từ, ví dụ `noi_nhan:`")
                continue
            if key_node.tag == _MERGE_TAG:
                self._fail(key_node, Code.UNSUPPORTED_YAML,
                           "khóa gộp `<<:` của YAML không được dùng — hãy chép thẳng các khóa cần có vào đây")
                continue
            key = self._text(key_node)  # as typed: `null:` and `~:` are keys named null and ~, not nothing
            key_line, key_column = _mark(key_node)
            if key in first_seen:
                self._fail(key_node, Code.DUPLICATE_KEY,
                           f"khóa `{shorten(key)}` đã có ở dòng {first_seen[key]} — mỗi khóa chỉ viết một lần; "
                           "hãy gộp hai chỗ làm một hoặc xóa một chỗ")
                continue
            first_seen[key] = key_line
            self.loaded.key_positions[path + (key,)] = (key_line, key_column)
            result[key] = self.convert(value_node, path + (key,), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> str | None:
        if node.tag == _NULL_TAG and node.style is None:
            return None  # `key:` with nothing after it, or `~` / `null`
        return self._text(node)

    def _text(self, node: yaml.ScalarNode) -> str:
        typed = node.value.replace(_LINE_BREAK_STAND_IN, "")  # the stand-in for a typed \x0b is no fault
        escaped = _CONTROL_CHARS.search(typed) or re.search("\r", typed)
        if escaped:  # written as an escape in a quoted scalar, e.g. "\x01": the raw scan could not see it
            line, column = _mark(node)
            self.problems.append(_control_problem(self.loaded.name, line, column, escaped.group()))
        surrogate = _SURROGATE.search(typed)
        if surrogate:  # only an escape such as "\ud800" can make one: UTF-8 text cannot hold it
            self._fail(node, Code.CONTROL_CHAR,
                       f"ký tự U+{ord(surrogate.group()):04X} không phải một chữ (nửa cặp mã UTF-16, thường do "
                       "chép từ một chương trình lỗi) — hãy xóa mã `\\u` này trong ngoặc kép")
        text = node.value.replace(_LINE_BREAK_STAND_IN, "\n").replace(WORD_LINE_BREAK, "\n")
        return unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
