"""Panel composition is a pure function: tables of cases."""

from decimal import Decimal as D

import pytest

from tenders.panel_rules import (
    EXPERT,
    PURCHASER_REP,
    composition_errors,
    minimum_size,
    qualified_bids,
)

E, R = EXPERT, PURCHASER_REP


@pytest.mark.parametrize(
    "method, ceiling, is_complex, expected",
    [
        ("open", D("200000"), False, 5),
        ("invited", D("9999999.99"), False, 5),
        ("open", D("10000000"), False, 7),
        ("invited", D("200000"), True, 7),
        ("consultation", D("20000000"), True, 3),
        ("negotiation", D("100000"), False, 3),
        ("single_source", D("100000"), False, 3),
        ("venture", D("100000"), False, 3),
    ],
)
def test_minimum_size(method, ceiling, is_complex, expected):
    assert minimum_size(method, ceiling, is_complex) == expected


@pytest.mark.parametrize(
    "method, ceiling, is_complex, kinds, fragments",
    [
        ("open", D("200000"), False, [E] * 5, []),
        ("open", D("200000"), False, [E] * 4 + [R], []),  # 4/5 experts ≥ 2/3
        ("open", D("200000"), False, [E] * 3 + [R] * 2, ["三分之二"]),  # 3/5 < 2/3
        ("open", D("200000"), False, [E] * 3, ["至少需要 5 人"]),
        ("open", D("200000"), False, [E] * 6, ["单数"]),
        ("open", D("200000"), False, [E] * 4, ["至少需要 5 人", "单数"]),
        ("open", D("200000"), False, [], ["至少需要 5 人"]),
        ("open", D("10000000"), False, [E] * 5, ["至少需要 7 人"]),
        ("open", D("200000"), True, [E] * 5, ["至少需要 7 人"]),
        ("open", D("200000"), True, [E] * 5 + [R] * 2, []),  # 5/7 ≥ 2/3
        ("open", D("200000"), True, [E] * 4 + [R] * 3, ["三分之二"]),
        ("consultation", D("200000"), False, [E] * 3, []),
        ("consultation", D("200000"), False, [E] * 2 + [R], []),  # 2/3 exactly
        ("consultation", D("200000"), False, [E] + [R] * 2, ["三分之二"]),
        ("negotiation", D("200000"), False, [E] * 2, ["至少需要 3 人", "单数"]),
        ("negotiation", D("200000"), False, [E] * 4, ["单数"]),
    ],
)
def test_composition(method, ceiling, is_complex, kinds, fragments):
    errors = " ".join(composition_errors(method, ceiling, is_complex, kinds))
    if not fragments:
        assert errors == ""
    for fragment in fragments:
        assert fragment in errors


@pytest.mark.parametrize(
    "verdicts, size, expected",
    [
        ({1: [True] * 5, 2: [True, True, True, False, False]}, 5, {1, 2}),
        ({1: [True, True, False, False, False]}, 5, set()),  # a minority is not enough
        ({1: [True, True, False]}, 3, {1}),
        ({1: [True]}, 3, set()),  # missing verdicts never count as passes
        ({}, 3, set()),
    ],
)
def test_qualified_bids_by_majority(verdicts, size, expected):
    assert qualified_bids([1, 2], verdicts, size) == expected
