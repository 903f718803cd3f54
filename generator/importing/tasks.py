"""Who does a task and by when, when its sentence says so: "Giao Ban Dân vận Tỉnh ủy chủ trì …",
"Sở Nội vụ chủ trì, phối hợp …", "… trước ngày 15/12/2024"."""

from __future__ import annotations

import re

from generator import inline, vnformat

_GIVEN = re.compile(r"Giao\s+(?:cho\s+)?(?P<unit>.+?)\s+(?:chủ trì|thực hiện|theo dõi|phối hợp|tổ chức|triển khai|"
                    r"tham mưu|xây dựng|rà soát|hướng dẫn|nghiên cứu|có trách nhiệm|chịu trách nhiệm)\b")
_BODIES = (r"Ban|Sở|Ủy ban|Uỷ ban|UBND|Văn phòng|Phòng|Các|Huyện ủy|Thị ủy|Thành ủy|Đảng ủy|Tỉnh đoàn|Công an|"
           r"Bộ Chỉ huy|Hội|Liên đoàn|Mặt trận|Đoàn|Thường trực|Cấp ủy|Báo|Đài|Trường|Trung tâm|Thanh tra|Cục|Chi cục")
_ACTS = re.compile(rf"(?P<unit>(?:{_BODIES})\b[^,;:.]{{0,80}}?)\s+(?:chủ trì|có trách nhiệm|chịu trách nhiệm|phối hợp|"
                   r"thực hiện|tham mưu|theo dõi|chỉ đạo|hướng dẫn|xây dựng|tổ chức)\b")
_DEADLINE = re.compile(r"(?:trước|chậm nhất|hạn chót|hoàn thành trong)\s+(?:ngày\s+)?(?P<date>\d{1,2}/\d{1,2}/\d{4})")


def unit(text: str) -> str | None:
    plain = inline.plain(text)
    match = _GIVEN.match(plain) or _ACTS.match(plain)
    return match.group("unit").strip() if match else None


def deadline(text: str) -> str | None:
    match = _DEADLINE.search(inline.plain(text))
    if match is None:
        return None
    try:
        return vnformat.short_date(vnformat.parse_date(match.group("date")))
    except ValueError:
        return None
