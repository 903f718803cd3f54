"""Writing a DOCX without ever losing the user's work.

- Atomic: a temporary file beside the target, then a rename; a crash or Ctrl-C leaves the old file whole.
- A document open in Word or LibreOffice (its lock file exists) is not replaced under the program's feet.
- Every DOCX we write carries a fingerprint of its content in its custom properties. When the file on disk no
  longer matches its fingerprint, somebody edited it after we made it: we do not overwrite it unless asked
  (``--force``), and then only after keeping the old file as a dated backup.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import io
import os
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Code

if TYPE_CHECKING:  # the package module imports lxml, which `vanban check` (through BACKUP_MARK) does not need
    from generator.rendering.package import Part

FINGERPRINT_PROPERTY = "vanban-dau-van-tay"
_CUSTOM_PART = "docProps/custom.xml"
_CUSTOM_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_PACKAGE_PARTS = ("[Content_Types].xml", "_rels/.rels")  # changed by stamping itself, so not fingerprinted


class TargetRefused(Exception):
    """The target may not be written; ``code`` and the Vietnamese message say why."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def fingerprint(data: bytes) -> str:
    """SHA-256 over every part a person can change in Word (not the package metadata, not docProps)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return _digest((name, _chunks(package, name)) for name in package.namelist())


def _chunks(package: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    with package.open(name) as part:
        yield from iter(lambda: part.read(1 << 20), b"")


def _digest(parts: Iterable[tuple[str, Iterable[bytes]]]) -> str:
    """The fingerprint of (name, content pieces) in any order: names sorted, package metadata left out."""
    digest = hashlib.sha256()
    for name, pieces in sorted(parts, key=lambda part: part[0]):
        if name.startswith("docProps/") or name in _PACKAGE_PARTS:
            continue
        digest.update(name.encode("utf-8") + b"\0")
        for piece in pieces:
            digest.update(piece)
        digest.update(b"\0")
    return digest.hexdigest()


def stamped(parts: list[Part]) -> bytes:
    """The DOCX of ``parts`` with its fingerprint in the custom properties (docProps/custom.xml), zipped once."""
    from generator.rendering.package import zipped

    value = _digest((name, (content,)) for name, content in parts)
    names = {name for name, _ in parts}
    out = []
    for name, content in parts:
        if name == "[Content_Types].xml" and _CUSTOM_PART not in names:
            content = content.replace(b"</Types>", (
                f'<Override PartName="/{_CUSTOM_PART}" ContentType="{_CUSTOM_CONTENT_TYPE}"/></Types>').encode())
        elif name == "_rels/.rels" and _CUSTOM_PART not in names:
            content = content.replace(b"</Relationships>", (
                f'<Relationship Id="rIdVanbanCustom" Type="{_CUSTOM_RELATIONSHIP}" '
                f'Target="{_CUSTOM_PART}"/></Relationships>').encode())
        elif name == _CUSTOM_PART:
            content = _with_property(content.decode("utf-8"), value).encode("utf-8")
        out.append((name, content))
    if _CUSTOM_PART not in names:
        out.append((_CUSTOM_PART, _with_property(_EMPTY_CUSTOM, value).encode("utf-8")))
    return zipped(out)


_EMPTY_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                 'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>')
_PROPERTY = re.compile(r'<property [^>]*name="' + FINGERPRINT_PROPERTY + r'"[^>]*>.*?</property>', re.DOTALL)


def _with_property(xml: str, value: str) -> str:
    xml = _PROPERTY.sub("", xml)
    ids = [int(i) for i in re.findall(r'pid="(\d+)"', xml)]
    element = (f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{max(ids, default=1) + 1}" '
               f'name="{FINGERPRINT_PROPERTY}"><vt:lpwstr>{value}</vt:lpwstr></property>')  # hex: no escaping
    return xml.replace("</Properties>", element + "</Properties>")


# What reading a damaged or hostile zip can raise, from the zip layer, zlib and the text decoding.
_DAMAGED_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError, OSError, RuntimeError,
                NotImplementedError, ValueError, zlib.error)


def stored_fingerprint(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if package.getinfo(_CUSTOM_PART).file_size > 1_000_000:
                return None
            xml = package.read(_CUSTOM_PART).decode("utf-8")
    except _DAMAGED_ZIP:
        return None
    match = _PROPERTY.search(xml)
    return re.sub(r"<[^>]+>", "", match.group()).strip() if match else None


MAX_NAME_BYTES = 255  # the longest file name most file systems take (NTFS: 255 UTF-16 units)
# A file larger than this at the output path, or one inflating to more, was never written by vanban.
_MAX_OWNED_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Target:
    """Where a DOCX will be written, decided once and checked again just before the rename.

    ``path`` is the real file (``..`` resolved, a symbolic link followed, so the link itself is kept);
    ``found`` is what stood there when it was checked (None: nothing); ``backup`` the copy kept with ``force``."""

    path: Path
    shown: str
    found: tuple[int, int, int, int] | None
    backup: Path | None = None


def _state(path: Path) -> tuple[int, int, int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def lock_files(path: Path) -> list[Path]:
    """Where Word (`~$` + the name, its first two letters dropped when long) and LibreOffice keep their locks."""
    names = {f"~${path.name}", f"~${path.name[1:]}", f"~${path.name[2:]}", f".~lock.{path.name}#"}
    return [path.parent / name for name in sorted(names) if len(os.fsencode(name)) <= MAX_NAME_BYTES]


BACKUP_MARK = ".ban-cu-"  # in the name of every backup --force keeps: tb.ban-cu-20261130-153000.docx


def backup_path(path: Path, now: dt.datetime | None = None) -> Path:
    moment = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    tail = f"{BACKUP_MARK}{moment}{path.suffix}"
    stem = path.stem
    while len(os.fsencode(stem + tail)) > MAX_NAME_BYTES:  # a long name loses the end of its stem, not the date
        stem = stem[:-1]
    return path.with_name(stem + tail)


def prepare_target(output: Path, *, force: bool, sources: tuple[Path, ...] = ()) -> Target:
    """Decide whether ``output`` may be written, before any work is done for it.

    A file already there is replaced only when it is a DOCX that vanban wrote and nobody changed since (its
    fingerprint is present and matches). Anything else — a file vanban did not write, one edited by hand, a
    damaged one — is refused, or with ``force`` kept first as a dated backup. A folder, a device, the input file
    itself and a document open in Word are always refused."""
    shown = str(output)
    if len(os.fsencode(output.name)) > MAX_NAME_BYTES:
        raise TargetRefused(Code.OUTPUT, f"tên tệp ra dài {len(os.fsencode(output.name))} byte, quá {MAX_NAME_BYTES} "
                                   "byte mà ổ đĩa cho phép — hãy đặt tên ngắn hơn bằng -o")
    real = Path(os.path.realpath(output))
    for source in sources:
        if real == Path(os.path.realpath(source)) or _same_file(real, source):
            raise TargetRefused(Code.OUTPUT, "tệp ra trùng với tệp YAML đang đọc — công cụ không bao giờ ghi đè tệp "
                                       "YAML; hãy đặt tên tệp ra có đuôi .docx khác, ví dụ bằng -o")
    locks = [lock for place in {real, output.absolute()} for lock in lock_files(place) if lock.exists()]
    if locks:
        raise TargetRefused(Code.OUTPUT_OPEN, f"tệp đang mở trong Word/LibreOffice (có {locks[0].name}) — "
                                        "hãy đóng tệp rồi chạy lại")
    found = _state(real)
    if found is None:
        return Target(real, shown, None)
    if real.is_dir():
        raise TargetRefused(Code.OUTPUT, "đây là một thư mục — hãy ghi tên tệp, ví dụ -o thong-bao.docx")
    if not real.is_file():
        raise TargetRefused(Code.OUTPUT, "đây không phải một tệp thường (thiết bị, ống dẫn …) — hãy chọn tên tệp khác")
    why = _not_ours(real)
    if why is None:
        return Target(real, shown, found)
    if not force:
        raise TargetRefused(Code.OUTPUT_EDITED, f"{why} — không ghi đè; hãy đổi tên tệp ra, hoặc thêm --force để ghi đè "
                                          "(bản cũ sẽ được giữ lại, có ghi ngày giờ trong tên)")
    backup = backup_path(real)
    shutil.copy2(real, backup)
    return Target(real, shown, _state(real), backup)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _not_ours(path: Path) -> str | None:
    """Why the file at ``path`` is not a DOCX that vanban wrote and nobody changed since; None when it is."""
    if path.stat().st_size > _MAX_OWNED_BYTES:
        return "tệp đã có ở đây không do vanban tạo ra"
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return "tệp đã có ở đây không phải tệp Word .docx do vanban tạo ra (có thể là văn bản khác đặt trùng tên)"
    stored = stored_fingerprint(data)
    if stored is None:
        return "tệp đã có ở đây không do vanban tạo ra (không có dấu vân tay của vanban)"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            inflated = sum(info.file_size for info in package.infolist())
        if inflated <= _MAX_OWNED_BYTES and stored == fingerprint(data):
            return None
    except _DAMAGED_ZIP:
        return "tệp đã có ở đây bị hỏng (không mở được như tệp Word)"
    return "tệp đã được sửa tay sau khi vanban tạo ra"


def _temporary_prefix(path: Path) -> str:
    """A short name for the temporary file beside ``path``: a long output name still fits, and a killed run's
    leftover is found again by the hash of the name it was for."""
    return f".~vb-{hashlib.sha256(os.fsencode(path.name)).hexdigest()[:8]}-"


def _created_mode() -> int:
    """What a new file gets under the user's umask (0644 under the usual 022), as any program's file would."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write(target: Target, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically; refuse if the file changed since ``prepare_target`` saw it."""
    _write_then(target.path, data, lambda temporary: _replace_if_unchanged(temporary, target))


def _replace_if_unchanged(temporary: Path, target: Target) -> None:
    if _state(target.path) != target.found:
        raise TargetRefused(Code.OUTPUT_EDITED, "tệp vừa bị thay đổi trong lúc vanban đang tạo — không ghi đè; hãy chạy "
                                          "lại lệnh")
    os.replace(temporary, target.path)


_ALREADY_THERE = "tệp này đã có — công cụ không ghi đè; hãy xóa, đổi tên hoặc chọn tên khác bằng -o"


def write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to a file that must not exist yet; never replaces anything, even one created meanwhile."""
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:
        raise TargetRefused(Code.OUTPUT, f"tên tệp quá {MAX_NAME_BYTES} byte — hãy đặt tên ngắn hơn bằng -o")
    if os.path.lexists(path):
        raise TargetRefused(Code.OUTPUT, _ALREADY_THERE)
    _write_then(path, data, lambda temporary: _link_new(temporary, path))


def _link_new(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)  # fails, atomically, when the name exists
    except FileExistsError:
        raise TargetRefused(Code.OUTPUT, _ALREADY_THERE) from None
    except OSError:  # a file system without hard links: claim the name exclusively, then fill it atomically
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            raise TargetRefused(Code.OUTPUT, _ALREADY_THERE) from None
        os.replace(temporary, path)
        return
    temporary.unlink()


def _write_then(path: Path, data: bytes, finish) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = _temporary_prefix(path)
    for stale in path.parent.glob(f"{glob.escape(prefix)}*.tmp"):  # left by a run that was killed
        stale.unlink(missing_ok=True)
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _created_mode())
        finish(temporary)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
