"""The whole path for one file: load → validate → check against the rulebook → lay out → render → write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import consistency, layout, loader, render, rulebook, template_builder
from generator.errors import Code, InputError, Problem, display_path
from generator.model import Document
from generator.rulebook import Rulebook
from generator.validate import validate


@dataclass(frozen=True)
class Prepared:
    """A document that passed every check, with the profile it is laid out by."""

    source: loader.LoadedFile
    document: Document
    book: Rulebook


def prepare(path: Path, book: Rulebook | None = None) -> Prepared:
    """Load, validate and check ``path``; raise :class:`InputError` with every problem found.

    ``book`` replaces the profile named in the file (used to try a changed profile)."""
    source = loader.load_file(path)
    document = validate(source)
    book = book or rulebook.load(document.he_thong)
    findings = consistency.check(document, book)
    if findings:
        raise InputError([source.problem(where, code, message) for where, code, message in findings])
    return Prepared(source, document, book)


def render_bytes(prepared: Prepared, templates: Path = template_builder.TEMPLATE_DIR) -> bytes:
    doc = prepared.document
    template = template_builder.template_path(doc.he_thong, doc.loai, templates)
    if not template.is_file():
        raise InputError([prepared.source.problem(("loai",), Code.TEMPLATE,
                                                  f"không có mẫu {display_path(template)} cho loại `{doc.loai}`")])
    try:
        return render.render(template, layout.context(doc, prepared.book))
    except render.TemplateError as exc:
        raise InputError([prepared.source.problem(("loai",), Code.TEMPLATE, str(exc))]) from exc


def default_output(source: Path, out_dir: Path | None = None) -> Path:
    return (out_dir or source.parent) / f"{source.stem}.docx"


def render_file(source: Path, output: Path, templates: Path = template_builder.TEMPLATE_DIR,
                book: Rulebook | None = None) -> None:
    """Render ``source`` into ``output``; the previous ``output`` stays whole if anything fails."""
    if output.suffix.lower() != ".docx":
        raise InputError([Problem(display_path(output), 1, 1, Code.OUTPUT,
                                  "tệp ra phải có đuôi .docx — công cụ không bao giờ ghi đè tệp YAML hay tệp khác")])
    data = render_bytes(prepare(source, book), templates)
    try:
        render.write_atomically(output, data)
    except OSError as exc:
        raise InputError([Problem(display_path(output), 1, 1, Code.OUTPUT,
                                  f"không ghi được tệp ({exc.strerror}) — tệp có đang mở trong Word không?")]) from exc
