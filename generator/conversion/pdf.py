"""DOCX → PDF through LibreOffice (`soffice --headless`), the converter every office machine can install.

A whole batch goes through one LibreOffice process (starting it costs more than a second; each further
document a tenth of that), with a private profile so that a LibreOffice open on the desktop does not block it,
and a time limit that grows with the number of documents."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

START_SECONDS = 60      # LibreOffice's own start, generous for a slow office machine
PER_DOCUMENT_SECONDS = 30


class ConversionError(Exception):
    """LibreOffice is missing or could not convert; the message is in Vietnamese."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def install_hint() -> str:
    """How to get LibreOffice on this kind of machine."""
    if sys.platform.startswith("win"):
        return "tải bộ cài LibreOffice cho Windows ở trang libreoffice.org rồi chạy lại"
    if sys.platform == "darwin":
        return "cài LibreOffice (brew install --cask libreoffice) rồi chạy lại"
    return "cài LibreOffice: sudo apt-get install libreoffice-writer (Debian, Ubuntu) rồi chạy lại"


def to_pdf(documents: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert ``documents`` in one LibreOffice run; return the PDF paths in the same order. A document whose
    last paragraph LibreOffice moved whole to the signature's page is converted once more, set as Word sets it
    (see :mod:`generator.conversion.closing`)."""
    from generator.conversion import closing  # lxml: only a conversion pays for it

    pdfs = _converted(documents, out_dir)
    again = {document: data for document, pdf in zip(documents, pdfs)
             if (data := closing.kept_tail(document.read_bytes(), pdf)) is not None}
    if again:
        with tempfile.TemporaryDirectory(prefix="vanban-pdf-") as folder:
            copies = [Path(folder) / document.name for document in again]
            for copy, data in zip(copies, again.values()):
                copy.write_bytes(data)
            _converted(copies, out_dir)  # the same names: each PDF is replaced
    return pdfs


def _converted(documents: Sequence[Path], out_dir: Path) -> list[Path]:
    program = soffice()
    if program is None:
        raise ConversionError(f"không tìm thấy LibreOffice (soffice) để xuất PDF — {install_hint()}")
    if not documents:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    limit = START_SECONDS + PER_DOCUMENT_SECONDS * len(documents)
    with tempfile.TemporaryDirectory(prefix="vanban-lo-") as profile:
        command = [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, documents)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"LibreOffice không chuyển xong {len(documents)} văn bản sau {limit} giây — "
                                  "hãy đóng bớt chương trình rồi chạy lại") from exc
    pdfs = [out_dir / f"{document.stem}.pdf" for document in documents]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file()]
    if result.returncode != 0 or missing:
        raise ConversionError(f"LibreOffice không tạo được {', '.join(missing) or 'PDF'} (mã {result.returncode})")
    return pdfs
