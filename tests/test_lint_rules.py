"""The checker's rules: each one passes on a correct notice and reports a wrong one with its exact code,
severity, place and message. Notices are MINIMAL_YAML with one small edit."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator import lint as lint_module
from generator import reader
from generator.errors import Problem, Severity
from generator.lint import RULES, lint, restyled, tone_style, ToneStyle
from tests.conftest import EXAMPLES, MINIMAL_YAML, ROOT

ERROR, WARNING = Severity.ERROR, Severity.WARNING
TODAY = date(2010, 8, 1)  # a few days after MINIMAL_YAML's notice date, 26/7/2010

# MINIMAL_YAML, line by line, for the places asserted below:
#  4 `  viet_tat: TU`            7 `ngay: 26/7/2010`          8 `trich_yeu: KẾT LUẬN …`
# 10 `  mo_dau: Thường trực …`  12 `  - Sở Nội vụ`            13 `nguoi_ky:`
# 14 `  chuc_vu: Chánh Văn phòng`                             15 `  ho_ten: Lê Tấn Lai`


def edit(old: str, new: str, text: str = MINIMAL_YAML) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def signer(**fields: str) -> str:
    """MINIMAL_YAML with its `nguoi_ky:` block (lines 13–) replaced; fields in the order given."""
    block = "".join(f"  {key}: {value}\n" for key, value in fields.items())
    return MINIMAL_YAML.split("nguoi_ky:\n")[0] + "nguoi_ky:\n" + block


def recipients(*lines: str, extra: str = "") -> str:
    """MINIMAL_YAML with `noi_nhan:` (line 11) holding ``lines`` from line 12 on, then ``extra`` keys."""
    listed = "".join(f"  - {line}\n" for line in lines)
    return edit("noi_nhan:\n  - Sở Nội vụ\n", "noi_nhan:\n" + listed + extra)


def body(text: str) -> str:
    """MINIMAL_YAML with its `noi_dung:` block (line 9) replaced by ``text``, indented under it."""
    indented = "".join(f"  {line}\n" if line else "\n" for line in text.splitlines())
    return edit("noi_dung:\n  mo_dau: Thường trực Tỉnh ủy đã kết luận.\n", "noi_dung:\n" + indented)


@pytest.fixture
def check(make_yaml):
    """Lint YAML text; return the problems of one code as (line, column, severity, message)."""
    def run(text: str, code: str, today: date = TODAY, **options: int) -> list[tuple[int, int, Severity, str]]:
        problems = lint(reader.prepare(make_yaml(text)), today=today, **options)
        return [(p.line, p.column, p.severity, p.message) for p in problems if p.code == code]
    return run


# ------------------------------------------------------------------------------------------------ registry

def test_registry_codes_are_unique_stable_and_in_order():
    codes = list(RULES)
    assert all(re.fullmatch(r"VB1\d\d", code) for code in codes)
    assert codes == sorted(codes)
    assert all(RULES[code].code == code for code in codes)
    names = [r.name for r in RULES.values()]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", name) for name in names)


def test_registering_a_taken_code_or_name_fails_and_changes_nothing():
    before = dict(RULES)
    with pytest.raises(ValueError):
        lint_module.rule("VB101", "another-name", ERROR, "Tóm tắt.", "HD 36")(lambda context: [])
    with pytest.raises(ValueError):
        lint_module.rule("VB199", RULES["VB101"].name, ERROR, "Tóm tắt.", "HD 36")(lambda context: [])
    assert RULES == before


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_a_vietnamese_summary_and_a_reference(code):
    rule = RULES[code]
    assert rule.severity in (ERROR, WARNING)
    assert re.search(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]",
                     rule.summary.lower()), rule.summary
    assert rule.summary.endswith(".")
    assert rule.reference.strip()


def test_every_rule_is_tested_in_this_file():
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [code for code in RULES if source.count(f'"{code}"') < 2]
    assert untested == []


def test_the_minimal_notice_has_no_finding(make_yaml):
    assert lint(reader.prepare(make_yaml(MINIMAL_YAML)), today=TODAY) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem[:3])
def test_the_examples_have_no_error(example):
    problems = lint(reader.prepare(example))
    assert [str(p) for p in problems if p.is_error] == []


def test_seed_000_doubled_space_is_a_warning_and_stays_in_the_text():
    prepared = reader.prepare(EXAMPLES[0])
    problems = lint(prepared, today=TODAY)
    assert [(p.line, p.column, p.code, p.severity) for p in problems] == [(91, 19, "VB153", WARNING)]
    assert problems[0].message.startswith("2 dấu cách liền nhau: `…rong việc triển khai  thực hiện phong trào…`")
    assert "triển khai  thực hiện" in prepared.document.noi_dung.nhiem_vu.noi_dung[4].noi_dung[0]


def test_lint_returns_problems_sorted_by_place(make_yaml):
    text = signer(chuc_vu="Bí thư Tỉnh ủy", ho_ten="TS. Lê Tấn Lai")
    problems = lint(reader.prepare(make_yaml(text)), today=TODAY)
    assert [(p.line, p.code) for p in problems] == [(14, "VB124"), (15, "VB125")]
    assert all(isinstance(p, Problem) and p.file.endswith("van-ban.yaml") for p in problems)


# ----------------------------------------------------------------------------------------------- VB10x header

def test_type_name_matching_the_kind_passes(check):
    assert check(edit("ngay: 26/7/2010\n", "ngay: 26/7/2010\nten_loai: Thông báo\n"), "VB101") == []


def test_type_name_of_another_kind_is_an_error(check):
    text = edit("ngay: 26/7/2010\n", "ngay: 26/7/2010\nten_loai: KẾT LUẬN\n")
    assert check(text, "VB101") == [(8, 11, ERROR,
        "tên loại `KẾT LUẬN` không khớp loại `thong-bao-ket-luan` (ký hiệu TB: `Số 970-TB/TU`) — "
        "hãy viết `ten_loai: THÔNG BÁO` hoặc xóa dòng `ten_loai` để công cụ tự ghi")]


@pytest.mark.parametrize("abbreviation", ["TU", "BDVTU", "VPTU", "BCSĐ"])
def test_issuer_abbreviation_passes(check, abbreviation):
    assert check(edit("viet_tat: TU", f"viet_tat: {abbreviation}"), "VB102") == []


def test_issuer_abbreviation_equal_to_a_type_code_is_a_warning(check):
    assert check(edit("viet_tat: TU", "viet_tat: KL"), "VB102") == [(4, 13, WARNING,
        "`KL` là ký hiệu tên loại văn bản, không phải chữ viết tắt tên cơ quan (số ký hiệu sẽ ra "
        "`Số 970-TB/KL`) — hãy ghi chữ viết tắt của cơ quan, ví dụ `TU` (Tỉnh ủy), `BDVTU` (Ban Dân vận Tỉnh ủy)")]


def test_issuer_abbreviation_repeating_the_type_code_is_a_warning(check):
    assert check(edit("viet_tat: TU", "viet_tat: TBTU"), "VB102") == [(4, 13, WARNING,
        "`TBTU` bắt đầu bằng ký hiệu tên loại `TB` mà công cụ đã tự thêm (số ký hiệu sẽ ra `Số 970-TB/TBTU`) — "
        "hãy chỉ ghi `viet_tat: TU`")]


# ----------------------------------------------------------------------------------------------- VB11x dates

def test_notice_date_within_the_margin_passes(check):
    assert check(MINIMAL_YAML, "VB111", today=date(2010, 6, 26)) == []  # exactly 30 days ahead
    assert check(MINIMAL_YAML, "VB111", today=date(2010, 6, 1), future_margin_days=60) == []


def test_notice_date_far_ahead_is_an_error(check):
    assert check(MINIMAL_YAML, "VB111", today=date(2010, 6, 1)) == [(7, 7, ERROR,
        "ngày ban hành 26/7/2010 muộn hơn hôm nay (01/6/2010) quá 30 ngày — hãy kiểm tra lại ngày, tháng, năm; "
        "nếu chưa biết ngày ký thì bỏ `ngay` để văn thư điền tay")]


def test_notice_year_ahead_is_an_error(check):
    text = edit("ngay: 26/7/2010", "nam: 2011")
    assert check(text, "VB111") == [(7, 6, ERROR, "năm ban hành 2011 muộn hơn năm nay (2010) — hãy kiểm tra lại `nam`")]
    assert check(edit("ngay: 26/7/2010", "nam: 2010"), "VB111") == []


def with_meeting(day: str, text: str = MINIMAL_YAML) -> str:
    """``text`` with a meeting on ``day``; `hoi_nghi.ngay` stands on line 10, column 9."""
    return edit("noi_dung:\n", f"hoi_nghi:\n  ngay: {day}\nnoi_dung:\n", text)


@pytest.mark.parametrize("day", ["22/7/2010", "26/7/2010"])
def test_meeting_before_or_on_the_notice_date_passes(check, day):
    assert check(with_meeting(day), "VB112") == []


def test_meeting_after_the_notice_is_an_error(check):
    assert check(with_meeting("27/7/2010"), "VB112") == [(10, 9, ERROR,
        "ngày họp 27/7/2010 sau ngày ban hành 26/7/2010 — thông báo kết luận ra sau cuộc họp; "
        "hãy kiểm tra lại `hoi_nghi.ngay` và `ngay`")]


def test_meeting_after_the_notice_year_is_an_error(check):
    text = with_meeting("02/4/2010", edit("ngay: 26/7/2010", "nam: 2009"))
    assert check(text, "VB112") == [(10, 9, ERROR,
        "ngày họp 02/4/2010 sau năm ban hành 2009 — thông báo kết luận ra sau cuộc họp; "
        "hãy kiểm tra lại `hoi_nghi.ngay` và `nam`")]


def test_meeting_within_a_year_passes(check):
    assert check(with_meeting("26/7/2009"), "VB113") == []


def test_meeting_more_than_a_year_before_is_a_warning(check):
    assert check(with_meeting("25/7/2009"), "VB113") == [(10, 9, WARNING,
        "ngày họp 25/7/2009 cách ngày ban hành 26/7/2010 hơn một năm — "
        "hãy kiểm tra lại năm của `hoi_nghi.ngay` và `ngay`")]


# ------------------------------------------------------------------------------------------- VB12x signature

@pytest.mark.parametrize("collective", ["Ban Thường vụ", "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "Tỉnh uỷ", "Đảng ủy Khối",
                                        "Ủy ban Kiểm tra", "Chi bộ"])
def test_on_behalf_of_a_collective_passes(check, collective):
    text = signer(quyen_han="T/M", thay_mat=collective, chuc_vu="Phó Bí thư", ho_ten="Lê Tấn Lai")
    assert check(text, "VB121") == []


def test_on_behalf_of_a_head_is_an_error(check):
    text = signer(quyen_han="T/M", thay_mat="Trưởng Ban", chuc_vu="Phó Trưởng Ban", ho_ten="Lê Tấn Lai")
    assert check(text, "VB121") == [(15, 13, ERROR,
        "`T/M TRƯỞNG BAN`: thay mặt chỉ dùng cho một tập thể — hãy ghi tên tập thể, ví dụ `thay_mat: BAN THƯỜNG VỤ`; "
        "người đứng đầu một ban ký trực tiếp (bỏ `quyen_han`), cấp phó ký `K/T`")]


@pytest.mark.parametrize("head", ["Trưởng Ban", "CHÁNH VĂN PHÒNG", "Trưởng Ban Tổ chức"])
def test_for_a_head_passes(check, head):
    text = signer(quyen_han="K/T", thay_mat=head, chuc_vu="Phó Trưởng Ban", ho_ten="Lê Tấn Lai")
    assert check(text, "VB122") == []


def test_for_a_collective_is_an_error(check):
    text = signer(quyen_han="K/T", thay_mat="Ban Thường vụ", chuc_vu="Phó Bí thư", ho_ten="Lê Tấn Lai")
    assert check(text, "VB122") == [(14, 14, ERROR,
        "`K/T BAN THƯỜNG VỤ`: tập thể không có ký thay, cấp phó của tập thể cũng ký thay mặt — "
        "hãy ghi `quyen_han: T/M`")]


def test_for_something_not_a_head_title_is_an_error(check):
    text = signer(quyen_han="K/T", thay_mat="Phó Trưởng Ban", chuc_vu="Phó Trưởng Ban", ho_ten="Lê Tấn Lai")
    assert check(text, "VB122") == [(15, 13, ERROR,
        "`K/T PHÓ TRƯỞNG BAN`: ký thay phải ghi chức danh người đứng đầu — "
        "ví dụ `thay_mat: TRƯỞNG BAN` hoặc `thay_mat: CHÁNH VĂN PHÒNG`")]


def test_deputy_signing_for_the_head_passes(check):
    text = signer(quyen_han="K/T", thay_mat="Chánh Văn phòng", chuc_vu="Phó Chánh Văn phòng", ho_ten="Lê Tấn Lai")
    assert check(text, "VB123") == []


def test_head_signing_k_t_is_an_error(check):
    text = signer(quyen_han="K/T", thay_mat="Trưởng Ban", chuc_vu="Trưởng Ban", ho_ten="Lê Tấn Lai")
    assert check(text, "VB123") == [(16, 12, ERROR,
        "người ký `K/T` là cấp phó nhưng chức vụ là `TRƯỞNG BAN` — hãy ghi `chuc_vu: PHÓ TRƯỞNG BAN`; "
        "nếu người đứng đầu ký thì bỏ `quyen_han` và `thay_mat`")]


@pytest.mark.parametrize("title", ["Chánh Văn phòng", "Phó Bí thư Thường trực", "Trưởng Ban"])
def test_bare_title_passes(check, title):
    assert check(signer(chuc_vu=title, ho_ten="Lê Tấn Lai"), "VB124") == []


def test_title_of_an_office_named_like_the_issuer_passes(check):
    text = edit("  ten: Tỉnh ủy Bình Thuận\n", "  cap_tren: Tỉnh ủy Bình Thuận\n  ten: Văn phòng\n")
    assert check(text, "VB124") == []


@pytest.mark.parametrize(("title", "name"), [("Bí thư Tỉnh ủy", "TỈNH ỦY"), ("Bí thư Tỉnh uỷ", "TỈNH ỦY"),
                                            ("Bí thư Tỉnh ủy Bình Thuận", "TỈNH ỦY BÌNH THUẬN")])
def test_title_naming_the_issuer_is_a_warning(check, title, name):
    assert check(signer(chuc_vu=title, ho_ten="Lê Tấn Lai"), "VB124") == [(14, 12, WARNING,
        f"dòng chức vụ `{title.upper()}` có tên cơ quan `{name}` — dòng này chỉ ghi chức danh "
        "(tên cơ quan đã ở đầu văn bản); hãy viết `chuc_vu: BÍ THƯ`")]


@pytest.mark.parametrize("name", ["Lê Tấn Lai", "Tạ Thị Sen", "Cao Văn Kỳ"])
def test_name_without_degree_passes(check, name):
    assert check(signer(chuc_vu="Chánh Văn phòng", ho_ten=name), "VB125") == []


@pytest.mark.parametrize(("typed", "degree"), [("TS. Lê Tấn Lai", "TS."), ("PGS.TS. Lê Tấn Lai", "PGS.TS."),
                                              ("ThS Lê Tấn Lai", "ThS"), ("Tiến sĩ Lê Tấn Lai", "Tiến sĩ")])
def test_degree_before_the_name_is_a_warning(check, typed, degree):
    assert check(signer(chuc_vu="Chánh Văn phòng", ho_ten=typed), "VB125") == [(15, 11, WARNING,
        f"họ tên người ký có học hàm, học vị `{degree}` — không ghi học hàm, học vị trước họ tên; "
        "hãy viết `ho_ten: Lê Tấn Lai`")]


@pytest.mark.parametrize("name", ["Lê Tấn Lai", "Nguyễn Văn A", "H'Hen Niê"])
def test_name_in_title_case_passes(check, name):
    assert check(signer(chuc_vu="Chánh Văn phòng", ho_ten=name), "VB126") == []


@pytest.mark.parametrize("typed", ["lê tấn Lai", "LÊ TẤN LAI"])
def test_name_not_in_title_case_is_a_warning(check, typed):
    assert check(signer(chuc_vu="Chánh Văn phòng", ho_ten=typed), "VB126") == [(15, 11, WARNING,
        f"họ tên người ký `{typed}` phải viết hoa chữ cái đầu mỗi tiếng, các chữ khác viết thường — "
        "hãy viết `ho_ten: Lê Tấn Lai`")]


# ------------------------------------------------------------------------------------------ VB13x recipients

def test_distinct_recipients_pass(check):
    assert check(recipients("Sở Nội vụ", "Sở Tài chính"), "VB131") == []


def test_repeated_recipient_is_a_warning(check):
    text = recipients("Sở Nội vụ", "Ban Dân vận", "{noi: \"sở nội vụ.\", ghi_chu: b/c}")
    assert check(text, "VB131") == [(14, 11, WARNING,
        "nơi nhận `sở nội vụ.` trùng với dòng thứ 1 của `noi_nhan` — hãy xóa một dòng")]


def test_recipient_named_like_an_archive_passes(check):
    assert check(recipients("Trung tâm Lưu trữ lịch sử"), "VB132") == []


def test_archive_line_among_recipients_is_an_error(check):
    assert check(recipients("Sở Nội vụ", '"- Lưu: VT, VPTU."'), "VB132") == [(13, 5, ERROR,
        "dòng lưu `- Lưu: VT, VPTU.` nằm trong `noi_nhan` — công cụ tự thêm dòng `Lưu …` ở cuối; "
        "hãy xóa dòng này và ghi `luu: VPTU`")]


def test_recipient_line_ends_of_one_kind_pass(check):
    assert check(recipients("Sở Nội vụ,", "Ban Dân vận,", "Văn phòng"), "VB133") == []


def test_mixed_recipient_line_ends_are_a_warning(check):
    assert check(recipients("Sở Nội vụ,", "Ban Dân vận;", "Văn phòng,"), "VB133") == [(13, 5, WARNING,
        "dòng này kết thúc bằng `;` còn 2 dòng khác bằng `,` — có lẽ dán từ hai văn bản; công cụ tự thêm dấu cuối "
        "dòng, hãy xóa dấu ở cuối các dòng nơi nhận (muốn dùng `;` thì ghi `dau_cuoi_dong: \";\"`)")]


@pytest.mark.parametrize("place", ["Văn phòng Tỉnh ủy", "VPTU"])
def test_party_archive_passes(check, place):
    text = recipients("Sở Nội vụ", extra=f"luu: {place}\n")
    assert check(text, "VB134") == [] and check(text, "VB135") == []


@pytest.mark.parametrize(("typed", "place"), [('"Lưu: VT, VPTU."', "VPTU"), ('"VT, Văn phòng Tỉnh ủy"',
                                                                           "Văn phòng Tỉnh ủy"), ("VT", "VPTU")])
def test_state_archive_is_an_error(check, typed, place):
    text = recipients("Sở Nội vụ", extra=f"luu: {typed}\n")
    shown = typed.strip('"')
    assert check(text, "VB134") == [(13, 6, ERROR,
        f"`luu: {shown}` là cách ghi của văn bản Nhà nước — văn bản của Đảng ghi `Lưu {place}`, "
        f"không có dấu `:`, không có `VT`; hãy viết `luu: {place}`")]
    assert check(text, "VB135") == []


def test_archive_word_typed_again_is_an_error(check):
    text = recipients("Sở Nội vụ", extra="luu: Lưu Văn phòng Tỉnh ủy.\n")
    assert check(text, "VB135") == [(13, 6, ERROR,
        "`luu: Lưu Văn phòng Tỉnh ủy.` bắt đầu bằng chữ `Lưu` mà công cụ đã tự thêm "
        "(sẽ ra `Lưu Lưu Văn phòng Tỉnh ủy.`) — hãy viết `luu: Văn phòng Tỉnh ủy`")]


# ------------------------------------------------------------------------------------------------ VB14x body

def test_end_mark_on_the_last_paragraph_passes(check):
    text = body("mo_dau: Đoạn một.\nket_qua:\n  noi_dung:\n    - Đoạn hai.\nket_thuc: \"*Đoạn cuối./.*\"")
    assert check(text, "VB141") == []


def test_end_mark_before_the_last_paragraph_is_a_warning(check):
    # The parts print in the model's order, not the file's: `ket_qua` prints before `ket_thuc` typed above it.
    text = body("mo_dau:\n  - Đoạn một./.\nket_thuc: Theo dõi, đôn đốc thực hiện./.\n"
                "ket_qua:\n  noi_dung:\n    - \"*Đoạn hai./.*\"")
    assert check(text, "VB141") == [
        (11, 7, WARNING, "đoạn `Đoạn một./.` kết thúc bằng `./.` nhưng chưa phải đoạn cuối, văn bản sẽ như kết thúc "
                         "ở đây — hãy kết thúc đoạn này bằng dấu `.`; công cụ tự thêm `./.` sau đoạn cuối"),
        (15, 9, WARNING, "đoạn `*Đoạn hai./.*` kết thúc bằng `./.` nhưng chưa phải đoạn cuối, văn bản sẽ như kết "
                         "thúc ở đây — hãy kết thúc đoạn này bằng dấu `.`; công cụ tự thêm `./.` sau đoạn cuối")]


def test_end_mark_inside_a_block_of_lines_is_a_warning(check):
    text = body("mo_dau: |\n  Đoạn một./.\n  Đoạn hai.")
    assert [where[:3] for where in check(text, "VB141")] == [(10, 11, WARNING)]


def test_headings_with_content_pass(check):
    text = body("ket_qua:\n  tieu_de: Về kết quả\n  noi_dung:\n    - tieu_de: Công tác dân vận\n"
                "      muc:\n        - noi_dung: Đã làm tốt.")
    assert check(text, "VB142") == []


def test_headings_without_content_are_warnings(check):
    text = body("ket_qua:\n  tieu_de: Về kết quả\nnhiem_vu:\n  tieu_de: Nhiệm vụ\n  noi_dung:\n"
                "    - tieu_de: Công tác dân vận\n      muc:\n        - tieu_de: Mặt trận")
    assert check(text, "VB142") == [
        (11, 14, WARNING, "phần `Về kết quả` có tiêu đề nhưng không có nội dung — hãy viết các đoạn dưới "
                          "`noi_dung:` của phần, hoặc xóa phần này"),
        (17, 22, WARNING, "mục `Mặt trận` có tiêu đề nhưng không có nội dung — hãy thêm `noi_dung:`, "
                          "`gach_dau_dong:` hoặc `muc:` dưới tiêu đề, hoặc xóa mục này")]


# ------------------------------------------------------------------------------------------------ VB15x text

@pytest.mark.parametrize(("syllable", "style"), [
    ("uỷ", ToneStyle.OLD), ("hoá", ToneStyle.OLD), ("thuỷ", ToneStyle.OLD), ("khoẻ", ToneStyle.OLD),
    ("toà", ToneStyle.OLD), ("ủy", ToneStyle.NEW), ("hóa", ToneStyle.NEW), ("thủy", ToneStyle.NEW),
    ("khỏe", ToneStyle.NEW), ("tòa", ToneStyle.NEW), ("UỶ", ToneStyle.OLD), ("Hòa", ToneStyle.NEW),
    ("hoán", None), ("ngoài", None), ("thuyền", None), ("quý", None), ("quỹ", None), ("hoa", None)])
def test_tone_style_of_a_syllable(syllable, style):
    assert tone_style(syllable) is style


@pytest.mark.parametrize(("typed", "other"), [("Uỷ", "Ủy"), ("HOÁ", "HÓA"), ("khỏe", "khoẻ"), ("tòa", "toà")])
def test_restyled_keeps_the_case(typed, other):
    assert restyled(typed) == other


def test_one_tone_style_passes(check):
    text = edit("đã kết luận.", "đã kết luận về quỹ hỗ trợ, hóa đơn và ngoài ra.")
    assert check(text, "VB151") == []


def test_minority_tone_style_is_a_warning(check):
    text = edit("KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY", "KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH UỶ VỀ VĂN HOÁ")
    assert check(text, "VB151") == [(8, 12, WARNING,
        "`UỶ`, `HOÁ` đặt dấu kiểu cũ (dấu trên nguyên âm sau: hoá, uỷ), còn văn bản có 2 chỗ đặt dấu kiểu mới "
        "(dấu trên nguyên âm trước: hóa, ủy) — hãy viết `ỦY`, `HÓA` cho thống nhất một kiểu (công cụ không tự sửa)")]


@pytest.mark.parametrize("paragraph", ["Phong trào “Dân vận khéo” và “Năm dân vận”.",
                                       "'Phong trào \"Dân vận khéo\" đạt kết quả.'"])
def test_paired_quotes_pass(check, paragraph):
    assert check(edit("Thường trực Tỉnh ủy đã kết luận.", paragraph), "VB152") == []


@pytest.mark.parametrize(("paragraph", "message"), [
    ("Phong trào “Dân vận khéo.", "ngoặc kép không đủ cặp: 1 dấu mở “ và 0 dấu đóng ” — hãy thêm dấu còn thiếu "
                                 "hoặc xóa dấu thừa"),
    ("Phong trào ”Dân vận khéo“.", "có dấu đóng ” đứng trước dấu mở “ — hãy đổi chỗ hai dấu cho đúng “…”"),
    ("'Phong trào \"Dân vận khéo.'", "có 1 dấu ngoặc thẳng \" (số lẻ) — thiếu một dấu mở hoặc đóng; hãy thêm cho "
                                     "đủ cặp, nên dùng ngoặc kép “…”")])
def test_unpaired_quotes_are_a_warning(check, paragraph, message):
    assert check(edit("Thường trực Tỉnh ủy đã kết luận.", paragraph), "VB152") == [(10, 11, WARNING, message)]


def test_single_spaces_pass(check):
    assert check(body("mo_dau: |\n  Dòng một.\n  Dòng hai."), "VB153") == []


def test_doubled_space_is_a_warning(check):
    text = edit("Thường trực Tỉnh ủy đã", "Thường trực   Tỉnh ủy đã")
    assert check(text, "VB153") == [(10, 11, WARNING,
        "3 dấu cách liền nhau: `Thường trực   Tỉnh ủy đã kết luận.` — hãy chỉ để một dấu cách "
        "(công cụ giữ nguyên chữ đã gõ)")]


def test_marks_written_close_pass(check):
    assert check(edit("Thường trực Tỉnh ủy đã kết luận.", "'Thường trực Tỉnh ủy kết luận (tại hội nghị): tốt, rõ; đúng!'"), "VB154") == []


def test_space_before_a_mark_is_a_warning(check):
    text = recipients("Sở Nội vụ (b/c )", "Ban Dân vận ,")
    assert check(text, "VB154") == [
        (12, 5, WARNING, "dấu cách trước dấu `)`: `Sở Nội vụ (b/c )` — hãy viết dấu `)` liền sau chữ đứng trước"),
        (13, 5, WARNING, "dấu cách trước dấu `,`: `Ban Dân vận ,` — hãy viết dấu `,` liền sau chữ đứng trước")]


# ----------------------------------------------------------------------------------------- VB16x office cycle

def test_a_prompt_left_in_the_draft_is_an_error(check):
    text = edit("  mo_dau: Thường trực Tỉnh ủy đã kết luận.", '  mo_dau: "[cần viết] kết quả {ky}"')
    assert check(text, "VB160") == [(10, 11, ERROR, "còn chỗ cần viết: `[cần viết] kết quả {ky}` — hãy viết nội dung "
                                                    "thật thay cho dòng nhắc này")]
    assert check(MINIMAL_YAML, "VB160") == []


REVIEW = "theo_doi:\n  - nhiem_vu: Sơ kết Kết luận 120-KL/TW\n    han: 30/6/2010\n"


def test_a_reviewed_task_needs_its_status(check):
    assert check(MINIMAL_YAML + REVIEW, "VB161") == [(17, 5, ERROR,
        "nhiệm vụ kỳ trước `Sơ kết Kết luận 120-KL/TW` chưa ghi tình trạng — hãy ghi `trang_thai:` một trong: "
        "chua-thuc-hien, dang-thuc-hien, hoan-thanh, hoặc xóa nhiệm vụ khỏi `theo_doi`")]
    assert check(MINIMAL_YAML + REVIEW + "    trang_thai: hoan-thanh\n", "VB161") == []


def test_an_open_task_past_its_deadline_is_a_warning(check):
    assert check(MINIMAL_YAML + REVIEW + "    trang_thai: dang-thuc-hien\n", "VB162") == [(17, 5, WARNING,
        "nhiệm vụ kỳ trước `Sơ kết Kết luận 120-KL/TW` quá hạn 30/6/2010 mà vẫn đang thực hiện — hãy đôn đốc, ghi "
        "hạn mới khi giao lại, hoặc ghi `trang_thai: hoan-thanh` nếu đã xong")]
    assert check(MINIMAL_YAML + REVIEW + "    trang_thai: hoan-thanh\n", "VB162") == []
    task = body("nhiem_vu:\n  noi_dung:\n    - noi_dung: Sơ kết\n      han: 30/6/2010")
    assert check(task, "VB162") == [(13, 14, WARNING, "nhiệm vụ `Sơ kết` có hạn 30/6/2010 đã qua vào ngày của văn bản "
                                                      "— hãy ghi hạn mới")]


def test_a_meeting_outside_the_period_or_long_before_the_notice_is_a_warning(check):
    in_period = edit("ngay: 26/7/2010", "ngay: 26/7/2010\nky: quý III/2010", with_meeting("22/7/2010"))
    assert check(in_period, "VB163") == []
    left_over = edit("ngay: 26/7/2010", "ngay: 26/7/2010\nky: quý III/2010", with_meeting("09/4/2010"))
    assert check(left_over, "VB163") == [(11, 9, WARNING,
        "ngày họp 09/4/2010 không thuộc quý III/2010 hay quý IV/2010 — có phải ngày họp của kỳ trước còn sót lại? "
        "Hãy kiểm tra `hoi_nghi.ngay` và `ky`")]
    assert check(with_meeting("09/4/2010"), "VB163") == [(10, 9, WARNING,
        "ngày họp 09/4/2010 cách ngày ban hành 26/7/2010 hơn 31 ngày — thông báo kết luận thường ra vài ngày sau "
        "cuộc họp; hãy kiểm tra `hoi_nghi.ngay` và `ngay`")]


def test_a_period_left_over_from_last_quarter_is_a_warning(check):
    text = edit("trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY",
                "ky: quý II/2010\ntrich_yeu: KẾT LUẬN HỘI NGHỊ QUÝ I, NHIỆM VỤ QUÝ III NĂM 2010")
    assert check(text, "VB164") == [(9, 12, WARNING,
        "`QUÝ I` khác kỳ của văn bản (quý II/2010) — có phải chữ của kỳ trước còn sót lại? Hãy sửa, hoặc viết "
        "`{ky}`/`{ky_sau}` để công cụ tự điền")]
    assert check(text.replace("QUÝ I,", "{ky},"), "VB164") == []


def test_placeholders_must_exist_and_have_a_value(check):
    text = edit("  mo_dau: Thường trực Tỉnh ủy đã kết luận.", "  mo_dau: Kết luận {kyy} và {hoi_nghi.ngay}.")
    assert check(text, "VB165") == [
        (10, 11, ERROR, "chỗ điền `{hoi_nghi.ngay}` cần `hoi_nghi: {ngay: 09/4/2021}` — hãy ghi thông tin đó, hoặc "
                        "viết thẳng vào dòng chữ"),
        (10, 11, ERROR, "chỗ điền `{kyy}` không có — có phải ý bạn là `{ky}`?")]
    assert check(edit("ngay: 26/7/2010", "ngay: 26/7/2010\nky: quý III/2010", text.replace("{kyy}", "{ky}")),
                 "VB165") == [(11, 11, ERROR, "chỗ điền `{hoi_nghi.ngay}` cần `hoi_nghi: {ngay: 09/4/2021}` — hãy ghi "
                                              "thông tin đó, hoặc viết thẳng vào dòng chữ")]


def test_a_task_reported_done_is_not_set_again(check):
    tasks = body("nhiem_vu:\n  noi_dung:\n    - noi_dung: Sơ kết Kết luận 120-KL/TW")
    assert check(tasks + REVIEW + "    trang_thai: hoan-thanh\n", "VB166") == [(12, 9, WARNING,
        "nhiệm vụ `Sơ kết Kết luận 120-KL/TW` đã ghi hoàn thành ở `theo_doi` mà vẫn được giao lại — hãy xóa nhiệm vụ "
        "này khỏi phần nhiệm vụ")]
    assert check(tasks + REVIEW + "    trang_thai: dang-thuc-hien\n", "VB166") == []


STATE_NOTICE = (ROOT / "examples" / "020-nha-nuoc-tb-ket-luan-chu-tich.yaml").read_text(encoding="utf-8")


def test_a_state_archive_line_is_only_the_place_after_vt(check):
    line = next(n for n, text in enumerate(STATE_NOTICE.splitlines(), start=1) if text.startswith("luu:"))
    assert check(STATE_NOTICE, "VB134") == []
    typed = re.sub(r"(?m)^luu: .*$", "luu: VT, KTHT", STATE_NOTICE)
    assert check(typed, "VB134", today=date(2026, 11, 30)) == [(line, 6, ERROR,
        "`luu: VT, KTHT` ghi lại `VT` mà công cụ đã tự in cho Văn bản hành chính của Nhà nước (Nghị định "
        "30/2020/NĐ-CP) (dòng lưu là `Lưu: VT, KTHT`) — `luu` chỉ ghi nơi lưu sau VT; hãy viết `luu: KTHT`")]


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ('\\"', '\\"')])
def test_a_quotation_across_two_lines_of_the_summary_is_one_pair(check, opening, closing):
    text = edit("trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY",
                f'trich_yeu:\n  - "KẾT LUẬN VỀ PHONG TRÀO {opening}DÂN VẬN"\n  - "KHÉO{closing} NĂM 2010"')
    assert check(text, "VB152") == []
    unpaired = text.replace(f"KHÉO{closing}", "KHÉO")
    assert [place[:2] for place in check(unpaired, "VB152")] == [(9, 5)], "one finding, at the first line"
