"""A part nested as a numbered item of another (recommendations as 3.2 inside the tasks part, as a real
notice numbers them): printed as an item, still the part it is for `tasks`, `carry`, the checks and the lint."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from generator import reader
from generator.cycle import carry, tasks
from generator.walk import body_texts
from tests.conftest import MINIMAL_YAML, ROOT
from tests.test_cli import run

NESTED = MINIMAL_YAML.replace("ngay: 26/7/2010\n", "ngay: 26/7/2021\nky: quý II/2021\n").replace(
    "  mo_dau: Thường trực Tỉnh ủy đã kết luận.\n", """\
  mo_dau: Thường trực Tỉnh ủy đã kết luận.
  ket_qua:
    tieu_de: Về kết quả {ky}
    noi_dung:
      - Đạt nhiều kết quả.
  nhiem_vu:
    tieu_de: Về nhiệm vụ thời gian tới
    noi_dung:
      - tieu_de: Nhiệm vụ {ky_sau}
        muc:
          - noi_dung: Sơ kết Kết luận số 120-KL/TW.
            don_vi: Ban Dân vận Tỉnh ủy
            han: 30/9/2021
          - noi_dung: Tổ chức hội nghị chuyên đề.
            trang_thai: hoan-thanh
      - kien_nghi:
          tieu_de: Kiến nghị {ky_sau}
          noi_dung:
            - Đề nghị Tỉnh ủy quan tâm bố trí kinh phí.
""") + 'danh_so: ["1.", "1.1.", "a)"]\n'


def _line(text: str) -> int:
    return NESTED.splitlines().index(text) + 1


KIEN_NGHI_LINE = _line("      - kien_nghi:")
FIRST_TASK_LINE = _line("          - noi_dung: Sơ kết Kết luận số 120-KL/TW.")
SECOND_TASK_LINE = _line("          - noi_dung: Tổ chức hội nghị chuyên đề.")


def _body_lines(document) -> list[tuple[str, str]]:
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    start = next(i for i, (_, text) in enumerate(paragraphs) if text.startswith("Thường trực"))
    return paragraphs[start:]


def test_a_nested_part_prints_as_the_next_numbered_item_of_its_host(render_yaml):
    assert _body_lines(render_yaml(NESTED))[:8] == [
        ("VB Nội dung", "Thường trực Tỉnh ủy đã kết luận."),
        ("VB Đề mục", "1. Về kết quả quý II/2021"),
        ("VB Nội dung", "Đạt nhiều kết quả."),
        ("VB Đề mục", "2. Về nhiệm vụ thời gian tới"),
        ("VB Đề mục", "2.1. Nhiệm vụ quý III/2021"),
        ("VB Nội dung", "a) Sơ kết Kết luận số 120-KL/TW."),
        ("VB Nội dung", "b) Tổ chức hội nghị chuyên đề."),
        ("VB Đề mục", "2.2. Kiến nghị quý III/2021"),  # placeholders are filled inside the nested part too
    ]


def test_a_nested_part_among_tasks_shown_as_a_table_keeps_counting(render_yaml):
    text = NESTED.replace("    tieu_de: Về nhiệm vụ thời gian tới\n",
                          "    tieu_de: Về nhiệm vụ thời gian tới\n    bang_nhiem_vu: true\n")
    document = render_yaml(text)
    tasks_table = next(table for table in document.tables if table.cell(0, 0).text == "TT")
    assert [cell.text for cell in tasks_table.columns[0].cells] == ["TT", "2.1.", "a)", "b)"]
    assert ("VB Đề mục", "2.2. Kiến nghị quý III/2021") in _body_lines(document)


def test_the_recommendations_nested_in_the_tasks_part_are_not_tasks(make_yaml):
    prepared = reader.prepare(make_yaml(NESTED))
    assert [(task.text, task.units, task.line) for task in tasks.set_tasks(prepared)] == [
        ("Sơ kết Kết luận số 120-KL/TW.", ("Ban Dân vận Tỉnh ủy",), FIRST_TASK_LINE),
        ("Tổ chức hội nghị chuyên đề.", (), SECOND_TASK_LINE),
    ]
    assert prepared.document.noi_dung.find("kien_nghi")[1] == ("noi_dung", "nhiem_vu", "noi_dung", 1, "kien_nghi")


def test_the_tasks_part_nested_in_another_part_still_gives_the_tasks(make_yaml):
    text = MINIMAL_YAML.replace("  mo_dau: Thường trực Tỉnh ủy đã kết luận.\n", """\
  mo_dau: Thường trực Tỉnh ủy đã kết luận.
  ket_qua:
    tieu_de: Kết quả và nhiệm vụ
    noi_dung:
      - Đạt nhiều kết quả.
      - nhiem_vu:
          tieu_de: Nhiệm vụ tới
          noi_dung:
            - noi_dung: Sơ kết Kết luận số 120-KL/TW.
              han: 30/9/2010
""")
    found = tasks.set_tasks(reader.prepare(make_yaml(text)))
    assert [(task.text, task.path) for task in found] == [
        ("Sơ kết Kết luận số 120-KL/TW.", ("noi_dung", "ket_qua", "noi_dung", 1, "nhiem_vu", "noi_dung", 0))]


def test_carry_keeps_the_nested_part_in_its_place_and_prompts_it(make_yaml):
    carried = carry.carry(make_yaml(NESTED, "tb-quy-ii-2021.yaml"))
    data = yaml.safe_load(carried.text)
    tasks_part = data["noi_dung"]["nhiem_vu"]["noi_dung"]
    assert tasks_part[0].startswith("[cần viết] nhiệm vụ mới quý IV/2021")
    assert tasks_part[1]["muc"] == [{"noi_dung": "Sơ kết Kết luận số 120-KL/TW.", "don_vi": "Ban Dân vận Tỉnh ủy",
                                     "han": None}]  # the finished task is gone, the open one offered again
    assert tasks_part[2] == {"kien_nghi": {"tieu_de": "Kiến nghị {ky_sau}", "noi_dung": [
        "[cần viết] kiến nghị, đề xuất (xóa phần này nếu không có)"]}}
    assert [entry["nhiem_vu"] for entry in data["theo_doi"]] == ["Sơ kết Kết luận số 120-KL/TW.",
                                                                 "Tổ chức hội nghị chuyên đề."]


def test_the_lint_reads_the_texts_of_a_nested_part(make_yaml):
    source = reader.prepare(make_yaml(NESTED)).source
    assert (("noi_dung", "nhiem_vu", "noi_dung", 1, "kien_nghi", "noi_dung", 0),
            "Đề nghị Tỉnh ủy quan tâm bố trí kinh phí.") in list(body_texts(source.data))
    empty = NESTED.replace("          noi_dung:\n            - Đề nghị Tỉnh ủy quan tâm bố trí kinh phí.\n", "")
    code, _, err = run("check", str(make_yaml(empty, "rong.yaml")), cwd=ROOT)
    assert code == 0
    assert (f"rong.yaml:{KIEN_NGHI_LINE + 1}:20: cảnh báo VB142: phần `Kiến nghị quý III/2021` có tiêu đề nhưng "
            "không có nội dung") in err


@pytest.mark.parametrize("change, line, column, message", [
    (lambda t: t.replace("noi_nhan:", "  kien_nghi:\n    tieu_de: Kiến nghị\n    noi_dung: [x]\nnoi_nhan:"),
     KIEN_NGHI_LINE, 9, "lỗi VB013: phần `kien_nghi` viết hai lần (ở đây và ở cấp phần) — mỗi phần chỉ viết một "
                         "lần; hãy gộp hai chỗ làm một"),
    (lambda t: t.replace("noi_nhan:", "  thu_tu: [nhiem_vu, kien_nghi, ket_qua]\nnoi_nhan:"),
     KIEN_NGHI_LINE, 9, "lỗi VB013: phần `kien_nghi` nằm trong phần `nhiem_vu` nên in ở chỗ nó đứng — hãy bỏ "
                         "`kien_nghi` khỏi `thu_tu`"),
    (lambda t: t.replace("            - Đề nghị Tỉnh ủy quan tâm bố trí kinh phí.\n",
                         "            - Đề nghị Tỉnh ủy quan tâm bố trí kinh phí.\n"
                         "            - han_che: {tieu_de: Hạn chế, noi_dung: [z]}\n"),
     KIEN_NGHI_LINE + 4, 15, "lỗi VB013: phần `han_che` đặt trong phần `kien_nghi`, mà phần đó đã nằm trong phần "
                             "`nhiem_vu` — chỉ lồng một cấp; hãy đưa `han_che` lên cấp phần hoặc vào `nhiem_vu`"),
    (lambda t: t.replace("          - noi_dung: Tổ chức hội nghị chuyên đề.\n",
                         "          - kien_nghi: {tieu_de: Kiến nghị, noi_dung: [y]}\n"
                         "          - noi_dung: Tổ chức hội nghị chuyên đề.\n"),
     SECOND_TASK_LINE, 13, "lỗi VB010: khóa `kien_nghi` không có trong mẫu — một phần chỉ đặt được làm một mục "
                           "ngay trong `noi_dung` của phần khác (ví dụ `- kien_nghi:` dưới `nhiem_vu:` › "
                           "`noi_dung:`), không đặt trong `muc` của một mục"),
    (lambda t: t.replace("          tieu_de: Kiến nghị {ky_sau}\n", "          tieu_dee: Kiến nghị {ky_sau}\n"),
     KIEN_NGHI_LINE + 1, 11, "lỗi VB010: khóa `tieu_dee` không có trong mẫu — có phải ý bạn là `tieu_de`?"),
])
def test_a_nested_part_in_the_wrong_place_is_named_where_it_stands(make_yaml, change, line, column, message):
    code, _, err = run("check", str(make_yaml(change(NESTED), "sai.yaml")), cwd=ROOT)
    assert code == 1
    assert f"sai.yaml:{line}:{column}: {message}" in err


def test_the_schema_accepts_a_nested_part_and_refuses_two_names_in_one():
    schema = json.loads((ROOT / "schema" / "van-ban.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(NESTED)
    jsonschema.validate(data, schema)
    data["noi_dung"]["nhiem_vu"]["noi_dung"][1]["han_che"] = {"tieu_de": "Hạn chế"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
