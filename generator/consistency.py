"""Stage 3: what the model alone cannot know — checks of a valid document against its rulebook profile
(the kind exists, the signing prefix is one the rulebook allows, the numbering is deep enough …), and where a
nested part may stand, which needs the place to point at.

Each check yields (path in the YAML, code, Vietnamese message); the pipeline turns paths into file places.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.errors import Code
from generator.loader import Path_
from generator.model import Document, Item, NestedPart, Node
from generator.numbering import NumberingScheme
from generator.rulebook import Rulebook

Finding = tuple[Path_, str, str]


def check(doc: Document, book: Rulebook) -> list[Finding]:
    """Problems of ``doc`` under ``book``."""
    findings = (list(_kind(doc, book)) + list(_signature(doc, book)) + list(_recipients(doc, book))
                + list(_marks(doc, book)) + list(_nested_parts(doc)))
    scheme_findings = list(_scheme(doc, book))
    findings += scheme_findings
    if not scheme_findings:
        findings += list(_depth(doc, NumberingScheme(doc.danh_so or book.danh_so_mac_dinh)))
    return findings


def _kind(doc: Document, book: Rulebook) -> Iterator[Finding]:
    kind = book.loai_van_ban.get(doc.loai)
    if kind is None:
        kinds = ", ".join(f"`{k}`" for k in book.loai_van_ban)
        yield ("loai",), Code.BAD_VALUE, f"loại `{doc.loai}` chưa có trong {book.ten} — hãy dùng: {kinds}"
        return
    if kind.cong_van and not doc.kinh_gui:
        yield (("kinh_gui",), Code.MISSING_FIELD,
               "công văn cần nơi gửi đến — ví dụ: `kinh_gui: [Ủy ban nhân dân các huyện, thị xã, thành phố]`")
    if not kind.cong_van and doc.kinh_gui:
        yield (("kinh_gui",), Code.BAD_VALUE,
               f"`kinh_gui` chỉ dùng cho công văn — loại `{doc.loai}` ghi nơi gửi ở `noi_nhan`")
    if kind.ma is None and not doc.co_quan.don_vi:
        yield (("co_quan",), Code.MISSING_FIELD,
               f"số ký hiệu công văn của {book.ten} cần đơn vị soạn thảo — ví dụ: `don_vi: VX` (Số: 05/UBND-VX)")


def _marks(doc: Document, book: Rulebook) -> Iterator[Finding]:
    for key, allowed in (("do_khan", book.dau_khan), ("do_mat", book.dau_mat)):
        value = getattr(doc, key)
        if value is not None and value.upper() not in allowed:
            yield (key,), Code.BAD_VALUE, f"`{value}` không dùng được — chọn một trong: {', '.join(allowed)}"
    if doc.du_thao is not None and not book.co_du_thao:
        yield (("du_thao",), Code.BAD_VALUE,
               f"{book.ten} không có dấu dự thảo — hãy xóa dòng `du_thao` (ghi chữ dự thảo vào tên tệp)")


def _signature(doc: Document, book: Rulebook) -> Iterator[Finding]:
    signer = doc.nguoi_ky
    if signer.quyen_han is None:
        if signer.thay_mat:
            yield (("nguoi_ky", "thay_mat"), Code.BAD_VALUE,
                   "có `thay_mat` nhưng thiếu `quyen_han` — hãy ghi thẩm quyền ký, ví dụ `quyen_han: T/M`")
        return
    allowed = book.authority(signer.quyen_han)
    if allowed is None:
        names = ", ".join(f"`{k}`" for k in book.quyen_han_ky)
        yield (("nguoi_ky", "quyen_han"), Code.BAD_VALUE,
               f"thẩm quyền ký `{signer.quyen_han}` không dùng trong {book.ten} — hãy dùng một trong: {names}")
    elif allowed.names_someone and not signer.thay_mat:
        yield (("nguoi_ky",), Code.MISSING_FIELD,
               f"`{signer.quyen_han}` cần ghi tập thể hoặc người đứng đầu — ví dụ: `thay_mat: BAN THƯỜNG VỤ`")
    elif not allowed.names_someone and signer.thay_mat:
        yield (("nguoi_ky", "thay_mat"), Code.BAD_VALUE,
               f"`{signer.quyen_han}` đứng ngay trước chức vụ, không có dòng `thay_mat` — hãy xóa `thay_mat`")


def _recipients(doc: Document, book: Rulebook) -> Iterator[Finding]:
    allowed = book.noi_nhan.dau_cuoi_dong_cho_phep
    if doc.dau_cuoi_dong is not None and doc.dau_cuoi_dong not in allowed:
        yield (("dau_cuoi_dong",), Code.BAD_VALUE,
               f"dấu cuối dòng nơi nhận phải là một trong: {' '.join(f'`{a}`' for a in allowed)}")


def _scheme(doc: Document, book: Rulebook) -> Iterator[Finding]:
    if doc.danh_so is None:
        return
    try:
        NumberingScheme(doc.danh_so)
    except ValueError as exc:
        yield ("danh_so",), Code.BAD_VALUE, str(exc)


def _depth(doc: Document, scheme: NumberingScheme) -> Iterator[Finding]:
    for name, part in doc.noi_dung.parts():
        yield from _items_too_deep(part.noi_dung, ("noi_dung", name, "noi_dung"), 1, scheme)


def _items_too_deep(nodes: Sequence[Node | NestedPart], path: Path_, depth: int,
                    scheme: NumberingScheme) -> Iterator[Finding]:
    for index, node in enumerate(nodes):
        if isinstance(node, NestedPart):  # numbered like an item, its content one level down
            here, key, children = path + (index, node.name), "noi_dung", node.part.noi_dung
        elif isinstance(node, Item):
            here, key, children = path + (index,), "muc", node.muc
        else:
            continue
        if depth + 1 > scheme.depth:
            yield (here, Code.BAD_VALUE,
                   f"mục lồng tới cấp {depth + 1} nhưng `danh_so` chỉ có {scheme.depth} cấp "
                   f"({', '.join(scheme.examples)}) — hãy thêm một cấp vào `danh_so`, ví dụ \"a)\"")
        else:
            yield from _items_too_deep(children, here + (key,), depth + 1, scheme)


def _nested_parts(doc: Document) -> Iterator[Finding]:
    """A nested part keeps its meaning for `carry` and `tasks` only as the one part of its name, one level down
    (a part nested in a nested part would be neither numbered nor found as a part)."""
    seen = {name: "ở cấp phần" for name, _ in doc.noi_dung.parts()}
    for name, part, path in doc.noi_dung.all_parts():
        if len(path) == 2:  # a part of the body itself
            continue
        host, item = path[1], path[:-1]  # the item, so that the place is the `- kien_nghi:` line
        if name in seen:
            yield (item, Code.BAD_VALUE, f"phần `{name}` viết hai lần (ở đây và {seen[name]}) — mỗi phần chỉ viết "
                                         "một lần; hãy gộp hai chỗ làm một")
        elif name in (doc.noi_dung.thu_tu or ()):
            yield (item, Code.BAD_VALUE, f"phần `{name}` nằm trong phần `{host}` nên in ở chỗ nó đứng — hãy bỏ "
                                         f"`{name}` khỏi `thu_tu`")
        seen.setdefault(name, f"trong phần `{host}`")
        for index, inner in enumerate(part.noi_dung):
            if isinstance(inner, NestedPart):
                yield ((*path, "noi_dung", index), Code.BAD_VALUE,
                       f"phần `{inner.name}` đặt trong phần `{name}`, mà phần đó đã nằm trong phần `{host}` — chỉ "
                       f"lồng một cấp; hãy đưa `{inner.name}` lên cấp phần hoặc vào `{host}`")
