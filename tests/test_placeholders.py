"""Placeholders are filled wherever they are typed, whatever shape the model gives the text, and nothing else of
the document is copied on the way."""

from __future__ import annotations

from generator import placeholders, reader
from generator.model import Document
from tests.conftest import MINIMAL_YAML

TYPED = MINIMAL_YAML.replace("ngay: 26/7/2010\n", "ngay: 26/7/2010\nky: quý II/2010\n").replace(
    "trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY", "trich_yeu: KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY {ky}").replace(
    "  mo_dau: Thường trực Tỉnh ủy đã kết luận.\n", """\
  mo_dau: "Thường trực Tỉnh ủy đã kết luận {ky}:\\nSang {ky_sau}."
  ket_qua:
    tieu_de: Kết quả
    noi_dung:
      - bang:
          cot: [Việc, "Kết quả {ky}"]
          dong: [["Hội nghị {ky_truoc}", "Xong"]]
      - noi_dung: Một việc không có chỗ điền.
  nhiem_vu:
    noi_dung:
      - kien_nghi:
          tieu_de: Kiến nghị {ky_sau}
""").replace("  - Sở Nội vụ\n", "  - noi: Sở Nội vụ\n    ghi_chu: thực hiện {nam}\n")


def test_every_typed_placeholder_is_filled_and_the_rest_is_not_copied(make_yaml):
    source = reader.prepare(make_yaml(TYPED)).source
    typed = Document.model_validate(source.data)
    doc = placeholders.fill(typed, source.data)
    assert doc.trich_yeu == ["KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY quý II/2010"]
    assert doc.noi_dung.mo_dau == ["Thường trực Tỉnh ủy đã kết luận quý II/2010:", "Sang quý III/2010."]
    table = doc.noi_dung.ket_qua.noi_dung[0].bang
    assert [column.ten for column in table.cot] == ["Việc", "Kết quả quý II/2010"]  # typed as text, kept as {ten}
    assert table.dong == [["Hội nghị quý I/2010", "Xong"]]
    assert doc.noi_dung.find("kien_nghi")[0].tieu_de == "Kiến nghị quý III/2010"
    assert doc.noi_nhan[0].text() == "Sở Nội vụ (thực hiện 2010)"
    assert doc.noi_dung.ket_qua.noi_dung[1] is typed.noi_dung.ket_qua.noi_dung[1]
    assert doc.nguoi_ky is typed.nguoi_ky and doc.co_quan is typed.co_quan
