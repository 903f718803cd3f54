"""Unlucky or hostile input files: every limit is checked before the work it limits, and every odd YAML form
gets a located Vietnamese message, never an internal error."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from generator.errors import MAX_SHOWN
from tests.conftest import MINIMAL_YAML
from tests.test_cli import run as vanban


def check(folder: Path, text: str | bytes, name: str = "tb.yaml") -> tuple[int, list[str]]:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    code, _, err = vanban("check", name, cwd=folder)
    return code, err.splitlines()


TOO_DEEP = ("lỗi VB007: tệp lồng quá sâu (hơn 40 tầng danh sách hay bảng khóa lồng vào nhau) — hãy viết phẳng lại; "
            "một văn bản chỉ cần vài tầng")


def test_500_nested_brackets_are_refused_while_composing(tmp_path):
    code, lines = check(tmp_path, "loai: " + "[" * 500 + "]" * 500 + "\n")
    assert code == 1
    assert lines == [f"tb.yaml:1:46: {TOO_DEEP}", "Có 1 lỗi, 0 cảnh báo."]


def test_deep_block_nesting_is_refused_at_the_level_past_the_limit(tmp_path):
    text = "loai:\n" + "".join("  " * i + "-\n" for i in range(300))
    code, lines = check(tmp_path, text)
    assert code == 1
    assert lines[0].endswith(TOO_DEEP)
    assert lines[0].startswith("tb.yaml:41:")


def test_an_endless_device_is_read_only_up_to_the_limit(tmp_path):
    code, _, err = vanban("check", "/dev/zero", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0] == ("/dev/zero:1:1: lỗi VB003: tệp quá lớn (hơn 2 MB) — một văn bản chỉ cần vài chục "
                                   "KB; hãy kiểm tra lại tệp")


def test_a_pipe_that_never_ends_is_read_only_up_to_the_limit(tmp_path):
    fifo = tmp_path / "ong.yaml"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "wb") as stream:
            try:
                while True:
                    stream.write(b"a" * 65536)
            except BrokenPipeError:
                pass  # the reader stopped at the limit: what we want

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    code, _, err = vanban("check", "ong.yaml", cwd=tmp_path)
    assert code == 1
    assert "lỗi VB003: tệp quá lớn (hơn 2 MB)" in err


def test_a_folder_with_no_document_is_named_in_vietnamese(tmp_path):
    (tmp_path / "ho-so").mkdir()
    (tmp_path / "ho-so" / "don-vi.yaml").write_text("he_thong: dang\n", encoding="utf-8")
    code, _, err = vanban("check", "ho-so", cwd=tmp_path)
    assert code == 1
    assert err.splitlines()[0] == ("ho-so:1:1: lỗi VB021: không có tệp YAML nào ở đây (don-vi.yaml, tệp ẩn và bản cũ "
                                   "được bỏ qua) — hãy kiểm tra tên thư mục hoặc mẫu tên")


def test_a_lone_surrogate_is_named_with_its_line(tmp_path):
    code, lines = check(tmp_path, MINIMAL_YAML.replace("Lê Tấn Lai", '"Lê Tấn \\ud800Lai"'))
    assert code == 1
    assert lines == ["tb.yaml:15:11: lỗi VB005: ký tự U+D800 không phải một chữ (nửa cặp mã UTF-16, thường do chép "
                     "từ một chương trình lỗi) — hãy xóa mã `\\u` này trong ngoặc kép", "Có 1 lỗi, 0 cảnh báo."]


def test_a_merge_key_is_explained(tmp_path):
    text = MINIMAL_YAML.replace("nguoi_ky:\n", "nguoi_ky:\n  <<: {chuc_vu: Bí thư}\n")
    code, lines = check(tmp_path, text)
    assert code == 1
    assert lines[0] == ("tb.yaml:14:3: lỗi VB007: khóa gộp `<<:` của YAML không được dùng — hãy chép thẳng các khóa "
                        "cần có vào đây")


@pytest.mark.parametrize("key", ["null", "~", "Null"])
def test_a_key_yaml_reads_as_nothing_is_named_as_typed(tmp_path, key):
    code, lines = check(tmp_path, MINIMAL_YAML + f"{key}: 1\n")
    assert code == 1
    assert lines[0].startswith(f"tb.yaml:16:1: lỗi VB010: khóa `{key}` không có trong mẫu — ")


def test_a_megabyte_key_is_shortened_in_the_message(tmp_path):
    code, lines = check(tmp_path, MINIMAL_YAML + "k" * 1_000 + ": 1\n")
    assert code == 1
    assert lines[0].startswith("tb.yaml:16:1: lỗi VB010: khóa `" + "k" * 199 + "…` không có trong mẫu")
    assert len(lines[0]) < 1_000


def test_a_long_line_is_shown_as_a_window_with_the_caret_on_the_place(tmp_path):
    code, lines = check(tmp_path, "loai: x\nab: \"" + "k" * 100_000 + "\" z\n")
    assert code == 1
    at = next(i for i, line in enumerate(lines) if line.startswith("tb.yaml:2:100008: lỗi VB001: "))
    source, caret = lines[at + 1], lines[at + 2]
    assert len(source) <= 4 + MAX_SHOWN
    assert source.startswith("    …") and source.endswith('" z')
    assert source[caret.index("^")] == "z"
