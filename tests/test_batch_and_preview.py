"""A whole office folder at once (one broken notice never stops the others), PDF and page previews through the
real LibreOffice and pdftoppm, and the watch loop."""

from __future__ import annotations

import shutil
import struct
import subprocess
import threading
import time
import zlib
from pathlib import Path

import docx
import pytest

from generator import batch, watch
from tests.conftest import EXAMPLES, MINIMAL_YAML, ROOT
from tests.test_cli import run
from tests.test_pdf import needs_libreoffice, pdf_text

OFFICE = ROOT / "examples" / "ban-dan-van-quang-ngai"


@pytest.fixture
def quarter(tmp_path: Path) -> Path:
    """An office folder: its profile, its notice, two loose notices in a subfolder, one broken, one backup."""
    folder = tmp_path / "quy"
    shutil.copytree(OFFICE, folder)
    (folder / "con").mkdir()
    (folder / "con" / "a.yaml").write_text(MINIMAL_YAML, encoding="utf-8")
    (folder / "con" / "b.yaml").write_text(MINIMAL_YAML.replace("970", "971"), encoding="utf-8")
    (folder / "con" / "hong.yaml").write_text("loai: thong-bao-ket-luan\nco_quan: [\n", encoding="utf-8")
    (folder / "con" / "a.ban-cu-20261130-101010.yaml").write_text("khong: phai\n", encoding="utf-8")
    return folder


def test_documents_of_a_folder_skip_the_profile_hidden_files_and_backups(quarter):
    found = [(path.relative_to(quarter).as_posix(), sub.as_posix()) for path, sub in batch.documents([quarter])]
    assert found == [("con/a.yaml", "con"), ("con/b.yaml", "con"), ("con/hong.yaml", "con"),
                     ("tb-quy-i-2021.yaml", ".")]


def test_a_pattern_the_shell_did_not_expand_is_expanded(quarter):
    found = [path.name for path, _ in batch.documents([quarter / "con" / "*.yaml"])]
    assert found == ["a.yaml", "b.yaml", "hong.yaml"]


def test_a_broken_notice_does_not_stop_the_batch(quarter, tmp_path):
    code, out, err = run("render", "quy", "--out-dir", "ra", cwd=tmp_path)
    assert code == 1
    out_dir = tmp_path / "ra"
    assert sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*.docx")) == [
        "con/a.docx", "con/b.docx", "tb-quy-i-2021.docx"]
    made, summary = out.splitlines()[:3], out.splitlines()[3:]
    assert set(made) == {"đã tạo ra/con/a.docx", "đã tạo ra/con/b.docx", "đã tạo ra/tb-quy-i-2021.docx"}
    assert summary[:5] == ["Tệp\tKết quả\tTệp ra\tCảnh báo",
                           "quy/con/a.yaml\tđã tạo\tra/con/a.docx\t0",
                           "quy/con/b.yaml\tđã tạo\tra/con/b.docx\t0",
                           "quy/con/hong.yaml\tlỗi\t\t0",
                           "quy/tb-quy-i-2021.yaml\tđã tạo\tra/tb-quy-i-2021.docx\t0"]
    assert "3/4 văn bản đã tạo, 1 lỗi" in summary
    assert any(line.startswith("quy/con/hong.yaml:") and "lỗi VB001" in line for line in err.splitlines())
    assert docx.Document(str(out_dir / "con" / "b.docx")).tables[0].cell(1, 0).text.startswith("Số 971-TB/TU")


def test_the_parallel_batch_gives_what_one_process_gives(tmp_path):
    jobs = [batch.Job(example, tmp_path / f"{n}-{example.stem}.docx") for n, example in enumerate(EXAMPLES[:4])]
    parallel = batch.run(jobs, batch.Options(), processes=2)
    assert [o.output for o in parallel] == [job.output for job in jobs]
    alone = batch.run([batch.Job(job.source, job.output.with_name("1-" + job.output.name)) for job in jobs],
                      batch.Options(), processes=1)
    for first, second in zip(parallel, alone):
        assert ([p.text for p in docx.Document(str(first.output)).paragraphs]
                == [p.text for p in docx.Document(str(second.output)).paragraphs])


def _png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the unfiltered grey or colour bytes of a PNG as pdftoppm writes it (8-bit, no
    interlace): enough to tell a blank page from a written one without an imaging library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour, *_ = header
    assert depth == 8
    channels = {0: 1, 2: 3, 6: 4}[colour]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for row in range(height):
        kind, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                nearest = min((abs(estimate - left), 0, left), (abs(estimate - up), 1, up),
                              (abs(estimate - corner), 2, corner))[2]
                line[i] = (line[i] + nearest) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, b"".join(rows)


@needs_libreoffice
def test_render_with_pdf_and_png_writes_every_page(tmp_path):
    example = next(p for p in EXAMPLES if p.name.startswith("001"))
    code, out, err = run("render", str(example), "--out-dir", "ra", "--pdf", "--png", cwd=tmp_path)
    assert code == 0, err
    pdf = tmp_path / "ra" / f"{example.stem}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 3
    assert "KẾT LUẬN CỦA TRƯỞNG BAN DÂN VẬN TỈNH ỦY" in pdf_text(pdf, 1)
    images = sorted((tmp_path / "ra").glob(f"{example.stem}-*.png"))
    assert len(images) == pages
    assert f"đã tạo {pages} ảnh trang: " in out
    width, height, pixels = _png_pixels(images[0])
    assert (width, height) == (827, 1170), "A4 at 100 dpi"
    dark = sum(1 for value in pixels if value < 128)
    assert dark > len(pixels) // 200, "page 1 holds text, it is not blank"


@needs_libreoffice
def test_pdf_command_converts_a_batch_in_one_run(tmp_path, rendered):
    documents = [shutil.copy(rendered[number], tmp_path) for number in ("000", "020")]
    code, out, _ = run("pdf", *(Path(d).name for d in documents), cwd=tmp_path)
    assert code == 0
    assert out.splitlines() == [f"đã tạo {Path(d).stem}.pdf" for d in documents]


def test_pdf_command_names_a_missing_file(tmp_path):
    code, _, err = run("pdf", "khong-co.docx", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0] == "khong-co.docx:1:1: lỗi VB021: không có tệp này"


def test_a_missing_libreoffice_is_explained_with_the_install_command(tmp_path, rendered, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    document = shutil.copy(rendered["001"], tmp_path)
    code, _, err = run("pdf", Path(document).name, cwd=tmp_path)
    assert code == 1
    assert ("lỗi VB024: không tìm thấy LibreOffice (soffice) để xuất PDF — cài LibreOffice: sudo apt-get install "
            "libreoffice-writer (Debian, Ubuntu) rồi chạy lại") in err


def test_watch_reports_each_saved_document(tmp_path):
    seen: list[list[Path]] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch.changes, args=([tmp_path], seen.append, stop), daemon=True)
    watcher.start()
    time.sleep(0.5)  # let the watcher start before the save
    (tmp_path / "don-vi.yaml").write_text("he_thong: dang\n", encoding="utf-8")
    (tmp_path / "tb.yaml").write_text(MINIMAL_YAML, encoding="utf-8")
    for _ in range(100):
        if seen:
            break
        time.sleep(0.1)
    stop.set()
    watcher.join(timeout=10)
    assert seen and {path.name for paths in seen for path in paths} == {"tb.yaml"}
