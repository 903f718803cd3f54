"""`vanban import`: every bundled example survives DOCX → YAML → DOCX with the same words in order, the same
numbering labels, header, recipients and signature; the seed texts import into drafts that check clean and print
the seed's words."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from generator import pipeline
from generator.cycle import carry
from generator.errors import InputError
from generator.importing import import_file, summary_lines, write_draft
from tests.conftest import EXAMPLES, SEEDS, reading_text
from tests.test_seeds import find_run, seed_lines, tokens

LABEL = re.compile(r"^(?:[IVX]+|\d+(?:\.\d+)*|[a-zđ])[.\-)/]\s")


def line_recall(source_lines: list[list[str]], document_tokens: list[str]) -> float:
    """The seed test's measure as a share: lines of the source found unbroken, in order, in the document."""
    position, found = 0, 0
    for line in source_lines:
        end = find_run(document_tokens, line, position)
        if end != -1:
            found, position = found + 1, end
    return found / len(source_lines) if source_lines else 1.0


def document_tokens(path: Path) -> list[str]:
    """The words of a DOCX as they read: a non-breaking hyphen (kept in document symbols) is a hyphen."""
    return tokens(reading_text(docx.Document(str(path))).replace("\u2011", "-"))


def import_and_render(source: Path, folder: Path) -> tuple[Path, Path]:
    result = import_file(source)
    draft = folder / f"{source.stem}.yaml"
    write_draft(result, draft)
    _, problems = pipeline.check_file(draft)
    assert not [p for p in problems if p.is_error], "\n".join(map(str, problems)) + "\n" + result.text
    target = folder / f"{source.stem}.again.docx"
    pipeline.render_file(draft, target)
    return draft, target


def paragraphs_by_style(path: Path, prefix: str) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in _all_paragraphs(document) if p.style.name.startswith(prefix)]


def _all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def labels_of(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [m.group().strip() for p in document.paragraphs if (m := LABEL.match(p.text))]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem[:3])
def test_example_round_trip_keeps_every_word_in_order(rendered, example, tmp_path):
    original = rendered[example.stem[:3]]
    _, again = import_and_render(original, tmp_path)
    before, after = document_tokens(original), document_tokens(again)
    assert after == before
    assert labels_of(again) == labels_of(original)
    for style in ("VB Cơ quan", "VB Số ký hiệu", "VB Địa danh ngày", "VB Tên loại", "VB Trích yếu",
                  "VB Nơi nhận", "VB Quyền hạn ký", "VB Chức vụ người ký", "VB Họ tên người ký", "VB Kính gửi",
                  "VB Phụ lục"):
        assert paragraphs_by_style(again, style) == paragraphs_by_style(original, style), style


@pytest.mark.parametrize("number", ["000", "001", "002"])
def test_seed_text_imports_into_a_clean_draft_with_the_seed_words(number, tmp_path):
    (seed,) = SEEDS.glob(f"{number}_*.txt")
    _, again = import_and_render(seed, tmp_path)
    recall = line_recall(seed_lines(number), document_tokens(again))
    assert recall >= 0.99


def test_seed_recognition_finds_the_parts_and_the_closing():
    (seed,) = SEEDS.glob("001_*.txt")
    text = import_file(seed).text
    assert "danh_so: [I., '1.', 1.1.]" in text
    assert "  ket_qua:\n    tieu_de: Về kết quả thực hiện nhiệm vụ quý I/2021" in text
    assert "  kien_nghi:\n    tieu_de: Đối với các kiến nghị, đề xuất" in text
    assert "  - noi: Thường trực Tỉnh ủy\n    ghi_chu: b/c" in text
    assert "luu: Văn Phòng Tỉnh ủy" in text
    assert "nguoi_ky:\n  chuc_vu: TRƯỞNG BAN\n  ho_ten: Võ Thanh An" in text
    assert "# kiểm tra:" in text  # the missing header is marked for the secretary


def test_import_never_overwrites(tmp_path):
    (seed,) = SEEDS.glob("000_*.txt")
    target = tmp_path / "tb.yaml"
    target.write_text("cũ", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        write_draft(import_file(seed), target)
    assert "VB021" in str(caught.value)
    assert target.read_text(encoding="utf-8") == "cũ"


@pytest.mark.parametrize("name, content, code", [
    ("hong.docx", b"not a zip", "VB009"),
    ("cu.doc", b"\xd0\xcf\x11\xe0", "VB009"),
    ("rong.docx", b"", "VB009"),
    ("latin.txt", "Thông báo".encode("cp1258", errors="replace") + b"\xff\xfe", "VB003"),
])
def test_unreadable_input_is_a_vietnamese_problem(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        import_file(path)
    (problem,) = caught.value.problems
    assert problem.code == code and problem.line >= 1 and problem.is_error


def test_an_imported_notice_is_a_carry_away_from_the_next_one(tmp_path):
    (seed,) = SEEDS.glob("001_*.txt")
    draft = tmp_path / "tb-quy-i-2021.yaml"
    write_draft(import_file(seed), draft)
    carried = carry.carry(draft)
    assert carried.period.text() == "quý II/2021"
    assert carried.reviewed == 19  # every numbered task of quý I is to be reviewed
    assert "ky: quý II/2021" in carried.text


def test_summary_names_the_parts_in_vietnamese():
    (seed,) = SEEDS.glob("000_*.txt")
    lines = summary_lines(import_file(seed))
    assert lines[0].startswith("độ tin cậy: ") and "kết quả 90%" in lines[0] and "người ký 20%" in lines[0]
    assert "cần kiểm tra — nguoi_ky.ho_ten: không thấy họ tên người ký — hãy ghi họ tên thật" in lines


def test_a_missing_file_is_said_so(tmp_path):
    with pytest.raises(InputError) as caught:
        import_file(tmp_path / "khong-co.docx")
    assert "không có tệp hay thư mục này" in str(caught.value)
