"""Every example converts to PDF with the real LibreOffice, and the PDF reads as the notice should.

LibreOffice opening the file is our proof that the DOCX is well-formed. On a machine without LibreOffice the
test is skipped, except under CI (`CI=true`), where `.ci/run` installs it and a skip would hide a failure."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from generator.conversion import pdf
from tests.test_seeds import find_run, seed_lines, tokens

needs_libreoffice = pytest.mark.skipif(
    (pdf.soffice() is None or shutil.which("pdftotext") is None) and os.environ.get("CI") != "true",
    reason="LibreOffice and pdftotext are not installed")


@pytest.fixture(scope="module")
def pdfs(rendered, tmp_path_factory):
    numbers = sorted(rendered)
    converted = pdf.to_pdf([rendered[n] for n in numbers], tmp_path_factory.mktemp("pdf"))
    return dict(zip(numbers, converted))


def pdf_text(path, *pages: int) -> str:
    range_args = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", "-layout", *range_args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@needs_libreoffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("number", ["000", "001", "002"])
def test_example_converts_and_the_pdf_holds_the_whole_notice(pdfs, number):
    text = pdf_text(pdfs[number])
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "THÔNG BÁO" in text and "Nơi nhận:" in text
    words = [t for t in tokens(text) if t.isalnum()]
    lines = [[t for t in line if t.isalnum()] for line in seed_lines(number)]
    lines = [line for line in lines if line]
    body_start = lines.index(["THÔNG", "BÁO"])
    closing_start = lines.index(["Nơi", "nhận"]) if ["Nơi", "nhận"] in lines else len(lines)
    # The header and the closing are two-column tables: their columns stand side by side in the PDF's text.
    for line in lines[:body_start]:
        assert find_run(words, line, 0) != -1, f"seed {number}: PDF lacks {' '.join(line)}"
    position = 0
    for line in lines[body_start:closing_start]:  # the body in order; each line's start, as the PDF may hyphenate
        found = find_run(words, line[:3], position)
        assert found != -1, f"seed {number}: PDF lacks the line starting {' '.join(line[:6])}"
        position = found
    for line in lines[closing_start:]:
        assert find_run(words, line, position) != -1, f"seed {number}: PDF lacks {' '.join(line)} after the body"


@needs_libreoffice
@pytest.mark.libreoffice
def test_page_numbers_start_on_page_two_and_fonts_are_times_metric(pdfs):
    first_page = pdf_text(pdfs["001"], 1).strip().splitlines()
    second_page = pdf_text(pdfs["001"], 2).strip().splitlines()
    assert first_page[0].split()[0] != "1", "no number on page 1"
    assert second_page[0].strip() == "2", "page 2 is numbered at the top"
    fonts = subprocess.run(["pdffonts", str(pdfs["001"])], capture_output=True, text=True, check=True).stdout
    families = {line.split()[0].split("+")[-1].split("-")[0] for line in fonts.splitlines()[2:]}
    assert families <= {"LiberationSerif", "TimesNewRomanPSMT", "TimesNewRoman"}, families
