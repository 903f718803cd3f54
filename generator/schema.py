"""JSON Schemas of the two YAML files a secretary writes — a document and its office profile (``don-vi.yaml``) —
generated from the models, so that an editor (VS Code with the YAML extension) suggests keys and values and flags
mistakes while typing.

A schema accepts what the tool accepts: every scalar as the text the loader reads it as (and as the number or
boolean an editor's YAML parser makes of it), a document as written beside an office profile (the keys the profile
gives may be left out), and the values the rulebooks allow. ``python -m generator.schema`` writes the committed
copies in ``schema/``.
"""

from __future__ import annotations

import copy
import enum
import functools
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from generator import resources, rulebook, vnformat
from generator.cycle.office import OfficeProfile
from generator.layout import STATUS_WORDS
from generator.model import ColumnKind, Document, Signature
from generator.rulebook import Kind, Role, Rulebook, SigningAuthority

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = resources.shipped("schema")
DOCUMENT_FILE = "van-ban.schema.json"
PROFILE_FILE = "don-vi.schema.json"

Schema = dict[str, Any]
Choice = tuple[str, str]  # a value, and what it means (Vietnamese, Markdown)

# The loader hands every scalar to the model as the text typed, so where the model takes text any scalar will do:
# an editor's YAML parser makes `2021` a number and `true` a boolean, the tool reads "2021" and "true".
TEXT: Schema = {"type": ["string", "number", "boolean"]}
NULL: Schema = {"type": "null"}
NOT_BLANK = r"\S"  # text is stripped before its length is checked (model._Model): a required text is not blank
# What pydantic turns into a number or a boolean; digits may be grouped by single underscores.
_DIGITS = r"[0-9]+(?:_[0-9]+)*"
INTEGER_TEXT = rf"^\s*[+-]?{_DIGITS}(?:\.0+)?\s*$"
NUMBER_TEXT = rf"^\s*[+-]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?{_DIGITS})?\s*$"
_BOOLEAN_WORDS = ("true", "false", "yes", "no", "on", "off", "t", "f", "y", "n", "1", "0")
BOOLEAN_TEXT = "^(?:" + "|".join("".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in word)
                                 for word in _BOOLEAN_WORDS) + ")$"
# The forms vnformat.parse_date reads, without their group names (JSON Schema patterns are ECMA-262).
DATE_TEXT = r"^\s*(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", form.pattern)
                                  for form in vnformat._DATE_FORMS) + r")\s*$"

_NOTES = ("title", "description", "default", "examples")  # what describes a schema rather than restricts it

# Vietnamese words for the values of the models' enumerations.
_VALUE_WORDS: dict[enum.Enum, str] = {
    **STATUS_WORDS,
    ColumnKind.TEXT: "chữ",
    ColumnKind.NUMBER: "số (2.668 hoặc 98,5): căn phải, cộng ở dòng `tong`",
    ColumnKind.PERCENT: "tỷ lệ % (98,5): căn phải, thêm dấu %, không cộng",
}
_ROLE_WORDS = {
    Role.COLLECTIVE: "thay mặt tập thể",
    Role.DEPUTY: "ký thay người đứng đầu",
    Role.BY_ORDER: "thừa lệnh",
    Role.BY_AUTHORISATION: "thừa ủy quyền",
    Role.ACTING: "quyền (cấp phó được giao quyền cấp trưởng)",
}


class _YamlSchema(GenerateJsonSchema):
    """What a YAML file may hold where a model expects each type, with Vietnamese descriptions only."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # pydantic would title a key by its own name ("Co Quan"); the description says what it is

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        for name, choices in _field_choices().get(schema["cls"], {}).items():
            json_schema["properties"][name] = _choose(json_schema["properties"][name], choices)
        return json_schema

    def enum_schema(self, schema: core_schema.EnumSchema) -> JsonSchemaValue:
        json_schema = super().enum_schema(schema)
        json_schema["markdownEnumDescriptions"] = [_VALUE_WORDS[member] for member in schema["members"]]
        return json_schema

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        json_schema = super().str_schema(schema)
        if json_schema.pop("minLength", 0):
            json_schema["pattern"] = NOT_BLANK
        return json_schema | TEXT

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        return {"anyOf": [super().int_schema(schema), {"type": "string", "pattern": INTEGER_TEXT}]}

    def float_schema(self, schema: core_schema.FloatSchema) -> JsonSchemaValue:
        return {"anyOf": [super().float_schema(schema), {"type": "string", "pattern": NUMBER_TEXT}]}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        return {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]}, {"type": "string", "pattern": BOOLEAN_TEXT}]}

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {"type": "string", "pattern": DATE_TEXT}  # model.Date reads it with vnformat.parse_date

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        # The tool tells a content element's kind by its keys; in JSON Schema terms the kinds overlap (a mapping
        # with only `gach_dau_dong` is a valid numbered item too), so "exactly one of" would refuse it.
        json_schema = super().tagged_union_schema(schema)
        return {"anyOf": json_schema.pop("oneOf"), **json_schema}

    def function_before_schema(self, schema: core_schema.BeforeValidatorFunctionSchema) -> JsonSchemaValue:
        json_schema = super().function_before_schema(schema)
        least = schema["schema"].get("min_length")
        if "json_schema_input_schema" in schema and least:
            # Lines that must not be empty (`trich_yeu`): neither may the text or the list they are read from.
            for branch in json_schema["anyOf"]:
                if branch.get("type") == "array":
                    branch["minItems"] = least
                elif branch.get("type") == TEXT["type"]:
                    branch["pattern"] = NOT_BLANK
        return json_schema


def document_schema() -> Schema:
    """The schema of a document as written, alone or in the folder of an office profile."""
    schema = _generate(Document)
    _beside_a_profile(schema)
    schema["allOf"] = _per_rulebook(lambda book: {"loai": {"enum": list(book.loai_van_ban)},
                                                  "nguoi_ky": _signing_rule(book),
                                                  "dau_cuoi_dong": _separator_rule(book)})
    return _published(schema, DOCUMENT_FILE)


def profile_schema() -> Schema:
    """The schema of an office profile (``don-vi.yaml``)."""
    schema = _generate(OfficeProfile)
    schema["allOf"] = _per_rulebook(lambda book: {"nguoi_ky": {"additionalProperties": _signing_rule(book)},
                                                  "dau_cuoi_dong": _separator_rule(book)})
    return _published(schema, PROFILE_FILE)


def published() -> dict[str, Schema]:
    """Every schema, by the name of its file in ``schema/``."""
    return {DOCUMENT_FILE: document_schema(), PROFILE_FILE: profile_schema()}


def dumps(schema: Schema) -> str:
    """The text of a schema file: indented, UTF-8 as is, ending with a line break."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_all(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in published().items():
        path = folder / name
        path.write_text(dumps(schema), encoding="utf-8")
        written.append(path)
    return written


def _generate(model: type[BaseModel]) -> Schema:
    schema = model.model_json_schema(schema_generator=_YamlSchema)
    for definition in schema.get("$defs", {}).values():
        del definition["title"]  # pydantic's: the Python class name, in English; the description says what it is
    return schema


def _published(schema: Schema, name: str) -> Schema:
    definitions = _used_definitions(schema)
    head = {"$schema": DRAFT, "$id": name, "title": schema.pop("title"), "description": schema.pop("description")}
    return head | schema | ({"$defs": definitions} if definitions else {})


def _beside_a_profile(schema: Schema) -> None:
    """A document in an office folder: every key the profile gives may be left out or empty (the tool reports it
    missing itself when no profile gives it), a mapping may give only what differs, the signer may be named by
    its short key, the recipients changed by `them`/`bo` (see cycle.office.apply)."""
    properties, definitions = schema["properties"], schema["$defs"]
    given = [name for name in OfficeProfile.model_fields if name in properties]
    schema["required"] = [name for name in schema["required"] if name not in given]
    alternatives = {
        "nguoi_ky": {"type": "string", "pattern": NOT_BLANK,
                     "description": "tên ngắn của một người ký trong hồ sơ đơn vị (don-vi.yaml), ví dụ `truong-ban`"},
        "noi_nhan": _recipient_changes(properties["noi_nhan"]),
    }
    for name in given:
        if name not in OfficeProfile.SPECIAL and "$ref" in properties[name]:
            properties[name] = _partial(properties[name], definitions)
        properties[name] = _or(properties[name], *([alternatives[name]] if name in alternatives else []), NULL)
    schema["description"] += ("\n\nTrong thư mục có hồ sơ đơn vị (don-vi.yaml), các khóa "
                              + ", ".join(f"`{name}`" for name in given) + " có thể bỏ: công cụ lấy từ hồ sơ.")


def _partial(reference: Schema, definitions: Schema) -> Schema:
    """The referenced model written out, every key optional and emptiable: the profile completes it key by key."""
    model = copy.deepcopy(definitions[reference["$ref"].rsplit("/", 1)[-1]])
    model.pop("required", None)
    model["properties"] = {key: _or(_partial(value, definitions) if "$ref" in value else value, NULL)
                           for key, value in model["properties"].items()}
    return model | {key: value for key, value in reference.items() if key != "$ref"}  # the field's notes win


def _recipient_changes(recipients: Schema) -> Schema:
    one_or_more = {"anyOf": [TEXT, {"type": "array", "items": recipients["items"]}, NULL]}
    return {
        "type": "object",
        "description": "đổi nơi nhận của hồ sơ đơn vị (don-vi.yaml): `them` thêm vào, `bo` bớt đi",
        "properties": {
            "them": {"description": "nơi nhận thêm vào sau các nơi nhận của hồ sơ đơn vị", **one_or_more},
            "bo": {"description": "nơi nhận của hồ sơ đơn vị không gửi lần này, ghi đúng như trong hồ sơ",
                   **one_or_more},
        },
        "additionalProperties": False,
    }


def _split(schema: Schema) -> tuple[Schema, list[Schema]]:
    """What describes a schema, and the alternatives it allows."""
    notes = {key: value for key, value in schema.items() if key in _NOTES}
    rest = {key: value for key, value in schema.items() if key not in _NOTES}
    return notes, rest["anyOf"] if set(rest) == {"anyOf"} else [rest]


def _or(schema: Schema, *alternatives: Schema) -> Schema:
    """``schema`` or any of ``alternatives``; its description stays on the whole."""
    notes, branches = _split(schema)
    return notes | {"anyOf": branches + [branch for branch in alternatives if branch not in branches]}


def _choose(schema: Schema, choices: list[Choice]) -> Schema:
    """A text field of ``schema`` restricted to ``choices`` (still emptiable if it was)."""
    notes, branches = _split(schema)
    values = {"enum": [value for value, _ in choices],
              "markdownEnumDescriptions": [meaning for _, meaning in choices]}
    return notes | ({"anyOf": [values, NULL]} if NULL in branches else values)


@functools.cache
def _field_choices() -> dict[type[BaseModel], dict[str, list[Choice]]]:
    """The values of text fields that the rulebooks define, by model and field."""
    systems = [(code, _system_meaning(code)) for code in rulebook.codes()]
    separators = _across_rulebooks(lambda book: {
        mark: "mặc định" if mark == book.noi_nhan.dau_cuoi_dong else "dùng được"
        for mark in book.noi_nhan.dau_cuoi_dong_cho_phep})
    return {
        Document: {"loai": _across_rulebooks(lambda book: {code: _kind_meaning(kind)
                                                           for code, kind in book.loai_van_ban.items()}),
                   "he_thong": systems, "dau_cuoi_dong": separators},
        OfficeProfile: {"he_thong": systems, "dau_cuoi_dong": separators},
        Signature: {"quyen_han": _across_rulebooks(lambda book: {prefix: _authority_meaning(authority)
                                                                 for prefix, authority in book.quyen_han_ky.items()})},
    }


def _system_meaning(code: str) -> str:
    """What a `he_thong` value means: a system picks its profile by the date, a profile or another name pins one."""
    index = rulebook.index()
    entries = index.he_thong.get(code, [])
    if len(entries) > 1:
        steps = [f"{rulebook.load(e.ho_so).ten}" + (f" từ ngày {vnformat.short_date(e.tu_ngay)}" if e.tu_ngay else "")
                 for e in entries]
        return "chọn theo ngày ban hành: " + "; ".join(steps)
    pinned = index.ten_khac.get(code)
    return f"luôn theo {rulebook.load(code).ten}" if pinned else rulebook.load(code).ten


def _across_rulebooks(meanings: Callable[[Rulebook], dict[str, str]]) -> list[Choice]:
    """Every value some rulebook allows, with what it means there; rulebooks that agree are named together."""
    found: dict[str, dict[str, list[str]]] = {}
    for code in rulebook.available():
        book = rulebook.load(code)
        for value, meaning in meanings(book).items():
            found.setdefault(value, {}).setdefault(meaning, []).append(book.ten)
    return [(value, "; ".join(f"{meaning} — {', '.join(books)}" for meaning, books in by_meaning.items()))
            for value, by_meaning in found.items()]


def _kind_meaning(kind: Kind) -> str:
    parts = [f"tên loại {kind.ten_loai}" if kind.ten_loai else "không có dòng tên loại",
             f"ký hiệu {kind.ma}" if kind.ma else "số không có ký hiệu loại"]
    if kind.cong_van:
        parts.append("trình bày kiểu công văn, cần `kinh_gui`")
    return ", ".join(parts)


def _authority_meaning(authority: SigningAuthority) -> str:
    return _ROLE_WORDS[authority.vai_tro] + ("; ghi tập thể hoặc người đứng đầu ở `thay_mat`"
                                             if authority.names_someone
                                             else "; đứng ngay trước chức vụ, không ghi `thay_mat`")


def _per_rulebook(rules: Callable[[Rulebook], Schema]) -> list[Schema]:
    """For each rulebook: once a file names it in `he_thong`, its properties must follow ``rules(book)``."""
    return [{"if": {"properties": {"he_thong": {"const": code}}, "required": ["he_thong"]},
             "then": {"properties": rules(rulebook.load(code))}}
            for code in rulebook.codes()]


def _signing_rule(book: Rulebook) -> Schema:
    return {"properties": {"quyen_han": {"enum": [*book.quyen_han_ky, None]}}}


def _separator_rule(book: Rulebook) -> Schema:
    return {"enum": [*book.noi_nhan.dau_cuoi_dong_cho_phep, None]}


def _used_definitions(schema: Schema) -> Schema:
    """The definitions reachable from the schema itself (a model written out in place may leave its own unused)."""
    definitions = schema.pop("$defs", {})
    used: set[str] = set()
    pending = [schema]
    while pending:
        for name in _references(pending.pop()):
            if name not in used:
                used.add(name)
                pending.append(definitions[name])
    return {name: definition for name, definition in definitions.items() if name in used}


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"].rsplit("/", 1)[-1]
        for value in node.values():
            yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)


if __name__ == "__main__":
    for written_path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_DIR):
        print(written_path)
