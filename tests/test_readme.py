"""The README's annotated example is a real, valid notice: the documentation cannot drift from the code."""

import re

import docx

from tests.conftest import ROOT


def test_readme_example_renders(render_yaml):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (example,) = [block for block in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)]
    document = render_yaml(example)
    texts = [p.text for p in document.paragraphs]
    assert "1.1. Tăng cường theo dõi các “điểm nóng”." in texts
    assert "Ngày 09/4/2021, Ban Dân vận Tỉnh ủy tổ chức hội nghị trực báo công tác dân vận quý I." in texts
    closing = document.tables[-1]
    assert [p.text for p in closing.cell(0, 0).paragraphs] == [
        "Nơi nhận:", "- Thường trực Tỉnh ủy (b/c),", "- Sở Nội vụ,", "- Lưu Văn phòng Tỉnh ủy."]
    assert isinstance(document, docx.document.Document)
