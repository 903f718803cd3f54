"""Speed, measured side by side in one run on this machine: every figure is a ratio to a baseline timed in the
same run (a bare docxtpl render of the same template and context, `python -c pass`, one process), printed next
to its goal. Prints; asserts nothing (the tests never time anything).

    .venv/bin/python bench/speed.py [--notices 120] [--repeat 5] [--no-pdf]
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docxtpl import DocxTemplate  # noqa: E402
from jinja2.sandbox import SandboxedEnvironment  # noqa: E402

from generator import batch, inline, layout, pipeline, render  # noqa: E402
from generator.conversion import pdf  # noqa: E402
from generator.reader import prepare  # noqa: E402

EXAMPLE = ROOT / "examples" / "001-tb-ket-luan-truc-bao-dan-van-quy-i-2021.yaml"
VANBAN = Path(sys.executable).with_name("vanban")
rows: list[tuple[str, str, str]] = []


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    return side_by_side([work], repeat)[0]


def side_by_side(works: list[Callable[[], object]], repeat: int) -> list[float]:
    """The median time of each of ``works``, run in turn within each round: a passing load on a shared machine
    falls on all of them alike, so their ratio holds where lone timings would not."""
    for work in works:
        work()  # warm: imports, caches, the first compile
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeat):
        for work, taken in zip(works, times):
            started = time.perf_counter()
            work()
            taken.append(time.perf_counter() - started)
    return [statistics.median(taken) for taken in times]


def report(measure: str, value: str, goal: str) -> None:
    rows.append((measure, value, goal))
    print(f"{measure:<58} {value:>26}   goal {goal}", flush=True)


def bare_docxtpl(source: Path) -> Callable[[], bytes]:
    """docxtpl alone, on the same template and the same (already laid out) context: the floor we compare with."""
    prepared = prepare(source)
    template = pipeline.template_for(prepared)
    rich = {key: render._rich(value) for key, value in layout.context(prepared.document, prepared.book).items()}

    def run() -> bytes:
        document = DocxTemplate(str(template))
        document.render(rich, jinja_env=SandboxedEnvironment(autoescape=True), autoescape=True)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    return run


def one_document(folder: Path, source: Path, label: str, goal: float, repeat: int) -> None:
    """vanban as `vanban render FILE` runs it (through the batch, which readies the process once: see
    batch._settle) against docxtpl alone."""
    job = batch.Job(source, folder / f"{source.stem}.docx")
    ours, bare = side_by_side([lambda: batch.run([job], batch.Options(force=True), processes=1),
                               bare_docxtpl(source)], repeat)
    report(f"{label}: vanban / bare docxtpl", f"{ours * 1000:.0f} / {bare * 1000:.0f} ms = ×{ours / bare:.2f}",
           f"≤ ×{goal}")


def long_document(folder: Path) -> Path:
    """About 250 pages: the example's tasks repeated."""
    text = EXAMPLE.read_text(encoding="utf-8")
    paragraph = ("Tiếp tục triển khai thực hiện các chương trình, kế hoạch phối hợp với Mặt trận Tổ quốc, các "
                 "hội, đoàn thể, địa phương, đơn vị liên quan; tích cực tham gia giữ gìn an ninh, chính trị.")
    items = "".join(f"      - noi_dung: {paragraph} ({i})\n" for i in range(2200))
    long = text.replace("  kien_nghi:\n", "  to_chuc_thuc_hien:\n    noi_dung:\n" + items + "\n  kien_nghi:\n", 1)
    path = folder / "dai.yaml"
    path.write_text(long, encoding="utf-8")
    return path


def start_up(repeat: int) -> None:
    # An installed vanban has its bytecode (pip compiles a wheel's modules); an editable checkout under
    # PYTHONDONTWRITEBYTECODE would recompile every module on every start and time the compiler instead.
    compileall.compile_dir(ROOT / "generator", quiet=1)

    def command(*words: str) -> Callable[[], object]:
        return lambda: subprocess.run(words, capture_output=True, check=False)
    # The floor under `check`: the libraries it stands on, imported, and one pydantic validator built.
    libraries = "import typer, yaml, pydantic; pydantic.TypeAdapter(list[str]).validate_python([])"
    python, help_, check, floor = side_by_side([
        command(sys.executable, "-c", "pass"), command(str(VANBAN), "--help"),
        command(str(VANBAN), "check", str(EXAMPLE)), command(sys.executable, "-c", libraries)], repeat)
    report("vanban --help / python -c pass", f"{help_:.2f} / {python:.2f} s = ×{help_ / python:.1f}", "≤ ×4")
    report("vanban check ONE.yaml / python -c pass", f"{check:.2f} / {python:.2f} s = ×{check / python:.1f}", "≤ ×5")
    report("  (typer, yaml, pydantic imported alone / python -c pass)",
           f"{floor:.2f} / {python:.2f} s = ×{floor / python:.1f}", "(the floor under check)")


def peak_child_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def batch_throughput(folder: Path, notices: int) -> None:
    sources = folder / "nhieu"
    sources.mkdir()
    for number in range(notices):
        shutil.copy(EXAMPLE, sources / f"tb-{number:04d}.yaml")

    def run(processes: int, out: str) -> Callable[[], None]:
        jobs = batch.jobs_for([sources], folder / out)

        def work() -> None:
            outcomes = batch.run(jobs, batch.Options(force=True), processes=processes)
            assert not any(o.failed for o in outcomes)
        return work
    cores = os.cpu_count() or 1
    one, many = side_by_side([run(1, "ra1"), run(cores, "ra2")], 2)
    report(f"batch of {notices}: {cores} processes vs 1 (throughput)", f"{one:.1f} / {many:.1f} s = ×{one / many:.2f}",
           "≥ ×1.8 on 2 cores")
    report(f"batch of {notices}: ms per notice, {cores} processes", f"{many / notices * 1000:.0f} ms", "≤ 20 ms")
    report("batch: peak memory of one worker", f"{peak_child_mib():.0f} MiB", "≤ 150 MiB")
    # What the machine's cores give at best: the same pure-Python work, one process against one per core.
    pieces = [2_000_000] * (4 * cores)

    def spread(processes: int) -> Callable[[], None]:
        def work() -> None:
            with ProcessPoolExecutor(processes) as pool:
                list(pool.map(_busy, pieces))
        return work
    alone, shared = side_by_side([spread(1), spread(cores)], 2)
    report(f"  (plain Python work: {cores} processes vs 1)", f"{alone:.1f} / {shared:.1f} s = ×{alone / shared:.2f}",
           "(what the cores give at best)")


def _busy(count: int) -> int:
    total = 0
    for number in range(count):
        total += number % 7
    return total


def libreoffice(folder: Path, count: int) -> None:
    if pdf.soffice() is None:
        report("PDF: s per extra document in one LibreOffice run", "LibreOffice missing", "≤ 0.1 s")
        return
    documents = []
    for number in range(count):
        target = folder / "pdf" / f"tb-{number}.docx"
        pipeline.render_file(EXAMPLE, target, force=True)
        documents.append(target)
    single = median_seconds(lambda: pdf.to_pdf(documents[:1], folder / "pdf1"), 1)
    started = time.perf_counter()
    pdf.to_pdf(documents, folder / "pdfn")
    all_of_them = time.perf_counter() - started
    extra = (all_of_them - single) / (count - 1)
    report(f"PDF: {count} documents in one run vs one", f"{all_of_them:.1f} / {single:.1f} s = {extra:.3f} s per extra",
           "≤ 0.1 s per extra document")


def unpaired_stars(repeat: int) -> None:
    """inline.parse on n stars that open and never close ("*a " n times): linear ⇒ the same cost per star."""
    small, large = side_by_side([lambda: inline.parse("*a " * 10_000), lambda: inline.parse("*a " * 100_000)],
                                repeat)
    report("inline emphasis, 100,000 vs 10,000 unpaired stars, per star",
           f"{large * 1000:.0f} ms, ×{large / 10 / small:.2f}", "≈ ×1 (linear), < 1 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notices", type=int, default=120, help="notices in the batch (the issue's figure: 600)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as name:
        folder = Path(name)
        one_document(folder, EXAMPLE, "one notice (example 001)", 1.25, args.repeat)
        one_document(folder, long_document(folder), "a 250-page document", 3, args.repeat)
        start_up(args.repeat)
        batch_throughput(folder, args.notices)
        if not args.no_pdf:
            libreoffice(folder, 8)
        unpaired_stars(args.repeat)
    print(f"\n{len(rows)} measures in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
