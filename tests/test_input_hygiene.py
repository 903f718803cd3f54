"""What arrives in a secretary's YAML besides the words: legacy encodings, hostile YAML, hostile templates."""

from __future__ import annotations

import time

import pytest

from generator import legacy_fix, pipeline, reader, render, template_builder
from generator.errors import InputError
from generator.legacy_encoding import LegacyEncoding, from_unicode
from tests.conftest import MINIMAL_YAML
from tests.test_cli import run, write
from tests.test_templates import _template_with


def legacy_yaml(encoding: LegacyEncoding) -> str:
    return (MINIMAL_YAML.replace("Tỉnh ủy Bình Thuận", from_unicode("Tỉnh ủy Bình Thuận", encoding))
            .replace("Chánh Văn phòng", from_unicode("Chánh Văn phòng", encoding)))


def test_tcvn3_text_is_reported_with_its_field_and_what_it_reads(tmp_path):
    write(tmp_path, "tb.yaml", legacy_yaml(LegacyEncoding.TCVN3))
    code, _, err = run("check", "tb.yaml", cwd=tmp_path)
    assert code == 1
    assert err.splitlines() == [
        "tb.yaml:3:8: lỗi VB008: `co_quan.ten` có vẻ được gõ bằng bảng mã cũ TCVN3 (ABC, .VnTime): "
        "“TØnh ñy B×nh ThuËn” (đọc ra là “Tỉnh ủy Bình Thuận”) — hãy chạy `vanban fix-encoding tb.yaml` "
        "để chuyển sang Unicode",
        "tb.yaml:14:12: lỗi VB008: `nguoi_ky.chuc_vu` có vẻ được gõ bằng bảng mã cũ TCVN3 (ABC, .VnTime): "
        "“Ch¸nh V¨n phßng” (đọc ra là “Chánh Văn phòng”) — hãy chạy `vanban fix-encoding tb.yaml` "
        "để chuyển sang Unicode",
        "Có 2 lỗi, 0 cảnh báo.",
    ]


@pytest.mark.parametrize("encoding", list(LegacyEncoding))
def test_fix_encoding_writes_a_new_unicode_file_and_keeps_the_original(tmp_path, encoding):
    original = legacy_yaml(encoding)
    write(tmp_path, "tb.yaml", original)
    code, out, _ = run("fix-encoding", "tb.yaml", cwd=tmp_path)
    assert (code, out) == (0, "đã chuyển 2 trường sang Unicode: tb.unicode.yaml\n")
    assert (tmp_path / "tb.yaml").read_text(encoding="utf-8") == original
    assert (tmp_path / "tb.unicode.yaml").read_text(encoding="utf-8") == MINIMAL_YAML
    assert run("check", "tb.unicode.yaml", cwd=tmp_path)[0] == 0


def test_fix_encoding_never_overwrites_a_yaml(tmp_path):
    write(tmp_path, "tb.yaml", legacy_yaml(LegacyEncoding.TCVN3))
    write(tmp_path, "tb.unicode.yaml", "giữ nguyên\n")
    code, _, err = run("fix-encoding", "tb.yaml", cwd=tmp_path)
    assert code == 1
    assert err.startswith("tb.unicode.yaml:1:1: lỗi VB021: tệp này đã có — công cụ không ghi đè;")
    assert (tmp_path / "tb.unicode.yaml").read_text(encoding="utf-8") == "giữ nguyên\n"
    assert run("fix-encoding", "tb.yaml", "-o", "tb.yaml", cwd=tmp_path)[0] == 2


def test_unicode_vietnamese_in_both_tone_styles_is_not_taken_for_legacy(make_yaml):
    text = MINIMAL_YAML.replace("Thường trực Tỉnh ủy đã kết luận.", "Thường trực Tỉnh uỷ đã kết luận về hoá chất.")
    assert legacy_fix.problems(reader.prepare(make_yaml(text)).source) == []


def test_a_billion_laughs_file_is_refused_in_well_under_a_second(make_yaml):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    source = make_yaml("\n".join(lines) + "\n")
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        pipeline.render_file(source, source.with_suffix(".docx"))
    assert time.perf_counter() - started < 1.0
    assert [p.code for p in caught.value.problems] == ["VB007"]
    assert "quá nhiều tham chiếu" in caught.value.problems[0].message


def test_a_recursive_alias_is_refused(make_yaml, tmp_path):
    with pytest.raises(InputError) as caught:
        pipeline.render_file(make_yaml("a: &a [*a]\n"), tmp_path / "x.docx")
    assert [p.code for p in caught.value.problems] == ["VB007"]


def test_a_template_that_loops_for_ever_is_stopped(tmp_path, make_yaml, monkeypatch):
    monkeypatch.setattr(render, "RENDER_TIME_LIMIT_SECONDS", 1.0)
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    templates = _template_with(tmp_path, "{{p duoi_trich_yeu }}", loop)
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        pipeline.render_file(make_yaml(MINIMAL_YAML), tmp_path / "tb.docx", templates)
    assert time.perf_counter() - started < 5
    assert "chạy quá 1 giây (có vòng lặp không dừng?)" in caught.value.problems[0].message


@pytest.mark.parametrize("tag", ["{% include '/etc/passwd' %}", "{% import '/etc/passwd' as p %}",
                                 "{% extends '/etc/hostname' %}"])
def test_a_template_cannot_read_files(tmp_path, make_yaml, tag):
    templates = _template_with(tmp_path, "{{p duoi_trich_yeu }}", tag)
    with pytest.raises(InputError) as caught:
        pipeline.render_file(make_yaml(MINIMAL_YAML), tmp_path / "tb.docx", templates)
    (problem,) = caught.value.problems
    assert problem.code == "VB020"
    assert "dùng thẻ hoặc phép tính không được phép" in problem.message
    assert not (tmp_path / "tb.docx").exists()


def test_template_dir_is_where_the_builder_writes():
    assert template_builder.template_path("dang", "thong-bao-ket-luan").is_file()
