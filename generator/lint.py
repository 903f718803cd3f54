"""The checker: small rules with stable codes, in the style of ruff.

A rule looks at a document that already passed validation and the rulebook check (``reader.prepare``) and
yields findings: a path into the YAML data and a Vietnamese message "<what is wrong> — <what to write instead>".
:func:`lint` runs every rule and turns each finding into a located :class:`Problem` with the rule's severity.
What the rulebook profile alone decides stays a hard error in ``consistency``; the rules here are about
plausibility, the habits of the trade and typing slips. The checker never changes a word the user typed.

Codes by area: VB10x header, VB11x dates, VB12x signature, VB13x recipients, VB14x body, VB15x typing of any
text. A code is never reused, even when its rule is removed.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from generator import defaults, inline, layout, vnformat
from generator.errors import Problem, Severity
from generator.loader import Path_
from generator.model import Document, Item, MeetingDays, Node
from generator.reader import Prepared
from generator.reading import partial
from generator.walk import body_texts
from generator.rulebook import Role, Rulebook

Finding = tuple[Path_, str]
Check = Callable[["LintContext"], Iterable[Finding]]

ERROR, WARNING = Severity.ERROR, Severity.WARNING
# A notice may be drafted with the date of a signing day still to come; `--so-ngay-truoc` changes it.
DEFAULT_FUTURE_MARGIN_DAYS = defaults.FUTURE_MARGIN_DAYS


@dataclass(frozen=True)
class LintContext:
    prepared: Prepared
    today: dt.date
    future_margin_days: int = DEFAULT_FUTURE_MARGIN_DAYS

    @property
    def document(self) -> Document:
        return self.prepared.document

    @property
    def book(self) -> Rulebook:
        return self.prepared.book

    @property
    def data(self) -> dict[str, Any]:
        """The YAML as typed: texts before the model strips or splits them, with the paths findings point to."""
        return self.prepared.source.data

    @functools.cached_property
    def strings(self) -> list[tuple[Path_, str]]:
        """Every text as typed, with its path: walked once for all the rules that read every text."""
        return list(self.prepared.source.strings())


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    reference: str
    check: Check


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, summary: str, reference: str) -> Callable[[Check], Check]:
    """Register the decorated check as rule ``code``; a code or a name taken twice is a programming error."""
    def register(check: Check) -> Check:
        if code in RULES or any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule {code} {name}: code or name already registered")
        RULES[code] = Rule(code, name, severity, summary, reference, check)
        return check
    return register


def current_date() -> dt.date:
    """Today, for the date rules; one place, so a test can fix the day it runs on."""
    return dt.date.today()


def lint(prepared: Prepared, today: dt.date | None = None, future_margin_days: int = DEFAULT_FUTURE_MARGIN_DAYS,
         set_aside: frozenset[Path_] | None = None) -> list[Problem]:
    """Every finding of every rule, as problems sorted by place.

    For a document read past its errors, ``set_aside`` holds the places of the values replaced by stand-ins
    (findings about them mean nothing), and a rule that cannot run on what is left (an unknown kind …) is
    skipped: the errors already reported say what to fix first."""
    context = LintContext(prepared, today or current_date(), future_margin_days)
    source = prepared.source
    problems: list[Problem] = []
    for entry in RULES.values():
        try:
            findings = list(entry.check(context))
        except (KeyError, ValueError, AttributeError, TypeError, IndexError):
            if set_aside is None:
                raise
            continue
        for path, message in findings:
            if set_aside is not None and partial.touches(path, set_aside):
                continue
            found = source.problem(path, entry.code, message)
            problems.append(replace(found, severity=entry.severity))
    return sorted(problems)


# ---------------------------------------------------------------------------------------------- text helpers

# The tone mark on the vowel pairs oa, oe, uy closing a syllable: the old style (HD 36's own samples write
# "HUYỆN UỶ ĐỊNH HOÁ") puts it on the second vowel, the new style on the first ("huyện ủy", "hóa"). Before a
# final consonant ("hoán", "thuyền") or a third vowel ("ngoài") both styles agree, so only a closing pair tells.
OLD_TO_NEW_TONE = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
                   "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
                   "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
NEW_TO_OLD_TONE = {new: old for old, new in OLD_TO_NEW_TONE.items()}

_SYLLABLE = re.compile(r"[^\W\d_]+")
# Only a syllable ending in one of those pairs shows a style: a text without one (most texts) is not cut into
# syllables. Searched in the lowercased text: re.IGNORECASE is slow on Vietnamese letters.
_STYLED_END = re.compile(r"(?:%s)(?![^\W\d_])" % "|".join(OLD_TO_NEW_TONE | NEW_TO_OLD_TONE))


class ToneStyle(enum.Enum):
    OLD = "kiểu cũ (dấu trên nguyên âm sau: hoá, uỷ)"
    NEW = "kiểu mới (dấu trên nguyên âm trước: hóa, ủy)"


def tone_style(syllable: str) -> ToneStyle | None:
    """Which placement a syllable shows, or None when it looks the same in both styles."""
    lower = syllable.lower()
    pair = lower[-2:]
    if pair.startswith("u") and lower[-3:-2] == "q":
        return None  # the u of "qu" is part of the consonant: "quý", "quỹ" are written so in both styles
    if pair in OLD_TO_NEW_TONE:
        return ToneStyle.OLD
    if pair in NEW_TO_OLD_TONE:
        return ToneStyle.NEW
    return None


def restyled(syllable: str) -> str:
    """A syllable that shows a style (see :func:`tone_style`) written in the other, each letter keeping its
    case: "Uỷ" → "Ủy"."""
    lower = syllable.lower()
    pair = lower[-2:]
    swapped = lower[:-2] + (OLD_TO_NEW_TONE.get(pair) or NEW_TO_OLD_TONE[pair])
    return "".join(new.upper() if old.isupper() else new for new, old in zip(swapped, syllable))


def words(text: str) -> list[str]:
    """The words of a text for comparing names: NFC, case-folded, new tone style, punctuation dropped."""
    found = _SYLLABLE.findall(unicodedata.normalize("NFC", text).casefold())
    return [restyled(w) if tone_style(w) is ToneStyle.OLD else w for w in found]


def find_phrase(haystack: Sequence[str], phrase: Sequence[str]) -> int:
    """Index of the first place ``phrase`` stands in ``haystack`` as whole words, or -1."""
    size = len(phrase)
    return next((i for i in range(len(haystack) - size + 1) if list(haystack[i:i + size]) == list(phrase)), -1)


def mentioned(text: str, names: Iterable[str]) -> str | None:
    """The first of ``names`` standing in ``text`` as whole words, whatever the case and tone style."""
    text_words = words(text)
    return next((name for name in names if find_phrase(text_words, words(name)) >= 0), None)


def excerpt(text: str, start: int, end: int, room: int = 20) -> str:
    """The text around ``start:end`` on one line, for quoting a place in a long paragraph."""
    head = ("…" if start > room else "") + text[max(0, start - room):start]
    tail = text[end:end + room] + ("…" if end + room < len(text) else "")
    return (head + text[start:end] + tail).replace("\n", " ")


def short(text: str, limit: int = 50) -> str:
    """A text on one line, cut to ``limit`` characters, for naming a heading in a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"




def paragraphs(text: str) -> list[str]:
    """Each line of a text becomes its own paragraph, as in the layout."""
    return [line.strip() for line in text.split("\n") if line.strip()]


# ---------------------------------------------------------------------------------------------- VB10x header

# Type codes of Party documents (spec §1.4), not only the kinds this profile renders: a secretary who copies
# "-KL/TU" from another document may type the type code where the issuer's abbreviation belongs.
PARTY_TYPE_CODES = ("NQ", "QĐ", "CT", "KL", "QC", "TT", "HD", "TB", "BC", "KH", "CTR", "TTR", "CV", "BB", "ĐA",
                    "PA", "BS")


@rule("VB101", "type-name-matches-kind", ERROR,
      "Tên loại văn bản ghi tay phải đúng tên loại của loại văn bản đã chọn.",
      "HD 36 §II.1.3 (ký hiệu tên loại khớp tên loại); spec §4.9")
def type_name_matches_kind(context: LintContext) -> Iterator[Finding]:
    doc = context.document
    kind = context.book.loai_van_ban[doc.loai]
    if doc.ten_loai is not None and kind.ten_loai is None:
        yield (("ten_loai",), f"loại `{doc.loai}` không có dòng tên loại — hãy xóa dòng `ten_loai`")
    elif doc.ten_loai is not None and words(doc.ten_loai) != words(kind.ten_loai or ""):
        yield (("ten_loai",),
               f"tên loại `{doc.ten_loai}` không khớp loại `{doc.loai}` (ký hiệu {kind.ma}: "
               f"`{layout.number_line(doc, context.book)}`) — hãy viết `ten_loai: {kind.ten_loai}` "
               "hoặc xóa dòng `ten_loai` để công cụ tự ghi")


@rule("VB102", "issuer-abbreviation", WARNING,
      "Chữ viết tắt của cơ quan ban hành không phải ký hiệu tên loại văn bản.",
      "HD 36 §II.1.3 (ký hiệu cơ quan ban hành); spec §1.4")
def issuer_abbreviation(context: LintContext) -> Iterator[Finding]:
    doc, book = context.document, context.book
    abbreviation = doc.co_quan.viet_tat
    own_code = (book.loai_van_ban[doc.loai].ma or "").upper()
    number = layout.number_line(doc, book)
    codes = {kind.ma.upper() for kind in book.loai_van_ban.values() if kind.ma} | set(PARTY_TYPE_CODES)
    if abbreviation in codes:
        yield (("co_quan", "viet_tat"),
               f"`{abbreviation}` là ký hiệu tên loại văn bản, không phải chữ viết tắt tên cơ quan (số ký hiệu "
               f"sẽ ra `{number}`) — hãy ghi chữ viết tắt của cơ quan, ví dụ `TU` (Tỉnh ủy), "
               "`BDVTU` (Ban Dân vận Tỉnh ủy)")
    elif own_code and abbreviation.startswith(own_code):
        yield (("co_quan", "viet_tat"),
               f"`{abbreviation}` bắt đầu bằng ký hiệu tên loại `{own_code}` mà công cụ đã tự thêm (số ký hiệu "
               f"sẽ ra `{number}`) — hãy chỉ ghi `viet_tat: {abbreviation[len(own_code):]}`")


# ----------------------------------------------------------------------------------------------- VB11x dates

@rule("VB111", "date-not-far-ahead", ERROR,
      "Ngày (năm) ban hành không muộn hơn hôm nay quá số ngày cho phép (mặc định 30 ngày).",
      "Kiểm tra hợp lý: ngày ban hành là ngày ký (spec §1.5)")
def date_not_far_ahead(context: LintContext) -> Iterator[Finding]:
    doc = context.document
    limit = context.today + dt.timedelta(days=context.future_margin_days)
    today = vnformat.short_date(context.today)
    if doc.ngay is not None and doc.ngay > limit:
        yield (("ngay",),
               f"ngày ban hành {vnformat.short_date(doc.ngay)} muộn hơn hôm nay ({today}) quá "
               f"{context.future_margin_days} ngày — hãy kiểm tra lại ngày, tháng, năm; nếu chưa biết ngày ký "
               "thì bỏ `ngay` để văn thư điền tay")
    elif doc.ngay is None and doc.nam is not None and doc.nam > limit.year:
        yield (("nam",),
               f"năm ban hành {doc.nam} muộn hơn năm nay ({context.today.year}) — hãy kiểm tra lại `nam`")


def _meeting_days(doc: Document) -> MeetingDays | None:
    return doc.hoi_nghi.ngay if doc.hoi_nghi is not None else None


@rule("VB112", "meeting-before-notice", ERROR,
      "Cuộc họp được kết luận diễn ra không muộn hơn ngày ban hành thông báo.",
      "Kiểm tra hợp lý: thông báo kết luận ra sau cuộc họp (spec §1.9)")
def meeting_before_notice(context: LintContext) -> Iterator[Finding]:
    doc = context.document
    days = _meeting_days(doc)
    if days is None:
        return
    meeting = days.last  # a meeting of several days is concluded on its last
    when = days.text()
    if doc.ngay is not None and meeting > doc.ngay:
        yield (("hoi_nghi", "ngay"),
               f"ngày họp {when} sau ngày ban hành {vnformat.short_date(doc.ngay)} — thông báo kết luận ra sau "
               "cuộc họp; hãy kiểm tra lại `hoi_nghi.ngay` và `ngay`")
    elif doc.ngay is None and doc.nam is not None and meeting.year > doc.nam:
        yield (("hoi_nghi", "ngay"),
               f"ngày họp {when} sau năm ban hành {doc.nam} — thông báo kết luận ra sau cuộc họp; "
               "hãy kiểm tra lại `hoi_nghi.ngay` và `nam`")


def _a_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@rule("VB113", "meeting-recent", WARNING,
      "Cuộc họp được kết luận không cách ngày ban hành quá một năm.",
      "Thực tiễn (seed 000, 001: thông báo ra vài ngày sau cuộc họp)")
def meeting_recent(context: LintContext) -> Iterator[Finding]:
    doc = context.document
    days = _meeting_days(doc)
    if days is not None and doc.ngay is not None and days.last < _a_year_before(doc.ngay):
        yield (("hoi_nghi", "ngay"),
               f"ngày họp {days.text()} cách ngày ban hành {vnformat.short_date(doc.ngay)} "
               "hơn một năm — hãy kiểm tra lại năm của `hoi_nghi.ngay` và `ngay`")


# ------------------------------------------------------------------------------------------- VB12x signature

DEPUTY_WORD = "PHÓ"  # a deputy's title starts with it: PHÓ BÍ THƯ, PHÓ TRƯỞNG BAN

# Bodies that act as a collective and sign T/M (HD 36 §II.1.7.1: congresses and their boards, cấp ủy and their
# standing bodies, ủy ban kiểm tra, đảng đoàn, ban cán sự đảng, hội đồng). Either tone style matches.
COLLECTIVES = ("BAN THƯỜNG VỤ", "BAN CHẤP HÀNH", "BỘ CHÍNH TRỊ", "BAN BÍ THƯ", "THƯỜNG TRỰC", "TỈNH ỦY",
               "THÀNH ỦY", "HUYỆN ỦY", "QUẬN ỦY", "THỊ ỦY", "ĐẢNG ỦY", "CHI ỦY", "CHI BỘ", "ĐẢNG ĐOÀN",
               "BAN CÁN SỰ", "ỦY BAN KIỂM TRA", "HỘI ĐỒNG", "ĐẠI HỘI", "ĐOÀN CHỦ TỊCH", "ĐOÀN THƯ KÝ",
               "BAN THẨM TRA TƯ CÁCH", "BAN KIỂM PHIẾU", "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN")

# Titles of a single head, for whom a deputy signs K/T (HD 36 §II.1.7.1: heads of boards, offices, steering
# committees and units set up by Party bodies).
HEAD_TITLES = ("TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "BÍ THƯ", "CHỦ NHIỆM", "CHỦ TỊCH", "GIÁM ĐỐC", "HIỆU TRƯỞNG",
               "TỔNG BIÊN TẬP", "TRƯỞNG TIỂU BAN", "TRƯỞNG ĐOÀN", "BỘ TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG",
               "TRƯỞNG PHÒNG", "THỦ TRƯỞNG")

# Names of Party committees: on the title line they name the issuer, which the header already gives.
PARTY_BODIES = ("TRUNG ƯƠNG", "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "QUẬN ỦY", "THỊ ỦY", "ĐẢNG ỦY", "CHI ỦY",
                "CHI BỘ", "ĐẢNG BỘ")

# Degrees and academic titles, kept out of the signature (NĐ 30 Phụ lục I §II.7; the same in Party practice).
_ACADEMIC_ABBREVIATIONS = ("GS.TS", "PGS.TS", "GS.TSKH", "TSKH", "PGS", "GS", "TS", "ThS", "KS", "BS", "CN")
_ACADEMIC_WORDS = ("Phó Giáo sư", "Giáo sư", "Tiến sĩ", "Tiến sỹ", "Thạc sĩ", "Thạc sỹ", "Kỹ sư", "Bác sĩ",
                   "Cử nhân")
_ACADEMIC_PREFIX = re.compile(
    r"^(?:(?:" + "|".join(re.escape(a) for a in _ACADEMIC_ABBREVIATIONS) + r")(?:\.\s*|\s+)"
    r"|(?:" + "|".join(re.escape(w) for w in _ACADEMIC_WORDS) + r")\s+)+",
    re.IGNORECASE)


def _starts_with_phrase(text: str, phrases: Iterable[str]) -> bool:
    text_words = words(text)
    return any(text_words[:len(w)] == w for w in map(words, phrases))


def _role(context: LintContext) -> Role | None:
    """What the signer's prefix means in this rulebook (T/M and TM. are both "on behalf of a collective")."""
    authority = context.book.authority(context.document.nguoi_ky.quyen_han)
    return authority.vai_tro if authority else None


def _prefix(context: LintContext, role: Role) -> str:
    return context.book.prefix_for(role) or role.value


@rule("VB121", "on-behalf-of-collective", ERROR,
      "Sau T/M (TM.: thay mặt) phải là tên một tập thể như BAN THƯỜNG VỤ, TỈNH ỦY, ỦY BAN NHÂN DÂN.",
      "HD 36 §II.1.7.1; NĐ 30 Phụ lục I §II.7; spec §1.6, §2.6, §4.14")
def on_behalf_of_collective(context: LintContext) -> Iterator[Finding]:
    signer = context.document.nguoi_ky
    if _role(context) is Role.COLLECTIVE and not mentioned(signer.thay_mat or "", COLLECTIVES):
        yield (("nguoi_ky", "thay_mat"),
               f"`{signer.quyen_han} {(signer.thay_mat or '').upper()}`: thay mặt chỉ dùng cho một tập thể "
               "— hãy ghi tên tập thể, ví dụ `thay_mat: BAN THƯỜNG VỤ`; người đứng đầu một ban ký trực tiếp "
               f"(bỏ `quyen_han`), cấp phó ký `{_prefix(context, Role.DEPUTY)}`")


@rule("VB122", "for-the-head", ERROR,
      "Sau K/T (KT.: ký thay) phải là chức danh người đứng đầu như TRƯỞNG BAN, không phải một tập thể.",
      "HD 36 §II.1.7.1; NĐ 30 Phụ lục I §II.7; spec §1.6, §2.6, §4.14")
def for_the_head(context: LintContext) -> Iterator[Finding]:
    signer = context.document.nguoi_ky
    if _role(context) is not Role.DEPUTY:
        return
    line = f"`{signer.quyen_han} {(signer.thay_mat or '').upper()}`"
    if mentioned(signer.thay_mat or "", COLLECTIVES):
        yield (("nguoi_ky", "quyen_han"),
               f"{line}: tập thể không có ký thay, cấp phó của tập thể cũng ký thay mặt — "
               f"hãy ghi `quyen_han: {_prefix(context, Role.COLLECTIVE)}`")
    elif not _starts_with_phrase(signer.thay_mat or "", HEAD_TITLES):
        yield (("nguoi_ky", "thay_mat"),
               f"{line}: ký thay phải ghi chức danh người đứng đầu — "
               "ví dụ `thay_mat: TRƯỞNG BAN` hoặc `thay_mat: CHÁNH VĂN PHÒNG`")


@rule("VB123", "deputy-title", ERROR,
      "Người ký K/T (KT.) là cấp phó: chức vụ bắt đầu bằng PHÓ.",
      "HD 36 §II.1.7.1; NĐ 30 Phụ lục I §II.7; spec §1.6, §2.6, §4.14")
def deputy_title(context: LintContext) -> Iterator[Finding]:
    signer = context.document.nguoi_ky
    if _role(context) is Role.DEPUTY and not _starts_with_phrase(signer.chuc_vu, [DEPUTY_WORD]):
        # After a collective (VB122) the head's title is the signer's own title line, not the collective.
        head = signer.chuc_vu if mentioned(signer.thay_mat or "", COLLECTIVES) else signer.thay_mat or "TRƯỞNG BAN"
        head = head.upper()
        yield (("nguoi_ky", "chuc_vu"),
               f"người ký `{signer.quyen_han}` là cấp phó nhưng chức vụ là `{signer.chuc_vu.upper()}` — hãy ghi "
               f"`chuc_vu: {DEPUTY_WORD} {head}`; nếu người đứng đầu ký thì bỏ `quyen_han` và `thay_mat`")


def _is_bare_title(title: str) -> bool:
    """A title that is only a head's or a deputy's title: "CHÁNH VĂN PHÒNG" names no issuer, even when the
    issuer is called "Văn phòng"."""
    title_words = words(title)
    if title_words[:1] == words(DEPUTY_WORD):
        title_words = title_words[1:]
    return any(title_words == words(head) for head in HEAD_TITLES)


def _without_phrase(text: str, phrase: str) -> str:
    """``text`` in capitals with the words of ``phrase`` taken out."""
    original = _SYLLABLE.findall(unicodedata.normalize("NFC", text).upper())
    start = find_phrase(words(text), words(phrase))
    return " ".join(original[:start] + original[start + len(words(phrase)):])


@rule("VB124", "title-without-issuer", WARNING,
      "Dòng chức vụ chỉ ghi chức danh, không ghi tên cơ quan (BÍ THƯ, không phải BÍ THƯ TỈNH ỦY).",
      "Thực tiễn (seed 000–002); spec §1.6, §4.14 — chưa đối chiếu được nguyên văn HD 36")
def title_without_issuer(context: LintContext) -> Iterator[Finding]:
    doc = context.document
    title = doc.nguoi_ky.chuc_vu
    if _is_bare_title(title):
        return
    names = [n for n in (doc.co_quan.ten, doc.co_quan.cap_tren) if n] + list(PARTY_BODIES)
    name = mentioned(title, sorted(names, key=lambda n: -len(words(n))))  # the longest name first
    if name:
        bare = _without_phrase(title, name) or "BÍ THƯ"
        yield (("nguoi_ky", "chuc_vu"),
               f"dòng chức vụ `{title.upper()}` có tên cơ quan `{name.upper()}` — dòng này chỉ ghi chức danh "
               f"(tên cơ quan đã ở đầu văn bản); hãy viết `chuc_vu: {bare}`")


@rule("VB125", "signer-without-degree", WARNING,
      "Không ghi học hàm, học vị (TS., ThS., GS., PGS. …) trước họ tên người ký.",
      "NĐ 30 Phụ lục I §II.7, áp dụng tương tự cho văn bản Đảng; spec §2.6, §4.15")
def signer_without_degree(context: LintContext) -> Iterator[Finding]:
    name = context.document.nguoi_ky.ho_ten
    match = _ACADEMIC_PREFIX.match(name)
    if match:
        yield (("nguoi_ky", "ho_ten"),
               f"họ tên người ký có học hàm, học vị `{match.group().strip()}` — không ghi học hàm, học vị trước "
               f"họ tên; hãy viết `ho_ten: {name[match.end():].strip()}`")


@rule("VB126", "signer-name-case", WARNING,
      "Họ tên người ký viết hoa chữ cái đầu mỗi tiếng, các chữ khác viết thường.",
      "NĐ 30 Phụ lục II (viết hoa tên người), HD 36 Phụ lục 3 (họ tên in thường); spec §2.8, §4.15")
def signer_name_case(context: LintContext) -> Iterator[Finding]:
    name = context.document.nguoi_ky.ho_ten  # never blank: the model refuses that (VB011)
    syllables = name.split()
    if name.isupper() and any(len(s) > 1 for s in syllables):
        fixed = " ".join(s.capitalize() for s in syllables)
    elif any(not s[0].isupper() for s in syllables):
        fixed = " ".join(s[0].upper() + s[1:] for s in syllables)
    else:
        return
    yield (("nguoi_ky", "ho_ten"),
           f"họ tên người ký `{name}` phải viết hoa chữ cái đầu mỗi tiếng, các chữ khác viết thường — "
           f"hãy viết `ho_ten: {fixed}`")


# ------------------------------------------------------------------------------------------ VB13x recipients

def _recipient_path(context: LintContext, index: int) -> Path_:
    typed = context.data["noi_nhan"][index]
    return ("noi_nhan", index, "noi") if isinstance(typed, dict) else ("noi_nhan", index)


def _archive_word(book: Rulebook) -> str:
    """The word the archive line starts with ("Lưu"), read from the profile's pattern "Lưu {noi_luu}"."""
    return book.noi_nhan.mau_luu.split("{", 1)[0].strip()


def _after_archive_word(text: str, word: str) -> str:
    return re.sub(rf"^\W*{re.escape(word)}\b", "", text.strip(), flags=re.IGNORECASE)


_STATE_CLERK = re.compile(r"\bVT\b", re.IGNORECASE)  # "VT", văn thư: the first place of a State archive line


def _is_state_archive(text: str, word: str) -> bool:
    rest = _after_archive_word(text, word)
    return rest.lstrip().startswith(":") or _STATE_CLERK.search(rest) is not None


def _archive_place(text: str, word: str) -> str:
    """What an archive line keeps once the archive word, a colon and State's "VT" are taken out."""
    pieces = re.split(r"[,;]", _after_archive_word(text, word))
    return ", ".join(p for p in (_STATE_CLERK.sub("", piece).strip(" .:") for piece in pieces) if p)


@rule("VB131", "recipient-once", WARNING,
      "Mỗi nơi nhận chỉ ghi một lần.",
      "Thực tiễn (seed 001, 002); spec §1.7")
def recipient_once(context: LintContext) -> Iterator[Finding]:
    first_seen: dict[str, int] = {}
    for index, recipient in enumerate(context.document.noi_nhan):
        key = " ".join(words(recipient.noi))
        if key in first_seen:
            yield (_recipient_path(context, index),
                   f"nơi nhận `{recipient.noi}` trùng với dòng thứ {first_seen[key] + 1} của `noi_nhan` — "
                   "hãy xóa một dòng")
        else:
            first_seen[key] = index


@rule("VB132", "archive-not-in-recipients", ERROR,
      "Dòng lưu không ghi trong noi_nhan mà ghi ở luu: công cụ tự thêm nó làm dòng cuối.",
      "Thực tiễn (seed 001, 002): dòng lưu là dòng cuối của nơi nhận; spec §1.7, §4.17")
def archive_not_in_recipients(context: LintContext) -> Iterator[Finding]:
    book = context.book
    word = _archive_word(book)
    if not word:
        return
    for index, recipient in enumerate(context.document.noi_nhan):
        if words(recipient.noi)[:1] == words(word):
            place = _archive_place(recipient.noi, word) or book.noi_nhan.noi_luu_mac_dinh
            yield (_recipient_path(context, index),
                   f"dòng lưu `{recipient.noi}` nằm trong `noi_nhan` — công cụ tự thêm dòng `{word} …` ở cuối; "
                   f"hãy xóa dòng này và ghi `luu: {place}`")


@rule("VB133", "recipient-line-ends-agree", WARNING,
      "Các dòng nơi nhận không lẫn hai kiểu dấu cuối dòng (dấu phẩy và dấu chấm phẩy).",
      "Thực tiễn (seed 001, 002): một kiểu dấu cuối dòng trong một văn bản; spec §1.7, §4.16")
def recipient_line_ends_agree(context: LintContext) -> Iterator[Finding]:
    allowed = context.book.noi_nhan.dau_cuoi_dong_cho_phep
    ends: dict[int, str] = {}
    for index, recipient in enumerate(context.document.noi_nhan):
        text = recipient.text().rstrip()
        if text and text[-1] in allowed:
            ends[index] = text[-1]
    counts = Counter(ends.values())
    if len(counts) < 2:
        return
    usual = counts.most_common(1)[0][0]  # on a tie the mark met first counts as the usual one
    for index, mark in ends.items():
        if mark != usual:
            yield (_recipient_path(context, index),
                   f"dòng này kết thúc bằng `{mark}` còn {counts[usual]} dòng khác bằng `{usual}` — có lẽ dán "
                   "từ hai văn bản; công cụ tự thêm dấu cuối dòng, hãy xóa dấu ở cuối các dòng nơi nhận "
                   f"(muốn dùng `{mark}` thì ghi `dau_cuoi_dong: \"{mark}\"`)")


@rule("VB134", "archive-form", ERROR,
      "Giá trị luu chỉ ghi nơi lưu theo cách của hệ thống văn bản: văn bản Đảng không có dấu hai chấm và không "
      "có VT; văn bản Nhà nước không ghi lại VT mà công cụ đã tự in (\"Lưu: VT, …\").",
      "Thực tiễn (seed 001, 002); spec §1.7, §4.17; NĐ 30 Phụ lục I (nơi nhận)")
def archive_form(context: LintContext) -> Iterator[Finding]:
    """What it does: compares `luu` with the archive line the profile prints (`noi_nhan.mau_luu`).

    Why is this bad? A Party archive line is `- Lưu VPTU.` (no colon, no VT); a State one is `- Lưu: VT, TH.`,
    where the tool prints `Lưu: VT,` itself. Typing the other system's form, or typing VT again, prints a wrong
    or doubled line.

    Example (State): `luu: VT, KTHT` → `- Lưu: VT, VT, KTHT.`   Use instead: `luu: KTHT`.
    Example (Party): `luu: "Lưu: VT, VPTU"`                     Use instead: `luu: VPTU`.
    """
    book, archive = context.book, context.document.luu
    word = _archive_word(book)
    if archive is None or not _is_state_archive(archive, word):
        return
    place = _archive_place(archive, word)
    printed = book.noi_nhan.mau_luu.format(noi_luu=place).rstrip(", ")
    if _STATE_CLERK.search(book.noi_nhan.mau_luu):
        yield (("luu",),
               f"`luu: {archive}` ghi lại `VT` mà công cụ đã tự in cho {book.ten} (dòng lưu là `{printed}`) — "
               f"`luu` chỉ ghi nơi lưu sau VT; hãy viết `luu: {place}`" if place else
               f"`luu: {archive}` ghi lại `VT` mà công cụ đã tự in cho {book.ten} — hãy xóa dòng `luu` "
               f"(dòng lưu sẽ là `{printed}`)")
        return
    place = place or book.noi_nhan.noi_luu_mac_dinh
    yield (("luu",),
           f"`luu: {archive}` là cách ghi của văn bản Nhà nước — văn bản của Đảng ghi "
           f"`{book.noi_nhan.mau_luu.format(noi_luu=place)}`, không có dấu `:`, không có `VT`; "
           f"hãy viết `luu: {place}`")


@rule("VB135", "archive-word-once", ERROR,
      "Giá trị luu chỉ ghi nơi lưu, không ghi lại chữ \"Lưu\" mà công cụ đã tự thêm.",
      "Hồ sơ thể thức (noi_nhan.mau_luu); spec §1.7")
def archive_word_once(context: LintContext) -> Iterator[Finding]:
    book, archive = context.book, context.document.luu
    word = _archive_word(book)
    if (archive is not None and word and words(archive)[:1] == words(word)
            and not _is_state_archive(archive, word)):
        place = _archive_place(archive, word) or book.noi_nhan.noi_luu_mac_dinh
        yield (("luu",),
               f"`luu: {archive}` bắt đầu bằng chữ `{word}` mà công cụ đã tự thêm (sẽ ra "
               f"`{book.noi_nhan.mau_luu.format(noi_luu=archive)}`) — hãy viết `luu: {place}`")


# ------------------------------------------------------------------------------------------------ VB14x body

@rule("VB141", "end-mark-last", WARNING,
      "Chỉ đoạn cuối cùng của nội dung kết thúc bằng dấu kết thúc (./.), công cụ tự thêm dấu này.",
      "Thực tiễn văn bản Đảng (seed 000, 002); spec §1.8, §4.19")
def end_mark_last(context: LintContext) -> Iterator[Finding]:
    mark = layout.end_mark(context.document, context.book)
    if not mark or mark == ".":  # a plain full stop ends every sentence: only a mark of its own tells the end
        return
    marked = {path for path, text in context.strings
              if path[0] == "noi_dung" and mark in text.replace("*", "")}  # the body's texts carrying the mark
    if not marked:
        return
    texts = list(body_texts(context.data))
    for path, text in texts:
        if path not in marked:
            continue
        lines = list(paragraphs(text))
        for line in lines[:-1] if path == texts[-1][0] else lines:
            if inline.plain(line).rstrip().endswith(mark):
                yield (path,
                       f"đoạn `{short(line[-50:])}` kết thúc bằng `{mark}` nhưng chưa phải đoạn cuối, văn bản sẽ "
                       f"như kết thúc ở đây — hãy kết thúc đoạn này bằng dấu `.`; công cụ tự thêm `{mark}` sau đoạn "
                       "cuối")


def _items(nodes: Sequence[Node], path: Path_) -> Iterator[tuple[Path_, Item]]:
    """Every numbered item, nested ones included; node lists are never split, so indices are the file's."""
    for index, node in enumerate(nodes):
        if isinstance(node, Item):
            yield path + (index,), node
            yield from _items(node.muc, path + (index, "muc"))


@rule("VB142", "heading-has-content", WARNING,
      "Một phần hay một mục có tiêu đề thì có nội dung dưới tiêu đề.",
      "Thực tiễn soạn thảo (seed 000–002)")
def heading_has_content(context: LintContext) -> Iterator[Finding]:
    for _, part, path in context.document.noi_dung.all_parts():
        if part.tieu_de and not part.noi_dung:
            yield (path + ("tieu_de",),
                   f"phần `{short(part.tieu_de)}` có tiêu đề nhưng không có nội dung — hãy viết các đoạn dưới "
                   "`noi_dung:` của phần, hoặc xóa phần này")
        for item_path, item in _items(part.noi_dung, path + ("noi_dung",)):
            if item.tieu_de and not (item.noi_dung or item.muc or item.gach_dau_dong):
                yield (item_path + ("tieu_de",),
                       f"mục `{short(item.tieu_de)}` có tiêu đề nhưng không có nội dung — hãy thêm `noi_dung:`, "
                       "`gach_dau_dong:` hoặc `muc:` dưới tiêu đề, hoặc xóa mục này")


# ------------------------------------------------------------------------------------------------ VB15x text

@rule("VB151", "one-tone-style", WARNING,
      "Cả văn bản đặt dấu thanh theo một kiểu: hoặc kiểu cũ (hoá, uỷ) hoặc kiểu mới (hóa, ủy).",
      "HD 36 Phụ lục 3 (mẫu \"HUYỆN UỶ ĐỊNH HOÁ\"); spec §1.2, §4.23")
def one_tone_style(context: LintContext) -> Iterator[Finding]:
    marked = [(path, syllable, style) for path, text in context.strings
              if _STYLED_END.search(text.lower())
              for syllable in _SYLLABLE.findall(text) if (style := tone_style(syllable))]
    counts = Counter(style for _, _, style in marked)
    if len(counts) < 2:
        return
    usual = counts.most_common(1)[0][0]  # on a tie the style met first counts as the usual one
    rare = ToneStyle.NEW if usual is ToneStyle.OLD else ToneStyle.OLD
    by_field: dict[Path_, dict[str, None]] = {}
    for path, syllable, style in marked:
        if style is not usual:
            by_field.setdefault(path, {})[syllable] = None  # a dict keeps the order and drops repeats
    for path, syllables in by_field.items():
        typed = ", ".join(f"`{s}`" for s in syllables)
        wanted = ", ".join(f"`{restyled(s)}`" for s in syllables)
        yield (path,
               f"{typed} đặt dấu {rare.value}, còn văn bản có {counts[usual]} chỗ đặt dấu {usual.value} — "
               f"hãy viết {wanted} cho thống nhất một kiểu (công cụ không tự sửa)")


@rule("VB152", "quotes-paired", WARNING,
      "Dấu ngoặc kép trong mỗi đoạn chữ đủ cặp: mỗi “ có một ” đi sau, dấu \" thẳng có số chẵn.",
      "Chính tả (ngoặc kép đóng mở đủ cặp)")
def quotes_paired(context: LintContext) -> Iterator[Finding]:
    for path, text in _whole_texts(context.strings):
        opened, closed = text.count("“"), text.count("”")
        if opened != closed:
            yield (path,
                   f"ngoặc kép không đủ cặp: {opened} dấu mở “ và {closed} dấu đóng ” — hãy thêm dấu còn thiếu "
                   "hoặc xóa dấu thừa")
        elif _closes_before_opening(text):
            yield path, "có dấu đóng ” đứng trước dấu mở “ — hãy đổi chỗ hai dấu cho đúng “…”"
        straight = text.count('"')
        if straight % 2:
            yield (path,
                   f"có {straight} dấu ngoặc thẳng \" (số lẻ) — thiếu một dấu mở hoặc đóng; hãy thêm cho đủ cặp, "
                   "nên dùng ngoặc kép “…”")


# Texts written as a list of lines that are one text broken for print: a quotation may open on one line and close
# on the next.
_ONE_TEXT_IN_LINES = ("trich_yeu",)


def _whole_texts(strings: Iterable[tuple[Path_, str]]) -> Iterator[tuple[Path_, str]]:
    """The strings, with the lines of one text (the trích yếu) joined into one, at the place of its first line."""
    joined: dict[str, tuple[Path_, list[str]]] = {}
    for path, text in strings:
        if len(path) == 2 and path[0] in _ONE_TEXT_IN_LINES:
            joined.setdefault(path[0], (path, []))[1].append(text)
        else:
            yield path, text
    for path, lines in joined.values():
        yield path, "\n".join(lines)


def _closes_before_opening(text: str) -> bool:
    depth = 0
    for char in _CURLY_QUOTE.findall(text):
        depth += (char == "“") - (char == "”")
        if depth < 0:
            return True
    return False


_CURLY_QUOTE = re.compile("[“”]")
_DOUBLED_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_SPACE_BEFORE_MARK = re.compile(r"(?<=\S) +(?=[,.;:!?)])")
_SPACE_THEN_MARK = re.compile(r" [,.;:!?)]")  # starts with a character: the search skips ahead to each space


@rule("VB153", "single-spaces", WARNING,
      "Giữa hai từ chỉ có một dấu cách.",
      "Chính tả; seed 000 (\"triển khai  thực hiện\")")
def single_spaces(context: LintContext) -> Iterator[Finding]:
    for path, text in context.strings:
        if "  " not in text:  # most texts: not worth running the pattern over
            continue
        for match in _DOUBLED_SPACE.finditer(text):
            yield (path,
                   f"{len(match.group())} dấu cách liền nhau: `{excerpt(text, match.start(), match.end())}` — "
                   "hãy chỉ để một dấu cách (công cụ giữ nguyên chữ đã gõ)")


@rule("VB154", "no-space-before-mark", WARNING,
      "Không có dấu cách trước các dấu , . ; : ! ? và ngoặc đóng.",
      "Chính tả (dấu câu viết liền sau chữ đứng trước)")
def no_space_before_mark(context: LintContext) -> Iterator[Finding]:
    for path, text in context.strings:
        if not _SPACE_THEN_MARK.search(text):  # most texts: a quick search, the pattern's look-behind is slow
            continue
        for match in _SPACE_BEFORE_MARK.finditer(text):
            mark = text[match.end()]
            yield (path,
                   f"dấu cách trước dấu `{mark}`: `{excerpt(text, match.start(), match.end() + 1)}` — "
                   f"hãy viết dấu `{mark}` liền sau chữ đứng trước")


# The office cycle's rules (VB16x) live with the cycle; importing them registers them in RULES.
from generator.cycle import rules as _cycle_rules  # noqa: E402,F401
