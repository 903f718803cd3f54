"""A Word template from elsewhere (`vanban render x.yaml --mau FOLDER`) is hostile input. Each one below, made here
from our own template, is refused with one VB020 problem naming the template, the part where there is one, and the
cause — never an internal error, a hang or a file written."""

from __future__ import annotations

import io
import os
import shutil
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import pipeline, render, template_builder
from generator.errors import InputError
from generator.reader import prepare
from generator.rendering import package
from tests.conftest import MINIMAL_YAML

TEMPLATE = template_builder.template_path("dang", "thong-bao-ket-luan")
TAG = "{{p duoi_trich_yeu }}"  # a tag of our template's body, which a payload replaces
XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
BILLION_LAUGHS = ('<!DOCTYPE x [<!ENTITY a "lol">'
                  + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>")
MEDIA = "word/media/x.bin"
MiB = package.MiB


def _rezipped(changes: dict[str, Callable[[bytes], bytes]] | None = None, added: dict[str, bytes] | None = None,
              removed: str = "", method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Our template with parts rewritten, added or removed, as an office — or an attacker — might."""
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(out, "w", method) as copy:
        for info in source.infolist():
            if info.filename == removed:
                continue
            data = source.read(info.filename)
            change = (changes or {}).get(info.filename)
            copy.writestr(info.filename, change(data) if change else data)
        for name, data in (added or {}).items():
            copy.writestr(name, data)
    return out.getvalue()


def _with_tag(payload: str) -> bytes:
    return _rezipped({"word/document.xml": lambda data: data.replace(TAG.encode(), payload.encode())})


def _in_header(text: bytes, doctype: bytes = b"") -> bytes:
    """Our template with ``doctype`` after the XML declaration of word/header1.xml and ``text`` in a new paragraph."""
    def change(data: bytes) -> bytes:
        assert data.startswith(XML_DECLARATION)
        data = data.replace(XML_DECLARATION, XML_DECLARATION + doctype, 1)
        return data.replace(b"</w:hdr>", b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p></w:hdr>")
    return _rezipped({"word/header1.xml": change})


def _declaring(data: bytes, part: str, size: int) -> bytes:
    """``data`` whose central directory declares ``part`` to unpack to ``size`` bytes, whatever it holds: zipfile
    trusts the central directory, so this is a zip bomb's header without its gigabytes."""
    record = data.rindex(part.encode()) - 46  # the central directory comes last; a record is 46 bytes, then the name
    assert data[record:record + 4] == b"PK\x01\x02"
    return data[:record + 24] + struct.pack("<I", size) + data[record + 28:]


def _refusal(tmp_path: Path, make_yaml, template: bytes) -> str:
    """The message of the one problem that rendering our notice into ``template`` gives; nothing is written."""
    templates = tmp_path / "mau-la"
    target = template_builder.template_path("dang", "thong-bao-ket-luan", templates)
    target.parent.mkdir(parents=True)
    target.write_bytes(template)
    output = tmp_path / "tb.docx"
    with pytest.raises(InputError) as caught:
        pipeline.render_file(make_yaml(MINIMAL_YAML), output, templates)
    (problem,) = caught.value.problems
    assert problem.code == "VB020"
    assert problem.message.startswith(f"mẫu {TEMPLATE.name} ")
    assert not output.exists()
    return problem.message


CASES = {
    "not a zip": (lambda: b"{{ day khong phai tep Word }}", ["không phải tệp Word (.docx)", "tệp nén zip"]),
    "empty file": (lambda: b"", ["là tệp rỗng (0 byte)"]),
    "malformed body": (lambda: _rezipped({"word/document.xml": lambda data: data.replace(b"</w:body>", b"</w:bo>")}),
                       ["phần word/document.xml không phải XML hợp lệ (lỗi ở dòng"]),
    "malformed content types": (lambda: _rezipped({"[Content_Types].xml": lambda data: data[:-10]}),
                                ["phần [Content_Types].xml không phải XML hợp lệ"]),
    "no content types": (lambda: _rezipped(removed="[Content_Types].xml"), ["thiếu phần [Content_Types].xml"]),
    "external entity": (lambda: _in_header(b"&e;", b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
                        ["khai báo DOCTYPE trong phần word/header1.xml", "XXE"]),
    "billion laughs": (lambda: _in_header(b"&j;", BILLION_LAUGHS.encode()),
                       ["khai báo DOCTYPE trong phần word/header1.xml", "billion laughs"]),
    "zip bomb": (lambda: _declaring(_rezipped(added={MEDIA: b"\0" * 1000}), MEDIA, 2 * 1024 * MiB),
                 [f"phần {MEDIA} giải nén ra 2.048 MB, quá 20 MB cho một phần", "bom zip"]),
    "packed too well": (lambda: _rezipped(added={MEDIA: b"\0" * (2 * MiB)}),
                        [f"phần {MEDIA} nén tới", "dấu hiệu của “bom zip”"]),
    # stored noise declared 95 times bigger: each part passes on its own (size and ratio), together they do not
    "too much in all": (lambda: _declaring(_declaring(
        _rezipped(added={f"word/media/{n}.bin": os.urandom(210_000) for n in "ab"}, method=zipfile.ZIP_STORED),
        "word/media/a.bin", 19 * MiB), "word/media/b.bin", 19 * MiB),
        ["giải nén ra tổng cộng 38,1 MB, quá 30 MB"]),
    "lying header": (lambda: _declaring(_rezipped(added={MEDIA: b"logo" * 1000}), MEDIA, 10),
                     [f"phần {MEDIA} không giải nén được"]),
    "recursive macro": (lambda: _with_tag("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"),
                        ["(phần word/document.xml) gọi lồng nhau quá sâu"]),
    "huge repetition": (lambda: _with_tag("{{ 'a' * 10**9 }}"),
                        ["(phần word/document.xml) tạo ra một giá trị quá lớn"]),
    "huge joined repetition": (lambda: _with_tag("{{ (range(100000)|join(','))*20000 }}"),
                               ["tạo ra một giá trị quá lớn (hơn 5.000.000 ký tự hay phần tử)"]),
    "huge power": (lambda: _with_tag("{{ 10**(10**9) }}"), ["tính ra một số quá lớn (hơn 4.000 chữ số)"]),
    "huge concatenation": (lambda: _with_tag("{% set a = 'x' * 4000000 %}{{ a ~ a }}"),
                           ["tạo ra một giá trị quá lớn"]),
    "huge range": (lambda: _with_tag("{% for i in range(10**9) %}{% endfor %}"), ["dùng range() quá 100.000 số"]),
    "undefined in a header": (lambda: _in_header(b"{{ khong_co_bien }}"),
                              ["cần `khong_co_bien` mà văn bản không có — ở đầu trang (word/header1.xml), đoạn "
                               "«{{ khong_co_bien }}»"]),
    "syntax error": (lambda: _with_tag("{% for x in %}"),
                     ["có lỗi cú pháp Jinja ở dòng", "thẻ `{% for x in %}`: thiếu biểu thức"]),
    "unclosed block": (lambda: _with_tag("{% if co_quan %}"), ["thiếu `{% endif %}`"]),
}


@pytest.mark.parametrize(("make", "causes"), CASES.values(), ids=CASES.keys())
def test_a_hostile_template_is_refused_with_a_located_vietnamese_message(tmp_path, make_yaml, make, causes):
    message = _refusal(tmp_path, make_yaml, make())
    for cause in causes:
        assert cause in message


LEFT_OVER = "{_{ khong_xu_ly }_}"  # docxtpl's escape: turned into `{{ khong_xu_ly }}` after rendering


@pytest.mark.parametrize("ours", [True, False], ids=["in this process", "in its child"])
@pytest.mark.parametrize(("make", "part"), [(lambda: _with_tag(LEFT_OVER), "word/document.xml"),
                                            (lambda: _in_header(LEFT_OVER.encode()), "word/header1.xml")])
def test_a_tag_left_after_rendering_is_refused_wherever_the_template_renders(tmp_path, make_yaml, monkeypatch, ours,
                                                                             make, part):
    """Our templates are checked on the trees docxtpl fills, in this process; any other in its child process."""
    if ours:
        monkeypatch.setattr(template_builder, "TEMPLATE_DIR", (tmp_path / "mau-la").resolve())
        monkeypatch.setattr(render.cage, "run", lambda *_: pytest.fail("our template went to a child process"))
    assert _refusal(tmp_path, make_yaml, make()) == (
        f"mẫu {TEMPLATE.name} còn thẻ `{{{{ khong_xu_ly }}}}` chưa xử lý được trong {part} — hãy gõ lại thẻ đó liền "
        "một lượt trong Word")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the child's memory limit is Linux's RLIMIT_AS")
def test_a_template_that_takes_all_the_memory_is_stopped(tmp_path, make_yaml):
    """10 GB in one C call: only the child's memory limit stops it (the filter's result is checked after)."""
    message = _refusal(tmp_path, make_yaml, _with_tag("{{ 'a'|center(10**10) }}"))
    assert "cần quá nhiều bộ nhớ" in message


def test_only_the_templates_we_ship_render_in_this_process(tmp_path):
    copy = tmp_path / TEMPLATE.name
    copy.write_bytes(TEMPLATE.read_bytes())
    assert render.is_ours(TEMPLATE)
    assert not render.is_ours(copy)
    assert not render.is_ours(template_builder.TEMPLATE_DIR / ".." / "templates-khac" / TEMPLATE.name)


def test_a_copy_of_our_templates_renders_the_same_in_its_child_process(tmp_path, make_yaml):
    templates = tmp_path / "mau"
    shutil.copytree(template_builder.TEMPLATE_DIR, templates)
    prepared = prepare(make_yaml(MINIMAL_YAML))
    assert pipeline.render_parts(prepared, templates) == pipeline.render_parts(prepared)
