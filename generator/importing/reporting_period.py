"""The period a notice is about (`ky:`) — the first period its trích yếu names, "quý I, nhiệm vụ trọng tâm quý II
năm 2021" → `quý I/2021` — so that `vanban carry` knows which period comes next."""

from __future__ import annotations

import dataclasses

from generator import inline
from generator.cycle import period


def recognise(summary: list[str], year: int | None) -> str | None:
    text = " ".join(inline.plain(line) for line in summary)
    for mention in period.find_mentions(text, default_year=year):
        if mention.period.year is not None:  # written with its year, even where the text leaves it to the sentence
            return mention.period.text(dataclasses.replace(mention.period.style, with_year=True))
    return None
