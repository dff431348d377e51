import pytest
from django.core.exceptions import ValidationError

from marketplace.masking import mask_id_number, mask_phone
from marketplace.validators import validate_credit_code


@pytest.mark.parametrize(
    "code",
    ["91350100M000100Y43", "51530000MJ0000001Q"],
)
def test_valid_credit_codes_pass(code):
    from marketplace.validators import credit_code_check_digit

    validate_credit_code(code[:17] + credit_code_check_digit(code[:17]))


@pytest.mark.parametrize(
    "code,message",
    [("12345", "18位"), ("91350100M000100YI3", "18位"), ("91350100M000100Y40", "校验位")],
)
def test_bad_credit_codes_fail_with_chinese_message(code, message):
    with pytest.raises(ValidationError, match=message):
        validate_credit_code(code)


def test_known_real_code_check_digit():
    # A published code (GB 32100 example style): the check digit must round-trip.
    validate_credit_code("91350100M000100Y43")


def test_masks():
    assert mask_phone("13812341234") == "138****1234"
    assert mask_id_number("530102199001011234") == "530***********1234"


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("530102199001011234", "530***********1234"),
        ("11010519491231002X", "110***********002X"),
        ("11010519491231002x", "110***********002X"),  # as stored: upper case
        (" 11010519491231002X ", "110***********002X"),
        ("110105491231002", "110********1002"),  # an old 15-digit number
        ("1234567", "****"),
        ("", ""),
        (None, ""),
    ],
)
def test_id_numbers_keep_the_first_3_and_last_4(number, masked):
    assert mask_id_number(number) == masked
    if number and len(number.strip()) == 18:
        assert number.strip()[6:14] not in masked  # the birth date never shows
