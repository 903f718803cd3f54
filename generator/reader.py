"""Stages 1–3 for one file: load the YAML (completed by its office profile), validate it against the model,
check it against its rulebook, fill its placeholders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import consistency, legacy_fix, loader, placeholders, rulebook
from generator.cycle import office as office_profile
from generator.cycle import prompts
from generator.cycle.office import Office
from generator.errors import InputError
from generator.model import Document
from generator.rulebook import Rulebook
from generator.validate import validate


@dataclass(frozen=True)
class Prepared:
    """A document that passed every hard check, with the profile it is laid out by and its office, if any."""

    source: loader.LoadedFile
    document: Document
    book: Rulebook
    office: Office | None = None


def find_office(path: Path, explicit: Path | None = None) -> Office | None:
    """The office profile named with ``--don-vi``, or found beside the draft or in a parent folder."""
    found = explicit or office_profile.find(path)
    return office_profile.load(found) if found else None


def prepare(path: Path, book: Rulebook | None = None, office: Path | None = None) -> Prepared:
    """Load, validate and check ``path``; raise :class:`InputError` with every problem found.

    ``book`` replaces the profile named in the file (used to try a changed profile); ``office`` names the office
    profile instead of looking for ``don-vi.yaml``."""
    source = loader.load_file(path)
    legacy = legacy_fix.problems(source)
    if legacy:
        raise InputError(legacy)
    return prepare_loaded(source, book, find_office(path, office))


def prepare_loaded(source: loader.LoadedFile, book: Rulebook | None = None,
                   office: Office | None = None) -> Prepared:
    """Stages 2–3 for data already read (a file, or a document the tool composes, such as a follow-up report)."""
    if office is not None:
        source = office_profile.apply(source, office)
    try:
        document = validate(source)
    except InputError as exc:  # a draft's unwritten prompts are reported with the data errors, in one run
        raise InputError(exc.problems + [source.problem(path, prompts.CODE, message)
                                         for path, message in prompts.unwritten(source)]) from exc
    book = book or rulebook.load(document.he_thong)
    findings = consistency.check(document, book)
    if findings:
        raise InputError([source.problem(where, code, message) for where, code, message in findings])
    return Prepared(source, placeholders.fill(document), book, office)
