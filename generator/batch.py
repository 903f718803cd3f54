"""A whole office's quarter at once: the documents named by files, folders (searched recursively) and patterns,
rendered or checked in parallel on every core — one broken document never stops the others."""

from __future__ import annotations

import functools
import gc
import glob
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator import pipeline
from generator.cycle.office import PROFILE_NAME
from generator.errors import Code, InputError, Problem, display_path
from generator.safe_write import BACKUP_MARK


@dataclass(frozen=True)
class Job:
    """One document to render: where it is, where its DOCX goes."""

    source: Path
    output: Path


@dataclass(frozen=True)
class Outcome:
    """What became of one document: the DOCX written (None when it failed) and every finding."""

    source: Path
    output: Path | None
    problems: tuple[Problem, ...] = field(default=())

    @property
    def failed(self) -> bool:
        return self.output is None

    @property
    def warnings(self) -> int:
        return sum(not p.is_error for p in self.problems)


def is_document(path: Path) -> bool:
    """A YAML the secretary wrote: not the office profile, not a hidden or backup file."""
    return (path.suffix.lower() in (".yaml", ".yml") and path.name != PROFILE_NAME
            and not path.name.startswith((".", "~")) and BACKUP_MARK not in path.name)


def documents(inputs: Iterable[Path]) -> list[tuple[Path, Path]]:
    """Every document named: (path, its folder relative to the folder it was found in — `.` for a file named
    directly). A folder is searched recursively; a name with `*`, `?` or `[` that is no file is a pattern (the
    Windows shell does not expand them). A file named directly is taken whatever its name. A folder or pattern
    with no document is an error: the secretary named the wrong place."""
    found: list[tuple[Path, Path]] = []
    empty: list[Problem] = []
    for given in inputs:
        if given.is_dir():
            these = [(path, path.parent.relative_to(given)) for path in sorted(given.rglob("*"))
                     if path.is_file() and is_document(path)]
        elif not given.exists() and glob.has_magic(str(given)):
            these = [(Path(name), Path(".")) for name in sorted(glob.glob(str(given), recursive=True))
                     if is_document(Path(name))]
        else:
            these = [(given, Path("."))]
        if not these:
            empty.append(Problem(display_path(given), 1, 1, Code.OUTPUT,
                                 "không có tệp YAML nào ở đây (don-vi.yaml, tệp ẩn và bản cũ được bỏ qua) — hãy "
                                 "kiểm tra tên thư mục hoặc mẫu tên"))
        found += these
    if empty:
        raise InputError(empty)
    return found


def jobs_for(inputs: Iterable[Path], out_dir: Path | None) -> list[Job]:
    """Each document with its output: beside it, or under ``out_dir`` keeping the folders it was found in."""
    return [Job(source, pipeline.default_output(source, out_dir / sub if out_dir else None))
            for source, sub in documents(inputs)]


@dataclass(frozen=True)
class Options:
    templates: Path | None = None
    force: bool = False
    future_margin_days: int = 30
    office: Path | None = None


def _render(job: Job, options: Options) -> Outcome:
    try:
        warnings = pipeline.render_file(job.source, job.output, options.templates, force=options.force,
                                        future_margin_days=options.future_margin_days, office=options.office)
    except InputError as exc:
        return Outcome(job.source, None, tuple(exc.problems))
    finally:
        gc.collect()  # lxml trees form cycles: collect them now, so memory stays flat over a long batch
    return Outcome(job.source, job.output, tuple(warnings))


@functools.cache  # once per process: `watch` renders through here again and again
def _settle() -> None:
    """Ready a process for a run of documents: what rendering imports lives as long as the process, so it is set aside
    from the garbage collector (gc.freeze) — the full collection after each document then goes through that
    document's objects only, not the tens of thousands of the program's, which cost as much as the render."""
    from generator import layout, render  # noqa: F401 — imported for the freeze; pipeline imports them on first use

    gc.collect()  # garbage already there is collected, not frozen
    gc.freeze()


def _chunk(count: int, processes: int) -> int:
    """Documents sent to a worker at a time: a notice renders in about 20 ms, so one at a time spends a good share
    on passing jobs and outcomes between processes; at least eight chunks a worker keep the load even, and at most
    16 documents a chunk keep the progress moving."""
    return max(1, min(16, count // (processes * 8)))


def workers(count: int) -> int:
    """Processes for ``count`` documents: one per core, never more than documents; one means no pool at all."""
    return max(1, min(count, os.cpu_count() or 1))


def render_all(jobs: Sequence[Job], options: Options, processes: int | None = None) -> Iterator[Outcome]:
    """Render every job, in parallel when there are several; outcomes in the order of ``jobs``."""
    processes = processes or workers(len(jobs))
    if processes == 1:
        _settle()
        yield from (_render(job, options) for job in jobs)
        return
    from concurrent.futures import ProcessPoolExecutor  # a pool only for several documents: not for `vanban check`

    with ProcessPoolExecutor(max_workers=processes, initializer=_settle) as pool:
        yield from pool.map(_render, jobs, [options] * len(jobs), chunksize=_chunk(len(jobs), processes))


def run(jobs: Sequence[Job], options: Options, on_done: Callable[[Outcome], None] = lambda _: None,
        processes: int | None = None) -> list[Outcome]:
    """Render every job, telling ``on_done`` as each finishes; return every outcome."""
    outcomes = []
    for outcome in render_all(jobs, options, processes):
        on_done(outcome)
        outcomes.append(outcome)
    return outcomes
