"""The reported 2026 Party rulebook (HD 05-HD/VPTW, QĐ 399-QĐ/TW) beside HD 36: its profile, how `he_thong`
chooses between them by the document's date, the end mark a document may override, and meetings of several
days."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest
import yaml
from docx.shared import Mm, Pt

from generator import layout, lint, pipeline, placeholders, reader, render, rulebook, template_builder
from generator.loader import iter_strings
from generator.model import Document, Meeting
from tests.conftest import MINIMAL_YAML, style_value

TODAY = dt.date(2026, 11, 30)
CHANGE = dt.date(2026, 5, 27)


def dated(day: str, text: str = MINIMAL_YAML) -> str:
    assert text.count("ngay: 26/7/2010") == 1
    return text.replace("ngay: 26/7/2010", f"ngay: {day}")


# ------------------------------------------------------------------------------------------------ choosing


@pytest.mark.parametrize(("code", "day", "year", "chosen", "reason"), [
    ("dang", dt.date(2026, 12, 1), None, "dang-2026",
     "dang-2026 (HD 05-HD/VPTW) vì ngày ban hành 01/12/2026 từ ngày 27/5/2026"),
    ("dang", CHANGE, None, "dang-2026", "dang-2026 (HD 05-HD/VPTW) vì ngày ban hành 27/5/2026 từ ngày 27/5/2026"),
    ("dang", CHANGE - dt.timedelta(days=1), None, "dang",
     "dang (HD 36-HD/VPTW) vì ngày ban hành 26/5/2026 trước ngày 27/5/2026"),
    ("dang", dt.date(2021, 4, 12), None, "dang", "dang (HD 36-HD/VPTW) vì ngày ban hành 12/4/2021 trước ngày 27/5/2026"),
    ("dang", None, 2021, "dang", "dang (HD 36-HD/VPTW) vì văn bản chưa có ngày, năm 2021, trước ngày 27/5/2026"),
    ("dang", None, None, "dang-2026",
     "dang-2026 (HD 05-HD/VPTW) vì văn bản chưa có ngày, tính theo hôm nay 30/11/2026, từ ngày 27/5/2026"),
    ("dang", None, 2026, "dang-2026",
     "dang-2026 (HD 05-HD/VPTW) vì văn bản chưa có ngày, tính theo hôm nay 30/11/2026, từ ngày 27/5/2026"),
    ("dang-hd36", dt.date(2026, 12, 1), None, "dang", "dang (HD 36-HD/VPTW) vì văn bản ghi he_thong: dang-hd36"),
    ("dang-2026", dt.date(2021, 4, 12), None, "dang-2026",
     "dang-2026 (HD 05-HD/VPTW) vì văn bản ghi he_thong: dang-2026"),
    ("nha-nuoc", dt.date(2026, 12, 1), None, "nha-nuoc",
     "nha-nuoc (NĐ 30/2020/NĐ-CP): hệ thống nha-nuoc chỉ có hồ sơ này"),
    ("nha-nuoc-nd30", None, None, "nha-nuoc", "nha-nuoc (NĐ 30/2020/NĐ-CP) vì văn bản ghi he_thong: nha-nuoc-nd30"),
])
def test_he_thong_chooses_the_profile_by_the_date_or_pins_one(code, day, year, chosen, reason):
    choice = rulebook.choose(code, day, TODAY, year=year)
    assert (choice.book.ma, choice.reason) == (chosen, reason)


def test_an_undated_draft_is_taken_as_issued_today_or_in_its_year():
    assert rulebook.undated_day(TODAY) == TODAY
    assert rulebook.undated_day(TODAY, 2026) == TODAY
    assert rulebook.undated_day(TODAY, 2021) == dt.date(2021, 12, 31)
    assert rulebook.undated_day(TODAY, 2027) == dt.date(2027, 1, 1)
    before = dt.date(2026, 3, 1)  # a draft written before the change, in the year of the change
    assert rulebook.choose("dang", None, before, year=2026).book.ma == "dang"


def test_the_choice_is_data_every_name_is_accepted_and_belongs_to_its_system():
    index = rulebook.index()
    assert [entry.ho_so for entry in index.he_thong["dang"]] == ["dang", "dang-2026"]
    assert index.he_thong["dang"][1].tu_ngay == CHANGE
    assert {"dang", "dang-2026", "dang-hd36", "nha-nuoc", "nha-nuoc-nd30"} <= set(rulebook.codes())
    assert "_he-thong" not in rulebook.available(), "the index is not a profile"
    assert {rulebook.family(code) for code in ("dang", "dang-2026", "dang-hd36")} == {"dang"}
    assert rulebook.family("nha-nuoc-nd30") == "nha-nuoc"
    assert rulebook.load("dang-hd36") is rulebook.load("dang")
    for code in rulebook.codes():
        data = yaml.safe_load(MINIMAL_YAML)
        assert Document.model_validate(data | {"he_thong": code}).he_thong == code


def test_a_badly_ordered_index_is_refused():
    with pytest.raises(ValueError):
        rulebook.Index.model_validate({"he_thong": {"dang": [{"ho_so": "dang-2026", "tu_ngay": CHANGE},
                                                             {"ho_so": "dang"}]}})
    with pytest.raises(ValueError):
        rulebook.Index.model_validate({"he_thong": {"dang": [{"ho_so": "dang"}]}, "ten_khac": {"dang": "dang"}})


# ------------------------------------------------------------------------------------------------ the profile

def test_the_2026_profile_differs_from_hd36_exactly_where_the_digests_say():
    old, new = rulebook.load("dang"), rulebook.load("dang-2026")
    assert new.ket_thuc_noi_dung == "." and old.ket_thuc_noi_dung == "./."
    assert old.thanh_phan["chuc_vu_ky"].dam and not new.thanh_phan["chuc_vu_ky"].dam
    body = new.thanh_phan["noi_dung"]
    assert (body.co_chu, body.dan_dong_pt, body.thut_dau_dong_cm) == (14, 19, 1.0)
    assert 18 <= body.dan_dong_pt <= 19
    label = new.thanh_phan["noi_nhan_nhan"]
    assert (label.co_chu, label.gach_chan, label.dam) == (14, True, False)
    assert new.thanh_phan["noi_nhan"].co_chu == 12
    assert new.noi_nhan.mau_luu == "Lưu {noi_luu}"  # no colon, no VT
    assert new.kieu_dau_thanh == "moi"
    same = {"trang", "phong_chu", "tieu_de", "duoi_co_quan", "duoi_trich_yeu", "so_ky_hieu", "ngay_thang",
            "danh_so_mac_dinh", "quyen_han_ky", "loai_van_ban", "phu_luc", "dau_khan", "dau_mat"}
    assert all(getattr(new, name) == getattr(old, name) for name in same)


def test_every_value_the_2026_profile_changes_is_tagged_as_third_party():
    """A line of dang-2026.yaml not copied from dang.yaml carries [SEEN-3P] (on it or its continuation)."""
    old_lines = set((rulebook.RULEBOOK_DIR / "dang.yaml").read_text(encoding="utf-8").splitlines())
    lines = (rulebook.RULEBOOK_DIR / "dang-2026.yaml").read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#") or line in old_lines:
            continue
        following = []
        for after in lines[index + 1:]:
            if not after.lstrip().startswith("#") or not after.startswith(" "):
                break
            following.append(after)
        assert "[SEEN-3P]" in " ".join([line, *following]), line


@pytest.mark.parametrize("code", ["dang", "dang-2026", "nha-nuoc"])
def test_a_profile_s_own_words_follow_its_tone_style(code):
    """The profile's texts (marks, labels, header) and the lint's tone rule (VB151) agree: a profile that sets
    `kieu_dau_thanh` writes every closing oa/oe/uy pair in that style."""
    book = rulebook.load(code)
    wanted = {"cu": lint.ToneStyle.OLD, "moi": lint.ToneStyle.NEW}.get(book.kieu_dau_thanh or "")

    styles = {lint.tone_style(s) for _, text in iter_strings(book.model_dump(mode="json"))
              for s in re.findall(r"\w+", text)}
    styles.discard(None)
    assert len(styles) <= 1, f"{code} mixes tone styles"
    if wanted is not None:
        assert styles <= {wanted}


def test_templates_of_the_2026_profile_are_committed_and_fresh():
    book = rulebook.load("dang-2026")
    for kind in book.loai_van_ban:
        path = template_builder.template_path("dang-2026", kind)
        assert template_builder.build(book, kind) == path.read_bytes(), \
            f"{path}: run `python -m generator.template_builder`"


# ------------------------------------------------------------------------------------------------ rendering

def _render_as_chosen(source: Path, today: dt.date = TODAY) -> docx.document.Document:
    """Read, choose the profile by date as `reader.prepare_loaded` will, render by its template."""
    prepared = reader.prepare(source)
    doc = prepared.document
    choice = rulebook.choose(doc.he_thong, doc.ngay, today, year=doc.nam)
    prepared = dataclasses.replace(prepared, book=choice.book)
    template = template_builder.template_path(choice.book.ma, doc.loai)
    return docx.Document(io.BytesIO(render.render(template, layout.context(doc, prepared.book))))


def _body(document) -> list:
    return [p for p in document.paragraphs if p.text and p.style.name == "VB Nội dung"]


def _signer_title(document):
    closing = document.tables[-1]
    return next(p for p in closing.cell(0, 1).paragraphs if p.style.name == "VB Chức vụ người ký")


def _is_bold(paragraph) -> bool:
    run_bold = {run.bold for run in paragraph.runs if run.text}
    return bool(style_value(paragraph.style, lambda s: s.font.bold)) if run_bold <= {None} else True in run_bold


def test_a_party_notice_of_december_2026_renders_by_hd05_and_the_same_of_2021_by_hd36(make_yaml):
    new = _render_as_chosen(make_yaml(dated("01/12/2026"), "moi.yaml"))
    assert _body(new)[-1].text == "Thường trực Tỉnh ủy đã kết luận."
    title = _signer_title(new)
    assert title.text == "CHÁNH VĂN PHÒNG" and not _is_bold(title)
    style = new.styles["VB Nội dung"]
    assert style.paragraph_format.line_spacing == Pt(19)
    assert abs(style.paragraph_format.first_line_indent - Mm(10)) < Mm(0.1)
    label = new.styles["VB Nơi nhận (nhãn)"]
    assert label.font.underline and label.font.size == Pt(14)

    old = _render_as_chosen(make_yaml(dated("12/4/2021"), "cu.yaml"))
    assert _body(old)[-1].text == "Thường trực Tỉnh ủy đã kết luận./."
    assert _is_bold(_signer_title(old))


def test_a_pinned_profile_renders_through_the_pipeline(make_yaml, tmp_path):
    """`he_thong: dang-2026` needs no wiring: the document names the profile and its templates."""
    source = make_yaml(MINIMAL_YAML.replace("loai: thong-bao-ket-luan", "loai: thong-bao-ket-luan\nhe_thong: dang-2026"))
    output = tmp_path / "tb.docx"
    pipeline.render_file(source, output, today=dt.date(2010, 8, 1))
    document = docx.Document(str(output))
    assert _body(document)[-1].text == "Thường trực Tỉnh ủy đã kết luận."
    assert not _is_bold(_signer_title(document))


def test_the_pipeline_chooses_by_date(make_yaml, tmp_path):
    output = tmp_path / "tb.docx"
    pipeline.render_file(make_yaml(dated("01/12/2026")), output, today=TODAY)
    assert _body(docx.Document(str(output)))[-1].text == "Thường trực Tỉnh ủy đã kết luận."


# ------------------------------------------------------------------------------------------------ end mark

@pytest.mark.parametrize(("day", "override", "ending"), [
    ("12/4/2021", None, "kết luận./."),
    ("12/4/2021", ".", "kết luận."),
    ("01/12/2026", None, "kết luận."),
    ("01/12/2026", "./.", "kết luận./."),
])
def test_a_document_may_give_its_own_end_mark(make_yaml, day, override, ending):
    text = dated(day)
    if override:
        text += f'dau_ket_thuc: "{override}"\n'
    document = _render_as_chosen(make_yaml(text))
    assert _body(document)[-1].text.endswith(ending)
    assert not _body(document)[-1].text.endswith("." + ending)


def test_only_the_two_end_marks_are_accepted():
    data = yaml.safe_load(MINIMAL_YAML) | {"dau_ket_thuc": "./"}
    with pytest.raises(ValueError):
        Document.model_validate(data)


def test_a_plain_full_stop_mark_does_not_flag_every_sentence(make_yaml):
    text = MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đã kết luận.",
                                "  mo_dau:\n    - Câu một.\n    - Câu hai./.\n    - Câu ba.")
    findings = lint.lint(reader.prepare(make_yaml(text + 'dau_ket_thuc: "."\n')), today=dt.date(2010, 8, 1))
    assert not [p for p in findings if p.code == "VB141"]
    findings = lint.lint(reader.prepare(make_yaml(text)), today=dt.date(2010, 8, 1))
    assert [p.line for p in findings if p.code == "VB141"] == [12]


def test_a_collective_never_signs_for_the_head_under_hd05(make_yaml):
    text = MINIMAL_YAML.replace("loai: thong-bao-ket-luan", "loai: thong-bao-ket-luan\nhe_thong: dang-2026")
    text = text.replace("  chuc_vu: Chánh Văn phòng", "  quyen_han: K/T\n  thay_mat: Tỉnh ủy\n  chuc_vu: Phó Bí thư")
    findings = lint.lint(reader.prepare(make_yaml(text)), today=dt.date(2010, 8, 1))
    assert [p.code for p in findings if p.code == "VB122"] == ["VB122"]


# ------------------------------------------------------------------------------------------------ meeting days

@pytest.mark.parametrize(("typed", "printed", "first", "last"), [
    ("09/4/2021", "09/4/2021", dt.date(2021, 4, 9), dt.date(2021, 4, 9)),
    ("9/4/2021", "09/4/2021", dt.date(2021, 4, 9), dt.date(2021, 4, 9)),
    ("09 và 10/10/2018", "09 và 10/10/2018", dt.date(2018, 10, 9), dt.date(2018, 10, 10)),
    ("8, 9 và 10/10/2018", "08, 09 và 10/10/2018", dt.date(2018, 10, 8), dt.date(2018, 10, 10)),
    ("09-10/10/2018", "09-10/10/2018", dt.date(2018, 10, 9), dt.date(2018, 10, 10)),
    ("9 - 11/10/2018", "09-11/10/2018", dt.date(2018, 10, 9), dt.date(2018, 10, 11)),
    ("30/9 - 02/10/2018", "30/9 - 02/10/2018", dt.date(2018, 9, 30), dt.date(2018, 10, 2)),
    ("30/9–2/10/2018", "30/9 - 02/10/2018", dt.date(2018, 9, 30), dt.date(2018, 10, 2)),
    ("30/12/2018 - 02/01/2019", "30/12/2018 - 02/01/2019", dt.date(2018, 12, 30), dt.date(2019, 1, 2)),
    (["10/10/2018", "09/10/2018"], "09 và 10/10/2018", dt.date(2018, 10, 9), dt.date(2018, 10, 10)),
    (["30/9/2018", "01/10/2018"], "30/9 và 01/10/2018", dt.date(2018, 9, 30), dt.date(2018, 10, 1)),
    (dt.date(2018, 10, 9), "09/10/2018", dt.date(2018, 10, 9), dt.date(2018, 10, 9)),
])
def test_meeting_days_as_people_write_them(typed, printed, first, last):
    days = Meeting(ngay=typed).ngay
    assert (days.text(), days.first, days.last) == (printed, first, last)
    assert Meeting(ngay=days.text()).ngay == days, "the printed form reads back the same"


@pytest.mark.parametrize(("typed", "message"), [
    ("10-09/10/2018", "ngày kết thúc phải sau ngày bắt đầu"),
    ("31/9 - 02/10/2018", "không có trên lịch"),
    ("tuần trước", "không phải ngày họp"),
])
def test_a_wrong_meeting_day_is_refused(typed, message):
    with pytest.raises(ValueError, match=message):
        Meeting(ngay=typed)


MEETING = ("noi_dung:\n  mo_dau: Thường trực Tỉnh ủy đã kết luận.\n",
           "hoi_nghi:\n  ten: hội nghị\n  ngay: {days}\nnoi_dung:\n  mo_dau: Ngày {{hoi_nghi.ngay}}, Thường trực Tỉnh "
           "ủy tổ chức {{hoi_nghi.ten}} và kết luận.\n")


def _with_meeting(days: str, day: str) -> str:
    return dated(day).replace(MEETING[0], MEETING[1].format(days=days))


def test_a_two_day_meeting_checks_clean_and_prints_as_written(make_yaml):
    source = make_yaml(_with_meeting("09 và 10/10/2018", "12/10/2018"))
    prepared = reader.prepare(source)
    findings = lint.lint(prepared, today=dt.date(2018, 10, 15))
    assert not [p for p in findings if p.code in {"VB112", "VB113", "VB163", "VB165"}], findings
    assert placeholders.meeting_values(prepared.document)["ngay"] == "09 và 10/10/2018"
    document = _render_as_chosen(source, today=dt.date(2018, 10, 15))
    assert _body(document)[0].text == "Ngày 09 và 10/10/2018, Thường trực Tỉnh ủy tổ chức hội nghị và kết luận./."


@pytest.mark.parametrize(("days", "day", "codes"), [
    ("09-13/10/2018", "12/10/2018", {"VB112"}),             # the notice before the meeting's last day
    ("30/9 - 02/10/2018", "02/10/2018", set()),            # on the last day
    ("[09/10/2018, 10/10/2018]", "12/10/2018", set()),
    ("09 và 10/10/2017", "12/10/2018", {"VB113", "VB163"}),  # a year before
])
def test_the_date_rules_read_the_meeting_s_last_day(make_yaml, days, day, codes):
    findings = lint.lint(reader.prepare(make_yaml(_with_meeting(days, day))), today=dt.date(2018, 10, 15))
    assert {p.code for p in findings if p.code in {"VB112", "VB113", "VB163"}} == codes
