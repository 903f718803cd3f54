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
from pathlib import Path
from xml.sax.saxutils import escape

from generator.errors import Code

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
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            if name.startswith("docProps/") or name in _PACKAGE_PARTS:
                continue
            digest.update(name.encode("utf-8") + b"\0" + package.read(name) + b"\0")
    return digest.hexdigest()


def stamp(data: bytes) -> bytes:
    """The same DOCX with its fingerprint in the custom properties (docProps/custom.xml)."""
    value = fingerprint(data)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml" and _CUSTOM_PART not in names:
                content = content.replace(b"</Types>", (
                    f'<Override PartName="/{_CUSTOM_PART}" ContentType="{_CUSTOM_CONTENT_TYPE}"/></Types>').encode())
            elif info.filename == "_rels/.rels" and _CUSTOM_PART not in names:
                content = content.replace(b"</Relationships>", (
                    f'<Relationship Id="rIdVanbanCustom" Type="{_CUSTOM_RELATIONSHIP}" '
                    f'Target="{_CUSTOM_PART}"/></Relationships>').encode())
            elif info.filename == _CUSTOM_PART:
                content = _with_property(content.decode("utf-8"), value).encode("utf-8")
            target.writestr(info, content)
        if _CUSTOM_PART not in names:
            target.writestr(_CUSTOM_PART, _with_property(_EMPTY_CUSTOM, value))
    return out.getvalue()


_EMPTY_CUSTOM = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                 'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>')
_PROPERTY = re.compile(r'<property [^>]*name="' + FINGERPRINT_PROPERTY + r'"[^>]*>.*?</property>', re.DOTALL)


def _with_property(xml: str, value: str) -> str:
    xml = _PROPERTY.sub("", xml)
    ids = [int(i) for i in re.findall(r'pid="(\d+)"', xml)]
    element = (f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{max(ids, default=1) + 1}" '
               f'name="{FINGERPRINT_PROPERTY}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>')
    return xml.replace("</Properties>", element + "</Properties>")


def stored_fingerprint(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.read(_CUSTOM_PART).decode("utf-8")
    except (zipfile.BadZipFile, KeyError):
        return None
    match = _PROPERTY.search(xml)
    return re.sub(r"<[^>]+>", "", match.group()).strip() if match else None


def lock_files(path: Path) -> list[Path]:
    """Where Word (`~$` + the name, its first two letters dropped when long) and LibreOffice keep their locks."""
    names = {f"~${path.name}", f"~${path.name[1:]}", f"~${path.name[2:]}", f".~lock.{path.name}#"}
    return [path.parent / name for name in sorted(names)]


def backup_path(path: Path, now: dt.datetime | None = None) -> Path:
    moment = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.ban-cu-{moment}{path.suffix}")


def check_target(path: Path, force: bool) -> Path | None:
    """Refuse a target that is open or was edited by hand; with ``force``, back the edited one up first.

    Returns the backup's path when one was made."""
    locks = [lock for lock in lock_files(path) if lock.exists()]
    if locks:
        raise TargetRefused(Code.OUTPUT_OPEN, f"tệp đang mở trong Word/LibreOffice (có {locks[0].name}) — "
                                     "hãy đóng tệp rồi chạy lại")
    if not path.exists():
        return None
    data = path.read_bytes()
    if stored_fingerprint(data) == fingerprint_or_none(data):
        return None
    if not force:
        raise TargetRefused(Code.OUTPUT_EDITED, "tệp đã được sửa tay sau khi vanban tạo ra (hoặc không do vanban tạo) — "
                                     "không ghi đè; hãy đổi tên tệp ra, hoặc thêm --force để ghi đè "
                                     "(bản cũ sẽ được giữ lại, có ghi ngày giờ trong tên)")
    backup = backup_path(path)
    shutil.copy2(path, backup)
    return backup


def fingerprint_or_none(data: bytes) -> str | None:
    try:
        return fingerprint(data)
    except zipfile.BadZipFile:
        return None


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: a crash leaves the old file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):  # left by a run that was killed
        stale.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
