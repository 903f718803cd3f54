"""`vanban doctor`: what this machine has for vanban — each line ✓, or ✗ with the fix in Vietnamese."""

from __future__ import annotations

import importlib.metadata
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Fonts with the metrics of Times New Roman: with one of them, lines break where Word breaks them.
TIMES_COMPATIBLE = ("Times New Roman", "Liberation Serif", "Tinos", "TeX Gyre Termes", "Nimbus Roman")


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    detail: str

    def __str__(self) -> str:
        return f"{'✓' if self.ok else '✗'} {self.what}: {self.detail}"


def version() -> str:
    try:
        return importlib.metadata.version("vanban")
    except importlib.metadata.PackageNotFoundError:  # run from a clone without installing
        return "chưa cài (chạy từ mã nguồn)"


def findings(working_folder: Path) -> Iterator[Finding]:
    from generator import rulebook, template_builder
    from generator.conversion import pages, pdf
    from generator.cycle import office

    yield Finding(sys.version_info >= (3, 11), "Python", f"{platform.python_version()} ({sys.executable})"
                  + ("" if sys.version_info >= (3, 11) else " — cần Python 3.11 trở lên (python.org)"))
    yield Finding(True, "vanban", version())
    templates = template_builder.TEMPLATE_DIR
    count = len(list(templates.glob("*/*.docx"))) if templates.is_dir() else 0
    yield Finding(count > 0, "mẫu Word có sẵn", f"{count} mẫu ở {templates}" if count
                  else f"không thấy mẫu ở {templates} — hãy cài lại vanban")
    yield Finding(bool(rulebook.available()), "hồ sơ thể thức", ", ".join(rulebook.available()))
    yield from _libreoffice(pdf)
    yield Finding(shutil.which("pdftoppm") is not None, "pdftoppm (ảnh trang)",
                  shutil.which("pdftoppm") or f"không có — {pages.POPPLER_HINT}")
    yield _fonts()
    yield _writable(working_folder)
    profile = office.find(working_folder)
    yield Finding(True, "hồ sơ đơn vị", str(profile) if profile else
                  f"không có {office.PROFILE_NAME} ở thư mục này hay thư mục cha (không bắt buộc)")


def _libreoffice(pdf) -> Iterator[Finding]:
    program = pdf.soffice()
    if program is None:
        yield Finding(False, "LibreOffice (xuất PDF)", f"không có — {pdf.install_hint()}")
        return
    try:
        shown = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        shown = program
    yield Finding(True, "LibreOffice (xuất PDF)", shown or program)
    yield _conversion_tried(pdf)


def _conversion_tried(pdf) -> Finding:
    """A real conversion of a one-line document: LibreOffice may be installed yet unable to start."""
    import docx

    with tempfile.TemporaryDirectory(prefix="vanban-doctor-") as folder:
        document = Path(folder) / "thu.docx"
        sample = docx.Document()
        sample.add_paragraph("Thử xuất PDF")
        sample.save(str(document))
        try:
            pdf.to_pdf([document], Path(folder))
        except pdf.ConversionError as exc:
            return Finding(False, "chuyển thử sang PDF", str(exc))
    return Finding(True, "chuyển thử sang PDF", "được")


def _fonts() -> Finding:
    listing = shutil.which("fc-list")
    if listing is None:
        known = sys.platform.startswith("win") or sys.platform == "darwin"  # both ship Times New Roman
        return Finding(known, "phông chữ Times New Roman", "có sẵn trong hệ điều hành" if known else
                       "không kiểm tra được (thiếu fc-list)")
    names = subprocess.run([listing, ":", "family"], capture_output=True, text=True, timeout=60).stdout
    found = [font for font in TIMES_COMPATIBLE if font in names]
    if found:
        return Finding(True, "phông chữ Times New Roman", f"có {found[0]}"
                       + ("" if found[0] == "Times New Roman" else " (cùng kích thước chữ với Times New Roman)"))
    return Finding(False, "phông chữ Times New Roman", "không có Times New Roman hay phông cùng kích thước — PDF "
                   "có thể xuống dòng khác Word; cài fonts-liberation2 (Debian, Ubuntu) hoặc phông Times New Roman")


def _writable(folder: Path) -> Finding:
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".vanban-thu-"):
            pass
    except OSError:
        return Finding(False, "ghi được vào thư mục làm việc", f"{folder} — không ghi được; hãy chọn thư mục khác "
                       "hoặc xin quyền ghi")
    return Finding(True, "ghi được vào thư mục làm việc", str(folder))
