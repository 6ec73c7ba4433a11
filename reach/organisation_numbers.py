"""Swedish organisation numbers: the key by which an organisation is counted once."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORGANISATION_NUMBER = re.compile(r"^(\d{6})[- ]?(\d{4})$")


def luhn_check_digit(digits: str) -> int:
    """The Luhn (mod 10) check digit for `digits`, weights 2, 1, 2, ... from the left as Sweden uses."""
    total = 0
    for position, char in enumerate(digits):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def normalise_organisation_number(value: str) -> str:
    """`NNNNNN-NNNN` for a valid Swedish organisation (or personal) number; ValidationError otherwise.

    Accepts ten digits with or without the hyphen (or a space) before the last four. The last
    digit must be the Luhn check digit of the first nine.
    """
    match = ORGANISATION_NUMBER.match((value or "").strip())
    if not match:
        raise ValidationError(
            _("Enter the organisation number as ten digits, NNNNNN-NNNN."), code="organisation_number_format"
        )
    digits = match.group(1) + match.group(2)
    if digits == "0" * 10 or luhn_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            _("This organisation number does not exist: its check digit is wrong."),
            code="organisation_number_check_digit",
        )
    return f"{match.group(1)}-{match.group(2)}"


def validate_organisation_number(value: str) -> None:
    normalise_organisation_number(value)
