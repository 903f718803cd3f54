"""Opening the file to import: a Word file (.docx) or a text (.txt, UTF-8) — blocks, or a Vietnamese problem
`tệp:1:1: lỗi MÃ: …` when it cannot be read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from generator.errors import Code, InputError, Problem, display_path, os_reason
from generator.importing import docx_reader, txt_reader
from generator.importing.blocks import Block
from generator.legacy_encoding import detect, to_unicode

UNREADABLE = Code.IMPORT_UNREADABLE
SUFFIXES = (".docx", ".txt")


def read(path: Path) -> tuple[list[Block], str | None]:
    """The blocks of the file, and a note when its text was converted from a legacy encoding."""
    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _problem(shown, UNREADABLE, f"chỉ nhập được tệp .docx hoặc .txt (tệp .doc cũ: mở bằng Word rồi "
                                          f"“Lưu thành” .docx), không phải `{path.suffix or 'không đuôi'}`")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _problem(shown, UNREADABLE, f"không đọc được tệp ({os_reason(exc)})") from exc
    if suffix == ".docx":
        try:
            return docx_reader.read(io.BytesIO(data)), None
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
            raise _problem(shown, UNREADABLE, "tệp không phải tệp Word .docx đọc được (hỏng, hoặc là tệp khác "
                                              "đổi đuôi) — hãy mở bằng Word rồi lưu lại thành .docx") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        message = "tệp văn bản không phải bảng mã UTF-8 — hãy mở bằng Notepad rồi lưu lại với bảng mã UTF-8"
        raise InputError([Problem(shown, line, 1, Code.NOT_UTF8, message)]) from exc
    legacy = detect(text)
    if legacy is not None:
        return txt_reader.read(to_unicode(text, legacy)), f"chữ được chuyển từ bảng mã {legacy.value} sang Unicode"
    return txt_reader.read(text), None


def _problem(shown: str, code: str, message: str) -> InputError:
    return InputError([Problem(shown, 1, 1, code, message)])
