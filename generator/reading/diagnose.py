"""Why YAML could not read a line, or would read it as something the secretary did not mean.

Each trap is one small function over the raw lines (and, when PyYAML failed, its marks): it names the cause
in plain Vietnamese, at the line where the secretary has to act, and gives the corrected line. The loader
applies the correction and reads on, so that every mistake of a file is found in one run.

Two entry points: :func:`scan` finds the traps PyYAML would misplace or silently accept (a Tab or a non-breaking
space in the indentation, ``ngay:30/4/2021``, ``-Phòng Tài chính``, ``“ngay”:``, ``ngay：``, ``---`` in the
middle, a list item indented under the one above), :func:`explain` turns a PyYAML error into its likely cause.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

import yaml

from generator.errors import Code, Problem, shorten, source_excerpt

# Characters that look like a space but are not one for YAML: no-break (Word), figure, narrow no-break,
# ideographic (full-width), en, em, thin, zero width, and a byte order mark pasted mid-file.
ODD_SPACES = "\u00a0\u2007\u202f\u3000\u2002\u2003\u2009\u200b\ufeff"
_ODD_NAMES = {"\u00a0": "dấu cách không ngắt U+00A0", "\u3000": "dấu cách toàn khổ U+3000",
              "\u200b": "dấu cách vô hình U+200B", "\ufeff": "ký tự vô hình U+FEFF"}
_IDENT = r"[a-z][a-z0-9_]*"
_DASHES = re.compile(r"[ ]*(?:-[ ]+)*")
_DASH = re.compile(r"-(?=[ ])")
_KEY_AFTER = re.compile(rf"({_IDENT})[ ]*:(?=[ ]|$)")
_BLOCK_HEADER = re.compile(r"[|>][-+1-9]*")
_COMMENT = re.compile(r"(^|\s)#")


@dataclass(frozen=True)
class Finding:
    """One trap: where (1-based), the code, the cause and its fix in one sentence, and the corrected line
    (``""`` to delete the line's content; ``None`` when no single line can be corrected)."""

    line: int
    column: int
    code: str
    message: str
    fixed: str | None = None
    show_line: bool = True  # the line with a caret (and the corrected line) follow the message


def to_problem(name: str, finding: Finding, lines: list[str], column: int | None = None) -> Problem:
    """The finding as a problem of file ``name``: the message, then (unless the line cannot be shown usefully)
    the line with a caret under the place and the corrected line. ``column`` is the place reported, when the
    line has been corrected before (the caret stands in the line as shown)."""
    message = finding.message
    if finding.show_line and 0 < finding.line <= len(lines):
        source, at = source_excerpt(lines[finding.line - 1], finding.column)
        message += f"\n    {source}\n    {' ' * (at - 1)}^"
        if finding.fixed is not None:
            shown = source_excerpt(finding.fixed, finding.column)[0] if finding.fixed.strip() else "(xóa dòng này)"
            message += f"\n    sửa thành: {shown}"
    return Problem(name, finding.line, column or finding.column, finding.code, message)


class Line(NamedTuple):  # a tuple, not a frozen dataclass: one is made for every line of every reading
    number: int  # 1-based
    text: str
    # blank, comment, node (YAML syntax), block (inside `>-`/`|`), quoted (inside an open quote), plain (more
    # text of the plain value above: a line indented deeper than the key or the `-` that holds that value)
    kind: str
    indent: int


# ---- the raw lines -------------------------------------------------------------------------------------------

def value_start(text: str) -> int:
    """Where the value of a line starts: after its indentation, its `- ` marks and a `key: ` (keys of this
    project are lowercase words; anything else before a colon is text)."""
    at = _DASHES.match(text).end()
    key = _KEY_AFTER.match(text, at)
    if key:
        at = key.end()
        while at < len(text) and text[at] == " ":
            at += 1
    return at


def close_quote(text: str, start: int, quote: str) -> int:
    """The index just after the quote closing at or after ``start``, or -1."""
    at = start
    while at < len(text):
        char = text[at]
        if quote == '"' and char == "\\":
            at += 2
            continue
        if char == quote:
            if quote == "'" and text.startswith("''", at):
                at += 2
                continue
            return at + 1
        at += 1
    return -1


def strip_comment(text: str) -> str:
    if "#" not in text:  # most lines: the pattern is not run
        return text
    cut = _COMMENT.search(text)
    return text[:cut.start()] if cut else text


def classify(lines: list[str]) -> list[Line]:
    """Each line with its kind: YAML syntax (`node`), or text inside a block scalar or an open quote."""
    out: list[Line] = []
    quote = ""
    block_indent = -1
    plain_indent = -1
    for number, text in enumerate(lines, start=1):
        indent = len(text) - len(text.lstrip(" "))
        stripped = text.strip(" ")
        if quote:
            out.append(Line(number, text, "quoted", indent))
            if close_quote(text, 0, quote) >= 0:
                quote = ""
            continue
        if block_indent >= 0:
            if not stripped or indent > block_indent:
                out.append(Line(number, text, "block", indent))
                continue
            block_indent = -1
        if not stripped:
            out.append(Line(number, text, "blank", indent))
            continue
        if stripped.startswith("#"):
            out.append(Line(number, text, "comment", indent))
            continue
        if plain_indent >= 0 and indent > plain_indent:
            out.append(Line(number, text, "plain", indent))
            continue
        plain_indent = -1
        out.append(Line(number, text, "node", indent))
        start = value_start(text)
        rest = text[start:]
        value = strip_comment(rest)
        if value.strip() and rest[:1] not in "'\"[{|>&*!#%@`":
            key = _KEY_AFTER.match(text, _DASHES.match(text).end())
            plain_indent = key.start() if key else len(text[:start].rstrip(" ")) - 1
        if rest[:1] in ("'", '"'):
            if close_quote(text, start + 1, rest[0]) < 0:
                quote = rest[0]
        elif _BLOCK_HEADER.fullmatch(value.rstrip()):
            block_indent = indent
    return out


_LOOK_BACK = 500  # lines: no real text runs on longer; the bound keeps a scan of any file linear


def _previous_node(info: list[Line], number: int) -> Line | None:
    for index in range(number - 2, max(-1, number - 2 - _LOOK_BACK), -1):
        if info[index].kind == "node":
            return info[index]
    return None


def _siblings(info: list[Line], number: int) -> tuple[Line | None, Line | None, Line | None]:
    """The node lines at the same indentation just before and just after line ``number`` (skipping deeper
    lines), and the parent line (the nearest one above with less indentation)."""
    here = info[number - 1].indent
    before = after = parent = None
    for index in range(number - 2, -1, -1):
        line = info[index]
        if line.kind != "node" or line.indent > here:
            continue
        if line.indent == here:
            before = before or line
            continue
        parent = line
        break
    for index in range(number, len(info)):
        line = info[index]
        if line.kind != "node" or line.indent > here:
            continue
        if line.indent == here:
            after = line
        break
    return before, after, parent


def _is_item(line: Line | None) -> bool:
    return line is not None and line.text.lstrip(" ").startswith("-") and not line.text.lstrip(" ").startswith("---")


def _is_key(line: Line | None) -> bool:
    return line is not None and _KEY_AFTER.match(line.text, _DASHES.match(line.text).end()) is not None


def _opens_block(line: Line) -> bool:
    """`key:` or `-` with nothing after: the next line may be indented deeper."""
    rest = strip_comment(line.text[value_start(line.text):]).strip()
    return rest == "" or rest == "-"


def _label(line: Line) -> str:
    body = line.text.strip()
    key = _KEY_AFTER.match(body, _DASHES.match(body).end())
    if key:
        return f"`{body[:key.end()]}`"
    return f"`{shorten(body, 30)}`"


def quote_text(text: str) -> str:
    """``text`` in quotes YAML reads back as the same text: double quotes, or single ones when it has `"` or
    `\\` in it."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _quoted_value(text: str, start: int) -> str:
    value = strip_comment(text[start:]).rstrip() if not text[start:].lstrip().startswith(("'", '"')) \
        else text[start:].rstrip()
    return text[:start] + quote_text(value)


@functools.cache
def field_names() -> frozenset[str]:
    """Every key of a document or an office profile (imported late: the model imports the loader's users)."""
    from pydantic import BaseModel

    from generator import model
    from generator.cycle import office

    names: set[str] = set()
    for module in (model, office):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                names.update(value.model_fields)
    return frozenset(names)


@functools.cache
def item_field_names() -> frozenset[str]:
    """The keys a `- key: …` list entry may start with (a recipient, a numbered item, a group of bullets, a
    table, an appendix)."""
    from generator import model

    names: set[str] = set()
    for name in ("Recipient", "Item", "Bullets", "TableBlock", "Appendix", "Column"):
        names.update(getattr(getattr(model, name, None), "model_fields", {}))
    return frozenset(names)


def _known_key(lead: str, key: str) -> bool:
    return key in (item_field_names() if "-" in lead else field_names())


# ---- traps found in the raw lines, before (and whatever) PyYAML says ----------------------------------------------

def tab_indent(line: str, number: int) -> Finding | None:
    indent = len(line) - len(line.lstrip(" \t" + ODD_SPACES))
    if "\t" not in line[:indent]:
        return None
    fixed = line[:indent].replace("\t", "  ").replace("\u00a0", " ") + line[indent:]
    return Finding(number, line.index("\t") + 1, Code.TAB_INDENT,
                   "thụt đầu dòng bằng phím Tab — YAML chỉ nhận dấu cách; hãy thay Tab bằng 2 dấu cách", fixed,
                   show_line=False)


def odd_space_indent(line: str, number: int) -> Finding | None:
    indent = len(line) - len(line.lstrip(" " + ODD_SPACES))
    odd = next((c for c in line[:indent] if c in ODD_SPACES), None)
    if odd is None or not line[indent:].strip():
        return None
    name = _ODD_NAMES.get(odd, f"dấu cách đặc biệt U+{ord(odd):04X}")
    fixed = " " * indent + line[indent:]
    return Finding(number, line.index(odd) + 1, Code.TAB_INDENT,
                   f"thụt đầu dòng bằng {name} (thường do dán từ Word) — YAML không coi đó là dấu cách nên "
                   f"không biết dòng này thuộc khóa nào; hãy xóa phần thụt đầu dòng rồi gõ lại bằng phím cách",
                   fixed, show_line=False)


_GLUED_KEY = re.compile(rf"^([ ]*(?:-[ ]+)*)({_IDENT}):(?!//)([^ :].*)$")


def glued_key(line: Line, known_only: bool = True) -> Finding | None:
    """`ngay:30/4/2021`: no space after the colon, so YAML reads one word, not a key and a value."""
    match = _GLUED_KEY.match(line.text)
    if not match or (known_only and not _known_key(match.group(1), match.group(2))):
        return None
    lead, key, value = match.groups()
    odd = value[0] in ODD_SPACES
    fixed = f"{lead}{key}: {value.lstrip(ODD_SPACES)}"
    cause = (f"sau dấu `:` của khóa `{key}` là một {_ODD_NAMES.get(value[0], 'dấu cách đặc biệt')}, không phải "
             "dấu cách thường" if odd else f"thiếu dấu cách sau dấu `:` của khóa `{key}`")
    return Finding(line.number, len(lead) + len(key) + 1, Code.YAML_SYNTAX,
                   f"{cause} — YAML chỉ hiểu là `khóa: giá trị` khi sau dấu `:` có một dấu cách; "
                   "hãy thêm dấu cách", fixed)


_GLUED_DASH = re.compile(r"^([ ]*)-([^ \-].*)$")


def glued_dash(info: list[Line], line: Line) -> Finding | None:
    """`-Phòng Tài chính` beside `- …` lines (or as the first line under `key:`): no space after the dash."""
    match = _GLUED_DASH.match(line.text)
    if not match:
        return None
    before, after, parent = _siblings(info, line.number)
    in_list = _is_item(before) or _is_item(after)
    first_under_key = (before is None and parent is not None and _opens_block(parent)
                       and (match.group(2)[0].isalpha() or match.group(2)[0] in ODD_SPACES))
    if not (in_list or first_under_key):
        return None
    fixed = f"{match.group(1)}- {match.group(2).lstrip(ODD_SPACES)}"
    return Finding(line.number, len(match.group(1)) + 1, Code.YAML_SYNTAX,
                   "thiếu dấu cách sau dấu `-` đầu dòng — YAML chỉ hiểu là một dòng của danh sách khi sau `-` có "
                   "một dấu cách (không có thì dòng này bị nối vào dòng trên hoặc thành chữ `-…`); "
                   "hãy thêm dấu cách", fixed)


_WIDE_COLON = re.compile(rf"^([ ]*(?:-[ ]+)*)({_IDENT})[ ]*：[ {ODD_SPACES}]*(.*)$")


def wide_colon(line: Line) -> Finding | None:
    match = _WIDE_COLON.match(line.text) if "：" in line.text else None  # most lines: the pattern is not run
    if not match or not _known_key(match.group(1), match.group(2)):
        return None
    lead, key, value = match.groups()
    fixed = f"{lead}{key}:" + (f" {value}" if value else "")
    return Finding(line.number, line.text.index("：") + 1, Code.YAML_SYNTAX,
                   f"sau khóa `{key}` là dấu hai chấm toàn khổ `：` (của bộ gõ tiếng Trung, Nhật) — YAML chỉ nhận "
                   "dấu `:` thường, theo sau một dấu cách; hãy gõ lại dấu `:`", fixed)


_CURLY_KEY = re.compile(rf"^([ ]*(?:-[ ]+)*)([“”‘’\"'])({_IDENT})([“”‘’\"'])[ ]*[:：][ {ODD_SPACES}]*(.*)$")


def curly_key(line: Line) -> Finding | None:
    match = _CURLY_KEY.match(line.text)
    if not match or not any(q in "“”‘’" for q in match.group(2, 4)):
        return None
    lead, opening, key, closing, value = match.groups()
    fixed = f"{lead}{key}:" + (f" {value}" if value else "")
    return Finding(line.number, len(lead) + 1, Code.YAML_SYNTAX,
                   f"tên khóa `{key}` nằm trong ngoặc kép cong {opening}…{closing} (Word tự đổi khi gõ) — tên khóa "
                   "viết trơn, không có ngoặc; hãy xóa hai dấu ngoặc", fixed)


def document_marker(info: list[Line], line: Line) -> Finding | None:
    """`---` (or `...`) after the first key: YAML starts a second document there."""
    if not line.text.startswith(("---", "...")):  # most lines: the pattern is not run
        return None
    if not re.fullmatch(r"(---|\.\.\.)([ ].*)?", line.text.rstrip()):
        return None
    if not any(other.kind == "node" and not other.text.startswith(("---", "%"))
               for other in info[:line.number - 1]):
        return None
    mark = line.text[:3]
    return Finding(line.number, 1, Code.YAML_SYNTAX,
                   f"dòng `{mark}` chia tệp thành hai văn bản YAML — một tệp chỉ viết một văn bản; hãy xóa dòng "
                   "này (muốn ngăn cách các phần thì để một dòng trống)", "")


def _dash_columns(text: str) -> set[int]:
    """The columns (0-based) of the dashes that open a line's items: `    - - a` → {4, 6}."""
    return {match.start() for match in _DASH.finditer(text, 0, _DASHES.match(text).end())}


def item_swallowed(info: list[Line], line: Line) -> Finding | None:
    """`  - A` then `   - B`: the deeper dash line is read as more text of the item above."""
    if not line.text.lstrip(" ").startswith("- "):
        return None
    above = _previous_node(info, line.number)
    if above is None or line.indent <= above.indent or not _is_item(above):
        return None
    if line.indent in _dash_columns(above.text):
        return None  # `- - a` then `  - b`: b is the next item of the inner list, as YAML's own dumper writes it
    start = value_start(above.text)
    rest = strip_comment(above.text[start:]).strip()
    if start != _DASHES.match(above.text).end() or not rest or rest[0] in "\"'[{|>&*!":
        return None  # a `- key: value` item, an empty one, or quoted text: then the line is something else
    if line.indent - above.indent >= 2 and len(above.text.rstrip()) >= 60:
        return None  # a long paragraph wrapped at a dash used as punctuation (“… sở, ngành - địa phương”)
    fixed = " " * above.indent + line.text.lstrip(" ")
    return Finding(line.number, line.indent + 1, Code.YAML_SYNTAX,
                   f"dòng này thụt vào {line.indent} dấu cách, sâu hơn dòng `- …` ở dòng {above.number} ("
                   f"{above.indent} dấu cách) nên YAML nối nó vào dòng đó thành một dòng chữ — các dòng `- ` "
                   f"của một danh sách phải thẳng cột; hãy thụt vào {above.indent} dấu cách", fixed)


def anchor_text(line: Line, whole: str) -> Finding | None:
    """`- &Tăng cường …`: YAML takes `&Tăng` for an anchor's name and drops it from the text, without error.
    An anchor that no `*name` uses is text."""
    if "&" not in line.text:  # most lines: the pattern is not run
        return None
    start = value_start(line.text)
    match = re.match(r"&([^\s]+)[ ]+[^\s#\[{]", line.text[start:])
    if not match or f"*{match.group(1)}" in whole:
        return None
    return text_starting_with_indicator(line.text, line.number, start + 1)


def scan(lines: list[str]) -> list[Finding]:
    """Every trap of the raw lines, in file order. ``lines`` is corrected as each is found (a line may hold
    several: a Tab, then a missing space), so that the next rules see the line as it will be read."""
    found: list[Finding] = []
    for index, text in enumerate(lines):
        finding = tab_indent(text, index + 1)
        if finding:
            found.append(finding)
            lines[index] = finding.fixed
    # A no-break space opening a line of YAML, not one opening more text of a quoted or plain value above
    # (the lines are classified for it only when a line starts with one)
    odd = [line.number for line in classify(lines) if line.kind == "node" and line.text[:1] in ODD_SPACES] \
        if any(text and text[0] in ODD_SPACES for text in lines) else []
    for number in odd:
        finding = odd_space_indent(lines[number - 1], number)
        if finding:
            found.append(finding)
            lines[number - 1] = finding.fixed
    info = classify(lines)
    whole = "\n".join(lines)
    for index, line in enumerate(info):
        for _ in range(3):
            if line.kind == "plain":  # more text of the line above: only a `- ` line indented under an item
                finding = item_swallowed(info, line)
            elif line.kind == "node":
                finding = (document_marker(info, line) or curly_key(line) or wide_colon(line) or glued_key(line)
                           or glued_dash(info, line) or item_swallowed(info, line) or anchor_text(line, whole))
            else:
                break
            if finding is None or finding.fixed is None or finding.fixed == line.text:
                break
            found.append(finding)
            lines[index] = finding.fixed
            line = info[index] = Line(line.number, finding.fixed, line.kind if finding.fixed.strip() else "blank",
                                      len(finding.fixed) - len(finding.fixed.lstrip(" ")))
    return found


# ---- causes of a PyYAML error ---------------------------------------------------------------------------------

def _where(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _problem_line(exc: yaml.MarkedYAMLError, info: list[Line]) -> tuple[int, int, str]:
    """Line, column and text of the place PyYAML stopped at (the text is empty past the end of the file)."""
    line, column = _where(exc.problem_mark)
    return line, column, info[line - 1].text if line <= len(info) else ""


def unclosed_quote(exc: yaml.MarkedYAMLError, info: list[Line]) -> Finding | None:
    """A quote opened and not closed on its line: PyYAML reads on to the next quote, lines or pages below,
    and fails there. The place to act is where the quote opens."""
    line, _ = _where(exc.problem_mark)
    line = min(line, len(info))
    at = line
    while at >= 1 and info[at - 1].kind == "quoted":
        at -= 1
    if at == line or at < 1:
        return None
    opening = info[at - 1]
    start = value_start(opening.text)
    quote = opening.text[start]
    ended = "hết tệp" if exc.problem and "end of stream" in exc.problem else f"dòng {line}"
    return Finding(opening.number, start + 1, Code.YAML_SYNTAX,
                   f"thiếu dấu ngoặc kép đóng: dấu `{quote}` mở ở đây nhưng không đóng trên cùng dòng, nên YAML đọc "
                   f"cả các dòng bên dưới (tới {ended}) như một dòng chữ — hãy thêm dấu `{quote}` ở cuối dòng",
                   opening.text.rstrip() + quote)


def two_documents(exc: yaml.MarkedYAMLError, info: list[Line]) -> Finding | None:
    if "single document" not in (exc.context or "") and "<document start>" not in (exc.problem or ""):
        return None
    line, _ = _where(exc.problem_mark)
    for candidate in reversed(info[:line]):
        if re.fullmatch(r"(---|\.\.\.)([ ].*)?", candidate.text.rstrip()):
            return document_marker(info, candidate)
        if candidate.kind == "node" and candidate.text.startswith("%"):
            return Finding(candidate.number, 1, Code.YAML_SYNTAX,
                           "dòng bắt đầu bằng `%` ở sát lề là một chỉ thị của YAML — nếu đây là chữ thì hãy đặt "
                           "dưới đúng khóa, trong ngoặc kép", None)
    return None


def quoted_then_more(exc: yaml.MarkedYAMLError, info: list[Line]) -> Finding | None:
    """`"Năm 2021" huyện được giao …`: quotes only around the start of the text."""
    if "<scalar>" not in (exc.problem or "") and "expected a comment" not in (exc.problem or ""):
        return None
    line, column, text = _problem_line(exc, info)
    if not text:
        return None
    start = value_start(text)
    if text[start:start + 1] not in ("'", '"'):
        return None
    end = close_quote(text, start + 1, text[start])
    if end < 0 or end >= column:
        return None
    quoted = shorten(text[start:end], 40)
    fixed = text[:start] + "'" + text[start:].rstrip().replace("'", "''") + "'"
    return Finding(line, column, Code.YAML_SYNTAX,
                   f"dòng chữ bắt đầu bằng ngoặc kép {quoted} nhưng sau dấu ngoặc đóng còn chữ — YAML chỉ cho ngoặc "
                   "kép bao trọn cả dòng chữ; hãy bao cả dòng bằng dấu ngoặc đơn `'…'`", fixed)


_INDICATORS = {"*": "một tham chiếu", "&": "một neo", "!": "một thẻ", "%": "một chỉ thị",
               "@": "ký tự dành riêng", "`": "ký tự dành riêng", "|": "đầu một khối chữ nhiều dòng",
               ">": "đầu một khối chữ nhiều dòng"}


def leading_indicator(exc: yaml.MarkedYAMLError, info: list[Line]) -> Finding | None:
    """Text starting with `*`, `&`, `!`, `%`, `@`, `` ` ``, `|` or `>`."""
    mark = exc.context_mark if exc.context and any(
        word in exc.context for word in ("alias", "anchor", "tag", "block scalar")) else exc.problem_mark
    line, column = _where(mark)
    if line > len(info):
        return None
    return text_starting_with_indicator(info[line - 1].text, line, column)


def text_starting_with_indicator(text: str, line: int, column: int) -> Finding | None:
    start = value_start(text)
    char = text[start:start + 1]
    if char not in _INDICATORS or column != start + 1:
        return None
    shown = "dấu `" if char == "`" else f"`{char}`"
    return Finding(line, column, Code.YAML_SYNTAX,
                   f"dòng chữ bắt đầu bằng {shown} — với YAML, {shown} ở đầu là {_INDICATORS[char]}, không phải "
                   "chữ; hãy đặt cả dòng chữ trong ngoặc kép", _quoted_value(text, start))


def _levels(info: list[Line], number: int) -> tuple[list[tuple[int, Line]], bool]:
    """The indentations a line may have after the lines above it (each with the line that has it), deepest
    first; and whether any deeper one is allowed too (the line above opens a block)."""
    stack: list[tuple[int, Line]] = []
    last = None
    for line in info[:number - 1]:
        if line.kind != "node":
            continue
        while stack and stack[-1][0] > line.indent:
            stack.pop()
        if stack and stack[-1][0] == line.indent:
            stack.pop()
        stack.append((line.indent, line))
        inner = _DASHES.match(line.text).end()
        if inner > line.indent and _KEY_AFTER.match(line.text, inner):
            stack.append((inner, line))  # `- noi: …`: the next keys of the item stand under `noi`
        last = line
    return list(reversed(stack)), last is not None and _opens_block(last)


def bad_indent(info: list[Line], number: int) -> Finding | None:
    line = info[number - 1]
    levels, deeper_allowed = _levels(info, number)
    if not levels or any(level == line.indent for level, _ in levels):
        return None
    if deeper_allowed and line.indent > levels[0][0]:
        return None
    level, like = min(levels, key=lambda pair: (abs(pair[0] - line.indent), -pair[0]))
    choices = "; ".join(f"{lvl} dấu cách (thẳng cột với {_label(other)} ở dòng {other.number})"
                        for lvl, other in levels[:3])
    fixed = " " * level + line.text.lstrip(" ")
    return Finding(number, line.indent + 1, Code.YAML_SYNTAX,
                   f"dòng này thụt vào {line.indent} dấu cách, không thẳng cột với dòng nào ở trên — YAML dựa vào "
                   f"thụt đầu dòng để biết dòng thuộc khóa nào; ở đây chỉ dùng được: {choices} — hãy thụt vào "
                   f"{level} dấu cách như {_label(like)}", fixed)


def mixed_kinds(info: list[Line], number: int) -> Finding | None:
    """A `key:` among `- …` lines, or a `- …` among `key:` lines, under one key."""
    line = info[number - 1]
    before, _, parent = _siblings(info, number)
    owner = f"`{parent.text.strip()}`" if parent else "tệp"
    if parent is None and (_is_item(line) != _is_item(before)):
        return Finding(number, line.indent + 1, Code.YAML_SYNTAX,
                       "sát lề trái tệp vừa có dòng `- …` vừa có dòng `khóa: giá trị` — tệp phải là các dòng "
                       "`khóa: giá trị` (ví dụ `loai: thong-bao-ket-luan`); dòng `- …` phải thụt vào dưới một khóa",
                       None)
    if _is_key(line) and _is_item(before) and not _is_item(line):
        key = _KEY_AFTER.match(line.text, line.indent).group(1)
        above = before
        if _KEY_AFTER.match(above.text, _DASHES.match(above.text).end()):
            inner = _DASHES.match(above.text).end()
            return Finding(number, line.indent + 1, Code.YAML_SYNTAX,
                           f"khóa `{key}:` đứng giữa các dòng `- …` của danh sách {owner} — nếu `{key}` thuộc mục "
                           f"`- …` ở dòng {above.number} thì phải thụt vào thẳng cột với khóa đầu của mục đó "
                           f"({inner} dấu cách)", " " * inner + line.text.lstrip(" "))
        target = parent.indent if parent else 0
        return Finding(number, line.indent + 1, Code.YAML_SYNTAX,
                       f"khóa `{key}:` đứng giữa các dòng `- …` của danh sách {owner} — một khóa chỉ chứa một kiểu: "
                       f"các khóa hoặc một danh sách; nếu `{key}` là một khóa riêng thì viết thẳng cột với {owner}",
                       " " * target + line.text.lstrip(" "))
    if _is_item(line) and _is_key(before) and not _is_item(before):
        return Finding(number, line.indent + 1, Code.YAML_SYNTAX,
                       f"dưới {owner} các dòng ở trên là `khóa: giá trị`, còn dòng này là một dòng `- …` của danh "
                       "sách — một khóa chỉ chứa một kiểu: các khóa hoặc một danh sách; nếu đây là một dòng của "
                       f"danh sách ở khóa trên thì hãy thụt vào sâu hơn khóa đó", None)
    return None


def indentation(exc: yaml.MarkedYAMLError, info: list[Line]) -> Finding | None:
    problem = exc.problem or ""
    if not any(s in problem for s in ("expected <block end>", "did not find expected", "mapping values")):
        return None
    line, _ = _where(exc.problem_mark)
    if line > len(info) or info[line - 1].kind not in ("node", "plain"):
        return None
    if "mapping values" in problem:
        above = _previous_node(info, line)
        if not _is_key(info[line - 1]) or above is None or info[line - 1].indent <= above.indent:
            return None  # a colon inside text, not a key indented under a line that already has its value
    return bad_indent(info, line) or mixed_kinds(info, line)


def colon_in_text(exc: yaml.MarkedYAMLError, info: list[Line]) -> Finding | None:
    """`mo_dau: Kết quả: đạt 90%` — a colon and a space inside text."""
    if "mapping values" not in (exc.problem or ""):
        return None
    line, column, text = _problem_line(exc, info)
    if not text:
        return None
    start = value_start(text)
    if start >= column:  # the colon is the key's own: the key stands in text of the line above
        start = _DASHES.match(text).end()
    before = shorten(text[start:column - 1].strip(), 40)
    if not strip_comment(text[column:]).strip():
        return Finding(line, column, Code.YAML_SYNTAX,
                       "dòng chữ kết thúc bằng dấu `:` nên YAML hiểu nhầm là một tên khóa (như `noi_nhan:`) — hãy "
                       "đặt cả dòng chữ trong ngoặc kép", _quoted_value(text, start))
    return Finding(line, column, Code.YAML_SYNTAX,
                   f"dòng chữ có dấu `:` và dấu cách ở giữa (sau “{before}”) nên YAML hiểu nhầm thành `khóa: giá trị` "
                   "— hãy đặt cả dòng chữ trong ngoặc kép", _quoted_value(text, start))


def no_colon(exc: yaml.MarkedYAMLError, info: list[Line]) -> Finding | None:
    """PyYAML met a line that is neither `key: value` nor `- …` where a key was due."""
    if "could not find expected ':'" not in (exc.problem or "") or exc.context_mark is None:
        return None
    number, _ = _where(exc.context_mark)
    if number > len(info):
        return None
    line = info[number - 1]
    found = glued_key(line, known_only=False) or wide_colon(line) or glued_dash(info, line)
    if found:
        return found
    before, after, _ = _siblings(info, number)
    body = line.text.strip()
    if (_is_item(before) or _is_item(after)) and not _is_item(line):
        return Finding(number, line.indent + 1, Code.YAML_SYNTAX,
                       "dòng này nằm giữa các dòng `- …` của một danh sách nhưng không bắt đầu bằng `- ` — mỗi dòng "
                       "của danh sách phải bắt đầu bằng dấu `-` và một dấu cách",
                       " " * line.indent + "- " + body)
    if re.fullmatch(_IDENT, body):
        return Finding(number, len(line.text.rstrip()) + 1, Code.YAML_SYNTAX,
                       f"tên khóa `{body}` thiếu dấu `:` ở cuối — YAML chỉ hiểu là một khóa khi có dấu `:`; hãy thêm "
                       "dấu `:`", line.text.rstrip() + ":")
    return Finding(number, line.indent + 1, Code.YAML_SYNTAX,
                   "dòng chữ này đứng ở chỗ của một khóa (các dòng cùng cột là `khóa: giá trị`) — nếu là phần tiếp "
                   "của dòng chữ ở trên thì hãy thụt vào sâu hơn; nếu là một khóa thì viết `khóa: giá trị`", None)


def bad_escape(exc: yaml.MarkedYAMLError, info: list[Line]) -> Finding | None:
    if "escape character" not in (exc.problem or ""):
        return None
    line, column, text = _problem_line(exc, info)
    slash = text.rfind("\\", 0, column - 1)
    if slash < 0:
        return None
    return Finding(line, slash + 1, Code.YAML_SYNTAX,
                   "dấu `\\` trong ngoặc kép \"…\" bắt đầu một mã đặc biệt — muốn viết chính dấu `\\` thì gõ hai lần "
                   "`\\\\`", text[:slash] + "\\" + text[slash:])


def tab_inside(exc: yaml.MarkedYAMLError, info: list[Line]) -> Finding | None:
    if "'\\t'" not in (exc.problem or "") and "tab character" not in (exc.problem or ""):
        return None
    line, column, text = _problem_line(exc, info)
    if text[column - 1:column] != "\t":
        return None
    return Finding(line, column, Code.TAB_INDENT, "có ký tự Tab ở đây — YAML chỉ nhận dấu cách; hãy thay bằng một "
                   "dấu cách", text[:column - 1] + " " + text[column:])


_HINTS = (
    ("undefined alias", "dòng chữ bắt đầu bằng `*` — với YAML đó là một tham chiếu; hãy đặt cả dòng trong ngoặc kép"),
    ("end of stream", "thiếu dấu ngoặc đóng"),
    ("expected ',' or ']'", "thiếu dấu `]` đóng danh sách viết trong ngoặc vuông"),
    ("expected ',' or '}'", "thiếu dấu `}` đóng bảng viết trong ngoặc nhọn"),
    ("expected <block end>", "dòng này không thẳng cột với các dòng cùng cấp ở trên"),
    ("did not find expected", "dòng này không thẳng cột với các dòng cùng cấp ở trên, hoặc thiếu dấu `:` hay `- `"),
    ("cannot start any token", "dòng bắt đầu bằng một ký tự YAML dành riêng — hãy đặt cả dòng chữ trong ngoặc kép"),
)


def explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> Finding:
    """The likely cause of a PyYAML error, at the line to correct; never PyYAML's English."""
    info = classify(lines)
    for rule in (unclosed_quote, two_documents, quoted_then_more, leading_indicator, bad_escape, tab_inside,
                 indentation, colon_in_text, no_colon):
        found = rule(exc, info)
        if found:
            return found
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and exc.problem and "end of stream" in exc.problem:
        mark = exc.context_mark
    line, column = _where(mark)
    original = f"{exc.context or ''} {exc.problem or ''}"
    hint = next((vi for en, vi in _HINTS if en in original),
                "YAML không đọc được chỗ này — hãy kiểm tra dấu `:` sau tên khóa, dấu `- ` đầu dòng danh sách và "
                "thụt đầu dòng so với dòng trên")
    return Finding(line, column, Code.YAML_SYNTAX, hint, None)
