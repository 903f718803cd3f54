"""Tasks a notice sets (the numbered items of its `nhiem_vu` part) and the reviews of earlier tasks it records
(`theo_doi`), with their unit, deadline, status and place — for `vanban carry` and `vanban tasks`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.loader import Path_
from generator.model import Item, Node, TaskStatus
from generator.reader import Prepared

TASK_PART = "nhiem_vu"


@dataclass(frozen=True)
class Task:
    """One task: what was set, for whom, by when, how far it is; where it was written (file, line, data path)."""

    text: str
    units: tuple[str, ...]
    deadline: dt.date | None
    status: TaskStatus | None
    result: str | None
    file: str
    line: int
    path: Path_
    is_review: bool = False  # from a later notice's `theo_doi`, not set by this notice

    @property
    def is_open(self) -> bool:
        return self.status is not TaskStatus.DONE

    def overdue(self, day: dt.date) -> bool:
        return self.is_open and self.deadline is not None and self.deadline < day

    @property
    def key(self) -> str:
        """What identifies a task across notices: its words, whatever the spacing and case."""
        return " ".join(self.text.split()).casefold()


def set_tasks(prepared: Prepared) -> list[Task]:
    """The tasks the notice sets: the innermost numbered items of its tasks part (wherever it is written; not
    the items of a part nested in it, such as recommendations), each with the unit written on it or on the
    nearest item above it."""
    found = prepared.document.noi_dung.find(TASK_PART)
    if found is None:
        return []
    part, path = found
    return list(_leaves(prepared, part.noi_dung, path + ("noi_dung",), ()))


def _leaves(prepared: Prepared, nodes: Sequence[Node], path: Path_, units: tuple[str, ...]) -> Iterator[Task]:
    for index, node in enumerate(nodes):
        if not isinstance(node, Item):
            continue
        here = path + (index,)
        own_units = tuple(node.don_vi) or units
        children = [child for child in node.muc if isinstance(child, Item)]
        if children:
            yield from _leaves(prepared, node.muc, here + ("muc",), own_units)
            continue
        text = " ".join(filter(None, [node.tieu_de, *node.noi_dung]))
        line, _ = prepared.source.position(here)
        yield Task(text, own_units, node.han, node.trang_thai, None, prepared.source.file_of(here), line, here)


def reviews(prepared: Prepared) -> list[Task]:
    """The earlier tasks the notice reviews (`theo_doi`), with the status written for each."""
    found = []
    for index, review in enumerate(prepared.document.theo_doi):
        path = ("theo_doi", index)
        line, _ = prepared.source.position(path)
        found.append(Task(review.nhiem_vu, tuple(review.don_vi), review.han, review.trang_thai, review.ket_qua,
                          prepared.source.file_of(path), line, path, is_review=True))
    return found
