"""Rulebook profiles: every value a rulebook fixes (sizes, margins, header texts, number pattern,
signature prefixes, archive line), read from one data file per rulebook in ``generator/rulebooks/``."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

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
    so_trang_tu_trang: int
    so_trang_co_chu: float
    so_trang_cach_mep_mm: float


class Component(_Strict):
    """How one component of the document is set: size in pt and emphasis; spacing in pt."""

    co_chu: float
    dam: bool = False
    nghieng: bool = False
    gach_chan: bool = False
    cach_truoc: float = 0
    cach_sau: float = 0
    thut_dau_dong_cm: float = 0
    dan_dong_pt: float | None = None


class Components(_Strict):
    tieu_de: Component
    co_quan_cap_tren: Component
    co_quan: Component
    dau_sao: Component
    so_ky_hieu: Component
    dia_danh_ngay: Component
    ten_loai: Component
    trich_yeu: Component
    phan_cach: Component
    noi_dung: Component
    de_muc: Component
    noi_nhan_nhan: Component
    noi_nhan: Component
    quyen_han_ky: Component
    chuc_vu_ky: Component
    ho_ten_ky: Component


class NumberPattern(_Strict):
    mau: str
    cho_trong: str
    so_chu_so_toi_thieu: int


class DatePattern(_Strict):
    mau: str
    cho_trong: str


class SigningAuthority(_Strict):
    can_thay_mat: bool


class Recipients(_Strict):
    nhan: str
    dau_dong: str
    dau_cuoi_dong: str
    dau_cuoi_dong_cho_phep: list[str]
    dau_cuoi: str
    mau_luu: str
    noi_luu_mac_dinh: str


class Kind(_Strict):
    ten_loai: str
    ma: str


class Rulebook(_Strict):
    ma: str
    ten: str
    trang: Page
    phong_chu: str
    thanh_phan: Components
    tieu_de: str
    gach_duoi_tieu_de: str
    dau_duoi_co_quan: str
    phan_cach_trich_yeu: str
    so_ky_hieu: NumberPattern
    ngay_thang: DatePattern
    ket_thuc_noi_dung: str
    danh_so_mac_dinh: list[str]
    gach_dau_dong: str
    quyen_han_ky: dict[str, SigningAuthority] = Field(min_length=1)
    noi_nhan: Recipients
    loai_van_ban: dict[str, Kind] = Field(min_length=1)


def available() -> list[str]:
    return sorted(p.stem for p in RULEBOOK_DIR.glob("*.yaml"))


@functools.cache
def load(code: str) -> Rulebook:
    """The profile of rulebook ``code`` (``dang`` …), read once per process."""
    path = RULEBOOK_DIR / f"{code}.yaml"
    return Rulebook.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
