"""Stage 2b: validate loaded data against the model and say, in Vietnamese and at the right place, what to change."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

import yaml
from pydantic import BaseModel, RootModel, ValidationError
from pydantic.fields import FieldInfo

from generator import model
from generator.errors import Code, InputError, Problem, shorten
from generator.loader import LoadedFile, Path_

# Tags of the content union (see model.Node): they stand in pydantic's error locations but not in the data.
_TAGGED_MODELS: dict[str, type[BaseModel] | None] = {"#muc": model.Item, "#gach": model.Bullets,
                                                     "#bang": model.TableBlock, "#phan": model.NestedPart,
                                                     "#doan": None}


Root = type[BaseModel]


_NESTED_PART_PLACE = ("một phần chỉ đặt được làm một mục ngay trong `noi_dung` của phần khác (ví dụ `- kien_nghi:` "
                      "dưới `nhiem_vu:` › `noi_dung:`), không đặt trong `muc` của một mục")

def validate(loaded: LoadedFile, root: Root = model.Document) -> Any:
    """``loaded.data`` as an instance of ``root`` (a document, or an office profile)."""
    try:
        return root.model_validate(loaded.data)
    except ValidationError as exc:
        errors = exc.errors()
        typos = {_typo_target(error, root) for error in errors if error["type"] == "extra_forbidden"}
        # A misspelt required key is one mistake: report the typo (with its fix), not also the missing key.
        kept = [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in typos)]
        raise InputError([_problem(loaded, error, root) for error in kept]) from exc


def _typo_target(error: Any, root: Root) -> tuple[Any, ...] | None:
    loc = tuple(error["loc"])
    guess = _suggestion(loc, root)
    return loc[:-1] + (guess,) if guess else None


def _suggestion(loc: tuple[Any, ...], root: Root) -> str | None:
    owner = _owner(loc, root)
    guesses = difflib.get_close_matches(str(loc[-1]), list(owner.model_fields) if owner else [], n=1, cutoff=0.6)
    return guesses[0] if guesses else None


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """The path of ``loc`` inside the data: union tags are dropped, the rest is followed while it exists."""
    path: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif part in _TAGGED_MODELS:
            continue
        else:
            path.append(part)  # a missing key: the place is its parent's
            break
        path.append(part)
    return tuple(path)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found.extend(_models_in(arg))
    return found


def _owner(loc: tuple[Any, ...], root: Root) -> type[BaseModel] | None:
    """The model class whose field is the last element of ``loc``."""
    current: type[BaseModel] | None = root
    for part in loc[:-1]:
        if part in _TAGGED_MODELS:
            current = _TAGGED_MODELS[part]
        elif isinstance(part, str) and current is not None and part in current.model_fields:
            candidates = _models_in(current.model_fields[part].annotation)
            current = candidates[0] if len(candidates) == 1 else None
        elif isinstance(part, str) and current is not None and issubclass(current, RootModel):
            candidates = _models_in(current.model_fields["root"].annotation)  # a key of a mapping: its value's
            current = candidates[0] if len(candidates) == 1 else None
        elif not isinstance(part, int):
            return None
    return current


def _field(loc: tuple[Any, ...], root: Root) -> FieldInfo | None:
    owner = _owner(loc, root)
    if owner is None or not loc or not isinstance(loc[-1], str):
        return None
    return owner.model_fields.get(loc[-1])


def _example(info: FieldInfo) -> Any:
    if info.examples:
        return info.examples[0]
    nested = _models_in(info.annotation)
    if len(nested) == 1:
        return {name: _example(sub) for name, sub in nested[0].model_fields.items() if sub.is_required()}
    return "…"


def _yaml_inline(key: str, value: Any) -> str:
    text = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=True, width=1000).strip()
    return text[1:-1]  # drop the outer braces of the flow mapping


def _label(loc: tuple[Any, ...]) -> str:
    names = [shorten(str(p), 60) if not isinstance(p, int) else f"[{p + 1}]" for p in loc if p not in _TAGGED_MODELS]
    return ".".join(names).replace(".[", "[")


def _kind_of(value: Any) -> str:
    if value is None:
        return "để trống"
    if isinstance(value, dict):
        return "một bảng khóa: giá trị"
    if isinstance(value, list):
        return "một danh sách"
    return f"dòng chữ `{shorten(str(value))}`"


def _problem(loaded: LoadedFile, error: Any, root: Root) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    path = _data_path(loaded.data, loc)
    info = _field(loc, root)
    what = f"`{_label(loc)}`" if loc else "tệp"
    description = f" ({info.description})" if info and info.description else ""

    if kind == "missing":
        example = _yaml_inline(str(loc[-1]), _example(info)) if info else ""
        message = f"thiếu {what}{description}" + (f" — ví dụ: `{example}`" if example else "")
        return loaded.problem(path[:-1] if path and path[-1] == loc[-1] else path, Code.MISSING_FIELD, message)
    if kind == "extra_forbidden" and error.get("input") is None and not re.fullmatch(r"[a-z0-9_]+", str(loc[-1])):
        # `- Giao các đơn vị:` — a line of text ending in a colon reads, to YAML, as a key with no value.
        return loaded.problem(path, Code.UNKNOWN_KEY,
                              f"dòng `{shorten(str(loc[-1]))}:` kết thúc bằng dấu `:` nên YAML hiểu nhầm là tên khóa — "
                              f"hãy đặt cả dòng trong ngoặc kép: `\"{shorten(str(loc[-1]))}:\"`", of_key=True)
    if kind == "extra_forbidden":
        owner = _owner(loc, root)
        guess = _suggestion(loc, root)
        hint = (f"có phải ý bạn là `{guess}`?" if guess
                else _NESTED_PART_PLACE if owner is model.Item and loc[-1] in model.PART_NAMES
                else f"các khóa dùng được ở đây: {', '.join(f'`{a}`' for a in sorted(owner.model_fields))}"
                if owner else "hãy xóa khóa này")
        return loaded.problem(path, Code.UNKNOWN_KEY, f"khóa `{shorten(str(loc[-1]))}` không có trong mẫu — {hint}",
                              of_key=True)
    if kind in ("union_tag_not_found", "union_tag_invalid"):
        return loaded.problem(path, Code.WRONG_TYPE,
                              f"{what} phải là một đoạn văn (dòng chữ), một mục đánh số "
                              "(`- tieu_de: …` / `- noi_dung: …`) hoặc một nhóm `- gach_dau_dong:`, "
                              f"không phải {_kind_of(error.get('input'))}")
    if kind in ("string_type", "list_type", "model_type", "model_attributes_type", "dict_type", "int_type",
                "int_parsing", "date_type", "enum", "too_short"):
        return loaded.problem(path, Code.WRONG_TYPE if kind != "enum" else Code.BAD_VALUE,
                              _type_message(kind, what, description, error))
    if kind == "string_too_short":
        example = _yaml_inline(str(loc[-1]), _example(info)) if info else ""
        return loaded.problem(path, Code.MISSING_FIELD, f"{what}{description} để trống — hãy ghi nội dung"
                              + (f", ví dụ: `{example}`" if example else ""))
    if kind == "value_error":
        return loaded.problem(path, Code.BAD_VALUE, f"{what}: {error['ctx']['error']}")
    return loaded.problem(path, Code.BAD_VALUE, f"{what}{description}: {_other_message(kind, error)}")


def _choices(expected: str) -> str:
    """Pydantic's English list of choices (`'a', 'b' or 'c'`) as `a`, `b`, `c`."""
    names = re.findall(r"'([^']*)'", expected)
    return ", ".join(f"`{name}`" for name in names) if names else expected


def _other_message(kind: str, error: Any) -> str:
    """The rarer pydantic errors in Vietnamese; never pydantic's English."""
    given = _kind_of(error.get("input"))
    ctx = error.get("ctx") or {}
    if kind in ("bool_parsing", "bool_type"):
        return f"phải là `true` (có) hoặc `false` (không), không phải {given}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        sign = {"greater_than": "lớn hơn", "greater_than_equal": "từ", "less_than": "nhỏ hơn",
                "less_than_equal": "không quá"}[kind]
        bound = next(iter(ctx.values()), "")
        return f"phải là một số {sign} {bound}, không phải {given}"
    if kind in ("too_long", "string_too_long"):
        return f"quá dài — tối đa {ctx.get('max_length', '')}"
    if kind in ("literal_error",):
        return f"{given} không dùng được — chọn một trong: {_choices(str(ctx.get('expected', '')))}"
    if kind in ("float_parsing", "float_type", "decimal_parsing"):
        return f"phải là một số, không phải {given}"
    if kind in ("string_pattern_mismatch",):
        return f"{given} không đúng dạng"
    return f"giá trị {given} không dùng được ở đây"


def _type_message(kind: str, what: str, description: str, error: Any) -> str:
    given = _kind_of(error.get("input"))
    if kind == "string_type":
        return f"{what}{description} phải là một dòng chữ, không phải {given}"
    if kind == "list_type":
        return f"{what}{description} phải là một danh sách, mỗi dòng bắt đầu bằng `- `, không phải {given}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{what}{description} phải là một bảng gồm các khóa (`ten: …`) viết thụt vào, không phải {given}"
    if kind in ("int_type", "int_parsing"):
        return f"{what}{description} phải là một số, không phải {given}"
    if kind == "date_type":
        return f"{what}{description} phải là một ngày dạng ngày/tháng/năm, ví dụ 26/7/2010"
    if kind == "enum":
        return (f"{what}{description}: `{shorten(str(error.get('input')))}` không dùng được — chọn một trong: "
                f"{_choices(str(error['ctx']['expected']))}")
    return f"{what}{description} cần ít nhất {error['ctx']['min_length']} dòng"

