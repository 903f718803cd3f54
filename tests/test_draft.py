"""`vanban new`: the draft of every kind is valid YAML, says what every key means, marks every text still to
write, and once written is a document that checks without errors — with and without an office profile."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator import pipeline, rulebook
from generator.cycle import carry, draft, office, period
from generator.cycle.carry import PROMPT
from generator.loader import iter_strings, load_file
from generator.model import Body, Document
from generator.safe_write import TargetRefused

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "examples" / "ban-dan-van-quang-ngai" / "don-vi.yaml"
TODAY = dt.date(2026, 11, 5)
EVERY_KIND = [pytest.param(info.rulebook, info.code, id=f"{info.rulebook}-{info.code}") for info in draft.kinds()]
KEY_LINE = re.compile(r"^(\s*)(?:- )?([a-z_]+):(?: |$)")
# Values the draft decides rather than suggests, so they carry no mark.
DECIDED = {("loai",), ("he_thong",), ("ky",), ("nguoi_ky",)}


def new(kind: str, code: str | None, office_: office.Office | None = None, **options) -> str:
    return draft.new_draft(kind, rulebook_code=code, office=office_, period_text=options.pop("period_text", None),
                           today=TODAY, **options)


def written(folder: Path, text: str, name: str = "nhap.yaml") -> Path:
    path = folder / name
    draft.write_draft(path, text)
    return path


def filled(text: str) -> str:
    """The draft as a secretary leaves it when every suggestion is what she meant: the marks deleted, the
    number, the date and the meeting's date given (the draft leaves those empty)."""
    reader = YAML()
    data = reader.load(text.replace(f"{PROMPT} ", ""))
    data["so"] = "12"
    data["ngay"] = "05/11/2026"
    if "hoi_nghi" in data:
        data["hoi_nghi"]["ngay"] = "02/11/2026"
    out = io.StringIO()
    reader.dump(data, out)
    return out.getvalue()


def errors(path: Path) -> list[str]:
    _, problems = pipeline.check_file(path, today=TODAY)
    return [str(p) for p in problems if p.is_error]


def uncommented_keys(text: str) -> list[str]:
    """Key lines that have no comment line right above them."""
    lines = text.splitlines()
    return [line for before, line in zip(lines, lines[1:])
            if KEY_LINE.match(line) and not before.lstrip().startswith("#")]


# ------------------------------------------------------------------------------------------------- the kinds

def test_every_kind_of_every_rulebook_has_an_outline() -> None:
    in_rulebooks = {code for name in rulebook.available() for code in rulebook.load(name).loai_van_ban}
    assert set(draft.OUTLINES) == in_rulebooks


@pytest.mark.parametrize("kind", sorted(draft.OUTLINES))
def test_outline_parts_are_body_parts_in_printed_order(kind: str) -> None:
    order = [name for name in Body.model_fields if name != "mo_dau"]  # every outline opens with `mo_dau`
    parts = list(draft.OUTLINES[kind].parts)
    assert parts == sorted(parts, key=order.index)


def test_kinds_lists_each_rulebook_kind_with_its_type_name() -> None:
    listed = {(info.rulebook, info.code): info for info in draft.kinds()}
    for name in rulebook.available():
        for code, kind in rulebook.load(name).loai_van_ban.items():
            assert listed[(name, code)].type_name == kind.ten_loai
            assert listed[(name, code)].summary
    assert ("dang", "ket-luan") in listed and ("nha-nuoc", "ket-luan") not in listed


# ---------------------------------------------------------------------------------------- without a profile

@pytest.mark.parametrize(("code", "kind"), EVERY_KIND)
def test_draft_is_commented_yaml_of_model_fields(code: str, kind: str, tmp_path: Path) -> None:
    text = new(kind, code)
    assert text.startswith(f"# yaml-language-server: $schema={draft.default_schema_ref()}\n")
    data = load_file(written(tmp_path, text)).data
    assert set(data) <= set(Document.model_fields)
    assert (data["loai"], data["he_thong"]) == (kind, code)
    assert not uncommented_keys(text)


@pytest.mark.parametrize(("code", "kind"), EVERY_KIND)
def test_every_text_to_write_is_marked(code: str, kind: str, tmp_path: Path) -> None:
    data = load_file(written(tmp_path, new(kind, code))).data
    unmarked = [(path, text) for path, text in iter_strings(data)
                if path not in DECIDED and not text.startswith(PROMPT)]
    assert not unmarked


@pytest.mark.parametrize(("code", "kind"), EVERY_KIND)
def test_unfilled_draft_errors_point_at_texts_to_write(code: str, kind: str, tmp_path: Path) -> None:
    text = new(kind, code)
    lines = text.splitlines()
    found = [p for p in pipeline.check_file(written(tmp_path, text), today=TODAY)[1] if p.is_error]
    assert found  # never rendered as drafted
    for problem in found:
        assert PROMPT in lines[problem.line - 1], problem


@pytest.mark.parametrize(("code", "kind"), EVERY_KIND)
def test_draft_once_written_checks_without_errors(code: str, kind: str, tmp_path: Path) -> None:
    assert errors(written(tmp_path, filled(new(kind, code)))) == []


def test_tasks_have_unit_deadline_and_status() -> None:
    data = YAML(typ="safe").load(new("thong-bao-ket-luan", "dang"))
    tasks = data["noi_dung"]["nhiem_vu"]["noi_dung"]
    assert tasks and all(set(task) == {"noi_dung", "don_vi", "han", "trang_thai"} for task in tasks)


def test_conclusions_draft_the_meeting_and_letters_the_addressees() -> None:
    assert "hoi_nghi" in YAML(typ="safe").load(new("ket-luan", "dang"))
    assert "hoi_nghi" not in YAML(typ="safe").load(new("bao-cao", "dang"))
    state_letter = YAML(typ="safe").load(new("cong-van", "nha-nuoc"))
    assert state_letter["kinh_gui"] and state_letter["co_quan"]["don_vi"]


# ---------------------------------------------------------------------------------------------- the period

def test_period_defaults_to_the_quarter_of_today() -> None:
    data = YAML(typ="safe").load(new("bao-cao", "dang"))
    assert data["ky"] == "quý IV/2026"


def test_period_given_is_written_and_explained() -> None:
    text = new("bao-cao", "dang", period_text="6 tháng đầu năm 2027")
    assert YAML(typ="safe").load(text)["ky"] == "6 tháng đầu năm 2027"
    assert "{ky_sau} là 6 tháng cuối năm 2027" in text


def test_default_name_is_the_one_carry_moves_on() -> None:
    name = draft.default_output("bao-cao", draft.period_of(None, TODAY))
    assert name == Path("bao-cao-quy-iv-2026.yaml")
    assert carry.default_output(name, *(period.parse(text) for text in ("quý IV/2026", "quý I/2027"))) == Path(
        "bao-cao-quy-i-2027.yaml")


def test_unreadable_period_is_refused() -> None:
    with pytest.raises(period.PeriodError):
        new("bao-cao", "dang", period_text="quý 5/2026")


# ------------------------------------------------------------------------------------------- with a profile

@pytest.fixture
def office_folder(tmp_path: Path) -> Path:
    shutil.copy(PROFILE, tmp_path / office.PROFILE_NAME)
    return tmp_path


@pytest.mark.parametrize("kind", list(rulebook.load("dang").loai_van_ban))
def test_profile_keys_are_left_out_and_named_once(kind: str, office_folder: Path) -> None:
    profile = office.load(office_folder / office.PROFILE_NAME)
    text = new(kind, None, profile)
    data = YAML(typ="safe").load(text)
    given = [key for key in profile.source.data if key in Document.model_fields and key != "nguoi_ky"]
    assert not set(given) & set(data)
    assert data["nguoi_ky"] == "truong-ban"
    lines = text.splitlines()
    (named,) = [line for line in lines if "lấy từ don-vi.yaml" in line]
    assert all(key in named for key in given)
    assert "pho-truong-ban" in lines[lines.index("nguoi_ky: truong-ban") - 1]  # the other signer, to choose
    assert not uncommented_keys(text)
    assert errors(written(office_folder, filled(text))) == []


STATE_PROFILE = """\
he_thong: nha-nuoc
co_quan:
  ten: Ủy ban nhân dân tỉnh Quảng Ngãi
  viet_tat: UBND
dia_danh: Quảng Ngãi
nguoi_ky:
  chu-tich:
    quyen_han: TM.
    thay_mat: Ủy ban nhân dân
    chuc_vu: Chủ tịch
    ho_ten: Đặng Văn Minh
noi_nhan:
  - Thường trực Tỉnh ủy (b/c)
  - Sở Nội vụ
"""


@pytest.mark.parametrize("kind", list(rulebook.load("nha-nuoc").loai_van_ban))
def test_state_profile_without_drafting_unit(kind: str, tmp_path: Path) -> None:
    (tmp_path / office.PROFILE_NAME).write_text(STATE_PROFILE, encoding="utf-8")
    text = new(kind, None, office.load(tmp_path / office.PROFILE_NAME))
    data = YAML(typ="safe").load(text)
    # A State công văn's number needs the drafting unit the profile lacks: only that is left to write.
    assert data.get("co_quan") == ({"don_vi": f"{PROMPT} VX"} if kind == "cong-van" else None)
    assert "he_thong" not in data and data["nguoi_ky"] == "chu-tich"
    assert errors(written(tmp_path, filled(text))) == []


def test_signer_key_is_quoted_as_yaml_needs(tmp_path: Path) -> None:
    odd = "#1: pho-ban [tạm]"
    (tmp_path / office.PROFILE_NAME).write_text(
        f'nguoi_ky:\n  "{odd}":\n    chuc_vu: Phó Trưởng Ban\n    ho_ten: Lê Văn Hòa\n', encoding="utf-8")
    text = new("bao-cao", "dang", office.load(tmp_path / office.PROFILE_NAME))
    assert load_file(written(tmp_path, text)).data["nguoi_ky"] == odd


# ------------------------------------------------------------------------------------------ writing, errors

def test_writing_twice_refuses_and_keeps_the_first(tmp_path: Path) -> None:
    path = written(tmp_path, new("bao-cao", "dang"))
    with pytest.raises(TargetRefused):
        draft.write_draft(path, "khác")
    assert path.read_text(encoding="utf-8") == new("bao-cao", "dang")


def test_unknown_kind_names_the_kinds() -> None:
    with pytest.raises(ValueError, match=r"loại `bien-ban` chưa có .* hãy dùng: ") as caught:
        new("bien-ban", "dang")
    assert all(code in str(caught.value) for code in rulebook.load("dang").loai_van_ban)


def test_kind_of_another_rulebook_says_where_it_is() -> None:
    with pytest.raises(ValueError, match="có trong hệ thống dang"):
        new("ket-luan", "nha-nuoc")


def test_unknown_rulebook_names_the_rulebooks() -> None:
    with pytest.raises(ValueError, match=f"hệ thống `quan-doi` chưa có — hãy dùng: {', '.join(rulebook.codes())}"):
        new("bao-cao", "quan-doi")


def test_schema_reference_is_the_callers() -> None:
    assert new("bao-cao", "dang", schema_ref="../schema/van-ban.schema.json").startswith(
        "# yaml-language-server: $schema=../schema/van-ban.schema.json\n")
    with pytest.raises(ValueError):
        new("bao-cao", "dang", schema_ref="a\nb: c")


@pytest.mark.parametrize(("code", "kind"), EVERY_KIND)
@pytest.mark.parametrize("with_profile", [False, True], ids=["", "profile"])
def test_every_draft_validates_against_the_json_schema_before_and_after_filling(tmp_path, code, kind,
                                                                                with_profile):
    from jsonschema import Draft202012Validator

    from generator import schema

    validator = Draft202012Validator(schema.document_schema())
    found = office.load(PROFILE) if with_profile and code == "dang" else None
    text = new(kind, code, found)
    for version in (text, filled(text)):
        data = load_file(written(tmp_path, version, f"{len(list(tmp_path.iterdir()))}.yaml")).data
        assert [error.message for error in validator.iter_errors(data)] == []
