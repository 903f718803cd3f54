"""`vanban import` on untidy Word files, made here with python-docx: typed numbering in several styles, odd spacing,
soft line breaks, a header laid out with tabs, Word's own list numbering, headings run into their first sentence,
`Số 56 - KL/TU`, a run typed in `.VnTime`. Each imports with no word lost and checks clean."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from generator import pipeline, reader
from generator.cycle import tasks as cycle_tasks
from generator.importing import import_file, write_draft
from generator.legacy_encoding import LegacyEncoding, from_unicode
from tests.conftest import reading_text

WORD = re.compile(r"\w+")
LABEL = re.compile(r"^\s*(?:[IVX]+\s?[.\-)]|\d+(?:\.\d+)*\s?[.\-)]?|[a-zđ]\s?[).]|[-+•])\s*")

PARTY_HEADER = (["TỈNH ỦY QUẢNG NGÃI", "*", "Số 57 -TB/ TU"],
                ["ĐẢNG CỘNG SẢN VIỆT NAM", "Quảng Ngãi, ngày 5 tháng 3 năm 2022"])
CLOSING = (["Nơi nhận:", "- Thường trực Tỉnh ủy (b/c),", "- Các ban đảng Tỉnh ủy,", "- Lưu VPTU."],
           ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Bình"])


class Source:
    """A Word file built paragraph by paragraph, remembering the text a reader sees in each."""

    def __init__(self):
        self.document = docx.Document()
        self.lines: list[str] = []

    def paragraph(self, *runs, remember: bool = True):
        """Runs are text, or (text, {"bold": …, "italic": …, "font": …, "shown": text as read}); `\n` is a soft
        line break."""
        paragraph = self.document.add_paragraph()
        shown = []
        for run in runs:
            text, options = (run, {}) if isinstance(run, str) else run
            pieces = text.split("\n")
            word_run = paragraph.add_run(pieces[0])
            for piece in pieces[1:]:
                word_run.add_break()
                word_run.add_text(piece)
            word_run.bold = options.get("bold")
            word_run.italic = options.get("italic")
            if "font" in options:
                word_run.font.name = options["font"]
            shown.append(options.get("shown", text))
        if remember:
            self.lines.append("".join(shown))
        return paragraph

    def layout_table(self, left: list[str], right: list[str]):
        table = self.document.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, (left, right)):
            cell.paragraphs[0].add_run(lines[0])
            for line in lines[1:]:
                cell.add_paragraph(line)
        self.lines.extend(left + right)

    def data_table(self, rows: list[list[str]]):
        table = self.document.add_table(rows=len(rows), cols=len(rows[0]))
        for row, values in zip(table.rows, rows):
            for cell, value in zip(row.cells, values):
                cell.paragraphs[0].add_run(value)
        self.lines.extend(row[column] for column in range(len(rows[0])) for row in rows)  # read column by column

    def word_list(self, items: list[tuple[int, str]], formats=(("upperRoman", "%1."), ("decimal", "%2."))):
        """Paragraphs numbered by Word (`w:numPr`), (level, text) each; the labels are not in the text."""
        numbering = self.document.part.numbering_part.element
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{form}"/><w:lvlText w:val="{text}"/></w:lvl>'
            for i, (form, text) in enumerate(formats))
        numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        for level, text in items:
            paragraph = self.paragraph(text)
            properties = paragraph._p.get_or_add_pPr()
            properties.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                                        f'<w:numId w:val="90"/></w:numPr>'))

    def save(self, folder: Path) -> Path:
        path = folder / "nguon.docx"
        self.document.save(str(path))
        return path


def words(text: str) -> list[str]:
    """Its words; a number's leading zeros aside (the tool writes dates by the rulebook: `ngày 05 tháng 3`)."""
    return [word.lstrip("0") or "0" if word.isdigit() else word for word in WORD.findall(text)]


def assert_imports_word_for_word(source: Source, tmp_path: Path) -> str:
    """Import, check, render; every source line's words (its typed label aside, the tool numbers anew) stand
    unbroken and in order in the rendered notice. Returns the draft."""
    result = import_file(source.save(tmp_path))
    draft = tmp_path / "nhap.yaml"
    write_draft(result, draft)
    _, problems = pipeline.check_file(draft)
    assert not [p for p in problems if p.is_error], "\n".join(map(str, problems)) + "\n" + result.text
    target = tmp_path / "lai.docx"
    pipeline.render_file(draft, target)
    rendered = words(reading_text(docx.Document(str(target))).replace("\u2011", "-"))
    position = 0
    for line in source.lines:
        needle = words(LABEL.sub("", line, count=1))
        found = next((i for i in range(position, len(rendered) - len(needle) + 1)
                      if rendered[i:i + len(needle)] == needle), None)
        assert found is not None, f"mất hoặc sai thứ tự: {line}\n{result.text}"
        position = found + len(needle)
    return result.text


def notice(source: Source, body) -> Source:
    source.layout_table(*PARTY_HEADER)
    source.paragraph(("THÔNG BÁO", {"bold": True}))
    source.paragraph(("KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY", {"bold": True}))
    source.paragraph(("về công tác dân vận năm 2022", {"bold": True}))
    source.paragraph("-----", remember=False)
    body(source)
    source.layout_table(*CLOSING)
    return source


def test_typed_numbering_roman_dash_then_letters_and_bullets(tmp_path):
    def body(s):
        s.paragraph("Ngày 01/3/2022, Ban Thường vụ Tỉnh ủy họp nghe báo cáo công tác dân vận.")
        s.paragraph(("I- Về kết quả đạt được:", {"bold": True}))
        s.paragraph("Công tác dân vận có chuyển biến tích cực.")
        s.paragraph("- việc nắm tình hình được duy trì;")
        s.paragraph("+ các mô hình được nhân rộng.")
        s.paragraph(("II- Nhiệm vụ thời gian tới:", {"bold": True}))
        s.paragraph(("1- Công tác tham mưu:", {"bold": True}))
        s.paragraph("a) Ban Dân vận Tỉnh ủy chủ trì tham mưu sơ kết Chỉ thị trước ngày 30/6/2022.")
        s.paragraph("b) Sở Nội vụ phối hợp hướng dẫn công tác dân vận chính quyền.")
        s.paragraph("2- Các huyện ủy tăng cường đối thoại với Nhân dân.")
        s.paragraph("Giao Văn phòng Tỉnh ủy theo dõi, đôn đốc thực hiện./.")
    text = assert_imports_word_for_word(notice(Source(), body), tmp_path)
    assert "danh_so: [I-, 1-, a)]" in text
    assert "don_vi: [Ban Dân vận Tỉnh ủy]" in text and "han: 30/6/2022" in text
    assert "so: '57'" in text and "viet_tat: TU" in text and "loai: thong-bao-ket-luan" in text
    assert "ket_thuc:\n    - Giao Văn phòng Tỉnh ủy theo dõi, đôn đốc thực hiện.\n" in text


def test_decimal_numbering_with_nested_decimals(tmp_path):
    def body(s):
        s.paragraph("Thực hiện chương trình công tác, Ban Thường vụ kết luận như sau:")
        s.paragraph(("1. Đánh giá tình hình", {"bold": True}))
        s.paragraph("1.1. Công tác tuyên truyền được đẩy mạnh.")
        s.paragraph("1.2. Công tác đối thoại được quan tâm.")
        s.paragraph(("2. Hạn chế", {"bold": True}))
        s.paragraph("Một số nơi còn hình thức.")
        s.paragraph(("3. Nhiệm vụ, giải pháp", {"bold": True}))
        s.paragraph("3.1. Tiếp tục đổi mới phương thức công tác dân vận.")
    text = assert_imports_word_for_word(notice(Source(), body), tmp_path)
    assert "danh_so: ['1.', 1.1.]" in text
    assert "  ket_qua:\n    tieu_de: Đánh giá tình hình" in text
    assert "  han_che:\n    tieu_de: Hạn chế" in text and "  nhiem_vu:\n" in text


def test_odd_spacing_and_labels_without_a_space(tmp_path):
    def body(s):
        s.paragraph("   Ngày 02/3/2022,  Ban Thường vụ họp.   ")
        s.paragraph("")
        s.paragraph(("I .Về kết quả", {"bold": True}))
        s.paragraph("")
        s.paragraph("Kết quả  đạt được khá toàn diện.")
        s.paragraph(("II.Nhiệm vụ", {"bold": True}))
        s.paragraph("1.Tăng cường công tác dân vận.")
        s.paragraph("2 .  Đẩy mạnh thi đua.")
    text = assert_imports_word_for_word(notice(Source(), body), tmp_path)
    assert "tieu_de: Về kết quả" in text and "tieu_de: Nhiệm vụ" in text


def test_soft_line_breaks_inside_sentences_and_between_lines(tmp_path):
    def body(s):
        s.paragraph("Ngày 03/3/2022, Ban Thường vụ Tỉnh ủy\nhọp nghe báo cáo.")
        s.paragraph(("I. Về kết quả", {"bold": True}))
        s.paragraph("Đạt nhiều kết quả.\nTuy nhiên còn hạn chế.")
        s.paragraph(("II. Nhiệm vụ", {"bold": True}))
        s.paragraph("1. Tiếp tục đổi mới\nnội dung, phương thức.")
    text = assert_imports_word_for_word(notice(Source(), body), tmp_path)
    assert "Ban Thường vụ Tỉnh ủy họp nghe báo cáo." in text
    assert "      - Đạt nhiều kết quả.\n      - Tuy nhiên còn hạn chế." in text


def test_header_laid_out_with_tabs(tmp_path):
    source = Source()
    source.paragraph("TỈNH ỦY QUẢNG NGÃI\t\tĐẢNG CỘNG SẢN VIỆT NAM", remember=False)
    source.paragraph("\t*", remember=False)
    source.paragraph("Số 56 - KL/TU\t\tQuảng Ngãi, ngày 5 tháng 3 năm 2022", remember=False)
    source.lines += ["TỈNH ỦY QUẢNG NGÃI", "Số 56 - KL/TU", "ĐẢNG CỘNG SẢN VIỆT NAM",
                     "Quảng Ngãi, ngày 5 tháng 3 năm 2022"]  # as the tool lays them out: column by column
    source.paragraph(("KẾT LUẬN", {"bold": True}))
    source.paragraph(("của Ban Thường vụ Tỉnh ủy về công tác dân vận", {"bold": True}))
    source.paragraph("-----", remember=False)
    source.paragraph("Ban Thường vụ Tỉnh ủy kết luận như sau:")
    source.paragraph("1- Tăng cường sự lãnh đạo của cấp ủy đối với công tác dân vận.")
    source.layout_table(*CLOSING)
    text = assert_imports_word_for_word(source, tmp_path)
    assert "loai: ket-luan" in text and "ten: TỈNH ỦY QUẢNG NGÃI" in text and "so: '56'" in text
    assert "dia_danh: Quảng Ngãi\nngay: 05/3/2022" in text


def test_word_list_numbered_body(tmp_path):
    def body(s):
        s.paragraph("Ban Thường vụ Tỉnh ủy kết luận như sau:")
        s.word_list([(0, "Về kết quả thực hiện"), (1, "Công tác tuyên truyền được đẩy mạnh."),
                     (1, "Công tác đối thoại được duy trì."), (0, "Nhiệm vụ thời gian tới"),
                     (1, "Sở Nội vụ chủ trì hướng dẫn thực hiện.")])
    text = assert_imports_word_for_word(notice(Source(), body), tmp_path)
    assert "danh_so: [I., '1.']" in text
    assert "  ket_qua:\n    tieu_de: Về kết quả thực hiện" in text
    assert "don_vi: [Sở Nội vụ]" in text


def test_headings_run_into_their_first_sentence(tmp_path):
    def body(s):
        s.paragraph("Ban Thường vụ Tỉnh ủy kết luận như sau:")
        s.paragraph(("I. Về kết quả: ", {"bold": True}), "công tác dân vận có nhiều chuyển biến.")
        s.paragraph(("II. Nhiệm vụ", {"bold": True}))
        s.paragraph("1. ", ("Công tác tham mưu:", {"bold": True}), " Tăng cường theo dõi các điểm nóng.")
        s.paragraph("2. ", ("Công tác vận động:", {"bold": True}), " Phát huy vai trò ",
                    ("người có uy tín", {"italic": True}), ".")
    text = assert_imports_word_for_word(notice(Source(), body), tmp_path)
    assert "tieu_de: 'Về kết quả:'\n    noi_dung:\n      - công tác dân vận có nhiều chuyển biến." in text
    assert "- tieu_de: 'Công tác tham mưu:'\n        noi_dung: Tăng cường theo dõi các điểm nóng." in text
    assert "*người có uy tín*" in text


def test_vntime_run_is_converted(tmp_path):
    legacy = "Tăng cường công tác dân vận ở cơ sở"
    def body(s):
        s.paragraph("Ban Thường vụ Tỉnh ủy kết luận như sau:")
        s.paragraph("1- ", (from_unicode(legacy, LegacyEncoding.TCVN3), {"font": ".VnTime", "shown": legacy}),
                    " trong năm 2022.")
    text = assert_imports_word_for_word(notice(Source(), body), tmp_path)
    assert legacy in text


def test_state_notice_with_table_and_addressees(tmp_path):
    source = Source()
    source.layout_table(["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 12/TB-UBND"],
                        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Quảng Ngãi, ngày 10 tháng 01 năm 2024"])
    source.paragraph(("THÔNG BÁO", {"bold": True}))
    source.paragraph(("Kết luận của Chủ tịch Ủy ban nhân dân tỉnh", {"bold": True}))
    source.paragraph("Ngày 08/01/2024, đồng chí Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp về cải cách "
                     "hành chính. Chủ tịch kết luận như sau:")
    source.paragraph(("I. Kết quả", {"bold": True}))
    source.data_table([["Chỉ tiêu", "Số hồ sơ"], ["Đúng hạn", "1.200"], ["Trễ hạn", "12"]])
    source.paragraph(("II. Nhiệm vụ", {"bold": True}))
    source.paragraph("1. Sở Nội vụ chủ trì theo dõi, tổng hợp, báo cáo trước ngày 15/12/2024.")
    source.layout_table(["Nơi nhận:", "- Các sở, ban, ngành;", "- Lưu: VT, NC."],
                        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn An"])
    text = assert_imports_word_for_word(source, tmp_path)
    assert "he_thong: nha-nuoc" in text and "viet_tat: UBND" in text and "so: '12'" in text
    assert "cap_tren: ỦY BAN NHÂN DÂN" in text and "luu: NC" in text
    assert "quyen_han: KT.\n  thay_mat: CHỦ TỊCH\n  chuc_vu: PHÓ CHỦ TỊCH\n  ho_ten: Trần Văn An" in text
    assert "cot: [Chỉ tiêu, Số hồ sơ]" in text


def test_missing_signature_and_recipients_are_marked_not_invented_silently(tmp_path):
    def body(s):
        s.paragraph("Ban Thường vụ Tỉnh ủy kết luận như sau:")
        s.paragraph("1- Tăng cường công tác dân vận.")
    source = Source()
    source.layout_table(*PARTY_HEADER)
    source.paragraph(("THÔNG BÁO", {"bold": True}))
    source.paragraph(("KẾT LUẬN CỦA BAN THƯỜNG VỤ", {"bold": True}))
    body(source)
    text = assert_imports_word_for_word(source, tmp_path)
    assert "# kiểm tra: không thấy nơi nhận" in text and "# kiểm tra: không thấy họ tên người ký" in text


def test_nothing_inside_a_nested_table_is_dropped(tmp_path):
    def body(s):
        s.paragraph("Ban Thường vụ Tỉnh ủy kết luận như sau:")
        s.paragraph("1- Tăng cường công tác dân vận.")
    source = notice(Source(), body)
    outer = source.document.tables[-1]
    inner = outer.rows[0].cells[1].add_table(rows=1, cols=1)
    inner.rows[0].cells[0].paragraphs[0].add_run("(Đã ký)")
    text = assert_imports_word_for_word(source, tmp_path)
    assert "ho_ten: Nguyễn Văn Bình" in text
    assert "# kiểm tra: dòng `(Đã ký)` của bản sao không đưa vào bản nháp" in text  # said, not silently dropped


def test_header_drawn_in_text_boxes(tmp_path):
    source = Source()
    anchor = source.paragraph("", remember=False)
    for lines in (["TỈNH ỦY QUẢNG NGÃI", "*", "Số 58-TB/TU"],
                  ["ĐẢNG CỘNG SẢN VIỆT NAM", "Quảng Ngãi, ngày 6 tháng 3 năm 2022"]):
        paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
        anchor._p.append(parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
            f"<v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"))
        source.lines += lines
    source.paragraph(("THÔNG BÁO", {"bold": True}))
    source.paragraph(("KẾT LUẬN CỦA BAN THƯỜNG VỤ", {"bold": True}))
    source.paragraph("Ban Thường vụ Tỉnh ủy kết luận như sau:")
    source.paragraph("1- Tăng cường công tác dân vận.")
    source.layout_table(*CLOSING)
    text = assert_imports_word_for_word(source, tmp_path)
    assert "ten: TỈNH ỦY QUẢNG NGÃI" in text and "so: '58'" in text and "ngay: 06/3/2022" in text


def test_parts_keep_the_notice_s_order_and_recommendations_in_the_tasks_part_stay_recommendations(tmp_path):
    """A notice that gives its tasks before its limitations prints them in that order again; its `3.2. Kiến
    nghị` inside the tasks part is the recommendations part nested there, so `vanban tasks` does not list it."""
    def body(s):
        s.paragraph("Ngày 01/3/2022, Ban Thường vụ Tỉnh ủy họp nghe báo cáo công tác dân vận.")
        s.paragraph(("1. Kết quả đạt được", {"bold": True}))
        s.paragraph("Công tác dân vận có chuyển biến tích cực.")
        s.paragraph(("2. Nhiệm vụ thời gian tới", {"bold": True}))
        s.paragraph(("2.1. Nhiệm vụ trọng tâm", {"bold": True}))
        s.paragraph("Ban Dân vận Tỉnh ủy chủ trì sơ kết Chỉ thị 05-CT/TW trước ngày 30/6/2022.")
        s.paragraph(("2.2. Kiến nghị", {"bold": True}))
        s.paragraph("Đề nghị Ban Dân vận Trung ương sớm ban hành hướng dẫn.")
        s.paragraph(("3. Hạn chế", {"bold": True}))
        s.paragraph("Một số nơi còn hình thức.")
    text = assert_imports_word_for_word(notice(Source(), body), tmp_path)
    assert text.index("  ket_qua:") < text.index("  nhiem_vu:") < text.index("  han_che:")
    assert "      - kien_nghi:\n          tieu_de: Kiến nghị\n" in text
    assert "đã đặt thành phần `kien_nghi` nằm trong phần nhiệm vụ" in text
    draft = tmp_path / "nhap.yaml"
    prepared = reader.prepare(draft)
    assert [task.text for task in cycle_tasks.set_tasks(prepared)] == [
        "Nhiệm vụ trọng tâm Ban Dân vận Tỉnh ủy chủ trì sơ kết Chỉ thị 05-CT/TW trước ngày 30/6/2022."]
    rendered = docx.Document(str(tmp_path / "lai.docx"))
    headings = [p.text for p in rendered.paragraphs if p.style.name == "VB Đề mục"]
    assert headings == ["1. Kết quả đạt được", "2. Nhiệm vụ thời gian tới", "2.1. Nhiệm vụ trọng tâm",
                        "2.2. Kiến nghị", "3. Hạn chế"]
