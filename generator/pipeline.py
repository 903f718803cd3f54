"""The whole path for one file: read (load, validate, rulebook check) → lint → lay out → render → write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from generator import lint, safe_write
from generator.errors import Code, InputError, Problem, display_path, os_reason
from generator.reader import NotReady, Prepared, prepare
from generator.rulebook import Rulebook

if TYPE_CHECKING:
    from generator.rendering.package import Part


def check_file(source: Path, book: Rulebook | None = None, today: dt.date | None = None,
               future_margin_days: int = lint.DEFAULT_FUTURE_MARGIN_DAYS,
               office: Path | None = None) -> tuple[Prepared | None, list[Problem]]:
    """Every problem of ``source``: reading errors, or else the findings of every lint rule."""
    today = today or lint.current_date()  # one day for the profile chosen and the date rules alike
    try:
        prepared = prepare(source, book, office, today)
    except NotReady as exc:  # data errors: the rulebook's rules still look at what could be read, in this run
        if exc.prepared is None:
            return None, exc.problems
        known = set(exc.problems)
        more = lint.lint(exc.prepared, today, future_margin_days, set_aside=exc.set_aside)
        return None, exc.problems + [problem for problem in more if problem not in known]
    except InputError as exc:
        return None, exc.problems
    return prepared, lint.lint(prepared, today, future_margin_days)


def template_for(prepared: Prepared, templates: Path | None = None) -> Path:
    """The Word template of the document: from ``--mau`` when given; else the office's own folder, where it has
    one for this kind; else the built-in one."""
    from generator import template_builder  # python-docx: only a render pays for it, not a check

    profile, kind = prepared.book.ma, prepared.document.loai  # the profile chosen (dang-2026 …), not the name typed
    if templates is None and prepared.office is not None and prepared.office.templates is not None:
        own = template_builder.template_path(profile, kind, prepared.office.templates)
        if own.is_file():
            return own
    return template_builder.template_path(profile, kind, templates or template_builder.TEMPLATE_DIR)


def render_parts(prepared: Prepared, templates: Path | None = None) -> list[Part]:
    doc = prepared.document
    template = template_for(prepared, templates)
    if not template.is_file():
        raise InputError([prepared.source.problem(("loai",), Code.TEMPLATE,
                                                  f"không có mẫu {display_path(template)} cho loại `{doc.loai}`")])
    from generator import render  # docx and docxtpl: only a render pays for them, not a check

    context = render_context(prepared, template)
    try:
        return render.render_parts(template, context)
    except render.TemplateError as exc:
        raise InputError(_missing_data(prepared, template, context)
                         or [prepared.source.problem(("loai",), Code.TEMPLATE, str(exc))]) from exc


def render_context(prepared: Prepared, template: Path) -> dict:
    """The values ``template`` is filled with: the layout's; an office's own template also gets the document as
    typed (`van_ban`), which the built-in templates never read."""
    from generator import layout, render

    context = layout.context(prepared.document, prepared.book)
    if not render.is_ours(template):
        context |= layout.document_data(prepared.document)
    return context


def _missing_data(prepared: Prepared, template: Path, context: dict) -> list[Problem]:
    """When a template fails for data the document lacks: one problem per use, with the template's paragraph."""
    from generator import render, template_vars  # only on this failure path: it parses the whole template

    try:
        uses = template_vars.missing_data(template, context)
    except render.TemplateError:
        return []
    return [prepared.source.problem(("loai",), Code.TEMPLATE,
                                    f"mẫu {template.name} cần `{use.path}` mà văn bản không có — ở "
                                    f"{template_vars.part_title(use.part)}, đoạn «{use.paragraph}»")
            for use in uses]


def default_output(source: Path, out_dir: Path | None = None) -> Path:
    return (out_dir or source.parent) / f"{source.stem}.docx"


def render_file(source: Path, output: Path, templates: Path | None = None,
                book: Rulebook | None = None, *, force: bool = False, today: dt.date | None = None,
                future_margin_days: int = lint.DEFAULT_FUTURE_MARGIN_DAYS, office: Path | None = None) -> list[Problem]:
    """Check ``source`` and, when it has no error, render it into ``output``; return the warnings.

    Raise :class:`InputError` with every problem otherwise. The previous ``output`` stays whole if anything fails,
    and one edited by hand after we wrote it is only replaced with ``force`` (after a dated backup)."""
    if output.suffix.lower() != ".docx":
        raise InputError([Problem(display_path(output), 1, 1, Code.OUTPUT,
                                  "tệp ra phải có đuôi .docx — công cụ không bao giờ ghi đè tệp YAML hay tệp khác")])
    prepared, problems = check_file(source, book, today, future_margin_days, office)
    if prepared is None or any(p.is_error for p in problems):
        raise InputError(problems)
    try:
        write_docx(prepared, output, templates, force=force, sources=(source,))
    except InputError as exc:
        raise InputError(problems + exc.problems) from exc
    return problems


def write_docx(prepared: Prepared, output: Path, templates: Path | None = None, *, force: bool = False,
               sources: tuple[Path, ...] = ()) -> None:
    """Render ``prepared`` into ``output``, replacing only a DOCX vanban wrote and nobody changed since (or any
    file with ``force``, after a dated backup); never one of ``sources``."""
    shown = display_path(output)
    try:
        target = safe_write.prepare_target(output, force=force, sources=sources)
        safe_write.write(target, safe_write.stamped(render_parts(prepared, templates)))
    except safe_write.TargetRefused as exc:
        raise InputError([Problem(shown, 1, 1, exc.code, str(exc))]) from exc
    except OSError as exc:
        raise InputError([Problem(shown, 1, 1, Code.OUTPUT, f"không ghi được tệp ({os_reason(exc)})")]) from exc
