"""The office profile (``don-vi.yaml``): what stays the same for an office from one notice to the next — issuing
and superior body, place, rulebook, numbering, the usual signers under short keys, the default recipients and
archive line, the office's own templates. A document names only what differs, and its values win.

The profile is merged into the document's data as typed, before validation, so every message about a value that
came from the profile points at the profile's file and line.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from pydantic import ConfigDict, Field

from generator.errors import Code, InputError, Problem
from generator.loader import LoadedFile, Path_, load_file
from generator.model import Date, IssuingBody, RecipientEntry, Signature, _Model, _recipient
from generator.validate import validate

PROFILE_NAME = "don-vi.yaml"


class OfficeProfile(_Model):
    """Hồ sơ đơn vị (don-vi.yaml): thông tin không đổi giữa các văn bản của một cơ quan."""

    model_config = ConfigDict(title="Hồ sơ đơn vị vanban")

    he_thong: str | None = Field(None, description="hệ thống văn bản của cơ quan: dang (hồ sơ chọn theo ngày "
                                             "ban hành), nha-nuoc, hoặc một hồ sơ cố định như dang-hd36, dang-2026",
                                 examples=["dang"])
    co_quan: IssuingBody | None = Field(None, description="cơ quan ban hành",
                                        examples=[{"cap_tren": "Tỉnh ủy Quảng Ngãi", "ten": "Ban Dân vận",
                                                   "viet_tat": "BDVTU"}])
    dia_danh: str | None = Field(None, description="địa danh nơi cơ quan đóng trụ sở", examples=["Quảng Ngãi"])
    danh_so: list[str] | None = Field(None, description="cách đánh số từng cấp, viết như nhãn đầu tiên",
                                      examples=[["I.", "1.", "1.1."]])
    nguoi_ky: dict[str, Signature] = Field(default_factory=dict,
                                           description="những người thường ký, mỗi người một tên ngắn; văn bản "
                                                       "chỉ cần ghi `nguoi_ky: truong-ban`",
                                           examples=[{"truong-ban": {"chuc_vu": "Trưởng Ban",
                                                                     "ho_ten": "Võ Thanh An"}}])
    noi_nhan: list[RecipientEntry] = Field(default_factory=list,
                                      description="nơi nhận thường dùng; văn bản có thể thêm (`them:`), bớt "
                                                  "(`bo:`) hoặc thay cả danh sách",
                                      examples=[["Thường trực Tỉnh ủy (b/c)", "Sở Nội vụ"]])
    dau_cuoi_dong: str | None = Field(None, description="dấu cuối mỗi dòng nơi nhận: `,` hoặc `;`", examples=[","])
    luu: str | None = Field(None, description="nơi lưu (dòng cuối của nơi nhận)", examples=["Văn phòng Tỉnh ủy"])
    lien_he: list[str] = Field(default_factory=list, description="thông tin liên hệ ở chân trang đầu")
    mau: str | None = Field(None, description="thư mục mẫu Word riêng của cơ quan, tính từ thư mục của tệp này",
                            examples=["mau"])
    nhiem_ky_bat_dau: Date | None = Field(None, description="ngày bắt đầu nhiệm kỳ của cấp ủy: số văn bản của Đảng "
                                                            "đánh lại từ 01 từ ngày này", examples=["15/10/2020"])

    # Keys the merge treats on their own (short signer keys, recipients with them/bo) or that are the office's
    # alone (its template folder, its term), not values of a document.
    SPECIAL: ClassVar[tuple[str, ...]] = ("nguoi_ky", "noi_nhan", "mau", "nhiem_ky_bat_dau")


@dataclass(frozen=True)
class Office:
    """A profile read and checked: its file, the profile, and where its own templates are (None: built-in)."""

    source: LoadedFile
    profile: OfficeProfile
    templates: Path | None


def find(place: Path) -> Path | None:
    """The profile of the office a draft (or a folder) belongs to: ``don-vi.yaml`` in the draft's folder (the
    folder itself) or the nearest parent."""
    start = Path(place).resolve()
    for folder in ([start] if start.is_dir() else []) + list(start.parents):
        candidate = folder / PROFILE_NAME
        if candidate.is_file():
            return candidate
    return None


def load(path: Path) -> Office:
    """Read and validate a profile; raise :class:`InputError` with its problems, placed in the profile."""
    source = load_file(path)
    profile = validate(source, OfficeProfile)
    templates = (path.parent / profile.mau).resolve() if profile.mau else None
    if templates is not None and not templates.is_dir():
        raise InputError([source.problem(("mau",), Code.TEMPLATE,
                                         f"không có thư mục mẫu `{profile.mau}` cạnh {source.name} — hãy tạo thư "
                                         "mục đó (`vanban templates copy …`) hoặc xóa dòng `mau`")])
    return Office(source, profile, templates)


def apply(document: LoadedFile, office: Office) -> LoadedFile:
    """The document's data completed with the profile: every value the document does not give is taken from the
    profile, with its place in the profile. Raise :class:`InputError` for a signer key or a removed recipient
    that the profile does not have."""
    merged = LoadedFile(document.path, copy.deepcopy(document.data), dict(document.value_positions),
                        dict(document.key_positions), dict(document.scalar_spans), dict(document.origins))
    profile = office.source
    problems: list[Problem] = []
    for key, value in profile.data.items():
        if key not in OfficeProfile.SPECIAL:
            _complete(merged, profile, (key,), value)
    problems += _signer(merged, profile)
    problems += _recipients(merged, profile)
    if problems:
        raise InputError(problems)
    return merged


def _copy_positions(into: LoadedFile, origin: LoadedFile, source: Path_, target: Path_) -> None:
    """The places of everything ``origin`` holds at ``source`` (and below), recorded for ``target`` in ``into``."""
    for table, destination in ((origin.value_positions, into.value_positions),
                               (origin.key_positions, into.key_positions)):
        for path, where in table.items():
            if path[:len(source)] == source:
                destination[target + path[len(source):]] = where


def _take(merged: LoadedFile, profile: LoadedFile, source: Path_, target: Path_) -> Any:
    """The profile's value at ``source``, placed at ``target`` of the document with the profile's positions."""
    _copy_positions(merged, profile, source, target)
    merged.origins[target] = profile.name
    value = profile.data
    for part in source:
        value = value[part]
    return copy.deepcopy(value)


def _complete(merged: LoadedFile, profile: LoadedFile, path: Path_, value: Any) -> None:
    holder = merged.data
    for part in path[:-1]:
        holder = holder[part]
    key = path[-1]
    if key not in holder or holder[key] is None:
        holder[key] = _take(merged, profile, path, path)
    elif isinstance(holder[key], dict) and isinstance(value, dict):  # co_quan: the document changes one line
        for sub, sub_value in value.items():
            _complete(merged, profile, path + (sub,), sub_value)


def _signer(merged: LoadedFile, profile: LoadedFile) -> list[Problem]:
    signers = profile.data.get("nguoi_ky") or {}
    if not signers:
        return []
    names = ", ".join(f"`{name}`" for name in signers)
    given = merged.data.get("nguoi_ky")
    if given is None:
        if len(signers) == 1:
            (only,) = signers
            merged.data["nguoi_ky"] = _take(merged, profile, ("nguoi_ky", only), ("nguoi_ky",))
            return []
        return [merged.problem((), Code.MISSING_FIELD,
                               f"thiếu `nguoi_ky` — hãy ghi tên ngắn của người ký trong {profile.name}: {names}, "
                               "ví dụ `nguoi_ky: " + next(iter(signers)) + "`")]
    if not isinstance(given, str):
        return []  # written out in full in the document: it wins
    if given not in signers:
        return [merged.problem(("nguoi_ky",), Code.BAD_VALUE,
                               f"người ký `{given}` không có trong {profile.name} — hãy dùng một trong: {names}")]
    merged.data["nguoi_ky"] = _take(merged, profile, ("nguoi_ky", given), ("nguoi_ky",))
    return []


def _recipient_name(value: Any) -> str:
    entry = _recipient(value)
    return str(entry.get("noi", "")).strip().casefold() if isinstance(entry, dict) else ""


def _recipients(merged: LoadedFile, profile: LoadedFile) -> list[Problem]:
    defaults = profile.data.get("noi_nhan")
    if not defaults:
        return []
    given = merged.data.get("noi_nhan")
    if given is None:
        merged.data["noi_nhan"] = _take(merged, profile, ("noi_nhan",), ("noi_nhan",))
        return []
    if not isinstance(given, dict) or not set(given) <= {"them", "bo"}:
        return []  # a list replaces the profile's; anything else is the model's to report
    removed = given.get("bo") or []
    removed = [removed] if isinstance(removed, str) else removed
    wanted = {_recipient_name(item) for item in removed}
    problems = [merged.problem(("noi_nhan", "bo", index), Code.BAD_VALUE,
                               f"`{item}` không có trong nơi nhận của {profile.name} — hãy ghi đúng như trong tệp "
                               "đó, hoặc xóa dòng này")
                for index, item in enumerate(removed)
                if _recipient_name(item) not in {_recipient_name(d) for d in defaults}]
    document_view = LoadedFile(merged.path, merged.data, dict(merged.value_positions), dict(merged.key_positions))
    result: list[Any] = []
    for index, item in enumerate(defaults):
        if _recipient_name(item) not in wanted:
            result.append(_take(merged, profile, ("noi_nhan", index), ("noi_nhan", len(result))))
    added = given.get("them") or []
    for index, item in enumerate([added] if isinstance(added, str) else added):
        _copy_positions(merged, document_view, ("noi_nhan", "them", index), ("noi_nhan", len(result)))
        result.append(item)
    merged.data["noi_nhan"] = result
    return problems
