"""The named Word paragraph styles of our templates: one per component of the rulebook.

The template builder creates them from the rulebook profile; the layout stage names them for each paragraph.
An office restyles its copy of a template by changing these styles in Word.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Align(enum.Enum):
    LEFT = "left"
    CENTER = "center"
    JUSTIFY = "both"


@dataclass(frozen=True)
class ParagraphStyle:
    style_id: str      # ASCII id used in the XML
    name: str          # what Word shows in its Styles pane
    component: str     # key of ``Rulebook.thanh_phan`` that gives size, emphasis and spacing
    align: Align
    keep_with_next: bool = False
    based_on: str | None = None  # a variant of another style: restyling that one in Word restyles this one too


class Style(enum.Enum):
    SUPERIOR_BODY = ParagraphStyle("VBCoQuanCapTren", "VB Cơ quan cấp trên", "co_quan_cap_tren", Align.CENTER)
    ISSUING_BODY = ParagraphStyle("VBCoQuan", "VB Cơ quan ban hành", "co_quan", Align.CENTER)
    BODY_MARK = ParagraphStyle("VBDauSao", "VB Dấu sao", "dau_sao", Align.CENTER)
    NUMBER = ParagraphStyle("VBSoKyHieu", "VB Số ký hiệu", "so_ky_hieu", Align.CENTER)
    PARTY_TITLE = ParagraphStyle("VBTieuDe", "VB Tiêu đề", "tieu_de", Align.CENTER)
    PLACE_DATE = ParagraphStyle("VBDiaDanhNgay", "VB Địa danh ngày", "dia_danh_ngay", Align.CENTER)
    KIND_NAME = ParagraphStyle("VBTenLoai", "VB Tên loại", "ten_loai", Align.CENTER)
    SUMMARY = ParagraphStyle("VBTrichYeu", "VB Trích yếu", "trich_yeu", Align.CENTER)
    SEPARATOR = ParagraphStyle("VBPhanCach", "VB Phân cách", "phan_cach", Align.CENTER)
    BODY = ParagraphStyle("VBNoiDung", "VB Nội dung", "noi_dung", Align.JUSTIFY)
    # The last paragraph stays on the page of the signature: a signature never stands alone on a page.
    LAST_BODY = ParagraphStyle("VBNoiDungCuoi", "VB Nội dung (đoạn cuối)", "noi_dung", Align.JUSTIFY,
                               keep_with_next=True, based_on="VB Nội dung")
    HEADING = ParagraphStyle("VBDeMuc", "VB Đề mục", "de_muc", Align.JUSTIFY)
    BULLET = ParagraphStyle("VBGachDauDong", "VB Gạch đầu dòng", "noi_dung", Align.JUSTIFY,
                            based_on="VB Nội dung")
    RECIPIENTS_LABEL = ParagraphStyle("VBNoiNhanNhan", "VB Nơi nhận (nhãn)", "noi_nhan_nhan", Align.LEFT)
    RECIPIENT = ParagraphStyle("VBNoiNhan", "VB Nơi nhận", "noi_nhan", Align.LEFT)
    AUTHORITY = ParagraphStyle("VBQuyenHanKy", "VB Quyền hạn ký", "quyen_han_ky", Align.CENTER)
    SIGNER_TITLE = ParagraphStyle("VBChucVuKy", "VB Chức vụ người ký", "chuc_vu_ky", Align.CENTER)
    SIGNER_NAME = ParagraphStyle("VBHoTenKy", "VB Họ tên người ký", "ho_ten_ky", Align.CENTER)
