"""Rulebook profiles: every value a rulebook fixes (sizes, margins, header texts, number pattern, signature
prefixes and their roles, recipients, archive line, optional components), read from one data file per rulebook
in ``generator/rulebooks/``. A new rulebook is a new file, not a code change."""

from __future__ import annotations

import enum
import functools
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

RULEBOOK_DIR = Path(__file__).parent / "rulebooks"


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


def available() -> list[str]:
    return sorted(p.stem for p in RULEBOOK_DIR.glob("*.yaml"))


@functools.cache
def load(code: str) -> Rulebook:
    """The profile of rulebook ``code`` (``dang``, ``nha-nuoc`` …), read once per process."""
    path = RULEBOOK_DIR / f"{code}.yaml"
    return Rulebook.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
