"""Tests for generator.legacy_encoding (TCVN3 / VNI-Windows mojibake)."""

import shutil
import subprocess
import unicodedata

import pytest

from generator.legacy_encoding import LegacyEncoding, detect, from_unicode, to_unicode

TCVN3 = LegacyEncoding.TCVN3
VNI = LegacyEncoding.VNI


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# The Vietnamese alphabet built from Unicode itself, independently of the
# module's table: 12 vowels x (no tone + 5 tones), minus the 6 ASCII vowels,
# plus đ.
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
LOWERCASE = [
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in VOWELS
    for tone in TONES
    if not (vowel + tone).isascii()
] + ["đ"]
UPPERCASE = [letter.upper() for letter in LOWERCASE]
TCVN3_CAPITALS = ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"]
TCVN3_TONED_CAPITALS = [letter for letter in UPPERCASE if letter not in TCVN3_CAPITALS]

ROUND_TRIP_LETTERS = (
    [(TCVN3, letter) for letter in LOWERCASE + TCVN3_CAPITALS]
    + [(VNI, letter) for letter in LOWERCASE + UPPERCASE]
)


def test_alphabet_has_67_non_ascii_lowercase_letters() -> None:
    assert len(LOWERCASE) == len(set(LOWERCASE)) == 67
    assert all(len(letter) == 1 for letter in LOWERCASE + UPPERCASE)


def test_enum_values() -> None:
    assert TCVN3.value == "TCVN3 (ABC, .VnTime)"
    assert VNI.value == "VNI-Windows (VNI-Times)"


@pytest.mark.parametrize(("encoding", "letter"), ROUND_TRIP_LETTERS)
def test_every_letter_round_trips(encoding: LegacyEncoding, letter: str) -> None:
    mojibake = from_unicode(letter, encoding)
    assert to_unicode(mojibake, encoding) == letter
    # The mojibake is what cp1252 makes of legacy letter bytes 0xA1-0xFE,
    # where Latin-1 reads the same characters.
    legacy_bytes = mojibake.encode("cp1252")
    assert legacy_bytes.decode("latin-1") == mojibake
    assert all(byte < 0x80 or 0xA1 <= byte <= 0xFE for byte in legacy_bytes)
    assert len(legacy_bytes) <= (1 if encoding is TCVN3 else 2)


@pytest.mark.parametrize(
    ("encoding", "letters"),
    [(TCVN3, LOWERCASE + TCVN3_CAPITALS), (VNI, LOWERCASE + UPPERCASE)],
)
def test_codes_are_distinct(encoding: LegacyEncoding, letters: list[str]) -> None:
    codes = [from_unicode(letter, encoding) for letter in letters]
    assert len(set(codes)) == len(letters)


@pytest.mark.parametrize("capital", TCVN3_TONED_CAPITALS)
def test_tcvn3_toned_capitals_use_lowercase_codes(capital: str) -> None:
    lowercase_code = from_unicode(capital.lower(), TCVN3)
    assert from_unicode(capital, TCVN3) == lowercase_code
    # Alone the code is lowercase; inside an all-caps word it is a capital.
    assert to_unicode(lowercase_code, TCVN3) == capital.lower()
    assert to_unicode(f"N{lowercase_code}N", TCVN3) == f"N{capital}N"


# VNI-Windows is systematic: a vowel's base letter(s) followed by one mark
# byte per tone; circumflex and breve vowels have their own combined marks.
VNI_BASES = {
    "a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ơ": "ô", "ư": "ö",
    "â": "a", "ê": "e", "ô": "o", "ă": "a",
}
VNI_MARKS = {
    "plain": ["", "ù", "ø", "û", "õ", "ï"],
    "circumflex": ["â", "á", "à", "å", "ã", "ä"],
    "breve": ["ê", "é", "è", "ú", "ü", "ë"],
}


@pytest.mark.parametrize("vowel", list(VNI_BASES))
def test_vni_marks_follow_the_chart(vowel: str) -> None:
    marks = VNI_MARKS["circumflex" if vowel in "âêô" else "breve" if vowel == "ă" else "plain"]
    for tone, mark in zip(TONES, marks, strict=True):
        letter = unicodedata.normalize("NFC", vowel + tone)
        if vowel == "y" and tone == "\u0323":
            assert from_unicode(letter, VNI) == "î"  # ỵ is the one single-byte y
        else:
            assert from_unicode(letter, VNI) == VNI_BASES[vowel] + mark
        assert from_unicode(letter.upper(), VNI) == from_unicode(letter, VNI).upper()


def _glibc_tcvn_decode(data: bytes) -> str:
    if shutil.which("iconv") is None:
        pytest.skip("iconv not installed")
    result = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True, check=False
    )
    if result.returncode != 0:
        pytest.skip("iconv has no TCVN5712-1")
    return result.stdout.decode("utf-8")


def test_tcvn3_matches_glibc_iconv() -> None:
    # An independent decoder: glibc's TCVN5712-1 agrees with TCVN3 (VN3) on
    # every code TCVN3 uses for letters.
    letters = "".join(LOWERCASE + TCVN3_CAPITALS)
    legacy_bytes = from_unicode(letters, TCVN3).encode("cp1252")
    assert len(legacy_bytes) == len(letters)
    assert _glibc_tcvn_decode(legacy_bytes) == letters


# Spot checks of each table row against the published charts (one tone per row).
@pytest.mark.parametrize(
    ("letter", "tcvn3", "vni"),
    [
        ("á", "¸", "aù"),
        ("ầ", "Ç", "aà"),
        ("ẳ", "¼", "aú"),
        ("ẽ", "Ï", "eõ"),
        ("ệ", "Ö", "eä"),
        ("ỉ", "Ø", "æ"),
        ("ọ", "ä", "oï"),
        ("ỗ", "ç", "oã"),
        ("ở", "ë", "ôû"),
        ("ũ", "ò", "uõ"),
        ("ừ", "õ", "öø"),
        ("ỷ", "û", "yû"),
        ("ỵ", "þ", "î"),
        ("ơ", "¬", "ô"),
        ("ư", "\xad", "ö"),
        ("đ", "®", "ñ"),
        ("Đ", "§", "Ñ"),
        ("Â", "¢", "AÂ"),
        ("Ủ", "ñ", "UÛ"),
    ],
)
def test_known_codes(letter: str, tcvn3: str, vni: str) -> None:
    assert from_unicode(letter, TCVN3) == tcvn3
    assert from_unicode(letter, VNI) == vni


def test_tcvn3_sample_is_old_style_uy_ban() -> None:
    # "û" is byte 0xFB, TCVN3 "ỷ": the sample spells the old-style "Uỷ".
    assert to_unicode("Uû ban nh©n d©n", TCVN3) == "Uỷ ban nhân dân"
    assert detect("Uû ban nh©n d©n") is TCVN3


def test_tcvn3_new_style_uy_ban_loses_capital() -> None:
    # "Ủ" has no TCVN3 code; it shares 0xF1 with "ủ", so the capital is lost.
    assert from_unicode("Ủy ban nhân dân", TCVN3) == "ñy ban nh©n d©n"
    assert to_unicode("ñy ban nh©n d©n", TCVN3) == "ủy ban nhân dân"


def test_vni_sample() -> None:
    assert to_unicode("UÛy ban nhaân daân", VNI) == "Ủy ban nhân dân"
    assert from_unicode("Ủy ban nhân dân", VNI) == "UÛy ban nhaân daân"
    assert detect("UÛy ban nhaân daân") is VNI


SENTENCE = "Tỉnh ủy Bình Thuận thông báo kết luận của Thường trực Tỉnh ủy"


@pytest.mark.parametrize(
    ("encoding", "mojibake"),
    [
        (TCVN3, "TØnh ñy B×nh ThuËn th«ng b¸o kÕt luËn cña Th\xadêng trùc TØnh ñy"),
        (VNI, "Tænh uûy Bình Thuaän thoâng baùo keát luaän cuûa Thöôøng tröïc Tænh uûy"),
    ],
)
def test_known_sentence(encoding: LegacyEncoding, mojibake: str) -> None:
    assert from_unicode(SENTENCE, encoding) == mojibake
    assert from_unicode(nfd(SENTENCE), encoding) == mojibake
    assert to_unicode(mojibake, encoding) == SENTENCE
    assert detect(mojibake) is encoding


SENTENCES = [
    SENTENCE,
    "Ban Thường vụ Tỉnh ủy đồng ý chủ trương xây dựng đường giao thông nông thôn.",
    "Số 15-TB/TU, ngày 20 tháng 10 năm 2020",
    "Đồng chí Bí thư yêu cầu các cơ quan, đơn vị khẩn trương triển khai thực hiện.",
    "Hòa bình, hoà giải; thủy lợi, thuỷ lợi; khuỷu tay, nghiêng ngả, quyết định.",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    "Kính gửi: UỶ BAN NHÂN DÂN TỈNH BÌNH THUẬN",
    "Người ký: PHÓ BÍ THƯ THƯỜNG TRỰC Nguyễn Văn A",
]


@pytest.mark.parametrize("encoding", list(LegacyEncoding))
@pytest.mark.parametrize("sentence", SENTENCES)
def test_sentences_round_trip_and_are_detected(encoding: LegacyEncoding, sentence: str) -> None:
    mojibake = from_unicode(sentence, encoding)
    assert mojibake != sentence
    decoded = to_unicode(mojibake, encoding)
    assert decoded == sentence
    assert decoded == unicodedata.normalize("NFC", decoded)
    assert detect(mojibake) is encoding


@pytest.mark.parametrize(
    ("mojibake", "expected"),
    [
        # Capitals follow all-caps neighbours separated by spaces only.
        ("Sè 15-TB/TU, ngµy 20/10/2020", "Số 15-TB/TU, ngày 20/10/2020"),
        ("Tr\xadêng THPT Lª Lîi", "Trường THPT Lê Lợi"),
        ("Th«ng b¸o KÕT LUËN cña Uû ban", "Thông báo KẾT LUẬN của Uỷ ban"),
        ("Uû BAN", "UỶ BAN"),
        # Nothing shows that "M·" was typed in capitals.
        ("lçi M·: x", "lỗi Mã: x"),
    ],
)
def test_tcvn3_capitals_from_context(mojibake: str, expected: str) -> None:
    assert to_unicode(mojibake, TCVN3) == expected


@pytest.mark.parametrize("encoding", list(LegacyEncoding))
def test_other_characters_pass_through(encoding: LegacyEncoding) -> None:
    text = "Report 2020: “OK” – 100% (x/y) … €5 ™ A-Z a-z 0-9 \t\n"
    assert to_unicode(text, encoding) == text
    assert from_unicode(text, encoding) == text


NOT_LEGACY = [
    "",
    "Hello world, this is plain English text.",
    "The quick brown fox jumps over the lazy dog 1234567890.",
    "café",
    "© 2020",
    "Copyright © 2020 Acme Inc. All rights reserved.",
    "“quotes” – dashes … and ‘single’ quotes",
    "naïve café crème brûlée à la carte",
    "Où est-il ? Je ne sais où.",
    "Müller für Zürich, Søren in København",
    "Ishujt e Virgjër të SHBA-së",  # Albanian: "të" would read as TCVN3 "tở"
    "takri taï-le nouveau taï-lue",  # French: "taï" would read as VNI "tạ"
    "Ertesi gün, Aynı gün",  # Turkish: "gün" would read as TCVN3 "gỹn"
    "não são",  # Portuguese: "não" would read as TCVN3 "nóo"
    SENTENCE,
    "Uỷ ban nhân dân tỉnh",
    "Ủy ban nhân dân tỉnh",
    "Hoà bình và hòa giải, thuỷ lợi và thủy lợi",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Bà Tô Lâm là cô giáo, chú Hà có cá",  # Vietnamese using Latin-1 letters only
    "Toà án",
]


@pytest.mark.parametrize("text", NOT_LEGACY + [nfd(text) for text in NOT_LEGACY if nfd(text) != text])
def test_ordinary_text_is_not_detected(text: str) -> None:
    assert detect(text) is None


def test_single_word_is_not_enough_evidence() -> None:
    # Conservative by design: "§¶ng" is TCVN3 "Đảng", but one word could be chance.
    assert to_unicode("§¶ng", TCVN3) == "Đảng"
    assert detect("§¶ng") is None
