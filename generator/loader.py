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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Code, InputError, Problem, display_path, os_reason, shorten, source_excerpt
from generator.reading import diagnose

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
_UNUSUAL = re.compile(f"{_CONTROL_CHARS.pattern}|[\r{WORD_LINE_BREAK}\ud800-\udfff]")  # what _Walker._text handles
_LOCAL_TAG = re.compile(r"![^!\s]+")  # `!Quan`: a word after `!`, not one of YAML's `!!…` tags

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
    # Mistakes the reading went past (each reported with its correction): the data is the corrected file's.
    problems: list[Problem] = field(default_factory=list)
    text: str = ""  # the text as read, corrections included: line numbers are the file's

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
    """Every text value in plain data (mappings, lists, text) with its path, in order. A stack, not nested
    generators: each text costs the same however deep it stands (the rules walk every text several times)."""
    stack = [(path, data)]
    while stack:
        path, data = stack.pop()
        if isinstance(data, str):
            yield path, data
        elif isinstance(data, dict):
            stack.extend((path + (key,), data[key]) for key in reversed(data))
        elif isinstance(data, list):
            stack.extend((path + (index,), data[index]) for index in range(len(data) - 1, -1, -1))


def load_file(path: Path) -> LoadedFile:
    """Read and parse ``path``; raise :class:`InputError` listing every problem found."""
    loaded = read_file(path)
    if loaded.problems:
        raise InputError(loaded.problems)
    return loaded


def read_file(path: Path) -> LoadedFile:
    """Read and parse ``path``, going on past the mistakes whose correction is certain (see :func:`read_text`),
    and past text YAML misread as a mapping or a list misread as one line (see :mod:`generator.reading.shape`):
    each is in ``problems``, and the data is the corrected file's."""
    from generator.reading import shape  # it reads LoadedFile from here

    loaded = read_text(decode(read_bounded(path), display_path(path)), path)
    loaded.problems = sorted(loaded.problems + shape.diagnose_shape(loaded))
    return loaded


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
    """Parse YAML text; raise :class:`InputError` with every problem found, even one the reading went past."""
    loaded = read_text(text, path)
    if loaded.problems:
        raise InputError(loaded.problems)
    return loaded


MAX_READINGS = 30  # PyYAML errors corrected in one file; past this, the file is not what we think it is


def read_text(text: str, path: Path) -> LoadedFile:
    """Parse YAML text, going on past every mistake whose correction is certain (a Tab, a control character,
    ``ngay:30/4/2021``, an unclosed quote …): each is reported in ``problems`` with the corrected line, and the
    file is read as if corrected. Raise :class:`InputError` with everything found when the data cannot be had."""
    loaded = LoadedFile(path, None)
    repair = _Repair(text)
    for number, line in enumerate(repair.lines, start=1):
        found = list(_CONTROL_CHARS.finditer(line))
        for match in found:
            repair.problems.append(_control_problem(loaded.name, number, match.start() + 1, match.group()))
        if found:
            repair.edit(number, _CONTROL_CHARS.sub("", line))
    root = None
    # Each PyYAML error costs a new reading of the whole file: a big file gets fewer of them.
    readings = max(2, min(MAX_READINGS, 400_000 // (len(text) + 1)))
    for _ in range(readings):
        for finding in diagnose.scan(list(repair.lines)):
            repair.problems.append(repair.problem(loaded.name, finding))
            repair.apply(finding)
        try:
            root = _compose(repair.text().replace(WORD_LINE_BREAK, _LINE_BREAK_STAND_IN))
            break
        except _TooDeep as exc:
            line, column = repair.original(exc.mark.line + 1, exc.mark.column + 1)
            raise InputError(repair.problems + [Problem(loaded.name, line, column, Code.UNSUPPORTED_YAML,
                                                        _TOO_DEEP)]) from exc
        except yaml.MarkedYAMLError as exc:
            finding = diagnose.explain(exc, repair.lines)
        except yaml.YAMLError as exc:  # reader errors carry no mark: control characters are removed above
            raise InputError(repair.problems + [Problem(loaded.name, 1, 1, Code.YAML_SYNTAX,
                                                        "YAML không đọc được tệp này")]) from exc
        repair.problems.append(repair.problem(loaded.name, finding))
        if not repair.apply(finding):
            raise InputError(repair.problems)
    else:
        raise InputError(repair.problems)
    if root is None:
        raise InputError(repair.problems + [
            Problem(loaded.name, 1, 1, Code.NOT_A_MAPPING,
                    "tệp rỗng — hãy viết các mục của văn bản, ví dụ `loai: thong-bao-ket-luan`")])
    walker = _Walker(loaded, repair.lines)
    loaded.data = walker.convert(root, (), depth=0)
    for table in (loaded.value_positions, loaded.key_positions):
        for where, (line, column) in table.items():
            table[where] = repair.original(line, column)
    problems = repair.problems + [replace(p, column=repair.original(p.line, p.column)[1]) for p in walker.problems]
    if any(p.code == Code.UNSUPPORTED_YAML for p in walker.problems):
        raise InputError(problems)
    if not isinstance(loaded.data, dict):
        line, column = _mark(root)
        raise InputError(problems + [Problem(loaded.name, line, column, Code.NOT_A_MAPPING,
                                             "tệp phải là một bảng `khóa: giá trị` (ví dụ `loai: "
                                             "thong-bao-ket-luan`), không phải một danh sách hay một dòng chữ")])
    loaded.problems = problems
    loaded.text = repair.text()
    return loaded


class _Repair:
    """The lines of a file as corrected so far, with the problems found, and for every corrected line where
    each of its characters stood in the line as typed (so that places are reported in the file as typed)."""

    # A line is corrected a few times at most (a Tab, then a missing space …), and never grows much: a
    # correction that keeps finding more to correct is a guess gone wrong, and must not run away (a quote
    # wrapped in quotes again and again doubles the line at every reading).
    EDITS_PER_LINE = 3

    def __init__(self, text: str):
        self.typed = text
        self.lines = source_lines(text)
        self.typed_lengths = [len(line) for line in self.lines]
        self.edits: dict[int, int] = {}
        self.changed = False
        self.columns: dict[int, list[int]] = {}  # 0-based line → for each 0-based column, the typed column
        self.seen: set[tuple[int, str]] = set()
        self.problems: list[Problem] = []

    def text(self) -> str:
        return "\n".join(self.lines) if self.changed else self.typed

    def edit(self, number: int, new: str) -> None:
        index = number - 1
        old = self.lines[index]
        before = self.columns.get(index) or list(range(len(old) + 1))
        self.columns[index] = [before[k] for k in _column_map(old, new)]
        self.lines[index] = new
        self.changed = True

    def apply(self, finding: diagnose.Finding) -> bool:
        """Correct the file as the finding says; False when it gives no correction or the same one again."""
        if finding.fixed is None or not 0 < finding.line <= len(self.lines):
            return False
        if self.lines[finding.line - 1] == finding.fixed or (finding.line, finding.fixed) in self.seen:
            return False
        index = finding.line - 1
        if (self.edits.get(index, 0) >= self.EDITS_PER_LINE
                or len(finding.fixed) > 2 * self.typed_lengths[index] + 40):
            return False
        self.edits[index] = self.edits.get(index, 0) + 1
        self.seen.add((finding.line, finding.fixed))
        self.edit(finding.line, finding.fixed)
        return True

    def original(self, line: int, column: int) -> tuple[int, int]:
        table = self.columns.get(line - 1)
        if not table:
            return line, column
        return line, table[max(0, min(column - 1, len(table) - 1))] + 1

    def problem(self, name: str, finding: diagnose.Finding) -> Problem:
        return diagnose.to_problem(name, finding, self.lines, self.original(finding.line, finding.column)[1])


def _column_map(old: str, new: str) -> list[int]:
    """For each column of ``new`` (and its end), the column of ``old`` it comes from: the common start and end
    are kept, ``old``'s middle is found inside ``new``'s (a quote put around it, a space put in), the rest
    points at the start of the change."""
    shortest = min(len(old), len(new))
    head = 0
    while head < shortest and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < shortest - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    old_middle, new_middle = old[head:len(old) - tail], new[head:len(new) - tail]
    offset = new_middle.find(old_middle) if old_middle else -1
    result = list(range(head))
    for k in range(len(new_middle)):
        inside = offset >= 0 and offset <= k < offset + len(old_middle)
        result.append(head + k - offset if inside else head)
    result.extend(len(old) - tail + k for k in range(tail + 1))
    return result


_TOO_DEEP = (f"tệp lồng quá sâu (hơn {MAX_DEPTH} tầng danh sách hay bảng khóa lồng vào nhau) — hãy viết phẳng lại; "
             "một văn bản chỉ cần vài tầng")
_TOO_MANY_NODES = ("tệp lồng quá sâu hoặc dùng quá nhiều tham chiếu `*…` — hãy viết thẳng nội dung, không dùng neo "
                   "`&`/tham chiếu `*`")


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        super().__init__()
        self.mark = mark


class _DepthBound:
    """PyYAML's composer recurses once per level: stop at the depth limit while composing, before Python's own
    recursion limit turns 500 nested brackets into a crash."""

    _depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _BoundedLoader(_DepthBound, yaml.SafeLoader):
    """PyYAML's own parser, in Python: its errors and marks are the ones :mod:`diagnose` explains."""


class _Unlike(Exception):
    """libyaml reads this text otherwise than PyYAML would: it is read again by PyYAML."""


# Characters libyaml reads otherwise than PyYAML (tests/test_yaml_fast_path.py shows each): a Tab (PyYAML refuses
# it after `key:` and inside plain text), a byte order mark (libyaml skips one at the start of any line), and a
# lone surrogate (libyaml cannot take it in). The rest is told while reading: see _FastLoader.get_event.
_UNLIKE_TEXT = re.compile("[\t\ufeff\ud800-\udfff]")
_BREAKS = "\n\r\x85\u2028\u2029"  # the line breaks of YAML 1.1
_GLUED_COMMENT = re.compile(r"[^\n]*?[|>][-+0-9]*#")  # on the line of a block scalar's header
_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)

if yaml.__with_libyaml__:
    from yaml.composer import Composer
    from yaml.cyaml import CParser
    from yaml.resolver import Resolver

    class _FastLoader(_DepthBound, Composer, CParser, Resolver):
        """PyYAML's composer (and the depth bound) over libyaml's events: about thirty times faster than
        PyYAML's parser, with the same nodes and marks. libyaml's own composer is not used: it recurses in C, where
        no limit stops 2 MB of `[`."""

        def __init__(self, text: str):
            CParser.__init__(self, text)
            Composer.__init__(self)
            Resolver.__init__(self)
            self._text = text
            self._flow = 0  # depth of `[…]`/`{…}`: every collection inside one is one too
            # libyaml moves the end of a text not ending in a line break to the start of one more line
            # (PyYAML leaves it at the end of the last line): marks there are put back.
            self._end = len(text) if text and text[-1] not in _BREAKS else -1
            if self._end >= 0:  # the line and column PyYAML counts: \r\n is one line break
                lines = sum(text.count(char) for char in _BREAKS) - text.count("\r\n")
                column = len(text) - max(text.rfind(char) for char in _BREAKS) - 1
                self._end_mark = yaml.Mark("<unicode string>", len(text), lines, column, None, None)

        def get_event(self):
            event = CParser.get_event(self)
            kind = event.__class__
            if kind in _NODE_EVENTS and event.tag is not None:
                raise _Unlike  # libyaml reads tags (`!x`, `!!str`, a lone `!`) by rules of its own
            if kind is yaml.ScalarEvent:
                if event.style == "":  # plain, which PyYAML marks None
                    if self._flow and ("?" in event.value or not event.value):
                        raise _Unlike  # inside `[…]`/`{…}` PyYAML ends text at `?`, puts an empty value at `:`
                    event.style = None
                elif event.style in ("|", ">") and _GLUED_COMMENT.match(self._text, event.start_mark.index):
                    raise _Unlike  # `>-#…`: PyYAML wants a space before the comment
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                if event.flow_style:
                    self._flow += 1
                elif kind is yaml.SequenceStartEvent and not self._text.startswith("-", event.end_mark.index):
                    event.flow_style = None  # `key:` then `- …` at its column, which PyYAML leaves unstyled
            elif self._flow and (kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent):
                self._flow -= 1
            if event.end_mark.index == self._end:
                if event.start_mark.index == self._end:
                    event.start_mark = self._end_mark
                event.end_mark = self._end_mark
            return event
else:
    _FastLoader = None


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``, read by libyaml where it reads it as PyYAML does; any error, and text libyaml
    reads otherwise, is read (again) by PyYAML, whose errors the diagnosis knows."""
    if _FastLoader is not None and not _UNLIKE_TEXT.search(text):
        try:
            return _FastLoader(text).get_single_node()
        except (yaml.YAMLError, _TooDeep, _Unlike):
            pass
    return _BoundedLoader(text).get_single_node()


def source_lines(text: str) -> list[str]:
    """The lines as an editor numbers them: split at line feeds only (str.splitlines also splits at \x0b,
    \x0c, \x1c–\x1e, which are characters to report, not line ends)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def _control_problem(name: str, line: int, column: int, char: str) -> Problem:
    return Problem(name, line, column, Code.CONTROL_CHAR,
                   f"ký tự điều khiển U+{ord(char):04X} không in được (thường do dán từ Word/PDF) — hãy xóa ký tự này")


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Walker:
    """Turns composed YAML nodes into plain data, keeping positions and collecting problems."""

    def __init__(self, loaded: LoadedFile, lines: list[str] | None = None):
        self.loaded = loaded
        self.lines = lines or []
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
        if node.tag not in _STANDARD_TAGS and _LOCAL_TAG.fullmatch(node.tag):
            return self._text_with_tag(node)
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

    def _text_with_tag(self, node: yaml.Node) -> str:
        """`- !Quan trọng: …` is text starting with `!`, which YAML takes for a tag: reported with the quoted
        line, and read as the text it is."""
        line, column = _mark(node)
        typed = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        finding = diagnose.text_starting_with_indicator(typed, line, column) or diagnose.Finding(
            line, column, Code.YAML_SYNTAX, "dòng chữ bắt đầu bằng `!` — với YAML, `!` ở đầu là một thẻ, không "
            "phải chữ; hãy đặt cả dòng chữ trong ngoặc kép")
        self.problems.append(diagnose.to_problem(self.loaded.name, finding, self.lines))
        if not isinstance(node, yaml.ScalarNode):  # `- !Quan trọng: …`: the tag stands before a `key: value`
            return typed[column - 1:].rstrip()
        value = self._text(node)
        return f"{node.tag} {value}" if value else node.tag

    def _scalar(self, node: yaml.ScalarNode) -> str | None:
        if node.tag == _NULL_TAG and node.style is None:
            return None  # `key:` with nothing after it, or `~` / `null`
        return self._text(node)

    def _text(self, node: yaml.ScalarNode) -> str:
        if not _UNUSUAL.search(node.value):  # nearly every text: nothing to report, nothing to replace
            return unicodedata.normalize("NFC", node.value)
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
        # Reported above; left out of the text, so that the rules checking the rest do not trip on it again.
        return unicodedata.normalize("NFC", _SURROGATE.sub("", text))
