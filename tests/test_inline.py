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
