"""`vanban new`: the first draft of a document of one kind — a YAML file a secretary fills in.

Every key of the draft carries the model's description of it as a comment. Every text to write is an example
that starts with the prompt ``[cần viết]``, which the checker refuses (VB160), so a draft is never printed as it
is; dates and numbers are left empty, their comment showing an example. With an office profile, what the profile
gives is left out and named in one comment line. ruamel.yaml writes the file, so any text is quoted as YAML
needs.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator import resources, rulebook, safe_write
from generator.cycle import period
from generator.cycle.carry import slug
from generator.cycle.prompts import PROMPT
from generator.cycle.office import Office
from generator.model import Document, IssuingBody, Meeting, Signature
from generator.rulebook import Rulebook
from generator.validate import _models_in

SCHEMA_FILE = resources.shipped("schema") / "van-ban.schema.json"
"""The JSON Schema of documents, committed at the root of the repository."""


@dataclass(frozen=True)
class Outline:
    """How a draft of one kind is laid out, with the example texts it starts from (without the mark)."""

    summary: str  # one line, for `vanban kinds`
    trich_yeu: tuple[str, ...]
    mo_dau: str
    # The parts of `noi_dung` after `mo_dau`, in printed order, each with its example: the heading of a numbered
    # part, the paragraph of `ket_thuc`.
    parts: dict[str, str]
    meeting: bool = False  # the document concludes a meeting: `hoi_nghi` is drafted


# Every kind of every rulebook has an outline (a test checks it). `kinh_gui` and the drafting unit of the
# number (`co_quan.don_vi`) are not here: the rulebook says which kinds need them.
OUTLINES: dict[str, Outline] = {
    "thong-bao-ket-luan": Outline(
        summary="thông báo kết luận của người chủ trì cuộc họp, hội nghị: kết quả, hạn chế, nhiệm vụ, kiến nghị",
        trich_yeu=("KẾT LUẬN CỦA … (chức vụ người chủ trì)", "tại hội nghị … {ky}"),
        mo_dau="Ngày {hoi_nghi.ngay}, … tổ chức {hoi_nghi.ten}. Sau khi nghe báo cáo … và ý kiến của các đồng chí "
               "dự họp, đồng chí … kết luận như sau:",
        parts={"ket_qua": "Về kết quả thực hiện nhiệm vụ {ky}", "han_che": "Về hạn chế, tồn tại",
               "nhiem_vu": "Về nhiệm vụ trọng tâm {ky_sau}", "kien_nghi": "Về các kiến nghị, đề xuất",
               "ket_thuc": "Giao … theo dõi, đôn đốc việc thực hiện kết luận này, báo cáo kết quả về …."},
        meeting=True),
    "ket-luan": Outline(
        summary="kết luận của hội nghị, cuộc họp cấp ủy: kết quả, hạn chế, nhiệm vụ, giải pháp, kiến nghị",
        trich_yeu=("HỘI NGHỊ … (tên hội nghị)", "về …"),
        mo_dau="Ngày {hoi_nghi.ngay}, … tổ chức {hoi_nghi.ten}. Sau khi nghe … và ý kiến thảo luận của …, … "
               "kết luận như sau:",
        parts={"ket_qua": "Về kết quả đạt được", "han_che": "Về hạn chế, nguyên nhân",
               "nhiem_vu": "Về nhiệm vụ, giải pháp thời gian tới", "kien_nghi": "Kiến nghị, đề xuất",
               "ket_thuc": "Giao … chủ trì theo dõi, đôn đốc việc thực hiện Kết luận này; định kỳ báo cáo …."},
        meeting=True),
    "bao-cao": Outline(
        summary="báo cáo kết quả trong kỳ: kết quả, hạn chế, nhiệm vụ kỳ sau, kiến nghị",
        trich_yeu=("kết quả … {ky},", "phương hướng, nhiệm vụ {ky_sau}"),
        mo_dau="Thực hiện …, … báo cáo kết quả … {ky}, phương hướng, nhiệm vụ {ky_sau} như sau:",
        parts={"ket_qua": "Kết quả thực hiện nhiệm vụ {ky}", "han_che": "Hạn chế, nguyên nhân",
               "nhiem_vu": "Phương hướng, nhiệm vụ {ky_sau}", "kien_nghi": "Kiến nghị, đề xuất"}),
    "ke-hoach": Outline(
        summary="kế hoạch: mục đích, yêu cầu; nhiệm vụ có đơn vị thực hiện và thời hạn; tổ chức thực hiện",
        trich_yeu=("thực hiện … {nam}",),
        mo_dau="Thực hiện …, … ban hành Kế hoạch … như sau:",
        parts={"muc_dich_yeu_cau": "Mục đích, yêu cầu", "nhiem_vu": "Nhiệm vụ cụ thể",
               "to_chuc_thuc_hien": "Tổ chức thực hiện"}),
    "cong-van": Outline(
        summary="công văn gửi các nơi ghi ở Kính gửi: đề nghị, đôn đốc, hướng dẫn, trao đổi công việc",
        trich_yeu=("về …",),
        mo_dau="Thực hiện …, … đề nghị … thực hiện một số nội dung sau: …",
        parts={"ket_thuc": "Đề nghị … báo cáo kết quả về … trước ngày …."}),
}

# What to write under the heading of each numbered part; the tasks of `nhiem_vu` are items of their own.
_PART_TEXTS = {
    "muc_dich_yeu_cau": "Nêu mục đích của kế hoạch và yêu cầu đối với cơ quan, đơn vị thực hiện.",
    "ket_qua": "Nêu những kết quả nổi bật, có số liệu cụ thể.",
    "han_che": "Nêu những hạn chế, tồn tại và nguyên nhân.",
    "kien_nghi": "Nêu các kiến nghị, đề xuất và ý kiến xử lý.",
    "to_chuc_thuc_hien": "Giao đơn vị chủ trì theo dõi, đôn đốc; chế độ báo cáo kết quả thực hiện.",
}
_TASKS = ("Việc cần làm thứ nhất, ghi rõ kết quả cần đạt.", "Việc cần làm thứ hai.")
_TASK_UNIT = "đơn vị chủ trì"

_HOW_TO = ("Mỗi chỗ '{mark} …' là gợi ý: hãy viết nội dung thật thay vào, xóa cả chữ {mark}.",
           "Còn chỗ nào chưa viết thì công cụ báo lỗi và không in văn bản.",
           "Chữ nằm giữa hai dấu nháy ' … ': giữ hai dấu nháy; trong chữ, dấu ' phải gõ hai lần ('').",
           "Dòng bắt đầu bằng # là ghi chú: công cụ bỏ qua. Kiểm tra bản nháp: vanban check <tệp>.")


@dataclass(frozen=True)
class KindInfo:
    """One kind of document of one rulebook, as `vanban kinds` lists it."""

    code: str               # thong-bao-ket-luan
    rulebook: str           # dang
    type_name: str | None   # THÔNG BÁO; a công văn has none
    summary: str


def kinds() -> list[KindInfo]:
    """Every kind of every rulebook, rulebook by rulebook, in the order the rulebook lists them."""
    return [KindInfo(code, book.ma, kind.ten_loai, OUTLINES[code].summary)
            for book in map(rulebook.load, rulebook.available())
            for code, kind in book.loai_van_ban.items()]


def default_schema_ref() -> str:
    """The file URI of :data:`SCHEMA_FILE`: right for a draft made on the machine vanban is installed on."""
    return SCHEMA_FILE.as_uri()


def period_of(period_text: str | None, today: dt.date) -> period.Period:
    """The period of a new draft: ``period_text`` as read (``quý II/2021``), else the quarter of ``today``."""
    if period_text:
        return period.parse(period_text)
    return period.Period(period.Kind.QUARTER, today.year, (today.month - 1) // 3 + 1)


def default_output(kind: str, current: period.Period) -> Path:
    """``thong-bao-ket-luan-quy-iv-2026.yaml``: the kind, then the period as `vanban carry` moves it on."""
    return Path(f"{kind}-{slug(current)}.yaml")


def new_draft(kind: str, *, rulebook_code: str | None, office: Office | None, period_text: str | None,
              today: dt.date, schema_ref: str | None = None) -> str:
    """The text of a YAML draft of ``kind``, to be filled in by the secretary.

    ``rulebook_code`` defaults to the profile's, else the model's default (``dang``). ``office``: what its
    profile gives is left out of the draft, its first signer is the signer. ``period_text`` (``quý II/2021``)
    defaults to the quarter of ``today``. ``schema_ref`` is what the editor modeline of the first line points
    to: a URL, or a path relative to the draft's folder; by default :func:`default_schema_ref`.

    Raise :class:`ValueError` with a Vietnamese message for an unknown rulebook or kind, or a period that cannot
    be read (:class:`period.PeriodError`).
    """
    profile = office.source.data if office is not None else {}
    code = rulebook_code or profile.get("he_thong") or Document.model_fields["he_thong"].default
    book = _rulebook(code)
    outline = _outline(kind, book)
    current = period_of(period_text, today)
    values = _document_values(kind, code, book, outline, current)
    supplied = _supplied(profile, code)
    values = _left_to_write(values, {key: profile[key] for key in supplied})
    notes = {("ky",): _period_note(current)}
    signers = list(profile.get("nguoi_ky") or {})
    if signers:
        values["nguoi_ky"] = signers[0]
        notes[("nguoi_ky",)] = _signer_note(signers, office)
    values = {key: values[key] for key in Document.model_fields if key in values}

    header = [f"Bản nháp {_kind_label(book, kind)} ({kind}) — {book.ten}.",
              *(line.format(mark=PROMPT) for line in _HOW_TO)]
    if supplied:
        header.append(_profile_note(supplied, office))
    root = _commented_mapping(values, Document, 0, (), notes)
    root.yaml_set_start_comment("\n".join(header))
    return f"# yaml-language-server: $schema={_one_line(schema_ref or default_schema_ref())}\n{_dump(root)}"


def write_draft(path: Path, text: str) -> None:
    """Write a draft to a file that must not exist yet; raise :class:`safe_write.TargetRefused` if it does."""
    safe_write.write_new(path, text.encode("utf-8"))


# ------------------------------------------------------------------------------------------------- choosing

def _rulebook(code: str) -> Rulebook:
    if code not in rulebook.codes():
        raise ValueError(f"hệ thống `{code}` chưa có — hãy dùng: {', '.join(rulebook.codes())}")
    return rulebook.load(code)


def _outline(kind: str, book: Rulebook) -> Outline:
    if kind in book.loai_van_ban:
        return OUTLINES[kind]
    elsewhere = [info.rulebook for info in kinds() if info.code == kind]
    hint = f" (loại này có trong hệ thống {', '.join(elsewhere)})" if elsewhere else ""
    raise ValueError(f"loại `{kind}` chưa có trong {book.ten} — hãy dùng: {', '.join(book.loai_van_ban)}{hint}")


def _kind_label(book: Rulebook, kind: str) -> str:
    return book.loai_van_ban[kind].ten_loai or "CÔNG VĂN"


# ------------------------------------------------------------------------------------------------- content

def _todo(text: str) -> str:
    return f"{PROMPT} {text}"


def _example(model: type[BaseModel], name: str) -> Any:
    """The model's first example of a field, every text in it marked as still to write."""
    return _marked(model.model_fields[name].examples[0])


def _marked(value: Any) -> Any:
    if isinstance(value, str):
        return _todo(value)
    if isinstance(value, list):
        return [_marked(item) for item in value]
    if isinstance(value, dict):
        return {key: _marked(item) for key, item in value.items()}
    return value


def _sample(model: type[BaseModel], filled: tuple[str, ...], empty: tuple[str, ...] = ()) -> dict[str, Any]:
    """Fields of ``model`` in its order: ``filled`` with their example to rewrite, ``empty`` left blank."""
    return {name: _example(model, name) if name in filled else None
            for name in model.model_fields if name in filled or name in empty}


def _document_values(kind: str, code: str, book: Rulebook, outline: Outline,
                     current: period.Period) -> dict[str, Any]:
    """Everything the draft of ``kind`` holds when no profile gives anything."""
    rules = book.loai_van_ban[kind]
    issuer = ("ten", "viet_tat") + (("don_vi",) if rules.ma is None else ())  # a number without type code
    values: dict[str, Any] = {
        "loai": kind,
        "he_thong": code,
        "co_quan": _sample(IssuingBody, issuer, empty=("cap_tren",)),
        "so": None,
        "dia_danh": _example(Document, "dia_danh"),
        "ngay": None,
        "ky": current.text(),
        "trich_yeu": [_todo(line) for line in outline.trich_yeu],
        "noi_dung": _body(outline),
        "noi_nhan": _example(Document, "noi_nhan"),
        "nguoi_ky": _sample(Signature, ("chuc_vu", "ho_ten"), empty=("quyen_han", "thay_mat")),
    }
    if outline.meeting:
        values["hoi_nghi"] = _sample(Meeting, ("ten", "chu_tri", "thanh_phan"), empty=("ngay",))
    if rules.cong_van:
        values["kinh_gui"] = _example(Document, "kinh_gui")
    return values


def _body(outline: Outline) -> dict[str, Any]:
    body: dict[str, Any] = {"mo_dau": [_todo(outline.mo_dau)]}
    for name, text in outline.parts.items():
        if name == "ket_thuc":
            body[name] = [_todo(text)]
        else:
            content = [_task(task) for task in _TASKS] if name == "nhiem_vu" else [_todo(_PART_TEXTS[name])]
            body[name] = {"tieu_de": _todo(text), "noi_dung": content}
    return body


def _task(text: str) -> dict[str, Any]:
    return {"noi_dung": _todo(text), "don_vi": [_todo(_TASK_UNIT)], "han": None, "trang_thai": None}


# ------------------------------------------------------------------------------------------------- profile

def _given(value: Any) -> bool:
    return value not in (None, "", [], {})


def _supplied(profile: dict[str, Any], code: str) -> list[str]:
    """The document's keys the profile gives, in the model's order; signers are named apart, and the rulebook
    only counts when it is the one chosen."""
    return [key for key in Document.model_fields
            if key != "nguoi_ky" and _given(profile.get(key)) and (key != "he_thong" or profile[key] == code)]


def _left_to_write(values: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """``values`` without what ``given`` holds; of a section given in part, the rest that is filled in (the
    profile's `co_quan` without the drafting unit a State công văn needs)."""
    kept: dict[str, Any] = {}
    for key, value in values.items():
        if key not in given:
            kept[key] = value
        elif isinstance(value, dict) and isinstance(given[key], dict):
            rest = {k: v for k, v in _left_to_write(value, given[key]).items() if v is not None}
            if rest:
                kept[key] = rest
    return kept


def _profile_note(supplied: list[str], office: Office) -> str:
    note = f"{', '.join(supplied)}: lấy từ {office.source.path.name} — ghi ở đây nếu văn bản này khác"
    if "noi_nhan" in supplied:
        note += " (nơi nhận thêm, bớt: noi_nhan: {them: [...], bo: [...]})"
    return note


def _signer_note(signers: list[str], office: Office) -> str:
    others = f"; người ký khác: {', '.join(signers[1:])}" if len(signers) > 1 else ""
    return f"tên ngắn của người ký trong {office.source.path.name}{others}"


def _period_note(current: period.Period) -> str:
    values = period.placeholder_values(current)
    return "ở văn bản này: " + ", ".join(f"{{{name}}} là {text}" for name, text in values.items())


# ------------------------------------------------------------------------------------------------- writing

def _comment(model: type[BaseModel], key: str, value: Any, note: str | None) -> str:
    """What a key means, from the model; for an empty value, what to write in it."""
    field = model.model_fields[key]
    text = field.description or key
    if value is None:
        choices = [member.value for kind in _enums_in(field.annotation) for member in kind]
        if choices:
            text += " — một trong: " + ", ".join(choices)
        elif field.examples:
            text += f" — ví dụ: {field.examples[0]}"
    return f"{text} ({note})" if note else text


def _enums_in(annotation: Any) -> list[type[enum.Enum]]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in _enums_in(arg)]


def _commented_mapping(values: dict[str, Any], model: type[BaseModel], column: int, path: tuple[str, ...],
                       notes: dict[tuple[str, ...], str], *, first_elsewhere: bool = False) -> CommentedMap:
    """``values`` as a mapping whose keys, written at ``column``, each stand under the comment saying what they
    mean. With ``first_elsewhere`` the first key's comment is left to the caller (an item of a list)."""
    mapping = CommentedMap()
    for position, (key, value) in enumerate(values.items()):
        inner = _models_in(model.model_fields[key].annotation)  # of content (text, item, bullets, table): the item
        mapping[key] = _commented(value, inner[0] if inner else None, column + 2, path + (key,), notes)
        if position == 0 and first_elsewhere:
            continue
        comment = _comment(model, key, value, notes.get(path + (key,)))
        spacer = "\n" if column == 0 else ""  # a blank line after the header and between top-level sections
        mapping.yaml_set_comment_before_after_key(key, before=spacer + comment, indent=column)
    return mapping


def _commented(value: Any, model: type[BaseModel] | None, column: int, path: tuple[str, ...],
               notes: dict[tuple[str, ...], str]) -> Any:
    """``value`` as ruamel nodes; a nested mapping is written at ``column``, a list's dashes there too."""
    if isinstance(value, dict) and model is not None:
        return _commented_mapping(value, model, column, path, notes)
    if isinstance(value, list):
        sequence = CommentedSeq()
        for index, item in enumerate(value):
            if isinstance(item, dict) and model is not None:
                # A comment between the dash and the first key would split them: it goes above the dash.
                sequence.append(_commented_mapping(item, model, column + 2, path, notes, first_elsewhere=True))
                first, first_value = next(iter(item.items()))
                sequence.yaml_set_comment_before_after_key(
                    index, before=_comment(model, first, first_value, notes.get(path + (first,))), indent=column)
            else:
                sequence.append(item)
        return sequence
    return value


def _dump(root: CommentedMap) -> str:
    writer = YAML()
    writer.width = 4096  # one text, one line: folded lines would look like separate lines to the secretary
    writer.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    writer.dump(root, out)
    return out.getvalue()


def _one_line(text: str) -> str:
    if "\n" in text or "\r" in text:
        raise ValueError(f"đường dẫn lược đồ `{text!r}` không được xuống dòng")
    return text
