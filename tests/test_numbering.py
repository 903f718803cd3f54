import pytest

from generator.numbering import NumberingScheme


@pytest.mark.parametrize(("scheme", "counters", "label"), [
    (["I-", "1-", "a)"], [2], "II-"),             # seed 000, HD 36
    (["I-", "1-", "a)"], [2, 5], "5-"),
    (["I-", "1-", "a)"], [2, 5, 5], "đ)"),
    (["I.", "1.", "1.1."], [2], "II."),            # seed 001
    (["I.", "1.", "1.1."], [2, 3], "3."),
    (["I.", "1.", "1.1."], [2, 3, 4], "3.4."),
    (["I.", "1-"], [1, 2], "2-"),                  # seed 002
    (["1.", "1.1.", "1.1.1."], [1, 2, 3], "1.2.3."),
    (["I.", "1.", "1.1."], [0, 3, 4], "3.4."),     # a part without heading keeps its items' own numbers
])
def test_labels(scheme, counters, label):
    assert NumberingScheme(scheme).label(counters) == label


@pytest.mark.parametrize("bad", [["I-", "x)"], ["1.1.", "1."], []])
def test_unreadable_schemes_are_refused_in_vietnamese(bad):
    with pytest.raises(ValueError, match="nhãn|cấp"):
        NumberingScheme(bad)
