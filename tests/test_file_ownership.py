"""A file at the output path is replaced only when vanban wrote it and nobody changed it since; everything else
is refused (or kept as a dated backup with --force), whatever path leads to it."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import safe_write
from tests.conftest import MINIMAL_YAML
from tests.test_cli import run as vanban

REFUSAL_TAIL = ("— không ghi đè; hãy đổi tên tệp ra, hoặc thêm --force để ghi đè (bản cũ sẽ được giữ lại, có ghi "
                "ngày giờ trong tên)")


@pytest.fixture
def office(tmp_path: Path) -> Path:
    (tmp_path / "min.yaml").write_text(MINIMAL_YAML, encoding="utf-8")
    return tmp_path


def _ours(folder: Path, name: str = "min.docx") -> Path:
    code, _, _ = vanban("render", "min.yaml", "-o", name, cwd=folder)
    assert code == 0
    return folder / name


def _edit_by_hand(path: Path) -> bytes:
    document = docx.Document(str(path))
    document.add_paragraph("Ghi chú viết tay.")
    document.save(str(path))
    return path.read_bytes()


def _zip_without_fingerprint() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


NOT_DOCX = "tệp đã có ở đây không phải tệp Word .docx do vanban tạo ra (có thể là văn bản khác đặt trùng tên)"
FOREIGN = {
    "a text file": (b"Ban nhap\n", NOT_DOCX),
    "an old binary .doc renamed": (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504, NOT_DOCX),
    "a damaged zip": (b"PK\x03\x04" + b"\x00" * 100, NOT_DOCX),
    "a Word file made elsewhere": (_zip_without_fingerprint(),
                                   "tệp đã có ở đây không do vanban tạo ra (không có dấu vân tay của vanban)"),
}


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_a_file_vanban_did_not_write_is_refused_byte_for_byte(office, kind):
    content, reason = FOREIGN[kind]
    (office / "ghi.docx").write_bytes(content)
    code, out, err = vanban("render", "min.yaml", "-o", "ghi.docx", cwd=office)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == f"ghi.docx:1:1: lỗi VB023: {reason} {REFUSAL_TAIL}"
    assert (office / "ghi.docx").read_bytes() == content


def test_a_truncated_vanban_docx_is_refused(office):
    ours = _ours(office)
    ours.write_bytes(ours.read_bytes()[:-200])
    code, _, err = vanban("render", "min.yaml", cwd=office)
    assert code == 1
    assert err.startswith("min.docx:1:1: lỗi VB023: tệp đã có ở đây ")


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_force_keeps_any_foreign_file_as_a_dated_backup(office, kind):
    content, _ = FOREIGN[kind]
    (office / "ghi.docx").write_bytes(content)
    code, out, _ = vanban("render", "min.yaml", "-o", "ghi.docx", "--force", cwd=office)
    assert (code, out) == (0, "đã tạo ghi.docx\n")
    (backup,) = office.glob("ghi.ban-cu-*.docx")
    assert backup.read_bytes() == content
    assert docx.Document(str(office / "ghi.docx")).paragraphs[0].text == "THÔNG BÁO"


@pytest.mark.parametrize("flags", [[], ["--force"]])
def test_the_input_named_docx_is_never_its_own_output(office, flags):
    yaml_bytes = (office / "min.yaml").read_bytes()
    (office / "tb.docx").write_bytes(yaml_bytes)
    code, _, err = vanban("render", "tb.docx", *flags, cwd=office)
    assert code == 1
    assert err.splitlines()[0] == ("tb.docx:1:1: lỗi VB021: tệp ra trùng với tệp YAML đang đọc — công cụ không bao "
                                   "giờ ghi đè tệp YAML; hãy đặt tên tệp ra có đuôi .docx khác, ví dụ bằng -o")
    assert (office / "tb.docx").read_bytes() == yaml_bytes
    assert not list(office.glob("tb.ban-cu-*"))


def test_a_hard_link_to_the_input_is_the_input(office):
    os.link(office / "min.yaml", office / "lien-ket.docx")
    code, _, err = vanban("render", "min.yaml", "-o", "lien-ket.docx", "--force", cwd=office)
    assert code == 1
    assert "tệp ra trùng với tệp YAML đang đọc" in err
    assert (office / "min.yaml").read_text(encoding="utf-8") == MINIMAL_YAML


@pytest.mark.parametrize("out_dir", ["x/../y/..", "khong-co/../.", "./a/b/../../"])
def test_dot_dot_over_missing_folders_finds_the_edited_document(office, out_dir):
    edited = _edit_by_hand(_ours(office))
    code, out, err = vanban("render", "min.yaml", "--out-dir", out_dir, cwd=office)
    assert (code, out) == (1, "")
    assert "lỗi VB023: tệp đã được sửa tay sau khi vanban tạo ra" in err
    assert (office / "min.docx").read_bytes() == edited
    assert sorted(p.name for p in office.iterdir()) == ["min.docx", "min.yaml"], "no folder left behind"


def test_a_folder_at_the_output_path_is_refused(office):
    (office / "d.docx").mkdir()
    code, _, err = vanban("render", "min.yaml", "-o", "d.docx", "--force", cwd=office)
    assert code == 1
    assert err.splitlines()[0] == "d.docx:1:1: lỗi VB021: đây là một thư mục — hãy ghi tên tệp, ví dụ -o thong-bao.docx"


def test_a_device_at_the_output_path_is_refused(office):
    (office / "null.docx").symlink_to(os.devnull)
    code, _, err = vanban("render", "min.yaml", "-o", "null.docx", "--force", cwd=office)
    assert code == 1
    assert err.splitlines()[0] == ("null.docx:1:1: lỗi VB021: đây không phải một tệp thường (thiết bị, ống dẫn …) "
                                   "— hãy chọn tên tệp khác")


def test_a_symbolic_link_is_written_through_and_kept(office):
    real = _ours(office, "that.docx")
    (office / "link.docx").symlink_to("that.docx")
    (office / "min.yaml").write_text(MINIMAL_YAML.replace("Lê Tấn Lai", "Lê Tấn Lại"), encoding="utf-8")
    code, out, _ = vanban("render", "min.yaml", "-o", "link.docx", cwd=office)
    assert (code, out) == (0, "đã tạo link.docx\n"), "the name the user typed"
    assert (office / "link.docx").is_symlink()
    assert "Lê Tấn Lại" in [p.text for p in docx.Document(str(real)).tables[-1].cell(0, 1).paragraphs]


def test_a_symbolic_link_to_an_edited_document_protects_the_target(office):
    real = _ours(office, "that.docx")
    edited = _edit_by_hand(real)
    (office / "link.docx").symlink_to("that.docx")
    code, _, err = vanban("render", "min.yaml", "-o", "link.docx", cwd=office)
    assert code == 1 and "VB023" in err
    assert real.read_bytes() == edited


def test_a_name_too_long_for_the_disk_is_refused_before_any_work(office):
    name = "a" * 300 + ".docx"
    code, _, err = vanban("render", "min.yaml", "-o", name, cwd=office)
    assert code == 1
    assert err.splitlines()[0] == (f"{name}:1:1: lỗi VB021: tên tệp ra dài 305 byte, quá 255 byte mà ổ đĩa cho phép "
                                   "— hãy đặt tên ngắn hơn bằng -o")


@pytest.mark.parametrize("name", ["b" * 250 + ".docx", "đ" * 125 + ".docx"])
def test_a_legal_long_name_is_written_and_replaced_and_backed_up(office, name):
    assert len(os.fsencode(name)) == 255
    path = _ours(office, name)
    _ours(office, name)  # the lock-file and temporary names must fit too
    _edit_by_hand(path)
    code, _, _ = vanban("render", "min.yaml", "-o", name, "--force", cwd=office)
    assert code == 0
    (backup,) = [p for p in office.iterdir() if ".ban-cu-" in p.name]
    assert len(os.fsencode(backup.name)) <= 255


def test_a_file_changed_between_the_check_and_the_rename_is_not_replaced(office):
    ours = _ours(office)
    target = safe_write.prepare_target(ours, force=False)
    edited = _edit_by_hand(ours)  # Word saves while vanban renders
    with pytest.raises(safe_write.TargetRefused) as caught:
        safe_write.write(target, b"new")
    assert caught.value.code == "VB023"
    assert ours.read_bytes() == edited
    assert sorted(p.name for p in office.iterdir()) == ["min.docx", "min.yaml"], "no temporary file left"


def test_a_file_created_between_the_check_and_the_rename_is_not_replaced(office):
    path = office / "moi.docx"
    target = safe_write.prepare_target(path, force=False)
    path.write_bytes(b"someone else's")
    with pytest.raises(safe_write.TargetRefused):
        safe_write.write(target, b"new")
    assert path.read_bytes() == b"someone else's"


def test_written_files_follow_the_users_umask(office):
    previous = os.umask(0o022)
    try:
        ours = _ours(office)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(ours.stat().st_mode) == 0o644


def test_write_new_never_replaces(office):
    path = office / "moi.yaml"
    safe_write.write_new(path, b"first")
    with pytest.raises(safe_write.TargetRefused) as caught:
        safe_write.write_new(path, b"second")
    assert str(caught.value) == "tệp này đã có — công cụ không ghi đè; hãy xóa, đổi tên hoặc chọn tên khác bằng -o"
    assert path.read_bytes() == b"first"
    assert sorted(p.name for p in office.iterdir()) == ["min.yaml", "moi.yaml"]


BROKEN_YAML = "loai: thong-bao-ket-luan\nco_quan: [\n"


def _existing_file_contents():
    """Anything a person may have at the output path: text, random bytes, zips with or without a fingerprint."""
    def zipped(parts):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as package:
            for name, data in parts:
                package.writestr(name, data)
        return out.getvalue()

    zips = st.lists(st.tuples(st.sampled_from(["word/document.xml", "docProps/custom.xml", "a.bin"]),
                              st.binary(max_size=200)), max_size=3, unique_by=lambda p: p[0]).map(zipped)
    return st.one_of(st.binary(max_size=2000), st.text(max_size=200).map(str.encode), zips)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=_existing_file_contents(), broken=st.booleans())
def test_a_failed_or_refused_render_leaves_any_existing_file_byte_for_byte(office, content, broken):
    (office / "min.yaml").write_text(BROKEN_YAML if broken else MINIMAL_YAML, encoding="utf-8")
    target = office / "co-san.docx"
    target.write_bytes(content)
    code, _, _ = vanban("render", "min.yaml", "-o", "co-san.docx", cwd=office)
    assert code == 1
    assert target.read_bytes() == content
    assert sorted(p.name for p in office.iterdir()) == ["co-san.docx", "min.yaml"]
