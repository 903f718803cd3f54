"""The word-for-word guarantee on texts nobody wrote by hand: any mix of headings, numbered items in several
styles, bullets and paragraphs imports into a draft that checks clean and prints every word, in order."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.importing import import_file, write_draft
from tests.conftest import reading_text

WORDS = ["công", "tác", "dân", "vận", "Tỉnh", "ủy", "Ban", "Sở", "Nội", "vụ", "nhiệm", "kết", "quả", "năm",
         "2021", "01/3/2022", "“Dân", "vận", "khéo”", "hạn", "chế", "giao", "chủ", "trì", "Nhân", "dân"]
LABELS = ["", "", "", "I. ", "II- ", "1. ", "2- ", "1.1. ", "a) ", "- ", "+ "]
HEAD = ("TỈNH ỦY QUẢNG NGÃI\n*\nSố 12-TB/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nQuảng Ngãi, ngày 5 tháng 3 năm 2022\n\n"
        "THÔNG BÁO\nKẾT LUẬN CỦA BAN THƯỜNG VỤ\n-----\n\n")
TAIL = "\nNơi nhận:\n- Sở Nội vụ,\n- Lưu VPTU.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An\n"
WORD = re.compile(r"\w+")

sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
paragraph = st.tuples(st.sampled_from(LABELS), sentence, st.sampled_from([".", ";", ":", ""]))
bodies = st.lists(paragraph, min_size=1, max_size=14)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies)
def test_any_body_keeps_every_word_in_order(body):
    paragraphs = [(label, f"{words[:1].upper()}{words[1:]}{end}") for label, words, end in body]
    text = HEAD + "\n\n".join(label + words for label, words in paragraphs) + TAIL
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "nguon.txt"
        source.write_text(text, encoding="utf-8")
        draft = Path(folder) / "nhap.yaml"
        result = import_file(source)
        write_draft(result, draft)
        _, problems = pipeline.check_file(draft)
        assert not [p for p in problems if p.is_error], "\n".join(map(str, problems)) + "\n" + result.text
        target = Path(folder) / "lai.docx"
        pipeline.render_file(draft, target)
        printed = WORD.findall(reading_text(docx.Document(str(target))))
    position = 0
    for label, words in paragraphs:
        needle = WORD.findall(words)
        found = next((i for i in range(position, len(printed) - len(needle) + 1)
                      if printed[i:i + len(needle)] == needle), None)
        assert found is not None, f"mất: {label}{words}\n{result.text}"
        position = found + len(needle)
