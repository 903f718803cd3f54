"""Shared fixtures: the bundled examples rendered once per session, and readers for what is inside a DOCX."""

from __future__ import annotations

import textwrap
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from generator import pipeline

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SEEDS = ROOT / "tests" / "seeds"  # copies of the real notices, so a clone stands alone

# The smallest valid notice; tests change one thing in it at a time.
MINIMAL_YAML = textwrap.dedent("""\
    loai: thong-bao-ket-luan
    co_quan:
      ten: Tỉnh ủy Bình Thuận
      viet_tat: TU
    so: "970"
    dia_danh: Phan Thiết
    ngay: 26/7/2010
    trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY
    noi_dung:
      mo_dau: Thường trực Tỉnh ủy đã kết luận.
    noi_nhan:
      - Sở Nội vụ
    nguoi_ky:
      chuc_vu: Chánh Văn phòng
      ho_ten: Lê Tấn Lai
    """)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example rendered into a temporary folder, by the seed number its name starts with."""
    out = tmp_path_factory.mktemp("rendered")
    result = {}
    for example in EXAMPLES:
        target = out / f"{example.stem}.docx"
        pipeline.render_file(example, target)
        result[example.stem[:3]] = target
    return result


@pytest.fixture
def make_yaml(tmp_path: Path):
    """Write YAML text to a file in a fresh folder and return its path."""
    def write(text: str, name: str = "van-ban.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture
def render_yaml(make_yaml, tmp_path: Path):
    """Render YAML text and return the opened DOCX."""
    def render(text: str) -> WordDocument:
        source = make_yaml(text)
        target = tmp_path / "out.docx"
        pipeline.render_file(source, target)
        return docx.Document(str(target))
    return render


def cell_paragraphs(table: Table, row: int, column: int) -> list[Paragraph]:
    return table.cell(row, column).paragraphs


def reading_text(document: WordDocument) -> str:
    """The text as a person reads it: body paragraphs in order; a table column by column, left to right
    (the header's left column — body, *, number — then its right column — title, date)."""
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == docx.oxml.ns.qn("w:p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag == docx.oxml.ns.qn("w:tbl"):
            table = Table(child, document)
            for column in range(len(table.columns)):
                for row in table.rows:
                    lines.extend(p.text for p in row.cells[column].paragraphs)
    return "\n".join(lines)


def style_value(style, read):
    """A style's effective value of ``read(style)``, following `based on` as Word does."""
    while style is not None:
        value = read(style)
        if value is not None:
            return value
        style = style.base_style
    return None
