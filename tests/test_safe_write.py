"""Nothing the user has is ever lost: atomic writes, open documents, hand-edited documents, backups."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import zipfile
import zlib

import docx
import pytest

from generator import pipeline, safe_write
from generator.errors import InputError
from tests.conftest import MINIMAL_YAML, ROOT


@pytest.fixture
def rendered_once(make_yaml, tmp_path):
    source = make_yaml(MINIMAL_YAML)
    output = tmp_path / "tb.docx"
    pipeline.render_file(source, output)
    return source, output


def test_our_documents_carry_a_fingerprint_that_matches(rendered_once):
    _, output = rendered_once
    data = output.read_bytes()
    assert safe_write.stored_fingerprint(data) == safe_write.fingerprint(data)
    docx.Document(str(output))  # the custom properties part keeps the package valid


def test_a_render_packs_each_part_once_with_its_fingerprint(make_yaml, tmp_path, monkeypatch):
    """docxtpl's output is checked where it is and zipped once, the fingerprint included: no zip is written, read
    back and written again."""
    packed = []
    compressor = zlib.compressobj
    monkeypatch.setattr(zlib, "compressobj", lambda *args: packed.append(args) or compressor(*args))
    output = tmp_path / "tb.docx"
    pipeline.render_file(make_yaml(MINIMAL_YAML), output)
    with zipfile.ZipFile(output) as package:
        assert len(packed) == len(package.namelist())
        assert "docProps/custom.xml" in package.namelist()
    data = output.read_bytes()
    assert safe_write.stored_fingerprint(data) == safe_write.fingerprint(data)


def test_an_unedited_document_is_simply_rendered_again(rendered_once):
    source, output = rendered_once
    source.write_text(MINIMAL_YAML.replace("Lê Tấn Lai", "Lê Tấn Lại"), encoding="utf-8")
    pipeline.render_file(source, output)
    assert docx.Document(str(output)).tables[-1].cell(0, 1).paragraphs[-1].text == "Lê Tấn Lại"
    assert len(list(output.parent.glob("*.docx"))) == 1, "no backup when nothing was edited"


def _edit_by_hand(path):
    document = docx.Document(str(path))
    document.add_paragraph("Ghi chú viết tay của chuyên viên.")
    document.save(str(path))


def test_a_hand_edited_document_is_not_overwritten(rendered_once):
    source, output = rendered_once
    _edit_by_hand(output)
    edited = output.read_bytes()
    with pytest.raises(InputError) as caught:
        pipeline.render_file(source, output)
    (problem,) = caught.value.problems
    assert (problem.file.endswith("tb.docx"), problem.line, problem.column, problem.code) == (True, 1, 1, "VB023")
    assert problem.message == ("tệp đã được sửa tay sau khi vanban tạo ra — "
                               "không ghi đè; hãy đổi tên tệp ra, hoặc thêm --force để ghi đè "
                               "(bản cũ sẽ được giữ lại, có ghi ngày giờ trong tên)")
    assert output.read_bytes() == edited


def test_force_keeps_the_edited_document_as_a_dated_backup(rendered_once):
    source, output = rendered_once
    _edit_by_hand(output)
    edited = output.read_bytes()
    pipeline.render_file(source, output, force=True)
    (backup,) = [p for p in output.parent.glob("tb.ban-cu-*.docx")]
    assert backup.read_bytes() == edited
    assert dt.datetime.strptime(backup.stem.split("ban-cu-")[1], "%Y%m%d-%H%M%S")
    assert safe_write.stored_fingerprint(output.read_bytes()) == safe_write.fingerprint(output.read_bytes())


def test_a_file_not_made_by_vanban_is_not_overwritten(make_yaml, tmp_path):
    source = make_yaml(MINIMAL_YAML)
    output = tmp_path / "tb.docx"
    docx.Document().save(str(output))
    with pytest.raises(InputError) as caught:
        pipeline.render_file(source, output)
    assert caught.value.problems[-1].code == "VB023"


@pytest.mark.parametrize("lock_name", ["~$tb.docx", ".~lock.tb.docx#"])
def test_a_document_open_in_word_or_libreoffice_is_not_replaced(rendered_once, lock_name):
    source, output = rendered_once
    before = output.read_bytes()
    (output.parent / lock_name).write_bytes(b"owner")
    with pytest.raises(InputError) as caught:
        pipeline.render_file(source, output)
    (problem,) = caught.value.problems
    assert problem.code == "VB022"
    assert problem.message == f"tệp đang mở trong Word/LibreOffice (có {lock_name}) — hãy đóng tệp rồi chạy lại"
    assert output.read_bytes() == before


def test_word_lock_names_drop_the_first_letters_of_long_names(tmp_path):
    names = {p.name for p in safe_write.lock_files(tmp_path / "thong-bao.docx")}
    assert {"~$ong-bao.docx", "~$thong-bao.docx", ".~lock.thong-bao.docx#"} <= names


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(rendered_once, monkeypatch):
    _, output = rendered_once
    before = output.read_bytes()

    def interrupted(_descriptor):
        raise KeyboardInterrupt  # Ctrl-C between writing the temporary file and renaming it

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        safe_write.write(safe_write.prepare_target(output, force=False), b"half")
    assert output.read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["tb.docx", "van-ban.yaml"]


def test_killing_a_render_midway_leaves_the_earlier_docx_byte_identical(tmp_path):
    """A real process killed at many moments of its run: the DOCX is always the old one or a whole new one."""
    source = tmp_path / "tb.yaml"
    source.write_text(MINIMAL_YAML, encoding="utf-8")
    output = tmp_path / "tb.docx"
    pipeline.render_file(source, output)
    old = output.read_bytes()
    # The new version is long, so the process spends real time rendering and writing.
    long_body = "\n".join(f"  - Đoạn văn số {i} của bản mới, đủ dài để việc ghi tệp mất thời gian." for i in range(3000))
    source.write_text(MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đã kết luận.", "  mo_dau:\n" + long_body),
                      encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    outcomes = set()
    for delay in (0.2, 0.5, 0.8, 1.1, 1.4, 1.8, 2.5):
        process = subprocess.Popen([sys.executable, "-m", "generator", "render", str(source), "--force"],
                                   env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        data = output.read_bytes()
        if data == old:
            outcomes.add("old")
        else:
            document = docx.Document(str(output))  # a whole new file, never a torn one
            assert any(p.text.startswith("Đoạn văn số 2999") for p in document.paragraphs)
            outcomes.add("new")
            output.write_bytes(old)
        for backup in tmp_path.glob("tb.ban-cu-*.docx"):
            backup.unlink()
    assert "old" in outcomes, "at least one kill landed before the rename"
    pipeline.render_file(source, output, force=True)
    assert not list(tmp_path.glob(".~vb-*.tmp")), "the next run clears what a killed run left behind"
