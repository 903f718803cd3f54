"""The Word templates: built reproducibly from the profile, restylable, and rendered in Jinja's sandbox."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import yaml
import pytest
from docx.shared import Pt
from lxml import etree

from generator import pipeline, rulebook, template_builder
from generator.errors import InputError
from generator.styles import Style
from tests.conftest import EXAMPLES, MINIMAL_YAML, style_value

BOOK = rulebook.load("dang")
TEMPLATE = template_builder.template_path("dang", "thong-bao-ket-luan")


def test_committed_template_is_exactly_what_the_builder_makes():
    assert template_builder.build(BOOK, "thong-bao-ket-luan") == TEMPLATE.read_bytes(), \
        "run `make templates` after changing the profile or the builder"


def test_template_has_one_named_style_per_component_sized_by_the_profile():
    styles = docx.Document(str(TEMPLATE)).styles
    for style in Style:
        component = BOOK.thanh_phan.get(style.value.component)
        if component is None:
            assert style.value.header_line, f"{style} has no size in the profile"
            continue
        word_style = styles[style.value.name]
        assert word_style.style_id == style.value.style_id
        assert style_value(word_style, lambda s: s.font.name) == "Times New Roman"
        assert style_value(word_style, lambda s: s.font.size) == Pt(component.co_chu)
        bold = component.dam if style.value.bold is None else style.value.bold
        assert bool(style_value(word_style, lambda s: s.font.bold)) is bold


TEMPLATES = sorted(template_builder.TEMPLATE_DIR.glob("*/*.docx"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Where a part names a style: a paragraph, run or table, a list's style, and a style's own base, next and link.
STYLE_REFERENCES = ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink", "basedOn", "next", "link")
WORD_DEFAULTS = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}  # Word expects these in every file


def _styles(path: Path) -> tuple[set[str], dict[str, str]]:
    """The style ids the parts of the DOCX at ``path`` name, and the styles it defines (id → name)."""
    named, defined = set(), {}
    with zipfile.ZipFile(path) as package:
        for part in package.namelist():
            if part.startswith("word/") and part.endswith(".xml"):
                root = etree.fromstring(package.read(part))
                named |= {use.get(W + "val") for tag in STYLE_REFERENCES for use in root.iter(W + tag)}
                if part == "word/styles.xml":
                    defined = {style.get(W + "styleId"): style.find(W + "name").get(W + "val")
                               for style in root.iter(W + "style")}
    return named, defined


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_a_template_holds_the_styles_it_names_and_ours_and_nothing_else(template):
    book = rulebook.load(template.parent.name)
    ours = {style.value.style_id for style in Style if style.value.component in book.thanh_phan}
    ours.add(template_builder.PAGE_NUMBER_STYLE.style_id)
    named, defined = _styles(template)
    assert set(defined) == named | ours | WORD_DEFAULTS
    with zipfile.ZipFile(template) as package:
        assert not [part for part in package.namelist() if "stylesWithEffects" in part or "thumbnail" in part]
        for listing in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
            assert b"stylesWithEffects" not in package.read(listing) and b"thumbnail" not in package.read(listing)
        latent = etree.fromstring(package.read("word/styles.xml")).find(f"{W}latentStyles")
    assert {exception.get(W + "name") for exception in latent} <= set(defined.values())


def test_every_style_a_document_names_is_defined_in_it(rendered):
    for path in rendered.values():
        named, defined = _styles(path)
        assert named <= set(defined), path.name
        assert {"VBNoiDung", "VBSoKyHieu", "VBHoTenKy"} <= named, path.name


def test_last_body_paragraph_stays_with_the_signature(rendered):
    body = [p for p in docx.Document(str(rendered["000"])).paragraphs if p.text]
    assert body[-1].paragraph_format.keep_with_next, "the last paragraph goes to the page of the signature"
    plain = [p for p in body[:-1] if p.style.name == "VB Nội dung"]
    assert plain and not any(p.paragraph_format.keep_with_next for p in plain)
    headings = [p for p in body if p.style.name == "VB Đề mục"]
    assert headings and all(p.style.paragraph_format.keep_with_next for p in headings), "never last on a page"


@pytest.mark.parametrize("code", ["dang", "nha-nuoc"])
def test_a_changed_profile_value_changes_every_document_of_its_rulebook(tmp_path, code):
    """One value in the profile (the body size) changes the templates and so every document of the rulebook."""
    book = rulebook.load(code)
    size = book.thanh_phan["noi_dung"].co_chu + 1
    changed = book.model_copy(update={"thanh_phan": {
        **book.thanh_phan, "noi_dung": book.thanh_phan["noi_dung"].model_copy(update={"co_chu": size})}})
    templates = tmp_path / "mau"
    for kind in changed.loai_van_ban:
        path = template_builder.template_path(code, kind, templates)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(template_builder.build(changed, kind))
    examples = [e for e in EXAMPLES if yaml.safe_load(e.read_text(encoding="utf-8")).get("he_thong", "dang") == code]
    assert len(examples) >= 4
    for example in examples:
        output = tmp_path / f"{example.stem}.docx"
        pipeline.render_file(example, output, templates, changed)
        document = docx.Document(str(output))
        assert document.styles["VB Nội dung"].font.size == Pt(size), example.name
        assert document.styles["VB Tên loại"].font.size == Pt(book.thanh_phan["ten_loai"].co_chu), example.name


def _template_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of our template with one tag's text replaced, as an office might edit it in Word."""
    root = tmp_path / "mau-la"
    target = template_builder.template_path("dang", "thong-bao-ket-luan", root)
    target.parent.mkdir(parents=True)
    source = zipfile.ZipFile(TEMPLATE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            copy.writestr(info, data)
    target.write_bytes(out.getvalue())
    return root


@pytest.mark.parametrize(("payload", "message"), [
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "bị chặn vì tìm cách chạy mã"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "bị chặn vì tìm cách chạy mã"),
    ("{{ self.__init__.__globals__.__builtins__ }}", "bị chặn vì tìm cách chạy mã"),
    # Data the document lacks: named with the template paragraph that needs it.
    ("{{ khong_co_bien }}", "cần `khong_co_bien` mà văn bản không có — ở thân văn bản (word/document.xml), đoạn "
                            "«{{ khong_co_bien }}»"),
    ("{% for x in %}", "có lỗi cú pháp Jinja"),
])
def test_a_hostile_or_broken_template_is_refused_with_a_located_message(tmp_path, make_yaml, payload, message):
    templates = _template_with(tmp_path, "{{p duoi_trich_yeu }}", payload)
    source = make_yaml(MINIMAL_YAML)
    output = tmp_path / "tb.docx"
    with pytest.raises(InputError) as caught:
        pipeline.render_file(source, output, templates)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.code) == (1, 7, "VB020")
    assert problem.message.startswith("mẫu thong-bao-ket-luan.docx ")
    assert message in problem.message
    assert not output.exists()


def test_an_office_can_restyle_its_copy_and_the_render_keeps_the_style(tmp_path, make_yaml):
    templates = tmp_path / "mau-van-phong"
    shutil.copytree(template_builder.TEMPLATE_DIR, templates)
    template = templates / "dang" / "thong-bao-ket-luan.docx"
    document = docx.Document(str(template))
    document.styles["VB Nội dung"].font.size = Pt(15)  # what an office does in Word's Styles pane
    document.save(str(template))
    output = tmp_path / "tb.docx"
    pipeline.render_file(make_yaml(MINIMAL_YAML), output, templates)
    paragraph = next(p for p in docx.Document(str(output)).paragraphs if p.text.startswith("Thường trực"))
    assert style_value(paragraph.style, lambda s: s.font.size) == Pt(15)


def test_a_new_rulebook_is_a_new_profile_file_not_code(tmp_path, make_yaml, monkeypatch):
    """The reported successor of HD 36 (HD 05-HD/VPTW, 2026: body ends with "." not "./.", recipients with ";")
    needs only a profile file beside the others and templates built from it."""
    profile = yaml.safe_load((rulebook.RULEBOOK_DIR / "dang.yaml").read_text(encoding="utf-8"))
    profile.update(ma="dang-hd05", ten="Văn bản của Đảng (Hướng dẫn 05-HD/VPTW, chưa kiểm chứng)",
                   ket_thuc_noi_dung=".")
    profile["noi_nhan"].update(dau_cuoi_dong=";", dau_cuoi_dong_cho_phep=[";"])
    books = tmp_path / "rulebooks"
    books.mkdir()
    for existing in rulebook.RULEBOOK_DIR.glob("*.yaml"):
        (books / existing.name).write_bytes(existing.read_bytes())
    (books / "dang-hd05.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(rulebook, "RULEBOOK_DIR", books)
    templates = tmp_path / "mau"
    template_builder.build_all(templates)
    output = tmp_path / "tb.docx"
    pipeline.render_file(make_yaml(MINIMAL_YAML.replace("loai: thong-bao-ket-luan",
                                                        "loai: thong-bao-ket-luan\nhe_thong: dang-hd05")),
                         output, templates)
    document = docx.Document(str(output))
    texts = [p.text for p in document.paragraphs if p.text]
    assert "Thường trực Tỉnh ủy đã kết luận." in texts, "no ./. under the new profile"
    assert [p.text for p in document.tables[-1].cell(0, 0).paragraphs][1] == "- Sở Nội vụ;"
