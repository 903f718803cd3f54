"""Every example in examples/, whatever its kind and rulebook, against the rulebook profile it names.

Expected values are read from the profile (`generator.rulebook.load`) and from the example's YAML as typed (read
with plain `yaml.safe_load`, not through the tool), never from the tool's layout: the page, every style used,
the header, the number and date lines, the signature, the recipients, the page number, the end mark. Then what
each kind adds (Kết luận, Báo cáo, Kế hoạch, Công văn), the optional marks, and the Party and State versions of
one kind side by side: they differ exactly where the two profiles differ.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from generator import inline, rulebook
from generator.rulebook import Component, Rulebook
from generator.styles import ParagraphStyle, Style
from generator.template_builder import PAGE_NUMBER_STYLE
from tests.conftest import EXAMPLES, style_value

TWIPS_PER_MM = 1440 / 25.4
TASK_COLUMNS = ["TT", "Nội dung", "Đơn vị chủ trì", "Thời hạn"]
STYLES: dict[str, ParagraphStyle] = {s.value.name: s.value for s in Style} | {PAGE_NUMBER_STYLE.name: PAGE_NUMBER_STYLE}


# ------------------------------------------------------------------------------------------------ reading


@dataclass
class Example:
    """One example: its YAML as typed, its profile, its rendered DOCX."""

    path: Path
    docx_path: Path

    @cached_property
    def data(self) -> dict[str, Any]:
        return yaml.safe_load(self.path.read_text(encoding="utf-8"))

    @property
    def number(self) -> str:
        return self.path.stem[:3]

    @property
    def kind(self) -> str:
        return self.data["loai"]

    @cached_property
    def book(self) -> Rulebook:
        return rulebook.load(self.data.get("he_thong", "dang"))

    @property
    def letter(self) -> bool:
        return self.book.loai_van_ban[self.kind].cong_van

    @property
    def document(self) -> WordDocument:
        return _open(str(self.docx_path))

    @property
    def header(self) -> Table:
        return self.document.tables[0]

    @cached_property
    def closing(self) -> Table:
        """The recipients | signature table (appendix tables may follow it)."""
        label = self.book.noi_nhan.nhan
        return next(t for t in self.document.tables if t.cell(0, 0).paragraphs[0].text == label)

    def recipient_lines(self) -> list[Paragraph]:
        return [p for p in self.closing.cell(0, 0).paragraphs if p.style.name == Style.RECIPIENT.value.name]

    def body_paragraphs(self) -> list[Paragraph]:
        """Top-level paragraphs with text between the header table and the closing table."""
        body = self.document.element.body
        children = list(body.iterchildren())
        start = children.index(self.header._tbl) + 1
        end = children.index(self.closing._tbl)
        return [Paragraph(c, self.document) for c in children[start:end]
                if c.tag == qn("w:p") and Paragraph(c, self.document).text.strip()]

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph: body, tables, page headers and footers."""
        for element in self.document.element.body.iter(qn("w:p")):
            yield Paragraph(element, self.document)
        section = self.document.sections[0]
        for part in (section.header, section.first_page_header, section.first_page_footer):
            yield from part.paragraphs

    def styled(self, style: Style) -> list[Paragraph]:
        return [p for p in self.paragraphs() if p.style.name == style.value.name]


@functools.lru_cache(maxsize=None)
def _open(path: str) -> WordDocument:
    """Each rendered DOCX is opened once per session: the tests only read it."""
    return docx.Document(path)


@pytest.fixture(params=EXAMPLES, ids=lambda p: p.stem[:3])
def example(request, rendered) -> Example:
    return Example(request.param, rendered[request.param.stem[:3]])


def examples_of(*kinds: str) -> list:
    """The examples of the given kinds, as pytest parameters."""
    chosen = [p for p in EXAMPLES if yaml.safe_load(p.read_text(encoding="utf-8"))["loai"] in kinds]
    assert chosen, f"no example of kind {kinds}"
    return [pytest.param(p, id=p.stem[:3]) for p in chosen]


def by_number(rendered, number: str) -> Example:
    (path,) = [p for p in EXAMPLES if p.stem.startswith(number)]
    return Example(path, rendered[number])


# ------------------------------------------------------------------------------------------------ helpers


def typed_date(text: str) -> tuple[int, int, int]:
    day, month, year = (int(part) for part in str(text).split("/"))
    return day, month, year


def padded(day: int, month: int) -> tuple[str, str]:
    """The padding rule: days below 10 and months 1–2 take a leading zero (spec §1.5, §2.5)."""
    return f"{day:02d}", (f"{month:02d}" if month <= 2 else str(month))


def effective(style, read):
    return style_value(style, read)


def component_of(style_name: str, book: Rulebook) -> Component:
    spec = STYLES[style_name]
    if spec.header_line:
        index = {Style.HEADER_1.value.name: 0, Style.HEADER_2.value.name: 1}[style_name]
        return book.thanh_phan[book.tieu_de[index].thanh_phan]
    return book.thanh_phan[spec.component]


def expected_look(style_name: str, book: Rulebook) -> dict[str, Any]:
    """(size pt, bold, italic, underline) the profile gives the component of a style."""
    spec = STYLES[style_name]
    if spec is PAGE_NUMBER_STYLE:
        return {"size": book.trang.so_trang_co_chu, "bold": False, "italic": False, "underline": False}
    component = component_of(style_name, book)
    return {"size": component.co_chu, "bold": spec.bold if spec.bold is not None else component.dam,
            "italic": component.nghieng, "underline": component.gach_chan}


def actual_look(style) -> dict[str, Any]:
    size = effective(style, lambda s: s.font.size)
    return {"size": size.pt if size is not None else None,
            "bold": bool(effective(style, lambda s: s.font.bold)),
            "italic": bool(effective(style, lambda s: s.font.italic)),
            "underline": bool(effective(style, lambda s: s.font.underline))}


def has_border(paragraph_or_style_element, *edges: str) -> bool:
    p_pr = paragraph_or_style_element.find(qn("w:pPr"))
    borders = p_pr.find(qn("w:pBdr")) if p_pr is not None else None
    if borders is None:
        return False
    return all(borders.find(qn(f"w:{edge}")) is not None
               and borders.find(qn(f"w:{edge}")).get(qn("w:val")) == "single" for edge in edges)


def style_has_border(style, *edges: str) -> bool:
    while style is not None:
        if has_border(style.element, *edges):
            return True
        style = style.base_style
    return False


def pattern_regex(template: str) -> re.Pattern:
    """A profile pattern such as "Số {so}-{ma_loai}/{co_quan}" as a regex with one named group per field."""
    pieces = re.split(r"(\{\w+\})", template)
    return re.compile("".join(f"(?P<{p[1:-1]}>.+?)" if p.startswith("{") else re.escape(p) for p in pieces))


def number_fields(example: Example) -> dict[str, str]:
    """What the number line must hold, from the YAML and the profile."""
    pattern = example.book.so_ky_hieu
    so = example.data.get("so")
    issuer = example.data["co_quan"]
    fields = {"so": str(so).zfill(pattern.so_chu_so_toi_thieu) if so else pattern.cho_trong,
              "co_quan": issuer["viet_tat"]}
    code = example.book.loai_van_ban[example.kind].ma
    if code is None:
        fields["don_vi"] = issuer["don_vi"]
    else:
        fields["ma_loai"] = code
    return fields


def number_template(example: Example) -> str:
    pattern = example.book.so_ky_hieu
    return pattern.mau if example.book.loai_van_ban[example.kind].ma else pattern.mau_khong_ma_loai


def expected_number_line(example: Example) -> str:
    return number_template(example).format(**number_fields(example))


def summary_lines(example: Example) -> list[str]:
    lines = example.data["trich_yeu"]
    return [lines] if isinstance(lines, str) else list(lines)


def find_tables(node: Any) -> Iterator[dict]:
    """Every `bang:` typed anywhere in the YAML."""
    if isinstance(node, dict):
        if set(node) == {"bang"}:
            yield node["bang"]
        for value in node.values():
            yield from find_tables(value)
    elif isinstance(node, list):
        for value in node:
            yield from find_tables(value)


def column(spec: Any) -> dict:
    return {"ten": spec, "kieu": "chu"} if isinstance(spec, str) else {"kieu": "chu", **spec}


def vietnamese_number(text: str) -> float:
    cleaned = text.strip().rstrip("%")
    return float(cleaned.replace(".", "").replace(",", "."))


def vietnamese_text(value: float, percent: bool = False) -> str:
    """2668 → 2.668, 92.5 → 92,5 (+ % for a percentage): the test's own formatter."""
    if float(value).is_integer():
        text = f"{int(value):,}".replace(",", ".")
    else:
        whole, fraction = f"{value:.2f}".rstrip("0").split(".")
        text = f"{int(whole):,}".replace(",", ".") + "," + fraction
    return text + ("%" if percent else "")


def word_table_rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def docx_table_with_header(example: Example, names: list[str]) -> Table:
    for element in example.document.element.body.iter(qn("w:tbl")):
        table = Table(element, example.document)
        if [c.text for c in table.rows[0].cells] == names:
            return table
    raise AssertionError(f"{example.number}: no table with the columns {names}")


def text_width_twips(book: Rulebook) -> float:
    page = book.trang
    return (page.rong_mm - page.le_trai_mm - page.le_phai_mm) * TWIPS_PER_MM


def authority_line(example: Example) -> str | None:
    cell = example.closing.cell(0, 1).paragraphs
    return cell[0].text if cell[0].style.name == Style.AUTHORITY.value.name else None


# ------------------------------------------------------------------------------ every example, every rule


def test_page_size_and_margins_come_from_the_profile(example):
    page = example.book.trang
    section = example.document.sections[0]
    assert round(section.page_width.mm) == page.rong_mm and round(section.page_height.mm) == page.cao_mm
    assert (round(section.top_margin.mm, 1), round(section.bottom_margin.mm, 1), round(section.left_margin.mm, 1),
            round(section.right_margin.mm, 1)) == (page.le_tren_mm, page.le_duoi_mm, page.le_trai_mm, page.le_phai_mm)


def test_every_paragraph_style_used_has_the_profiles_font_size_and_emphasis(example):
    book = example.book
    used = {}
    for paragraph in example.paragraphs():
        if paragraph.text.strip():
            assert paragraph.style.name in STYLES, f"{example.number}: {paragraph.text!r} is in {paragraph.style.name}"
        if paragraph.style.name in STYLES:
            used.setdefault(paragraph.style.name, paragraph)
        for run in paragraph.runs:
            assert run.font.size is None and run.font.name is None, \
                f"{example.number}: a run of {paragraph.text!r} sets its own size or font"
    assert len(used) >= 15
    for name, paragraph in used.items():
        style = paragraph.style
        assert effective(style, lambda s: s.font.name) == book.phong_chu, f"{example.number}: {name}"
        assert actual_look(style) == expected_look(name, book), f"{example.number}: {name}"


def test_header_right_column_is_the_profiles_title_lines_with_their_rule(example):
    titles = example.header.cell(0, 1).paragraphs
    assert [p.text for p in titles] == [line.chu for line in example.book.tieu_de]
    for line, paragraph in zip(example.book.tieu_de, titles):
        assert has_border(paragraph._p, "bottom") is line.gach_duoi, f"{example.number}: {line.chu}"


def test_issuer_and_the_mark_under_it(example):
    left = example.header.cell(0, 0).paragraphs
    issuer = example.data["co_quan"]
    expected = ([issuer["cap_tren"].upper()] if issuer.get("cap_tren") else []) + [issuer["ten"].upper()]
    assert [p.text for p in left[:-1]] == expected
    mark = example.book.duoi_co_quan
    if mark.chu is not None:
        assert left[-1].text == mark.chu
    else:  # a short solid rule: an empty paragraph with a bottom border
        assert left[-1].text == "" and has_border(left[-1]._p, "bottom")


def test_number_line_matches_the_rulebooks_pattern(example):
    line = example.header.cell(1, 0).paragraphs[0]
    assert line.style.name == Style.NUMBER.value.name
    match = pattern_regex(number_template(example)).fullmatch(line.text)
    assert match, f"{example.number}: {line.text!r} does not follow {number_template(example)!r}"
    assert match.groupdict() == number_fields(example)
    if example.data.get("so"):  # rules 7 and 8 of spec §4
        party = r"Số \d{2,}-[A-ZĐa-zđ]+/[A-ZĐ0-9]+"
        state = r"Số: \d{2,}/[A-ZĐa-zđ]+(-[A-ZĐ0-9]+)+"
        assert re.fullmatch(party if example.book.ma == "dang" else state, line.text), line.text


@pytest.mark.parametrize(("number", "line"), [
    ("000", "Số 970-TB/TU"), ("010", "Số 215-KL/TU"), ("011", "Số 125-BC/BDVTU"), ("012", "Số      -KH/TU"),
    ("013", "Số 246-CV/TU"), ("020", "Số: 12/TB-VPUBND"), ("021", "Số: 215/BC-UBND"), ("022", "Số: 86/KH-UBND"),
    ("023", "Số: 05/UBND-VX"),
])
def test_number_lines_as_written_by_hand(rendered, number, line):
    assert by_number(rendered, number).header.cell(1, 0).paragraphs[0].text == line


def test_date_line_follows_the_padding_rule(example):
    line = example.header.cell(1, 1).paragraphs[0]
    assert line.style.name == Style.PLACE_DATE.value.name
    place = example.data["dia_danh"]
    if example.data.get("ngay"):
        day, month, year = typed_date(example.data["ngay"])
        day_text, month_text = padded(day, month)
        assert line.text == f"{place}, ngày {day_text} tháng {month_text} năm {year}"
        assert re.fullmatch(rf"{re.escape(place)}, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{{4}}",
                            line.text)
    else:
        blank = example.book.ngay_thang.cho_trong
        assert line.text == f"{place}, ngày{blank}tháng{blank}năm {example.data['nam']}"


def test_signature_authority_starts_with_a_prefix_the_profile_allows(example):
    signer = example.data["nguoi_ky"]
    lines = [p.text for p in example.closing.cell(0, 1).paragraphs]
    assert lines[-1] == signer["ho_ten"]
    assert lines[-2].endswith(signer["chuc_vu"].upper())
    other = rulebook.load("nha-nuoc" if example.book.ma == "dang" else "dang")
    foreign = [p for p in other.quyen_han_ky if p not in example.book.quyen_han_ky]
    authority = authority_line(example)
    if signer.get("quyen_han") and signer.get("thay_mat"):
        prefix, _, rest = authority.partition(" ")
        assert prefix == signer["quyen_han"] and prefix in example.book.quyen_han_ky
        assert rest == signer["thay_mat"].upper()
    else:
        assert authority is None
    assert not any(line.startswith(p + " ") for line in lines for p in foreign), lines


def test_recipients_start_with_a_dash_share_one_line_end_and_end_with_the_archive_line(example):
    rules = example.book.noi_nhan
    label = example.closing.cell(0, 0).paragraphs[0]
    assert label.text == rules.nhan and label.style.name == Style.RECIPIENTS_LABEL.value.name
    lines = [p.text for p in example.recipient_lines()]
    assert len(lines) >= 2 and all(line.startswith(rules.dau_dong) for line in lines)
    separator = example.data.get("dau_cuoi_dong") or rules.dau_cuoi_dong
    assert separator in rules.dau_cuoi_dong_cho_phep
    assert {line[-1] for line in lines[:-1]} == {separator}, lines
    place = example.data.get("luu") or example.data["co_quan"].get("don_vi") or rules.noi_luu_mac_dinh
    assert lines[-1] == rules.dau_dong + rules.mau_luu.format(noi_luu=place).rstrip(", ") + rules.dau_cuoi
    archive_form = {"dang": r"- Lưu [^:]+\.", "nha-nuoc": r"- Lưu: VT(, [A-ZĐ0-9]+)*\."}[example.book.ma]
    assert re.fullmatch(archive_form, lines[-1]), lines[-1]
    if example.book.ma == "dang":
        assert "VT" not in lines[-1].split()


def test_page_number_field_from_page_two(example):
    section = example.document.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml
    assert round(section.header_distance.mm, 1) == example.book.trang.so_trang_cach_mep_mm
    number = section.header.paragraphs[0].style
    assert effective(number, lambda s: s.font.size).pt == example.book.trang.so_trang_co_chu


def test_body_ends_with_the_end_mark_once(example):
    mark = example.book.ket_thuc_noi_dung
    last = example.body_paragraphs()[-1].text
    assert last.endswith(mark), last
    assert not last[:-len(mark)].endswith((".", mark)), f"{example.number}: the end mark is doubled: {last[-12:]!r}"


def test_every_table_stays_inside_the_margins(example):
    for element in example.document.element.body.iter(qn("w:tbl")):
        grid = [int(c.get(qn("w:w"))) for c in element.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
        limit = text_width_twips(example.book) + len(grid) / 2  # each column's width rounded to a twip
        width = element.find(qn("w:tblPr")).find(qn("w:tblW"))
        assert sum(grid) <= limit and int(width.get(qn("w:w"))) <= limit, f"{example.number}: {sum(grid)} > {limit}"


# ------------------------------------------------------------------------------------------------ per kind


@pytest.mark.parametrize("path", examples_of("ket-luan"))
def test_ket_luan_carries_the_conference_lines_and_numbered_recommendations(path, rendered):
    example = Example(path, rendered[path.stem[:3]])
    kind = example.book.loai_van_ban["ket-luan"]
    body = example.body_paragraphs()
    kind_line = next(p for p in example.paragraphs() if p.style.name == Style.KIND_NAME.value.name)
    assert kind_line.text == kind.ten_loai == "KẾT LUẬN"
    summary = [p.text for p in example.styled(Style.SUMMARY)]
    assert summary == summary_lines(example)
    assert summary[0].startswith("HỘI NGHỊ LẦN THỨ") and summary[1].startswith("BAN CHẤP HÀNH ĐẢNG BỘ")
    assert any(line.startswith("về ") for line in summary[2:]), "the subject line starts with lower-case “về”"
    # Parts with a title are numbered at level 1 ("3."), their items at level 2 ("3.1.").
    assert example.data["danh_so"][1] == "1.1."
    recommendations = example.data["noi_dung"]["kien_nghi"]
    heading = next(p for p in body if p.text.endswith(" " + recommendations["tieu_de"]))
    assert heading.style.name == Style.HEADING.value.name
    part_number = heading.text.split()[0].rstrip(".")
    items = [node for node in recommendations["noi_dung"]
             if isinstance(node, dict) and set(node) not in ({"gach_dau_dong"}, {"bang"})]
    texts = [p.text for p in body]
    position = texts.index(heading.text)
    for index, item in enumerate(items, start=1):
        label = f"{part_number}.{index}. {item['tieu_de']}"
        assert label in texts[position:], f"{example.number}: no {label!r}"
        at = texts.index(label, position)
        assert body[at].style.name == Style.HEADING.value.name
        for offset, bullet in enumerate(item["gach_dau_dong"], start=1):
            assert body[at + offset].text.startswith(example.book.gach_dau_dong + " ")
            assert inline.plain(bullet)[:30] in body[at + offset].text
            assert body[at + offset].style.name == Style.BULLET.value.name
        position = at


def test_the_tinh_uy_ket_luan_reads_3_1_and_3_2(rendered):
    texts = [p.text for p in by_number(rendered, "010").body_paragraphs()]
    for start in ("1. Về kết quả đạt được", "2. Về nhiệm vụ, giải pháp", "2.1. Tăng cường sự lãnh đạo",
                  "3. Kiến nghị, đề xuất", "3.1. Đối với Ban Bí thư", "3.2. Đối với Ban Dân vận Trung ương"):
        assert any(t.startswith(start) for t in texts), start
    assert not any(t.startswith("4.") for t in texts)


@pytest.mark.parametrize("path", examples_of("bao-cao"))
def test_bao_cao_tables_repeat_their_header_print_vietnamese_numbers_and_total(path, rendered):
    example = Example(path, rendered[path.stem[:3]])
    typed_tables = list(find_tables(example.data))
    assert typed_tables, f"{example.number}: a báo cáo example should have a table"
    for typed in typed_tables:
        columns = [column(c) for c in typed["cot"]]
        table = docx_table_with_header(example, [c["ten"] for c in columns])
        header_row = table.rows[0]._tr
        assert header_row.trPr.find(qn("w:tblHeader")) is not None, "the header row repeats on every page"
        assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
        rows = word_table_rows(table)[1:]
        assert len(rows) == len(typed["dong"]) + (1 if typed.get("tong") else 0)
        for typed_row, row, word_row in zip(typed["dong"], rows, table.rows[1:]):
            for spec, value, cell_text, cell in zip(columns, typed_row, row, word_row.cells):
                if spec["kieu"] == "chu":
                    assert cell_text == value
                else:
                    assert cell_text == vietnamese_text(vietnamese_number(value), spec["kieu"] == "phan_tram")
                    assert cell.paragraphs[0].style.name == Style.TABLE_NUMBER.value.name
        if typed.get("tong"):
            totals = rows[-1]
            assert totals[0] == typed["tong"]
            for index, spec in enumerate(columns[1:], start=1):
                if spec["kieu"] == "so":
                    total = sum(vietnamese_number(r[index]) for r in typed["dong"] if r[index])
                    assert totals[index] == vietnamese_text(total)
                else:
                    assert totals[index] == ""
        if typed.get("tieu_de"):
            caption = Paragraph(table._tbl.getprevious(), example.document)
            assert caption.text == typed["tieu_de"]


def test_the_party_bao_cao_prints_the_figures_of_seed_003(rendered):
    table = docx_table_with_header(by_number(rendered, "011"), ["Lĩnh vực", "Mô hình tập thể", "Điển hình cá nhân"])
    rows = word_table_rows(table)
    assert ["Xây dựng hệ thống chính trị", "913", "1.132"] in rows
    assert rows[-1] == ["Tổng cộng", "2.668", "1.694"]  # the article says 1.994; its four fields add up to 1.694


@pytest.mark.parametrize("path", examples_of("ke-hoach"))
def test_ke_hoach_task_table(path, rendered):
    example = Example(path, rendered[path.stem[:3]])
    table = docx_table_with_header(example, TASK_COLUMNS)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    tasks = [node for node in example.data["noi_dung"]["nhiem_vu"]["noi_dung"] if isinstance(node, dict)]
    assert example.data["noi_dung"]["nhiem_vu"]["bang_nhiem_vu"] is True
    rows = word_table_rows(table)[1:]
    assert len(rows) == len(tasks)
    level_two = (example.data.get("danh_so") or example.book.danh_so_mac_dinh)[1]
    for number, (task, (label, content, unit, deadline)) in enumerate(zip(tasks, rows), start=1):
        assert label == f"{number}{level_two[-1]}"
        assert content == " ".join(task["noi_dung"].split())
        units = task["don_vi"]
        assert unit == (units if isinstance(units, str) else ", ".join(units))
        day, month, year = typed_date(task["han"])
        day_text, month_text = padded(day, month)
        assert deadline == f"{day_text}/{month_text}/{year}"
        assert re.fullmatch(r"(0[1-9]|[12]\d|3[01])/(0[12]|[3-9]|1[0-2])/\d{4}", deadline)


def test_deadlines_as_written_by_hand(rendered):
    rows = word_table_rows(docx_table_with_header(by_number(rendered, "012"), TASK_COLUMNS))
    assert [row[3] for row in rows[1:]] == ["15/3/2024", "31/3/2024", "30/6/2024", "15/12/2024"]
    rows = word_table_rows(docx_table_with_header(by_number(rendered, "022"), TASK_COLUMNS))
    assert rows[1][3] == "28/02/2025" and rows[2][3] == "30/6/2025"


@pytest.mark.parametrize("path", examples_of("ke-hoach"))
def test_ke_hoach_appendices_start_a_page_with_number_title_and_pointer(path, rendered):
    example = Example(path, rendered[path.stem[:3]])
    appendices = example.data["phu_luc"]
    assert len(appendices) == 2
    roman = example.book.phu_luc.danh_so == "I"
    numbers = example.styled(Style.APPENDIX_NUMBER)
    assert [p.text for p in numbers] == (["Phụ lục I", "Phụ lục II"] if roman else ["Phụ lục 1", "Phụ lục 2"])
    assert (example.book.ma == "nha-nuoc") is roman
    kind_name = example.book.loai_van_ban[example.kind].ten_loai.capitalize()
    symbol = re.sub(r"^Số:?\s*", "", expected_number_line(example))
    for number, typed in zip(numbers, appendices):
        assert effective(number.style, lambda s: s.paragraph_format.page_break_before) is True
        title = Paragraph(number._p.getnext(), example.document)
        pointer = Paragraph(title._p.getnext(), example.document)
        assert title.style.name == Style.APPENDIX_TITLE.value.name and title.text == typed["tieu_de"].upper()
        assert title.text == title.text.upper() and actual_look(title.style)["bold"]
        assert pointer.style.name == Style.APPENDIX_POINTER.value.name and actual_look(pointer.style)["italic"]
        assert pointer.text.startswith(f"(Kèm theo {kind_name} số ") and pointer.text.endswith(")")
        assert symbol in pointer.text
    children = list(example.document.element.body.iterchildren())
    assert children.index(example.closing._tbl) < children.index(numbers[0]._p)


@pytest.mark.parametrize("path", examples_of("cong-van"))
def test_cong_van_has_no_kind_line_and_its_summary_sits_under_the_number(path, rendered):
    example = Example(path, rendered[path.stem[:3]])
    book = example.book
    assert example.styled(Style.KIND_NAME) == [] and example.styled(Style.SUMMARY) == []
    assert not any(p.text.strip().upper() == "CÔNG VĂN" for p in example.paragraphs())
    left = example.header.cell(1, 0).paragraphs
    assert left[0].style.name == Style.NUMBER.value.name
    typed = summary_lines(example)
    summary = left[1:1 + len(typed)]
    assert all(p.style.name == Style.LETTER_SUMMARY.value.name for p in summary)
    assert [p.text for p in summary] == [book.tien_to_trich_yeu_cong_van + typed[0]] + typed[1:]
    look = actual_look(summary[0].style)
    component = book.thanh_phan["trich_yeu_cong_van"]
    assert (look["size"], look["italic"], look["bold"]) == (component.co_chu, component.nghieng, component.dam)
    if book.ma == "dang":  # HD 36: 12 italic, no "V/v"
        assert (look["size"], look["italic"]) == (12, True) and not summary[0].text.startswith("V/v")
    else:  # NĐ 30: "V/v …" 12 upright
        assert (look["size"], look["italic"]) == (12, False) and summary[0].text.startswith("V/v ")


@pytest.mark.parametrize("path", examples_of("cong-van"))
def test_cong_van_kinh_gui_block_and_nhu_tren(path, rendered):
    example = Example(path, rendered[path.stem[:3]])
    rules = example.book.noi_nhan
    addressees = example.data["kinh_gui"]
    addressees = [addressees] if isinstance(addressees, str) else addressees
    block = [p.text for p in example.body_paragraphs()
             if p.style.name in (Style.ADDRESSEE.value.name, Style.ADDRESSEE_LINE.value.name)]
    if len(addressees) == 1:
        assert block == [f"{example.book.kinh_gui} {addressees[0]}{rules.dau_cuoi}"]
    else:
        last_mark = ";"  # several addressees: "- …;" lines, the last ending in "." (spec §2.7)
        assert block == [example.book.kinh_gui] + [
            f"{rules.dau_dong}{a}{last_mark if i < len(addressees) - 1 else rules.dau_cuoi}"
            for i, a in enumerate(addressees)]
    body = example.body_paragraphs()
    assert body[0].text == block[0], "Kính gửi comes first, before the body"
    separator = example.data.get("dau_cuoi_dong") or rules.dau_cuoi_dong
    first = example.recipient_lines()[0].text
    assert first == f"{rules.dau_dong}{rules.nhu_tren}{separator}"
    assert first == {"dang": "- Như trên,", "nha-nuoc": "- Như trên;"}[example.book.ma]


# ------------------------------------------------------------------------------------------ optional marks


def test_urgency_and_secrecy_marks_stand_under_the_number(example):
    left = example.header.cell(1, 0).paragraphs
    marks = [p for p in left if p.style.name == Style.URGENCY.value.name and p.text]
    typed = [example.data[k].upper() for k in ("do_mat", "do_khan") if example.data.get(k)]
    assert [p.text for p in marks] == typed
    for mark in marks:
        assert mark.text in example.book.dau_khan + example.book.dau_mat
        assert [p._p for p in left].index(mark._p) > 0, "under the number"
        assert actual_look(mark.style) == expected_look(Style.URGENCY.value.name, example.book)


@pytest.mark.parametrize(("key", "style"), [("du_thao", Style.DRAFT_MARK), ("pham_vi_luu_hanh", Style.CIRCULATION)])
def test_draft_mark_and_circulation_note_stand_framed_above_the_header(example, key, style):
    marks = [p for p in example.styled(style) if p.text]
    if not example.data.get(key):
        assert marks == []
        return
    expected = example.data[key].upper() if key == "pham_vi_luu_hanh" else example.data[key]
    assert [p.text for p in marks] == [expected]
    children = list(example.document.element.body.iterchildren())
    assert children.index(marks[0]._p) < children.index(example.header._tbl)
    assert style_has_border(marks[0].style, "top", "left", "bottom", "right")
    if key == "du_thao":
        assert example.book.co_du_thao


def test_typist_line_under_the_archive_line(example):
    left = example.closing.cell(0, 0).paragraphs
    typist = [p for p in left if p.style.name == Style.TYPIST.value.name and p.text]
    typed = example.data.get("nguoi_danh_may")
    if not typed:
        assert typist == []
        return
    assert [p.text for p in typist] == [example.book.nguoi_danh_may.format(**typed)]
    assert re.fullmatch(r"[A-ZĐ]+\.\(\d+\)", typist[0].text)
    elements = [p._p for p in left]
    assert elements.index(typist[0]._p) == elements.index(example.recipient_lines()[-1]._p) + 1


def test_contact_footer_on_the_first_page_under_a_rule(example):
    footer = example.document.sections[0].first_page_footer
    lines = [p for p in footer.paragraphs if p.text]
    typed = example.data.get("lien_he") or []
    assert [p.text for p in lines] == typed
    for line in lines:
        assert line.style.name == Style.CONTACT.value.name
        assert style_has_border(line.style, "top")
        assert actual_look(line.style) == expected_look(Style.CONTACT.value.name, example.book)


def test_examples_cover_every_optional_mark():
    typed = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    for key in ("do_mat", "do_khan", "du_thao", "pham_vi_luu_hanh", "nguoi_danh_may", "lien_he", "phu_luc"):
        assert any(data.get(key) for data in typed), key
    kinds = {(data.get("he_thong", "dang"), data["loai"]) for data in typed}
    # Every kind of every system; a successor profile chosen by date (dang-2026) has tests of its own
    # (tests/test_rulebook_2026.py), the examples being older notices.
    for code in rulebook.index().he_thong:
        assert {(code, kind) for kind in rulebook.load(code).loai_van_ban} <= kinds, f"an example of every kind of {code}"


# --------------------------------------------------------------------------------- Party and State side by side

PAIRS = [("011", "021"), ("012", "022"), ("013", "023")]


@pytest.mark.parametrize(("party_number", "state_number"), PAIRS, ids=lambda n: n)
def test_party_and_state_versions_differ_exactly_where_the_profiles_differ(rendered, party_number, state_number):
    party, state = by_number(rendered, party_number), by_number(rendered, state_number)
    assert party.kind == state.kind and party.book.ma == "dang" and state.book.ma == "nha-nuoc"

    # Every style both documents use: a property differs in the documents iff it differs in the profiles.
    def used(example):
        return {p.style.name: p.style for p in example.paragraphs() if p.style.name in STYLES}
    party_styles, state_styles = used(party), used(state)
    common = sorted(set(party_styles) & set(state_styles))
    assert len(common) >= 15
    differences = set()
    for name in common:
        party_look, state_look = actual_look(party_styles[name]), actual_look(state_styles[name])
        party_rule, state_rule = expected_look(name, party.book), expected_look(name, state.book)
        for key in party_look:
            assert (party_look[key] != state_look[key]) == (party_rule[key] != state_rule[key]), (name, key)
            if party_look[key] != state_look[key]:
                differences.add((name, key))
    assert {("VB Nơi nhận (nhãn)", "size"), ("VB Nơi nhận (nhãn)", "bold"), ("VB Nơi nhận (nhãn)", "italic"),
            ("VB Nơi nhận (nhãn)", "underline"), ("VB Nơi nhận", "size"), ("VB Tiêu đề 1", "size")} <= differences
    assert ("VB Nội dung", "size") not in differences

    # The page is the same: both profiles give A4 with the same margins.
    for attribute in ("page_width", "page_height", "top_margin", "bottom_margin", "left_margin", "right_margin"):
        assert getattr(party.document.sections[0], attribute) == getattr(state.document.sections[0], attribute)

    # The texts the profiles fix.
    party_number_line = party.header.cell(1, 0).paragraphs[0].text
    state_number_line = state.header.cell(1, 0).paragraphs[0].text
    assert party_number_line.startswith("Số ") and not party_number_line.startswith("Số:")
    assert state_number_line.startswith("Số: ")
    assert [p.text for p in party.header.cell(0, 1).paragraphs] == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert [p.text for p in state.header.cell(0, 1).paragraphs] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                                     "Độc lập - Tự do - Hạnh phúc"]
    assert party.header.cell(0, 0).paragraphs[-1].text == "*" and state.header.cell(0, 0).paragraphs[-1].text == ""
    assert actual_look(party_styles["VB Nơi nhận (nhãn)"]) == {"size": 14, "bold": False, "italic": False,
                                                               "underline": True}
    assert actual_look(state_styles["VB Nơi nhận (nhãn)"]) == {"size": 12, "bold": True, "italic": True,
                                                               "underline": False}
    assert (actual_look(party_styles["VB Nơi nhận"])["size"], actual_look(state_styles["VB Nơi nhận"])["size"]) == (
        12, 11)
    assert party.recipient_lines()[-1].text.startswith("- Lưu ") and "VT" not in party.recipient_lines()[-1].text
    assert state.recipient_lines()[-1].text.startswith("- Lưu: VT")
    assert {line.text[-1] for line in state.recipient_lines()[:-1]} == {";"}
    for example in (party, state):
        authority = authority_line(example)
        if authority:
            assert authority.split()[0] in example.book.quyen_han_ky
    if not party.letter:
        assert party.styled(Style.SEPARATOR)[0].text == "-----"
        assert state.styled(Style.SEPARATOR)[0].text == "" and has_border(state.styled(Style.SEPARATOR)[0]._p, "bottom")
        assert party.styled(Style.SUMMARY)[0].text[0].islower()  # Party trích yếu starts "về …"/lower-case
        assert state.styled(Style.SUMMARY)[0].text[0].isupper()  # State: sentence case
