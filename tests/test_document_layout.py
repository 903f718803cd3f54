"""What is inside the rendered DOCX: page, fonts, sizes, header, body, recipients, signature (HD 36 via the
Party profile). Values are compared with the profile where the profile is the source, and with the numbers of
the format spec digest (format-spec.md §1, kept beside the steering repository) where the test pins the profile itself."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from generator import rulebook
from generator.metrics import text_width_mm
from tests.conftest import MINIMAL_YAML

BOOK = rulebook.load("dang")


def paragraphs(document):
    """Every paragraph, including those inside tables, in document order."""
    for element in document.element.body.iter(qn("w:p")):
        yield docx.text.paragraph.Paragraph(element, document)


def find(document, text: str):
    matches = [p for p in paragraphs(document) if p.text == text]
    assert matches, f"no paragraph reads {text!r}"
    return matches[0]


def starting(document, prefix: str):
    matches = [p for p in paragraphs(document) if p.text.startswith(prefix)]
    assert matches, f"no paragraph starts with {prefix!r}"
    return matches[0]


@pytest.fixture(scope="module")
def notice(rendered):
    return docx.Document(str(rendered["000"]))


def test_page_is_a4_with_hd36_margins(notice):
    section = notice.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # spec §4 rule 1
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm, 1) for m in margins) == (20, 20, 30, 15)


def test_every_font_is_times_new_roman_and_no_theme_font_is_used(rendered):
    for path in rendered.values():
        with zipfile.ZipFile(path) as package:
            for part in ("word/styles.xml", "word/document.xml", "word/header1.xml", "word/header2.xml"):
                if part not in package.namelist():
                    continue
                xml = package.read(part).decode("utf-8")
                assert "Theme=" not in xml, f"{path.name}:{part} uses a theme font"
                font_elements = re.findall(r"<w:rFonts [^>]*>", xml)
                fonts = set(re.findall(r'w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"', " ".join(font_elements)))
                assert fonts <= {"Times New Roman"}, f"{path.name}:{part} uses {fonts}"
        styles = docx.Document(str(path)).styles.element
        default_fonts = styles.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
        assert {default_fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {
            "Times New Roman"}


@pytest.mark.parametrize(("text", "style", "size", "bold", "italic"), [
    ("ĐẢNG CỘNG SẢN VIỆT NAM", "VB Tiêu đề 1", 15, True, False),
    ("TỈNH ỦY BÌNH THUẬN", "VB Cơ quan ban hành", 14, True, False),
    ("*", "VB Dưới tên cơ quan", 14, False, False),
    ("Số 970-TB/TU", "VB Số ký hiệu", 14, False, False),
    ("Phan Thiết, ngày 26 tháng 7 năm 2010", "VB Địa danh ngày", 14, False, True),
    ("THÔNG BÁO", "VB Tên loại", 16, True, False),
    ("KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY", "VB Trích yếu", 14, True, False),
    ("-----", "VB Dưới trích yếu", 14, False, False),
    ("I- Về kết quả đạt được:", "VB Đề mục", 14, True, False),
    ("Nơi nhận:", "VB Nơi nhận (nhãn)", 14, False, False),
    ("- Sở Nội vụ,", "VB Nơi nhận", 12, False, False),
    ("T/M BAN THƯỜNG VỤ", "VB Quyền hạn ký", 14, True, False),
    ("PHÓ BÍ THƯ", "VB Chức vụ người ký", 14, True, False),
    ("Nguyễn Văn A", "VB Họ tên người ký", 14, True, False),
])
def test_each_component_has_its_style_size_and_emphasis(notice, text, style, size, bold, italic):
    paragraph = find(notice, text)
    assert paragraph.style.name == style
    assert paragraph.style.font.size == Pt(size)
    assert bool(paragraph.style.font.bold) is bold
    assert bool(paragraph.style.font.italic) is italic
    assert paragraph.style.font.name == "Times New Roman"
    assert all(run.font.size is None and run.font.name is None for run in paragraph.runs), \
        "runs must take size and font from the style, so an office can restyle the template"


def test_recipients_label_is_underlined(notice):
    assert find(notice, "Nơi nhận:").style.font.underline is True


def test_body_is_14pt_justified_with_1cm_indent_and_6pt_after(notice):
    body = starting(notice, "Qua 01 năm thực hiện phong trào")
    fmt = body.style.paragraph_format
    assert body.style.name == "VB Nội dung"
    assert body.style.font.size == Pt(14)
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(fmt.first_line_indent.cm, 2) == 1.0
    assert fmt.space_after >= Pt(6)


def test_header_is_a_borderless_two_by_two_table(notice):
    header = notice.tables[0]
    assert (len(header.rows), len(header.columns)) == (2, 2)
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    cell_text = [[c.text for c in row.cells] for row in header.rows]
    assert cell_text == [["TỈNH ỦY BÌNH THUẬN\n*", "ĐẢNG CỘNG SẢN VIỆT NAM"],
                         ["Số 970-TB/TU", "Phan Thiết, ngày 26 tháng 7 năm 2010"]]
    for paragraph in (p for row in header.rows for c in row.cells for p in c.paragraphs):
        assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_title_has_a_rule_as_long_as_its_text(notice):
    title = find(notice, "ĐẢNG CỘNG SẢN VIỆT NAM")
    bottom = title._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:val")) == "single"
    indent = title.paragraph_format.left_indent
    assert indent == title.paragraph_format.right_indent
    rule_mm = BOOK.trang.cot_tieu_de_mm[1] - 2 * 1.9 - 2 * indent.mm
    text_mm = text_width_mm("ĐẢNG CỘNG SẢN VIỆT NAM", 15, bold=True)
    assert text_mm <= rule_mm <= text_mm + 3.5


def test_superior_body_line_is_regular_above_the_bold_issuer(rendered):
    document = docx.Document(str(rendered["001"]))
    left = [p for p in document.tables[0].cell(0, 0).paragraphs]
    assert [p.text for p in left] == ["TỈNH ỦY QUẢNG NGÃI", "BAN DÂN VẬN", "*"]
    assert left[0].style.font.size == Pt(14) and not left[0].style.font.bold
    assert left[1].style.font.bold


def test_missing_number_and_date_leave_blanks_for_the_clerk(rendered):
    assert find(docx.Document(str(rendered["001"])), "Số      -TB/BDVTU")
    assert find(docx.Document(str(rendered["002"])), "Phan Thiết, ngày    tháng    năm 2014")


@pytest.mark.parametrize(("seed", "labels"), [
    ("000", ["I- Về kết quả đạt được:", "II- Một số nhiệm vụ", "1- Cấp ủy, chính quyền", "5- Tăng cường"]),
    ("001", ["I. Về kết quả thực hiện", "II. Nhiệm vụ trọng tâm", "III. Đối với các kiến nghị",
             "1. Công tác tham mưu", "1.1. Triển khai thực hiện", "1.7. Chỉ đạo các cơ quan", "2.1. Tăng cường",
             "4. Lực lượng vũ trang tỉnh", "4.2. Tăng cường công tác phối hợp"]),
    ("002", ["I. Đánh giá tình hình", "II. Những nhiệm vụ", "1- Tiếp tục đổi mới", "3- Làm tốt hơn nữa"]),
])
def test_numbering_labels_follow_each_documents_scheme(rendered, seed, labels):
    document = docx.Document(str(rendered[seed]))
    for label in labels:
        starting(document, label)


def test_bullets_start_with_a_dash(notice):
    bullet = starting(notice, "- Việc triển khai phong trào")
    assert bullet.style.name == "VB Gạch đầu dòng"


@pytest.mark.parametrize(("seed", "lines"), [
    ("001", ["- Thường trực Tỉnh ủy (b/c),", "- Sở Nội vụ,", "- Lãnh đạo Ban và các phòng chuyên môn,",
             "- Lưu Văn Phòng Tỉnh ủy."]),
    ("002", ["- Các ban của Tỉnh ủy;", "- Các đồng chí Tỉnh ủy viên;", "- Lưu Văn phòng Tỉnh ủy."]),
])
def test_recipients_get_dash_one_line_end_mark_and_the_archive_line_last(rendered, seed, lines):
    closing = docx.Document(str(rendered[seed])).tables[-1]
    recipients = [p.text for p in closing.cell(0, 0).paragraphs]
    assert recipients[0] == "Nơi nhận:"
    for line in lines:
        assert line in recipients
    assert recipients[-1] == lines[-1]
    assert all(r.endswith(lines[0][-1]) for r in recipients[1:-1])


def test_default_archive_line_comes_from_the_profile(render_yaml):
    closing = render_yaml(MINIMAL_YAML).tables[-1]
    assert [p.text for p in closing.cell(0, 0).paragraphs] == ["Nơi nhận:", "- Sở Nội vụ,", "- Lưu VPTU."]


def test_recipients_typed_with_dash_and_mark_are_not_doubled(render_yaml):
    text = MINIMAL_YAML.replace("  - Sở Nội vụ", "  - \"- Sở Nội vụ;\"\n  - Ban Dân vận,")
    closing = render_yaml(text).tables[-1]
    assert [p.text for p in closing.cell(0, 0).paragraphs][1:3] == ["- Sở Nội vụ,", "- Ban Dân vận,"]


@pytest.mark.parametrize(("signature", "lines"), [
    ("  quyen_han: T/M\n  thay_mat: Ban Thường vụ\n  chuc_vu: Phó Bí thư\n  ho_ten: Nguyễn Văn A",
     ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn A"]),
    ("  quyen_han: K/T\n  thay_mat: Trưởng Ban\n  chuc_vu: Phó Trưởng Ban\n  ho_ten: Trần Thị B",
     ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Trần Thị B"]),
    ("  quyen_han: Q.\n  chuc_vu: Trưởng Ban\n  ho_ten: Lê Văn C", ["Q. TRƯỞNG BAN", "Lê Văn C"]),
    ("  chuc_vu: Trưởng Ban\n  ho_ten: Võ Thanh An", ["TRƯỞNG BAN", "Võ Thanh An"]),
])
def test_signature_block_stacks_authority_title_and_name(render_yaml, signature, lines):
    text = re.sub(r"nguoi_ky:\n(  .*\n)+", f"nguoi_ky:\n{signature}\n", MINIMAL_YAML)
    cell = render_yaml(text).tables[-1].cell(0, 1)
    assert [p.text for p in cell.paragraphs] == lines
    name = cell.paragraphs[-1]
    assert name.style.font.bold and name.style.paragraph_format.space_before >= Pt(48), "room for signature and seal"


def test_body_ends_with_the_end_mark_once(rendered):
    for seed, ending in (("000", "để theo dõi, chỉ đạo./."), ("001", "Ban Thường vụ Tỉnh ủy chỉ đạo./."),
                         ("002", "triển khai thực hiện./.")):
        body = [p for p in docx.Document(str(rendered[seed])).paragraphs if p.text]
        assert body[-1].text.endswith(ending)
        assert not body[-1].text.endswith("././.")


def test_page_numbers_from_page_two_centred_at_the_top(notice):
    section = notice.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert section.header.paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert round(section.header_distance.mm, 1) == 10


def test_xml_specials_and_quotes_survive_everywhere(render_yaml):
    special = 'A & B <c> "d" \'e\' “f”'
    text = (MINIMAL_YAML.replace("Thường trực Tỉnh ủy đã kết luận.", f"'{special.replace(chr(39), chr(39) * 2)}'")
            .replace("  - Sở Nội vụ", "  - 'Sở <Nội> & vụ'")
            .replace("ho_ten: Lê Tấn Lai", "ho_ten: Lê & Lai")
            .replace("trich_yeu: KẾT LUẬN", "trich_yeu: KẾT LUẬN & <ĐÁNH GIÁ>"))
    document = render_yaml(text)
    texts = [p.text for p in paragraphs(document)]
    assert special + "./." in texts
    assert "- Sở <Nội> & vụ," in texts
    assert "Lê & Lai" in texts
    assert "KẾT LUẬN & <ĐÁNH GIÁ> CỦA THƯỜNG TRỰC TỈNH ỦY" in texts


def test_each_line_of_user_text_is_its_own_paragraph_never_a_soft_break(render_yaml, tmp_path):
    text = MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đã kết luận.",
                                "  mo_dau: |\n    Đoạn thứ nhất.\n    Đoạn thứ hai\x0b(dán từ Word).")
    document = render_yaml(text)
    texts = [p.text for p in document.paragraphs]
    assert ["Đoạn thứ nhất.", "Đoạn thứ hai", "(dán từ Word)./."] == [t for t in texts if t.startswith(("Đoạn", "(dán"))]
    assert "<w:br/>" not in document.element.xml


def test_inline_emphasis_becomes_bold_and_italic_runs(rendered):
    document = docx.Document(str(rendered["002"]))
    lead = starting(document, "Yêu cầu chung là:")
    assert (lead.runs[0].text, lead.runs[0].bold, lead.runs[0].italic) == ("Yêu cầu chung là:", True, True)
    however = starting(document, "Tuy nhiên, công tác dân vận")
    assert (however.runs[0].text, however.runs[0].italic) == ("Tuy nhiên", True)


def test_meeting_placeholders_are_filled_from_the_meeting(rendered):
    starting(docx.Document(str(rendered["001"])), "Ngày 09/4/2021, Ban Dân vận Tỉnh ủy tổ chức hội nghị trực báo")


def test_every_table_cell_keeps_a_paragraph(rendered):
    for path in rendered.values():
        for cell in docx.Document(str(path)).element.body.iter(qn("w:tc")):
            assert cell.find(qn("w:p")) is not None


@pytest.mark.parametrize(("typed", "line"), [
    ("5/3/2024", "Phan Thiết, ngày 05 tháng 3 năm 2024"),
    ("9/2/2024", "Phan Thiết, ngày 09 tháng 02 năm 2024"),
    ("26/7/2024", "Phan Thiết, ngày 26 tháng 7 năm 2024"),
    ("2024-01-01", "Phan Thiết, ngày 01 tháng 01 năm 2024"),
])
def test_date_line_in_the_document_pads_days_below_10_and_months_1_and_2(render_yaml, typed, line):
    document = render_yaml(MINIMAL_YAML.replace("26/7/2010", typed))
    assert document.tables[0].cell(1, 1).text == line
