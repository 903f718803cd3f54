"""Data YAML read without complaint but not as the secretary meant it: a line of text with `: ` in it (or ending
in `:`) read as a `key: value` mapping, a list written without dashes read as one folded line.

Each is reported at its line with the corrected line, and the data is changed to what was meant, so that the
rest of the file is checked as it would be once corrected.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from generator.errors import Code, Problem, shorten
from generator.loader import LoadedFile, Path_, source_lines
from generator.reading import diagnose

_KEY_WORD = re.compile(r"[a-z0-9_]+")  # a key as the model spells them (or a misspelling of one)
# Lists whose every line is one entry; and lists of paragraphs, where a folded line is only taken for a list
# when the lines above the last end a sentence.
LINE_LISTS = frozenset({"trich_yeu", "noi_nhan", "kinh_gui", "don_vi", "gach_dau_dong"})
PARAGRAPH_LISTS = frozenset({"mo_dau", "ket_thuc", "noi_dung", "thanh_phan", "lien_he"})


def diagnose_shape(loaded: LoadedFile) -> list[Problem]:
    """The mistakes of shape of ``loaded`` (its data is changed in place to what was meant)."""
    if not loaded.text or not isinstance(loaded.data, dict):
        return []
    lines = source_lines(loaded.text)
    # Where each line starts, once per file: the line of a text's offset is then a binary search.
    starts = [0] + [match.end() for match in re.finditer("\n", loaded.text)]
    problems: list[Problem] = []
    _walk(loaded, lines, starts, loaded.data, (), problems)
    return sorted(problems)


def _walk(loaded: LoadedFile, lines: list[str], starts: list[int], data: Any, path: Path_,
          problems: list[Problem]) -> None:
    if isinstance(data, dict):
        for key in list(data):
            value = data[key]
            here = path + (key,)
            if isinstance(value, str) and isinstance(key, str):
                found = unlisted_lines(loaded, lines, starts, here, value)
                if found:
                    problems.append(found[0])
                    data[key] = found[1]
                    continue
            _walk(loaded, lines, starts, value, here, problems)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            here = path + (index,)
            found = text_read_as_key(loaded, lines, here, item)
            if found:
                problems.append(found[0])
                data[index] = found[1]
                continue
            _walk(loaded, lines, starts, item, here, problems)


def text_read_as_key(loaded: LoadedFile, lines: list[str], path: Path_, item: Any) -> tuple[Problem, str] | None:
    """`- Kết quả theo từng xã: đạt 90%` or `- Giao các đơn vị:` in a list: text, which YAML reads as a
    mapping of one key because of its colon."""
    if not isinstance(item, dict) or len(item) != 1:
        return None
    ((key, value),) = item.items()
    if not isinstance(key, str) or _KEY_WORD.fullmatch(key) or key.lower() in diagnose.field_names():
        return None
    line, column = loaded.key_positions.get(path + (key,), loaded.position(path))
    typed = lines[line - 1] if 0 < line <= len(lines) else ""
    start = diagnose.value_start(typed)
    fixed = diagnose.quote_text(typed[start:].rstrip()) if typed else None
    fixed = typed[:start] + fixed if fixed else None
    if value is None:
        cause = ("dòng chữ kết thúc bằng dấu `:` nên YAML hiểu nhầm là một tên khóa (như `noi_nhan:`) — "
                 "hãy đặt cả dòng chữ trong ngoặc kép")
        text = f"{key}:"
    elif isinstance(value, str):
        cause = (f"dòng chữ có dấu `:` và dấu cách ở giữa (sau “{shorten(key, 40)}”) nên YAML hiểu nhầm thành "
                 "`khóa: giá trị` — hãy đặt cả dòng chữ trong ngoặc kép")
        text = f"{key}: {value}"
    else:
        cause = ("dòng chữ kết thúc bằng dấu `:` nên YAML hiểu nhầm là một tên khóa, và các dòng thụt vào bên dưới "
                 "thành nội dung của khóa đó — hãy đặt dòng này trong ngoặc kép và viết các dòng dưới thẳng cột "
                 "với nó (hoặc gom chúng vào một nhóm `- gach_dau_dong:`)")
        text = f"{key}:"
    current = start + 1 if typed else column
    if typed[start:start + 1] in ("!", "&"):  # `- !Quan trọng: …`: YAML took `!Quan` for a tag of the key
        cause = diagnose.text_starting_with_indicator(typed, line, start + 1).message
        text = diagnose.strip_comment(typed[start:]).strip()
    finding = diagnose.Finding(line, current, Code.YAML_SYNTAX, cause, fixed)
    return diagnose.to_problem(loaded.file_of(path), finding, lines, column), text


def unlisted_lines(loaded: LoadedFile, lines: list[str], starts: list[int], path: Path_,
                   value: str) -> tuple[Problem, list[str]] | None:
    """A list written without `- `: the lines under `noi_nhan:`, which YAML folds into one line of text.
    ``starts`` holds the offset where each line of ``loaded.text`` starts."""
    name = path[-1]
    if name not in LINE_LISTS and name not in PARAGRAPH_LISTS:
        return None
    if path not in loaded.scalar_spans or path not in loaded.key_positions:
        return None
    key_line = loaded.key_positions[path][0]
    start, end = loaded.scalar_spans[path]
    first, last = bisect.bisect_right(starts, start), bisect.bisect_right(starts, end)
    if first == key_line or last == first or not 0 < first <= len(lines):
        return None
    typed = [lines[n - 1].strip() for n in range(first, min(last, len(lines)) + 1)]
    typed = [t for t in typed if t and not t.startswith("#")]
    if len(typed) < 2 or typed[0][0] in "\"'|>[{":
        return None
    if name in PARAGRAPH_LISTS and not all(t.endswith((".", ";", ":", "!", "?")) for t in typed[:-1]):
        return None
    line = lines[first - 1]
    indent = len(line) - len(line.lstrip(" "))
    fixed = " " * indent + "- " + line.lstrip(" ")
    finding = diagnose.Finding(
        first, indent + 1, Code.YAML_SYNTAX,
        f"các dòng dưới `{name}:` không bắt đầu bằng `- ` nên YAML nối {len(typed)} dòng thành một dòng: "
        f"“{shorten(value, 60)}” — mỗi dòng của danh sách phải bắt đầu bằng dấu `-` và một dấu cách",
        fixed)
    return diagnose.to_problem(loaded.file_of(path), finding, lines, loaded.position(path)[1]), typed
