"""The reporting period: read as the secretary writes it, written back the same way, moved on period by period,
and found and moved inside running text."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.cycle.period import (
    Case, Kind, Mention, Period, PeriodError, Style, find_mentions, parse, parse_code, placeholder_values,
    shift_mentions,
)

FORMS = ("quý II/2021, quý II năm 2021, 6 tháng đầu năm 2021, 6 tháng cuối năm 2021, 9 tháng đầu năm 2021, "
         "năm 2021, tháng 5/2021")
CODES = "2021-Q3 (quý), 2021-H1 (6 tháng), 2021-9M (9 tháng), 2021 (năm), 2021-05 (tháng)"
PER_YEAR = {Kind.QUARTER: 4, Kind.HALF: 2, Kind.NINE_MONTHS: 1, Kind.YEAR: 1, Kind.MONTH: 12}
# Two sentences of seed 001 (Ban Dân vận Tỉnh ủy Bình Thuận, quý I/2021).
SEED_SENTENCE = "tại Hội nghị trực báo công tác dân vận quý I, nhiệm vụ trọng tâm quý II năm 2021"
SEED_HEADING = "Về kết quả thực hiện nhiệm vụ quý I/2021"

Q = Kind.QUARTER


@st.composite
def periods(draw, years=st.integers(1990, 2100)):
    kind = draw(st.sampled_from(list(Kind)))
    style = Style(draw(st.sampled_from(list(Case))), draw(st.booleans()), draw(st.booleans()), draw(st.booleans()))
    return Period(kind, draw(years), draw(st.integers(1, PER_YEAR[kind])), style)


# --- reading -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("quý I/2021", Period(Q, 2021, 1)),
    ("quý I năm 2021", Period(Q, 2021, 1)),
    ("quý 1/2021", Period(Q, 2021, 1)),
    ("quý II/2021", Period(Q, 2021, 2)),
    ("quý 3 năm 2021", Period(Q, 2021, 3)),
    ("quý IV/2021", Period(Q, 2021, 4)),
    ("Quý II/2021", Period(Q, 2021, 2)),
    ("QUÝ II NĂM 2021", Period(Q, 2021, 2)),
    ("quý ii/2021", Period(Q, 2021, 2)),
    ("  quý   II  /  2021 ", Period(Q, 2021, 2)),
    ("quý\u00a0II\tnăm  2021", Period(Q, 2021, 2)),
    ("6 tháng đầu năm 2021", Period(Kind.HALF, 2021, 1)),
    ("sáu tháng đầu năm 2021", Period(Kind.HALF, 2021, 1)),
    ("Sáu tháng đầu năm 2021", Period(Kind.HALF, 2021, 1)),
    ("6 tháng cuối năm 2021", Period(Kind.HALF, 2021, 2)),
    ("9 tháng đầu năm 2021", Period(Kind.NINE_MONTHS, 2021)),
    ("9 tháng năm 2021", Period(Kind.NINE_MONTHS, 2021)),
    ("chín tháng đầu năm 2021", Period(Kind.NINE_MONTHS, 2021)),
    ("năm 2021", Period(Kind.YEAR, 2021)),
    ("Năm 2021", Period(Kind.YEAR, 2021)),
    ("tháng 5/2021", Period(Kind.MONTH, 2021, 5)),
    ("tháng 05/2021", Period(Kind.MONTH, 2021, 5)),
    ("tháng 5 năm 2021", Period(Kind.MONTH, 2021, 5)),
    ("tháng 12/2021", Period(Kind.MONTH, 2021, 12)),
    ("quý I/1900", Period(Q, 1900, 1)),
    ("năm 2200", Period(Kind.YEAR, 2200)),
])
def test_every_accepted_spelling(typed, expected):
    assert parse(typed) == expected


@pytest.mark.parametrize("typed", ["quý II năm 2021", "6 tháng cuối năm 2021", "Tháng 5/2021"])
def test_decomposed_input_is_read_like_composed(typed):
    decomposed = unicodedata.normalize("NFD", typed)
    assert decomposed != typed
    assert parse(decomposed) == parse(typed)
    assert parse(decomposed).text() == typed


@pytest.mark.parametrize(("typed", "written"), [
    ("quý II/2021", "quý II/2021"),
    ("quý II năm 2021", "quý II năm 2021"),
    ("Quý II/2021", "Quý II/2021"),
    ("QUÝ II NĂM 2021", "QUÝ II NĂM 2021"),
    ("quý 2/2021", "quý II/2021"),                 # Roman is the official way
    ("quý ii năm 2021", "quý II năm 2021"),
    ("quý II / 2021", "quý II/2021"),
    ("6 tháng đầu năm 2021", "6 tháng đầu năm 2021"),
    ("sáu tháng cuối năm 2021", "sáu tháng cuối năm 2021"),
    ("9 tháng năm 2021", "9 tháng đầu năm 2021"),
    ("năm 2021", "năm 2021"),
    ("tháng 5/2021", "tháng 5/2021"),
    ("tháng 5 năm 2021", "tháng 5 năm 2021"),
    ("tháng 05/2021", "tháng 05/2021"),
])
def test_text_mirrors_how_the_period_was_written(typed, written):
    assert parse(typed).text() == written


def test_style_does_not_take_part_in_equality():
    assert parse("quý II/2021") == parse("Quý 2 năm 2021")
    assert len({parse("quý II/2021"), parse("QUÝ II NĂM 2021")}) == 1


def test_text_in_another_style():
    period = parse("quý II/2021")
    assert period.text(Style(slash=False)) == "quý II năm 2021"
    assert period.text(Style(case=Case.CAPITALISED)) == "Quý II/2021"
    assert period.text(Style(with_year=False)) == "quý II"
    assert Period(Kind.HALF, 2021, 2).text(Style(case=Case.UPPER, spelled=True)) == "SÁU THÁNG CUỐI NĂM 2021"
    assert Period(Kind.MONTH, 2021, 5).text(Style(with_year=False)) == "tháng 5/2021"  # a month keeps its year


# --- refusing ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", [
    "quy 2 2021", "quý II", "quý 2 2021", "quý V/2021", "quý 5/2021", "quý 0/2021", "quý IIII/2021",
    "quý II/21", "quý II/20211", "quý II-2021", "6 tháng năm 2021", "6 tháng đầu năm", "6 tháng giữa năm 2021",
    "9 tháng đầu năm", "3 tháng đầu năm 2021", "tháng 13/2021", "tháng 0/2021", "tháng 5", "2021", "năm",
    "năm 2021 và 2022", "quý II/2021 quý III/2021", "ngày 05/5/2021", "Q2/2021", "quý II/٢٠٢١",
])
def test_unreadable_periods_show_the_accepted_forms(typed):
    with pytest.raises(PeriodError) as caught:
        parse(typed)
    assert str(caught.value) == f"`{typed}` không đọc được là một kỳ — hãy viết như: {FORMS}"


def test_an_unreadable_period_is_shown_trimmed():
    with pytest.raises(PeriodError) as caught:
        parse("  quy 2 2021 ")
    assert str(caught.value) == f"`quy 2 2021` không đọc được là một kỳ — hãy viết như: {FORMS}"


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_period_says_so(typed):
    with pytest.raises(PeriodError) as caught:
        parse(typed)
    assert str(caught.value) == f"kỳ đang để trống — hãy viết như: {FORMS}"


@pytest.mark.parametrize("typed", ["quý II/1899", "năm 2201", "tháng 5/0000", "6 tháng đầu năm 9999"])
def test_years_outside_1900_2200_are_refused(typed):
    with pytest.raises(PeriodError) as caught:
        parse(typed)
    assert str(caught.value) == f"`{typed}` — năm phải từ 1900 đến 2200"


def test_period_error_is_a_value_error():
    assert issubclass(PeriodError, ValueError)


@pytest.mark.parametrize(("kind", "year", "index"), [
    (Q, 2021, 0), (Q, 2021, 5), (Kind.HALF, 2021, 3), (Kind.MONTH, 2021, 13), (Kind.YEAR, 2021, 2),
    (Kind.YEAR, None, 1), (Kind.MONTH, None, 5), (Q, 0, 1), (Q, True, 1),
])
def test_impossible_periods_cannot_be_built(kind, year, index):
    with pytest.raises(ValueError):
        Period(kind, year, index)


# --- codes ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "expected"), [
    ("2021-Q3", Period(Q, 2021, 3)), ("2021-q3", Period(Q, 2021, 3)),
    ("2021-H1", Period(Kind.HALF, 2021, 1)), ("2021-h2", Period(Kind.HALF, 2021, 2)),
    ("2021-9M", Period(Kind.NINE_MONTHS, 2021)), ("2021-9m", Period(Kind.NINE_MONTHS, 2021)),
    ("2021", Period(Kind.YEAR, 2021)), ("2021-05", Period(Kind.MONTH, 2021, 5)),
    ("2021-12", Period(Kind.MONTH, 2021, 12)), (" 2021-Q3 ", Period(Q, 2021, 3)),
])
def test_codes(code, expected):
    assert parse_code(code) == expected


@pytest.mark.parametrize("code", [
    "2021-Q5", "2021-Q0", "2021-H3", "2021-6M", "2021-5", "2021-13", "2021-00", "21-Q3", "Q3-2021", "2021Q3",
    "2021-Q3-", "quý III/2021", "",
])
def test_unreadable_codes_show_the_accepted_codes(code):
    with pytest.raises(PeriodError) as caught:
        parse_code(code)
    assert str(caught.value) == f"`{code}` không phải mã kỳ — hãy viết như: {CODES}"


def test_code_years_outside_1900_2200_are_refused():
    with pytest.raises(PeriodError) as caught:
        parse_code("2300-Q1")
    assert str(caught.value) == "`2300-Q1` — năm phải từ 1900 đến 2200"


@pytest.mark.parametrize(("period", "code"), [
    (Period(Q, 2021, 3), "2021-Q3"), (Period(Kind.HALF, 2021, 1), "2021-H1"),
    (Period(Kind.NINE_MONTHS, 2021), "2021-9M"), (Period(Kind.YEAR, 2021), "2021"),
    (Period(Kind.MONTH, 2021, 5), "2021-05"),
])
def test_code_of_each_kind(period, code):
    assert period.code == code


# --- dates ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "start", "end"), [
    ("quý I/2021", dt.date(2021, 1, 1), dt.date(2021, 3, 31)),
    ("quý II/2021", dt.date(2021, 4, 1), dt.date(2021, 6, 30)),
    ("quý III/2021", dt.date(2021, 7, 1), dt.date(2021, 9, 30)),
    ("quý IV/2021", dt.date(2021, 10, 1), dt.date(2021, 12, 31)),
    ("6 tháng đầu năm 2021", dt.date(2021, 1, 1), dt.date(2021, 6, 30)),
    ("6 tháng cuối năm 2021", dt.date(2021, 7, 1), dt.date(2021, 12, 31)),
    ("9 tháng đầu năm 2021", dt.date(2021, 1, 1), dt.date(2021, 9, 30)),
    ("năm 2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
    ("tháng 2/2020", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
    ("tháng 2/2021", dt.date(2021, 2, 1), dt.date(2021, 2, 28)),
    ("tháng 12/2021", dt.date(2021, 12, 1), dt.date(2021, 12, 31)),
])
def test_start_and_end_are_inclusive(typed, start, end):
    period = parse(typed)
    assert (period.start, period.end) == (start, end)
    assert period.contains(start) and period.contains(end)
    assert not period.contains(start - dt.timedelta(days=1))
    assert not period.contains(end + dt.timedelta(days=1))


def test_contains_takes_a_datetime():
    assert parse("quý II/2021").contains(dt.datetime(2021, 6, 30, 23, 59))


def test_a_period_without_year_has_no_dates_nor_code():
    yearless = Period(Q, None, 1)
    for use in (lambda: yearless.start, lambda: yearless.end, lambda: yearless.code,
                lambda: placeholder_values(yearless)):
        with pytest.raises(PeriodError, match="`quý I` chưa ghi năm"):
            use()
    assert yearless.next() == Period(Q, None, 2)
    assert Period(Q, None, 4).next() == Period(Q, None, 1)


@given(periods())
def test_periods_of_a_kind_follow_each_other_without_gap(period):
    assert period.start <= period.end
    if period.kind is not Kind.NINE_MONTHS:  # the nine months come once a year, leaving the last quarter out
        assert period.next().start == period.end + dt.timedelta(days=1)


# --- moving on -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "following"), [
    ("quý I/2021", "quý II/2021"),
    ("quý IV/2021", "quý I/2022"),
    ("quý IV năm 2021", "quý I năm 2022"),
    ("6 tháng đầu năm 2021", "6 tháng cuối năm 2021"),
    ("6 tháng cuối năm 2021", "6 tháng đầu năm 2022"),
    ("tháng 12/2021", "tháng 1/2022"),
    ("tháng 12 năm 2021", "tháng 1 năm 2022"),
    ("tháng 08/2021", "tháng 09/2021"),
    ("năm 2021", "năm 2022"),
    ("9 tháng đầu năm 2021", "9 tháng đầu năm 2022"),
    ("Quý IV/2021", "Quý I/2022"),
])
def test_next_and_previous_cross_the_year(typed, following):
    assert parse(typed).next().text() == following
    assert parse(following).previous().text() == typed


def test_shifted_moves_several_periods():
    assert parse("quý III/2021").shifted(6) == parse("quý I/2023")
    assert parse("quý III/2021").shifted(-11) == parse("quý IV/2018")
    assert parse("tháng 3/2021").shifted(-3) == parse("tháng 12/2020")
    assert parse("quý III/2021").shifted(0) == parse("quý III/2021")


@given(periods())
def test_next_and_previous_are_inverse(period):
    assert period.next().previous() == period
    assert period.previous().next() == period
    assert period.next() != period
    assert period.next().kind is period.kind
    assert period.next().text()  # written in the same style without failing
    assert period.next().style == period.style


@given(periods())
def test_text_round_trips(period):
    assert parse(period.text()) == period
    assert parse(period.text()).text() == period.text()


@given(periods())
def test_code_round_trips(period):
    assert parse_code(period.code) == period


def test_placeholder_values():
    assert placeholder_values(parse("quý I/2021")) == {
        "ky": "quý I/2021", "ky_truoc": "quý IV/2020", "ky_sau": "quý II/2021", "nam": "2021"}
    assert placeholder_values(parse("6 tháng cuối năm 2021")) == {
        "ky": "6 tháng cuối năm 2021", "ky_truoc": "6 tháng đầu năm 2021", "ky_sau": "6 tháng đầu năm 2022",
        "nam": "2021"}


# --- running text --------------------------------------------------------------------------------------------

def _spans(text: str, mentions: list[Mention]) -> list[str]:
    return [text[m.start:m.end] for m in mentions]


def test_mentions_in_the_seed_sentence():
    mentions = find_mentions(SEED_SENTENCE)
    assert _spans(SEED_SENTENCE, mentions) == ["quý I", "quý II năm 2021"]
    assert [m.period for m in mentions] == [Period(Q, 2021, 1), Period(Q, 2021, 2)]
    assert [m.has_year for m in mentions] == [False, True]


def test_mentions_in_the_seed_heading():
    mentions = find_mentions(SEED_HEADING)
    assert _spans(SEED_HEADING, mentions) == ["quý I/2021"]
    assert mentions[0].has_year and mentions[0].period == Period(Q, 2021, 1)


def test_quarters_next_to_each_other_are_told_apart():
    text = "quý III, quý IV và quý I; quý II, quý III/2022"
    mentions = find_mentions(text)
    assert _spans(text, mentions) == ["quý III", "quý IV", "quý I", "quý II", "quý III/2022"]
    assert [m.period.index for m in mentions] == [3, 4, 1, 2, 3]


def test_a_mention_without_year_takes_the_next_year_of_its_sentence():
    text = "Kết quả quý III. Nhiệm vụ quý IV và 6 tháng cuối năm 2021. Quý I và quý II năm 2022; quý III"
    mentions = find_mentions(text, default_year=2020)
    assert [(text[m.start:m.end], m.period.year) for m in mentions] == [
        ("quý III", 2020), ("quý IV", 2021), ("6 tháng cuối năm 2021", 2021), ("Quý I", 2022),
        ("quý II năm 2022", 2022), ("quý III", 2020)]


def test_a_line_break_ends_a_sentence():
    mentions = find_mentions("quý I\nquý II/2021")
    assert [m.period.year for m in mentions] == [None, 2021]


def test_a_mention_without_any_year_has_none():
    mentions = find_mentions("nhiệm vụ quý I và 6 tháng đầu năm")
    assert [(m.period.kind, m.period.index, m.period.year, m.has_year) for m in mentions] == [
        (Q, 1, None, False), (Kind.HALF, 1, None, False)]


def test_mentions_of_every_kind():
    text = ("Báo cáo 6 tháng đầu năm 2021, 6 tháng cuối năm, 9 tháng đầu năm 2021, tháng 5/2021, quý I/2021, "
            "quý IV năm 2021 và kế hoạch năm 2022")
    assert _spans(text, find_mentions(text)) == [
        "6 tháng đầu năm 2021", "6 tháng cuối năm", "9 tháng đầu năm 2021", "tháng 5/2021", "quý I/2021",
        "quý IV năm 2021"]
    assert _spans(text, find_mentions(text, set(Kind)))[-1] == "năm 2022"
    assert _spans(text, find_mentions(text, {Kind.YEAR})) == ["năm 2022"]
    assert _spans(text, find_mentions(text, {Kind.HALF, Kind.MONTH})) == [
        "6 tháng đầu năm 2021", "6 tháng cuối năm", "tháng 5/2021"]


@pytest.mark.parametrize("text", [
    "ngày 15 tháng 5 năm 2021", "Ngày 05 tháng 3/2024", "ngày ... tháng ... năm 2021", "ngày    tháng    năm 2021",
    "mùng 2 tháng 9 năm 1945", "quý khách", "kim loại quý", "quý vị đại biểu", "quý Il/2021", "16 tháng đầu năm",
    "tháng 5", "trong tháng 6 phải xong", "giai đoạn năm 2021 - 2025", "Quý IVa", "quý I/20",
])
def test_what_is_not_a_mention(text):
    assert find_mentions(text, set(Kind)) == []


def test_a_date_next_to_a_period():
    text = "Ngày 05 tháng 4 năm 2021, hội nghị tổng kết tháng 3/2021 và năm 2020"
    assert _spans(text, find_mentions(text, set(Kind))) == ["tháng 3/2021", "năm 2020"]


# --- moving running text on ----------------------------------------------------------------------------------

def test_shift_the_seed_sentence():
    assert shift_mentions(SEED_SENTENCE, Q) == (
        "tại Hội nghị trực báo công tác dân vận quý II, nhiệm vụ trọng tâm quý III năm 2021")


def test_shift_the_seed_heading():
    assert shift_mentions(SEED_HEADING, Q) == "Về kết quả thực hiện nhiệm vụ quý II/2021"


def test_shift_crosses_the_year_end():
    text = "Kết quả quý IV, nhiệm vụ trọng tâm quý I năm 2022. Báo cáo quý IV/2021 và QUÝ IV NĂM 2021."
    assert shift_mentions(text, Q) == (
        "Kết quả quý I, nhiệm vụ trọng tâm quý II năm 2022. Báo cáo quý I/2022 và QUÝ I NĂM 2022.")


def test_shift_moves_every_mention_once():
    assert shift_mentions("quý I, quý II, quý III và quý IV", Q) == "quý II, quý III, quý IV và quý I"
    assert shift_mentions("quý I, quý II", Q, steps=-1) == "quý IV, quý I"
    assert shift_mentions("quý I/2021 và quý II/2021", Q, steps=4) == "quý I/2022 và quý II/2022"


def test_shift_keeps_the_shape_and_normalises_to_roman():
    text = "Quý 1 năm 2021; quý 2/2021; tháng 05/2021; 6 tháng cuối năm 2021"
    assert shift_mentions(text, Q) == "Quý II năm 2021; quý III/2021; tháng 05/2021; 6 tháng cuối năm 2021"


def test_shift_touches_only_its_kind():
    text = "6 tháng cuối năm 2021, quý IV/2021, tháng 12/2021, 9 tháng đầu năm 2021, năm 2021, 6 tháng cuối năm"
    assert shift_mentions(text, Kind.HALF) == (
        "6 tháng đầu năm 2022, quý IV/2021, tháng 12/2021, 9 tháng đầu năm 2021, năm 2021, 6 tháng đầu năm")
    assert shift_mentions(text, Kind.MONTH) == (
        "6 tháng cuối năm 2021, quý IV/2021, tháng 1/2022, 9 tháng đầu năm 2021, năm 2021, 6 tháng cuối năm")
    assert shift_mentions(text, Kind.YEAR) == (
        "6 tháng cuối năm 2021, quý IV/2021, tháng 12/2021, 9 tháng đầu năm 2021, năm 2022, 6 tháng cuối năm")
    assert shift_mentions(text, Kind.NINE_MONTHS) == (
        "6 tháng cuối năm 2021, quý IV/2021, tháng 12/2021, 9 tháng đầu năm 2022, năm 2021, 6 tháng cuối năm")


def test_shift_leaves_text_without_mentions_alone():
    text = "Ngày 15 tháng 5 năm 2021, quý khách và quý vị đại biểu.\n"
    assert shift_mentions(text, Q) == text
    assert shift_mentions(text, Kind.MONTH) == text


@given(st.lists(st.sampled_from(["quý", " ", "I", "V", "1", "/", "2021", "năm", ",", ".", "\n", "a"]), max_size=40)
       .map("".join))
def test_shift_moves_every_quarter_found_one_on_and_finds_no_other(text):
    moved = shift_mentions(text, Q)
    assert [m.period.index for m in find_mentions(moved, {Q})] == [
        m.period.index % 4 + 1 for m in find_mentions(text, {Q})]


# --- long texts ----------------------------------------------------------------------------------------------

def test_a_long_text_is_processed():
    text = "quý I " * 33_334  # 200,000 characters
    assert len(find_mentions(text)) == 33_334
    assert shift_mentions(text, Q) == "quý II " * 33_334


@pytest.mark.parametrize("unit", ["quý ", "tháng ", "6 tháng đầu ", "năm ", "quý I năm ", "ngày 1 tháng ", "9 ",
                                  " " * 7 + "/", "."])
def test_long_adversarial_texts_are_processed(unit):
    text = unit * (200_000 // len(unit))
    assert shift_mentions(text, Q, steps=4) == text  # four quarters on, a quarter without its year reads the same


@pytest.mark.parametrize(("start", "end", "steps"), [("quý IV/2021", "quý I/2022", 1), ("quý II/2021", "quý I/2021", -1),
                                                      ("tháng 12/2021", "tháng 2/2023", 14), ("năm 2020", "năm 2021", 1)])
def test_steps_between_two_periods_shift_one_onto_the_other(start, end, steps):
    first, last = parse(start), parse(end)
    assert first.steps_to(last) == steps and first.shifted(steps) == last
