"""Text typed in the legacy TCVN3 (ABC, .VnTime) or VNI-Windows encodings: found per field, reported with its
place, and converted — only on request (`vanban fix-encoding`), into a new file, never silently."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator import legacy_encoding
from generator.errors import Code, InputError, Problem, display_path, os_reason
from generator.legacy_encoding import LegacyEncoding
from generator.loader import LoadedFile, Path_, decode, parse, read_bounded
from generator.safe_write import TargetRefused, write_new


def legacy_fields(loaded: LoadedFile) -> Iterator[tuple[Path_, str, LegacyEncoding]]:
    """Fields whose text reads as legacy mojibake. When the file as a whole does, short fields that would
    change under the same conversion count too (one word is too little evidence on its own)."""
    strings = list(loaded.strings())
    whole = legacy_encoding.detect("\n".join(text for _, text in strings))
    for path, text in strings:
        encoding = legacy_encoding.detect(text) or whole
        if encoding and legacy_encoding.to_unicode(text, encoding) != text:
            yield path, text, encoding


def problems(loaded: LoadedFile) -> list[Problem]:
    found = []
    for path, text, encoding in legacy_fields(loaded):
        label = ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in path).replace(".[", "[")
        reads = legacy_encoding.to_unicode(text, encoding)
        found.append(loaded.problem(path, Code.LEGACY_ENCODING,
                                    f"`{label}` có vẻ được gõ bằng bảng mã cũ {encoding.value}: “{_clip(text)}” "
                                    f"(đọc ra là “{_clip(reads)}”) — hãy chạy `vanban fix-encoding "
                                    f"{loaded.name}` để chuyển sang Unicode"))
    return found


def _clip(text: str, width: int = 40) -> str:
    line = text.replace("\n", " ")
    return line if len(line) <= width else line[:width - 1] + "…"


def default_output(source: Path) -> Path:
    return source.with_name(f"{source.stem}.unicode{source.suffix}")


def fix_file(source: Path, output: Path) -> int:
    """Write ``source`` with every legacy field converted to Unicode into ``output`` (a new file); return how
    many fields were converted. Everything else — keys, comments, layout — is kept byte for byte."""
    text = decode(read_bounded(source), display_path(source))
    loaded = parse(text, source)
    fields = list(legacy_fields(loaded))
    converted = text
    for path, _, encoding in sorted(fields, key=lambda f: loaded.scalar_spans[f[0]], reverse=True):
        start, end = loaded.scalar_spans[path]
        converted = converted[:start] + legacy_encoding.to_unicode(converted[start:end], encoding) + converted[end:]
    try:
        write_new(output, converted.encode("utf-8"))
    except TargetRefused as exc:
        raise InputError([Problem(display_path(output), 1, 1, exc.code, str(exc))]) from exc
    except OSError as exc:
        raise InputError([Problem(display_path(output), 1, 1, Code.OUTPUT,
                                  f"không ghi được tệp ({os_reason(exc)})")]) from exc
    return len(fields)
