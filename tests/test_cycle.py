"""The quarter cycle end to end: an office folder with its profile; a notice rendered; carried to the next
quarter; statuses filled; rendered again; tasks followed up (table, CSV, DOCX) — asserting the printed texts."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import docx
import pytest

from generator.cycle import carry, period
from tests.conftest import ROOT, reading_text
from tests.test_cli import run

OFFICE = ROOT / "examples" / "ban-dan-van-quang-ngai"
EXAMPLE_001 = ROOT / "examples" / "001-tb-ket-luan-truc-bao-dan-van-quy-i-2021.yaml"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "ban-dan-van"
    shutil.copytree(OFFICE, folder)
    return folder


def _fill(path: Path, replacements: dict[str, str]) -> None:
    """What the secretary types into the draft: each prompt line or empty value replaced by real text."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


def test_the_profile_fills_what_the_notice_leaves_out(office):
    code, out, err = run("render", "tb-quy-i-2021.yaml", cwd=office)
    assert (code, out, err) == (0, "đã tạo tb-quy-i-2021.docx\n", "")
    document = docx.Document(str(office / "tb-quy-i-2021.docx"))
    text = reading_text(document)
    assert "BAN DÂN VẬN" in text and "Số 48-TB/BDVTU" in text and "Quảng Ngãi, ngày 12 tháng 4 năm 2021" in text
    assert "tại Hội nghị trực báo công tác dân vận quý I/2021," in text
    assert "nhiệm vụ trọng tâm quý II/2021" in text
    assert "Ngày 09/4/2021, Ban Dân vận Tỉnh ủy tổ chức hội nghị trực báo công tác dân vận quý I/2021, triển khai " \
           "nhiệm vụ quý II/2021." in text
    assert "I. Về kết quả thực hiện nhiệm vụ quý I/2021" in text
    assert "- Lưu Văn Phòng Tỉnh ủy." in text and "Võ Thanh An" in text and "{" not in text


def test_a_message_about_a_profile_value_points_at_the_profile(office):
    profile = office / "don-vi.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("viet_tat: BDVTU", "viet_tat: Bdvtu"),
                       encoding="utf-8")
    code, _, err = run("check", "tb-quy-i-2021.yaml", cwd=office)
    assert code == 1
    assert err.splitlines()[0].startswith("don-vi.yaml:8:13: lỗi VB013: `co_quan.viet_tat`: `Bdvtu` phải viết liền, "
                                          "in hoa")


def test_a_notice_adds_and_removes_recipients_and_names_its_signer(office):
    notice = office / "tb-quy-i-2021.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace(
        "nguoi_ky: truong-ban", "nguoi_ky: pho-truong-ban\nnoi_nhan:\n  bo: [Sở Nội vụ]\n  them: [Công an tỉnh]"),
        encoding="utf-8")
    code, _, err = run("render", "tb-quy-i-2021.yaml", cwd=office)
    assert code == 0, err
    text = reading_text(docx.Document(str(office / "tb-quy-i-2021.docx")))
    assert "- Sở Nội vụ," not in text and "- Công an tỉnh," in text
    assert "K/T TRƯỞNG BAN" in text and "Nguyễn Văn Bình" in text


def test_an_unknown_signer_key_lists_the_profiles(office):
    notice = office / "tb-quy-i-2021.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("nguoi_ky: truong-ban", "nguoi_ky: truong-bam"),
                      encoding="utf-8")
    code, _, err = run("check", "tb-quy-i-2021.yaml", cwd=office)
    assert code == 1
    assert "tb-quy-i-2021.yaml:64:11: lỗi VB013: người ký `truong-bam` không có trong don-vi.yaml — hãy dùng một " \
           "trong: `truong-ban`, `pho-truong-ban`" in err


def test_an_unknown_placeholder_is_an_error_with_a_suggestion(office):
    notice = office / "tb-quy-i-2021.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("nhiệm vụ trọng tâm {ky_sau}", "nhiệm vụ {kysau}"),
                      encoding="utf-8")
    code, _, err = run("check", "tb-quy-i-2021.yaml", cwd=office)
    assert code == 1
    assert "lỗi VB165: chỗ điền `{kysau}` không có — có phải ý bạn là `{ky_sau}`?" in err


def test_the_whole_quarter_cycle(office):
    assert run("render", "tb-quy-i-2021.yaml", cwd=office)[0] == 0

    code, out, _ = run("carry", "tb-quy-i-2021.yaml", cwd=office)
    assert code == 0
    assert out.startswith("đã tạo tb-quy-ii-2021.yaml (quý II/2021): 3 nhiệm vụ kỳ trước để ghi tình trạng")
    draft = office / "tb-quy-ii-2021.yaml"
    assert "ky: quý II/2021" in draft.read_text(encoding="utf-8")

    code, _, err = run("render", "tb-quy-ii-2021.yaml", cwd=office)
    assert code == 1, "an unwritten draft is refused"
    assert err.count("lỗi VB160") == 4 and err.count("lỗi VB161") == 3 and "lỗi VB165" in err
    assert not (office / "tb-quy-ii-2021.docx").exists()

    _fill(draft, {
        "so: # số: văn thư điền khi vào sổ": 'so: "63"',
        "ngay: # ngày ban hành kỳ này": "ngay: 12/7/2021",
        "ngay:    # ngày họp kỳ này": "ngay: 09/7/2021",
        "'[cần viết] kết quả thực hiện nhiệm vụ quý II/2021 (bảng kết quả các nhiệm vụ kỳ trước in ở cuối phần này)'":
            "Các nhiệm vụ quý II/2021 cơ bản hoàn thành.",
        "'[cần viết] hạn chế, tồn tại quý II/2021'": "Đối thoại ở một số huyện còn chậm.",
        "'[cần viết] nhiệm vụ mới quý III/2021; các nhiệm vụ dưới đây là việc kỳ trước chưa hoàn thành — giữ, sửa "
        "hoặc xóa'": "Các đơn vị tập trung thực hiện các việc sau.",
        "'[cần viết] kiến nghị, đề xuất (xóa phần này nếu không có)'": "Không có kiến nghị mới.",
        "han:  # hạn cũ 30/6/2021 — ghi hạn mới": "han: 30/9/2021",
    })
    text = draft.read_text(encoding="utf-8")
    text = text.replace("trang_thai:  # chua-thuc-hien | dang-thuc-hien | hoan-thanh\n    ket_qua:\n",
                        "trang_thai: hoan-thanh\n    ket_qua: Đã tổ chức sơ kết\n", 1)
    text = text.replace("trang_thai:  # chua-thuc-hien | dang-thuc-hien | hoan-thanh", "trang_thai: dang-thuc-hien")
    draft.write_text(text, encoding="utf-8")
    # The first carried task is done: the draft still offers it, the secretary drops it.
    text = draft.read_text(encoding="utf-8")
    start = text.index("      - noi_dung: Sơ kết 5 năm")
    end = text.index("      - noi_dung: Tham mưu cấp ủy")
    draft.write_text(text[:start] + text[end:], encoding="utf-8")

    code, out, err = run("render", "tb-quy-ii-2021.yaml", cwd=office)
    assert (code, out) == (0, "đã tạo tb-quy-ii-2021.docx\n"), err
    document = docx.Document(str(office / "tb-quy-ii-2021.docx"))
    printed = reading_text(document)
    assert "Số 63-TB/BDVTU" in printed and "Quảng Ngãi, ngày 12 tháng 7 năm 2021" in printed
    assert "tại Hội nghị trực báo công tác dân vận quý II/2021," in printed
    assert "nhiệm vụ trọng tâm quý III/2021" in printed
    assert "I. Về kết quả thực hiện nhiệm vụ quý II/2021" in printed
    review = next(t for t in document.tables if t.rows[0].cells[-1].text == "Kết quả thực hiện")
    assert [c.text for c in review.rows[1].cells] == [
        "1", "Sơ kết 5 năm thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị",
        "Phòng Dân vận chính quyền", "30/6/2021", "Hoàn thành — Đã tổ chức sơ kết"]
    assert review.rows[2].cells[-1].text == "Đang thực hiện"
    assert "[cần viết]" not in printed and "{" not in printed

    code, out, _ = run("tasks", ".", "--trang-thai", "dang-thuc-hien", cwd=office)
    assert code == 0
    assert "2 nhiệm vụ" in out and "Đang thực hiện" in out and "Tham mưu cấp ủy" in out and "Sơ kết 5 năm" not in out

    assert run("tasks", ".", "--csv", "theo-doi.csv", cwd=office)[0] == 0
    rows = list(csv.reader(io.StringIO((office / "theo-doi.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Nhiệm vụ", "Đơn vị", "Thời hạn", "Tình trạng", "Kết quả", "Nguồn"]
    by_task = {row[0]: row for row in rows[1:]}
    assert by_task["Sơ kết 5 năm thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị"][3:5] == [
        "Hoàn thành", "Đã tổ chức sơ kết"]
    assert re.fullmatch(r"tb-quy-ii-2021\.yaml:\d+", by_task["Tham mưu cấp ủy đẩy mạnh đối thoại của bí thư cấp ủy "
                                                              "với nhân dân"][5])

    assert run("tasks", ".", "--docx", "theo-doi.docx", "--qua-han", "1/10/2021", cwd=office)[0] == 0
    report = reading_text(docx.Document(str(office / "theo-doi.docx")))
    assert "BÁO CÁO" in report and "Theo dõi, đôn đốc thực hiện các nhiệm vụ" in report
    assert "đến ngày 01/10/2021" in report and "Võ Thanh An" in report


def test_carrying_example_001_puts_every_task_up_for_review(tmp_path):
    source = tmp_path / EXAMPLE_001.name
    shutil.copy(EXAMPLE_001, source)
    code, out, _ = run("carry", source.name, "--to", "2021-Q2", cwd=tmp_path)
    assert code == 0
    draft = tmp_path / "001-tb-ket-luan-truc-bao-dan-van-quy-ii-2021.yaml"
    assert out.startswith(f"đã tạo {draft.name} (quý II/2021): 19 nhiệm vụ kỳ trước")
    text = draft.read_text(encoding="utf-8")
    import yaml
    data = yaml.safe_load(text)
    assert data["ky"] == "quý II/2021"
    assert data["trich_yeu"] == ["KẾT LUẬN CỦA TRƯỞNG BAN DÂN VẬN TỈNH ỦY",
                                 "tại Hội nghị trực báo công tác dân vận quý II,", "nhiệm vụ trọng tâm quý III năm 2021"]
    assert data["hoi_nghi"]["ten"] == "hội nghị trực báo công tác dân vận quý II, triển khai nhiệm vụ quý III năm 2021"
    assert data["so"] is None if "so" in data else True
    assert data["ngay"] is None and data["hoi_nghi"]["ngay"] is None
    reviewed = [entry["nhiem_vu"] for entry in data["theo_doi"]]
    original = yaml.safe_load(EXAMPLE_001.read_text(encoding="utf-8"))
    tasks = [" ".join(item["noi_dung"].split()) for group in original["noi_dung"]["nhiem_vu"]["noi_dung"]
             if isinstance(group, dict) for item in group["muc"]]
    assert [" ".join(t.split()) for t in reviewed] == tasks
    assert all(entry["trang_thai"] is None for entry in data["theo_doi"])
    assert "# Bản gốc đánh số I., 1., 1.1." in text, "comments are kept"
    assert list(data)[:3] == ["loai", "ky", "he_thong"], "the key order is kept"


def test_carry_never_overwrites_and_needs_a_period(tmp_path):
    source = tmp_path / EXAMPLE_001.name
    shutil.copy(EXAMPLE_001, source)
    code, _, err = run("carry", source.name, cwd=tmp_path)
    assert code == 1
    assert "văn bản chưa có `ky:` nên không biết kỳ sau là kỳ nào" in err
    (tmp_path / "ke-tiep.yaml").write_text("giữ nguyên\n", encoding="utf-8")
    code, _, err = run("carry", source.name, "--to", "2021-Q2", "-o", "ke-tiep.yaml", cwd=tmp_path)
    assert code == 1 and "tệp này đã có — công cụ không ghi đè" in err
    assert (tmp_path / "ke-tiep.yaml").read_text(encoding="utf-8") == "giữ nguyên\n"


@pytest.mark.parametrize(("typed", "code", "next_name"), [
    ("quý IV/2021", "2022-Q1", "quý I/2022"),
    ("6 tháng đầu năm 2021", "2021-H2", "6 tháng cuối năm 2021"),
    ("năm 2021", "2022", "năm 2022"),
    ("tháng 12/2021", "2022-01", "tháng 1/2022"),
])
def test_the_default_next_period_has_the_same_length(office, typed, code, next_name):
    notice = office / "tb-quy-i-2021.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("ky: quý I/2021", f"ky: {typed}"),
                      encoding="utf-8")
    carried = carry.carry(notice)
    assert carried.period.code == code and carried.period.text() == next_name
    assert period.parse(next_name) == carried.period


def test_an_office_restyles_its_own_copy_of_a_template_and_its_notices_use_it(office):
    from docx.shared import Pt

    from tests.conftest import style_value

    code, out, _ = run("templates", "copy", "dang/thong-bao-ket-luan", "mau", cwd=office)
    assert code == 0 and out.startswith("đã chép mẫu dang/thong-bao-ket-luan ra mau/dang/thong-bao-ket-luan.docx")
    template = office / "mau" / "dang" / "thong-bao-ket-luan.docx"
    restyled = docx.Document(str(template))
    restyled.styles["VB Nội dung"].font.size = Pt(15)  # what an office does in Word's Styles pane
    restyled.save(str(template))
    profile = office / "don-vi.yaml"
    profile.write_text(profile.read_text(encoding="utf-8") + "mau: mau\n", encoding="utf-8")
    assert run("render", "tb-quy-i-2021.yaml", cwd=office)[0] == 0
    document = docx.Document(str(office / "tb-quy-i-2021.docx"))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Ngày 09/4/2021"))
    assert style_value(paragraph.style, lambda s: s.font.size) == Pt(15)
