"""Every example in examples/, converted to PDF with the real LibreOffice in one run: each PDF reads as its
document should — its tên loại (or, for a công văn, its number), its signer and the last words of its body.

Skipped on a machine without LibreOffice or pdftotext, except under CI (`CI=true`), as in test_pdf.py."""

from __future__ import annotations

import subprocess

import pytest

from generator.conversion import pdf
from tests.conftest import EXAMPLES
from tests.test_kinds import Example, expected_number_line
from tests.test_pdf import needs_libreoffice
from tests.test_seeds import find_run, tokens

LAST_WORDS = 6  # tokens of the body's last paragraph, the end mark included


def pdf_words(path) -> list[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return tokens(text)


@needs_libreoffice
@pytest.mark.libreoffice
def test_every_example_converts_and_its_pdf_names_its_kind_signer_and_last_words(rendered, tmp_path):
    examples = [Example(path, rendered[path.stem[:3]]) for path in EXAMPLES]
    converted = pdf.to_pdf([example.docx_path for example in examples], tmp_path)
    missing = []
    for example, path in zip(examples, converted):
        words = pdf_words(path)
        kind = example.book.loai_van_ban[example.kind]
        identity = expected_number_line(example) if kind.cong_van else (example.data.get("ten_loai") or kind.ten_loai)
        last_words = tokens(example.body_paragraphs()[-1].text)[-LAST_WORDS:]
        for what, needle in (("identity", identity), ("signer", example.data["nguoi_ky"]["ho_ten"])):
            if find_run(words, tokens(needle), 0) == -1:
                missing.append(f"{example.number}: {what} {needle!r}")
        if find_run(words, last_words, 0) == -1:
            missing.append(f"{example.number}: last words {' '.join(last_words)!r}")
    assert missing == []
