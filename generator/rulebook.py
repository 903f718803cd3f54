"""Rulebook profiles: every value a rulebook fixes (sizes, margins, header texts, number pattern, signature
prefixes and their roles, recipients, archive line, optional components), read from one data file per rulebook
in ``generator/rulebooks/``. A new rulebook is a new file, not a code change."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from generator import resources, vnformat

RULEBOOK_DIR = resources.shipped("rulebooks")
# The profiles are our own files, read at every start: libyaml's loader, ten times faster, where PyYAML has it.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Page(_Strict):
    kho: str
    rong_mm: float
    cao_mm: float
    le_tren_mm: float
    le_duoi_mm: float
    le_trai_mm: float
    le_phai_mm: float
    so_trang_co_chu: float
    so_trang_cach_mep_mm: float
    cot_tieu_de_mm: tuple[float, float]
    cot_ky_mm: tuple[float, float]


class Component(_Strict):
    """How one component is set: size in pt and emphasis; spacing in pt."""

    co_chu: float
    dam: bool = False
    nghieng: bool = False
    gach_chan: bool = False
    cach_truoc: float = 0
    cach_sau: float = 0
    thut_dau_dong_cm: float = 0
    dan_dong_pt: float | None = None


class HeaderLine(_Strict):
    """A line of the header's right column: "ĐẢNG CỘNG SẢN VIỆT NAM", or Quốc hiệu and Tiêu ngữ."""

    chu: str
    thanh_phan: str
    gach_duoi: bool = False  # a solid rule under it, as long as its text


class Mark(_Strict):
    """What stands under the issuer or the trích yếu: a text ("*", "-----") or a short rule, a share of the
    width of the text above it."""

    chu: str | None = None
    ti_le_gach: float | None = Field(None, gt=0, le=1)

    @model_validator(mode="after")
    def _one_kind(self) -> Mark:
        if (self.chu is None) == (self.ti_le_gach is None):
            raise ValueError("give either chu or ti_le_gach")
        return self


class NumberReset(enum.StrEnum):
    """When a kind's numbers start again from 01."""

    YEAR = "nam"        # every 1 January
    TERM = "nhiem_ky"   # at the start of the committee's term (the office profile says when)


class NumberPattern(_Strict):
    mau: str
    mau_khong_ma_loai: str | None = None  # for kinds without a type code (the State công văn)
    cho_trong: str
    so_chu_so_toi_thieu: int
    dat_lai: NumberReset  # numbers run per kind and start again at this boundary


class DatePattern(_Strict):
    mau: str
    cho_trong: str


class Role(enum.StrEnum):
    """What a signing prefix means, whatever its spelling in a rulebook (T/M or TM.)."""

    COLLECTIVE = "tap-the"          # on behalf of a collective
    DEPUTY = "cap-pho"              # a deputy signs for the head
    BY_ORDER = "thua-lenh"          # by order of the head / standing committee
    BY_AUTHORISATION = "thua-uy-quyen"
    ACTING = "quyen"                # acting head: the prefix stands before the title itself


class SigningAuthority(_Strict):
    vai_tro: Role

    @property
    def names_someone(self) -> bool:
        """Whether a line names the collective or head the prefix applies to (all but the acting head)."""
        return self.vai_tro is not Role.ACTING


class Recipients(_Strict):
    nhan: str
    dau_dong: str
    dau_cuoi_dong: str
    dau_cuoi_dong_cho_phep: list[str]
    dau_cuoi: str
    mau_luu: str
    noi_luu_mac_dinh: str
    nhu_tren: str


class Appendices(_Strict):
    danh_so: str  # "1" Arabic or "I" Roman
    mau_kem_theo: str


class Kind(_Strict):
    ten_loai: str | None = None  # a công văn has none
    ma: str | None = None        # type code in the number; the State công văn has none
    cong_van: bool = False       # laid out as a công văn: trích yếu under the number, "Kính gửi"


class Rulebook(_Strict):
    ma: str
    ten: str
    van_ban: str = ""  # the rulebook's short name, for messages: "HD 36-HD/VPTW"
    kieu_dau_thanh: Literal["cu", "moi"] | None = None  # tone marks: "cu" (hoá, uỷ), "moi" (hóa, ủy), None either
    trang: Page
    phong_chu: str
    thanh_phan: dict[str, Component]
    tieu_de: list[HeaderLine] = Field(min_length=1)
    duoi_co_quan: Mark
    duoi_trich_yeu: Mark
    so_ky_hieu: NumberPattern
    ngay_thang: DatePattern
    ket_thuc_noi_dung: str
    danh_so_mac_dinh: list[str]
    gach_dau_dong: str
    quyen_han_ky: dict[str, SigningAuthority] = Field(min_length=1)
    noi_nhan: Recipients
    kinh_gui: str
    tien_to_trich_yeu_cong_van: str = ""
    nguoi_danh_may: str
    dau_khan: list[str]
    dau_mat: list[str]
    co_du_thao: bool
    phu_luc: Appendices
    loai_van_ban: dict[str, Kind] = Field(min_length=1)

    @model_validator(mode="after")
    def _components_exist(self) -> Rulebook:
        from generator.styles import Style  # the styles name the components a rulebook must size

        needed = {s.value.component for s in Style if not s.value.header_line} | {h.thanh_phan for h in self.tieu_de}
        missing = sorted(needed - set(self.thanh_phan))
        if missing:
            raise ValueError(f"thanh_phan lacks {', '.join(missing)}")
        if any(kind.ma is None for kind in self.loai_van_ban.values()) and not self.so_ky_hieu.mau_khong_ma_loai:
            raise ValueError("a kind without a type code needs so_ky_hieu.mau_khong_ma_loai")
        return self

    def authority(self, prefix: str | None) -> SigningAuthority | None:
        return self.quyen_han_ky.get(prefix) if prefix else None

    def prefix_for(self, role: Role) -> str | None:
        return next((prefix for prefix, entry in self.quyen_han_ky.items() if entry.vai_tro is role), None)


INDEX_NAME = "_he-thong.yaml"  # which profile a `he_thong:` names: by date, or by another name (data, not code)


def available() -> list[str]:
    """The profiles: one file each (the index, whose name starts with `_`, is not one)."""
    return sorted(p.stem for p in RULEBOOK_DIR.glob("*.yaml") if not p.name.startswith("_"))


class Successor(_Strict):
    """One profile of a system, and the day from which it applies (none: it applies before every other)."""

    ho_so: str
    tu_ngay: dt.date | None = None


class Index(_Strict):
    """`_he-thong.yaml`: the systems a document names (`he_thong: dang`), each the profiles it has had in order
    of date; and other names that pin one profile (`he_thong: dang-hd36`)."""

    he_thong: dict[str, list[Successor]] = Field(default_factory=dict)
    ten_khac: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ordered(self) -> Index:
        for code, entries in self.he_thong.items():
            days = [entry.tu_ngay for entry in entries[1:]]
            if not entries or entries[0].tu_ngay is not None or None in days or days != sorted(days):
                raise ValueError(f"he_thong {code}: the first profile has no tu_ngay, the others do, in order")
        clash = set(self.ten_khac) & set(self.he_thong)
        if clash:
            raise ValueError(f"ten_khac {', '.join(sorted(clash))} already name a system")
        return self


def index() -> Index:
    path = RULEBOOK_DIR / INDEX_NAME
    return _index(path, path.stat().st_mtime_ns) if path.is_file() else Index()


@functools.cache
def _index(path: Path, _mtime: int) -> Index:
    return Index.model_validate(yaml.load(path.read_text(encoding="utf-8"), _YAML_LOADER) or {})


def codes() -> list[str]:
    """Every name a document's or an office's `he_thong` may give: systems, profiles and other names."""
    found = index()
    return sorted(set(available()) | set(found.he_thong) | set(found.ten_khac))


def family(code: str) -> str:
    """The system a name belongs to (`dang-2026`, `dang-hd36` → `dang`): numbers run through the system, whatever
    profile lays a document out."""
    found = index()
    profile = found.ten_khac.get(code, code)
    return next((system for system, entries in found.he_thong.items()
                 if system == code or any(entry.ho_so == profile for entry in entries)), profile)


def load(code: str) -> Rulebook:
    """The profile of rulebook ``code`` (``dang``, ``nha-nuoc``, ``dang-2026`` …, or another name of one such as
    ``dang-hd36``), read once per process. A system's name loads its first profile: :func:`choose` picks by date."""
    found = index()
    code = found.ten_khac.get(code, code)
    if code not in available() and code in found.he_thong:
        code = found.he_thong[code][0].ho_so
    return _load(RULEBOOK_DIR / f"{code}.yaml")


@functools.cache
def _load(path: Path) -> Rulebook:
    return Rulebook.model_validate(yaml.load(path.read_text(encoding="utf-8"), _YAML_LOADER))


@dataclass(frozen=True)
class Choice:
    """The profile a document is laid out by, and why, in Vietnamese (for `vanban check`)."""

    book: Rulebook
    reason: str


def _named(book: Rulebook) -> str:
    return f"{book.ma} ({book.van_ban})" if book.van_ban else book.ma


def _day(day: dt.date) -> str:
    return vnformat.short_date(day)


def undated_day(today: dt.date, year: int | None = None) -> dt.date:
    """The day an undated draft is taken to be issued on: today, or the nearest day of its year (`nam`) when that
    is another year. A draft is signed on a day still to come, so today is the earliest it can be; a notice
    reproduced from a past year without its day belongs to that year, and every day of a year but the one a
    rulebook changes in picks the same profile."""
    if year is None or year == today.year:
        return today
    return dt.date(year, 1, 1) if year > today.year else dt.date(year, 12, 31)


def choose(code: str, day: dt.date | None, today: dt.date, year: int | None = None) -> Choice:
    """The profile for a document naming ``code`` in `he_thong`, issued on ``day`` (None: not yet dated; then
    ``year``, its `nam`, if given, else ``today`` decides — see :func:`undated_day`).

    A system (`dang`) picks its profile by the date: the last whose `tu_ngay` is on or before it; a profile's own
    code (`dang-2026`) or another name of it (`dang-hd36`) pins that profile."""
    found = index()
    if code in found.ten_khac:
        book = load(code)
        return Choice(book, f"{_named(book)} vì văn bản ghi he_thong: {code}")
    entries = found.he_thong.get(code)
    if not entries:
        book = load(code)
        return Choice(book, f"{_named(book)} vì văn bản ghi he_thong: {code}")
    if len(entries) == 1:
        book = load(entries[0].ho_so)
        return Choice(book, f"{_named(book)}: hệ thống {code} chỉ có hồ sơ này")
    when = day if day is not None else undated_day(today, year)
    current = max((i for i, entry in enumerate(entries) if entry.tu_ngay is None or entry.tu_ngay <= when))
    book = load(entries[current].ho_so)
    if day is not None:
        said = f"ngày ban hành {_day(day)}"
    elif year is not None and year != today.year:
        said = f"văn bản chưa có ngày, năm {year},"
    else:
        said = f"văn bản chưa có ngày, tính theo hôm nay {_day(today)},"
    boundary = entries[current].tu_ngay if current > 0 else entries[1].tu_ngay
    assert boundary is not None  # the index checks every profile but the first has its day
    return Choice(book, f"{_named(book)} vì {said} {'từ' if current > 0 else 'trước'} ngày {_day(boundary)}")
