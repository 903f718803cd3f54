"""What a template from elsewhere must be before anything opens it: a zip whose parts stay small when unpacked —
python-docx reads every part into memory, so a 2 MB file that unpacks to 2 GB would exhaust it — and whose XML parts
are well-formed and have no DOCTYPE: OOXML never has one, and a DOCTYPE is how an XML file reads other files (XXE) or
multiplies itself (billion laughs). Sizes are checked as the zip declares them, before unpacking anything; unpacking
then stops at the declared size (zipfile does), so a header that lies only gets a part refused as damaged."""

from __future__ import annotations

import io
import math
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from generator import vnformat
from generator.rendering import TemplateError, shown

MiB = 1024 * 1024
MAX_PART_BYTES = 20 * MiB        # one part unpacked: styles are 0.4 MiB in a file Word made, a photo a few MiB
MAX_TOTAL_BYTES = 30 * MiB       # all parts unpacked, and the file: Word's are ~1 MiB (see cage.MEMORY_LIMIT_BYTES)
MAX_COMPRESSION_RATIO = 100      # unpacked / packed size of a part: Word's styles reach 33, zeros reach 1000
RATIO_CHECKED_FROM_BYTES = MiB   # a part smaller than this is no bomb, however well it packs
_REQUIRED_PARTS = ("[Content_Types].xml", "_rels/.rels")  # every Word file has them; python-docx needs them
# The parts python-docx and Word read as XML. A picture is not parsed: an SVG may well carry a DOCTYPE.
_XML_SUFFIXES = (".xml", ".rels")
_CHUNK_BYTES = MiB


def parse(data: bytes):
    """An XML part as a tree, parsed safely (see _parser)."""
    return etree.fromstring(data, _parser())


def _parser(target: object = None) -> etree.XMLParser:
    """No entity resolved, nothing fetched, no DTD loaded, no huge tree: an XML part gets nothing but its text."""
    return etree.XMLParser(target=target, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


Part = tuple[str, bytes]  # a package part: its name in the zip, its bytes


def zipped(parts: list[Part]) -> bytes:
    """A DOCX (a zip) of ``parts``, in their order, compressed once."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts:
            target.writestr(name, content)
    return out.getvalue()


def saved(opc_package, trees: dict[str, etree._Element]) -> list[Part]:
    """The parts python-docx's save would zip, in its order, but not zipped: the writer zips them once, with the
    fingerprint. ``trees`` holds the XML of parts (by part name) changed since python-docx loaded them."""
    from docx.opc.oxml import serialize_part_xml
    from docx.opc.pkgwriter import _ContentTypesItem  # the content types python-docx's own save writes

    parts = list(opc_package.iter_parts())
    out = [("[Content_Types].xml", _ContentTypesItem.from_parts(parts).blob), ("_rels/.rels", opc_package.rels.xml)]
    for part in parts:
        tree = trees.get(part.partname)
        out.append((part.partname.lstrip("/"), part.blob if tree is None else serialize_part_xml(tree)))
        if len(part.rels):
            out.append((part.partname.rels_uri.lstrip("/"), part.rels.xml))
    return out


def parts_of(data: bytes) -> list[Part]:
    """The parts of a DOCX, in their order."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return [(info.filename, source.read(info.filename)) for info in source.infolist()]


def opened(data: bytes, name: str, kind: type | None = None):
    """docxtpl's view (a ``DocxTemplate``, or ``kind``) of checked template bytes; a zip whose parts are not a Word
    document's is refused."""
    from docxtpl import DocxTemplate  # heavy: only the commands that fill a template pay for it

    try:
        document = (kind or DocxTemplate)(io.BytesIO(data))
        document.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:  # parts missing, or not those of a Word document
        raise TemplateError(f"mẫu {name} không phải tệp Word (.docx) dùng được — hãy mở nó trong Word và lưu lại "
                            "dưới dạng Word Document (.docx)") from exc
    return document


def read_checked(path: Path) -> bytes:
    """The bytes of the template at ``path``, refused unless they pass :func:`check`."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_TOTAL_BYTES + 1)  # one byte past the limit tells a bigger file
    except OSError as exc:
        raise TemplateError(f"mẫu {path.name} không đọc được (không có quyền đọc, hay không phải một tệp?)") from exc
    if len(data) > MAX_TOTAL_BYTES:
        raise TemplateError(f"mẫu {path.name} quá lớn (hơn {MAX_TOTAL_BYTES // MiB} MB) — một mẫu Word, kể cả "
                            "logo, chỉ cần vài trăm KB")
    check(data, path.name)
    return data


def check(data: bytes, name: str) -> None:
    """Refuse ``data`` (the template ``name``) unless it is a zip of sane sizes with well-formed XML parts."""
    if not data:
        raise TemplateError(f"mẫu {name} là tệp rỗng (0 byte), không phải tệp Word (.docx)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise TemplateError(f"mẫu {name} không phải tệp Word (.docx): tệp .docx nào cũng là một tệp nén zip, "
                            "tệp này thì không — hãy mở nó trong Word và lưu lại dưới dạng .docx") from exc
    with archive:
        infos = archive.infolist()
        _check_sizes(infos, name)
        present = {info.filename for info in infos}
        for required in _REQUIRED_PARTS:
            if required not in present:
                raise TemplateError(f"mẫu {name} không phải tệp Word (.docx): thiếu phần {required} mà tệp Word "
                                    "nào cũng có")
        for info in infos:
            _check_part(archive, info, name)


def _check_sizes(infos: list[zipfile.ZipInfo], name: str) -> None:
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise TemplateError(f"mẫu {name} có phần {shown(info.filename)} giải nén ra {_mib(info.file_size)} MB, "
                                f"quá {MAX_PART_BYTES // MiB} MB cho một phần — tệp nén kiểu “bom zip”?")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_CHECKED_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise TemplateError(f"mẫu {name} có phần {shown(info.filename)} nén tới {ratio:.0f} lần (giải nén ra "
                                f"{_mib(info.file_size)} MB), quá {MAX_COMPRESSION_RATIO} lần — dấu hiệu của “bom zip”")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise TemplateError(f"mẫu {name} giải nén ra tổng cộng {_mib(total)} MB, quá {MAX_TOTAL_BYTES // MiB} MB — "
                            "một mẫu Word, kể cả logo, chỉ cần vài trăm KB")


class _Doctype(Exception):
    pass


class _RefuseDoctype:
    """A parser target: the parser checks that the XML is well-formed, and stops at a DOCTYPE before it reads
    any of the entities declared there."""

    def doctype(self, *_declaration) -> None:
        raise _Doctype

    def close(self) -> None:
        return None


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Unpack the part in chunks, checking its CRC and, for an XML part, parsing it as it comes: memory stays at a
    chunk whatever the part holds."""
    parser = _parser(_RefuseDoctype()) if info.filename.endswith(_XML_SUFFIXES) else None
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK_BYTES):
                if parser is not None:
                    parser.feed(chunk)
        if parser is not None:
            parser.close()
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        # a wrong CRC or size (a lying header), damaged data, an unknown compression, a password
        raise TemplateError(f"mẫu {name} có phần {shown(info.filename)} không giải nén được (tệp hỏng, có mật "
                            "khẩu, hay kích thước khai báo sai)") from exc
    except _Doctype as exc:
        raise TemplateError(f"mẫu {name} có khai báo DOCTYPE trong phần {shown(info.filename)} — tệp Word không "
                            "bao giờ có; DOCTYPE là lối để XML đọc trộm tệp khác (XXE) hay tự nhân lên hàng tỉ lần "
                            "(“billion laughs”), nên mẫu bị từ chối") from exc
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        where = f"lỗi ở dòng {line}, cột {column}" if line else "phần rỗng"
        raise TemplateError(f"mẫu {name} có phần {shown(info.filename)} không phải XML hợp lệ ({where}) — tệp bị "
                            "sửa hỏng bên ngoài Word?") from exc


def _mib(size: int) -> str:
    """Rounded up, so that a size just past a limit does not show as the limit."""
    return vnformat.number(math.ceil(size * 10 / MiB) / 10)
