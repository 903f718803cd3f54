"""Validation that does not stop at the first wrong value: every data error is reported, then the wrong values
are set aside (an optional one removed, a required one or a list entry replaced by a stand-in) so that the
rulebook's checks can still run on the rest of the document in the same run."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from generator import model
from generator.errors import InputError, Problem
from generator.loader import LoadedFile, Path_
from generator.validate import _data_path, _example, _field, validate

STAND_IN = "…"  # a list entry set aside: valid as a line, a paragraph and a recipient
ROUNDS = 4


def validate_all(loaded: LoadedFile) -> tuple[model.Document | None, list[Problem], set[Path_]]:
    """The document, the data problems, and the paths set aside to get the document (None when even that
    failed: a problem of the whole file, or a value nothing can stand in for)."""
    try:
        return validate(loaded), [], set()
    except InputError as exc:
        problems = exc.problems
    data = copy.deepcopy(loaded.data)
    set_aside: set[Path_] = set()
    for _ in range(ROUNDS):
        try:
            return model.Document.model_validate(data), problems, set_aside
        except ValidationError as exc:
            changed = False
            for error in exc.errors():
                loc = tuple(error["loc"])
                path = _data_path(data, loc)
                if path and _set_aside(data, path, loc, error["type"]):
                    set_aside.add(path)
                    changed = True
            if not changed:
                break
        except (ValueError, TypeError):
            break
    return None, problems, set_aside


def _set_aside(data: Any, path: Path_, loc: tuple[Any, ...], kind: str) -> bool:
    parent = data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = path[-1]
    if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        if parent[last] == STAND_IN:
            return False
        parent[last] = STAND_IN
        return True
    if not isinstance(parent, dict):
        return False
    info = _field(loc, model.Document) if kind != "extra_forbidden" else None
    if info is not None and info.is_required():
        example = _example(info)
        if example == "…" or parent.get(last) == example:
            return False
        parent[last] = copy.deepcopy(example)
        return True
    if last in parent:
        del parent[last]
        return True
    return False


def touches(path: Path_, set_aside: set[Path_]) -> bool:
    """Whether a finding at ``path`` is about a value set aside (or one holding it, or held by it)."""
    return any(path[:len(p)] == p or p[:len(path)] == path for p in set_aside)
