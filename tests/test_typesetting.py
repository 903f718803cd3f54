"""Typesetting: document symbols never break at their hyphen; the rule under a State trích yếu is a share of its
longest line as set, measured with the project's font metrics."""

from __future__ import annotations


import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from generator import layout, metrics, reader, rulebook
from generator.layout import NON_BREAKING_HYPHEN as NBH
from tests.conftest import EXAMPLES, MINIMAL_YAML, style_value


@pytest.mark.parametrize(("typed", "set_as"), [
    ("Kết luận số 120-KL/TW của Bộ Chính trị", f"Kết luận số 120{NBH}KL/TW của Bộ Chính trị"),
    ("Chỉ thị 05-CT/TW, Quy chế 08-QC/TU.", f"Chỉ thị 05{NBH}CT/TW, Quy chế 08{NBH}QC/TU."),
    ("Thông báo số 12/TB-UBND", f"Thông báo số 12/TB{NBH}UBND"),
    ("Công văn 05/UBND-VX; Nghị định 30/2020/NĐ-CP", f"Công văn 05/UBND{NBH}VX; Nghị định 30/2020/NĐ{NBH}CP"),
    ("(số 86-KH/TU)", f"(số 86{NBH}KH/TU)"),
    ("giai đoạn 2021-2025, COVID-19, Ban Dân vận - Mặt trận", "giai đoạn 2021-2025, COVID-19, Ban Dân vận - Mặt trận"),
    ("I- Về kết quả; 1- Ưu điểm", "I- Về kết quả; 1- Ưu điểm"),
])
def test_a_document_symbol_keeps_its_hyphen_unbreakable(typed, set_as):
    assert layout.unbreakable_symbols(typed) == set_as


def test_every_paragraph_sets_its_symbols_and_still_reads_with_a_hyphen(make_yaml):
    text = MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đã kết luận.",
                                "  mo_dau: Thực hiện **Kết luận số 120-KL/TW**, Thường trực Tỉnh ủy đã kết luận.")
    text = text.replace("trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY",
                        "trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY về Chỉ thị 05-CT/TW")
    prepared = reader.prepare(make_yaml(text))
    context = layout.context(prepared.document, prepared.book)
    first = context["noi_dung"][0]
    assert [run.text for run in first.runs][:2] == ["Thực hiện ", f"Kết luận số 120{NBH}KL/TW"]
    assert first.runs[1].bold
    assert first.text == "Thực hiện Kết luận số 120-KL/TW, Thường trực Tỉnh ủy đã kết luận./."
    summary = context["trich_yeu"][0]
    assert NBH in "".join(run.text for run in summary.runs) and summary.text.endswith("05-CT/TW")


def test_the_docx_has_word_s_non_breaking_hyphen(render_yaml):
    document = render_yaml(MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đã kết luận.",
                                                "  mo_dau: Thực hiện Kết luận số 120-KL/TW."))
    paragraph = next(p for p in document.paragraphs if "KL/TW" in p.text)
    assert paragraph.text == "Thực hiện Kết luận số 120-KL/TW./."
    assert paragraph._p.findall(".//" + qn("w:noBreakHyphen")) and NBH not in paragraph._p.xml


def test_the_number_and_the_recipient_lines_keep_their_symbols_whole(render_yaml):
    document = render_yaml(MINIMAL_YAML.replace("  - Sở Nội vụ\n", "  - Sở Nội vụ (thực hiện Kết luận số 120-KL/TW)\n"))
    closing = next(t for t in document.tables if "Nơi nhận" in t.cell(0, 0).text)
    recipient = next(p for p in closing.cell(0, 0).paragraphs if "KL/TW" in p.text)
    assert recipient.text == "- Sở Nội vụ (thực hiện Kết luận số 120-KL/TW),"
    assert len(recipient._p.findall(".//" + qn("w:noBreakHyphen"))) == 1  # the list dash "- " may break: no symbol
    number = next(p for p in document.tables[0].cell(1, 0).paragraphs if p.text.startswith("Số"))
    assert number.text == "Số 970-TB/TU"
    assert number._p.findall(".//" + qn("w:noBreakHyphen"))


# ------------------------------------------------------------------------------------------------ the rule

STATE = rulebook.load("nha-nuoc")
BODY_MM = layout.body_width_mm(STATE)


def test_wrapping_measures_lines_as_word_sets_them():
    assert metrics.wrap("", 14, True, 100) == []
    lines = metrics.wrap("Về việc " * 30, 14, True, BODY_MM)
    assert len(lines) > 1 and all(metrics.text_width_mm(line, 14, True) <= BODY_MM for line in lines)
    assert " ".join(lines) == ("Về việc " * 30).strip()


def _rule_and_widest(document) -> tuple[float, float]:
    paragraphs = document.paragraphs
    summary = [p for p in paragraphs if p.style.name == "VB Trích yếu"]
    rule = next(p for p in paragraphs if p.style.name == "VB Dưới trích yếu")
    assert rule._p.pPr.find(qn("w:pBdr")) is not None, "a solid rule, not a text"
    size = style_value(summary[0].style, lambda s: s.font.size).pt
    bold = bool(style_value(summary[0].style, lambda s: s.font.bold))
    left, right = rule.paragraph_format.left_indent, rule.paragraph_format.right_indent
    assert abs(left - right) < Mm(0.1), "centred"
    length = BODY_MM - (left + right) / Mm(1)
    widest = max(metrics.text_width_mm(line, size, bold)
                 for p in summary for line in metrics.wrap(p.text, size, bold, BODY_MM))
    return length, widest


STATE_EXAMPLES = [e for e in EXAMPLES if "nha-nuoc" in e.name and "cong-van" not in e.name]


@pytest.mark.parametrize("example", STATE_EXAMPLES, ids=lambda e: e.stem[:3])
def test_the_rule_under_a_state_summary_is_a_share_of_its_longest_line(rendered, example):
    length, widest = _rule_and_widest(docx.Document(str(rendered[example.stem[:3]])))
    assert widest / 3 <= length <= widest / 2
    assert length == pytest.approx(STATE.duoi_trich_yeu.ti_le_gach * widest, abs=0.1)


@pytest.mark.parametrize("summary", [
    "Kết luận của Chủ tịch",
    "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp sơ kết công tác dân vận chính quyền 6 tháng đầu năm "
    "2024 và triển khai nhiệm vụ trọng tâm 6 tháng cuối năm 2024",
])
def test_a_short_or_a_wrapping_summary_gets_a_rule_of_its_share(render_yaml, summary):
    text = (MINIMAL_YAML.replace("loai: thong-bao-ket-luan", "loai: thong-bao-ket-luan\nhe_thong: nha-nuoc")
            .replace("trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY", f"trich_yeu: {summary}")
            .replace("  viet_tat: TU", "  viet_tat: UBND"))
    length, widest = _rule_and_widest(render_yaml(text))
    assert widest <= BODY_MM
    assert widest / 3 <= length <= widest / 2


# ------------------------------------------------------------------------------------------------ page breaks

@pytest.mark.parametrize("number", ["000", "011", "020"])
def test_no_single_line_is_left_alone_before_the_signature(rendered, number):
    """Widow and orphan control in every style the body uses; the last paragraph kept with the closing table,
    whose row never splits: at least two lines of the body stand above the signature."""
    document = docx.Document(str(rendered[number]))
    body = [p for p in document.paragraphs if p.text and p.style.name.startswith("VB ")]
    for paragraph in body:
        assert style_value(paragraph.style, lambda s: s.paragraph_format.widow_control) is True, paragraph.style.name
    last = [p for p in body if p.style.name in ("VB Nội dung", "VB Đề mục", "VB Gạch đầu dòng")][-1]
    assert last.paragraph_format.keep_with_next
    closing = next(t for t in document.tables if "Nơi nhận" in t.cell(0, 0).text)
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in closing.rows)


# ------------------------------------------------------------------------------------------------ trích yếu lines

PARTY = rulebook.load("dang")
LONG_SUMMARY = ("KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY TẠI BUỔI LÀM VIỆC VỚI BAN DÂN VẬN TỈNH ỦY VỀ TÌNH HÌNH, KẾT QUẢ "
                "THỰC HIỆN NHIỆM VỤ NĂM 2014")


def test_a_long_summary_is_set_in_even_lines_broken_between_phrases():
    component = PARTY.thanh_phan["trich_yeu"]
    width = layout.body_width_mm(PARTY)
    lines = layout.balanced_lines(LONG_SUMMARY, component, width)
    assert lines == ["KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY", "TẠI BUỔI LÀM VIỆC VỚI BAN DÂN VẬN TỈNH ỦY",
                     "VỀ TÌNH HÌNH, KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2014"]
    assert len(lines) == len(metrics.wrap(LONG_SUMMARY, component.co_chu, component.dam, width)), "no extra line"
    assert " ".join(lines) == LONG_SUMMARY


@pytest.mark.parametrize("typed", [
    "về quy hoạch cán bộ lãnh đạo, quản lý",                                   # fits: as typed
    "Kết luận **của Thường trực** Tỉnh ủy tại buổi làm việc với Ban Dân vận Tỉnh ủy về công tác dân vận năm 2024",
    "Kết luận  của Thường trực Tỉnh ủy tại buổi làm việc với Ban Dân vận Tỉnh ủy về công tác dân vận năm 2024",
    "Kết luận của Thường trực Tỉnh ủy tại buổi làm việc với Ban\u00a0Dân vận Tỉnh ủy về công tác dân vận năm 2024",
])
def test_a_summary_that_fits_or_carries_marks_or_special_spaces_is_kept_as_typed(typed):
    assert layout.balanced_lines(typed, PARTY.thanh_phan["trich_yeu"], layout.body_width_mm(PARTY)) == [typed]


def test_the_docx_sets_a_long_summary_in_its_even_lines_and_the_rule_under_them(render_yaml):
    document = render_yaml(MINIMAL_YAML.replace("trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY",
                                                f"trich_yeu: {LONG_SUMMARY}"))
    summary = [p.text for p in document.paragraphs if p.style.name == "VB Trích yếu"]
    assert summary == ["KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY", "TẠI BUỔI LÀM VIỆC VỚI BAN DÂN VẬN TỈNH ỦY",
                       "VỀ TÌNH HÌNH, KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2014"]
