"""What a template reads: every variable with its part and paragraph, the data a document lacks, and the built-in
templates an office copies to restyle."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from generator import layout, pipeline, reader, render, safe_write, template_builder, template_vars, vnformat
from generator.rendering import cage, package, sandbox
from generator.template_vars import VariableUse
from tests.conftest import reading_text

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = template_builder.template_path("dang", "thong-bao-ket-luan")
BODY, HEADER = "word/document.xml", "word/header1.xml"
EMPTY_HEADER = '<w:pStyle w:val="VBSoTrang"/></w:pPr></w:p>'  # the first page's header: one empty paragraph


@pytest.fixture(scope="module")
def context() -> dict:
    """What an office's own template is given: the layout's values and the document as typed (`van_ban`)."""
    prepared = reader.prepare(ROOT / "examples" / "001-tb-ket-luan-truc-bao-dan-van-quy-i-2021.yaml")
    return layout.context(prepared.document, prepared.book) | layout.document_data(prepared.document)


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _template_with(tmp_path: Path, changes: dict[str, list[tuple[str, str]]]) -> Path:
    """A copy of the built-in template with texts of its parts replaced, as an office might edit it in Word."""
    target = tmp_path / "mau.docx"
    source = zipfile.ZipFile(TEMPLATE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in source.infolist():
            data = source.read(info.filename)
            for old, new in changes.get(info.filename, []):
                assert old.encode() in data, (info.filename, old)
                data = data.replace(old.encode(), new.encode())
            copy.writestr(info, data)
    target.write_bytes(out.getvalue())
    return target


def test_every_builtin_template_is_listed_with_its_rulebook_and_kind():
    templates = template_vars.builtin_templates()
    assert {t.name for t in templates} == {f"{p.parent.name}/{p.stem}"
                                           for p in template_builder.TEMPLATE_DIR.glob("*/*.docx")}
    notice = next(t for t in templates if t.name == "dang/thong-bao-ket-luan")
    assert notice.path == TEMPLATE
    assert notice.description == "Thông báo — Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"
    letter = next(t for t in templates if t.name == "nha-nuoc/cong-van")
    assert letter.description == "Công văn — Văn bản hành chính của Nhà nước (Nghị định 30/2020/NĐ-CP)"


def test_the_notice_template_reads_what_the_layout_provides(context):
    uses = template_vars.template_variables(TEMPLATE)
    assert uses[:3] == [VariableUse("pham_vi_luu_hanh", BODY, "{%p if pham_vi_luu_hanh %}"),
                        VariableUse("pham_vi_luu_hanh", BODY, "{{p pham_vi_luu_hanh }}"),
                        VariableUse("du_thao", BODY, "{%p if du_thao %}")]
    # A loop spanning paragraphs: the list at its `for`, each item where the item is written.
    assert VariableUse("noi_nhan", BODY, "{%p for dong in noi_nhan %}") in uses
    assert VariableUse("noi_nhan[]", BODY, "{{ dong }}") in uses
    assert VariableUse("phu_luc[].noi_dung[]", BODY, "{{p doan }}") in uses
    assert VariableUse("lien_he[]", "word/footer1.xml", "{{ dong }}") in uses
    assert len(uses) == len(set(uses))
    assert {u.root for u in uses} <= set(context)
    assert set(context) - {u.root for u in uses} == {"hoi_nghi", "van_ban"}, "all but the raw data is placed"


@pytest.mark.parametrize("template", template_vars.builtin_templates(), ids=lambda t: t.name)
def test_every_builtin_template_needs_only_what_the_layout_provides(template, context):
    roots = {use.root for use in template_vars.template_variables(template.path)}
    assert roots and roots <= set(context), roots - set(context)
    assert template_vars.missing_data(template.path, context) == []


def test_an_edited_template_reports_each_use_with_its_part_and_paragraph(tmp_path):
    template = _template_with(tmp_path, {
        BODY: [
            # split over two runs, the second bold, as Word stores a tag typed in two goes
            ("<w:r><w:t>{{p duoi_trich_yeu }}</w:t></w:r>",
             _run("Người ký: {{ nguoi_ky.") + '<w:r><w:rPr><w:b/></w:rPr><w:t>chuc_danh_moi }}</w:t></w:r>'),
            ("<w:r><w:t>{{ noi_nhan_nhan }}</w:t></w:r>",
             _run("Gửi: {% for r in noi_nhan %}{{ r.noi }}{% endfor %}")),
            ("<w:r><w:t>{{ dia_danh_ngay }}</w:t></w:r>", _run("Ngày {{ ngay | ngay_thang_nam }}")),
        ],
        HEADER: [(EMPTY_HEADER, EMPTY_HEADER.replace("</w:p>", _run("Bản của {{ co_quan_nhan }}") + "</w:p>"))],
    })
    builtin = template_vars.template_variables(TEMPLATE)
    uses = template_vars.template_variables(template)
    assert [u for u in uses if u not in builtin] == [
        VariableUse("ngay", BODY, "Ngày {{ ngay | ngay_thang_nam }}"),
        VariableUse("nguoi_ky.chuc_danh_moi", BODY, "Người ký: {{ nguoi_ky.chuc_danh_moi }}"),
        VariableUse("noi_nhan", BODY, "Gửi: {% for r in noi_nhan %}{{ r.noi }}{% endfor %}"),
        VariableUse("noi_nhan[].noi", BODY, "Gửi: {% for r in noi_nhan %}{{ r.noi }}{% endfor %}"),
        VariableUse("co_quan_nhan", HEADER, "Bản của {{ co_quan_nhan }}"),
    ]
    assert {u.path for u in builtin} - {u.path for u in uses} == {"duoi_trich_yeu", "noi_nhan_nhan", "dia_danh_ngay"}


def _new_paths(tmp_path: Path, text: str) -> list[str]:
    """The paths read by ``text`` put in the place of the signer's name."""
    template = _template_with(tmp_path, {BODY: [("<w:r><w:t>{{ ky_ho_ten }}</w:t></w:r>", _run(text))]})
    builtin = template_vars.template_variables(TEMPLATE)
    return [u.path for u in template_vars.template_variables(template) if u not in builtin]


@pytest.mark.parametrize(("text", "paths"), [
    ("{{ van_ban['nguoi_ky'].ho_ten }} {{ van_ban.noi_nhan[0] }}", ["van_ban.nguoi_ky.ho_ten", "van_ban.noi_nhan[]"]),
    ("{% with k = van_ban.nguoi_ky %}{{ k.ho_ten }}{% endwith %}", ["van_ban.nguoi_ky", "van_ban.nguoi_ky.ho_ten"]),
    ("{% set k = van_ban.nguoi_ky %}{{ k.chuc_vu | upper }}", ["van_ban.nguoi_ky", "van_ban.nguoi_ky.chuc_vu"]),
    ("{% macro m(x) %}{{ x.a }}{{ co_quan }}{% endmacro %}{{ m(ten_loai) }}", ["co_quan", "ten_loai"]),
    ("{% for d in noi_nhan | sort %}{{ loop.index | la_ma }}{{ d }}{% endfor %}", ["noi_nhan", "noi_nhan[]"]),
    ("{{ (phu_luc | first).ten }}{{ noi_dung[1:] | length }}", ["phu_luc[].ten", "noi_dung"]),
    ("{% if so_ky_hieu is defined and 3 in range(5) %}{{ hoi_nghi.get('ten', khong_co) }}{% endif %}",
     ["so_ky_hieu", "hoi_nghi", "khong_co"]),
    ("{% for k, v in van_ban.items() %}{{ v }}{% endfor %}", ["van_ban"]),
])
def test_paths_follow_locals_filters_and_items(tmp_path, text, paths):
    assert _new_paths(tmp_path, text) == paths


def test_missing_data_names_what_the_document_lacks_and_where(tmp_path, context):
    long = "{{ van_ban.nguoi_ky.ho_ten }} {{ van_ban.khong_co_truong }} {{ hoi_nghi.chuc_vu | default('') }}"
    template = _template_with(tmp_path, {BODY: [
        ("<w:r><w:t>{{ ky_ho_ten }}</w:t></w:r>", _run("Ký tên: {{ khong_co }}")),
        ("<w:r><w:t>{{ ky_chuc_vu }}</w:t></w:r>", _run(long)),
        # optional data, guarded as the guide shows: never reported
        ("<w:r><w:t>{{ so_ky_hieu }}</w:t></w:r>",
         _run("{% if van_ban.tuy_chon is defined %}{{ van_ban.tuy_chon.ten }}{% endif %}")),
    ]})
    assert template_vars.missing_data(template, context) == [
        VariableUse("van_ban.khong_co_truong", BODY, long[:79] + "…"),
        VariableUse("khong_co", BODY, "Ký tên: {{ khong_co }}"),
    ]


def test_a_broken_tag_is_reported_with_its_paragraph_in_the_words_of_the_render(tmp_path, context):
    template = _template_with(tmp_path, {BODY: [("<w:r><w:t>{{ ky_ho_ten }}</w:t></w:r>", _run("Ký: {% for x in %}"))]})
    with pytest.raises(render.TemplateError) as listed:
        template_vars.template_variables(template)
    with pytest.raises(render.TemplateError) as rendered:
        render.render(template, context)
    message = str(listed.value)
    assert message.startswith("mẫu mau.docx (phần word/document.xml, đoạn «Ký: {% for x in %}») có lỗi cú pháp Jinja")
    assert message.split("») ", 1)[1] == str(rendered.value).split(") ", 1)[1]


def test_a_template_nested_past_reason_is_refused(tmp_path):
    template = _template_with(tmp_path, {BODY: [("<w:r><w:t>{{ ky_ho_ten }}</w:t></w:r>",
                                                 _run("{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}"))]})
    with pytest.raises(render.TemplateError, match=r"^mẫu mau.docx \(phần word/document.xml\) .* lồng nhau quá sâu"):
        template_vars.template_variables(template)


def test_a_file_that_is_not_a_template_is_refused_in_vietnamese(tmp_path):
    path = tmp_path / "mau.docx"
    path.write_text("không phải Word", encoding="utf-8")
    with pytest.raises(render.TemplateError, match="^mẫu mau.docx không phải tệp Word"):
        template_vars.template_variables(path)


def test_docxtpl_row_run_and_cell_tags_and_the_document_properties(tmp_path):
    """A template an office made from scratch, with docxtpl's other tags: a row repeated per item (`{%tr`), a run
    (`{{r`), a cell's colour and span; and tags in the document's properties, which docxtpl renders too. What
    docxtpl drops (the rest of a `{%p` paragraph) is not read."""
    document = docx.Document()
    for text in ("Chữ này mất {%p if co_quan %} cùng {{ bi_bo }}", "{{ co_quan }}", "{%p endif %}"):
        document.add_paragraph(text)
    rows = document.add_table(rows=3, cols=2)
    rows.cell(0, 0).text = "{%tr for h in van_ban.noi_nhan %}"
    rows.cell(1, 0).text = "{{r h.noi }} ({{ h.ghi_chu }})"
    rows.cell(1, 1).text = "{% cellbg h.mau %}"
    rows.cell(2, 0).text = "{%tr endfor %}"
    document.add_table(rows=1, cols=2).cell(0, 0).text = "{% colspan so_cot %}"
    document.core_properties.title = "{{ ten_loai }} — {{ co_quan }}"
    path = tmp_path / "rieng.docx"
    document.save(str(path))
    assert template_vars.template_variables(path) == [
        VariableUse("co_quan", BODY, "Chữ này mất {%p if co_quan %} cùng {{ bi_bo }}"),
        VariableUse("co_quan", BODY, "{{ co_quan }}"),
        VariableUse("van_ban.noi_nhan", BODY, "{%tr for h in van_ban.noi_nhan %}"),
        VariableUse("van_ban.noi_nhan[].noi", BODY, "{{r h.noi }} ({{ h.ghi_chu }})"),
        VariableUse("van_ban.noi_nhan[].ghi_chu", BODY, "{{r h.noi }} ({{ h.ghi_chu }})"),
        VariableUse("van_ban.noi_nhan[].mau", BODY, "{% cellbg h.mau %}"),
        VariableUse("so_cot", BODY, "{% colspan so_cot %}"),
        VariableUse("ten_loai", "docProps/core.xml", "{{ ten_loai }} — {{ co_quan }}"),
        VariableUse("co_quan", "docProps/core.xml", "{{ ten_loai }} — {{ co_quan }}"),
    ]


def test_a_copy_is_the_builtin_template_and_is_never_overwritten(tmp_path):
    target = tmp_path / "mau" / "dang" / "thong-bao-ket-luan.docx"
    assert template_vars.copy_template("dang/thong-bao-ket-luan", target) == target
    assert target.read_bytes() == TEMPLATE.read_bytes()
    target.write_bytes(b"restyled by the office")
    with pytest.raises(safe_write.TargetRefused, match="không ghi đè"):
        template_vars.copy_template("dang/thong-bao-ket-luan", target)
    assert target.read_bytes() == b"restyled by the office"


def test_an_office_template_reads_the_document_as_typed_and_ours_are_not_given_it(tmp_path):
    edited = _template_with(tmp_path, {BODY: [("<w:r><w:t>{{ noi_nhan_nhan }}</w:t></w:r>",
                                               _run("Nơi nhận ({{ van_ban.nguoi_ky.ho_ten }}):"))]})
    own = template_builder.template_path("dang", "thong-bao-ket-luan", tmp_path / "mau")
    own.parent.mkdir(parents=True)
    edited.rename(own)
    example = ROOT / "examples" / "001-tb-ket-luan-truc-bao-dan-van-quy-i-2021.yaml"
    pipeline.render_file(example, tmp_path / "rieng.docx", templates=tmp_path / "mau")
    assert "Nơi nhận (Võ Thanh An):" in reading_text(docx.Document(str(tmp_path / "rieng.docx")))
    prepared = reader.prepare(example)
    assert "van_ban" not in pipeline.render_context(prepared, pipeline.template_for(prepared))


def test_a_copy_into_a_templates_folder_goes_where_the_render_looks(tmp_path):
    written = template_vars.copy_template("nha-nuoc/cong-van", tmp_path / "mau")
    assert written == template_builder.template_path("nha-nuoc", "cong-van", tmp_path / "mau")
    assert written.read_bytes() == template_builder.template_path("nha-nuoc", "cong-van").read_bytes()


def test_an_unknown_template_name_is_rejected_with_the_list(tmp_path):
    with pytest.raises(template_vars.UnknownTemplate) as caught:
        template_vars.copy_template("dang/thong-bao", tmp_path / "x.docx")
    message = str(caught.value)
    assert message.startswith("không có mẫu có sẵn tên `dang/thong-bao` — các mẫu có sẵn: dang/thong-bao-ket-luan, ")
    assert all(t.name in message for t in template_vars.builtin_templates())
    assert not list(tmp_path.iterdir())


def test_the_guide_names_every_variable_filter_and_limit(context):
    guide = (ROOT / "docs" / "mau-word.md").read_text(encoding="utf-8")
    named = set(re.findall(r"^\| `([a-z_]+)", guide, re.MULTILINE))
    assert set(context) <= named, set(context) - named
    assert set(render.FILTERS) <= named, set(render.FILTERS) - named
    for limit in (f"tối đa {render.RENDER_TIME_LIMIT_SECONDS:g} giây",
                  f"tối đa {package.MAX_TOTAL_BYTES // package.MiB} MB",
                  f"mỗi phần bên trong tối đa {package.MAX_PART_BYTES // package.MiB} MB",
                  f"thêm tối đa {cage.MEMORY_LIMIT_BYTES // package.MiB} MB bộ nhớ",
                  f"tối đa {vnformat.number(sandbox.MAX_VALUE_LENGTH)} ký tự",
                  f"tối đa {vnformat.number(sandbox.MAX_NUMBER_DIGITS)} chữ số",
                  f"`range` tối đa {vnformat.number(sandbox.MAX_RANGE)} số"):
        assert limit in guide, limit
