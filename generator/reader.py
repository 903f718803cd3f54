"""Stages 1–3 for one file: load the YAML (completed by its office profile), validate it against the model,
check it against its rulebook, fill its placeholders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator import consistency, legacy_encoding, legacy_fix, loader, placeholders, rulebook
from generator.cycle import office as office_profile
from generator.cycle import prompts
from generator.cycle.office import Office
from generator.errors import InputError
from generator.model import Document
from generator.reading import partial
from generator.rulebook import Rulebook


@dataclass(frozen=True)
class Prepared:
    """A document that passed every hard check, with the profile it is laid out by and its office, if any."""

    source: loader.LoadedFile
    document: Document
    book: Rulebook
    office: Office | None = None
    reason: str = ""  # which profile lays it out and why (`vanban check` says it)


class NotReady(InputError):
    """The problems of a file that could still be read as a whole. ``prepared`` holds its document with the
    values in ``set_aside`` removed or replaced by stand-ins, for checks that report more in the same run (the
    rulebook's lint rules, whose findings about a value set aside mean nothing). Never render it."""

    def __init__(self, problems: list, prepared: Prepared | None = None,
                 set_aside: frozenset[loader.Path_] = frozenset()):
        super().__init__(problems)
        self.prepared = prepared
        self.set_aside = set_aside


def find_office(path: Path, explicit: Path | None = None) -> Office | None:
    """The office profile named with ``--don-vi``, or found beside the draft or in a parent folder."""
    found = explicit or office_profile.find(path)
    return office_profile.load(found) if found else None


def prepare(path: Path, book: Rulebook | None = None, office: Path | None = None,
            today: dt.date | None = None) -> Prepared:
    """Load, validate and check ``path``; raise :class:`InputError` with every problem found.

    The reading goes on past every mistake it can set right or aside — a Tab, a line YAML misreads, text in a
    legacy encoding, a wrong value — so that one run reports the mistakes of the whole file.

    ``book`` replaces the profile named in the file (used to try a changed profile); ``office`` names the office
    profile instead of looking for ``don-vi.yaml``; ``today`` decides the profile of an undated draft."""
    source = loader.read_file(path)
    problems = list(source.problems)
    legacy = legacy_fix.problems(source)
    if legacy:  # reported, then the text is checked as it reads once converted
        problems += legacy
        for where, text, encoding in list(legacy_fix.legacy_fields(source)):
            _replace(source.data, where, legacy_encoding.to_unicode(text, encoding))
    try:
        prepared = prepare_loaded(source, book, find_office(path, office), today)
    except NotReady as exc:
        raise NotReady(problems + exc.problems, exc.prepared, exc.set_aside) from exc
    except InputError as exc:
        raise InputError(problems + exc.problems) from exc
    if problems:
        raise NotReady(problems, prepared)
    return prepared


def _replace(data: object, path: loader.Path_, value: str) -> None:
    for part in path[:-1]:
        data = data[part]  # type: ignore[index]
    data[path[-1]] = value  # type: ignore[index]


def prepare_loaded(source: loader.LoadedFile, book: Rulebook | None = None,
                   office: Office | None = None, today: dt.date | None = None) -> Prepared:
    """Stages 2–3 for data already read (a file, or a document the tool composes, such as a follow-up report)."""
    if office is not None:
        source = office_profile.apply(source, office)
    document, problems, set_aside = partial.validate_all(source)
    if problems:  # a draft's unwritten prompts are reported with the data errors, in one run
        problems += [source.problem(path, prompts.CODE, message) for path, message in prompts.unwritten(source.strings())]
    reason = ""
    if document is not None:
        try:
            if book is None:
                choice = rulebook.choose(document.he_thong, document.ngay, today or dt.date.today(),
                                         year=document.nam)
                book, reason = choice.book, choice.reason
            findings = consistency.check(document, book)
        except (InputError, ValueError, KeyError, OSError):
            if not problems:
                raise
            findings = []
        problems += [source.problem(where, code, message) for where, code, message in findings
                     if not partial.touches(where, set_aside)]
    if document is None:
        raise InputError(problems)
    if problems:
        try:
            readable = (Prepared(source, placeholders.fill(document, source.data), book, office, reason) if book
                        else None)
        except (InputError, ValueError, KeyError):
            readable = None
        raise NotReady(problems, readable, frozenset(set_aside))
    return Prepared(source, placeholders.fill(document, source.data), book, office, reason)
