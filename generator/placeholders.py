"""Placeholders a secretary types once and the tool fills everywhere: ``{ky}``, ``{ky_truoc}``, ``{ky_sau}``,
``{nam}`` (from the document's period, ``ky: quý II/2021``) and ``{hoi_nghi.ten}``, ``{hoi_nghi.ngay}``,
``{hoi_nghi.chu_tri}``, ``{hoi_nghi.thanh_phan}`` (from the meeting) — in the trích yếu, headings, paragraphs
and table cells alike.

After the rulebook checks the document is filled, so that the lint rules and the layout see the text as it will
be printed; rule VB165 reports a placeholder that does not exist (with a suggestion) or whose value the document
does not give.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, RootModel

from generator.cycle import period
from generator.errors import shorten
from generator.loader import Path_, iter_strings
from generator.model import Document

PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)?)\}")

# Every placeholder, with where its value comes from (for the message when the document does not give it).
SOURCES = {
    "ky": "ky: quý II/2021",
    "ky_truoc": "ky: quý II/2021",
    "ky_sau": "ky: quý II/2021",
    "nam": "ky: quý II/2021` hoặc `ngay: 12/4/2021",
    "hoi_nghi.ten": "hoi_nghi: {ten: …}",
    "hoi_nghi.ngay": "hoi_nghi: {ngay: 09/4/2021}",
    "hoi_nghi.chu_tri": "hoi_nghi: {chu_tri: …}",
    "hoi_nghi.thanh_phan": "hoi_nghi: {thanh_phan: […]}",
}


def meeting_values(doc: Document) -> dict[str, str]:
    """The meeting's facts as printed text, by field name (the fields it has); its days as people write them
    (`09 và 10/10/2018`, `30/9 - 02/10/2018`), padded by the document's rule."""
    meeting = doc.hoi_nghi
    if meeting is None:
        return {}
    values = {"ten": meeting.ten, "ngay": meeting.ngay.text() if meeting.ngay else None,
              "chu_tri": ", ".join(meeting.chu_tri) or None, "thanh_phan": ", ".join(meeting.thanh_phan) or None}
    return {key: value for key, value in values.items() if value}


def values(doc: Document) -> dict[str, str]:
    """The value of every placeholder this document can fill. The meeting's name may itself use the period
    (`ten: hội nghị trực báo {ky}`), so the period's values are filled into the meeting's first."""
    found: dict[str, str] = {}
    if doc.ky:
        found.update(period.placeholder_values(period.parse(doc.ky)))
    elif doc.ngay or doc.nam:
        found["nam"] = str(doc.ngay.year if doc.ngay else doc.nam)
    for key, value in meeting_values(doc).items():
        found[f"hoi_nghi.{key}"] = _replace(value, found)
    return found


def _replace(text: str, known: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: known.get(m.group(1), m.group(0)), text)


def check(doc: Document, strings: Iterable[tuple[Path_, str]]) -> Iterator[tuple[Path_, str]]:
    """(path, message) for every placeholder in ``strings`` (the texts as typed, with their paths) that is unknown
    or that the document gives no value for."""
    known = values(doc)
    for path, text in strings:
        for match in PLACEHOLDER.finditer(text):
            name = match.group(1)
            if name in known:
                continue
            if name in SOURCES:
                yield (path, f"chỗ điền `{{{name}}}` cần `{SOURCES[name]}` — hãy ghi thông tin đó, hoặc viết thẳng vào "
                       "dòng chữ")
                continue
            guess = difflib.get_close_matches(name, list(SOURCES), n=1, cutoff=0.6)
            hint = (f"có phải ý bạn là `{{{guess[0]}}}`?" if guess
                    else "các chỗ điền dùng được: " + ", ".join(f"`{{{n}}}`" for n in SOURCES))
            yield path, f"chỗ điền `{{{shorten(name, 60)}}}` không có — {hint}"


def fill(doc: Document, typed: Any) -> Document:
    """The document with every placeholder replaced by its value (checked to exist beforehand). Only the fields
    where ``typed`` (the data as read) has a `{` are walked: a long document's other paragraphs are left as they
    are, not visited."""
    known = values(doc)
    if not known:
        return doc
    return _filled(doc, lambda text: _replace(text, known), (), _Places.of(typed))


class _Places:
    """Where placeholders may stand, by the keys of their paths (list positions left out: the model may split one
    typed text into several lines): the keys leading to one, and the keys of a typed text holding one — below
    those, everything is walked, whatever shape the model gives the text (a column name becomes `{ten: …}`)."""

    def __init__(self, on_the_way: set[tuple[str, ...]], texts: set[tuple[str, ...]]):
        self.on_the_way, self.texts = on_the_way, texts

    @classmethod
    def of(cls, typed: Any) -> _Places:
        texts = {tuple(key for key in path if isinstance(key, str))
                 for path, text in iter_strings(typed) if "{" in text}
        return cls({keys[:depth] for keys in texts for depth in range(len(keys) + 1)}, texts)

    def below(self, keys: tuple[str, ...]) -> _Places | None:
        """None: walk everything under ``keys``; else the places, when ``keys`` leads to one; else nothing."""
        return None if keys in self.texts else self


def _filled(value: Any, replace, keys: tuple[str, ...], places: _Places | None) -> Any:
    """``value`` (at the typed ``keys``) with its placeholders replaced: the very same object where none stands in
    it, so that the paragraphs of a long document without placeholders are not copied."""
    if places is not None:
        if keys not in places.on_the_way:
            return value
        places = places.below(keys)
    if isinstance(value, str):
        return replace(value) if "{" in value else value
    if isinstance(value, list):
        items = [_filled(item, replace, keys, places) for item in value]
        return value if all(new is old for new, old in zip(items, value)) else items
    if isinstance(value, dict):  # a nested part: {name: part}
        filled = {key: _filled(item, replace, keys + (key,), places) for key, item in value.items()}
        return value if all(filled[key] is item for key, item in value.items()) else filled
    if isinstance(value, RootModel):  # typed as its content: no key of its own
        root = _filled(value.root, replace, keys, places)
        return value if root is value.root else value.model_copy(update={"root": root})
    if isinstance(value, BaseModel):
        changed = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            if (new := _filled(old, replace, keys + (name,), places)) is not old:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    return value
