"""Edge cases found while writing the examples of every kind: each was a wrong output once."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from generator import pipeline
from generator.errors import InputError
from tests.conftest import MINIMAL_YAML

TABLE = """\
      - bang:
          cot: [TT, Lĩnh vực, {ten: Số mô hình, kieu: so}]
          dong:
            - ["1", Kinh tế, "472"]
            - ["2", Văn hóa - xã hội, "721"]
          tong: Tổng cộng"""


def with_body(body: str) -> str:
    return MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đã kết luận.", body)


def test_urgency_and_secrecy_marks_are_printed_in_capitals(render_yaml):
    document = render_yaml(MINIMAL_YAML.replace("trich_yeu:", "do_khan: Khẩn\ndo_mat: mật\ntrich_yeu:"))
    assert [p.text for p in document.tables[0].cell(1, 0).paragraphs] == ["Số 970-TB/TU", "MẬT", "KHẨN"]


def test_a_body_ending_in_a_table_still_ends_with_the_mark_on_its_own_line(render_yaml):
    document = render_yaml(with_body("  ket_qua:\n    noi_dung:\n" + TABLE))
    paragraphs = [p for p in document.paragraphs if p.text]
    assert paragraphs[-1].text == "./."
    assert paragraphs[-1].paragraph_format.keep_with_next


def test_the_totals_label_spans_the_leading_text_columns(render_yaml):
    document = render_yaml(with_body("  ket_qua:\n    noi_dung:\n" + TABLE))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "TT")
    totals = table.rows[-1]._tr
    first = totals.findall(qn("w:tc"))[0]
    assert first.find(qn("w:tcPr")).find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert [c.text for c in table.rows[-1].cells][-1] == "1.193"


def test_the_last_paragraph_keeps_with_the_signature_whatever_its_kind(render_yaml):
    document = render_yaml(with_body("  ket_qua:\n    noi_dung:\n      - gach_dau_dong: [Ý cuối cùng.]"))
    last = [p for p in document.paragraphs if p.text][-1]
    assert (last.text, last.paragraph_format.keep_with_next) == ("- Ý cuối cùng./.", True)


def test_v_v_typed_by_the_secretary_is_not_doubled(render_yaml):
    text = (MINIMAL_YAML.replace("loai: thong-bao-ket-luan", "loai: cong-van\nhe_thong: nha-nuoc")
            .replace("  viet_tat: TU", "  viet_tat: UBND\n  don_vi: VX")
            .replace("trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY", "trich_yeu: V/v tặng quà Tết\nkinh_gui: [Sở Y tế]"))
    cell = render_yaml(text).tables[0].cell(1, 0)
    assert [p.text for p in cell.paragraphs] == ["Số: 970/UBND-VX", "V/v tặng quà Tết"]


def test_the_appendix_pointer_keeps_the_blank_for_the_number(render_yaml):
    text = (MINIMAL_YAML.replace('so: "970"\n', "")
            + "phu_luc:\n  - tieu_de: Danh sách\n    noi_dung: [Mục một]\n")
    texts = [p.text for p in render_yaml(text).paragraphs]
    assert "(Kèm theo Thông báo số      -TB/TU, ngày 26 tháng 7 năm 2010 của Tỉnh ủy Bình Thuận)" in texts


def test_a_table_error_names_the_field_without_internal_tags(make_yaml, tmp_path):
    source = make_yaml(with_body("  ket_qua:\n    noi_dung:\n      - bang:\n          cot: [A, B]\n"
                                 "          dong:\n            - [chỉ một ô]"))
    with pytest.raises(InputError) as caught:
        pipeline.render_file(source, tmp_path / "x.docx")
    (problem,) = caught.value.problems
    assert "#" not in problem.message
    assert problem.message.startswith("`noi_dung.ket_qua.noi_dung[1].bang`: dòng 1 có 1 ô nhưng bảng có 2 cột")


def test_no_empty_header_or_footer_part_is_written(rendered):
    for path in rendered.values():
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name.startswith(("word/header", "word/footer")):
                    assert b"<w:p" in package.read(name), f"{path.name}:{name} has no paragraph"


def test_recipient_lines_hang_under_their_text(rendered):
    style = docx.Document(str(rendered["001"])).styles["VB Nơi nhận"]
    assert style.paragraph_format.first_line_indent < 0
    assert style.paragraph_format.left_indent == -style.paragraph_format.first_line_indent


PARTS_OUT_OF_ORDER = MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đã kết luận.\n", """\
  mo_dau: Thường trực Tỉnh ủy đã kết luận.
  kien_nghi:
    tieu_de: Kiến nghị
    noi_dung: [Đề nghị Trung ương hỗ trợ.]
  ket_qua:
    tieu_de: Kết quả
    noi_dung: [Đạt nhiều kết quả.]
""")


def test_parts_print_in_the_order_they_are_written(render_yaml):
    texts = [p.text for p in render_yaml(PARTS_OUT_OF_ORDER).paragraphs]
    assert texts.index("I- Kiến nghị") < texts.index("II- Kết quả")
    assert texts[texts.index("II- Kết quả") + 1] == "Đạt nhiều kết quả./."


def test_thu_tu_chooses_the_order_of_the_parts(render_yaml):
    chosen = PARTS_OUT_OF_ORDER.replace("  mo_dau:", "  thu_tu: [ket_qua, kien_nghi]\n  mo_dau:")
    texts = [p.text for p in render_yaml(chosen).paragraphs]
    assert texts.index("I- Kết quả") < texts.index("II- Kiến nghị")
    assert "Đề nghị Trung ương hỗ trợ./." in texts


def test_an_unknown_part_in_thu_tu_is_named(tmp_path):
    from tests.test_cli import run, write
    write(tmp_path, "tb.yaml", PARTS_OUT_OF_ORDER.replace("  mo_dau:", "  thu_tu: [ket_qua, kien_ngi]\n  mo_dau:"))
    code, _, err = run("check", "tb.yaml", cwd=tmp_path)
    assert code == 1
    assert "`kien_ngi` không phải tên một phần — các phần: muc_dich_yeu_cau, ket_qua, han_che" in err
