"""Detect and repair Vietnamese text typed in legacy 8-bit encodings.

Old documents typed with the TCVN3 (ABC, ``.VnTime``) or VNI-Windows
(``VNI-Times``) fonts reach us as mojibake: when the file was converted to
Unicode, every legacy byte became the Windows-1252 character with the same
value.  All bytes these encodings use for letters lie in 0xA1-0xFE, where
cp1252 and Latin-1 agree, so the mojibake character is simply ``chr(byte)``.
"""

import enum
import re
import unicodedata


class LegacyEncoding(enum.Enum):
    """Legacy Vietnamese encodings this module understands."""

    TCVN3 = "TCVN3 (ABC, .VnTime)"
    VNI = "VNI-Windows (VNI-Times)"


# Character table transcribed from UniKey's converter tables in
# vn-input/ibus-unikey, ukengine/data.cpp (UnicodeTable, SingleByteTables
# "TCVN3", DoubleByteTables "VNI-WIN"); the TCVN3 column was cross-checked
# against glibc iconv's TCVN5712-1 decoder.  One row per vowel, columns in
# UniKey's tone order: none, sắc, huyền, hỏi, ngã, nặng.  VNI-Windows writes
# most letters as an ASCII base followed by a mark byte; its entries are
# separated by spaces.
_LOWERCASE_ROWS: tuple[tuple[str, str, str], ...] = (
    # Unicode   TCVN3     VNI-Windows
    ("aáàảãạ", "a¸µ¶·¹", "a aù aø aû aõ aï"),
    ("âấầẩẫậ", "©ÊÇÈÉË", "aâ aá aà aå aã aä"),
    ("ăắằẳẵặ", "¨¾»¼½Æ", "aê aé aè aú aü aë"),
    ("eéèẻẽẹ", "eÐÌÎÏÑ", "e eù eø eû eõ eï"),
    ("êếềểễệ", "ªÕÒÓÔÖ", "eâ eá eà eå eã eä"),
    ("iíìỉĩị", "iÝ×ØÜÞ", "i í ì æ ó ò"),
    ("oóòỏõọ", "oãßáâä", "o où oø oû oõ oï"),
    ("ôốồổỗộ", "«èåæçé", "oâ oá oà oå oã oä"),
    ("ơớờởỡợ", "¬íêëìî", "ô ôù ôø ôû ôõ ôï"),
    ("uúùủũụ", "uóïñòô", "u uù uø uû uõ uï"),
    ("ưứừửữự", "\xadøõö÷ù", "ö öù öø öû öõ öï"),  # \xad: soft hyphen = "ư"
    ("yýỳỷỹỵ", "yýúûüþ", "y yù yø yû yõ î"),
    ("đ", "®", "ñ"),
)

# TCVN3 has codes for these capitals only.  Other capitals were typed with
# the lowercase codes in the all-caps ".VnTimeH" font, so the bytes cannot
# tell them apart from lowercase.
_TCVN3_CAPITALS = {"Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}


def _build_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """Expand the rows into (TCVN3 encode, TCVN3 decode, VNI encode, VNI decode)."""
    tcvn3_encode: dict[str, str] = {}
    vni_encode: dict[str, str] = {}
    for letters, tcvn3_codes, vni_codes in _LOWERCASE_ROWS:
        for letter, tcvn3, vni in zip(letters, tcvn3_codes, vni_codes.split(), strict=True):
            if letter.isascii():
                continue  # both encodings are ASCII-compatible
            tcvn3_encode[letter] = tcvn3
            # Uppercase toned letters fall back to the lowercase code (.VnTimeH).
            tcvn3_encode[letter.upper()] = _TCVN3_CAPITALS.get(letter.upper(), tcvn3)
            vni_encode[letter] = vni
            # A VNI capital is the capital base plus the capital mark byte,
            # which in Latin-1 is the lowercase mark's uppercase twin.
            vni_encode[letter.upper()] = vni.upper()
    tcvn3_decode = {code: letter for letter, code in tcvn3_encode.items() if letter.islower()}
    tcvn3_decode.update({code: letter for letter, code in _TCVN3_CAPITALS.items()})
    vni_decode = {code: letter for letter, code in vni_encode.items()}
    return tcvn3_encode, tcvn3_decode, vni_encode, vni_decode


_TCVN3_ENCODE, _TCVN3_DECODE, _VNI_ENCODE, _VNI_DECODE = _build_tables()
_ENCODE = {LegacyEncoding.TCVN3: _TCVN3_ENCODE, LegacyEncoding.VNI: _VNI_ENCODE}

_VIETNAMESE_LETTERS = frozenset(_VNI_ENCODE)
# Letters that only Unicode Vietnamese contains (none of them is in Latin-1,
# so no mojibake string can contain them).
_VIETNAMESE_ONLY = frozenset(ch for ch in _VIETNAMESE_LETTERS if ord(ch) > 0xFF)

_TCVN3_CHARS = "".join(_TCVN3_DECODE)
_TCVN3_CAPITAL_CODES = frozenset(_TCVN3_CAPITALS.values())
_SPACES = re.compile(r"[ \t]+")
_TCVN3_WORD = re.compile(f"[A-Za-z{re.escape(_TCVN3_CHARS)}]+")
# Longest sequence first, so "ôù" (ớ) wins over "ô" (ơ).
_VNI_SEQUENCE = re.compile("|".join(map(re.escape, sorted(_VNI_DECODE, key=len, reverse=True))))

_LATIN1_LETTERS = "".join(ch for ch in map(chr, range(0xA0, 0x100)) if ch.isalpha())
_TOKEN = {
    LegacyEncoding.TCVN3: re.compile(f"[A-Za-z{re.escape(_LATIN1_LETTERS + _TCVN3_CHARS)}]+"),
    LegacyEncoding.VNI: re.compile(f"[A-Za-z{re.escape(_LATIN1_LETTERS)}]+"),
}

# Foreign words can turn into syllables too ("të" -> "tở", "gün" -> "gỹn"),
# so a verdict also needs one word with a sign no other language produces:
# a TCVN3 code that is not a letter at all ("©", "¸"), or a VNI vowel plus a
# mark byte that is not a Vietnamese letter ("aø", "Uû").
_SIGN = {
    LegacyEncoding.TCVN3: re.compile(
        f"[{re.escape(''.join(ch for ch in _TCVN3_CHARS if not ch.isalpha()))}]"
    ),
    LegacyEncoding.VNI: re.compile(
        "|".join(
            re.escape(code)
            for code in _VNI_DECODE
            if len(code) == 2 and code[1] not in _VIETNAMESE_LETTERS
        )
    ),
}

# Tone marks as combining characters (sắc, huyền, hỏi, ngã, nặng).
_TONE_MARKS = frozenset("\u0301\u0300\u0309\u0303\u0323")
_INITIALS = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_NUCLEI = (
    "iêu|yêu|oai|oao|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|"
    "ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_FINALS = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE = re.compile(f"(?:{_INITIALS})?(?:{_NUCLEI})(?:{_FINALS})?")

# Different strong words detect() needs: one could be a foreign word by chance.
_MIN_STRONG_WORDS = 2


def _is_syllable(word: str) -> bool:
    """Whether ``word`` is spelled like one Vietnamese syllable (case-insensitive)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONE_MARKS for ch in decomposed) > 1:
        return False
    toneless = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", toneless)) is not None


def _tcvn3_capitals(word: str) -> bool | None:
    """Whether a TCVN3 word is all-caps; None if it has too few unambiguous letters."""
    cases = [ch.isupper() for ch in word if ch.isascii()]
    cases += [True for ch in word if ch in _TCVN3_CAPITAL_CODES]
    if not all(cases):
        return False
    return True if len(cases) >= 2 else None


def _decode_tcvn3(text: str) -> str:
    """Decode TCVN3 mojibake, restoring capitals typed in the .VnTimeH font."""
    # Lowercase codes inside all-caps words were typed in the .VnTimeH font,
    # so they stand for capitals ("HéI" is "HỘI").  A word with fewer than
    # two unambiguous letters ("X·", "Uû") follows the words next to it, but
    # only those separated by spaces, so "Sè 15-TB" stays "Số 15-TB".
    words = list(_TCVN3_WORD.finditer(text))
    capitals = [_tcvn3_capitals(match.group()) for match in words]
    # spaced[i]: word i-1 and word i are separated by spaces only.
    spaced = [False] + [
        _SPACES.fullmatch(text[left.end() : right.start()]) is not None
        for left, right in zip(words, words[1:])
    ]
    parts = []
    end = 0
    for index, match in enumerate(words):
        upper = capitals[index]
        if upper is None:
            neighbours = []
            if spaced[index]:
                neighbours.append(capitals[index - 1])
            if index + 1 < len(words) and spaced[index + 1]:
                neighbours.append(capitals[index + 1])
            upper = bool(neighbours) and all(neighbours)
        decoded = "".join(_TCVN3_DECODE.get(ch, ch) for ch in match.group())
        parts += [text[end : match.start()], decoded.upper() if upper else decoded]
        end = match.end()
    parts.append(text[end:])
    return "".join(parts)


def to_unicode(text: str, encoding: LegacyEncoding) -> str:
    """Convert legacy mojibake to NFC Unicode; other characters pass through."""
    if encoding is LegacyEncoding.TCVN3:
        return _decode_tcvn3(text)
    return _VNI_SEQUENCE.sub(lambda match: _VNI_DECODE[match.group()], text)


def from_unicode(text: str, encoding: LegacyEncoding) -> str:
    """Encode Unicode Vietnamese as the mojibake the legacy bytes become in cp1252.

    TCVN3 has no codes for capitals with tone marks; as with the .VnTimeH
    font they are written with the lowercase codes, so to_unicode() can
    restore them only in all-caps words or next to all-caps words.
    """
    table = _ENCODE[encoding]
    return "".join(table.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def _looks_legacy(text: str, encoding: LegacyEncoding) -> tuple[bool, int]:
    """Judge ``text`` as mojibake of ``encoding``; return (verdict, strong word count)."""
    strong: set[str] = set()
    bad = 0
    confident = False
    for match in _TOKEN[encoding].finditer(text):
        word = match.group()
        decoded = to_unicode(word, encoding)
        if decoded == word or not any(ch.isascii() for ch in word):
            continue  # nothing to convert, or a lone symbol such as "©"
        if not _is_syllable(decoded):
            bad += 1
        elif not _is_syllable(word):
            strong.add(word)
            confident = confident or _SIGN[encoding].search(word) is not None
    verdict = len(strong) >= _MIN_STRONG_WORDS and bad * 2 <= len(strong) and confident
    return verdict, len(strong)


def detect(text: str) -> LegacyEncoding | None:
    """Return the legacy encoding ``text`` looks like, or None.

    Every word that the conversion changes is judged: it is strong evidence
    when it becomes a well-formed Vietnamese syllable but was not one before
    ("nh©n" -> "nhân"), and counts against when it becomes nonsense
    ("café" -> "cafộ").  A verdict needs two different strong words, one of
    them showing an unmistakable legacy sign, at most half as many nonsense
    words, and only one encoding passing (or clearly winning), because a
    false alarm on good text is worse than a miss.
    """
    # Mojibake consists of Latin-1 characters only, so letters like "ư" or
    # "ạ", or combining tone marks (NFD), mean the text is already Unicode.
    if any(ch in _VIETNAMESE_ONLY or unicodedata.combining(ch) for ch in text):
        return None
    matches = []
    for encoding in LegacyEncoding:
        verdict, strong = _looks_legacy(text, encoding)
        if verdict:
            matches.append((strong, encoding))
    matches.sort(key=lambda item: item[0], reverse=True)
    if not matches or (len(matches) > 1 and matches[0][0] == matches[1][0]):
        return None
    return matches[0][1]
