"""Benchmark: how long checking and rendering take, per example and in total, and how inline emphasis parsing
scales with the number of stars. Prints figures; asserts nothing.

    .venv/bin/python scripts/bench.py [--repeat N] [--pdf]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import inline, pipeline  # noqa: E402
from generator.conversion import pdf  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="also time one LibreOffice conversion of all examples")
    args = parser.parse_args()
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    print(f"{'example':<48} {'check ms':>9} {'render ms':>10} {'KiB':>6}")
    with tempfile.TemporaryDirectory() as folder:
        outputs = []
        for example in examples:
            checks, renders = [], []
            output = Path(folder) / f"{example.stem}.docx"
            for _ in range(args.repeat):
                started = time.perf_counter()
                pipeline.check_file(example)
                checks.append(time.perf_counter() - started)
                started = time.perf_counter()
                pipeline.render_file(example, output, force=True)
                renders.append(time.perf_counter() - started)
            outputs.append(output)
            print(f"{example.stem[:48]:<48} {statistics.median(checks) * 1000:>9.1f} "
                  f"{statistics.median(renders) * 1000:>10.1f} {output.stat().st_size / 1024:>6.1f}")
        if args.pdf:
            started = time.perf_counter()
            pdf.to_pdf(outputs, Path(folder) / "pdf")
            print(f"LibreOffice, {len(outputs)} documents in one run: {time.perf_counter() - started:.2f} s")
    unpaired_stars(args.repeat)


def unpaired_stars(repeat: int) -> None:
    """inline.parse on n stars that open and never close ("*a " n times): linear ⇒ the same cost per star."""
    per_star = {}
    for count in (10_000, 20_000, 40_000, 100_000):
        text = "*a " * count
        seconds = []
        for _ in range(repeat):
            started = time.perf_counter()
            inline.parse(text)
            seconds.append(time.perf_counter() - started)
        per_star[count] = statistics.median(seconds) / count
    first = per_star[10_000]
    print("inline.parse, unpaired stars: " + "   ".join(
        f"{count:,} {cost * count * 1000:.1f} ms (×{cost / first:.2f} per star)" for count, cost in per_star.items()))


if __name__ == "__main__":
    main()
