"""The named Word paragraph styles of our templates: one per component of a rulebook.

The template builder creates them from the rulebook profile; the layout stage names them for each paragraph.
An office restyles its copy of a template by changing these styles in Word.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Align(enum.Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "both"


@dataclass(frozen=True)
class ParagraphStyle:
    style_id: str      # ASCII id used in the XML
    name: str          # what Word shows in its Styles pane
    component: str     # key of ``Rulebook.thanh_phan`` that gives size, emphasis and spacing
    align: Align
    based_on: str | None = None   # a variant of another style: restyling that one in Word restyles this one too
    keep_with_next: bool = False
    bold: bool | None = None      # a variant's own emphasis
    page_break_before: bool = False
    left_indent_cm: float = 0
    header_line: bool = False     # sized by a header line of the profile, present only where the profile has it
    framed: bool = False          # a box around it (draft mark, circulation note)
    rule_above: bool = False      # a full-width line above it (the contact footer)
    contextual_spacing: bool = False  # no space between two paragraphs of this style (lines of one block)
    hanging_dash: bool = False    # wrapped lines start under the text, not under the leading "- "


class Style(enum.Enum):
    HEADER_1 = ParagraphStyle("VBTieuDe1", "VB Tiêu đề 1", "tieu_de_1", Align.CENTER, header_line=True)
    HEADER_2 = ParagraphStyle("VBTieuDe2", "VB Tiêu đề 2", "tieu_de_2", Align.CENTER, header_line=True)
    SUPERIOR_BODY = ParagraphStyle("VBCoQuanCapTren", "VB Cơ quan cấp trên", "co_quan_cap_tren", Align.CENTER)
    ISSUING_BODY = ParagraphStyle("VBCoQuan", "VB Cơ quan ban hành", "co_quan", Align.CENTER)
    BODY_MARK = ParagraphStyle("VBDuoiCoQuan", "VB Dưới tên cơ quan", "duoi_co_quan", Align.CENTER)
    NUMBER = ParagraphStyle("VBSoKyHieu", "VB Số ký hiệu", "so_ky_hieu", Align.CENTER)
    LETTER_SUMMARY = ParagraphStyle("VBTrichYeuCongVan", "VB Trích yếu công văn", "trich_yeu_cong_van",
                                    Align.CENTER, contextual_spacing=True)
    URGENCY = ParagraphStyle("VBDauKhanMat", "VB Dấu khẩn, mật", "dau_khan_mat", Align.CENTER)
    CIRCULATION = ParagraphStyle("VBPhamViLuuHanh", "VB Phạm vi lưu hành", "pham_vi_luu_hanh", Align.LEFT,
                                 framed=True)
    PLACE_DATE = ParagraphStyle("VBDiaDanhNgay", "VB Địa danh ngày", "dia_danh_ngay", Align.CENTER)
    DRAFT_MARK = ParagraphStyle("VBDuThao", "VB Dự thảo", "dau_du_thao", Align.RIGHT, framed=True)
    KIND_NAME = ParagraphStyle("VBTenLoai", "VB Tên loại", "ten_loai", Align.CENTER)
    SUMMARY = ParagraphStyle("VBTrichYeu", "VB Trích yếu", "trich_yeu", Align.CENTER)
    SEPARATOR = ParagraphStyle("VBDuoiTrichYeu", "VB Dưới trích yếu", "duoi_trich_yeu", Align.CENTER)
    ADDRESSEE = ParagraphStyle("VBKinhGui", "VB Kính gửi", "kinh_gui", Align.LEFT, left_indent_cm=2.5)
    # Several addressees: "- …;" lines start under the colon of "Kính gửi:" (the builder measures it).
    ADDRESSEE_LINE = ParagraphStyle("VBKinhGuiDong", "VB Kính gửi (dòng)", "kinh_gui", Align.LEFT,
                                    based_on="VB Kính gửi", contextual_spacing=True)
    BODY = ParagraphStyle("VBNoiDung", "VB Nội dung", "noi_dung", Align.JUSTIFY)
    HEADING = ParagraphStyle("VBDeMuc", "VB Đề mục", "de_muc", Align.JUSTIFY, keep_with_next=True)
    BULLET = ParagraphStyle("VBGachDauDong", "VB Gạch đầu dòng", "noi_dung", Align.JUSTIFY, based_on="VB Nội dung")
    TABLE = ParagraphStyle("VBBang", "VB Bảng", "bang", Align.LEFT)
    TABLE_NUMBER = ParagraphStyle("VBBangSo", "VB Bảng (số)", "bang", Align.RIGHT, based_on="VB Bảng")
    TABLE_CENTER = ParagraphStyle("VBBangGiua", "VB Bảng (giữa)", "bang", Align.CENTER, based_on="VB Bảng")
    TABLE_HEADER = ParagraphStyle("VBBangTieuDe", "VB Bảng (tiêu đề cột)", "bang", Align.CENTER,
                                  based_on="VB Bảng", bold=True)
    RECIPIENTS_LABEL = ParagraphStyle("VBNoiNhanNhan", "VB Nơi nhận (nhãn)", "noi_nhan_nhan", Align.LEFT)
    RECIPIENT = ParagraphStyle("VBNoiNhan", "VB Nơi nhận", "noi_nhan", Align.LEFT, hanging_dash=True)
    TYPIST = ParagraphStyle("VBNguoiDanhMay", "VB Người đánh máy, số bản", "nguoi_danh_may", Align.LEFT)
    AUTHORITY = ParagraphStyle("VBQuyenHanKy", "VB Quyền hạn ký", "quyen_han_ky", Align.CENTER)
    SIGNER_TITLE = ParagraphStyle("VBChucVuKy", "VB Chức vụ người ký", "chuc_vu_ky", Align.CENTER)
    SIGNER_NAME = ParagraphStyle("VBHoTenKy", "VB Họ tên người ký", "ho_ten_ky", Align.CENTER)
    CONTACT = ParagraphStyle("VBLienHe", "VB Thông tin liên hệ", "lien_he", Align.LEFT, rule_above=True)
    APPENDIX_NUMBER = ParagraphStyle("VBPhuLucSo", "VB Phụ lục (số)", "phu_luc_so", Align.CENTER,
                                     page_break_before=True)
    APPENDIX_TITLE = ParagraphStyle("VBPhuLucTen", "VB Phụ lục (tên)", "phu_luc_ten", Align.CENTER)
    APPENDIX_POINTER = ParagraphStyle("VBPhuLucKemTheo", "VB Phụ lục (kèm theo)", "phu_luc_kem_theo", Align.CENTER)
