"""Problems found in a user's files, reported in Vietnamese as ``tệp:dòng:cột: lỗi MÃ: …``."""

from __future__ import annotations

import enum
import errno
import os
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.Enum):
    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding at one place of one file. Sorting orders by file, then line, then column."""

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity.value} {self.code}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class InputError(Exception):
    """Raised by a stage that cannot go on; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = sorted(problems)


def display_path(path: Path) -> str:
    """The path as the user typed it, relative to the working folder when it is below it; a symbolic link is
    shown by its own name, not by the file it points to."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(os.path.abspath(os.getcwd())))
    except ValueError:
        return str(path)


# What the operating system says, in the secretary's words (its own strerror is English).
_OS_REASONS = {
    errno.ENOENT: "không có tệp hay thư mục này",
    errno.EISDIR: "đây là một thư mục, không phải một tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.ENOSPC: "đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ELOOP: "đường dẫn có liên kết vòng",
    errno.EBUSY: "tệp đang bị chương trình khác dùng",
    errno.EEXIST: "tệp đã có",
    errno.EXDEV: "không chuyển được tệp giữa hai ổ đĩa",
}


def os_reason(exc: OSError) -> str:
    """The cause of an operating-system error in Vietnamese, with its number for a technician."""
    reason = _OS_REASONS.get(exc.errno or 0, "lỗi của hệ điều hành")
    return f"{reason}, mã {errno.errorcode.get(exc.errno or 0, exc.errno)}" if exc.errno else reason


MAX_SHOWN = 200  # a pasted megabyte of text is shown as a window around the place, never whole


def shorten(text: str, width: int = MAX_SHOWN) -> str:
    """``text`` for a message: at most ``width`` characters, the cut marked with …"""
    return text if len(text) <= width else text[:width - 1] + "…"


def source_excerpt(line: str, column: int, width: int = MAX_SHOWN) -> tuple[str, int]:
    """A window of at most ``width`` characters of ``line`` around ``column`` (1-based), and the column of the
    same character inside the window, so that a caret under it still points at it."""
    if len(line) <= width:
        return line, column
    start = max(0, min(column - 1 - width // 2, len(line) - (width - 2)))
    window = line[start:start + width - 2]
    prefix = "…" if start else ""
    suffix = "…" if start + len(window) < len(line) else ""
    return prefix + window + suffix, column - start + len(prefix)


class Code(enum.StrEnum):
    """Stable codes of the problems found before any rule of a rulebook is checked."""

    YAML_SYNTAX = "VB001"
    DUPLICATE_KEY = "VB002"
    NOT_UTF8 = "VB003"
    TAB_INDENT = "VB004"
    CONTROL_CHAR = "VB005"
    NOT_A_MAPPING = "VB006"
    UNSUPPORTED_YAML = "VB007"
    LEGACY_ENCODING = "VB008"
    IMPORT_UNREADABLE = "VB009"  # the input of `vanban import` is not a readable DOCX or TXT
    UNKNOWN_KEY = "VB010"
    MISSING_FIELD = "VB011"
    WRONG_TYPE = "VB012"
    BAD_VALUE = "VB013"
    TEMPLATE = "VB020"
    OUTPUT = "VB021"
    OUTPUT_OPEN = "VB022"
    OUTPUT_EDITED = "VB023"
    CONVERSION = "VB024"
    DUPLICATE_NUMBER = "VB030"
