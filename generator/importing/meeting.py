"""The meeting a notice concludes, where the opening states it — "Ngày 09/4/2021, …", "đồng chí … chủ trì …",
"tổ chức hội nghị …" — and its facts written back into the opening as `{hoi_nghi.ngay}`, `{hoi_nghi.chu_tri}`,
`{hoi_nghi.ten}` when they print the very same words (so `vanban carry` can clear them)."""

from __future__ import annotations

import re
from typing import Any

from generator import vnformat

_DATE = re.compile(r"(?:^|(?<=\s))(?:[Nn]gày|vào ngày)\s+(?P<date>\d{1,2}/\d{1,2}/\d{4})")
_CHAIR = re.compile(r"(?P<chair>đồng chí [^,;:]+?)\s+(?:đã\s+)?chủ trì")
_NAME = re.compile(r"(?:tổ chức|Tại|tại|chủ trì)\s+(?P<name>(?:[Hh]ội nghị|buổi làm việc|cuộc họp|[Hh]ội thảo)"
                   r"[^,;:.]*?)(?=\s+(?:vào ngày|về|với sự|do)\b|[,;:.]|$)")


def recognise(opening: list[str]) -> tuple[dict[str, Any], list[str]]:
    """(`hoi_nghi` facts, the opening with the facts written as placeholders)."""
    if not opening:
        return {}, opening
    facts: dict[str, Any] = {}
    first = opening[0]
    date = _DATE.search(first)
    if date and _same_print(date.group("date")):
        facts["ngay"] = date.group("date")
    chair = _CHAIR.search(first)
    if chair:
        facts["chu_tri"] = chair.group("chair")
    name = _NAME.search(first)
    if name and "{" not in name.group("name"):
        facts["ten"] = name.group("name").strip()
    if "{" in first or "}" in first:
        return facts, opening
    for key in ("ten", "chu_tri", "ngay"):
        if key in facts and first.count(facts[key]) == 1:
            first = first.replace(facts[key], "{hoi_nghi.%s}" % key)
    return facts, [first] + opening[1:]


def _same_print(text: str) -> bool:
    try:
        return vnformat.short_date(vnformat.parse_date(text)) == text
    except ValueError:
        return False
