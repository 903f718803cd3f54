"""The last paragraph and the signature in the PDF. Word keeps a keep-with-next paragraph at least partly (its
last two lines) with the signature; LibreOffice would move it whole and leave the page before half empty. The
PDF is set as Word sets it, and the DOCX is not changed."""

from __future__ import annotations

import io
import shutil
import zipfile

import docx
import pytest
from lxml import etree

from generator import pipeline
from generator.conversion import closing, pdf
from tests.conftest import MINIMAL_YAML
from tests.test_pdf import needs_libreoffice

FILLER = ("Thường trực Tỉnh ủy đánh giá cao kết quả đạt được trong thời gian qua của các cơ quan, đơn vị, địa "
          "phương trên địa bàn tỉnh.")
LAST = " ".join(["Giao Ban Dân vận Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan theo dõi, đôn đốc việc "
                 "thực hiện Kết luận số 120-KL/TW và định kỳ báo cáo."] * 6)


def _notice(fillers: int) -> str:
    body = "".join(f"    - {FILLER}\n" for _ in range(fillers)) + f"    - {LAST}\n"
    return MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đánh giá cao.\n", "").replace(
        "  mo_dau: Thường trực Tỉnh ủy đã kết luận.\n", "  mo_dau:\n" + body)


@needs_libreoffice
@pytest.mark.libreoffice
def test_the_signature_page_gets_two_lines_and_the_page_before_stays_full(tmp_path, make_yaml):
    """Notices whose signature falls at every place near a page's foot: one of them is the case LibreOffice
    gets wrong, and each PDF must be as Word sets it."""
    documents = []
    for fillers in range(17, 27):
        target = tmp_path / f"tb-{fillers}.docx"
        pipeline.render_file(make_yaml(_notice(fillers), f"tb-{fillers}.yaml"), target)
        documents.append(target)
    first_pass = tmp_path / "lan-dau"
    plain = [closing.kept_tail(document.read_bytes(), made)
             for document, made in zip(documents, pdf._converted(documents, first_pass))]
    assert any(plain), "no notice in the range has its last paragraph moved whole: widen the range"
    top, bottom = closing._text_area(etree.fromstring(closing._part(documents[0].read_bytes())))
    words = closing._words(LAST + "/.")  # the end mark: the sentence's own full stop is its first dot
    for document, made in zip(documents, pdf.to_pdf(documents, tmp_path / "pdf")):
        pages = closing._pdf_pages(made)
        body = [closing.body_lines(page, top, bottom) for page in pages]
        signed, at = next((n, i) for n, lines in enumerate(body) for i, line in enumerate(lines)
                          if line.words[:2] == ("Nơi", "nhận:"))
        above = body[signed][:at]
        assert len(above) >= 2, f"{document.name}: the signature stands with fewer than two lines of text"
        if list(above[0].words) == words[:len(above[0].words)] and signed > 0:  # the last paragraph opens the page
            empty = (bottom - max(line.bottom for line in body[signed - 1])) / (bottom - top)
            assert empty <= 1 / 3, f"{document.name}: {empty:.0%} of page {signed} left empty"
        printed = [word for lines in body for line in lines for word in line.words]
        assert any(printed[i:i + len(words)] == words for i in range(len(printed))), "the paragraph is whole"
        assert docx.Document(str(document)).paragraphs[-1].text == ""  # the DOCX is untouched: one paragraph
        assert sum(LAST[:40] in p.text for p in docx.Document(str(document)).paragraphs) == 1


def test_the_cut_keeps_formatting_and_symbols_and_sets_each_piece_apart():
    w = closing.W[1:-1]
    paragraph = etree.fromstring(
        f'<w:body xmlns:w="{w}"><w:p><w:pPr><w:pStyle w:val="VBNoiDung"/><w:keepNext/></w:pPr>'
        '<w:r><w:t xml:space="preserve">Thực hiện </w:t></w:r>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Kết luận số 120</w:t><w:noBreakHyphen/>'
        '<w:t xml:space="preserve">KL/TW của</w:t></w:r>'
        '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"> Bộ Chính trị đầy đủ./.</w:t></w:r></w:p>'
        '<w:tbl/><w:sectPr/></w:body>')
    root = etree.Element(closing.W + "document")
    root.append(paragraph)
    kept = closing._kept_paragraph(root)
    assert closing._text(kept) == "Thực hiện Kết luận số 120-KL/TW của Bộ Chính trị đầy đủ./."
    closing._cut(root, kept, 6)  # before "của"
    head, tail = root.find(closing.W + "body").findall(closing.W + "p")
    assert closing._text(head) == "Thực hiện Kết luận số 120-KL/TW"
    assert closing._text(tail) == "của Bộ Chính trị đầy đủ./."
    assert head.find(f".//{closing.W}noBreakHyphen") is not None and head.find(f".//{closing.W}b") is not None
    assert tail.find(f".//{closing.W}i") is not None and tail.find(f".//{closing.W}b") is not None
    assert [child.tag[len(closing.W):] for child in head.find(closing.W + "pPr")] == ["pStyle", "spacing", "jc"]
    assert [child.tag[len(closing.W):] for child in tail.find(closing.W + "pPr")] == [
        "pStyle", "keepNext", "spacing", "ind"]
    assert head.find(f"{closing.W}pPr/{closing.W}jc").get(closing.W + "val") == "distribute"


def test_without_poppler_the_pdf_is_left_as_libreoffice_made_it(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert closing._pdf_pages(tmp_path / "x.pdf") is None


def test_a_file_not_shaped_as_ours_is_left_as_libreoffice_made_it(tmp_path):
    assert closing.kept_tail(b"not a zip", tmp_path / "x.pdf") is None
    bare = io.BytesIO()
    with zipfile.ZipFile(bare, "w") as package:
        package.writestr("word/document.xml", f'<w:document xmlns:w="{closing.W[1:-1]}"><w:body><w:p><w:pPr>'
                                              '<w:keepNext/></w:pPr></w:p><w:tbl/></w:body></w:document>')
    assert closing.kept_tail(bare.getvalue(), tmp_path / "x.pdf") is None  # no section, no page size
