import pytest

from reporting.definitions import rate


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 3, 33.3), (2, 3, 66.7), (0, 5, 0.0), (3, 0, None), (None, 4, 0.0)],
)
def test_rate(part, whole, expected):
    assert rate(part, whole) == expected
