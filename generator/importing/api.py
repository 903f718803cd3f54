"""The entry point: a file in, the YAML draft out, with how sure each part is and what to check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import safe_write
from generator.errors import InputError, Problem, display_path
from generator.importing import emit, recognise, source


@dataclass(frozen=True)
class ImportResult:
    text: str                        # the YAML draft
    confidences: dict[str, float]    # part → 0..1 (dau_van_ban, ket_qua, nhiem_vu, noi_nhan, nguoi_ky …)
    to_check: list[str]              # what to check, one line each, in Vietnamese


def import_file(path: Path) -> ImportResult:
    """Read ``path`` (.docx or .txt) and recognise it; raise :class:`InputError` when it cannot be read."""
    blocks, converted = source.read(path)
    data, notes = recognise.recognise(blocks)
    if converted:
        notes.check(("loai",), converted)
    text = emit.dump(data, notes, path.name)
    checks = [f"{'.'.join(str(step) for step in where)}: {message}" for where, message in notes.checks]
    return ImportResult(text, dict(notes.confidence), checks)


def default_output(path: Path) -> Path:
    return path.with_suffix(".yaml")


# How the command names the parts it rates.
PART_NAMES = {"dau_van_ban": "phần đầu (cơ quan, số, ngày, trích yếu)", "loai": "loại văn bản",
              "muc_dich_yeu_cau": "mục đích, yêu cầu", "ket_qua": "kết quả", "han_che": "hạn chế",
              "nhiem_vu": "nhiệm vụ", "kien_nghi": "kiến nghị", "to_chuc_thuc_hien": "tổ chức thực hiện",
              "noi_nhan": "nơi nhận", "nguoi_ky": "người ký"}


def summary_lines(result: ImportResult) -> list[str]:
    """What the command prints after the draft is written: how sure each part is, then what to check."""
    sure = ", ".join(f"{PART_NAMES.get(part, part)} {round(value * 100)}%"
                     for part, value in result.confidences.items())
    return [f"độ tin cậy: {sure}"] + [f"cần kiểm tra — {line}" for line in result.to_check]


def write_draft(result: ImportResult, output: Path) -> None:
    """Write the draft to a new file; never replaces one (raise :class:`InputError` saying why)."""
    try:
        safe_write.write_new(output, result.text.encode("utf-8"))
    except safe_write.TargetRefused as exc:
        raise InputError([Problem(display_path(output), 1, 1, exc.code, str(exc))]) from exc
