"""The `vanban` command: exit codes, and the exact Vietnamese message for each kind of bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from generator import lint
from generator.cli import app
from tests.conftest import MINIMAL_YAML, ROOT

runner = CliRunner()


def run(*args: str, cwd: Path) -> tuple[int, str, str]:
    """Run the command in ``cwd``; an exception escaping the command fails the test (it is not an exit 1)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(app, list(args))
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_render_writes_the_docx_beside_the_yaml(tmp_path):
    write(tmp_path, "tb.yaml", MINIMAL_YAML)
    code, out, err = run("render", "tb.yaml", cwd=tmp_path)
    assert (code, out, err) == (0, "đã tạo tb.docx\n", "")
    assert docx.Document(str(tmp_path / "tb.docx")).paragraphs[0].text == "THÔNG BÁO"


def test_render_out_and_out_dir(tmp_path):
    write(tmp_path, "a.yaml", MINIMAL_YAML)
    write(tmp_path, "b.yaml", MINIMAL_YAML)
    assert run("render", "a.yaml", "-o", "ra/x.docx", cwd=tmp_path)[:2] == (0, "đã tạo ra/x.docx\n")
    assert run("render", "a.yaml", "b.yaml", "--out-dir", "nhap", cwd=tmp_path)[:2] == (
        0, "đã tạo nhap/a.docx\nđã tạo nhap/b.docx\n"
           "Tệp\tKết quả\tTệp ra\tCảnh báo\na.yaml\tđã tạo\tnhap/a.docx\t0\nb.yaml\tđã tạo\tnhap/b.docx\t0\n"
           "2/2 văn bản đã tạo\n")


BAD_INPUTS = {
    "syntax": (MINIMAL_YAML.replace("dia_danh: Phan Thiết", 'dia_danh: "Phan Thiết'),
               'tb.yaml:6:11: lỗi VB001: thiếu dấu ngoặc kép đóng: dấu `"` mở ở đây nhưng không đóng trên cùng '
               'dòng, nên YAML đọc cả các dòng bên dưới (tới hết tệp) như một dòng chữ — hãy thêm dấu `"` ở cuối '
               'dòng\n    dia_danh: "Phan Thiết\n              ^\n    sửa thành: dia_danh: "Phan Thiết"'),
    "unknown key": (MINIMAL_YAML.replace("noi_nhan:", "noi_nhna:"),
                    "tb.yaml:11:1: lỗi VB010: khóa `noi_nhna` không có trong mẫu — có phải ý bạn là `noi_nhan`?"),
    "missing field": (MINIMAL_YAML.replace("dia_danh: Phan Thiết\n", ""),
                      "tb.yaml:1:1: lỗi VB011: thiếu `dia_danh` (địa danh nơi cơ quan đóng trụ sở) — "
                      "ví dụ: `dia_danh: Phan Thiết`"),
    "missing nested field": (MINIMAL_YAML.replace("  ho_ten: Lê Tấn Lai\n", ""),
                             "tb.yaml:14:3: lỗi VB011: thiếu `nguoi_ky.ho_ten` (họ và tên người ký) — "
                             "ví dụ: `ho_ten: Võ Thanh An`"),
    "wrong type": (MINIMAL_YAML.replace("  - Sở Nội vụ", "  - noi: [Sở Nội vụ]"),
                   "tb.yaml:12:10: lỗi VB012: `noi_nhan[1].noi` (tên nơi nhận) phải là một dòng chữ, "
                   "không phải một danh sách"),
    "not a mapping": (MINIMAL_YAML.replace("co_quan:\n  ten: Tỉnh ủy Bình Thuận\n  viet_tat: TU", "co_quan: Tỉnh ủy"),
                      "tb.yaml:2:10: lỗi VB012: `co_quan` (cơ quan ban hành) phải là một bảng gồm các khóa "
                      "(`ten: …`) viết thụt vào, không phải dòng chữ `Tỉnh ủy`"),
    "duplicate key": (MINIMAL_YAML + "so: \"971\"\n",
                      "tb.yaml:16:1: lỗi VB002: khóa `so` đã có ở dòng 5 — mỗi khóa chỉ viết một lần; "
                      "hãy gộp hai chỗ làm một hoặc xóa một chỗ"),
    "tab": (MINIMAL_YAML.replace("  viet_tat: TU", "\tviet_tat: TU"),
            "tb.yaml:4:1: lỗi VB004: thụt đầu dòng bằng phím Tab — YAML chỉ nhận dấu cách; "
            "hãy thay Tab bằng 2 dấu cách"),
    "control character": (MINIMAL_YAML.replace("Lê Tấn Lai", "Lê Tấn\x07Lai"),
                          "tb.yaml:15:17: lỗi VB005: ký tự điều khiển U+0007 không in được "
                          "(thường do dán từ Word/PDF) — hãy xóa ký tự này"),
    "blank required text": (MINIMAL_YAML.replace("  ho_ten: Lê Tấn Lai", '  ho_ten: "  "'),
                            "tb.yaml:15:11: lỗi VB011: `nguoi_ky.ho_ten` (họ và tên người ký) để trống — hãy ghi "
                            "nội dung, ví dụ: `ho_ten: Võ Thanh An`"),
    "non-ascii digits": (MINIMAL_YAML.replace('so: "970"', 'so: "²"'),
                         "tb.yaml:5:5: lỗi VB013: `so`: `²` không phải số — chỉ viết phần số, "
                         "ví dụ `so: \"970\"`; ký hiệu như -TB/TU do công cụ tự thêm"),
    "bad date": (MINIMAL_YAML.replace("26/7/2010", "30/2/2010"),
                 "tb.yaml:7:7: lỗi VB013: `ngay`: ngày `30/2/2010` không có trên lịch"),
    "number with symbol": (MINIMAL_YAML.replace('so: "970"', "so: 970-TB/TU"),
                           "tb.yaml:5:5: lỗi VB013: `so`: `970-TB/TU` không phải số — chỉ viết phần số, "
                           "ví dụ `so: \"970\"`; ký hiệu như -TB/TU do công cụ tự thêm"),
    "state prefix": (MINIMAL_YAML.replace("  chuc_vu:", "  quyen_han: TM.\n  thay_mat: Ủy ban\n  chuc_vu:"),
                     "tb.yaml:14:14: lỗi VB013: thẩm quyền ký `TM.` không dùng trong Văn bản của Đảng "
                     "(Hướng dẫn 36-HD/VPTW) — hãy dùng một trong: `T/M`, `K/T`, `T/L`, `Q.`"),
    "unknown kind": (MINIMAL_YAML.replace("loai: thong-bao-ket-luan", "loai: thong-bao"),
                     "tb.yaml:1:7: lỗi VB013: loại `thong-bao` chưa có trong Văn bản của Đảng "
                     "(Hướng dẫn 36-HD/VPTW) — hãy dùng: `thong-bao-ket-luan`, `ket-luan`, `bao-cao`, "
                     "`ke-hoach`, `cong-van`"),
    "empty file": ("", "tb.yaml:1:1: lỗi VB006: tệp rỗng — hãy viết các mục của văn bản, "
                       "ví dụ `loai: thong-bao-ket-luan`"),
    "a list": ("- loai: thong-bao-ket-luan\n",
               "tb.yaml:1:1: lỗi VB006: tệp phải là một bảng `khóa: giá trị` (ví dụ `loai: thong-bao-ket-luan`), "
               "không phải một danh sách hay một dòng chữ"),
    "utf-16": (MINIMAL_YAML.encode("utf-16"),
               "tb.yaml:1:1: lỗi VB003: tệp được lưu dạng UTF-16 — hãy mở tệp và lưu lại với bảng mã UTF-8 "
               "(Notepad: Lưu thành… › Mã hóa: UTF-8)"),
    "windows-1258": ("loai: thong-bao-ket-luan\ndia_danh: Phan Thi\u00ea\u0301t\n".encode("cp1258"),
                     "tb.yaml:2:19: lỗi VB003: tệp không phải UTF-8 (có lẽ là Windows-1258 hoặc TCVN3/VNI) — "
                     "hãy mở tệp và lưu lại với bảng mã UTF-8 (Notepad: Lưu thành… › Mã hóa: UTF-8)"),
    "python tag": (MINIMAL_YAML.replace("dia_danh: Phan Thiết", "dia_danh: !!python/object/apply:os.system [ls]"),
                   "tb.yaml:6:11: lỗi VB007: thẻ YAML `tag:yaml.org,2002:python/object/apply:os.system` "
                   "không được dùng — hãy bỏ phần bắt đầu bằng `!`"),
    "too deep": (MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đã kết luận.",
                                      "  ket_qua:\n    noi_dung:\n      - muc:\n          - muc:\n"
                                      "              - noi_dung: cấp 4"),
                 "tb.yaml:14:17: lỗi VB013: mục lồng tới cấp 4 nhưng `danh_so` chỉ có 3 cấp (I-, 1-, a)) — "
                 "hãy thêm một cấp vào `danh_so`, ví dụ \"a)\""),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_gets_exit_1_and_one_located_vietnamese_message(tmp_path, case):
    text, message = BAD_INPUTS[case]
    write(tmp_path, "tb.yaml", text)
    code, out, err = run("render", "tb.yaml", cwd=tmp_path)
    assert code == 1
    assert out == ""
    assert err == f"{message}\nCó 1 lỗi, 0 cảnh báo.\n"
    assert not (tmp_path / "tb.docx").exists()


def test_all_problems_of_all_files_in_one_run(tmp_path):
    write(tmp_path, "a.yaml", MINIMAL_YAML.replace("dia_danh: Phan Thiết\n", "").replace("noi_nhan:", "noi_nhna:"))
    write(tmp_path, "b.yaml", MINIMAL_YAML.replace("26/7/2010", "32/7/2010"))
    write(tmp_path, "c.yaml", MINIMAL_YAML)
    code, out, err = run("render", "a.yaml", "b.yaml", "c.yaml", cwd=tmp_path)
    assert code == 1
    assert out == ("đã tạo c.docx\nTệp\tKết quả\tTệp ra\tCảnh báo\na.yaml\tlỗi\t\t0\nb.yaml\tlỗi\t\t0\n"
                   "c.yaml\tđã tạo\tc.docx\t0\n1/3 văn bản đã tạo, 2 lỗi\n")
    assert [line.split(": lỗi ")[0] for line in err.splitlines()[:-1]] == ["a.yaml:1:1", "a.yaml:10:1", "b.yaml:7:7"]
    assert err.splitlines()[-1] == "Có 3 lỗi, 0 cảnh báo."


def test_a_failed_render_leaves_the_previous_docx_untouched(tmp_path):
    write(tmp_path, "tb.yaml", MINIMAL_YAML)
    assert run("render", "tb.yaml", cwd=tmp_path)[0] == 0
    before = (tmp_path / "tb.docx").read_bytes()
    write(tmp_path, "tb.yaml", MINIMAL_YAML.replace("dia_danh: Phan Thiết\n", ""))
    assert run("render", "tb.yaml", cwd=tmp_path)[0] == 1
    assert (tmp_path / "tb.docx").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tb.docx", "tb.yaml"], "no temporary file is left"


def test_output_must_be_a_docx_so_a_yaml_is_never_overwritten(tmp_path):
    write(tmp_path, "tb.yaml", MINIMAL_YAML)
    code, _, err = run("render", "tb.yaml", "-o", "tb.yaml", cwd=tmp_path)
    assert code == 1
    assert err.startswith("tb.yaml:1:1: lỗi VB021: tệp ra phải có đuôi .docx")
    assert (tmp_path / "tb.yaml").read_text(encoding="utf-8") == MINIMAL_YAML


@pytest.mark.parametrize("args", [["render", "a.yaml", "b.yaml", "-o", "x.docx"], ["render"], ["khong-co-lenh"],
                                  ["render", "a.yaml", "--khong-co"]])
def test_usage_errors_exit_2(tmp_path, args):
    assert run(*args, cwd=tmp_path)[0] == 2


def test_help_is_in_vietnamese(tmp_path):
    code, out, _ = run("--help", cwd=tmp_path)
    assert code == 0
    assert "Soạn văn bản của Đảng" in out and "Lệnh" in out and "render" in out
    code, out, _ = run("render", "--help", cwd=tmp_path)
    assert code == 0
    for text in ("Cách dùng: vanban render [TÙY CHỌN]", "Kiểm tra rồi tạo tệp DOCX từ các tệp YAML",
                 "Tùy chọn", "--force",
                 "thư mục ghi các tệp DOCX ra", "Hiện hướng dẫn này rồi thoát."):
        assert text in out
    for english in ("Usage", "Options", "Show this message", "list[Path]", "<bool>"):
        assert english not in out


def test_installed_command_never_prints_a_traceback(tmp_path):
    """The real entry point: a missing template is a located error, not a traceback."""
    write(tmp_path, "tb.yaml", MINIMAL_YAML)
    result = subprocess.run([sys.executable, "-m", "generator", "render", "tb.yaml", "--mau", "khong-co"],
                            cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1
    assert result.stderr.startswith("tb.yaml:1:7: lỗi VB020: không có mẫu khong-co/dang/thong-bao-ket-luan.docx")
    assert "Traceback" not in result.stderr


def test_check_reports_every_finding_of_every_file_sorted_and_writes_nothing(tmp_path):
    write(tmp_path, "b.yaml", MINIMAL_YAML.replace("dia_danh: Phan Thiết\n", ""))
    write(tmp_path, "a.yaml", MINIMAL_YAML.replace("Thường trực Tỉnh ủy đã kết luận.", "Thường trực  Tỉnh ủy kết luận ."))
    code, out, err = run("check", "b.yaml", "a.yaml", cwd=tmp_path)
    assert (code, out) == (1, f"a.yaml: trình bày theo {HD36_SINCE_2010}\n"), "b.yaml has an error: no profile"
    assert err.splitlines() == [
        "a.yaml:10:11: cảnh báo VB153: 2 dấu cách liền nhau: `Thường trực  Tỉnh ủy kết luận .` — "
        "hãy chỉ để một dấu cách (công cụ giữ nguyên chữ đã gõ)",
        "a.yaml:10:11: cảnh báo VB154: dấu cách trước dấu `.`: `…ực  Tỉnh ủy kết luận .` — "
        "hãy viết dấu `.` liền sau chữ đứng trước",
        "b.yaml:1:1: lỗi VB011: thiếu `dia_danh` (địa danh nơi cơ quan đóng trụ sở) — ví dụ: `dia_danh: Phan Thiết`",
        "Có 1 lỗi, 2 cảnh báo.",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


def test_check_with_only_warnings_exits_0_and_json_says_the_same(tmp_path):
    write(tmp_path, "a.yaml", MINIMAL_YAML.replace("Thường trực Tỉnh ủy", "Thường trực  Tỉnh ủy"))
    code, out, err = run("check", "a.yaml", cwd=tmp_path)
    assert code == 0 and err.endswith("Có 0 lỗi, 1 cảnh báo.\n")
    code, out, err = run("check", "a.yaml", "--format", "json", cwd=tmp_path)
    assert code == 0 and err == ""
    report = json.loads(out)
    assert (report["so_loi"], report["so_canh_bao"]) == (0, 1)
    assert {k: report["phat_hien"][0][k] for k in ("tep", "dong", "cot", "muc_do", "ma")} == {
        "tep": "a.yaml", "dong": 10, "cot": 11, "muc_do": "cảnh báo", "ma": "VB153"}


def test_a_clean_file_checks_clean(tmp_path):
    write(tmp_path, "a.yaml", MINIMAL_YAML)
    assert run("check", "a.yaml", cwd=tmp_path) == (0, f"a.yaml: trình bày theo {HD36_SINCE_2010}\n",
                                                    "Có 0 lỗi, 0 cảnh báo.\n")


HD36_SINCE_2010 = "dang (HD 36-HD/VPTW) vì ngày ban hành 26/7/2010 trước ngày 27/5/2026"


def test_check_says_which_profile_lays_the_notice_out_and_why(tmp_path):
    write(tmp_path, "moi.yaml", MINIMAL_YAML.replace("26/7/2010", "01/12/2026"))
    write(tmp_path, "ghim.yaml", MINIMAL_YAML.replace("26/7/2010", "01/12/2026") + "he_thong: dang-hd36\n")
    code, out, _ = run("check", "moi.yaml", "ghim.yaml", "--so-ngay-truoc", "400", cwd=tmp_path)
    assert code == 0
    assert out.splitlines() == [
        "moi.yaml: trình bày theo dang-2026 (HD 05-HD/VPTW) vì ngày ban hành 01/12/2026 từ ngày 27/5/2026",
        "ghim.yaml: trình bày theo dang (HD 36-HD/VPTW) vì văn bản ghi he_thong: dang-hd36"]
    code, out, _ = run("check", "moi.yaml", "--format", "json", "--so-ngay-truoc", "400", cwd=tmp_path)
    assert json.loads(out)["ho_so_the_thuc"] == {
        "moi.yaml": "dang-2026 (HD 05-HD/VPTW) vì ngày ban hành 01/12/2026 từ ngày 27/5/2026"}


def test_render_prints_warnings_and_still_writes(tmp_path):
    write(tmp_path, "a.yaml", MINIMAL_YAML.replace("Thường trực Tỉnh ủy", "Thường trực  Tỉnh ủy"))
    code, out, err = run("render", "a.yaml", cwd=tmp_path)
    assert (code, out) == (0, "đã tạo a.docx\n")
    assert err.startswith("a.yaml:10:11: cảnh báo VB153:") and err.endswith("Có 0 lỗi, 1 cảnh báo.\n")


def test_render_stops_on_a_rule_error(tmp_path):
    write(tmp_path, "a.yaml", MINIMAL_YAML.replace("  chuc_vu:", "  quyen_han: K/T\n  thay_mat: Ban Thường vụ\n  chuc_vu:"))
    code, out, err = run("render", "a.yaml", cwd=tmp_path)
    assert (code, out) == (1, "")
    assert " lỗi VB122: " in err and " lỗi VB123: " in err
    assert not (tmp_path / "a.docx").exists()


def test_rules_lists_and_explains(tmp_path):
    code, out, _ = run("rules", cwd=tmp_path)
    assert code == 0
    assert out.splitlines()[0].startswith("VB101  lỗi       ")
    assert len(out.splitlines()) == len(lint.RULES)
    code, out, _ = run("rules", "vb121", cwd=tmp_path)
    assert code == 0
    assert out.startswith("VB121 (on-behalf-of-collective) — lỗi\nSau T/M (TM.: thay mặt) phải là tên một tập thể")
    assert "Căn cứ: HD 36 §II.1.7.1" in out
    assert run("rules", "VB999", cwd=tmp_path)[0] == 2


def test_schema_prints_the_committed_schemas(tmp_path):
    for args, name in ((("schema",), "van-ban"), (("schema", "don-vi"), "don-vi")):
        code, out, _ = run(*args, cwd=tmp_path)
        assert code == 0
        assert out == (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    schema = json.loads(out)
    assert schema["properties"]["dia_danh"]["description"] == "địa danh nơi cơ quan đóng trụ sở"


@pytest.mark.parametrize(("args", "message"), [
    (["render", "a.yaml", "--ouy"], "không có tùy chọn `--ouy` — có phải ý bạn là --mau, --out?"),
    (["render"], "thiếu TỆP.yaml"),
    (["khong-co"], "không có lệnh `khong-co` — các lệnh: render,"),
    (["check", "a.yaml", "--format", "xml"], "giá trị không hợp lệ cho --format: `xml` không dùng được"),
    (["rules", "VB101", "VB102"], "thừa tham số: VB102"),
    (["render", "a.yaml", "--so-ngay-truoc", "x"], "giá trị không hợp lệ cho --so-ngay-truoc: phải là một số nguyên"),
    (["render", "a.yaml", "-o"], "tùy chọn `-o` cần một giá trị"),
])
def test_usage_errors_are_explained_in_vietnamese(tmp_path, args, message):
    code, _, err = run(*args, cwd=tmp_path)
    assert code == 2
    assert message in " ".join(line.strip("│ ") for line in err.splitlines())


def test_five_independent_mistakes_and_a_rulebook_rule_in_one_check(tmp_path):
    text = (MINIMAL_YAML.replace("  viet_tat: TU", "\tviet_tat: TU").replace("noi_nhan:", "noi_nhna:")
            .replace("26/7/2010", "32/7/2010").replace("dia_danh: Phan Thiết", "dia_danh:Phan Thiết")
            .replace("nguoi_ky:\n", "nguoi_ky:\n  quyen_han: TM.\n  thay_mat: BAN THƯỜNG VỤ\n")
            + 'luu: "Lưu: VT, VPTU"\n')
    write(tmp_path, "tb.yaml", text)
    code, _, err = run("check", "tb.yaml", cwd=tmp_path)
    assert code == 1
    found = [line.split(": ", 2)[:2] for line in err.splitlines() if line.startswith("tb.yaml:")]
    assert found == [["tb.yaml:4:1", "lỗi VB004"], ["tb.yaml:6:9", "lỗi VB001"], ["tb.yaml:7:7", "lỗi VB013"],
                     ["tb.yaml:11:1", "lỗi VB010"], ["tb.yaml:14:14", "lỗi VB013"], ["tb.yaml:18:6", "lỗi VB134"]]
