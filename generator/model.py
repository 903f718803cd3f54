"""Stage 2: the document model — the single source of truth for keys, types, defaults and the JSON Schema.

Keys are Vietnamese without diacritics (``co_quan``, ``noi_nhan``, ``nguoi_ky``); descriptions and examples
are in Vietnamese because they become the error messages a secretary reads and the schema an editor shows.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, PrivateAttr, RootModel, Tag,
                      field_validator, model_serializer, model_validator)

from generator import rulebook, vnformat
from generator.cycle import period


def _lines(value: Any) -> Any:
    """Text given as one string with line breaks, or as a list, becomes a list of non-empty lines."""
    if isinstance(value, str):
        return [line.strip() for line in value.split("\n") if line.strip()]
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            out.extend(_lines(item) if isinstance(item, str) else [item])
        return out
    return value


def _date(value: Any) -> Any:
    return vnformat.parse_date(value) if isinstance(value, str) else value


Lines = Annotated[list[str], BeforeValidator(_lines, json_schema_input_type=str | list[str])]
NonBlank = Annotated[str, Field(min_length=1)]  # required text: spaces alone do not count (they are stripped)
Date = Annotated[dt.date, BeforeValidator(_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=False)


class IssuingBody(_Model):
    """Cơ quan ban hành (ô 2 của HD 36)."""

    cap_tren: str | None = Field(None, description="tên cơ quan cấp trên trực tiếp (nếu có), in hoa",
                                 examples=["TỈNH ỦY BÌNH THUẬN"])
    ten: NonBlank = Field(description="tên cơ quan ban hành", examples=["TỈNH ỦY BÌNH THUẬN", "BAN DÂN VẬN"])
    viet_tat: NonBlank = Field(description="chữ viết tắt của cơ quan trong số ký hiệu", examples=["TU", "BDVTU", "UBND"])
    don_vi: str | None = Field(None, description="chữ viết tắt của đơn vị soạn thảo (công văn Nhà nước: "
                                                 "Số: 05/UBND-VX; dòng Lưu: VT, VX)", examples=["VX"])

    @field_validator("viet_tat", "don_vi")
    @classmethod
    def _abbreviation(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-ZĐ0-9]+", value):
            raise ValueError(f"`{value}` phải viết liền, in hoa, không dấu cách — ví dụ TU, BDVTU, VPTU")
        return value


_DAY, _MONTH, _YEAR = r"(\d{1,2})", r"(\d{1,2})", r"(\d{4})"
_TO = r"\s*(?:-|đến)\s*"
# "09 và 10/10/2018", "08, 09 và 10/10/2018"; "09-10/10/2018"; "30/9 - 02/10/2018"; "30/12/2018 - 02/01/2019".
_LISTED_DAY = r"\d{1,2}(?:/\d{1,2}(?:/\d{4})?)?"
_SEVERAL_DAYS = re.compile(rf"(?:{_LISTED_DAY}\s*(?:,|\svà\s)\s*)+\d{{1,2}}/\d{{1,2}}/\d{{4}}")
_DAYS_OF_A_MONTH = re.compile(_DAY + _TO + _DAY + "/" + _MONTH + "/" + _YEAR)
_DAYS_ACROSS_MONTHS = re.compile(_DAY + "/" + _MONTH + _TO + _DAY + "/" + _MONTH + "/" + _YEAR)
_DAYS_ACROSS_YEARS = re.compile(r"(\d{1,2}/\d{1,2}/\d{4})" + _TO + r"(\d{1,2}/\d{1,2}/\d{4})")
MEETING_DAY_FORMS = "09/4/2021, 09 và 10/10/2018, 09-10/10/2018, 30/9 - 02/10/2018 hoặc một danh sách ngày"


def _calendar_day(day: int, month: int, year: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"ngày `{day}/{month}/{year}` không có trên lịch") from exc


def _listed_days(items: list[str]) -> list[dt.date]:
    """`30/9`, `01`, `02/10/2018`: a day takes the month and year of the next item that gives them."""
    days, month, year = [], 0, 0
    for item in reversed(items):
        numbers = [int(n) for n in item.split("/")]
        year = numbers[2] if len(numbers) == 3 else year
        month = numbers[1] if len(numbers) >= 2 else month
        days.append(_calendar_day(numbers[0], month, year))
    return sorted(set(days))


def _meeting_days(value: Any) -> Any:
    """The days of a meeting as people write them, as `{ngay: [...], lien_tuc: ...}`: one day, several days of a
    month, a run of days (across months too), or a YAML list of dates."""
    if isinstance(value, (MeetingDays, dict)) or value is None:
        return value
    if isinstance(value, dt.date):
        return {"ngay": [value]}
    if isinstance(value, list):
        days = sorted({item if isinstance(item, dt.date) else vnformat.parse_date(str(item)) for item in value})
        if not days:
            raise ValueError(f"danh sách ngày họp rỗng — hãy viết ví dụ {MEETING_DAY_FORMS}")
        return {"ngay": days}
    if not isinstance(value, str):
        return value
    text = re.sub(r"\s+", " ", re.sub(r"^ngày\s+", "", value.strip(), flags=re.IGNORECASE)).replace("–", "-")
    text = text.replace("—", "-")
    if _SEVERAL_DAYS.fullmatch(text):
        return {"ngay": _listed_days(re.split(r"\s*(?:,|\svà\s)\s*", text))}
    if match := _DAYS_OF_A_MONTH.fullmatch(text):
        month, year = int(match.group(3)), int(match.group(4))
        return {"ngay": [_calendar_day(int(match.group(1)), month, year), _calendar_day(int(match.group(2)), month,
                                                                                        year)], "lien_tuc": True}
    if match := _DAYS_ACROSS_MONTHS.fullmatch(text):
        year = int(match.group(5))
        return {"ngay": [_calendar_day(int(match.group(1)), int(match.group(2)), year),
                         _calendar_day(int(match.group(3)), int(match.group(4)), year)], "lien_tuc": True}
    if match := _DAYS_ACROSS_YEARS.fullmatch(text):
        return {"ngay": [vnformat.parse_date(match.group(1)), vnformat.parse_date(match.group(2))], "lien_tuc": True}
    try:
        return {"ngay": [vnformat.parse_date(text)]}
    except ValueError as exc:
        if "không có trên lịch" in str(exc):
            raise
        raise ValueError(f"`{value.strip()}` không phải ngày họp — hãy viết dạng {MEETING_DAY_FORMS}") from exc


class MeetingDays(_Model):
    """Ngày họp: một ngày, vài ngày, hoặc một đợt nhiều ngày liền (`09-10/10/2018`, `30/9 - 02/10/2018`)."""

    ngay: list[dt.date] = Field(min_length=1)
    lien_tuc: bool = False  # a run of days from the first to the last ("09-10/10/2018"), not the days listed

    @model_validator(mode="after")
    def _in_order(self) -> MeetingDays:
        if self.lien_tuc and (len(self.ngay) != 2 or self.ngay[0] >= self.ngay[1]):
            raise ValueError(f"đợt họp từ {vnformat.short_date(self.ngay[0])} đến "
                             f"{vnformat.short_date(self.ngay[-1])}: ngày kết thúc phải sau ngày bắt đầu")
        return self

    @property
    def first(self) -> dt.date:
        return self.ngay[0]

    @property
    def last(self) -> dt.date:
        return self.ngay[-1]

    def text(self) -> str:
        """As people write it, padded by the document's rule: `09/4/2021`, `09 và 10/10/2018`, `09-10/10/2018`,
        `30/9 - 02/10/2018`, `30/12/2018 - 02/01/2019`."""
        if self.lien_tuc:
            start, end = self.first, self.last
            if start.year != end.year:
                return f"{vnformat.short_date(start)} - {vnformat.short_date(end)}"
            if start.month != end.month:
                return (f"{vnformat.day_text(start.day)}/{vnformat.month_text(start.month)} - "
                        f"{vnformat.short_date(end)}")
            return f"{vnformat.day_text(start.day)}-{vnformat.short_date(end)}"
        parts = []
        for index, day in enumerate(self.ngay):
            following = self.ngay[index + 1] if index + 1 < len(self.ngay) else None
            if following is None:
                parts.append(vnformat.short_date(day))
            elif (following.month, following.year) == (day.month, day.year):
                parts.append(vnformat.day_text(day.day))
            elif following.year == day.year:
                parts.append(f"{vnformat.day_text(day.day)}/{vnformat.month_text(day.month)}")
            else:
                parts.append(vnformat.short_date(day))
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]

    @model_serializer(mode="plain")
    def _as_written(self) -> str:
        return self.text()


MeetingDate = Annotated[MeetingDays, BeforeValidator(_meeting_days, json_schema_input_type=str | list[str])]


class Meeting(_Model):
    """Cuộc họp, hội nghị mà thông báo kết luận."""

    ten: str | None = Field(None, description="tên cuộc họp", examples=["Hội nghị trực báo công tác dân vận quý I"])
    ngay: MeetingDate | None = Field(None, description="ngày họp: một ngày, vài ngày (`09 và 10/10/2018`, danh sách "
                                                       "ngày) hoặc một đợt (`09-10/10/2018`, `30/9 - 02/10/2018`)",
                                     examples=["09/4/2021", "09 và 10/10/2018"])
    chu_tri: Lines = Field(default_factory=list, description="người chủ trì",
                           examples=[["đồng chí Huỳnh Văn Tí – Bí thư Tỉnh ủy"]])
    thanh_phan: Lines = Field(default_factory=list, description="thành phần dự họp",
                              examples=[["Lãnh đạo Sở Nội vụ", "Ban Dân tộc tỉnh"]])


class TaskStatus(enum.StrEnum):
    NOT_STARTED = "chua-thuc-hien"
    IN_PROGRESS = "dang-thuc-hien"
    DONE = "hoan-thanh"


class Review(_Model):
    """Một nhiệm vụ của kỳ trước, được xem lại ở kỳ này: `vanban carry` chép sang, thư ký ghi tình trạng."""

    nhiem_vu: NonBlank = Field(description="nhiệm vụ đã giao, chép nguyên văn từ văn bản kỳ trước",
                               examples=["Sơ kết 5 năm thực hiện Kết luận số 120-KL/TW"])
    don_vi: Lines = Field(default_factory=list, description="đơn vị chủ trì, thực hiện",
                          examples=[["Ban Dân vận Tỉnh ủy"]])
    han: Date | None = Field(None, description="thời hạn đã giao", examples=["30/6/2021"])
    trang_thai: TaskStatus | None = Field(None, description="tình trạng: hoan-thanh, dang-thuc-hien hoặc "
                                                            "chua-thuc-hien", examples=["hoan-thanh"])
    ket_qua: str | None = Field(None, description="kết quả thực hiện, ghi ngắn", examples=["Đã tổ chức sơ kết"])
    nguon: str | None = Field(None, description="văn bản và dòng đã giao nhiệm vụ (công cụ ghi)",
                              examples=["tb-quy-i-2021.yaml:45"])


class Bullets(_Model):
    """Một nhóm ý gạch đầu dòng (`- …`), không đánh số."""

    gach_dau_dong: Lines = Field(min_length=1, description="các ý, mỗi ý một dòng; công cụ tự thêm `- `",
                                 examples=[["Việc triển khai còn chậm.", "Một số nơi chưa sâu sát."]])


class Item(_Model):
    """Một mục đánh số (1-, 1.1., a) …): có thể có tiêu đề, nội dung, mục con; một nhiệm vụ thì có thể
    ghi đơn vị thực hiện, thời hạn và tình trạng."""

    tieu_de: str | None = Field(None, description="tiêu đề hoặc câu dẫn của mục (in đậm)",
                                examples=["Công tác tham mưu Ban Thường vụ cấp ủy chỉ đạo:"])
    noi_dung: Lines = Field(default_factory=list, description="nội dung của mục, mỗi đoạn một dòng",
                            examples=[["Tiếp tục đổi mới nội dung và phương thức công tác dân vận."]])
    muc: list[Node] = Field(default_factory=list, description="các mục con, đánh số ở cấp dưới")
    gach_dau_dong: Lines = Field(default_factory=list, description="các ý gạch đầu dòng của mục")
    don_vi: Lines = Field(default_factory=list, description="đơn vị chủ trì, thực hiện nhiệm vụ",
                          examples=[["Ban Dân vận Tỉnh ủy", "Sở Nội vụ"]])
    han: Date | None = Field(None, description="thời hạn hoàn thành nhiệm vụ", examples=["30/6/2021"])
    trang_thai: TaskStatus | None = Field(None, description="tình trạng của nhiệm vụ",
                                          examples=["dang-thuc-hien"])

    @model_validator(mode="after")
    def _not_empty(self) -> Item:
        if not (self.tieu_de or self.noi_dung or self.muc or self.gach_dau_dong):
            raise ValueError("mục rỗng — hãy viết `tieu_de:` hoặc `noi_dung:` cho mục này")
        return self


class ColumnKind(enum.StrEnum):
    TEXT = "chu"
    NUMBER = "so"
    PERCENT = "phan_tram"


class Column(_Model):
    """Một cột của bảng."""

    ten: NonBlank = Field(description="tên cột", examples=["Số mô hình"])
    kieu: ColumnKind = Field(ColumnKind.TEXT, description="chu (chữ), so (số) hoặc phan_tram (tỷ lệ %)",
                             examples=["so"])
    rong_cm: float | None = Field(None, gt=0, description="độ rộng cột (cm); bỏ trống thì chia đều",
                                  examples=[3.5])


def _column(value: Any) -> Any:
    return {"ten": value} if isinstance(value, str) else value


class Table(_Model):
    """Một bảng số liệu trong nội dung."""

    tieu_de: str | None = Field(None, description="tên bảng, in đậm phía trên", examples=["Kết quả xây dựng mô hình"])
    cot: Annotated[list[Annotated[Column, BeforeValidator(_column, json_schema_input_type=str | Column)]],
                   Field(min_length=1)] = Field(
        description="các cột: tên cột, hoặc `{ten: …, kieu: so}` cho cột số", examples=[["Lĩnh vực", "Số mô hình"]])
    dong: list[list[str | None]] = Field(min_length=1, description="các dòng, mỗi dòng một danh sách ô",
                                         examples=[[["Kinh tế", "472"]]])
    tong: str | None = Field(None, description="nhãn dòng tổng (cộng các cột số)", examples=["Tổng cộng"])

    @model_validator(mode="after")
    def _cells(self) -> Table:
        for number, row in enumerate(self.dong, start=1):
            if len(row) != len(self.cot):
                raise ValueError(f"dòng {number} có {len(row)} ô nhưng bảng có {len(self.cot)} cột — "
                                 "mỗi dòng phải đủ số ô (ô trống ghi \"\")")
            for column, cell in zip(self.cot, row):
                if column.kieu is not ColumnKind.TEXT and cell not in (None, ""):
                    vnformat.parse_number(cell)  # raises a Vietnamese ValueError naming the cell
        return self


class TableBlock(_Model):
    bang: Table


def _node_kind(value: Any) -> str | None:
    """Which kind of content element ``value`` is — for raw data while validating, for models when dumping."""
    if isinstance(value, str):
        return "#doan"
    if isinstance(value, BaseModel):
        return {Bullets: "#gach", TableBlock: "#bang"}.get(type(value), "#muc")
    if isinstance(value, dict):
        return {frozenset({"gach_dau_dong"}): "#gach", frozenset({"bang"}): "#bang"}.get(frozenset(value), "#muc")
    return None


_CONTENT = (Annotated[str, Tag("#doan")], Annotated[Item, Tag("#muc")], Annotated[Bullets, Tag("#gach")],
            Annotated[TableBlock, Tag("#bang")])
Node = Annotated[Union[_CONTENT], Discriminator(_node_kind)]
"""An element of a content list: a paragraph (text), a numbered item (mapping), a group of bullets, a table."""


PART_NAMES = ("muc_dich_yeu_cau", "ket_qua", "han_che", "nhiem_vu", "kien_nghi", "to_chuc_thuc_hien")
"""The parts of a body that have a meaning (tasks are read from `nhiem_vu`), in their usual order."""


class NestedPart(RootModel[dict[Literal[PART_NAMES], "Part"]]):
    """Một phần đặt làm một mục đánh số của phần khác, ví dụ kiến nghị là mục 3.2 trong phần nhiệm vụ: in như
    một mục (`- kien_nghi: {tieu_de: …, noi_dung: …}`), nhưng vẫn là phần kiến nghị với `carry` và `tasks`."""

    root: Annotated[dict[Literal[PART_NAMES], Part], Field(min_length=1, max_length=1)]

    @property
    def name(self) -> str:
        return next(iter(self.root))

    @property
    def part(self) -> Part:
        return next(iter(self.root.values()))


def nested_part_name(value: Any) -> str | None:
    """The part's name when ``value`` (data as typed) is a part nested as an item of another: `{kien_nghi: {…}}`."""
    if isinstance(value, dict) and len(value) == 1 and (name := next(iter(value))) in PART_NAMES:
        return name
    return None


def _part_node_kind(value: Any) -> str | None:
    """Like :func:`_node_kind`, and a mapping whose only key is a part's name is that part, nested."""
    if isinstance(value, NestedPart) or nested_part_name(value) is not None:
        return "#phan"
    return _node_kind(value)


PartNode = Annotated[Union[(*_CONTENT, Annotated[NestedPart, Tag("#phan")])], Discriminator(_part_node_kind)]
"""An element of a part's own content list: a content element, or another part nested as a numbered item."""


class Part(_Model):
    """Một phần của nội dung (kết quả, hạn chế, nhiệm vụ, kiến nghị): tiêu đề được đánh số cấp 1."""

    tieu_de: str | None = Field(None, description="tiêu đề của phần (công cụ tự đánh số I-, II- …)",
                                examples=["Về kết quả đạt được:"])
    noi_dung: list[PartNode] = Field(default_factory=list,
                                     description="các đoạn văn, mục đánh số (`- tieu_de:`/`noi_dung:`), nhóm gạch "
                                                 "đầu dòng (`- gach_dau_dong:`), bảng (`- bang:`), và phần khác đặt "
                                                 "làm một mục (`- kien_nghi: {tieu_de: …, noi_dung: …}`)")
    bang_nhiem_vu: bool = Field(False, description="trình bày các mục (nhiệm vụ) thành bảng: nội dung, đơn vị "
                                                   "chủ trì, thời hạn", examples=[True])
    bang_theo_doi: bool = Field(False, description="in bảng kết quả thực hiện các nhiệm vụ kỳ trước (`theo_doi`) "
                                                   "ở cuối phần này", examples=[True])

    @model_validator(mode="after")
    def _not_empty(self) -> Part:
        if not (self.tieu_de or self.noi_dung or self.bang_theo_doi):
            raise ValueError("phần rỗng — hãy viết `tieu_de:` hoặc `noi_dung:`, hoặc xóa phần này")
        return self


class Body(_Model):
    """Nội dung văn bản theo các phần có ý nghĩa, in theo đúng thứ tự dưới đây."""

    mo_dau: Lines = Field(default_factory=list, description="các đoạn mở đầu (không đánh số)")
    muc_dich_yeu_cau: Part | None = Field(None, description="mục đích, yêu cầu (kế hoạch)")
    ket_qua: Part | None = Field(None, description="kết quả đạt được (có thể gồm cả hạn chế)")
    han_che: Part | None = Field(None, description="hạn chế, tồn tại (khi tách thành phần riêng)")
    nhiem_vu: Part | None = Field(None, description="nhiệm vụ, giải pháp thời gian tới")
    kien_nghi: Part | None = Field(None, description="kiến nghị, đề xuất")
    to_chuc_thuc_hien: Part | None = Field(None, description="tổ chức thực hiện (kế hoạch)")
    ket_thuc: Lines = Field(default_factory=list, description="các đoạn kết thúc (không đánh số)")
    thu_tu: list[str] | None = Field(None, description="thứ tự in các phần (mặc định: thứ tự viết trong tệp)",
                                     examples=[["ket_qua", "nhiem_vu", "kien_nghi", "han_che"]])

    PARTS: ClassVar[tuple[str, ...]] = PART_NAMES
    _typed_order: tuple[str, ...] = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _keep_typed_order(cls, data: Any, handler: Any) -> Body:
        body = handler(data)
        if isinstance(data, dict):  # the parts print in the order the secretary wrote them
            body._typed_order = tuple(key for key in data if key in cls.PARTS)
        return body

    @field_validator("thu_tu")
    @classmethod
    def _known_parts(cls, value: list[str] | None) -> list[str] | None:
        for name in value or []:
            if name not in cls.PARTS:
                raise ValueError(f"`{name}` không phải tên một phần — các phần: {', '.join(cls.PARTS)}")
        if value is not None and len(set(value)) != len(value):
            raise ValueError("mỗi phần chỉ ghi một lần trong `thu_tu`")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> Body:
        if not (self.mo_dau or self.ket_thuc or any(getattr(self, p) for p in self.PARTS)):
            raise ValueError("nội dung rỗng — hãy viết ít nhất `mo_dau:` hoặc một phần như `ket_qua:`")
        return self

    @classmethod
    def print_order(cls, typed: Sequence[str], chosen: Sequence[str] | None) -> list[str]:
        """The parts in print order: `thu_tu` when given, else the order typed; parts left out of either come
        after, in the usual order."""
        first = [name for name in (chosen or typed) if name in cls.PARTS]
        return first + [name for name in cls.PARTS if name not in first]

    def parts(self) -> list[tuple[str, Part]]:
        """The parts written at the top level of the body, in print order (nested ones are inside their host)."""
        return [(name, part) for name in self.print_order(self._typed_order, self.thu_tu)
                if (part := getattr(self, name)) is not None]

    def all_parts(self) -> Iterator[tuple[str, Part, tuple]]:
        """Every part, nested ones just after their host, with its data path from the document's root."""
        for name, part in self.parts():
            path = ("noi_dung", name)
            yield name, part, path
            for index, node in enumerate(part.noi_dung):
                if isinstance(node, NestedPart):
                    yield node.name, node.part, path + ("noi_dung", index, node.name)

    def find(self, name: str) -> tuple[Part, tuple] | None:
        """The part called ``name`` wherever it is written, and its data path; None when there is none."""
        return next(((part, path) for found, part, path in self.all_parts() if found == name), None)


class Recipient(_Model):
    """Một nơi nhận có ghi chú, ví dụ `(b/c)`."""

    noi: NonBlank = Field(description="tên nơi nhận", examples=["Thường trực Tỉnh ủy"])
    ghi_chu: str | None = Field(None, description="ghi chú trong ngoặc, không cần gõ ngoặc",
                                examples=["b/c", "thay b/c"])

    def text(self) -> str:
        return f"{self.noi} ({self.ghi_chu})" if self.ghi_chu else self.noi


def _recipient(value: Any) -> Any:
    return {"noi": value} if isinstance(value, str) else value


# A plain line, or `noi:` with `ghi_chu:`.
RecipientEntry = Annotated[Recipient, BeforeValidator(_recipient, json_schema_input_type=str | Recipient)]


class Signature(_Model):
    """Thẩm quyền, chức vụ, họ tên người ký (ô 7a–7c)."""

    quyen_han: str | None = Field(None, description="thẩm quyền ký: T/M, K/T, T/L, Q. (Đảng); TM., KT., TL., "
                                                    "TUQ., Q. (Nhà nước)", examples=["T/M"])
    thay_mat: str | None = Field(None, description="tập thể hoặc người đứng đầu mà thẩm quyền ký áp dụng",
                                 examples=["BAN THƯỜNG VỤ", "TRƯỞNG BAN"])
    chuc_vu: NonBlank = Field(description="chức vụ người ký", examples=["PHÓ BÍ THƯ", "CHÁNH VĂN PHÒNG"])
    ho_ten: NonBlank = Field(description="họ và tên người ký", examples=["Võ Thanh An"])


class Typist(_Model):
    """Ký hiệu người đánh máy và số lượng bản (ô 12)."""

    ky_hieu: NonBlank = Field(description="chữ viết tắt tên người đánh máy", examples=["PL"])
    so_ban: int = Field(gt=0, description="số bản phát hành", examples=[30])


class Appendix(_Model):
    """Một phụ lục kèm theo văn bản: trang riêng, số thứ tự và tên do công cụ trình bày."""

    tieu_de: NonBlank = Field(description="tên phụ lục", examples=["Kết quả xây dựng mô hình “Dân vận khéo”"])
    noi_dung: list[Node] = Field(min_length=1, description="nội dung: đoạn văn, mục, gạch đầu dòng, bảng")


class Document(_Model):
    """Một văn bản của Đảng (HD 36-HD/VPTW) hoặc của Nhà nước (NĐ 30/2020/NĐ-CP)."""

    model_config = ConfigDict(title="Văn bản vanban")

    loai: str = Field(description="loại văn bản: thong-bao-ket-luan, ket-luan, bao-cao, ke-hoach hoặc cong-van",
                      examples=["thong-bao-ket-luan"])
    he_thong: str = Field("dang", description="hệ thống văn bản: dang (Đảng: HD 36-HD/VPTW cho văn bản trước "
                                               "27/5/2026, HD 05-HD/VPTW từ ngày đó), dang-hd36 hoặc dang-2026 (chọn "
                                               "hẳn một hướng dẫn), nha-nuoc (NĐ 30/2020/NĐ-CP)", examples=["dang"])
    co_quan: IssuingBody = Field(description="cơ quan ban hành",
                                 examples=[{"ten": "TỈNH ỦY BÌNH THUẬN", "viet_tat": "TU"}])
    so: str | None = Field(None, description="số văn bản, chỉ phần số; để trống thì văn thư điền tay",
                           examples=["970"], json_schema_extra={"anyOf": [
                               {"type": "string", "pattern": r"^\s*[0-9]+\s*$"}, {"type": "integer", "minimum": 0},
                               {"type": "null"}]})
    dia_danh: NonBlank = Field(description="địa danh nơi cơ quan đóng trụ sở", examples=["Phan Thiết"])
    ngay: Date | None = Field(None, description="ngày ban hành; để trống thì văn thư điền tay",
                              examples=["26/7/2010"])
    nam: int | None = Field(None, description="năm ban hành khi chưa có ngày", examples=[2021],
                            json_schema_extra={"pattern": r"^\s*\d{4}\s*$"})
    ky: str | None = Field(None, description="kỳ của văn bản, viết một lần; trong chữ dùng {ky}, {ky_truoc}, "
                                             "{ky_sau}, {nam}; `vanban carry` chuyển sang kỳ sau",
                           examples=["quý II/2021", "6 tháng đầu năm 2021", "năm 2021", "tháng 5/2021"])
    ten_loai: str | None = Field(None, description="tên loại văn bản; mặc định theo loại", examples=["THÔNG BÁO"])
    do_khan: str | None = Field(None, description="độ khẩn: KHẨN, THƯỢNG KHẨN hoặc HỎA TỐC", examples=["KHẨN"])
    do_mat: str | None = Field(None, description="độ mật: MẬT, TỐI MẬT hoặc TUYỆT MẬT", examples=["MẬT"])
    du_thao: str | None = Field(None, description="dấu dự thảo (văn bản của Đảng)", examples=["Dự thảo lần 2"])
    pham_vi_luu_hanh: str | None = Field(None, description="chỉ dẫn phạm vi lưu hành",
                                         examples=["TÀI LIỆU HỘI NGHỊ"])
    trich_yeu: Lines = Field(min_length=1, description="trích yếu, một hoặc nhiều dòng",
                             examples=[["KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY", "tại buổi làm việc với Ban Dân vận"]])
    hoi_nghi: Meeting | None = Field(None, description="cuộc họp được kết luận")
    danh_so: list[str] | None = Field(None, description="cách đánh số từng cấp, viết như nhãn đầu tiên",
                                      examples=[["I.", "1.", "1.1."]])
    kinh_gui: Lines = Field(default_factory=list, description="công văn: nơi gửi đến, mỗi nơi một dòng",
                            examples=[["Ban Thường vụ các huyện ủy, thị ủy, thành ủy"]])
    noi_dung: Body = Field(description="nội dung văn bản")
    phu_luc: list[Appendix] = Field(default_factory=list, description="các phụ lục kèm theo, đánh số tự động")
    theo_doi: list[Review] = Field(default_factory=list,
                                   description="nhiệm vụ kỳ trước được xem lại (`vanban carry` chép sang): ghi "
                                               "tình trạng từng việc; in thành bảng khi một phần có "
                                               "`bang_theo_doi: true`")
    dau_ket_thuc: Literal["./.", "."] | None = Field(
        None, description="dấu kết thúc nội dung, khi văn bản thật khác hướng dẫn: `./.` hoặc `.`; để trống thì "
                          "theo hướng dẫn (HD 36, NĐ 30: `./.`; HD 05: `.`)", examples=["."])
    noi_nhan: Annotated[list[RecipientEntry], Field(min_length=1)] = Field(
        description="nơi nhận, mỗi nơi một dòng; công cụ tự thêm `- `, dấu cuối dòng và dòng lưu",
        examples=[["Thường trực Tỉnh ủy (b/c)", "Sở Nội vụ"]])
    dau_cuoi_dong: str | None = Field(None, description="dấu cuối mỗi dòng nơi nhận: `,` hoặc `;`",
                                      examples=[";"])
    luu: str | None = Field(None, description="nơi lưu (dòng cuối của nơi nhận)", examples=["Văn phòng Tỉnh ủy"])
    nguoi_ky: Signature = Field(description="người ký")
    nguoi_danh_may: Typist | None = Field(None, description="ký hiệu người đánh máy và số bản phát hành")
    lien_he: Lines = Field(default_factory=list, description="thông tin liên hệ ở chân trang đầu",
                           examples=[["Địa chỉ: 02 Hai Bà Trưng, Phan Thiết", "Điện thoại: 0252 3822 000"]])

    @field_validator("he_thong")
    @classmethod
    def _known_rulebook(cls, value: str) -> str:
        if value not in rulebook.codes():
            raise ValueError(f"hệ thống `{value}` chưa có — hãy dùng một trong: {', '.join(rulebook.codes())}")
        return value

    @field_validator("so")
    @classmethod
    def _number(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[0-9]+", value):
            raise ValueError(f"`{value}` không phải số — chỉ viết phần số, ví dụ `so: \"970\"`; "
                             "ký hiệu như -TB/TU do công cụ tự thêm")
        return value

    @field_validator("ky")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        if value is not None:
            period.parse(value)  # a PeriodError is a ValueError with the accepted forms
        return value

    @field_validator("nam", mode="before")
    @classmethod
    def _year(cls, value: Any) -> Any:
        if isinstance(value, str) and not re.fullmatch(r"\d{4}", value.strip()):
            raise ValueError(f"`{value}` không phải một năm — ví dụ `nam: 2021`")
        return value


Item.model_rebuild()
NestedPart.model_rebuild()
Part.model_rebuild()
Appendix.model_rebuild()
Document.model_rebuild()
