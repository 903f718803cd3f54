"""PDF → one PNG per page (poppler's `pdftoppm`), for a quick look before printing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from generator.conversion.pdf import ConversionError

POPPLER_HINT = ("cài gói poppler-utils (Debian, Ubuntu: sudo apt-get install poppler-utils; Windows: tải Poppler for "
                "Windows) rồi chạy lại")
DPI = 100  # enough to read a page on screen, small enough to open at once
TIMEOUT_SECONDS = 120


def to_png(pdf: Path, out_dir: Path | None = None) -> list[Path]:
    """The pages of ``pdf`` as ``<name>-1.png``, ``<name>-2.png`` … beside it (or in ``out_dir``), in page order."""
    program = shutil.which("pdftoppm")
    if program is None:
        raise ConversionError(f"không tìm thấy pdftoppm để tạo ảnh trang — {POPPLER_HINT}")
    folder = out_dir or pdf.parent
    folder.mkdir(parents=True, exist_ok=True)
    for stale in _pages(folder, pdf.stem):  # a longer version's last pages must not stay behind
        stale.unlink()
    try:
        result = subprocess.run([program, "-r", str(DPI), "-png", str(pdf), str(folder / pdf.stem)],
                                capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as exc:
        raise ConversionError(f"pdftoppm không xong sau {TIMEOUT_SECONDS} giây") from exc
    pages = _pages(folder, pdf.stem)
    if result.returncode != 0 or not pages:
        raise ConversionError(f"pdftoppm không tạo được ảnh trang của {pdf.name} (mã {result.returncode})")
    return pages


def _pages(folder: Path, stem: str) -> list[Path]:
    """The page images of ``stem`` in page order (pdftoppm pads the number to the page count's width)."""
    pattern = re.compile(re.escape(stem) + r"-(\d+)\.png")
    found = [(int(match.group(1)), path) for path in folder.iterdir() if (match := pattern.fullmatch(path.name))]
    return [path for _, path in sorted(found)]
