import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.inline import Run, parse, plain


def test_bold_italic_and_both():
    assert parse("***Yêu cầu chung là:*** Tiếp tục *tăng cường* và **đổi mới**") == [
        Run("Yêu cầu chung là:", bold=True, italic=True), Run(" Tiếp tục "), Run("tăng cường", italic=True),
        Run(" và "), Run("đổi mới", bold=True)]


def test_nested_emphasis():
    assert parse("**đậm *cả nghiêng* đậm**") == [
        Run("đậm ", bold=True), Run("cả nghiêng", bold=True, italic=True), Run(" đậm", bold=True)]


def test_unpaired_or_spaced_stars_stay_as_typed():
    for text in ("5*3 = 15", "a * b * c", "ghi chú *", "* mở đầu"):
        assert parse(text) == [Run(text)]


def test_escaped_star_is_a_literal_star():
    assert parse(r"\*không nghiêng\*") == [Run("*không nghiêng*")]


def test_plain_text_reads_as_on_paper():
    assert plain('"*Dân vận khéo*"') == '"Dân vận khéo"'


# The regex parser that generator/inline.py used before its linear scanner, kept as the reference the scanner
# must match run for run. Quadratic (every opener without a closer rescans the rest of the text), so only
# ever run on short texts.
_REFERENCE_SPAN = re.compile(r"(?<![\\*])(\*{1,3})(?=[^\s*])(.+?)(?<=[^\s\\*])\1(?!\*)", re.DOTALL)


def _reference_parse(text: str, bold: bool = False, italic: bool = False) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in _REFERENCE_SPAN.finditer(text):
        runs.append(Run(text[position:match.start()].replace("\\*", "*"), bold, italic))
        stars = len(match.group(1))
        runs.extend(_reference_parse(match.group(2), bold or stars >= 2, italic or stars != 2))
        position = match.end()
    runs.append(Run(text[position:].replace("\\*", "*"), bold, italic))
    merged: list[Run] = []
    for run in filter(lambda run: run.text, runs):
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="* \\ab\nđ", max_size=40), st.booleans(), st.booleans())
@example("*a *b*", False, False)  # the earliest opener wins: italic "a *b", unlike CommonMark
@example("**a *b** c*", False, False)  # crossing pairs: the first to open wins, the other stays literal
@example("*a **b* c**", False, False)
@example("***x **y** z***", False, False)  # nested pair of the same style merges into one run
@example("a*b*c", False, False)  # a run between two letters may open or close
@example("\\**a**", False, False)  # an escaped star takes its whole run out of play
@example("*a\\*b* \\\\*c*", True, False)
@example("*a*\n**b**\t***c*** ****d****", False, True)
def test_scanner_matches_the_reference_regex_parser(text, bold, italic):
    assert parse(text, bold, italic) == _reference_parse(text, bold, italic)


def test_a_hundred_thousand_stars_are_one_run():
    assert parse("*" * 100_000) == [Run("*" * 100_000)]


def test_fifty_thousand_alternating_stars_pair_up():
    assert parse("*a" * 50_000) == [Run("a", italic=True), Run("a")] * 25_000


def test_a_hundred_thousand_openers_without_closer_stay_as_typed():
    # The old regex's worst case: each opener scanned the rest of the paragraph for a closer (48 s at 40 000).
    assert parse("*a " * 100_000) == [Run("*a " * 100_000)]
