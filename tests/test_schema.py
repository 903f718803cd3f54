"""The JSON Schemas for editors: valid, the same as the committed files, accepting every example as the tool reads
it and as an editor's YAML parser types it, and saying yes or no where the tool does."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML

from generator import rulebook, schema
from generator.cycle.office import PROFILE_NAME
from generator.errors import InputError
from generator.loader import load_file
from generator.model import ColumnKind, TaskStatus
from generator.reader import prepare
from tests.conftest import MINIMAL_YAML, ROOT

OFFICE = ROOT / "examples" / "ban-dan-van-quang-ngai"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) + sorted(OFFICE.glob("*.yaml"))
DOCUMENT = Draft202012Validator(schema.document_schema())
PROFILE = Draft202012Validator(schema.profile_schema())


def _as_json(data: Any) -> Any:
    """Data as an editor sees it: JSON values (a YAML 1.1 date is its text)."""
    return json.loads(json.dumps(data, default=str))


# How a file is read: by the tool (every scalar is text), by PyYAML (YAML 1.1: `yes` is true, `05` is 5) and as
# the VS Code YAML extension does (YAML 1.2: `yes` stays text, `2021-04-12` stays text).
READINGS = {
    "tool": lambda path: load_file(path).data,
    "yaml-1.1": lambda path: _as_json(yaml.safe_load(path.read_text(encoding="utf-8"))),
    "yaml-1.2": lambda path: _as_json(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))),
}


def _validator(path: Path) -> Draft202012Validator:
    return PROFILE if path.name == PROFILE_NAME else DOCUMENT


def _errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(data)]


def _tool_accepts(path: Path) -> bool:
    try:
        prepare(path)
    except InputError:
        return False
    return True


@pytest.mark.parametrize("validator", [DOCUMENT, PROFILE], ids=["van-ban", "don-vi"])
def test_schema_is_a_valid_draft_2020_12_schema(validator):
    Draft202012Validator.check_schema(validator.schema)
    assert validator.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("name", sorted(schema.published()))
def test_committed_copy_is_what_the_code_generates(name):
    committed = ROOT / "schema" / name
    expected = schema.dumps(schema.published()[name])
    assert committed.is_file() and committed.read_text(encoding="utf-8") == expected, (
        f"schema/{name} is out of date: regenerate both files with `python -m generator.schema` and commit them")


@pytest.mark.parametrize("reading", sorted(READINGS))
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.relative_to(ROOT / "examples").as_posix() for p in EXAMPLES])
def test_every_example_is_valid(path, reading):
    assert _errors(_validator(path), READINGS[reading](path)) == []


def test_descriptions_are_vietnamese_and_no_english_titles():
    text = json.dumps(DOCUMENT.schema, ensure_ascii=False)
    assert re.findall(r'"title": "([^"]*)"', text) == ["Văn bản vanban"]
    assert DOCUMENT.schema["properties"]["dia_danh"]["description"] == "địa danh nơi cơ quan đóng trụ sở"


def test_keys_an_office_profile_gives_are_not_required():
    assert DOCUMENT.schema["required"] == ["loai", "trich_yeu", "noi_dung"]
    assert "co_quan" in DOCUMENT.schema["description"]  # the root says which keys the profile may give


def _union(values: list[list[str]]) -> list[str]:
    return list(dict.fromkeys(value for group in values for value in group))


def _enum(node: dict[str, Any]) -> list[Any]:
    """The values a property lists, leaving out `null`."""
    return next(branch["enum"] for branch in node.get("anyOf", [node]) if "enum" in branch)


def test_enums_are_the_rulebooks_values():
    books = [rulebook.load(code) for code in rulebook.available()]
    properties, definitions = DOCUMENT.schema["properties"], DOCUMENT.schema["$defs"]
    assert _enum(properties["loai"]) == _union([list(book.loai_van_ban) for book in books])
    assert _enum(properties["he_thong"]) == rulebook.codes()
    assert _enum(PROFILE.schema["properties"]["he_thong"]) == rulebook.codes()
    assert _enum(definitions["Signature"]["properties"]["quyen_han"]) == _union(
        [list(book.quyen_han_ky) for book in books])
    assert _enum(properties["dau_cuoi_dong"]) == _union([book.noi_nhan.dau_cuoi_dong_cho_phep for book in books])
    assert definitions["TaskStatus"]["enum"] == [status.value for status in TaskStatus]
    assert definitions["ColumnKind"]["enum"] == [kind.value for kind in ColumnKind]
    for node in (properties["loai"], definitions["TaskStatus"], definitions["ColumnKind"]):
        values = node.get("anyOf", [node])[0]
        assert len(values["markdownEnumDescriptions"]) == len(values["enum"])


# One change to the smallest valid notice, and whether the tool takes it: the schema must say the same.
SIGNER = "nguoi_ky:\n  chuc_vu: Chánh Văn phòng\n"
CASES = {
    "date d/m/yyyy": ("ngay: 26/7/2010", "ngay: 09/4/2021", True),
    "date d-m-yyyy": ("ngay: 26/7/2010", "ngay: 26-07-2010", True),
    "date d.m.yyyy": ("ngay: 26/7/2010", "ngay: 26.7.2010", True),
    "date yyyy-mm-dd": ("ngay: 26/7/2010", "ngay: 2010-07-26", True),
    "date with a two-digit year": ("ngay: 26/7/2010", "ngay: 26/7/10", False),
    "date yyyy/mm/dd": ("ngay: 26/7/2010", "ngay: 2010/07/26", False),
    "number with a leading zero": ('so: "970"', "so: 05", True),
    "number with a symbol": ('so: "970"', "so: 12a", False),
    "negative number": ('so: "970"', "so: -5", False),
    "year": ("ngay: 26/7/2010", "nam: 2021", True),
    "two-digit year": ("ngay: 26/7/2010", "nam: 21", False),
    "another kind": ("loai: thong-bao-ket-luan", "loai: bao-cao", True),
    "unknown kind": ("loai: thong-bao-ket-luan", "loai: thong-bao", False),
    "State kind": ("loai: thong-bao-ket-luan", "loai: bao-cao\nhe_thong: nha-nuoc", True),
    "Party-only kind in a State notice": ("loai: thong-bao-ket-luan", "loai: ket-luan\nhe_thong: nha-nuoc", False),
    "unknown rulebook": ("loai: thong-bao-ket-luan", "loai: bao-cao\nhe_thong: quoc-hoi", False),
    "Party signing prefix": (SIGNER, SIGNER + "  quyen_han: T/M\n  thay_mat: BAN THƯỜNG VỤ\n", True),
    "State signing prefix in a State notice": (
        SIGNER, "he_thong: nha-nuoc\n" + SIGNER + "  quyen_han: TM.\n  thay_mat: ỦY BAN NHÂN DÂN\n", True),
    "Party signing prefix in a State notice": (
        SIGNER, "he_thong: nha-nuoc\n" + SIGNER + "  quyen_han: T/M\n  thay_mat: ỦY BAN NHÂN DÂN\n", False),
    "semicolon": ("noi_nhan:", 'dau_cuoi_dong: ";"\nnoi_nhan:', True),
    "full stop as separator": ("noi_nhan:", 'dau_cuoi_dong: "."\nnoi_nhan:', False),
    "comma in a State notice": ("noi_nhan:", 'he_thong: nha-nuoc\ndau_cuoi_dong: ","\nnoi_nhan:', False),
    "blank summary": ("trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY", 'trich_yeu: " "', False),
    "summary on lines": ("trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY", "trich_yeu: [KẾT LUẬN, tại hội nghị]", True),
    "yes as a boolean": ("  mo_dau:", "  ket_qua:\n    tieu_de: Kết quả\n    bang_nhiem_vu: yes\n  mo_dau:", True),
    "Vietnamese word as a boolean": (
        "  mo_dau:", "  ket_qua:\n    tieu_de: Kết quả\n    bang_nhiem_vu: có\n  mo_dau:", False),
    "copies": ("noi_nhan:", "nguoi_danh_may:\n  ky_hieu: PL\n  so_ban: 30\nnoi_nhan:", True),
    "copies in words": ("noi_nhan:", "nguoi_danh_may:\n  ky_hieu: PL\n  so_ban: ba mươi\nnoi_nhan:", False),
    "percent column": ("  mo_dau:", "  ket_qua:\n    noi_dung:\n      - bang:\n          cot: [Nơi, {ten: Tỷ lệ, "
                                    "kieu: phan_tram}]\n          dong: [[Huyện A, '98,5']]\n  mo_dau:", True),
    "unknown column kind": ("  mo_dau:", "  ket_qua:\n    noi_dung:\n      - bang:\n          cot: [Nơi, {ten: Tỷ "
                                         "lệ, kieu: tien}]\n          dong: [[Huyện A, '98,5']]\n  mo_dau:", False),
    "bullets only": ("  mo_dau:", "  ket_qua:\n    noi_dung:\n      - gach_dau_dong: [Một ý]\n  mo_dau:", True),
    "misspelt key": ("noi_nhan:", "noi_nhna:", False),
}

# A notice in the office folder of the examples: the profile gives the body, place, signer and recipients.
IN_OFFICE = """\
loai: thong-bao-ket-luan
trich_yeu: KẾT LUẬN CỦA TRƯỞNG BAN
noi_dung:
  mo_dau: Trưởng Ban đã kết luận.
nguoi_ky: truong-ban
"""
OFFICE_CASES = {
    "nothing the profile gives": ("", "", True),
    "signer by another key": ("nguoi_ky: truong-ban", "nguoi_ky: pho-truong-ban", True),
    "signer written out": ("nguoi_ky: truong-ban", SIGNER + "  ho_ten: Lê Văn Hai", True),
    "recipients added and removed": ("", "noi_nhan:\n  them: [Sở Tư pháp]\n  bo: Sở Nội vụ\n", True),
    "recipients replaced": ("", "noi_nhan: [Sở Tư pháp]\n", True),
    "recipients with an unknown change": ("", "noi_nhan:\n  them: [Sở Tư pháp]\n  xoa: [Sở Nội vụ]\n", False),
    "one line of the body changed": ("", "co_quan:\n  ten: Ban Tuyên giáo\n", True),
    "place left empty": ("", "dia_danh:\n", True),
}


def _check(path: Path, accepted: bool) -> None:
    assert _tool_accepts(path) is accepted, "the case no longer says what the tool does"
    readings = READINGS if accepted else {"tool": READINGS["tool"]}  # the editor must never refuse what works
    for reading, read in readings.items():
        errors = _errors(DOCUMENT, read(path))
        assert (errors == []) is accepted, f"{reading}: {errors or 'accepted'}"


@pytest.mark.parametrize(("old", "new", "accepted"), CASES.values(), ids=CASES.keys())
def test_schema_says_what_the_tool_says(tmp_path, old, new, accepted):
    assert old in MINIMAL_YAML
    path = tmp_path / "tb.yaml"
    path.write_text(MINIMAL_YAML.replace(old, new, 1), encoding="utf-8")
    _check(path, accepted)


@pytest.mark.parametrize(("old", "new", "accepted"), OFFICE_CASES.values(), ids=OFFICE_CASES.keys())
def test_schema_says_what_the_tool_says_beside_a_profile(tmp_path, old, new, accepted):
    shutil.copy(OFFICE / PROFILE_NAME, tmp_path / PROFILE_NAME)
    path = tmp_path / "tb.yaml"
    path.write_text(IN_OFFICE.replace(old, new, 1) if old else IN_OFFICE + new, encoding="utf-8")
    _check(path, accepted)


def test_profile_refuses_what_its_rulebook_refuses():
    profile = load_file(OFFICE / PROFILE_NAME).data
    assert _errors(PROFILE, profile) == []
    assert _errors(PROFILE, profile | {"he_thong": "nha-nuoc", "dau_cuoi_dong": ";"})  # K/T is a Party prefix
    assert _errors(PROFILE, profile | {"dia_chi": "02 Hai Bà Trưng"})


@pytest.mark.parametrize(("kind", "pattern", "samples"), [
    (int, schema.INTEGER_TEXT, ["30", " 30 ", "+5", "-5", "1_000", "5.0", "05", "5.", "5.5", "0x10", "1__0", "ba"]),
    (float, schema.NUMBER_TEXT, ["3.5", "3", "3.", ".5", "-0", "1e3", "1_0.5", "3,5", ".", "1e", "ba"]),
    (bool, schema.BOOLEAN_TEXT, ["true", "True", "FALSE", "yes", "No", "on", "OFF", "y", "n", "t", "f", "1", "0",
                                 " true", "có", "2", "none"]),
])
def test_text_patterns_read_what_pydantic_converts(kind, pattern, samples):
    """The text forms of numbers and booleans: what pydantic turns into the type, and nothing else."""
    def converts(text: str) -> bool:
        try:
            TypeAdapter(kind).validate_python(text)
        except ValidationError:
            return False
        return True

    assert {text: bool(re.search(pattern, text)) for text in samples} == {text: converts(text) for text in samples}
