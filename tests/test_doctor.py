"""`vanban doctor` says what this machine has for vanban, each line ✓ or ✗ with the fix; `vanban --version`."""

from __future__ import annotations

from generator.conversion import pdf
from tests.test_cli import run
from tests.test_pdf import needs_libreoffice


@needs_libreoffice
def test_doctor_on_a_machine_with_everything_prints_only_ticks(tmp_path):
    code, out, _ = run("doctor", cwd=tmp_path)
    lines = out.splitlines()
    assert code == 0
    assert all(line.startswith("✓ ") for line in lines), out
    assert any(line.startswith("✓ chuyển thử sang PDF: được") for line in lines)
    assert any(line.startswith("✓ mẫu Word có sẵn: ") for line in lines)


def test_doctor_without_libreoffice_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "soffice", lambda: None)
    code, out, _ = run("doctor", cwd=tmp_path)
    assert code == 1
    assert ("✗ LibreOffice (xuất PDF): không có — cài LibreOffice: sudo apt-get install libreoffice-writer "
            "(Debian, Ubuntu) rồi chạy lại") in out.splitlines()


def test_doctor_names_the_office_profile_it_finds(tmp_path):
    (tmp_path / "don-vi.yaml").write_text("he_thong: dang\n", encoding="utf-8")
    (tmp_path / "quy-1").mkdir()
    out = run("doctor", cwd=tmp_path / "quy-1")[1]
    assert f"✓ hồ sơ đơn vị: {tmp_path / 'don-vi.yaml'}" in out.splitlines()


def test_version(tmp_path):
    code, out, _ = run("--version", cwd=tmp_path)
    assert code == 0 and out.startswith("vanban ")
