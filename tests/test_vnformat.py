import datetime as dt

import pytest

from generator import vnformat


@pytest.mark.parametrize(("day", "month", "expected"), [
    (5, 3, "ngày 05 tháng 3 năm 2024"),
    (9, 2, "ngày 09 tháng 02 năm 2024"),
    (26, 7, "ngày 26 tháng 7 năm 2024"),
    (1, 1, "ngày 01 tháng 01 năm 2024"),
    (10, 10, "ngày 10 tháng 10 năm 2024"),
    (31, 12, "ngày 31 tháng 12 năm 2024"),
])
def test_date_words_pad_days_below_10_and_only_months_1_and_2(day, month, expected):
    assert vnformat.date_words(dt.date(2024, month, day)) == expected


def test_date_words_leave_blanks_for_day_and_month_when_the_date_is_missing():
    assert vnformat.date_words(None, 2021) == "ngày    tháng    năm 2021"
    assert vnformat.date_words(None, 2021, blank="  ") == "ngày  tháng  năm 2021"


@pytest.mark.parametrize(("date", "expected"), [
    (dt.date(2021, 4, 9), "09/4/2021"), (dt.date(2016, 1, 7), "07/01/2016"), (dt.date(2010, 7, 22), "22/7/2010"),
])
def test_short_date_in_running_text_follows_the_same_padding(date, expected):
    assert vnformat.short_date(date) == expected


@pytest.mark.parametrize(("number", "expected"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"),
                                                   (1999, "MCMXCIX")])
def test_roman(number, expected):
    assert vnformat.roman(number) == expected


def test_roman_refuses_zero():
    with pytest.raises(ValueError):
        vnformat.roman(0)


@pytest.mark.parametrize(("number", "expected"), [(1, "a"), (4, "d"), (5, "đ"), (6, "e"), (7, "g"), (10, "k"),
                                                   (23, "y"), (24, "aa")])
def test_letters_follow_the_vietnamese_alphabet(number, expected):
    assert vnformat.letter(number) == expected


def test_quarter():
    assert vnformat.quarter(1, 2021) == "quý I/2021"
    assert vnformat.quarter(2) == "quý II"
    with pytest.raises(ValueError):
        vnformat.quarter(5)


def test_numbers_use_vietnamese_grouping():
    assert vnformat.number(2668) == "2.668"
    assert vnformat.number(98.5, 1) == "98,5"
    assert vnformat.number(1234567) == "1.234.567"


@pytest.mark.parametrize("text", ["26/7/2010", "26-07-2010", "26.7.2010", "2010-07-26", " 26/07/2010 "])
def test_parse_date_accepts_the_forms_secretaries_type(text):
    assert vnformat.parse_date(text) == dt.date(2010, 7, 26)


@pytest.mark.parametrize(("text", "message"), [
    ("31/2/2020", "ngày `31/2/2020` không có trên lịch"),
    ("hôm qua", "`hôm qua` không phải một ngày — hãy viết dạng ngày/tháng/năm, ví dụ 26/7/2010"),
    ("7/26/2010", "ngày `7/26/2010` không có trên lịch"),
])
def test_parse_date_explains_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        vnformat.parse_date(text)
