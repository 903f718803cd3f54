"""Problems found in a user's files, reported in Vietnamese as ``tệp:dòng:cột: lỗi MÃ: …``."""

from __future__ import annotations

import enum
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
    """The path as the user typed it relative to the working folder, when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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
    UNKNOWN_KEY = "VB010"
    MISSING_FIELD = "VB011"
    WRONG_TYPE = "VB012"
    BAD_VALUE = "VB013"
    TEMPLATE = "VB020"
    OUTPUT = "VB021"
    OUTPUT_OPEN = "VB022"
    OUTPUT_EDITED = "VB023"
