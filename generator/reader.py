"""Stages 1–3 for one file: load the YAML, validate it against the model, check it against its rulebook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import consistency, legacy_fix, loader, rulebook
from generator.errors import InputError
from generator.model import Document
from generator.rulebook import Rulebook
from generator.validate import validate


@dataclass(frozen=True)
class Prepared:
    """A document that passed every hard check, with the profile it is laid out by."""

    source: loader.LoadedFile
    document: Document
    book: Rulebook


def prepare(path: Path, book: Rulebook | None = None) -> Prepared:
    """Load, validate and check ``path``; raise :class:`InputError` with every problem found.

    ``book`` replaces the profile named in the file (used to try a changed profile)."""
    source = loader.load_file(path)
    legacy = legacy_fix.problems(source)
    if legacy:
        raise InputError(legacy)
    document = validate(source)
    book = book or rulebook.load(document.he_thong)
    findings = consistency.check(document, book, source.data)
    if findings:
        raise InputError([source.problem(where, code, message) for where, code, message in findings])
    return Prepared(source, document, book)
