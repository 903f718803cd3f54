"""DOCX → PDF through LibreOffice (`soffice --headless`), the converter every office machine can install."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

TIMEOUT_SECONDS = 180


class ConversionError(Exception):
    """LibreOffice is missing or could not convert; the message is in Vietnamese."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(documents: Sequence[Path], out_dir: Path) -> list[Path]:
    """Convert ``documents`` in one LibreOffice run; return the PDF paths in the same order."""
    program = soffice()
    if program is None:
        raise ConversionError("không tìm thấy LibreOffice (soffice) — hãy cài LibreOffice để xuất PDF")
    out_dir.mkdir(parents=True, exist_ok=True)
    # A private profile: a LibreOffice already open on the desktop, or a parallel run, cannot block this one.
    with tempfile.TemporaryDirectory(prefix="vanban-lo-") as profile:
        command = [program, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, documents)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"LibreOffice không chuyển xong sau {TIMEOUT_SECONDS} giây") from exc
    pdfs = [out_dir / f"{document.stem}.pdf" for document in documents]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file()]
    if result.returncode != 0 or missing:
        raise ConversionError(f"LibreOffice không tạo được {', '.join(missing) or 'PDF'}: {result.stderr.strip()}")
    return pdfs
